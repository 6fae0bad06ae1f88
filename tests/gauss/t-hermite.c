/*
 * Hermite (Mehler) coefficients m_k = E[phi^(k)(sqrt(q) Z)] of
 * ntk_gauss_hermite against independent truth: closed forms (erf through
 * the derivatives of the Gaussian, sin/cos through e^(-q/2)), Parseval
 * sum_k q^k m_k^2 / k! = E[phi^2] against the 1D adaptive integral
 * (expect1), the Price outputs of the same pass against expect1, and
 * Mehler's series against the 2D quadrature kernel (expect2) for tanh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <math.h>
#include "ntkdepth.h"

static void
check_overlap(const arb_t x, const arb_t truth, slong minbits, const char *what, slong k)
{
    if (!arb_overlaps(x, truth)
        || (!arb_is_zero(truth) && arb_rel_accuracy_bits(x) < minbits))
    {
        printf("%s, k = %ld: ", what, (long) k);
        arb_printn(x, 30, 0);
        printf(" vs ");
        arb_printn(truth, 30, 0);
        printf("\n");
        fail();
    }
}

static void
vec_sum(arb_t s, arb_srcptr a, slong len, slong prec)
{
    arb_zero(s);
    for (slong k = 0; k < len; k++)
        arb_add(s, s, a + k, prec);
}

/* a[k] = q^k m[k]^2 / k! */
static void
mehler_coeffs(arb_ptr a, arb_srcptr m, const arb_t q, slong len, slong prec)
{
    arb_t qk, fac;
    arb_init(qk); arb_init(fac);
    arb_one(qk); arb_one(fac);
    for (slong k = 0; k < len; k++)
    {
        if (k > 0)
        {
            arb_mul(qk, qk, q, prec);
            arb_mul_ui(fac, fac, k, prec);
        }
        arb_sqr(a + k, m + k, prec);
        arb_mul(a + k, a + k, qk, prec);
        arb_div(a + k, a + k, fac, prec);
    }
    arb_clear(qk); arb_clear(fac);
}

/* erf' = (2/sqrt(pi)) e^(-x^2) and E[e^(-(mu + s Z)^2)] =
   (1 + 2q)^(-1/2) e^(-mu^2/(1 + 2q)), so m_(n+1) is 2/sqrt(pi)
   (1 + 2q)^(-1/2) times the n-th mu-derivative at 0 of e^(-mu^2/b),
   b = 1 + 2q: n! (-1)^l / (b^l l!) for n = 2l, 0 for odd n; m_0 = 0 */
static void
test_erf_closed(void **state)
{
    slong len = 24, prec = 128;
    ntk_act_t act;
    arb_t q, b, t, u;
    arb_ptr m = _arb_vec_init(len), F = _arb_vec_init(len);
    (void) state;
    ntk_act_init(act);
    arb_init(q); arb_init(b); arb_init(t); arb_init(u);
    assert_int_equal(ntk_act_set_str(act, "erf"), NTK_SUCCESS);
    arb_set_si(q, 3);
    arb_div_si(q, q, 4, prec);
    assert_int_equal(ntk_gauss_hermite(m, F, act, q, len, NULL, prec), NTK_SUCCESS);
    arb_mul_2exp_si(b, q, 1);
    arb_add_si(b, b, 1, prec);
    for (slong k = 0; k < len; k++)
    {
        if (k % 2 == 0)
            arb_zero(t);
        else
        {
            slong n = k - 1, l = n / 2;
            arb_const_sqrt_pi(t, prec);
            arb_ui_div(t, 2, t, prec);
            arb_rsqrt(u, b, prec);
            arb_mul(t, t, u, prec);
            arb_fac_ui(u, n, prec);
            arb_mul(t, t, u, prec);
            arb_fac_ui(u, l, prec);
            arb_div(t, t, u, prec);
            arb_pow_ui(u, b, l, prec);
            arb_div(t, t, u, prec);
            if (l & 1)
                arb_neg(t, t);
        }
        check_overlap(m + k, t, prec - 24, "erf m_k", k);
        if (k % 2 == 0)
            assert_true(arb_is_zero(m + k));      /* parity: exactly 0 */
    }
    /* F_k against the 1D adaptive integral (another method) */
    for (slong k = 0; k < 4; k++)
    {
        slong ord[2] = {k, k};
        assert_int_equal(ntk_gauss_expect1(t, act, ord, 2, 0, q, prec), NTK_SUCCESS);
        check_overlap(F + k, t, prec - 24, "erf F_k", k);
    }
    ntk_act_clear(act);
    _arb_vec_clear(m, len); _arb_vec_clear(F, len);
    arb_clear(q); arb_clear(b); arb_clear(t); arb_clear(u);
}

/* sin^(k)(x) = sin(x + k pi/2): m_k = sin(k pi/2) e^(-q/2); cos likewise.
   Parseval: sum_k a_k = E[sin(sqrt(q) Z)^2] = (1 - e^(-2q))/2 */
static void
test_sincos_closed(void **state)
{
    slong len = 48, prec = 128;
    ntk_act_t act;
    arb_t q, e, t, s;
    arb_ptr m = _arb_vec_init(len), a = _arb_vec_init(len);
    (void) state;
    ntk_act_init(act);
    arb_init(q); arb_init(e); arb_init(t); arb_init(s);
    arb_set_si(q, 3);
    arb_mul_2exp_si(q, q, -1);
    arb_mul_2exp_si(e, q, -1);
    arb_neg(e, e);
    arb_exp(e, e, prec);
    for (int odd = 0; odd < 2; odd++)
    {
        assert_int_equal(ntk_act_set_str(act, odd ? "sin" : "cos"), NTK_SUCCESS);
        assert_int_equal(ntk_gauss_hermite(m, NULL, act, q, len, NULL, prec), NTK_SUCCESS);
        for (slong k = 0; k < len; k++)
        {
            /* sin(k pi/2) (odd) or cos(k pi/2) (even): 0, +-1 */
            slong r = (k + (odd ? 3 : 0)) % 4;   /* sin: k=1 -> 0 */
            int v = r == 0 ? 1 : (r == 2 ? -1 : 0);
            arb_mul_si(t, e, v, prec);
            check_overlap(m + k, t, prec - 24, odd ? "sin m_k" : "cos m_k", k);
        }
        mehler_coeffs(a, m, q, len, prec);
        vec_sum(s, a, len, prec);
        /* omitted terms sum_{k >= len} q^k e^(-q)/k! < 2^-100 here */
        arb_add_error_2exp_si(s, -100);
        arb_mul_2exp_si(t, q, 1);
        arb_neg(t, t);
        arb_exp(t, t, prec);
        if (odd)
            arb_sub_si(t, t, 1, prec), arb_neg(t, t);
        else
            arb_add_si(t, t, 1, prec);
        arb_mul_2exp_si(t, t, -1);
        check_overlap(s, t, 90, "Parseval sin/cos", len);
    }
    ntk_act_clear(act);
    _arb_vec_clear(m, len); _arb_vec_clear(a, len);
    arb_clear(q); arb_clear(e); arb_clear(t); arb_clear(s);
}

/* tanh: Parseval against expect1 (the omitted tail is nonnegative, so
   the partial sum lies below E[tanh^2] and within the tail bound of
   Lemma P5 with j = 1: (q F_1 - sum k a_k)/(K+1)), and Mehler's series at
   c = +-0.3, -0.05 against the 2D trapezoid kernel */
static void
test_tanh_mehler(void **state)
{
    slong len = 60, prec = 128;
    ntk_act_t act;
    arb_t q, t, s, f0, c, s12, tail;
    arb_ptr m = _arb_vec_init(len), F = _arb_vec_init(len), a = _arb_vec_init(len);
    slong ord[2] = {0, 0};
    const double cs[3] = {0.3, -0.3, -0.05};
    (void) state;
    ntk_act_init(act);
    arb_init(q); arb_init(t); arb_init(s); arb_init(f0); arb_init(c);
    arb_init(s12); arb_init(tail);
    assert_int_equal(ntk_act_set_str(act, "tanh"), NTK_SUCCESS);
    arb_set_si(q, 1);
    arb_mul_2exp_si(q, q, -1);
    assert_int_equal(ntk_gauss_hermite(m, F, act, q, len, NULL, prec), NTK_SUCCESS);
    mehler_coeffs(a, m, q, len, prec);
    vec_sum(s, a, len, prec);
    assert_int_equal(ntk_gauss_expect1(f0, act, ord, 2, 0, q, prec), NTK_SUCCESS);
    /* 0 <= F_0 - sum <= (q F_1 - sum k a_k) / len */
    arb_mul(tail, q, F + 1, prec);
    for (slong k = 1; k < len; k++)
        arb_submul_ui(tail, a + k, k, prec);
    arb_div_ui(tail, tail, len, prec);
    arb_sub(t, f0, s, prec);
    assert_false(arb_is_negative(t));
    arb_sub(t, t, tail, prec);
    assert_false(arb_is_positive(t));
    for (int i = 0; i < 3; i++)
    {
        mag_t e;
        mag_init(e);
        arb_set_d(c, cs[i]);
        _arb_poly_evaluate(s, a, len, c, prec);
        /* remainder |c|^len * F_0 (a_k >= 0, sum a_k = F_0) */
        arb_get_mag(e, f0);
        {
            mag_t cm;
            mag_init(cm);
            arb_get_mag(cm, c);
            mag_pow_ui(cm, cm, len);
            mag_mul(e, e, cm);
            mag_clear(cm);
        }
        arb_add_error_mag(s, e);
        arb_mul(s12, q, c, prec);
        assert_int_equal(ntk_gauss_expect2(t, act, 0, q, s12, q, prec), NTK_SUCCESS);
        check_overlap(s, t, 80, "tanh Mehler vs expect2", i);
        mag_clear(e);
    }
    ntk_act_clear(act);
    _arb_vec_clear(m, len); _arb_vec_clear(F, len); _arb_vec_clear(a, len);
    arb_clear(q); arb_clear(t); arb_clear(s); arb_clear(f0); arb_clear(c);
    arb_clear(s12); arb_clear(tail);
}

static void
test_parity_domain(void **state)
{
    ntk_act_t act;
    arb_t q;
    arb_ptr m = _arb_vec_init(4);
    (void) state;
    ntk_act_init(act);
    arb_init(q);
    assert_int_equal(ntk_act_set_str(act, "tanh"), NTK_SUCCESS);
    assert_int_equal(ntk_act_parity(act), -1);
    assert_int_equal(ntk_act_set_str(act, "cos"), NTK_SUCCESS);
    assert_int_equal(ntk_act_parity(act), 1);
    assert_int_equal(ntk_act_set_str(act, "gelu"), NTK_SUCCESS);
    assert_int_equal(ntk_act_parity(act), 0);
    assert_int_equal(ntk_act_set_str(act, "relu"), NTK_SUCCESS);
    arb_one(q);
    /* relu'' has a Dirac part: order 2 exceeds its smoothness */
    assert_int_equal(ntk_gauss_hermite(m, NULL, act, q, 3, NULL, 64), NTK_DOMAIN);
    ntk_error_clear();
    arb_zero(q);
    assert_int_equal(ntk_act_set_str(act, "tanh"), NTK_SUCCESS);
    assert_int_equal(ntk_gauss_hermite(m, NULL, act, q, 3, NULL, 64), NTK_DOMAIN);
    ntk_error_clear();
    ntk_act_clear(act);
    arb_clear(q);
    _arb_vec_clear(m, 4);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parity_domain),
        cmocka_unit_test(test_erf_closed),
        cmocka_unit_test(test_sincos_closed),
        cmocka_unit_test(test_tanh_mehler),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return r;
}
