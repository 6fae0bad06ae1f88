/*
 * The Monte Carlo driver: work items (sample group, sigma_w2) spread over
 * OpenMP threads (and MPI ranks, src/finite/mpi.c).  Each item sums its
 * group's samples in sample order into its own slot; the total adds the
 * groups in group order.  Nothing depends on who computed what.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "ntkdepth/finite.h"
#include "finite-impl.h"

#if NTK_HAVE_OPENBLAS_THREADS
void openblas_set_num_threads(int);
#endif

int
ntk_finite_have_openmp(void)
{
#ifdef _OPENMP
    return 1;
#else
    return 0;
#endif
}

void
ntk_finite_result_init(ntk_finite_result_t res, const ntk_finite_config_t cfg)
{
    memset(res, 0, sizeof(*res));
    res->nsigma = cfg->nsigma;
    res->ndepths = cfg->ndepths;
    res->nr = cfg->nr;
    res->samples = cfg->samples;
    res->ngroups = cfg->samples < NTK_FINITE_GROUPS ? cfg->samples : NTK_FINITE_GROUPS;
    if (res->ngroups < 1)
        res->ngroups = 1;
    res->size = cfg->nsigma * cfg->ndepths * cfg->nr * NTK_FINITE_NSTAT;
    res->group = calloc((size_t) (res->ngroups * res->size), sizeof(double));
    res->total = calloc((size_t) res->size, sizeof(double));
}

void
ntk_finite_result_clear(ntk_finite_result_t res)
{
    free(res->group);
    free(res->total);
    memset(res, 0, sizeof(*res));
}

static slong
group_lo(slong N, slong G, slong g)
{
    return (slong) (((__int128) N * g) / G);
}

slong
ntk_finite_group_size(const ntk_finite_result_t res, slong g)
{
    return group_lo(res->samples, res->ngroups, g + 1)
           - group_lo(res->samples, res->ngroups, g);
}

void
ntk_finite_result_total(ntk_finite_result_t res)
{
    for (slong i = 0; i < res->size; i++)
    {
        double s = 0;
        for (slong g = 0; g < res->ngroups; g++)
            s += res->group[g * res->size + i];
        res->total[i] = s;
    }
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

/* add one sample's NTK matrices to the group sums of sigma isig */
static void
accumulate(double *S, const double *K, const double *X, const ntk_finite_config_t cfg,
           slong isig)
{
    slong B = cfg->nr, nd = cfg->ndepths;
    for (slong id = 0; id < nd; id++)
    {
        const double *Kd = K + id * B * B;
        double *Sd = S + (isig * nd + id) * B * NTK_FINITE_NSTAT;
        for (slong ir = 0; ir < B; ir++)
        {
            double off = Kd[ir * B], diag = Kd[ir * B + ir];
            /* K(x,x) = 0 only for a dead ReLU network without bias
               gradients; then K(x, x_r) = 0 too: count the ratio as 0 */
            double ratio = Kd[0] != 0 ? off / Kd[0] : 0.0;
            double nrm = 0;
            const double *x = X + ir * cfg->n0;
            for (slong i = 0; i < cfg->n0; i++)
                nrm += x[i] * x[i];
            double *s = Sd + ir * NTK_FINITE_NSTAT;
            s[NTK_FINITE_S_OFF] += off;
            s[NTK_FINITE_S_OFF2] += off * off;
            s[NTK_FINITE_S_DIAG] += diag;
            s[NTK_FINITE_S_DIAG2] += diag * diag;
            s[NTK_FINITE_S_RATIO] += ratio;
            s[NTK_FINITE_S_RATIO2] += ratio * ratio;
            s[NTK_FINITE_S_NORM2] += nrm;
        }
    }
}

ntk_status
ntk_finite_run_part(ntk_finite_result_t res, const ntk_finite_config_t cfg,
                    int part, int nparts, int threads,
                    ntk_finite_progress_fn progress, void *data)
{
    ntk_status st = ntk_finite_config_check(cfg);
    slong nitems, G;
    double t0 = now(), flops = 0, total_work, done = 0;
    volatile int stop = 0;
    int failed = 0;

    if (st != NTK_SUCCESS)
        return st;
    if (res->group == NULL || res->total == NULL)
        return ntk_error_set(NTK_NOMEM, "out of memory (result of %ld doubles per group)",
                             (long) res->size);
#if NTK_HAVE_OPENBLAS_THREADS
    openblas_set_num_threads(1);   /* parallelism is ours: one BLAS thread per sample */
#endif
    G = res->ngroups;
    nitems = G * cfg->nsigma;
    total_work = (double) cfg->samples * cfg->nsigma / nparts;
#ifdef _OPENMP
    if (threads <= 0)
        threads = omp_get_max_threads();
#pragma omp parallel num_threads(threads) reduction(+ : flops)
#endif
    {
        ntk_finite_work w;
        double *K = malloc(sizeof(double) * cfg->ndepths * cfg->nr * cfg->nr);
        int ok = K != NULL && ntk_finite_work_init(&w, cfg) == NTK_SUCCESS;
        if (!ok)
        {
#ifdef _OPENMP
#pragma omp atomic write
#endif
            failed = 1;
        }
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
        for (slong it = 0; it < nitems; it++)
        {
            slong g = it / cfg->nsigma, isig = it % cfg->nsigma;
            int s_stop;
            if (it % nparts != part || !ok)
                continue;
#ifdef _OPENMP
#pragma omp atomic read
#endif
            s_stop = stop;
            if (s_stop)
                continue;
            double *S = res->group + g * res->size;
            slong lo = group_lo(cfg->samples, G, g), hi = group_lo(cfg->samples, G, g + 1);
            for (slong s = lo; s < hi; s++)
            {
                ntk_finite_sample_ntk_work(K, &w, cfg, isig, s, &flops);
                accumulate(S, K, w.X, cfg, isig);
            }
#ifdef _OPENMP
#pragma omp atomic update
#endif
            done += (double) (hi - lo);
            if (progress != NULL
#ifdef _OPENMP
                && omp_get_thread_num() == 0
#endif
               )
            {
                double d;
#ifdef _OPENMP
#pragma omp atomic read
#endif
                d = done;
                if (progress(data, d, total_work))
                {
#ifdef _OPENMP
#pragma omp atomic write
#endif
                    stop = 1;
                }
            }
        }
        if (ok)
            ntk_finite_work_clear(&w);
        free(K);
    }
    if (failed)
        return ntk_error_set(NTK_NOMEM, "out of memory (network workspace)");
    if (stop)
        return ntk_error_set(NTK_INTERRUPTED, "interrupted");
    ntk_finite_result_total(res);
    res->seconds = now() - t0;
    res->flops = flops;
    return NTK_SUCCESS;
}

ntk_status
ntk_finite_run(ntk_finite_result_t res, const ntk_finite_config_t cfg, int threads,
               ntk_finite_progress_fn progress, void *data)
{
    return ntk_finite_run_part(res, cfg, 0, 1, threads, progress, data);
}
