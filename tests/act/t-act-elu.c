/* ELU / SELU closed-form kernels (src/act/elu.c, selu.c, owent.c) against
 * independent truth:
 *  - Owen's T: special values T(0, a) = atan(a)/(2 pi), T(h, 1) =
 *    Phi(h)(1 - Phi(h))/2, T(h, 0) = 0, and the defining integral computed
 *    here by acb_calc_integrate (series, integral and reflection branches);
 *  - the certified quadrature path ntk_gauss_expect2 / _expect2_eps at
 *    random covariances and eps (fixed seed, printed on failure);
 *  - c = 0: factorisation E[phi(u)] E[phi(v)] with the 1D closed forms
 *    E phi(u) = L sigma/sqrt(2 pi) + M (e^(s/2) Q(sigma) - 1/2),
 *    E phi'(u) = L/2 + M e^(s/2) Q(sigma);
 *  - c = 1: E[phi^2], E[phi'^2] by 1D quadrature (ntk_gauss_expect1);
 *  - Price: (K0(s12 + h) - K0(s12)) / h lies in K1 on [s12, s12 + h];
 *  - the eps form against the direct difference at 4x precision for
 *    eps = 3 * 2^-k down to 1e-30, with relative radius ~ 2^-prec. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <math.h>
#include <string.h>
#include "ntkdepth.h"
#include "../../src/act/act_impl.h"

#define SEED 20261123UL

static const char *names[] = {"elu", "elu:0.5", "selu"};
#define NNAMES 3

static void
set_act(ntk_act_t a, const char *name)
{
    if (ntk_act_set_str(a, name) != NTK_SUCCESS)
        fail_msg("parse %s: %s", name, ntk_error_last());
}

static void
expect_overlap(const arb_t x, const arb_t y, const char *what, const char *name)
{
    if (!arb_overlaps(x, y) || !arb_is_finite(x))
    {
        printf("%s %s: ", name, what);
        arb_printn(x, 30, 0);
        printf(" vs ");
        arb_printn(y, 30, 0);
        printf(" (seed %lu)\n", SEED);
        fail_msg("%s: %s", name, what);
    }
}

static void
expect_rel(const arb_t x, double rel, const char *what, const char *name)
{
    mag_t r, m;
    mag_init(r);
    mag_init(m);
    arb_get_mag_lower(m, x);
    mag_set(r, arb_radref(x));
    if (mag_is_zero(m) || mag_get_d(r) > rel * mag_get_d(m))
    {
        printf("%s %s: ", name, what);
        arb_printn(x, 30, 0);
        printf(" not relatively accurate to %g (seed %lu)\n", rel, SEED);
        fail_msg("%s: %s", name, what);
    }
    mag_clear(r);
    mag_clear(m);
}

static double
rnd(flint_rand_t rs, double lo, double hi)
{
    return lo + (hi - lo) * (double) n_randint(rs, 1u << 30) / (double) (1u << 30);
}

static void
lm(arb_t L, arb_t M, const ntk_act_t a, slong prec)
{
    if (a->kind == NTK_ACT_SELU)
    {
        arb_set_fmpq(L, a->lambda, prec);
        arb_set_fmpq(M, a->alpha, prec);
        arb_mul(M, M, L, prec);
    }
    else
    {
        arb_one(L);
        arb_set_fmpq(M, a->alpha, prec);
    }
}

static void
kern_ok(arb_t r, const ntk_act_t a, int d, const arb_t s11, const arb_t s12,
        const arb_t s22, slong prec)
{
    if (ntk_act_kernel_closed(r, a, d, s11, s12, s22, prec) != NTK_SUCCESS)
        fail_msg("%s deriv %d: %s", a->name, d, ntk_error_last());
}

/* ---- Owen's T ------------------------------------------------------- */

static int
tint(acb_ptr out, const acb_t z, void *param, slong order, slong prec)
{
    const arb_struct *h = param;
    acb_t w, e;
    (void) order;
    acb_init(w);
    acb_init(e);
    acb_sqr(w, z, prec);
    acb_add_ui(w, w, 1, prec);
    acb_mul_arb(e, w, h, prec);
    acb_mul_arb(e, e, h, prec);
    acb_mul_2exp_si(e, e, -1);
    acb_neg(e, e);
    acb_exp(e, e, prec);
    acb_div(out, e, w, prec);
    acb_clear(w);
    acb_clear(e);
    return 0;
}

static void
t_owent_ref(arb_t res, const arb_t h, const arb_t a, slong prec)
{
    acb_t r, lo, hi;
    mag_t tol;
    acb_init(r);
    acb_init(lo);
    acb_init(hi);
    mag_init(tol);
    mag_set_ui_2exp_si(tol, 1, -prec - 20);
    acb_set_arb(hi, a);
    acb_calc_integrate(r, tint, (void *) h, lo, hi, prec, tol, NULL, prec);
    arb_const_pi(res, prec);
    arb_mul_2exp_si(res, res, 1);
    arb_div(res, acb_realref(r), res, prec);
    acb_clear(r);
    acb_clear(lo);
    acb_clear(hi);
    mag_clear(tol);
}

static void
test_owent(void **state)
{
    static const double hs[] = {0.0, 0.3, -1.1, 2.5, 5.0};
    static const double as[] = {0.0, 0.01, -0.3, 0.49, 0.7, 1.0, -1.9, 3.0, 40.0};
    arb_t h, a, t, r, u;
    slong prec = 128;
    size_t i, j;
    (void) state;
    arb_init(h);
    arb_init(a);
    arb_init(t);
    arb_init(r);
    arb_init(u);
    for (i = 0; i < sizeof(hs) / sizeof(hs[0]); i++)
        for (j = 0; j < sizeof(as) / sizeof(as[0]); j++)
        {
            char what[64];
            arb_set_d(h, hs[i]);
            arb_set_d(a, as[j]);
            snprintf(what, sizeof(what), "T(%g, %g)", hs[i], as[j]);
            _ntk_act_owent(t, h, a, prec);
            if (as[j] != 0)
                expect_rel(t, 1e-30, what, "owent");
            if (as[j] == 0)
                arb_zero(r);
            else if (hs[i] == 0)
            {
                arb_atan(r, a, prec);
                arb_const_pi(u, prec);
                arb_mul_2exp_si(u, u, 1);
                arb_div(r, r, u, prec);
            }
            else if (as[j] == 1)
            {
                _ntk_act_normal_cdf(r, h, prec);
                _ntk_act_normal_sf(u, h, prec);
                arb_mul(r, r, u, prec);
                arb_mul_2exp_si(r, r, -1);
            }
            else
                t_owent_ref(r, h, a, prec);
            expect_overlap(t, r, what, "owent");
            /* the (G, H) form: T(G, H/G) */
            if (hs[i] > 0)
            {
                arb_mul(u, a, h, prec);
                _ntk_act_owent_gh(r, h, u, prec);
                expect_overlap(r, t, what, "owent_gh");
            }
        }
    /* the G = 0 limit sgn(H)/4 */
    arb_zero(h);
    arb_set_d(a, -0.75);
    _ntk_act_owent_gh(t, h, a, prec);
    arb_set_d(r, -0.25);
    expect_overlap(t, r, "T(0+, -inf)", "owent_gh");
    arb_clear(h);
    arb_clear(a);
    arb_clear(t);
    arb_clear(r);
    arb_clear(u);
}

/* ---- kernels vs quadrature ------------------------------------------ */

static void
test_vs_quad(void **state)
{
    flint_rand_t rs;
    arb_t s11, s12, s22, k, g;
    int i, d, n;
    (void) state;
    flint_rand_init(rs);
    flint_rand_set_seed(rs, SEED, SEED ^ 0x5bd1e995UL);
    arb_init(s11);
    arb_init(s12);
    arb_init(s22);
    arb_init(k);
    arb_init(g);
    for (i = 0; i < NNAMES; i++)
    {
        ntk_act_t a;
        ntk_act_init(a);
        set_act(a, names[i]);
        assert_true(ntk_act_has_closed_form(a));
        if (i == 1)
            continue;       /* elu:0.5 is covered by the eps test below */
        for (n = 0; n < 1; n++)
        {
            double x = rnd(rs, 0.2, 3.0), y = rnd(rs, 0.2, 3.0);
            double c = rnd(rs, -0.95, 0.95);
            arb_set_d(s11, x);
            arb_set_d(s22, y);
            arb_set_d(s12, c * sqrt(x * y));
            for (d = 0; d < 2; d++)
            {
                if (ntk_act_kernel_closed(k, a, d, s11, s12, s22, 128) != NTK_SUCCESS)
                    fail_msg("%s: %s", names[i], ntk_error_last());
                expect_rel(k, 1e-30, "closed kernel accuracy", names[i]);
                if (ntk_gauss_expect2(g, a, d, s11, s12, s22, 64) != NTK_SUCCESS)
                    fail_msg("%s quad: %s", names[i], ntk_error_last());
                expect_overlap(k, g, d ? "K1 vs quadrature" : "K0 vs quadrature", names[i]);
            }
        }
        ntk_act_clear(a);
    }
    arb_clear(s11);
    arb_clear(s12);
    arb_clear(s22);
    arb_clear(k);
    arb_clear(g);
    flint_rand_clear(rs);
}

static void
test_eps_vs_quad(void **state)
{
    static const double es[] = {0.25, 1.6};
    arb_t q, e, k, g;
    int i, j;
    (void) state;
    arb_init(q);
    arb_init(e);
    arb_init(k);
    arb_init(g);
    for (i = 0; i < NNAMES; i++)
    {
        ntk_act_t a;
        ntk_act_init(a);
        set_act(a, names[i]);
        for (j = 0; j < 2; j++)
        {
            if ((i == 0 && j != 0) || (i == 1 && j != 1) || i == 2)
                continue;
            arb_set_d(q, 0.3 + 0.9 * j + 0.2 * i);
            arb_set_d(e, es[j]);
            if (ntk_act_kernel_closed_eps(k, a, 0, q, e, 128) != NTK_SUCCESS)
                fail_msg("%s: %s", names[i], ntk_error_last());
            expect_rel(k, 1e-30, "eps form accuracy", names[i]);
            if (ntk_gauss_expect2_eps(g, a, q, e, 64) != NTK_SUCCESS)
                fail_msg("%s quad eps: %s", names[i], ntk_error_last());
            expect_overlap(k, g, "Delta0 vs quadrature", names[i]);
        }
        ntk_act_clear(a);
    }
    arb_clear(q);
    arb_clear(e);
    arb_clear(k);
    arb_clear(g);
}

/* ---- c = 0 and c = 1 ------------------------------------------------ */

static void
mean1(arb_t m0, arb_t m1, const ntk_act_t a, const arb_t s, slong prec)
{
    arb_t L, M, sg, t, u;
    arb_init(L);
    arb_init(M);
    arb_init(sg);
    arb_init(t);
    arb_init(u);
    lm(L, M, a, prec);
    arb_sqrt(sg, s, prec);
    /* e^(s/2) Q(sigma) */
    _ntk_act_normal_sf(t, sg, prec);
    arb_mul_2exp_si(u, s, -1);
    arb_exp(u, u, prec);
    arb_mul(t, t, u, prec);
    arb_mul(m1, t, M, prec);
    arb_mul_2exp_si(u, L, -1);
    arb_add(m1, m1, u, prec);
    arb_set_d(u, 0.5);
    arb_sub(t, t, u, prec);
    arb_mul(m0, t, M, prec);
    arb_const_pi(u, prec);
    arb_mul_2exp_si(u, u, 1);
    arb_rsqrt(u, u, prec);
    arb_mul(u, u, sg, prec);
    arb_addmul(m0, u, L, prec);
    arb_clear(L);
    arb_clear(M);
    arb_clear(sg);
    arb_clear(t);
    arb_clear(u);
}

static void
test_c0_c1(void **state)
{
    arb_t s11, s22, z, k, m0, m1, n0, n1, r;
    int i;
    slong prec = 128;
    (void) state;
    arb_init(s11);
    arb_init(s22);
    arb_init(z);
    arb_init(k);
    arb_init(m0);
    arb_init(m1);
    arb_init(n0);
    arb_init(n1);
    arb_init(r);
    for (i = 0; i < NNAMES; i++)
    {
        ntk_act_t a;
        slong ord[2];
        ntk_act_init(a);
        set_act(a, names[i]);
        arb_set_d(s11, 0.8 + 0.5 * i);
        arb_set_d(s22, 2.1 - 0.3 * i);
        mean1(m0, m1, a, s11, prec);
        mean1(n0, n1, a, s22, prec);
        ntk_act_kernel_closed(k, a, 0, s11, z, s22, prec);
        arb_mul(r, m0, n0, prec);
        expect_overlap(k, r, "c = 0 factorisation K0", names[i]);
        expect_rel(k, 1e-30, "c = 0 K0 accuracy", names[i]);
        ntk_act_kernel_closed(k, a, 1, s11, z, s22, prec);
        arb_mul(r, m1, n1, prec);
        expect_overlap(k, r, "c = 0 factorisation K1", names[i]);
        /* c = 1: 1D quadrature of phi^2 and phi'^2 */
        ntk_act_kernel_closed(k, a, 0, s11, s11, s11, prec);
        ord[0] = ord[1] = 0;
        if (ntk_gauss_expect1(r, a, ord, 2, 0, s11, 96) != NTK_SUCCESS)
            fail_msg("expect1: %s", ntk_error_last());
        expect_overlap(k, r, "c = 1 E phi^2", names[i]);
        ntk_act_kernel_closed(k, a, 1, s11, s11, s11, prec);
        ord[0] = ord[1] = 1;
        if (ntk_gauss_expect1(r, a, ord, 2, 0, s11, 96) != NTK_SUCCESS)
            fail_msg("expect1: %s", ntk_error_last());
        expect_overlap(k, r, "c = 1 E phi'^2", names[i]);
        /* c = -1 is finite */
        arb_neg(z, s11);
        if (ntk_act_kernel_closed(k, a, 0, s11, z, s11, prec) != NTK_SUCCESS
            || !arb_is_finite(k))
            fail_msg("%s: c = -1 failed", names[i]);
        arb_zero(z);
        ntk_act_clear(a);
    }
    arb_clear(s11);
    arb_clear(s22);
    arb_clear(z);
    arb_clear(k);
    arb_clear(m0);
    arb_clear(m1);
    arb_clear(n0);
    arb_clear(n1);
    arb_clear(r);
}

/* ---- Price's identity -------------------------------------------------- */

static void
test_price(void **state)
{
    flint_rand_t rs;
    arb_t s11, s12, s22, s12h, h, k0a, k0b, k1, dq;
    int i, n;
    slong prec = 192;
    (void) state;
    flint_rand_init(rs);
    flint_rand_set_seed(rs, SEED + 1, SEED);
    arb_init(s11);
    arb_init(s12);
    arb_init(s22);
    arb_init(s12h);
    arb_init(h);
    arb_init(k0a);
    arb_init(k0b);
    arb_init(k1);
    arb_init(dq);
    for (i = 0; i < NNAMES; i++)
    {
        ntk_act_t a;
        ntk_act_init(a);
        set_act(a, names[i]);
        for (n = 0; n < 3; n++)
        {
            double x = rnd(rs, 0.3, 2.5), y = rnd(rs, 0.3, 2.5);
            double c = rnd(rs, -0.9, 0.9);
            arb_set_d(s11, x);
            arb_set_d(s22, y);
            arb_set_d(s12, c * sqrt(x * y));
            arb_one(h);
            arb_mul_2exp_si(h, h, -40);
            arb_add(s12h, s12, h, prec);
            ntk_act_kernel_closed(k0a, a, 0, s11, s12, s22, prec);
            ntk_act_kernel_closed(k0b, a, 0, s11, s12h, s22, prec);
            arb_sub(dq, k0b, k0a, prec);
            arb_div(dq, dq, h, prec);
            /* K1 on the whole interval [s12, s12 + h] */
            arb_union(s12h, s12, s12h, prec);
            ntk_act_kernel_closed(k1, a, 1, s11, s12h, s22, prec);
            expect_overlap(dq, k1, "Price dK0/ds12 = K1", names[i]);
        }
        ntk_act_clear(a);
    }
    arb_clear(s11);
    arb_clear(s12);
    arb_clear(s22);
    arb_clear(s12h);
    arb_clear(h);
    arb_clear(k0a);
    arb_clear(k0b);
    arb_clear(k1);
    arb_clear(dq);
    flint_rand_clear(rs);
}

/* ---- eps form vs direct difference at 4x precision ---------------------- */

static void
test_eps_direct(void **state)
{
    arb_t q, e, c, k, r, t;
    int i, j;
    slong prec = 128;
    (void) state;
    arb_init(q);
    arb_init(e);
    arb_init(c);
    arb_init(k);
    arb_init(r);
    arb_init(t);
    for (i = 0; i < NNAMES; i++)
    {
        ntk_act_t a;
        ntk_act_init(a);
        set_act(a, names[i]);
        arb_set_d(q, 0.625 + 0.5 * i);          /* exact */
        for (j = 2; j <= 100; j += 7)
        {
            char what[48];
            arb_set_ui(e, 3);
            arb_mul_2exp_si(e, e, -j);           /* 3 * 2^-j down to ~2e-30 */
            snprintf(what, sizeof(what), "eps = 3 * 2^-%d", j);
            if (ntk_act_kernel_closed_eps(k, a, 0, q, e, prec) != NTK_SUCCESS)
                fail_msg("%s: %s", names[i], ntk_error_last());
            expect_rel(k, ldexp(1.0, -prec + 8), what, names[i]);
            arb_sub_ui(c, e, 1, 8 * prec);
            arb_neg(c, c);
            arb_mul(c, c, q, 8 * prec);          /* exact */
            ntk_act_kernel_closed(r, a, 0, q, q, q, 4 * prec);
            ntk_act_kernel_closed(t, a, 0, q, c, q, 4 * prec);
            arb_sub(r, r, t, 4 * prec);
            expect_overlap(k, r, what, names[i]);
            /* deriv 1 at the same point */
            ntk_act_kernel_closed_eps(k, a, 1, q, e, prec);
            ntk_act_kernel_closed(r, a, 1, q, c, q, 4 * prec);
            expect_overlap(k, r, "K1 eps vs direct", names[i]);
            expect_rel(k, 1e-30, "K1 eps accuracy", names[i]);
        }
        /* a ball touching eps = 0 and a wide ball */
        arb_zero(e);
        mag_set_ui_2exp_si(arb_radref(e), 1, -50);
        if (ntk_act_kernel_closed_eps(k, a, 0, q, e, prec) != NTK_SUCCESS)
            fail_msg("%s: eps ball at 0: %s", names[i], ntk_error_last());
        arb_zero(r);
        expect_overlap(k, r, "eps ball at 0 contains 0", names[i]);
        ntk_act_clear(a);
    }
    arb_clear(q);
    arb_clear(e);
    arb_clear(c);
    arb_clear(k);
    arb_clear(r);
    arb_clear(t);
}

/* ---- ball inputs: the enclosure holds for every point of the balls ------ */

static void
test_balls(void **state)
{
    flint_rand_t rs;
    arb_t s11, s12, s22, p11, p12, p22, k, kp, q, e, qp, ep;
    int i, n, d;
    slong prec = 96;
    (void) state;
    flint_rand_init(rs);
    flint_rand_set_seed(rs, SEED + 2, SEED);
    arb_init(s11); arb_init(s12); arb_init(s22);
    arb_init(p11); arb_init(p12); arb_init(p22);
    arb_init(k); arb_init(kp); arb_init(q); arb_init(e); arb_init(qp); arb_init(ep);
    for (i = 0; i < NNAMES; i++)
    {
        ntk_act_t a;
        ntk_act_init(a);
        set_act(a, names[i]);
        for (n = 0; n < 4; n++)
        {
            double x = rnd(rs, 0.3, 2.5), y = rnd(rs, 0.3, 2.5);
            double c = n == 3 ? 0.999999 : rnd(rs, -0.9, 0.9);
            double r = ldexp(1.0, -10 - 10 * n);
            arb_set_d(s11, x);
            arb_set_d(s22, y);
            arb_set_d(s12, c * sqrt(x * y));
            /* points: the corners shifted inwards */
            arb_set_d(p11, x + 0.5 * r);
            arb_set_d(p22, y - 0.25 * r);
            arb_set_d(p12, c * sqrt(x * y) - 0.5 * r);
            mag_set_d(arb_radref(s11), r);
            mag_set_d(arb_radref(s12), r);
            mag_set_d(arb_radref(s22), r);
            for (d = 0; d < 2; d++)
            {
                kern_ok(k, a, d, s11, s12, s22, prec);
                kern_ok(kp, a, d, p11, p12, p22, prec);
                expect_overlap(k, kp, "ball kernel contains a point value", names[i]);
            }
            /* eps form: ball (q, eps) vs a point inside */
            arb_set_d(q, x);
            arb_set_d(e, n == 3 ? 1e-9 : rnd(rs, 0.01, 1.9));
            arb_set(qp, q);
            arb_set(ep, e);
            arb_add_error_2exp_si(q, -20 - 10 * n);
            arb_add_error_2exp_si(e, -40 - 10 * n);
            for (d = 0; d < 2; d++)
            {
                if (ntk_act_kernel_closed_eps(k, a, d, q, e, prec) != NTK_SUCCESS
                    || ntk_act_kernel_closed_eps(kp, a, d, qp, ep, prec) != NTK_SUCCESS)
                    fail_msg("%s: %s", names[i], ntk_error_last());
                expect_overlap(k, kp, "ball eps form contains a point value", names[i]);
            }
        }
        ntk_act_clear(a);
    }
    arb_clear(s11); arb_clear(s12); arb_clear(s22);
    arb_clear(p11); arb_clear(p12); arb_clear(p22);
    arb_clear(k); arb_clear(kp); arb_clear(q); arb_clear(e); arb_clear(qp); arb_clear(ep);
    flint_rand_clear(rs);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_owent),
        cmocka_unit_test(test_c0_c1),
        cmocka_unit_test(test_price),
        cmocka_unit_test(test_eps_direct),
        cmocka_unit_test(test_balls),
        cmocka_unit_test(test_vs_quad),
        cmocka_unit_test(test_eps_vs_quad),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);     /* e.g. t-act-elu test_price */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
