/*
 * Certified Gaussian expectations against independent truth:
 * closed forms of the act module, textbook moments, Price's identity via a
 * mean-value difference quotient, symmetry, precision consistency.
 *
 * NTK_GAUSS_SLOW=1 (suite 'slow') runs larger sweeps.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <math.h>
#include "ntkdepth.h"

static int slow = 0;

/* deterministic LCG so the covariances are reproducible from the seed */
static unsigned long long rng_state;
static double
urand(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double) (rng_state >> 11) / 9007199254740992.0;
}

static void
set_act(ntk_act_t act, const char *name)
{
    assert_int_equal(ntk_act_set_str(act, name), NTK_SUCCESS);
}

/* quad must overlap closed and contain its midpoint */
static void
check_encloses(const arb_t quad, const arb_t truth, const char *what)
{
    if (!arb_overlaps(quad, truth) || !arb_contains_arf(quad, arb_midref(truth)))
    {
        printf("MISMATCH %s\n  quad  = ", what);
        arb_printd(quad, 30);
        printf("\n  truth = ");
        arb_printd(truth, 30);
        printf("\n");
        fail();
    }
}

static void
check_accuracy(const arb_t x, slong bits, const char *what)
{
    if (arb_rel_accuracy_bits(x) < bits)
    {
        printf("TOO WIDE (%ld < %ld bits) %s: ", (long) arb_rel_accuracy_bits(x),
               (long) bits, what);
        arb_printd(x, 30);
        printf("\n");
        fail();
    }
}

/* two enclosures of the same number (two methods) must overlap */
static void
check_overlaps(const arb_t x, const arb_t y, const char *what)
{
    if (!arb_overlaps(x, y))
    {
        printf("DISJOINT %s\n  x = ", what);
        arb_printd(x, 30);
        printf("\n  y = ");
        arb_printd(y, 30);
        printf("\n");
        fail();
    }
}

/* random PSD covariance: variances in [0.2, 3], correlation in [-0.95, 0.95] */
static void
random_cov(arb_t s11, arb_t s12, arb_t s22, double *d)
{
    double a = 0.2 + 2.8 * urand(), b = 0.2 + 2.8 * urand();
    double c = -0.95 + 1.9 * urand();
    d[0] = a; d[1] = c * sqrt(a * b); d[2] = b;
    arb_set_d(s11, d[0]);
    arb_set_d(s12, d[1]);
    arb_set_d(s22, d[2]);
}

static void
sweep_closed(const char *name, int ncov, slong prec)
{
    ntk_act_t act;
    arb_t s11, s12, s22, q, c;
    double d[3];
    char what[256];
    int i, deriv;

    ntk_act_init(act);
    arb_init(s11); arb_init(s12); arb_init(s22); arb_init(q); arb_init(c);
    set_act(act, name);
    for (i = 0; i < ncov; i++)
    {
        unsigned long long seed = rng_state;
        random_cov(s11, s12, s22, d);
        for (deriv = 0; deriv <= 1; deriv++)
        {
            snprintf(what, sizeof what, "%s deriv=%d S=[%.17g %.17g %.17g] "
                     "(seed %llu) prec=%ld", name, deriv, d[0], d[1], d[2],
                     seed, (long) prec);
            assert_int_equal(ntk_gauss_expect2(q, act, deriv, s11, s12, s22,
                                               prec), NTK_SUCCESS);
            assert_int_equal(ntk_act_kernel_closed(c, act, deriv, s11, s12,
                                                   s22, 2 * prec + 64), NTK_SUCCESS);
            check_encloses(q, c, what);
            check_accuracy(q, prec - 12, what);
        }
    }
    ntk_act_clear(act);
    arb_clear(s11); arb_clear(s12); arb_clear(s22); arb_clear(q); arb_clear(c);
}

static void
test_expect2_smooth_closed(void **state)
{
    (void) state;
    rng_state = 20261123;
    sweep_closed("erf", slow ? 8 : 2, 128);
    sweep_closed("sin", slow ? 8 : 2, 128);
    sweep_closed("cos", slow ? 8 : 1, 96);
    sweep_closed("gelu", slow ? 8 : 1, 96);
}

static void
test_expect2_piecewise_closed(void **state)
{
    (void) state;
    rng_state = 424242;
    sweep_closed("relu", slow ? 6 : 1, 64);
    sweep_closed("abs", slow ? 4 : 1, 53);
    sweep_closed("leaky_relu:0.1", slow ? 4 : 1, 53);
    if (slow)
    {
        sweep_closed("relu", 2, 128);
        sweep_closed("relu_pow:2", 2, 64);
    }
}

/* degenerate |c| = 1 and c = 0 */
static void
test_expect2_edges(void **state)
{
    ntk_act_t act;
    arb_t s11, s12, s22, q, c;
    const char *names[] = {"erf", "relu"};
    int i, j;
    (void) state;
    ntk_act_init(act);
    arb_init(s11); arb_init(s12); arb_init(s22); arb_init(q); arb_init(c);
    for (i = 0; i < 2; i++)
    {
        set_act(act, names[i]);
        for (j = 0; j < 3; j++)
        {
            /* S = [[1, x], [x, 4]] with x = 2 (c = 1), -2 (c = -1), 0 */
            arb_one(s11);
            arb_set_si(s22, 4);
            arb_set_si(s12, j == 0 ? 2 : (j == 1 ? -2 : 0));
            assert_int_equal(ntk_gauss_expect2(q, act, 0, s11, s12, s22, 64),
                             NTK_SUCCESS);
            assert_int_equal(ntk_act_kernel_closed(c, act, 0, s11, s12, s22, 256),
                             NTK_SUCCESS);
            check_encloses(q, c, names[i]);
        }
    }
    ntk_act_clear(act);
    arb_clear(s11); arb_clear(s12); arb_clear(s22); arb_clear(q); arb_clear(c);
}

static void
test_expect1_moments(void **state)
{
    ntk_act_t act;
    arb_t q, r, t, u;
    slong o00[2] = {0, 0}, o01[2] = {0, 1}, o0[1] = {0}, o11[2] = {1, 1};
    slong prec = 128;
    (void) state;
    ntk_act_init(act);
    arb_init(q); arb_init(r); arb_init(t); arb_init(u);
    arb_set_ui(q, 7);
    arb_div_ui(q, q, 5, prec);                   /* q = 1.4 */

    set_act(act, "relu");                        /* E[relu^2] = q/2 */
    assert_int_equal(ntk_gauss_expect1(r, act, o00, 2, 0, q, prec), NTK_SUCCESS);
    arb_mul_2exp_si(t, q, -1);
    check_encloses(r, t, "E relu^2");
    check_accuracy(r, prec - 10, "E relu^2");
    /* E[Z relu(sqrt q Z) relu'(sqrt q Z)] = sqrt(q)/2 */
    assert_int_equal(ntk_gauss_expect1(r, act, o01, 2, 1, q, prec), NTK_SUCCESS);
    arb_sqrt(t, q, prec);
    arb_mul_2exp_si(t, t, -1);
    check_encloses(r, t, "E Z relu relu'");
    /* E[relu'^2] = 1/2 */
    assert_int_equal(ntk_gauss_expect1(r, act, o11, 2, 0, q, prec), NTK_SUCCESS);
    arb_set_d(t, 0.5);
    check_encloses(r, t, "E relu'^2");

    set_act(act, "tanh");                        /* E[tanh] = 0 by symmetry */
    assert_int_equal(ntk_gauss_expect1(r, act, o0, 1, 0, q, prec), NTK_SUCCESS);
    assert_true(arb_contains_zero(r));
    assert_true(mag_cmp_2exp_si(arb_radref(r), -prec + 8) < 0);

    set_act(act, "erf");         /* E[erf^2] = (2/pi) asin(2q/(1+2q)) */
    assert_int_equal(ntk_gauss_expect1(r, act, o00, 2, 0, q, prec), NTK_SUCCESS);
    arb_mul_2exp_si(t, q, 1);
    arb_add_ui(u, t, 1, prec);
    arb_div(t, t, u, prec);
    arb_asin(t, t, prec);
    arb_const_pi(u, prec);
    arb_div(t, t, u, prec);
    arb_mul_2exp_si(t, t, 1);
    check_encloses(r, t, "E erf^2");
    check_accuracy(r, prec - 10, "E erf^2");

    set_act(act, "sin");                         /* E[sin^2] = (1 - e^{-2q})/2 */
    assert_int_equal(ntk_gauss_expect1(r, act, o00, 2, 0, q, prec), NTK_SUCCESS);
    arb_mul_si(t, q, -2, prec);
    arb_expm1(t, t, prec);
    arb_neg(t, t);
    arb_mul_2exp_si(t, t, -1);
    check_encloses(r, t, "E sin^2");

    ntk_act_clear(act);
    arb_clear(q); arb_clear(r); arb_clear(t); arb_clear(u);
}

/* Price coefficients of sin and erf: closed forms
 *   sin: E[sin^(k)(sqrt q Z)^2] = (1 -+ e^{-2q})/2 (k even / odd)
 *   erf: k = 1: (4/pi) / sqrt(1 + 4q) */
static void
price_sin(slong len, slong prec)
{
    ntk_act_t act;
    arb_t q, t, e;
    arb_ptr r = _arb_vec_init(len);
    slong k;
    char what[64];
    ntk_act_init(act);
    arb_init(q); arb_init(t); arb_init(e);
    set_act(act, "sin");
    arb_set_ui(q, 3);
    arb_div_ui(q, q, 4, prec);
    assert_int_equal(ntk_gauss_price(r, act, q, len, prec), NTK_SUCCESS);
    arb_mul_si(e, q, -2, prec);
    arb_exp(e, e, prec);
    for (k = 0; k < len; k++)
    {
        if (k % 2 == 0)
            arb_sub_ui(t, e, 1, prec), arb_neg(t, t);
        else
            arb_add_ui(t, e, 1, prec);
        arb_mul_2exp_si(t, t, -1);
        snprintf(what, sizeof what, "price sin k=%ld prec=%ld", (long) k, (long) prec);
        check_encloses(r + k, t, what);
        check_accuracy(r + k, prec - 12, what);
    }
    _arb_vec_clear(r, len);
    ntk_act_clear(act);
    arb_clear(q); arb_clear(t); arb_clear(e);
}

/* a small variance: the strip (r - rho)/sqrt(q) is huge and the
   trapezoidal bound must use a narrower one (proofs/tails.md, Lemma Q1,
   remark); sin against its closed form at every order, tanh against the
   adaptive one-dimensional integrals of expect1 (another method) */
static void
test_price_small_q(void **state)
{
    ntk_act_t act;
    arb_t q, t, e;
    slong len = 24, prec = 128, k;
    arb_ptr r = _arb_vec_init(len);
    char what[64];
    (void) state;
    ntk_act_init(act);
    arb_init(q); arb_init(t); arb_init(e);

    set_act(act, "sin");
    arb_one(q);
    arb_mul_2exp_si(q, q, -40);
    assert_int_equal(ntk_gauss_price(r, act, q, len, prec), NTK_SUCCESS);
    arb_mul_si(e, q, -2, prec);
    arb_expm1(e, e, prec);                 /* e^{-2q} - 1, no cancellation */
    for (k = 0; k < len; k++)
    {
        if (k % 2 == 0)
            arb_neg(t, e);                     /* 1 - e^{-2q} */
        else
            arb_add_ui(t, e, 2, prec);         /* 1 + e^{-2q} */
        arb_mul_2exp_si(t, t, -1);
        snprintf(what, sizeof what, "price sin q=2^-40 k=%ld", (long) k);
        check_encloses(r + k, t, what);
        check_accuracy(r + k, prec - 12, what);
    }

    set_act(act, "tanh");
    arb_one(q);
    arb_mul_2exp_si(q, q, -34);
    len = 6;
    assert_int_equal(ntk_gauss_price(r, act, q, len, prec), NTK_SUCCESS);
    for (k = 0; k < len; k++)
    {
        slong ord[2];
        ord[0] = ord[1] = k;
        assert_int_equal(ntk_gauss_expect1(t, act, ord, 2, 0, q, prec), NTK_SUCCESS);
        snprintf(what, sizeof what, "price tanh q=2^-34 k=%ld", (long) k);
        check_overlaps(r + k, t, what);
        check_accuracy(r + k, prec - 12, what);
    }
    _arb_vec_clear(r, 24);
    ntk_act_clear(act);
    arb_clear(q); arb_clear(t); arb_clear(e);
}

static void
test_price(void **state)
{
    ntk_act_t act;
    arb_t q, t, u;
    arb_ptr r = _arb_vec_init(3);
    slong prec = 128;
    (void) state;

    price_sin(12, 128);
    if (slow)
    {
        price_sin(40, 256);
        price_sin(60, 400);
    }

    ntk_act_init(act);
    arb_init(q); arb_init(t); arb_init(u);
    set_act(act, "erf");
    arb_set_ui(q, 5);
    arb_div_ui(q, q, 4, prec);
    assert_int_equal(ntk_gauss_price(r, act, q, 3, prec), NTK_SUCCESS);
    arb_mul_2exp_si(t, q, 2);
    arb_add_ui(t, t, 1, prec);
    arb_rsqrt(t, t, prec);
    arb_const_pi(u, prec);
    arb_div(t, t, u, prec);
    arb_mul_2exp_si(t, t, 2);
    check_encloses(r + 1, t, "price erf k=1");
    /* k = 0 against expect1 is the same method; against the closed form: */
    arb_mul_2exp_si(t, q, 1);
    arb_add_ui(u, t, 1, prec);
    arb_div(t, t, u, prec);
    arb_asin(t, t, prec);
    arb_const_pi(u, prec);
    arb_div(t, t, u, prec);
    arb_mul_2exp_si(t, t, 1);
    check_encloses(r, t, "price erf k=0");

    /* piecewise: relu [q/2, 1/2] and the smoothness limit */
    set_act(act, "relu");
    assert_int_equal(ntk_gauss_price(r, act, q, 2, prec), NTK_SUCCESS);
    arb_mul_2exp_si(t, q, -1);
    check_encloses(r, t, "price relu k=0");
    arb_set_d(t, 0.5);
    check_encloses(r + 1, t, "price relu k=1");
    assert_int_equal(ntk_gauss_price(r, act, q, 3, prec), NTK_DOMAIN);

    ntk_act_clear(act);
    _arb_vec_clear(r, 3);
    arb_clear(q); arb_clear(t); arb_clear(u);
}

/* Price's identity: dN/ds12 = E[phi'(u) phi'(v)].  By the mean-value
 * theorem (N(s+h) - N(s-h)) / (2h) = D(xi) for some xi in [s-h, s+h], and
 * expect2(deriv 1) with s12 the ball [s-h, s+h] encloses D there. */
static void
price_identity(const char *name, double s11d, double s12d, double s22d,
               slong prec)
{
    ntk_act_t act;
    arb_t s11, s12, s22, sp, sm, h, np, nm, dq, D;
    ntk_act_init(act);
    arb_init(s11); arb_init(s12); arb_init(s22); arb_init(sp); arb_init(sm);
    arb_init(h); arb_init(np); arb_init(nm); arb_init(dq); arb_init(D);
    set_act(act, name);
    arb_set_d(s11, s11d); arb_set_d(s12, s12d); arb_set_d(s22, s22d);
    arb_one(h);
    arb_mul_2exp_si(h, h, -24);
    arb_add(sp, s12, h, prec);
    arb_sub(sm, s12, h, prec);
    assert_int_equal(ntk_gauss_expect2(np, act, 0, s11, sp, s22, prec), NTK_SUCCESS);
    assert_int_equal(ntk_gauss_expect2(nm, act, 0, s11, sm, s22, prec), NTK_SUCCESS);
    arb_sub(dq, np, nm, prec);
    arb_div(dq, dq, h, prec);
    arb_mul_2exp_si(dq, dq, -1);
    /* s12 ball [s - h, s + h] */
    arb_set(sp, s12);
    mag_set_ui_2exp_si(arb_radref(sp), 1, -24);
    assert_int_equal(ntk_gauss_expect2(D, act, 1, s11, sp, s22, prec), NTK_SUCCESS);
    if (!arb_overlaps(dq, D))
    {
        printf("Price identity fails for %s: quotient ", name);
        arb_printd(dq, 20);
        printf(" vs D ");
        arb_printd(D, 20);
        printf("\n");
        fail();
    }
    /* and the test is not vacuous */
    assert_true(arb_rel_accuracy_bits(D) > 15);
    assert_true(arb_rel_accuracy_bits(dq) > 30);
    ntk_act_clear(act);
    arb_clear(s11); arb_clear(s12); arb_clear(s22); arb_clear(sp); arb_clear(sm);
    arb_clear(h); arb_clear(np); arb_clear(nm); arb_clear(dq); arb_clear(D);
}

static void
test_price_identity(void **state)
{
    (void) state;
    price_identity("tanh", 1.2, 0.5, 0.8, 128);
    price_identity("silu", 0.7, -0.3, 1.5, 128);
    if (slow)
    {
        price_identity("softplus", 1.0, 0.6, 1.0, 128);
        price_identity("elu", 1.0, 0.3, 0.9, 96);
    }
}

static void
test_symmetry_precision(void **state)
{
    ntk_act_t act;
    arb_t s11, s12, s22, a, b, c;
    (void) state;
    ntk_act_init(act);
    arb_init(s11); arb_init(s12); arb_init(s22); arb_init(a); arb_init(b);
    arb_init(c);
    set_act(act, "tanh");
    arb_set_d(s11, 0.6); arb_set_d(s12, 0.45); arb_set_d(s22, 2.1);
    assert_int_equal(ntk_gauss_expect2(a, act, 0, s11, s12, s22, 128), NTK_SUCCESS);
    assert_int_equal(ntk_gauss_expect2(b, act, 0, s22, s12, s11, 128), NTK_SUCCESS);
    assert_true(arb_overlaps(a, b));
    check_accuracy(a, 110, "tanh 128");
    assert_int_equal(ntk_gauss_expect2(b, act, 0, s11, s12, s22, 64), NTK_SUCCESS);
    assert_int_equal(ntk_gauss_expect2(c, act, 0, s11, s12, s22, 256), NTK_SUCCESS);
    assert_true(arb_overlaps(a, b));
    assert_true(arb_overlaps(a, c));
    assert_true(arb_overlaps(b, c));
    check_accuracy(c, 240, "tanh 256");
    /* wide input ball: the enclosure must contain the point results */
    mag_set_d(arb_radref(s12), 1e-3);
    assert_int_equal(ntk_gauss_expect2(b, act, 0, s11, s12, s22, 64), NTK_SUCCESS);
    assert_true(arb_contains(b, a) || arb_overlaps(b, a));
    ntk_act_clear(act);
    arb_clear(s11); arb_clear(s12); arb_clear(s22); arb_clear(a); arb_clear(b);
    arb_clear(c);
}

static void
eps_check(const char *name, double q_d, int e10, slong prec)
{
    ntk_act_t act;
    arb_t q, eps, r, t;
    char what[128];
    ntk_act_init(act);
    arb_init(q); arb_init(eps); arb_init(r); arb_init(t);
    set_act(act, name);
    arb_set_d(q, q_d);
    arb_one(eps);
    for (int i = 0; i < e10; i++)
        arb_div_ui(eps, eps, 10, 2 * prec);
    snprintf(what, sizeof what, "eps form %s eps=1e-%d prec=%ld", name, e10,
             (long) prec);
    assert_int_equal(ntk_gauss_expect2_eps(r, act, q, eps, prec), NTK_SUCCESS);
    assert_int_equal(ntk_act_kernel_closed_eps(t, act, 0, q, eps, 2 * prec + 64),
                     NTK_SUCCESS);
    check_encloses(r, t, what);
    check_accuracy(r, prec - 16, what);
    ntk_act_clear(act);
    arb_clear(q); arb_clear(eps); arb_clear(r); arb_clear(t);
}

static void
test_eps_form(void **state)
{
    (void) state;
    eps_check("sin", 0.9, 1, 64);
    eps_check("erf", 1.3, 3, 64);
    eps_check("relu", 1.0, 1, 53);
    eps_check("relu", 2.0, 15, 64);
    eps_check("step", 0.5, 12, 64);
    eps_check("sin", 0.9, 15, 64);
    if (slow)
    {
        eps_check("erf", 0.5, 12, 64);
        eps_check("gelu", 1.5, 6, 64);
        eps_check("abs", 0.7, 9, 64);
        eps_check("leaky_relu:0.1", 1.2, 4, 64);
        eps_check("relu", 1.0, 1, 128);
    }
}

/* tanh: eps form against the direct difference at 4x precision */
static void
test_eps_tanh(void **state)
{
    ntk_act_t act;
    arb_t q, eps, c, r, a, b, one;
    slong o00[2] = {0, 0}, prec = 64, hp = 256;
    (void) state;
    ntk_act_init(act);
    arb_init(q); arb_init(eps); arb_init(c); arb_init(r); arb_init(a);
    arb_init(b); arb_init(one);
    set_act(act, "tanh");
    arb_set_d(q, 0.8);
    arb_set_d(eps, slow ? 1e-9 : 1e-3);
    assert_int_equal(ntk_gauss_expect2_eps(r, act, q, eps, prec), NTK_SUCCESS);
    check_accuracy(r, prec - 16, "eps tanh");
    arb_one(one);
    arb_sub(c, one, eps, hp);
    arb_mul(c, c, q, hp);
    assert_int_equal(ntk_gauss_expect1(a, act, o00, 2, 0, q, hp), NTK_SUCCESS);
    assert_int_equal(ntk_gauss_expect2(b, act, 0, q, c, q, hp), NTK_SUCCESS);
    arb_sub(a, a, b, hp);
    check_encloses(r, a, "eps tanh vs direct difference at 4x precision");
    ntk_act_clear(act);
    arb_clear(q); arb_clear(eps); arb_clear(c); arb_clear(r); arb_clear(a);
    arb_clear(b); arb_clear(one);
}

/* elu (no closed form): eps form against the direct difference of the two
   expectations at 3x precision (slow) */
static void
test_eps_elu(void **state)
{
    ntk_act_t act;
    arb_t q, eps, c, r, a, b, one;
    slong o00[2] = {0, 0}, prec = 40, hp = 120;
    (void) state;
    if (!slow)
        return;
    ntk_act_init(act);
    arb_init(q); arb_init(eps); arb_init(c); arb_init(r); arb_init(a);
    arb_init(b); arb_init(one);
    set_act(act, "elu");
    arb_set_d(q, 1.1);
    arb_set_d(eps, 1e-3);
    assert_int_equal(ntk_gauss_expect2_eps(r, act, q, eps, prec), NTK_SUCCESS);
    check_accuracy(r, prec - 16, "eps elu");
    arb_one(one);
    arb_sub(c, one, eps, hp);
    arb_mul(c, c, q, hp);
    assert_int_equal(ntk_gauss_expect1(a, act, o00, 2, 0, q, hp), NTK_SUCCESS);
    assert_int_equal(ntk_gauss_expect2(b, act, 0, q, c, q, hp), NTK_SUCCESS);
    arb_sub(a, a, b, hp);
    check_encloses(r, a, "eps elu vs direct difference at 3x precision");
    ntk_act_clear(act);
    arb_clear(q); arb_clear(eps); arb_clear(c); arb_clear(r); arb_clear(a);
    arb_clear(b); arb_clear(one);
}

static void
test_domain(void **state)
{
    ntk_act_t act;
    arb_t q, r, one, two;
    slong o2[1] = {2};
    arb_ptr v = _arb_vec_init(3);
    (void) state;
    ntk_act_init(act);
    arb_init(q); arb_init(r); arb_init(one); arb_init(two);
    arb_one(one);
    arb_set_si(two, 2);
    set_act(act, "step");
    assert_int_equal(ntk_gauss_expect2(r, act, 1, one, one, one, 64), NTK_DOMAIN);
    set_act(act, "relu");
    assert_int_equal(ntk_gauss_expect1(r, act, o2, 1, 0, one, 64), NTK_DOMAIN);
    arb_set_si(q, -1);
    assert_int_equal(ntk_gauss_expect1(r, act, o2, 0, 0, q, 64), NTK_DOMAIN);
    assert_int_equal(ntk_gauss_price(v, act, one, 3, 64), NTK_DOMAIN);
    /* not PSD: s12 = 2 > sqrt(1 * 1) */
    assert_int_equal(ntk_gauss_expect2(r, act, 0, one, two, one, 64), NTK_DOMAIN);
    arb_set_si(q, 3);
    assert_int_equal(ntk_gauss_expect2_eps(r, act, one, q, 64), NTK_DOMAIN);
    ntk_act_clear(act);
    _arb_vec_clear(v, 3);
    arb_clear(q); arb_clear(r); arb_clear(one); arb_clear(two);
}

/*
 * Inputs given as balls (as q* from a root solve is): the refinement loops
 * stop once more nodes or bits cannot narrow the result, which must still
 * leave it as accurate as the input radius allows.  Truth: the act
 * module's closed forms (erf, gelu) at the centre of the ball; the
 * supplied-e2 variant is checked against the same truth.
 */
static void
ball_check(const char *name, double q_d, double eps_d, slong prec, slong qbits)
{
    ntk_act_t act;
    arb_t q, eps, r, t, e2, s12;
    slong o00[2] = {0, 0}, lost, d;
    char what[160];
    ntk_act_init(act);
    arb_init(q); arb_init(eps); arb_init(r); arb_init(t); arb_init(e2);
    arb_init(s12);
    set_act(act, name);
    arb_set_d(q, q_d);
    arb_set_d(eps, eps_d);
    /* radius 2^-qbits relative: the result cannot be more accurate than
       about qbits - log2(1/eps) bits (cancellation in the eps form) */
    if (qbits > 0)
        mag_set_ui_2exp_si(arb_radref(q), 1, -qbits);
    lost = (slong) ceil(log2(1.0 / eps_d)) + 12;
    snprintf(what, sizeof what, "eps form %s q=%g+-2^-%ld eps=%g prec=%ld",
             name, q_d, (long) qbits, eps_d, (long) prec);
    assert_int_equal(ntk_gauss_expect1(e2, act, o00, 2, 0, q, prec + 64),
                     NTK_SUCCESS);
    arb_set_arf(s12, arb_midref(q));
    assert_int_equal(ntk_act_kernel_closed_eps(t, act, 0, s12, eps, 2 * prec),
                     NTK_SUCCESS);
    for (int given = 0; given <= 1; given++)
    {
        assert_int_equal(ntk_gauss_expect2_eps_e2(r, act, q, eps,
                                                  given ? e2 : NULL, prec),
                         NTK_SUCCESS);
        check_encloses(r, t, what);
        check_accuracy(r, FLINT_MIN(prec, qbits > 0 ? qbits : prec) - lost,
                       what);
    }
    /* the 2D kernels themselves (deriv 0, 1) on the same balls */
    arb_mul(s12, q, eps, prec);
    arb_sub(s12, q, s12, prec);
    for (d = 0; d <= 1; d++)
    {
        arb_t mq, ms12;
        arb_init(mq); arb_init(ms12);
        snprintf(what, sizeof what, "kernel %s deriv %ld q=%g+-2^-%ld eps=%g",
                 name, (long) d, q_d, (long) qbits, eps_d);
        assert_int_equal(ntk_gauss_expect2(r, act, (int) d, q, s12, q, prec),
                         NTK_SUCCESS);
        arb_set_arf(mq, arb_midref(q));
        arb_mul(ms12, mq, eps, 2 * prec);
        arb_sub(ms12, mq, ms12, 2 * prec);
        assert_int_equal(ntk_act_kernel_closed(t, act, (int) d, mq, ms12, mq,
                                               2 * prec), NTK_SUCCESS);
        check_encloses(r, t, what);
        check_accuracy(r, FLINT_MIN(prec, qbits > 0 ? qbits : prec) - 12,
                       what);
        arb_clear(mq); arb_clear(ms12);
    }
    ntk_act_clear(act);
    arb_clear(q); arb_clear(eps); arb_clear(r); arb_clear(t); arb_clear(e2);
    arb_clear(s12);
}

static void
test_input_balls(void **state)
{
    (void) state;
    ball_check("erf", 0.7, 0.3, 128, 0);      /* exact input: full accuracy */
    ball_check("erf", 0.7, 0.3, 128, 110);    /* input-limited */
    ball_check("gelu", 1.2, 0.05, 128, 115);
    if (slow)
    {
        ball_check("erf", 0.4, 0.01, 192, 170);
        ball_check("gelu", 0.9, 0.5, 96, 0);
    }
}

int
main(void)
{
    const char *e = getenv("NTK_GAUSS_SLOW");
    slow = (e != NULL && strcmp(e, "1") == 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_domain),
        cmocka_unit_test(test_expect1_moments),
        cmocka_unit_test(test_price),
        cmocka_unit_test(test_price_small_q),
        cmocka_unit_test(test_expect2_smooth_closed),
        cmocka_unit_test(test_expect2_edges),
        cmocka_unit_test(test_symmetry_precision),
        cmocka_unit_test(test_price_identity),
        cmocka_unit_test(test_eps_form),
        cmocka_unit_test(test_eps_tanh),
        cmocka_unit_test(test_eps_elu),
        cmocka_unit_test(test_expect2_piecewise_closed),
        cmocka_unit_test(test_input_balls),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return r;
}
