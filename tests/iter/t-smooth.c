/*
 * Smooth activations through the engine, against independent truth:
 * identities at the EOC (Theta_11 = L q*), the closed-form geometric sum of
 * the ordered phase and its limit q* / (1 - chi_1), the chaotic fixed point
 * c* of the maps module, erf closed form against erf quadrature, and the
 * Taylor-model fast path against the general path.  erf keeps these fast
 * (closed forms); tanh versions are in the slow suite.
 */
#include "iter_test.h"

static void
smooth_problem(ntk_iter_problem_t pb, const char *act, const char *sw2,
               const char *sb2, int q1_star, const char *c0)
{
    assert_int_equal(ntk_act_set_str(pb->act, act), NTK_SUCCESS);
    if (sw2 == NULL)
        pb->eoc = 1;
    else
    {
        pb->eoc = 0;
        assert_int_equal(ntk_parse_fmpq(pb->sigma_w2, sw2, "sw2"), NTK_SUCCESS);
    }
    assert_int_equal(ntk_parse_fmpq(pb->sigma_b2, sb2, "sb2"), NTK_SUCCESS);
    pb->q1_star = q1_star;
    fmpq_one(pb->q1);
    assert_int_equal(ntk_parse_fmpq(pb->c0, c0, "c0"), NTK_SUCCESS);
}

/* EOC: chi_1 = 1 so Theta^L_11 = L q* exactly; Taylor path vs general path */
static void
test_erf_eoc(void **state)
{
    slong d[3] = {3, 100, 3000};
    ntk_iter_problem_t pb;
    ntk_iter_info_t info;
    ntk_iter_opts_t opts;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(3), *gen = ntk_iter_rows_init(2);
    arb_t t;
    (void) state;
    ntk_iter_problem_init(pb);
    ntk_iter_info_init(info);
    arb_init(t);
    smooth_problem(pb, "erf", NULL, "0.04", 1, "0.5");
    assert_int_equal(ntk_iter_run(rows, info, pb, d, 3, 20, NULL), NTK_SUCCESS);
    assert_true(info->layers_fast > 0);
    for (int i = 0; i < 3; i++)
    {
        arb_mul_si(t, info->q_star, d[i], info->prec);
        assert_true(arb_overlaps(rows[i].theta11, t));
        assert_true(ntk_iter_row_accurate(rows + i, 20));
    }
    /* general path only (no Taylor model), same balls up to radii */
    ntk_iter_opts_init(opts);
    opts->path = NTK_ITER_PATH_GENERAL;
    assert_int_equal(ntk_iter_run(gen, info, pb, d, 2, 20, opts), NTK_SUCCESS);
    assert_int_equal(info->layers_fast, 0);
    for (int i = 0; i < 2; i++)
    {
        assert_true(arb_overlaps(gen[i].eps, rows[i].eps));
        assert_true(arb_overlaps(gen[i].theta12, rows[i].theta12));
    }
    arb_clear(t);
    ntk_iter_info_clear(info);
    ntk_iter_rows_clear(rows, 3);
    ntk_iter_rows_clear(gen, 2);
    ntk_iter_problem_clear(pb);
}

/* Ziv loop: a start precision a little short retries with a step sized by
   the measured shortfall (not by doubling), and the result agrees with a
   run at the default start */
static void
test_ziv_shortfall_step(void **state)
{
    slong d[1] = {3000};
    ntk_iter_problem_t pb;
    ntk_iter_info_t info;
    ntk_iter_opts_t opts;
    ntk_iter_row_struct *a = ntk_iter_rows_init(1), *b = ntk_iter_rows_init(1);
    (void) state;
    ntk_iter_problem_init(pb);
    ntk_iter_info_init(info);
    smooth_problem(pb, "erf", NULL, "0.04", 1, "0.5");
    ntk_iter_opts_init(opts);
    opts->prec_start = 64;            /* 20 digits need ~67 bits + guard */
    assert_int_equal(ntk_iter_run(a, info, pb, d, 1, 20, opts), NTK_SUCCESS);
    assert_true(info->attempts >= 2);
    assert_true(info->prec > 64 && info->prec < 128);
    assert_true(ntk_iter_row_accurate(a, 20));
    assert_int_equal(ntk_iter_run(b, info, pb, d, 1, 20, NULL), NTK_SUCCESS);
    assert_int_equal(info->attempts, 1);
    assert_true(arb_overlaps(a->eps, b->eps));
    assert_true(arb_overlaps(a->theta12, b->theta12));
    ntk_iter_info_clear(info);
    ntk_iter_rows_clear(a, 1);
    ntk_iter_rows_clear(b, 1);
    ntk_iter_problem_clear(pb);
}

/* ordered phase at q*: Theta^L_11 = q* (1 - chi^L)/(1 - chi) -> q* / (1 - chi) */
static void
test_erf_ordered(void **state)
{
    slong d[2] = {20, 300};
    ntk_iter_problem_t pb;
    ntk_iter_info_t info;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(2);
    ntk_net_t net;
    arb_t chi, t, u, lim;
    slong prec = 256;
    (void) state;
    ntk_iter_problem_init(pb);
    ntk_iter_info_init(info);
    ntk_net_init(net);
    arb_init(chi); arb_init(t); arb_init(u); arb_init(lim);
    smooth_problem(pb, "erf", "1", "0.09", 1, "0.5");
    assert_int_equal(ntk_iter_run(rows, info, pb, d, 2, 20, NULL), NTK_SUCCESS);

    assert_int_equal(ntk_act_set_str(net->act, "erf"), NTK_SUCCESS);
    arb_one(net->sigma_w2);
    arb_set_ui(net->sigma_b2, 9);
    arb_div_ui(net->sigma_b2, net->sigma_b2, 100, prec);
    assert_int_equal(ntk_maps_chi1(chi, net, info->q_star, prec), NTK_SUCCESS);
    assert_true(arb_lt(chi, net->sigma_w2));     /* ordered: chi_1 < 1 */
    arb_sub_si(lim, chi, 1, prec);
    arb_neg(lim, lim);
    arb_div(lim, info->q_star, lim, prec);       /* q* / (1 - chi) */
    for (int i = 0; i < 2; i++)
    {
        arb_pow_ui(t, chi, d[i], prec);
        arb_sub_si(t, t, 1, prec);
        arb_neg(t, t);
        arb_mul(t, t, lim, prec);
        assert_true(arb_overlaps(rows[i].theta11, t));
    }
    /* the limit is reached: |Theta^300_11 - q* / (1-chi)| <= q* chi^300/(1-chi) */
    arb_sub(t, rows[1].theta11, lim, prec);
    arb_abs(t, t);
    arb_pow_ui(u, chi, 300, prec);
    arb_mul(u, u, lim, prec);
    assert_true(arb_le(t, u) || arb_overlaps(t, u));
    /* and eps -> 0 in the ordered phase */
    assert_true(arf_cmpabs_2exp_si(arb_midref(rows[1].eps), -20) < 0);
    arb_clear(chi); arb_clear(t); arb_clear(u); arb_clear(lim);
    ntk_net_clear(net);
    ntk_iter_info_clear(info);
    ntk_iter_rows_clear(rows, 2);
    ntk_iter_problem_clear(pb);
}

/* chaotic phase: c_L -> c* (maps' fixed point of the correlation map) */
static void
test_erf_chaotic(void **state)
{
    slong d[2] = {100, 300};
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
    smooth_problem(pb, "erf", "4", "0.01", 1, "0.9");
    assert_int_equal(ntk_iter_run(rows, NULL, pb, d, 2, 20, NULL), NTK_SUCCESS);
    assert_int_equal(ntk_act_set_str(net->act, "erf"), NTK_SUCCESS);
    arb_set_ui(net->sigma_w2, 4);
    arb_set_ui(net->sigma_b2, 1);
    arb_div_ui(net->sigma_b2, net->sigma_b2, 100, prec);
    assert_int_equal(ntk_maps_phase(ph, net, prec), NTK_SUCCESS);
    assert_int_equal(ph->phase, NTK_PHASE_CHAOTIC);
    /* |c_L - c*| <= |c_1 - c*| sup|f'|^(L-1) would need sup over [c*, c1];
       check the observed contraction instead: the distance shrinks like
       f'(c*)^L, and at L = 300 is below 1e-15 */
    arb_sub(t, rows[1].c, ph->c_star, prec);
    arb_abs(t, t);
    arb_set_d(u, 1e-15);
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

/* erf: closed-form maps against certified quadrature (maps and Price
   coefficients), 100 layers (q = q*, ordered phase, c0 = 0.5; the general
   path while eps is large, then the Taylor model); balls must overlap */
static void
test_erf_closed_vs_quad(void **state)
{
    slong d[3] = {2, 10, 100};
    ntk_iter_problem_t pb;
    ntk_iter_opts_t opts;
    ntk_iter_row_struct *cl = ntk_iter_rows_init(3), *qu = ntk_iter_rows_init(3);
    (void) state;
    ntk_iter_problem_init(pb);
    ntk_iter_opts_init(opts);
    smooth_problem(pb, "erf", "1", "0.09", 1, "0.5");
    pb->method = NTK_METHOD_CLOSED;
    assert_int_equal(ntk_iter_run_prec(cl, NULL, pb, d, 3, opts, 64), NTK_SUCCESS);
    pb->method = NTK_METHOD_QUAD;
    assert_int_equal(ntk_iter_run_prec(qu, NULL, pb, d, 3, opts, 64), NTK_SUCCESS);
    for (int i = 0; i < 3; i++)
    {
        assert_true(arb_overlaps(cl[i].eps, qu[i].eps));
        assert_true(arb_overlaps(cl[i].theta11, qu[i].theta11));
        assert_true(arb_overlaps(cl[i].theta12, qu[i].theta12));
        /* and both are informative */
        assert_true(ntk_ball_digits(qu[i].eps) >= 8);
        assert_true(ntk_ball_digits(qu[i].theta12) >= 8);
    }
    ntk_iter_rows_clear(cl, 3);
    ntk_iter_rows_clear(qu, 3);
    ntk_iter_problem_clear(pb);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_erf_eoc),
        cmocka_unit_test(test_erf_ordered),
        cmocka_unit_test(test_ziv_shortfall_step),
        cmocka_unit_test(test_erf_chaotic),
        cmocka_unit_test(test_erf_closed_vs_quad),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return r;
}
