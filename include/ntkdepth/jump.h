/*
 * ntkdepth/jump.h -- the depth jump: certified eps_L and Theta^L at any
 * depth (10^9 .. 10^100 and beyond) through the Fatou (Abel) coordinate of
 * the parabolic fixed point c = 1 at the edge of chaos (proofs/fatou.md).
 *
 * Scope: ReLU-like activations (below), smooth activations and `elu` at
 * q* on the EOC (through ntk_iter_run_deep; the ELU model is public below).
 * ReLU-like activations a x + b|x| with Delta =
 * b^2/(a^2 + b^2) > 0, sigma_b = 0 exactly, at the EOC (sigma_w^2 = 1/(a^2 +
 * b^2)).  In t = sqrt(eps/2) = sin(theta/2) the correlation layer is
 *   t' = F(t) = t u(t),  u = sqrt(1 - R(t)),  R(t) = (8 Delta/pi) sum_n b_n t^(2n+1)
 * (proofs/relu-series.md Lemma R4; proofs/fatou.md Lemma J1), and
 *   Phi_N(t) = 1/(A t) + (3/2) ln t + sum_{k=1}^N c_k t^k,   A = 4 Delta/(3 pi),
 * satisfies Phi_N(F(t)) = Phi_N(t) + 1 + O(t^(N+2)) (Lemma J3) with a
 * certified constant (Lemma J4).  The run iterates exactly (the iter
 * module's fast path) to a depth L0, then for every checkpoint L > L0
 * solves Phi_N(t_L) = Phi_N(t_L0) + (L - L0) +- (tail, Lemma J5) by
 * interval Newton (Lemma J6).  The NTK uses a particular solution kappa and
 * the homogeneous solution Qh of U' = U Dn + 1 - eps' (Lemmas J7, J8).
 *
 * Depths are fmpz: L up to 10^100 does not fit in slong.
 */
#ifndef NTKDEPTH_JUMP_H
#define NTKDEPTH_JUMP_H

#include "ntkdepth/iter.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* the Fatou model of the ReLU-like EOC map                            */
/* ------------------------------------------------------------------ */

/**
 * Coefficients (balls of the exact values) and certified defect bounds of
 * the order-N Abel model at the EOC of a x + b|x| (proofs/fatou.md):
 *   Phi(t)   = 1/(A t) + B ln t + sum_{k=1}^N c[k] t^k           (J3)
 *   kappa(t) = pm1/t + sum_{j=0}^N p[j] t^j + q3 ln t Qh(t)       (J7)
 *   Qh(t)    = sum_{j=3}^N qh[j] t^j, qh[3] = 1                    (J7)
 * and, for 0 < t <= t0 (t0 given to ntk_jump_rl_bound):
 *   |Phi(F(t)) - Phi(t) - 1|            <= Dphi t^(N+2)
 *   |Qh(F(t)) - Dn(t) Qh(t)|            <= Dq   t^(N+2)
 *   |kappa(F(t)) - Dn(t) kappa(t) - (1 - 2 F(t)^2)|
 *                                       <= (Dp + |q3| Dq |ln t|) t^(N+2)
 * (Lemma J4: Cauchy estimates from the sup of the defects on |t| = rho).
 */
typedef struct
{
    slong N;
    arb_t delta, kap, A, B, pm1, q3;
    arb_ptr c;        /* c[0..N], c[0] = 0 */
    arb_ptr p;        /* p[0..N], p[3] = 0 */
    arb_ptr qh;       /* qh[0..N], qh[0..2] = 0, qh[3] = 1 */
    mag_t rho;        /* circle of the Cauchy estimates */
    mag_t Mphi, Mq, Mp;   /* sup of the defects on |t| = rho (0: not bounded) */
    mag_t t0;         /* bounds below hold for 0 < t <= t0 */
    mag_t Dphi, Dq, Dp;
    mag_t lam;        /* Qh(t) >= lam t^3 on (0, t0] (lower bound, > 0) */
    mag_t dnmin;      /* Dn(t) >= dnmin on (0, t0] (lower bound, > 0) */
    slong prec;
} ntk_jump_rl_struct;

typedef ntk_jump_rl_struct ntk_jump_rl_t[1];

/**
 * Coefficients of order N >= 4 for Delta in (0, 1] (a ball, exact value
 * inside), at precision prec; no defect bound yet (Dphi = ... = inf).
 */
void ntk_jump_rl_init(ntk_jump_rl_t J, const arb_t delta, slong N, slong prec);
void ntk_jump_rl_clear(ntk_jump_rl_t J);

/**
 * Certified defect bounds on (0, t0] (Lemma J4) from the circle |t| = rho
 * (rho = 1/4), t0 <= rho/8.  NTK_SUCCESS, or NTK_UNABLE if a bound is not
 * finite (then the D* are inf).
 */
ntk_status ntk_jump_rl_bound(ntk_jump_rl_t J, const mag_t t0, slong prec);

/** Phi(t), Phi'(t), kappa(t), Qh(t) for a ball 0 < t (real, any radius). */
void ntk_jump_rl_phi(arb_t res, const ntk_jump_rl_t J, const arb_t t, slong prec);
void ntk_jump_rl_dphi(arb_t res, const ntk_jump_rl_t J, const arb_t t, slong prec);
void ntk_jump_rl_kappa(arb_t res, const ntk_jump_rl_t J, const arb_t t, slong prec);
void ntk_jump_rl_qh(arb_t res, const ntk_jump_rl_t J, const arb_t t, slong prec);

/**
 * The jump from depth L0 (t_L0 = sqrt(eps_L0/2) in the ball t0b, U_L0 =
 * Theta^L0_12/q1 in U0, 0 < t0b <= J->t0 certainly) to depth L > L0 (d =
 * L - L0 >= 1, an fmpz): t and U receive balls containing t_L and U_L
 * (Lemmas J5, J6, J8).  Requires ntk_jump_rl_bound.
 * Status: NTK_SUCCESS; NTK_UNABLE if the interval Newton step did not
 * contract or a bound does not hold (message).
 */
ntk_status ntk_jump_rl_apply(arb_t t, arb_t U, const ntk_jump_rl_t J,
                             const arb_t t0b, const arb_t U0, const fmpz_t d,
                             slong prec);

/**
 * The constants of the orbit (proofs/fatou.md, Lemma J12): with
 * w_L = 1/t_L = (eps_L/2)^(-1/2) and U_L = Theta^L_12/q1,
 *   w_L = A L + A B ln L + Cw + o(1),     Cw = A (K + B ln A),
 *   U_L = L/4 + (3/8) ln L + Cu + o(1),   Cu = pm1 Cw + p[0] = Cw/(4A) - 1/8,
 * K = lim_{L -> oo} (Phi(t_L) - L) (independent of N), enclosed by
 * Phi(t_L1) - L1 +- Dphi S_(N+2) from a ball tb of t_L1 at any depth
 * L1 >= 1 (an fmpz) with 0 < tb <= J->t0 certainly.  For ReLU (Delta =
 * 1/2), Cw is H2's C(c0) and Cu is H5's C'(c0).
 * cw, cu (either may be NULL) receive balls containing the exact values;
 * their absolute radius is about rad(tb)/(A tb^2) (the relative radius of
 * tb times L1) plus the tail.  Requires ntk_jump_rl_bound.
 * Status: NTK_SUCCESS; NTK_UNABLE if tb is not certainly in (0, J->t0] or
 * the bounds are missing (cw, cu indeterminate).
 */
ntk_status ntk_jump_rl_const(arb_t cw, arb_t cu, const ntk_jump_rl_t J, const arb_t tb,
                             const fmpz_t L1, slong prec);

/**
 * The constants Cw, Cu of ntk_jump_rl_const from a problem and a certified
 * ball eps of eps_L at depth L >= 1 (e.g. a row of ntk_iter_run_deep; the
 * model of order ntk_jump_rl_order is built and bounded at prec + 16 bits,
 * the results rounded to prec).
 * Status: NTK_SUCCESS; NTK_DOMAIN (message) if the ReLU-like jump does not
 * apply to pb (ntk_iter_jump_applies), if eps = 0 exactly (c0 = 1: w_L is
 * infinite) or L < 1; NTK_UNABLE if t_L = sqrt(eps/2) is not certainly in
 * (0, 1/32] (too shallow; about L >= 50 suffices for ReLU) or a bound fails.
 * cw, cu are indeterminate unless NTK_SUCCESS.
 */
ntk_status ntk_iter_jump_constants(arb_t cw, arb_t cu, const ntk_iter_problem_t pb,
                                   const arb_t eps, const fmpz_t L, slong prec);

/**
 * The constants of the orbit of the smooth and ELU jumps at q* on the EOC
 * (proofs/fatou.md, Lemma J17), with v_L = 1/eps_L and U_L = Theta^L_12/q*.
 * C^inf activations (the Taylor model of Lemma J9; beta = 2/f''(1),
 * lambda = 1 - 2 f'''(1)/(3 f''(1)^2)):
 *   v_L = L/beta + (lambda/beta) ln L + Cv + o(1),
 *   U_L = L/3 + (lambda/3) ln L + Cu + o(1),  Cu = beta Cv/3 + 1/2 - beta/2 - 2 lambda/3
 * (smooth-eoc.md E3, E4: Cv = C_v, beta Cv = gamma(c0)); `elu` (alpha = 1):
 * the forms of ntk_jump_elu_const.  From a certified ball eps of eps_L at
 * depth L >= 1 (e.g. the deepest row of ntk_iter_run_deep) and the balls
 * qstar, sigma_w2 of the EOC point (e.g. ntk_iter_info's); the model is
 * built for eps at prec + 16 bits (order 8 from 10^18 at 200 bits), the
 * results rounded to prec.  The radius is about that of 1/eps
 * (rad(eps)/eps^2) plus the defect tail.
 * cv, cu (either may be NULL) receive balls containing the exact values.
 * Status: NTK_SUCCESS; NTK_DOMAIN (message) if neither jump applies to pb,
 * eps = 0 exactly (c0 = 1: v_L is infinite) or L < 1; NTK_UNABLE if eps is
 * not certainly positive or too large for the model (too shallow), or a
 * bound fails.  cv, cu are indeterminate unless NTK_SUCCESS.
 */
ntk_status ntk_iter_jump_constants_qstar(arb_t cv, arb_t cu, const ntk_iter_problem_t pb,
                                         const arb_t qstar, const arb_t sigma_w2,
                                         const arb_t eps, const fmpz_t L, slong prec);

/* ------------------------------------------------------------------ */
/* the Fatou model of ELU at q* on the EOC (proofs/fatou.md J13-J16)   */
/* ------------------------------------------------------------------ */

/**
 * Taylor coefficients F[0..len-1] of F(s) = f''(1 - s^2) for `elu` (alpha =
 * 1) at variance q and weight variance sigma_w2 (balls; any q > 0), from the
 * closed form of proofs/smooth-eoc.md Lemma E6 (b):
 *   F(s) = sigma_w2 q [e^(q(2-s^2)) Q(sqrt(q)(2-s^2)) - s sqrt(2-s^2) I(s^2)/pi],
 *   I(z) = sum_m M_m z^m P_m(z)  (exact series).
 * Balls contain the exact coefficients.  F[0] = f''(1), F[1] = -2 K0.
 */
void ntk_jump_elu_fcoef(arb_ptr F, slong len, const arb_t q, const arb_t sigma_w2, slong prec);

/**
 * M >= sup |F(s)| on the circle |s| = r, 0 < r <= 1 (Lemma J13: Cauchy
 * tails |F_k| <= M r^-k).  NTK_SUCCESS, or NTK_UNABLE if not finite.
 */
ntk_status ntk_jump_elu_fbound(mag_t M, const mag_t r, const arb_t q, const arb_t sigma_w2,
                               slong prec);

/**
 * The order-N Abel model of ELU at q* on the EOC in s = sqrt(eps)
 * (proofs/fatou.md, Lemmas J13-J16).  The layer is s' = s u(s),
 * u = sqrt(W), W(s) = g(s^2)/s^2, Dn(s) = f'(1 - s^2), analytic in s
 * (Lemma J13; W, dn their Taylor coefficients), and
 *   Phi(s)   = A/s^2 + B1/s + B ln s + sum_{k=1}^N c[k] s^k                  (J14)
 *   kappa(s) = pm2/s^2 + pm1/s + sum_{j=0}^N p[j] s^j + q4 ln s Qh(s)       (J14)
 *   Qh(s)    = sum_{j=4}^N qh[j] s^j, qh[4] = 1
 * with, for 0 < s <= s0 (after ntk_jump_elu_bound):
 *   |Phi(s u) - Phi(s) - 1|                 <= Dphi s^(N+3)
 *   |Qh(s u) - Dn Qh(s)|                    <= Dq   s^(N+3)
 *   |kappa(s u) - Dn kappa(s) - (1 - s^2 W)| <= (Dp + |q4| Dq |ln s|) s^(N+3)
 * (Lemma J15).  A = beta = 2/f''(1), B1 = (16/15) K0 beta^2 (Corollary J14').
 */
typedef struct
{
    slong N, K;           /* model order; number of F coefficients */
    arb_t q, sigma_w2;    /* q* and sigma_w^2 (balls) */
    arb_t A, B1, B, pm2, pm1, q4;
    arb_ptr F;            /* F[0..K-1] (Lemma E6) */
    arb_ptr W, dn;        /* W[0..K+1], dn[0..K+1] (Lemma J13) */
    arb_ptr c;            /* c[0..N], c[0] = 0 */
    arb_ptr p;            /* p[0..N], p[4] = 0 */
    arb_ptr qh;           /* qh[0..N], qh[0..3] = 0, qh[4] = 1 */
    mag_t r, MF;          /* |F| <= MF on |s| = r */
    mag_t rho;            /* circle of the Cauchy estimates of the defects */
    mag_t s0;             /* the bounds hold for 0 < s <= s0 */
    mag_t Dphi, Dq, Dp;
    mag_t alpha;          /* 1/s_(j+1)^2 >= 1/s_j^2 + alpha on (0, s0] */
    mag_t lam;            /* Qh(s) >= lam s^4 on (0, s0] */
    mag_t dnmin;          /* Dn(s) >= dnmin on (0, s0] */
} ntk_jump_elu_struct;

typedef ntk_jump_elu_struct ntk_jump_elu_t[1];

/**
 * Coefficients of order N >= 5 at q = q*, sigma_w2 (balls containing the
 * exact EOC values; Dn(0) = f'(1) = 1 is used exactly), at precision prec;
 * the defect bounds are inf until ntk_jump_elu_bound.
 */
void ntk_jump_elu_init(ntk_jump_elu_t J, const arb_t q, const arb_t sigma_w2, slong N,
                       slong prec);
void ntk_jump_elu_clear(ntk_jump_elu_t J);

/**
 * All bounds of Lemma J15 on (0, s0], s0 <= rho/8.  NTK_SUCCESS, or
 * NTK_UNABLE (message) if one does not hold (s0 too large for the model).
 */
ntk_status ntk_jump_elu_bound(ntk_jump_elu_t J, const mag_t s0, slong prec);

/** Phi(s), Phi'(s), kappa(s), Qh(s) for a real ball s > 0. */
void ntk_jump_elu_phi(arb_t res, const ntk_jump_elu_t J, const arb_t s, slong prec);
void ntk_jump_elu_dphi(arb_t res, const ntk_jump_elu_t J, const arb_t s, slong prec);
void ntk_jump_elu_kappa(arb_t res, const ntk_jump_elu_t J, const arb_t s, slong prec);
void ntk_jump_elu_qh(arb_t res, const ntk_jump_elu_t J, const arb_t s, slong prec);

/**
 * The jump from depth L0 (s_L0 = sqrt(eps_L0) in the ball s0b, 0 < s0b <=
 * J->s0 certainly; U_L0 = Theta^L0_12/q* in U0) to L = L0 + d, d >= 1:
 * s and U receive balls containing s_L and U_L (Lemma J16).  Requires
 * ntk_jump_elu_bound.  Status NTK_SUCCESS; NTK_UNABLE if the interval
 * Newton step does not contract or a bound fails (message).
 */
ntk_status ntk_jump_elu_apply(arb_t s, arb_t U, const ntk_jump_elu_t J, const arb_t s0b,
                              const arb_t U0, const fmpz_t d, slong prec);

/**
 * The constants of the ELU orbit (proofs/fatou.md, Lemma J17 (b)): with
 * v_L = 1/eps_L = 1/s_L^2 and U_L = Theta^L_12/q*,
 *   v_L = L/A + d1 sqrt(L) + d2 ln L + Cv + o(1),  d1 = -B1/A^(3/2), d2 = B/(2A),
 *   U_L = L/3 + (pm1 - B1/3) sqrt(L/A) + (B/6) ln L + Cu + o(1),
 *   Cv = (K - (B/2) ln A + B1^2/(2A))/A,  Cu = pm2 Cv - pm1 B1/(2A) + p[0],
 * K = lim (Phi(s_L) - L), enclosed by Phi(s_L1) - L1 +- Dphi T_(N+3) from a
 * ball sb of s_L1 = sqrt(eps_L1) at any depth L1 >= 1 with 0 < sb <= J->s0
 * certainly (A = beta).  The o(1) is O(ln L / sqrt(L)).  cv, cu (either may
 * be NULL) receive balls containing the exact values.  Requires
 * ntk_jump_elu_bound.  Status: NTK_SUCCESS; NTK_UNABLE (message) if sb is
 * not certainly in (0, J->s0] or the bounds are missing (cv, cu
 * indeterminate).
 */
ntk_status ntk_jump_elu_const(arb_t cv, arb_t cu, const ntk_jump_elu_t J, const arb_t sb,
                              const fmpz_t L1, slong prec);

/* ------------------------------------------------------------------ */
/* deep runs (fmpz depths, direct iteration or jump)                  */
/* ------------------------------------------------------------------ */

typedef enum
{
    NTK_DEPTH_AUTO = 0,   /* jump past L0 where it applies, else direct */
    NTK_DEPTH_DIRECT,     /* ntk_iter_run (depths must fit, <= 2^50) */
    NTK_DEPTH_JUMP        /* Fatou jump (ReLU-like EOC only) */
} ntk_depth_method;

/** Largest depth the direct iteration accepts. */
#define NTK_ITER_DIRECT_MAX ((slong) 1 << 50)
/** AUTO refuses (NTK_DOMAIN) depths beyond this where no jump applies
 *  (10^10 layers: hours to days); DIRECT still runs them. */
#define NTK_ITER_AUTO_DIRECT_MAX ((slong) 10000000000)

typedef struct
{
    ntk_depth_method used;  /* DIRECT or JUMP */
    slong L0;               /* jump start (last directly iterated depth), 0 if direct */
    slong order;            /* N of the Abel model, 0 if direct */
    slong prec, attempts;   /* working precision of the last attempt, attempts */
    fmpz_t fail_depth;      /* NTK_UNABLE: first depth whose balls were too wide */
    arb_t w_constant;       /* ReLU-like jump: Cw = C(c0) of ntk_jump_rl_const, from the
                               start t_L0; otherwise indeterminate */
    arb_t v_constant;       /* smooth and ELU jumps (q1 = q*): Cv of 1/eps_L (Lemma
                               J17, ntk_iter_jump_constants_qstar), from the start
                               eps_L0; otherwise indeterminate */
    arb_t ntk_constant;     /* any jump: the constant term Cu of Theta^L_12/q1
                               (J12, J17), from the start; otherwise indeterminate */
} ntk_iter_jump_info_struct;

typedef ntk_iter_jump_info_struct ntk_iter_jump_info_t[1];

void ntk_iter_jump_info_init(ntk_iter_jump_info_t ji);
void ntk_iter_jump_info_clear(ntk_iter_jump_info_t ji);

/** 1 if the ReLU-like jump applies to the problem (ReLU-like, Delta > 0,
 *  sigma_b = 0 exactly, EOC: eoc flag or sigma_w2 = 1/(a^2 + b^2) exactly,
 *  q1 given).  The smooth jump (proofs/fatou.md J9-J11) applies to C^inf
 *  single-branch activations with eoc and q1_star set, the ELU jump (J13-J16)
 *  to `elu` (alpha = 1) with eoc and q1_star set; ntk_iter_run_deep uses
 *  any of them. */
int ntk_iter_jump_applies(const ntk_iter_problem_t pb);

/** 1 if some jump applies to the problem: the ReLU-like one
 *  (ntk_iter_jump_applies), the smooth one (C^inf single-branch
 *  activation, eoc and q1_star set; proofs/fatou.md J9-J11) or ELU's
 *  (alpha = 1, eoc and q1_star set; the ELU lemmas of proofs/fatou.md). */
int ntk_iter_jump_any_applies(const ntk_iter_problem_t pb);

/**
 * Certified rows at the fmpz depths[0 .. n-1] (strictly increasing, >= 1),
 * with the digit promise of ntk_iter_run.  rows[i].depth is depths[i] when
 * it fits in slong, else 0 (the caller holds the exact depth).
 * method: DIRECT (ntk_iter_run), JUMP, or AUTO (jump if it applies and some
 * depth exceeds L0, else direct).  Jumps: ReLU-like at the EOC (sigma_b =
 * 0; Lemmas J1-J8), smooth C^inf activations at the EOC with q1 = q*
 * (the Taylor model of Lemma P4; Lemmas J9-J11; Theta11 = q* L, E4) and
 * `elu` at the EOC with q1 = q* (the map analytic in sqrt(eps); Lemmas
 * J13-J16).  L0 (0: chosen from digits: 10^4 up to
 * 300 digits, else 10^5; measured: 300 digits at 10^100 from 10^4 take
 * 0.5 s with order 114) is the jump start; rows at depths
 * <= L0 come from the direct iteration.
 * Status: NTK_SUCCESS; NTK_DOMAIN (message) for bad depths, a depth beyond
 * NTK_ITER_DIRECT_MAX without a jump (AUTO: beyond NTK_ITER_AUTO_DIRECT_MAX),
 * or JUMP where it does not apply;
 * NTK_UNABLE "accuracy ran out at depth L ..." (ji->fail_depth = L) at the
 * precision cap; NTK_INTERRUPTED from the progress callback.
 */
ntk_status ntk_iter_run_deep(ntk_iter_row_struct *rows, ntk_iter_info_t info,
                             ntk_iter_jump_info_t ji,
                             const ntk_iter_problem_t pb, const fmpz *depths,
                             slong n, slong digits, ntk_depth_method method,
                             slong L0, const ntk_iter_opts_t opts);

#ifdef __cplusplus
}
#endif

#endif
