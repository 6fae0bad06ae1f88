/*
 * src/act/sincos.c -- phi(x) = sin x and phi(x) = cos x, entire.  The two
 * share everything but the parity: below, odd = 1 for sin, 0 for cos.
 *
 * Growth: |sin(x + iy)|^2 = sin^2 x + sinh^2 y <= cosh^2 y, likewise
 * |cos(x + iy)|^2 = cos^2 x + sinh^2 y, so |sin z|, |cos z| <= cosh r on
 * |Im z| <= r (proofs/activations.md, Lemma A8).
 * Kernels (proofs/activations.md, Lemma A19), from
 * E[e^(i(u -+ v))] = e^(-(s11 + s22 -+ 2 s12)/2):
 *   E[sin u sin v] = e^(-(s11 + s22)/2) sinh(s12)
 *   E[cos u cos v] = e^(-(s11 + s22)/2) cosh(s12)
 * and the derivative kernels swap them (sin' = cos, cos' = -sin).
 * Equal variances q, c = 1 - eps, with h = cosh for sin, sinh for cos:
 *   E sin^2 u - E sin u sin v = e^(-q) (sinh q - sinh(q (1 - eps)))
 *                             = 2 e^(-q) cosh(q (1 - eps/2)) sinh(q eps / 2),
 *   E cos^2 u - E cos u cos v = e^(-q) (cosh q - cosh(q (1 - eps)))
 *                             = 2 e^(-q) sinh(q (1 - eps/2)) sinh(q eps / 2),
 * i.e. 2 e^(-q) h(q (1 - eps/2)) sinh(q eps / 2): no cancellation as eps -> 0;
 * the derivative kernel is e^(-q) h(q (1 - eps)).
 */
#include "act_impl.h"

static void
hyp(arb_t res, const arb_t x, int use_cosh, slong prec)
{
    if (use_cosh)
        arb_cosh(res, x, prec);
    else
        arb_sinh(res, x, prec);
}

static ntk_status
trig_jet(acb_ptr res, int odd, const acb_t z, slong len, slong prec)
{
    acb_struct h[2];
    acb_ptr other = _acb_vec_init(len);
    acb_init(h);
    acb_init(h + 1);
    acb_set(h, z);
    acb_one(h + 1);
    if (odd)
        ntk_acb_poly_sin_cos_series(res, other, h, FLINT_MIN(2, len), len, prec);
    else
        ntk_acb_poly_sin_cos_series(other, res, h, FLINT_MIN(2, len), len, prec);
    acb_clear(h);
    acb_clear(h + 1);
    _acb_vec_clear(other, len);
    return NTK_SUCCESS;
}

static void
trig_growth(arb_t A, arb_t B, arb_t r, slong *p, slong prec)
{
    *p = 1;
    arb_one(r);
    arb_cosh(A, r, prec);                      /* Lemma A8 */
    arb_zero(B);
}

/* deriv 0: sinh(s12) for sin, cosh(s12) for cos; deriv 1 swaps */
static ntk_status
trig_kernel(arb_t res, int odd, int deriv, const arb_t s11, const arb_t s12,
            const arb_t s22, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_add(t, s11, s22, prec);
    arb_mul_2exp_si(t, t, -1);
    arb_neg(t, t);
    arb_exp(t, t, prec);
    hyp(res, s12, (deriv == 0) != odd, prec);
    arb_mul(res, res, t, prec);
    arb_clear(t);
    return NTK_SUCCESS;
}

static ntk_status
trig_kernel_eps(arb_t res, int odd, int deriv, const arb_t q, const arb_t eps,
                slong prec)
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
        hyp(t, t, odd, prec);                  /* h(q (1 - eps/2)) */
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
        hyp(t, t, odd, prec);                  /* h(q (1 - eps)) */
        arb_mul(res, u, t, prec);
    }
    arb_clear(t);
    arb_clear(u);
    return NTK_SUCCESS;
}

/* the entry points of the ops table (act_impl.h) */
#define NTK_TRIG_ENTRIES(name, odd)                                           \
ntk_status                                                                    \
_ntk_act_##name##_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z, \
                      int branch, slong len, slong prec)                      \
{                                                                             \
    return trig_jet(res, odd, z, len, prec);                                  \
}                                                                             \
void                                                                          \
_ntk_act_##name##_growth(arb_t A, arb_t B, arb_t r, slong *p,                 \
                         const ntk_act_struct *act, int branch, slong prec)   \
{                                                                             \
    trig_growth(A, B, r, p, prec);                                            \
}                                                                             \
ntk_status                                                                    \
_ntk_act_##name##_kernel(arb_t res, const ntk_act_struct *act, int deriv,     \
                         const arb_t s11, const arb_t s12, const arb_t s22,   \
                         const arb_t c, slong prec)                           \
{                                                                             \
    return trig_kernel(res, odd, deriv, s11, s12, s22, prec);                 \
}                                                                             \
ntk_status                                                                    \
_ntk_act_##name##_kernel_eps(arb_t res, const ntk_act_struct *act, int deriv, \
                             const arb_t q, const arb_t eps, slong prec)      \
{                                                                             \
    return trig_kernel_eps(res, odd, deriv, q, eps, prec);                    \
}

NTK_TRIG_ENTRIES(sin, 1)
NTK_TRIG_ENTRIES(cos, 0)
