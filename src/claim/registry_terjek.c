/* Built-in claims: Terjek, Gonzalez-Sanchez 2025 (papers.md, background):
 * phi = a s + b |s| at its EOC sigma_w^2 = 1/(a^2 + b^2),
 * Delta = b^2 / (a^2 + b^2) (proofs/claims.md, Lemma C12). */
const char *ntk_registry_terjek =
"[T1]\n"
"paper = terjek\n"
"source = Terjek, Gonzalez-Sanchez 2025\n"
"statement = phi = s + 0.5|s| (Delta = 1/5) at its EOC: eps_k ~ 9 pi^2 / (8 Delta^2 k^2)\n"
"proof = proofs/claims.md, Lemma C12\n"
"act = relulike:1,0.5\nsigma_w2 = 0.8\nsigma_b2 = 0\nq1 = 1\nc0 = 0.5\n"
"quantity = eps\nlaw = power\nexponent = -2\nconstant = 9*pi^2/(8*0.2^2)\n"
"depths = 1e3,1e4,1e6,1e9,1e12\ntolerance = 1e-10\nquick_tolerance = 1e-6\ndigits = 60\nexpect = holds\n"
"[T1-abs]\n"
"paper = terjek\n"
"source = Terjek, Gonzalez-Sanchez 2025\n"
"statement = phi = 0.5 s + |s| (Delta = 4/5) at its EOC: eps_k ~ 9 pi^2 / (8 Delta^2 k^2)\n"
"proof = proofs/claims.md, Lemma C12\n"
"act = relulike:0.5,1\nsigma_w2 = 0.8\nsigma_b2 = 0\nq1 = 1\nc0 = 0.5\n"
"quantity = eps\nlaw = power\nexponent = -2\nconstant = 9*pi^2/(8*0.8^2)\n"
"depths = 1e3,1e4,1e6,1e9,1e12\ntolerance = 1e-10\nquick_tolerance = 1e-6\ndigits = 60\nexpect = holds\n"
"[T2]\n"
"paper = terjek\n"
"source = Terjek, Gonzalez-Sanchez 2025\n"
"statement = phi = s + 0.5|s| at its EOC, q1 = 1: Theta^k_12 / k -> 1/4 for every Delta > 0\n"
"proof = proofs/claims.md, Lemma C12\n"
"act = relulike:1,0.5\nsigma_w2 = 0.8\nsigma_b2 = 0\nq1 = 1\nc0 = 0.5\n"
"quantity = theta12/L\nlaw = limit\nconstant = 1/4\n"
"depths = 1e3,1e4,1e6,1e9,1e12\ntolerance = 1e-8\nquick_tolerance = 1e-6\ndigits = 60\nexpect = holds\n";
