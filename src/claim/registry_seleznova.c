/* Built-in claims: Seleznova & Kutyniok 2022 (papers.md P3) and the Hanin &
 * Nica 2019 background, decided by Monte Carlo of sampled finite-width
 * networks (src/claim/hooks_finite.c, ntkdepth/finite.h) with the papers'
 * configurations stated in the fields (act, sigma_w2 list, width, n0,
 * depths, samples, seed; quick_depths and quick_samples for the quick run).  Expected
 * verdicts: K1 holds, decided from the exact finite-width moments
 * (certified, proofs/finite-width.md section 8; hook finite_k1_exact);
 * K1-mc, the Monte Carlo reproduction of the paper's figure, inconclusive
 * (Remark K1); K2, HN2 as the papers state them (HN2 as a shape, as
 * papers.md reads it; HN2-slope5 the literal slope, refuted by Remark HN2);
 * HN1 as derived in
 * proofs/finite-width.md Lemma F4 (the statement is half the mean of the
 * He-initialized NTK: refuted as written, by a normalisation factor 2).
 * K3 by training the paper's network (src/claim/hooks_train.c,
 * ntkdepth/train.h), Rule K3 of proofs/finite-width.md section 9; the
 * expected verdict is what the paper-size run measured (Remark K3). */
const char *ntk_registry_seleznova =
"[K1]\n"
"paper = seleznova\n"
"source = Seleznova, Kutyniok 2022: NTK beyond the infinite-width limit\n"
"statement = NTK dispersion E[K^2]/E[K]^2 grows exponentially in L/M at sigma_w^2 >= 2, stays 1 + O(1/M) at sigma_w^2 < 2 (ReLU, n0 = M = 25..400, L/M <= 2; exact moments)\n"
"proof = proofs/finite-width.md, sections 7-8 (Lemmas F6-F11, rule K1)\n"
"act = relu\nsigma_w2 = 0.5,0.8,1.0,1.2,1.4,1.5,1.6,1.7,1.8,1.9,2.0,2.1,2.2,2.5,3.0,3.5\nsigma_b2 = 0\nwidth = 25,50,100,400\n"
"hook = finite_k1_exact\nlaw = exponential\nexpect = holds\n"
"[K1-mc]\n"
"paper = seleznova\n"
"source = Seleznova, Kutyniok 2022: NTK beyond the infinite-width limit (the paper's Monte Carlo figure)\n"
"statement = the NTK dispersion E[K^2]/E[K]^2 grows exponentially with L/M at sigma_w^2 >= 2 and not at sigma_w^2 < 2 (ReLU, M = n0 = 100, depths 1..49, 500 sampled networks)\n"
"proof = proofs/finite-width.md, section 6 (Remark K1)\n"
"act = relu\nsigma_w2 = 0.5,0.8,1.0,1.2,1.4,1.5,1.6,1.7,1.8,1.9,2.0,2.1,2.2,2.5,3.0,3.5\nsigma_b2 = 0\nwidth = 100\nn0 = 100\n"
"depths = 1:49\nquick_depths = 1:49:4\nsamples = 500\nquick_samples = 100\nseed = 1\n"
"hook = finite_k1\nlaw = exponential\nexpect = inconclusive\nbudget = 480\n"
"[K2]\n"
"paper = seleznova\n"
"source = Seleznova, Kutyniok 2022 (derived)\n"
"statement = E K(x,x) = (1 - r^(L+1))/(1 - r) + r^L |x|^2 (1 + L M/n0), r = sigma_w^2/2 (ReLU, standard param., zero-initialized trainable biases)\n"
"proof = proofs/finite-width.md, Lemma F3\n"
"act = relu\nsigma_w2 = 0.5,0.8,1.0,1.2,1.4,1.5,1.6,1.7,1.8,1.9,2.0,2.1,2.2,2.5,3.0,3.5\nsigma_b2 = 0\nwidth = 100\nn0 = 100\n"
"depths = 1:49:6\nquick_depths = 1:49:12\nsamples = 500\nquick_samples = 100\nseed = 1\n"
"hook = finite_k2\nlaw = identity\nexpect = holds\nbudget = 240\n"
"[HN1]\n"
"paper = seleznova\n"
"source = Hanin, Nica 2019: finite depth and width corrections to the NTK\n"
"statement = He init, zero trainable biases: E K(x,x) = d (1/2 + |x|^2/n0), d layers\n"
"proof = proofs/finite-width.md, Lemma F4 (the derived mean is twice this)\n"
"act = relu\ninit = he\nsigma_w2 = 2\nwidth = 100\nn0 = 100\n"
"depths = 1:49\nquick_depths = 1:49:4\nsamples = 500\nquick_samples = 200\nseed = 1\n"
"hook = finite_hn1\nlaw = identity\nexpect = refuted\n"
"[HN2]\n"
"paper = seleznova\n"
"source = Hanin, Nica 2019: finite depth and width corrections to the NTK\n"
"statement = He init: E[K^2]/E[K]^2 is within constants of exp(5 beta), beta = sum 1/n_i (the shape: exponential growth in beta)\n"
"proof = proofs/finite-width.md, section 6\n"
"act = relu\ninit = he\nsigma_w2 = 2\nwidth = 100\nn0 = 100\n"
"depths = 1:49\nquick_depths = 1:49:4\nsamples = 500\nquick_samples = 200\nseed = 1\n"
"hook = finite_hn2\nlaw = exponential\nexpect = holds\n"
"[HN2-slope5]\n"
"paper = seleznova\n"
"source = Hanin, Nica 2019 (literal reading)\n"
"statement = He init: log(E[K^2]/E[K]^2) grows with slope exactly 5 in beta over the paper's range beta <= 0.49\n"
"proof = proofs/finite-width.md, section 6 (Remark HN2)\n"
"act = relu\ninit = he\nsigma_w2 = 2\nwidth = 100\nn0 = 100\n"
"depths = 1:49\nquick_depths = 1:49:4\nsamples = 500\nquick_samples = 200\nseed = 1\n"
"hook = finite_hn2_slope5\nlaw = exponential\nexpect = refuted\n"
"[K3]\n"
"paper = seleznova\n"
"source = Seleznova, Kutyniok 2022: NTK beyond the infinite-width limit (training experiment)\n"
"statement = in full-batch training (MSE, Adam) the NTK stays nearly constant only in the ordered phase sigma_w^2 < 2; it moves a lot at the EOC and beyond\n"
"proof = proofs/finite-width.md, section 9 (Rule K3, Remark K3)\n"
"hook = train_k3\nlaw = identity\nseed = 1\ntolerance = 0.1\ntolerance_kind = absolute\nexpect = refuted\nbudget = 900\n";
