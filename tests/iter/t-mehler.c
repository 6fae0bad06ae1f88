/*
 * Mehler model at c = 0 (src/iter/mehler.c, proofs/propagation.md Lemma
 * P5) against independent truth: one layer against the general path (2D
 * quadrature) for tanh at a few c; 100 layers of erf against its
 * closed-form kernel (general path); a chaotic tanh run through the engine
 * (Mehler path taken) converging to the maps module's fixed point c*.
 */
#include "iter_test.h"

static void
set_net(ntk_net_t net, const char *act, slong sw2, slong sb2num, slong sb2den, slong prec)
{
    assert_int_equal(ntk_act_set_str(net->act, act), NTK_SUCCESS);
    arb_set_si(net->sigma_w2, sw2);
    arb_set_si(net->sigma_b2, sb2num);
    arb_div_si(net->sigma_b2, net->sigma_b2, sb2den, prec);
}

static void
get_qstar(arb_t qstar, const ntk_net_t net, slong prec)
{
    int found = 0;
    char why[NTK_WHY_MAX];
    assert_int_equal(ntk_maps_qstar(qstar, &found, why, net, prec), NTK_SUCCESS);
    assert_int_equal(found, 1);
}

static void
model_init(ntk_iter_mehler_struct *M, const ntk_net_t net, const arb_t qstar,
           slong K, slong prec)
{
    arb_t cmax;
    arb_init(cmax);
    arb_one(cmax);
    arb_mul_2exp_si(cmax, cmax, -3);
    assert_int_equal(ntk_iter_mehler_init(M, net, qstar, cmax, K, prec), NTK_SUCCESS);
    arb_clear(cmax);
}

/* one layer: eps' and D12 (read off Theta_12 with Theta = 1) */
static void
test_tanh_step(void **state)
{
    slong prec = 128;
    const double cs[4] = {0.12, 0.05, 0.0, -0.08};
    ntk_net_t net;
    ntk_iter_mehler_struct M;
    ntk_iter_state_t s;
    arb_t qstar, eps, d12, t;
    (void) state;
    ntk_net_init(net);
    ntk_iter_state_init(s);
    arb_init(qstar); arb_init(eps); arb_init(d12); arb_init(t);
    set_net(net, "tanh", 4, 1, 100, prec);
    get_qstar(qstar, net, prec);
    model_init(&M, net, qstar, 50, prec);
    for (int i = 0; i < 4; i++)
    {
        slong K;
        arb_set_d(eps, 1.0 - cs[i]);
        arb_add_error_2exp_si(eps, -110);
        K = ntk_iter_mehler_order(&M, eps, prec - 24);
        assert_true(K >= 0);
        /* general path: 2D quadrature at q = q* */
        arb_set(s->q, qstar);
        arb_set(s->eps, eps);
        arb_one(s->theta11);
        arb_one(s->theta12);
        s->depth = 1;
        assert_int_equal(ntk_iter_step(s, net, qstar, prec), NTK_SUCCESS);
        ntk_iter_mehler_step(eps, d12, &M, K, prec);
        assert_true(arb_overlaps(eps, s->eps));
        assert_true(arb_rel_accuracy_bits(eps) > 90);
        /* Theta_12' = D12 + q* (1 - eps') */
        arb_sub_si(t, eps, 1, prec);
        arb_neg(t, t);
        arb_mul(t, t, qstar, prec);
        arb_add(t, t, d12, prec);
        assert_true(arb_overlaps(t, s->theta12));
        assert_true(arb_rel_accuracy_bits(d12) > 90);
    }
    ntk_iter_mehler_clear(&M);
    ntk_net_clear(net);
    ntk_iter_state_clear(s);
    arb_clear(qstar); arb_clear(eps); arb_clear(d12); arb_clear(t);
}

/* erf, chaotic (sigma_w^2 = 4, sigma_b^2 = 1/100), c0 = 0.1: 100 layers by
   the Mehler model (quadrature coefficients) against the closed-form
   kernel (general path); Theta_12 too */
static void
test_erf_closed_100(void **state)
{
    slong prec = 128;
    ntk_net_t net;
    ntk_iter_mehler_struct M;
    ntk_iter_state_t s;
    arb_t qstar, chi, eps, d12, th, c0;
    (void) state;
    ntk_net_init(net);
    ntk_iter_state_init(s);
    arb_init(qstar); arb_init(chi); arb_init(eps); arb_init(d12); arb_init(th);
    arb_init(c0);
    set_net(net, "erf", 4, 1, 100, prec);
    assert_true(ntk_act_has_closed_form(net->act));
    get_qstar(qstar, net, prec);
    assert_int_equal(ntk_maps_chi1(chi, net, qstar, prec), NTK_SUCCESS);
    model_init(&M, net, qstar, 50, prec);
    arb_set_si(c0, 1);
    arb_div_si(c0, c0, 10, prec);
    assert_int_equal(ntk_iter_state_start(s, qstar, c0, prec), NTK_SUCCESS);
    arb_set(eps, s->eps);
    arb_set(th, s->theta12);
    for (int l = 0; l < 100; l++)
    {
        slong K = ntk_iter_mehler_order(&M, eps, prec - 24);
        assert_true(K >= 0);
        ntk_iter_mehler_step(eps, d12, &M, K, prec);
        arb_mul(th, th, d12, prec);
        arb_sub_si(c0, eps, 1, prec);
        arb_neg(c0, c0);
        arb_addmul(th, qstar, c0, prec);
        assert_int_equal(ntk_iter_step(s, net, qstar, prec), NTK_SUCCESS);
    }
    assert_true(arb_overlaps(eps, s->eps));
    assert_true(arb_overlaps(th, s->theta12));
    assert_true(arb_rel_accuracy_bits(eps) > 80);
    assert_true(arb_rel_accuracy_bits(th) > 80);
    ntk_iter_mehler_clear(&M);
    ntk_net_clear(net);
    ntk_iter_state_clear(s);
    arb_clear(qstar); arb_clear(chi); arb_clear(eps); arb_clear(d12); arb_clear(th);
    arb_clear(c0);
}

/* the engine at q* (tanh, chaotic): the Mehler path is taken, c_L
   approaches the maps module's c* (interval Newton on the quadrature map),
   and the general path agrees at a checkpoint */
static void
test_tanh_chaotic_run(void **state)
{
    slong d[3] = {30, 80, 300};
    ntk_iter_problem_t pb;
    ntk_iter_info_t info;
    ntk_iter_opts_t opts;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(3), *gen = ntk_iter_rows_init(1);
    ntk_net_t net;
    ntk_phase_t ph;
    arb_t t, u;
    slong prec = 128;
    (void) state;
    ntk_iter_problem_init(pb);
    ntk_iter_info_init(info);
    ntk_net_init(net);
    ntk_phase_init(ph);
    arb_init(t); arb_init(u);
    assert_int_equal(ntk_act_set_str(pb->act, "tanh"), NTK_SUCCESS);
    fmpq_set_si(pb->sigma_w2, 4, 1);
    fmpq_set_si(pb->sigma_b2, 1, 100);
    pb->q1_star = 1;
    fmpq_set_si(pb->c0, 1, 2);
    assert_int_equal(ntk_iter_run(rows, info, pb, d, 3, 15, NULL), NTK_SUCCESS);
    assert_true(info->layers_fast > 250);
    set_net(net, "tanh", 4, 1, 100, prec);
    assert_int_equal(ntk_maps_phase(ph, net, prec), NTK_SUCCESS);
    assert_int_equal(ph->phase, NTK_PHASE_CHAOTIC);
    /* distances to c* shrink (like f'(c*)^L, f'(c*) ~ 0.88) and end below
       1e-14 */
    arb_sub(t, rows[2].c, ph->c_star, prec);
    arb_abs(t, t);
    arb_sub(u, rows[1].c, ph->c_star, prec);
    arb_abs(u, u);
    assert_true(arb_lt(t, u));
    arb_set_d(u, 1e-14);
    assert_true(arb_lt(t, u));
    /* general path to depth 30 (the Mehler model is built at c <= 1/8) */
    ntk_iter_opts_init(opts);
    opts->path = NTK_ITER_PATH_GENERAL;
    assert_int_equal(ntk_iter_run(gen, info, pb, d, 1, 15, opts), NTK_SUCCESS);
    assert_true(arb_overlaps(gen[0].eps, rows[0].eps));
    assert_true(arb_overlaps(gen[0].theta12, rows[0].theta12));
    arb_clear(t); arb_clear(u);
    ntk_phase_clear(ph);
    ntk_net_clear(net);
    ntk_iter_info_clear(info);
    ntk_iter_rows_clear(rows, 3);
    ntk_iter_rows_clear(gen, 1);
    ntk_iter_problem_clear(pb);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tanh_step),
        cmocka_unit_test(test_erf_closed_100),
        cmocka_unit_test(test_tanh_chaotic_run),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return r;
}
