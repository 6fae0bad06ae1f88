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
 * integers (k may be negative: L^1 is k = -1; j may be negative: 1/ln L),
 * or L^(-k/2) (ln L)^j (half powers).  Every known expansion the claims use
 * has one of these forms (proofs/verdicts.md, Lemmas V1 and V1'), e.g.
 *   ReLU at the EOC (proofs/relu-eoc.md):  ln eps_L = ln A - 2 ln L
 *        + sum_{k>=1} sum_{j<=k} c_kj (ln L)^j / L^k,
 *   ELU at the EOC (proofs/smooth-eoc.md E6, proofs/verdicts.md V1'):
 *        eps_L L / beta = 1 + sum_{k>=1} sum_{j<=k/2} c_kj (ln L)^j / L^(k/2).
 */
#ifndef NTKDEPTH_FIT_H
#define NTKDEPTH_FIT_H

#include "ntkdepth/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One term of an asymptotic form: L^(-k) (ln L)^j, or L^(-k/2) (ln L)^j
 *  when `half` is 1 (a zero-initialized `half` is the integer power). */
typedef struct
{
    slong k;
    slong j;
    int half;
} ntk_fit_term;

/** The powers of L of a form: L^(-k), or L^(-k/2) (proofs/verdicts.md, Lemma V1'). */
typedef enum
{
    NTK_FIT_POWERS_INTEGER = 0,
    NTK_FIT_POWERS_HALF
} ntk_fit_powers;

/** "integer", "half" */
const char *ntk_fit_powers_str(ntk_fit_powers powers);

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
 * The same with extra_j >= 0 more powers of ln L at every order, in integer
 * or half powers: lead terms, then for k = 1 .. order the terms
 *   INTEGER  L^(-k) (ln L)^j,   j = 0 .. k + extra_j        (Lemma V1)
 *   HALF     L^(-k/2) (ln L)^j, j = 0 .. floor(k/2) + extra_j  (Lemma V1';
 *            order counts half powers: order 6 reaches L^-3).
 * Returns the number of terms, or -1 if cap is too small.
 */
slong ntk_fit_basis_powers(ntk_fit_term *terms, slong cap, const ntk_fit_term *lead,
                           slong nlead, slong order, slong extra_j, ntk_fit_powers powers);

/**
 * Evaluate one term at depth L >= 2 (ln L > 0): res = L^(-k) (ln L)^j
 * (L^(-k/2) (ln L)^j if t->half).  Certified ball.
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
 *   e1 = fit without the highest-order terms (largest power of 1/L,
 *        k or k/2) on W0
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

/* the largest order K (the form reaches L^-K) and number of terms of ntk_fit_form */
#define NTK_FIT_FORM_MAXORDER 4
#define NTK_FIT_FORM_MAXTERMS 64

/**
 * The claims' fit (proofs/verdicts.md, Lemmas V1, V1' and rule E1):
 * estimate of coefficient `target` of the form lead[0..nlead-1] followed by
 *   powers INTEGER: for k = 1 .. K, the terms L^(-k) (ln L)^j,
 *                   j = 0 .. k + extra_j            (Lemma V1);
 *   powers HALF:    for k = 1 .. 2K, the terms L^(-k/2) (ln L)^j,
 *                   j = 0 .. floor(k/2) + extra_j   (Lemma V1')
 * (extra_j > 0: power_log with that many more powers of ln L), by
 * ntk_fit_estimate with window 10 and the given kind, for K =
 * NTK_FIT_FORM_MAXORDER down (in steps of 1, resp. 1/2): the first order
 * with enough points is used.
 * Status: NTK_DOMAIN if no order has enough points (or the form exceeds
 * NTK_FIT_FORM_MAXTERMS terms); ntk_fit_estimate's otherwise.
 */
ntk_status ntk_fit_form_powers(ntk_estimate_t est, const slong *depths, arb_srcptr y,
                               slong n, const ntk_fit_term *lead, slong nlead,
                               slong target, slong extra_j, ntk_fit_powers powers,
                               ntk_estimate_kind kind, slong prec);

/** ntk_fit_form_powers with integer powers (Lemma V1). */
ntk_status ntk_fit_form(ntk_estimate_t est, const slong *depths, arb_srcptr y, slong n,
                        const ntk_fit_term *lead, slong nlead, slong target, slong extra_j,
                        ntk_estimate_kind kind, slong prec);

/**
 * The form behind an estimate `est` that ntk_fit_form_powers returned for
 * the same depths, y, lead, nlead, extra_j and powers (ntk_fit_form: powers
 * INTEGER): its terms (terms[0..*m-1]: lead, then the order it used) and all their coefficients (coef), fitted
 * again on the estimate's window [est->lo, est->hi] by ntk_fit_lsq -- least
 * squares for kind FIT, the interpolation on the *m points for
 * EXTRAPOLATION -- so coef[target] is est->value's fit.  For drawing the
 * fitted form: sum_t coef[t] L^(-k_t) (ln L)^(j_t) (L^(-k_t/2) for half
 * terms; ntk_fit_term_eval) is an estimate of y
 * on the window, not a bound.  terms and coef have room for
 * NTK_FIT_FORM_MAXTERMS entries.
 * Status: NTK_DOMAIN if est is not a fit or extrapolation, or if no order
 * matches the number of points in the window; ntk_fit_lsq's otherwise.
 */
ntk_status ntk_fit_form_coefs(ntk_fit_term *terms, arb_ptr coef, slong *m,
                              const ntk_estimate_t est, const slong *depths, arb_srcptr y,
                              slong n, const ntk_fit_term *lead, slong nlead, slong extra_j,
                              ntk_fit_powers powers, slong prec);

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
