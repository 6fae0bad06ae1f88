/*
 * ntkdepth/fit.h -- rates and constants from a sequence y_L known at a few
 * (typically geometric) depths L: certified local exponents, least-squares
 * fits of an asymptotic form with its log terms, generalized Richardson
 * extrapolation, each with an error ESTIMATE.
 *
 * Two kinds of numbers leave this module:
 *  - certified balls (local exponents: exact secant slopes of the data),
 *  - estimates (ntk_estimate_t): a value and an error that is an estimate,
 *    never a bound.  The error rule is stated with ntk_fit_estimate and in
 *    proofs/verdicts.md, section "Estimates".
 *
 * Asymptotic forms are linear combinations of terms L^(-k) (ln L)^j, k and j
 * integers (k may be negative: L^1 is k = -1; j may be negative: 1/ln L).
 * Every known expansion the claims use has this form, e.g.
 *   ReLU at the EOC (proofs/relu-eoc.md):  ln eps_L = ln A - 2 ln L
 *        + sum_{k>=1} sum_{j<=k} c_kj (ln L)^j / L^k.
 */
#ifndef NTKDEPTH_FIT_H
#define NTKDEPTH_FIT_H

#include "ntkdepth/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One term L^(-k) (ln L)^j of an asymptotic form. */
typedef struct
{
    slong k;
    slong j;
} ntk_fit_term;

/** Kinds of estimates (conventions.md 4). */
typedef enum
{
    NTK_EST_FIT = 0,          /* least squares on a depth window */
    NTK_EST_EXTRAPOLATION,    /* generalized Richardson elimination */
    NTK_EST_MONTE_CARLO
} ntk_estimate_kind;

/** "fit", "extrapolation", "monte_carlo" */
const char *ntk_estimate_kind_str(ntk_estimate_kind kind);

/**
 * An estimate: `value` (its midpoint is the estimate; its radius only
 * tracks rounding and is not an error bound) and `error`, an estimated
 * (not proved) bound on |value - truth|.
 */
typedef struct
{
    arb_t value;
    arb_t error;      /* >= 0, an estimate */
    ntk_estimate_kind kind;
    slong lo, hi;     /* depth window used (informational) */
} ntk_estimate_struct;

typedef ntk_estimate_struct ntk_estimate_t[1];

void ntk_estimate_init(ntk_estimate_t e);
void ntk_estimate_clear(ntk_estimate_t e);
void ntk_estimate_set(ntk_estimate_t dst, const ntk_estimate_t src);

/**
 * The standard log-power basis: `lead` terms first (given by the caller,
 * e.g. {0,0} for a limit or {0,0},{0,1} for ln A + p ln L), then for
 * k = 1 .. order every j = 0 .. k (the structure of expansions of
 * iterations with a parabolic fixed point: proofs/verdicts.md, Lemma V1).
 * Writes at most `cap` terms to `terms` and returns their number
 * (lead + sum_{k=1}^{order} (k + 1)), or -1 if cap is too small.
 */
slong ntk_fit_basis(ntk_fit_term *terms, slong cap, const ntk_fit_term *lead,
                    slong nlead, slong order);

/**
 * Evaluate one term at depth L >= 2 (ln L > 0): res = L^(-k) (ln L)^j.
 * Certified ball.
 */
void ntk_fit_term_eval(arb_t res, const ntk_fit_term *t, slong L, slong prec);

/**
 * Certified local exponents (secant slopes in log-log):
 *   res[i] = -(ln y[i+1] - ln y[i]) / (ln L[i+1] - ln L[i]),  i < n - 1,
 * for positive y (|y| is used: the exponent of the magnitude).
 * Status: NTK_DOMAIN if depths are not increasing or >= 1; NTK_UNABLE if
 * some y ball contains 0.
 */
ntk_status ntk_fit_local_exponents(arb_ptr res, const slong *depths,
                                   arb_srcptr y, slong n, slong prec);

/**
 * Least squares: coefficients c minimizing sum_i (y_i - sum_t c_t phi_t(L_i))^2
 * over the points i with lo <= depths[i] <= hi, computed from the MIDPOINTS
 * of y in ball arithmetic at precision `prec` (use >= 4x the bits the data
 * carry; normal equations square the condition number).  coef has m
 * entries; their radii only reflect the solve, not the truncation of the
 * model: a fitted coefficient is an estimate.
 * Status: NTK_DOMAIN if fewer points than terms; NTK_UNABLE if the normal
 * matrix cannot be inverted at this precision.
 */
ntk_status ntk_fit_lsq(arb_ptr coef, const slong *depths, arb_srcptr y,
                       slong n, slong lo, slong hi, const ntk_fit_term *terms,
                       slong m, slong prec);

/**
 * Estimate of coefficient `target` of the form `terms` (m terms), with
 * an error estimate, by least squares on the top window
 * W0 = [Lmax / window, Lmax] (Lmax the largest depth):
 *
 *   e0 = fit of all m terms on W0                      (the estimate)
 *   e1 = fit without the highest-order terms (largest k) on W0
 *   e2 = fit of all m terms on the lower window [Lmax/window^2, Lmax/window]
 *        (skipped if it has too few points)
 *   error = max(|e0 - e1|, |e0 - e2|)
 *
 * Both differences are (over-)estimates of the truncation error of e0 when
 * the form is right; neither is a proof (proofs/verdicts.md, rule E1).
 * With `kind` = NTK_EST_EXTRAPOLATION the same rule is applied to exact
 * interpolation on the m largest depths (generalized Richardson
 * elimination), e1 using m - (terms of top order) points, e2 the m points
 * below.
 * Status: NTK_DOMAIN if there are too few points (>= m + 2 needed in W0
 * for a fit, >= m for extrapolation); NTK_UNABLE if a solve fails.
 */
ntk_status ntk_fit_estimate(ntk_estimate_t est, const slong *depths,
                            arb_srcptr y, slong n, const ntk_fit_term *terms,
                            slong m, slong target, double window,
                            ntk_estimate_kind kind, slong prec);

/* the largest order K and number of terms of ntk_fit_form */
#define NTK_FIT_FORM_MAXORDER 4
#define NTK_FIT_FORM_MAXTERMS 64

/**
 * The claims' fit (proofs/verdicts.md, Lemma V1 and rule E1): estimate of
 * coefficient `target` of the form lead[0..nlead-1] followed by, for
 * k = 1 .. K, the terms L^(-k) (ln L)^j, j = 0 .. k + extra_j (extra_j > 0:
 * power_log with that many more powers of ln L), by ntk_fit_estimate with
 * window 10 and the given kind, for K = NTK_FIT_FORM_MAXORDER down to 1:
 * the first order with enough points is used.
 * Status: NTK_DOMAIN if no order has enough points (or the form exceeds
 * NTK_FIT_FORM_MAXTERMS terms); ntk_fit_estimate's otherwise.
 * A new asymptotic form (other powers) is one more function of this kind.
 */
ntk_status ntk_fit_form(ntk_estimate_t est, const slong *depths, arb_srcptr y, slong n,
                        const ntk_fit_term *lead, slong nlead, slong target, slong extra_j,
                        ntk_estimate_kind kind, slong prec);

/**
 * The form behind an estimate `est` that ntk_fit_form returned for the
 * same depths, y, lead, nlead and extra_j: its terms (terms[0..*m-1]: lead,
 * then the order ntk_fit_form used) and all their coefficients (coef), fitted
 * again on the estimate's window [est->lo, est->hi] by ntk_fit_lsq -- least
 * squares for kind FIT, the interpolation on the *m points for
 * EXTRAPOLATION -- so coef[target] is est->value's fit.  For drawing the
 * fitted form: sum_t coef[t] L^(-k_t) (ln L)^(j_t) is an estimate of y
 * on the window, not a bound.  terms and coef have room for
 * NTK_FIT_FORM_MAXTERMS entries.
 * Status: NTK_DOMAIN if est is not a fit or extrapolation, or if no order
 * matches the number of points in the window; ntk_fit_lsq's otherwise.
 */
ntk_status ntk_fit_form_coefs(ntk_fit_term *terms, arb_ptr coef, slong *m,
                              const ntk_estimate_t est, const slong *depths, arb_srcptr y,
                              slong n, const ntk_fit_term *lead, slong nlead, slong extra_j,
                              slong prec);

/**
 * Tail estimate of a limit (proofs/verdicts.md, rule E2): value z[n-1],
 * error 20 |z[n-1] - z[n-2]| + rad(z[n-1]) (rounded up, exact), kind
 * EXTRAPOLATION, lo, hi the last two depths.  Requires n >= 2.  An
 * estimate, not a bound: right for geometric convergence, and for
 * L^(-a) convergence on the 20-per-decade grid with a >= 1/2.
 */
void ntk_fit_tail_estimate(ntk_estimate_t e, const slong *depths, arb_srcptr z, slong n,
                           slong prec);

#ifdef __cplusplus
}
#endif

#endif
