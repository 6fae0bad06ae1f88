/*
 * claim_impl.h -- internal to src/claim: the built-in evaluators ("hooks")
 * and the result helpers they share with the generic laws (run.c).
 *
 * Adding a hook = one function with the ntk_claim_hook_fn signature (in
 * the hooks_*.c file of its module) + one row of the table in
 * hook_table.c.  A hook reads its problem from the claim's fields (act,
 * sigma_w2, sigma_b2, n, dim, seed, test_points, depths, width, n0,
 * samples, init, param, tolerance, digits, ...; README "Claims files"),
 * never from constants of its own.
 */
#ifndef NTKDEPTH_CLAIM_IMPL_H
#define NTKDEPTH_CLAIM_IMPL_H

#include "ntkdepth/claim.h"
#include "ntkdepth/maps.h"

/* ------------------------------------------------------------------ */
/* hooks                                                               */
/* ------------------------------------------------------------------ */

/**
 * A built-in evaluator: decide the claim cl into res (res->claim, the
 * default verdict INCONCLUSIVE and res->predicted = cl->constant are set
 * by the caller).  Status as ntk_claim_run.
 */
typedef ntk_status (*ntk_claim_hook_fn)(ntk_claim_result_t res, const ntk_claim_t cl,
                                        const ntk_verify_opts_t opts);

typedef struct
{
    const char *name;         /* the value of the claim field 'hook' */
    ntk_claim_hook_fn run;
    const char *share;        /* NULL, or a key: claims whose hooks have the
                                 same key reuse one computation within a
                                 process (ntk_claim_same_problem) */
} ntk_claim_hook_struct;

/** The table, terminated by a row with name NULL (hook_table.c). */
extern const ntk_claim_hook_struct _ntk_claim_hooks[];

/** The row named `name`, or NULL (name may be NULL). */
const ntk_claim_hook_struct *_ntk_claim_hook_find(const char *name);

/** Run cl->hook.  NTK_DOMAIN "[ID] field 'hook': unknown evaluator" if
 *  the table has no such row. */
ntk_status _ntk_claim_hook_run(ntk_claim_result_t res, const ntk_claim_t cl,
                               const ntk_verify_opts_t opts);

/* the evaluators (one per row; hooks.c, hooks_regress.c, hooks_finite.c) */
ntk_status _ntk_hook_eoc_table(ntk_claim_result_t res, const ntk_claim_t cl,
                               const ntk_verify_opts_t opts);
ntk_status _ntk_hook_relu_map(ntk_claim_result_t res, const ntk_claim_t cl,
                              const ntk_verify_opts_t opts);
ntk_status _ntk_hook_psi(ntk_claim_result_t res, const ntk_claim_t cl,
                         const ntk_verify_opts_t opts);
ntk_status _ntk_hook_psi_uniform(ntk_claim_result_t res, const ntk_claim_t cl,
                                 const ntk_verify_opts_t opts);
ntk_status _ntk_hook_regress_h10(ntk_claim_result_t res, const ntk_claim_t cl,
                                 const ntk_verify_opts_t opts);
ntk_status _ntk_hook_regress_h10_smooth(ntk_claim_result_t res, const ntk_claim_t cl,
                                        const ntk_verify_opts_t opts);
ntk_status _ntk_hook_regress_s4(ntk_claim_result_t res, const ntk_claim_t cl,
                                const ntk_verify_opts_t opts);
ntk_status _ntk_hook_regress_s6(ntk_claim_result_t res, const ntk_claim_t cl,
                                const ntk_verify_opts_t opts);
ntk_status _ntk_hook_finite_k1_exact(ntk_claim_result_t res, const ntk_claim_t cl,
                                     const ntk_verify_opts_t opts);
ntk_status _ntk_hook_train_k3(ntk_claim_result_t res, const ntk_claim_t cl,
                              const ntk_verify_opts_t opts);
ntk_status _ntk_hook_finite(ntk_claim_result_t res, const ntk_claim_t cl,
                            const ntk_verify_opts_t opts);

/** The recursion's problem from the claim's act, sigma_w2 (decimal or
 *  eoc; absent: eoc), sigma_b2, q1 (decimal or star), c0.  NTK_DOMAIN
 *  "field 'NAME': ..." (run.c). */
ntk_status _ntk_claim_problem(ntk_iter_problem_t pb, const ntk_claim_t cl);

/* ------------------------------------------------------------------ */
/* the generic laws (run.c dispatches, laws.c decides, vars.c looks up) */
/* ------------------------------------------------------------------ */

/* the evaluation context of a claim's expressions: the problem, the
   current checkpoint row, and the maps' constants computed on first use */
typedef struct
{
    const ntk_claim_struct *cl;
    const ntk_iter_problem_struct *pb;
    ntk_iter_info_struct *info;
    const ntk_iter_row_struct *row;     /* NULL outside rows */
    const ntk_iter_row_struct *last;    /* the deepest row (NULL: none) */
    int have_phase, have_price, have_orbit;
    ntk_status phase_st, price_st, orbit_st;
    ntk_phase_t ph;
    arb_t f2, beta;
    arb_t w_constant, v_constant, ntk_constant;   /* the orbit's, from last */
    slong prec;
    slong mprec;    /* maps (phase, Price): digits of the claim + 64 bits */
    int quick;
} vctx;

/** ntk_expr_lookup_fn of claim expressions (data: a vctx). */
int _ntk_claim_lookup(arb_t res, const char *name, void *data, slong prec);

/** The laws: identity (V1), limit / power / power_log (E1, E2, V2),
 *  exponential (E3, V2) on the rows at depths[0..n-1].  Status: an
 *  expression's or the fit's (the caller makes it inconclusive). */
ntk_status _ntk_claim_law_identity(ntk_claim_result_t res, const ntk_claim_t cl, vctx *c,
                                   const ntk_iter_row_struct *rows, const slong *depths,
                                   slong n, slong prec);
ntk_status _ntk_claim_law_fit(ntk_claim_result_t res, const ntk_claim_t cl, vctx *c,
                              const ntk_iter_row_struct *rows, const slong *depths,
                              slong n, slong prec);
ntk_status _ntk_claim_law_exponential(ntk_claim_result_t res, const ntk_claim_t cl, vctx *c,
                                      const ntk_iter_row_struct *rows, const slong *depths,
                                      slong n, slong prec);

/** Monotonic wall-clock seconds (run.c). */
double _ntk_claim_now(void);

/* ------------------------------------------------------------------ */
/* result helpers (claim.c)                                            */
/* ------------------------------------------------------------------ */

/** A copy of ntk_error_last() (thread-local buffer): formatting it into a
 *  new message must not read the buffer being written. */
const char *_ntk_claim_errcopy(void);

/** Replace res->predicted by a copy of s. */
void _ntk_claim_set_pred(ntk_claim_result_t res, const char *s);

/** Append a certified measured ball (label and x copied). */
void _ntk_claim_add_ball(ntk_claim_result_t res, const char *label, const arb_t x);

/** Set the convergence series (depths[i], e[i]), i < n, and its label
 *  (copied; any previous series is freed).  Allocation matches
 *  ntk_claim_result_clear (malloc / free). */
void _ntk_claim_set_series(ntk_claim_result_t res, const slong *depths, arb_srcptr e,
                           slong n, const char *label);

/** Set the figure's sequence z (depths[i], z[i]), i < n (copied). */
void _ntk_claim_set_z(ntk_claim_result_t res, const slong *depths, arb_srcptr z, slong n);

/** Set the figure's fitted form: m terms and coefficients (copied), fitted
 *  on the depths lo..hi. */
void _ntk_claim_set_fit(ntk_claim_result_t res, const ntk_fit_term *terms, arb_srcptr coef,
                        slong m, slong lo, slong hi);

/** Check that the fields `names` (a space-separated list of field names,
 *  e.g. "n dim seed") were given: NTK_DOMAIN "[ID] field 'NAME': missing
 *  (hook HOOK)" for the first one missing. */
ntk_status _ntk_claim_need(const ntk_claim_t cl, const char *names);

/** 1 if the field `name` was given (0 also for an unknown name). */
int _ntk_claim_has(const ntk_claim_t cl, const char *name);

#endif
