/*
 * A trainable finite network (ntkdepth/train.h): parameters as one vector,
 * its initial draw (the Philox streams of src/finite/ntk.c), the batched
 * forward pass, the squared loss with its exact gradient by the backward
 * pass (BLAS dgemm), and Adam written out plainly.
 * proofs/finite-width.md, Lemma T1 (the gradient formulas).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cblas.h>
#include "ntkdepth/train.h"

/* stream kinds of src/finite/ntk.c (upper 32 bits of the stream word) */
enum { ST_BIAS = 2, ST_READOUT = 3 };

slong
ntk_train_net_width(const ntk_train_net_t net, slong l)
{
    return l == 0 ? net->n0 : l <= net->depth ? net->width : net->nout;
}

ntk_status
ntk_train_net_init(ntk_train_net_t net, slong n0, slong width, slong depth, slong nout)
{
    memset(net, 0, sizeof(*net));
    if (n0 < 1 || width < 1 || depth < 1 || nout < 1)
        return ntk_error_set(NTK_DOMAIN, "network sizes n0 = %ld, width = %ld, depth = %ld, "
                             "nout = %ld: each must be >= 1", (long) n0, (long) width,
                             (long) depth, (long) nout);
    net->n0 = n0;
    net->width = width;
    net->depth = depth;
    net->nout = nout;
    ntk_finite_act_set_str(net->act, "relu");
    net->woff = malloc(sizeof(slong) * (depth + 2));
    net->boff = malloc(sizeof(slong) * (depth + 2));
    if (net->woff == NULL || net->boff == NULL)
        goto nomem;
    slong off = 0;
    net->woff[0] = net->boff[0] = 0;
    for (slong l = 1; l <= depth + 1; l++)
    {
        slong nin = ntk_train_net_width(net, l - 1), nl = ntk_train_net_width(net, l);
        net->woff[l] = off;
        off += nl * nin;
        net->boff[l] = off;
        off += nl;
    }
    net->nparams = off;
    net->theta = calloc((size_t) off, sizeof(double));
    if (net->theta == NULL)
        goto nomem;
    return NTK_SUCCESS;
nomem:
    ntk_train_net_clear(net);
    return ntk_error_set(NTK_NOMEM, "out of memory (network of width %ld, depth %ld)",
                         (long) width, (long) depth);
}

void
ntk_train_net_clear(ntk_train_net_t net)
{
    free(net->woff);
    free(net->boff);
    free(net->theta);
    memset(net, 0, sizeof(*net));
}

ntk_status
ntk_train_net_draw(ntk_train_net_t net, double sigma_w2, double sigma_b2, uint64_t seed,
                   slong rep)
{
    ntk_finite_config_t cfg;
    ntk_status st = NTK_SUCCESS;
    slong L = net->depth, nL = net->width, nout = net->nout;
    uint64_t key[2] = {seed, (uint64_t) rep}, tag;
    double *u = NULL;

    if (!(sigma_w2 > 0) || !isfinite(sigma_w2))
        return ntk_error_set(NTK_DOMAIN, "sigma_w2 = %g: must be > 0", sigma_w2);
    if (!(sigma_b2 >= 0) || !isfinite(sigma_b2))
        return ntk_error_set(NTK_DOMAIN, "sigma_b2 = %g: must be >= 0", sigma_b2);
    if (rep < 0)
        return ntk_error_set(NTK_DOMAIN, "replicate %ld: must be >= 0", (long) rep);
    /* the finite sampler's configuration of this network: its draw
       functions give W^1..W^L and b^1..b^L of sample `rep` */
    ntk_finite_config_init(cfg);
    cfg->n0 = net->n0;
    cfg->seed = seed;
    cfg->sigma_b2 = sigma_b2;
    if (ntk_finite_config_set_depths(cfg, &L, 1) != NTK_SUCCESS
        || ntk_finite_config_set_width(cfg, nL) != NTK_SUCCESS
        || ntk_finite_config_set_sigma_w2(cfg, &sigma_w2, 1) != NTK_SUCCESS
        || (u = malloc(sizeof(double) * nout * nL)) == NULL)
    {
        st = ntk_error_set(NTK_NOMEM, "out of memory (initial draw)");
        goto cleanup;
    }
    for (slong l = 1; l <= L; l++)
    {
        ntk_finite_draw_weights(net->theta + net->woff[l], cfg, 0, rep, l);
        ntk_finite_draw_bias(net->theta + net->boff[l], cfg, 0, rep, l);
    }
    /* readout: row k = normals k nL .. (k+1) nL - 1 of the readout stream
       (row 0 is ntk_finite_draw_readout); column-major nout x nL */
    memcpy(&tag, &sigma_w2, sizeof(tag));
    ntk_finite_normals(u, nout * nL, sqrt(sigma_w2 / nL), key,
                       ((uint64_t) ST_READOUT << 32) | (uint64_t) L, tag);
    for (slong k = 0; k < nout; k++)
        for (slong i = 0; i < nL; i++)
            net->theta[net->woff[L + 1] + i * nout + k] = u[k * nL + i];
    if (sigma_b2 > 0)
        ntk_finite_normals(net->theta + net->boff[L + 1], nout, sqrt(sigma_b2), key,
                           ((uint64_t) ST_BIAS << 32) | (uint64_t) (L + 1), tag);
    else
        memset(net->theta + net->boff[L + 1], 0, sizeof(double) * nout);
cleanup:
    free(u);
    ntk_finite_config_clear(cfg);
    return st;
}

/* ---------------------------------------------------------- workspace */

ntk_status
ntk_train_work_init(ntk_train_work_t w, const ntk_train_net_t net, slong B)
{
    slong L = net->depth, nh = 0, nmax = net->n0;
    memset(w, 0, sizeof(*w));
    if (B < 1)
        return ntk_error_set(NTK_DOMAIN, "batch size %ld: must be >= 1", (long) B);
    w->B = B;
    w->hoff = malloc(sizeof(slong) * (L + 2));
    if (w->hoff == NULL)
        goto nomem;
    for (slong l = 1; l <= L + 1; l++)
    {
        slong n = ntk_train_net_width(net, l);
        w->hoff[l] = nh;
        nh += n;
        if (n > nmax)
            nmax = n;
    }
    w->hoff[0] = 0;
    w->H = malloc(sizeof(double) * nmax * B);
    w->D = malloc(sizeof(double) * nh * B);
    w->A = malloc(sizeof(double) * nh * B);
    w->F = malloc(sizeof(double) * net->nout * B);
    w->G[0] = malloc(sizeof(double) * nmax * B);
    w->G[1] = malloc(sizeof(double) * nmax * B);
    if (!w->H || !w->D || !w->A || !w->F || !w->G[0] || !w->G[1])
        goto nomem;
    return NTK_SUCCESS;
nomem:
    ntk_train_work_clear(w);
    return ntk_error_set(NTK_NOMEM, "out of memory (training workspace, batch %ld)", (long) B);
}

void
ntk_train_work_clear(ntk_train_work_t w)
{
    free(w->H);
    free(w->D);
    free(w->A);
    free(w->F);
    free(w->G[0]);
    free(w->G[1]);
    free(w->hoff);
    memset(w, 0, sizeof(*w));
}

/* ------------------------------------------------------------ forward */

void
ntk_train_forward(ntk_train_work_t w, const ntk_train_net_t net, const double *X, slong B)
{
    slong L = net->depth;
    for (slong l = 1; l <= L + 1; l++)
    {
        slong nin = ntk_train_net_width(net, l - 1), n = ntk_train_net_width(net, l);
        const double *W = net->theta + net->woff[l], *b = net->theta + net->boff[l];
        const double *Ain = l == 1 ? X : w->A + w->hoff[l - 1] * B;
        double *H = l <= L ? w->H : w->F;
        for (slong j = 0; j < B; j++)
            memcpy(H + j * n, b, sizeof(double) * n);
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int) n, (int) B, (int) nin,
                    1.0, W, (int) n, Ain, (int) nin, 1.0, H, (int) n);
        w->flops += 2.0 * n * nin * B;
        if (l <= L)
            ntk_finite_act_eval(w->A + w->hoff[l] * B, w->D + w->hoff[l] * B, H, n * B,
                                net->act);
    }
}

/* ----------------------------------------------------- loss, gradient */

double
ntk_train_loss_grad(double *grad, ntk_train_work_t w, const ntk_train_net_t net,
                    const double *X, const double *Y, slong B)
{
    slong L = net->depth, nout = net->nout, cur = 0;
    double loss = 0, scale = 1.0 / ((double) B * nout);

    ntk_train_forward(w, net, X, B);
    /* G^{L+1} = d loss / d f = 2 (f - y) / (B nout) */
    for (slong i = 0; i < nout * B; i++)
    {
        double r = w->F[i] - Y[i];
        loss += r * r;
        w->G[0][i] = 2.0 * scale * r;
    }
    loss *= scale;
    if (grad == NULL)
        return loss;
    /* Lemma T1: dW^l = G^l (a^{l-1})^T, db^l = G^l 1,
       G^{l-1} = phi'(h^{l-1}) o (W^l)^T G^l */
    for (slong l = L + 1; l >= 1; l--)
    {
        slong nin = ntk_train_net_width(net, l - 1), n = ntk_train_net_width(net, l);
        const double *Ain = l == 1 ? X : w->A + w->hoff[l - 1] * B;
        const double *G = w->G[cur];
        double *gW = grad + net->woff[l], *gb = grad + net->boff[l];
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, (int) n, (int) nin, (int) B,
                    1.0, G, (int) n, Ain, (int) nin, 0.0, gW, (int) n);
        w->flops += 2.0 * n * nin * B;
        for (slong i = 0; i < n; i++)
            gb[i] = 0;
        for (slong j = 0; j < B; j++)
            for (slong i = 0; i < n; i++)
                gb[i] += G[j * n + i];
        if (l > 1)
        {
            double *Gn = w->G[cur ^ 1];
            const double *D = w->D + w->hoff[l - 1] * B;
            cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int) nin, (int) B, (int) n,
                        1.0, net->theta + net->woff[l], (int) n, G, (int) n, 0.0, Gn, (int) nin);
            w->flops += 2.0 * n * nin * B;
            for (slong i = 0; i < nin * B; i++)
                Gn[i] *= D[i];
            cur ^= 1;
        }
    }
    return loss;
}

/* --------------------------------------------------------------- Adam */

ntk_status
ntk_train_adam_init(ntk_train_adam_t opt, slong n, double lr)
{
    memset(opt, 0, sizeof(*opt));
    if (!(lr > 0) || !isfinite(lr))
        return ntk_error_set(NTK_DOMAIN, "learning rate %g: must be > 0", lr);
    opt->n = n;
    opt->lr = lr;
    opt->beta1 = 0.9;
    opt->beta2 = 0.999;
    opt->eps = 1e-8;
    opt->m = calloc((size_t) (n > 0 ? n : 1), sizeof(double));
    opt->v = calloc((size_t) (n > 0 ? n : 1), sizeof(double));
    if (opt->m == NULL || opt->v == NULL)
    {
        ntk_train_adam_clear(opt);
        return ntk_error_set(NTK_NOMEM, "out of memory (Adam moments of %ld parameters)", (long) n);
    }
    return NTK_SUCCESS;
}

void
ntk_train_adam_clear(ntk_train_adam_t opt)
{
    free(opt->m);
    free(opt->v);
    memset(opt, 0, sizeof(*opt));
}

/* the update loop: memory-bound (theta, m, v, g streamed once); one sqrt
   and one division per parameter, vectorized where the compiler can
   (AVX2 clone on x86-64 GCC, chosen at load time) */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("avx2", "default")))
#endif
static void
adam_loop(double *restrict theta, double *restrict mv, double *restrict vv,
          const double *restrict g, slong n, double b1, double b2, double step, double eps_hat)
{
#ifdef _OPENMP
#pragma omp simd
#endif
    for (slong i = 0; i < n; i++)
    {
        double m = b1 * mv[i] + (1.0 - b1) * g[i];
        double v = b2 * vv[i] + (1.0 - b2) * g[i] * g[i];
        mv[i] = m;
        vv[i] = v;
        theta[i] -= step * m / (sqrt(v) + eps_hat);
    }
}

void
ntk_train_adam_step(double *theta, ntk_train_adam_t opt, const double *g)
{
    double c1, c2;
    opt->t++;
    c1 = 1.0 - pow(opt->beta1, (double) opt->t);
    c2 = 1.0 - pow(opt->beta2, (double) opt->t);
    /* lr (m/c1) / (sqrt(v/c2) + eps) = (lr sqrt(c2)/c1) m / (sqrt(v) + eps sqrt(c2)),
       the same number up to rounding */
    adam_loop(theta, opt->m, opt->v, g, opt->n, opt->beta1, opt->beta2,
              opt->lr * sqrt(c2) / c1, opt->eps * sqrt(c2));
}
