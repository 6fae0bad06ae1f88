/*
 * ntkdepth/maps.h -- the infinite-width maps of conventions.md sections 1-2:
 * NNGP map N, derivative map D, variance map V, fixed point q*, chi_1,
 * correlation map f and its Taylor coefficients at c = 1, phases, depth
 * scales and edge-of-chaos points.
 *
 * Each map uses the activation's closed form when it has one (method AUTO
 * or CLOSED) and certified quadrature otherwise (or when method QUAD is
 * forced, which is how the tests compare the two paths).
 */
#ifndef NTKDEPTH_MAPS_H
#define NTKDEPTH_MAPS_H

#include "ntkdepth/gauss.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum
{
    NTK_METHOD_AUTO = 0,  /* closed form if available, else quadrature */
    NTK_METHOD_CLOSED,    /* closed form only (NTK_UNABLE if none)      */
    NTK_METHOD_QUAD       /* quadrature even when a closed form exists  */
} ntk_method;

/** A network: activation and initialization variances. */
typedef struct
{
    ntk_act_t act;
    arb_t sigma_w2;       /* > 0 */
    arb_t sigma_b2;       /* >= 0 */
    ntk_method method;
} ntk_net_struct;

typedef ntk_net_struct ntk_net_t[1];

void ntk_net_init(ntk_net_t net);
void ntk_net_clear(ntk_net_t net);
void ntk_net_set(ntk_net_t dst, const ntk_net_t src);
/** NTK_DOMAIN naming the value unless sigma_w2 > 0 and sigma_b2 >= 0. */
ntk_status ntk_net_check(const ntk_net_t net);

/** N(S) (conventions.md 1). Any PSD S with s11, s22 > 0. */
ntk_status ntk_maps_nngp(arb_t n11, arb_t n12, arb_t n22, const ntk_net_t net,
                         const arb_t s11, const arb_t s12, const arb_t s22,
                         slong prec);

/** D(S) (conventions.md 1). */
ntk_status ntk_maps_deriv(arb_t d11, arb_t d12, arb_t d22, const ntk_net_t net,
                          const arb_t s11, const arb_t s12, const arb_t s22,
                          slong prec);

/** V(q) = sigma_b^2 + sigma_w^2 E[phi(sqrt(q) Z)^2]. */
ntk_status ntk_maps_var(arb_t res, const ntk_net_t net, const arb_t q, slong prec);

/** V'(q) = (sigma_w^2 / sqrt(q)) E[Z phi(sqrt(q) Z) phi'(sqrt(q) Z)]. */
ntk_status ntk_maps_var_deriv(arb_t res, const ntk_net_t net, const arb_t q,
                              slong prec);

/** chi_1(q) = sigma_w^2 E[phi'(sqrt(q) Z)^2] (infinite for step: NTK_DOMAIN). */
ntk_status ntk_maps_chi1(arb_t res, const ntk_net_t net, const arb_t q, slong prec);

/**
 * Equal-variance correlation step in the eps variable, at a given q
 * (not necessarily q*):
 *   eps_out = 1 - N(q [[1, c], [c, 1]])_12 / V(q),  c = 1 - eps,
 * computed as sigma_w^2 (E[phi^2] - E[phi(u) phi(v)]) / V(q) without
 * cancellation, and dmap = D(q [[1, c], [c, 1]])_12.
 */
ntk_status ntk_maps_eps_step(arb_t eps_out, arb_t dmap, const ntk_net_t net,
                             const arb_t q, const arb_t eps, slong prec);

/**
 * The quantities of one variance q that every eps step at that q needs
 * (for a recursion at a fixed q, e.g. q = q*): q, e2 = E[phi(sqrt(q) Z)^2]
 * (quadrature activations only, at prec + 64 bits so that the eps
 * differences of ntk_maps_eps_step_qcache keep their accuracy), V(q) and
 * chi_1(q), each an enclosure for every q in the ball q.
 */
typedef struct
{
    arb_t q, e2, v, chi;
} ntk_maps_qcache_struct;

typedef ntk_maps_qcache_struct ntk_maps_qcache_t[1];

void ntk_maps_qcache_init(ntk_maps_qcache_t qc);
void ntk_maps_qcache_clear(ntk_maps_qcache_t qc);

/** Fill qc for net at q (q > 0: NTK_DOMAIN otherwise); statuses of the
 * maps (chi_1 is NTK_DOMAIN for step).  prec as for the steps to come. */
ntk_status ntk_maps_qcache_set(ntk_maps_qcache_t qc, const ntk_net_t net,
                               const arb_t q, slong prec);

/** ntk_maps_eps_step at q = qc->q with the cached e2 and V(q): the same
 * enclosures, one 1D quadrature fewer per call for E[phi^2] and one for
 * V(q).  qc must have been set for the same net. */
ntk_status ntk_maps_eps_step_qcache(arb_t eps_out, arb_t dmap,
                                    const ntk_net_t net,
                                    const ntk_maps_qcache_t qc,
                                    const arb_t eps, slong prec);

/**
 * Fixed point of V: a ball that provably contains exactly one fixed point
 * q* (interval Newton, proofs/maps.md Lemma M5).  `why` (may be NULL; size
 * NTK_WHY_MAX) states what was proved.  *found:
 *   1  q* certified.  Closed-form activations: the roots of V(q) - q are
 *      isolated on the whole searched range and the smallest is returned
 *      (why says "unique ..." when it is the only one).  Quadrature
 *      activations: the first certified sign change of V(q) - q from the
 *      lower end of the range, unique in the returned ball.  relu-like with
 *      slope s = sigma_w2 (a^2+b^2) < 1: q* = sigma_b2/(1-s) exactly
 *      (Lemma M4).  sigma_b = 0 with phi(0) = 0 and no positive fixed point
 *      in the range: q* = 0 exactly (an exact zero ball).
 *   2  every q is a fixed point (relu-like, s = 1, sigma_b = 0): q* = q1;
 *      qstar is set indeterminate.
 *   0  proved absent (relu-like s >= 1 with sigma_b > 0 or s > 1: q grows
 *      without bound, Lemma M4; otherwise in the range stated in why).
 * Search range: [max(2^-30, sigma_b2/2), 2^10], or up to 2(sigma_b2 +
 * sigma_w2) for |phi| <= 1 (Lemma M6 (c)).
 * Status: NTK_UNABLE if nothing could be proved at this precision.
 */
#define NTK_WHY_MAX 512
ntk_status ntk_maps_qstar(arb_t qstar, int *found, char *why,
                          const ntk_net_t net, slong prec);

/**
 * Derivatives of the correlation map at c = 1 at variance q (Price):
 * res[k] = f^(k)(1) = sigma_w^2 q^(k-1) E[phi^(k)(sqrt(q) Z)^2] / V(q) * q
 * -- i.e. of c -> N(q[[1,c],[c,1]])_12 / V(q); at q = q* this is
 * conventions.md's f.  k = 0 .. len-1 <= smoothness.
 */
ntk_status ntk_maps_price(arb_ptr res, const ntk_net_t net, const arb_t q,
                          slong len, slong prec);

/** Edge of chaos for given sigma_b^2 (conventions.md 2, `--eoc`). */
/*
 * EOC record.  found = 1: sigma_w2 = 1/E[phi'(sqrt(q*) Z)^2], its square
 * root sigma_w, q*, chi1 (recomputed from sigma_w2 and q*: a ball that
 * contains 1), f2 = f''(1) (+inf when phi'' has a Dirac mass, smoothness
 * < 2) and beta = 2/f2 (indeterminate when f2 is infinite, +inf when
 * f2 = 0 for linear).  relu-like at sigma_b = 0: every q is a fixed point,
 * q_star is indeterminate (q* = q1).  found = 0: no EOC, all balls
 * indeterminate, the proved reason in why.
 */
typedef struct
{
    int found;            /* 1: EOC point certified; 0: proved absent
                             (in the range stated in why) */
    arb_t sigma_w2, sigma_w, q_star, chi1, f2, beta;
    char why[NTK_WHY_MAX];
} ntk_eoc_struct;

typedef ntk_eoc_struct ntk_eoc_t[1];

void ntk_eoc_init(ntk_eoc_t eoc);
void ntk_eoc_clear(ntk_eoc_t eoc);

/**
 * Solve chi_1 = 1 at the fixed point for the given activation and
 * sigma_b^2: sigma_w^2 = 1 / E[phi'(sqrt(q) Z)^2] with q solving
 * G(q) = sigma_b^2 + E[phi^2] / E[phi'^2] - q = 0 (proofs/maps.md M6).
 * ReLU-like: sigma_w^2 = 1/(a^2+b^2) with sigma_b = 0 only.  Proved
 * absent: relu-like with sigma_b > 0 (M6), step, softplus (M7), odd
 * tanh/erf/sin at sigma_b = 0 (M10); otherwise "no root of G for q in
 * [lo, hi]" with the certified range in why.  Range searched:
 * [max(2^-30, sigma_b2/2), 2^10] (absence for quadrature activations is
 * certified on [.., 64] only); closed-form activations: all roots
 * isolated, the smallest reported; quadrature activations: the first
 * certified sign change from the lower end, unique in the returned ball.
 * The result is computed at `prec` bits; for D certified digits use
 * ntk_maps_eoc_digits.  Status NTK_UNABLE if neither existence nor
 * absence can be certified; NTK_DOMAIN unless sigma_b2 >= 0.
 */
ntk_status ntk_maps_eoc(ntk_eoc_t eoc, const ntk_act_t act,
                        const arb_t sigma_b2, slong prec);

typedef enum
{
    NTK_PHASE_ORDERED = 0,
    NTK_PHASE_CHAOTIC,
    NTK_PHASE_EOC,         /* chi_1 = 1 exactly (certified only when the
                              parameters are given exactly, e.g. ReLU) */
    NTK_PHASE_UNDECIDED,   /* the chi_1 ball contains 1 */
    NTK_PHASE_NO_FIXED_POINT
} ntk_phase_kind;

const char *ntk_phase_str(ntk_phase_kind ph);

typedef struct
{
    ntk_phase_kind phase;
    int found;             /* as ntk_maps_qstar: 0 none, 1 q*, 2 every q */
    char why[NTK_WHY_MAX]; /* ntk_maps_qstar's statement about q* */
    arb_t q_star, chi1, xi_q, xi_c;
    arb_t c_star;          /* chaotic: the attracting c* < 1; else 1 */
    arb_t fprime_cstar;    /* f'(c*) */
} ntk_phase_struct;

typedef ntk_phase_struct ntk_phase_t[1];

void ntk_phase_init(ntk_phase_t ph);
void ntk_phase_clear(ntk_phase_t ph);

/**
 * Phase, chi_1, depth scales xi_q = -1/log V'(q*), xi_c = -1/log f'(c*).
 * ORDERED: chi_1 < 1, c* = 1 exactly, f'(c*) = chi_1.  CHAOTIC: c* the
 * unique root of f(c) = c in [0, 1) (proofs/maps.md Lemma M8), certified
 * by interval Newton; c* = 0 exactly for odd phi with sigma_b = 0.  EOC:
 * chi_1 == 1 exactly (exact parameters, relu-like).  UNDECIDED: the chi_1
 * ball contains 1.  NO_FIXED_POINT: ntk_maps_qstar found none (reason in
 * why).  A depth scale is +inf when its argument is exactly 1 and
 * indeterminate when it is not certified in (0, 1).  q* = 0 (sigma_b = 0,
 * phi(0) = 0): chi_1 = V'(0) = sigma_w^2 (phi'(0-)^2 + phi'(0+)^2)/2 (M4).
 */
ntk_status ntk_maps_phase(ntk_phase_t ph, const ntk_net_t net, slong prec);

/* ------------------------------------------------------------------ */
/* digits-driven evaluation (Ziv's loop; src/maps/ziv.c)               */
/* ------------------------------------------------------------------ */

/** Guard bits of the start precision. */
#define NTK_MAPS_ZIV_GUARD 24

/** Start precision for `digits` certified significant digits:
 *  ntk_digits_to_bits(digits) + NTK_MAPS_ZIV_GUARD bits. */
slong ntk_maps_ziv_prec0(slong digits);

/** Default precision cap: 16 times the start precision, at least 1024
 *  bits. */
slong ntk_maps_ziv_cap(slong digits);

/** 1 if the ball x certifies at least `digits` significant digits
 *  (ntk_ball_digits), or needs none: x exact, or not finite (a value
 *  that is reported as infinite or undefined, not as digits). */
int ntk_maps_ziv_enough(const arb_t x, slong digits);

/** One evaluation at `prec` bits into the caller's data: NTK_SUCCESS,
 *  NTK_UNABLE (try a higher precision), or any other status (stop). */
typedef ntk_status (*ntk_maps_ziv_eval_fn)(void *data, slong prec);

/** 1 if the results of the last successful evaluation in data certify
 *  `digits` digits (e.g. ntk_maps_ziv_enough of each ball). */
typedef int (*ntk_maps_ziv_done_fn)(void *data, slong digits);

/** Flag of ntk_maps_ziv: best effort at the cap (see there). */
#define NTK_MAPS_ZIV_BEST 1

/**
 * Ziv's loop: eval(data, prec) at prec = ntk_maps_ziv_prec0(digits) and
 * then doubling, as long as prec <= cap (the start precision is always
 * tried), until an evaluation returns NTK_SUCCESS and done(data, digits)
 * is 1 (done NULL: the first success).  cap <= 0 means
 * ntk_maps_ziv_cap(digits).  The results are those of the last
 * evaluation, held in data; *prec (may be NULL) receives its precision.
 * Status: NTK_SUCCESS; eval's status when it is neither NTK_SUCCESS nor
 * NTK_UNABLE (at once, no retry); at the cap NTK_UNABLE, with eval's own
 * message followed by " (precision cap of C bits reached)" when the last
 * evaluation was NTK_UNABLE, else the message "could not certify D digits
 * within C bits".  With flags
 * NTK_MAPS_ZIV_BEST, a last evaluation that succeeded without the digits
 * returns NTK_SUCCESS instead (the caller reports the digits its balls
 * certify).  NTK_DOMAIN if digits < 1.  The error message of an
 * NTK_UNABLE evaluation that is retried stays set until overwritten.
 */
ntk_status ntk_maps_ziv(slong *prec, ntk_maps_ziv_eval_fn eval, ntk_maps_ziv_done_fn done,
                        void *data, slong digits, slong cap, int flags);

/**
 * ntk_maps_eoc to `digits` certified digits: sigma_b2 an exact rational,
 * enclosed at each precision of ntk_maps_ziv (default cap, no flags);
 * done when no EOC point exists (found = 0, proved) or when sigma_w,
 * sigma_w2, q_star, chi1, f2 and beta all pass ntk_maps_ziv_enough.
 * *prec (may be NULL): the precision of the result (enclose sigma_b2 at
 * it to print the ball the result was computed from).  Status as
 * ntk_maps_ziv and ntk_maps_eoc (NTK_DOMAIN unless sigma_b2 >= 0).
 */
ntk_status ntk_maps_eoc_digits(ntk_eoc_t eoc, slong *prec, const ntk_act_t act,
                               const fmpq_t sigma_b2, slong digits);

/** Cap of ntk_maps_phase_digits, in multiples of the start precision. */
#define NTK_MAPS_PHASE_CAP_FACTOR 4

/**
 * ntk_maps_phase to `digits` digits, best effort: net->act and
 * net->method are read, net->sigma_w2 and net->sigma_b2 are set to the
 * enclosures of the exact rationals sigma_w2, sigma_b2 at each precision
 * (on return: at the precision of the result, *prec if not NULL).  Done
 * when the phase is not UNDECIDED and chi1, xi_c, q_star pass
 * ntk_maps_ziv_enough; the cap is NTK_MAPS_PHASE_CAP_FACTOR times the
 * start precision, with NTK_MAPS_ZIV_BEST: at the cap the last successful
 * evaluation is returned with NTK_SUCCESS (possibly UNDECIDED, or with
 * fewer digits); NTK_UNABLE only when the last evaluation was.
 */
ntk_status ntk_maps_phase_digits(ntk_phase_t ph, ntk_net_t net, slong *prec,
                                 const fmpq_t sigma_w2, const fmpq_t sigma_b2,
                                 slong digits);

#ifdef __cplusplus
}
#endif

#endif
