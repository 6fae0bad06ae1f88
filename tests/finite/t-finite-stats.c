/*
 * Monte Carlo against independent truth:
 *  - bit-identical sums for 1 and 2 threads and for a 2-part split (the
 *    MPI partition) recombined;
 *  - sample means of K(x,x) within 4 standard errors of the exact
 *    finite-width mean (proofs/finite-width.md Lemmas F3, F4) at tiny
 *    widths, where the dead-network terms matter; the seed is printed;
 *  - the infinite-width ratio against closed forms (1/(2 pi) at one layer,
 *    1/4 at large depth, papers.md H4);
 *  - the Bonferroni threshold against its defining identity.
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

static void
tiny(ntk_finite_config_t cfg, slong M, slong n0, const slong *d, slong nd, const double *s,
     slong ns, slong samples, uint64_t seed)
{
    double r[3] = {1.0, 0.5, 0.0};
    ntk_finite_config_init(cfg);
    cfg->n0 = n0;
    ntk_finite_config_set_depths(cfg, d, nd);
    ntk_finite_config_set_width(cfg, M);
    ntk_finite_config_set_sigma_w2(cfg, s, ns);
    ntk_finite_config_set_r(cfg, r, 3);
    cfg->samples = samples;
    cfg->seed = seed;
}

static void
test_partition_independence(void **state)
{
    ntk_finite_config_t cfg;
    ntk_finite_result_t a, b, p0, p1;
    slong d[3] = {1, 4, 9};
    double s[3] = {1.0, 2.0, 3.0};
    tiny(cfg, 7, 5, d, 3, s, 3, 97, 2024);
    ntk_finite_result_init(a, cfg);
    ntk_finite_result_init(b, cfg);
    ntk_finite_result_init(p0, cfg);
    ntk_finite_result_init(p1, cfg);
    assert_int_equal(ntk_finite_run(a, cfg, 1, NULL, NULL), NTK_SUCCESS);
    assert_int_equal(ntk_finite_run(b, cfg, 2, NULL, NULL), NTK_SUCCESS);
    assert_memory_equal(a->total, b->total, sizeof(double) * a->size);
    assert_memory_equal(a->group, b->group, sizeof(double) * a->size * a->ngroups);
    /* two "ranks": disjoint work items, combined by x + 0 */
    assert_int_equal(ntk_finite_run_part(p0, cfg, 0, 2, 1, NULL, NULL), NTK_SUCCESS);
    assert_int_equal(ntk_finite_run_part(p1, cfg, 1, 2, 2, NULL, NULL), NTK_SUCCESS);
    for (slong i = 0; i < p0->size * p0->ngroups; i++)
        p0->group[i] += p1->group[i];
    ntk_finite_result_total(p0);
    assert_memory_equal(a->total, p0->total, sizeof(double) * a->size);
    ntk_finite_result_clear(a);
    ntk_finite_result_clear(b);
    ntk_finite_result_clear(p0);
    ntk_finite_result_clear(p1);
    ntk_finite_config_clear(cfg);
}

/* every (sigma, depth) mean of K(x,x) within 4 se of the exact mean */
static void
check_exact(ntk_finite_config_t cfg, const char *what)
{
    ntk_finite_result_t res;
    arb_t ex;
    arb_init(ex);
    ntk_finite_result_init(res, cfg);
    assert_int_equal(ntk_finite_run(res, cfg, 0, NULL, NULL), NTK_SUCCESS);
    for (slong is = 0; is < cfg->nsigma; is++)
        for (slong id = 0; id < cfg->ndepths; id++)
        {
            ntk_finite_est m = ntk_finite_mean(res, is, id, 0, NTK_FINITE_S_DIAG);
            assert_int_equal(ntk_finite_mean_exact(ex, cfg, is, cfg->depths[id], 1.0, 128), NTK_SUCCESS);
            double e = arf_get_d(arb_midref(ex), ARF_RND_NEAR), z = (m.est - e) / m.err;
            printf("# %s seed %lu sigma_w2 %g L %ld: mean %.6g +- %.2g exact %.6g z %.2f\n", what,
                   (unsigned long) cfg->seed, cfg->sigma_w2[is], (long) cfg->depths[id], m.est,
                   m.err, e, z);
            assert_true(fabs(z) < 4);
            /* the diagonal at the other inputs has the same mean (|x_r|^2 has mean 1) */
            m = ntk_finite_mean(res, is, id, 2, NTK_FINITE_S_DIAG);
            assert_true(fabs((m.est - e) / m.err) < 4);
        }
    ntk_finite_result_clear(res);
    arb_clear(ex);
}

static void
test_exact_mean_standard(void **state)
{
    ntk_finite_config_t cfg;
    slong d[3] = {1, 3, 6};
    double s[3] = {1.0, 2.0, 3.0};
    tiny(cfg, 2, 3, d, 3, s, 3, 6000, 77);    /* width 2: dead layers are frequent */
    check_exact(cfg, "standard M=2");
    ntk_finite_config_clear(cfg);
}

static void
test_exact_mean_ntk_and_he(void **state)
{
    ntk_finite_config_t cfg;
    slong d[2] = {1, 4};
    double s[2] = {1.5, 2.0};
    tiny(cfg, 3, 4, d, 2, s, 2, 6000, 78);
    cfg->param = NTK_FINITE_PARAM_NTK;
    check_exact(cfg, "ntk M=3");
    ntk_finite_config_clear(cfg);
    s[0] = 2.0;
    tiny(cfg, 3, 4, d, 2, s, 1, 6000, 79);
    cfg->init = NTK_FINITE_INIT_HE;
    cfg->param = NTK_FINITE_PARAM_NTK;
    check_exact(cfg, "he M=3");
    ntk_finite_config_clear(cfg);
}

/* at width 2 the formula K2 as written misses the dead networks: its claim
   comes out refuted with enough samples, while the exact mean holds */
static void
test_claim_k2_tiny(void **state)
{
    ntk_finite_config_t cfg;
    ntk_finite_result_t res;
    ntk_finite_claim c;
    slong d[2] = {4, 8};
    double s[1] = {2.0};
    tiny(cfg, 2, 3, d, 2, s, 1, 4000, 80);
    ntk_finite_result_init(res, cfg);
    assert_int_equal(ntk_finite_run(res, cfg, 0, NULL, NULL), NTK_SUCCESS);
    assert_int_equal(ntk_finite_claim_k2(&c, res, cfg), NTK_SUCCESS);
    printf("# K2 at M = 2: %s\n", c.detail);
    /* the statistic of a refutation (rule V5 reads it in the claim module) */
    assert_int_equal(c.test, NTK_FINITE_TEST_ALL_BELOW);
    assert_true(c.valid);
    assert_true(c.zmax >= c.zcrit);
    ntk_finite_result_clear(res);
    ntk_finite_config_clear(cfg);
}

/* the exact mean equals K2 up to the dead-network terms: at width 200 they
   are below 2^-190 */
static void
test_exact_vs_k2(void **state)
{
    ntk_finite_config_t cfg;
    arb_t a, b;
    slong d[1] = {49};
    double s[3] = {0.5, 2.0, 3.5};
    arb_init(a);
    arb_init(b);
    tiny(cfg, 200, 100, d, 1, s, 3, 1, 1);
    for (slong is = 0; is < 3; is++)
        for (slong L = 1; L <= 49; L += 6)
        {
            ntk_finite_mean_exact(a, cfg, is, L, 1.0, 256);
            ntk_finite_k2_formula(b, s[is], L, 200, 100, 1.0, 256);
            arb_sub(a, a, b, 256);
            arb_div(a, a, b, 256);
            arb_abs(a, a);
            assert_true(arf_cmp_2exp_si(arb_midref(a), -180) < 0);
        }
    arb_clear(a);
    arb_clear(b);
    ntk_finite_config_clear(cfg);
}

static void
test_ratio_infinite(void **state)
{
    arb_t r, t;
    arb_init(r);
    arb_init(t);
    /* identical inputs: ratio 1 */
    ntk_finite_ratio_infinite(r, 30, 1.0, 128);
    assert_true(arb_contains_si(r, 1) && mag_cmp_2exp_si(arb_radref(r), -100) < 0);
    /* one hidden layer, orthogonal inputs: theta_2 = 0 + c_2 = 1/pi, ratio 1/(2 pi) */
    ntk_finite_ratio_infinite(r, 1, 0.0, 128);
    arb_const_pi(t, 128);
    arb_mul_2exp_si(t, t, 1);
    arb_inv(t, t, 128);
    assert_true(arb_overlaps(r, t) && mag_cmp_2exp_si(arb_radref(r), -100) < 0);
    /* large depth: -> 1/4 (papers.md H4), error O(log L / L) */
    ntk_finite_ratio_infinite(r, 20000, 0.0, 128);
    double v = arf_get_d(arb_midref(r), ARF_RND_NEAR);
    printf("# infinite-width ratio at L = 20000, r = 0: %.8f\n", v);
    assert_true(fabs(v - 0.25) < 1e-3 && v > 0.25);
    arb_clear(r);
    arb_clear(t);
}

static void
test_zcrit(void **state)
{
    assert_true(ntk_finite_zcrit(1) == 3.0);
    double p3 = 0.5 * erfc(3 / sqrt(2.0));
    for (slong m = 2; m <= 10000; m *= 7)
    {
        double z = ntk_finite_zcrit(m), p = 0.5 * erfc(z / sqrt(2.0));
        assert_true(fabs(p * m - p3) < 1e-9 * p3);
        assert_true(z > ntk_finite_zcrit(m - 1) || m == 2);
    }
}

static void
test_bad_config(void **state)
{
    ntk_finite_config_t cfg;
    ntk_finite_config_init(cfg);
    cfg->samples = 0;
    assert_int_equal(ntk_finite_config_check(cfg), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "samples"));
    cfg->samples = 1;
    cfg->sigma_w2[3] = 0;
    assert_int_equal(ntk_finite_config_check(cfg), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "sigma_w2"));
    cfg->sigma_w2[3] = 1;
    cfg->widths[0] = 0;
    assert_int_equal(ntk_finite_config_check(cfg), NTK_DOMAIN);
    ntk_finite_config_clear(cfg);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_partition_independence),
        cmocka_unit_test(test_exact_mean_standard),
        cmocka_unit_test(test_exact_mean_ntk_and_he),
        cmocka_unit_test(test_claim_k2_tiny),
        cmocka_unit_test(test_exact_vs_k2),
        cmocka_unit_test(test_ratio_infinite),
        cmocka_unit_test(test_zcrit),
        cmocka_unit_test(test_bad_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
