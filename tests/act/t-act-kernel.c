/* Closed-form Gaussian kernels against independent truth:
 *  - c = 0: the kernel factorises into 1D Gaussian means known in closed
 *    form (E[b|u|] = b sqrt(2 s / pi), E[u Phi(u)] = s / sqrt(2 pi (1 + s)), ...);
 *  - c = 1 and c = -1: Gaussian moments (E relu^2 = q/2, E sin^2 =
 *    (1 - e^(-2q))/2, ...), or a certified 1D integral (erf, gelu);
 *  - Price's identity d/ds12 K0 = K1 by the mean value theorem:
 *    (K0(s12 + h) - K0(s12)) / h lies in K1 evaluated on [s12, s12 + h];
 *  - symmetry in (s11, s22); relu_pow:1 = relu = relulike:0.5,0.5, ...;
 *  - the eps forms against the direct forms at 4x the precision, and their
 *    relative accuracy does not degrade as eps -> 0.
 * Random covariances use a fixed seed, printed on failure. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <math.h>
#include <string.h>
#include "ntkdepth.h"

#define PREC 128
#define SEED 4242UL

static const char *closed_names[] = {
    "relu", "leaky_relu:0.1", "abs", "linear", "relulike:1,0.5", "step",
    "relu_pow:1", "relu_pow:2", "relu_pow:3", "relu_pow:7", "erf", "gelu",
    "sin", "cos"};
#define NCLOSED ((int) (sizeof(closed_names) / sizeof(closed_names[0])))

static void
set_act(ntk_act_t a, const char *name)
{
    if (ntk_act_set_str(a, name) != NTK_SUCCESS)
        fail_msg("parse %s: %s", name, ntk_error_last());
}

static void
kern(arb_t r, const ntk_act_t a, int d, const arb_t s11, const arb_t s12,
     const arb_t s22, slong prec)
{
    if (ntk_act_kernel_closed(r, a, d, s11, s12, s22, prec) != NTK_SUCCESS)
        fail_msg("%s deriv %d: %s", a->name, d, ntk_error_last());
}

static void
kern_eps(arb_t r, const ntk_act_t a, int d, const arb_t q, const arb_t eps,
         slong prec)
{
    if (ntk_act_kernel_closed_eps(r, a, d, q, eps, prec) != NTK_SUCCESS)
        fail_msg("%s eps deriv %d: %s", a->name, d, ntk_error_last());
}

static void
expect_overlap(const arb_t x, const arb_t y, const char *what, const char *name)
{
    if (!arb_overlaps(x, y))
    {
        printf("%s %s: ", name, what);
        arb_printn(x, 30, 0);
        printf(" vs ");
        arb_printn(y, 30, 0);
        printf(" (seed %lu)\n", SEED);
        fail_msg("%s: %s", name, what);
    }
}

/* random double in [lo, hi] */
static double
rnd(flint_rand_t rs, double lo, double hi)
{
    return lo + (hi - lo) * (double) n_randint(rs, 1u << 30) / (double) (1u << 30);
}

/* ---- independent 1D means: m0 = E phi(u), m1 = E phi'(u), u ~ N(0, s) -- */
static void
mean1(arb_t m0, arb_t m1, const ntk_act_t a, const arb_t s, slong prec)
{
    arb_t t, u;
    arb_init(t);
    arb_init(u);
    switch (a->kind)
    {
        case NTK_ACT_RELULIKE:           /* E[a u + b |u|] = b sqrt(2 s / pi) */
            arb_const_pi(t, prec);
            arb_div(t, s, t, prec);
            arb_mul_2exp_si(t, t, 1);
            arb_sqrt(t, t, prec);
            arb_set_fmpq(u, a->b, prec);
            arb_mul(m0, t, u, prec);
            arb_set_fmpq(m1, a->a, prec);
            break;
        case NTK_ACT_STEP:               /* 1/2 ; E delta(u) = 1/sqrt(2 pi s) */
            arb_set_d(m0, 0.5);
            arb_const_pi(t, prec);
            arb_mul(t, t, s, prec);
            arb_mul_2exp_si(t, t, 1);
            arb_rsqrt(m1, t, prec);
            break;
        case NTK_ACT_RELU_POW:
        {
            /* E[relu(u)^n] = s^(n/2) 2^(n/2) Gamma((n+1)/2) / (2 sqrt pi) */
            ulong n = a->k;
            for (int d = 0; d < 2; d++)
            {
                ulong m = n - (ulong) d;
                arb_ptr out = d == 0 ? m0 : m1;
                arb_set_ui(t, m + 1);
                arb_mul_2exp_si(t, t, -1);
                arb_gamma(t, t, prec);
                arb_const_sqrt_pi(u, prec);
                arb_div(t, t, u, prec);
                arb_mul_2exp_si(t, t, -1);
                arb_mul_2exp_si(u, s, 1);
                arb_sqrt(u, u, prec);
                arb_pow_ui(u, u, m, prec);
                arb_mul(out, t, u, prec);
            }
            arb_mul_ui(m1, m1, n, prec);
            break;
        }
        case NTK_ACT_ERF:                /* 0 ; (2/sqrt pi) / sqrt(1 + 2 s) */
            arb_zero(m0);
            arb_mul_2exp_si(t, s, 1);
            arb_add_ui(t, t, 1, prec);
            arb_rsqrt(t, t, prec);
            arb_const_sqrt_pi(u, prec);
            arb_div(t, t, u, prec);
            arb_mul_2exp_si(m1, t, 1);
            break;
        case NTK_ACT_GELU:               /* s / sqrt(2 pi (1 + s)) ; 1/2 */
            arb_add_ui(t, s, 1, prec);
            arb_const_pi(u, prec);
            arb_mul(t, t, u, prec);
            arb_mul_2exp_si(t, t, 1);
            arb_rsqrt(t, t, prec);
            arb_mul(m0, t, s, prec);
            arb_set_d(m1, 0.5);
            break;
        case NTK_ACT_SIN:                /* 0 ; e^(-s/2) */
            arb_zero(m0);
            arb_mul_2exp_si(t, s, -1);
            arb_neg(t, t);
            arb_exp(m1, t, prec);
            break;
        case NTK_ACT_COS:                /* e^(-s/2) ; 0 */
            arb_mul_2exp_si(t, s, -1);
            arb_neg(t, t);
            arb_exp(m0, t, prec);
            arb_zero(m1);
            break;
        default:
            fail_msg("no 1D mean for %s", a->name);
    }
    arb_clear(t);
    arb_clear(u);
}

static void
test_c0_factorises(void **state)
{
    flint_rand_t rs;
    ntk_act_t a;
    arb_t s11, s22, zero, k, m0a, m1a, m0b, m1b, p;
    (void) state;
    flint_rand_init(rs);
    flint_rand_set_seed(rs, SEED, SEED);
    ntk_act_init(a);
    arb_init(s11); arb_init(s22); arb_init(zero); arb_init(k);
    arb_init(m0a); arb_init(m1a); arb_init(m0b); arb_init(m1b); arb_init(p);
    for (int i = 0; i < NCLOSED; i++)
    {
        set_act(a, closed_names[i]);
        for (int trial = 0; trial < 5; trial++)
        {
            arb_set_d(s11, rnd(rs, 0.05, 4.0));
            arb_set_d(s22, rnd(rs, 0.05, 4.0));
            mean1(m0a, m1a, a, s11, PREC);
            mean1(m0b, m1b, a, s22, PREC);
            kern(k, a, 0, s11, zero, s22, PREC);
            arb_mul(p, m0a, m0b, PREC);
            expect_overlap(k, p, "c = 0: K0 = E phi E phi", a->name);
            kern(k, a, 1, s11, zero, s22, PREC);
            arb_mul(p, m1a, m1b, PREC);
            expect_overlap(k, p, "c = 0: K1 = E phi' E phi'", a->name);
        }
    }
    flint_rand_clear(rs);
    arb_clear(s11); arb_clear(s22); arb_clear(zero); arb_clear(k);
    arb_clear(m0a); arb_clear(m1a); arb_clear(m0b); arb_clear(m1b); arb_clear(p);
    ntk_act_clear(a);
}

/* ---- certified 1D Gaussian moments E[g(sqrt(q) Z)^2] ------------------- */
typedef struct { int which; arb_struct sq; } moment_param; /* 0 erf^2, 1 gelu^2, 2 gelu'^2 */

static int
moment_integrand(acb_ptr res, const acb_t x, void *param, slong order, slong prec)
{
    moment_param *mp = (moment_param *) param;
    acb_t u, t, e;
    arb_t c;
    (void) order;   /* entire integrand */
    acb_init(u); acb_init(t); acb_init(e);
    arb_init(c);
    acb_mul_arb(u, x, &mp->sq, prec);          /* u = sqrt(q) x */
    if (mp->which == 0)
        acb_hypgeom_erf(t, u, prec);
    else
    {
        /* Phi(u) = (1 + erf(u / sqrt 2)) / 2 */
        arb_rsqrt_ui(c, 2, prec);
        acb_mul_arb(e, u, c, prec);
        acb_hypgeom_erf(e, e, prec);
        acb_add_ui(e, e, 1, prec);
        acb_mul_2exp_si(e, e, -1);
        if (mp->which == 1)
            acb_mul(t, e, u, prec);
        else
        {
            /* Phi(u) + u varphi(u) */
            acb_sqr(t, u, prec);
            acb_mul_2exp_si(t, t, -1);
            acb_neg(t, t);
            acb_exp(t, t, prec);
            arb_const_pi(c, prec);
            arb_mul_2exp_si(c, c, 1);
            arb_rsqrt(c, c, prec);
            acb_mul_arb(t, t, c, prec);
            acb_mul(t, t, u, prec);
            acb_add(t, t, e, prec);
        }
    }
    acb_sqr(t, t, prec);
    /* times the standard normal density of x */
    acb_sqr(e, x, prec);
    acb_mul_2exp_si(e, e, -1);
    acb_neg(e, e);
    acb_exp(e, e, prec);
    arb_const_pi(c, prec);
    arb_mul_2exp_si(c, c, 1);
    arb_rsqrt(c, c, prec);
    acb_mul_arb(e, e, c, prec);
    acb_mul(res, t, e, prec);
    acb_clear(u); acb_clear(t); acb_clear(e);
    arb_clear(c);
    return 0;
}

/* E[g(sqrt(q) Z)^2] on [-L, L] plus a bound on the tails:
 * erf^2 <= 1, gelu^2 <= q x^2, gelu'^2 <= 4 (|Phi + x varphi| <= 1 + 1/sqrt(2 pi e) < 2);
 * P(|Z| > L) <= 2 varphi(L) / L, E[Z^2; |Z| > L] = 2 (L varphi(L) + P(Z > L))
 * <= 2 varphi(L) (L + 1/L). */
static void
moment1(arb_t res, int which, const arb_t q, slong prec)
{
    const slong L = 14;
    moment_param mp;
    acb_t a, b, r;
    mag_t tol;
    arb_t phiL, tail, t;
    acb_calc_integrate_opt_t opt;
    acb_init(a); acb_init(b); acb_init(r);
    mag_init(tol);
    arb_init(phiL); arb_init(tail); arb_init(t);
    acb_calc_integrate_opt_init(opt);
    mp.which = which;
    arb_init(&mp.sq);
    arb_sqrt(&mp.sq, q, prec);
    acb_set_si(a, -L);
    acb_set_si(b, L);
    mag_set_ui_2exp_si(tol, 1, -prec);
    acb_calc_integrate(r, moment_integrand, &mp, a, b, prec, tol, opt, prec);
    /* varphi(L) */
    arb_set_si(t, L * L);
    arb_mul_2exp_si(t, t, -1);
    arb_neg(t, t);
    arb_exp(phiL, t, prec);
    arb_const_pi(t, prec);
    arb_mul_2exp_si(t, t, 1);
    arb_rsqrt(t, t, prec);
    arb_mul(phiL, phiL, t, prec);
    if (which == 1)
    {
        arb_set_si(t, L);
        arb_inv(tail, t, prec);
        arb_add(tail, tail, t, prec);
        arb_mul(tail, tail, phiL, prec);
        arb_mul_2exp_si(tail, tail, 1);
        arb_mul(tail, tail, q, prec);
    }
    else
    {
        arb_div_ui(tail, phiL, (ulong) L, prec);
        arb_mul_2exp_si(tail, tail, 1);
        if (which == 2)
            arb_mul_2exp_si(tail, tail, 2);
    }
    arb_set(res, acb_realref(r));
    arb_add_error(res, tail);
    arb_clear(&mp.sq);
    acb_clear(a); acb_clear(b); acb_clear(r);
    mag_clear(tol);
    arb_clear(phiL); arb_clear(tail); arb_clear(t);
}

/* double factorial (2m - 1)!!, (-1)!! = 1 */
static void
dfact(arb_t r, slong m)
{
    arb_one(r);
    for (slong j = 1; j <= m; j++)
        arb_mul_ui(r, r, (ulong) (2 * j - 1), PREC);
}

/* E phi(u)^2, E phi'(u)^2 (c = +1), and E phi(u) phi(-u), E phi'(u) phi'(-u)
   (c = -1) for u ~ N(0, q), from 1D Gaussian moments */
static void
moments_pm1(arb_t e0, arb_t e1, arb_t f0, arb_t f1, const ntk_act_t a,
            const arb_t q, slong prec)
{
    arb_t t, u, a2, b2;
    arb_init(t); arb_init(u); arb_init(a2); arb_init(b2);
    switch (a->kind)
    {
        case NTK_ACT_RELULIKE:
            /* (a u + b|u|)^2 -> (a^2 + b^2) q; (a u + b|u|)(-a u + b|u|) -> (b^2 - a^2) q */
            arb_set_fmpq(a2, a->a, prec);
            arb_sqr(a2, a2, prec);
            arb_set_fmpq(b2, a->b, prec);
            arb_sqr(b2, b2, prec);
            arb_add(e1, a2, b2, prec);
            arb_mul(e0, e1, q, prec);
            arb_sub(f1, a2, b2, prec);
            arb_neg(f0, f1);
            arb_mul(f0, f0, q, prec);
            break;
        case NTK_ACT_STEP:
            arb_set_d(e0, 0.5);
            arb_zero(f0);
            arb_indeterminate(e1);          /* Dirac: not finite */
            arb_indeterminate(f1);
            break;
        case NTK_ACT_RELU_POW:
        {
            /* E relu^(2n) = q^n (2n - 1)!! / 2 */
            slong n = (slong) a->k;
            dfact(t, n);
            arb_pow_ui(u, q, (ulong) n, prec);
            arb_mul(e0, t, u, prec);
            arb_mul_2exp_si(e0, e0, -1);
            dfact(t, n - 1);
            arb_pow_ui(u, q, (ulong) (n - 1), prec);
            arb_mul(e1, t, u, prec);
            arb_mul_ui(e1, e1, (ulong) (n * n), prec);
            arb_mul_2exp_si(e1, e1, -1);
            arb_zero(f0);
            if (n == 1)
                arb_zero(f1);   /* H(u) H(-u) = 0 a.e. */
            else
                arb_zero(f1);
            break;
        }
        case NTK_ACT_ERF:
            moment1(e0, 0, q, prec);
            arb_neg(f0, e0);
            arb_mul_2exp_si(t, q, 2);       /* (4/pi) E e^(-2u^2) = (4/pi)/sqrt(1 + 4q) */
            arb_add_ui(t, t, 1, prec);
            arb_rsqrt(t, t, prec);
            arb_const_pi(u, prec);
            arb_div(t, t, u, prec);
            arb_mul_2exp_si(e1, t, 2);
            arb_set(f1, e1);                /* erf' even */
            break;
        case NTK_ACT_GELU:
            moment1(e0, 1, q, prec);
            moment1(e1, 2, q, prec);
            arb_indeterminate(f0);          /* not checked */
            arb_indeterminate(f1);
            break;
        case NTK_ACT_SIN:
        case NTK_ACT_COS:
            /* E sin^2 = (1 - e^(-2q))/2, E cos^2 = (1 + e^(-2q))/2 */
            arb_mul_2exp_si(t, q, 1);
            arb_neg(t, t);
            arb_exp(t, t, prec);
            arb_sub_ui(u, t, 1, prec);
            arb_neg(u, u);
            arb_mul_2exp_si(u, u, -1);      /* sin^2 */
            arb_add_ui(t, t, 1, prec);
            arb_mul_2exp_si(t, t, -1);      /* cos^2 */
            if (a->kind == NTK_ACT_SIN)
            {
                arb_set(e0, u); arb_set(e1, t);
                arb_neg(f0, u); arb_set(f1, t);   /* sin odd, cos even */
            }
            else
            {
                arb_set(e0, t); arb_set(e1, u);
                arb_set(f0, t); arb_neg(f1, u);
            }
            break;
        default:
            fail();
    }
    arb_clear(t); arb_clear(u); arb_clear(a2); arb_clear(b2);
}

static void
test_c_pm1_moments(void **state)
{
    static const double qs[] = {0.01, 0.5, 1.0, 3.7};
    ntk_act_t a;
    arb_t q, mq, k, e0, e1, f0, f1, eps;
    (void) state;
    ntk_act_init(a);
    arb_init(q); arb_init(mq); arb_init(k);
    arb_init(e0); arb_init(e1); arb_init(f0); arb_init(f1); arb_init(eps);
    for (int i = 0; i < NCLOSED; i++)
    {
        set_act(a, closed_names[i]);
        for (size_t j = 0; j < sizeof(qs) / sizeof(qs[0]); j++)
        {
            arb_set_d(q, qs[j]);
            arb_neg(mq, q);
            moments_pm1(e0, e1, f0, f1, a, q, PREC);
            kern(k, a, 0, q, q, q, PREC);
            expect_overlap(k, e0, "c = 1: E phi^2", a->name);
            kern(k, a, 0, q, mq, q, PREC);
            if (arb_is_finite(f0))
                expect_overlap(k, f0, "c = -1: E phi(u) phi(-u)", a->name);
            /* eps forms at the ends: eps = 0 gives 0, eps = 2 gives E phi^2 - f0 */
            arb_zero(eps);
            kern_eps(k, a, 0, q, eps, PREC);
            assert_true(arb_contains_si(k, 0));
            if (a->kind != NTK_ACT_STEP)
            {
                kern(k, a, 1, q, q, q, PREC);
                expect_overlap(k, e1, "c = 1: E phi'^2", a->name);
                kern_eps(k, a, 1, q, eps, PREC);
                expect_overlap(k, e1, "eps = 0: E phi'^2", a->name);
                kern(k, a, 1, q, mq, q, PREC);
                if (arb_is_finite(f1))
                    expect_overlap(k, f1, "c = -1: E phi'(u) phi'(-u)", a->name);
            }
            else
            {
                assert_int_equal(ntk_act_kernel_closed(k, a, 1, q, q, q, PREC), NTK_DOMAIN);
                assert_int_equal(ntk_act_kernel_closed_eps(k, a, 1, q, eps, PREC), NTK_DOMAIN);
            }
            if (arb_is_finite(f0))
            {
                arb_set_si(eps, 2);
                kern_eps(k, a, 0, q, eps, PREC);
                arb_sub(e0, e0, f0, PREC);
                expect_overlap(k, e0, "eps = 2: E phi^2 - E phi(u) phi(-u)", a->name);
            }
        }
    }
    ntk_act_clear(a);
    arb_clear(q); arb_clear(mq); arb_clear(k);
    arb_clear(e0); arb_clear(e1); arb_clear(f0); arb_clear(f1); arb_clear(eps);
}

/* random covariance with |c| <= cmax */
static void
rand_cov(arb_t s11, arb_t s12, arb_t s22, flint_rand_t rs, double cmax)
{
    double a = rnd(rs, 0.05, 4.0), b = rnd(rs, 0.05, 4.0), c = rnd(rs, -cmax, cmax);
    arb_set_d(s11, a);
    arb_set_d(s22, b);
    arb_set_d(s12, c * sqrt(a * b));   /* any double: exact, |c| < 1 */
}

static void
test_price(void **state)
{
    const slong prec = 2 * PREC;
    flint_rand_t rs;
    ntk_act_t a;
    arb_t s11, s12, s22, sh, k0, k0h, dq, k1, h;
    (void) state;
    flint_rand_init(rs);
    flint_rand_set_seed(rs, SEED + 1, SEED + 2);
    ntk_act_init(a);
    arb_init(s11); arb_init(s12); arb_init(s22); arb_init(sh);
    arb_init(k0); arb_init(k0h); arb_init(dq); arb_init(k1); arb_init(h);
    arb_one(h);
    arb_mul_2exp_si(h, h, -40);
    for (int i = 0; i < NCLOSED; i++)
    {
        set_act(a, closed_names[i]);
        for (int trial = 0; trial < 6; trial++)
        {
            rand_cov(s11, s12, s22, rs, 0.95);
            /* (K0(s12 + h) - K0(s12)) / h = K1(xi), xi in [s12, s12 + h] */
            arb_add(sh, s12, h, prec);
            kern(k0, a, 0, s11, s12, s22, prec);
            kern(k0h, a, 0, s11, sh, s22, prec);
            arb_sub(dq, k0h, k0, prec);
            arb_div(dq, dq, h, prec);
            arb_union(sh, s12, sh, prec);
            kern(k1, a, 1, s11, sh, s22, prec);
            expect_overlap(dq, k1, "Price: dK0/ds12 = K1", a->name);
            /* the check is sharp: K1 on the interval is narrow */
            assert_true(arb_rel_accuracy_bits(k1) > 20);
        }
    }
    flint_rand_clear(rs);
    arb_clear(s11); arb_clear(s12); arb_clear(s22); arb_clear(sh);
    arb_clear(k0); arb_clear(k0h); arb_clear(dq); arb_clear(k1); arb_clear(h);
    ntk_act_clear(a);
}

/* d/deps (E phi^2 - E phi(u) phi(v)) = q K1(c = 1 - eps): mean value form */
static void
test_price_eps(void **state)
{
    static const double epss[] = {1e-12, 1e-3, 0.3, 1.0, 1.7};
    const slong prec = 2 * PREC;
    ntk_act_t a;
    arb_t q, e, eh, d0, d0h, dq, k1, h;
    (void) state;
    ntk_act_init(a);
    arb_init(q); arb_init(e); arb_init(eh); arb_init(d0); arb_init(d0h);
    arb_init(dq); arb_init(k1); arb_init(h);
    arb_set_d(q, 1.3);
    for (int i = 0; i < NCLOSED; i++)
    {
        set_act(a, closed_names[i]);
        for (size_t j = 0; j < sizeof(epss) / sizeof(epss[0]); j++)
        {
            arb_set_d(e, epss[j]);
            arb_one(h);
            arb_mul_2exp_si(h, h, -60);
            arb_add(eh, e, h, prec);
            kern_eps(d0, a, 0, q, e, prec);
            kern_eps(d0h, a, 0, q, eh, prec);
            arb_sub(dq, d0h, d0, prec);
            arb_div(dq, dq, h, prec);
            arb_union(eh, e, eh, prec);
            kern_eps(k1, a, 1, q, eh, prec);
            arb_mul(k1, k1, q, prec);
            expect_overlap(dq, k1, "d/deps of the eps form = q K1", a->name);
        }
    }
    ntk_act_clear(a);
    arb_clear(q); arb_clear(e); arb_clear(eh); arb_clear(d0); arb_clear(d0h);
    arb_clear(dq); arb_clear(k1); arb_clear(h);
}

static void
test_symmetry(void **state)
{
    flint_rand_t rs;
    ntk_act_t a;
    arb_t s11, s12, s22, k, l;
    (void) state;
    flint_rand_init(rs);
    flint_rand_set_seed(rs, SEED + 5, SEED + 6);
    ntk_act_init(a);
    arb_init(s11); arb_init(s12); arb_init(s22); arb_init(k); arb_init(l);
    for (int i = 0; i < NCLOSED; i++)
    {
        set_act(a, closed_names[i]);
        for (int trial = 0; trial < 5; trial++)
        {
            rand_cov(s11, s12, s22, rs, 0.999);
            for (int d = 0; d < 2; d++)
            {
                kern(k, a, d, s11, s12, s22, PREC);
                kern(l, a, d, s22, s12, s11, PREC);
                expect_overlap(k, l, "symmetry s11 <-> s22", a->name);
                assert_true(arb_rel_accuracy_bits(k) > PREC - 30 || arb_contains_zero(k));
            }
        }
    }
    flint_rand_clear(rs);
    arb_clear(s11); arb_clear(s12); arb_clear(s22); arb_clear(k); arb_clear(l);
    ntk_act_clear(a);
}

/* activations that are the same function must have the same kernels */
static void
test_equalities(void **state)
{
    static const char *pairs[][2] = {
        {"relu", "relu_pow:1"}, {"relu", "relulike:0.5,0.5"},
        {"leaky_relu:0.1", "relulike:0.55,0.45"}, {"abs", "relulike:0,1"},
        {"linear", "leaky_relu:1"}, {"step", "relu_pow:0"},
    };
    flint_rand_t rs;
    ntk_act_t a, b;
    arb_t s11, s12, s22, k, l, q, eps;
    (void) state;
    flint_rand_init(rs);
    flint_rand_set_seed(rs, SEED + 9, SEED + 10);
    ntk_act_init(a); ntk_act_init(b);
    arb_init(s11); arb_init(s12); arb_init(s22); arb_init(k); arb_init(l);
    arb_init(q); arb_init(eps);
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
    {
        set_act(a, pairs[i][0]);
        set_act(b, pairs[i][1]);
        for (int trial = 0; trial < 5; trial++)
        {
            rand_cov(s11, s12, s22, rs, 0.99);
            arb_set_d(q, rnd(rs, 0.1, 3.0));
            arb_set_d(eps, rnd(rs, 0.0, 2.0));
            for (int d = 0; d < 2; d++)
            {
                kern(k, a, d, s11, s12, s22, PREC);
                kern(l, b, d, s11, s12, s22, PREC);
                expect_overlap(k, l, pairs[i][1], a->name);
                kern_eps(k, a, d, q, eps, PREC);
                kern_eps(l, b, d, q, eps, PREC);
                expect_overlap(k, l, pairs[i][1], a->name);
            }
        }
    }
    flint_rand_clear(rs);
    ntk_act_clear(a); ntk_act_clear(b);
    arb_clear(s11); arb_clear(s12); arb_clear(s22); arb_clear(k); arb_clear(l);
    arb_clear(q); arb_clear(eps);
}

/* relu_pow:2 against Cho & Saul's explicit
   J_2 = 3 sin t cos t + (pi - t)(1 + 2 cos^2 t) */
static void
test_cho_saul_j2(void **state)
{
    flint_rand_t rs;
    ntk_act_t a;
    arb_t s11, s12, s22, k, c, th, t, u, pi;
    (void) state;
    flint_rand_init(rs);
    flint_rand_set_seed(rs, SEED + 11, SEED + 12);
    ntk_act_init(a);
    arb_init(s11); arb_init(s12); arb_init(s22); arb_init(k);
    arb_init(c); arb_init(th); arb_init(t); arb_init(u); arb_init(pi);
    set_act(a, "relu_pow:2");
    arb_const_pi(pi, PREC);
    for (int trial = 0; trial < 10; trial++)
    {
        rand_cov(s11, s12, s22, rs, 0.999);
        kern(k, a, 0, s11, s12, s22, PREC);
        arb_mul(t, s11, s22, PREC);
        arb_rsqrt(t, t, PREC);
        arb_mul(c, s12, t, PREC);
        arb_acos(th, c, PREC);
        arb_sin_cos(t, u, th, PREC);
        arb_mul(t, t, u, PREC);
        arb_mul_ui(t, t, 3, PREC);                  /* 3 sin cos */
        arb_sqr(u, u, PREC);
        arb_mul_2exp_si(u, u, 1);
        arb_add_ui(u, u, 1, PREC);
        arb_sub(c, pi, th, PREC);
        arb_mul(u, u, c, PREC);
        arb_add(t, t, u, PREC);                     /* J_2 */
        arb_mul(t, t, s11, PREC);
        arb_mul(t, t, s22, PREC);
        arb_div(t, t, pi, PREC);
        arb_mul_2exp_si(t, t, -1);
        expect_overlap(k, t, "Cho-Saul J_2", a->name);
    }
    flint_rand_clear(rs);
    ntk_act_clear(a);
    arb_clear(s11); arb_clear(s12); arb_clear(s22); arb_clear(k);
    arb_clear(c); arb_clear(th); arb_clear(t); arb_clear(u); arb_clear(pi);
}

/* eps forms against the direct forms at 4x precision; no accuracy loss */
static void
test_eps_forms(void **state)
{
    static const slong ks[] = {1, 3, 10, 30, 60, 100};
    static const double qs[] = {0.05, 1.0, 2.9};
    const slong hp = 4 * PREC;
    ntk_act_t a;
    arb_t q, eps, c, qc, k, d, e;
    (void) state;
    ntk_act_init(a);
    arb_init(q); arb_init(eps); arb_init(c); arb_init(qc);
    arb_init(k); arb_init(d); arb_init(e);
    for (int i = 0; i < NCLOSED; i++)
    {
        set_act(a, closed_names[i]);
        for (size_t jq = 0; jq < sizeof(qs) / sizeof(qs[0]); jq++)
            for (size_t j = 0; j < sizeof(ks) / sizeof(ks[0]); j++)
            {
                arb_set_d(q, qs[jq]);
                arb_one(eps);
                arb_mul_2exp_si(eps, eps, -ks[j]);
                arb_mul_ui(eps, eps, 3, PREC);            /* 3 * 2^-k */
                arb_sub_ui(c, eps, 1, hp);
                arb_neg(c, c);
                arb_mul(qc, q, c, hp);                    /* q (1 - eps), exact */
                /* deriv 0: E phi^2 - E phi(u) phi(v), directly at 4x precision */
                kern(d, a, 0, q, q, q, hp);
                kern(e, a, 0, q, qc, q, hp);
                arb_sub(d, d, e, hp);
                kern_eps(k, a, 0, q, eps, PREC);
                expect_overlap(k, d, "eps form vs direct difference", a->name);
                if (arb_rel_accuracy_bits(k) < PREC - 16)
                    fail_msg("%s: eps form at eps = 3*2^-%ld has only %ld bits",
                             a->name, (long) ks[j], (long) arb_rel_accuracy_bits(k));
                if (a->kind == NTK_ACT_STEP)
                    continue;
                kern(d, a, 1, q, qc, q, hp);
                kern_eps(k, a, 1, q, eps, PREC);
                expect_overlap(k, d, "eps form of K1 vs direct", a->name);
                if (arb_rel_accuracy_bits(k) < PREC - 16)
                    fail_msg("%s: K1 eps form has only %ld bits", a->name,
                             (long) arb_rel_accuracy_bits(k));
            }
    }
    ntk_act_clear(a);
    arb_clear(q); arb_clear(eps); arb_clear(c); arb_clear(qc);
    arb_clear(k); arb_clear(d); arb_clear(e);
}

static void
test_domain(void **state)
{
    ntk_act_t a;
    arb_t one, two, m1, k, t, q, eps;
    (void) state;
    ntk_act_init(a);
    arb_init(one); arb_init(two); arb_init(m1); arb_init(k); arb_init(t);
    arb_init(q); arb_init(eps);
    arb_one(one);
    arb_set_si(two, 2);
    arb_set_si(m1, -1);

    set_act(a, "tanh");
    assert_int_equal(ntk_act_kernel_closed(k, a, 0, one, one, one, PREC), NTK_UNABLE);
    assert_int_equal(ntk_act_kernel_closed_eps(k, a, 0, one, one, PREC), NTK_UNABLE);

    set_act(a, "relu");
    /* s12^2 > s11 s22 */
    assert_int_equal(ntk_act_kernel_closed(k, a, 0, one, two, one, PREC), NTK_DOMAIN);
    /* s11 <= 0 */
    assert_int_equal(ntk_act_kernel_closed(k, a, 0, m1, one, one, PREC), NTK_DOMAIN);
    arb_zero(t);
    assert_int_equal(ntk_act_kernel_closed(k, a, 0, one, t, t, PREC), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "s22"));
    /* s11 ball straddling 0: not decidable */
    mag_set_d(arb_radref(t), 0.1);
    assert_int_equal(ntk_act_kernel_closed(k, a, 0, t, t, one, PREC), NTK_UNABLE);
    /* deriv */
    assert_int_equal(ntk_act_kernel_closed(k, a, 2, one, one, one, PREC), NTK_DOMAIN);
    /* eps out of [0, 2], q <= 0 */
    arb_set_d(eps, 2.5);
    assert_int_equal(ntk_act_kernel_closed_eps(k, a, 0, one, eps, PREC), NTK_DOMAIN);
    arb_set_d(eps, -0.1);
    assert_int_equal(ntk_act_kernel_closed_eps(k, a, 0, one, eps, PREC), NTK_DOMAIN);
    arb_zero(q);
    assert_int_equal(ntk_act_kernel_closed_eps(k, a, 0, q, one, PREC), NTK_DOMAIN);

    /* a ball straddling c = 1 is clamped: finite, contains the c = 1 value */
    for (int i = 0; i < NCLOSED; i++)
    {
        set_act(a, closed_names[i]);
        arb_set(t, one);
        mag_set_d(arb_radref(t), 1e-20);
        assert_int_equal(ntk_act_kernel_closed(k, a, 0, one, t, one, PREC), NTK_SUCCESS);
        assert_true(arb_is_finite(k));
        kern(q, a, 0, one, one, one, PREC);
        expect_overlap(k, q, "c ball straddling 1", a->name);
        arb_zero(eps);
        mag_set_d(arb_radref(eps), 1e-20);         /* eps ball straddling 0 */
        assert_int_equal(ntk_act_kernel_closed_eps(k, a, 0, one, eps, PREC), NTK_SUCCESS);
        if (!(arb_is_finite(k) && arb_contains_zero(k)))
        {
            arb_printd(k, 20);
            fail_msg("%s: eps ball at 0", a->name);
        }
        if (a->kind == NTK_ACT_STEP)
        {
            /* Dirac value unbounded on such a ball */
            assert_int_equal(ntk_act_kernel_closed(k, a, 1, one, t, one, PREC), NTK_UNABLE);
            assert_int_equal(ntk_act_kernel_closed_eps(k, a, 1, one, eps, PREC), NTK_UNABLE);
        }
    }
    ntk_act_clear(a);
    arb_clear(one); arb_clear(two); arb_clear(m1); arb_clear(k); arb_clear(t);
    arb_clear(q); arb_clear(eps);
}

/* res may alias the inputs */
static void
test_aliasing(void **state)
{
    ntk_act_t a;
    arb_t s11, s12, s22, k, x;
    (void) state;
    ntk_act_init(a);
    arb_init(s11); arb_init(s12); arb_init(s22); arb_init(k); arb_init(x);
    for (int i = 0; i < NCLOSED; i++)
    {
        set_act(a, closed_names[i]);
        for (int d = 0; d < 2; d++)
        {
            arb_set_d(s11, 0.7); arb_set_d(s12, 0.3); arb_set_d(s22, 1.9);
            kern(k, a, d, s11, s12, s22, PREC);
            kern(s12, a, d, s11, s12, s22, PREC);
            expect_overlap(k, s12, "aliasing res = s12", a->name);
            arb_set_d(s11, 0.7); arb_set_d(s12, 0.3);
            kern(s11, a, d, s11, s12, s22, PREC);
            expect_overlap(k, s11, "aliasing res = s11", a->name);
            arb_set_d(s11, 0.7); arb_set_d(x, 0.25);
            kern_eps(k, a, d, s11, x, PREC);
            kern_eps(x, a, d, s11, x, PREC);
            expect_overlap(k, x, "aliasing res = eps", a->name);
            arb_set_d(x, 0.25);
            kern_eps(s11, a, d, s11, x, PREC);
            expect_overlap(k, s11, "aliasing res = q", a->name);
        }
    }
    ntk_act_clear(a);
    arb_clear(s11); arb_clear(s12); arb_clear(s22); arb_clear(k); arb_clear(x);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_c0_factorises),
        cmocka_unit_test(test_c_pm1_moments),
        cmocka_unit_test(test_price),
        cmocka_unit_test(test_price_eps),
        cmocka_unit_test(test_symmetry),
        cmocka_unit_test(test_equalities),
        cmocka_unit_test(test_cho_saul_j2),
        cmocka_unit_test(test_eps_forms),
        cmocka_unit_test(test_domain),
        cmocka_unit_test(test_aliasing),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
