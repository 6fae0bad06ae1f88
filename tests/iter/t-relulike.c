/*
 * ReLU-like fast path against independent truth: exact identities
 * (Theta_11 = L q1 r^(L-1)), the known large-depth limit Theta_12/L -> q/4,
 * the textbook closed form at 4x precision (single steps at random eps),
 * and a naive c-iteration at 4x precision (different variable, different
 * formula, own error accounting) up to depth 10^4.
 */
#include "iter_test.h"

/* Theta^L_11 = q1 L exactly at the EOC; q1 r^(L-1) L off the EOC (Lemma R1) */
static void
test_theta11_exact(void **state)
{
    slong d[5] = {1, 2, 10, 1000, 100000};
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(5);
    arb_t t, r;
    (void) state;

    ntk_iter_problem_init(pb);
    arb_init(t); arb_init(r);
    relulike_eoc_problem(pb, 1, 2, 1, 2, 3, 2, 1, 2);   /* relu, q1 = 3/2 */
    assert_int_equal(ntk_iter_run(rows, NULL, pb, d, 5, 30, NULL), NTK_SUCCESS);
    for (int i = 0; i < 5; i++)
    {
        assert_int_equal(rows[i].depth, d[i]);
        arb_set_si(t, 3 * d[i]);
        arb_mul_2exp_si(t, t, -1);
        assert_true(arb_contains(rows[i].theta11, t));
        arb_set_si(t, 3);
        arb_mul_2exp_si(t, t, -1);
        assert_true(arb_contains(rows[i].sigma11, t));
        assert_true(ntk_iter_row_accurate(rows + i, 30));
    }

    /* off the EOC: sigma_w2 = 3, relu: r = 3/2 */
    pb->eoc = 0;
    fmpq_set_si(pb->sigma_w2, 3, 1);
    d[3] = 50; d[4] = 60;
    assert_int_equal(ntk_iter_run(rows, NULL, pb, d, 5, 25, NULL), NTK_SUCCESS);
    for (int i = 0; i < 5; i++)
    {
        arb_set_si(r, 3);
        arb_mul_2exp_si(r, r, -1);
        arb_pow_ui(t, r, d[i] - 1, 512);
        arb_mul(t, t, r, 512);          /* q1 = 3/2 = r */
        arb_mul_si(t, t, d[i], 512);
        assert_true(arb_overlaps(rows[i].theta11, t));
    }
    arb_clear(t); arb_clear(r);
    ntk_iter_rows_clear(rows, 5);
    ntk_iter_problem_clear(pb);
}

/* c0 = 1: eps = 0 exactly; c0 = -1: eps starts at 2 exactly */
static void
test_exact_ends(void **state)
{
    slong d[3] = {1, 7, 1000};
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(3);
    (void) state;
    ntk_iter_problem_init(pb);
    relulike_eoc_problem(pb, 1, 2, 1, 2, 1, 1, 1, 1);
    assert_int_equal(ntk_iter_run(rows, NULL, pb, d, 3, 30, NULL), NTK_SUCCESS);
    for (int i = 0; i < 3; i++)
    {
        assert_true(arb_is_zero(rows[i].eps));
        assert_true(arb_equal(rows[i].theta11, rows[i].theta12));
    }
    fmpq_set_si(pb->c0, -1, 1);
    assert_int_equal(ntk_iter_run(rows, NULL, pb, d, 3, 30, NULL), NTK_SUCCESS);
    assert_true(arb_equal_si(rows[0].eps, 2));
    /* relu maps c = -1 to 1/pi exactly: k(-1) = ... f(-1) = -1/2 + (1/2)(2/pi)(-pi/2)... */
    for (int i = 1; i < 3; i++)
        assert_true(ntk_iter_row_accurate(rows + i, 30));
    ntk_iter_rows_clear(rows, 3);
    ntk_iter_problem_clear(pb);
}

/*
 * Large depth: Theta_12 / (q1 L) -> 1/4 for every Delta > 0 at the EOC, at
 * the rate log(L)/L (eps_L ~ (3 pi/(sqrt 2 Delta ... )) / L^2 and
 * D12 = 1 - 3/L + O(log L / L^2)).  Check |Theta_12/(q1 L) - 1/4| <=
 * 2 log(L)/L at L = 10^4, 10^5, and that the deviation shrinks by at least
 * the factor the rate predicts (0.125, allowed 0.2).
 */
static void
test_quarter_limit(void **state)
{
    slong ab[4][4] = {{1, 2, 1, 2}, {11, 20, 9, 20}, {0, 1, 1, 1}, {1, 1, 1, 2}};
    slong d[2] = {10000, 100000};
    ntk_iter_row_struct *rows = ntk_iter_rows_init(2);
    arb_t t;
    (void) state;
    arb_init(t);
    for (int k = 0; k < 4; k++)
    {
        ntk_iter_problem_t pb;
        double dev[2];
        ntk_iter_problem_init(pb);
        relulike_eoc_problem(pb, ab[k][0], ab[k][1], ab[k][2], ab[k][3], 2, 1, 1, 2);
        assert_int_equal(ntk_iter_run(rows, NULL, pb, d, 2, 15, NULL), NTK_SUCCESS);
        for (int i = 0; i < 2; i++)
        {
            arb_div_si(t, rows[i].theta12, 2 * d[i], 128);
            dev[i] = arf_get_d(arb_midref(t), ARF_RND_NEAR) - 0.25;
            dev[i] = fabs(dev[i]);
            assert_true(dev[i] <= 2 * log((double) d[i]) / d[i]);
        }
        assert_true(dev[1] <= 0.2 * dev[0]);
        ntk_iter_problem_clear(pb);
    }
    arb_clear(t);
    ntk_iter_rows_clear(rows, 2);
}

/* textbook closed form at precision wp, in c: eps' = 1 - f(c) */
static void
textbook_step(arb_t epsn, arb_t dn, const arb_t delta, const arb_t eps, slong wp)
{
    arb_t c, s, a, pi, k;
    arb_init(c); arb_init(s); arb_init(a); arb_init(pi); arb_init(k);
    arb_sub_si(c, eps, 1, wp);
    arb_neg(c, c);
    arb_sqr(s, c, wp);
    arb_sub_si(s, s, 1, wp);
    arb_neg(s, s);
    arb_sqrt(s, s, wp);                    /* sqrt(1 - c^2) */
    arb_asin(a, c, wp);
    arb_const_pi(pi, wp);
    arb_mul(k, c, a, wp);
    arb_add(k, k, s, wp);
    arb_mul_2exp_si(k, k, 1);
    arb_div(k, k, pi, wp);                 /* E|u||v| */
    arb_sub(k, k, c, wp);
    arb_mul(k, k, delta, wp);
    arb_add(k, k, c, wp);                  /* f(c) */
    arb_sub_si(epsn, k, 1, wp);
    arb_neg(epsn, epsn);
    /* f'(c) = 1 - Delta + Delta (2/pi) asin c */
    arb_mul_2exp_si(a, a, 1);
    arb_div(a, a, pi, wp);
    arb_sub_si(a, a, 1, wp);
    arb_mul(a, a, delta, wp);
    arb_add_si(dn, a, 1, wp);
    arb_clear(c); arb_clear(s); arb_clear(a); arb_clear(pi); arb_clear(k);
}

static void
test_step_vs_textbook(void **state)
{
    flint_rand_t rs;
    arb_t eps, e2, dn, tn, td, delta;
    (void) state;
    flint_rand_init(rs);
    arb_init(eps); arb_init(e2); arb_init(dn); arb_init(tn); arb_init(td); arb_init(delta);
    for (int it = 0; it < 400; it++)
    {
        slong prec = 64 + n_randint(rs, 400);
        slong e = -(slong) n_randint(rs, 120);
        arb_set_si(delta, 1 + n_randint(rs, 100));
        arb_div_ui(delta, delta, 100, 4 * prec);
        /* random eps in (0, 2], spread over many scales */
        arb_set_ui(eps, 1 + n_randint(rs, 1000000));
        arb_mul_2exp_si(eps, eps, e - 19);
        if (n_randint(rs, 4) == 0)
        {
            /* a ball with a small radius */
            mag_set_ui_2exp_si(arb_radref(eps), 1, e - 19 - prec / 2);
        }
        arb_set(e2, eps);
        ntk_iter_relulike_step(e2, dn, delta, prec);
        textbook_step(tn, td, delta, eps, 4 * prec + 200);
        assert_true(arb_overlaps(e2, tn));
        assert_true(arb_overlaps(dn, td));
        /* and the step is accurate: relative radius ~ 2^-prec */
        if (arb_is_exact(eps))
            assert_true(ntk_ball_digits(e2) >= (prec - 20) * 0.30103);
    }
    arb_clear(eps); arb_clear(e2); arb_clear(dn); arb_clear(tn); arb_clear(td); arb_clear(delta);
    flint_rand_clear(rs);
}

/*
 * Naive c-iteration (textbook formula in c) at 4x precision, with its own
 * error accounting: c_(l+1) = mid f(c~_l); since |f'| <= 1 on [-1, 1] at the
 * EOC (Lemma R3), the error E_(l+1) <= E_l + rad(f(c~_l)) + rounding of the
 * midpoint.  Theta_12 in plain ball arithmetic with D12 = f'(c ball).
 */
static void
test_naive_c_iteration(void **state)
{
    slong d[3] = {10, 1000, 10000};
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(3);
    ntk_iter_info_t info;
    arb_t c, cb, f, eps, dn, tmp, th, delta;
    mag_t E;
    slong wp, next = 0;
    (void) state;

    ntk_iter_problem_init(pb);
    ntk_iter_info_init(info);
    relulike_eoc_problem(pb, 1, 2, 1, 2, 1, 1, 1, 2);
    assert_int_equal(ntk_iter_run(rows, info, pb, d, 3, 30, NULL), NTK_SUCCESS);
    wp = 4 * info->prec;

    arb_init(c); arb_init(cb); arb_init(f); arb_init(eps); arb_init(dn);
    arb_init(tmp); arb_init(th); arb_init(delta);
    mag_init(E);
    arb_set_ui(delta, 1);
    arb_mul_2exp_si(delta, delta, -1);
    arb_set_d(c, 0.5);
    arb_set_d(th, 0.5);
    for (slong L = 1; L <= d[2]; L++)
    {
        if (L == d[next])
        {
            arb_set(cb, c);
            arb_add_error_mag(cb, E);
            assert_true(arb_overlaps(cb, rows[next].c));
            assert_true(arb_overlaps(th, rows[next].theta12));
            next++;
        }
        /* c ball with its error, eps = 1 - c */
        arb_set(cb, c);
        arb_add_error_mag(cb, E);
        arb_sub_si(eps, cb, 1, wp);
        arb_neg(eps, eps);
        ntk_iter_clamp_eps(eps, wp);
        textbook_step(f, dn, delta, eps, wp);     /* dn = f'(c) on the ball */
        /* naive point iteration with the error budget */
        arb_sub_si(eps, c, 1, wp);
        arb_neg(eps, eps);
        textbook_step(f, tmp, delta, eps, wp);
        arb_sub_si(f, f, 1, wp);
        arb_neg(f, f);                            /* f(c~) */
        mag_add(E, E, arb_radref(f));             /* |f'| <= 1 */
        arb_get_mid_arb(c, f);
        /* Theta_12' = Theta_12 f'(c) + c' */
        arb_set(cb, c);
        arb_add_error_mag(cb, E);
        arb_mul(th, th, dn, wp);
        arb_add(th, th, cb, wp);
    }
    arb_clear(c); arb_clear(cb); arb_clear(f); arb_clear(eps); arb_clear(dn);
    arb_clear(tmp); arb_clear(th); arb_clear(delta);
    mag_clear(E);
    ntk_iter_info_clear(info);
    ntk_iter_rows_clear(rows, 3);
    ntk_iter_problem_clear(pb);
}

/* the 128-bit kernel (Lemma R5) against the ball-arithmetic step: the
   balls overlap, and the kernel's radii are not much wider */
static void
test_kernel128_vs_ball(void **state)
{
    slong ab[3][4] = {{1, 2, 1, 2}, {0, 1, 1, 1}, {1, 1, 1, 2}};
    slong d[4] = {10, 1000, 30000, 200000};
    ntk_iter_row_struct *k = ntk_iter_rows_init(4), *b = ntk_iter_rows_init(4);
    ntk_iter_opts_t opts;
    (void) state;
    ntk_iter_opts_init(opts);
    for (int j = 0; j < 3; j++)
    {
        ntk_iter_problem_t pb;
        ntk_iter_problem_init(pb);
        relulike_eoc_problem(pb, ab[j][0], ab[j][1], ab[j][2], ab[j][3], 5, 3, -1, 3);
        ntk_iter_relulike_no128 = 0;
        assert_int_equal(ntk_iter_run_prec(k, NULL, pb, d, 4, opts, 128), NTK_SUCCESS);
        ntk_iter_relulike_no128 = 1;
        assert_int_equal(ntk_iter_run_prec(b, NULL, pb, d, 4, opts, 128), NTK_SUCCESS);
        ntk_iter_relulike_no128 = 0;
        for (int i = 0; i < 4; i++)
        {
            assert_true(arb_overlaps(k[i].eps, b[i].eps));
            assert_true(arb_overlaps(k[i].theta12, b[i].theta12));
            assert_true(ntk_ball_digits(k[i].eps) + 2 >= ntk_ball_digits(b[i].eps));
            assert_true(ntk_ball_digits(k[i].theta12) + 2 >= ntk_ball_digits(b[i].theta12));
        }
        ntk_iter_problem_clear(pb);
    }
    ntk_iter_rows_clear(k, 4);
    ntk_iter_rows_clear(b, 4);
}

/* bad input: NTK_DOMAIN with a message naming the value */
static void
test_domain(void **state)
{
    slong d[2] = {5, 3};
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(2);
    (void) state;
    ntk_iter_problem_init(pb);
    relulike_eoc_problem(pb, 1, 2, 1, 2, 1, 1, 3, 2);
    assert_int_equal(ntk_iter_run(rows, NULL, pb, d, 1, 10, NULL), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "c0"));
    fmpq_set_si(pb->c0, 1, 2);
    assert_int_equal(ntk_iter_run(rows, NULL, pb, d, 2, 10, NULL), NTK_DOMAIN);
    d[0] = 0;
    assert_int_equal(ntk_iter_run(rows, NULL, pb, d, 1, 10, NULL), NTK_DOMAIN);
    d[0] = 5;
    fmpq_set_si(pb->q1, -1, 1);
    assert_int_equal(ntk_iter_run(rows, NULL, pb, d, 1, 10, NULL), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "q1"));
    ntk_iter_rows_clear(rows, 2);
    ntk_iter_problem_clear(pb);
}

/* precision cap too low: NTK_UNABLE naming the depth, valid balls kept */
static void
test_cap(void **state)
{
    slong d[2] = {10, 100};
    ntk_iter_problem_t pb;
    ntk_iter_opts_t opts;
    ntk_iter_info_t info;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(2);
    (void) state;
    ntk_iter_problem_init(pb);
    ntk_iter_info_init(info);
    ntk_iter_opts_init(opts);
    opts->prec_cap = 64;
    relulike_eoc_problem(pb, 1, 2, 1, 2, 1, 1, 1, 2);
    assert_int_equal(ntk_iter_run(rows, info, pb, d, 2, 40, opts), NTK_UNABLE);
    assert_int_equal(info->fail_depth, 10);
    assert_non_null(strstr(ntk_error_last(), "depth 10"));
    ntk_iter_info_clear(info);
    ntk_iter_rows_clear(rows, 2);
    ntk_iter_problem_clear(pb);
}

static void
test_depths_log(void **state)
{
    slong *d, n;
    slong want[] = {1, 2, 5, 10, 20, 50, 100, 200, 300};
    (void) state;
    ntk_iter_depths_log(&d, &n, 300);
    assert_int_equal(n, 9);
    for (int i = 0; i < 9; i++)
        assert_int_equal(d[i], want[i]);
    flint_free(d);
    ntk_iter_depths_log(&d, &n, 1);
    assert_int_equal(n, 1);
    assert_int_equal(d[0], 1);
    flint_free(d);
}

/* ntk_iter_relulike_gap from a ball-valued eps0 and with a bias: its balls
   contain the general path's (maps module, another implementation) at
   both ends and the midpoint of the eps0 ball; an exact eps0 keeps its
   accuracy */
static void
test_gap_ball_start(void **state)
{
    /* a, b (num/den pairs), sigma_w2, sigma_b2 as num/den */
    static const slong cf[3][8] = {
        {11, 20, 9, 20, 3, 2, 1, 4},     /* leaky_relu:0.1, with bias */
        {0, 1, 1, 1, 4, 5, 0, 1},        /* abs, no bias (scaled form) */
        {1, 2, 1, 2, 1, 1, 1, 100},      /* relu, Jacot beta = 0.1 */
    };
    slong depths[3] = {1, 7, 25}, prec = 128;
    (void) state;

    for (int j = 0; j < 3; j++)
    {
        ntk_iter_problem_t pb;
        ntk_iter_opts_t opts;
        ntk_iter_row_struct *rows = ntk_iter_rows_init(3);
        arb_ptr th = _arb_vec_init(3), de = _arb_vec_init(3);
        arb_t sw2, sb2, q1, eps0, t;

        ntk_iter_problem_init(pb);
        ntk_iter_opts_init(opts);
        opts->path = NTK_ITER_PATH_GENERAL;
        set_relulike(pb->act, cf[j][0], cf[j][1], cf[j][2], cf[j][3]);
        fmpq_set_si(pb->sigma_w2, cf[j][4], cf[j][5]);
        fmpq_set_si(pb->sigma_b2, cf[j][6], cf[j][7]);
        fmpq_set_si(pb->q1, 3, 2);
        arb_init(sw2); arb_init(sb2); arb_init(q1); arb_init(eps0); arb_init(t);
        arb_set_fmpq(sw2, pb->sigma_w2, prec);
        arb_set_fmpq(sb2, pb->sigma_b2, prec);
        arb_set_fmpq(q1, pb->q1, prec);

        /* eps0 = 5/16 +- 1/64, c0 = 1 - eps0 in [43/64, 45/64] */
        arb_set_si(eps0, 5);
        arb_mul_2exp_si(eps0, eps0, -4);
        mag_set_ui_2exp_si(arb_radref(eps0), 1, -6);
        assert_int_equal(ntk_iter_relulike_gap(th, de, eps0, depths, 3, pb->act->a,
                                               pb->act->b, sw2, sb2, q1, prec), NTK_SUCCESS);
        for (int e = 0; e < 3; e++)
        {
            fmpq_set_si(pb->c0, 43 + e, 64);
            assert_int_equal(ntk_iter_run_prec(rows, NULL, pb, depths, 3, opts, prec),
                             NTK_SUCCESS);
            for (int k = 0; k < 3; k++)
            {
                assert_true(arb_overlaps(th + k, rows[k].theta11));
                arb_sub(t, rows[k].theta11, rows[k].theta12, prec);
                assert_true(arb_overlaps(de + k, t));
                assert_true(arb_is_finite(de + k));
            }
        }
        /* exact eps0 = 21/64 (c0 = 43/64): narrow balls, same values */
        arb_set_si(eps0, 21);
        arb_mul_2exp_si(eps0, eps0, -6);
        assert_int_equal(ntk_iter_relulike_gap(th, de, eps0, depths, 3, pb->act->a,
                                               pb->act->b, sw2, sb2, q1, prec), NTK_SUCCESS);
        fmpq_set_si(pb->c0, 43, 64);
        assert_int_equal(ntk_iter_run_prec(rows, NULL, pb, depths, 3, opts, prec),
                         NTK_SUCCESS);
        for (int k = 0; k < 3; k++)
        {
            arb_sub(t, rows[k].theta11, rows[k].theta12, prec);
            assert_true(arb_overlaps(de + k, t));
            assert_true(arb_overlaps(th + k, rows[k].theta11));
            assert_true(arb_rel_accuracy_bits(de + k) > 100);
        }

        arb_clear(sw2); arb_clear(sb2); arb_clear(q1); arb_clear(eps0); arb_clear(t);
        _arb_vec_clear(th, 3); _arb_vec_clear(de, 3);
        ntk_iter_rows_clear(rows, 3);
        ntk_iter_problem_clear(pb);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_theta11_exact),
        cmocka_unit_test(test_exact_ends),
        cmocka_unit_test(test_quarter_limit),
        cmocka_unit_test(test_step_vs_textbook),
        cmocka_unit_test(test_naive_c_iteration),
        cmocka_unit_test(test_kernel128_vs_ball),
        cmocka_unit_test(test_domain),
        cmocka_unit_test(test_cap),
        cmocka_unit_test(test_depths_log),
        cmocka_unit_test(test_gap_ball_start),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return r;
}
