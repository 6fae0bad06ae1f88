/*
 * The ELU depth jump (src/iter/jump_elu*.c, proofs/fatou.md J13-J16)
 * against independent truth: the closed forms f''(1) (maps module, beta),
 * K0 = sigma_w2 q* /(2 sqrt2 pi) (Lemma E6), A = beta, B1 = (16/15) K0
 * beta^2, pm2 = beta/3 (Corollary J14'); the series of f'(1 - s^2) and
 * g(s^2) against the act module's Owen-T closed forms (another method);
 * the Taylor coefficients F_k and the Abel/NTK coefficients against the
 * independent mpmath computation of proofs/check/elu_fatou.py (trapezoid
 * on a circle, one linear solve of all order conditions); the certified
 * defect bounds against the defects of the closed-form map at 1024 bits.
 * (The jump against the direct iteration: tests/iter/t-jump.c, and
 * t-jump-slow.c at depth 10^6.)
 */
#include "iter_test.h"
#include "ntkdepth/jump.h"

#define PREC 256

/* ELU's EOC at sigma_b = 0.2 (maps module) */
static void
elu_eoc(ntk_eoc_t eoc, ntk_act_t act, slong prec)
{
    arb_t sb2;
    arb_init(sb2);
    assert_int_equal(ntk_act_set_str(act, "elu"), NTK_SUCCESS);
    arb_set_si(sb2, 1);
    arb_div_ui(sb2, sb2, 25, prec);
    assert_int_equal(ntk_maps_eoc(eoc, act, sb2, prec), NTK_SUCCESS);
    assert_true(eoc->found);
    arb_clear(sb2);
}

/* |x - v| <= tol for the decimal v */
static void
near(const arb_t x, const char *v, double tol)
{
    arb_t y, t;
    arb_init(y); arb_init(t);
    arb_set_str(y, v, PREC);
    arb_sub(y, y, x, PREC);
    arb_abs(y, y);
    arb_set_d(t, tol);
    if (!arb_le(y, t))
    {
        printf("value ");
        arb_printd(x, 30);
        printf("\nwanted %s within %g\n", v, tol);
        fail();
    }
    arb_clear(y); arb_clear(t);
}

static void
test_coefficients(void **state)
{
    /* proofs/check/elu_fatou.out (mpmath, 40 digits) */
    static const char *Fk[8] = {
        "0.270612235592686347556078012531", "-0.376475507635179210451526011285",
        "0.402507202996243793012410144167", "-0.309194450365388276071216562507",
        "0.165789939528344260310754442597", "-0.0328330312158347093053572390138",
        "-0.0473228737420661287975602084333", "0.0697141646680935706521324957788"};
    ntk_act_t act;
    ntk_eoc_t eoc;
    ntk_jump_elu_t J;
    arb_t K0, x, y;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(eoc);
    arb_init(K0); arb_init(x); arb_init(y);
    elu_eoc(eoc, act, PREC);
    ntk_jump_elu_init(J, eoc->q_star, eoc->sigma_w2, 12, PREC);
    for (int k = 0; k < 8; k++)
        near(J->F + k, Fk[k], 1e-27);
    /* F_0 = f''(1), F_1 = -2 K0 (Lemma E6 (c)) */
    assert_true(arb_overlaps(J->F + 0, eoc->f2));
    arb_const_pi(K0, PREC);
    arb_sqrt_ui(x, 2, PREC);
    arb_mul(K0, K0, x, PREC);
    arb_mul_2exp_si(K0, K0, 1);
    arb_mul(x, eoc->sigma_w2, eoc->q_star, PREC);
    arb_div(K0, x, K0, PREC);
    arb_mul_si(x, K0, -2, PREC);
    assert_true(arb_overlaps(J->F + 1, x));
    /* Corollary J14': A = beta, B1 = (16/15) K0 beta^2, pm2 = beta/3 */
    assert_true(arb_overlaps(J->A, eoc->beta));
    arb_sqr(x, eoc->beta, PREC);
    arb_mul(x, x, K0, PREC);
    arb_mul_ui(x, x, 16, PREC);
    arb_div_ui(x, x, 15, PREC);
    assert_true(arb_overlaps(J->B1, x));
    arb_div_ui(x, eoc->beta, 3, PREC);
    assert_true(arb_overlaps(J->pm2, x));
    /* the rest against the mpmath solve */
    near(J->B, "1.191085939230316410518289", 1e-22);
    near(J->c + 1, "0.606120409326615463568314", 1e-22);
    near(J->c + 2, "0.06347621154633069087663323", 1e-22);
    near(J->c + 3, "-0.06024286152340202959574911", 1e-22);
    near(J->c + 4, "0.04819630962872347412512306", 1e-22);
    near(J->qh + 5, "-0.7419728711293180120458405", 1e-22);
    near(J->qh + 6, "0.63110434869141617399489", 1e-22);
    near(J->pm1, "2.559041765193362478678043", 1e-22);
    near(J->p + 0, "-3.456728802332799600765097", 1e-22);
    near(J->q4, "-0.985311474657947653466059", 1e-22);
    assert_true(arb_is_zero(J->p + 4));
    assert_true(arb_is_one(J->qh + 4));
    ntk_jump_elu_clear(J);
    ntk_eoc_clear(eoc);
    ntk_act_clear(act);
    arb_clear(K0); arb_clear(x); arb_clear(y);
}

/* Dn(s) = f'(1 - s^2) and g(s^2) = s^2 W(s) from the series (Lemma J13)
   against the Owen-T closed forms of the act module, s = 0.1, 0.3; and
   the Cauchy tail: |F_k| <= MF r^-k */
static void
test_map(void **state)
{
    double ss[2] = {0.1, 0.3};
    ntk_act_t act;
    ntk_eoc_t eoc;
    ntk_jump_elu_t J;
    arb_t s, e, a, b, t;
    mag_t r, MF, m;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(eoc);
    arb_init(s); arb_init(e); arb_init(a); arb_init(b); arb_init(t);
    mag_init(r); mag_init(MF); mag_init(m);
    elu_eoc(eoc, act, PREC);
    ntk_jump_elu_init(J, eoc->q_star, eoc->sigma_w2, 80, PREC);   /* K = 88 terms */
    for (int i = 0; i < 2; i++)
    {
        arb_set_d(s, ss[i]);
        arb_sqr(e, s, PREC);
        /* Dn: sum dn_k s^k vs sigma_w2 E[phi'(u) phi'(v)] */
        arb_zero(a);
        for (slong k = J->K + 1; k >= 0; k--)
        {
            arb_mul(a, a, s, PREC);
            arb_add(a, a, J->dn + k, PREC);
        }
        assert_int_equal(ntk_act_kernel_closed_eps(b, act, 1, eoc->q_star, e, PREC), NTK_SUCCESS);
        arb_mul(b, b, eoc->sigma_w2, PREC);
        arb_sub(t, a, b, PREC);
        near(t, "0", 1e-40);
        /* g: s^2 sum W_k s^k vs sigma_w2 (E[phi^2] - E[phi(u) phi(v)]) / q* */
        arb_sqr(e, s, PREC);
        arb_zero(a);
        for (slong k = J->K + 1; k >= 0; k--)
        {
            arb_mul(a, a, s, PREC);
            arb_add(a, a, J->W + k, PREC);
        }
        arb_mul(a, a, e, PREC);
        assert_int_equal(ntk_act_kernel_closed_eps(b, act, 0, eoc->q_star, e, PREC), NTK_SUCCESS);
        arb_mul(b, b, eoc->sigma_w2, PREC);
        arb_div(b, b, eoc->q_star, PREC);
        arb_sub(t, a, b, PREC);
        near(t, "0", 1e-40);
    }
    /* Cauchy on |s| = 1: the computed coefficients obey |F_k| <= MF */
    mag_one(r);
    assert_int_equal(ntk_jump_elu_fbound(MF, r, eoc->q_star, eoc->sigma_w2, PREC), NTK_SUCCESS);
    for (slong k = 0; k < J->K; k++)
    {
        arb_get_mag_lower(m, J->F + k);
        assert_true(mag_cmp(m, MF) <= 0);
    }
    ntk_jump_elu_clear(J);
    ntk_eoc_clear(eoc);
    ntk_act_clear(act);
    arb_clear(s); arb_clear(e); arb_clear(a); arb_clear(b); arb_clear(t);
    mag_clear(r); mag_clear(MF); mag_clear(m);
}

/* |Phi(s') - Phi(s) - 1| <= Dphi s^(N+3) and |Qh(s') - Dn Qh(s)| <= Dq s^(N+3)
   with s' = sqrt(g(s^2)) and Dn from the closed forms at 1024 bits */
static void
test_defect_bound(void **state)
{
    slong hp = 1024, N = 10;
    double ss[4] = {1.0 / 40, 1.0 / 100, 1.0 / 300, 1.0 / 1000};
    ntk_act_t act;
    ntk_eoc_t eoc;
    ntk_jump_elu_t J, Jh;
    arb_t s, e, g, sf, a, b, dn;
    mag_t s0, m, bd;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(eoc);
    arb_init(s); arb_init(e); arb_init(g); arb_init(sf); arb_init(a); arb_init(b); arb_init(dn);
    mag_init(s0); mag_init(m); mag_init(bd);
    elu_eoc(eoc, act, hp);
    mag_set_d(s0, 1.0 / 40);
    ntk_jump_elu_init(J, eoc->q_star, eoc->sigma_w2, N, 128);
    assert_int_equal(ntk_jump_elu_bound(J, s0, 128), NTK_SUCCESS);
    ntk_jump_elu_init(Jh, eoc->q_star, eoc->sigma_w2, N, hp);
    for (int i = 0; i < 4; i++)
    {
        arb_set_d(s, ss[i]);
        arb_sqr(e, s, hp);
        assert_int_equal(ntk_act_kernel_closed_eps(g, act, 0, eoc->q_star, e, hp), NTK_SUCCESS);
        arb_mul(g, g, eoc->sigma_w2, hp);
        arb_div(g, g, eoc->q_star, hp);
        arb_sqrt(sf, g, hp);                           /* s' */
        ntk_jump_elu_phi(a, Jh, sf, hp);
        ntk_jump_elu_phi(b, Jh, s, hp);
        arb_sub(a, a, b, hp);
        arb_sub_si(a, a, 1, hp);
        arb_get_mag(m, a);
        arb_get_mag(bd, s);
        mag_pow_ui(bd, bd, N + 3);
        mag_mul(bd, bd, J->Dphi);
        assert_true(mag_cmp(m, bd) <= 0);
        assert_true(arb_rel_accuracy_bits(a) > 20);    /* the defect itself is resolved */
        assert_int_equal(ntk_act_kernel_closed_eps(dn, act, 1, eoc->q_star, e, hp), NTK_SUCCESS);
        arb_mul(dn, dn, eoc->sigma_w2, hp);
        ntk_jump_elu_qh(a, Jh, sf, hp);
        ntk_jump_elu_qh(b, Jh, s, hp);
        arb_submul(a, b, dn, hp);
        arb_get_mag(m, a);
        arb_get_mag(bd, s);
        mag_pow_ui(bd, bd, N + 3);
        mag_mul(bd, bd, J->Dq);
        assert_true(mag_cmp(m, bd) <= 0);
    }
    ntk_jump_elu_clear(J);
    ntk_jump_elu_clear(Jh);
    ntk_eoc_clear(eoc);
    ntk_act_clear(act);
    arb_clear(s); arb_clear(e); arb_clear(g); arb_clear(sf); arb_clear(a); arb_clear(b);
    arb_clear(dn);
    mag_clear(s0); mag_clear(m); mag_clear(bd);
}

/* the deep run: 10 digits at 10^9 (the README's figure), eps_L L -> beta
   and Theta12 / L -> q* /3 (H6, H7) visible; elu:0.5 and selu are refused */
static void
test_deep(void **state)
{
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(2);
    ntk_iter_jump_info_t ji;
    fmpz *d = _fmpz_vec_init(2);
    arb_t x;
    (void) state;
    ntk_iter_problem_init(pb);
    ntk_iter_jump_info_init(ji);
    arb_init(x);
    ntk_act_set_str(pb->act, "elu");
    pb->eoc = 1;
    pb->q1_star = 1;
    fmpq_set_si(pb->sigma_b2, 1, 25);
    fmpq_set_si(pb->c0, 1, 2);
    fmpz_set_si(d + 0, 1000000);
    fmpz_set_si(d + 1, 1000000000);
    assert_int_equal(ntk_iter_run_deep(rows, NULL, ji, pb, d, 2, 10, NTK_DEPTH_AUTO, 0, NULL),
                     NTK_SUCCESS);
    assert_int_equal(ji->used, NTK_DEPTH_JUMP);
    assert_true(ntk_iter_row_accurate(rows + 1, 10));
    /* eps_L L / beta - 1 = (16/15) K0 beta^(3/2) L^-1/2 + ... = 1.3e-4 at 10^9 */
    arb_mul_si(x, rows[1].eps, 1000000000, PREC);
    near(x, "7.3906488212540107", 2e-3);
    /* Theta12 / (q* L) -> 1/3, with the -(8/75) K0 beta^(3/2) L^-1/2 correction */
    arb_div(x, rows[1].theta12, rows[1].theta11, PREC);
    near(x, "0.33333333333", 1e-4);
    ntk_act_set_str(pb->act, "elu:0.5");
    assert_int_equal(ntk_iter_run_deep(rows, NULL, ji, pb, d, 2, 10, NTK_DEPTH_JUMP, 0, NULL),
                     NTK_DOMAIN);
    ntk_act_set_str(pb->act, "selu");
    assert_int_equal(ntk_iter_run_deep(rows, NULL, ji, pb, d, 2, 10, NTK_DEPTH_JUMP, 0, NULL),
                     NTK_DOMAIN);
    ntk_iter_rows_clear(rows, 2);
    ntk_iter_jump_info_clear(ji);
    ntk_iter_problem_clear(pb);
    _fmpz_vec_clear(d, 2);
    arb_clear(x);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coefficients),
        cmocka_unit_test(test_map),
        cmocka_unit_test(test_defect_bound),
        cmocka_unit_test(test_deep),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return r;
}
