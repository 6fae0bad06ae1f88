/*
 * src/maps/ziv.c: the digits-driven evaluation (Ziv's loop) -- against
 * closed forms (leaky ReLU's EOC sigma_w^2 = 2/(1 + alpha^2), exact q*,
 * chi_1 and xi_c of ReLU in the ordered phase), the EOC equations
 * re-evaluated with erf's closed-form kernels at a higher precision, and
 * a synthetic evaluation whose radius is known, for the precision
 * schedule, the cap (NTK_UNABLE) and the statuses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "ntkdepth.h"

static const slong digit_list[] = {5, 30, 100, 400};
#define NDIG (slong) (sizeof(digit_list) / sizeof(digit_list[0]))

static void
dec_q(fmpq_t x, const char *s)
{
    assert_int_equal(ntk_parse_fmpq(x, s, "x"), NTK_SUCCESS);
}

/* certifies `digits` digits: relative radius below 10^-digits */
static void
assert_digits(const arb_t x, slong digits)
{
    assert_true(arb_is_finite(x));
    assert_true(ntk_ball_digits(x) >= digits);
}

/* leaky_relu:ALPHA at sigma_b = 0: sigma_w2 = 2/(1 + alpha^2) exactly, and
   sigma_w its square root (proofs/maps.md M6): contained, to every digits */
static void
test_eoc_digits_leaky(void **state)
{
    const char *alpha[] = {"0.1", "0.3"};
    ntk_act_t act;
    ntk_eoc_t e;
    fmpq_t zero, a, s2;
    arb_t truth;
    slong prec;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(e);
    fmpq_init(zero); fmpq_init(a); fmpq_init(s2);
    arb_init(truth);
    for (int k = 0; k < 2; k++)
    {
        char name[32];
        snprintf(name, sizeof(name), "leaky_relu:%s", alpha[k]);
        assert_int_equal(ntk_act_set_str(act, name), NTK_SUCCESS);
        dec_q(a, alpha[k]);
        fmpq_mul(s2, a, a);
        fmpq_add_si(s2, s2, 1);
        fmpq_inv(s2, s2);
        fmpq_mul_si(s2, s2, 2);
        for (slong i = 0; i < NDIG; i++)
        {
            slong D = digit_list[i];
            assert_int_equal(ntk_maps_eoc_digits(e, &prec, act, zero, D), NTK_SUCCESS);
            assert_int_equal(e->found, 1);
            assert_true(prec >= ntk_maps_ziv_prec0(D));
            assert_true(arb_contains_fmpq(e->sigma_w2, s2));
            arb_set_fmpq(truth, s2, 4 * prec);
            arb_sqrt(truth, truth, 4 * prec);
            assert_true(arb_contains(e->sigma_w, truth));
            assert_true(ntk_maps_ziv_enough(e->sigma_w, D));
            assert_true(ntk_maps_ziv_enough(e->sigma_w2, D));
            if (!arb_is_exact(e->sigma_w))
                assert_digits(e->sigma_w, D);
            assert_true(arb_contains_si(e->chi1, 1));
        }
    }
    ntk_act_clear(act);
    ntk_eoc_clear(e);
    fmpq_clear(zero); fmpq_clear(a); fmpq_clear(s2);
    arb_clear(truth);
}

/* erf at sigma_b^2 = 1/25: every field certifies D digits, and the EOC
   equations G(q*) = sigma_b^2 + A/B - q* = 0, sigma_w^2 B = 1 hold when
   re-evaluated by the act module's closed-form kernels at 4x the
   precision of the result */
static void
test_eoc_digits_erf(void **state)
{
    ntk_act_t act;
    ntk_eoc_t e;
    fmpq_t sb2;
    arb_t s, A, B, g;
    slong prec, wp;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(e);
    fmpq_init(sb2);
    arb_init(s); arb_init(A); arb_init(B); arb_init(g);
    assert_int_equal(ntk_act_set_str(act, "erf"), NTK_SUCCESS);
    dec_q(sb2, "0.04");
    for (slong i = 0; i < NDIG - 1; i++)
    {
        slong D = digit_list[i];
        assert_int_equal(ntk_maps_eoc_digits(e, &prec, act, sb2, D), NTK_SUCCESS);
        assert_int_equal(e->found, 1);
        assert_digits(e->sigma_w, D);
        assert_digits(e->sigma_w2, D);
        assert_digits(e->q_star, D);
        assert_digits(e->f2, D);
        assert_digits(e->beta, D);
        assert_true(arb_contains_si(e->chi1, 1));
        wp = 4 * prec;
        arb_set_fmpq(s, sb2, wp);
        assert_int_equal(ntk_act_kernel_closed(A, act, 0, e->q_star, e->q_star, e->q_star, wp),
                         NTK_SUCCESS);
        assert_int_equal(ntk_act_kernel_closed(B, act, 1, e->q_star, e->q_star, e->q_star, wp),
                         NTK_SUCCESS);
        arb_div(g, A, B, wp);
        arb_add(g, g, s, wp);
        arb_sub(g, g, e->q_star, wp);
        assert_true(arb_contains_zero(g));
        arb_mul(g, B, e->sigma_w2, wp);
        assert_true(arb_contains_si(g, 1));
    }
    ntk_act_clear(act);
    ntk_eoc_clear(e);
    fmpq_clear(sb2);
    arb_clear(s); arb_clear(A); arb_clear(B); arb_clear(g);
}

/* proved absence is an answer at the start precision (relu, sigma_b > 0) */
static void
test_eoc_digits_absent(void **state)
{
    ntk_act_t act;
    ntk_eoc_t e;
    fmpq_t sb2;
    slong prec;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(e);
    fmpq_init(sb2);
    assert_int_equal(ntk_act_set_str(act, "relu"), NTK_SUCCESS);
    dec_q(sb2, "0.01");
    assert_int_equal(ntk_maps_eoc_digits(e, &prec, act, sb2, 30), NTK_SUCCESS);
    assert_int_equal(e->found, 0);
    assert_int_equal(prec, ntk_maps_ziv_prec0(30));
    dec_q(sb2, "-0.01");
    assert_int_equal(ntk_maps_eoc_digits(e, NULL, act, sb2, 30), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "sigma_b2"));
    ntk_act_clear(act);
    ntk_eoc_clear(e);
    fmpq_clear(sb2);
}

/* relu, sigma_w^2 = 3/2, sigma_b^2 = 1/10 (ordered, Lemma M4):
   q* = sigma_b^2 / (1 - sigma_w^2/2) = 2/5, chi_1 = 3/4, xi_c = -1/ln(3/4) */
static void
test_phase_digits_relu(void **state)
{
    ntk_net_t net;
    ntk_phase_t ph;
    fmpq_t sw2, sb2, q;
    arb_t xi;
    slong prec;
    (void) state;
    ntk_net_init(net);
    ntk_phase_init(ph);
    fmpq_init(sw2); fmpq_init(sb2); fmpq_init(q);
    arb_init(xi);
    assert_int_equal(ntk_act_set_str(net->act, "relu"), NTK_SUCCESS);
    net->method = NTK_METHOD_AUTO;
    dec_q(sw2, "1.5");
    dec_q(sb2, "0.1");
    for (slong i = 0; i < NDIG; i++)
    {
        slong D = digit_list[i];
        assert_int_equal(ntk_maps_phase_digits(ph, net, &prec, sw2, sb2, D), NTK_SUCCESS);
        assert_int_equal(ph->phase, NTK_PHASE_ORDERED);
        assert_true(arb_contains_fmpq(net->sigma_w2, sw2));
        assert_true(arb_contains_fmpq(net->sigma_b2, sb2));
        dec_q(q, "0.4");
        assert_true(arb_contains_fmpq(ph->q_star, q));
        dec_q(q, "0.75");
        assert_true(arb_contains_fmpq(ph->chi1, q));
        arb_set_fmpq(xi, q, 4 * prec);
        arb_log(xi, xi, 4 * prec);
        arb_inv(xi, xi, 4 * prec);
        arb_neg(xi, xi);
        assert_true(arb_contains(ph->xi_c, xi));
        assert_true(ntk_maps_ziv_enough(ph->chi1, D));
        assert_true(ntk_maps_ziv_enough(ph->q_star, D));
        assert_true(ntk_maps_ziv_enough(ph->xi_c, D));
        assert_digits(ph->xi_c, D);
    }
    ntk_net_clear(net);
    ntk_phase_clear(ph);
    fmpq_clear(sw2); fmpq_clear(sb2); fmpq_clear(q);
    arb_clear(xi);
}

/* ---- the driver on a synthetic evaluation ---- */

typedef struct
{
    ntk_status st;        /* what eval returns */
    slong rad_bits;       /* radius 2^-rad_bits (0: 2^-(prec - 8)) */
    slong calls, precs[32];
    arb_t x;
} synth;

static ntk_status
synth_eval(void *data, slong prec)
{
    synth *s = data;
    s->precs[s->calls++] = prec;
    arb_one(s->x);
    mag_set_ui_2exp_si(arb_radref(s->x), 1, -(s->rad_bits ? s->rad_bits : prec - 8));
    if (s->st == NTK_UNABLE)
        return ntk_error_set(NTK_UNABLE, "synthetic map not certified at %ld bits", (long) prec);
    return s->st;
}

static int
synth_done(void *data, slong digits)
{
    return ntk_maps_ziv_enough(((synth *) data)->x, digits);
}

static void
synth_init(synth *s, ntk_status st, slong rad_bits)
{
    memset(s, 0, sizeof(*s));
    arb_init(s->x);
    s->st = st;
    s->rad_bits = rad_bits;
}

static void
test_ziv_schedule(void **state)
{
    synth s;
    slong prec, D = 20, p0 = ntk_maps_ziv_prec0(20), cap;
    (void) state;
    assert_int_equal(p0, ntk_digits_to_bits(20) + NTK_MAPS_ZIV_GUARD);
    assert_int_equal(ntk_maps_ziv_cap(2), 1024);           /* 16 p0 < 1024 */
    assert_int_equal(ntk_maps_ziv_cap(1000), 16 * ntk_maps_ziv_prec0(1000));

    /* radius 2^-(prec-8): 20 digits certified at the start precision */
    synth_init(&s, NTK_SUCCESS, 0);
    assert_int_equal(ntk_maps_ziv(&prec, synth_eval, synth_done, &s, D, 0, 0), NTK_SUCCESS);
    assert_int_equal(s.calls, 1);
    assert_int_equal(prec, p0);
    arb_clear(s.x);

    /* a fixed radius 2^-100 (30 digits): 40 digits never come; doubling
       p0, 2 p0, ... while <= the default cap, then NTK_UNABLE */
    D = 40;
    p0 = ntk_maps_ziv_prec0(D);
    cap = ntk_maps_ziv_cap(D);
    synth_init(&s, NTK_SUCCESS, 100);
    assert_int_equal(ntk_maps_ziv(&prec, synth_eval, synth_done, &s, D, 0, 0), NTK_UNABLE);
    assert_non_null(strstr(ntk_error_last(), "could not certify 40 digits"));
    for (slong i = 0; i < s.calls; i++)
        assert_int_equal(s.precs[i], p0 << i);
    assert_true(s.precs[s.calls - 1] <= cap && 2 * s.precs[s.calls - 1] > cap);
    assert_int_equal(prec, s.precs[s.calls - 1]);

    /* the same with best effort: NTK_SUCCESS with the last evaluation */
    s.calls = 0;
    assert_int_equal(ntk_maps_ziv(&prec, synth_eval, synth_done, &s, D, 4 * p0,
                                  NTK_MAPS_ZIV_BEST), NTK_SUCCESS);
    assert_int_equal(s.calls, 3);        /* p0, 2 p0, 4 p0 */
    assert_int_equal(prec, 4 * p0);
    arb_clear(s.x);
}

static void
test_ziv_status(void **state)
{
    synth s;
    slong prec;
    (void) state;
    /* NTK_UNABLE every time: the evaluation's own message at the cap, also
       with best effort */
    synth_init(&s, NTK_UNABLE, 0);
    assert_int_equal(ntk_maps_ziv(&prec, synth_eval, synth_done, &s, 10, 0, 0), NTK_UNABLE);
    assert_non_null(strstr(ntk_error_last(), "synthetic map not certified"));
    {
        /* ... saying that the cap was reached, and which */
        char want[64];
        snprintf(want, sizeof(want), "(precision cap of %ld bits reached)",
                 (long) ntk_maps_ziv_cap(10));
        assert_non_null(strstr(ntk_error_last(), want));
    }
    assert_int_equal(prec, s.precs[s.calls - 1]);
    s.calls = 0;
    assert_int_equal(ntk_maps_ziv(&prec, synth_eval, synth_done, &s, 10, 0, NTK_MAPS_ZIV_BEST),
                     NTK_UNABLE);
    /* another status stops at once */
    s.calls = 0;
    s.st = NTK_DOMAIN;
    assert_int_equal(ntk_maps_ziv(&prec, synth_eval, synth_done, &s, 10, 0, 0), NTK_DOMAIN);
    assert_int_equal(s.calls, 1);
    /* done NULL: the first success */
    s.calls = 0;
    s.st = NTK_SUCCESS;
    s.rad_bits = 2;
    assert_int_equal(ntk_maps_ziv(&prec, synth_eval, NULL, &s, 10, 0, 0), NTK_SUCCESS);
    assert_int_equal(s.calls, 1);
    /* digits < 1 */
    s.calls = 0;
    assert_int_equal(ntk_maps_ziv(&prec, synth_eval, synth_done, &s, 0, 0, 0), NTK_DOMAIN);
    assert_int_equal(s.calls, 0);
    assert_non_null(strstr(ntk_error_last(), "digits"));
    /* the start precision is tried even above the cap */
    assert_int_equal(ntk_maps_ziv(&prec, synth_eval, synth_done, &s, 10, 8, 0), NTK_UNABLE);
    assert_int_equal(s.calls, 1);
    arb_clear(s.x);
}

/* ntk_maps_ziv_enough: exact and non-finite balls need no digits */
static void
test_ziv_enough(void **state)
{
    arb_t x;
    (void) state;
    arb_init(x);
    arb_set_si(x, 3);
    assert_true(ntk_maps_ziv_enough(x, 2000));
    arb_pos_inf(x);
    assert_true(ntk_maps_ziv_enough(x, 2000));
    arb_indeterminate(x);
    assert_true(ntk_maps_ziv_enough(x, 2000));
    arb_one(x);
    mag_set_ui_2exp_si(arb_radref(x), 1, -42);     /* 12 digits */
    assert_true(ntk_maps_ziv_enough(x, 12));
    assert_false(ntk_maps_ziv_enough(x, 13));
    arb_clear(x);
}

/* |x| <= C t, x and t balls (t > 0) */
static int
small(const arb_t x, double C, const arb_t t)
{
    arb_t b, a;
    int ok;
    arb_init(b); arb_init(a);
    arb_set_d(b, C);
    arb_mul(b, b, t, 256);
    arb_abs(a, x);
    ok = arb_le(a, b);
    arb_clear(b); arb_clear(a);
    return ok;
}

/* The EOC as sigma_b -> 0 (proofs/maps.md Lemma M12), 20 digits through
   ntk_maps_eoc_digits, sigma_b = 10^-4, 10^-6, 10^-9, 10^-12, q = q*:
    tanh: |4/3 q^3/sigma_b^2 - 1 - 6q| <= 2 q^2, |sigma_w^2 - 1 - 2q| <= 4 q^2
          (the next terms: -7/5 q^2, -3 q^2);
    erf:  |4/3 q^3/sigma_b^2 - 1 - 4q| <= 3 q^2 (12/5 q^2), and exactly
          sigma_w^2 = pi/4 sqrt(1 + 4q) (contains);
    elu:  |q^2/(8 sigma_b^2) - 1 - 5 sqrt2/(3 sqrt pi) sqrt q| <= 2q (~1.0 q),
          |sigma_w^2 - 1 - sqrt(2/pi) sqrt q| <= q/2 ((2/pi - 1) q);
    sin:  exactly q - tanh q = sigma_b^2 and sigma_w^2 (1 + e^-2q) = 2.
   chi_1 contains 1; q* decreases with sigma_b.  Before Lemma M12's
   changes these exited 3 (64-bit certification) from sigma_b ~ 1e-7 (tanh),
   1e-6 (erf, elu). */
static void
test_eoc_small_bias(void **state)
{
    static const char *acts[] = {"tanh", "erf", "elu", "sin"};
    static const int exps[] = {4, 6, 9, 12};
    ntk_act_t act;
    ntk_eoc_t e;
    fmpq_t sb2;
    arb_t s2, q, r, t, u, prev;
    const slong P = 256;
    (void) state;
    ntk_act_init(act);
    ntk_eoc_init(e);
    fmpq_init(sb2);
    arb_init(s2); arb_init(q); arb_init(r); arb_init(t); arb_init(u); arb_init(prev);
    for (int k = 0; k < 4; k++)
    {
        assert_int_equal(ntk_act_set_str(act, acts[k]), NTK_SUCCESS);
        arb_pos_inf(prev);
        for (int j = 0; j < 4; j++)
        {
            fmpz_one(fmpq_numref(sb2));
            fmpz_ui_pow_ui(fmpq_denref(sb2), 10, 2 * exps[j]);      /* sigma_b^2 = 10^-2k */
            if (ntk_maps_eoc_digits(e, NULL, act, sb2, 20) != NTK_SUCCESS)
                fail_msg("%s, sigma_b = 1e-%d: %s", acts[k], exps[j], ntk_error_last());
            assert_int_equal(e->found, 1);
            assert_true(ntk_maps_ziv_enough(e->q_star, 20));
            assert_true(ntk_maps_ziv_enough(e->sigma_w2, 20));
            assert_true(arb_contains_si(e->chi1, 1));
            arb_set(q, e->q_star);
            assert_true(arb_is_positive(q) && arb_lt(q, prev));
            arb_set(prev, q);
            arb_set_fmpq(s2, sb2, P);
            if (k <= 1)
            {
                /* r = 4/3 q^3 / sigma_b^2 - 1 - (6 | 4) q */
                arb_pow_ui(r, q, 3, P);
                arb_mul_ui(r, r, 4, P);
                arb_div_ui(r, r, 3, P);
                arb_div(r, r, s2, P);
                arb_sub_ui(r, r, 1, P);
                arb_submul_ui(r, q, k == 0 ? 6 : 4, P);
                arb_sqr(t, q, P);
                if (!small(r, k == 0 ? 2.0 : 3.0, t))
                    fail_msg("%s, sigma_b = 1e-%d: q* off its expansion", acts[k], exps[j]);
                if (k == 0)
                {
                    arb_sub_ui(u, e->sigma_w2, 1, P);
                    arb_submul_ui(u, q, 2, P);
                    assert_true(small(u, 4.0, t));
                }
                else
                {
                    arb_mul_2exp_si(u, q, 2);
                    arb_add_ui(u, u, 1, P);
                    arb_sqrt(u, u, P);
                    arb_const_pi(t, P);
                    arb_mul(u, u, t, P);
                    arb_mul_2exp_si(u, u, -2);
                    assert_true(arb_overlaps(u, e->sigma_w2));
                }
            }
            else if (k == 2)
            {
                /* r = q^2/(8 sigma_b^2) - 1 - 5 sqrt2/(3 sqrt pi) sqrt q */
                arb_sqr(r, q, P);
                arb_div(r, r, s2, P);
                arb_mul_2exp_si(r, r, -3);
                arb_sub_ui(r, r, 1, P);
                arb_const_pi(t, P);
                arb_rsqrt(t, t, P);
                arb_sqrt_ui(u, 2, P);
                arb_mul(t, t, u, P);              /* sqrt(2/pi) */
                arb_sqrt(u, q, P);
                arb_mul(u, u, t, P);              /* sqrt(2/pi) sqrt q */
                arb_mul_ui(t, u, 5, P);
                arb_div_ui(t, t, 3, P);
                arb_sub(r, r, t, P);
                assert_true(small(r, 2.0, q));
                arb_sub_ui(t, e->sigma_w2, 1, P);
                arb_sub(t, t, u, P);
                assert_true(small(t, 0.5, q));
            }
            else
            {
                /* sin: q - tanh q = sigma_b^2, sigma_w^2 (1 + e^-2q) = 2 */
                arb_tanh(t, q, P);
                arb_sub(t, q, t, P);
                assert_true(arb_overlaps(t, s2));
                arb_mul_2exp_si(t, q, 1);
                arb_neg(t, t);
                arb_exp(t, t, P);
                arb_add_ui(t, t, 1, P);
                arb_mul(t, t, e->sigma_w2, P);
                assert_true(arb_contains_si(t, 2));
            }
        }
    }
    ntk_act_clear(act);
    ntk_eoc_clear(e);
    fmpq_clear(sb2);
    arb_clear(s2); arb_clear(q); arb_clear(r); arb_clear(t); arb_clear(u); arb_clear(prev);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eoc_digits_leaky),
        cmocka_unit_test(test_eoc_digits_erf),
        cmocka_unit_test(test_eoc_digits_absent),
        cmocka_unit_test(test_eoc_small_bias),
        cmocka_unit_test(test_phase_digits_relu),
        cmocka_unit_test(test_ziv_schedule),
        cmocka_unit_test(test_ziv_status),
        cmocka_unit_test(test_ziv_enough),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
