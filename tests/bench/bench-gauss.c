/*
 * Benchmark of the gauss module (run by `meson benchmark`, not a test):
 * wall time per call of the main entry points, with the certified radius.
 *   build/tests/bench/bench-gauss [reps]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "ntkdepth.h"

/* CPU time of this process: the machine is shared, wall time is noisy */
static double
now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

static void
report(const char *what, double sec, int reps, const arb_t x)
{
    printf("%-48s %9.3f ms CPU/call   rel.acc %4ld bits   ", what,
           1e3 * sec / reps, (long) arb_rel_accuracy_bits(x));
    arb_printd(x, 20);
    printf("\n");
}

int
main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 10, i;
    ntk_act_t act;
    arb_t s11, s12, s22, r, q, eps;
    arb_ptr pr = _arb_vec_init(60);
    slong o00[2] = {0, 0};
    double t0;
    char buf[128];
    const char *smooth[] = {"tanh", "erf", "silu", "gelu"};
    int a;

    ntk_act_init(act);
    arb_init(s11); arb_init(s12); arb_init(s22); arb_init(r); arb_init(q);
    arb_init(eps);
    arb_set_d(s11, 1.3); arb_set_d(s12, 0.4); arb_set_d(s22, 0.7);
    arb_set_d(q, 0.8);

    for (a = 0; a < 4; a++)
    {
        ntk_act_set_str(act, smooth[a]);
        t0 = now();
        for (i = 0; i < reps; i++)
            ntk_gauss_expect2(r, act, 0, s11, s12, s22, 128);
        snprintf(buf, sizeof buf, "expect2 %s deriv 0, 128 bits", smooth[a]);
        report(buf, now() - t0, reps, r);
    }
    ntk_act_set_str(act, "tanh");
    t0 = now();
    for (i = 0; i < reps; i++)
        ntk_gauss_expect2(r, act, 1, s11, s12, s22, 128);
    report("expect2 tanh deriv 1, 128 bits", now() - t0, reps, r);
    t0 = now();
    for (i = 0; i < reps; i++)
        ntk_gauss_expect2(r, act, 0, s11, s12, s22, 256);
    report("expect2 tanh deriv 0, 256 bits", now() - t0, reps, r);
    t0 = now();
    for (i = 0; i < reps; i++)
        ntk_gauss_expect1(r, act, o00, 2, 0, q, 128);
    report("expect1 E[tanh^2], 128 bits", now() - t0, reps, r);
    t0 = now();
    ntk_gauss_price(pr, act, q, 60, 400);
    report("price tanh len 60, 400 bits (k = 59 shown)", now() - t0, 1, pr + 59);
    t0 = now();
    ntk_gauss_price(pr, act, q, 20, 128);
    report("price tanh len 20, 128 bits (k = 19 shown)", now() - t0, 1, pr + 19);
    arb_set_d(eps, 0.25);
    t0 = now();
    ntk_gauss_expect2_eps(r, act, q, eps, 128);
    report("expect2_eps tanh eps = 0.25, 128 bits", now() - t0, 1, r);
    arb_set_d(eps, 1e-6);
    t0 = now();
    ntk_gauss_expect2_eps(r, act, q, eps, 128);
    report("expect2_eps tanh eps = 1e-6, 128 bits", now() - t0, 1, r);

    ntk_act_set_str(act, "elu");
    t0 = now();
    ntk_gauss_expect2(r, act, 0, s11, s12, s22, 64);
    report("expect2 elu deriv 0, 64 bits (nested)", now() - t0, 1, r);
    arb_set_d(eps, 0.25);
    t0 = now();
    ntk_gauss_expect2_eps(r, act, q, eps, 64);
    report("expect2_eps elu eps = 0.25, 64 bits", now() - t0, 1, r);

    ntk_act_clear(act);
    arb_clear(s11); arb_clear(s12); arb_clear(s22); arb_clear(r); arb_clear(q);
    arb_clear(eps);
    _arb_vec_clear(pr, 60);
    flint_cleanup();
    return 0;
}
