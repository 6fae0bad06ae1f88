/*
 * gauss_internal.h -- helpers shared by the files of src/gauss (not installed).
 *
 * Bounds are "polynomials in t = |x|" with nonnegative ball coefficients:
 * an arb_poly p with p(t) >= the quantity bounded, for t >= 0.  Only upper
 * bounds of the coefficients are meaningful.  The lemmas are in
 * proofs/tails.md.
 */
#ifndef NTKDEPTH_GAUSS_INTERNAL_H
#define NTKDEPTH_GAUSS_INTERNAL_H

#include "ntkdepth/gauss.h"

#define GAUSS_LN2 0.69314718055994530942
#define GAUSS_PI 3.14159265358979323846

/* Working precision of error-bound arithmetic (upper bounds in balls:
 * any precision is valid, this one keeps them within ~1e-15 relative) */
#define GAUSS_BOUND_PREC 64

/* res = the interval [lo, hi] for small integers (exact ball) */
void _gauss_interval_si(arb_t res, slong lo, slong hi);

/* Largest strip half-width (in the activation's argument) we ever use;
 * growth radii returned by the act module are clamped to it. */
#define GAUSS_RMAX 4

/* Pointwise growth of the k-th derivative of one branch:
 *   |phi_branch^(k)(z)| <= A + B |z|^P   on the strip |Im z| <= r
 * (and Re z >= -r for branch +1, Re z <= r for branch -1).
 * proofs/tails.md, Lemma T4 (Cauchy) for k >= 1. */
typedef struct
{
    arb_t A, B, r;
    slong P;
} gauss_growth_struct;
typedef gauss_growth_struct gauss_growth_t[1];

void _gauss_growth_init(gauss_growth_t g);
void _gauss_growth_clear(gauss_growth_t g);
/* branch 2 means "the maximum over both branches" of a piecewise act. */
ntk_status _gauss_growth(gauss_growth_t g, const ntk_act_t act, int branch,
                         slong k, slong prec);
/* Same with Cauchy radius rho = r 2^-sh (k >= 1): the bound then holds on
 * the strip |Im z| <= r - rho (returned in g->r). _gauss_growth: sh = 1. */
ntk_status _gauss_growth_rho(gauss_growth_t g, const ntk_act_t act,
                             int branch, slong k, slong sh, slong prec);

/* Upper bound (as a ball with exact midpoint and zero radius) of |x|. */
void _gauss_ub(arb_t res, const arb_t x, slong prec);
/* Lower bound of a ball (as an exact ball). */
void _gauss_lb(arb_t res, const arb_t x, slong prec);
double _gauss_ub_d(const arb_t x);

/* gamma(x) = exp(-x^2/2)/sqrt(2 pi) for real or complex x. */
void _gauss_density(arb_t res, const arb_t x, slong prec);
void _gauss_density_acb(acb_t res, const acb_t x, slong prec);
/* res[k] = gamma(k h), k = 0..n-1 (h >= 0; recurrence, enclosures). */
void _gauss_density_grid(arb_ptr res, const arb_t h, slong n, slong prec);

/* One-sided tail moments M_j(T) = int_T^oo x^j gamma(x) dx, j = 0..n-1
 * (proofs/tails.md, Lemma T1).  T >= 0. */
void _gauss_tail_moments(arb_ptr M, const arb_t T, slong n, slong prec);
/* Absolute moments m_j = E|Z|^j, j = 0..n-1. */
void _gauss_abs_moments(arb_ptr m, slong n, slong prec);

/* p(t) = A + B (s t + a)^P as a polynomial in t (s, a >= 0), upper bound
 * coefficients. */
void _gauss_poly_growth(arb_poly_t p, const gauss_growth_t g,
                        const arb_t s, const arb_t a, slong prec);
/* sum_j c_j w_j (c = coefficients of p), the integral of p against the
 * moment vector w. */
void _gauss_poly_moment(arb_t res, const arb_poly_t p, arb_srcptr w,
                        slong prec);
/* Upper bound of int_{T}^oo gamma(x) p(x) dx (one side). */
void _gauss_poly_tail(arb_t res, const arb_poly_t p, const arb_t T, slong prec);
/* Upper bound of E[p(|Z|)]. */
void _gauss_poly_full(arb_t res, const arb_poly_t p, slong prec);

/* Add the (upper bound of the) nonnegative ball err to the radius of x. */
void _gauss_add_error(arb_t x, const arb_t err);

/* Truncation point: T with gamma(T) T^deg << 2^-bits (double planning). */
double _gauss_plan_T(double bits, slong deg);

/* Trapezoidal planning for a Gaussian-weighted integrand analytic in the
 * strip |Im x| < dmax: returns the strip a to use and the step h so that
 * exp(a^2/2 - 2 pi a / h) ~ 2^-bits (proofs/tails.md, Lemma Q1). */
void _gauss_plan_trap(double *a, double *h, double dmax, double bits);

/* Error bound 2 M / (exp(2 pi a / h) - 1) of the trapezoidal rule on R
 * (proofs/tails.md, Lemma Q1): a, hub exact upper/lower bounds handled
 * inside (uses the lower bound of a and upper bound of h). */
void _gauss_trap_error(arb_t res, const arb_t M, const arb_t a, const arb_t h,
                       slong prec);

/* ntk_act_jet, via the real jet when z is real and branch == 0 */
ntk_status _gauss_jet(acb_ptr res, const ntk_act_t act, const acb_t z,
                      int branch, slong len, slong prec);

/* Jet of phi at a real ball, branch given (for piecewise: -1/+1; else 0). */
ntk_status _gauss_jet_real(arb_ptr res, const ntk_act_t act, const arb_t x,
                           int branch, slong len, slong prec);

/* Is the box z inside the region where the growth bound of branch holds
 * (|Im z| <= r, and the half-plane condition for branch -1/+1)? */
int _gauss_in_domain(const acb_t z, const arb_t r, int branch);

/* Generic one-dimensional integrand:
 *   gamma(x) x^zpow prod_i phi^(orders[i])(sigma_i x)
 * integrated over R (acb_calc_integrate on [-T, 0], [0, T] or [-T, T],
 * plus the tail bound, proofs/tails.md Lemma T2). sigma_i must not contain 0. */
ntk_status _gauss_expect1_general(arb_t res, const ntk_act_t act,
                                  const slong *orders, arb_srcptr sigma,
                                  slong nfac, slong zpow, slong prec);

/* Smooth (single-branch) 2D kernel by the tensor trapezoidal rule. */
ntk_status _gauss_expect2_trap(arb_t res, const ntk_act_t act, int deriv,
                               const arb_t alpha, const arb_t beta,
                               const arb_t c, const arb_t s, slong prec);

/* Piecewise 2D kernel by nested acb_calc_integrate. */
ntk_status _gauss_expect2_nested(arb_t res, const ntk_act_t act, int deriv,
                                 const arb_t alpha, const arb_t beta,
                                 const arb_t c, const arb_t s, slong prec);

/* E[f(u)^2] - E[f(u) f(v)], f = phi^(k) (k = 0, 1), in the coordinates
 * (u + v)/2, (u - v)/2; eps > 0 (and eps <= 1 for piecewise activations). */
ntk_status _gauss_expect2_eps_ab(arb_t res, const ntk_act_t act, slong k,
                                 const arb_t q, const arb_t eps, slong prec);

#endif
