/*
 * src/act/act_impl.h -- private interface between src/act/act.c (names,
 * properties, argument checks, dispatch) and the one-file-per-family
 * implementations (tanh.c, erf.c, relulike.c, ...).
 *
 * act.c validates everything before calling a family function:
 *   jet        : branch fits the activation, len >= 1, res does not alias z;
 *   kernel     : deriv in {0, 1}; s11, s22 > 0; c = s12 / sqrt(s11 s22)
 *                is passed already intersected with [-1, 1];
 *   kernel_eps : deriv in {0, 1}; q > 0; eps intersected with [0, 2].
 * The family functions only do mathematics.
 */
#ifndef NTKDEPTH_ACT_IMPL_H
#define NTKDEPTH_ACT_IMPL_H

#include "ntkdepth/act.h"

typedef ntk_status (*ntk_act_jet_fn)(acb_ptr res, const ntk_act_struct *act,
                                     const acb_t z, int branch, slong len,
                                     slong prec);
/* |phi_branch(z)| <= A + B |z|^p on the region of ntk_act_growth. */
typedef void (*ntk_act_growth_fn)(arb_t A, arb_t B, arb_t r, slong *p,
                                  const ntk_act_struct *act, int branch,
                                  slong prec);
typedef ntk_status (*ntk_act_kernel_fn)(arb_t res, const ntk_act_struct *act,
                                        int deriv, const arb_t s11,
                                        const arb_t s12, const arb_t s22,
                                        const arb_t c, slong prec);
typedef ntk_status (*ntk_act_kernel_eps_fn)(arb_t res,
                                            const ntk_act_struct *act,
                                            int deriv, const arb_t q,
                                            const arb_t eps, slong prec);

/* ---- per family (one file each) -------------------------------------- */
#define NTK_ACT_DECLARE_JET(fam)                                            \
    ntk_status _ntk_act_##fam##_jet(acb_ptr res, const ntk_act_struct *act, \
                                    const acb_t z, int branch, slong len,   \
                                    slong prec);                            \
    void _ntk_act_##fam##_growth(arb_t A, arb_t B, arb_t r, slong *p,       \
                                 const ntk_act_struct *act, int branch,     \
                                 slong prec);
#define NTK_ACT_DECLARE_KERNEL(fam)                                         \
    ntk_status _ntk_act_##fam##_kernel(arb_t res, const ntk_act_struct *act,\
                                       int deriv, const arb_t s11,          \
                                       const arb_t s12, const arb_t s22,    \
                                       const arb_t c, slong prec);          \
    ntk_status _ntk_act_##fam##_kernel_eps(arb_t res,                       \
                                           const ntk_act_struct *act,       \
                                           int deriv, const arb_t q,        \
                                           const arb_t eps, slong prec);

NTK_ACT_DECLARE_JET(relulike)
NTK_ACT_DECLARE_KERNEL(relulike)
NTK_ACT_DECLARE_JET(step)
NTK_ACT_DECLARE_KERNEL(step)
NTK_ACT_DECLARE_JET(relu_pow)
NTK_ACT_DECLARE_KERNEL(relu_pow)
NTK_ACT_DECLARE_JET(erf)
NTK_ACT_DECLARE_KERNEL(erf)
NTK_ACT_DECLARE_JET(gelu)
NTK_ACT_DECLARE_KERNEL(gelu)
NTK_ACT_DECLARE_JET(sin)
NTK_ACT_DECLARE_KERNEL(sin)
NTK_ACT_DECLARE_JET(cos)
NTK_ACT_DECLARE_KERNEL(cos)
NTK_ACT_DECLARE_JET(tanh)
NTK_ACT_DECLARE_JET(elu)
NTK_ACT_DECLARE_KERNEL(elu)
NTK_ACT_DECLARE_JET(silu)
NTK_ACT_DECLARE_JET(softplus)
NTK_ACT_DECLARE_JET(sigmoid)
NTK_ACT_DECLARE_JET(selu)
NTK_ACT_DECLARE_KERNEL(selu)
NTK_ACT_DECLARE_JET(mish)

/* sigmoid, silu or tanh (kind) on an arithmetic progression (sigmoid.c;
   see ntk_act_values_ap) */
void _ntk_act_logistic_values_ap(arb_ptr res, ntk_act_kind kind, slong k,
                                 const arb_t h, slong n, slong prec);

/* ---- shared series helpers ------------------------------------------- */

/* res[0..len) = Taylor coefficients of sigmoid(z + t) in t (sigmoid.c). */
void _ntk_act_sigmoid_series(acb_ptr res, const acb_t z, slong len, slong prec);

/* res[0..len) = coefficients of m (e^(z+t) - 1) (elu.c; used by selu.c). */
void _ntk_act_expm1_series(acb_ptr res, const arb_t m, const acb_t z,
                           slong len, slong prec);

/* res[0..len) = (z + t) * f(t) truncated, f = g[0..len) (silu, gelu, mish). */
void _ntk_act_mul_by_var(acb_ptr res, const acb_t z, acb_srcptr g, slong len,
                         slong prec);

/* ---- normal cdf and Owen's T (owent.c) ------------------------------- */

/* Q(x) = 1 - Phi(x), Phi(x): standard normal tail and cdf (erfc). */
void _ntk_act_normal_sf(arb_t res, const arb_t x, slong prec);
void _ntk_act_normal_cdf(arb_t res, const arb_t x, slong prec);

/* Owen's T(h, a) for any real h, a (proofs/activations.md, A22-A23). */
void _ntk_act_owent(arb_t res, const arb_t h, const arb_t a, slong prec);

/* T(G, H / G) for G >= 0 (the limit sgn(H)/4 at G = 0): robust when
   either argument is small (Lemma A23). */
void _ntk_act_owent_gh(arb_t res, const arb_t G, const arb_t H, slong prec);

/* B(H, G) = (Phi(H) - 1/2) Q(G) - T(G, H/G), G >= 0 (Lemma A24). */
void _ntk_act_owen_B(arb_t res, const arb_t H, const arb_t G, slong prec);

/* ELU-family kernels with phi = L x (x > 0), M (e^x - 1) (x < 0)
   (elu.c; selu.c uses L = lambda, M = lambda alpha). */
ntk_status _ntk_act_elu_kernel_lm(arb_t res, const arb_t L, const arb_t M,
                                  int deriv, const arb_t s11, const arb_t s12,
                                  const arb_t s22, const arb_t c, slong prec);
ntk_status _ntk_act_elu_kernel_eps_lm(arb_t res, const arb_t L, const arb_t M,
                                      int deriv, const arb_t q, const arb_t eps,
                                      slong prec);

/* working precision of the ELU eps form: prec + 30 + log2(1/eps)
   (proofs/activations.md, Lemma A27); the parameters L, M must be
   enclosed to this precision too. */
slong _ntk_act_elu_eps_prec(const arb_t eps, slong prec);

/* ---- kernel helpers (kernel_util.c) ---------------------------------- */

/* theta = arccos(1 - eps) = 2 asin(sqrt(eps / 2)), eps in [0, 2]. */
void _ntk_act_theta_eps(arb_t theta, const arb_t eps, slong prec);

/* res = asin(x) for a ball x within [-1, 1]; unlike arb_asin also for
 * balls touching +-1 (enclosure by the monotone endpoints). */
void _ntk_act_asin(arb_t res, const arb_t x, slong prec);

/* theta = arccos(c), c in [-1, 1] (same robustness as _ntk_act_asin). */
void _ntk_act_theta_c(arb_t theta, const arb_t c, slong prec);

/* res = theta - sin(theta) for theta in [0, pi], by its alternating series
 * when theta <= 1 (proofs/activations.md, Lemma A1), else directly. */
void _ntk_act_theta_minus_sin(arb_t res, const arb_t theta, slong prec);

/* asin(x) - asin(x (1 - eps)) for 0 <= x < 1, 0 <= eps <= 2, given
 * omx2 = 1 - x^2 computed without cancellation by the caller; no
 * cancellation near eps = 0 (proofs/activations.md, Lemma A2). */
void _ntk_act_asin_diff(arb_t res, const arb_t x, const arb_t omx2,
                        const arb_t eps, slong prec);

/* x := x intersected with [lo, hi] (the exact value is known to lie there);
 * returns 0 if the intersection is empty. */
int _ntk_act_clamp(arb_t x, slong lo, slong hi, slong prec);

/* x := x intersected with [0, +inf). Returns 0 if empty. */
int _ntk_act_clamp_nonneg(arb_t x, slong prec);

/* 1 if every entry of res[0..len) is finite, else sets an NTK_UNABLE
 * message naming the activation and returns 0. */
int _ntk_act_jet_finite(acb_srcptr res, slong len, const ntk_act_struct *act);

#endif
