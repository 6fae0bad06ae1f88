/* Models on the sphere: network + first-layer variance, their pair kernel
   and the known depth limit of the regression weights. */
#include "ntkdepth/regress.h"
#include "ntkdepth/iter.h"

void
ntk_regress_model_init(ntk_regress_model_t M)
{
    ntk_net_init(M->net);
    arb_init(M->q1);
    arb_init(M->q_fixed);
    M->q1_is_fixed = 0;
    M->smooth_eoc = 0;
}

void
ntk_regress_model_clear(ntk_regress_model_t M)
{
    ntk_net_clear(M->net);
    arb_clear(M->q1);
    arb_clear(M->q_fixed);
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
    return 1;
}

/* General activations: the iter engine's general step (maps module,
   certified quadrature or closed forms), one layer at a time.  Delta is
   formed as Theta_11 - Theta_12 at the end (the general step tracks
   Theta_12; the cancellation costs digits only, the precision loop
   recovers them). */
static ntk_status
general_kernel(arb_ptr theta11, arb_ptr delta, const arb_t eps0,
               const slong *depths, slong nd, const ntk_regress_model_struct *M,
               slong prec)
{
    ntk_iter_state_t s;
    arb_t c0;
    slong k = 0;
    ntk_status st;

    ntk_iter_state_init(s);
    arb_init(c0);
    arb_sub_ui(c0, eps0, 1, prec);
    arb_neg(c0, c0);
    st = ntk_iter_state_start(s, M->q1, c0, prec);
    if (st == NTK_SUCCESS)
    {
        /* exact eps0 (no 1 - (1 - eps0) round trip) */
        arb_set(s->eps, eps0);
        arb_mul(s->theta12, M->q1, c0, prec);
    }
    while (st == NTK_SUCCESS)
    {
        if (s->depth == depths[k])
        {
            arb_set(theta11 + k, s->theta11);
            if (arb_is_zero(eps0))
                arb_zero(delta + k);
            else
                arb_sub(delta + k, s->theta11, s->theta12, prec);
            if (++k == nd)
                break;
        }
        st = ntk_iter_step(s, M->net, M->q1_is_fixed ? M->q_fixed : NULL, prec);
    }
    ntk_iter_state_clear(s);
    arb_clear(c0);
    return st;
}

ntk_status
ntk_regress_model_kernel(arb_ptr theta11, arb_ptr delta, const arb_t eps0,
                         const slong *depths, slong nd, const void *param,
                         slong prec)
{
    const ntk_regress_model_struct *M = param;
    const ntk_act_struct *act = M->net->act;

    if (act->kind == NTK_ACT_RELULIKE)
        return ntk_iter_relulike_gap(theta11, delta, eps0, depths, nd,
                                     act->a, act->b, M->net->sigma_w2,
                                     M->net->sigma_b2, M->q1, prec);
    return general_kernel(theta11, delta, eps0, depths, nd, M, prec);
}

ntk_limit_kind
ntk_regress_limit_kind(const ntk_regress_model_t M)
{
    const ntk_act_struct *act = M->net->act;
    /* relu-like with b != 0 and no bias: positively homogeneous, so the
       normalized NTK does not depend on sigma_w^2 and equals the EOC one
       (proofs/relu-series.md, Lemma R6; proofs/regress.md, Lemma G4); the weights tend to 1/(n+3) (P4, H10). */
    if (act->kind == NTK_ACT_RELULIKE && !fmpq_is_zero(act->b)
        && arb_is_zero(M->net->sigma_b2))
        return NTK_LIMIT_RELU_EOC;
    /* smooth activation at its edge of chaos, started at q* (set by the
       caller, who solved the EOC): 1/(n+2) (P4, H10) */
    if (M->smooth_eoc)
        return NTK_LIMIT_SMOOTH_EOC;
    return NTK_LIMIT_NONE;
}
