/* Shared helpers of the iter tests. */
#ifndef NTK_ITER_TEST_H
#define NTK_ITER_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "ntkdepth.h"
#include "../../src/iter/iter_impl.h"

/* a x + b |x| with exact rationals an/ad, bn/bd */
static inline void
set_relulike(ntk_act_t act, slong an, slong ad, slong bn, slong bd)
{
    act->kind = NTK_ACT_RELULIKE;
    snprintf(act->name, NTK_ACT_NAME_MAX, "relulike:%ld/%ld,%ld/%ld",
             (long) an, (long) ad, (long) bn, (long) bd);
    fmpq_set_si(act->a, an, ad);
    fmpq_set_si(act->b, bn, bd);
}

/* ReLU-like problem at the EOC (sigma_w2 = 1/(a^2 + b^2)), sigma_b = 0 */
static inline void
relulike_eoc_problem(ntk_iter_problem_t pb, slong an, slong ad, slong bn, slong bd,
                     slong q1n, slong q1d, slong c0n, slong c0d)
{
    set_relulike(pb->act, an, ad, bn, bd);
    pb->eoc = 1;
    fmpq_zero(pb->sigma_b2);
    fmpq_set_si(pb->q1, q1n, q1d);
    fmpq_set_si(pb->c0, c0n, c0d);
}

#endif
