/* Internal declarations of the iter module (not installed). */
#ifndef NTK_ITER_IMPL_H
#define NTK_ITER_IMPL_H

#include "ntkdepth/iter.h"

/* certainly x <= n / x >= n */
static inline int
ntk_iter_le_si(const arb_t x, slong n)
{
    arb_t t;
    int r;
    arb_init(t);
    arb_set_si(t, n);
    r = arb_le(x, t);
    arb_clear(t);
    return r;
}

static inline int
ntk_iter_ge_si(const arb_t x, slong n)
{
    arb_t t;
    int r;
    arb_init(t);
    arb_set_si(t, n);
    r = arb_ge(x, t);
    arb_clear(t);
    return r;
}

/* cut an eps ball to [0, 2] (the exact eps always lies there) */
void ntk_iter_clamp_eps(arb_t eps, slong prec);

/* res = (gmid +- S*rad) intersected with plain (if not NULL) */
void ntk_iter_mv_combine(arb_t res, const arb_t gmid, const mag_t S,
                         const mag_t rad, const arb_t plain, slong prec);

/* general step; qc = the maps' cache at q_fixed (q, E[phi^2], V, chi_1;
   ntk_maps_qcache_set) and f2 = f''(1) at q_fixed if known (else NULL) */
ntk_status ntk_iter_step_cached(ntk_iter_state_t s, const ntk_net_t net,
                                const arb_t q_fixed,
                                const ntk_maps_qcache_struct *qc,
                                const arb_t f2, slong prec);

/* Checkpoint sink shared by the paths: writes rows[*next] when depth hits */
typedef struct
{
    ntk_iter_row_struct *rows;
    const slong *depths;
    slong n, next;
    const ntk_iter_opts_struct *opts;
    slong total, prec;
} ntk_iter_sink;

/* progress/cancel: 1 if the callback asked to stop */
int ntk_iter_sink_poll(ntk_iter_sink *sk, slong done);

/*
 * ReLU-like fast path (relulike a x + b|x|, sigma_b = 0 exactly): fills all
 * checkpoints.  sigma_w2, q1, c0 balls at prec.
 */
ntk_status ntk_iter_relulike_run(ntk_iter_sink *sk, ntk_iter_info_struct *info,
                                 const ntk_act_t act, const arb_t sigma_w2,
                                 const arb_t q1, const arb_t c0, slong prec);

/* ReLU-like correlation step, exposed for tests: eps' = g(eps) at a point
 * (closed form or series), and Dn = D12 / r over the ball. */
void ntk_iter_relulike_g(arb_t res, const arb_t delta, const arb_t eps, slong prec);

/* one fast-path layer (for tests): eps <- g(eps) (mean-value form),
   Dn <- g' over the input ball; Delta = b^2/(a^2+b^2) */
void ntk_iter_relulike_step(arb_t eps, arb_t Dn, const arb_t delta, slong prec);

/* the fast-path layer as an object (relulike.c), used by the kernel-gap
   recursion (relulike_gap.c): eps <- g(eps) (mean-value form), Dn <- g'
   over the input ball, omd <- 1 - Dn over the ball (if not NULL), enclosed
   as 2 Delta theta/pi directly (Lemmas R2-R4) */
typedef struct ntk_iter_rl_struct ntk_iter_rl_struct;
ntk_iter_rl_struct *ntk_iter_rl_new(const arb_t delta, slong prec);
void ntk_iter_rl_free(ntk_iter_rl_struct *S);
void ntk_iter_rl_layer(arb_t eps, arb_t Dn, arb_t omd, ntk_iter_rl_struct *S,
                       slong prec);

/* tests only: 1 disables the 128-bit kernel (documented global) */
extern int ntk_iter_relulike_no128;

/* 128-bit kernel of the ReLU-like series step (relu128.c, Lemma R5) */
typedef struct ntk_iter_r128_struct ntk_iter_r128_struct;
ntk_iter_r128_struct *ntk_iter_r128_new(const arb_t delta);
void ntk_iter_r128_free(ntk_iter_r128_struct *R);
int ntk_iter_r128_run(arb_t eps, arb_t U, slong *L, slong Lend,
                      const ntk_iter_r128_struct *R, slong prec);

/* Smooth Taylor model at q = q* */
typedef struct
{
    slong K;          /* largest usable order (coefficients G[1..K+1]) */
    arb_ptr G;        /* G[k] = f^(k)(1)/k!, k = 0..K+1 */
    arb_ptr cg, cd;   /* (-1)^j G[j+1], (-1)^j (j+1) G[j+1], j = 0..K-1 */
    arb_ptr pw;       /* scratch: powers of eps, K entries */
    double *lgG;      /* log2 of an upper bound of G[k] (-inf if 0) */
    double *lgR;      /* lgR[K] = lgG[K+1] + log2(K+1), K = 0..K: the
                         remainder bound of order K is 2^(lgR[K]) eps^K */
    arb_t F2;         /* f''(1) >= sup |f''| on [-1, 1] (Lemma P4) */
    arb_t chi1;       /* f'(1) */
    slong prec;
} ntk_iter_taylor_struct;

ntk_status ntk_iter_taylor_init(ntk_iter_taylor_struct *T, const ntk_net_t net,
                                const arb_t qstar, slong K, slong prec);
void ntk_iter_taylor_clear(ntk_iter_taylor_struct *T);
/* smallest K with remainder below 2^-prec relative; 0 if none */
slong ntk_iter_taylor_order(const ntk_iter_taylor_struct *T, const arb_t eps, slong prec);
/* eps <- g(eps) (mean-value form), d12 <- f'(1 - eps) over the ball */
void ntk_iter_taylor_step(arb_t eps, arb_t d12, const ntk_iter_taylor_struct *T,
                          slong K, slong prec);

/* Mehler model at q = q*, expanded at c = 0 (mehler.c, Lemma P5) */
typedef struct
{
    slong K;          /* largest order (coefficients a[0..K]) */
    arb_ptr a;        /* a_k = q*^k m_k^2 / k! */
    arb_ptr da;       /* k a_k */
    mag_ptr T, Td;    /* T[K] >= sum_{k>K} a_k, Td[K] >= sum_{k>K} k a_k */
    double *lgT, *lgTd;   /* log2 of upper bounds of T, Td */
    arb_t sw2, sb2, qstar;
} ntk_iter_mehler_struct;

/* coefficients up to order K (len K + 1), accuracy aimed at |c| <= cmax;
   NTK_UNABLE/NTK_DOMAIN from the quadrature (clear the model anyway) */
ntk_status ntk_iter_mehler_init(ntk_iter_mehler_struct *M, const ntk_net_t net,
                                const arb_t qstar, const arb_t cmax, slong K,
                                slong prec);
void ntk_iter_mehler_clear(ntk_iter_mehler_struct *M);
/* smallest K with both remainders below 2^-(prec+6) over the ball of eps;
   -1 if none (or |c| may reach 1) */
slong ntk_iter_mehler_order(const ntk_iter_mehler_struct *M, const arb_t eps,
                            slong prec);
/* eps <- eps' (mean-value form), d12 <- D12 over the input ball */
void ntk_iter_mehler_step(arb_t eps, arb_t d12, const ntk_iter_mehler_struct *M,
                          slong K, slong prec);

#endif
