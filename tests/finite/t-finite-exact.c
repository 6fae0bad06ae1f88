/*
 * Exact finite-width moments (ntk_finite_exact_moments, proofs/finite-width.md
 * section 7) against independent truth:
 *  - E K equals the exact mean of Lemma F3/F4 (ntk_finite_mean_exact, a
 *    different derivation) and the K2 formula up to the dead-layer terms;
 *  - the exact rationals of proofs/check/finite_exact.py (n0 = n = 3, L = 3);
 *  - one hidden layer: E K^2 from K = t2 Y (|x|^2 + 1) + t1 |x|^2 X + 1 with
 *    X, Y independent chi^2_B given B, summed over B ~ Bin(n, 1/2) here;
 *  - width-1 networks (a layer dies with probability 1/2): E K, E K^2 by
 *    expanding K into monomials of the scalar weights, half-normal moments;
 *  - brute-force Monte Carlo of the network written here in plain C
 *    (splitmix64 + Box-Muller, explicit forward/backward loops; not the
 *    library's sampler): E K and E K^2 within 4 standard errors (seed
 *    printed on failure).  2e5 samples in the fast suite, 4e6 with
 *    NTK_FINITE_EXACT_SLOW=1 (suite slow);
 *  - the dispersion within 4 jackknife SE of the library's ntk_finite_run
 *    on a small paper-like grid;
 *  - the K1 numbers against the dispersions they are made of, and bad input.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth/finite.h"

static int slow = 0;

static double
mid(const arb_t x)
{
    return arf_get_d(arb_midref(x), ARF_RND_NEAR);
}

/* all three moments of one configuration, as doubles, checking the radii */
static void
exact3(double *EK, double *EK2, slong L, slong n0, const slong *w, double s, double x2,
       ntk_finite_param param, double beta)
{
    arb_ptr a = _arb_vec_init(L), b = _arb_vec_init(L), c = _arb_vec_init(L);
    arb_t sa, xa, ba;
    arb_init(sa); arb_init(xa); arb_init(ba);
    arb_set_d(sa, s);
    arb_set_d(xa, x2);
    arb_set_d(ba, beta);
    assert_int_equal(ntk_finite_exact_moments(a, b, c, L, n0, w, sa, xa, param, ba, 128),
                     NTK_SUCCESS);
    for (slong l = 0; l < L; l++)
    {
        assert_true(arb_rel_accuracy_bits(a + l) > 100);
        assert_true(arb_rel_accuracy_bits(b + l) > 100);
        EK[l] = mid(a + l);
        EK2[l] = mid(b + l);
    }
    _arb_vec_clear(a, L); _arb_vec_clear(b, L); _arb_vec_clear(c, L);
    arb_clear(sa); arb_clear(xa); arb_clear(ba);
}

/* ---- 1. E K = Lemma F3 / F4 (ntk_finite_mean_exact) and K2 ---- */

static void
compare_mean(ntk_finite_config_t cfg)
{
    slong nd = cfg->ndepths;
    arb_ptr EK = _arb_vec_init(nd);
    arb_t ex;
    arb_init(ex);
    for (slong is = 0; is < cfg->nsigma; is++)
    {
        assert_int_equal(ntk_finite_exact_moments_cfg(EK, NULL, NULL, cfg, is, 1.0, 128), NTK_SUCCESS);
        for (slong id = 0; id < nd; id++)
        {
            assert_int_equal(ntk_finite_mean_exact(ex, cfg, is, cfg->depths[id], 1.0, 128), NTK_SUCCESS);
            if (!arb_overlaps(ex, EK + id) || arb_rel_accuracy_bits(EK + id) < 100)
            {
                char *p = arb_get_str(EK + id, 30, 0), *q = arb_get_str(ex, 30, 0);
                print_error("sigma_w2 %g depth %ld: exact moments %s, Lemma F3/F4 %s\n",
                            cfg->sigma_w2[is], (long) cfg->depths[id], p, q);
                flint_free(p);
                flint_free(q);
                fail();
            }
        }
    }
    _arb_vec_clear(EK, nd);
    arb_clear(ex);
}

static void
test_mean_lemma_f3(void **state)
{
    static const double sig[] = {0.5, 1.0, 1.9, 2.0, 2.2, 3.5};
    static const slong mw[] = {1, 2, 3, 7, 100};
    slong d[12];
    (void) state;
    for (int i = 0; i < 12; i++)
        d[i] = i + 1;
    for (int pk = 0; pk < 3; pk++)
        for (int iw = 0; iw < 5; iw++)
        {
            ntk_finite_config_t cfg;
            ntk_finite_config_init(cfg);
            cfg->n0 = iw == 4 ? 100 : 3 + iw;
            ntk_finite_config_set_depths(cfg, d, 12);
            ntk_finite_config_set_width(cfg, mw[iw]);
            if (pk == 2)
            {
                double two = 2.0;
                cfg->init = NTK_FINITE_INIT_HE;
                cfg->param = NTK_FINITE_PARAM_NTK;
                ntk_finite_config_set_sigma_w2(cfg, &two, 1);
            }
            else
            {
                cfg->param = pk == 0 ? NTK_FINITE_PARAM_STANDARD : NTK_FINITE_PARAM_NTK;
                ntk_finite_config_set_sigma_w2(cfg, sig, 6);
            }
            compare_mean(cfg);
            /* varying widths with dead-prone layers */
            if (iw == 0)
            {
                slong w[12] = {1, 2, 1, 3, 5, 1, 2, 8, 1, 1, 4, 2};
                memcpy(cfg->widths, w, sizeof(w));
                compare_mean(cfg);
            }
            ntk_finite_config_clear(cfg);
        }
}

static void
test_mean_k2(void **state)
{
    /* K2 is Lemma F3 with P_{l-1} = 1: relative error < L 2^-M (M = 100) */
    slong w[40];
    double EK[40], EK2[40];
    arb_t k2;
    (void) state;
    arb_init(k2);
    for (int i = 0; i < 40; i++)
        w[i] = 100;
    for (int is = 0; is < 4; is++)
    {
        double s = (double[]) {0.8, 2.0, 2.5, 3.0}[is];
        exact3(EK, EK2, 40, 100, w, s, 1.0, NTK_FINITE_PARAM_STANDARD, 1.0);
        for (slong L = 1; L <= 40; L++)
        {
            ntk_finite_k2_formula(k2, s, L, 100, 100, 1.0, 128);
            assert_true(fabs(EK[L - 1] / mid(k2) - 1) < 1e-15);
        }
    }
    arb_clear(k2);
}

/* ---- 2. one hidden layer, by hand ---- */

static void
test_one_layer(void **state)
{
    (void) state;
    for (slong n = 1; n <= 9; n++)
        for (slong n0 = 1; n0 <= 4; n0 += 3)
        {
            double s = 1.7, x2 = 0.75, t1 = s / n0, t2 = s / n;
            double a = t2 * (x2 + 1), b = t1 * x2, EK = 0, EK2 = 0, e1, e2;
            slong w = n;
            /* K = a Y + b X + 1, X, Y iid chi^2_k given B = k */
            for (slong k = 0; k <= n; k++)
            {
                double p = 1, kk = (double) k;
                for (slong i = 0; i < k; i++)
                    p *= (double) (n - i) / (double) (i + 1);
                p = ldexp(p, (int) -n);
                EK += p * (a * kk + b * kk + 1);
                EK2 += p * (a * a * kk * (kk + 2) + b * b * kk * (kk + 2) + 1
                            + 2 * a * b * kk * kk + 2 * a * kk + 2 * b * kk);
            }
            exact3(&e1, &e2, 1, n0, &w, s, x2, NTK_FINITE_PARAM_STANDARD, 1.0);
            assert_true(fabs(e1 / EK - 1) < 1e-14);
            assert_true(fabs(e2 / EK2 - 1) < 1e-14);
        }
}

/* ---- 3. width-1 networks: monomials in the scalar weights ---- */

/* a monomial x2^ex * prod_j w_j^(2 e_j), j = 1..L+1 */
typedef struct { int ex; int e[16]; } mono;

static void
test_width_one(void **state)
{
    (void) state;
    for (slong L = 1; L <= 8; L++)
        for (int is = 0; is < 3; is++)
        {
            double s = (double[]) {0.7, 2.0, 3.1}[is], x2 = 1.3, beta = is == 2 ? 0.5 : 1.0;
            mono m[40];
            int nm = 0;
            slong w[16];
            double EK = 0, EK2 = 0, e1[16], e2[16];
            for (slong l = 0; l < L; l++)
                w[l] = 1;
            /* alive (w_1..w_L > 0 for x > 0): K = beta + a_L^2 + sum_l delta_l^2 (a_{l-1}^2 + beta);
               a_l = x w_1..w_l, delta_l = w_{l+1}..w_{L+1} */
            memset(m, 0, sizeof(m));
            m[nm].ex = 1;                              /* a_L^2 */
            for (slong j = 1; j <= L; j++) m[nm].e[j] = 1;
            nm++;
            for (slong l = 1; l <= L; l++)
            {
                m[nm].ex = 1;                          /* delta_l^2 a_{l-1}^2 */
                for (slong j = 1; j <= L + 1; j++) m[nm].e[j] = j != l;
                nm++;
                m[nm].ex = -1;                         /* beta delta_l^2 */
                for (slong j = l + 1; j <= L + 1; j++) m[nm].e[j] = 1;
                nm++;
            }
            /* E[w^(2e) 1{w>0}] = s^e (2e-1)!!/2 for hidden, E[w^(2e)] = s^e (2e-1)!! readout */
            for (int p = 0; p < nm; p++)
            {
                double c = m[p].ex == 1 ? x2 : beta, v = 1;
                for (slong j = 1; j <= L + 1; j++)
                {
                    int e = m[p].e[j];
                    double mo = e == 0 ? 1 : s;
                    v *= j <= L ? mo / 2 : mo;
                }
                EK += c * v;
                for (int q = 0; q < nm; q++)
                {
                    double c2 = m[q].ex == 1 ? x2 : beta, u = 1;
                    for (slong j = 1; j <= L + 1; j++)
                    {
                        int e = m[p].e[j] + m[q].e[j];
                        double mo = e == 0 ? 1 : e == 1 ? s : 3 * s * s;
                        u *= j <= L ? mo / 2 : mo;
                    }
                    EK2 += c * c2 * u;
                }
            }
            /* K = beta + 1_alive Q: E K = beta + E[1 Q]; E K^2 = beta^2 + 2 beta E[1 Q] + E[1 Q^2] */
            EK2 = beta * beta + 2 * beta * EK + EK2;
            EK = beta + EK;
            exact3(e1, e2, L, 1, w, s, x2, NTK_FINITE_PARAM_STANDARD, beta);
            if (fabs(e1[L - 1] / EK - 1) > 1e-13 || fabs(e2[L - 1] / EK2 - 1) > 1e-13)
            {
                print_error("width 1, L %ld, s %g: E K %.17g vs %.17g, E K^2 %.17g vs %.17g\n",
                            (long) L, s, e1[L - 1], EK, e2[L - 1], EK2);
                fail();
            }
        }
}

/* ---- 4. brute-force Monte Carlo, written here ---- */

typedef struct { uint64_t s; int have; double spare; } rng_t;

static uint64_t
splitmix(rng_t *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double
gauss(rng_t *r)
{
    if (r->have)
    {
        r->have = 0;
        return r->spare;
    }
    double u = ((splitmix(r) >> 11) + 0.5) * 0x1p-53, v = ((splitmix(r) >> 11) + 0.5) * 0x1p-53;
    double rad = sqrt(-2 * log(u));
    r->spare = rad * sin(6.283185307179586477 * v);
    r->have = 1;
    return rad * cos(6.283185307179586477 * v);
}

#define NMAX 8
#define LMAX 6

/* K(x,x) of one network, x = sqrt(x2) e_1, standard parameterization */
static double
sample_K(rng_t *r, slong n0, const slong *w, slong L, double s, double x2)
{
    double W[LMAX + 2][NMAX][NMAX], a[LMAX + 1][NMAX], d[LMAX + 1][NMAX], del[NMAX], nd[NMAX];
    double K = 0, na;
    slong n[LMAX + 2];
    n[0] = n0;
    for (slong l = 1; l <= L; l++)
        n[l] = w[l - 1];
    n[L + 1] = 1;
    memset(a, 0, sizeof(a));
    a[0][0] = sqrt(x2);
    for (slong l = 1; l <= L + 1; l++)
        for (slong i = 0; i < n[l]; i++)
            for (slong j = 0; j < n[l - 1]; j++)
                W[l][i][j] = sqrt(s / n[l - 1]) * gauss(r);
    for (slong l = 1; l <= L; l++)
        for (slong i = 0; i < n[l]; i++)
        {
            double h = 0;
            for (slong j = 0; j < n[l - 1]; j++)
                h += W[l][i][j] * a[l - 1][j];
            a[l][i] = h > 0 ? h : 0;
            d[l][i] = h > 0 ? 1 : 0;      /* phi'(0) = 0 */
        }
    /* readout: df/dW^{L+1} = a^L, df/db = 1 */
    na = 0;
    for (slong j = 0; j < n[L]; j++)
        na += a[L][j] * a[L][j];
    K = na + 1;
    for (slong i = 0; i < n[L]; i++)
        del[i] = d[L][i] * W[L + 1][0][i];
    for (slong l = L; l >= 1; l--)
    {
        double dd = 0;
        na = 0;
        for (slong i = 0; i < n[l]; i++)
            dd += del[i] * del[i];
        for (slong j = 0; j < n[l - 1]; j++)
            na += a[l - 1][j] * a[l - 1][j];
        K += dd * (na + 1);
        if (l > 1)
        {
            for (slong j = 0; j < n[l - 1]; j++)
            {
                double g = 0;
                for (slong i = 0; i < n[l]; i++)
                    g += W[l][i][j] * del[i];
                nd[j] = d[l - 1][j] * g;
            }
            memcpy(del, nd, sizeof(double) * n[l - 1]);
        }
    }
    return K;
}

static void
mc_case(slong n0, const slong *w, slong L, double s, double x2, long N, uint64_t seed)
{
    rng_t r = {seed, 0, 0};
    double s1 = 0, s2 = 0, s3 = 0, s4 = 0, EK, EK2, e1[LMAX], e2[LMAX];
    for (long k = 0; k < N; k++)
    {
        double K = sample_K(&r, n0, w, L, s, x2), K2 = K * K;
        s1 += K; s2 += K2; s3 += K2 * K; s4 += K2 * K2;
    }
    EK = s1 / N;
    EK2 = s2 / N;
    double se1 = sqrt((s2 / N - EK * EK) / (N - 1)), se2 = sqrt((s4 / N - EK2 * EK2) / (N - 1));
    exact3(e1, e2, L, n0, w, s, x2, NTK_FINITE_PARAM_STANDARD, 1.0);
    double z1 = (EK - e1[L - 1]) / se1, z2 = (EK2 - e2[L - 1]) / se2;
    if (!(fabs(z1) < 4 && fabs(z2) < 4))
    {
        print_error("MC seed %lu, N %ld, n0 %ld, L %ld, s %g: E K %.8g +- %.2g vs exact %.10g (z %.2f); "
                    "E K^2 %.8g +- %.2g vs exact %.10g (z %.2f)\n",
                    (unsigned long) seed, N, (long) n0, (long) L, s, EK, se1, e1[L - 1], z1,
                    EK2, se2, e2[L - 1], z2);
        fail();
    }
}

static void
test_monte_carlo(void **state)
{
    slong w3[3] = {3, 3, 3}, wv[4] = {2, 4, 1, 3}, w1[5] = {1, 1, 1, 1, 1}, w5[5] = {5, 5, 5, 5, 5};
    long N = slow ? 4000000 : 200000;
    (void) state;
    mc_case(3, w3, 3, 2.0, 1.0, N, 20261204);   /* the case n0 = n = 3, L = 3 */
    mc_case(3, w3, 3, 1.0, 1.0, N, 7);
    mc_case(3, w3, 3, 3.5, 1.0, N, 8);
    mc_case(2, wv, 4, 2.0, 0.5, N, 9);          /* varying widths, a width-1 layer */
    mc_case(1, w1, 5, 2.0, 1.0, N, 10);         /* dead layers with probability 1/2 */
    if (slow)
        mc_case(5, w5, 5, 2.2, 1.0, N, 11);
}

/* ---- 5. dispersion against the library's Monte Carlo ---- */

static void
test_dispersion_vs_run(void **state)
{
    ntk_finite_config_t cfg;
    ntk_finite_result_t res;
    /* fast: depths 1..20 with 2000 samples; slow: 20000 samples at the
       depths where the dispersion stays below ~2 -- beyond, K^2 is so
       heavy-tailed that the jackknife SE underestimates the error of the
       sample dispersion (proofs/finite-width.md section 6; at M = 20, L =
       10, sigma_w2 = 2, seed 5: 3.106 +- 0.089 with 2e4 samples, 3.474 +-
       0.047 with 4e5 (seed 1), exact 3.5048) */
    slong d[5] = {1, 5, 10, 15, 20}, ds[5] = {1, 2, 3, 4, 5};
    double sig[4] = {0.5, 1.5, 2.0, 3.0}, r1 = 1.0;
    arb_ptr D = _arb_vec_init(5);
    (void) state;
    ntk_finite_config_init(cfg);
    cfg->n0 = 20;
    ntk_finite_config_set_depths(cfg, slow ? ds : d, 5);
    ntk_finite_config_set_width(cfg, 20);
    ntk_finite_config_set_sigma_w2(cfg, sig, 4);
    ntk_finite_config_set_r(cfg, &r1, 1);
    cfg->samples = slow ? 20000 : 2000;
    cfg->seed = 5;
    ntk_finite_result_init(res, cfg);
    assert_int_equal(ntk_finite_run(res, cfg, 0, NULL, NULL), NTK_SUCCESS);
    for (slong is = 0; is < 4; is++)
    {
        assert_int_equal(ntk_finite_exact_moments_cfg(NULL, NULL, D, cfg, is, 1.0, 128), NTK_SUCCESS);
        for (slong id = 0; id < 5; id++)
        {
            ntk_finite_est e = ntk_finite_dispersion(res, is, id, 0);
            double z = (e.est - mid(D + id)) / e.err;
            if (!(fabs(z) < 4))
            {
                print_error("seed %lu, sigma_w2 %g, L %ld: MC dispersion %.6g +- %.2g, exact %.8g (z %.2f)\n",
                            (unsigned long) cfg->seed, sig[is], (long) cfg->depths[id], e.est, e.err,
                            mid(D + id), z);
                fail();
            }
        }
    }
    _arb_vec_clear(D, 5);
    ntk_finite_result_clear(res);
    ntk_finite_config_clear(cfg);
}

/* ---- 6. identities: E X^2/E X^2 = 1 + 5/n, K1 numbers, bad input ---- */

static void
test_forward_ratio(void **state)
{
    /* Lemma F9: X ~ chi^2_B, B ~ Bin(n, 1/2): E[X^2]/E[X]^2 = 1 + 5/n,
       summed over B here (E[X^2 | B = k] = k (k + 2)) */
    (void) state;
    for (slong n = 1; n < 50; n++)
    {
        double m1 = 0, m2 = 0;
        for (slong k = 0; k <= n; k++)
        {
            double p = 1;
            for (slong i = 0; i < k; i++)
                p *= (double) (n - i) / (double) (i + 1);
            p = ldexp(p, (int) -n);
            m1 += p * k;
            m2 += p * k * (k + 2.0);
        }
        assert_true(fabs(m2 / (m1 * m1) - (1 + 5.0 / n)) < 1e-13);
    }
}

static void
test_k1_numbers(void **state)
{
    arb_t s, dsup, dev, crit;
    arb_ptr slope = _arb_vec_init(4), D;
    slong M = 25, Ls = 10, w[50];
    (void) state;
    arb_init(s); arb_init(dsup); arb_init(dev); arb_init(crit);
    D = _arb_vec_init(50);
    for (int i = 0; i < 50; i++)
        w[i] = M;
    for (int is = 0; is < 2; is++)
    {
        arb_t one;
        arb_init(one);
        arb_one(one);
        arb_set_str(s, is ? "1.9" : "2.2", 128);
        assert_int_equal(ntk_finite_exact_k1_numbers(slope, dsup, dev, crit, s, M, Ls, 4, 128), NTK_SUCCESS);
        assert_int_equal(ntk_finite_exact_moments(NULL, NULL, D, 50, M, w, s, one,
                                                  NTK_FINITE_PARAM_STANDARD, one, 128), NTK_SUCCESS);
        double mx = 0;
        for (int l = 0; l < 50; l++)
            mx = fmax(mx, mid(D + l));
        assert_true(fabs(mid(dsup) / mx - 1) < 1e-14);
        assert_true(fabs(mid(dev) - M * (mx - 1)) < 1e-10 * mid(dev));
        for (int k = 1; k <= 4; k++)
        {
            double ref = (log(mid(D + (k + 1) * Ls - 1)) - log(mid(D + k * Ls - 1))) * M / Ls;
            assert_true(fabs(mid(slope + k - 1) - ref) < 1e-12 * fabs(ref) + 1e-14);
        }
        /* crit = (s/2)^2 (1 + 5/M) - 1 */
        double sd = is ? 1.9 : 2.2;
        assert_true(fabs(mid(crit) - (sd * sd / 4 * (1 + 5.0 / M) - 1)) < 1e-14);
        arb_clear(one);
    }
    _arb_vec_clear(slope, 4);
    _arb_vec_clear(D, 50);
    arb_clear(s); arb_clear(dsup); arb_clear(dev); arb_clear(crit);
}

static void
test_bad_input(void **state)
{
    arb_t s, one, neg;
    arb_ptr D = _arb_vec_init(3);
    slong w[3] = {2, 0, 2}, ok[3] = {2, 2, 2};
    ntk_finite_config_t cfg;
    (void) state;
    arb_init(s); arb_init(one); arb_init(neg);
    arb_one(one);
    arb_set_si(neg, -1);
    arb_set_ui(s, 2);
    assert_int_equal(ntk_finite_exact_moments(NULL, NULL, D, 3, 2, w, s, one, 0, one, 64), NTK_DOMAIN);
    assert_int_equal(ntk_finite_exact_moments(NULL, NULL, D, 0, 2, ok, s, one, 0, one, 64), NTK_DOMAIN);
    assert_int_equal(ntk_finite_exact_moments(NULL, NULL, D, 3, 0, ok, s, one, 0, one, 64), NTK_DOMAIN);
    assert_int_equal(ntk_finite_exact_moments(NULL, NULL, D, 3, 2, ok, neg, one, 0, one, 64), NTK_DOMAIN);
    assert_int_equal(ntk_finite_exact_moments(NULL, NULL, D, 3, 2, ok, s, neg, 0, one, 64), NTK_DOMAIN);
    ntk_finite_config_init(cfg);
    cfg->sigma_b2 = 0.1;
    assert_int_equal(ntk_finite_exact_moments_cfg(D, NULL, NULL, cfg, 0, 1.0, 64), NTK_DOMAIN);
    cfg->sigma_b2 = 0;
    ntk_finite_act_set_str(cfg->act, "tanh");
    assert_int_equal(ntk_finite_exact_moments_cfg(D, NULL, NULL, cfg, 0, 1.0, 64), NTK_DOMAIN);
    ntk_finite_config_clear(cfg);
    _arb_vec_clear(D, 3);
    arb_clear(s); arb_clear(one); arb_clear(neg);
}

/* the exact rationals of proofs/check/finite_exact.py (direct expansion of
   (7.1), no automaton): n0 = n = 3, L = 3, sigma_w2 = 2, |x|^2 = 1 */
static void
test_rational_case(void **state)
{
    slong w[3] = {3, 3, 3};
    arb_ptr a = _arb_vec_init(3), b = _arb_vec_init(3), c = _arb_vec_init(3);
    arb_t s, one;
    fmpq_t q;
    (void) state;
    arb_init(s); arb_init(one);
    fmpq_init(q);
    arb_set_ui(s, 2);
    arb_one(one);
    assert_int_equal(ntk_finite_exact_moments(a, b, c, 3, 3, w, s, one, NTK_FINITE_PARAM_STANDARD,
                                              one, 256), NTK_SUCCESS);
    fmpq_set_si(q, 489, 64);
    assert_true(arb_contains_fmpq(a + 2, q));
    fmpq_set_si(q, 12277, 32);
    assert_true(arb_contains_fmpq(b + 2, q));
    fmpz_set_ui(fmpq_numref(q), 1571456);
    fmpz_set_ui(fmpq_denref(q), 239121);
    assert_true(arb_contains_fmpq(c + 2, q));
    assert_true(arb_rel_accuracy_bits(c + 2) > 240);
    fmpq_clear(q);
    _arb_vec_clear(a, 3); _arb_vec_clear(b, 3); _arb_vec_clear(c, 3);
    arb_clear(s); arb_clear(one);
}

/* Lemma F12: n0 = n1 = M, L = 1: M (D - 1) = 29 s^2/(2 + 3 s)^2 for every M */
static void
test_lemma_f12(void **state)
{
    (void) state;
    for (slong M = 1; M <= 400; M += 57)
        for (int is = 0; is < 3; is++)
        {
            double s = (double[]) {0.5, 2.0, 3.5}[is], e1, e2;
            exact3(&e1, &e2, 1, M, &M, s, 1.0, NTK_FINITE_PARAM_STANDARD, 1.0);
            assert_true(fabs(e1 - (1 + 1.5 * s)) < 1e-14 * e1);
            assert_true(fabs(M * (e2 / (e1 * e1) - 1) - 29 * s * s / ((2 + 3 * s) * (2 + 3 * s))) < 1e-12);
        }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mean_lemma_f3),
        cmocka_unit_test(test_mean_k2),
        cmocka_unit_test(test_one_layer),
        cmocka_unit_test(test_rational_case),
        cmocka_unit_test(test_lemma_f12),
        cmocka_unit_test(test_width_one),
        cmocka_unit_test(test_forward_ratio),
        cmocka_unit_test(test_k1_numbers),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_monte_carlo),
        cmocka_unit_test(test_dispersion_vs_run),
    };
    slow = getenv("NTK_FINITE_EXACT_SLOW") != NULL;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
