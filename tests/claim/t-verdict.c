/* Verdict logic: the truth tables of proofs/verdicts.md on hand-made balls. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity),
        cmocka_unit_test(test_estimate),
        cmocka_unit_test(test_ball),
        cmocka_unit_test(test_and),
        cmocka_unit_test(test_k1_exact),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
