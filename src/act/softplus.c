/*
 * src/act/softplus.c -- phi(x) = log(1 + e^x); quadrature path.
 * Analytic on the strip |Im z| < pi, where 1 + e^z never lies on
 * (-inf, 0], so the principal log1p(e^z) is the analytic continuation
 * from the real line (singularities at z = i pi (2k + 1);
 * proofs/activations.md, Lemma A21 (b)).
 *
 * Jet: res[0] = log1p(e^z) (NTK_UNABLE unless |Im z| < pi on the whole
 * ball), res[j] = sigmoid-series[j - 1] / j since softplus' = sigmoid.
 * Growth: |log(1 + e^z)| <= log 2 + r + |z| on |Im z| <= r = 3/2
 * (proofs/activations.md, Lemma A10).
 */
#include "act_impl.h"

ntk_status
_ntk_act_softplus_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                      int branch, slong len, slong prec)
{
    arb_t pi, y;
    slong j;
    int ok;

    arb_init(pi);
    arb_init(y);
    arb_const_pi(pi, prec);
    arb_abs(y, acb_imagref(z));
    ok = arb_lt(y, pi);
    arb_clear(pi);
    arb_clear(y);
    if (!ok)
        return ntk_error_set(NTK_UNABLE,
                             "softplus: jet needs |Im z| < pi (branch point at i pi)");
    if (len > 1)
    {
        _ntk_act_sigmoid_series(res + 1, z, len - 1, prec);
        for (j = 2; j < len; j++)
            acb_div_ui(res + j, res + j, (ulong) j, prec);
    }
    acb_exp(res, z, prec);
    acb_log1p(res, res, prec);
    return NTK_SUCCESS;
}

void
_ntk_act_softplus_growth(arb_t A, arb_t B, arb_t r, slong *p,
                         const ntk_act_struct *act, int branch, slong prec)
{
    *p = 1;
    arb_set_si(r, 3);
    arb_mul_2exp_si(r, r, -1);                 /* r = 3/2 < pi/2 */
    arb_const_log2(A, prec);
    arb_add(A, A, r, prec);                    /* log 2 + r */
    arb_one(B);
}
