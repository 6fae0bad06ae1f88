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

/* Rule K3 on hand-made numbers (proofs/finite-width.md section 7) */
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
        cmocka_unit_test(test_k3),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
