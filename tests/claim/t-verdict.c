/* Verdict logic: the truth tables of proofs/verdicts.md on hand-made balls. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

#define PREC 128

static void
ball(arb_t x, double mid, double rad)
{
    arb_set_d(x, mid);
    mag_set_d(arb_radref(x), rad);
}

static void
test_identity(void **state)
{
    arb_ptr d = _arb_vec_init(3), tol = _arb_vec_init(3);
    (void) state;
    for (int i = 0; i < 3; i++)
        arb_set_d(tol + i, 1e-10);
    /* all contain 0, narrow: holds */
    ball(d + 0, 0, 1e-20); ball(d + 1, 1e-21, 1e-20); ball(d + 2, 0, 0);
    assert_int_equal(ntk_verdict_identity(d, tol, 3), NTK_VERDICT_HOLDS);
    /* one contains 0 but is wider than the tolerance: inconclusive */
    ball(d + 1, 0, 1e-5);
    assert_int_equal(ntk_verdict_identity(d, tol, 3), NTK_VERDICT_INCONCLUSIVE);
    /* one excludes 0 (even by less than the tolerance): refuted, certified */
    ball(d + 2, 1e-15, 1e-20);
    assert_int_equal(ntk_verdict_identity(d, tol, 3), NTK_VERDICT_REFUTED);
    _arb_vec_clear(d, 3);
    _arb_vec_clear(tol, 3);
}

static void
test_estimate(void **state)
{
    ntk_estimate_t e;
    arb_t pred, T;
    (void) state;
    ntk_estimate_init(e);
    arb_init(pred); arb_init(T);
    arb_set_d(pred, 1.0);
    arb_set_d(T, 1e-6);
    /* |v - pred| + err <= T: holds */
    arb_set_d(e->value, 1.0 + 1e-8); arb_set_d(e->error, 1e-8);
    assert_int_equal(ntk_verdict_estimate(e, pred, T, PREC), NTK_VERDICT_HOLDS);
    /* error too large to decide: inconclusive */
    arb_set_d(e->error, 1e-3);
    assert_int_equal(ntk_verdict_estimate(e, pred, T, PREC), NTK_VERDICT_INCONCLUSIVE);
    /* far away with a small error: refuted */
    arb_set_d(e->value, 1.25); arb_set_d(e->error, 1e-9);
    assert_int_equal(ntk_verdict_estimate(e, pred, T, PREC), NTK_VERDICT_REFUTED);
    /* outside the tolerance but within 3 errors: inconclusive */
    arb_set_d(e->value, 1.0 + 4e-6); arb_set_d(e->error, 1e-6);
    assert_int_equal(ntk_verdict_estimate(e, pred, T, PREC), NTK_VERDICT_INCONCLUSIVE);
    /* distance > T + 3 err but err > distance / 2: inconclusive */
    arb_set_d(e->value, 1.1); arb_set_d(e->error, 0.06); arb_set_d(T, 1e-9);
    assert_int_equal(ntk_verdict_estimate(e, pred, T, PREC), NTK_VERDICT_INCONCLUSIVE);
    ntk_estimate_clear(e);
    arb_clear(pred); arb_clear(T);
}

static void
test_ball(void **state)
{
    arb_t x, pred, T;
    (void) state;
    arb_init(x); arb_init(pred); arb_init(T);
    arb_set_d(pred, 0.25);
    arb_set_d(T, 1e-3);
    ball(x, 0.2501, 1e-6);
    assert_int_equal(ntk_verdict_ball(x, pred, T, PREC), NTK_VERDICT_HOLDS);
    ball(x, 0.3, 1e-6);
    assert_int_equal(ntk_verdict_ball(x, pred, T, PREC), NTK_VERDICT_REFUTED);
    ball(x, 0.251, 1e-3);
    assert_int_equal(ntk_verdict_ball(x, pred, T, PREC), NTK_VERDICT_INCONCLUSIVE);
    arb_clear(x); arb_clear(pred); arb_clear(T);
}

static void
test_and(void **state)
{
    const ntk_verdict H = NTK_VERDICT_HOLDS, R = NTK_VERDICT_REFUTED,
                      I = NTK_VERDICT_INCONCLUSIVE;
    (void) state;
    assert_int_equal(ntk_verdict_and(H, H), H);
    assert_int_equal(ntk_verdict_and(H, I), I);
    assert_int_equal(ntk_verdict_and(I, H), I);
    assert_int_equal(ntk_verdict_and(I, I), I);
    assert_int_equal(ntk_verdict_and(R, H), R);
    assert_int_equal(ntk_verdict_and(I, R), R);
    assert_string_equal(ntk_verdict_str(I), "inconclusive");
    assert_int_equal(ntk_verdict_from_str("refuted"), R);
    assert_int_equal(ntk_verdict_from_str("false"), -1);
}

/* rule V5: the truth table of each test, on hand-made statistics */
static void
test_finite(void **state)
{
    ntk_finite_claim c;
    (void) state;
    memset(&c, 0, sizeof(c));
    c.valid = 1;
    c.zcrit = 3;
    c.test = NTK_FINITE_TEST_ALL_BELOW;
    c.zmax = 2.9;
    assert_int_equal(ntk_verdict_finite(&c), NTK_VERDICT_HOLDS);
    c.zmax = 3;
    assert_int_equal(ntk_verdict_finite(&c), NTK_VERDICT_REFUTED);
    c.valid = 0;
    assert_int_equal(ntk_verdict_finite(&c), NTK_VERDICT_INCONCLUSIVE);
    c.valid = 1;
    c.test = NTK_FINITE_TEST_POSITIVE;
    c.zmax = 3;
    assert_int_equal(ntk_verdict_finite(&c), NTK_VERDICT_HOLDS);
    c.zmax = 0.5;
    assert_int_equal(ntk_verdict_finite(&c), NTK_VERDICT_INCONCLUSIVE);
    c.zmax = -3;
    assert_int_equal(ntk_verdict_finite(&c), NTK_VERDICT_REFUTED);
    c.test = NTK_FINITE_TEST_EQUAL;
    c.zmax = -2.5;
    assert_int_equal(ntk_verdict_finite(&c), NTK_VERDICT_HOLDS);
    c.zmax = -3.5;
    assert_int_equal(ntk_verdict_finite(&c), NTK_VERDICT_REFUTED);
    c.test = NTK_FINITE_TEST_SEPARATION;
    c.agree = 1;
    assert_int_equal(ntk_verdict_finite(&c), NTK_VERDICT_HOLDS);
    c.agree = 0;
    assert_int_equal(ntk_verdict_finite(&c), NTK_VERDICT_INCONCLUSIVE);
    c.contra = 1;
    assert_int_equal(ntk_verdict_finite(&c), NTK_VERDICT_REFUTED);
}

/* rule V6 */
static void
test_decreasing(void **state)
{
    arb_ptr d = _arb_vec_init(3);
    arb_t T;
    int dec;
    (void) state;
    arb_init(T);
    arb_set_d(T, 1e-3);
    ball(d + 0, 1e-1, 1e-10); ball(d + 1, 1e-2, 1e-10); ball(d + 2, 1e-4, 1e-10);
    assert_int_equal(ntk_verdict_decreasing(&dec, d, 3, T), NTK_VERDICT_HOLDS);
    assert_true(dec);
    /* decreasing but not yet within T: inconclusive */
    ball(d + 2, 2e-3, 1e-10);
    assert_int_equal(ntk_verdict_decreasing(&dec, d, 3, T), NTK_VERDICT_INCONCLUSIVE);
    /* stopped decreasing above T: refuted */
    ball(d + 2, 2e-2, 1e-10);
    assert_int_equal(ntk_verdict_decreasing(&dec, d, 3, T), NTK_VERDICT_REFUTED);
    assert_false(dec);
    /* within T but a ball overlaps its predecessor: not certified decreasing */
    ball(d + 1, 1e-4, 1e-3); ball(d + 2, 1e-4, 1e-10);
    assert_int_equal(ntk_verdict_decreasing(&dec, d, 3, T), NTK_VERDICT_INCONCLUSIVE);
    assert_int_equal(ntk_verdict_decreasing(NULL, d, 0, T), NTK_VERDICT_INCONCLUSIVE);
    _arb_vec_clear(d, 3);
    arb_clear(T);
}

/* rule V7 */
static void
test_settle(void **state)
{
    arb_t chg, T, k0, k1;
    (void) state;
    arb_init(chg); arb_init(T); arb_init(k0); arb_init(k1);
    arb_set_d(T, 0.01);
    arb_set_d(k0, 0.2);
    ball(chg, 0.001, 1e-9); ball(k1, 0.15, 1e-9);
    assert_int_equal(ntk_verdict_settle(chg, T, k0, k1), NTK_VERDICT_HOLDS);
    ball(k1, 0.05, 1e-9);                       /* kernel converged fast */
    assert_int_equal(ntk_verdict_settle(chg, T, k0, k1), NTK_VERDICT_REFUTED);
    ball(k1, 0.15, 1e-9); ball(chg, 0.1, 1e-9); /* predictor not settled */
    assert_int_equal(ntk_verdict_settle(chg, T, k0, k1), NTK_VERDICT_REFUTED);
    ball(chg, 0.01, 0.001);                     /* straddles T */
    assert_int_equal(ntk_verdict_settle(chg, T, k0, k1), NTK_VERDICT_INCONCLUSIVE);
    arb_clear(chg); arb_clear(T); arb_clear(k0); arb_clear(k1);
}

/* the one tolerance rule: relative (lower end), absolute, quick, none */
static void
test_tolerance(void **state)
{
    ntk_claim_t cl;
    arb_t T, p, want;
    (void) state;
    arb_init(T); arb_init(p); arb_init(want);
    ntk_claim_init(cl);
    assert_int_equal(ntk_claim_set_field(cl, "tolerance", "0.5"), NTK_SUCCESS);
    assert_int_equal(ntk_claim_set_field(cl, "quick_tolerance", "0.25"), NTK_SUCCESS);
    ball(p, -4, 1e-6);
    ntk_verdict_tolerance(T, cl, p, 0, PREC);        /* 0.5 |p|, lower end */
    assert_true(arb_is_exact(T));
    arb_set_d(want, 2 - 0.5e-6);
    assert_true(arb_le(T, want));
    arb_set_d(want, 2 - 0.6e-6);
    assert_true(arb_gt(T, want));
    ntk_verdict_tolerance(T, cl, p, 1, PREC);        /* quick */
    arb_set_d(want, 1);
    assert_true(arb_lt(T, want));
    ntk_verdict_tolerance(T, cl, NULL, 0, PREC);     /* no prediction: absolute */
    arb_set_d(want, 0.5);
    assert_true(arb_equal(T, want));
    arb_zero(p);                                     /* p contains 0: absolute */
    ntk_verdict_tolerance(T, cl, p, 0, PREC);
    assert_true(arb_equal(T, want));
    assert_int_equal(ntk_claim_set_field(cl, "tolerance_kind", "absolute"), NTK_SUCCESS);
    ball(p, -4, 1e-6);
    ntk_verdict_tolerance(T, cl, p, 0, PREC);
    assert_true(arb_equal(T, want));
    ntk_claim_clear(cl);
    ntk_claim_init(cl);                              /* none given: 0 */
    ntk_verdict_tolerance(T, cl, p, 0, PREC);
    assert_true(arb_is_zero(T));
    ntk_claim_clear(cl);
    arb_clear(T); arb_clear(p); arb_clear(want);
}

/* rule K1 on exact moments (proofs/finite-width.md section 8): one growing
   and one bounded sigma, 2 widths, 2 windows */
static void
test_k1_exact(void **state)
{
    arb_ptr sl = _arb_vec_init(8), dev = _arb_vec_init(4);
    int grow[2] = {1, 0};
    ntk_verdict per[2];
    (void) state;
    for (int k = 0; k < 4; k++)
        ball(sl + k, 3.0, 1e-20);                  /* growing side slopes */
    for (int k = 4; k < 8; k++)
        ball(sl + k, 0.001, 1e-20);                /* not used for bounded */
    ball(dev + 0, 100, 1e-10); ball(dev + 1, 400, 1e-10);   /* grows with M */
    ball(dev + 2, 10, 1e-10); ball(dev + 3, 8, 1e-10);      /* M (D-1) decays */
    assert_int_equal(ntk_verdict_k1_exact(per, grow, sl, dev, 2, 2, 2), NTK_VERDICT_HOLDS);
    assert_int_equal(per[0], NTK_VERDICT_HOLDS);
    assert_int_equal(per[1], NTK_VERDICT_HOLDS);
    /* a slope straddling 0: inconclusive; certified <= 0: refuted */
    ball(sl + 1, 0, 1e-3);
    assert_int_equal(ntk_verdict_k1_exact(per, grow, sl, dev, 2, 2, 2), NTK_VERDICT_INCONCLUSIVE);
    ball(sl + 1, -0.5, 1e-3);
    assert_int_equal(ntk_verdict_k1_exact(per, grow, sl, dev, 2, 2, 2), NTK_VERDICT_REFUTED);
    assert_int_equal(per[0], NTK_VERDICT_REFUTED);
    ball(sl + 1, 3, 1e-3);
    /* growing side whose M (D - 1) does not increase: inconclusive */
    ball(dev + 1, 90, 1e-10);
    assert_int_equal(ntk_verdict_k1_exact(per, grow, sl, dev, 2, 2, 2), NTK_VERDICT_INCONCLUSIVE);
    ball(dev + 1, 400, 1e-10);
    /* bounded side: M (D - 1) at the larger width above C = 10: refuted;
       overlapping C: inconclusive */
    ball(dev + 3, 12, 1e-10);
    assert_int_equal(ntk_verdict_k1_exact(per, grow, sl, dev, 2, 2, 2), NTK_VERDICT_REFUTED);
    assert_int_equal(per[1], NTK_VERDICT_REFUTED);
    ball(dev + 3, 10.1, 1e-3);                         /* C = 10 rounded up = 10.1 */
    assert_int_equal(ntk_verdict_k1_exact(per, grow, sl, dev, 2, 2, 2), NTK_VERDICT_INCONCLUSIVE);
    /* equality with dev0 (the L = 1 case, Lemma F12): decided by the rounding */
    ball(dev + 3, 10, 1e-3);
    assert_int_equal(ntk_verdict_k1_exact(per, grow, sl, dev, 2, 2, 2), NTK_VERDICT_HOLDS);
    {
        arb_t C, x, e;
        arb_init(C); arb_init(x); arb_init(e);
        static const double in[4] = {0.59183673469, 4633.18198, 10.0, 194.751188};
        static const double out[4] = {0.592, 4640, 10.1, 195};   /* 10 + 1e-30 rounds up */
        for (int i = 0; i < 4; i++)
        {
            ball(x, in[i], 1e-30);
            ntk_verdict_k1_bound(C, x);
            assert_true(arb_ge(C, x));
            assert_true(fabs(arf_get_d(arb_midref(C), ARF_RND_NEAR) - out[i]) < 1e-12 * out[i] + 1e-13);
        }
        arb_clear(C); arb_clear(x); arb_clear(e);
    }
    _arb_vec_clear(sl, 8);
    _arb_vec_clear(dev, 4);
}

/* Rule K3 on hand-made numbers (proofs/finite-width.md section 9) */
static void
test_k3(void **state)
{
    (void) state;
    int below[3] = {1, 0, 0};
    double T = 0.1, z = 3.32;
    slong d;
    /* ordered 0.02 +- 0.005 (seeds 0.01..0.03), the others 0.9 +- 0.01: holds */
    double m[3] = {0.02, 0.9, 0.95}, se[3] = {0.005, 0.01, 0.02};
    double lo[3] = {0.01, 0.88, 0.9}, hi[3] = {0.03, 0.92, 1.0};
    assert_int_equal(ntk_verdict_k3(&d, m, se, lo, hi, below, 3, T, z), NTK_VERDICT_HOLDS);
    assert_int_equal(d, -1);
    /* the ordered NTK moves: refuted, decisive index 0 */
    m[0] = 27; se[0] = 1.7; lo[0] = 24; hi[0] = 29;
    assert_int_equal(ntk_verdict_k3(&d, m, se, lo, hi, below, 3, T, z), NTK_VERDICT_REFUTED);
    assert_int_equal(d, 0);
    /* ordered within z se of T: inconclusive */
    m[0] = 0.09; se[0] = 0.01; lo[0] = 0.07; hi[0] = 0.095;
    assert_int_equal(ntk_verdict_k3(&d, m, se, lo, hi, below, 3, T, z), NTK_VERDICT_INCONCLUSIVE);
    assert_int_equal(d, 0);
    /* mean far below but one seed above T: not "below" */
    m[0] = 0.02; se[0] = 0.001; lo[0] = 0.01; hi[0] = 0.2;
    assert_int_equal(ntk_verdict_k3(&d, m, se, lo, hi, below, 3, T, z), NTK_VERDICT_INCONCLUSIVE);
    /* the EOC stays constant: refuted, decisive index 1 */
    hi[0] = 0.03;
    m[1] = 0.01; se[1] = 0.001; lo[1] = 0.005; hi[1] = 0.02;
    assert_int_equal(ntk_verdict_k3(&d, m, se, lo, hi, below, 3, T, z), NTK_VERDICT_REFUTED);
    assert_int_equal(d, 1);
    /* a diverged group (NaN) is undecided */
    m[1] = 0.9; se[1] = NAN; lo[1] = 0.88; hi[1] = 0.92;
    assert_int_equal(ntk_verdict_k3(&d, m, se, lo, hi, below, 3, T, z), NTK_VERDICT_INCONCLUSIVE);
    assert_int_equal(d, 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity),
        cmocka_unit_test(test_estimate),
        cmocka_unit_test(test_ball),
        cmocka_unit_test(test_and),
        cmocka_unit_test(test_finite),
        cmocka_unit_test(test_decreasing),
        cmocka_unit_test(test_settle),
        cmocka_unit_test(test_tolerance),
        cmocka_unit_test(test_k1_exact),
        cmocka_unit_test(test_k3),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
