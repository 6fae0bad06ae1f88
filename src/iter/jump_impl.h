/* Internal declarations of the depth jump (src/iter/jump_*.c). */
#ifndef NTK_JUMP_IMPL_H
#define NTK_JUMP_IMPL_H

#include "iter_impl.h"
#include "ntkdepth/jump.h"

/* a_n = binom(2n, n)/(4^n (2n+1)) and b_n = a_n/(2n+3) (either may be NULL) */
void ntk_jump_asin_coef(arb_t a, arb_t b, slong n, slong prec);

/* sum_{j >= 0} (w0 + A j)^(-m) <= t0^m + t0^(m-1)/(A (m-1)), t0 = 1/w0
   (Lemma J2), m >= 2; A a lower bound */
void ntk_jump_tail_sum(mag_t res, const mag_t t0, const mag_t A, slong m);

/* shared helpers (jump_util.c) */
/* sum_{k=lo}^{N} c[k] t^k (Horner) */
void ntk_jump_poly_eval(arb_t res, const arb_struct *c, slong lo, slong N, const arb_t t,
                        slong prec);
/* sum_{j<len} c_j x^j on a complex ball */
void ntk_jump_acb_horner(acb_t res, const arb_struct *c, slong len, const acb_t x, slong prec);
/* upper bound of sum_{j=lo}^{hi} |c_j| x^(j - sh) (times j if wj), x >= 0 */
void ntk_jump_abs_sum(mag_t res, const arb_struct *c, slong lo, slong hi, const mag_t x,
                      slong sh, int wj);
/* 1 if the ball x lies in (0, x0] certainly */
int ntk_jump_in_domain(const arb_t x, const mag_t x0);
/* x with phi(x) = P for phi decreasing on (0, x0], phi' = dphi: Newton at
   midpoints from `start`, then the interval Newton test (Lemma J6);
   NTK_UNABLE (message) if it does not contract */
typedef void (*ntk_jump_fn)(arb_t res, const void *model, const arb_t x, slong prec);
ntk_status ntk_jump_newton(arb_t x, ntk_jump_fn phi, ntk_jump_fn dphi, const void *model,
                           const arb_t P, const arb_t start, const mag_t x0, slong prec);

/* the j-th of `arcs` complex balls covering the upper half of |s| = rho:
   centre rho e^(i pi (2j+1)/(2 arcs)), radius rho pi/(2 arcs) (Lemma J4) */
void ntk_jump_circle_ball(acb_t s, const mag_t rho, slong j, slong arcs, slong prec);
/* a jump row at depth L on the EOC with Sigma11 = q for all layers:
   eps, c = 1 - eps, Sigma12 = q c, Theta11 = q L (N2, E4), Theta12 = q U */
void ntk_jump_write_row(ntk_iter_row_t row, const fmpz_t L, const arb_t eps, const arb_t U,
                        const arb_t q, slong prec);
/* Cauchy's estimate (Lemma J4): |E(x)| <= D x^e on [0, x0], x0 <= rho/8, for E
   analytic on |x| <= rho, |E| <= M there, vanishing to order e: D = 8/7 M rho^-e */
void ntk_jump_cauchy(mag_t D, const mag_t M, const mag_t rho, slong e);
/* the NTK jump's assembly (Lemma J8): U = kappaL + e0 e^[-sg, sg]
   +- (Dp Sp + |q| Dq x0 ln(1/x0) Sq), sg = 2 Dq Sh/lamdn, where
   e0 = (U_L0 - kappa(x_L0)) Qh(x_L)/Qh(x_L0), lamdn = lam dnmin and Sh, Sp,
   Sq are the tail sums of the homogeneous, particular and log defects */
void ntk_jump_ntk_assemble(arb_t U, const arb_t kappaL, const arb_t e0, const mag_t Sh,
                           const mag_t Sp, const mag_t Sq, const mag_t Dq, const mag_t Dp,
                           const arb_t q, const mag_t x0, const mag_t lamdn, slong prec);

/* ELU at q* on the EOC (jump_elu*.c, proofs/fatou.md J13-J16) */
int ntk_jump_elu_applies(const ntk_iter_problem_t pb);
/* rows[i] for depths[i] > L0 from eps_L0, Theta12_L0 (balls), q*, sigma_w2;
   *order = N of the model; cv, cu (either may be NULL) receive the orbit
   constants Cv, Cu of Lemma J17 (b) from the same start (indeterminate if
   not certified) */
ntk_status ntk_jump_elu_rows(ntk_iter_row_struct *rows, slong *order, arb_t cv, arb_t cu,
                             const ntk_iter_problem_t pb, const fmpz *depths, slong n,
                             slong L0, const arb_t eps0, const arb_t theta12,
                             const arb_t qstar, const arb_t sigma_w2, slong prec);
/* Cv, Cu of Lemma J17 (b) from a ball eps > 0 of eps_L at depth L (the model
   built for s = sqrt(eps) at prec + 16 bits); NTK_UNABLE (message) if it
   cannot be certified there */
ntk_status ntk_jump_elu_const_row(arb_t cv, arb_t cu, const arb_t qstar, const arb_t sigma_w2,
                                  const arb_t eps, const fmpz_t L, slong prec);

/* the order N of the Abel model for t <= t0 at precision prec: the
   smallest with (t0/rho)^(N+2) < 2^-(prec+10), rho = 1/4, at least 8;
   0 if t0 > rho/8 (Lemma J4 needs t0 <= rho/8) */
slong ntk_jump_rl_order(const mag_t t0, slong prec);

/* Delta = b^2/(a^2 + b^2) of the ReLU-like activation of pb (exact) */
void ntk_jump_rl_delta(fmpq_t delta, const ntk_iter_problem_t pb);

/* smooth activations at q* on the EOC (jump_smooth.c, proofs/fatou.md J9-J11) */
int ntk_jump_smooth_applies(const ntk_iter_problem_t pb);
/* rows[i] for depths[i] > L0 from eps_L0, Theta12_L0 (balls), q*, sigma_w2;
   *order = N of the model; cv, cu (either may be NULL) receive the orbit
   constants Cv, Cu of Lemma J17 (a) from the same start */
ntk_status ntk_jump_smooth_rows(ntk_iter_row_struct *rows, slong *order, arb_t cv, arb_t cu,
                                const ntk_iter_problem_t pb, const fmpz *depths,
                                slong n, slong L0, const arb_t eps0,
                                const arb_t theta12, const arb_t qstar,
                                const arb_t sigma_w2, slong prec);
/* Cv, Cu of Lemma J17 (a) from a ball 0 < eps of eps_L at depth L (the
   Taylor model built for eps, results at prec + 16 bits); NTK_UNABLE
   (message) if the model cannot be certified there */
ntk_status ntk_jump_smooth_const(arb_t cv, arb_t cu, const ntk_iter_problem_t pb,
                                 const arb_t qstar, const arb_t sigma_w2, const arb_t eps,
                                 const fmpz_t L, slong prec);

#endif
