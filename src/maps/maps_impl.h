/*
 * src/maps/maps_impl.h -- internal helpers of the maps module (not public).
 */
#ifndef NTK_MAPS_IMPL_H
#define NTK_MAPS_IMPL_H

#include "ntkdepth/maps.h"

/* Which one-dimensional Gaussian moment of phi at variance q (Z ~ N(0,1)):
 *   A  = E[phi(sqrt(q) Z)^2]        B  = E[phi'(sqrt(q) Z)^2]
 *   DA = dA/dq                      DB = dB/dq
 *   C  = E[phi''(sqrt(q) Z)^2]
 * proofs/maps.md, Lemma M1 gives the derivative formulas. */
typedef enum { NTK_MOM_A = 0, NTK_MOM_B, NTK_MOM_DA, NTK_MOM_DB, NTK_MOM_C } ntk_mom;

/* 1 if the closed-form path is used, 0 for quadrature; NTK_UNABLE (as -1,
 * with the message set) if method CLOSED is forced without a closed form. */
int _ntk_maps_use_closed(const ntk_act_t act, ntk_method method);

/* One moment for every q in the ball q (q > 0 required: NTK_DOMAIN). */
ntk_status _ntk_maps_moment(arb_t res, const ntk_act_t act, ntk_method method,
                            ntk_mom which, const arb_t q, slong prec);

/* Closed-form table (src/maps/moments.c): NTK_UNABLE if not tabulated. */
ntk_status _ntk_maps_moment_closed(arb_t res, const ntk_act_t act,
                                   ntk_mom which, const arb_t q, slong prec);

/* 1 if all of A, B, DA, DB have closed forms in the table (cheap and
 * sharp on wide q-balls: relu-like, step, relu_pow, erf, sin, cos). */
int _ntk_maps_moment_tabulated(const ntk_act_t act);

/* Two-dimensional kernel E[phi^(d)(u) phi^(d)(v)] (d = deriv in {0, 1}). */
ntk_status _ntk_maps_kernel(arb_t res, const ntk_net_t net, int deriv,
                            const arb_t s11, const arb_t s12, const arb_t s22,
                            slong prec);

/* lim_{q -> 0} B(q) = (phi'(0-)^2 + phi'(0+)^2) / 2 (proofs/maps.md M4 (c)) */
ntk_status _ntk_maps_b_at_zero(arb_t res, const ntk_act_t act, slong prec);

/* phi(0) == 0 exactly (structurally) for the activation. */
int _ntk_maps_act_zero_at_zero(const ntk_act_t act);

/* ---- certified root isolation on an interval (src/maps/roots.c) ---- */

/* f and (if fp != NULL) f' for every x in the ball x. */
typedef ntk_status (*ntk_maps_fn)(arb_t f, arb_t fp, const arb_t x,
                                  void *data, slong prec);

#define NTK_ROOTS_MAX 8

typedef struct
{
    slong nroots;                 /* isolated roots found (<= NTK_ROOTS_MAX) */
    arf_struct lo[NTK_ROOTS_MAX]; /* root i is the only root in [lo, hi] */
    arf_struct hi[NTK_ROOTS_MAX];
    int complete;                 /* 1: every part of the range decided */
    arf_t undecided_lo;           /* if !complete: [undecided_lo, hi] is
                                     decided (pieces are processed from the
                                     right), [lo, undecided_lo] is not */
    slong evals;
} ntk_roots_struct;

void _ntk_roots_init(ntk_roots_struct *r);
void _ntk_roots_clear(ntk_roots_struct *r);

/* Isolate the roots of f in [lo, hi] (geometric bisection if logscale),
 * from right to left; stops at the first piece it cannot decide (too many
 * evaluations or too narrow), recording where in undecided_lo.  Roots are
 * listed from the largest to the smallest. */
ntk_status _ntk_roots_isolate(ntk_roots_struct *r, ntk_maps_fn fn, void *data,
                              const arf_t lo, const arf_t hi, int logscale,
                              slong max_evals, slong prec);

/* Interval Newton from an isolating interval [lo, hi] in which f' does
 * not vanish: res contains the unique root (proofs/maps.md, Lemma M5).
 * Iterates until the relative radius is below 2^-goal_bits or stalls. */
ntk_status _ntk_roots_newton(arb_t res, ntk_maps_fn fn, void *data,
                             const arf_t lo, const arf_t hi, slong goal_bits,
                             slong prec);

/* Point evaluations of f at lo * 2^(i/per_octave) (up to hi; per_octave
 * < 0: at lo * 2^(i |per_octave|), a coarse grid): the first
 * pair of consecutive points with certified opposite signs is returned in
 * [a_out, b_out] (*found = 1): a root exists there (continuity). */
ntk_status _ntk_roots_bracket(arf_t a_out, arf_t b_out, int *found,
                              ntk_maps_fn fn, void *data, const arf_t lo,
                              const arf_t hi, slong per_octave, slong prec);

/* From a certified sign-change bracket [a, b]: an approximate root by
 * safeguarded Newton on point values, then a small ball X certified by
 * interval Newton (N(X) inside X: exactly one root in X, Lemma M5 (d)),
 * refined to goal_bits.  NTK_UNABLE if the certification fails. */
ntk_status _ntk_roots_refine(arb_t res, ntk_maps_fn fn, void *data,
                             const arf_t a, const arf_t b, slong goal_bits,
                             slong prec);

#endif
