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

/* 1 if the ball x lies in (0, t0] certainly */
int ntk_jump_in_domain(const arb_t x, const mag_t t0);

/* the order N of the Abel model for t <= t0 at precision prec: the
   smallest with (t0/rho)^(N+2) < 2^-(prec+10), rho = 1/4, at least 8;
   0 if t0 > rho/8 (Lemma J4 needs t0 <= rho/8) */
slong ntk_jump_rl_order(const mag_t t0, slong prec);

/* Delta = b^2/(a^2 + b^2) of the ReLU-like activation of pb (exact) */
void ntk_jump_rl_delta(fmpq_t delta, const ntk_iter_problem_t pb);

/* smooth activations at q* on the EOC (jump_smooth.c, proofs/fatou.md J9-J11) */
int ntk_jump_smooth_applies(const ntk_iter_problem_t pb);
/* rows[i] for depths[i] > L0 from eps_L0, Theta12_L0 (balls), q*, sigma_w2;
   *order = N of the model */
ntk_status ntk_jump_smooth_rows(ntk_iter_row_struct *rows, slong *order,
                                const ntk_iter_problem_t pb, const fmpz *depths,
                                slong n, slong L0, const arb_t eps0,
                                const arb_t theta12, const arb_t qstar,
                                const arb_t sigma_w2, slong prec);

#endif
