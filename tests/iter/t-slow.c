/*
 * Deep / expensive checks (suite 'slow'): balls at precision p and 2p
 * overlap at depth 10^5 (ReLU fast path, erf Taylor model at its EOC), and
 * tanh in the ordered phase (sigma_b = 0.3, sigma_w = 1: Theta_11 reaches
 * q* / (1 - chi_1), the closed-form geometric sum) and in the chaotic phase
 * (sigma_b = 0.1, sigma_w = 2: c_L -> c* of the maps module).
 */
#include "iter_test.h"

static void
overlap_p_2p(ntk_iter_problem_t pb, slong depth, slong p)
{
    slong d[2] = {depth / 10, depth};
    ntk_iter_row_struct *a = ntk_iter_rows_init(2), *b = ntk_iter_rows_init(2);
    assert_int_equal(ntk_iter_run_prec(a, NULL, pb, d, 2, NULL, p), NTK_SUCCESS);
    assert_int_equal(ntk_iter_run_prec(b, NULL, pb, d, 2, NULL, 2 * p), NTK_SUCCESS);
    for (int i = 0; i < 2; i++)
    {
        assert_true(arb_overlaps(a[i].eps, b[i].eps));
        assert_true(arb_overlaps(a[i].theta11, b[i].theta11));
        assert_true(arb_overlaps(a[i].theta12, b[i].theta12));
        /* and doubling the precision really sharpens the balls */
        assert_true(ntk_ball_digits(b[i].eps) > ntk_ball_digits(a[i].eps) + 10);
    }
    ntk_iter_rows_clear(a, 2);
    ntk_iter_rows_clear(b, 2);
}

static void
test_p_2p_relu(void **state)
{
    ntk_iter_problem_t pb;
    (void) state;
    ntk_iter_problem_init(pb);
    relulike_eoc_problem(pb, 1, 2, 1, 2, 1, 1, 1, 2);
    overlap_p_2p(pb, 100000, 128);
    relulike_eoc_problem(pb, 11, 20, 9, 20, 7, 3, -9, 10);
    overlap_p_2p(pb, 100000, 96);
    ntk_iter_problem_clear(pb);
}

static void
test_p_2p_erf(void **state)
{
    ntk_iter_problem_t pb;
    (void) state;
    ntk_iter_problem_init(pb);
    assert_int_equal(ntk_act_set_str(pb->act, "erf"), NTK_SUCCESS);
    pb->eoc = 1;
    fmpq_set_si(pb->sigma_b2, 1, 25);
    pb->q1_star = 1;
    fmpq_set_si(pb->c0, 1, 2);
    overlap_p_2p(pb, 100000, 128);
    ntk_iter_problem_clear(pb);
}

static void
test_tanh_ordered(void **state)
{
    slong d[2] = {50, 400};
    ntk_iter_problem_t pb;
    ntk_iter_info_t info;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(2);
    ntk_net_t net;
    arb_t chi, t, u, lim;
    slong prec = 128;
    (void) state;
    ntk_iter_problem_init(pb);
    ntk_iter_info_init(info);
    ntk_net_init(net);
    arb_init(chi); arb_init(t); arb_init(u); arb_init(lim);
    assert_int_equal(ntk_act_set_str(pb->act, "tanh"), NTK_SUCCESS);
    fmpq_set_si(pb->sigma_w2, 1, 1);
    fmpq_set_si(pb->sigma_b2, 9, 100);
    pb->q1_star = 1;
    fmpq_set_si(pb->c0, 1, 2);
    assert_int_equal(ntk_iter_run(rows, info, pb, d, 2, 15, NULL), NTK_SUCCESS);
    assert_int_equal(ntk_act_set_str(net->act, "tanh"), NTK_SUCCESS);
    arb_one(net->sigma_w2);
    arb_set_si(net->sigma_b2, 9);
    arb_div_ui(net->sigma_b2, net->sigma_b2, 100, prec);
    assert_int_equal(ntk_maps_chi1(chi, net, info->q_star, prec), NTK_SUCCESS);
    assert_true(arb_lt(chi, net->sigma_w2));
    arb_sub_si(lim, chi, 1, prec);
    arb_neg(lim, lim);
    arb_div(lim, info->q_star, lim, prec);
    for (int i = 0; i < 2; i++)
    {
        arb_pow_ui(t, chi, d[i], prec);
        arb_sub_si(t, t, 1, prec);
        arb_neg(t, t);
        arb_mul(t, t, lim, prec);
        assert_true(arb_overlaps(rows[i].theta11, t));
    }
    arb_sub(t, rows[1].theta11, lim, prec);
    arb_abs(t, t);
    arb_pow_ui(u, chi, d[1], prec);
    arb_mul(u, u, lim, prec);
    assert_true(arb_le(t, u) || arb_overlaps(t, u));
    arb_clear(chi); arb_clear(t); arb_clear(u); arb_clear(lim);
    ntk_net_clear(net);
    ntk_iter_info_clear(info);
    ntk_iter_rows_clear(rows, 2);
    ntk_iter_problem_clear(pb);
}

static void
test_tanh_chaotic(void **state)
{
    slong d[2] = {40, 120};
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(2);
    ntk_net_t net;
    ntk_phase_t ph;
    arb_t t, u;
    slong prec = 128;
    (void) state;
    ntk_iter_problem_init(pb);
    ntk_net_init(net);
    ntk_phase_init(ph);
    arb_init(t); arb_init(u);
    assert_int_equal(ntk_act_set_str(pb->act, "tanh"), NTK_SUCCESS);
    fmpq_set_si(pb->sigma_w2, 4, 1);
    fmpq_set_si(pb->sigma_b2, 1, 100);
    pb->q1_star = 1;
    fmpq_set_si(pb->c0, 9, 10);
    assert_int_equal(ntk_iter_run(rows, NULL, pb, d, 2, 10, NULL), NTK_SUCCESS);
    assert_int_equal(ntk_act_set_str(net->act, "tanh"), NTK_SUCCESS);
    arb_set_ui(net->sigma_w2, 4);
    arb_set_ui(net->sigma_b2, 1);
    arb_div_ui(net->sigma_b2, net->sigma_b2, 100, prec);
    assert_int_equal(ntk_maps_phase(ph, net, prec), NTK_SUCCESS);
    assert_int_equal(ph->phase, NTK_PHASE_CHAOTIC);
    /* |c_L - c*| shrinks like f'(c*)^L: below 1e-6 at L = 120 and smaller
       than at L = 40 */
    arb_sub(t, rows[1].c, ph->c_star, prec);
    arb_abs(t, t);
    arb_set_d(u, 1e-6);
    assert_true(arb_lt(t, u));
    arb_sub(u, rows[0].c, ph->c_star, prec);
    arb_abs(u, u);
    assert_true(arb_lt(t, u));
    arb_clear(t); arb_clear(u);
    ntk_phase_clear(ph);
    ntk_net_clear(net);
    ntk_iter_rows_clear(rows, 2);
    ntk_iter_problem_clear(pb);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_p_2p_relu),
        cmocka_unit_test(test_p_2p_erf),
        cmocka_unit_test(test_tanh_ordered),
        cmocka_unit_test(test_tanh_chaotic),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return r;
}
