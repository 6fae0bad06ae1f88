/*
 * ntkdepth/finite.h -- the NTK of real, finite-width random networks
 * (Monte Carlo in double precision), next to exact certified predictions.
 *
 * Network (papers.md P3; proofs/finite-width.md section 1):
 *   input x in R^{n0}, hidden layers l = 1..L of widths n_1..n_L, output 1:
 *     h^1 = W^1 x + b^1,  a^l = phi(h^l),  h^{l+1} = W^{l+1} a^l + b^{l+1},
 *     f(x) = W^{L+1} a^L + b^{L+1}.
 *   Standard parameterization (NTK_FINITE_PARAM_STANDARD):
 *     W^l_ij ~ N(0, sigma_w2 / n_{l-1}) on every layer including the
 *     readout, b^l_i ~ N(0, sigma_b2) (0 allowed), all trainable; the NTK
 *     sums df/dtheta df/dtheta over the actual parameters theta = (W, b).
 *   NTK parameterization (NTK_FINITE_PARAM_NTK): W = sqrt(sigma_w2/n_{l-1})
 *     What, b = sigma_b bhat with What, bhat ~ N(0, 1), and the NTK sums over
 *     theta = (What, bhat): per layer the weight part is scaled by
 *     sigma_w2/n_{l-1} and the bias part by sigma_b2.
 *   He initialization (NTK_FINITE_INIT_HE, Hanin & Nica): ReLU, sigma_w2 =
 *     2 on every layer including the readout, biases initialized at 0 but
 *     trainable with unit gradient scale, weights in the NTK
 *     parameterization (gradients w.r.t. What).
 *   phi'(0) is taken as the right derivative for smooth-at-0 activations and
 *   as 0 for relu/step (the convention of autodiff frameworks); it matters
 *   only on the null event of a whole layer being dead with zero biases
 *   (proofs/finite-width.md, Lemma F2).
 *
 * Empirical NTK (exact for the sampled network, up to double rounding):
 *   K(x, x') = sum_l  G_delta^l(x, x') * (alpha_l G_a^{l-1}(x, x') + beta_l)
 * with delta^l = df/dh^l (backward pass), G_delta^l = <delta^l(x),
 * delta^l(x')>, G_a^{l-1} = <a^{l-1}(x), a^{l-1}(x')> (a^0 = x), the
 * readout layer having delta = 1.  No Jacobian is materialized.
 *
 * Inputs per sample: fresh x, y uniform on the unit sphere S^{n0-1},
 * x_r = r x + sqrt(1 - r^2) y for the configured r (default 1.0, 0.9, ..., 0).
 *
 * Randomness: Philox4x64-10 (Random123), key = (seed, sample index),
 * counter = (block, stream, sigma_w2 bits, 0), one stream per weight matrix,
 * bias vector, readout and input pair (see src/finite/rng.c).  Sample s at
 * a given sigma_w2 is the same network whatever the thread/rank count, the
 * other configurations or the depth list; a depth-L network is the first L
 * hidden layers of the sample's deepest network plus its own readout, so all
 * depths of one sample come from one forward pass (depths of one sample are
 * therefore correlated; every error below accounts for it).
 *
 * Reduction: see ntk_finite_result_struct -- bit-identical results for any
 * number of threads or MPI ranks.
 */
#ifndef NTKDEPTH_FINITE_H
#define NTKDEPTH_FINITE_H

#include <stdint.h>
#include "ntkdepth/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ RNG */

/**
 * Philox4x64-10 (Salmon et al. 2011, Random123): out = philox(ctr, key).
 * Pure function; tested against Random123's published known answers.
 */
void ntk_finite_philox4x64(uint64_t out[4], const uint64_t ctr[4],
                           const uint64_t key[2]);

/**
 * Standard normals of one stream: out[i] for i = 0..n-1 is the i-th normal
 * of the stream (key, stream, tag) -- a pure function of (key, stream, tag,
 * i), so any slice can be regenerated.  Counter (i/4, stream, tag, 0) gives
 * four 64-bit words; word i%4 becomes u = (top 52 bits + 1/2) 2^-52 in
 * (0, 1) and the normal Phi^{-1}(u) (Wichura's AS 241, relative accuracy
 * ~1e-16; |z| <= 8.3).  Scaled by `scale` (the std).
 */
void ntk_finite_normals(double *out, slong n, double scale,
                        const uint64_t key[2], uint64_t stream,
                        uint64_t tag);

/** Phi^{-1}(p) for 0 < p < 1 (AS 241), exposed for tests. */
double ntk_finite_normal_quantile(double p);

/* ---------------------------------------------------------- activations */

typedef enum
{
    NTK_FACT_RELULIKE = 0,  /* a x + b |x| (relu, leaky_relu, abs, linear) */
    NTK_FACT_STEP, NTK_FACT_RELU_POW, NTK_FACT_ERF, NTK_FACT_GELU,
    NTK_FACT_SIN, NTK_FACT_COS, NTK_FACT_TANH, NTK_FACT_ELU, NTK_FACT_SILU,
    NTK_FACT_SOFTPLUS, NTK_FACT_SIGMOID, NTK_FACT_SELU, NTK_FACT_MISH
} ntk_finite_act_kind;

/** A double-precision activation (names as conventions.md section 3). */
typedef struct
{
    ntk_finite_act_kind kind;
    double a, b;        /* RELULIKE coefficients */
    double alpha;       /* ELU/SELU alpha */
    double lambda;      /* SELU lambda */
    int k;              /* RELU_POW degree */
    char name[64];
} ntk_finite_act_struct;

typedef ntk_finite_act_struct ntk_finite_act_t[1];

/** Parse a name ("relu", "leaky_relu:0.1", "tanh", ...). NTK_DOMAIN. */
ntk_status ntk_finite_act_set_str(ntk_finite_act_t act, const char *name);

/** y[i] = phi(x[i]), d[i] = phi'(x[i]) (d may be NULL), i < n. */
void ntk_finite_act_eval(double *y, double *d, const double *x, slong n,
                         const ntk_finite_act_t act);

/** 1 if relu exactly (a = b = 1/2): the certified formulas apply. */
int ntk_finite_act_is_relu(const ntk_finite_act_t act);

/* --------------------------------------------------------- configuration */

typedef enum
{
    NTK_FINITE_PARAM_STANDARD = 0,
    NTK_FINITE_PARAM_NTK
} ntk_finite_param;

typedef enum
{
    NTK_FINITE_INIT_DEFAULT = 0,  /* sigma_w2, sigma_b2 as given */
    NTK_FINITE_INIT_HE            /* Hanin & Nica, see the top comment */
} ntk_finite_init;

typedef struct
{
    ntk_finite_act_t act;
    slong n0;                /* input dimension >= 1 */
    slong nwidths;           /* = max depth */
    slong *widths;           /* n_1 .. n_{max depth}, each >= 1 */
    slong ndepths;
    slong *depths;           /* strictly increasing, in 1..nwidths */
    slong nsigma;
    double *sigma_w2;        /* each > 0 */
    double sigma_b2;         /* >= 0 */
    ntk_finite_param param;
    ntk_finite_init init;
    slong nr;
    double *r;               /* input correlations, r[0] should be 1 */
    uint64_t seed;
    slong samples;           /* >= 1 */
} ntk_finite_config_struct;

typedef ntk_finite_config_struct ntk_finite_config_t[1];

/** Defaults of the paper (P3): relu, n0 = M = 100, depths 1..49, the 16
 *  sigma_w2 values, sigma_b2 = 0, r = 1.0 .. 0.0, 500 samples, seed 1. */
void ntk_finite_config_init(ntk_finite_config_t cfg);
void ntk_finite_config_clear(ntk_finite_config_t cfg);

/** Set equal widths M for depths 1..max(depths) (replaces widths). */
ntk_status ntk_finite_config_set_width(ntk_finite_config_t cfg, slong M);
/** Copy lists (replace the current ones). */
ntk_status ntk_finite_config_set_depths(ntk_finite_config_t cfg,
                                        const slong *d, slong n);
ntk_status ntk_finite_config_set_sigma_w2(ntk_finite_config_t cfg,
                                          const double *s, slong n);
ntk_status ntk_finite_config_set_r(ntk_finite_config_t cfg,
                                   const double *r, slong n);

/** NTK_DOMAIN naming the value unless the configuration is valid. */
ntk_status ntk_finite_config_check(const ntk_finite_config_t cfg);

/** 1 if a and b describe the same run (activation name, n0, widths,
 *  depths, sigma_w2 values bit for bit, sigma_b2, param, init, r, seed,
 *  samples): then ntk_finite_run gives bit-identical results. */
int ntk_finite_config_equal(const ntk_finite_config_t a, const ntk_finite_config_t b);

/** The common hidden width M when all hidden widths are equal, else 0
 *  (then lambda = L/M is not defined). */
slong ntk_finite_config_equal_width(const ntk_finite_config_t cfg);

/* ------------------------------------------------------- one network */

/**
 * Exact empirical NTK of sample `sample` at sigma_w2 = cfg->sigma_w2[isig]
 * for every configured depth: K[(id * nr + i) * nr + j] = K_{depth[id]}(x_i,
 * x_j), i, j < nr (full symmetric matrices).  Pure function of
 * (cfg, isig, sample).  Thread-safe.  NTK_NOMEM.
 */
ntk_status ntk_finite_sample_ntk(double *K, const ntk_finite_config_t cfg,
                                 slong isig, slong sample);

/* The parameters of sample `sample` at sigma_w2 = cfg->sigma_w2[isig]
   (pure functions of cfg, isig, sample; exposed for tests and tools). */

/** W^l, n_l x n_{l-1}, column-major (ld n_l), l = 1..max depth.  In the
 *  NTK parameterization these are the effective weights sqrt(s/n) What. */
void ntk_finite_draw_weights(double *W, const ntk_finite_config_t cfg,
                             slong isig, slong sample, slong l);
/** b^l (n_l entries; zeros when sigma_b2 = 0 or He init). */
void ntk_finite_draw_bias(double *b, const ntk_finite_config_t cfg,
                          slong isig, slong sample, slong l);
/** Readout row W^{L+1} of the depth-L network (n_L entries). */
void ntk_finite_draw_readout(double *u, const ntk_finite_config_t cfg,
                             slong isig, slong sample, slong L);
/** Inputs: X is n0 x nr column-major, column i = x_{r_i}. */
void ntk_finite_draw_inputs(double *X, const ntk_finite_config_t cfg,
                            slong isig, slong sample);
/** NTK scale of layer l of a depth-L network (l = L+1: the readout):
 *  weight part alpha, bias part beta (see the top comment). */
void ntk_finite_layer_scales(double *alpha, double *beta,
                             const ntk_finite_config_t cfg, slong isig,
                             slong l, slong L);
/** n_l for l = 0..max depth (n_0 = n0). */
slong ntk_finite_width(const ntk_finite_config_t cfg, slong l);

/* ------------------------------------------------------------- results */

/**
 * Per-configuration sums.  Samples are split into G = min(samples,
 * NTK_FINITE_GROUPS) fixed groups of consecutive indices, group g holding
 * [g N / G, (g + 1) N / G).  A group's sums are accumulated in sample order
 * by whichever thread or rank owns the (group, sigma) work item, and the
 * total is the sum of the groups in group order: the numbers do not depend
 * on the partition.  The groups double as the jackknife groups.
 */
#define NTK_FINITE_GROUPS 40

typedef struct
{
    slong nsigma, ndepths, nr;
    slong ngroups;
    slong size;             /* doubles per group: nsigma*ndepths*nr*NSTAT */
    double *group;          /* ngroups * size; index g * size + idx */
    double *total;          /* size */
    slong samples;
    double seconds;         /* wall time of the run (informational) */
    double flops;           /* floating-point operations of the matrix work */
} ntk_finite_result_struct;

typedef ntk_finite_result_struct ntk_finite_result_t[1];

/* statistics summed per (sigma, depth, r), idx = ((isig * ndepths + id) *
   nr + ir) * NTK_FINITE_NSTAT + k: */
enum
{
    NTK_FINITE_S_OFF = 0,    /* K(x, x_r), x = x_{r[0]} (r[0] = 1: x itself) */
    NTK_FINITE_S_OFF2,       /* K(x, x_r)^2 */
    NTK_FINITE_S_DIAG,       /* K(x_r, x_r) */
    NTK_FINITE_S_DIAG2,      /* K(x_r, x_r)^2 */
    NTK_FINITE_S_RATIO,      /* K(x, x_r) / K(x, x), x = x_{r[0]}; 0 when
                                K(x, x) = 0 (dead network, no bias terms) */
    NTK_FINITE_S_RATIO2,
    NTK_FINITE_S_NORM2,      /* |x_r|^2 */
    NTK_FINITE_NSTAT
};

void ntk_finite_result_init(ntk_finite_result_t res, const ntk_finite_config_t cfg);
void ntk_finite_result_clear(ntk_finite_result_t res);

/** Samples in group g. */
slong ntk_finite_group_size(const ntk_finite_result_t res, slong g);

/** Progress callback: called by one thread with samples done (summed over
 *  the sigma values) and the total; return nonzero to cancel. */
typedef int (*ntk_finite_progress_fn)(void *data, double done, double total);

/**
 * Run the work items (group, sigma) numbered i = g * nsigma + isig with
 * i % nparts == part, with `threads` OpenMP threads (<= 0: OpenMP default;
 * ignored without OpenMP), into res (freshly initialized for cfg; other
 * items stay 0), then form the total.  NTK_NOMEM, NTK_INTERRUPTED.
 */
ntk_status ntk_finite_run_part(ntk_finite_result_t res, const ntk_finite_config_t cfg,
                               int part, int nparts, int threads,
                               ntk_finite_progress_fn progress, void *data);

/** The whole run on this process (part 0 of 1). */
ntk_status ntk_finite_run(ntk_finite_result_t res, const ntk_finite_config_t cfg,
                          int threads, ntk_finite_progress_fn progress, void *data);

/** total = sum of the groups in group order. */
void ntk_finite_result_total(ntk_finite_result_t res);

/**
 * MPI: when the process was started by mpirun with several ranks (and the
 * library was built with MPI), each rank runs its share of the work items
 * and the group sums are combined by an all-reduce in which every entry is
 * nonzero on exactly one rank (x + 0 + ... + 0 = x: exact), then the total
 * is formed in group order on every rank.  *rank, *nranks receive the
 * position (0 and 1 without MPI).  Otherwise this is ntk_finite_run.
 */
ntk_status ntk_finite_run_mpi(ntk_finite_result_t res, const ntk_finite_config_t cfg,
                              int threads, ntk_finite_progress_fn progress,
                              void *data, int *rank, int *nranks);
/** 1 if built with MPI support. */
int ntk_finite_have_mpi(void);
/** Initialize MPI only when launched by mpirun/mpiexec (environment check:
 *  OMPI_COMM_WORLD_SIZE, PMI_SIZE, PMIX_RANK); a plain run never touches
 *  MPI.  Returns the number of ranks (1 if MPI is not in use). */
int ntk_finite_mpi_init(int *argc, char ***argv);
void ntk_finite_mpi_finalize(void);
/** Rank of this process (0 when MPI is not in use). */
int ntk_finite_mpi_rank(void);
/** 1 if compiled with OpenMP. */
int ntk_finite_have_openmp(void);

/* ------------------------------------------------------------ estimates */

/** A Monte Carlo estimate: value and standard error (conventions.md 4). */
typedef struct
{
    double est, err;
} ntk_finite_est;

/** Mean of statistic k (NTK_FINITE_S_OFF, _DIAG, _RATIO, _NORM2) with its
 *  standard error sqrt(sample variance / n). */
ntk_finite_est ntk_finite_mean(const ntk_finite_result_t res, slong isig,
                               slong id, slong ir, int k);

/** Dispersion E[K^2]/E[K]^2 of K(x, x_r) (ir = 0: the diagonal K(x,x)),
 *  error by the delete-one-group jackknife over the sample groups. */
ntk_finite_est ntk_finite_dispersion(const ntk_finite_result_t res, slong isig,
                                     slong id, slong ir);

/**
 * Slope of log(E K^2 / E K^2) of K(x, x) against t_id = depth[id] * tscale
 * (tscale = 1/M for lambda = L/M; sum of 1/n_i for Hanin--Nica's beta),
 * ordinary least squares over depths with depth[id] >= dmin, standard error
 * by the jackknife over the sample groups (it accounts for the correlation of
 * the depths of one sample).  NaN if fewer than 2 depths or 2 groups.
 */
ntk_finite_est ntk_finite_dispersion_slope(const ntk_finite_result_t res,
                                           const ntk_finite_config_t cfg,
                                           slong isig, double tscale, slong dmin);

/* ----------------------------------------------- certified predictions */

/**
 * Exact mean of the diagonal NTK, ReLU, zero-initialized biases (sigma_b2
 * = 0), proofs/finite-width.md Lemma F3 (standard parameterization) and
 * Lemma F4 (He / NTK parameterization):
 *   E K(x,x) = sum_{l=1}^{L+1} [alpha_l E|a^{l-1}|^2 + beta_l P_{l-1}] G_l
 * including the dead-network probabilities P_m = prod_{j<=m} (1 - 2^-n_j).
 * res is a ball containing the exact value for |x|^2 = norm2 (exact
 * decimal-free double input).  NTK_DOMAIN if not relu or sigma_b2 != 0.
 */
ntk_status ntk_finite_mean_exact(arb_t res, const ntk_finite_config_t cfg,
                                 slong isig, slong depth, double norm2, slong prec);

/** papers.md K2 as written: (1 - r^(L+1))/(1 - r) + r^L |x|^2 (1 + L M/n0),
 *  r = sigma_w2/2 (the limit r -> 1 is L + 1); M = n_1 (equal widths). */
void ntk_finite_k2_formula(arb_t res, double sigma_w2, slong L, slong M,
                           slong n0, double norm2, slong prec);

/** papers.md HN1 as written: d (1/2 + |x|^2/n0). */
void ntk_finite_hn1_formula(arb_t res, slong d, slong n0, double norm2, slong prec);

/**
 * Infinite-width prediction of K(x, x_r)/K(x, x) for ReLU, sigma_b2 = 0,
 * standard parameterization, equal widths M = n0, inputs with correlation
 * c0 = r (the M -> infinity limit; the weight terms dominate): the ratio
 * Theta^{L+1}_12 / Theta^{L+1}_11 of the recursion of conventions.md 1
 * with the arc-cosine closed form, certified ball (proofs/finite-width.md
 * Lemma F5).
 */
ntk_status ntk_finite_ratio_infinite(arb_t res, slong depth, double r, slong prec);

/* ------------------------------- exact finite-width moments (ReLU) */

/**
 * Certified moments of the law of the diagonal NTK K(x, x) of a ReLU
 * network at finite width (proofs/finite-width.md section 7, Lemmas F6-F9):
 * for every depth L = 1..Lmax (the depth-L network being the first L hidden
 * layers plus its own readout, as in the Monte Carlo)
 *   EK[L-1]   ball containing E K(x, x),
 *   EK2[L-1]  ball containing E K(x, x)^2,
 *   disp[L-1] ball containing the dispersion E K^2 / (E K)^2.
 * Any output may be NULL (otherwise a vector of Lmax entries).
 *
 * Covered: ReLU with phi'(0) = 0, x = x' (the diagonal), |x|^2 = norm2
 * (the law depends on x only through |x|), input dimension n0, ANY widths
 * list widths[0..Lmax-1] = n_1..n_Lmax (each >= 1; dead layers B_l = 0 are
 * included exactly), any sigma_w2 > 0 (a ball: W^l ~ N(0, sigma_w2/n_{l-1})
 * on every layer including the width-1 readout), biases INITIALIZED at 0
 * (sigma_b2 = 0) and trainable: the bias gradients enter with scale
 * `beta` (standard parameterization: beta = 1; NTK parameterization with
 * sigma_b2 = 0: beta = 0; He init of Hanin & Nica: NTK parameterization,
 * beta = 1).  param = STANDARD: weight gradients w.r.t. W (alpha_l = 1);
 * NTK: w.r.t. What (alpha_l = sigma_w2 / n_{l-1}).
 *
 * Not covered: sigma_b2 > 0 (the forward norms are then no longer a
 * product of independent chi^2 factors: the bias adds a non-radial
 * Gaussian), other activations (only ReLU's positive homogeneity gives the
 * chi^2 law), and the off-diagonal K(x, x') for x' != x: the pair
 * (a^l(x), a^l(x')) spans a plane whose angle theta_l is a Markov chain
 * with an arc-cosine-type kernel, and the per-layer factors depend on
 * theta_l, so no finite automaton of rational per-layer moments exists
 * (proofs/finite-width.md, Remark F8).
 *
 * Cost O(Lmax) ball operations (4- and 16-state recursions, closed-form
 * per-layer moments); all terms are sums of nonnegative products, so the
 * radii stay relative to prec.  NTK_DOMAIN on Lmax < 1, n0 or a width
 * < 1, sigma_w2 not > 0, norm2 or beta not >= 0.  No aliasing between
 * the outputs.
 */
ntk_status ntk_finite_exact_moments(arb_ptr EK, arb_ptr EK2, arb_ptr disp, slong Lmax,
                                    slong n0, const slong *widths, const arb_t sigma_w2,
                                    const arb_t norm2, ntk_finite_param param,
                                    const arb_t beta, slong prec);

/**
 * The same for a Monte Carlo configuration: outputs (each may be NULL) have
 * cfg->ndepths entries, entry id for depth cfg->depths[id]; sigma_w2 =
 * cfg->sigma_w2[isig] and |x|^2 = norm2 taken as exact doubles (the values
 * the sampler uses).  Scales from cfg->param / cfg->init as in
 * ntk_finite_layer_scales.  NTK_DOMAIN unless relu and sigma_b2 = 0 (or He
 * init).
 */
ntk_status ntk_finite_exact_moments_cfg(arb_ptr EK, arb_ptr EK2, arb_ptr disp,
                                        const ntk_finite_config_t cfg, slong isig,
                                        double norm2, slong prec);

/**
 * Certified numbers of claim K1 at one (sigma_w2, M) (proofs/finite-width.md
 * section 8): equal widths n0 = n_l = M, standard parameterization, |x|^2 = 1,
 * depths L = 1..(nwin+1) Lstep, D(L) the exact dispersion.
 *   slope[k-1] (k = 1..nwin) = (log D((k+1) Lstep) - log D(k Lstep)) M / Lstep,
 *              the log-dispersion slope in lambda = L/M over the window
 *              [k Lstep/M, (k+1) Lstep/M];
 *   dsup       a ball containing max_{1 <= L <= (nwin+1) Lstep} D(L);
 *   dev        M (dsup - 1);
 *   crit       (sigma_w2/2)^2 (1 + 5/M) - 1: for sigma_w2 < 2, D is bounded
 *              over ALL depths iff crit < 0 (Lemma F11).
 * NTK_DOMAIN on M, Lstep or nwin < 1.
 */
ntk_status ntk_finite_exact_k1_numbers(arb_ptr slope, arb_t dsup, arb_t dev, arb_t crit,
                                       const arb_t sigma_w2, slong M, slong Lstep,
                                       slong nwin, slong prec);

/* -------------------------------------------------------------- claims */

/*
 * This module computes the statistics of the finite-width claims (means,
 * slopes, z-scores against a threshold); the verdict is the claim
 * module's (ntk_verdict_finite in ntkdepth/claim.h, proofs/verdicts.md
 * rule V5).
 */

/**
 * Threshold of the z-scores (proofs/finite-width.md section 5): z* = 3
 * for one comparison, Bonferroni-corrected z*_m = Phi^{-1}(1 - 0.00135/m)
 * when m comparisons must all pass.
 */
double ntk_finite_zcrit(slong m);

/** The test a claim's z-score is for (how ntk_verdict_finite reads it). */
typedef enum
{
    NTK_FINITE_TEST_ALL_BELOW = 0,  /* K2, HN1: every |z| below zcrit (zmax the largest) */
    NTK_FINITE_TEST_POSITIVE,       /* HN2: z >= zcrit shows growth, z <= -zcrit decay */
    NTK_FINITE_TEST_EQUAL,          /* HN2-slope5: |z| < zcrit against the predicted value */
    NTK_FINITE_TEST_SEPARATION      /* K1: per-sigma comparisons, summarized in agree, contra */
} ntk_finite_test;

typedef struct
{
    const char *id;            /* "K1", "K2", "HN1", "HN2", "HN2-slope5" */
    ntk_finite_test test;      /* what zmax, zcrit (or agree, contra) test */
    int valid;                 /* 0: too few samples (< 30) or nothing to compare */
    int agree, contra;         /* SEPARATION: every sigma_w2 agrees / one contradicts */
    double estimate, error;    /* the measured quantity (see `measured`) */
    double predicted;          /* prediction's midpoint (NaN if a shape) */
    double zmax;               /* the decisive z-score */
    double zcrit;              /* the threshold used */
    char measured[160];        /* what estimate is */
    char statement[200];
    char detail[400];          /* one line: worst case, counts */
} ntk_finite_claim;

/**
 * K2: every sample mean of K(x,x) (r = 1 input) vs the K2 formula as
 * written; z = (mean - K2)/se, Bonferroni over all (sigma, depth); test
 * ALL_BELOW.
 * Requires relu, standard parameterization, sigma_b2 = 0, equal widths.
 */
ntk_status ntk_finite_claim_k2(ntk_finite_claim *c, const ntk_finite_result_t res,
                               const ntk_finite_config_t cfg);
/** HN1: sample means vs d(1/2 + |x|^2/n0), d = L + 1 layers; He init. */
ntk_status ntk_finite_claim_hn1(ntk_finite_claim *c, const ntk_finite_result_t res,
                                const ntk_finite_config_t cfg);
/**
 * K1: per sigma_w2, slope s of log dispersion of K(x,x) vs lambda = L/M
 * with jackknife error, z = s/se, z* Bonferroni over the sigma values.
 * sigma_w2 >= 2: "grows" iff z >= z* (contradiction iff z <= -z*).
 * sigma_w2 < 2: "grows slower" iff s + z* se < B = min over the growing
 * values of (s - z* se) (a bound from the data, no tuned constant);
 * contradiction iff s - z* se >= U = min over sigma_w2 >= 2 of
 * (s + z* se), i.e. shown to grow at least as fast as a value >= 2.
 * agree = every sigma agrees, contra = one contradicts (test SEPARATION).
 */
ntk_status ntk_finite_claim_k1(ntk_finite_claim *c, const ntk_finite_result_t res,
                               const ntk_finite_config_t cfg);
/**
 * HN2: slope s of log dispersion vs beta = sum_{i=1}^{L} 1/n_i at He init,
 * jackknife se, zcrit = 3.  literal = 0 (the shape, as papers.md reads
 * exp(5 beta)): z = s/se, test POSITIVE (growth iff z >= 3).  literal = 1
 * (id "HN2-slope5"): z = (s - 5)/se, test EQUAL.
 */
ntk_status ntk_finite_claim_hn2(ntk_finite_claim *c, const ntk_finite_result_t res,
                                const ntk_finite_config_t cfg, int literal);

#ifdef __cplusplus
}
#endif

#endif
