/*
 * Philox4x64-10 against Random123's published known-answer vectors
 * (tests/kat_vectors of github.com/DEShawResearch/random123, the three
 * "philox4x64 10" lines), and the normal generator's purity and moments.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include "ntkdepth/finite.h"

static void
test_kat(void **state)
{
    static const uint64_t kat[3][10] = {
        {0, 0, 0, 0, 0, 0,
         0x16554d9eca36314cULL, 0xdb20fe9d672d0fdcULL, 0xd7e772cee186176bULL, 0x7e68b68aec7ba23bULL},
        {~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL,
         0x87b092c3013fe90bULL, 0x438c3c67be8d0224ULL, 0x9cc7d7c69cd777b6ULL, 0xa09caebf594f0ba0ULL},
        {0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL, 0xa4093822299f31d0ULL, 0x082efa98ec4e6c89ULL,
         0x452821e638d01377ULL, 0xbe5466cf34e90c6cULL,
         0xa528f45403e61d95ULL, 0x38c72dbd566e9788ULL, 0xa5a1610e72fd18b5ULL, 0x57bd43b5e52b7fe6ULL}};
    for (int t = 0; t < 3; t++)
    {
        uint64_t out[4];
        ntk_finite_philox4x64(out, kat[t], kat[t] + 4);
        for (int i = 0; i < 4; i++)
            assert_true(out[i] == kat[t][6 + i]);
    }
}

/* any slice of a stream is the same numbers: pure function of the index */
static void
test_purity(void **state)
{
    uint64_t key[2] = {7, 99};
    double a[1001], b[1001], c[5];
    ntk_finite_normals(a, 1001, 1.0, key, 3, 4);
    ntk_finite_normals(b, 1001, 2.0, key, 3, 4);
    ntk_finite_normals(c, 5, 1.0, key, 3, 4);
    for (int i = 0; i < 1001; i++)
        assert_true(b[i] == 2.0 * a[i]);
    for (int i = 0; i < 5; i++)
        assert_true(c[i] == a[i]);
    /* another key, stream or tag gives other numbers */
    key[1] = 100;
    ntk_finite_normals(c, 5, 1.0, key, 3, 4);
    assert_true(c[0] != a[0]);
}

/* moments of N(0,1): mean 0, variance 1, E z^4 = 3, within 5 standard
   errors (the errors are those of the exact normal law) */
static void
test_moments(void **state)
{
    slong n = 400000;
    uint64_t key[2] = {1, 2};
    double *z = malloc(sizeof(double) * n), s1 = 0, s2 = 0, s4 = 0, neg = 0;
    ntk_finite_normals(z, n, 1.0, key, 0, 0);
    for (slong i = 0; i < n; i++)
    {
        s1 += z[i];
        s2 += z[i] * z[i];
        s4 += z[i] * z[i] * z[i] * z[i];
        neg += z[i] < -1.0;
    }
    printf("# normals: mean %.5f var %.5f m4 %.4f P(z<-1) %.5f (n = %ld)\n", s1 / n, s2 / n,
           s4 / n, neg / n, (long) n);
    assert_true(fabs(s1 / n) < 5 * sqrt(1.0 / n));
    assert_true(fabs(s2 / n - 1) < 5 * sqrt(2.0 / n));
    assert_true(fabs(s4 / n - 3) < 5 * sqrt(96.0 / n));
    double p = 0.5 * erfc(1 / sqrt(2.0));
    assert_true(fabs(neg / n - p) < 5 * sqrt(p * (1 - p) / n));
    free(z);
}

/* Phi(Phi^{-1}(u)) = u, with Phi from libm's erfc (independent of AS 241):
   a wrong coefficient in any of the three regions would show far above
   the tolerance.  Relative to min(u, 1 - u); the amplification of a
   relative error d in z is |z phi(z) / Phi(z)| <= z^2 + 1 < 70 here. */
static void
test_quantile(void **state)
{
    double worst = 0;
    for (int reg = 0; reg < 3; reg++)
        for (int i = 1; i < 20000; i++)
        {
            double u;
            if (reg == 0)
                u = i / 20000.0;                              /* whole range */
            else if (reg == 1)
                u = exp(-25.0 * i / 20000.0) * 0.075;         /* middle tail */
            else
                u = exp(-25.0 - 11.7 * i / 20000.0);          /* far tail, r > 5 */
            for (int side = 0; side < 2; side++)
            {
                double p = side ? 1 - u : u;
                if (side && (1 - p) != u)
                    continue;                                 /* 1 - u not exact */
                double z = ntk_finite_normal_quantile(p);
                /* lower tail Phi(z), upper tail 1 - Phi(z) = Phi(-z) */
                double err = p < 0.5 ? fabs(0.5 * erfc(-z / sqrt(2.0)) - p) / p
                                     : fabs(0.5 * erfc(z / sqrt(2.0)) - (1 - p)) / (1 - p);
                if (err > worst)
                    worst = err;
                if (!(err < 1e-13))
                    fail_msg("Phi(Phi^-1(%.17g)) relative error %.3g (z = %.17g)", p, err, z);
            }
        }
    printf("# quantile: worst relative error of Phi(Phi^-1(u)) %.3g\n", worst);
    /* symmetry and known points */
    assert_true(ntk_finite_normal_quantile(0.5) == 0);
    assert_true(fabs(ntk_finite_normal_quantile(0.975) - 1.959963984540054) < 1e-15);
    assert_true(ntk_finite_normal_quantile(0.1) == -ntk_finite_normal_quantile(0.9));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kat),
        cmocka_unit_test(test_purity),
        cmocka_unit_test(test_moments),
        cmocka_unit_test(test_quantile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
