/*
 * src/act/step.c -- the Heaviside step H(x) = 1 (x > 0), 0 (x < 0);
 * also relu_pow:0.
 *
 * Branches: -1: 0, +1: 1 (constants).
 * Kernels (theta = arccos c; proofs/activations.md, Lemma A14):
 *   E[H(u) H(v)] = P(u > 0, v > 0) = (pi - theta) / (2 pi)   (Sheppard)
 *   "E[H'(u) H'(v)]" = E[delta(u) delta(v)] = 1 / (2 pi sqrt(det S)),
 *   the value Price's theorem assigns (d/ds12 of the first line); it is
 *   infinite at |c| = 1 (NTK_DOMAIN).
 */
#include "act_impl.h"

ntk_status
_ntk_act_step_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                  int branch, slong len, slong prec)
{
    _acb_vec_zero(res, len);
    if (branch > 0)
        acb_one(res);
    return NTK_SUCCESS;
}

void
_ntk_act_step_growth(arb_t A, arb_t B, arb_t r, slong *p,
                     const ntk_act_struct *act, int branch, slong prec)
{
    /* constants: |H_branch| <= 1 (proofs/activations.md, Lemma A4) */
    *p = 1;
    if (branch > 0)
        arb_one(A);
    else
        arb_zero(A);
    arb_zero(B);
    arb_one(r);
}

/* 1 / (2 pi sqrt(det)), det >= 0 known; NTK_DOMAIN at det = 0 exactly */
static ntk_status
dirac_value(arb_t res, arb_t det, slong prec)
{
    arb_t t;
    if (!_ntk_act_clamp_nonneg(det, prec))
        return ntk_error_set(NTK_DOMAIN, "step: covariance not positive semidefinite");
    if (arb_is_zero(det))
        return ntk_error_set(NTK_DOMAIN,
                             "step: E[H'(u) H'(v)] is infinite at |c| = 1 (Dirac mass)");
    if (!arb_is_positive(det))
        return ntk_error_set(NTK_UNABLE,
                             "step: E[H'(u) H'(v)] unbounded on this ball (|c| may be 1)");
    arb_init(t);
    arb_rsqrt(res, det, prec);
    arb_const_pi(t, prec);
    arb_div(res, res, t, prec);
    arb_mul_2exp_si(res, res, -1);
    arb_clear(t);
    return NTK_SUCCESS;
}

ntk_status
_ntk_act_step_kernel(arb_t res, const ntk_act_struct *act, int deriv,
                     const arb_t s11, const arb_t s12, const arb_t s22,
                     const arb_t c, slong prec)
{
    arb_t t, u;
    ntk_status st = NTK_SUCCESS;
    arb_init(t);
    arb_init(u);
    if (deriv == 0)
    {
        _ntk_act_theta_c(t, c, prec);
        arb_const_pi(u, prec);
        arb_sub(t, u, t, prec);
        arb_div(t, t, u, prec);
        arb_mul_2exp_si(res, t, -1);
    }
    else
    {
        arb_mul(t, s11, s22, prec);
        arb_submul(t, s12, s12, prec);
        st = dirac_value(res, t, prec);
    }
    arb_clear(t);
    arb_clear(u);
    return st;
}

ntk_status
_ntk_act_step_kernel_eps(arb_t res, const ntk_act_struct *act, int deriv,
                         const arb_t q, const arb_t eps, slong prec)
{
    arb_t t, u;
    ntk_status st = NTK_SUCCESS;
    arb_init(t);
    arb_init(u);
    if (deriv == 0)
    {
        /* 1/2 - (pi - theta) / (2 pi) = theta / (2 pi) */
        _ntk_act_theta_eps(t, eps, prec);
        arb_const_pi(u, prec);
        arb_div(t, t, u, prec);
        arb_mul_2exp_si(res, t, -1);
    }
    else
    {
        /* det = q^2 (1 - c^2) = q^2 eps (2 - eps) */
        arb_sub_ui(t, eps, 2, prec);
        arb_neg(t, t);
        arb_mul(t, t, eps, prec);
        arb_mul(t, t, q, prec);
        arb_mul(t, t, q, prec);
        st = dirac_value(res, t, prec);
    }
    arb_clear(t);
    arb_clear(u);
    return st;
}
