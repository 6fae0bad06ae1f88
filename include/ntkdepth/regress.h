/*
 * ntkdepth/regress.h -- NTK kernel regression at depth on the unit sphere,
 * with certified Gram matrices and certified solves.
 *
 * The NTK predictor (the closed form of gradient flow in the kernel regime)
 * is f(x) = kappa_x^T kappa^{-1} y with kappa = Theta^L(X, X) the Gram
 * matrix on the training inputs and kappa_x = Theta^L(X, x).  The module
 * computes the weights w(x) = kappa^{-1} kappa_x and predictions w^T y as
 * balls, at every requested depth, escalating the working precision until
 * the weights carry the requested digits.
 *
 * Inputs.  A point is a nonzero vector v of exact rationals; the input is
 * its direction x = v / |v| on S^(n0-1) (so rho = <x, x'> = <v, v'> /
 * sqrt(|v|^2 |v'|^2) is computed exactly up to one square root).  The
 * first layer follows conventions.md section 1 with
 *
 *     Sigma^1(x, x') = sigma_b^2 + (q1 - sigma_b^2) rho(x, x'),
 *
 * i.e. first-layer variance q1 and correlation
 *     c0 = (sigma_b^2 + (q1 - sigma_b^2) rho) / q1,
 *     eps0 = 1 - c0 = (q1 - sigma_b^2) (1 - rho) / q1.
 * By default q1 = sigma_b^2 + sigma_w^2 / n0: the network's first layer
 * (weights of variance sigma_w^2 / n0, bias variance sigma_b^2) applied to
 * unit inputs.  Jacot's parameterization with bias scale beta is
 * sigma_w^2 = 1, sigma_b^2 = beta^2 (proofs/regress.md, Lemma G5, and
 * proofs/jacot.md).
 *
 * Sharing work.  On the sphere every Gram entry depends only on rho.  Pairs
 * are keyed by the exact rational sign(P) P^2 / (|v|^2 |v'|^2)
 * (P = <v, v'>), which determines rho; one two-input recursion runs per
 * distinct key, the diagonal (key 1, eps0 = 0 exactly) once, and all
 * requested depths are recorded along the way.  A test point equal (in
 * direction) to a training point gets the same, identical, ball column, so
 * its weights contain e_i exactly.
 */
#ifndef NTKDEPTH_REGRESS_H
#define NTKDEPTH_REGRESS_H

#include "ntkdepth/maps.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Points                                                              */
/* ------------------------------------------------------------------ */

/**
 * n points in dimension dim.  Row i is the integer vector v_i (an exact
 * rational row multiplied by the lcm of its denominators), the input
 * direction is v_i / |v_i|.  den[i] is that lcm, so the row as read is
 * v_i / den[i] and its Euclidean norm sqrt(norm2[i]) / den[i].
 */
typedef struct
{
    slong n, dim;
    fmpz *v;       /* n * dim, row-major */
    fmpz *norm2;   /* |v_i|^2 */
    fmpz *den;     /* denominators of the rows as read */
} ntk_points_struct;

typedef ntk_points_struct ntk_points_t[1];

void ntk_points_init(ntk_points_t P);
void ntk_points_clear(ntk_points_t P);
/** Resize to n x dim, all zero (norm2 not yet valid). */
void ntk_points_set_size(ntk_points_t P, slong n, slong dim);

/**
 * Set row i from exact rationals (dim entries) and compute its norm.
 * Status: NTK_DOMAIN if the row is zero ("<what> row <i+1>: zero vector,
 * cannot be normalised onto the sphere").
 */
ntk_status ntk_points_set_row_fmpq(ntk_points_t P, slong i, const fmpq *row,
                                   const char *what);

/**
 * n points uniform on S^(dim-1) from a seeded generator (splitmix64 +
 * Box-Muller evaluated in Arb, so the points are the same on every
 * machine with the same Arb).  Each point is rounded to doubles after
 * normalisation; the stored point is that double vector (its direction is
 * the input; it is within 2^-50 of the uniform sample).  The points are not
 * certified-random; their inner products are exact.
 * Status: NTK_DOMAIN if n < 1 or dim < 1.
 */
ntk_status ntk_points_random_sphere(ntk_points_t P, slong n, slong dim,
                                    ulong seed);

/**
 * Read a CSV file: one point per line, numbers separated by commas
 * (exact decimals, spaces around fields allowed); blank lines and lines
 * starting with '#' are skipped.  If labels is not NULL, the last column
 * is the label (exact rational) and *labels is set to an fmpq vector of
 * length P->n (free with _fmpq_vec_clear(*labels, P->n)).
 * Status: NTK_DOMAIN with the path and line number for a malformed field,
 * a row of a different length, a zero row, or an empty file; NTK_IO if the
 * file cannot be read.
 */
ntk_status ntk_points_read_csv(ntk_points_t P, fmpq **labels, const char *path,
                               const char *what);

/** rho = <x_i, y_j> and 1 - rho (without cancellation), as balls. */
void ntk_points_cos(arb_t rho, arb_t one_minus_rho, const ntk_points_t X,
                    slong i, const ntk_points_t Y, slong j, slong prec);

/** Euclidean norm of row i as read (sqrt(norm2) / den), a ball. */
void ntk_points_norm(arb_t r, const ntk_points_t P, slong i, slong prec);

/**
 * Synthetic target y(x) of the direction x = v / |v|:
 *   "x1"    first coordinate x_1
 *   "x1x2"  x_1 x_2 (dim >= 2)
 *   "sign"  sign of x_1 (0 at 0), exact
 *   "const" 1
 *   "sin"   sin(3 x_1)
 * Status: NTK_DOMAIN for an unknown name.
 */
ntk_status ntk_regress_target(arb_ptr y, const ntk_points_t P, const char *name,
                              slong prec);
/** Space-separated list of the target names, for --help. */
const char *ntk_regress_target_names(void);

/* ------------------------------------------------------------------ */
/* Pair kernels                                                        */
/* ------------------------------------------------------------------ */

/**
 * A pair kernel: for two inputs of equal first-layer variance and
 * first-layer eps0 = 1 - c0 (a ball in [0, 2]), write for every requested
 * depth depths[k] (strictly increasing, >= 1):
 *     theta11[k] = Theta^L_11   (independent of eps0),
 *     delta[k]   = Theta^L_11 - Theta^L_12  (computed without cancellation
 *                                           where the kernel can).
 * Must be thread-safe (called concurrently for different eps0) and return
 * delta[k] = 0 exactly when eps0 = 0 exactly.
 */
typedef ntk_status (*ntk_regress_kernel_fn)(arb_ptr theta11, arb_ptr delta,
                                            const arb_t eps0,
                                            const slong *depths, slong nd,
                                            const void *param, slong prec);

/** A network on the sphere: the net and the first-layer variance q1. */
typedef struct
{
    ntk_net_t net;
    arb_t q1;            /* Sigma^1_11 */
    int q1_is_fixed;     /* 1: q1 is the fixed point q* (held at every layer) */
    arb_t q_fixed;       /* the q* ball when q1_is_fixed */
    int smooth_eoc;      /* 1: smooth activation at its EOC with q1 = q*
                            (weights tend to 1/(n+2)); set by the caller */
} ntk_regress_model_struct;

typedef ntk_regress_model_struct ntk_regress_model_t[1];

void ntk_regress_model_init(ntk_regress_model_t M);
void ntk_regress_model_clear(ntk_regress_model_t M);

/**
 * Set q1 = sigma_b^2 + sigma_w^2 / n0 (unit inputs, first layer of the
 * network itself).  The net must already be set.
 */
void ntk_regress_model_set_default_q1(ntk_regress_model_t M, slong n0,
                                      slong prec);

/**
 * The kernel of a model: the closed-form recursion for ReLU-like
 * activations a x + b |x| (relu, leaky_relu, abs, linear), see
 * ntk_iter_relulike_gap; every other activation by the iter
 * engine's general step (ntk_iter_step: certified quadrature or closed
 * forms, milliseconds per layer, so moderate depths).
 * param is a const ntk_regress_model_struct *.
 */
ntk_status ntk_regress_model_kernel(arb_ptr theta11, arb_ptr delta,
                                    const arb_t eps0, const slong *depths,
                                    slong nd, const void *param, slong prec);

/** 1 if ntk_regress_model_kernel supports the model's activation. */
int ntk_regress_model_supported(const ntk_regress_model_t M);

/* ------------------------------------------------------------------ */
/* Gram matrices                                                       */
/* ------------------------------------------------------------------ */

/**
 * Gram matrices at nd depths: kappa[k] = Theta^{depths[k]}(X, X) (n x n),
 * kx[k] = Theta^{depths[k]}(X, T) (n x m), theta11[k] the shared diagonal.
 */
typedef struct
{
    slong n, m, nd;
    slong *depths;
    arb_mat_struct *kappa;
    arb_mat_struct *kx;
    arb_ptr theta11;
    slong ndistinct;      /* number of recursions run (incl. diagonal) */
} ntk_gram_struct;

typedef ntk_gram_struct ntk_gram_t[1];

void ntk_gram_init(ntk_gram_t G);
void ntk_gram_clear(ntk_gram_t G);

/**
 * Build the Gram matrices of the training points X and test points T
 * (T may have m = 0 points) at the depths (strictly increasing, >= 1).
 * eps0 of a pair is scale * (1 - rho) with scale = (q1 - sigma_b^2)/q1
 * supplied by the caller (1 for a kernel of rho itself).
 * nthreads >= 1 recursions run concurrently.
 * Status: NTK_DOMAIN if n = 0, the dimensions differ, or two training
 * points have the same direction ("training rows i and j are the same
 * point on the sphere: the Gram matrix is singular"); errors of the kernel.
 */
ntk_status ntk_gram_build(ntk_gram_t G, const ntk_points_t X,
                          const ntk_points_t T, const slong *depths, slong nd,
                          const arb_t scale, ntk_regress_kernel_fn kernel,
                          const void *param, slong nthreads, slong prec);

/* ------------------------------------------------------------------ */
/* Certified solves                                                    */
/* ------------------------------------------------------------------ */

/**
 * W = kappa^{-1} B as balls (Arb's arb_mat_solve: approximate LU,
 * preconditioning and a certified residual bound).  *cond receives an
 * estimate (not certified) of the infinity-norm condition number
 * ||kappa|| ||kappa^{-1}|| from an approximate inverse of the midpoint
 * matrix; +inf if that inverse could not be formed.
 * Status: NTK_UNABLE if Arb cannot prove kappa invertible at prec (the
 * matrix is singular or too ill-conditioned for this precision).
 */
ntk_status ntk_regress_solve(arb_mat_t W, arf_t cond, const arb_mat_t kappa,
                             const arb_mat_t B, slong prec);

/**
 * 1 if every column of W has radius <= 10^-digits * max_i |mid W_ij|
 * (normwise relative accuracy of each weight vector), else 0.
 */
int ntk_regress_weights_accurate(const arb_mat_t W, slong digits);

/* ------------------------------------------------------------------ */
/* Driver with precision escalation                                    */
/* ------------------------------------------------------------------ */

typedef enum
{
    NTK_LIMIT_NONE = 0,   /* no known depth limit of the weights */
    NTK_LIMIT_RELU_EOC,   /* ReLU-like at EOC: 1/(n+3) (P4, H10) */
    NTK_LIMIT_SMOOTH_EOC  /* smooth at EOC: 1/(n+2) (P4, H10) */
} ntk_limit_kind;

/** Which depth limit of the weights applies to the model (exact check). */
ntk_limit_kind ntk_regress_limit_kind(const ntk_regress_model_t M);

typedef struct
{
    slong depth;
    slong prec;            /* working precision that certified this depth */
    arf_t cond;            /* condition estimate of kappa (not certified) */
    arb_mat_t W;           /* n x m weights */
    arb_ptr pred;          /* m predictions w^T y */
    arb_t offmin, offmax;  /* min/max off-diagonal of kappa / Theta_11 */
    arb_t theta11;         /* Theta^L_11 */
    arb_t wdist;           /* max_ij |W_ij - Wlim_ij| (if a limit is known) */
    arb_t pdist;           /* max_j |pred_j - predlim_j| */
} ntk_regress_row_struct;

typedef struct
{
    slong n, m, nd;
    ntk_regress_row_struct *rows;
    ntk_limit_kind limit;
    arb_mat_t Wlim;        /* limit weights (n x m) if limit != NONE */
    arb_ptr predlim;       /* limit predictions */
    slong ndistinct;       /* recursions per attempt */
    slong attempts;        /* Gram builds (one per precision tried) */
} ntk_regress_result_struct;

typedef ntk_regress_result_struct ntk_regress_result_t[1];

void ntk_regress_result_init(ntk_regress_result_t R);
void ntk_regress_result_clear(ntk_regress_result_t R);

typedef struct
{
    slong digits;       /* weights wanted to this many digits (normwise) */
    slong prec;         /* starting working precision (0: from digits) */
    slong prec_max;     /* cap (bits) */
    slong nthreads;
} ntk_regress_opts;

/**
 * Weights and predictions at every depth.  y has X->n entries.  For each
 * depth the Gram matrices are built and solved at the working precision,
 * which is doubled (Ziv) for the depths whose solve fails or whose weights
 * miss the requested digits, up to opts->prec_max.
 * Status: NTK_DOMAIN as ntk_gram_build, NTK_UNABLE if some depth could not
 * be certified within the cap (message names the depth, the last precision
 * and the condition estimate).
 */
ntk_status ntk_regress_run(ntk_regress_result_t R, const ntk_points_t X,
                           arb_srcptr y, const ntk_points_t T,
                           const slong *depths, slong nd,
                           const ntk_regress_model_t M,
                           const ntk_regress_opts *opts);

#ifdef __cplusplus
}
#endif

#endif
