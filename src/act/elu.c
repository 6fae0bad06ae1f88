/*
 * src/act/elu.c -- phi(x) = x (x > 0), alpha (e^x - 1) (x < 0); elu is
 * alpha = 1, elu:ALPHA any exact decimal; quadrature path.
 *
 * Branches: +1: z;  -1: alpha (e^z - 1) (res[0] by expm1, no cancellation
 * near 0; res[j] = alpha e^z / j!).
 * Smoothness: phi' is continuous iff alpha = 1 (then phi'' jumps: 2),
 * otherwise 1.
 * Growth: branch +1: |z|; branch -1 on Re z <= r: |alpha| (e^r + 1), r = 1
 * (proofs/activations.md, Lemma A12).
 */
#include "act_impl.h"

void
_ntk_act_expm1_series(acb_ptr res, const arb_t m, const acb_t z, slong len,
                      slong prec)
{
    acb_t e;
    slong j;
    acb_init(e);
    if (len > 1)
    {
        acb_exp(e, z, prec);
        acb_mul_arb(e, e, m, prec);
        acb_set(res + 1, e);
        for (j = 2; j < len; j++)
            acb_div_ui(res + j, res + j - 1, (ulong) j, prec);
    }
    acb_expm1(res, z, prec);
    acb_mul_arb(res, res, m, prec);
    acb_clear(e);
}

ntk_status
_ntk_act_elu_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                 int branch, slong len, slong prec)
{
    arb_t m;
    _acb_vec_zero(res, len);
    if (branch > 0)
    {
        acb_set(res, z);
        if (len > 1)
            acb_one(res + 1);
        return NTK_SUCCESS;
    }
    arb_init(m);
    arb_set_fmpq(m, act->alpha, prec);
    _ntk_act_expm1_series(res, m, z, len, prec);
    arb_clear(m);
    return NTK_SUCCESS;
}

void
_ntk_act_elu_growth(arb_t A, arb_t B, arb_t r, slong *p,
                    const ntk_act_struct *act, int branch, slong prec)
{
    *p = 1;
    arb_one(r);
    if (branch > 0)
    {
        arb_zero(A);
        arb_one(B);
    }
    else
    {
        /* |alpha (e^z - 1)| <= |alpha| (e^(Re z) + 1) <= |alpha| (e + 1) */
        arb_const_e(A, prec);
        arb_add_ui(A, A, 1, prec);
        arb_set_fmpq(B, act->alpha, prec);
        arb_abs(B, B);
        arb_mul(A, A, B, prec);
        arb_zero(B);
    }
}
