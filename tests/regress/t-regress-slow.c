/*
 * regress, deep runs (suite 'slow'): the weights at ReLU EOC approach
 * 1/(n+3) at the log L / L rate up to depth 10^6 (P4 H10, proofs/regress.md
 * G6), and the Jacot ordered case at depth 2000 (condition ~ 1e300) is
 * certified, its balls containing a run at twice the precision.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "ntkdepth.h"

static void
setup(ntk_points_t X, ntk_points_t T, ntk_regress_model_t M, arb_ptr *y, slong n,
      slong m, slong dim, const char *sw2, const char *sb2)
{
    ntk_points_random_sphere(X, n, dim, 3);
    ntk_points_random_sphere(T, m, dim, 4);
    assert_int_equal(ntk_act_set_str(M->net->act, "relu"), NTK_SUCCESS);
    ntk_parse_arb(M->net->sigma_w2, sw2, "sw2", 20000);
    ntk_parse_arb(M->net->sigma_b2, sb2, "sb2", 20000);
    ntk_regress_model_set_default_q1(M, dim, 20000);
    *y = _arb_vec_init(n);
    ntk_regress_target(*y, X, "x1", 256);
}

static void
test_relu_limit_deep(void **state)
{
    ntk_points_t X, T;
    ntk_regress_model_t M;
    ntk_regress_result_t R;
    ntk_regress_opts o = {20, 0, 4096, 2};
    arb_ptr y;
    slong depths[3] = {10000, 100000, 1000000}, n = 4;
    arb_t t;
    (void) state;

    ntk_points_init(X); ntk_points_init(T);
    ntk_regress_model_init(M);
    ntk_regress_result_init(R);
    arb_init(t);
    setup(X, T, M, &y, n, 2, 8, "2", "0");
    assert_int_equal(ntk_regress_run(R, X, y, T, depths, 3, M, &o), NTK_SUCCESS);
    /* log L / L shrinks by 8.0 and 8.3 per decade here: ask for > 5 */
    for (int k = 0; k < 2; k++)
    {
        arb_mul_ui(t, R->rows[k + 1].wdist, 5, 64);
        assert_true(arb_lt(t, R->rows[k].wdist));
    }
    arb_set_d(t, 1e-4);
    assert_true(arb_lt(R->rows[2].wdist, t));
    assert_true(ntk_regress_weights_accurate(R->rows[2].W, 20));
    arb_clear(t);
    _arb_vec_clear(y, n);
    ntk_regress_result_clear(R);
    ntk_regress_model_clear(M);
    ntk_points_clear(X); ntk_points_clear(T);
}

static void
test_jacot_2000(void **state)
{
    ntk_points_t X, T;
    ntk_regress_model_t M;
    ntk_regress_result_t R, H;
    ntk_regress_opts o = {20, 0, 16384, 2}, oh = {40, 0, 16384, 2};
    arb_ptr y;
    slong depth = 2000, n = 8;
    (void) state;

    ntk_points_init(X); ntk_points_init(T);
    ntk_regress_model_init(M);
    ntk_regress_result_init(R);
    ntk_regress_result_init(H);
    setup(X, T, M, &y, n, 2, 16, "1", "0.01");
    assert_int_equal(ntk_regress_run(R, X, y, T, &depth, 1, M, &o), NTK_SUCCESS);
    assert_true(R->rows[0].prec >= 1024);
    oh.prec = 2 * R->rows[0].prec;
    assert_int_equal(ntk_regress_run(H, X, y, T, &depth, 1, M, &oh), NTK_SUCCESS);
    for (slong i = 0; i < n; i++)
        for (slong j = 0; j < 2; j++)
            assert_true(arb_contains(arb_mat_entry(R->rows[0].W, i, j),
                                     arb_mat_entry(H->rows[0].W, i, j)));
    _arb_vec_clear(y, n);
    ntk_regress_result_clear(R);
    ntk_regress_result_clear(H);
    ntk_regress_model_clear(M);
    ntk_points_clear(X); ntk_points_clear(T);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relu_limit_deep),
        cmocka_unit_test(test_jacot_2000),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return r;
}
