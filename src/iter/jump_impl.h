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

#endif
