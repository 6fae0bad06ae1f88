/* Models on the sphere: network + first-layer variance, their pair kernel
   and the known depth limit of the regression weights. */
#include "ntkdepth/regress.h"

void
ntk_regress_model_init(ntk_regress_model_t M)
{
    ntk_net_init(M->net);
    arb_init(M->q1);
}

void
ntk_regress_model_clear(ntk_regress_model_t M)
{
    ntk_net_clear(M->net);
    arb_clear(M->q1);
}

void
ntk_regress_model_set_default_q1(ntk_regress_model_t M, slong n0, slong prec)
{
    arb_div_si(M->q1, M->net->sigma_w2, n0, prec);
    arb_add(M->q1, M->q1, M->net->sigma_b2, prec);
}

int
ntk_regress_model_supported(const ntk_regress_model_t M)
{
    return M->net->act->kind == NTK_ACT_RELULIKE;
}

ntk_status
ntk_regress_model_kernel(arb_ptr theta11, arb_ptr delta, const arb_t eps0,
                         const slong *depths, slong nd, const void *param,
                         slong prec)
{
    const ntk_regress_model_struct *M = param;
    const ntk_act_struct *act = M->net->act;

    if (act->kind == NTK_ACT_RELULIKE)
        return ntk_regress_relulike_kernel(theta11, delta, eps0, depths, nd,
                                           act->a, act->b, M->net->sigma_w2,
                                           M->net->sigma_b2, M->q1, prec);
    return ntk_error_set(NTK_UNABLE, "regress: activation '%s' is not supported yet "
                         "(closed-form relu-like activations only: relu, leaky_relu, abs, "
                         "relulike)", act->name);
}

ntk_limit_kind
ntk_regress_limit_kind(const ntk_regress_model_t M)
{
    const ntk_act_struct *act = M->net->act;
    /* relu-like with b != 0 and no bias: positively homogeneous, so the
       normalized NTK does not depend on sigma_w^2 and equals the EOC one
       (proofs/regress.md, Lemma R4); the weights tend to 1/(n+3) (P4, H10). */
    if (act->kind == NTK_ACT_RELULIKE && !fmpq_is_zero(act->b)
        && arb_is_zero(M->net->sigma_b2))
        return NTK_LIMIT_RELU_EOC;
    return NTK_LIMIT_NONE;
}
