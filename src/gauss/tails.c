/*
 * tails.c -- Gaussian tail bounds, growth bounds of activation derivatives
 * and the planning / error formula of the trapezoidal rule.
 * Lemmas: proofs/tails.md (T1 tail moments, T2 1D truncation, T4 Cauchy
 * growth of derivatives, Q1 trapezoidal rule on R).
 */
#include <math.h>
#include "gauss_internal.h"

void
_gauss_growth_init(gauss_growth_t g)
{
    arb_init(g->A); arb_init(g->B); arb_init(g->r);
    g->P = 1;
}

void
_gauss_growth_clear(gauss_growth_t g)
{
    arb_clear(g->A); arb_clear(g->B); arb_clear(g->r);
}

void
_gauss_ub(arb_t res, const arb_t x, slong prec)
{
    arf_t t;
    arf_init(t);
    arb_get_abs_ubound_arf(t, x, prec);
    arb_set_arf(res, t);
    arf_clear(t);
}

void
_gauss_lb(arb_t res, const arb_t x, slong prec)
{
    arf_t t;
    arf_init(t);
    arb_get_lbound_arf(t, x, prec);
    arb_set_arf(res, t);
    arf_clear(t);
}

double
_gauss_ub_d(const arb_t x)
{
    arf_t t;
    double d;
    arf_init(t);
    arb_get_abs_ubound_arf(t, x, 53);
    d = arf_get_d(t, ARF_RND_UP);
    arf_clear(t);
    return d;
}

/* one branch, k = 0: the act module's bound, clamped and made exact */
static ntk_status
growth0(gauss_growth_t g, const ntk_act_t act, int branch, slong prec)
{
    arb_t rmax;
    ntk_act_growth_poly(g->A, g->B, g->r, &g->P, act, branch, prec);
    if (g->P <= 0)
    {
        /* B |z|^0 = B: fold into A */
        arb_add(g->A, g->A, g->B, prec);
        arb_zero(g->B);
        g->P = 1;
    }
    if (!arb_is_finite(g->A) || !arb_is_finite(g->B))
        return ntk_error_set(NTK_UNABLE, "activation '%s': no finite growth "
                             "bound for the tail estimate", act->name);
    _gauss_ub(g->A, g->A, prec);
    _gauss_ub(g->B, g->B, prec);
    arb_init(rmax);
    arb_set_si(rmax, GAUSS_RMAX);
    if (!arb_is_finite(g->r) || arb_gt(g->r, rmax))
        arb_set(g->r, rmax);
    else
        _gauss_lb(g->r, g->r, prec);
    arb_clear(rmax);
    if (!arb_is_positive(g->r))
        return ntk_error_set(NTK_UNABLE, "activation '%s': growth strip "
                             "has no positive width", act->name);
    return NTK_SUCCESS;
}

ntk_status
_gauss_growth(gauss_growth_t g, const ntk_act_t act, int branch, slong k,
              slong prec)
{
    return _gauss_growth_rho(g, act, branch, k, 1, prec);
}

ntk_status
_gauss_growth_rho(gauss_growth_t g, const ntk_act_t act, int branch, slong k,
                  slong sh, slong prec)
{
    ntk_status st;
    arb_t rho, t, u;

    if (branch == 2)
    {
        gauss_growth_t h;
        _gauss_growth_init(h);
        st = _gauss_growth_rho(g, act, -1, k, sh, prec);
        if (st == NTK_SUCCESS)
            st = _gauss_growth_rho(h, act, 1, k, sh, prec);
        if (st == NTK_SUCCESS)
        {
            arb_max(g->A, g->A, h->A, prec);
            arb_max(g->B, g->B, h->B, prec);
            arb_min(g->r, g->r, h->r, prec);
            _gauss_ub(g->A, g->A, prec);
            _gauss_ub(g->B, g->B, prec);
            _gauss_lb(g->r, g->r, prec);
        }
        _gauss_growth_clear(h);
        return st;
    }

    st = growth0(g, act, branch, prec);
    if (st != NTK_SUCCESS || k == 0)
        return st;

    /* proofs/tails.md, Lemma T4: Cauchy's estimate on the circle of radius
       rho = r 2^-sh around z, |Im z| <= r - rho:
       |phi^(k)(z)| <= k! rho^-k (A + B (|z| + rho)^P)
                    <= k! rho^-k (A + B 2^(P-1) rho^P + B 2^(P-1) |z|^P) */
    arb_init(rho); arb_init(t); arb_init(u);
    arb_mul_2exp_si(rho, g->r, -sh);
    arb_fac_ui(t, (ulong) k, prec);
    arb_pow_ui(u, rho, (ulong) k, prec);
    arb_div(t, t, u, prec);                       /* k! rho^-k */
    arb_mul_2exp_si(g->B, g->B, g->P - 1);        /* B 2^(P-1) */
    arb_pow_ui(u, rho, (ulong) g->P, prec);
    arb_addmul(g->A, g->B, u, prec);
    arb_mul(g->A, g->A, t, prec);
    arb_mul(g->B, g->B, t, prec);
    _gauss_ub(g->A, g->A, prec);
    _gauss_ub(g->B, g->B, prec);
    arb_sub(g->r, g->r, rho, prec);
    _gauss_lb(g->r, g->r, prec);
    arb_clear(rho); arb_clear(t); arb_clear(u);
    return NTK_SUCCESS;
}

void
_gauss_density(arb_t res, const arb_t x, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_sqr(t, x, prec);
    arb_mul_2exp_si(t, t, -1);
    arb_neg(t, t);
    arb_exp(t, t, prec);
    arb_const_pi(res, prec);
    arb_mul_2exp_si(res, res, 1);
    arb_rsqrt(res, res, prec);
    arb_mul(res, res, t, prec);
    arb_clear(t);
}

/* gamma(k h) for k = 0..n-1 from gamma((k+1) h) = gamma(k h) r^(2k+1),
   r = exp(-h^2/2): two multiplications per node instead of an exp.  The
   products of the recurrence multiply the relative radius by about k^2 at
   node k; the extra working bits 2 log2(n) + 8 pay for it. */
void
_gauss_density_grid(arb_ptr res, const arb_t h, slong n, slong prec)
{
    arb_t r, r2, p;
    slong k, wp = prec + 2 * FLINT_BIT_COUNT(n) + 8;

    if (n <= 0)
        return;
    arb_init(r); arb_init(r2); arb_init(p);
    arb_sqr(r, h, wp);
    arb_mul_2exp_si(r, r, -1);
    arb_neg(r, r);
    arb_exp(r, r, wp);                      /* r = exp(-h^2/2) */
    arb_sqr(r2, r, wp);
    arb_set(p, r);                          /* r^(2k+1) at k = 0 */
    arb_const_pi(res, wp);
    arb_mul_2exp_si(res, res, 1);
    arb_rsqrt(res, res, wp);                /* gamma(0) */
    for (k = 0; k + 1 < n; k++)
    {
        arb_mul(res + k + 1, res + k, p, wp);
        arb_mul(p, p, r2, wp);
    }
    for (k = 0; k < n; k++)
        arb_set_round(res + k, res + k, prec);
    arb_clear(r); arb_clear(r2); arb_clear(p);
}

void
_gauss_density_acb(acb_t res, const acb_t x, slong prec)
{
    acb_t t;
    arb_t c;
    acb_init(t); arb_init(c);
    acb_sqr(t, x, prec);
    acb_mul_2exp_si(t, t, -1);
    acb_neg(t, t);
    acb_exp(t, t, prec);
    arb_const_pi(c, prec);
    arb_mul_2exp_si(c, c, 1);
    arb_rsqrt(c, c, prec);
    acb_mul_arb(res, t, c, prec);
    acb_clear(t); arb_clear(c);
}

/* proofs/tails.md, Lemma T1 */
void
_gauss_tail_moments(arb_ptr M, const arb_t T, slong n, slong prec)
{
    arb_t g, Tp, t;
    slong j;
    if (n <= 0)
        return;
    arb_init(g); arb_init(Tp); arb_init(t);
    _gauss_density(g, T, prec);
    /* M_0 = erfc(T / sqrt 2) / 2 */
    arb_sqrt_ui(t, 2, prec);
    arb_div(t, T, t, prec);
    arb_hypgeom_erfc(M, t, prec);
    arb_mul_2exp_si(M, M, -1);
    if (n > 1)
        arb_set(M + 1, g);
    arb_one(Tp);                        /* T^(j-1) */
    for (j = 2; j < n; j++)
    {
        arb_mul(Tp, Tp, T, prec);
        arb_mul(M + j, Tp, g, prec);
        arb_addmul_si(M + j, M + j - 2, j - 1, prec);
    }
    arb_clear(g); arb_clear(Tp); arb_clear(t);
}

void
_gauss_abs_moments(arb_ptr m, slong n, slong prec)
{
    slong j;
    if (n <= 0)
        return;
    arb_one(m);
    if (n > 1)
    {
        arb_const_pi(m + 1, prec);
        arb_ui_div(m + 1, 2, m + 1, prec);
        arb_sqrt(m + 1, m + 1, prec);
    }
    for (j = 2; j < n; j++)
        arb_mul_si(m + j, m + j - 2, j - 1, prec);
}

void
_gauss_poly_growth(arb_poly_t p, const gauss_growth_t g, const arb_t s,
                   const arb_t a, slong prec)
{
    /* A + B (s t + a)^P = A + B sum_i binom(P, i) s^i a^(P-i) t^i */
    arb_t c, si, ai;
    slong i, P = g->P;
    arb_init(c); arb_init(si); arb_init(ai);
    arb_poly_zero(p);
    for (i = 0; i <= P; i++)
    {
        arb_bin_uiui(c, (ulong) P, (ulong) i, prec);
        arb_pow_ui(si, s, (ulong) i, prec);
        arb_pow_ui(ai, a, (ulong) (P - i), prec);
        arb_mul(c, c, si, prec);
        arb_mul(c, c, ai, prec);
        arb_mul(c, c, g->B, prec);
        if (i == 0)
            arb_add(c, c, g->A, prec);
        _gauss_ub(c, c, prec);
        arb_poly_set_coeff_arb(p, i, c);
    }
    arb_clear(c); arb_clear(si); arb_clear(ai);
}

void
_gauss_poly_moment(arb_t res, const arb_poly_t p, arb_srcptr w, slong prec)
{
    slong j, n = arb_poly_length(p);
    arb_zero(res);
    for (j = 0; j < n; j++)
        arb_addmul(res, arb_poly_get_coeff_ptr(p, j), w + j, prec);
    _gauss_ub(res, res, prec);
}

void
_gauss_poly_tail(arb_t res, const arb_poly_t p, const arb_t T, slong prec)
{
    slong n = arb_poly_length(p);
    arb_ptr M;
    if (n == 0)
    {
        arb_zero(res);
        return;
    }
    M = _arb_vec_init(n);
    _gauss_tail_moments(M, T, n, prec);
    _gauss_poly_moment(res, p, M, prec);
    _arb_vec_clear(M, n);
}

void
_gauss_poly_full(arb_t res, const arb_poly_t p, slong prec)
{
    slong n = arb_poly_length(p);
    arb_ptr m;
    if (n == 0)
    {
        arb_zero(res);
        return;
    }
    m = _arb_vec_init(n);
    _gauss_abs_moments(m, n, prec);
    _gauss_poly_moment(res, p, m, prec);
    _arb_vec_clear(m, n);
}

void
_gauss_add_error(arb_t x, const arb_t err)
{
    arb_add_error(x, err);
}

double
_gauss_plan_T(double bits, slong deg)
{
    double T = sqrt(2.0 * bits * GAUSS_LN2), L;
    int i;
    for (i = 0; i < 4; i++)
    {
        L = bits * GAUSS_LN2 + (double) deg * log(T > 1 ? T : 1);
        T = sqrt(2.0 * L);
    }
    return T + 1.0;
}

void
_gauss_plan_trap(double *a, double *h, double dmax, double bits)
{
    double aopt = sqrt(2.0 * bits * GAUSS_LN2);
    double aa = dmax < aopt ? dmax : aopt;
    *a = aa;
    *h = 2.0 * GAUSS_PI * aa / (bits * GAUSS_LN2 + 0.5 * aa * aa + 4.0);
}

/* proofs/tails.md, Lemma Q1 */
void
_gauss_trap_error(arb_t res, const arb_t M, const arb_t a, const arb_t h,
                  slong prec)
{
    arb_t al, hu, e;
    arb_init(al); arb_init(hu); arb_init(e);
    _gauss_lb(al, a, prec);
    _gauss_ub(hu, h, prec);
    arb_const_pi(e, prec);
    arb_mul_2exp_si(e, e, 1);
    arb_mul(e, e, al, prec);
    arb_div(e, e, hu, prec);
    arb_expm1(e, e, prec);
    arb_div(res, M, e, prec);
    arb_mul_2exp_si(res, res, 1);
    _gauss_ub(res, res, prec);
    arb_clear(al); arb_clear(hu); arb_clear(e);
}

ntk_status
_gauss_jet_real(arb_ptr res, const ntk_act_t act, const arb_t x, int branch,
                slong len, slong prec)
{
    ntk_status st;
    slong j;
    acb_t z;
    acb_ptr v;
    if (branch == 0)
        return ntk_act_jet_arb(res, act, x, len, prec);
    acb_init(z);
    v = _acb_vec_init(len);
    acb_set_arb(z, x);
    st = ntk_act_jet(v, act, z, branch, len, prec);
    for (j = 0; j < len; j++)
        arb_set(res + j, acb_realref(v + j));
    _acb_vec_clear(v, len);
    acb_clear(z);
    return st;
}

int
_gauss_in_domain(const acb_t z, const arb_t r, int branch)
{
    arb_t t;
    int ok = 1;
    arb_init(t);
    arb_abs(t, acb_imagref(z));
    if (!arb_le(t, r))
        ok = 0;
    if (ok && branch == 1)
    {
        arb_neg(t, r);
        if (!arb_ge(acb_realref(z), t))
            ok = 0;
    }
    if (ok && branch == -1)
    {
        if (!arb_le(acb_realref(z), r))
            ok = 0;
    }
    arb_clear(t);
    return ok;
}

void
_gauss_interval_si(arb_t res, slong lo, slong hi)
{
    arb_set_si(res, lo + hi);
    arb_mul_2exp_si(res, res, -1);
    /* exact: midpoint (lo + hi)/2, radius (hi - lo)/2 */
    mag_set_ui(arb_radref(res), (ulong) (hi - lo));
    mag_mul_2exp_si(arb_radref(res), arb_radref(res), -1);
}

/* ntk_act_jet, but through the (much cheaper) real jet when z is real and
   the activation has a single branch */
ntk_status
_gauss_jet(acb_ptr res, const ntk_act_t act, const acb_t z, int branch,
           slong len, slong prec)
{
    if (branch == 0 && arb_is_zero(acb_imagref(z)))
    {
        arb_ptr v = _arb_vec_init(len);
        slong j;
        ntk_status st = ntk_act_jet_arb(v, act, acb_realref(z), len, prec);
        for (j = 0; j < len; j++)
            acb_set_arb(res + j, v + j);
        _arb_vec_clear(v, len);
        return st;
    }
    return ntk_act_jet(res, act, z, branch, len, prec);
}
