/* src/report/numbers.c: what the number printers write is read back here
 * (sscanf and the exact decimal parser) and compared with the ball it came
 * from: the JSON and CSV mid/rad enclose the exact value (an exact
 * rational the ball was made from), the text form has only digits the
 * radius allows, non-finite balls print null / the given word / empty
 * fields, and Monte Carlo estimates are the three-field JSON of
 * conventions.md section 4. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

/* what fn wrote to a memory stream (free the result) */
static char *
capture(void (*fn)(FILE *, const arb_t, void *), const arb_t x, void *arg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    fn(fp, x, arg);
    fclose(fp);
    return buf;
}

static void
w_json(FILE *fp, const arb_t x, void *arg)
{
    (void) arg;
    ntk_report_ball_json(fp, x);
}

static void
w_csv(FILE *fp, const arb_t x, void *arg)
{
    (void) arg;
    ntk_report_ball_csv(fp, x);
}

static void
w_text(FILE *fp, const arb_t x, void *arg)
{
    ntk_report_ball_text(fp, x, *(slong *) arg, "n/a");
}

/* [mid - rad, mid + rad] (exact rationals of the printed decimals)
   contains the rational q */
static void
assert_encloses(const char *mid, const char *rad, const fmpq_t q)
{
    fmpq_t m, r, d;
    fmpq_init(m); fmpq_init(r); fmpq_init(d);
    assert_int_equal(ntk_parse_fmpq(m, mid, "mid"), NTK_SUCCESS);
    assert_int_equal(ntk_parse_fmpq(r, rad, "rad"), NTK_SUCCESS);
    assert_true(fmpq_sgn(r) >= 0);
    fmpq_sub(d, m, q);
    fmpq_abs(d, d);
    assert_true(fmpq_cmp(d, r) <= 0);
    fmpq_clear(m); fmpq_clear(r); fmpq_clear(d);
}

/* balls from exact rationals p/q at several precisions */
static const char *rats[] = {"1/3", "-22/7", "1/1000000007", "314159265358979/100", "0", "5"};

static void
test_json_and_csv_enclose(void **state)
{
    fmpq_t q;
    arb_t x;
    (void) state;
    fmpq_init(q);
    arb_init(x);
    for (size_t i = 0; i < sizeof(rats) / sizeof(rats[0]); i++)
        for (slong prec = 20; prec <= 500; prec *= 5)
        {
            char mid[600], rad[64], tail[8];
            char *s;
            assert_int_equal(fmpq_set_str(q, rats[i], 10), 0);
            arb_set_fmpq(x, q, prec);
            s = capture(w_json, x, NULL);
            assert_int_equal(sscanf(s, "{\"mid\": \"%599[^\"]\", \"rad\": \"%63[^\"]\"%7s",
                                    mid, rad, tail), 3);
            assert_string_equal(tail, "}");
            assert_encloses(mid, rad, q);
            free(s);
            s = capture(w_csv, x, NULL);
            assert_int_equal(sscanf(s, "%599[^,],%63s", mid, rad), 2);
            assert_null(strchr(rad, ','));
            assert_encloses(mid, rad, q);
            free(s);
        }
    fmpq_clear(q);
    arb_clear(x);
}

static void
test_nonfinite(void **state)
{
    arb_t x;
    slong d = 10;
    char *s;
    (void) state;
    arb_init(x);
    arb_pos_inf(x);
    s = capture(w_json, x, NULL);
    assert_string_equal(s, "null");
    free(s);
    s = capture(w_csv, x, NULL);
    assert_string_equal(s, ",");          /* two empty fields */
    free(s);
    s = capture(w_text, x, &d);
    assert_string_equal(s, "n/a");
    free(s);
    arb_indeterminate(x);
    s = capture(w_json, x, NULL);
    assert_string_equal(s, "null");
    free(s);
    arb_clear(x);
}

/* text: at most `digits` significant digits, all of them certified: the
   printed decimal is within one unit of its last digit of 1/3 */
static void
test_text_digits(void **state)
{
    arb_t x;
    (void) state;
    arb_init(x);
    arb_set_ui(x, 1);
    arb_div_ui(x, x, 3, 64);                 /* about 19 digits */
    for (slong d = 1; d <= 30; d++)
    {
        char *s = capture(w_text, x, &d);
        size_t n = strspn(s + 2, "3");
        assert_true(s[0] == '0' && s[1] == '.');
        assert_int_equal(n, strlen(s + 2));   /* only 3s after "0." */
        assert_true((slong) n <= d && (slong) n <= 20);
        if (d <= 18)
            assert_int_equal((slong) n, d);
        free(s);
    }
    arb_clear(x);
}

static void
test_mc_json(void **state)
{
    char *buf = NULL, est[64], err[64], kind[32];
    size_t len = 0;
    FILE *fp;
    (void) state;
    fp = open_memstream(&buf, &len);
    ntk_report_mc_json(fp, (ntk_finite_est) {0.1, 0.00123456});
    fputc('\n', fp);
    ntk_report_mc_json(fp, (ntk_finite_est) {2.5, NAN});
    fputc('\n', fp);
    ntk_report_mc_json(fp, (ntk_finite_est) {NAN, 1.0});
    fclose(fp);
    assert_int_equal(sscanf(buf, "{\"estimate\": \"%63[^\"]\", \"error\": \"%63[^\"]\", "
                                 "\"kind\": \"%31[^\"]\"}", est, err, kind), 3);
    assert_true(strtod(est, NULL) == 0.1);    /* %.17g round-trips */
    assert_string_equal(err, "0.00123");
    assert_string_equal(kind, "monte_carlo");
    assert_non_null(strstr(buf, "\n{\"estimate\": \"2.5\", \"error\": null, \"kind\": \"monte_carlo\"}\nnull"));
    free(buf);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_and_csv_enclose),
        cmocka_unit_test(test_nonfinite),
        cmocka_unit_test(test_text_digits),
        cmocka_unit_test(test_mc_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
