/*
 * The empirical NTK of a trainable network summed over its outputs, by the
 * per-layer formula (proofs/finite-width.md Lemma F1, Lemma T1): one
 * forward pass of the B inputs, one backward pass carrying the nout B
 * columns delta_k^l(x_j) (column j nout + k), and per layer one Gram
 * matrix of the (n_l nout) x B view -- which sums over the outputs k.
 * No Jacobian is formed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cblas.h>
#include "ntkdepth/train.h"

static void
gram(double *G, const double *A, slong n, slong B)
{
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int) B, (int) B, (int) n,
                1.0, A, (int) n, A, (int) n, 0.0, G, (int) B);
}

ntk_status
ntk_train_ntk(double *K, const ntk_train_net_t net, const double *X, slong B, double *flops)
{
    ntk_train_work_t w;
    ntk_status st;
    slong L = net->depth, nout = net->nout, M = net->width, C = B * nout;
    double *Ga = NULL, *G = NULL, *Del[2] = {NULL, NULL}, fl = 0;
    int cur = 0;

    if ((st = ntk_train_work_init(w, net, B)) != NTK_SUCCESS)
        return st;
    Ga = malloc(sizeof(double) * (L + 1) * B * B);
    G = malloc(sizeof(double) * B * B);
    Del[0] = malloc(sizeof(double) * M * C);
    Del[1] = malloc(sizeof(double) * M * C);
    if (!Ga || !G || !Del[0] || !Del[1])
    {
        st = ntk_error_set(NTK_NOMEM, "out of memory (NTK of %ld inputs)", (long) B);
        goto cleanup;
    }
    ntk_train_forward(w, net, X, B);
    fl += w->flops;
    gram(Ga, X, net->n0, B);
    fl += 2.0 * B * B * net->n0;
    for (slong l = 1; l <= L; l++)
    {
        gram(Ga + l * B * B, w->A + w->hoff[l] * B, M, B);
        fl += 2.0 * B * B * M;
    }
    /* readout layer: sum_k <e_k, e_k> (<a^L, a^L'> + 1) */
    for (slong i = 0; i < B * B; i++)
        K[i] = nout * (Ga[L * B * B + i] + 1.0);
    /* delta_k^L(x_j) = phi'(h^L(x_j)) o (row k of W^{L+1}) */
    {
        const double *U = net->theta + net->woff[L + 1], *D = w->D + w->hoff[L] * B;
        for (slong j = 0; j < B; j++)
            for (slong k = 0; k < nout; k++)
            {
                double *col = Del[cur] + (j * nout + k) * M;
                for (slong i = 0; i < M; i++)
                    col[i] = D[j * M + i] * U[i * nout + k];
            }
    }
    for (slong l = L; l >= 1; l--)
    {
        /* layer l: (sum_k G_delta_k^l) o (G_a^{l-1} + 1); the n_l x (B nout)
           matrix read as (n_l nout) x B has column j = (delta_k^l(x_j))_k */
        const double *Gal = Ga + (l - 1) * B * B;
        gram(G, Del[cur], M * nout, B);
        fl += 2.0 * B * B * M * nout;
        for (slong i = 0; i < B * B; i++)
            K[i] += G[i] * (Gal[i] + 1.0);
        if (l > 1)
        {
            const double *D = w->D + w->hoff[l - 1] * B;
            double *out = Del[cur ^ 1];
            cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int) M, (int) C, (int) M,
                        1.0, net->theta + net->woff[l], (int) M, Del[cur], (int) M, 0.0, out,
                        (int) M);
            fl += 2.0 * M * M * C;
            for (slong j = 0; j < B; j++)
                for (slong k = 0; k < nout; k++)
                {
                    double *col = out + (j * nout + k) * M;
                    const double *dc = D + j * M;
                    for (slong i = 0; i < M; i++)
                        col[i] *= dc[i];
                }
            cur ^= 1;
        }
    }
    /* exact symmetry (the two triangles are the same sums in exact arithmetic) */
    for (slong j = 0; j < B; j++)
        for (slong i = j + 1; i < B; i++)
        {
            double s = 0.5 * (K[j * B + i] + K[i * B + j]);
            K[j * B + i] = K[i * B + j] = s;
        }
    if (flops)
        *flops += fl;
cleanup:
    free(Ga);
    free(G);
    free(Del[0]);
    free(Del[1]);
    ntk_train_work_clear(w);
    return st;
}

void
ntk_train_ntk_blocks(double out[2], const double *K, const slong *labels, slong B)
{
    double diag = 0, in = 0, off = 0;
    slong nin = 0, noff = 0;
    for (slong j = 0; j < B; j++)
        for (slong i = 0; i < B; i++)
        {
            double k = K[j * B + i];
            if (i == j)
                diag += k;
            else if (labels[i] == labels[j])
            {
                in += k;
                nin++;
            }
            else
            {
                off += k;
                noff++;
            }
        }
    diag /= (double) B;
    out[0] = nin > 0 ? (in / nin) / diag : NAN;
    out[1] = noff > 0 ? (off / noff) / diag : NAN;
}

double
ntk_train_ntk_relchange(const double *K, const double *K0, slong B)
{
    double d = 0, n = 0;
    for (slong i = 0; i < B * B; i++)
    {
        double e = K[i] - K0[i];
        d += e * e;
        n += K0[i] * K0[i];
    }
    return sqrt(d / n);
}
