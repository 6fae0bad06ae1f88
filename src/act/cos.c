/*
 * src/act/cos.c -- phi(x) = cos x, entire.
 *
 * Growth: |cos(x + iy)|^2 = cos^2 x + sinh^2 y <= cosh^2 y, so |cos z| <=
 * cosh r on |Im z| <= r (proofs/activations.md, Lemma A8).
 * Kernels (proofs/activations.md, Lemma A19):
 *   E[cos u cos v] = e^(-(s11 + s22)/2) cosh(s12)
 *   E[sin u sin v] = e^(-(s11 + s22)/2) sinh(s12)   (derivative kernel,
 *                                                    cos' = -sin)
 * Equal variances q, c = 1 - eps:
 *   E cos^2 u - E cos u cos v = e^(-q) (cosh q - cosh(q (1 - eps)))
 *                             = 2 e^(-q) sinh(q (1 - eps/2)) sinh(q eps / 2).
 */
#include "act_impl.h"

ntk_status
_ntk_act_cos_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                 int branch, slong len, slong prec)
{
    acb_struct h[2];
    acb_ptr s = _acb_vec_init(len);
    acb_init(h);
    acb_init(h + 1);
    acb_set(h, z);
    acb_one(h + 1);
    _acb_poly_sin_cos_series(s, res, h, FLINT_MIN(2, len), len, prec);
    acb_clear(h);
    acb_clear(h + 1);
    _acb_vec_clear(s, len);
    return NTK_SUCCESS;
}

void
_ntk_act_cos_growth(arb_t A, arb_t B, arb_t r, slong *p,
                    const ntk_act_struct *act, int branch, slong prec)
{
    *p = 1;
    arb_one(r);
    arb_cosh(A, r, prec);                      /* Lemma A8 */
    arb_zero(B);
}

ntk_status
_ntk_act_cos_kernel(arb_t res, const ntk_act_struct *act, int deriv,
                    const arb_t s11, const arb_t s12, const arb_t s22,
                    const arb_t c, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_add(t, s11, s22, prec);
    arb_mul_2exp_si(t, t, -1);
    arb_neg(t, t);
    arb_exp(t, t, prec);
    if (deriv == 0)
        arb_cosh(res, s12, prec);
    else
        arb_sinh(res, s12, prec);
    arb_mul(res, res, t, prec);
    arb_clear(t);
    return NTK_SUCCESS;
}

ntk_status
_ntk_act_cos_kernel_eps(arb_t res, const ntk_act_struct *act, int deriv,
                        const arb_t q, const arb_t eps, slong prec)
{
    arb_t t, u;
    arb_init(t);
    arb_init(u);
    arb_neg(u, q);
    arb_exp(u, u, prec);                       /* e^(-q) */
    if (deriv == 0)
    {
        arb_mul_2exp_si(t, eps, -1);
        arb_sub_ui(t, t, 1, prec);
        arb_neg(t, t);
        arb_mul(t, t, q, prec);
        arb_sinh(t, t, prec);                  /* sinh(q (1 - eps/2)) */
        arb_mul(u, u, t, prec);
        arb_mul(t, q, eps, prec);
        arb_mul_2exp_si(t, t, -1);
        arb_sinh(t, t, prec);                  /* sinh(q eps / 2) */
        arb_mul(u, u, t, prec);
        arb_mul_2exp_si(res, u, 1);
    }
    else
    {
        arb_sub_ui(t, eps, 1, prec);
        arb_neg(t, t);
        arb_mul(t, t, q, prec);
        arb_sinh(t, t, prec);
        arb_mul(res, u, t, prec);
    }
    arb_clear(t);
    arb_clear(u);
    return NTK_SUCCESS;
}
