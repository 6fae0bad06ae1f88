/* Number parsing: the parsed ball must contain the exact rational; the
 * double parsers agree with the exact rational to within double rounding,
 * lists and depth ranges with their hand-expanded values. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ntkdepth.h"

static void
test_exact_tenth(void **state)
{
    arb_t x, y;
    (void) state;
    arb_init(x); arb_init(y);
    assert_int_equal(ntk_parse_arb(x, "0.2", "x", 128), NTK_SUCCESS);
    /* independent truth: 1/5 as a rational */
    arb_set_ui(y, 1);
    arb_div_ui(y, y, 5, 128);
    assert_true(arb_overlaps(x, y));
    arb_mul_ui(x, x, 5, 128);
    assert_true(arb_contains_si(x, 1));
    arb_clear(x); arb_clear(y);
}

static void
test_forms(void **state)
{
    fmpq_t q, r;
    (void) state;
    fmpq_init(q); fmpq_init(r);
    assert_int_equal(ntk_parse_fmpq(q, "-1.25e2", "x"), NTK_SUCCESS);
    fmpq_set_si(r, -125, 1);
    assert_true(fmpq_equal(q, r));
    assert_int_equal(ntk_parse_fmpq(q, "+.5", "x"), NTK_SUCCESS);
    fmpq_set_si(r, 1, 2);
    assert_true(fmpq_equal(q, r));
    assert_int_equal(ntk_parse_fmpq(q, "3E-3", "x"), NTK_SUCCESS);
    fmpq_set_si(r, 3, 1000);
    assert_true(fmpq_equal(q, r));
    fmpq_clear(q); fmpq_clear(r);
}

static void
test_rejects(void **state)
{
    fmpq_t q;
    const char *bad[] = {"", "abc", "1.2.3", "1e", "1e+", "--1", "1 ", " 1",
                         "nan", "inf", "0x10", "1e999999", "1,5"};
    (void) state;
    fmpq_init(q);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    {
        assert_int_equal(ntk_parse_fmpq(q, bad[i], "--c0"), NTK_DOMAIN);
        /* the message names the option */
        assert_non_null(strstr(ntk_error_last(), "--c0"));
    }
    fmpq_clear(q);
}

static void
test_slong(void **state)
{
    slong n;
    (void) state;
    assert_int_equal(ntk_parse_slong(&n, "1e6", "--depth", 1, WORD_MAX), NTK_SUCCESS);
    assert_int_equal(n, 1000000);
    assert_int_equal(ntk_parse_slong(&n, "2.5e3", "--depth", 1, WORD_MAX), NTK_SUCCESS);
    assert_int_equal(n, 2500);
    assert_int_equal(ntk_parse_slong(&n, "0", "--depth", 1, WORD_MAX), NTK_DOMAIN);
    assert_int_equal(ntk_parse_slong(&n, "1.5", "--depth", 1, WORD_MAX), NTK_DOMAIN);
    assert_int_equal(ntk_parse_slong(&n, "1e30", "--depth", 1, WORD_MAX), NTK_DOMAIN);
}

/* doubles: within rounding (2^-52 relative) of the exact rational */
static void
test_double(void **state)
{
    static const char *ok[] = {"0.2", "-3", "1e6", "2.5e-3", "+7.", ".5", "123456789012345678901234567890"};
    static const char *bad[] = {"", "x", "1,2", "1e", " 1", "1 ", "inf", "nan", "1e400", "0.5.5"};
    double d;
    fmpq_t q;
    arb_t x, y;
    (void) state;
    fmpq_init(q); arb_init(x); arb_init(y);
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
    {
        assert_int_equal(ntk_parse_double(&d, ok[i], "v"), NTK_SUCCESS);
        assert_int_equal(ntk_parse_fmpq(q, ok[i], "v"), NTK_SUCCESS);
        arb_set_fmpq(x, q, 200);
        arb_set_d(y, d);
        arb_sub(y, y, x, 200);
        arb_abs(y, y);
        arb_mul_2exp_si(x, x, -52);
        arb_abs(x, x);
        assert_true(arb_le(y, x));
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    {
        assert_int_equal(ntk_parse_double(&d, bad[i], "sigma_b2"), NTK_DOMAIN);
        assert_non_null(strstr(ntk_error_last(), "sigma_b2 '"));
    }
    fmpq_clear(q); arb_clear(x); arb_clear(y);
}

static void
test_double_list(void **state)
{
    static const char *bad[] = {"", ",", "1,", ",1", "1,,2", "1,x", "1;2"};
    double *v;
    slong n;
    (void) state;
    assert_int_equal(ntk_parse_double_list(&v, &n, "0.5,2,1e1,-3", "w"), NTK_SUCCESS);
    assert_int_equal(n, 4);
    assert_true(v[0] == 0.5 && v[1] == 2 && v[2] == 10 && v[3] == -3);
    free(v);
    assert_int_equal(ntk_parse_double_list(&v, &n, "7", "w"), NTK_SUCCESS);
    assert_true(n == 1 && v[0] == 7);
    free(v);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    {
        assert_int_equal(ntk_parse_double_list(&v, &n, bad[i], "widths"), NTK_DOMAIN);
        assert_null(v);
        assert_non_null(strstr(ntk_error_last(), "widths '"));
    }
}

/* A:B:STEP expands to A, A + STEP, ... <= B; lists keep their order */
static void
test_depth_range(void **state)
{
    static const char *bad[] = {"0", "0:5", "5:2", "1:2:3:4", "1:x", "1.5", "1,2.5", "2e6",
                                "1:2:0", "", "1,,2", "123456789012345678901234567890123:2"};
    slong *d, n;
    (void) state;
    assert_int_equal(ntk_parse_depth_range(&d, &n, "1:49:6", "depth", 1000000), NTK_SUCCESS);
    assert_int_equal(n, 9);
    for (slong i = 0; i < n; i++)
        assert_int_equal(d[i], 1 + 6 * i);
    free(d);
    assert_int_equal(ntk_parse_depth_range(&d, &n, "3:5", "depth", 1000000), NTK_SUCCESS);
    assert_true(n == 3 && d[0] == 3 && d[2] == 5);
    free(d);
    assert_int_equal(ntk_parse_depth_range(&d, &n, "10,1e2,5", "depth", 1000000), NTK_SUCCESS);
    assert_true(n == 3 && d[0] == 10 && d[1] == 100 && d[2] == 5);
    free(d);
    assert_int_equal(ntk_parse_depth_range(&d, &n, "49", "depth", 49), NTK_SUCCESS);
    assert_true(n == 1 && d[0] == 49);
    free(d);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    {
        assert_int_equal(ntk_parse_depth_range(&d, &n, bad[i], "depths", 1000000), NTK_DOMAIN);
        assert_null(d);
        assert_non_null(strstr(ntk_error_last(), "depths"));
    }
}

/* decimals written back: terminating rationals exactly (parsed back to
   the same rational), others to the digits asked */
static void
test_decimal_str(void **state)
{
    static const char *in[] = {"1.5", "-0.04", "3", "0", "1e-7", "-12345.678e2", "0.1000"};
    static const char *out[] = {"1.5", "-0.04", "3", "0", "0.0000001", "-1234567.8", "0.1"};
    fmpq_t q, r;
    char *s;
    (void) state;
    fmpq_init(q); fmpq_init(r);
    for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
    {
        assert_int_equal(ntk_parse_fmpq(q, in[i], "x"), NTK_SUCCESS);
        s = ntk_fmpq_get_str_dec(q, 17);
        assert_string_equal(s, out[i]);
        assert_int_equal(ntk_parse_fmpq(r, s, "x"), NTK_SUCCESS);
        assert_true(fmpq_equal(q, r));
        flint_free(s);
    }
    fmpq_set_si(q, -2, 3);
    s = ntk_fmpq_get_str_dec(q, 5);
    assert_string_equal(s, "-0.66667");
    flint_free(s);
    fmpq_set_si(q, 4, 3);
    s = ntk_fmpq_get_str_dec(q, 17);
    assert_string_equal(s, "1.3333333333333333");
    flint_free(s);
    fmpq_clear(q); fmpq_clear(r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_tenth),
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_rejects),
        cmocka_unit_test(test_slong),
        cmocka_unit_test(test_double),
        cmocka_unit_test(test_double_list),
        cmocka_unit_test(test_depth_range),
        cmocka_unit_test(test_decimal_str),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
