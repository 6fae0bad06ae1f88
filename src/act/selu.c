/*
 * src/act/selu.c -- phi(x) = lambda x (x > 0), lambda alpha (e^x - 1)
 * (x < 0), with the published constants (Klambauer et al. 2017) taken as
 * exact decimals:
 *   alpha  = 1.6732632423543772848170429916717
 *   lambda = 1.0507009873554804934193349852946
 * (see src/act/act.c); kernels by the ELU family code with L = lambda,
 * M = lambda alpha (src/act/elu.c, Lemma A26).  Smoothness 1 (lambda alpha !=
 * lambda, so phi' jumps at 0).
 * Growth: lambda times the ELU bounds (proofs/activations.md, Lemma A12).
 */
#include "act_impl.h"

ntk_status
_ntk_act_selu_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                  int branch, slong len, slong prec)
{
    arb_t m, l;
    arb_init(m);
    arb_init(l);
    arb_set_fmpq(l, act->lambda, prec);
    _acb_vec_zero(res, len);
    if (branch > 0)
    {
        acb_mul_arb(res, z, l, prec);
        if (len > 1)
            acb_set_arb(res + 1, l);
    }
    else
    {
        arb_set_fmpq(m, act->alpha, prec);
        arb_mul(m, m, l, prec);
        _ntk_act_expm1_series(res, m, z, len, prec);
    }
    arb_clear(m);
    arb_clear(l);
    return NTK_SUCCESS;
}

void
_ntk_act_selu_growth(arb_t A, arb_t B, arb_t r, slong *p,
                     const ntk_act_struct *act, int branch, slong prec)
{
    arb_t l;
    arb_init(l);
    _ntk_act_elu_growth(A, B, r, p, act, branch, prec);
    arb_set_fmpq(l, act->lambda, prec);
    arb_mul(A, A, l, prec);
    arb_mul(B, B, l, prec);
    arb_clear(l);
}

/* Kernels: the ELU family with L = lambda, M = lambda alpha
   (proofs/activations.md, Lemma A26). */
static void
selu_lm(arb_t L, arb_t M, const ntk_act_struct *act, slong prec)
{
    arb_set_fmpq(L, act->lambda, prec);
    arb_set_fmpq(M, act->alpha, prec);
    arb_mul(M, M, L, prec);
}

ntk_status
_ntk_act_selu_kernel(arb_t res, const ntk_act_struct *act, int deriv,
                     const arb_t s11, const arb_t s12, const arb_t s22,
                     const arb_t c, slong prec)
{
    arb_t L, M;
    ntk_status st;
    arb_init(L);
    arb_init(M);
    selu_lm(L, M, act, prec + 64);
    st = _ntk_act_elu_kernel_lm(res, L, M, deriv, s11, s12, s22, c, prec);
    arb_clear(L);
    arb_clear(M);
    return st;
}

ntk_status
_ntk_act_selu_kernel_eps(arb_t res, const ntk_act_struct *act, int deriv,
                         const arb_t q, const arb_t eps, slong prec)
{
    arb_t L, M;
    ntk_status st;
    arb_init(L);
    arb_init(M);
    selu_lm(L, M, act, _ntk_act_elu_eps_prec(eps, prec) + 64);
    st = _ntk_act_elu_kernel_eps_lm(res, L, M, deriv, q, eps, prec);
    arb_clear(L);
    arb_clear(M);
    return st;
}
