/*
 * The depth jump (src/iter/jump_*.c, proofs/fatou.md) against independent
 * truth: the closed forms of the coefficients from the symbolic solve of
 * proofs/check/fatou.py (sympy, undetermined coefficients), the exact
 * asymptotic constants of H1/H2/H4/H5 and Corollary N6, the defect bound
 * against the defect computed at 4x precision from the closed-form map
 * (Lemma R2), and the direct iteration (ntk_iter_run) at depth 10^6.
 */
#include "iter_test.h"
#include "ntkdepth/jump.h"

/* kap = Delta/pi */
static void
kap_of(arb_t kap, slong dn, slong dd, slong prec)
{
    arb_const_pi(kap, prec);
    arb_mul_si(kap, kap, dd, prec);
    arb_inv(kap, kap, prec);
    arb_mul_si(kap, kap, dn, prec);
}

/* (a k^4 + b k^2 + c) / (d k^e) */
static void
rat_k(arb_t r, const arb_t k, slong a, slong b, slong c, slong d, slong e, slong prec)
{
    arb_t k2, s;
    arb_init(k2); arb_init(s);
    arb_mul(k2, k, k, prec);
    arb_mul_si(s, k2, a, prec);
    arb_add_si(s, s, b, prec);
    arb_mul(s, s, k2, prec);
    arb_add_si(s, s, c, prec);
    arb_div_si(s, s, d, prec);
    if (e == 1)
        arb_div(s, s, k, prec);
    arb_set(r, s);
    arb_clear(k2); arb_clear(s);
}

static void
test_coefficients(void **state)
{
    slong prec = 256, dl[3][2] = {{1, 2}, {1, 5}, {1, 1}};
    (void) state;
    for (int i = 0; i < 3; i++)
    {
        arb_t delta, k, x;
        ntk_jump_rl_t J;
        arb_init(delta); arb_init(k); arb_init(x);
        arb_set_si(delta, dl[i][0]);
        arb_div_si(delta, delta, dl[i][1], prec);
        kap_of(k, dl[i][0], dl[i][1], prec);
        ntk_jump_rl_init(J, delta, 12, prec);

        /* proofs/check/fatou.out */
        rat_k(x, k, 0, 160, 9, 120, 1, prec);          /* c1 */
        assert_true(arb_overlaps(x, J->c + 1));
        rat_k(x, k, 0, 100, 3, 60, 0, prec);           /* c2 */
        assert_true(arb_overlaps(x, J->c + 2));
        rat_k(x, k, 1568000, 60480, 2511, 453600, 1, prec);   /* c3 */
        assert_true(arb_overlaps(x, J->c + 3));
        rat_k(x, k, 1003520, 47880, 1539, 113400, 0, prec);   /* c4 */
        assert_true(arb_overlaps(x, J->c + 4));
        arb_mul_2exp_si(x, k, 1);                       /* qh4 = 2 kap */
        assert_true(arb_overlaps(x, J->qh + 4));
        rat_k(x, k, 0, 520, 9, 90, 0, prec);            /* qh5 */
        assert_true(arb_overlaps(x, J->qh + 5));
        rat_k(x, k, 5950, 945, -324, 4725, 1, prec);    /* q3 / 4 */
        arb_mul_2exp_si(x, x, 2);
        assert_true(arb_overlaps(x, J->q3));
        rat_k(x, k, 0, -200, -387, 480, 1, prec);       /* p1 */
        assert_true(arb_overlaps(x, J->p + 1));
        rat_k(x, k, 0, -400, 621, 180, 0, prec);        /* p2 */
        assert_true(arb_overlaps(x, J->p + 2));
        rat_k(x, k, 398720, 49104, 14499, 25920, 0, prec);    /* p4 */
        assert_true(arb_overlaps(x, J->p + 4));
        assert_true(arb_rel_accuracy_bits(J->c + 12) > 200);

        ntk_jump_rl_clear(J);
        arb_clear(delta); arb_clear(k); arb_clear(x);
    }
}

/* 9 pi^2/2, 1/pi, 1/4, 3/8, -1/8 read off the model (ReLU, Delta = 1/2) */
static void
test_constants(void **state)
{
    slong prec = 200;
    arb_t delta, x, y;
    ntk_jump_rl_t J;
    (void) state;
    arb_init(delta); arb_init(x); arb_init(y);
    arb_set_d(delta, 0.5);
    ntk_jump_rl_init(J, delta, 8, prec);

    arb_mul(x, J->A, J->A, prec);                  /* eps L^2 -> 2/A^2 */
    arb_inv(x, x, prec);
    arb_mul_2exp_si(x, x, 1);
    arb_const_pi(y, prec);
    arb_mul(y, y, y, prec);
    arb_mul_ui(y, y, 9, prec);
    arb_mul_2exp_si(y, y, -1);
    assert_true(arb_overlaps(x, y));
    arb_mul(x, J->A, J->B, prec);                  /* H2: A B = 1/pi */
    arb_const_pi(y, prec);
    arb_inv(y, y, prec);
    assert_true(arb_overlaps(x, y));
    arb_mul(x, J->pm1, J->A, prec);                /* H4: 1/4 */
    arb_set_d(y, 0.25);
    assert_true(arb_overlaps(x, y));
    arb_mul_2exp_si(x, J->B, -2);                  /* H5: B/4 = 3/8 */
    arb_set_d(y, 0.375);
    assert_true(arb_equal(x, y));
    arb_set_d(y, -0.125);                          /* Corollary N6 */
    assert_true(arb_overlaps(J->p + 0, y));

    ntk_jump_rl_clear(J);
    arb_clear(delta); arb_clear(x); arb_clear(y);
}

/* Lemma J4 against the defect computed at 4x precision from the exact map
   (closed form of Lemma R2): |Phi(F(t)) - Phi(t) - 1| <= Dphi t^(N+2) and
   |Qh(F) - Dn Qh| <= Dq t^(N+2) at points of (0, t0] */
static void
test_defect_bound(void **state)
{
    slong prec = 128, hp = 1024, N = 10;
    double tt[4] = {1.0 / 128, 1.0 / 300, 1.0 / 1000, 1.0 / 5000};
    arb_t delta, t, e, g, tf, a, b, dn;
    mag_t t0, m, bd;
    ntk_jump_rl_t J, Jh;
    (void) state;

    arb_init(delta); arb_init(t); arb_init(e); arb_init(g); arb_init(tf);
    arb_init(a); arb_init(b); arb_init(dn);
    mag_init(t0); mag_init(m); mag_init(bd);
    arb_set_d(delta, 0.5);
    mag_set_d(t0, 1.0 / 128);
    ntk_jump_rl_init(J, delta, N, prec);
    assert_int_equal(ntk_jump_rl_bound(J, t0, prec), NTK_SUCCESS);
    ntk_jump_rl_init(Jh, delta, N, hp);      /* the same model, coefficients at hp */
    for (int i = 0; i < 4; i++)
    {
        arb_set_d(t, tt[i]);
        arb_mul(e, t, t, hp);
        arb_mul_2exp_si(e, e, 1);
        ntk_iter_relulike_g(g, delta, e, hp);       /* eps' (closed form) */
        arb_mul_2exp_si(tf, g, -1);
        arb_sqrt(tf, tf, hp);                       /* F(t) */
        ntk_jump_rl_phi(a, Jh, tf, hp);
        ntk_jump_rl_phi(b, Jh, t, hp);
        arb_sub(a, a, b, hp);
        arb_sub_si(a, a, 1, hp);
        arb_get_mag(m, a);
        mag_pow_ui(bd, t0, 0);
        arb_get_mag(bd, t);
        mag_pow_ui(bd, bd, N + 2);
        mag_mul(bd, bd, J->Dphi);
        assert_true(mag_cmp(m, bd) <= 0);
        assert_true(arb_rel_accuracy_bits(a) > 20);  /* the defect itself is resolved */

        /* Dn = 1 - 4 kap asin t */
        arb_asin(dn, t, hp);
        arb_mul(dn, dn, Jh->kap, hp);
        arb_mul_2exp_si(dn, dn, 2);
        arb_sub_si(dn, dn, 1, hp);
        arb_neg(dn, dn);
        ntk_jump_rl_qh(a, Jh, tf, hp);
        ntk_jump_rl_qh(b, Jh, t, hp);
        arb_submul(a, b, dn, hp);
        arb_get_mag(m, a);
        arb_get_mag(bd, t);
        mag_pow_ui(bd, bd, N + 2);
        mag_mul(bd, bd, J->Dq);
        assert_true(mag_cmp(m, bd) <= 0);
    }
    ntk_jump_rl_clear(J);
    ntk_jump_rl_clear(Jh);
    arb_clear(delta); arb_clear(t); arb_clear(e); arb_clear(g); arb_clear(tf);
    arb_clear(a); arb_clear(b); arb_clear(dn);
    mag_clear(t0); mag_clear(m); mag_clear(bd);
}

/* jump from L0 vs the direct iteration at the same depth */
static void
jump_vs_direct(slong an, slong ad, slong bn, slong bd, slong c0n, slong c0d,
               slong L0, slong L, slong digits)
{
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rd = ntk_iter_rows_init(1), *rj = ntk_iter_rows_init(1);
    ntk_iter_jump_info_t ji;
    fmpz_t z;
    mag_t r;
    ntk_iter_info_t info;
    ntk_iter_opts_t opts;

    ntk_iter_problem_init(pb);
    ntk_iter_jump_info_init(ji);
    fmpz_init(z);
    mag_init(r);
    relulike_eoc_problem(pb, an, ad, bn, bd, 3, 2, c0n, c0d);
    ntk_iter_info_init(info);
    ntk_iter_opts_init(opts);
    assert_int_equal(ntk_iter_run(rd, info, pb, &L, 1, digits, NULL), NTK_SUCCESS);
    /* the radii are compared at the direct run's working precision */
    opts->prec_start = info->prec;
    ntk_iter_info_clear(info);
    fmpz_set_si(z, L);
    assert_int_equal(ntk_iter_run_deep(rj, NULL, ji, pb, z, 1, digits, NTK_DEPTH_JUMP, L0, opts),
                     NTK_SUCCESS);
    assert_int_equal(ji->used, NTK_DEPTH_JUMP);
    assert_int_equal(rj->depth, L);
    assert_true(ntk_iter_row_accurate(rj, digits));
    assert_true(arb_overlaps(rd->eps, rj->eps));
    assert_true(arb_overlaps(rd->theta12, rj->theta12));
    assert_true(arb_overlaps(rd->theta11, rj->theta11));
    mag_mul_ui(r, arb_radref(rd->eps), 10);
    assert_true(mag_cmp(arb_radref(rj->eps), r) <= 0);
    mag_mul_ui(r, arb_radref(rd->theta12), 10);
    assert_true(mag_cmp(arb_radref(rj->theta12), r) <= 0);
    ntk_iter_rows_clear(rd, 1);
    ntk_iter_rows_clear(rj, 1);
    ntk_iter_jump_info_clear(ji);
    ntk_iter_problem_clear(pb);
    fmpz_clear(z);
    mag_clear(r);
}

static void
test_vs_direct(void **state)
{
    (void) state;
    jump_vs_direct(1, 2, 1, 2, 1, 2, 10000, 1000000, 30);     /* relu, c0 = 1/2 */
    jump_vs_direct(1, 2, 1, 2, 0, 1, 2000, 100000, 25);       /* relu, c0 = 0 */
    jump_vs_direct(3, 5, 2, 5, -1, 2, 10000, 300000, 30);     /* leaky 0.2, c0 = -1/2 */
    jump_vs_direct(0, 1, 1, 1, 9, 10, 10000, 200000, 40);     /* abs, c0 = 0.9 */
}

/* depth 10^100: Theta11 = q1 L (N2), eps L^2 -> 9 pi^2/2 and Theta12/(q1 L) ->
   1/4 with relative corrections O(ln L / L) (H1, H4) */
static void
test_huge(void **state)
{
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rj = ntk_iter_rows_init(2);
    ntk_iter_jump_info_t ji;
    fmpz *z = _fmpz_vec_init(2);
    arb_t x, y;
    mag_t m;
    slong prec = 512;
    (void) state;
    mag_init(m);

    ntk_iter_problem_init(pb);
    ntk_iter_jump_info_init(ji);
    arb_init(x); arb_init(y);
    relulike_eoc_problem(pb, 1, 2, 1, 2, 1, 1, 1, 2);
    fmpz_set_ui(z + 0, 10);
    fmpz_pow_ui(z + 0, z + 0, 50);
    fmpz_mul(z + 1, z + 0, z + 0);
    assert_int_equal(ntk_iter_run_deep(rj, NULL, ji, pb, z, 2, 30, NTK_DEPTH_AUTO, 0, NULL),
                     NTK_SUCCESS);
    assert_int_equal(ji->used, NTK_DEPTH_JUMP);
    assert_int_equal(rj[1].depth, 0);          /* does not fit in slong */
    for (int i = 0; i < 2; i++)
    {
        assert_true(ntk_iter_row_accurate(rj + i, 30));
        arb_set_fmpz(x, z + i);
        assert_true(arb_contains(rj[i].theta11, x));
        /* eps L^2 / (9 pi^2/2) - 1 and 4 Theta12/L - 1: O(ln L/L) = O(10^-47),
           so within the 30 certified digits they are 0 */
        arb_mul(y, rj[i].eps, x, prec);
        arb_mul(y, y, x, prec);
        arb_const_pi(x, prec);
        arb_mul(x, x, x, prec);
        arb_mul_ui(x, x, 9, prec);
        arb_mul_2exp_si(x, x, -1);
        arb_div(y, y, x, prec);
        arb_sub_si(y, y, 1, prec);
        arb_get_mag(m, y);
        assert_true(mag_cmp_2exp_si(m, -93) < 0);
        arb_set_fmpz(x, z + i);
        arb_div(y, rj[i].theta12, x, prec);
        arb_mul_2exp_si(y, y, 2);
        arb_sub_si(y, y, 1, prec);
        arb_get_mag(m, y);
        assert_true(mag_cmp_2exp_si(m, -93) < 0);
    }
    _fmpz_vec_clear(z, 2);
    mag_clear(m);
    arb_clear(x); arb_clear(y);
    ntk_iter_rows_clear(rj, 2);
    ntk_iter_jump_info_clear(ji);
    ntk_iter_problem_clear(pb);
}

/* c0 = 1: eps = 0 exactly, Theta12 = q1 L; bad input */
static void
test_exact_and_domain(void **state)
{
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rj = ntk_iter_rows_init(2);
    ntk_iter_jump_info_t ji;
    fmpz *z = _fmpz_vec_init(2);
    arb_t x;
    (void) state;

    ntk_iter_problem_init(pb);
    ntk_iter_jump_info_init(ji);
    arb_init(x);
    relulike_eoc_problem(pb, 1, 2, 1, 2, 3, 2, 1, 1);
    fmpz_set_si(z + 0, 100000);
    fmpz_set_ui(z + 1, 10);
    fmpz_pow_ui(z + 1, z + 1, 40);
    assert_int_equal(ntk_iter_run_deep(rj, NULL, ji, pb, z, 2, 20, NTK_DEPTH_JUMP, 1000, NULL),
                     NTK_SUCCESS);
    assert_true(arb_is_zero(rj[1].eps));
    arb_set_fmpz(x, z + 1);
    arb_mul_ui(x, x, 3, 256);
    arb_mul_2exp_si(x, x, -1);
    assert_true(arb_overlaps(rj[1].theta12, x));
    assert_true(ntk_iter_row_accurate(rj + 1, 20));

    /* off the EOC, jump forced */
    pb->eoc = 0;
    fmpq_set_si(pb->sigma_w2, 3, 1);
    fmpq_set_si(pb->c0, 1, 2);
    assert_int_equal(ntk_iter_run_deep(rj, NULL, ji, pb, z, 2, 20, NTK_DEPTH_JUMP, 0, NULL),
                     NTK_DOMAIN);
    ntk_error_clear();
    /* sigma_w2 = 2 exactly is the EOC of relu */
    fmpq_set_si(pb->sigma_w2, 2, 1);
    assert_true(ntk_iter_jump_applies(pb));
    /* direct beyond 2^50 */
    assert_int_equal(ntk_iter_run_deep(rj, NULL, ji, pb, z, 2, 20, NTK_DEPTH_DIRECT, 0, NULL),
                     NTK_DOMAIN);
    ntk_error_clear();
    /* relu with sigma_b > 0: no jump; auto refuses 10^40 */
    pb->eoc = 1;
    fmpq_set_si(pb->sigma_b2, 1, 25);
    assert_false(ntk_iter_jump_applies(pb));
    assert_int_equal(ntk_iter_run_deep(rj, NULL, ji, pb, z, 2, 20, NTK_DEPTH_AUTO, 0, NULL),
                     NTK_DOMAIN);
    ntk_error_clear();
    /* non-increasing depths */
    fmpz_set(z + 1, z + 0);
    assert_int_equal(ntk_iter_run_deep(rj, NULL, ji, pb, z, 2, 20, NTK_DEPTH_AUTO, 0, NULL),
                     NTK_DOMAIN);
    ntk_error_clear();

    _fmpz_vec_clear(z, 2);
    arb_clear(x);
    ntk_iter_rows_clear(rj, 2);
    ntk_iter_jump_info_clear(ji);
    ntk_iter_problem_clear(pb);
}

/* smooth activations at q* on the EOC (Lemmas J9-J11): jump from 10^4 vs
   the direct iteration (Taylor model path) at 10^5, same working precision */
static void
smooth_vs_direct(const char *act, slong sbn, slong sbd, slong L, slong digits)
{
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rd = ntk_iter_rows_init(1), *rj = ntk_iter_rows_init(1);
    ntk_iter_jump_info_t ji;
    ntk_iter_info_t info;
    ntk_iter_opts_t opts;
    fmpz_t z;
    mag_t r;
    arb_t x;

    ntk_iter_problem_init(pb);
    ntk_iter_jump_info_init(ji);
    ntk_iter_info_init(info);
    ntk_iter_opts_init(opts);
    fmpz_init(z);
    mag_init(r);
    arb_init(x);
    ntk_act_set_str(pb->act, act);
    pb->eoc = 1;
    pb->q1_star = 1;
    fmpq_set_si(pb->sigma_b2, sbn, sbd);
    fmpq_set_si(pb->c0, 1, 2);
    assert_int_equal(ntk_iter_run(rd, info, pb, &L, 1, digits, NULL), NTK_SUCCESS);
    opts->prec_start = info->prec;
    fmpz_set_si(z, L);
    assert_int_equal(ntk_iter_run_deep(rj, NULL, ji, pb, z, 1, digits, NTK_DEPTH_JUMP, 10000,
                                       opts), NTK_SUCCESS);
    assert_int_equal(ji->used, NTK_DEPTH_JUMP);
    assert_true(arb_overlaps(rd->eps, rj->eps));
    assert_true(arb_overlaps(rd->theta12, rj->theta12));
    assert_true(arb_overlaps(rd->theta11, rj->theta11));
    mag_mul_ui(r, arb_radref(rd->eps), 10);
    assert_true(mag_cmp(arb_radref(rj->eps), r) <= 0);
    mag_mul_ui(r, arb_radref(rd->theta12), 10);
    assert_true(mag_cmp(arb_radref(rj->theta12), r) <= 0);
    /* Theta11 = q* L (Proposition E4) */
    arb_mul_si(x, info->q_star, L, 2 * info->prec);
    assert_true(arb_overlaps(x, rj->theta11));
    ntk_iter_rows_clear(rd, 1);
    ntk_iter_rows_clear(rj, 1);
    ntk_iter_jump_info_clear(ji);
    ntk_iter_info_clear(info);
    ntk_iter_problem_clear(pb);
    fmpz_clear(z);
    mag_clear(r);
    arb_clear(x);
}

static void
test_smooth_vs_direct(void **state)
{
    (void) state;
    smooth_vs_direct("erf", 1, 25, 100000, 20);     /* sigma_b = 0.2 */
    smooth_vs_direct("tanh", 1, 1, 50000, 25);      /* sigma_b = 1 */
    smooth_vs_direct("elu", 1, 25, 50000, 20);      /* proofs/fatou.md J13-J16 */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coefficients),
        cmocka_unit_test(test_constants),
        cmocka_unit_test(test_defect_bound),
        cmocka_unit_test(test_vs_direct),
        cmocka_unit_test(test_huge),
        cmocka_unit_test(test_exact_and_domain),
        cmocka_unit_test(test_smooth_vs_direct),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return r;
}
