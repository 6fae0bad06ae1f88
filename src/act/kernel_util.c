/*
 * src/act/kernel_util.c -- helpers shared by the closed-form kernels:
 * angles from eps without cancellation, theta - sin(theta) by its series,
 * a stable difference of arcsines, and clamping of balls to ranges where
 * the exact value is known to lie.
 */
#include "act_impl.h"

/* proofs/activations.md, Lemma A3 (c): the exact value is known to lie in
   [lo, hi], so the intersection still encloses it. */
int
_ntk_act_clamp(arb_t x, slong lo, slong hi, slong prec)
{
    arf_t a, b;
    int ok = 1;

    if (!arb_is_finite(x))
    {
        /* nothing known but the range itself */
        arf_init(a);
        arf_init(b);
        arf_set_si(a, lo);
        arf_set_si(b, hi);
        arb_set_interval_arf(x, a, b, prec);
        arf_clear(a);
        arf_clear(b);
        return 1;
    }
    arf_init(a);
    arf_init(b);
    arb_get_lbound_arf(a, x, prec);
    arb_get_ubound_arf(b, x, prec);
    if (arf_cmp_si(a, lo) >= 0 && arf_cmp_si(b, hi) <= 0)
        goto cleanup;                       /* already inside: unchanged */
    if (arf_cmp_si(b, lo) < 0 || arf_cmp_si(a, hi) > 0)
    {
        ok = 0;                             /* certainly outside */
        goto cleanup;
    }
    if (arf_cmp_si(a, lo) < 0)
        arf_set_si(a, lo);
    if (arf_cmp_si(b, hi) > 0)
        arf_set_si(b, hi);
    arb_set_interval_arf(x, a, b, prec);
cleanup:
    arf_clear(a);
    arf_clear(b);
    return ok;
}

int
_ntk_act_clamp_nonneg(arb_t x, slong prec)
{
    arf_t a, b;
    if (arb_is_nonnegative(x))
        return 1;
    if (arb_is_negative(x))
        return 0;
    if (!arb_is_finite(x))
    {
        arb_zero_pm_inf(x);
        arb_nonnegative_part(x, x);
        return 1;
    }
    arf_init(a);
    arf_init(b);
    arb_get_ubound_arf(b, x, prec);
    arf_zero(a);
    arb_set_interval_arf(x, a, b, prec);
    arf_clear(a);
    arf_clear(b);
    return 1;
}

void
_ntk_act_theta_eps(arb_t theta, const arb_t eps, slong prec)
{
    /* arccos(1 - eps) = 2 asin(sqrt(eps / 2)): no 1 - eps is formed
       (proofs/activations.md, Lemma A3 (a)) */
    arb_mul_2exp_si(theta, eps, -1);
    arb_sqrtpos(theta, theta, prec);
    _ntk_act_clamp(theta, 0, 1, prec);
    _ntk_act_asin(theta, theta, prec);
    arb_mul_2exp_si(theta, theta, 1);
}

/* f monotone on [-1, 1]: enclose f over the ball x (intersected with
   [-1, 1]) by f at its two endpoints; Arb's arb_asin/arb_acos return NaN
   for balls that merely touch +-1 (proofs/activations.md, Lemma A3 (b)). */
static void
monotone_unit(arb_t res, const arb_t x, int acos, slong prec)
{
    arf_t lo, hi;
    arb_t a, b;

    arf_init(lo);
    arf_init(hi);
    arb_init(a);
    arb_init(b);
    arb_get_lbound_arf(lo, x, prec);
    arb_get_ubound_arf(hi, x, prec);
    if (arf_cmp_si(lo, -1) < 0)
        arf_set_si(lo, -1);
    if (arf_cmp_si(hi, 1) > 0)
        arf_set_si(hi, 1);
    if (arf_cmp_si(lo, 1) > 0)
        arf_set_si(lo, 1);
    if (arf_cmp_si(hi, -1) < 0)
        arf_set_si(hi, -1);
    arb_set_arf(a, lo);
    arb_set_arf(b, hi);
    if (acos)
    {
        arb_acos(a, a, prec);
        arb_acos(b, b, prec);
    }
    else
    {
        arb_asin(a, a, prec);
        arb_asin(b, b, prec);
    }
    arb_union(res, a, b, prec);
    arf_clear(lo);
    arf_clear(hi);
    arb_clear(a);
    arb_clear(b);
}

/* true if the ball x reaches |x| >= 1 somewhere without being exact */
static int
touches_unit(const arb_t x)
{
    mag_t m;
    int r;
    if (arb_is_exact(x))
        return 0;
    mag_init(m);
    arb_get_mag(m, x);
    r = mag_cmp_2exp_si(m, 0) >= 0;
    mag_clear(m);
    return r;
}

void
_ntk_act_asin(arb_t res, const arb_t x, slong prec)
{
    if (touches_unit(x))
        monotone_unit(res, x, 0, prec);
    else
        arb_asin(res, x, prec);
}

void
_ntk_act_theta_c(arb_t theta, const arb_t c, slong prec)
{
    if (touches_unit(c))
        monotone_unit(theta, c, 1, prec);
    else
        arb_acos(theta, c, prec);
}

void
_ntk_act_theta_minus_sin(arb_t res, const arb_t theta, slong prec)
{
    arb_t t, s, th2;
    mag_t m;
    slong k;

    if (arb_is_zero(theta))
    {
        arb_zero(res);
        return;
    }
    arb_init(t);
    arb_init(s);
    arb_init(th2);
    mag_init(m);

    arb_get_mag(m, theta);
    if (mag_cmp_2exp_si(m, 0) > 0)
    {
        /* theta > 1 somewhere: theta - sin(theta) >= 1 - sin(1) > 0.15 on
           theta >= 1, so the direct difference loses at most 3 bits there;
           for a ball reaching below 1 the enclosure is still valid */
        arb_sin(s, theta, prec);
        arb_sub(res, theta, s, prec);
    }
    else
    {
        /* proofs/activations.md, Lemma A1: for 0 <= theta <= 1 the series
           sum_{k>=1} (-1)^(k+1) theta^(2k+1) / (2k+1)! alternates with
           decreasing terms; the remainder after a term is bounded by the
           magnitude of the next term. */
        arb_mul(th2, theta, theta, prec);
        arb_pow_ui(t, theta, 3, prec);
        arb_div_ui(t, t, 6, prec);          /* first term theta^3 / 3! */
        arb_zero(s);
        for (k = 1; ; k++)
        {
            arb_add(s, s, t, prec);
            /* next term: -t theta^2 / ((2k+2)(2k+3)) */
            arb_mul(t, t, th2, prec);
            arb_div_ui(t, t, (ulong) ((2 * k + 2) * (2 * k + 3)), prec);
            arb_neg(t, t);
            if (k > prec)
                break;
            {
                mag_t mt, ms;
                int small;
                mag_init(mt);
                mag_init(ms);
                arb_get_mag(mt, t);
                arb_get_mag_lower(ms, s);
                mag_mul_2exp_si(ms, ms, -prec - 4);
                small = mag_cmp(mt, ms) <= 0 || mag_is_zero(mt);
                mag_clear(mt);
                mag_clear(ms);
                if (small)
                    break;
            }
        }
        /* remainder: |R| <= |next term| */
        arb_get_mag(m, t);
        arb_add_error_mag(s, m);
        arb_set(res, s);
        /* theta - sin(theta) >= 0 for theta >= 0 */
        _ntk_act_clamp_nonneg(res, prec);
    }

    arb_clear(t);
    arb_clear(s);
    arb_clear(th2);
    mag_clear(m);
}

void
_ntk_act_asin_diff(arb_t res, const arb_t x, const arb_t omx2,
                   const arb_t eps, slong prec)
{
    /* proofs/activations.md, Lemma A2.  y = x (1 - eps), A = asin x,
       B = asin y.  x^2 - y^2 = x^2 eps (2 - eps) and
       1 - y^2 = (1 - x^2) + x^2 eps (2 - eps) have no cancellation.
       For eps <= 1: 0 <= y <= x, A - B in [0, pi/2] and
         sin(A - B) = x sqrt(1 - y^2) - y sqrt(1 - x^2)
                    = (x^2 - y^2) / (x sqrt(1 - y^2) + y sqrt(1 - x^2)).
       For eps > 1: B <= 0 and A - B = A + |B| is a sum of nonnegative
       terms, computed directly. */
    arb_t y, x2e, sx, sy, d;
    arb_init(y);
    arb_init(x2e);
    arb_init(sx);
    arb_init(sy);
    arb_init(d);

    arb_sub_ui(y, eps, 1, prec);
    arb_neg(y, y);
    arb_mul(y, y, x, prec);                   /* y = x (1 - eps) */
    if (arb_is_nonnegative(y))
    {
        arb_sub_ui(x2e, eps, 2, prec);
        arb_neg(x2e, x2e);
        arb_mul(x2e, x2e, eps, prec);
        arb_mul(x2e, x2e, x, prec);
        arb_mul(x2e, x2e, x, prec);           /* x^2 eps (2 - eps) */
        _ntk_act_clamp_nonneg(x2e, prec);
        arb_set(sx, omx2);
        _ntk_act_clamp_nonneg(sx, prec);
        arb_add(sy, sx, x2e, prec);
        arb_sqrtpos(sx, sx, prec);
        arb_sqrtpos(sy, sy, prec);
        arb_mul(d, x, sy, prec);
        arb_addmul(d, y, sx, prec);
        arb_div(d, x2e, d, prec);
        _ntk_act_clamp(d, 0, 1, prec);
        _ntk_act_asin(res, d, prec);
    }
    else
    {
        _ntk_act_clamp(y, -1, 1, prec);
        arb_set(d, x);
        _ntk_act_clamp(d, -1, 1, prec);
        _ntk_act_asin(d, d, prec);
        _ntk_act_asin(y, y, prec);
        arb_sub(res, d, y, prec);
    }
    arb_clear(y);
    arb_clear(x2e);
    arb_clear(sx);
    arb_clear(sy);
    arb_clear(d);
}
