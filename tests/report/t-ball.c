/* Ball output: the JSON interval [mid - rad, mid + rad], read back as exact
   decimals, must contain the ball; text prints only certified digits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

/* check that [mid-rad, mid+rad] (exact decimals) contains every point of x:
   exact rational comparisons, so radii far below 2^-2000 are checked too */
static void
check_json_contains(const arb_t x)
{
    char *mid, *rad;
    fmpq_t m, r, lo, hi, xl, xu;
    arf_t a, b;
    fmpq_init(m); fmpq_init(r); fmpq_init(lo); fmpq_init(hi); fmpq_init(xl); fmpq_init(xu);
    arf_init(a); arf_init(b);
    ntk_ball_json_strs(&mid, &rad, x);
    assert_int_equal(ntk_parse_fmpq(m, mid, "mid"), NTK_SUCCESS);
    assert_int_equal(ntk_parse_fmpq(r, rad, "rad"), NTK_SUCCESS);
    fmpq_sub(lo, m, r);
    fmpq_add(hi, m, r);
    /* the exact ends of x */
    arf_set_mag(b, arb_radref(x));
    arf_sub(a, arb_midref(x), b, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_get_fmpq(xl, a);
    arf_add(a, arb_midref(x), b, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_get_fmpq(xu, a);
    if (fmpq_cmp(lo, xl) > 0 || fmpq_cmp(hi, xu) < 0)
        fail_msg("JSON ball {\"mid\": \"%s\", \"rad\": \"%s\"} does not contain the ball",
                 mid, rad);
    flint_free(mid); flint_free(rad);
    fmpq_clear(m); fmpq_clear(r); fmpq_clear(lo); fmpq_clear(hi); fmpq_clear(xl); fmpq_clear(xu);
    arf_clear(a); arf_clear(b);
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

/* a midpoint that is a short dyadic is written exactly (its radius is
   then the ball's own): 489/64 = 7.640625 exactly, and with radius 2^-100 */
static void
test_json_dyadic(void **state)
{
    arb_t x;
    char *mid, *rad;
    (void) state;
    arb_init(x);
    arb_set_si(x, 489);
    arb_mul_2exp_si(x, x, -6);
    ntk_ball_json_strs(&mid, &rad, x);
    assert_string_equal(mid, "7.640625");
    assert_string_equal(rad, "0");
    flint_free(mid); flint_free(rad);
    /* exact balls without padding zeros: 2, -1/2, 2^-30, 3 2^40 */
    {
        static const char *want[4] = {"2", "-0.5", "9.31322574615478515625e-10",
                                      "3298534883328"};
        arb_t y;
        arb_init(y);
        for (int i = 0; i < 4; i++)
        {
            if (i == 0) arb_set_si(y, 2);
            if (i == 1) { arb_set_si(y, -1); arb_mul_2exp_si(y, y, -1); }
            if (i == 2) { arb_one(y); arb_mul_2exp_si(y, y, -30); }
            if (i == 3) { arb_set_si(y, 3); arb_mul_2exp_si(y, y, 40); }
            ntk_ball_json_strs(&mid, &rad, y);
            if (strcmp(mid, want[i]) || strcmp(rad, "0"))
                printf("exact ball %d: mid %s rad %s, want %s 0\n", i, mid, rad, want[i]);
            assert_string_equal(mid, want[i]);
            assert_string_equal(rad, "0");
            flint_free(mid); flint_free(rad);
        }
        arb_clear(y);
    }
    mag_set_ui_2exp_si(arb_radref(x), 1, -100);
    ntk_ball_json_strs(&mid, &rad, x);
    assert_non_null(strstr(mid, "7.640625"));
    assert_string_equal(rad, "7.9e-31");
    flint_free(mid); flint_free(rad);
    check_json_contains(x);
    /* long exact decimals (2^-300: 300 digits) are rounded, the rounding
       added to the radius */
    arb_one(x);
    arb_mul_2exp_si(x, x, -300);
    check_json_contains(x);
    arb_set_si(x, 3);
    arb_mul_2exp_si(x, x, 400);
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

/* the radius string of m, read back as an exact decimal, is >= m and at
   most 1.1 m (two significant digits rounded up); at any exponent, not
   only inside the range of a double */
static void
check_mag_str(const mag_t m)
{
    char *s = ntk_mag_str_up(m);
    fmpq_t r, x, y;
    arf_t u;
    fmpq_init(r); fmpq_init(x); fmpq_init(y);
    arf_init(u);
    if (ntk_parse_fmpq(r, s, "rad") != NTK_SUCCESS)
        fail_msg("radius string '%s' does not parse", s);
    arf_set_mag(u, m);
    arf_get_fmpq(x, u);
    fmpq_mul_ui(y, x, 11);
    fmpq_div_fmpz(y, y, (fmpz_t) {10});
    if (fmpq_cmp(r, x) < 0 || fmpq_cmp(r, y) > 0)
    {
        char *ms = arf_get_str(u, 20);
        fail_msg("radius string '%s' is not in [m, 1.1 m], m = %s", s, ms);
    }
    fmpq_clear(r); fmpq_clear(x); fmpq_clear(y);
    arf_clear(u);
    flint_free(s);
}

static void
test_mag_str_range(void **state)
{
    static const char *radii[] = {"1e-5000", "1e+400", "3e-320", "1e-308", "2.2e-308",
                                  "9.95e-7", "9.9999999e-1", "1", "1e-100000", "7.3e12345"};
    mag_t m;
    arb_t x;
    flint_rand_t rs;
    (void) state;
    mag_init(m);
    arb_init(x);
    flint_randinit(rs);
    for (size_t i = 0; i < sizeof(radii) / sizeof(radii[0]); i++)
    {
        char buf[64];
        snprintf(buf, sizeof(buf), "1 +/- %s", radii[i]);
        assert_int_equal(arb_set_str(x, buf, 64), 0);
        mag_set(m, arb_radref(x));
        check_mag_str(m);
        /* the whole ball, midpoint rounding included, in JSON */
        check_json_contains(x);
    }
    /* powers of two and random mantissas over +-70000 binary orders */
    for (slong k = -70000; k <= 70000; k += 997)
    {
        mag_set_ui_2exp_si(m, 1, k);
        check_mag_str(m);
        mag_set_ui_2exp_si(m, n_randint(rs, UWORD(1) << 30) + 1, k);
        check_mag_str(m);
    }
    flint_randclear(rs);
    arb_clear(x);
    mag_clear(m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_pi),
        cmocka_unit_test(test_json_dyadic),
        cmocka_unit_test(test_text_digits),
        cmocka_unit_test(test_mag_str),
        cmocka_unit_test(test_mag_str_range),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
