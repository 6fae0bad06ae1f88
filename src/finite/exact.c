/*
 * Certified predictions next to the Monte Carlo: the exact finite-width
 * mean of the diagonal NTK of a ReLU network with zero-initialized biases
 * (proofs/finite-width.md, Lemmas F3, F4), the papers' formulas K2 and HN1
 * as written (papers.md P3), and the infinite-width ratio (Lemma F5).
 * Doubles given by the caller (sigma_w2, |x|^2) are taken as exact.
 */
#include <math.h>
#include "ntkdepth/finite.h"

ntk_status
ntk_finite_mean_exact(arb_t res, const ntk_finite_config_t cfg, slong isig,
                      slong depth, double norm2, slong prec)
{
    arb_t s2, G, Ea, P, term, t, alpha, beta;
    int he = cfg->init == NTK_FINITE_INIT_HE;
    int ntkp = cfg->param == NTK_FINITE_PARAM_NTK;
    slong L = depth;

    if (!ntk_finite_act_is_relu(cfg->act))
        return ntk_error_set(NTK_DOMAIN, "exact mean: defined for relu only (got %s)", cfg->act->name);
    if (!he && cfg->sigma_b2 != 0)
        return ntk_error_set(NTK_DOMAIN, "exact mean: needs sigma_b2 = 0 (got %g)", cfg->sigma_b2);
    if (depth < 1 || depth > cfg->nwidths)
        return ntk_error_set(NTK_DOMAIN, "exact mean: depth %ld out of range", (long) depth);

    arb_init(s2); arb_init(G); arb_init(Ea); arb_init(P); arb_init(term);
    arb_init(t); arb_init(alpha); arb_init(beta);
    arb_set_d(s2, cfg->sigma_w2[isig]);
    arb_mul_2exp_si(s2, s2, -1);              /* s/2 */
    arb_zero(res);
    /* Lemma F3/F4: sum over l = 1..L+1 of [alpha_l E|a^{l-1}|^2 + beta_l P_{l-1}] G_l,
       E|a^m|^2 = n_m (s/2)^m |x|^2/n0, G_l = (s/2)^{L+1-l}, P_m = prod (1 - 2^-n_j) */
    arb_one(P);
    for (slong l = 1; l <= L + 1; l++)
    {
        slong nin = ntk_finite_width(cfg, l - 1);
        /* Ea = n_{l-1} (s/2)^{l-1} |x|^2 / n0 */
        arb_pow_ui(Ea, s2, (ulong) (l - 1), prec);
        arb_set_d(t, norm2);
        arb_mul(Ea, Ea, t, prec);
        arb_mul_si(Ea, Ea, nin, prec);
        arb_div_si(Ea, Ea, cfg->n0, prec);
        if (he || ntkp)
        {
            arb_set_d(alpha, cfg->sigma_w2[isig]);
            arb_div_si(alpha, alpha, nin, prec);
        }
        else
            arb_one(alpha);
        if (he || !ntkp)
            arb_one(beta);
        else
            arb_zero(beta);                     /* NTK parameterization, sigma_b2 = 0 */
        arb_mul(term, alpha, Ea, prec);
        arb_addmul(term, beta, P, prec);
        arb_pow_ui(G, s2, (ulong) (L + 1 - l), prec);
        arb_addmul(res, term, G, prec);
        if (l <= L)
        {
            /* P_l = P_{l-1} (1 - 2^{-n_l}) */
            arb_one(t);
            arb_mul_2exp_si(t, t, -ntk_finite_width(cfg, l));
            arb_sub_ui(t, t, 1, prec);
            arb_neg(t, t);
            arb_mul(P, P, t, prec);
        }
    }
    arb_clear(s2); arb_clear(G); arb_clear(Ea); arb_clear(P); arb_clear(term);
    arb_clear(t); arb_clear(alpha); arb_clear(beta);
    return NTK_SUCCESS;
}

void
ntk_finite_k2_formula(arb_t res, double sigma_w2, slong L, slong M, slong n0,
                      double norm2, slong prec)
{
    arb_t r, t, u;
    arb_init(r); arb_init(t); arb_init(u);
    arb_set_d(r, sigma_w2);
    arb_mul_2exp_si(r, r, -1);
    /* (1 - r^(L+1))/(1 - r), = L + 1 at r = 1 */
    if (sigma_w2 == 2.0)
        arb_set_si(res, L + 1);
    else
    {
        arb_pow_ui(t, r, (ulong) (L + 1), prec);
        arb_sub_ui(t, t, 1, prec);
        arb_sub_ui(u, r, 1, prec);
        arb_div(res, t, u, prec);
    }
    /* + r^L |x|^2 (1 + L M / n0) */
    arb_pow_ui(t, r, (ulong) L, prec);
    arb_set_d(u, norm2);
    arb_mul(t, t, u, prec);
    arb_set_si(u, L);
    arb_mul_si(u, u, M, prec);
    arb_div_si(u, u, n0, prec);
    arb_add_ui(u, u, 1, prec);
    arb_addmul(res, t, u, prec);
    arb_clear(r); arb_clear(t); arb_clear(u);
}

void
ntk_finite_hn1_formula(arb_t res, slong d, slong n0, double norm2, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_set_d(t, norm2);
    arb_div_si(t, t, n0, prec);
    arb_set_d(res, 0.5);
    arb_add(res, res, t, prec);
    arb_mul_si(res, res, d, prec);
    arb_clear(t);
}

ntk_status
ntk_finite_ratio_infinite(arb_t res, slong depth, double r, slong prec)
{
    /* Lemma F5: ReLU at sigma_b = 0 (any sigma_w2: homogeneity), unit
       variances: c_{l+1} = (sqrt(1 - c^2) + (pi - acos c) c)/pi,
       th_{l+1} = th_l (pi - acos c_l)/pi + c_{l+1}, th_1 = c_1 = r;
       diagonal th^l_11 = l.  Ratio = th_{L+1} / (L + 1). */
    arb_t c, th, pi, a, s, t;
    if (!(r >= -1 && r <= 1))
        return ntk_error_set(NTK_DOMAIN, "r = %g: must be in [-1, 1]", r);
    arb_init(c); arb_init(th); arb_init(pi); arb_init(a); arb_init(s); arb_init(t);
    arb_const_pi(pi, prec);
    arb_set_d(c, r);
    arb_set(th, c);
    for (slong l = 1; l <= depth; l++)
    {
        /* a = (pi - acos c)/pi, in [0, 1] */
        arb_acos(a, c, prec);
        arb_sub(a, pi, a, prec);
        arb_div(a, a, pi, prec);
        /* s = sqrt(1 - c^2) */
        arb_mul(s, c, c, prec);
        arb_sub_ui(s, s, 1, prec);
        arb_neg(s, s);
        if (arb_contains_negative(s))
        {
            /* c within rounding of +-1: 1 - c^2 is in [0, rad]; sqrt of [0, x] */
            arb_get_abs_ubound_arf(arb_midref(t), s, prec);
            mag_zero(arb_radref(t));
            arb_sqrt(t, t, prec);
            arb_zero(s);
            arb_add_error(s, t);
        }
        else
            arb_sqrt(s, s, prec);
        arb_mul(th, th, a, prec);           /* th * D_12 (normalized) */
        arb_mul(t, a, c, prec);
        arb_mul(t, t, pi, prec);
        arb_add(t, t, s, prec);
        arb_div(c, t, pi, prec);            /* next correlation */
        arb_add(th, th, c, prec);
    }
    arb_div_si(res, th, depth + 1, prec);
    arb_clear(c); arb_clear(th); arb_clear(pi); arb_clear(a); arb_clear(s); arb_clear(t);
    return NTK_SUCCESS;
}
