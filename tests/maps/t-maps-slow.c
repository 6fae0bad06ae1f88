/*
 * maps module, slow suite: the tanh chaotic point of the issue
 * (sigma_b = 0.1, sigma_w = 2): c* < 1 and f(c*) contains c*, the latter
 * re-evaluated with the NNGP map (2D quadrature); xi_c finite.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "ntkdepth.h"

static void
test_tanh_chaotic(void **state)
{
    ntk_net_t n;
    ntk_phase_t ph;
    arb_t c, n11, n12, n22, f;
    (void) state;
    ntk_net_init(n);
    ntk_phase_init(ph);
    arb_init(c); arb_init(n11); arb_init(n12); arb_init(n22); arb_init(f);
    assert_int_equal(ntk_act_set_str(n->act, "tanh"), NTK_SUCCESS);
    arb_set_ui(n->sigma_w2, 4);
    assert_int_equal(ntk_parse_arb(n->sigma_b2, "0.01", "sb2", 64), NTK_SUCCESS);
    assert_int_equal(ntk_maps_phase(ph, n, 64), NTK_SUCCESS);
    assert_int_equal(ph->phase, NTK_PHASE_CHAOTIC);
    arb_one(c);
    assert_true(arb_lt(ph->c_star, c));
    assert_true(arb_is_nonnegative(ph->c_star));
    arb_mul(c, ph->c_star, ph->q_star, 64);
    assert_int_equal(ntk_maps_nngp(n11, n12, n22, n, ph->q_star, c, ph->q_star, 64), NTK_SUCCESS);
    arb_div(f, n12, ph->q_star, 64);
    assert_true(arb_overlaps(f, ph->c_star));
    assert_true(arb_is_finite(ph->xi_c) && arb_is_positive(ph->xi_c));
    /* attracting: 0 <= f'(c*) < 1 (proofs/maps.md Lemma M8) */
    arb_one(c);
    assert_true(arb_lt(ph->fprime_cstar, c));
    ntk_net_clear(n);
    ntk_phase_clear(ph);
    arb_clear(c); arb_clear(n11); arb_clear(n12); arb_clear(n22); arb_clear(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tanh_chaotic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
