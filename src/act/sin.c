/*
 * src/act/sin.c -- phi(x) = sin x, entire.
 *
 * Growth: |sin(x + iy)|^2 = sin^2 x + sinh^2 y <= cosh^2 y, so |sin z| <=
 * cosh r on |Im z| <= r (proofs/activations.md, Lemma A8).
 * Kernels (proofs/activations.md, Lemma A19), from
 * E[e^(i(u -+ v))] = e^(-(s11 + s22 -+ 2 s12)/2):
 *   E[sin u sin v] = e^(-(s11 + s22)/2) sinh(s12)
 *   E[cos u cos v] = e^(-(s11 + s22)/2) cosh(s12)   (derivative kernel)
 * Equal variances q, c = 1 - eps:
 *   E sin^2 u - E sin u sin v = e^(-q) (sinh q - sinh(q (1 - eps)))
 *                             = 2 e^(-q) cosh(q (1 - eps/2)) sinh(q eps / 2).
 */
#include "act_impl.h"

ntk_status
_ntk_act_sin_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                 int branch, slong len, slong prec)
{
    acb_struct h[2];
    acb_ptr c = _acb_vec_init(len);
    acb_init(h);
    acb_init(h + 1);
    acb_set(h, z);
    acb_one(h + 1);
    _acb_poly_sin_cos_series(res, c, h, FLINT_MIN(2, len), len, prec);
    acb_clear(h);
    acb_clear(h + 1);
    _acb_vec_clear(c, len);
    return NTK_SUCCESS;
}

void
_ntk_act_sin_growth(arb_t A, arb_t B, arb_t r, slong *p,
                    const ntk_act_struct *act, int branch, slong prec)
{
    *p = 1;
    arb_one(r);
    arb_cosh(A, r, prec);                      /* Lemma A8 */
    arb_zero(B);
}

ntk_status
_ntk_act_sin_kernel(arb_t res, const ntk_act_struct *act, int deriv,
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
        arb_sinh(res, s12, prec);
    else
        arb_cosh(res, s12, prec);
    arb_mul(res, res, t, prec);
    arb_clear(t);
    return NTK_SUCCESS;
}

ntk_status
_ntk_act_sin_kernel_eps(arb_t res, const ntk_act_struct *act, int deriv,
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
        arb_cosh(t, t, prec);                  /* cosh(q (1 - eps/2)) */
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
        arb_cosh(t, t, prec);
        arb_mul(res, u, t, prec);
    }
    arb_clear(t);
    arb_clear(u);
    return NTK_SUCCESS;
}
