/*
 * ntkdepth/train.h against independent truth:
 *  - the backward pass against central finite differences of the loss;
 *  - the NTK (per-layer formula, batched backward pass) against J J^T with
 *    the Jacobian of every output with respect to every parameter built
 *    by central finite differences of the forward pass;
 *  - the NTK of a 1-output network at step 0 against ntkdepth finite's
 *    sampler (ntk_finite_sample_ntk: other code, same network);
 *  - one and two Adam steps against the update written out by hand;
 *  - the IDX reader on small files written here (plain and gzip), and the
 *    Fashion-MNIST selection on a fake data directory;
 *  - reproducibility: the same seed gives the same bits, 1 and 2 threads;
 *  - divergence is reported with its step.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <cmocka.h>
#include "ntkdepth/train.h"

/* cmocka 1.1 has no double comparison */
#define assert_double_equal(a, b, tol) \
    do { double a_ = (a), b_ = (b); \
         if (!(fabs(a_ - b_) <= (tol))) \
             fail_msg("%s = %.17g, expected %.17g (tol %g)", #a, a_, b_, (double) (tol)); \
    } while (0)

static void
rand_fill(double *x, slong n, double scale, uint64_t s)
{
    uint64_t key[2] = {s, 77};
    ntk_finite_normals(x, n, scale, key, 1, 2);
}

/* ------------------------------------------------ gradient vs FD */

static void
check_gradient(const char *act, double tol)
{
    ntk_train_net_t net;
    ntk_train_work_t w;
    slong n0 = 3, B = 4, nout = 2;
    double X[12], Y[8];
    assert_int_equal(ntk_train_net_init(net, n0, 5, 3, nout), NTK_SUCCESS);
    assert_int_equal(ntk_finite_act_set_str(net->act, act), NTK_SUCCESS);
    assert_int_equal(ntk_train_net_draw(net, 1.7, 0.3, 11, 0), NTK_SUCCESS);
    assert_int_equal(ntk_train_work_init(w, net, B), NTK_SUCCESS);
    rand_fill(X, n0 * B, 1.0, 5);
    rand_fill(Y, nout * B, 1.0, 6);
    double *g = malloc(sizeof(double) * net->nparams);
    double loss = ntk_train_loss_grad(g, w, net, X, Y, B);
    assert_true(isfinite(loss) && loss > 0);
    double maxerr = 0, gmax = 0;
    for (slong i = 0; i < net->nparams; i++)
    {
        double t = net->theta[i], h = 1e-5, lp, lm;
        net->theta[i] = t + h;
        lp = ntk_train_loss_grad(NULL, w, net, X, Y, B);
        net->theta[i] = t - h;
        lm = ntk_train_loss_grad(NULL, w, net, X, Y, B);
        net->theta[i] = t;
        double fd = (lp - lm) / (2 * h);
        if (fabs(fd - g[i]) > maxerr)
            maxerr = fabs(fd - g[i]);
        if (fabs(g[i]) > gmax)
            gmax = fabs(g[i]);
    }
    assert_true(gmax > 1e-3);
    if (maxerr > tol * gmax)
        fail_msg("%s: gradient vs central differences: max error %g (max |g| %g)", act, maxerr, gmax);
    free(g);
    ntk_train_work_clear(w);
    ntk_train_net_clear(net);
}

static void
test_gradient(void **state)
{
    (void) state;
    check_gradient("tanh", 1e-7);
    check_gradient("relu", 1e-6);
}

/* ------------------------------------------------ NTK vs J J^T */

static void
check_ntk_jacobian(const char *act, double tol)
{
    ntk_train_net_t net;
    ntk_train_work_t w;
    slong n0 = 4, B = 5, nout = 3, P;
    double X[20], K[25], Kj[25];
    assert_int_equal(ntk_train_net_init(net, n0, 6, 3, nout), NTK_SUCCESS);
    assert_int_equal(ntk_finite_act_set_str(net->act, act), NTK_SUCCESS);
    assert_int_equal(ntk_train_net_draw(net, 2.0, 0.2, 21, 3), NTK_SUCCESS);
    assert_int_equal(ntk_train_work_init(w, net, B), NTK_SUCCESS);
    rand_fill(X, n0 * B, 1.0, 9);
    P = net->nparams;
    /* J[(p * B + j) * nout + k] = d f_k(x_j) / d theta_p by central differences */
    double *J = malloc(sizeof(double) * P * B * nout), *Fp = malloc(sizeof(double) * nout * B);
    for (slong p = 0; p < P; p++)
    {
        double t = net->theta[p], h = 1e-5;
        net->theta[p] = t + h;
        ntk_train_forward(w, net, X, B);
        memcpy(Fp, w->F, sizeof(double) * nout * B);
        net->theta[p] = t - h;
        ntk_train_forward(w, net, X, B);
        net->theta[p] = t;
        for (slong i = 0; i < nout * B; i++)
            J[p * B * nout + i] = (Fp[i] - w->F[i]) / (2 * h);
    }
    for (slong a = 0; a < B; a++)
        for (slong b = 0; b < B; b++)
        {
            double s = 0;
            for (slong p = 0; p < P; p++)
                for (slong k = 0; k < nout; k++)
                    s += J[(p * B + a) * nout + k] * J[(p * B + b) * nout + k];
            Kj[b * B + a] = s;
        }
    assert_int_equal(ntk_train_ntk(K, net, X, B, NULL), NTK_SUCCESS);
    double maxerr = 0, kmax = 0;
    for (slong i = 0; i < B * B; i++)
    {
        if (fabs(K[i] - Kj[i]) > maxerr)
            maxerr = fabs(K[i] - Kj[i]);
        if (fabs(Kj[i]) > kmax)
            kmax = fabs(Kj[i]);
    }
    if (maxerr > tol * kmax)
        fail_msg("%s: NTK vs J J^T: max error %g (max |K| %g)", act, maxerr, kmax);
    free(J);
    free(Fp);
    ntk_train_work_clear(w);
    ntk_train_net_clear(net);
}

static void
test_ntk_jacobian(void **state)
{
    (void) state;
    check_ntk_jacobian("tanh", 1e-8);
    check_ntk_jacobian("relu", 1e-7);
}

/* the 1-output network of replicate r is ntkdepth finite's sample r */
static void
test_ntk_vs_finite(void **state)
{
    (void) state;
    ntk_finite_config_t cfg;
    ntk_train_net_t net;
    slong L = 4, M = 7, n0 = 5;
    double s = 1.7;
    ntk_finite_config_init(cfg);
    cfg->n0 = n0;
    cfg->seed = 3;
    ntk_finite_config_set_depths(cfg, &L, 1);
    ntk_finite_config_set_width(cfg, M);
    ntk_finite_config_set_sigma_w2(cfg, &s, 1);
    slong B = cfg->nr;
    double *Kf = malloc(sizeof(double) * B * B), *K = malloc(sizeof(double) * B * B);
    double *X = malloc(sizeof(double) * n0 * B);
    for (slong sample = 0; sample < 3; sample++)
    {
        assert_int_equal(ntk_finite_sample_ntk(Kf, cfg, 0, sample), NTK_SUCCESS);
        ntk_finite_draw_inputs(X, cfg, 0, sample);
        assert_int_equal(ntk_train_net_init(net, n0, M, L, 1), NTK_SUCCESS);
        assert_int_equal(ntk_train_net_draw(net, s, 0, 3, sample), NTK_SUCCESS);
        assert_int_equal(ntk_train_ntk(K, net, X, B, NULL), NTK_SUCCESS);
        for (slong i = 0; i < B * B; i++)
            if (fabs(K[i] - Kf[i]) > 1e-12 * fabs(Kf[i]) + 1e-300)
                fail_msg("sample %ld entry %ld: train %.17g, finite %.17g", (long) sample,
                         (long) i, K[i], Kf[i]);
        ntk_train_net_clear(net);
    }
    free(Kf);
    free(K);
    free(X);
    ntk_finite_config_clear(cfg);
}

/* ------------------------------------------------ Adam */

static void
test_adam(void **state)
{
    (void) state;
    ntk_train_adam_t opt;
    double th[3] = {1.0, -2.0, 0.5}, g1[3] = {0.3, -4.0, 0.0}, g2[3] = {-0.1, 2.0, 1.0};
    assert_int_equal(ntk_train_adam_init(opt, 3, 1e-3), NTK_SUCCESS);
    ntk_train_adam_step(th, opt, g1);
    /* t = 1: mhat = g, vhat = g^2: theta -= lr g / (|g| + eps) */
    assert_double_equal(th[0], 1.0 - 1e-3 * 0.3 / (0.3 + 1e-8), 1e-15);
    assert_double_equal(th[1], -2.0 + 1e-3 * 4.0 / (4.0 + 1e-8), 1e-15);
    assert_double_equal(th[2], 0.5, 0);
    ntk_train_adam_step(th, opt, g2);
    /* t = 2, by hand: m = 0.09 g1 + 0.1 g2, v = 0.000999 g1^2 + 0.001 g2^2,
       mhat = m / 0.19, vhat = v / 0.001999 */
    double e[3] = {1.0 - 1e-3 * 0.3 / (0.3 + 1e-8), -2.0 + 1e-3 * 4.0 / (4.0 + 1e-8), 0.5};
    for (int i = 0; i < 3; i++)
    {
        double m = 0.09 * g1[i] + 0.1 * g2[i];
        double v = 0.000999 * g1[i] * g1[i] + 0.001 * g2[i] * g2[i];
        e[i] -= 1e-3 * (m / 0.19) / (sqrt(v / 0.001999) + 1e-8);
        assert_double_equal(th[i], e[i], 1e-14);
    }
    ntk_train_adam_clear(opt);
    assert_int_equal(ntk_train_adam_init(opt, 3, 0.0), NTK_DOMAIN);
    assert_int_equal(ntk_train_adam_init(opt, 3, NAN), NTK_DOMAIN);
}

/* ------------------------------------------------ IDX */

static void
write_idx(const char *path, int gz, const unsigned char *hdr, size_t nh,
          const unsigned char *data, size_t nd)
{
    if (gz)
    {
        gzFile f = gzopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(gzwrite(f, hdr, (unsigned) nh), (int) nh);
        if (nd)
            assert_int_equal(gzwrite(f, data, (unsigned) nd), (int) nd);
        gzclose(f);
    }
    else
    {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fwrite(hdr, 1, nh, f);
        fwrite(data, 1, nd, f);
        fclose(f);
    }
}

static void
test_idx(void **state)
{
    (void) state;
    char dir[] = "/tmp/ntk-t-train-XXXXXX", path[256];
    unsigned char hdr[16] = {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2};
    unsigned char data[12];
    ntk_train_idx_t idx;
    assert_non_null(mkdtemp(dir));
    for (int i = 0; i < 12; i++)
        data[i] = (unsigned char) (17 * i + 3);
    for (int gz = 0; gz <= 1; gz++)
    {
        snprintf(path, sizeof(path), "%s/a%s", dir, gz ? ".gz" : "");
        write_idx(path, gz, hdr, 16, data, 12);
        assert_int_equal(ntk_train_idx_read(idx, path), NTK_SUCCESS);
        assert_int_equal(idx->ndim, 3);
        assert_int_equal(idx->dims[0], 3);
        assert_int_equal(idx->dims[1], 2);
        assert_int_equal(idx->dims[2], 2);
        assert_int_equal(idx->size, 12);
        assert_memory_equal(idx->data, data, 12);
        ntk_train_idx_clear(idx);
        /* cut short */
        write_idx(path, gz, hdr, 16, data, 11);
        assert_int_equal(ntk_train_idx_read(idx, path), NTK_IO);
        unlink(path);
    }
    /* bad magic, bad type, missing */
    snprintf(path, sizeof(path), "%s/b", dir);
    unsigned char bad[16];
    memcpy(bad, hdr, 16);
    bad[0] = 1;
    write_idx(path, 0, bad, 16, data, 12);
    assert_int_equal(ntk_train_idx_read(idx, path), NTK_DOMAIN);
    bad[0] = 0;
    bad[2] = 0x0D;   /* float */
    write_idx(path, 0, bad, 16, data, 12);
    assert_int_equal(ntk_train_idx_read(idx, path), NTK_DOMAIN);
    unlink(path);
    assert_int_equal(ntk_train_idx_read(idx, path), NTK_IO);
    assert_non_null(strstr(ntk_error_last(), path));

    /* a fake Fashion-MNIST directory: 25 images 2x2, labels i % 10
       (gzipped images, plain labels: both forms are looked for) */
    unsigned char ih[16] = {0, 0, 8, 3, 0, 0, 0, 25, 0, 0, 0, 2, 0, 0, 0, 2};
    unsigned char lh[8] = {0, 0, 8, 1, 0, 0, 0, 25};
    unsigned char img[100], lab[25];
    for (int i = 0; i < 25; i++)
    {
        lab[i] = (unsigned char) (i % 10);
        for (int k = 0; k < 4; k++)
            img[4 * i + k] = i == 0 ? 0 : (unsigned char) (i + 10 * k);
    }
    snprintf(path, sizeof(path), "%s/train-images-idx3-ubyte.gz", dir);
    write_idx(path, 1, ih, 16, img, 100);
    snprintf(path, sizeof(path), "%s/train-labels-idx1-ubyte", dir);
    write_idx(path, 0, lh, 8, lab, 25);
    ntk_train_data_t d;
    assert_int_equal(ntk_train_data_fashion(d, dir, 2), NTK_SUCCESS);
    assert_int_equal(d->n0, 4);
    assert_int_equal(d->N, 20);
    for (slong j = 0; j < 20; j++)
    {
        /* class c = j / 2, the (j % 2)-th image of class c is i = c + 10 (j % 2);
           image 0 is all black: class 0 takes images 10 and 20 */
        slong c = j / 2, i = c + 10 * (j % 2) + (c == 0 ? 10 : 0);
        double n2 = 0, raw = 0;
        assert_int_equal(d->labels[j], c);
        assert_true(d->Y[j * 10 + c] == 1.0);
        for (int k = 0; k < 4; k++)
        {
            n2 += d->X[j * 4 + k] * d->X[j * 4 + k];
            raw += (double) img[4 * i + k] * img[4 * i + k];
        }
        assert_double_equal(n2, 4.0, 1e-12);
        /* the direction is the image's: x_0 = 2 p_0 / |p| */
        assert_double_equal(d->X[j * 4], 2.0 * img[4 * i] / sqrt(raw), 1e-12);
    }
    ntk_train_data_clear(d);
    assert_int_equal(ntk_train_data_fashion(d, dir, 3), NTK_DOMAIN);  /* class 0: 2 usable */
    unlink(path);
    assert_int_equal(ntk_train_data_fashion(d, dir, 1), NTK_IO);      /* labels missing */
    snprintf(path, sizeof(path), "%s/train-images-idx3-ubyte.gz", dir);
    unlink(path);
    rmdir(dir);
}

/* ------------------------------------------------ runs */

static void
small_config(ntk_train_config_t cfg)
{
    double s[2] = {1.0, 2.2};
    slong m[3] = {1, 5, 12};
    ntk_train_config_init(cfg);
    cfg->width = 9;
    cfg->depth = 3;
    cfg->steps = 20;
    cfg->seeds = 3;
    cfg->lr = 1e-2;
    ntk_train_config_set_sigma_w2(cfg, s, 2);
    ntk_train_config_set_measure(cfg, m, 3);
}

static void
same_result(const ntk_train_result_t a, const ntk_train_result_t b, slong n)
{
    assert_memory_equal(a->loss, b->loss, sizeof(double) * n);
    assert_memory_equal(a->relchange, b->relchange, sizeof(double) * n);
    assert_memory_equal(a->within, b->within, sizeof(double) * n);
    assert_memory_equal(a->off, b->off, sizeof(double) * n);
}

static void
test_reproducible(void **state)
{
    (void) state;
    ntk_train_config_t cfg;
    ntk_train_data_t d;
    ntk_train_result_t r1, r2, r3;
    small_config(cfg);
    assert_int_equal(cfg->nmeasure, 5);     /* 0, 1, 5, 12, 20 */
    assert_int_equal(cfg->measure[4], 20);
    assert_int_equal(ntk_train_data_synthetic(d, 12, 3, 1), NTK_SUCCESS);
    slong n = cfg->nsigma * cfg->seeds * cfg->nmeasure;
    assert_int_equal(ntk_train_result_init(r1, cfg), NTK_SUCCESS);
    assert_int_equal(ntk_train_result_init(r2, cfg), NTK_SUCCESS);
    assert_int_equal(ntk_train_result_init(r3, cfg), NTK_SUCCESS);
    assert_int_equal(ntk_train_run(r1, cfg, d, 1, NULL, NULL), NTK_SUCCESS);
    assert_int_equal(ntk_train_run(r2, cfg, d, 2, NULL, NULL), NTK_SUCCESS);
    assert_int_equal(ntk_train_run(r3, cfg, d, 1, NULL, NULL), NTK_SUCCESS);
    same_result(r1, r2, n);
    same_result(r1, r3, n);
    for (slong i = 0; i < cfg->nsigma * cfg->seeds; i++)
        assert_int_equal(r1->diverged[i], -1);
    /* the loss decreases and the NTK moves */
    for (slong is = 0; is < 2; is++)
    {
        ntk_finite_est l0 = ntk_train_result_mean(r1, r1->loss, is, 0, NULL);
        ntk_finite_est l1 = ntk_train_result_mean(r1, r1->loss, is, 4, NULL);
        ntk_finite_est c0 = ntk_train_result_mean(r1, r1->relchange, is, 0, NULL);
        ntk_finite_est c1 = ntk_train_result_mean(r1, r1->relchange, is, 4, NULL);
        assert_true(l1.est < l0.est);
        assert_true(c0.est == 0 && c1.est > 0);
    }
    /* another seed, other bits */
    cfg->seed = 2;
    assert_int_equal(ntk_train_run(r3, cfg, d, 1, NULL, NULL), NTK_SUCCESS);
    assert_true(memcmp(r1->loss, r3->loss, sizeof(double) * n) != 0);
    ntk_train_result_clear(r1);
    ntk_train_result_clear(r2);
    ntk_train_result_clear(r3);
    ntk_train_data_clear(d);
    ntk_train_config_clear(cfg);
}

static void
test_divergence_and_domain(void **state)
{
    (void) state;
    ntk_train_config_t cfg;
    ntk_train_data_t d;
    ntk_train_result_t r;
    small_config(cfg);
    cfg->depth = 6;
    cfg->lr = 1e100;          /* weights ~1e100 after one step: outputs overflow */
    assert_int_equal(ntk_train_data_synthetic(d, 12, 3, 1), NTK_SUCCESS);
    assert_int_equal(ntk_train_result_init(r, cfg), NTK_SUCCESS);
    assert_int_equal(ntk_train_run(r, cfg, d, 2, NULL, NULL), NTK_SUCCESS);
    for (slong i = 0; i < cfg->nsigma * cfg->seeds; i++)
    {
        assert_int_equal(r->diverged[i], 1);
        assert_true(isfinite(r->relchange[i * cfg->nmeasure]));   /* step 0 */
        assert_true(isnan(r->relchange[i * cfg->nmeasure + 1]));  /* step 1 on */
    }
    slong n;
    ntk_finite_est e = ntk_train_result_mean(r, r->relchange, 0, 2, &n);
    assert_int_equal(n, 0);
    assert_true(isnan(e.est));
    ntk_train_result_clear(r);
    /* bad configurations name the value */
    cfg->lr = 0;
    assert_int_equal(ntk_train_config_check(cfg), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "learning rate"));
    cfg->lr = 1e-3;
    cfg->width = 0;
    assert_int_equal(ntk_train_config_check(cfg), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "width 0"));
    cfg->width = 4;
    cfg->steps = 0;
    assert_int_equal(ntk_train_config_check(cfg), NTK_DOMAIN);
    ntk_train_data_clear(d);
    ntk_train_config_clear(cfg);
}

/* blocks and relative change on a hand-made matrix */
static void
test_blocks(void **state)
{
    (void) state;
    slong lab[4] = {0, 0, 1, 1};
    double K[16], K0[16], out[2];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            K[j * 4 + i] = i == j ? 4.0 : lab[i] == lab[j] ? 2.0 : 1.0;
    ntk_train_ntk_blocks(out, K, lab, 4);
    assert_double_equal(out[0], 0.5, 1e-15);
    assert_double_equal(out[1], 0.25, 1e-15);
    for (int i = 0; i < 16; i++)
        K0[i] = 2 * K[i];
    /* |K - 2K| / |2K| = 1/2 */
    assert_double_equal(ntk_train_ntk_relchange(K, K0, 4), 0.5, 1e-15);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gradient),
        cmocka_unit_test(test_ntk_jacobian),
        cmocka_unit_test(test_ntk_vs_finite),
        cmocka_unit_test(test_adam),
        cmocka_unit_test(test_idx),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_divergence_and_domain),
        cmocka_unit_test(test_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
