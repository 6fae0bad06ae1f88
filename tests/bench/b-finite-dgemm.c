/*
 * Practical BLAS peak for `ntkdepth finite`: GFLOP/s of one-threaded dgemm
 * (CPU time) for a large square product and for the shapes the sampler
 * uses (M x M times M x (11 * depths) in the batched backward pass, M x M
 * times M x 11 in the forward pass).  Usage: b-finite-dgemm [M]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cblas.h>

#if NTK_HAVE_OPENBLAS_THREADS
void openblas_set_num_threads(int);
#endif

static double
cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void
run(int m, int n, int k, double min_seconds)
{
    double *A = malloc(sizeof(double) * m * k), *B = malloc(sizeof(double) * k * n),
           *C = malloc(sizeof(double) * m * n), t0, t;
    long reps = 0;
    for (long i = 0; i < (long) m * k; i++) A[i] = 1e-3 * (i % 7);
    for (long i = 0; i < (long) k * n; i++) B[i] = 1e-3 * (i % 5);
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, m, n, k, 1, A, k, B, k, 0, C, m);
    t0 = cpu();
    do
    {
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, m, n, k, 1, A, k, B, k, 0, C, m);
        reps++;
        t = cpu() - t0;
    } while (t < min_seconds);
    printf("dgemm %5d x %5d x %5d: %6.2f GFLOP/s (one thread, CPU time)\n", m, n, k,
           2.0 * m * n * k * reps / t * 1e-9);
    free(A); free(B); free(C);
}

int
main(int argc, char **argv)
{
    int M = argc > 1 ? atoi(argv[1]) : 100;
#if NTK_HAVE_OPENBLAS_THREADS
    openblas_set_num_threads(1);
#endif
    run(2000, 2000, 2000, 2.0);
    run(M, 11 * 49, M, 1.0);
    run(M, 11 * 25, M, 1.0);
    run(M, 11, M, 1.0);
    run(11, 11, M, 1.0);
    return 0;
}
