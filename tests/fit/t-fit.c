/* fit: synthetic sequences with exactly known constants and log terms
 * (independent truth: the sequences are built from closed forms here). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>
#include "ntkdepth.h"

#define PREC 400

/* geometric grid, 20 per decade, 10 .. Lmax */
static slong
grid(slong *d, slong Lmax)
{
    slong n = 0;
    for (slong k = 20; ; k++)
    {
        double x = floor(pow(10.0, k / 20.0) + 0.5);
        if (x > (double) Lmax)
            break;
        if (n == 0 || (slong) x != d[n - 1])
            d[n++] = (slong) x;
    }
    return n;
}

static void
relu_A(arb_t A)
{
    arb_const_pi(A, PREC);
    arb_sqr(A, A, PREC);
    arb_mul_ui(A, A, 9, PREC);
    arb_div_ui(A, A, 2, PREC);
}

/* |x - t| <= tol (all balls) */
static int
close_to(const arb_t x, const arb_t t, double tol)
{
    arb_t d, T;
    int ok;
    arb_init(d); arb_init(T);
    arb_sub(d, x, t, PREC);
    arb_abs(d, d);
    arb_set_d(T, tol);
    ok = arb_le(d, T);
    arb_clear(d); arb_clear(T);
    return ok;
}

/* A model inside the basis is recovered to the working precision:
   ln y = ln A - 2 ln L + (a ln L + b)/L + (c ln^2 L + e)/L^2 + f ln^3 L / L^3 */
static void
test_exact_model(void **state)
{
    slong d[200], n = grid(d, 100000);
    arb_ptr y = _arb_vec_init(n), coef;
    arb_t A, lnA, t, lg, L;
    ntk_fit_term lead[2] = {{0, 0, 0}, {0, 1, 0}}, terms[32];
    slong m = ntk_fit_basis(terms, 32, lead, 2, 3);
    (void) state;
    arb_init(A); arb_init(lnA); arb_init(t); arb_init(lg); arb_init(L);
    relu_A(A);
    arb_log(lnA, A, PREC);
    for (slong i = 0; i < n; i++)
    {
        arb_set_si(L, d[i]);
        arb_log(lg, L, PREC);
        arb_mul_si(y + i, lg, -2, PREC);
        arb_add(y + i, y + i, lnA, PREC);
        /* (3/7 ln L - 1/3) / L */
        arb_mul_ui(t, lg, 3, PREC); arb_div_ui(t, t, 7, PREC);
        arb_sub_ui(t, t, 0, PREC);
        { arb_t u; arb_init(u); arb_set_ui(u, 1); arb_div_ui(u, u, 3, PREC); arb_sub(t, t, u, PREC); arb_clear(u); }
        arb_div(t, t, L, PREC);
        arb_add(y + i, y + i, t, PREC);
        /* (2 ln^2 L + 5) / L^2 */
        arb_sqr(t, lg, PREC); arb_mul_ui(t, t, 2, PREC); arb_add_ui(t, t, 5, PREC);
        arb_div(t, t, L, PREC); arb_div(t, t, L, PREC);
        arb_add(y + i, y + i, t, PREC);
        /* -ln^3 L / L^3 */
        arb_pow_ui(t, lg, 3, PREC);
        arb_div(t, t, L, PREC); arb_div(t, t, L, PREC); arb_div(t, t, L, PREC);
        arb_sub(y + i, y + i, t, PREC);
    }
    assert_int_equal(m, 11);
    coef = _arb_vec_init(m);
    assert_int_equal(ntk_fit_lsq(coef, d, y, n, 100, 100000, terms, m, PREC), NTK_SUCCESS);
    assert_true(close_to(coef + 0, lnA, 1e-60));
    arb_set_si(t, -2);
    assert_true(close_to(coef + 1, t, 1e-60));
    arb_set_ui(t, 3); arb_div_ui(t, t, 7, PREC);
    assert_true(close_to(coef + 3, t, 1e-50));    /* term {1,1}: ln L / L */
    _arb_vec_clear(coef, m);
    _arb_vec_clear(y, n);
    arb_clear(A); arb_clear(lnA); arb_clear(t); arb_clear(lg); arb_clear(L);
}

/* An infinite expansion (A (1 + ln L / L)^-2 and a 1/L^(k) tail): the
   estimate is accurate and its error estimate covers the true error. */
static void
test_infinite_expansion(void **state)
{
    slong d[200], n = grid(d, 1000000);
    arb_ptr z = _arb_vec_init(n);
    arb_t A, t, L, lg, diff;
    ntk_fit_term lead[1] = {{0, 0, 0}}, terms[32];
    slong m = ntk_fit_basis(terms, 32, lead, 1, 4);
    ntk_estimate_t e;
    (void) state;
    arb_init(A); arb_init(t); arb_init(L); arb_init(lg); arb_init(diff);
    ntk_estimate_init(e);
    relu_A(A);
    for (slong i = 0; i < n; i++)
    {
        arb_set_si(L, d[i]);
        arb_log(lg, L, PREC);
        arb_div(t, lg, L, PREC);
        arb_add_ui(t, t, 1, PREC);
        arb_pow_ui(t, t, 2, PREC);
        arb_div(z + i, A, t, PREC);
        /* + 1/(L + 7): expands to sum (-7)^k / L^(k+1) */
        arb_add_ui(t, L, 7, PREC);
        arb_inv(t, t, PREC);
        arb_add(z + i, z + i, t, PREC);
    }
    for (int kind = 0; kind < 2; kind++)
    {
        assert_int_equal(ntk_fit_estimate(e, d, z, n, terms, m, 0, 10.0,
                                          kind ? NTK_EST_EXTRAPOLATION : NTK_EST_FIT, PREC),
                         NTK_SUCCESS);
        arb_sub(diff, e->value, A, PREC);
        arb_abs(diff, diff);
        /* the error estimate covers the truth, and 10 digits are reached */
        assert_true(arb_le(diff, e->error));
        assert_true(close_to(e->value, A, 1e-10 * 44.4));
        assert_true(e->hi == 1000000);
    }
    ntk_estimate_clear(e);
    _arb_vec_clear(z, n);
    arb_clear(A); arb_clear(t); arb_clear(L); arb_clear(lg); arb_clear(diff);
}

/* power_log form: u = A ln L + B + C ln L / L: target A */
static void
test_log_coefficient(void **state)
{
    slong d[200], n = grid(d, 100000);
    arb_ptr u = _arb_vec_init(n);
    arb_t t, L, lg, truth;
    ntk_fit_term lead[2] = {{0, 1, 0}, {0, 0, 0}}, terms[32];
    slong m = ntk_fit_basis(terms, 32, lead, 2, 2);
    ntk_estimate_t e;
    (void) state;
    arb_init(t); arb_init(L); arb_init(lg); arb_init(truth);
    ntk_estimate_init(e);
    arb_set_ui(truth, 3); arb_div_ui(truth, truth, 8, PREC);
    for (slong i = 0; i < n; i++)
    {
        arb_set_si(L, d[i]);
        arb_log(lg, L, PREC);
        arb_mul(u + i, truth, lg, PREC);
        arb_add_ui(u + i, u + i, 2, PREC);
        arb_div(t, lg, L, PREC);
        arb_mul_ui(t, t, 5, PREC);
        arb_add(u + i, u + i, t, PREC);
    }
    assert_int_equal(ntk_fit_estimate(e, d, u, n, terms, m, 0, 10.0, NTK_EST_FIT, PREC),
                     NTK_SUCCESS);
    assert_true(close_to(e->value, truth, 1e-40));
    ntk_estimate_clear(e);
    _arb_vec_clear(u, n);
    arb_clear(t); arb_clear(L); arb_clear(lg); arb_clear(truth);
}

static void
test_local_exponents(void **state)
{
    slong d[4] = {10, 100, 1000, 10000};
    arb_ptr y = _arb_vec_init(4), p = _arb_vec_init(3);
    (void) state;
    for (int i = 0; i < 4; i++)
    {
        arb_set_si(y + i, d[i]);
        arb_pow_ui(y + i, y + i, 2, PREC);
        arb_inv(y + i, y + i, PREC);      /* y = L^-2 */
    }
    assert_int_equal(ntk_fit_local_exponents(p, d, y, 4, PREC), NTK_SUCCESS);
    for (int i = 0; i < 3; i++)
        assert_true(arb_contains_si(p + i, 2));
    arb_zero(y + 1);
    assert_int_equal(ntk_fit_local_exponents(p, d, y, 4, PREC), NTK_UNABLE);
    d[2] = 50;
    arb_one(y + 1);
    assert_int_equal(ntk_fit_local_exponents(p, d, y, 4, PREC), NTK_DOMAIN);
    _arb_vec_clear(y, 4);
    _arb_vec_clear(p, 3);
}

static void
test_errors(void **state)
{
    slong d[5] = {10, 20, 30, 40, 50};
    arb_ptr y = _arb_vec_init(5);
    ntk_fit_term lead[1] = {{0, 0, 0}}, terms[32];
    slong m = ntk_fit_basis(terms, 32, lead, 1, 3);
    ntk_estimate_t e;
    (void) state;
    ntk_estimate_init(e);
    assert_int_equal(ntk_fit_estimate(e, d, y, 5, terms, m, 0, 10.0, NTK_EST_FIT, PREC), NTK_DOMAIN);
    assert_int_equal(ntk_fit_basis(terms, 3, lead, 1, 3), -1);
    d[3] = 30;
    assert_int_equal(ntk_fit_estimate(e, d, y, 5, terms, 1, 0, 10.0, NTK_EST_FIT, PREC), NTK_DOMAIN);
    ntk_estimate_clear(e);
    _arb_vec_clear(y, 5);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_model),
        cmocka_unit_test(test_infinite_expansion),
        cmocka_unit_test(test_log_coefficient),
        cmocka_unit_test(test_local_exponents),
        cmocka_unit_test(test_errors),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
