/*
 * src/act/relulike.c -- phi(x) = a x + b |x|: relu (a = b = 1/2),
 * leaky_relu:ALPHA (a = (1 + ALPHA)/2, b = (1 - ALPHA)/2), abs (a = 0, b = 1),
 * linear (a = 1, b = 0), relulike:A,B.
 *
 * Branches: -1: (a - b) z, +1: (a + b) z; for b = 0 a single branch a z.
 * Kernels (theta = arccos c, c = s12 / sqrt(s11 s22); proofs/activations.md,
 * Lemma A13):
 *   E[phi(u) phi(v)]   = a^2 s12 + b^2 (2 sqrt(s11 s22) / pi)
 *                                       (sin theta + (pi/2 - theta) c)
 *   E[phi'(u) phi'(v)] = a^2 + b^2 (1 - 2 theta / pi)
 * (the cross terms a b E[u |v|] and a b E[sgn u] vanish by the symmetry
 * (u, v) -> (-u, -v)).  For relu this is the arc-cosine kernel
 * sqrt(s11 s22) (sin theta + (pi - theta) c) / (2 pi).
 */
#include "act_impl.h"

static void
slope(arb_t m, const ntk_act_struct *act, int branch, slong prec)
{
    arb_t b;
    arb_init(b);
    arb_set_fmpq(m, act->a, prec);
    arb_set_fmpq(b, act->b, prec);
    if (branch > 0)
        arb_add(m, m, b, prec);
    else if (branch < 0)
        arb_sub(m, m, b, prec);
    arb_clear(b);
}

ntk_status
_ntk_act_relulike_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                      int branch, slong len, slong prec)
{
    arb_t m;
    arb_init(m);
    slope(m, act, branch, prec);
    _acb_vec_zero(res, len);
    acb_mul_arb(res, z, m, prec);
    if (len > 1)
        acb_set_arb(res + 1, m);
    arb_clear(m);
    return NTK_SUCCESS;
}

void
_ntk_act_relulike_growth(arb_t A, arb_t B, arb_t r, slong *p,
                         const ntk_act_struct *act, int branch, slong prec)
{
    /* |m z| = |m| |z| everywhere (proofs/activations.md, Lemma A4) */
    *p = 1;
    arb_zero(A);
    slope(B, act, branch, prec);
    arb_abs(B, B);
    arb_one(r);
}

/* E|X||Y| / sqrt(s11 s22) for standard X, Y of correlation c:
   (2/pi) (sin theta + (pi/2 - theta) c)                                   */
static void
abs_kernel_unit(arb_t res, const arb_t c, const arb_t theta, const arb_t sinth,
                slong prec)
{
    arb_t t;
    arb_init(t);
    arb_const_pi(t, prec);
    arb_mul_2exp_si(t, t, -1);
    arb_sub(t, t, theta, prec);
    arb_mul(t, t, c, prec);
    arb_add(t, t, sinth, prec);
    arb_const_pi(res, prec);
    arb_div(res, t, res, prec);
    arb_mul_2exp_si(res, res, 1);
    arb_clear(t);
}

ntk_status
_ntk_act_relulike_kernel(arb_t res, const ntk_act_struct *act, int deriv,
                         const arb_t s11, const arb_t s12, const arb_t s22,
                         const arb_t c, slong prec)
{
    arb_t a2, b2, theta, t, u;
    arb_init(a2);
    arb_init(b2);
    arb_init(theta);
    arb_init(t);
    arb_init(u);

    arb_set_fmpq(a2, act->a, prec);
    arb_sqr(a2, a2, prec);
    arb_set_fmpq(b2, act->b, prec);
    arb_sqr(b2, b2, prec);

    if (arb_is_zero(b2))
    {
        if (deriv == 0)
            arb_mul(res, a2, s12, prec);
        else
            arb_set(res, a2);
        goto cleanup;
    }
    _ntk_act_theta_c(theta, c, prec);
    if (deriv == 0)
    {
        /* sin theta = sqrt((1 - c)(1 + c)) */
        arb_sub_ui(t, c, 1, prec);
        arb_neg(t, t);
        arb_add_ui(u, c, 1, prec);
        arb_mul(t, t, u, prec);
        _ntk_act_clamp_nonneg(t, prec);
        arb_sqrtpos(t, t, prec);
        abs_kernel_unit(u, c, theta, t, prec);
        arb_mul(t, s11, s22, prec);
        arb_sqrtpos(t, t, prec);
        arb_mul(u, u, t, prec);
        arb_mul(u, u, b2, prec);
        arb_mul(t, a2, s12, prec);
        arb_add(res, t, u, prec);
    }
    else
    {
        /* a^2 + b^2 (1 - 2 theta / pi) */
        arb_const_pi(t, prec);
        arb_div(t, theta, t, prec);
        arb_mul_2exp_si(t, t, 1);
        arb_sub_ui(t, t, 1, prec);
        arb_neg(t, t);
        arb_mul(t, t, b2, prec);
        arb_add(res, a2, t, prec);
    }
cleanup:
    arb_clear(a2);
    arb_clear(b2);
    arb_clear(theta);
    arb_clear(t);
    arb_clear(u);
    return NTK_SUCCESS;
}

ntk_status
_ntk_act_relulike_kernel_eps(arb_t res, const ntk_act_struct *act, int deriv,
                             const arb_t q, const arb_t eps, slong prec)
{
    arb_t a2, b2, theta, t, u;
    arb_init(a2);
    arb_init(b2);
    arb_init(theta);
    arb_init(t);
    arb_init(u);

    arb_set_fmpq(a2, act->a, prec);
    arb_sqr(a2, a2, prec);
    arb_set_fmpq(b2, act->b, prec);
    arb_sqr(b2, b2, prec);
    _ntk_act_theta_eps(theta, eps, prec);

    if (deriv == 0)
    {
        /* E phi^2 - E phi(u) phi(v)
             = a^2 q eps + b^2 q (2/pi) (theta - sin theta + eps (pi/2 - theta))
           (proofs/activations.md, Lemma A13): for eps <= 1 every term is
           >= 0, nothing cancels. */
        _ntk_act_theta_minus_sin(t, theta, prec);
        arb_const_pi(u, prec);
        arb_mul_2exp_si(u, u, -1);
        arb_sub(u, u, theta, prec);
        arb_mul(u, u, eps, prec);
        arb_add(t, t, u, prec);
        arb_const_pi(u, prec);
        arb_div(t, t, u, prec);
        arb_mul_2exp_si(t, t, 1);
        arb_mul(t, t, b2, prec);
        arb_mul(u, a2, eps, prec);
        arb_add(t, t, u, prec);
        arb_mul(res, t, q, prec);
    }
    else
    {
        arb_const_pi(t, prec);
        arb_div(t, theta, t, prec);
        arb_mul_2exp_si(t, t, 1);
        arb_sub_ui(t, t, 1, prec);
        arb_neg(t, t);
        arb_mul(t, t, b2, prec);
        arb_add(res, a2, t, prec);
    }
    arb_clear(a2);
    arb_clear(b2);
    arb_clear(theta);
    arb_clear(t);
    arb_clear(u);
    return NTK_SUCCESS;
}
