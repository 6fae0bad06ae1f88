/* Built-in background claims (papers.md): A1 (Hayou et al. 2019),
 * SC1 (Schoenholz et al. 2017). */
const char *ntk_registry_background =
"[A1]\n"
"paper = background\n"
"source = Hayou, Doucet, Rousseau 2019: on the impact of the activation\n"
"statement = EOC points of tanh, ELU, SiLU, GELU, erf, softplus; none for SiLU at sigma_b = 0; tanh, ELU: sigma_w -> 1 as sigma_b -> 0\n"
"proof = proofs/claims.md, Lemma C13\n"
"hook = eoc_table\nlaw = eoc\ntolerance = 0.01\ntolerance_kind = absolute\nexpect = holds\n"
"[SC1]\n"
"paper = background\n"
"source = Schoenholz, Gilmer, Ganguli, Sohl-Dickstein 2017\n"
"statement = ordered phase (tanh, sigma_w = 1, sigma_b = 0.3): eps_l shrinks by chi_1 per layer, xi_c = -1/log chi_1\n"
"proof = proofs/claims.md, Lemma C14\n"
"act = tanh\nsigma_w2 = 1\nsigma_b2 = 0.09\nq1 = star\nc0 = 0.5\n"
"quantity = eps\nlaw = exponential\nconstant = chi1\n"
"quantity_tex = \\varepsilon_L\nconstant_tex = \\chi_1\n"
"depths = 10,20,30,40,50,60\ntolerance = 1e-6\ndigits = 40\nexpect = holds\n";
