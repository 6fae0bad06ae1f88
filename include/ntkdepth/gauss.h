/*
 * ntkdepth/gauss.h -- certified Gaussian expectations of activations.
 *
 * Quadrature path (any activation, closed form or not): the Gaussian
 * integral is truncated to a finite box, integrated rigorously with
 * acb_calc_integrate on each analytic piece (split at the kinks of
 * piecewise activations), and the discarded tails are bounded with the
 * growth bounds of ntk_act_growth (proofs/tails.md, lemmas cited in the
 * sources).  Every result is a ball containing the exact expectation.
 *
 * All functions accept balls for q / the covariance entries and then
 * return an enclosure valid for every value in those balls.
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
 * Status: NTK_UNABLE if the quadrature cannot reach a useful enclosure.
 * Aliasing: none.  Cost: one adaptive 1D integral per analytic piece.
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
 * s12^2 <= s11 s22 (NTK_DOMAIN otherwise); |c| = 1 is handled as the 1D
 * degenerate case.  deriv = 1 is NTK_DOMAIN for smoothness 0 (step).
 */
ntk_status ntk_gauss_expect2(arb_t res, const ntk_act_t act, int deriv,
                             const arb_t s11, const arb_t s12,
                             const arb_t s22, slong prec);

/**
 * Equal-variance difference form, u, v of variance q, correlation 1 - eps:
 *   res = E[phi(u)^2] - E[phi(u) phi(v)] = (1/2) E[(phi(u) - phi(v))^2]
 * computed from the second expression (no cancellation between two
 * nearly equal expectations).  0 <= eps <= 2.
 */
ntk_status ntk_gauss_expect2_eps(arb_t res, const ntk_act_t act,
                                 const arb_t q, const arb_t eps, slong prec);

/**
 * Price coefficients: res[k] = E[ phi^(k)(sqrt(q) Z)^2 ], k = 0 .. len-1.
 * With them f^(k)(1) = sigma_w^2 q^(k-1) res[k] (conventions.md section 2).
 * len - 1 must not exceed ntk_act_smoothness(act): NTK_DOMAIN otherwise.
 */
ntk_status ntk_gauss_price(arb_ptr res, const ntk_act_t act, const arb_t q,
                           slong len, slong prec);

#ifdef __cplusplus
}
#endif

#endif
