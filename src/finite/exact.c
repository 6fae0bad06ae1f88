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
        if (l <= L)
            arb_addmul(term, beta, P, prec);  /* dead a^{l-1}: h^l = 0, delta^l = 0 */
        else
            arb_add(term, term, beta, prec);  /* readout: df/db = 1 always */
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

/* a ball known to lie in [0, 2] mathematically: drop the parts outside */
static void
clamp_eps(arb_t e, slong prec)
{
    if (arb_contains_negative(e))
    {
        arf_t ub;
        arf_init(ub);
        arb_get_ubound_arf(ub, e, prec);
        if (arf_sgn(ub) <= 0)
            arb_zero(e);
        else
        {
            /* [0, ub] */
            arb_set_arf(e, ub);
            arb_mul_2exp_si(e, e, -1);
            arb_add_error(e, e);
        }
        arf_clear(ub);
    }
}

ntk_status
ntk_finite_ratio_infinite(arb_t res, slong depth, double r, slong prec)
{
    /* Lemma F5: ReLU at sigma_b = 0 (any sigma_w2: homogeneity), unit
       variances, in the variable eps = 1 - c (never forming 1 - eps):
         theta = acos(c) = 2 asin(sqrt(eps/2)),  sqrt(1 - c^2) = sqrt(eps (2 - eps)),
         eps' = (theta + (pi - theta) eps - sqrt(eps (2 - eps))) / pi,
         th' = th (pi - theta)/pi + (1 - eps'),  th_1 = c_1 = r;
       the diagonal is th^l_11 = l.  Ratio = th_{L+1} / (L + 1). */
    arb_t e, th, pi, a, s, t;
    if (!(r >= -1 && r <= 1))
        return ntk_error_set(NTK_DOMAIN, "r = %g: must be in [-1, 1]", r);
    arb_init(e); arb_init(th); arb_init(pi); arb_init(a); arb_init(s); arb_init(t);
    arb_const_pi(pi, prec);
    arb_set_d(e, r);
    arb_sub_ui(e, e, 1, prec);
    arb_neg(e, e);                          /* exact: r is a double */
    arb_set_d(th, r);
    for (slong l = 1; l <= depth; l++)
    {
        /* theta = 2 asin(sqrt(eps/2)) */
        arb_mul_2exp_si(t, e, -1);
        arb_sqrt(t, t, prec);
        arb_asin(a, t, prec);
        arb_mul_2exp_si(a, a, 1);
        /* s = sqrt(eps (2 - eps)) */
        arb_sub_ui(t, e, 2, prec);
        arb_neg(t, t);
        arb_mul(s, e, t, prec);
        clamp_eps(s, prec);
        arb_sqrt(s, s, prec);
        /* th <- th (pi - theta)/pi */
        arb_sub(t, pi, a, prec);
        arb_mul(th, th, t, prec);
        arb_div(th, th, pi, prec);
        /* eps <- g(eps) = (theta + (pi - theta) eps - s)/pi in the mean-value
           form: g at the midpoint, plus sup|g'| rad(eps) with
           g'(eps) = dc'/dc = (pi - theta)/pi in [0, 1] (Lemma F5) */
        {
            arb_t m, tm, am, sm;
            arb_init(m); arb_init(tm); arb_init(am); arb_init(sm);
            arb_get_mid_arb(m, e);
            arb_mul_2exp_si(tm, m, -1);
            arb_sqrt(tm, tm, prec);
            arb_asin(am, tm, prec);
            arb_mul_2exp_si(am, am, 1);
            arb_sub_ui(tm, m, 2, prec);
            arb_neg(tm, tm);
            arb_mul(sm, m, tm, prec);
            clamp_eps(sm, prec);
            arb_sqrt(sm, sm, prec);
            arb_sub(tm, pi, am, prec);
            arb_mul(tm, tm, m, prec);
            arb_add(tm, tm, am, prec);
            arb_sub(tm, tm, sm, prec);
            arb_div(tm, tm, pi, prec);
            arb_add_error_mag(tm, arb_radref(e));
            arb_swap(e, tm);
            arb_clear(m); arb_clear(tm); arb_clear(am); arb_clear(sm);
        }
        clamp_eps(e, prec);
        /* th += c' = 1 - eps' */
        arb_add_ui(th, th, 1, prec);
        arb_sub(th, th, e, prec);
    }
    arb_div_si(res, th, depth + 1, prec);
    arb_clear(e); arb_clear(th); arb_clear(pi); arb_clear(a); arb_clear(s); arb_clear(t);
    return NTK_SUCCESS;
}
