/* Constant expressions against exact values computed directly with Arb. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

#define PREC 256

static int
lookup(arb_t res, const char *name, void *data, slong prec)
{
    (void) data;
    if (!strcmp(name, "n")) { arb_set_ui(res, 5); return 1; }
    if (!strcmp(name, "q")) { arb_set_ui(res, 3); arb_div_ui(res, res, 2, prec); return 1; }
    if (!strcmp(name, "bad")) { ntk_error_set(NTK_DOMAIN, "bad: cannot compute"); return -1; }
    return 0;
}

static void
expect(const char *e, const arb_t truth)
{
    arb_t r;
    arb_init(r);
    assert_int_equal(ntk_expr_eval(r, e, lookup, NULL, PREC), NTK_SUCCESS);
    if (!arb_overlaps(r, truth) || arb_rel_accuracy_bits(r) < PREC - 20)
        fail_msg("%s: wrong or inaccurate", e);
    arb_clear(r);
}

static void
expect_si(const char *e, slong v)
{
    arb_t t;
    arb_init(t);
    arb_set_si(t, v);
    expect(e, t);
    arb_clear(t);
}

static void
test_relu_constant(void **state)
{
    arb_t t;
    (void) state;
    arb_init(t);
    arb_const_pi(t, PREC);
    arb_sqr(t, t, PREC);
    arb_mul_ui(t, t, 9, PREC);
    arb_div_ui(t, t, 2, PREC);
    expect("9*pi^2/2", t);
    expect("9 * pi ^ 2 / 2", t);
    expect("(9/2)*pi*pi", t);
    arb_clear(t);
}

static void
test_precedence(void **state)
{
    (void) state;
    expect_si("2+3*4", 14);
    expect_si("(2+3)*4", 20);
    expect_si("-2^2", -4);
    expect_si("2^3^2", 512);
    expect_si("2^-1*4", 2);
    expect_si("10-4-3", 3);
    expect_si("--3", 3);
    expect_si("+7", 7);
    expect_si("0.1*10", 1);
    expect_si("1e3/1e2", 10);
    expect_si("2.5e-1*8", 2);
}

static void
test_vars_functions(void **state)
{
    arb_t t;
    (void) state;
    arb_init(t);
    arb_set_ui(t, 1);
    arb_div_ui(t, t, 8, PREC);
    expect("1/(n+3)", t);
    arb_set_ui(t, 3);
    arb_div_ui(t, t, 8, PREC);
    expect("q/4", t);
    arb_set_ui(t, 2);
    arb_sqrt(t, t, PREC);
    expect("sqrt(2)", t);
    expect("exp(ln(sqrt(2)))", t);
    arb_const_pi(t, PREC);
    arb_mul_2exp_si(t, t, -1);
    expect("asin(1)", t);
    expect("acos(0)", t);
    arb_const_e(t, PREC);
    expect("e", t);
    expect_si("abs(-3)", 3);
    arb_clear(t);
}

static void
test_errors(void **state)
{
    arb_t r;
    const char *bad[] = {"9*pi^", "", "   ", "foo(1)", "x + 1", "1 2", "(1+2", "1+)",
                         "pi(2)", "2**3", "sqrt 2"};
    (void) state;
    arb_init(r);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    {
        assert_int_equal(ntk_expr_eval(r, bad[i], lookup, NULL, PREC), NTK_DOMAIN);
        assert_true(strlen(ntk_error_last()) > 0);
    }
    ntk_expr_eval(r, "9*pi^", lookup, NULL, PREC);
    assert_non_null(strstr(ntk_error_last(), "column 6"));
    ntk_expr_eval(r, "x + 1", lookup, NULL, PREC);
    assert_non_null(strstr(ntk_error_last(), "unknown name 'x'"));
    ntk_expr_eval(r, "foo(1)", lookup, NULL, PREC);
    assert_non_null(strstr(ntk_error_last(), "unknown function"));
    /* the column is the name's, also when spaces follow it */
    ntk_expr_eval(r, "1 + foo  (2)", lookup, NULL, PREC);
    assert_non_null(strstr(ntk_error_last(), "unknown function at column 5"));
    ntk_expr_eval(r, "1 + xyz  ", lookup, NULL, PREC);
    assert_non_null(strstr(ntk_error_last(), "at column 5"));
    assert_int_equal(ntk_expr_eval(r, "bad + 1", lookup, NULL, PREC), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "cannot compute"));
    arb_clear(r);
}

static void
test_check(void **state)
{
    const char *vars[] = {"L", "theta12", NULL};
    (void) state;
    assert_int_equal(ntk_expr_check("theta12/L - 1/4", vars), NTK_SUCCESS);
    assert_int_equal(ntk_expr_check("theta11/L", vars), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "theta11"));
    assert_int_equal(ntk_expr_check("1/0", NULL), NTK_SUCCESS);   /* syntax only */
}

/* deep nesting fails with a status, never overflows the stack (the
   claims files' 196-character lines cannot nest that deep; API callers can) */
static void
test_deep_nesting(void **state)
{
    const size_t n = 1000000;
    char *s = malloc(2 * n + 2);
    arb_t r;
    (void) state;
    assert_non_null(s);
    arb_init(r);
    memset(s, '(', n);
    s[n] = '1';
    memset(s + n + 1, ')', n);
    s[2 * n + 1] = '\0';
    assert_int_equal(ntk_expr_eval(r, s, NULL, NULL, PREC), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "nested too deeply"));
    assert_int_equal(ntk_expr_check(s, NULL), NTK_DOMAIN);
    memset(s, '-', 2 * n);
    assert_int_equal(ntk_expr_check(s, NULL), NTK_DOMAIN);
    for (size_t i = 0; i < n; i++)
        memcpy(s + 2 * i, "2^", 2);
    assert_int_equal(ntk_expr_eval(r, s, NULL, NULL, PREC), NTK_DOMAIN);
    /* 255 levels still evaluate: ((...(7)...)) = 7 */
    memset(s, '(', 255);
    s[255] = '7';
    memset(s + 256, ')', 255);
    s[511] = '\0';
    assert_int_equal(ntk_expr_eval(r, s, NULL, NULL, PREC), NTK_SUCCESS);
    assert_true(arb_equal_si(r, 7));
    free(s);
    arb_clear(r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relu_constant),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_vars_functions),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_deep_nesting),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
