/*
 * src/act/silu.c -- phi(x) = x sigmoid(x) = x / (1 + e^-x) (alias swish);
 * quadrature path.
 *
 * Jet: (z + t) times the sigmoid series (sigmoid.c).
 * Growth: |silu(z)| <= |z| on |Im z| <= 3/2 (proofs/activations.md,
 * Lemma A9).
 */
#include "act_impl.h"

ntk_status
_ntk_act_silu_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                  int branch, slong len, slong prec)
{
    acb_ptr g = _acb_vec_init(len);
    _ntk_act_sigmoid_series(g, z, len, prec);
    _ntk_act_mul_by_var(res, z, g, len, prec);
    _acb_vec_clear(g, len);
    return NTK_SUCCESS;
}

void
_ntk_act_silu_growth(arb_t A, arb_t B, arb_t r, slong *p,
                     const ntk_act_struct *act, int branch, slong prec)
{
    *p = 1;
    arb_set_si(r, 3);
    arb_mul_2exp_si(r, r, -1);                 /* r = 3/2 < pi/2 */
    arb_zero(A);
    arb_one(B);
}
