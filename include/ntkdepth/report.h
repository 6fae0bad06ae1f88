/*
 * ntkdepth/report.h -- how certified numbers leave the program:
 * decimal strings for balls (text and JSON, conventions.md section 4) and
 * output files that appear only when complete (temporary file + rename).
 */
#ifndef NTKDEPTH_REPORT_H
#define NTKDEPTH_REPORT_H

#include <stdio.h>
#include "ntkdepth/common.h"
#include "ntkdepth/claim.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Text form of a ball: only the digits the radius allows (at most
 * max_digits significant digits; max_digits <= 0: all of them, an exact
 * ball as its exact decimal when that has at most 60 digits, else 60
 * digits), Arb's convention: the printed value is correct to within one
 * unit of its last digit.  A ball too wide for even one digit prints as
 * "[+/- 1.2e-5]".  Returns a string to free with flint_free().
 */
char *ntk_ball_text(const arb_t x, slong max_digits);

/**
 * JSON form (conventions.md 4): *mid a decimal string, *rad a decimal
 * upper bound with two significant digits, rounded up, such that the exact
 * value lies in [mid - rad, mid + rad] (the decimal rounding of the
 * midpoint is added to the radius).  Both strings to free with flint_free().
 */
void ntk_ball_json_strs(char **mid, char **rad, const arb_t x);

/** Write {"mid": "...", "rad": "..."} to fp. */
void ntk_ball_json_write(FILE *fp, const arb_t x);

/** Decimal upper bound of a mag with 2 significant digits (flint_free). */
char *ntk_mag_str_up(const mag_t m);

/* How the commands print single numbers (src/report/numbers.c). */

/** ntk_ball_json_write, or `null` when x is not finite (an infinite or
 *  undefined value: no enclosure to print). */
void ntk_report_ball_json(FILE *fp, const arb_t x);

/** ntk_ball_text(x, digits) (certified digits only, at most `digits`), or
 *  the text `none` when x is not finite (e.g. "infinite", "n/a"). */
void ntk_report_ball_text(FILE *fp, const arb_t x, slong digits, const char *none);

/** Two CSV fields "MID,RAD": the strings of ntk_ball_json_strs (the exact
 *  value lies in [MID - RAD, MID + RAD]), or two empty fields "," when x
 *  is not finite.  No separator before or after. */
void ntk_report_ball_csv(FILE *fp, const arb_t x);

/** A Monte Carlo estimate of a double-precision run (conventions.md 4):
 *  {"estimate": "%.17g", "error": "%.3g", "kind": "monte_carlo"}; the
 *  error null when e.err is NaN (too few samples); null when e.est is NaN. */
void ntk_report_mc_json(FILE *fp, ntk_finite_est e);

/** The balls of an EOC record as JSON members, each preceded by ", ":
 *  "sigma_w", "sigma_w2", "q_star", "chi1", "f2", "beta"
 *  (ntk_report_ball_json: null when not finite; src/report/eoc.c). */
void ntk_report_eoc_json_fields(FILE *fp, const ntk_eoc_t e);

/**
 * An output stream that is either stdout or a file created atomically:
 * data go to "<path>.tmp.XXXXXX" in the same folder and are renamed to
 * path by ntk_out_commit; ntk_out_abort (or a crash) leaves no file named
 * path.  ntk_out_open with path NULL or "-" writes to stdout.
 */
typedef struct
{
    FILE *fp;
    char *path;       /* final path, NULL for stdout */
    char *tmp;        /* temporary path */
} ntk_out_struct;

typedef ntk_out_struct ntk_out_t[1];

ntk_status ntk_out_open(ntk_out_t out, const char *path);
ntk_status ntk_out_commit(ntk_out_t out);
void ntk_out_abort(ntk_out_t out);
/** Path of the temporary file currently open (NULL if none), so that a
 *  signal handler can unlink it. */
const char *ntk_out_pending_tmp(void);


/* ------------------------------------------------------------------ */
/* verify reports (claims -> text, JSON, LaTeX, pgfplots, Markdown)    */
/* ------------------------------------------------------------------ */


/**
 * Estimate as text: the value with the digits its error allows (plus one:
 * floor(log10(|value| / error)) + 2, at least 2, in ball arithmetic at any
 * exponent) and the error with two significant digits, rounded up, e.g.
 * "44.4132198049021 +- 5.2e-14".  Never formatted like a certified number.
 * flint_free the result.
 */
char *ntk_estimate_text(const ntk_estimate_t e);

/** {"estimate": "...", "error": "...", "kind": "fit|extrapolation|monte_carlo"}
 *  (conventions.md 4), without the braces when `inner` is nonzero. */
void ntk_estimate_json_write(FILE *fp, const ntk_estimate_t e, int inner);

/** Write a JSON string literal (quotes and escapes). */
void ntk_json_string(FILE *fp, const char *s);

/** A measured value of a result as text ("" if m is NULL): an estimate as
 *  above, marked " (est.)"; a ball with its certified digits only, at
 *  most max_digits of them (<= 0: all, as ntk_ball_text); a ball around 0
 *  as "[+/- bound]". */
char *ntk_report_measured_text(const ntk_measured_struct *m, slong max_digits);

/** Digits of the measured balls in the one-line-per-claim tables (text,
 *  Markdown, LaTeX); verify --verbose prints all the certified ones. */
#define NTK_REPORT_TABLE_DIGITS 20

/**
 * verify JSON (conventions.md 5): {"command", "version", "quick",
 * "claims": [{"id", "source", "paper", "statement", "proof", "law",
 * "predicted": {"text", "value"}, "measured": [...], "verdict",
 * "expected", "evidence", "max_depth", "seconds"}], "summary": {...}}.
 */
void ntk_report_verify_json(FILE *fp, const ntk_claim_result_struct *res,
                            slong n, const char *command, int quick);

/** Terminal table (one row per claim) and the evidence of every claim
 *  whose verdict differs from its expected one, or is refuted. */
void ntk_report_verify_text(FILE *fp, const ntk_claim_result_struct *res,
                            slong n, int verbose);

/** Markdown summary table (README). */
void ntk_report_verify_markdown(FILE *fp, const ntk_claim_result_struct *res,
                                slong n);

/**
 * LaTeX table (booktabs + siunitx) of the results whose claim->paper equals
 * `paper` (NULL: all): Claim & Predicted & Measured & Verdict.  Certified
 * values print only certified digits; estimates as \num{v +- e} marked
 * "est.".  A table environment fragment, to \input.
 */
void ntk_report_verify_latex(FILE *fp, const ntk_claim_result_struct *res,
                             slong n, const char *paper, const char *caption);

/**
 * Standalone pgfplots document (pdflatex; sized for a column of ~8.5 cm) of
 * a result's figure, nothing if it has none (ntk_report_verify_has_figure):
 *  - generic laws (r->nz >= 2): top panel, the claim's quantity as its law
 *    reads it (w_L = quantity L^-p (ln L)^-r, or the ratio y_{L+1}/y_L of
 *    an exponential law) on a log depth axis: the certified balls (marks,
 *    radii as error bars), the fitted asymptotic form on its window
 *    (r->fit_*, a line) and the prediction r->pred (dashed); bottom panel,
 *    log-log: |w_L / pred - 1| (|w_L - pred| when pred is 0), signed in the
 *    label when all balls have one sign, open marks at the bound of balls
 *    that contain 0, the fitted form, and the radii (dashed, or their
 *    largest value in the legend when below the plot);
 *  - curves (r->ncurves > 0, K3): log-log, error bars, the reference line;
 *  - else a hook's distance series (r->nseries >= 2), log-log.
 * Axis labels use the claim's quantity_tex and constant_tex (else the
 * expressions in typewriter type).  The second line is a comment
 * "% caption: ..." with a one-line plain-text caption.
 */
void ntk_report_verify_pgfplots(FILE *fp, const ntk_claim_result_struct *r);

/** 1 if ntk_report_verify_pgfplots draws a figure for r: curves, the
 *  sequence z of a generic law (>= 2 points), or a distance series
 *  (>= 2 points) of a claim that is not an identity. */
int ntk_report_verify_has_figure(const ntk_claim_result_struct *r);

/* ------------------------------------------------------------------ */
/* ntkdepth finite reports                                             */
/* ------------------------------------------------------------------ */

/**
 * LaTeX longtable (needs longtable, amssymb) of a Monte Carlo run: one row
 * per (sigma_w2, depth): sigma_w2, L, the mean of K(x,x) (estimate
 * "$m \pm se$"), the certified exact mean (ntk_finite_mean_exact, only
 * the digits its ball allows; "--" unless have_exact), the dispersion of
 * K(x,x) and the ratio K(x,x_last)/K(x,x) (estimates).
 */
void ntk_report_finite_latex(FILE *fp, const ntk_finite_config_t cfg,
                             const ntk_finite_result_t res, int have_exact);

/**
 * pgfplots figure (a tikzpicture to \input; needs pgfplots, amssymb): the
 * dispersion E[K^2]/E[K]^2 of K(x,x) against lambda = L/M (equal widths;
 * else against L), log y axis, one colour per sigma_w2 on a blue (ordered)
 * to red (chaotic) colour bar; marks: the Monte Carlo estimates with their
 * standard errors; lines: the certified exact dispersion exact_disp[is *
 * ndepths + id] (midpoints) when exact_disp is not NULL.
 */
void ntk_report_finite_pgfplots(FILE *fp, const ntk_finite_config_t cfg,
                                const ntk_finite_result_t res, arb_srcptr exact_disp);

/** Escape text for LaTeX (flint_free the result). */
char *ntk_latex_escape(const char *s);

#ifdef __cplusplus
}
#endif

#endif
