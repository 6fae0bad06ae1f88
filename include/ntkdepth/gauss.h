/*
 * ntkdepth/gauss.h -- certified Gaussian expectations of activations.
 *
 * Quadrature path (any activation, closed form or not; the closed forms of
 * act.h are the test oracles of this module).  Every result is a ball
 * containing the exact expectation; the error bounds are proved in
 * proofs/tails.md and cited in src/gauss:
 *  - 1D: acb_calc_integrate on [-T, 0], [0, T] (piecewise) or [-T, T],
 *    holomorphy checked against the strip of ntk_act_growth_poly, tails by
 *    Gaussian moments (Lemmas T1, T2);
 *  - 2D, single-branch activations: tensor trapezoidal rule on R^2 with
 *    a lattice of nodes (phi evaluated once per lattice point, inner sums
 *    as dot products) and the Trefethen-Weideman strip bound (Lemma Q2);
 *  - 2D, piecewise activations: nested acb_calc_integrate with the kink
 *    line handled exactly (Lemma T3);
 *  - equal variances near c = 1 and the eps form: the difference
 *    (1/2) E[(f(u) - f(v))^2] integrated directly in the coordinates
 *    (u + v)/2, (u - v)/2 (Lemma E1), so no two nearly equal numbers are
 *    subtracted;
 *  - Price and Hermite coefficients: trapezoidal rule with jets at the
 *    nodes.
 *
 * Inputs may be balls (q, covariance entries, eps): the result is then an
 * enclosure valid for every value in those balls (interval Newton relies
 * on this).  `prec` is the working precision in bits; the result usually
 * has about prec - 2 correct bits (relative), less only when the exact
 * value is 0 or the input balls are wide.  Cost grows with prec and with
 * 1/(strip width of ntk_act_growth) -- see the benchmark bench-gauss.
 * Thread-safe: no global state.  Aliasing: outputs must not alias inputs.
 */
#ifndef NTKDEPTH_GAUSS_H
#define NTKDEPTH_GAUSS_H

#include "ntkdepth/act.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * One-dimensional expectation, Z ~ N(0, 1):
 *   res = E[ Z^zpow * prod_{i < nfac} phi^(orders[i])(sqrt(q) Z) ].
 * orders[i] >= 0 must not exceed ntk_act_smoothness(act) (a Dirac part
 * has no L^2 value): NTK_DOMAIN otherwise.  q > 0 required (NTK_DOMAIN).
 * Status: NTK_UNABLE if the quadrature cannot reach a finite enclosure
 * (the growth bound of the activation is not finite, or a scale ball
 * contains 0).  Cost: one adaptive 1D integral per analytic piece
 * (~1-20 ms at 128 bits).
 */
ntk_status ntk_gauss_expect1(arb_t res, const ntk_act_t act,
                             const slong *orders, slong nfac, slong zpow,
                             const arb_t q, slong prec);

/**
 * Two-dimensional expectation, (u, v) ~ N(0, [[s11, s12], [s12, s22]]):
 *   deriv = 0 : res = E[phi(u) phi(v)]
 *   deriv = 1 : res = E[phi'(u) phi'(v)]
 * by quadrature, for every activation (closed forms are not used here:
 * they are the test oracles of this path).  Requires s11, s22 > 0 and
 * s12^2 <= s11 s22 (NTK_DOMAIN otherwise; a ball sticking out of the
 * PSD cone is intersected with it); |c| = 1 exactly is handled as the 1D
 * degenerate case.  deriv = 1 is NTK_DOMAIN for smoothness 0 (step).
 * If s11 and s22 are the same ball and 0 < 1 - s12/s11 is small (2^-4
 * piecewise, 2^-14 smooth) the (u +- v)/2 form is used (Lemma E1).
 * Status: NTK_UNABLE for a piecewise activation whose correlation ball
 * touches +-1 without being exactly +-1 (unequal variances).
 * Cost at 128 bits: ~2-5 ms smooth (tanh), seconds for piecewise (ELU);
 * tens of ms when |c| is small (the lattice grows like 1/|c|).
 */
ntk_status ntk_gauss_expect2(arb_t res, const ntk_act_t act, int deriv,
                             const arb_t s11, const arb_t s12,
                             const arb_t s22, slong prec);

/**
 * Equal-variance difference form, u, v of variance q, correlation 1 - eps:
 *   res = E[phi(u)^2] - E[phi(u) phi(v)] = (1/2) E[(phi(u) - phi(v))^2]
 * computed from the second expression (no cancellation between two
 * nearly equal expectations): for eps <= 1 (piecewise) or eps <= 2^-14
 * (smooth) directly in the coordinates (u +- v)/2 (Lemma E1), above that
 * as a ball difference at prec + log2(1/eps) + 16 bits.  Full relative
 * accuracy for every eps > 0 (tested down to 1e-15).  eps = 0 exactly
 * gives 0.  NTK_DOMAIN unless 0 <= eps <= 2 and q > 0.
 */
ntk_status ntk_gauss_expect2_eps(arb_t res, const ntk_act_t act,
                                 const arb_t q, const arb_t eps, slong prec);

/**
 * The same with e2 = E[phi(sqrt(q) Z)^2] supplied by the caller (NULL:
 * computed here), for a caller that needs many eps at one q: e2 must
 * enclose the moment for every q in the ball q (then res is an enclosure
 * for every such q); its accuracy should be about prec + 16 + log2(1/eps)
 * bits or what the ball q allows (e.g. ntk_gauss_expect1 at prec + 64),
 * else the difference is correspondingly wider.  Aliasing: res may not
 * be e2.
 */
ntk_status ntk_gauss_expect2_eps_e2(arb_t res, const ntk_act_t act,
                                    const arb_t q, const arb_t eps,
                                    const arb_t e2, slong prec);

/**
 * Price coefficients: res[k] = E[ phi^(k)(sqrt(q) Z)^2 ], k = 0 .. len-1.
 * With them f^(k)(1) = sigma_w^2 q^(k-1) res[k] (conventions.md section 2).
 * len - 1 must not exceed ntk_act_smoothness(act): NTK_DOMAIN otherwise.
 * Smooth activations: all k at once (one jet of length len per node), the
 * step refined until every res[k] has about prec bits; piecewise ones:
 * one adaptive integral per k.  The cost grows quickly with len when the
 * activation's growth strip is narrow (Cauchy estimates, Lemma T4).
 */
ntk_status ntk_gauss_price(arb_ptr res, const ntk_act_t act, const arb_t q,
                           slong len, slong prec);

/**
 * Hermite (Mehler) coefficients: m[k] = E[ phi^(k)(sqrt(q) Z) ], and, if
 * F != NULL, the Price coefficients F[k] = E[ phi^(k)(sqrt(q) Z)^2 ] of
 * the same pass, k = 0 .. len-1.  Mehler's formula (proofs/propagation.md,
 * Lemma P5): for u, v of variance q and correlation c,
 *   E[phi(u) phi(v)] = sum_k q^k m[k]^2 c^k / k!.
 * Coefficients that vanish by parity (ntk_act_parity) are exactly 0.
 * Constraints and status as ntk_gauss_price (same trapezoidal pass, error
 * bound proofs/tails.md, Lemma Q3); the step is refined until every
 * nonzero m[k] and F[k] has about min(kbits[k], prec) bits (relative;
 * kbits == NULL: prec for every k).  A true m[k] far below its a-priori
 * bound (cancellation) costs a finer step, so ask for few bits where few
 * are needed (e.g. Mehler terms a_k c^k with |c| small at large k).  The
 * enclosures are valid whatever kbits says.
 * Aliasing: m and F must not overlap each other or q.
 */
ntk_status ntk_gauss_hermite(arb_ptr m, arb_ptr F, const ntk_act_t act,
                             const arb_t q, slong len, const double *kbits,
                             slong prec);

#ifdef __cplusplus
}
#endif

#endif
