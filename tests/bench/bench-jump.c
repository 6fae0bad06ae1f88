/*
 * Depth jump timing (issue 11 figures): the direct prefix to L0 = 10^4 and
 * the jump itself (Abel model, Cauchy bounds, interval Newton, NTK) to
 * L = 10^100, ReLU at its EOC, c0 = 1/2, at the digits given (default 30).
 * Prints the wall times of both parts and the certified digits of eps and
 * Theta12 at 10^100.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "ntkdepth.h"

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

int
main(int argc, char **argv)
{
    slong digits = argc > 1 ? atol(argv[1]) : 30, L0 = 10000;
    slong prec = ntk_digits_to_bits(digits) + FLINT_BIT_COUNT(L0) + 4;
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(1);
    ntk_jump_rl_t J;
    arb_t delta, t0b, U0, q1, t, U;
    mag_t t0;
    fmpz_t d;
    double a, b, c;
    slong N, wp;

    prec = ((prec + FLINT_BITS - 1) / FLINT_BITS) * FLINT_BITS;
    wp = prec + 16;
    ntk_iter_problem_init(pb);
    ntk_act_set_str(pb->act, "relu");
    pb->eoc = 1;
    fmpq_set_si(pb->c0, 1, 2);
    arb_init(delta); arb_init(t0b); arb_init(U0); arb_init(q1); arb_init(t); arb_init(U);
    mag_init(t0);
    fmpz_init(d);

    a = now();
    ntk_iter_run_prec(rows, NULL, pb, &L0, 1, NULL, prec);
    b = now();
    arb_mul_2exp_si(t0b, rows->eps, -1);
    arb_sqrt(t0b, t0b, wp);
    arb_set(U0, rows->theta12);
    arb_get_mag(t0, t0b);
    N = (slong) ((prec + 10) / (-2.0 - mag_get_d_log2_approx(t0))) + 1;
    arb_set_d(delta, 0.5);
    ntk_jump_rl_init(J, delta, N, wp);
    ntk_jump_rl_bound(J, t0, wp);
    fmpz_set_ui(d, 10);
    fmpz_pow_ui(d, d, 100);
    fmpz_sub_ui(d, d, L0);
    ntk_jump_rl_apply(t, U, J, t0b, U0, d, wp);
    c = now();
    arb_mul(t, t, t, prec);
    arb_mul_2exp_si(t, t, 1);
    printf("digits %ld, prec %ld, order %ld: prefix to 1e4 %.1f ms, jump to 1e100 %.1f ms; "
           "certified digits at 1e100: eps %.1f, Theta12 %.1f\n",
           (long) digits, (long) prec, (long) N, 1e3 * (b - a), 1e3 * (c - b),
           arb_rel_accuracy_bits(t) / 3.3219, arb_rel_accuracy_bits(U) / 3.3219);
    ntk_jump_rl_clear(J);
    arb_clear(delta); arb_clear(t0b); arb_clear(U0); arb_clear(q1); arb_clear(t); arb_clear(U);
    mag_clear(t0);
    fmpz_clear(d);
    ntk_iter_rows_clear(rows, 1);
    ntk_iter_problem_clear(pb);
    flint_cleanup();
    return 0;
}
