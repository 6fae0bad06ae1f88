/*
 * The per-layer NTK (one forward + batched backward pass, BLAS) against an
 * independent computation: the Jacobian of f with respect to every
 * parameter, materialized here by forward-mode tangent propagation in
 * plain loops (no BLAS, no backward pass), K = J J^T with the
 * parameterization's gradient scales written out from the definitions.
 * The tangents themselves are checked against central finite differences
 * of the network output for a smooth activation.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth/finite.h"

typedef struct
{
    slong L, n[64], B;
    double *W[64], *b[64], *u, *X;
} net;

static void
net_draw(net *N, const ntk_finite_config_t cfg, slong isig, slong sample, slong L)
{
    N->L = L;
    N->B = cfg->nr;
    for (slong l = 0; l <= L; l++)
        N->n[l] = ntk_finite_width(cfg, l);
    for (slong l = 1; l <= L; l++)
    {
        N->W[l] = malloc(sizeof(double) * N->n[l] * N->n[l - 1]);
        N->b[l] = malloc(sizeof(double) * N->n[l]);
        ntk_finite_draw_weights(N->W[l], cfg, isig, sample, l);
        ntk_finite_draw_bias(N->b[l], cfg, isig, sample, l);
    }
    N->u = malloc(sizeof(double) * N->n[L]);
    ntk_finite_draw_readout(N->u, cfg, isig, sample, L);
    N->X = malloc(sizeof(double) * cfg->n0 * cfg->nr);
    ntk_finite_draw_inputs(N->X, cfg, isig, sample);
}

static void
net_free(net *N)
{
    for (slong l = 1; l <= N->L; l++)
    {
        free(N->W[l]);
        free(N->b[l]);
    }
    free(N->u);
    free(N->X);
}

/* forward pass of one input: h[l], a[l], d[l] (l = 1..L), a[0] = x; returns f */
static double
forward(const net *N, const ntk_finite_act_t act, const double *x, double **h, double **a,
        double **d)
{
    memcpy(a[0], x, sizeof(double) * N->n[0]);
    for (slong l = 1; l <= N->L; l++)
    {
        for (slong i = 0; i < N->n[l]; i++)
        {
            double s = N->b[l][i];
            for (slong j = 0; j < N->n[l - 1]; j++)
                s += N->W[l][j * N->n[l] + i] * a[l - 1][j];   /* column-major */
            h[l][i] = s;
        }
        ntk_finite_act_eval(a[l], d[l], h[l], N->n[l], act);
    }
    double f = 0;
    for (slong i = 0; i < N->n[N->L]; i++)
        f += N->u[i] * a[N->L][i];
    return f;   /* + readout bias (0: does not change any derivative) */
}

/* forward-mode: derivative of f along the tangent dh at layer l */
static double
push(const net *N, double **d, slong l, double *dh, double *tmp)
{
    for (slong m = l; m < N->L; m++)
    {
        for (slong i = 0; i < N->n[m + 1]; i++)
        {
            double s = 0;
            for (slong j = 0; j < N->n[m]; j++)
                s += N->W[m + 1][j * N->n[m + 1] + i] * d[m][j] * dh[j];
            tmp[i] = s;
        }
        memcpy(dh, tmp, sizeof(double) * N->n[m + 1]);
    }
    double s = 0;
    for (slong i = 0; i < N->n[N->L]; i++)
        s += N->u[i] * d[N->L][i] * dh[i];
    return s;
}

/* gradient scales written from the definitions (finite.h top comment) */
static void
scales(double *al, double *be, const ntk_finite_config_t cfg, double s, slong nin)
{
    if (cfg->init == NTK_FINITE_INIT_HE) { *al = 2.0 / nin; *be = 1; }
    else if (cfg->param == NTK_FINITE_PARAM_NTK) { *al = s / nin; *be = cfg->sigma_b2; }
    else { *al = 1; *be = 1; }
}

/* Jacobian rows J[p * B + input] and K = J^T J */
static void
ntk_by_jacobian(double *K, const net *N, const ntk_finite_config_t cfg, slong isig)
{
    slong L = N->L, B = N->B, P = 0, nmax = 1;
    double *h[64], *a[64], *d[64];
    for (slong l = 0; l <= L; l++)
    {
        P += l ? N->n[l] * N->n[l - 1] + N->n[l] : 0;
        if (N->n[l] > nmax) nmax = N->n[l];
    }
    P += N->n[L] + 1;
    double *J = calloc(P * B, sizeof(double)), *dh = malloc(sizeof(double) * nmax),
           *tmp = malloc(sizeof(double) * nmax);
    for (slong l = 0; l <= L; l++)
    {
        h[l] = malloc(sizeof(double) * N->n[l]);
        a[l] = malloc(sizeof(double) * N->n[l]);
        d[l] = malloc(sizeof(double) * N->n[l]);
    }
    for (slong k = 0; k < B; k++)
    {
        slong p = 0;
        forward(N, cfg->act, N->X + k * N->n[0], h, a, d);
        for (slong l = 1; l <= L + 1; l++)
        {
            double al, be;
            scales(&al, &be, cfg, cfg->sigma_w2[isig], N->n[l - 1]);
            if (l == L + 1)
            {
                for (slong j = 0; j < N->n[L]; j++)
                    J[(p++) * B + k] = sqrt(al) * a[L][j];
                J[(p++) * B + k] = sqrt(be);
                break;
            }
            for (slong j = 0; j < N->n[l - 1]; j++)
                for (slong i = 0; i < N->n[l]; i++)
                {
                    memset(dh, 0, sizeof(double) * nmax);
                    dh[i] = a[l - 1][j];
                    J[(p++) * B + k] = sqrt(al) * push(N, d, l, dh, tmp);
                }
            for (slong i = 0; i < N->n[l]; i++)
            {
                memset(dh, 0, sizeof(double) * nmax);
                dh[i] = 1;
                J[(p++) * B + k] = sqrt(be) * push(N, d, l, dh, tmp);
            }
        }
        assert_int_equal(p, P);
    }
    for (slong i = 0; i < B; i++)
        for (slong j = 0; j < B; j++)
        {
            double s = 0;
            for (slong p = 0; p < P; p++)
                s += J[p * B + i] * J[p * B + j];
            K[i * B + j] = s;
        }
    for (slong l = 0; l <= L; l++)
    {
        free(h[l]);
        free(a[l]);
        free(d[l]);
    }
    free(J);
    free(dh);
    free(tmp);
}

static void
compare_config(ntk_finite_config_t cfg, slong sample)
{
    slong nd = cfg->ndepths, B = cfg->nr;
    double *K = malloc(sizeof(double) * nd * B * B), *R = malloc(sizeof(double) * B * B);
    for (slong is = 0; is < cfg->nsigma; is++)
    {
        assert_int_equal(ntk_finite_sample_ntk(K, cfg, is, sample), NTK_SUCCESS);
        for (slong id = 0; id < nd; id++)
        {
            net N;
            net_draw(&N, cfg, is, sample, cfg->depths[id]);
            ntk_by_jacobian(R, &N, cfg, is);
            for (slong i = 0; i < B * B; i++)
            {
                double k = K[id * B * B + i], r = R[i];
                if (!(fabs(k - r) <= 1e-12 * (fabs(r) + 1e-300) + 1e-300))
                    fail_msg("act %s depth %ld entry %ld: per-layer %.17g vs Jacobian %.17g",
                             cfg->act->name, (long) cfg->depths[id], (long) i, k, r);
            }
            net_free(&N);
        }
    }
    free(K);
    free(R);
}

static void
small_config(ntk_finite_config_t cfg, const char *act)
{
    slong d[3] = {1, 2, 4}, w[4] = {4, 3, 5, 2};
    double s[2] = {0.7, 2.5}, r[4] = {1.0, 0.6, -0.3, 0.0};
    ntk_finite_config_init(cfg);
    ntk_finite_act_set_str(cfg->act, act);
    cfg->n0 = 3;
    ntk_finite_config_set_depths(cfg, d, 3);
    free(cfg->widths);
    cfg->widths = malloc(sizeof(w));
    memcpy(cfg->widths, w, sizeof(w));
    cfg->nwidths = 4;
    ntk_finite_config_set_sigma_w2(cfg, s, 2);
    ntk_finite_config_set_r(cfg, r, 4);
    cfg->seed = 12345;
}

static void
test_standard_relu(void **state)
{
    ntk_finite_config_t cfg;
    small_config(cfg, "relu");
    compare_config(cfg, 0);
    compare_config(cfg, 7);
    cfg->sigma_b2 = 0.3;               /* nonzero trainable biases */
    compare_config(cfg, 3);
    ntk_finite_config_clear(cfg);
}

static void
test_ntk_param_smooth(void **state)
{
    const char *acts[] = {"tanh", "gelu", "elu", "leaky_relu:0.1", "erf", "silu", "sin"};
    for (int i = 0; i < 7; i++)
    {
        ntk_finite_config_t cfg;
        small_config(cfg, acts[i]);
        cfg->param = NTK_FINITE_PARAM_NTK;
        cfg->sigma_b2 = 0.2;
        compare_config(cfg, 11);
        cfg->param = NTK_FINITE_PARAM_STANDARD;
        compare_config(cfg, 12);
        ntk_finite_config_clear(cfg);
    }
}

static void
test_he(void **state)
{
    ntk_finite_config_t cfg;
    double two = 2;
    small_config(cfg, "relu");
    cfg->init = NTK_FINITE_INIT_HE;
    cfg->param = NTK_FINITE_PARAM_NTK;
    ntk_finite_config_set_sigma_w2(cfg, &two, 1);
    compare_config(cfg, 5);
    ntk_finite_config_clear(cfg);
}

/* the tangents against central finite differences of f (tanh, smooth) */
static void
test_tangents_fd(void **state)
{
    ntk_finite_config_t cfg;
    net N;
    slong L = 3;
    double *h[64], *a[64], *d[64], dh[8], tmp[8];
    small_config(cfg, "tanh");
    net_draw(&N, cfg, 0, 4, L);
    for (slong l = 0; l <= L; l++)
    {
        h[l] = malloc(sizeof(double) * 8);
        a[l] = malloc(sizeof(double) * 8);
        d[l] = malloc(sizeof(double) * 8);
    }
    const double *x = N.X + N.n[0];   /* second input */
    for (slong l = 1; l <= L; l++)
        for (slong p = 0; p < N.n[l] * N.n[l - 1]; p++)
        {
            slong i = p % N.n[l], j = p / N.n[l];
            double w0 = N.W[l][p], e = 1e-5, fp, fm, g;
            N.W[l][p] = w0 + e;
            fp = forward(&N, cfg->act, x, h, a, d);
            N.W[l][p] = w0 - e;
            fm = forward(&N, cfg->act, x, h, a, d);
            N.W[l][p] = w0;
            forward(&N, cfg->act, x, h, a, d);
            memset(dh, 0, sizeof(dh));
            dh[i] = a[l - 1][j];
            g = push(&N, d, l, dh, tmp);
            assert_true(fabs((fp - fm) / (2 * e) - g) < 1e-8 * (1 + fabs(g)));
        }
    for (slong l = 0; l <= L; l++)
    {
        free(h[l]);
        free(a[l]);
        free(d[l]);
    }
    net_free(&N);
    ntk_finite_config_clear(cfg);
}

/* structural identities: symmetry, PSD 2x2 minors, K(x,x) > 0 */
static void
test_symmetry(void **state)
{
    ntk_finite_config_t cfg;
    slong d[2] = {3, 30};
    ntk_finite_config_init(cfg);
    cfg->n0 = 10;
    ntk_finite_config_set_depths(cfg, d, 2);
    ntk_finite_config_set_width(cfg, 12);
    slong B = cfg->nr;
    double *K = malloc(sizeof(double) * 2 * B * B);
    for (slong is = 0; is < cfg->nsigma; is += 5)
    {
        assert_int_equal(ntk_finite_sample_ntk(K, cfg, is, 9), NTK_SUCCESS);
        for (slong id = 0; id < 2; id++)
            for (slong i = 0; i < B; i++)
            {
                double *k = K + id * B * B;
                assert_true(k[i * B + i] > 0);
                for (slong j = 0; j < B; j++)
                {
                    assert_true(fabs(k[i * B + j] - k[j * B + i]) <= 1e-13 * sqrt(k[i * B + i] * k[j * B + j]));
                    assert_true(k[i * B + j] * k[i * B + j] <= k[i * B + i] * k[j * B + j] * (1 + 1e-12));
                }
            }
    }
    free(K);
    ntk_finite_config_clear(cfg);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_standard_relu),
        cmocka_unit_test(test_ntk_param_smooth),
        cmocka_unit_test(test_he),
        cmocka_unit_test(test_tangents_fd),
        cmocka_unit_test(test_symmetry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
