/*
 * ELU depth jump timing (issue 11, proofs/fatou.md J13-J16): elu at its
 * EOC, sigma_b = 0.2, q1 = q*, c0 = 1/2; the direct prefix to L0 = 10^4,
 * the model (F_k series, Abel/NTK coefficients, Cauchy bounds) and the jump
 * to 10^9 and 10^100, at the digits given (default 10).  Prints the wall
 * times of the parts and the certified digits of eps and Theta12.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "ntkdepth.h"
#include "ntkdepth/jump.h"

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
    slong digits = argc > 1 ? atol(argv[1]) : 10, L0 = 10000, N, wp, prec;
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(1);
    ntk_iter_info_t info;
    ntk_jump_elu_t J;
    arb_t s0b, U0, s, U;
    mag_t s0;
    fmpz_t d;
    double a, b, c, e[2];
    double dig[2][2];

    ntk_iter_problem_init(pb);
    ntk_iter_info_init(info);
    ntk_act_set_str(pb->act, "elu");
    pb->eoc = 1;
    pb->q1_star = 1;
    fmpq_set_si(pb->sigma_b2, 1, 25);
    fmpq_set_si(pb->c0, 1, 2);
    arb_init(s0b); arb_init(U0); arb_init(s); arb_init(U);
    mag_init(s0);
    fmpz_init(d);

    /* the prefix as ntk_iter_run_deep runs it (src/iter/jump_run.c) */
    prec = ((ntk_digits_to_bits(digits) + FLINT_BIT_COUNT(L0) + 10 + 7) / 8) * 8;
    a = now();
    ntk_iter_run_prec(rows, info, pb, &L0, 1, NULL, prec);
    b = now();
    wp = prec + 16;
    arb_sqrt(s0b, rows->eps, wp);
    arb_div(U0, rows->theta12, info->q_star, wp);
    arb_get_mag(s0, s0b);
    N = (slong) ((prec + 10) / (-2.0 - mag_get_d_log2_approx(s0))) - 2;
    if (N < 8)
        N = 8;
    ntk_jump_elu_init(J, info->q_star, info->sigma_w2, N, wp);
    if (ntk_jump_elu_bound(J, s0, wp) != NTK_SUCCESS)
    {
        printf("bound failed: %s\n", ntk_error_last());
        return 1;
    }
    c = now();
    for (int i = 0; i < 2; i++)
    {
        double t = now();
        fmpz_set_ui(d, 10);
        fmpz_pow_ui(d, d, i == 0 ? 9 : 100);
        fmpz_sub_ui(d, d, L0);
        if (ntk_jump_elu_apply(s, U, J, s0b, U0, d, wp) != NTK_SUCCESS)
        {
            printf("jump failed: %s\n", ntk_error_last());
            return 1;
        }
        e[i] = now() - t;
        arb_mul(s, s, s, wp);
        dig[i][0] = arb_rel_accuracy_bits(s) / 3.3219;
        dig[i][1] = arb_rel_accuracy_bits(U) / 3.3219;
    }
    printf("digits %ld, prec %ld, order %ld: prefix to 1e4 %.0f ms, model + bounds %.0f ms, "
           "jump to 1e9 %.1f ms (certified digits eps %.1f, Theta12 %.1f), "
           "to 1e100 %.1f ms (%.1f, %.1f)\n",
           (long) digits, (long) prec, (long) N, 1e3 * (b - a), 1e3 * (c - b),
           1e3 * e[0], dig[0][0], dig[0][1], 1e3 * e[1], dig[1][0], dig[1][1]);
    ntk_jump_elu_clear(J);
    arb_clear(s0b); arb_clear(U0); arb_clear(s); arb_clear(U);
    mag_clear(s0);
    fmpz_clear(d);
    ntk_iter_rows_clear(rows, 1);
    ntk_iter_info_clear(info);
    ntk_iter_problem_clear(pb);
    flint_cleanup();
    return 0;
}
