/* Exact decimal parsing: the parsed ball must contain the exact rational. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_tenth),
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_rejects),
        cmocka_unit_test(test_slong),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
