/*
 * src/act/owent.c -- Owen's T function and the normal-orthant building
 * blocks of the ELU/SELU kernels (src/act/elu.c).
 *
 *   T(h, a) = (1 / 2 pi) int_0^a exp(-h^2 (1 + x^2) / 2) / (1 + x^2) dx
 *
 * Evaluation (proofs/activations.md, Lemmas A22-A24):
 *   |a| <= 1/2     : power series in a with the tail bound of Lemma A22;
 *   1/2 < |a| <= 2 : certified 1D integral (acb_calc_integrate; the
 *                    integrand is analytic except for poles at +-i);
 *   |a| > 2        : reflection T(h, a) = sgn(a) (R(|h|, |a h|) -
 *                    T(|a h|, 1/|a|)), R(x, y) = (Phi(x) Q(y) + Q(x) Phi(y))/2
 *                    (Lemma A23), then the series.
 * Phi is the standard normal cdf, Q = 1 - Phi (both by erfc, no
 * cancellation in the tails).
 */
#include "act_impl.h"

void
_ntk_act_normal_sf(arb_t res, const arb_t x, slong prec)
{
    /* Q(x) = erfc(x / sqrt 2) / 2 */
    arb_t t;
    arb_init(t);
    arb_rsqrt_ui(t, 2, prec);
    arb_mul(t, t, x, prec);
    arb_hypgeom_erfc(res, t, prec);
    arb_mul_2exp_si(res, res, -1);
    arb_clear(t);
}

void
_ntk_act_normal_cdf(arb_t res, const arb_t x, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_neg(t, x);
    _ntk_act_normal_sf(res, t, prec);
    arb_clear(t);
}

/* Phi(x) - 1/2 = erf(x / sqrt 2) / 2, no cancellation near x = 0 */
static void
normal_half(arb_t res, const arb_t x, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_rsqrt_ui(t, 2, prec);
    arb_mul(t, t, x, prec);
    arb_hypgeom_erf(res, t, prec);
    arb_mul_2exp_si(res, res, -1);
    arb_clear(t);
}

/* R(x, y) = (Phi(x) Q(y) + Q(x) Phi(y)) / 2 */
static void
owen_R(arb_t res, const arb_t x, const arb_t y, slong prec)
{
    arb_t px, qx, py, qy;
    arb_init(px);
    arb_init(qx);
    arb_init(py);
    arb_init(qy);
    /* x, y >= 0 here: Phi = 1 - Q >= 1/2 has no cancellation */
    _ntk_act_normal_sf(qx, x, prec);
    _ntk_act_normal_sf(qy, y, prec);
    if (arb_is_nonnegative(x))
    {
        arb_sub_ui(px, qx, 1, prec);
        arb_neg(px, px);
    }
    else
        _ntk_act_normal_cdf(px, x, prec);
    if (arb_is_nonnegative(y))
    {
        arb_sub_ui(py, qy, 1, prec);
        arb_neg(py, py);
    }
    else
        _ntk_act_normal_cdf(py, y, prec);
    arb_mul(res, px, qy, prec);
    arb_addmul(res, qx, py, prec);
    arb_mul_2exp_si(res, res, -1);
    arb_clear(px);
    arb_clear(qx);
    arb_clear(py);
    arb_clear(qy);
}

/* T(h, a) for |a| <= 1/2 (every point of the ball a), by
     T = (1/2pi) sum_n (-1)^n f_n a^(2n+1) / (2n+1),
     f_n = e^(-x) sum_{i<=n} x^i / i!  in (0, 1],  x = h^2 / 2,
   with |tail after N terms| <= |a|^(2N+1) / (2pi (2N+1)(1 - a^2))
   (proofs/activations.md, Lemma A22). */
static void
owent_series(arb_t res, const arb_t h, const arb_t a, slong prec)
{
    arb_t x, p, f, a2, pw, t, s;
    mag_t am, tail, m, slo;
    slong n, wp, nmax;
    double xd, amd;

    arb_init(x);
    arb_init(p);
    arb_init(f);
    arb_init(a2);
    arb_init(pw);
    arb_init(t);
    arb_init(s);
    mag_init(am);
    mag_init(tail);
    mag_init(m);
    mag_init(slo);

    if (arb_is_zero(a))
    {
        arb_zero(res);
        goto cleanup;
    }
    arb_get_mag(am, a);
    amd = mag_get_d(am);
    arb_sqr(x, h, prec);
    arb_mul_2exp_si(x, x, -1);
    xd = arf_get_d(arb_midref(x), ARF_RND_UP);
    if (!(xd < 1e6))
        xd = 1e6;
    /* terms are bounded by e^(x a^2) times the sum's scale: guard bits */
    wp = prec + 16 + (slong) (1.5 * xd * amd * amd);
    nmax = 4 * wp + (slong) (2 * xd) + 20;

    arb_neg(p, x);
    arb_exp(p, p, wp);                  /* p_0 = e^(-x) */
    arb_set(f, p);                      /* f_0 */
    arb_sqr(a2, a, wp);
    arb_set(pw, a);                     /* a^(2n+1) */
    arb_zero(s);
    for (n = 0; ; n++)
    {
        arb_mul(t, f, pw, wp);
        arb_div_ui(t, t, (ulong) (2 * n + 1), wp);
        if (n & 1)
            arb_sub(s, s, t, wp);
        else
            arb_add(s, s, t, wp);
        /* next */
        arb_mul(pw, pw, a2, wp);
        arb_mul(p, p, x, wp);
        arb_div_ui(p, p, (ulong) (n + 1), wp);
        arb_add(f, f, p, wp);
        /* tail bound for the terms n+1, n+2, ...:
           |a|^(2n+3) / ((2n+3)(1 - |a|^2)) */
        mag_pow_ui(tail, am, (ulong) (2 * n + 3));
        mag_div_ui(tail, tail, (ulong) (2 * n + 3));
        mag_mul(m, am, am);
        mag_one(slo);
        {
            /* 1 / (1 - |a|^2) <= 4/3 since |a| <= 1/2 */
            mag_set_ui(slo, 4);
            mag_div_ui(slo, slo, 3);
        }
        mag_mul(tail, tail, slo);
        arb_get_mag_lower(slo, s);
        mag_mul_2exp_si(slo, slo, -wp);
        if (mag_cmp(tail, slo) <= 0 || n >= nmax)
            break;
    }
    arb_add_error_mag(s, tail);
    arb_const_pi(t, wp);
    arb_mul_2exp_si(t, t, 1);
    arb_div(res, s, t, prec);

cleanup:
    arb_clear(x);
    arb_clear(p);
    arb_clear(f);
    arb_clear(a2);
    arb_clear(pw);
    arb_clear(t);
    arb_clear(s);
    mag_clear(am);
    mag_clear(tail);
    mag_clear(m);
    mag_clear(slo);
}

/* integrand exp(-x (1 + z^2)) / (1 + z^2), x = h^2 / 2 (param);
   meromorphic with poles at +-i: a non-finite value on balls that
   contain a pole tells acb_calc_integrate it is not holomorphic there */
static int
owent_integrand(acb_ptr out, const acb_t z, void *param, slong order, slong prec)
{
    const arb_struct *x = (const arb_struct *) param;
    acb_t w, e;
    (void) order;
    acb_init(w);
    acb_init(e);
    acb_sqr(w, z, prec);
    acb_add_ui(w, w, 1, prec);
    acb_mul_arb(e, w, x, prec);
    acb_neg(e, e);
    acb_exp(e, e, prec);
    acb_div(out, e, w, prec);
    acb_clear(w);
    acb_clear(e);
    return 0;
}

static void
owent_integral(arb_t res, const arb_t h, const arb_t a, slong prec)
{
    arb_t x;
    acb_t r, lo, hi;
    mag_t tol;
    acb_calc_integrate_opt_t opt;
    slong wp = prec + 10;

    arb_init(x);
    acb_init(r);
    acb_init(lo);
    acb_init(hi);
    mag_init(tol);
    acb_calc_integrate_opt_init(opt);

    arb_sqr(x, h, wp);
    arb_mul_2exp_si(x, x, -1);
    /* absolute tolerance relative to the size of the result,
       |T| >= e^(-x (1 + a^2)) |a| / (2 pi (1 + a^2)) > e^(-5x) / 80 */
    {
        arb_t t;
        arb_init(t);
        arb_mul_ui(t, x, 5, wp);
        arb_neg(t, t);
        arb_exp(t, t, wp);
        arb_div_ui(t, t, 80, wp);
        arb_get_mag_lower(tol, t);
        mag_mul_2exp_si(tol, tol, -wp);
        if (mag_is_zero(tol))
            mag_set_ui_2exp_si(tol, 1, -wp);
        arb_clear(t);
    }
    acb_zero(lo);
    acb_set_arb(hi, a);
    acb_calc_integrate(r, owent_integrand, x, lo, hi, wp, tol, opt, wp);
    arb_const_pi(x, wp);
    arb_mul_2exp_si(x, x, 1);
    arb_div(res, acb_realref(r), x, prec);

    arb_clear(x);
    acb_clear(r);
    acb_clear(lo);
    acb_clear(hi);
    mag_clear(tol);
}

/* |x| <= m certainly */
static int
mag_le(const arb_t x, const mag_t m)
{
    mag_t t;
    int r;
    mag_init(t);
    arb_get_mag(t, x);
    r = mag_cmp(t, m) <= 0;
    mag_clear(t);
    return r;
}

void
_ntk_act_owent(arb_t res, const arb_t h, const arb_t a, slong prec)
{
    mag_t half, two;
    arb_t ah, ia, habs, t;

    mag_init(half);
    mag_init(two);
    arb_init(ah);
    arb_init(ia);
    arb_init(habs);
    arb_init(t);
    mag_set_ui_2exp_si(half, 1, -1);
    mag_set_ui(two, 2);

    if (mag_le(a, half))
        owent_series(res, h, a, prec);
    else if (mag_le(a, two) || !(arb_is_positive(a) || arb_is_negative(a)))
        owent_integral(res, h, a, prec);
    else
    {
        /* Lemma A23: T(h, a) = sgn(a) (R(|h|, |a h|) - T(|a h|, 1/|a|)) */
        arb_abs(habs, h);
        arb_abs(ia, a);
        arb_mul(ah, ia, habs, prec + 10);
        arb_inv(ia, ia, prec + 10);
        owent_series(t, ah, ia, prec + 10);
        owen_R(res, habs, ah, prec + 10);
        arb_sub(res, res, t, prec);
        if (arb_is_negative(a))
            arb_neg(res, res);
    }
    mag_clear(half);
    mag_clear(two);
    arb_clear(ah);
    arb_clear(ia);
    arb_clear(habs);
    arb_clear(t);
}

void
_ntk_act_owent_gh(arb_t res, const arb_t G, const arb_t H, slong prec)
{
    /* T(G, H / G) for G >= 0; at G = 0 the limit sgn(H) / 4
       (proofs/activations.md, Lemma A23 (c)) */
    mag_t m;
    arb_t Ga, Ha, a, t;
    slong wp = prec + 10;

    mag_init(m);
    arb_init(Ga);
    arb_init(Ha);
    arb_init(a);
    arb_init(t);
    arb_set(Ga, G);
    _ntk_act_clamp_nonneg(Ga, wp);
    arb_abs(Ha, H);

    arb_get_mag_lower(m, Ga);
    mag_mul_2exp_si(m, m, -1);
    if (!mag_is_zero(m) && mag_le(H, m))
    {
        /* |H / G| <= 1/2: series */
        arb_div(a, H, Ga, wp);
        owent_series(res, Ga, a, prec);
        goto cleanup;
    }
    arb_get_mag_lower(m, Ha);
    mag_mul_2exp_si(m, m, -1);
    if (!mag_is_zero(m) && mag_le(Ga, m) && (arb_is_positive(H) || arb_is_negative(H)))
    {
        /* Lemma A23: T(G, H/G) = sgn(H) (R(G, |H|) - T(|H|, G / |H|)) */
        arb_div(a, Ga, Ha, wp);
        owent_series(t, Ha, a, wp);
        owen_R(res, Ga, Ha, wp);
        arb_sub(res, res, t, prec);
        if (arb_is_negative(H))
            arb_neg(res, res);
        goto cleanup;
    }
    if (arb_is_positive(Ga))
    {
        arb_div(a, H, Ga, wp);
        owent_integral(res, Ga, a, prec);
        goto cleanup;
    }
    /* both near 0: |T| <= 1/4 */
    arb_zero(res);
    mag_set_ui_2exp_si(m, 1, -2);
    arb_add_error_mag(res, m);
cleanup:
    mag_clear(m);
    arb_clear(Ga);
    arb_clear(Ha);
    arb_clear(a);
    arb_clear(t);
}

void
_ntk_act_owen_B(arb_t res, const arb_t H, const arb_t G, slong prec)
{
    /* B(H, G) = (Phi(H) - 1/2) Q(G) - T(G, H / G), G >= 0
       (proofs/activations.md, Lemma A24) */
    arb_t t, u;
    mag_t m;
    arb_init(t);
    arb_init(u);
    mag_init(m);
    arb_get_mag_lower(m, H);
    mag_mul_2exp_si(m, m, -1);
    if (!mag_is_zero(m) && mag_le(G, m) && (arb_is_positive(H) || arb_is_negative(H)))
    {
        /* Lemma A24: B(H, G) = sgn(H) (T(|H|, G/|H|) - Q(|H|)/2) (B is odd
           in H); G/|H| <= 1/2: one series and one erfc */
        arb_abs(t, H);
        arb_div(u, G, t, prec + 10);
        _ntk_act_clamp_nonneg(u, prec + 10);
        owent_series(u, t, u, prec + 10);
        _ntk_act_normal_sf(t, t, prec + 10);
        arb_mul_2exp_si(t, t, -1);
        arb_sub(res, u, t, prec);
        if (arb_is_negative(H))
            arb_neg(res, res);
        goto cleanup;
    }
    normal_half(t, H, prec);
    _ntk_act_normal_sf(u, G, prec);
    arb_mul(t, t, u, prec);
    _ntk_act_owent_gh(u, G, H, prec);
    arb_sub(res, t, u, prec);
cleanup:
    arb_clear(t);
    arb_clear(u);
    mag_clear(m);
}
