/*
 * maps module: N, D, V, chi_1, q*, EOC, phases -- against independent truth:
 * closed forms vs certified quadrature (method QUAD), exact EOC points of
 * relu-like and relu_pow activations, identities (D12 at c = 1 is chi_1,
 * fixed-point and EOC equations re-evaluated by the other method / by the
 * act module's kernels), and inequalities proved in proofs/maps.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "ntkdepth.h"

#define PREC 128

static void
mknet(ntk_net_t net, const char *act, const char *sw2, const char *sb2, ntk_method m)
{
    assert_int_equal(ntk_act_set_str(net->act, act), NTK_SUCCESS);
    assert_int_equal(ntk_parse_arb(net->sigma_w2, sw2, "sw2", PREC), NTK_SUCCESS);
    assert_int_equal(ntk_parse_arb(net->sigma_b2, sb2, "sb2", PREC), NTK_SUCCESS);
    net->method = m;
}

static void
dec(arb_t x, const char *s)
{
    assert_int_equal(ntk_parse_arb(x, s, "x", PREC), NTK_SUCCESS);
}

/* N, D, V, V', chi_1: closed forms (AUTO) against quadrature (QUAD) */
static void
test_closed_vs_quad(void **state)
{
    const char *acts[] = {"relu", "erf", "sin", "leaky_relu:0.2"};
    const char *c12[] = {"0.3", "-0.7", "0.999"};
    ntk_net_t a, q;
    arb_t s11, s12, s22, x[6], y[6];
    (void) state;
    ntk_net_init(a);
    ntk_net_init(q);
    arb_init(s11); arb_init(s12); arb_init(s22);
    for (int i = 0; i < 6; i++) { arb_init(x[i]); arb_init(y[i]); }
    for (size_t k = 0; k < sizeof(acts) / sizeof(acts[0]); k++)
        for (size_t j = 0; j < sizeof(c12) / sizeof(c12[0]); j++)
        {
            mknet(a, acts[k], "1.7", "0.1", NTK_METHOD_AUTO);
            mknet(q, acts[k], "1.7", "0.1", NTK_METHOD_QUAD);
            dec(s11, "0.8");
            dec(s22, "1.3");
            dec(s12, c12[j]);
            assert_int_equal(ntk_maps_nngp(x[0], x[1], x[2], a, s11, s12, s22, 64), NTK_SUCCESS);
            assert_int_equal(ntk_maps_nngp(y[0], y[1], y[2], q, s11, s12, s22, 64), NTK_SUCCESS);
            assert_int_equal(ntk_maps_deriv(x[3], x[4], x[5], a, s11, s12, s22, 64), NTK_SUCCESS);
            assert_int_equal(ntk_maps_deriv(y[3], y[4], y[5], q, s11, s12, s22, 64), NTK_SUCCESS);
            for (int i = 0; i < 6; i++)
            {
                assert_true(arb_overlaps(x[i], y[i]));
                assert_true(arb_rel_accuracy_bits(x[i]) > 40);
                assert_true(arb_rel_accuracy_bits(y[i]) > 40);
            }
            assert_int_equal(ntk_maps_var(x[0], a, s11, 64), NTK_SUCCESS);
            assert_int_equal(ntk_maps_var(y[0], q, s11, 64), NTK_SUCCESS);
            assert_true(arb_overlaps(x[0], y[0]));
            assert_int_equal(ntk_maps_var_deriv(x[1], a, s11, 64), NTK_SUCCESS);
            assert_int_equal(ntk_maps_var_deriv(y[1], q, s11, 64), NTK_SUCCESS);
            assert_true(arb_overlaps(x[1], y[1]));
            assert_int_equal(ntk_maps_chi1(x[2], a, s11, 64), NTK_SUCCESS);
            assert_int_equal(ntk_maps_chi1(y[2], q, s11, 64), NTK_SUCCESS);
            assert_true(arb_overlaps(x[2], y[2]));
        }
    ntk_net_clear(a);
    ntk_net_clear(q);
    arb_clear(s11); arb_clear(s12); arb_clear(s22);
    for (int i = 0; i < 6; i++) { arb_clear(x[i]); arb_clear(y[i]); }
}

/* D(q[[1,1],[1,1]])_12 = chi_1(q) and N12 at c = 1 equals V(q) */
static void
test_d12_at_one_is_chi1(void **state)
{
    const char *acts[] = {"erf", "tanh", "elu"};
    ntk_net_t n;
    arb_t q, d11, d12, d22, chi, v, n11, n12, n22;
    (void) state;
    ntk_net_init(n);
    arb_init(q); arb_init(d11); arb_init(d12); arb_init(d22); arb_init(chi);
    arb_init(v); arb_init(n11); arb_init(n12); arb_init(n22);
    for (size_t k = 0; k < 3; k++)
    {
        mknet(n, acts[k], "2", "0.05", NTK_METHOD_AUTO);
        dec(q, "0.75");   /* exact: c = 1 exactly for the 2D quadrature */
        assert_int_equal(ntk_maps_deriv(d11, d12, d22, n, q, q, q, 64), NTK_SUCCESS);
        assert_int_equal(ntk_maps_chi1(chi, n, q, 64), NTK_SUCCESS);
        assert_true(arb_overlaps(d12, chi));
        assert_true(arb_overlaps(d11, chi));
        /* the 2D kernel at c = 1 independently: act's closed form (erf), or
           the gauss module's 2D quadrature when it handles c = 1 */
        if (ntk_act_has_closed_form(n->act))
            assert_int_equal(ntk_act_kernel_closed(d12, n->act, 1, q, q, q, 64), NTK_SUCCESS);
        else if (ntk_gauss_expect2(d12, n->act, 1, q, q, q, 64) != NTK_SUCCESS)
            continue;
        arb_mul(d12, d12, n->sigma_w2, 64);
        assert_true(arb_overlaps(d12, chi));
        assert_int_equal(ntk_maps_nngp(n11, n12, n22, n, q, q, q, 64), NTK_SUCCESS);
        assert_int_equal(ntk_maps_var(v, n, q, 64), NTK_SUCCESS);
        assert_true(arb_overlaps(n12, v));
    }
    ntk_net_clear(n);
    arb_clear(q); arb_clear(d11); arb_clear(d12); arb_clear(d22); arb_clear(chi);
    arb_clear(v); arb_clear(n11); arb_clear(n12); arb_clear(n22);
}

/* eps step agrees with 1 - N12/V and D12 from the full maps */
static void
test_eps_step(void **state)
{
    const char *acts[] = {"erf", "relu"};
    ntk_net_t n;
    arb_t q, eps, c, e1, dm, n11, n12, n22, d11, d12, d22, t;
    (void) state;
    ntk_net_init(n);
    arb_init(q); arb_init(eps); arb_init(c); arb_init(e1); arb_init(dm); arb_init(t);
    arb_init(n11); arb_init(n12); arb_init(n22); arb_init(d11); arb_init(d12); arb_init(d22);
    for (size_t k = 0; k < 2; k++)
    {
        mknet(n, acts[k], "1.9", "0.02", NTK_METHOD_AUTO);
        dec(q, "0.9");
        dec(eps, "0.25");
        arb_one(c);
        arb_sub(c, c, eps, PREC);
        arb_mul(c, c, q, PREC);
        assert_int_equal(ntk_maps_eps_step(e1, dm, n, q, eps, PREC), NTK_SUCCESS);
        assert_int_equal(ntk_maps_nngp(n11, n12, n22, n, q, c, q, PREC), NTK_SUCCESS);
        assert_int_equal(ntk_maps_deriv(d11, d12, d22, n, q, c, q, PREC), NTK_SUCCESS);
        arb_div(t, n12, n11, PREC);
        arb_sub_ui(t, t, 1, PREC);
        arb_neg(t, t);
        assert_true(arb_overlaps(t, e1));
        assert_true(arb_overlaps(d12, dm));
    }
    ntk_net_clear(n);
    arb_clear(q); arb_clear(eps); arb_clear(c); arb_clear(e1); arb_clear(dm); arb_clear(t);
    arb_clear(n11); arb_clear(n12); arb_clear(n22); arb_clear(d11); arb_clear(d12); arb_clear(d22);
}

/* the per-q cache: eps steps with the cached E[phi^2], V, chi_1 agree with
   the closed forms (erf by quadrature) and with 1 - N12/V, D12 of the full
   maps at twice the precision (tanh, silu); also on a q ball */
static void
test_eps_step_qcache(void **state)
{
    const char *acts[] = {"erf", "tanh", "silu"};
    const char *epss[] = {"0.5", "0.1", "0.03"};
    ntk_net_t n, cl;
    ntk_maps_qcache_t qc;
    arb_t q, eps, c, e1, dm, n11, n12, n22, d11, d12, d22, t;
    (void) state;
    ntk_net_init(n);
    ntk_net_init(cl);
    ntk_maps_qcache_init(qc);
    arb_init(q); arb_init(eps); arb_init(c); arb_init(e1); arb_init(dm); arb_init(t);
    arb_init(n11); arb_init(n12); arb_init(n22); arb_init(d11); arb_init(d12); arb_init(d22);
    for (size_t k = 0; k < 3; k++)
        for (int ball = 0; ball <= 1; ball++)
        {
            mknet(n, acts[k], "1.9", "0.02", k == 0 ? NTK_METHOD_QUAD : NTK_METHOD_AUTO);
            dec(q, "0.6");
            if (ball)
                mag_set_ui_2exp_si(arb_radref(q), 1, -110);
            assert_int_equal(ntk_maps_qcache_set(qc, n, q, PREC), NTK_SUCCESS);
            assert_int_equal(ntk_maps_var(t, n, q, PREC), NTK_SUCCESS);
            assert_true(arb_overlaps(t, qc->v));
            assert_int_equal(ntk_maps_chi1(t, n, q, PREC), NTK_SUCCESS);
            assert_true(arb_overlaps(t, qc->chi));
            for (size_t j = 0; j < 3; j++)
            {
                dec(eps, epss[j]);
                assert_int_equal(ntk_maps_eps_step_qcache(e1, dm, n, qc, eps, PREC),
                                 NTK_SUCCESS);
                assert_true(arb_rel_accuracy_bits(e1) >= (ball ? 110 : PREC) - 20);
                assert_true(arb_rel_accuracy_bits(dm) >= (ball ? 110 : PREC) - 20);
                if (k == 0)
                {
                    /* erf: closed forms (method AUTO) */
                    mknet(cl, acts[k], "1.9", "0.02", NTK_METHOD_AUTO);
                    assert_int_equal(ntk_maps_eps_step(t, d12, cl, q, eps, 2 * PREC),
                                     NTK_SUCCESS);
                }
                else
                {
                    /* 1 - N12/N11 and D12 by the 2D maps, no eps form */
                    arb_one(c);
                    arb_sub(c, c, eps, 2 * PREC);
                    arb_mul(c, c, q, 2 * PREC);
                    assert_int_equal(ntk_maps_nngp(n11, n12, n22, n, q, c, q, 2 * PREC),
                                     NTK_SUCCESS);
                    assert_int_equal(ntk_maps_deriv(d11, d12, d22, n, q, c, q, 2 * PREC),
                                     NTK_SUCCESS);
                    arb_div(t, n12, n11, 2 * PREC);
                    arb_sub_ui(t, t, 1, 2 * PREC);
                    arb_neg(t, t);
                }
                assert_true(arb_overlaps(t, e1));
                assert_true(arb_overlaps(d12, dm));
            }
        }
    ntk_net_clear(n);
    ntk_net_clear(cl);
    ntk_maps_qcache_clear(qc);
    arb_clear(q); arb_clear(eps); arb_clear(c); arb_clear(e1); arb_clear(dm); arb_clear(t);
    arb_clear(n11); arb_clear(n12); arb_clear(n22); arb_clear(d11); arb_clear(d12); arb_clear(d22);
}

/* relu-like: EOC exactly at sigma_w^2 = 1/(a^2+b^2), sigma_b = 0 (Lemma M6);
   no EOC for sigma_b > 0 */
static void
test_eoc_relulike(void **state)
{
    const char *acts[] = {"relu", "leaky_relu:0.1", "abs", "relulike:1,0.5"};
    /* 1/(a^2+b^2): relu a=b=1/2; leaky 0.1: a=(1+0.1)/2, b=(1-0.1)/2;
       abs: b=1; relulike:1,0.5: a=1, b=1/2 */
    const long num[] = {2, 200, 1, 4};
    const long den[] = {1, 101, 1, 5};
    ntk_act_t act;
    ntk_eoc_t e;
    arb_t sb2, t;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(e);
    arb_init(sb2);
    arb_init(t);
    for (int k = 0; k < 4; k++)
    {
        assert_int_equal(ntk_act_set_str(act, acts[k]), NTK_SUCCESS);
        arb_zero(sb2);
        assert_int_equal(ntk_maps_eoc(e, act, sb2, PREC), NTK_SUCCESS);
        assert_int_equal(e->found, 1);
        arb_set_si(t, num[k]);
        arb_div_si(t, t, den[k], PREC);
        assert_true(arb_overlaps(t, e->sigma_w2));
        assert_true(arb_contains_si(e->chi1, 1));
        dec(sb2, "0.04");
        assert_int_equal(ntk_maps_eoc(e, act, sb2, PREC), NTK_SUCCESS);
        assert_int_equal(e->found, 0);
        assert_true(strlen(e->why) > 10);
    }
    ntk_act_clear(act);
    ntk_eoc_clear(e);
    arb_clear(sb2);
    arb_clear(t);
}

/* relu_pow:2: E[phi^2]/E[phi'^2] = 3q/4, so q* = 4 sigma_b^2 and
   sigma_w^2 = 1/(2 q*) (proofs/maps.md Lemma M2, M6) */
static void
test_eoc_relu_pow(void **state)
{
    ntk_act_t act;
    ntk_eoc_t e;
    arb_t sb2, t;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(e);
    arb_init(sb2);
    arb_init(t);
    assert_int_equal(ntk_act_set_str(act, "relu_pow:2"), NTK_SUCCESS);
    dec(sb2, "0.09");
    assert_int_equal(ntk_maps_eoc(e, act, sb2, PREC), NTK_SUCCESS);
    assert_int_equal(e->found, 1);
    arb_mul_ui(t, sb2, 4, PREC);
    assert_true(arb_overlaps(t, e->q_star));
    assert_true(arb_rel_accuracy_bits(e->q_star) > 100);
    arb_mul_2exp_si(t, t, 1);
    arb_inv(t, t, PREC);
    assert_true(arb_overlaps(t, e->sigma_w2));
    ntk_act_clear(act);
    ntk_eoc_clear(e);
    arb_clear(sb2);
    arb_clear(t);
}

/* erf EOC: re-check q = sigma_b^2 + A/B and sigma_w^2 B = 1 with the act
   module's closed-form kernels at c = 1 (independent of the maps table) */
static void
test_eoc_erf_kernels(void **state)
{
    ntk_act_t act;
    ntk_eoc_t e;
    arb_t sb2, A, B, g;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(e);
    arb_init(sb2); arb_init(A); arb_init(B); arb_init(g);
    assert_int_equal(ntk_act_set_str(act, "erf"), NTK_SUCCESS);
    dec(sb2, "0.04");
    assert_int_equal(ntk_maps_eoc(e, act, sb2, PREC), NTK_SUCCESS);
    assert_int_equal(e->found, 1);
    assert_true(arb_rel_accuracy_bits(e->q_star) > 100);
    assert_true(arb_rel_accuracy_bits(e->sigma_w2) > 100);
    assert_int_equal(ntk_act_kernel_closed(A, act, 0, e->q_star, e->q_star, e->q_star, PREC), NTK_SUCCESS);
    assert_int_equal(ntk_act_kernel_closed(B, act, 1, e->q_star, e->q_star, e->q_star, PREC), NTK_SUCCESS);
    arb_div(g, A, B, PREC);
    arb_add(g, g, sb2, PREC);
    arb_sub(g, g, e->q_star, PREC);
    assert_true(arb_contains_zero(g));
    arb_mul(g, B, e->sigma_w2, PREC);
    assert_true(arb_contains_si(g, 1));
    assert_true(arb_contains_si(e->chi1, 1));
    ntk_act_clear(act);
    ntk_eoc_clear(e);
    arb_clear(sb2); arb_clear(A); arb_clear(B); arb_clear(g);
}

/* smooth activations at sigma_b = 0.2: chi_1 ball contains 1, narrow;
   the fixed point re-evaluated with quadrature: V(q*) - q* contains 0 */
static void
test_eoc_smooth(void **state)
{
    const char *acts[] = {"tanh", "elu", "silu", "gelu"};
    ntk_act_t act;
    ntk_eoc_t e;
    ntk_net_t n;
    arb_t sb2, v;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(e);
    ntk_net_init(n);
    arb_init(sb2); arb_init(v);
    for (int k = 0; k < 4; k++)
    {
        assert_int_equal(ntk_act_set_str(act, acts[k]), NTK_SUCCESS);
        dec(sb2, "0.04");
        assert_int_equal(ntk_maps_eoc(e, act, sb2, 100), NTK_SUCCESS);
        assert_int_equal(e->found, 1);
        assert_true(arb_contains_si(e->chi1, 1));
        assert_true(arb_rel_accuracy_bits(e->chi1) > 80);
        assert_true(arb_rel_accuracy_bits(e->q_star) > 80);
        assert_true(arb_is_finite(e->f2) && arb_is_positive(e->f2));
        ntk_act_set(n->act, act);
        arb_set(n->sigma_w2, e->sigma_w2);
        arb_set(n->sigma_b2, sb2);
        n->method = NTK_METHOD_QUAD;
        assert_int_equal(ntk_maps_var(v, n, e->q_star, 100), NTK_SUCCESS);
        arb_sub(v, v, e->q_star, 100);
        assert_true(arb_contains_zero(v));
    }
    ntk_act_clear(act);
    ntk_eoc_clear(e);
    ntk_net_clear(n);
    arb_clear(sb2); arb_clear(v);
}

/* low working precisions (as iterate's first check of --eoc, 64 bits, and
   the deep run's start, ~56): the EOC of tanh, gelu, elu, erf is certified
   at 40 .. 64 bits, and the balls overlap the one at 128 bits */
static void
test_eoc_low_precision(void **state)
{
    const char *acts[] = {"tanh", "gelu", "elu", "erf"};
    ntk_act_t act;
    ntk_eoc_t e, ref;
    arb_t sb2;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(e);
    ntk_eoc_init(ref);
    arb_init(sb2);
    for (int k = 0; k < 4; k++)
    {
        assert_int_equal(ntk_act_set_str(act, acts[k]), NTK_SUCCESS);
        dec(sb2, "0.04");
        assert_int_equal(ntk_maps_eoc(ref, act, sb2, 128), NTK_SUCCESS);
        for (slong prec = 40; prec <= 64; prec += 8)
        {
            assert_int_equal(ntk_parse_arb(sb2, "0.04", "sb2", prec), NTK_SUCCESS);
            if (ntk_maps_eoc(e, act, sb2, prec) != NTK_SUCCESS)
                fail_msg("%s at %ld bits: %s", acts[k], (long) prec, ntk_error_last());
            assert_int_equal(e->found, 1);
            assert_true(arb_overlaps(e->q_star, ref->q_star));
            assert_true(arb_overlaps(e->sigma_w2, ref->sigma_w2));
        }
    }
    ntk_act_clear(act);
    ntk_eoc_clear(e);
    ntk_eoc_clear(ref);
    arb_clear(sb2);
}

/* tanh EOC as sigma_b -> 0: 1 <= sigma_w^2 <= 1/(1 - 2 q*) (proofs/maps.md
   Lemma M9: sech^4 x >= 1 - 2x^2) and sigma_w decreases with sigma_b */
static void
test_eoc_tanh_small_bias(void **state)
{
    const char *sb[] = {"0.1", "0.03", "0.01"};
    ntk_act_t act;
    ntk_eoc_t e;
    arb_t sb2, prev, t;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(e);
    arb_init(sb2); arb_init(prev); arb_init(t);
    assert_int_equal(ntk_act_set_str(act, "tanh"), NTK_SUCCESS);
    arb_pos_inf(prev);
    for (int k = 0; k < 3; k++)
    {
        dec(sb2, sb[k]);
        arb_sqr(sb2, sb2, 80);
        assert_int_equal(ntk_maps_eoc(e, act, sb2, 80), NTK_SUCCESS);
        assert_int_equal(e->found, 1);
        arb_one(t);
        assert_true(arb_ge(e->sigma_w2, t));
        /* 1/(1 - 2 q*) */
        arb_mul_2exp_si(t, e->q_star, 1);
        arb_sub_ui(t, t, 1, 80);
        arb_neg(t, t);
        assert_true(arb_is_positive(t));
        arb_inv(t, t, 80);
        assert_true(arb_le(e->sigma_w2, t));
        assert_true(arb_lt(e->sigma_w, prev));
        arb_set(prev, e->sigma_w);
    }
    /* sigma_b = 0.01: q* is small, so sigma_w is close to 1 */
    arb_set_d(t, 0.05);
    assert_true(arb_lt(e->q_star, t));
    arb_sub_ui(t, e->sigma_w, 1, 80);
    arb_abs(t, t);
    {
        arb_t bound;
        arb_init(bound);
        arb_set_d(bound, 0.06);
        assert_true(arb_lt(t, bound));
        arb_clear(bound);
    }
    ntk_act_clear(act);
    ntk_eoc_clear(e);
    arb_clear(sb2); arb_clear(prev); arb_clear(t);
}

/* no EOC: softplus for every sigma_b (Lemma M7), step */
static void
test_no_eoc(void **state)
{
    const char *acts[] = {"softplus", "step"};
    const char *sbs[] = {"0", "0.04", "1"};
    ntk_act_t act;
    ntk_eoc_t e;
    arb_t sb2;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(e);
    arb_init(sb2);
    for (int k = 0; k < 2; k++)
        for (int j = 0; j < 3; j++)
        {
            assert_int_equal(ntk_act_set_str(act, acts[k]), NTK_SUCCESS);
            dec(sb2, sbs[j]);
            assert_int_equal(ntk_maps_eoc(e, act, sb2, 64), NTK_SUCCESS);
            assert_int_equal(e->found, 0);
            assert_true(strlen(e->why) > 10);
        }
    ntk_act_clear(act);
    ntk_eoc_clear(e);
    arb_clear(sb2);
}

/* q*: V(q*) contains q* (re-evaluated by the other method), narrow ball */
static void
test_qstar(void **state)
{
    const char *acts[] = {"erf", "tanh", "sin"};
    ntk_net_t n, m;
    arb_t q, v;
    int found;
    char why[NTK_WHY_MAX];
    (void) state;
    ntk_net_init(n);
    ntk_net_init(m);
    arb_init(q); arb_init(v);
    for (int k = 0; k < 3; k++)
    {
        mknet(n, acts[k], "2", "0.1", NTK_METHOD_AUTO);
        mknet(m, acts[k], "2", "0.1", NTK_METHOD_QUAD);
        assert_int_equal(ntk_maps_qstar(q, &found, why, n, 100), NTK_SUCCESS);
        assert_int_equal(found, 1);
        assert_true(arb_rel_accuracy_bits(q) > 80);
        assert_int_equal(ntk_maps_var(v, m, q, 100), NTK_SUCCESS);
        assert_true(arb_overlaps(v, q));
    }
    /* relu: V(q) = sigma_b^2 + sigma_w^2 q / 2 (Lemma M4) */
    mknet(n, "relu", "1", "0.5", NTK_METHOD_AUTO);
    assert_int_equal(ntk_maps_qstar(q, &found, why, n, 100), NTK_SUCCESS);
    assert_int_equal(found, 1);
    assert_true(arb_contains_si(q, 1));
    mknet(n, "relu", "3", "0.5", NTK_METHOD_AUTO);
    assert_int_equal(ntk_maps_qstar(q, &found, why, n, 100), NTK_SUCCESS);
    assert_int_equal(found, 0);
    mknet(n, "relu", "2", "0", NTK_METHOD_AUTO);
    assert_int_equal(ntk_maps_qstar(q, &found, why, n, 100), NTK_SUCCESS);
    assert_int_equal(found, 2);
    ntk_net_clear(n);
    ntk_net_clear(m);
    arb_clear(q); arb_clear(v);
}

/* phases of known points */
static void
test_phase(void **state)
{
    ntk_net_t n;
    ntk_phase_t ph;
    arb_t c, n11, n12, n22, f;
    (void) state;
    ntk_net_init(n);
    ntk_phase_init(ph);
    arb_init(c); arb_init(n11); arb_init(n12); arb_init(n22); arb_init(f);

    /* tanh sigma_b = 0.3, sigma_w = 1: ordered */
    mknet(n, "tanh", "1", "0.09", NTK_METHOD_AUTO);
    assert_int_equal(ntk_maps_phase(ph, n, 64), NTK_SUCCESS);
    assert_int_equal(ph->phase, NTK_PHASE_ORDERED);
    assert_true(arb_is_one(ph->c_star));
    assert_true(arb_is_positive(ph->xi_c));

    /* erf sigma_b = 0.1, sigma_w = 2: chaotic, c* < 1 with f(c*) = c* */
    mknet(n, "erf", "4", "0.01", NTK_METHOD_AUTO);
    assert_int_equal(ntk_maps_phase(ph, n, 64), NTK_SUCCESS);
    assert_int_equal(ph->phase, NTK_PHASE_CHAOTIC);
    arb_one(c);
    assert_true(arb_lt(ph->c_star, c));
    arb_mul(c, ph->c_star, ph->q_star, 64);
    assert_int_equal(ntk_maps_nngp(n11, n12, n22, n, ph->q_star, c, ph->q_star, 64), NTK_SUCCESS);
    arb_div(f, n12, ph->q_star, 64);
    assert_true(arb_overlaps(f, ph->c_star));
    assert_true(arb_is_positive(ph->xi_c));

    /* relu at sigma_w^2 = 2, sigma_b = 0: exactly the EOC */
    mknet(n, "relu", "2", "0", NTK_METHOD_AUTO);
    assert_int_equal(ntk_maps_phase(ph, n, 64), NTK_SUCCESS);
    assert_int_equal(ph->phase, NTK_PHASE_EOC);
    /* relu sigma_w^2 = 3, sigma_b > 0: no fixed point */
    mknet(n, "relu", "3", "0.1", NTK_METHOD_AUTO);
    assert_int_equal(ntk_maps_phase(ph, n, 64), NTK_SUCCESS);
    assert_int_equal(ph->phase, NTK_PHASE_NO_FIXED_POINT);

    ntk_net_clear(n);
    ntk_phase_clear(ph);
    arb_clear(c); arb_clear(n11); arb_clear(n12); arb_clear(n22); arb_clear(f);
}

/* Price coefficients: closed-form table vs quadrature (gauss_price) */
static void
test_price(void **state)
{
    ntk_net_t a, q;
    arb_ptr x, y;
    arb_t s;
    (void) state;
    ntk_net_init(a);
    ntk_net_init(q);
    x = _arb_vec_init(3);
    y = _arb_vec_init(3);
    arb_init(s);
    mknet(a, "erf", "1.5", "0.1", NTK_METHOD_AUTO);
    mknet(q, "erf", "1.5", "0.1", NTK_METHOD_QUAD);
    dec(s, "0.6");
    assert_int_equal(ntk_maps_price(x, a, s, 3, 64), NTK_SUCCESS);
    assert_int_equal(ntk_maps_price(y, q, s, 3, 64), NTK_SUCCESS);
    for (int k = 0; k < 3; k++)
        assert_true(arb_overlaps(x + k, y + k));
    assert_true(arb_is_one(x));
    /* relu: f''(1) does not exist (smoothness 1) */
    mknet(a, "relu", "2", "0", NTK_METHOD_AUTO);
    assert_int_equal(ntk_maps_price(x, a, s, 3, 64), NTK_DOMAIN);
    ntk_net_clear(a);
    ntk_net_clear(q);
    _arb_vec_clear(x, 3);
    _arb_vec_clear(y, 3);
    arb_clear(s);
}

/* bad input: NTK_DOMAIN with the value named */
static void
test_domain(void **state)
{
    ntk_net_t n;
    arb_t a, b, c, x, y, z;
    (void) state;
    ntk_net_init(n);
    arb_init(a); arb_init(b); arb_init(c); arb_init(x); arb_init(y); arb_init(z);
    mknet(n, "erf", "-1", "0", NTK_METHOD_AUTO);
    dec(a, "1");
    assert_int_equal(ntk_maps_var(x, n, a, 64), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "sigma_w2"));
    mknet(n, "erf", "1", "0", NTK_METHOD_AUTO);
    dec(b, "2");
    assert_int_equal(ntk_maps_nngp(x, y, z, n, a, b, a, 64), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "semidefinite"));
    arb_zero(c);
    assert_int_equal(ntk_maps_nngp(x, y, z, n, c, c, a, 64), NTK_DOMAIN);
    ntk_net_clear(n);
    arb_clear(a); arb_clear(b); arb_clear(c); arb_clear(x); arb_clear(y); arb_clear(z);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closed_vs_quad),
        cmocka_unit_test(test_d12_at_one_is_chi1),
        cmocka_unit_test(test_eps_step),
        cmocka_unit_test(test_eps_step_qcache),
        cmocka_unit_test(test_eoc_relulike),
        cmocka_unit_test(test_eoc_relu_pow),
        cmocka_unit_test(test_eoc_erf_kernels),
        cmocka_unit_test(test_eoc_smooth),
        cmocka_unit_test(test_eoc_tanh_small_bias),
        cmocka_unit_test(test_eoc_low_precision),
        cmocka_unit_test(test_no_eoc),
        cmocka_unit_test(test_qstar),
        cmocka_unit_test(test_phase),
        cmocka_unit_test(test_price),
        cmocka_unit_test(test_domain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
