/*
 * ntkdepth/iter.h -- the deep NNGP/NTK recursion (conventions.md sections
 * 1-2), certified to a requested number of digits at chosen depths.
 *
 * State per layer (two inputs with the same q1, so Sigma_11 = Sigma_22):
 *   q       = Sigma^l_11 = Sigma^l_22
 *   eps     = 1 - c_l                (never c: no cancellation near c = 1)
 *   theta11 = Theta^l_11, theta12 = Theta^l_12
 * One step:
 *   q'       = V(q)
 *   eps'     = 1 - N(q[[1,c],[c,1]])_12 / V(q),     c = 1 - eps
 *   theta11' = theta11 * chi_1(q) + q'               (D_11 = chi_1(q))
 *   theta12' = theta12 * D12(q, eps) + q' (1 - eps')
 * eps is propagated in the mean-value form (map at the midpoint plus
 * sup|d eps'/d eps| times the radius), so radii grow additively, not
 * geometrically (proofs/propagation.md, Lemma P1-P3).  Memory is O(1) in
 * the depth.
 *
 * Paths (chosen per layer, each only where its hypotheses are proved):
 *  - ReLU-like fast path: relulike a x + b|x| (relu, leaky_relu, abs,
 *    linear) with sigma_b = 0 exactly, any sigma_w, any q1: closed form of
 *    the correlation map in theta = 2 asin(sqrt(eps/2)), series in
 *    sqrt(eps) with a proved remainder when eps is small
 *    (proofs/relu-series.md), on 128-bit mantissas with hand-proved
 *    rounding bounds when the working precision is <= 128 bits (Lemma R5);
 *    the same layer, with sigma_b >= 0 and a ball-valued start, drives
 *    ntk_iter_relulike_gap (regress module's kernel, Lemma R6);
 *  - smooth Taylor model at q = q*: Price coefficients f^(k)(1) computed
 *    once, per-layer polynomial in eps with the Cauchy-Schwarz remainder
 *    bound (proofs/propagation.md, Lemma P4), used only while the remainder
 *    is below the working precision;
 *  - general path: ntk_maps_eps_step / ntk_maps_var / ntk_maps_chi1
 *    (certified quadrature or closed forms; milliseconds per layer).
 * Exact special cases: c0 = 1 keeps eps = 0 exactly; q1 = q* keeps q = q*
 * (the q* ball) at every layer without iterating V.
 */
#ifndef NTKDEPTH_ITER_H
#define NTKDEPTH_ITER_H

#include "ntkdepth/maps.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* checkpoint rows                                                     */
/* ------------------------------------------------------------------ */

/**
 * One checkpoint (conventions.md section 5 JSON row).  Balls contain the
 * exact values at depth `depth` (layer 1 = first layer, no map applied):
 *   eps = 1 - c_L, c = c_L, sigma11 = Sigma^L_11 (= Sigma^L_22),
 *   sigma12 = Sigma^L_12, theta11 = Theta^L_11, theta12 = Theta^L_12.
 */
typedef struct
{
    slong depth;
    arb_t eps, c, sigma11, sigma12, theta11, theta12;
} ntk_iter_row_struct;

typedef ntk_iter_row_struct ntk_iter_row_t[1];

void ntk_iter_row_init(ntk_iter_row_t row);
void ntk_iter_row_clear(ntk_iter_row_t row);
void ntk_iter_row_set(ntk_iter_row_t dst, const ntk_iter_row_t src);

/** Vector of n rows (flint_malloc'ed and initialised; n may be 0). */
ntk_iter_row_struct *ntk_iter_rows_init(slong n);
void ntk_iter_rows_clear(ntk_iter_row_struct *rows, slong n);

/* ------------------------------------------------------------------ */
/* problem description (exact inputs, so any precision can be used)   */
/* ------------------------------------------------------------------ */

/**
 * Network and inputs, all exact (rationals), so that the Ziv loop can
 * re-derive every parameter ball at a higher working precision.
 *   act, method    : activation and closed-form/quadrature choice
 *   sigma_b2       : >= 0
 *   eoc            : 1: sigma_w2 is the edge-of-chaos value for sigma_b2
 *                    (ntk_maps_eoc, recomputed at each working precision);
 *                    0: sigma_w2 (> 0) is used
 *   q1_star        : 1: q1 = q* (ntk_maps_qstar, or the EOC record's q*);
 *                    0: q1 (> 0) is used
 *   c0             : in [-1, 1]
 */
typedef struct
{
    ntk_act_t act;
    ntk_method method;
    fmpq_t sigma_b2;
    int eoc;
    fmpq_t sigma_w2;
    int q1_star;
    fmpq_t q1;
    fmpq_t c0;
} ntk_iter_problem_struct;

typedef ntk_iter_problem_struct ntk_iter_problem_t[1];

/** Initialise: act as ntk_act_init leaves it (set it with
 *  ntk_act_set_str), method AUTO,
 *  sigma_b2 = 0, eoc = 0, sigma_w2 = 1, q1_star = 0, q1 = 1, c0 = 0. */
void ntk_iter_problem_init(ntk_iter_problem_t pb);
void ntk_iter_problem_clear(ntk_iter_problem_t pb);

/**
 * NTK_DOMAIN (message naming the quantity and its value, e.g. "c0 = 1.5:
 * must be in [-1, 1]") unless sigma_b2 >= 0, sigma_w2 > 0 (when !eoc), q1 > 0 (when
 * !q1_star) and -1 <= c0 <= 1.
 */
ntk_status ntk_iter_problem_check(const ntk_iter_problem_t pb);

/* ------------------------------------------------------------------ */
/* options, progress and cancellation                                 */
/* ------------------------------------------------------------------ */

/**
 * Progress/cancel callback, called from the iteration every few thousand
 * layers (and at each precision restart) with the layers done in the
 * current attempt, the total, and the working precision of the attempt.
 * A nonzero return value stops the run with NTK_INTERRUPTED.
 */
typedef int (*ntk_iter_progress_fn)(void *data, slong done, slong total,
                                    slong prec);

typedef enum
{
    NTK_ITER_PATH_AUTO = 0,   /* fastest path whose hypotheses hold */
    NTK_ITER_PATH_GENERAL     /* general path only (tests, cross-checks) */
} ntk_iter_path;

typedef struct
{
    slong prec_cap;      /* largest working precision in bits (default 4096) */
    slong prec_start;    /* first working precision (0: digits + guard bits) */
    ntk_iter_path path;  /* default NTK_ITER_PATH_AUTO */
    ntk_iter_progress_fn progress;  /* NULL: none */
    void *progress_data;
} ntk_iter_opts_struct;

typedef ntk_iter_opts_struct ntk_iter_opts_t[1];

void ntk_iter_opts_init(ntk_iter_opts_t opts);

/** What a run did (filled by ntk_iter_run / ntk_iter_run_prec). */
typedef struct
{
    slong prec;          /* working precision of the last attempt (bits) */
    slong attempts;      /* number of attempts (precision doublings + 1) */
    slong fail_depth;    /* NTK_UNABLE: first checkpoint depth whose balls
                            were too wide at the cap (else 0) */
    slong layers_fast;   /* layers done by a fast path (last attempt)   */
    slong layers_general;/* layers done by the general path (last attempt) */
    arb_t q_star;        /* q* ball used (q1_star or eoc), else indeterminate */
    arb_t sigma_w2;      /* sigma_w2 ball used */
} ntk_iter_info_struct;

typedef ntk_iter_info_struct ntk_iter_info_t[1];

void ntk_iter_info_init(ntk_iter_info_t info);
void ntk_iter_info_clear(ntk_iter_info_t info);

/* ------------------------------------------------------------------ */
/* running                                                             */
/* ------------------------------------------------------------------ */

/**
 * Certified run with precision control (Ziv's loop).
 *
 * depths[0 .. n-1]: checkpoint depths, strictly increasing, >= 1
 * (NTK_DOMAIN otherwise); rows[0 .. n-1] (initialised) receive them.
 * digits >= 1: the promise.  For every row, eps, sigma11, theta11 and
 * theta12 have relative radius <= 10^-digits (or are exact); c and sigma12
 * have absolute radius <= 10^-digits times their scale (1, resp. sigma11)
 * or relative radius <= 10^-digits; theta12 passes also with
 * rad <= 10^-digits * theta11 when its exact value may be 0 (|Theta_12| <=
 * Theta_11 for a PSD kernel).
 *
 * Working precision (Ziv's start): opts->prec_start if > 0; otherwise
 * ntk_digits_to_bits(digits) + guard bits, B the bit length of the last
 * depth (radii grow additively: about log2(L) bits are lost by depth L,
 * proofs/propagation.md, Remark after P3):
 *   ReLU-like series path (relulike act, sigma_b = 0, path auto):
 *     guard = B + 4, rounded up to whole limbs (proofs/relu-series.md);
 *   every other problem: guard = B + 10, rounded up to a multiple of 8.
 * The start is capped at opts->prec_cap (default 4096).  After an attempt
 * with a too-wide row, the precision grows by max(32, shortfall + 16)
 * bits (rounded up to 8) when the rows missed by a known few bits, else
 * it doubles; up to the cap.
 * Status: NTK_SUCCESS; NTK_DOMAIN (bad problem or depths: message);
 *   NTK_UNABLE: message "accuracy ran out at depth L (D digits wanted;
 *   precision cap P bits)" and info->fail_depth = L (rows hold the last attempt's balls,
 *   which are still valid enclosures, only too wide); also NTK_UNABLE
 *   when the maps could not be certified at the cap; NTK_INTERRUPTED when
 *   the progress callback asked to stop.
 * info may be NULL; opts may be NULL (defaults).
 */
ntk_status ntk_iter_run(ntk_iter_row_struct *rows, ntk_iter_info_t info,
                        const ntk_iter_problem_t pb, const slong *depths,
                        slong n, slong digits, const ntk_iter_opts_t opts);

/**
 * One attempt at a fixed working precision `prec` (no digit promise, no
 * restart): rows receive valid enclosures, however wide.  Used by the Ziv
 * loop and by tests comparing precisions.  Status as ntk_iter_run minus
 * the digit check (NTK_UNABLE only if a map cannot be evaluated).
 */
ntk_status ntk_iter_run_prec(ntk_iter_row_struct *rows, ntk_iter_info_t info,
                             const ntk_iter_problem_t pb, const slong *depths,
                             slong n, const ntk_iter_opts_t opts, slong prec);

/**
 * 1 if every ball of `row` meets the digits promise of ntk_iter_run.
 */
int ntk_iter_row_accurate(const ntk_iter_row_t row, slong digits);

/* ------------------------------------------------------------------ */
/* low level: state and one general step                              */
/* ------------------------------------------------------------------ */

/** Recursion state at depth `depth`. */
typedef struct
{
    slong depth;
    arb_t q, eps, theta11, theta12;
} ntk_iter_state_struct;

typedef ntk_iter_state_struct ntk_iter_state_t[1];

void ntk_iter_state_init(ntk_iter_state_t s);
void ntk_iter_state_clear(ntk_iter_state_t s);

/** Depth 1: q = q1, eps = 1 - c0, theta11 = q1, theta12 = q1 c0.
 *  NTK_DOMAIN unless q1 > 0 and c0 in [-1, 1]. */
ntk_status ntk_iter_state_start(ntk_iter_state_t s, const arb_t q1,
                                const arb_t c0, slong prec);

/**
 * One layer by the general path (maps module), eps in the mean-value form
 * with the bound |d eps'/d eps| <= q chi_1(q) / V(q) (Lemma P2) sharpened
 * by |D12| over the eps ball.  If `q_fixed` is not NULL it is used as the
 * (exact-q*) variance at every layer instead of iterating V.
 * Status: from the maps (NTK_UNABLE if a map cannot be certified).
 */
ntk_status ntk_iter_step(ntk_iter_state_t s, const ntk_net_t net,
                         const arb_t q_fixed, slong prec);

/** Row of the state: c = 1 - eps, sigma12 = q (1 - eps). */
void ntk_iter_state_row(ntk_iter_row_t row, const ntk_iter_state_t s,
                        slong prec);

/* ------------------------------------------------------------------ */
/* ReLU-like kernel gap (used by the regress module)                  */
/* ------------------------------------------------------------------ */

/**
 * NTK diagonal and gap of two inputs of the same first-layer variance q1
 * for phi = a x + b |x| (a^2 + b^2 > 0), any sigma_b2 >= 0, at the depths
 * depths[0 .. nd-1] (strictly increasing, >= 1):
 *   theta11[k] = Theta^L_11,  delta[k] = Theta^L_11 - Theta^L_12,  L = depths[k],
 * starting from the correlation gap eps0 = 1 - c0 (a ball in [0, 2], e.g.
 * from data inner products; Theta^1 = Sigma^1, so delta at depth 1 is
 * q1 eps0).  The recursion (proofs/relu-series.md, Lemma R6) is
 *   q'       = sigma_b2 + r q,                 r = sigma_w2 (a^2 + b^2)
 *   eps'     = (r q / q') g(eps),              g of Lemma R2
 *   Theta11' = Theta11 r + q'
 *   Delta'   = Delta D12 + Theta11 (D11 - D12) + q' eps',
 *   D11 = r, D12 = r Dn, Dn = 1 - 2 Delta_b theta/pi (Lemma R3),
 * a sum of non-negative terms, so Delta keeps full relative precision
 * even where it is exponentially small (ordered phase).  The correlation
 * layer is the fast path's (closed form, or the sqrt(eps) series of Lemma
 * R4), eps in the mean-value form (Lemma P1); with sigma_b2 = 0 exactly the
 * variables are scaled by q1 r^(l-1) (Lemma R1) so that q drops out.
 * theta11, delta: nd initialised balls each (not aliasing the inputs);
 * sigma_w2, sigma_b2, q1, eps0: balls (any precision), results at prec.
 * Status: NTK_SUCCESS (nd = 0: nothing done); NTK_DOMAIN if the depths
 * are not strictly increasing and >= 1; NTK_UNABLE with the message
 * "relu-like recursion: enclosure lost at depth L (precision P bits)" if
 * a ball became infinite.
 */
ntk_status ntk_iter_relulike_gap(arb_ptr theta11, arb_ptr delta,
                                 const arb_t eps0, const slong *depths,
                                 slong nd, const fmpq_t a, const fmpq_t b,
                                 const arb_t sigma_w2, const arb_t sigma_b2,
                                 const arb_t q1, slong prec);

/**
 * Checkpoint list "log": 1, 2, 5, 10, 20, 50, ... up to depth, plus depth
 * itself if it is not in the list.  *depths is flint_malloc'ed.
 */
void ntk_iter_depths_log(slong **depths, slong *n, slong depth);

#ifdef __cplusplus
}
#endif

#endif
