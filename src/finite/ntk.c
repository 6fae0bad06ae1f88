/*
 * One sampled network and its exact empirical NTK for every configured
 * depth: one forward pass through the deepest network, then one batched
 * backward pass that carries the gradients of all depths at once
 * (per-layer Gram matrices; no Jacobian is formed).  BLAS dgemm does the
 * matrix work.  proofs/finite-width.md, Lemma F1 (the per-layer formula).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cblas.h>
#include "ntkdepth/finite.h"
#include "finite-impl.h"

/* stream kinds (upper 32 bits of the stream word) */
enum { ST_WEIGHT = 1, ST_BIAS = 2, ST_READOUT = 3, ST_INPUT = 4 };

static void
make_key(uint64_t key[2], const ntk_finite_config_t cfg, slong sample)
{
    key[0] = cfg->seed;
    key[1] = (uint64_t) sample;
}

static uint64_t
tag_of(const ntk_finite_config_t cfg, slong isig)
{
    uint64_t t;
    double s = cfg->sigma_w2[isig];
    memcpy(&t, &s, sizeof(t));
    return t;
}

slong
ntk_finite_width(const ntk_finite_config_t cfg, slong l)
{
    return l == 0 ? cfg->n0 : cfg->widths[l - 1];
}

void
ntk_finite_draw_weights(double *W, const ntk_finite_config_t cfg, slong isig,
                        slong sample, slong l)
{
    uint64_t key[2];
    slong nin = ntk_finite_width(cfg, l - 1), nout = ntk_finite_width(cfg, l);
    make_key(key, cfg, sample);
    ntk_finite_normals(W, nin * nout, sqrt(cfg->sigma_w2[isig] / nin), key,
                       ((uint64_t) ST_WEIGHT << 32) | (uint64_t) l, tag_of(cfg, isig));
}

void
ntk_finite_draw_bias(double *b, const ntk_finite_config_t cfg, slong isig,
                     slong sample, slong l)
{
    uint64_t key[2];
    slong n = ntk_finite_width(cfg, l);
    if (cfg->sigma_b2 == 0 || cfg->init == NTK_FINITE_INIT_HE)
    {
        memset(b, 0, sizeof(double) * n);
        return;
    }
    make_key(key, cfg, sample);
    ntk_finite_normals(b, n, sqrt(cfg->sigma_b2), key,
                       ((uint64_t) ST_BIAS << 32) | (uint64_t) l, tag_of(cfg, isig));
}

void
ntk_finite_draw_readout(double *u, const ntk_finite_config_t cfg, slong isig,
                        slong sample, slong L)
{
    uint64_t key[2];
    slong n = ntk_finite_width(cfg, L);
    make_key(key, cfg, sample);
    ntk_finite_normals(u, n, sqrt(cfg->sigma_w2[isig] / n), key,
                       ((uint64_t) ST_READOUT << 32) | (uint64_t) L, tag_of(cfg, isig));
}

void
ntk_finite_draw_inputs(double *X, const ntk_finite_config_t cfg, slong isig,
                       slong sample)
{
    uint64_t key[2];
    slong n0 = cfg->n0;
    double *xy = malloc(sizeof(double) * 2 * n0), nx = 0, ny = 0;
    if (xy == NULL)
    {
        for (slong i = 0; i < n0 * cfg->nr; i++)
            X[i] = NAN;   /* out of memory: poison, never silently wrong */
        return;
    }
    make_key(key, cfg, sample);
    ntk_finite_normals(xy, 2 * n0, 1.0, key, (uint64_t) ST_INPUT << 32, tag_of(cfg, isig));
    for (slong i = 0; i < n0; i++)
    {
        nx += xy[i] * xy[i];
        ny += xy[n0 + i] * xy[n0 + i];
    }
    nx = 1 / sqrt(nx);
    ny = 1 / sqrt(ny);
    for (slong k = 0; k < cfg->nr; k++)
    {
        double r = cfg->r[k], s = sqrt(1 - r * r);
        for (slong i = 0; i < n0; i++)
            X[k * n0 + i] = r * (xy[i] * nx) + s * (xy[n0 + i] * ny);
    }
    free(xy);
}

void
ntk_finite_layer_scales(double *alpha, double *beta, const ntk_finite_config_t cfg,
                        slong isig, slong l, slong L)
{
    double s = cfg->sigma_w2[isig];
    slong nin = ntk_finite_width(cfg, l - 1);
    (void) L;
    if (cfg->init == NTK_FINITE_INIT_HE)
    {
        *alpha = s / nin;
        *beta = 1;
    }
    else if (cfg->param == NTK_FINITE_PARAM_NTK)
    {
        *alpha = s / nin;
        *beta = cfg->sigma_b2;
    }
    else
    {
        *alpha = 1;
        *beta = 1;
    }
}

/* ---- workspace ---- */

void
ntk_finite_work_clear(ntk_finite_work *w)
{
    free(w->buf);
    free(w->woff);
    memset(w, 0, sizeof(*w));
}

ntk_status
ntk_finite_work_init(ntk_finite_work *w, const ntk_finite_config_t cfg)
{
    slong Lmax = cfg->depths[cfg->ndepths - 1], B = cfg->nr, nmax = cfg->n0;
    slong nw = 0, nh = 0, off = 0;
    memset(w, 0, sizeof(*w));
    for (slong l = 1; l <= Lmax; l++)
    {
        slong n = ntk_finite_width(cfg, l);
        nw += n * ntk_finite_width(cfg, l - 1);
        nh += n;
        if (n > nmax)
            nmax = n;
    }
    w->Lmax = Lmax;
    w->nmax = nmax;
    /* W: nw; H, D, A: nh*B each; bias: nh; X: n0*B; Ga: (Lmax+1)*B*B;
       two Delta buffers: nmax*B*ndepths each; u: nmax; G: B*B */
    slong total = nw + 3 * nh * B + nh + cfg->n0 * B + (Lmax + 1) * B * B
                  + 2 * nmax * B * cfg->ndepths + nmax + B * B;
    w->buf = malloc(sizeof(double) * total);
    w->woff = malloc(sizeof(slong) * 2 * (Lmax + 2));
    if (w->buf == NULL || w->woff == NULL)
    {
        free(w->buf);
        free(w->woff);
        memset(w, 0, sizeof(*w));
        return ntk_error_set(NTK_NOMEM, "out of memory (network workspace of %ld doubles)", (long) total);
    }
    w->hoff = w->woff + (Lmax + 2);
    for (slong l = 1, a = 0, h = 0; l <= Lmax; l++)
    {
        w->woff[l] = a;
        w->hoff[l] = h;
        a += ntk_finite_width(cfg, l) * ntk_finite_width(cfg, l - 1);
        h += ntk_finite_width(cfg, l);
    }
    w->W = w->buf + off; off += nw;
    w->H = w->buf + off; off += nh * B;
    w->D = w->buf + off; off += nh * B;
    w->A = w->buf + off; off += nh * B;
    w->bias = w->buf + off; off += nh;
    w->X = w->buf + off; off += cfg->n0 * B;
    w->Ga = w->buf + off; off += (Lmax + 1) * B * B;
    w->Del[0] = w->buf + off; off += nmax * B * cfg->ndepths;
    w->Del[1] = w->buf + off; off += nmax * B * cfg->ndepths;
    w->u = w->buf + off; off += nmax;
    w->G = w->buf + off; off += B * B;
    return NTK_SUCCESS;
}

/* Gram matrix G = A^T A of an n x B matrix (full, symmetric) */
static void
gram(double *G, const double *A, slong n, slong B)
{
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int) B, (int) B, (int) n,
                1.0, A, (int) n, A, (int) n, 0.0, G, (int) B);
}

ntk_status
ntk_finite_sample_ntk_work(double *K, ntk_finite_work *w, const ntk_finite_config_t cfg,
                           slong isig, slong sample, double *flops)
{
    slong Lmax = w->Lmax, B = cfg->nr, nd = cfg->ndepths;
    double fl = 0;
    int cur = 0;

    memset(K, 0, sizeof(double) * nd * B * B);
    ntk_finite_draw_inputs(w->X, cfg, isig, sample);
    gram(w->Ga, w->X, cfg->n0, B);

    /* forward pass through the deepest network */
    for (slong l = 1; l <= Lmax; l++)
    {
        slong nin = ntk_finite_width(cfg, l - 1), nout = ntk_finite_width(cfg, l);
        double *W = w->W + w->woff[l], *H = w->H + w->hoff[l] * B;
        double *Ain = l == 1 ? w->X : w->A + w->hoff[l - 1] * B;
        double *b = w->bias + w->hoff[l];
        ntk_finite_draw_weights(W, cfg, isig, sample, l);
        ntk_finite_draw_bias(b, cfg, isig, sample, l);
        for (slong j = 0; j < B; j++)
            memcpy(H + j * nout, b, sizeof(double) * nout);
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int) nout, (int) B, (int) nin,
                    1.0, W, (int) nout, Ain, (int) nin, 1.0, H, (int) nout);
        fl += 2.0 * nout * nin * B;
        ntk_finite_act_eval(w->A + w->hoff[l] * B, w->D + w->hoff[l] * B, H, nout * B, cfg->act);
        gram(w->Ga + l * B * B, w->A + w->hoff[l] * B, nout, B);
        fl += 2.0 * B * B * nout;
    }

    /* backward: Del holds delta^l of every depth >= l, one n_l x B block
       per depth, in increasing depth order; `first` = index of the first
       depth >= l. */
    slong first = nd, m = 0;       /* blocks currently in Del[cur] */
    for (slong l = Lmax; l >= 1; l--)
    {
        slong n = ntk_finite_width(cfg, l);
        double *D = w->D + w->hoff[l] * B;
        double *dst = w->Del[cur ^ 1];
        slong nf = first, mm = 0;
        double alpha, beta;

        /* the depth-l network: readout layer terms and delta^l = phi' * u */
        if (first > 0 && cfg->depths[first - 1] == l)
        {
            slong id = first - 1;
            double *Kid = K + id * B * B;
            ntk_finite_layer_scales(&alpha, &beta, cfg, isig, l + 1, l);
            for (slong i = 0; i < B * B; i++)
                Kid[i] += alpha * w->Ga[l * B * B + i] + beta;
            ntk_finite_draw_readout(w->u, cfg, isig, sample, l);
            for (slong j = 0; j < B; j++)
                for (slong i = 0; i < n; i++)
                    dst[j * n + i] = D[j * n + i] * w->u[i];
            nf = id;
            mm = 1;
        }
        /* deeper networks: delta^l = phi'(h^l) * (W^{l+1}^T delta^{l+1}) */
        if (m > 0)
        {
            slong nup = ntk_finite_width(cfg, l + 1);
            double *Wup = w->W + w->woff[l + 1];
            double *out = dst + mm * n * B;
            cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int) n, (int) (m * B), (int) nup,
                        1.0, Wup, (int) nup, w->Del[cur], (int) nup, 0.0, out, (int) n);
            fl += 2.0 * n * nup * m * B;
            for (slong k = 0; k < m; k++)
                for (slong j = 0; j < B; j++)
                {
                    double *col = out + (k * B + j) * n, *dc = D + j * n;
                    for (slong i = 0; i < n; i++)
                        col[i] *= dc[i];
                }
        }
        first = nf;
        m += mm;
        cur ^= 1;
        /* layer-l terms for every depth >= l: G_delta o (alpha G_a^{l-1} + beta) */
        ntk_finite_layer_scales(&alpha, &beta, cfg, isig, l, 0);
        for (slong k = 0; k < m; k++)
        {
            double *Kid = K + (first + k) * B * B, *Gal = w->Ga + (l - 1) * B * B;
            gram(w->G, w->Del[cur] + k * n * B, n, B);
            fl += 2.0 * B * B * n;
            for (slong i = 0; i < B * B; i++)
                Kid[i] += w->G[i] * (alpha * Gal[i] + beta);
        }
    }
    if (flops)
        *flops += fl;
    return NTK_SUCCESS;
}

ntk_status
ntk_finite_sample_ntk(double *K, const ntk_finite_config_t cfg, slong isig, slong sample)
{
    ntk_finite_work w;
    ntk_status st = ntk_finite_config_check(cfg);
    if (st != NTK_SUCCESS)
        return st;
    st = ntk_finite_work_init(&w, cfg);
    if (st != NTK_SUCCESS)
        return st;
    st = ntk_finite_sample_ntk_work(K, &w, cfg, isig, sample, NULL);
    ntk_finite_work_clear(&w);
    return st;
}
