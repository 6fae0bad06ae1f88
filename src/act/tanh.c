/*
 * src/act/tanh.c -- phi(x) = tanh x, meromorphic with poles at
 * i pi (k + 1/2); no closed-form Gaussian kernel (quadrature path).
 *
 * Jet: tanh(w) = -i tan(i w) on the series w = z + t (Arb's tan series).
 * Growth: |tanh(x + iy)|^2 = (cosh 2x - cos 2y) / (cosh 2x + cos 2y) <= 1
 * for |y| <= pi/4; we use r = 3/4 < pi/4, A = 1, B = 0
 * (proofs/activations.md, Lemma A5).
 */
#include "act_impl.h"

ntk_status
_ntk_act_tanh_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                  int branch, slong len, slong prec)
{
    acb_struct h[2];
    slong j;
    acb_init(h);
    acb_init(h + 1);
    acb_mul_onei(h, z);
    acb_onei(h + 1);
    _acb_poly_tan_series(res, h, FLINT_MIN(2, len), len, prec);
    for (j = 0; j < len; j++)
        acb_div_onei(res + j, res + j);        /* -i tan(i w) */
    acb_clear(h);
    acb_clear(h + 1);
    return NTK_SUCCESS;
}

void
_ntk_act_tanh_growth(arb_t A, arb_t B, arb_t r, slong *p,
                     const ntk_act_struct *act, int branch, slong prec)
{
    /* proofs/activations.md, Lemma A5(b): |tanh z| <= max(1, tan|Im z|)
       for |Im z| < pi/2; r = 11/8 < pi/2, A = tan(11/8) ~ 5.1.  The wider
       strip makes the trapezoidal rules of gauss converge faster. */
    *p = 1;
    arb_set_si(r, 11);
    arb_mul_2exp_si(r, r, -3);                 /* r = 11/8 < pi/2 */
    arb_tan(A, r, FLINT_MAX(prec, 64));
    arb_zero(B);
}
