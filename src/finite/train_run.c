/*
 * The training experiment of ntkdepth train (Seleznova & Kutyniok 2022,
 * claim K3): work items (sigma_w2, replicate) over OpenMP threads, each
 * trained with one BLAS thread, full batch, Adam; the NTK measured at the
 * configured steps.  Nothing depends on which thread ran which item.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include "ntkdepth/train.h"

#if NTK_HAVE_OPENBLAS_THREADS
void openblas_set_num_threads(int);
#endif

static const double paper_sigma_w2[3] = {1.0, 2.0, 2.2};
static const slong paper_measure[8] = {0, 1, 10, 100, 300, 1000, 2000, 3000};

void
ntk_train_config_init(ntk_train_config_t cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->width = 300;
    cfg->depth = 20;
    cfg->steps = 3000;
    cfg->lr = 1e-4;
    cfg->sigma_b2 = 0;
    cfg->seeds = 3;
    cfg->seed = 1;
    ntk_train_config_set_sigma_w2(cfg, paper_sigma_w2, 3);
    ntk_train_config_set_measure(cfg, paper_measure, 8);
}

void
ntk_train_config_quick(ntk_train_config_t cfg)
{
    cfg->width = 64;
    cfg->depth = 8;
    cfg->steps = 300;
    cfg->seeds = 3;
    ntk_train_config_set_sigma_w2(cfg, paper_sigma_w2, 3);
    ntk_train_config_set_measure(cfg, paper_measure, 8);
}

void
ntk_train_config_clear(ntk_train_config_t cfg)
{
    free(cfg->sigma_w2);
    free(cfg->measure);
    memset(cfg, 0, sizeof(*cfg));
}

ntk_status
ntk_train_config_set_sigma_w2(ntk_train_config_t cfg, const double *s, slong n)
{
    double *v = malloc(sizeof(double) * (n > 0 ? n : 1));
    if (v == NULL)
        return ntk_error_set(NTK_NOMEM, "out of memory");
    memcpy(v, s, sizeof(double) * n);
    free(cfg->sigma_w2);
    cfg->sigma_w2 = v;
    cfg->nsigma = n;
    return NTK_SUCCESS;
}

static int
cmp_slong(const void *a, const void *b)
{
    slong x = *(const slong *) a, y = *(const slong *) b;
    return x < y ? -1 : x > y;
}

ntk_status
ntk_train_config_set_measure(ntk_train_config_t cfg, const slong *m, slong n)
{
    slong *v = malloc(sizeof(slong) * (n + 2)), k = 0;
    if (v == NULL)
        return ntk_error_set(NTK_NOMEM, "out of memory");
    v[k++] = 0;
    v[k++] = cfg->steps;
    for (slong i = 0; i < n; i++)
        if (m[i] >= 0 && m[i] <= cfg->steps)
            v[k++] = m[i];
    qsort(v, (size_t) k, sizeof(slong), cmp_slong);
    slong u = 0;
    for (slong i = 0; i < k; i++)
        if (u == 0 || v[i] != v[u - 1])
            v[u++] = v[i];
    free(cfg->measure);
    cfg->measure = v;
    cfg->nmeasure = u;
    return NTK_SUCCESS;
}

ntk_status
ntk_train_config_check(const ntk_train_config_t cfg)
{
    if (cfg->width < 1)
        return ntk_error_set(NTK_DOMAIN, "width %ld: must be >= 1", (long) cfg->width);
    if (cfg->depth < 1)
        return ntk_error_set(NTK_DOMAIN, "depth %ld: must be >= 1", (long) cfg->depth);
    if (cfg->steps < 1)
        return ntk_error_set(NTK_DOMAIN, "steps %ld: must be >= 1", (long) cfg->steps);
    if (cfg->seeds < 1)
        return ntk_error_set(NTK_DOMAIN, "seeds %ld: must be >= 1", (long) cfg->seeds);
    if (!(cfg->lr > 0) || !isfinite(cfg->lr))
        return ntk_error_set(NTK_DOMAIN, "learning rate %g: must be > 0", cfg->lr);
    if (cfg->nsigma < 1)
        return ntk_error_set(NTK_DOMAIN, "sigma_w2: an empty list");
    for (slong i = 0; i < cfg->nsigma; i++)
        if (!(cfg->sigma_w2[i] > 0) || !isfinite(cfg->sigma_w2[i]))
            return ntk_error_set(NTK_DOMAIN, "sigma_w2 = %g: must be > 0", cfg->sigma_w2[i]);
    if (!(cfg->sigma_b2 >= 0) || !isfinite(cfg->sigma_b2))
        return ntk_error_set(NTK_DOMAIN, "sigma_b2 = %g: must be >= 0", cfg->sigma_b2);
    if (cfg->nmeasure < 1 || cfg->measure[0] != 0)
        return ntk_error_set(NTK_DOMAIN, "measure steps: must start at 0");
    for (slong i = 0; i < cfg->nmeasure; i++)
        if (cfg->measure[i] > cfg->steps || (i > 0 && cfg->measure[i] <= cfg->measure[i - 1]))
            return ntk_error_set(NTK_DOMAIN, "measure step %ld: the list must increase "
                                 "within 0..steps = %ld", (long) cfg->measure[i],
                                 (long) cfg->steps);
    return NTK_SUCCESS;
}

ntk_status
ntk_train_result_init(ntk_train_result_t res, const ntk_train_config_t cfg)
{
    size_t n = (size_t) (cfg->nsigma * cfg->seeds * cfg->nmeasure);
    memset(res, 0, sizeof(*res));
    res->nsigma = cfg->nsigma;
    res->seeds = cfg->seeds;
    res->nmeasure = cfg->nmeasure;
    res->loss = malloc(sizeof(double) * n);
    res->relchange = malloc(sizeof(double) * n);
    res->within = malloc(sizeof(double) * n);
    res->off = malloc(sizeof(double) * n);
    res->k0diag = malloc(sizeof(double) * n);
    res->diverged = malloc(sizeof(slong) * (size_t) (cfg->nsigma * cfg->seeds));
    if (!res->loss || !res->relchange || !res->within || !res->off || !res->k0diag
        || !res->diverged)
    {
        ntk_train_result_clear(res);
        return ntk_error_set(NTK_NOMEM, "out of memory (training result)");
    }
    for (size_t i = 0; i < n; i++)
        res->loss[i] = res->relchange[i] = res->within[i] = res->off[i] = res->k0diag[i] = NAN;
    for (slong i = 0; i < cfg->nsigma * cfg->seeds; i++)
        res->diverged[i] = -1;
    return NTK_SUCCESS;
}

void
ntk_train_result_clear(ntk_train_result_t res)
{
    free(res->loss);
    free(res->relchange);
    free(res->within);
    free(res->off);
    free(res->k0diag);
    free(res->diverged);
    memset(res, 0, sizeof(*res));
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

typedef struct
{
    volatile int *stop;
    double *done;
    double total;
    ntk_finite_progress_fn progress;
    void *pdata;
} prog_t;

static void
tick(prog_t *p, double amount)
{
    double d;
    int s;
#ifdef _OPENMP
#pragma omp atomic update
#endif
    *p->done += amount;
    if (p->progress == NULL)
        return;
#ifdef _OPENMP
    if (omp_get_thread_num() != 0)
        return;
#pragma omp atomic read
#endif
    d = *p->done;
    s = p->progress(p->pdata, d, p->total);
    if (s)
    {
#ifdef _OPENMP
#pragma omp atomic write
#endif
        *p->stop = 1;
    }
}

/* one work item: train (sigma isig, replicate rep), fill its result slots */
static ntk_status
train_one(ntk_train_result_t res, const ntk_train_config_t cfg, const ntk_train_data_t data,
          slong isig, slong rep, prog_t *pg, double *flops)
{
    ntk_train_net_t net;
    ntk_train_work_t w;
    ntk_train_adam_t opt;
    ntk_status st;
    slong B = data->N, im = 0, slot = isig * cfg->seeds + rep;
    double *grad = NULL, *K0 = NULL, *K = NULL, since = 0;
    int have_w = 0, have_opt = 0;

    if ((st = ntk_train_net_init(net, data->n0, cfg->width, cfg->depth, data->nclass)) != NTK_SUCCESS)
        return st;
    if ((st = ntk_train_net_draw(net, cfg->sigma_w2[isig], cfg->sigma_b2, cfg->seed, rep)) != NTK_SUCCESS)
        goto cleanup;
    if ((st = ntk_train_work_init(w, net, B)) != NTK_SUCCESS)
        goto cleanup;
    have_w = 1;
    if ((st = ntk_train_adam_init(opt, net->nparams, cfg->lr)) != NTK_SUCCESS)
        goto cleanup;
    have_opt = 1;
    grad = malloc(sizeof(double) * net->nparams);
    K0 = malloc(sizeof(double) * B * B);
    K = malloc(sizeof(double) * B * B);
    if (!grad || !K0 || !K)
    {
        st = ntk_error_set(NTK_NOMEM, "out of memory (training buffers)");
        goto cleanup;
    }
    for (slong t = 0; t <= cfg->steps; t++)
    {
        int s_stop;
        double loss = ntk_train_loss_grad(t < cfg->steps ? grad : NULL, w, net, data->X,
                                          data->Y, B);
        if (!isfinite(loss))
        {
            res->diverged[slot] = t;
            break;
        }
        if (im < cfg->nmeasure && cfg->measure[im] == t)
        {
            slong idx = slot * cfg->nmeasure + im;
            double blk[2], diag = 0;
            if ((st = ntk_train_ntk(t == 0 ? K0 : K, net, data->X, B, flops)) != NTK_SUCCESS)
                goto cleanup;
            const double *Kt = t == 0 ? K0 : K;
            for (slong j = 0; j < B; j++)
                diag += Kt[j * B + j];
            ntk_train_ntk_blocks(blk, Kt, data->labels, B);
            res->loss[idx] = loss;
            res->relchange[idx] = t == 0 ? 0.0 : ntk_train_ntk_relchange(K, K0, B);
            res->within[idx] = blk[0];
            res->off[idx] = blk[1];
            res->k0diag[idx] = diag / B;
            if (!isfinite(res->relchange[idx]) || !isfinite(blk[0]) || !isfinite(blk[1]))
            {
                /* the NTK overflowed although the loss did not: divergence too */
                res->loss[idx] = res->relchange[idx] = res->within[idx] = res->off[idx] = NAN;
                res->diverged[slot] = t;
                break;
            }
            im++;
        }
        if (t == cfg->steps)
            break;
        ntk_train_adam_step(net->theta, opt, grad);
        since += 1;
        if (since >= 10)
        {
            tick(pg, since);
            since = 0;
        }
#ifdef _OPENMP
#pragma omp atomic read
#endif
        s_stop = *pg->stop;
        if (s_stop)
        {
            st = ntk_error_set(NTK_INTERRUPTED, "interrupted");
            goto cleanup;
        }
    }
    tick(pg, since);
cleanup:
    *flops += have_w ? w->flops : 0;
    free(grad);
    free(K0);
    free(K);
    if (have_opt)
        ntk_train_adam_clear(opt);
    if (have_w)
        ntk_train_work_clear(w);
    ntk_train_net_clear(net);
    return st;
}

ntk_status
ntk_train_run(ntk_train_result_t res, const ntk_train_config_t cfg, const ntk_train_data_t data,
              int threads, ntk_finite_progress_fn progress, void *pdata)
{
    ntk_status st = ntk_train_config_check(cfg), first_err = NTK_SUCCESS;
    slong nitems = cfg->nsigma * cfg->seeds;
    double t0 = now(), flops = 0, done = 0;
    volatile int stop = 0;
    char msg[256] = "";
    prog_t pg;

    if (st != NTK_SUCCESS)
        return st;
    if (res->loss == NULL || res->nsigma != cfg->nsigma || res->seeds != cfg->seeds
        || res->nmeasure != cfg->nmeasure)
        return ntk_error_set(NTK_DOMAIN, "training result not initialized for this configuration");
    pg.stop = &stop;
    pg.done = &done;
    pg.total = (double) cfg->steps * nitems;
    pg.progress = progress;
    pg.pdata = pdata;
#if NTK_HAVE_OPENBLAS_THREADS
    openblas_set_num_threads(1);   /* parallelism is ours: one BLAS thread per item */
#endif
#ifdef _OPENMP
    if (threads <= 0)
        threads = omp_get_max_threads();
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1) reduction(+ : flops)
#endif
    for (slong it = 0; it < nitems; it++)
    {
        double fl = 0;
        ntk_status s = train_one(res, cfg, data, it / cfg->seeds, it % cfg->seeds, &pg, &fl);
        flops += fl;
        if (s != NTK_SUCCESS)
        {
#ifdef _OPENMP
#pragma omp critical(ntk_train_err)
#endif
            if (first_err == NTK_SUCCESS)
            {
                first_err = s;
                snprintf(msg, sizeof(msg), "%s", ntk_error_last());
            }
        }
    }
    (void) threads;
    res->seconds = now() - t0;
    res->flops = flops;
    if (first_err != NTK_SUCCESS)
        return ntk_error_set(first_err, "%s", msg);
    return NTK_SUCCESS;
}

ntk_finite_est
ntk_train_result_mean(const ntk_train_result_t res, const double *field, slong isig,
                      slong im, slong *n)
{
    ntk_finite_est e;
    double s = 0, s2 = 0;
    slong k = 0;
    for (slong r = 0; r < res->seeds; r++)
    {
        double v = field[(isig * res->seeds + r) * res->nmeasure + im];
        if (isfinite(v))
        {
            s += v;
            k++;
        }
    }
    if (n)
        *n = k;
    if (k == 0)
    {
        e.est = e.err = NAN;
        return e;
    }
    e.est = s / k;
    for (slong r = 0; r < res->seeds; r++)
    {
        double v = field[(isig * res->seeds + r) * res->nmeasure + im];
        if (isfinite(v))
            s2 += (v - e.est) * (v - e.est);
    }
    e.err = k >= 2 ? sqrt(s2 / (k - 1) / k) : NAN;
    return e;
}
