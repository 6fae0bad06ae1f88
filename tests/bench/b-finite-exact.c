/*
 * Benchmark of the exact finite-width moments (proofs/finite-width.md
 * section 7): (1) the paper's grid, 16 sigma_w2 x depths 1..49, M = n0 =
 * 100; (2) lambda = L/M up to 2 at M = 400 (depths 1..800), 16 sigma_w2;
 * (3) the K1 grid of the claim (M = 25, 50, 100, 400, lambda <= 2).
 * Wall times on stdout; the targets are <= 1 s and <= 10 s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "ntkdepth/finite.h"

static const char *sig[16] = {"0.5", "0.8", "1.0", "1.2", "1.4", "1.5", "1.6", "1.7",
                              "1.8", "1.9", "2.0", "2.1", "2.2", "2.5", "3.0", "3.5"};

static double
now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static double
grid(slong M, slong Lmax, slong prec, double *minacc)
{
    slong *w = malloc(sizeof(slong) * Lmax);
    arb_ptr EK = _arb_vec_init(Lmax), EK2 = _arb_vec_init(Lmax), D = _arb_vec_init(Lmax);
    arb_t s, one;
    double t0 = now();
    arb_init(s);
    arb_init(one);
    arb_one(one);
    *minacc = 1e9;
    for (slong l = 0; l < Lmax; l++)
        w[l] = M;
    for (int i = 0; i < 16; i++)
    {
        arb_set_str(s, sig[i], prec);
        ntk_finite_exact_moments(EK, EK2, D, Lmax, M, w, s, one, NTK_FINITE_PARAM_STANDARD, one, prec);
        for (slong l = 0; l < Lmax; l++)
            if (arb_rel_accuracy_bits(D + l) < *minacc)
                *minacc = arb_rel_accuracy_bits(D + l);
    }
    t0 = now() - t0;
    _arb_vec_clear(EK, Lmax); _arb_vec_clear(EK2, Lmax); _arb_vec_clear(D, Lmax);
    arb_clear(s); arb_clear(one);
    free(w);
    return t0;
}

int
main(void)
{
    double acc, t;
    t = grid(100, 49, 128, &acc);
    printf("exact moments, paper grid 16 sigma x depths 1..49, M = n0 = 100: %.4f s "
           "(min accuracy %.0f bits)\n", t, acc);
    t = grid(400, 800, 128, &acc);
    printf("exact moments, 16 sigma x depths 1..800 (lambda <= 2), M = n0 = 400: %.4f s "
           "(min accuracy %.0f bits)\n", t, acc);
    {
        static const slong Ms[4] = {25, 50, 100, 400};
        double t0 = now();
        for (int m = 0; m < 4; m++)
            grid(Ms[m], 2 * Ms[m], 128, &acc);
        printf("exact moments, K1 grid (M = 25, 50, 100, 400; lambda <= 2; 16 sigma): %.4f s\n",
               now() - t0);
    }
    flint_cleanup();
    return 0;
}
