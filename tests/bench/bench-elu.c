/*
 * Benchmark of the ELU/SELU closed-form kernels (src/act/elu.c, owent.c):
 * CPU time per call with the certified relative accuracy.
 *   build/tests/bench/bench-elu [reps]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "ntkdepth.h"

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
    printf("%-44s %9.2f us CPU/call   rel.acc %4ld bits   ", what,
           1e6 * sec / reps, (long) arb_rel_accuracy_bits(x));
    arb_printd(x, 20);
    printf("\n");
}

int
main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 2000, i, a, k;
    const char *names[] = {"elu", "selu"};
    static const double epss[] = {1e-2, 1e-6, 1e-20};
    static const slong precs[] = {64, 128, 256};
    ntk_act_t act;
    arb_t s11, s12, s22, q, eps, r;
    char buf[128];
    double t0;

    ntk_act_init(act);
    arb_init(s11);
    arb_init(s12);
    arb_init(s22);
    arb_init(q);
    arb_init(eps);
    arb_init(r);
    for (a = 0; a < 2; a++)
    {
        ntk_act_set_str(act, names[a]);
        arb_set_d(q, 1.106930540346110);      /* about q* of elu, sigma_b = 0.2 */
        for (k = 0; k < 3; k++)
        {
            slong prec = precs[k];
            for (i = 0; i < 3; i++)
            {
                int d;
                arb_set_d(eps, epss[i]);
                for (d = 0; d < 2; d++)
                {
                    int j;
                    t0 = now();
                    for (j = 0; j < reps; j++)
                        ntk_act_kernel_closed_eps(r, act, d, q, eps, prec);
                    snprintf(buf, sizeof(buf), "%s eps form d%d eps=%g prec=%ld",
                             names[a], d, epss[i], (long) prec);
                    report(buf, now() - t0, reps, r);
                }
            }
        }
        arb_set_d(s11, 0.7);
        arb_set_d(s12, -0.3);
        arb_set_d(s22, 1.9);
        t0 = now();
        for (i = 0; i < reps / 10 + 1; i++)
            ntk_act_kernel_closed(r, act, 0, s11, s12, s22, 128);
        snprintf(buf, sizeof(buf), "%s general K0 (0.7, -0.3, 1.9) prec=128", names[a]);
        report(buf, now() - t0, reps / 10 + 1, r);
    }
    ntk_act_clear(act);
    arb_clear(s11);
    arb_clear(s12);
    arb_clear(s22);
    arb_clear(q);
    arb_clear(eps);
    arb_clear(r);
    flint_cleanup();
    return 0;
}
