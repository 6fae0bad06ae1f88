/*
 * ntkdepth/act.h -- activation functions: phi and its derivatives in ball
 * arithmetic, their analytic structure (branches, smoothness, growth in a
 * complex strip), and the closed-form Gaussian kernels where they exist.
 *
 * Names (conventions.md section 3):
 *   closed forms : relu, leaky_relu:ALPHA, abs, linear, step, relu_pow:K,
 *                  erf, gelu (x Phi(x)), sin, cos,
 *                  relulike:A,B  (a x + b |x|, the family of Terjek &
 *                                 Gonzalez-Sanchez; relu = relulike:1/2,1/2),
 *                  elu, elu:ALPHA, selu (semi-closed: Phi, exp and Owen's T)
 *   quadrature   : tanh, silu (alias swish), softplus, sigmoid, mish
 *                  (elu, selu too with --method quad)
 * Parameters are exact decimals (leaky_relu:0.1 means 1/10).
 *
 * Piecewise activations are analytic on each side of 0: branch -1 is the
 * analytic function that equals phi on x < 0, branch +1 the one on x > 0.
 * Activations analytic on the whole real line have a single branch 0.
 */
#ifndef NTKDEPTH_ACT_H
#define NTKDEPTH_ACT_H

#include "ntkdepth/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum
{
    NTK_ACT_RELULIKE = 0, /* a x + b |x|: relu, leaky_relu, abs, linear   */
    NTK_ACT_STEP,         /* Heaviside: 1 for x > 0, 0 for x < 0          */
    NTK_ACT_RELU_POW,     /* max(x, 0)^K, K >= 1 (K = 0 is step)          */
    NTK_ACT_ERF,
    NTK_ACT_GELU,         /* x Phi(x), Phi the standard normal cdf        */
    NTK_ACT_SIN,
    NTK_ACT_COS,
    NTK_ACT_TANH,
    NTK_ACT_ELU,          /* x (x > 0), alpha (e^x - 1) (x < 0)           */
    NTK_ACT_SILU,         /* x / (1 + e^-x)                               */
    NTK_ACT_SOFTPLUS,     /* log(1 + e^x)                                 */
    NTK_ACT_SIGMOID,      /* 1 / (1 + e^-x)                               */
    NTK_ACT_SELU,         /* lambda x (x > 0), lambda alpha (e^x - 1)     */
    NTK_ACT_MISH          /* x tanh(softplus(x))                          */
} ntk_act_kind;

#define NTK_ACT_NAME_MAX 96
#define NTK_SMOOTH_INF WORD_MAX

typedef struct
{
    ntk_act_kind kind;
    char name[NTK_ACT_NAME_MAX]; /* canonical name, e.g. "leaky_relu:0.1" */
    fmpq_t a, b;      /* RELULIKE: phi = a x + b |x| (exact)              */
    fmpq_t alpha;     /* ELU alpha; SELU alpha (exact decimal or SELU's
                         published 1.6732632423543772848170429916717)     */
    fmpq_t lambda;    /* SELU lambda (1.0507009873554804934193349852946)  */
    ulong k;          /* RELU_POW degree                                  */
} ntk_act_struct;

typedef ntk_act_struct ntk_act_t[1];

void ntk_act_init(ntk_act_t act);
void ntk_act_clear(ntk_act_t act);
void ntk_act_set(ntk_act_t dst, const ntk_act_t src);

/**
 * Parse an activation name ("tanh", "leaky_relu:0.1", "elu:0.5",
 * "relu_pow:2", "relulike:1,0.5", "swish").
 * Status: NTK_DOMAIN naming the string if unknown or its parameter is bad.
 */
ntk_status ntk_act_set_str(ntk_act_t act, const char *name);

/** Space-separated list of the accepted names, for --help. */
const char *ntk_act_names(void);

/** 1 if the NNGP/derivative/variance maps have a closed form. */
int ntk_act_has_closed_form(const ntk_act_t act);

/** 1 if phi has a kink or jump at 0 (two branches -1, +1), else 0. */
int ntk_act_is_piecewise(const ntk_act_t act);

/**
 * Parity of phi: 1 if phi is even (phi(-x) = phi(x): cos, abs), -1 if odd
 * (phi(-x) = -phi(x): tanh, erf, sin, linear), 0 if neither or not known
 * (a conservative answer: 0 is always valid).  Then E[phi^(k)(s Z)] = 0 for
 * Z ~ N(0, 1) and every k of the other parity (phi^(k) is odd).
 */
int ntk_act_parity(const ntk_act_t act);

/**
 * Smoothness order s: phi^(k) is in L^2(Gaussian) as a function (no Dirac
 * part) for k <= s, so Price's formula f^(k)(1) = sigma_w^2 q^(k-1)
 * E[phi^(k)(sqrt(q) Z)^2] is finite exactly for k <= s.
 * relu/leaky/abs: 1; step: 0; relu_pow:K: K; elu (alpha = 1): 2;
 * elu:alpha != 1 and selu: 1; linear and smooth activations: NTK_SMOOTH_INF.
 */
slong ntk_act_smoothness(const ntk_act_t act);

/**
 * Taylor jet of one analytic branch at a complex point:
 * res[j] = phi_branch^(j)(z) / j!, for j = 0 .. len-1.
 *
 * branch: 0 for single-branch activations; -1 or +1 for piecewise ones
 *         (the formula valid on x < 0, resp. x > 0, continued analytically).
 * Math:   each res[j] is a ball containing the exact coefficient for every z
 *         in the input ball (so a wide z gives a valid enclosure on a region).
 *         Computed with Arb's power-series functions (tan, erf/erfc, exp,
 *         inverse, log1p); see the family file (src/act/<name>.c).
 *         Singularities: tanh at i pi (k + 1/2); sigmoid, silu, softplus at
 *         i pi (2k + 1); mish where e^z (e^z + 2) = -2; softplus is only
 *         evaluated on |Im z| < pi (its branch points; NTK_UNABLE outside).
 * Precision: the radii are those of Arb's series at prec bits (no extra
 *         guard bits); a wide z gives wide coefficients.
 * Status: NTK_DOMAIN if branch does not fit the activation; NTK_UNABLE if
 *         the enclosure is not finite (e.g. z too close to a pole of tanh)
 *         or z is not finite.  len <= 0: nothing to do, NTK_SUCCESS.
 * Aliasing: res must not alias z; res has room for len entries.
 */
ntk_status ntk_act_jet(acb_ptr res, const ntk_act_t act, const acb_t z,
                       int branch, slong len, slong prec);

/** Real-point convenience: res[j] = phi^(j)(x)/j!; at x = 0 exactly for a
 *  piecewise activation the right branch is used; for a ball x that
 *  straddles 0 the result is the union of both branches' enclosures (valid
 *  for every point of the ball, each lying on one side).  Status as
 *  ntk_act_jet. */
ntk_status ntk_act_jet_arb(arb_ptr res, const ntk_act_t act, const arb_t x,
                           slong len, slong prec);

/** Values on an arithmetic progression: res[i] = phi^(k)(i h), i = 0..n-1,
 *  k in {0, 1}, h a real ball (an enclosure for every h in the ball).
 *  sigmoid and silu use sigmoid(i h) = 1/(1 + E^i), E = e^(-h), tanh
 *  tanh(i h) = (1 - E^i)/(1 + E^i), E = e^(-2h), with the powers by
 *  repeated multiplication at prec + 2 bitcount(n) + 8 bits (a few
 *  multiplications per value instead of a jet); every other activation
 *  takes ntk_act_jet_arb at each point.  Status as ntk_act_jet_arb;
 *  NTK_DOMAIN if k is not 0 or 1.  Aliasing: res has room for n entries
 *  and does not alias h. */
ntk_status ntk_act_values_ap(arb_ptr res, const ntk_act_t act, slong k,
                             const arb_t h, slong n, slong prec);

/**
 * Growth bound in a complex strip, for tail bounds (proofs/tails.md):
 * for every z with |Im z| <= r (and, for branch -1/+1, Re z <= r resp.
 * Re z >= -r):   |phi_branch(z)| <= A + B |z|.
 * Use the upper bounds of A and B and the lower bound of r (the balls are
 * exact or nearly so).  Strip widths: tanh, mish 3/4 (< pi/4); sigmoid,
 * silu, softplus 3/2 (< pi/2); all others 1.  relu_pow:K with K >= 2 has
 * no linear bound on branch +1: B = +inf (use ntk_act_growth_poly).
 * Proofs: proofs/activations.md, Lemmas A4-A12, cited in each source.
 */
void ntk_act_growth(arb_t A, arb_t B, arb_t r, const ntk_act_t act,
                    int branch, slong prec);

/**
 * Polynomial growth bound on the same region as ntk_act_growth:
 *   |phi_branch(z)| <= A + B |z|^p.
 * p = 1 for every activation except relu_pow:K on branch +1 (p = K), whose
 * linear bound does not exist (ntk_act_growth then returns B = +inf).
 */
void ntk_act_growth_poly(arb_t A, arb_t B, arb_t r, slong *p,
                         const ntk_act_t act, int branch, slong prec);

/**
 * Closed-form Gaussian kernels, (u, v) ~ N(0, [[s11, s12], [s12, s22]]):
 *   deriv = 0 : res = E[phi(u) phi(v)]
 *   deriv = 1 : res = E[phi'(u) phi'(v)]   (for step: the Price/Dirac value
 *               1/(2 pi sqrt(s11 s22 - s12^2)), NTK_DOMAIN at |c| = 1)
 * Formulas and proofs: proofs/activations.md, Lemmas A13-A19, A22-A27.
 * ELU/SELU: when s11, s12 and s22 are the same ball it is read as one
 * variance q of a diagonal entry (c = 1 exactly, conventions.md section 1)
 * and the 1D closed form E[phi(u)^2] (E[phi'(u)^2]), smooth in q, is used.
 * Ball semantics: the result contains the kernel for every covariance in
 * the input balls that is positive semidefinite; c = s12 / sqrt(s11 s22)
 * is intersected with [-1, 1] (a ball straddling c = 1 is fine; c = +-1
 * exactly is fine).  Near c = 1 the accuracy is limited by how well the
 * inputs determine 1 - c: use _eps below for the deep recursion.
 * Status: NTK_UNABLE if the activation has no closed form, or s11/s22 is
 *         a ball not certainly > 0 but not certainly <= 0;
 *         NTK_DOMAIN if deriv is not 0 or 1, s11 or s22 is certainly <= 0,
 *         or |c| > 1 certainly; step with deriv = 1: NTK_DOMAIN at |c| = 1
 *         exactly, NTK_UNABLE if the ball contains |c| = 1.
 * Aliasing: res may alias any input.
 */
ntk_status ntk_act_kernel_closed(arb_t res, const ntk_act_t act, int deriv,
                                 const arb_t s11, const arb_t s12,
                                 const arb_t s22, slong prec);

/**
 * Equal-variance closed forms in terms of eps = 1 - c (0 <= eps <= 2),
 * for the deep recursion:
 *   deriv = 0 : res = E[phi(u)^2] - E[phi(u) phi(v)]  (computed without
 *               subtracting two nearly equal numbers)
 *   deriv = 1 : res = E[phi'(u) phi'(v)]
 * with u, v of variance q and correlation 1 - eps.
 * Accuracy: the relative accuracy of the result does not degrade as
 * eps -> 0 (tested down to eps = 3 * 2^-100 against the direct difference
 * at 4x precision; proofs/activations.md, Lemmas A1-A3, A13-A19).
 * eps is intersected with [0, 2] (a ball straddling 0 is fine).
 * Status as ntk_act_kernel_closed; NTK_DOMAIN if q <= 0 or eps is
 * certainly outside [0, 2].
 */
ntk_status ntk_act_kernel_closed_eps(arb_t res, const ntk_act_t act, int deriv,
                                     const arb_t q, const arb_t eps, slong prec);

#ifdef __cplusplus
}
#endif

#endif
