/*
 * One-dimensional Gaussian moments of an activation at variance q:
 * A = E[phi^2], B = E[phi'^2], their q-derivatives DA, DB, and
 * C = E[phi''^2] (Z ~ N(0,1), argument sqrt(q) Z).
 *
 * Closed forms (table below, proofs/maps.md Lemma M2) for relu-like, step,
 * relu_pow, erf, sin, cos; gelu uses the act module's kernels at c = 1;
 * everything else (and method QUAD) uses certified quadrature with the
 * derivative formulas of proofs/maps.md Lemma M1:
 *   d/dq E[g(sqrt q Z)] = E[Z g'(sqrt q Z)] / (2 sqrt q)
 *                       = (E[Z^2 g(sqrt q Z)] - E[g(sqrt q Z)]) / (2 q).
 */
#include "maps_impl.h"

/* (2m - 1)!! with (-1)!! = 1 */
static void
dfac_odd(arb_t res, slong m, slong prec)
{
    if (m <= 0)
        arb_one(res);
    else
        arb_doublefac_ui(res, 2 * m - 1, prec);
}

/* E[(x_+)^(2m)] = q^m (2m-1)!! / 2 for x ~ N(0, q) */
static void
half_moment(arb_t res, slong m, const arb_t q, slong prec)
{
    arb_t t;
    arb_init(t);
    dfac_odd(t, m, prec);
    arb_pow_ui(res, q, m, prec);
    arb_mul(res, res, t, prec);
    arb_mul_2exp_si(res, res, -1);
    arb_clear(t);
}

int
_ntk_maps_moment_tabulated(const ntk_act_t act)
{
    switch (act->kind)
    {
        case NTK_ACT_RELULIKE: case NTK_ACT_STEP: case NTK_ACT_RELU_POW:
        case NTK_ACT_ERF: case NTK_ACT_SIN: case NTK_ACT_COS:
            return 1;
        default:
            return 0;
    }
}

ntk_status
_ntk_maps_moment_closed(arb_t res, const ntk_act_t act, ntk_mom which,
                        const arb_t q, slong prec)
{
    ntk_status st = NTK_SUCCESS;
    arb_t t, u, s;
    slong K;

    arb_init(t);
    arb_init(u);
    arb_init(s);
    switch (act->kind)
    {
        case NTK_ACT_RELULIKE:
            /* phi = a x + b|x|: phi^2 = (a^2+b^2) x^2 + 2ab x|x|, phi'^2 =
               a^2 + b^2 + 2ab sgn(x); odd parts have mean 0 */
            arb_set_fmpq(s, act->a, prec);
            arb_sqr(s, s, prec);
            arb_set_fmpq(t, act->b, prec);
            arb_addmul(s, t, t, prec);
            if (which == NTK_MOM_A)
                arb_mul(res, s, q, prec);
            else if (which == NTK_MOM_B || which == NTK_MOM_DA)
                arb_set(res, s);
            else if (which == NTK_MOM_DB)
                arb_zero(res);
            else if (fmpq_is_zero(act->b))
                arb_zero(res);   /* linear: phi'' = 0 */
            else
                st = ntk_error_set(NTK_DOMAIN, "%s: E[phi''^2] is infinite (Dirac mass at 0)", act->name);
            break;

        case NTK_ACT_STEP:
            if (which == NTK_MOM_A)
                arb_set_d(res, 0.5);
            else if (which == NTK_MOM_DA)
                arb_zero(res);
            else
                st = ntk_error_set(NTK_DOMAIN, "step: E[phi'^2] is infinite (phi' is a Dirac mass at 0)");
            break;

        case NTK_ACT_RELU_POW:
            K = (slong) act->k;
            if (which == NTK_MOM_A)
                half_moment(res, K, q, prec);
            else if (which == NTK_MOM_DA)
            {
                half_moment(res, K - 1, q, prec);
                arb_mul_ui(res, res, 2 * K - 1, prec);
                arb_mul_ui(res, res, K, prec);
            }
            else if (which == NTK_MOM_B)
            {
                half_moment(res, K - 1, q, prec);
                arb_mul_ui(res, res, K * K, prec);
            }
            else if (which == NTK_MOM_DB)
            {
                if (K == 1)
                    arb_zero(res);
                else
                {
                    half_moment(res, K - 2, q, prec);
                    arb_mul_ui(res, res, 2 * K - 3, prec);
                    arb_mul_ui(res, res, K * K * (K - 1), prec);
                }
            }
            else
            {
                if (K < 2)
                    st = ntk_error_set(NTK_DOMAIN, "%s: E[phi''^2] is infinite (Dirac mass at 0)", act->name);
                else
                {
                    half_moment(res, K - 2, q, prec);
                    arb_mul_ui(res, res, K * K * (K - 1) * (K - 1), prec);
                }
            }
            break;

        case NTK_ACT_ERF:
            /* 1 + 4q, 1 + 2q */
            arb_mul_2exp_si(t, q, 2);
            arb_add_ui(t, t, 1, prec);
            arb_const_pi(u, prec);
            if (which == NTK_MOM_A)
            {
                /* (2/pi) asin(2q/(1+2q)) = (2/pi) atan(2q / sqrt(1+4q)) */
                arb_sqrt(t, t, prec);
                arb_mul_2exp_si(s, q, 1);
                arb_div(s, s, t, prec);
                arb_atan(res, s, prec);
                arb_mul_2exp_si(res, res, 1);
                arb_div(res, res, u, prec);
            }
            else if (which == NTK_MOM_DA)
            {
                /* (4/pi) / ((1+2q) sqrt(1+4q)) */
                arb_rsqrt(t, t, prec);
                arb_mul_2exp_si(s, q, 1);
                arb_add_ui(s, s, 1, prec);
                arb_div(res, t, s, prec);
                arb_mul_2exp_si(res, res, 2);
                arb_div(res, res, u, prec);
            }
            else if (which == NTK_MOM_B)
            {
                /* (4/pi) (1+4q)^(-1/2) */
                arb_rsqrt(res, t, prec);
                arb_mul_2exp_si(res, res, 2);
                arb_div(res, res, u, prec);
            }
            else if (which == NTK_MOM_DB)
            {
                /* -(8/pi) (1+4q)^(-3/2) */
                arb_rsqrt(s, t, prec);
                arb_pow_ui(res, s, 3, prec);
                arb_mul_2exp_si(res, res, 3);
                arb_div(res, res, u, prec);
                arb_neg(res, res);
            }
            else
            {
                /* (16/pi) q (1+4q)^(-3/2) */
                arb_rsqrt(s, t, prec);
                arb_pow_ui(res, s, 3, prec);
                arb_mul(res, res, q, prec);
                arb_mul_2exp_si(res, res, 4);
                arb_div(res, res, u, prec);
            }
            break;

        case NTK_ACT_SIN:
        case NTK_ACT_COS:
        {
            /* E[cos(2 sqrt(q) Z)] = e^(-2q); sin^2 = (1 - cos 2x)/2 */
            int sgn = (act->kind == NTK_ACT_SIN) ? 1 : -1;   /* A = (1 - sgn e)/2 */
            arb_mul_2exp_si(t, q, 1);
            arb_neg(t, t);
            arb_exp(t, t, prec);
            if (which == NTK_MOM_A || which == NTK_MOM_C)
            {
                arb_mul_si(res, t, -sgn, prec);
                arb_add_ui(res, res, 1, prec);
                arb_mul_2exp_si(res, res, -1);
            }
            else if (which == NTK_MOM_B)
            {
                arb_mul_si(res, t, sgn, prec);
                arb_add_ui(res, res, 1, prec);
                arb_mul_2exp_si(res, res, -1);
            }
            else if (which == NTK_MOM_DA)
                arb_mul_si(res, t, sgn, prec);
            else
                arb_mul_si(res, t, -sgn, prec);
            break;
        }

        default:
            st = NTK_UNABLE;
    }
    arb_clear(t);
    arb_clear(u);
    arb_clear(s);
    return st;
}

/* quadrature E[Z^zpow phi^(o1) phi^(o2)] */
static ntk_status
e1(arb_t res, const ntk_act_t act, slong o1, slong o2, slong zpow,
   const arb_t q, slong prec)
{
    slong ord[2];
    ord[0] = o1;
    ord[1] = o2;
    return ntk_gauss_expect1(res, act, ord, 2, zpow, q, prec);
}

/* Stein form of d/dq E[g], g = phi^(o)^2 (proofs/maps.md Lemma M1 (b)) */
static ntk_status
stein_deriv(arb_t res, const ntk_act_t act, slong o, const arb_t q, slong prec)
{
    ntk_status st;
    arb_t a, b;
    arb_init(a);
    arb_init(b);
    st = e1(a, act, o, o, 2, q, prec);
    if (st == NTK_SUCCESS)
        st = e1(b, act, o, o, 0, q, prec);
    if (st == NTK_SUCCESS)
    {
        arb_sub(res, a, b, prec);
        arb_div(res, res, q, prec);
        arb_mul_2exp_si(res, res, -1);
    }
    arb_clear(a);
    arb_clear(b);
    return st;
}

/* Lemma M1 (a): d/dq E[phi^(o)^2] = E[Z phi^(o) phi^(o+1)] / sqrt(q) */
static ntk_status
price_deriv(arb_t res, const ntk_act_t act, slong o, const arb_t q, slong prec)
{
    ntk_status st;
    arb_t r;
    arb_init(r);
    st = e1(res, act, o, o + 1, 1, q, prec);
    if (st == NTK_SUCCESS)
    {
        arb_rsqrt(r, q, prec);
        arb_mul(res, res, r, prec);
    }
    arb_clear(r);
    return st;
}

ntk_status
_ntk_maps_moment(arb_t res, const ntk_act_t act, ntk_method method,
                 ntk_mom which, const arb_t q, slong prec)
{
    int closed;
    slong smooth;
    ntk_status st;

    if (!arb_is_finite(q) || !arb_is_positive(q))
        return ntk_error_set(NTK_DOMAIN, "variance q must be > 0 for the Gaussian moments of %s", act->name);
    closed = _ntk_maps_use_closed(act, method);
    if (closed < 0)
        return NTK_UNABLE;
    if (closed)
    {
        st = _ntk_maps_moment_closed(res, act, which, q, prec);
        if (st != NTK_UNABLE)
            return st;
        if (which == NTK_MOM_A || which == NTK_MOM_B)
        {
            /* kernels at c = 1 (e.g. gelu) */
            st = ntk_act_kernel_closed(res, act, which == NTK_MOM_B, q, q, q, prec);
            if (st == NTK_SUCCESS)
                return st;
        }
        if (method == NTK_METHOD_CLOSED)
            return ntk_error_set(NTK_UNABLE, "method closed: no closed form for this moment of %s", act->name);
    }

    smooth = ntk_act_smoothness(act);
    switch (which)
    {
        case NTK_MOM_A:
            return e1(res, act, 0, 0, 0, q, prec);
        case NTK_MOM_B:
            if (smooth < 1)
                return ntk_error_set(NTK_DOMAIN, "%s: E[phi'^2] is infinite (phi' has a Dirac mass)", act->name);
            return e1(res, act, 1, 1, 0, q, prec);
        case NTK_MOM_C:
            if (smooth < 2)
                return ntk_error_set(NTK_DOMAIN, "%s: E[phi''^2] is infinite (phi'' has a Dirac mass)", act->name);
            return e1(res, act, 2, 2, 0, q, prec);
        case NTK_MOM_DA:
            return smooth >= 1 ? price_deriv(res, act, 0, q, prec)
                               : stein_deriv(res, act, 0, q, prec);
        case NTK_MOM_DB:
            if (smooth < 1)
                return ntk_error_set(NTK_DOMAIN, "%s: E[phi'^2] is infinite (phi' has a Dirac mass)", act->name);
            return smooth >= 2 ? price_deriv(res, act, 1, q, prec)
                               : stein_deriv(res, act, 1, q, prec);
    }
    return NTK_UNABLE;
}
