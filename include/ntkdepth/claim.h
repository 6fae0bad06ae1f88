/*
 * ntkdepth/claim.h -- claims about the large-depth kernels, their built-in
 * registry (the papers of spec/papers.md), user claims files (INI), constant
 * expressions, the evaluation of a claim against the certified recursion,
 * and the three-valued verdict.
 *
 * A claim is a set of string fields (the same names in the built-in
 * registry and in claims files, see README "Claims files"):
 *   id, source, statement, paper, proof       text
 *   act, sigma_w2 (or "eoc"), sigma_b2, q1 (or "star"), c0     the problem
 *   quantity     expression in the row variables (below), e.g. theta12/L
 *   law          limit | power | power_log | exponential | identity | eoc
 *   constant     expression: the predicted limit / constant / identity
 *   exponent     power, power_log: the predicted exponent p (expression)
 *   log_power    power_log: integer r >= 1 in  A L^p (ln L)^r
 *   fit_powers   limit, power, power_log: integer (default) | half -- the
 *                powers of 1/L of the fitted form: L^-k (ln L)^j, or
 *                L^(-k/2) (ln L)^j for expansions in sqrt(1/L) such as
 *                ELU's (proofs/verdicts.md, Lemmas V1, V1')
 *   offset       power_log: expression of the constant term a_0 of
 *                A L^p ((ln L)^r + ... + a_0 / A + o(1)), i.e. the
 *                coefficient of L^p; its fit is reported beside the
 *                value of the expression (e.g. the certified w_constant),
 *                not part of the verdict
 *   depths       checkpoint depths "1e3,1e4,1e5,1e6" (the largest one is the
 *                depth of the run; fits use a geometric grid up to it), at
 *                most 1e18; rows past 10^4 come from the depth jump where
 *                it applies (ntk_iter_run_deep, method auto), and depths
 *                past 10^10 need it
 *   tolerance    a decimal; tolerance_kind = relative (default) | absolute
 *   quick_tolerance  the tolerance used with --quick (default: tolerance)
 *   digits       certified digits asked of the recursion (default 30)
 *   expect       holds | refuted | inconclusive
 *   hook         built-in evaluator for claims the generic laws cannot
 *                express (A1's EOC table, S2's map identity, S5's psi_d,
 *                the regression and Monte Carlo claims)
 *   n, dim, seed, test_points   the sampled problem of a hook (regression:
 *                n training points uniform on S^(dim-1) drawn with seed,
 *                test_points more drawn with seed + 1); integers >= 1
 *   width, n0, samples, quick_samples, quick_depths, init, param
 *                the sampled finite-width problem of the Monte Carlo hooks
 *                (finite_k1, finite_k2, finite_hn1, finite_hn2,
 *                finite_hn2_slope5; ntkdepth/finite.h) with act, sigma_w2
 *                (there a comma-separated list of decimals), sigma_b2,
 *                depths and seed: equal hidden widths `width`, input
 *                dimension n0 (default: width), depths (lists and ranges
 *                A:B or A:B:STEP), `samples` networks per sigma_w2, init
 *                default | he, param standard | ntk (default: ntk for init
 *                he, else standard); quick_depths and quick_samples replace
 *                depths and samples in the quick run.  finite_k1_exact:
 *                `width` a list of increasing widths M = n0 compared
 *   budget       seconds of wall-clock time this claim may take in `verify`
 *                (integer; default: verify's --budget); for claims known to
 *                need longer, e.g. the paper-size Monte Carlo grids
 *   quantity_tex, constant_tex   optional: LaTeX math (no $) of the quantity
 *                and of the constant, for the figure's axis labels, e.g.
 *                \varepsilon_L and 9\pi^2/2 (default: the expressions in
 *                typewriter type).  At most 200 printable ASCII characters,
 *                braces balanced, none of $ % # & and no control sequence
 *                that reads, writes or defines (\input, \write, \def, ...).
 *
 * Expression variables: L, eps, c, sigma11, sigma12, theta11, theta12 (the
 * checkpoint row, quantity only); q1, c0, sigma_w2, sigma_b2, qstar, chi1,
 * cstar, fprime_cstar, f2, beta (the problem); w_constant, ntk_constant
 * (ReLU-like at the EOC with sigma_b2 = 0: the certified constants C(c0) of
 * (eps_L/2)^(-1/2) = A L + (3A/2) ln L + C + o(1) and C'(c0) of
 * Theta12/q1 = L/4 + (3/8) ln L + C' + o(1), ntk_iter_jump_constants on the
 * deepest row, proofs/fatou.md Lemma J12); v_constant, ntk_constant
 * (smooth activations and elu at the EOC with q1 = star: Cv of 1/eps_L =
 * L/beta + (lambda/beta) ln L + Cv + o(1) and C' of Theta12/q* = L/3 +
 * (lambda/3) ln L + C' + o(1), ELU with sqrt(L) terms,
 * ntk_iter_jump_constants_qstar on the deepest row, Lemma J17); constants
 * pi, e.
 * Functions: sqrt, exp, ln (= log), sin, cos, tan, asin, acos, atan, abs.
 * Operators + - * / ^ with the usual precedence (^ right-associative and
 * above unary minus: -2^2 = -4).  Numbers are exact decimals.
 *
 * Verdict rules (proofs/verdicts.md; every rule is in src/claim/verdict.c,
 * the tolerance T by the one rule ntk_verdict_tolerance):
 *   identity   : refuted if at some checkpoint the certified ball of
 *                quantity - constant excludes 0; holds if every ball
 *                contains 0 and is within the tolerance; else inconclusive.
 *   limit, power, power_log, exponential: the measured value is an
 *                estimate v +- err; with T the tolerance (relative to
 *                |predicted| or absolute):
 *                holds        |v - pred| + err <= T
 *                refuted      |v - pred| - 3 err > T  (and err <= |v - pred|/2)
 *                inconclusive otherwise.
 *   Refutations of estimate laws are labelled "refuted (estimate)" in
 *   the evidence; identity refutations are certified.  The built-in
 *   evaluators use the same rules and V5 (finite-width z-scores), V6
 *   (decreasing distances), V7 (settling), declared below.
 */
#ifndef NTKDEPTH_CLAIM_H
#define NTKDEPTH_CLAIM_H

#include "ntkdepth/finite.h"
#include "ntkdepth/fit.h"
#include "ntkdepth/iter.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* expressions                                                         */
/* ------------------------------------------------------------------ */

/**
 * Variable lookup for ntk_expr_eval: set res to the value of `name` and
 * return 1, or return 0 if the name is unknown.  A lookup may also fail
 * with status (return -1 and set ntk_error_set) when a known variable
 * cannot be computed.
 */
typedef int (*ntk_expr_lookup_fn)(arb_t res, const char *name, void *data,
                                  slong prec);

/**
 * Evaluate an expression in ball arithmetic.
 * Math:    res contains the exact value of the expression for every value
 *          of the variables in their balls (Arb's containment).
 * Status:  NTK_DOMAIN with a message "'EXPR': <what> at column N" for a
 *          syntax error, an unknown name or function, or nesting deeper
 *          than 256 levels (parentheses, signs, '^'); a lookup's status.
 * lookup may be NULL (no variables).
 */
ntk_status ntk_expr_eval(arb_t res, const char *expr, ntk_expr_lookup_fn lookup,
                         void *data, slong prec);

/**
 * Syntax check: every identifier must be a function, pi, e, or one of
 * `vars` (NULL-terminated).  Status NTK_DOMAIN with the message as above.
 */
ntk_status ntk_expr_check(const char *expr, const char *const *vars);

/* ------------------------------------------------------------------ */
/* claims                                                              */
/* ------------------------------------------------------------------ */

typedef enum
{
    NTK_LAW_LIMIT = 0,
    NTK_LAW_POWER,
    NTK_LAW_POWER_LOG,
    NTK_LAW_EXPONENTIAL,
    NTK_LAW_IDENTITY,
    NTK_LAW_EOC
} ntk_law;

typedef enum
{
    NTK_VERDICT_HOLDS = 0,
    NTK_VERDICT_REFUTED,
    NTK_VERDICT_INCONCLUSIVE
} ntk_verdict;

const char *ntk_law_str(ntk_law law);
const char *ntk_verdict_str(ntk_verdict v);
/** Parse "holds" / "refuted" / "inconclusive"; -1 if none. */
int ntk_verdict_from_str(const char *s);

#define NTK_CLAIM_MAXDEPTHS 64
/** Largest depth of a claim (10^18: depths are slong; past 10^10 the
 *  problem must admit the depth jump, ntk_iter_jump_any_applies). */
#define NTK_CLAIM_MAXDEPTH ((slong) 1000000000000000000)

typedef struct
{
    /* text */
    char *id, *source, *statement, *paper, *proof;
    /* problem (strings as written; parsed when run) */
    char *act, *sigma_w2, *sigma_b2, *q1, *c0;
    /* what is checked */
    char *quantity, *constant, *exponent;
    char *offset;             /* power_log: predicted constant term (NULL: none) */
    slong log_power;
    ntk_fit_powers fit_powers;    /* the powers of the fitted form */
    ntk_law law;
    slong depths[NTK_CLAIM_MAXDEPTHS];
    slong ndepths;
    char *tolerance;          /* decimal string */
    char *quick_tolerance;    /* used with --quick (NULL: tolerance) */
    int tol_absolute;
    slong digits;
    slong budget;             /* seconds; 0: verify's default */
    ntk_verdict expect;
    char *hook;               /* NULL or a built-in evaluator's name */
    /* sampled problem of a hook (0: not given) */
    slong n, dim, test_points;
    ulong seed;
    /* figures: LaTeX (math mode, without $) of the quantity and of the
       constant; NULL: the expressions are shown verbatim */
    char *quantity_tex, *constant_tex;
    /* provenance, for error messages */
    char *file;
    int line;                 /* line of the [section] header */
    ulong seen;               /* bit mask of fields given (parser) */
    /* sampled finite-width problem of the Monte Carlo hooks (0: not given) */
    slong width[NTK_CLAIM_MAXDEPTHS];
    slong nwidth;
    slong n0, samples, quick_samples;
    slong quick_depths[NTK_CLAIM_MAXDEPTHS];
    slong nquick_depths;
    ntk_finite_init init;
    ntk_finite_param param;
} ntk_claim_struct;

typedef ntk_claim_struct ntk_claim_t[1];

void ntk_claim_init(ntk_claim_t cl);
void ntk_claim_clear(ntk_claim_t cl);

/**
 * Set one field from its string value (the parser and the registry both
 * use this).  Status NTK_DOMAIN with the message "field 'NAME': ..." for an
 * unknown field or a bad value.
 */
ntk_status ntk_claim_set_field(ntk_claim_t cl, const char *name, const char *value);

/**
 * Check that a claim is complete and consistent (required fields per law,
 * expressions parse with the variables allowed where they are used).
 * Status NTK_DOMAIN: "field 'NAME': ...".
 */
ntk_status ntk_claim_validate(const ntk_claim_t cl);

/** A list of claims. */
typedef struct
{
    ntk_claim_struct *v;
    slong n, alloc;
} ntk_claims_struct;

typedef ntk_claims_struct ntk_claims_t[1];

void ntk_claims_init(ntk_claims_t cs);
void ntk_claims_clear(ntk_claims_t cs);
/** Append a new initialised claim; returns it. */
ntk_claim_struct *ntk_claims_push(ntk_claims_t cs);

/**
 * Parse a claims file (INI, one [section] per claim, the section name is
 * the id; libinih) and append its claims.  `text` NULL: read `path`;
 * otherwise parse `text` and use `path` only in messages.
 * Status: NTK_DOMAIN with "PATH:LINE: field 'NAME': message" (or
 * "PATH:LINE: syntax error"); NTK_IO if the file cannot be read.
 */
ntk_status ntk_claims_parse(ntk_claims_t cs, const char *path, const char *text);

/** Append the built-in registry (papers.md). */
ntk_status ntk_claims_builtin(ntk_claims_t cs);

/** A paper of the registry (the claims' field 'paper') and the caption of
 *  its results table. */
typedef struct
{
    const char *paper, *caption;
} ntk_paper_struct;

/** The papers, in the order of the results, terminated by {NULL, NULL};
 *  "user" is the paper of claims files that name it. */
extern const ntk_paper_struct ntk_papers[];

/** Keep only the claims whose ids are in the comma-separated list.
 *  NTK_DOMAIN naming an id that matches no claim. */
ntk_status ntk_claims_select(ntk_claims_t cs, const char *ids);

/* ------------------------------------------------------------------ */
/* results                                                             */
/* ------------------------------------------------------------------ */

typedef enum
{
    NTK_MEASURED_BALL = 0,    /* certified */
    NTK_MEASURED_ESTIMATE,    /* estimate with error (not certified) */
    NTK_MEASURED_TEXT
} ntk_measured_kind;

typedef struct
{
    char *label;              /* "constant", "exponent", "max |diff|", ... */
    ntk_measured_kind kind;
    arb_t ball;               /* BALL */
    ntk_estimate_t est;       /* ESTIMATE */
    char *text;               /* TEXT */
} ntk_measured_struct;

/**
 * One curve of a figure: points (x[i], y[i]), i < n, y a certified ball
 * (kind NTK_MEASURED_BALL, err NULL) or an estimate with error err[i]
 * (kind NTK_MEASURED_ESTIMATE), and its legend entry (LaTeX, math in $).
 */
typedef struct
{
    char *label;
    ntk_measured_kind kind;
    slong n;
    double *x;
    arb_ptr y;
    arb_ptr err;
} ntk_claim_curve_struct;

typedef struct
{
    const ntk_claim_struct *claim;
    ntk_verdict verdict;
    ntk_status status;        /* NTK_SUCCESS, or why it could not be run */
    char *predicted;          /* text, e.g. "9*pi^2/2 = 44.41321980490" */
    arb_t pred;               /* predicted value (indeterminate if none) */
    ntk_measured_struct *measured;
    slong nmeasured;
    char *evidence;           /* one paragraph: what decided */
    /* series for the convergence figure: depth and a certified ball of
       the normalized error |z_L - pred| (z: quantity / L^p ...) */
    slong *sdepth;
    arb_ptr serr;
    slong nseries;
    char *series_label;       /* y-axis label (LaTeX) */
    double seconds;
    slong max_depth;          /* deepest depth run */
    /* figure data (ntk_report_verify_pgfplots), set by the generic laws:
       z[i], a certified ball at depth zdepth[i], is the sequence the law
       reads -- limit: the quantity; power: quantity L^-p; power_log:
       quantity L^-p (its fitted form carries the (ln L)^r); exponential:
       the ratio quantity(L+1)/quantity(L) at L = zdepth[i]; nz = 0: none */
    slong *zdepth;
    arb_ptr z;
    slong nz;
    /* the fitted asymptotic form of z (an estimate, the one that decided):
       z_L ~ sum_{i < nfit} fit_coef[i] L^(-fit_terms[i].k) (ln L)^fit_terms[i].j,
       fitted on the depths fit_lo..fit_hi; nfit = 0: none (e.g. the tail
       estimate decided) */
    ntk_fit_term *fit_terms;
    arb_ptr fit_coef;
    slong nfit, fit_lo, fit_hi;
    arb_t tol;                /* the verdict's absolute tolerance T on the
                                 predicted value (indeterminate: none) */
    /* curves of a built-in evaluator's figure (K3: the relative NTK change
       per sigma_w2 vs the training step), drawn on log-log axes with the
       labels curve_xlabel, curve_ylabel (LaTeX) and a horizontal line at
       curve_ref (indeterminate: none; K3: the threshold) */
    ntk_claim_curve_struct *curves;
    slong ncurves;
    char *curve_xlabel, *curve_ylabel;
    arb_t curve_ref;
} ntk_claim_result_struct;

typedef ntk_claim_result_struct ntk_claim_result_t[1];

void ntk_claim_result_init(ntk_claim_result_t r);
void ntk_claim_result_clear(ntk_claim_result_t r);
/**
 * Serialize a result (everything but the claim pointer) to a stream, and
 * read it back (exact: balls via arb_dump_str).  Used by the CLI to run
 * each claim in a child process with a hard time limit.  load returns
 * NTK_IO on a malformed stream.
 */
ntk_status ntk_claim_result_dump(FILE *fp, const ntk_claim_result_t r);
ntk_status ntk_claim_result_load(ntk_claim_result_t r, FILE *fp);

/** Add a measured item; returns it (label copied). */
ntk_measured_struct *ntk_claim_result_add(ntk_claim_result_t r,
                                          const char *label,
                                          ntk_measured_kind kind);
/** Add a curve of n points (label copied; x, y, err allocated, zero;
 *  err only for NTK_MEASURED_ESTIMATE); returns it. */
ntk_claim_curve_struct *ntk_claim_result_add_curve(ntk_claim_result_t r, const char *label,
                                                   ntk_measured_kind kind, slong n);
/** Append to the evidence (printf format). */
void ntk_claim_result_note(ntk_claim_result_t r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ------------------------------------------------------------------ */
/* verdicts                                                            */
/* ------------------------------------------------------------------ */

/**
 * Identity rule on certified differences d[i] = quantity - predicted at
 * each checkpoint: REFUTED if some d[i] excludes 0 (certified); HOLDS if
 * every d[i] contains 0 and rad(d[i]) <= tol[i]; else INCONCLUSIVE.
 */
ntk_verdict ntk_verdict_identity(arb_srcptr d, arb_srcptr tol, slong n);

/**
 * Estimate rule: v +- err against pred with tolerance T (absolute):
 * HOLDS if |v - pred| + err <= T; REFUTED if |v - pred| - 3 err > T and
 * err <= |v - pred| / 2; else INCONCLUSIVE.
 */
ntk_verdict ntk_verdict_estimate(const ntk_estimate_t v, const arb_t pred,
                                 const arb_t T, slong prec);

/**
 * Certified rule for a ball x (a certified measured value) against pred
 * with tolerance T: HOLDS if |x - pred| <= T for every point of the ball;
 * REFUTED if |x - pred| > T for every point; else INCONCLUSIVE.
 */
ntk_verdict ntk_verdict_ball(const arb_t x, const arb_t pred, const arb_t T,
                             slong prec);

/** Combine: REFUTED if any is refuted, HOLDS if all hold, else INCONCLUSIVE. */
ntk_verdict ntk_verdict_and(ntk_verdict a, ntk_verdict b);

/**
 * Rule V5 (finite-width claims, z-scores of Monte Carlo estimates): the
 * verdict of the statistic c (ntk_finite_claim_*): INCONCLUSIVE if not
 * c->valid; test ALL_BELOW: HOLDS iff zmax < zcrit, else REFUTED;
 * POSITIVE: HOLDS iff zmax >= zcrit, REFUTED iff zmax <= -zcrit;
 * EQUAL: HOLDS iff |zmax| < zcrit, else REFUTED; SEPARATION: HOLDS iff
 * agree, REFUTED iff contra.  Refutations rest on estimates.
 */
ntk_verdict ntk_verdict_finite(const ntk_finite_claim *c);

/**
 * Rule V6 (a limit approached by certified distances d[0..n-1] at
 * increasing depths): HOLDS if the balls decrease strictly (certified)
 * and d[n-1] <= T; REFUTED if d[n-1] > T and d[n-1] is not certified
 * smaller than d[n-2]; else INCONCLUSIVE.  *decreasing (may be NULL)
 * is set to whether the balls decrease.
 */
ntk_verdict ntk_verdict_decreasing(int *decreasing, arb_srcptr d, slong n, const arb_t T);

/**
 * Rule V7 (one quantity settles while another stays far): with the
 * certified largest change `change` of the settling quantity, and the
 * certified distances far0, far1 of the slow one at the first and last
 * depth: HOLDS if change <= T and far1 > far0/2; REFUTED if change > T
 * or far1 <= far0/2; else INCONCLUSIVE.
 */
ntk_verdict ntk_verdict_settle(const arb_t change, const arb_t T, const arb_t far0,
                               const arb_t far1);

/**
 * The one tolerance rule (proofs/verdicts.md, "Verdicts"): T is the
 * claim's tolerance (quick_tolerance instead when quick and given; 0 if
 * neither), times |pred| and rounded down to the lower end of that ball
 * for tolerance_kind = relative when pred (may be NULL) excludes 0;
 * the tolerance itself (a ball at prec) otherwise.
 */
void ntk_verdict_tolerance(arb_t T, const ntk_claim_t cl, const arb_t pred, int quick,
                           slong prec);

/**
 * Rule K1 on exact moments (proofs/finite-width.md section 8), from the
 * certified numbers of ntk_finite_exact_k1_numbers: nsig values of
 * sigma_w2 (grow[i] = 1 iff sigma_w2 >= 2), nM widths in increasing order,
 * slope[(i * nM + m) * nwin + k] the log-dispersion slope on window k,
 * dev[i * nM + m] = M (sup_lambda D_M - 1).  Per sigma (per[i], may be
 * NULL): growing side HOLDS iff every slope is certified > 0 and dev
 * increases strictly (certified) with M, REFUTED iff some slope is
 * certified <= 0; bounded side, with C = ntk_verdict_k1_bound(dev at the
 * smallest width): HOLDS iff every dev has upper end <= C, REFUTED iff
 * some dev has lower end > C; INCONCLUSIVE otherwise.  Result: REFUTED if
 * one sigma is, HOLDS if all are, else INCONCLUSIVE.
 */
/** The stated constant C of rule K1: the upper end of dev0 rounded up to 3
 *  significant decimal digits (an exact double >= every point of dev0).
 *  The rounding makes the equality case decidable: where the sup is at
 *  L = 1, M (D_M - 1) does not depend on M (proofs/finite-width.md F12). */
void ntk_verdict_k1_bound(arb_t C, const arb_t dev0);

ntk_verdict ntk_verdict_k1_exact(ntk_verdict *per, const int *grow, arb_srcptr slope,
                                 arb_srcptr dev, slong nsig, slong nM, slong nwin);

/**
 * Rule K3 (proofs/finite-width.md section 9): a two-sided threshold test of
 * Monte Carlo estimates.  For each group i < n (a sigma_w2): the mean m[i]
 * of a quantity over the seeds, its standard error se[i], its smallest and
 * largest seed value lo[i], hi[i], and whether the claim says it stays
 * below T (expect_below[i] = 1: the ordered phase) or above (0).  Group i
 * is *below* if m + z se < T and hi < T, *above* if m - z se > T and
 * lo > T (every seed on that side, and the mean z standard errors away);
 * a group with a non-finite entry is neither.  HOLDS if every group is on
 * its expected side; REFUTED if some group is shown on the other side;
 * else INCONCLUSIVE.  *detail (may be NULL) receives the index of the
 * decisive group (a contradicting one, else the first undecided, else -1).
 */
ntk_verdict ntk_verdict_k3(slong *detail, const double *m, const double *se,
                           const double *lo, const double *hi,
                           const int *expect_below, slong n, double T, double z);

/* ------------------------------------------------------------------ */
/* running claims                                                      */
/* ------------------------------------------------------------------ */

/**
 * Source of checkpoint rows: by default ntk_iter_run.  Tests inject
 * synthetic rows with exactly known asymptotics.
 */
typedef ntk_status (*ntk_claim_rows_fn)(ntk_iter_row_struct *rows,
                                        ntk_iter_info_t info,
                                        const ntk_iter_problem_t pb,
                                        const slong *depths, slong n,
                                        slong digits, void *data);

typedef struct
{
    int quick;                /* cap depths at max_depth_quick */
    slong max_depth_quick;    /* default 10^4 */
    slong prec;               /* bits for fits and expressions (default 512) */
    ntk_claim_rows_fn rows;   /* NULL: ntk_iter_run */
    void *rows_data;
    ntk_iter_progress_fn progress;   /* passed to iter */
    void *progress_data;
    double budget;            /* seconds of wall-clock time per claim for the
                                 recursion (0: none); a run stopped by the
                                 budget makes the claim inconclusive */
    int threads;              /* threads of the Monte Carlo claims (0: all
                                 cores); their results do not depend on it */
} ntk_verify_opts_struct;

typedef ntk_verify_opts_struct ntk_verify_opts_t[1];

void ntk_verify_opts_init(ntk_verify_opts_t o);

/**
 * Decide one claim.  Status NTK_SUCCESS whenever a verdict was reached
 * (INCONCLUSIVE included, e.g. when the recursion could not certify:
 * the evidence says why); NTK_DOMAIN for a claim whose parameters are
 * invalid (message names the field); NTK_INTERRUPTED.
 */
ntk_status ntk_claim_run(ntk_claim_result_t res, const ntk_claim_t cl,
                         const ntk_verify_opts_t opts);

/**
 * Decide a finite-width claim (hooks finite_k1, finite_k2, finite_hn1,
 * finite_hn2, finite_hn2_slope5) on a Monte Carlo run mc of cfg: the
 * statistic of ntkdepth/finite.h (copied to *stat unless NULL), its
 * verdict by rule V5, the predicted text, the measured estimate and the
 * evidence in res.  The hooks pass the run of the claim's configuration,
 * `ntkdepth finite --check` the user's.  Status NTK_DOMAIN (message of
 * finite) if the claim does not apply to cfg or cl has no such hook.
 */
ntk_status ntk_claim_decide_finite(ntk_claim_result_t res, ntk_finite_claim *stat,
                                   const ntk_claim_t cl, const ntk_finite_result_t mc,
                                   const ntk_finite_config_t cfg);

/**
 * The Monte Carlo configuration the finite-width hooks (finite_k1,
 * finite_k2, finite_hn1, finite_hn2, finite_hn2_slope5) run for claim cl,
 * from its fields: act, sigma_w2 (a list of decimals, as doubles),
 * sigma_b2 (default 0), width (one value: equal hidden widths), n0
 * (default: width), depths, samples, seed, init (default: default), param
 * (default: ntk for init he, else standard), and with quick the fields
 * quick_depths and quick_samples where given.  cfg is initialised
 * (ntk_finite_config_init); the input correlations r stay the default.
 * Status NTK_DOMAIN "[ID] field 'NAME': ..." for a missing or unusable
 * field, or "[ID] " and ntk_finite_config_check's message.
 */
ntk_status ntk_claim_finite_config(ntk_finite_config_t cfg, const ntk_claim_t cl, int quick);

/**
 * The default source of rows: ntk_iter_run_deep with depth method auto
 * (the direct iteration to 10^4, then the certified depth jump where the
 * problem admits it: ReLU-like at the EOC with sigma_b = 0, smooth C^inf
 * activations at the EOC with q1 = q*; ntkdepth/jump.h), with the
 * recursion budget and progress callback of the ntk_verify_opts_struct
 * passed as data.
 */
ntk_status ntk_claim_rows_default(ntk_iter_row_struct *rows, ntk_iter_info_t info,
                                  const ntk_iter_problem_t pb, const slong *depths,
                                  slong n, slong digits, void *data);

/**
 * Rows shared by the claims of one problem (same act, sigma_w2, sigma_b2,
 * q1, c0 as written, no hook): the first request runs the recursion once
 * to the union of the claims' depths (ntk_claim_depths) at the largest
 * digits asked; later requests are served from it (row balls identical to
 * those of that one run).  A request the run does not cover (a depth not
 * in the union, more digits) falls back to ntk_claim_rows_default.  Use
 * ntk_claim_share_rows as the ntk_verify_opts_struct rows callback with
 * the share as rows_data.  The claims and opts must outlive the share.
 */
typedef struct
{
    const ntk_verify_opts_struct *opts;  /* budget, quick, progress */
    slong *depths, n, digits;
    ntk_iter_row_struct *rows;
    ntk_iter_info_t info;
    int done;
    ntk_status st;
    char err[1024];
} ntk_claim_share_struct;

typedef ntk_claim_share_struct ntk_claim_share_t[1];

void ntk_claim_share_init(ntk_claim_share_t sh, const ntk_claim_struct *cls, slong m,
                          const ntk_verify_opts_t opts);
void ntk_claim_share_clear(ntk_claim_share_t sh);
ntk_status ntk_claim_share_rows(ntk_iter_row_struct *rows, ntk_iter_info_t info,
                                const ntk_iter_problem_t pb, const slong *depths,
                                slong n, slong digits, void *data);
/** 1 if the two claims may share work: rows (both without hook, same
 *  problem strings) or the He-initialized Monte Carlo run (HN1, HN2,
 *  HN2-slope5: kept in-process by their hook); else 0. */
int ntk_claim_same_problem(const ntk_claim_t a, const ntk_claim_t b);

/** The depths used for a claim (the geometric grid of the fits, or the
 *  claim's own depths for identities), capped when quick.  *depths is
 *  flint_malloc'ed. */
void ntk_claim_depths(slong **depths, slong *n, const ntk_claim_t cl,
                      const ntk_verify_opts_t opts);

#ifdef __cplusplus
}
#endif

#endif
