/*
 * Slow suite of the depth jump: jump from L0 = 10^4 vs the direct iteration
 * at 10^7 and 10^8 (ReLU at its EOC, c0 = 1/2 and leaky_relu:0.2, c0 = 0),
 * and ELU at q* on its EOC (sigma_b = 0.2, c0 = 0.9) at 10^6 (the direct
 * run: ~100 s): the balls overlap and the jump's radius is at most 10x the
 * direct one.
 */
#include "iter_test.h"
#include "ntkdepth/jump.h"

static void
compare(ntk_iter_problem_t pb, slong L, slong digits)
{
    ntk_iter_row_struct *rd = ntk_iter_rows_init(1), *rj = ntk_iter_rows_init(1);
    ntk_iter_jump_info_t ji;
    fmpz_t z;
    mag_t r;
    ntk_iter_info_t info;
    ntk_iter_opts_t opts;

    ntk_iter_jump_info_init(ji);
    fmpz_init(z);
    mag_init(r);
    ntk_iter_info_init(info);
    ntk_iter_opts_init(opts);
    assert_int_equal(ntk_iter_run(rd, info, pb, &L, 1, digits, NULL), NTK_SUCCESS);
    /* the radii are compared at the direct run's working precision */
    opts->prec_start = info->prec;
    ntk_iter_info_clear(info);
    fmpz_set_si(z, L);
    assert_int_equal(ntk_iter_run_deep(rj, NULL, ji, pb, z, 1, digits, NTK_DEPTH_JUMP, 10000,
                                       opts), NTK_SUCCESS);
    assert_true(arb_overlaps(rd->eps, rj->eps));
    assert_true(arb_overlaps(rd->theta12, rj->theta12));
    mag_mul_ui(r, arb_radref(rd->eps), 10);
    assert_true(mag_cmp(arb_radref(rj->eps), r) <= 0);
    mag_mul_ui(r, arb_radref(rd->theta12), 10);
    assert_true(mag_cmp(arb_radref(rj->theta12), r) <= 0);
    ntk_iter_rows_clear(rd, 1);
    ntk_iter_rows_clear(rj, 1);
    ntk_iter_jump_info_clear(ji);
    fmpz_clear(z);
    mag_clear(r);
}

static void
one(slong an, slong ad, slong bn, slong bd, slong c0n, slong c0d, slong L, slong digits)
{
    ntk_iter_problem_t pb;
    ntk_iter_problem_init(pb);
    relulike_eoc_problem(pb, an, ad, bn, bd, 1, 1, c0n, c0d);
    compare(pb, L, digits);
    ntk_iter_problem_clear(pb);
}

static void
test_1e7(void **state)
{
    (void) state;
    one(1, 2, 1, 2, 1, 2, 10000000, 30);
    one(3, 5, 2, 5, 0, 1, 10000000, 25);
}

static void
test_1e8(void **state)
{
    (void) state;
    one(1, 2, 1, 2, 1, 2, 100000000, 30);
}

/* proofs/fatou.md J13-J16 */
static void
test_elu_1e6(void **state)
{
    ntk_iter_problem_t pb;
    (void) state;
    ntk_iter_problem_init(pb);
    ntk_act_set_str(pb->act, "elu");
    pb->eoc = 1;
    pb->q1_star = 1;
    fmpq_set_si(pb->sigma_b2, 1, 25);
    fmpq_set_si(pb->c0, 9, 10);
    compare(pb, 1000000, 20);
    ntk_iter_problem_clear(pb);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_1e7),
        cmocka_unit_test(test_1e8),
        cmocka_unit_test(test_elu_1e6),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return r;
}
