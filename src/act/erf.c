/*
 * src/act/erf.c -- phi(x) = erf(x), entire.
 *
 * Jet: Arb's erf power series.  Growth: |erf(x + iy)| <= 1 + (2/sqrt(pi))
 * |y| e^(y^2) (proofs/activations.md, Lemma A6).
 * Kernels (Williams 1997; proofs/activations.md, Lemma A17):
 *   E[erf(u) erf(v)]   = (2/pi) asin(2 s12 / sqrt((1 + 2 s11)(1 + 2 s22)))
 *   E[erf'(u) erf'(v)] = (4/pi) / sqrt((1 + 2 s11)(1 + 2 s22) - 4 s12^2)
 * Equal variances q, c = 1 - eps: with x = 2q / (1 + 2q),
 *   E erf(u)^2 - E erf(u) erf(v) = (2/pi) (asin x - asin(x (1 - eps)))
 * by the stable arcsine difference (Lemma A2), 1 - x^2 = (1 + 4q)/(1 + 2q)^2,
 *   E[erf' erf'] = (4/pi) / sqrt(1 + 4q + 4 q^2 eps (2 - eps)).
 */
#include "act_impl.h"

ntk_status
_ntk_act_erf_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                 int branch, slong len, slong prec)
{
    acb_struct h[2];
    acb_init(h);
    acb_init(h + 1);
    acb_set(h, z);
    acb_one(h + 1);
    _acb_hypgeom_erf_series(res, h, FLINT_MIN(2, len), len, prec);
    acb_clear(h);
    acb_clear(h + 1);
    return NTK_SUCCESS;
}

void
_ntk_act_erf_growth(arb_t A, arb_t B, arb_t r, slong *p,
                    const ntk_act_struct *act, int branch, slong prec)
{
    /* r = 1: A = 1 + (2/sqrt(pi)) e  (proofs/activations.md, Lemma A6) */
    arb_t t;
    arb_init(t);
    *p = 1;
    arb_one(r);
    arb_const_sqrt_pi(t, prec);
    arb_const_e(A, prec);
    arb_div(A, A, t, prec);
    arb_mul_2exp_si(A, A, 1);
    arb_add_ui(A, A, 1, prec);
    arb_zero(B);
    arb_clear(t);
}

ntk_status
_ntk_act_erf_kernel(arb_t res, const ntk_act_struct *act, int deriv,
                    const arb_t s11, const arb_t s12, const arb_t s22,
                    const arb_t c, slong prec)
{
    arb_t a, b, t;
    arb_init(a);
    arb_init(b);
    arb_init(t);
    arb_mul_2exp_si(a, s11, 1);
    arb_add_ui(a, a, 1, prec);                 /* 1 + 2 s11 */
    arb_mul_2exp_si(b, s22, 1);
    arb_add_ui(b, b, 1, prec);                 /* 1 + 2 s22 */
    if (deriv == 0)
    {
        arb_mul(t, a, b, prec);
        arb_rsqrt(t, t, prec);
        arb_mul(t, t, s12, prec);
        arb_mul_2exp_si(t, t, 1);
        _ntk_act_clamp(t, -1, 1, prec);        /* |.| < 1 for PSD S */
        _ntk_act_asin(t, t, prec);
        arb_const_pi(a, prec);
        arb_div(t, t, a, prec);
        arb_mul_2exp_si(res, t, 1);
    }
    else
    {
        /* (1 + 2 s11)(1 + 2 s22) - 4 s12^2
             = 1 + 2 s11 + 2 s22 + 4 (s11 s22 - s12^2), last term >= 0 */
        arb_mul(t, s11, s22, prec);
        arb_submul(t, s12, s12, prec);
        _ntk_act_clamp_nonneg(t, prec);
        arb_mul_2exp_si(t, t, 2);
        arb_add(t, t, a, prec);
        arb_add(t, t, b, prec);
        arb_sub_ui(t, t, 1, prec);
        arb_rsqrt(t, t, prec);
        arb_const_pi(a, prec);
        arb_div(t, t, a, prec);
        arb_mul_2exp_si(res, t, 2);
    }
    arb_clear(a);
    arb_clear(b);
    arb_clear(t);
    return NTK_SUCCESS;
}

ntk_status
_ntk_act_erf_kernel_eps(arb_t res, const ntk_act_struct *act, int deriv,
                        const arb_t q, const arb_t eps, slong prec)
{
    arb_t x, d, t;
    arb_init(x);
    arb_init(d);
    arb_init(t);
    if (deriv == 0)
    {
        arb_mul_2exp_si(d, q, 1);
        arb_add_ui(d, d, 1, prec);             /* 1 + 2q */
        arb_mul_2exp_si(x, q, 1);
        arb_div(x, x, d, prec);                /* x = 2q / (1 + 2q) */
        arb_mul_2exp_si(t, q, 2);
        arb_add_ui(t, t, 1, prec);
        arb_div(t, t, d, prec);
        arb_div(t, t, d, prec);                /* 1 - x^2 */
        _ntk_act_asin_diff(res, x, t, eps, prec);
        arb_const_pi(t, prec);
        arb_div(res, res, t, prec);
        arb_mul_2exp_si(res, res, 1);
    }
    else
    {
        arb_sub_ui(t, eps, 2, prec);
        arb_neg(t, t);
        arb_mul(t, t, eps, prec);
        arb_mul(t, t, q, prec);
        arb_mul(t, t, q, prec);
        _ntk_act_clamp_nonneg(t, prec);
        arb_add(t, t, q, prec);
        arb_mul_2exp_si(t, t, 2);
        arb_add_ui(t, t, 1, prec);             /* 1 + 4q + 4 q^2 eps (2 - eps) */
        arb_rsqrt(t, t, prec);
        arb_const_pi(x, prec);
        arb_div(t, t, x, prec);
        arb_mul_2exp_si(res, t, 2);
    }
    arb_clear(x);
    arb_clear(d);
    arb_clear(t);
    return NTK_SUCCESS;
}
