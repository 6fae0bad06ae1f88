/*
 * ntkdepth/train.h -- the empirical NTK of a finite network during training
 * (Seleznova & Kutyniok 2022, claim K3; papers.md P3).  Double precision,
 * BLAS, OpenMP threads; every number here is a Monte Carlo quantity of one
 * trained network (an estimate when averaged over seeds), never certified.
 *
 * Network (the standard parameterization of ntkdepth/finite.h): input
 * x in R^{n0}, L hidden layers of width M, nout outputs,
 *   h^1 = W^1 x + b^1,  a^l = phi(h^l),  h^{l+1} = W^{l+1} a^l + b^{l+1},
 *   f(x) = W^{L+1} a^L + b^{L+1}   (nout entries),
 * W^l_ij ~ N(0, sigma_w2 / n_{l-1}) on every layer including the readout,
 * b^l ~ N(0, sigma_b2) (sigma_b2 = 0: exactly zero), all trainable.
 * phi'(0) = 0 for relu (as ntkdepth/finite.h).
 *
 * Parameters are one vector theta of nparams doubles, layer by layer
 * l = 1..L+1: W^l (n_l x n_{l-1}, column-major, ld n_l) at woff[l], then
 * b^l (n_l) at boff[l].  Gradients and the Adam moments use the same layout.
 *
 * Initial parameters: replicate r of seed s is the network of
 * `ntkdepth finite --seed s` sample r at this sigma_w2 (Philox4x64-10, key
 * (seed, replicate), the streams of src/finite/ntk.c): W^l for l <= L are
 * ntk_finite_draw_weights, the readout row k is normals k n_L .. (k+1) n_L - 1
 * of the readout stream of depth L (row 0 = ntk_finite_draw_readout), b^l
 * ntk_finite_draw_bias.  With nout = 1 the network is exactly that sample,
 * which the tests use.
 *
 * Loss (squared, the mean over the N inputs and nout outputs, as PyTorch's
 * MSELoss): loss = 1/(N nout) sum_{j,k} (f_k(x_j) - y_kj)^2.
 *
 * Adam (Kingma & Ba, with bias correction; PyTorch's form): for t = 1, 2, ..
 *   m = b1 m + (1 - b1) g,  v = b2 v + (1 - b2) g^2,
 *   theta -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps),
 * b1 = 0.9, b2 = 0.999, eps = 1e-8 unless set otherwise.
 *
 * Empirical NTK summed over outputs (proofs/finite-width.md Lemma F1 with
 * nout outputs, Lemma T1):
 *   K(x, x') = sum_k <grad_theta f_k(x), grad_theta f_k(x')>
 *            = sum_{l=1}^{L+1} (sum_k <delta_k^l(x), delta_k^l(x')>)
 *                              (<a^{l-1}(x), a^{l-1}(x')> + 1),
 * delta_k^l = df_k/dh^l; the readout term is nout (<a^L, a^L'> + 1).
 * No Jacobian is formed: the backward pass carries the nout B columns.
 *
 * Reproducibility: every function is deterministic; ntk_train_run gives
 * bit-identical numbers for any thread count (one work item per (sigma_w2,
 * replicate), each computed with one BLAS thread).
 */
#ifndef NTKDEPTH_TRAIN_H
#define NTKDEPTH_TRAIN_H

#include <stdint.h>
#include "ntkdepth/common.h"
#include "ntkdepth/finite.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ network */

typedef struct
{
    slong n0, width, depth, nout;
    ntk_finite_act_t act;
    slong nparams;
    slong *woff, *boff;     /* index 1..depth+1 */
    double *theta;          /* nparams */
} ntk_train_net_struct;

typedef ntk_train_net_struct ntk_train_net_t[1];

/** Allocate a relu network (n0, width, depth >= 1, nout >= 1), parameters
 *  zero.  NTK_DOMAIN (sizes < 1), NTK_NOMEM.  On failure nothing to clear. */
ntk_status ntk_train_net_init(ntk_train_net_t net, slong n0, slong width,
                              slong depth, slong nout);
void ntk_train_net_clear(ntk_train_net_t net);

/** n_l: n0 for l = 0, width for 1 <= l <= depth, nout for l = depth + 1. */
slong ntk_train_net_width(const ntk_train_net_t net, slong l);

/** Initial parameters of replicate `rep` of `seed` (see the top comment).
 *  NTK_DOMAIN unless sigma_w2 > 0, sigma_b2 >= 0 (finite); NTK_NOMEM. */
ntk_status ntk_train_net_draw(ntk_train_net_t net, double sigma_w2, double sigma_b2,
                              uint64_t seed, slong rep);

/* ------------------------------------------------ forward / backward */

/** Workspace for batches of up to B inputs (activations of every layer). */
typedef struct
{
    slong B;
    double *H, *D, *A;      /* per layer h, phi'(h), a: sum_l n_l B each */
    double *F;              /* outputs nout x B */
    double *G[2];           /* backward buffers, max n_l x B */
    slong *hoff;            /* layer offsets (in rows) */
    double flops;           /* matrix work done so far (informational) */
} ntk_train_work_struct;

typedef ntk_train_work_struct ntk_train_work_t[1];

ntk_status ntk_train_work_init(ntk_train_work_t w, const ntk_train_net_t net, slong B);
void ntk_train_work_clear(ntk_train_work_t w);

/** Forward pass of the B columns of X (n0 x B, column-major); the outputs
 *  are in w->F (nout x B), the layers in w->H, D, A.  B <= w->B. */
void ntk_train_forward(ntk_train_work_t w, const ntk_train_net_t net,
                       const double *X, slong B);

/**
 * Loss (see the top comment) of the B inputs X with targets Y (nout x B)
 * and, if grad != NULL, its exact gradient (backward pass, nparams
 * entries, the layout of theta).  Returns the loss (NaN/Inf propagate:
 * the caller checks isfinite).  Thread-safe for distinct workspaces.
 */
double ntk_train_loss_grad(double *grad, ntk_train_work_t w, const ntk_train_net_t net,
                           const double *X, const double *Y, slong B);

/* ---------------------------------------------------------------- Adam */

typedef struct
{
    slong n, t;
    double lr, beta1, beta2, eps;
    double *m, *v;
} ntk_train_adam_struct;

typedef ntk_train_adam_struct ntk_train_adam_t[1];

/** n parameters, learning rate lr > 0, defaults b1 0.9, b2 0.999, eps 1e-8,
 *  moments 0, t = 0.  NTK_DOMAIN (lr <= 0 or not finite), NTK_NOMEM. */
ntk_status ntk_train_adam_init(ntk_train_adam_t opt, slong n, double lr);
void ntk_train_adam_clear(ntk_train_adam_t opt);
/** One update of theta (n entries) with gradient g (see the top comment). */
void ntk_train_adam_step(double *theta, ntk_train_adam_t opt, const double *g);

/* ----------------------------------------------------------------- NTK */

/**
 * K (B x B, full symmetric, column-major) = the empirical NTK summed over
 * the outputs of the B inputs X (n0 x B), by the per-layer formula (top
 * comment; the backward pass carries nout B columns; no Jacobian).
 * Exact for the network up to double rounding.  If flops != NULL the
 * matrix work is added.  NTK_NOMEM.
 */
ntk_status ntk_train_ntk(double *K, const ntk_train_net_t net, const double *X,
                         slong B, double *flops);

/** Summaries of an NTK on class-sorted inputs (labels[j] in 0..nclass-1):
 *  out[0] = mean within-class off-diagonal entry / mean diagonal entry,
 *  out[1] = mean entry of different classes / mean diagonal entry. */
void ntk_train_ntk_blocks(double out[2], const double *K, const slong *labels, slong B);

/** |K - K0|_F / |K0|_F. */
double ntk_train_ntk_relchange(const double *K, const double *K0, slong B);

/* ---------------------------------------------------------------- data */

/** An IDX file (LeCun's MNIST format): magic 0 0 0x08 ndim, ndim big-endian
 *  uint32 sizes, unsigned bytes.  Only type 0x08 (ubyte) is read. */
typedef struct
{
    int ndim;
    slong dims[4];
    slong size;             /* product of dims */
    unsigned char *data;
} ntk_train_idx_struct;

typedef ntk_train_idx_struct ntk_train_idx_t[1];

/**
 * Read an IDX file, gzip-compressed or not (zlib reads both).  NTK_IO
 * (cannot open, short file), NTK_DOMAIN (bad magic, type other than ubyte,
 * more than 4 dimensions, size above 2^31), NTK_NOMEM; the message names
 * the path.  On failure nothing to clear.
 */
ntk_status ntk_train_idx_read(ntk_train_idx_t idx, const char *path);
void ntk_train_idx_clear(ntk_train_idx_t idx);

/** The directory of Debian's package dataset-fashion-mnist. */
#define NTK_TRAIN_FASHION_DIR "/usr/share/datasets/fashion-mnist"

/** A labelled data set in memory: X n0 x N (column-major), labels, Y the
 *  one-hot targets nout x N, class-sorted (per_class inputs per class, in
 *  class order). */
typedef struct
{
    slong n0, N, nclass;
    double *X, *Y;
    slong *labels;
    char name[64];           /* "fashion-mnist" or "synthetic" */
    char source[256];        /* files read, or the generator */
} ntk_train_data_struct;

typedef ntk_train_data_struct ntk_train_data_t[1];

/**
 * Fashion-MNIST from `dir` (train-images-idx3-ubyte[.gz],
 * train-labels-idx1-ubyte[.gz]): the first per_class images of each of the
 * 10 classes in file order, sorted by class.  Normalization: pixels / 255,
 * then each image scaled to |x|^2 = n0 = 784 (mean square coordinate 1).
 * NTK_IO if the files are missing or short, NTK_DOMAIN (wrong shapes, a
 * class with fewer than per_class images, per_class < 1).
 */
ntk_status ntk_train_data_fashion(ntk_train_data_t d, const char *dir, slong per_class);

/**
 * The fallback: 10 classes in R^{n0}, class c = a fixed random prototype
 * p_c (Philox, key (seed, 0x5e7)) plus independent noise of the same size,
 * x = |p_c + z| coordinate-wise (nonnegative like pixels), scaled to
 * |x|^2 = n0; per_class inputs per class, class-sorted.
 */
ntk_status ntk_train_data_synthetic(ntk_train_data_t d, slong n0, slong per_class,
                                    uint64_t seed);
void ntk_train_data_clear(ntk_train_data_t d);

/* ---------------------------------------------------------- experiment */

typedef struct
{
    slong width, depth;      /* hidden layers of equal width */
    slong steps;             /* Adam steps, full batch */
    double lr;
    slong nsigma;
    double *sigma_w2;
    double sigma_b2;
    slong seeds;             /* replicates 0 .. seeds-1 */
    uint64_t seed;
    slong nmeasure;
    slong *measure;          /* steps where the NTK is measured: strictly
                                increasing, measure[0] = 0, <= steps */
} ntk_train_config_struct;

typedef ntk_train_config_struct ntk_train_config_t[1];

/** The paper's experiment: width 300, depth 20, sigma_w2 {1.0, 2.0, 2.2},
 *  sigma_b2 0, Adam lr 1e-4, 3000 steps, 3 seeds (seed 1), measured at
 *  0, 1, 10, 100, 300, 1000, 2000, 3000. */
void ntk_train_config_init(ntk_train_config_t cfg);
/** The --quick size (verify --quick): width 64, depth 8, 300 steps, 3
 *  seeds, sigma_w2 {1.0, 2.0, 2.2}, measured at 0, 1, 10, 100, 300. */
void ntk_train_config_quick(ntk_train_config_t cfg);
void ntk_train_config_clear(ntk_train_config_t cfg);
ntk_status ntk_train_config_set_sigma_w2(ntk_train_config_t cfg, const double *s, slong n);
/** Measure steps: the given list, clipped to <= steps, with 0 and steps
 *  added, sorted, duplicates removed. */
ntk_status ntk_train_config_set_measure(ntk_train_config_t cfg, const slong *m, slong n);
/** NTK_DOMAIN naming the value unless valid (width, depth, steps, seeds
 *  >= 1; lr > 0 finite; sigma_w2 > 0; sigma_b2 >= 0; the measure list). */
ntk_status ntk_train_config_check(const ntk_train_config_t cfg);

/** Per (sigma, replicate, measure point), idx = (isig * seeds + rep) *
 *  nmeasure + im.  A replicate that diverged (loss NaN or Inf at step
 *  diverged[..] >= 0) has NaN at every measure point from that step on. */
typedef struct
{
    slong nsigma, seeds, nmeasure;
    double *loss;            /* loss at the measure step */
    double *relchange;       /* |K_t - K_0|_F / |K_0|_F */
    double *within, *off;    /* ntk_train_ntk_blocks of K_t */
    double *k0diag;          /* mean diagonal entry of K_t */
    slong *diverged;         /* per (sigma, replicate): step, or -1 */
    double seconds, flops;
} ntk_train_result_struct;

typedef ntk_train_result_struct ntk_train_result_t[1];

ntk_status ntk_train_result_init(ntk_train_result_t res, const ntk_train_config_t cfg);
void ntk_train_result_clear(ntk_train_result_t res);

/**
 * Train every (sigma_w2, replicate) network on the whole data set (full
 * batch: the N inputs of `data`, one-hot targets) and measure its NTK on
 * the same inputs at the measure steps.  threads <= 0: the OpenMP default.
 * progress (may be NULL) is called by one thread with work items done and
 * total; nonzero stops (NTK_INTERRUPTED).  Divergence is not an error: it
 * is recorded in res->diverged.  NTK_DOMAIN (config), NTK_NOMEM.
 */
ntk_status ntk_train_run(ntk_train_result_t res, const ntk_train_config_t cfg,
                         const ntk_train_data_t data, int threads,
                         ntk_finite_progress_fn progress, void *pdata);

/** Mean and standard error over the replicates that have a finite value
 *  (n receives their number; err NaN if n < 2).  field: res->relchange,
 *  res->within, res->off, res->loss. */
ntk_finite_est ntk_train_result_mean(const ntk_train_result_t res, const double *field,
                                     slong isig, slong im, slong *n);

#ifdef __cplusplus
}
#endif

#endif
