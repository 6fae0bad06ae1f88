/* Ball output: the JSON interval [mid - rad, mid + rad], read back as exact
   decimals, must contain the ball; text prints only certified digits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

/* check that [mid-rad, mid+rad] (exact decimals) contains every point of x */
static void
check_json_contains(const arb_t x)
{
    char *mid, *rad;
    arb_t m, r, lo, hi;
    arb_init(m); arb_init(r); arb_init(lo); arb_init(hi);
    ntk_ball_json_strs(&mid, &rad, x);
    assert_int_equal(ntk_parse_arb(m, mid, "mid", 2000), NTK_SUCCESS);
    assert_int_equal(ntk_parse_arb(r, rad, "rad", 2000), NTK_SUCCESS);
    arb_sub(lo, m, r, 2000);
    arb_add(hi, m, r, 2000);
    /* lo <= x_lower and x_upper <= hi, with lo/hi enclosures tight at 2000 bits */
    arb_t xl, xu;
    arb_init(xl); arb_init(xu);
    arb_get_lbound_arf(arb_midref(xl), x, 2000);
    arb_get_ubound_arf(arb_midref(xu), x, 2000);
    assert_true(arb_le(lo, xl));
    assert_true(arb_ge(hi, xu));
    flint_free(mid); flint_free(rad);
    arb_clear(m); arb_clear(r); arb_clear(lo); arb_clear(hi); arb_clear(xl); arb_clear(xu);
}

static void
test_json_pi(void **state)
{
    arb_t x;
    (void) state;
    arb_init(x);
    for (slong prec = 20; prec <= 400; prec += 37)
    {
        arb_const_pi(x, prec);
        check_json_contains(x);
        arb_neg(x, x);
        arb_mul_2exp_si(x, x, -40);
        check_json_contains(x);
    }
    arb_set_str(x, "4.441080740730024468938229877e-11 +/- 4.9e-52", 256);
    check_json_contains(x);
    arb_set_str(x, "0 +/- 1e-5", 64);
    check_json_contains(x);
    arb_set_str(x, "3 +/- 10", 64);
    check_json_contains(x);
    arb_clear(x);
}

static void
test_text_digits(void **state)
{
    arb_t x;
    char *s;
    (void) state;
    arb_init(x);
    arb_set_str(x, "1.2345678901234 +/- 1e-6", 128);
    s = ntk_ball_text(x, 50);
    /* at most ~6 digits allowed by the radius */
    assert_true(strlen(s) <= 9);
    assert_true(strncmp(s, "1.234", 5) == 0);
    flint_free(s);
    arb_clear(x);
}

static void
test_mag_str(void **state)
{
    mag_t m;
    char *s;
    (void) state;
    mag_init(m);
    mag_set_ui_2exp_si(m, 1, -10);   /* 9.765625e-4 -> 9.8e-4 */
    s = ntk_mag_str_up(m);
    assert_string_equal(s, "9.8e-4");
    flint_free(s);
    mag_clear(m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_pi),
        cmocka_unit_test(test_text_digits),
        cmocka_unit_test(test_mag_str),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
