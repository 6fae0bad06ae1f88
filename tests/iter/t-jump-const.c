/*
 * The orbit constants of the ReLU-like EOC map (src/iter/jump_rl_const.c,
 * proofs/fatou.md Lemma J12): C(c0) of w_L = (eps_L/2)^(-1/2) = A L +
 * (3A/2) ln L + C + o(1) and C'(c0) of Theta12/q1 = L/4 + (3/8) ln L + C' +
 * o(1), against independent truth: a direct iteration of the closed-form
 * map (Lemma R1, written here with Arb's acos/sin on 256-bit midpoints, not
 * the iterator's series) and a generalized Richardson elimination of the
 * log-power form in the test; the shift identity C(c1) = C(c0) + A for the
 * orbit started one layer later; the bad inputs.
 * The smooth and ELU orbits at q* (Lemma J17): Cv of 1/eps_L = L/beta +
 * (lambda/beta) ln L + Cv + o(1) and C' of Theta12/q* for erf against a
 * direct iteration of erf's closed-form map (asin) with beta, lambda from
 * its derivatives and the same Richardson elimination; for ELU the shift
 * identity and a Richardson elimination in half powers of the jump's own
 * deep rows (the algebra of J17 (b)).
 */
#include <stdlib.h>
#include "iter_test.h"
#include "ntkdepth/jump.h"

#define PREC 256
/* the interpolation (the half-power basis of test_elu is ill-conditioned:
   at 256 bits the solve's own balls were 5e-23 wide) */
#define SOLVE_PREC 768
#define LMAX 30000
#define ORDER 4

/* the depths of the extrapolation: 20 per decade from 10^3 to LMAX */
static slong
grid(slong *d)
{
    slong n = 0;
    for (slong k = 60; ; k++)
    {
        slong L = (slong) floor(pow(10.0, k / 20.0) + 0.5);
        if (L > LMAX)
            break;
        d[n++] = L;
    }
    if (d[n - 1] != LMAX)
        d[n++] = LMAX;
    return n;
}

/* the number of terms of the form of `order`: 1 and ln^j L / L^k, j <= k <=
   order (half = 0; Lemma V1), or 1 and ln^j L / L^(k/2), j <= floor(k/2) + 1,
   k <= order (half = 1: 1/eps_L of ELU, Lemma V1' times L) */
static slong
nterms(slong order, int half)
{
    slong m = 1;
    for (slong k = 1; k <= order; k++)
        m += half ? k / 2 + 2 : k + 1;
    return m;
}

/* constant term of the exact interpolation of the form of `order` at the m
   deepest points ending at index last */
static void
richardson(arb_t res, const slong *d, arb_srcptr z, slong last, slong order, int half)
{
    slong m = nterms(order, half), r = 0;
    arb_mat_t M, y, x;
    arb_t lg, p, rt;
    arb_mat_init(M, m, m); arb_mat_init(y, m, 1); arb_mat_init(x, m, 1);
    arb_init(lg); arb_init(p); arb_init(rt);
    assert_true(last - m + 1 >= 0);
    for (slong i = last - m + 1; i <= last; i++, r++)
    {
        slong col = 0;
        arb_set_si(lg, d[i]);
        arb_rsqrt(rt, lg, SOLVE_PREC);                        /* L^(-1/2) */
        arb_log(lg, lg, SOLVE_PREC);
        arb_one(arb_mat_entry(M, r, col++));
        for (slong k = 1; k <= order; k++)
            for (slong j = 0; j <= (half ? k / 2 + 1 : k); j++)
            {
                arb_pow_ui(p, lg, (ulong) j, SOLVE_PREC);
                for (slong kk = 0; kk < k; kk++)
                {
                    if (half)
                        arb_mul(p, p, rt, SOLVE_PREC);
                    else
                        arb_div_si(p, p, d[i], SOLVE_PREC);
                }
                arb_set(arb_mat_entry(M, r, col++), p);
            }
        arb_set(arb_mat_entry(y, r, 0), z + i);
    }
    assert_true(arb_mat_solve(x, M, y, SOLVE_PREC));
    arb_set(res, arb_mat_entry(x, 0, 0));
    arb_mat_clear(M); arb_mat_clear(y); arb_mat_clear(x);
    arb_clear(lg); arb_clear(p); arb_clear(rt);
}

/* estimate and error estimate (order vs order - 1, and one point lower) */
static void
extrapolate_form(arb_t v, arb_t err, const slong *d, arb_srcptr z, slong n, slong order,
                 int half)
{
    arb_t a, b;
    arb_init(a); arb_init(b);
    richardson(v, d, z, n - 1, order, half);
    richardson(a, d, z, n - 1, order - 1, half);
    richardson(b, d, z, n - 2, order, half);
    arb_sub(a, a, v, PREC);
    arb_abs(a, a);
    arb_sub(b, b, v, PREC);
    arb_abs(b, b);
    arb_max(err, a, b, PREC);
    arb_clear(a); arb_clear(b);
}

static void
extrapolate(arb_t v, arb_t err, const slong *d, arb_srcptr z, slong n)
{
    extrapolate_form(v, err, d, z, n, ORDER, 0);
}

/* C and C' by direct iteration + extrapolation for a x + b|x| (Delta =
   dn/dd) from c0 = c0n/c0d, q1 = 1 */
static void
truth(arb_t cw, arb_t errw, arb_t cu, arb_t erru, slong dn, slong dd, slong c0n, slong c0d)
{
    slong d[200], n = grid(d), k = 0;
    arb_ptr zw = _arb_vec_init(n), zu = _arb_vec_init(n);
    arb_t kap, A, AB, eps, U, th, s, c, t, Dn;
    arb_init(kap); arb_init(A); arb_init(AB); arb_init(eps); arb_init(U);
    arb_init(th); arb_init(s); arb_init(c); arb_init(t); arb_init(Dn);

    arb_const_pi(kap, PREC);
    arb_mul_si(kap, kap, dd, PREC);
    arb_inv(kap, kap, PREC);
    arb_mul_si(kap, kap, dn, PREC);              /* Delta/pi */
    arb_mul_ui(A, kap, 4, PREC);
    arb_div_ui(A, A, 3, PREC);                   /* A = 4 Delta/(3 pi) */
    arb_mul_ui(AB, A, 3, PREC);
    arb_mul_2exp_si(AB, AB, -1);                 /* A B, B = 3/2 */
    arb_set_si(U, c0n);
    arb_div_si(U, U, c0d, PREC);                 /* U_1 = c0 */
    arb_sub_si(eps, U, 1, PREC);
    arb_neg(eps, eps);
    for (slong L = 1; L <= LMAX; L++)
    {
        if (k < n && d[k] == L)
        {
            /* zw = w - A L - A B ln L, zu = U - L/4 - (3/8) ln L */
            arb_mul_2exp_si(t, eps, -1);
            arb_rsqrt(zw + k, t, PREC);
            arb_mul_si(t, A, L, PREC);
            arb_sub(zw + k, zw + k, t, PREC);
            arb_set_si(t, L);
            arb_log(t, t, PREC);
            arb_submul(zw + k, t, AB, PREC);
            arb_mul_ui(s, t, 3, PREC);
            arb_mul_2exp_si(s, s, -3);
            arb_sub(zu + k, U, s, PREC);
            arb_set_si(s, L);
            arb_mul_2exp_si(s, s, -2);
            arb_sub(zu + k, zu + k, s, PREC);
            k++;
        }
        /* Lemma R1: theta = acos(1 - eps), Dn = 1 - 2 kap theta,
           eps' = eps - 2 kap (sin theta - theta (1 - eps)) */
        arb_sub_si(c, eps, 1, PREC);
        arb_neg(c, c);
        arb_acos(th, c, PREC);
        arb_mul(Dn, kap, th, PREC);
        arb_mul_2exp_si(Dn, Dn, 1);
        arb_sub_si(Dn, Dn, 1, PREC);
        arb_neg(Dn, Dn);
        arb_sin(s, th, PREC);
        arb_submul(s, th, c, PREC);
        arb_mul(s, s, kap, PREC);
        arb_mul_2exp_si(s, s, 1);
        arb_sub(eps, eps, s, PREC);
        /* U' = U Dn + 1 - eps' */
        arb_mul(U, U, Dn, PREC);
        arb_add_si(U, U, 1, PREC);
        arb_sub(U, U, eps, PREC);
        /* a reference iteration of midpoints (like mpmath at 77 digits):
           naive balls would grow by ~1/sqrt(eps) per layer through acos;
           rounding errors stay ~L 2^-256 (the map contracts, g' <= 1) */
        mag_zero(arb_radref(eps));
        mag_zero(arb_radref(U));
    }
    extrapolate(cw, errw, d, zw, n);
    extrapolate(cu, erru, d, zu, n);
    _arb_vec_clear(zw, n); _arb_vec_clear(zu, n);
    arb_clear(kap); arb_clear(A); arb_clear(AB); arb_clear(eps); arb_clear(U);
    arb_clear(th); arb_clear(s); arb_clear(c); arb_clear(t); arb_clear(Dn);
}

/* |x - v| <= 10 err + 1e-30 with x certified to (at least) 25 digits */
static void
check_close(const arb_t x, const arb_t v, const arb_t err, const char *what)
{
    arb_t d, tol;
    arb_init(d); arb_init(tol);
    arb_sub(d, x, v, PREC);
    arb_abs(d, d);
    arb_mul_ui(tol, err, 10, PREC);
    {
        arb_t eps;
        arb_init(eps);
        arb_set_str(eps, "1e-30", PREC);
        arb_add(tol, tol, eps, PREC);
        arb_clear(eps);
    }
    if (getenv("NTK_TEST_VERBOSE"))
    {
        char *sd = arb_get_str(d, 3, 0), *se = arb_get_str(err, 3, 0);
        printf("%s: |certified - extrapolated| = %s, extrapolation error %s\n", what, sd, se);
        flint_free(sd); flint_free(se);
    }
    if (!arb_le(d, tol) || ntk_ball_digits(x) < 25)
    {
        char *sx = arb_get_str(x, 30, 0), *sv = arb_get_str(v, 30, 0),
             *se = arb_get_str(err, 3, 0);
        fail_msg("%s: certified %s vs extrapolated %s +- %s", what, sx, sv, se);
    }
    arb_clear(d); arb_clear(tol);
}

static void
constants_vs_truth(slong an, slong ad, slong bn, slong bd, slong dn, slong dd,
                   slong c0n, slong c0d)
{
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rj = ntk_iter_rows_init(2);
    ntk_iter_jump_info_t ji;
    fmpz *z = _fmpz_vec_init(2);
    arb_t cw, ew, cu, eu, x, y, A;
    arb_init(cw); arb_init(ew); arb_init(cu); arb_init(eu);
    arb_init(x); arb_init(y); arb_init(A);
    ntk_iter_problem_init(pb);
    ntk_iter_jump_info_init(ji);
    relulike_eoc_problem(pb, an, ad, bn, bd, 1, 1, c0n, c0d);

    truth(cw, ew, cu, eu, dn, dd, c0n, c0d);
    /* the extrapolation itself is good to ~1e-14 at LMAX = 3e4 */
    assert_true(arf_cmpabs_2exp_si(arb_midref(ew), -40) < 0);
    assert_true(arf_cmpabs_2exp_si(arb_midref(eu), -35) < 0);

    /* from the jump start of a run (info), 30 digits */
    fmpz_set_ui(z + 0, 1000000);
    fmpz_set_ui(z + 1, 1000001);
    assert_int_equal(ntk_iter_run_deep(rj, NULL, ji, pb, z, 2, 30, NTK_DEPTH_JUMP, 0, NULL),
                     NTK_SUCCESS);
    check_close(ji->w_constant, cw, ew, "C(c0) of the jump info");
    check_close(ji->ntk_constant, cu, eu, "C'(c0) of the jump info");

    /* from a row at depth 10^6 */
    assert_int_equal(ntk_iter_jump_constants(x, y, pb, rj[0].eps, z + 0, 128), NTK_SUCCESS);
    check_close(x, cw, ew, "C(c0) from a row");
    check_close(y, cu, eu, "C'(c0) from a row");
    assert_true(arb_overlaps(x, ji->w_constant));
    assert_true(arb_overlaps(y, ji->ntk_constant));

    /* shift: the orbit of c1 = f(c0) is t_(L+1), so eps_(L+1) read as a row
       at depth L gives C + A (K + 1) */
    arb_const_pi(A, PREC);
    arb_mul_si(A, A, 3 * dd, PREC);
    arb_inv(A, A, PREC);
    arb_mul_si(A, A, 4 * dn, PREC);
    assert_int_equal(ntk_iter_jump_constants(cw, cu, pb, rj[1].eps, z + 0, 128), NTK_SUCCESS);
    arb_sub(cw, cw, x, PREC);
    assert_true(arb_overlaps(cw, A));
    assert_true(mag_cmp_2exp_si(arb_radref(cw), -90) < 0);

    _fmpz_vec_clear(z, 2);
    ntk_iter_rows_clear(rj, 2);
    ntk_iter_jump_info_clear(ji);
    ntk_iter_problem_clear(pb);
    arb_clear(cw); arb_clear(ew); arb_clear(cu); arb_clear(eu);
    arb_clear(x); arb_clear(y); arb_clear(A);
}

static void
test_relu(void **state)
{
    (void) state;
    constants_vs_truth(1, 2, 1, 2, 1, 2, 1, 2);     /* relu, c0 = 1/2 */
    constants_vs_truth(1, 2, 1, 2, 1, 2, 0, 1);     /* relu, c0 = 0 */
    constants_vs_truth(1, 2, 1, 2, 1, 2, -9, 10);   /* relu, c0 = -0.9 */
}

static void
test_leaky(void **state)
{
    (void) state;
    /* leaky_relu:0.2 = 0.6 x + 0.4 |x|, Delta = 0.16/0.52 = 4/13 */
    constants_vs_truth(3, 5, 2, 5, 4, 13, 1, 2);
}

/* the value relu-eoc.md R6 gives from fits (C(1/2) = 1.1536306701) and
   Proposition N4's C' = gamma/4 - 1/8, gamma = C/A */
static void
test_published(void **state)
{
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rj = ntk_iter_rows_init(1);
    ntk_iter_jump_info_t ji;
    fmpz_t z;
    arb_t x;
    (void) state;
    fmpz_init(z);
    arb_init(x);
    ntk_iter_problem_init(pb);
    ntk_iter_jump_info_init(ji);
    relulike_eoc_problem(pb, 1, 2, 1, 2, 1, 1, 1, 2);
    fmpz_set_ui(z, 100000);
    assert_int_equal(ntk_iter_run_deep(rj, NULL, ji, pb, z, 1, 20, NTK_DEPTH_AUTO, 0, NULL),
                     NTK_SUCCESS);
    arb_set_str(x, "1.1536306701 +/- 1e-10", PREC);
    assert_true(arb_overlaps(x, ji->w_constant));
    /* C' - (C/(4A) - 1/8) = 0, A = 2/(3 pi): C/(4A) = 3 pi C / 8 */
    arb_const_pi(x, PREC);
    arb_mul(x, x, ji->w_constant, PREC);
    arb_mul_ui(x, x, 3, PREC);
    arb_mul_2exp_si(x, x, -3);
    arb_sub(x, ji->ntk_constant, x, PREC);
    arb_mul_2exp_si(x, x, 3);
    arb_add_si(x, x, 1, PREC);
    assert_true(arb_contains_zero(x));
    fmpz_clear(z);
    ntk_iter_rows_clear(rj, 1);
    ntk_iter_jump_info_clear(ji);
    ntk_iter_problem_clear(pb);
    arb_clear(x);
}

/* an erf (smooth) or elu problem at its EOC with sigma_b^2 = 1/25, q1 = q*,
   c0 = c0n/c0d */
static void
qstar_problem(ntk_iter_problem_t pb, const char *act, slong c0n, slong c0d)
{
    assert_int_equal(ntk_act_set_str(pb->act, act), NTK_SUCCESS);
    pb->eoc = 1;
    pb->q1_star = 1;
    fmpq_set_si(pb->sigma_b2, 1, 25);
    fmpq_set_si(pb->c0, c0n, c0d);
}

/* Cv and C' by direct iteration + extrapolation for erf at the EOC point
   (qs, sw2; midpoints used as exact), sigma_b^2 = 1/25, from c0 = c0n/c0d.
   E[erf(u) erf(v)] = (2/pi) asin(2 s12/sqrt((1 + 2 s11)(1 + 2 s22))), so
   with k = 2 q* / (1 + 2 q*) and a0 = sigma_w^2 (2/pi) / q*:
     g(eps) = 1 - f(1 - eps) = a0 (asin k - asin(k (1 - eps))),
     Dn = f'(c) = a0 k / sqrt(1 - k^2 c^2),
     f''(1) = a0 k^3 w^(-3/2), f'''(1) = a0 k^3 (w^(-3/2) + 3 k^2 w^(-5/2)),
   w = 1 - k^2; beta = 2/f''(1), lambda = 1 - 2 f'''(1)/(3 f''(1)^2)
   (proofs/smooth-eoc.md E3); zv = 1/eps - L/beta - (lambda/beta) ln L,
   zu = U - L/3 - (lambda/3) ln L */
static void
truth_erf(arb_t cv, arb_t errv, arb_t cu, arb_t erru, arb_t beta, const arb_t qs,
          const arb_t sw2, slong c0n, slong c0d)
{
    slong d[200], n = grid(d), k = 0;
    arb_ptr zv = _arb_vec_init(n), zu = _arb_vec_init(n);
    arb_t q, a0, kk, ask, w, f2, f3, lam, eps, U, c, t, s, Dn;
    arb_init(q); arb_init(a0); arb_init(kk); arb_init(ask); arb_init(w);
    arb_init(f2); arb_init(f3); arb_init(lam); arb_init(eps); arb_init(U);
    arb_init(c); arb_init(t); arb_init(s); arb_init(Dn);

    arb_set_arf(q, arb_midref(qs));
    arb_const_pi(a0, PREC);
    arb_div(a0, sw2, a0, PREC);
    arb_mul_2exp_si(a0, a0, 1);
    arb_div(a0, a0, q, PREC);
    mag_zero(arb_radref(a0));                  /* sigma_w^2 (2/pi) / q* */
    arb_mul_2exp_si(t, q, 1);
    arb_add_ui(s, t, 1, PREC);
    arb_div(kk, t, s, PREC);                   /* k = 2q/(1 + 2q) */
    arb_asin(ask, kk, PREC);
    arb_mul(w, kk, kk, PREC);
    arb_sub_si(w, w, 1, PREC);
    arb_neg(w, w);                             /* w = 1 - k^2 */
    arb_pow_ui(t, kk, 3, PREC);
    arb_mul(t, t, a0, PREC);                   /* a0 k^3 */
    arb_rsqrt(s, w, PREC);
    arb_pow_ui(s, s, 3, PREC);                 /* w^(-3/2) */
    arb_mul(f2, t, s, PREC);
    arb_mul(c, kk, kk, PREC);
    arb_mul_ui(c, c, 3, PREC);
    arb_div(c, c, w, PREC);
    arb_add_ui(c, c, 1, PREC);
    arb_mul(f3, f2, c, PREC);                  /* a0 k^3 w^(-3/2) (1 + 3 k^2/w) */
    arb_mul(t, f2, f2, PREC);
    arb_mul_ui(t, t, 3, PREC);
    arb_div(lam, f3, t, PREC);
    arb_mul_2exp_si(lam, lam, 1);
    arb_sub_si(lam, lam, 1, PREC);
    arb_neg(lam, lam);                         /* lambda */
    arb_set_ui(beta, 2);
    arb_div(beta, beta, f2, PREC);

    arb_set_si(U, c0n);
    arb_div_si(U, U, c0d, PREC);               /* U_1 = c0 */
    arb_sub_si(eps, U, 1, PREC);
    arb_neg(eps, eps);
    for (slong L = 1; L <= LMAX; L++)
    {
        if (k < n && d[k] == L)
        {
            arb_inv(zv + k, eps, PREC);
            arb_set_si(t, L);
            arb_div(s, t, beta, PREC);
            arb_sub(zv + k, zv + k, s, PREC);           /* - L/beta */
            arb_log(t, t, PREC);
            arb_mul(s, t, lam, PREC);
            arb_div(c, s, beta, PREC);
            arb_sub(zv + k, zv + k, c, PREC);           /* - (lambda/beta) ln L */
            arb_div_ui(s, s, 3, PREC);
            arb_sub(zu + k, U, s, PREC);                /* - (lambda/3) ln L */
            arb_set_si(t, L);
            arb_div_ui(t, t, 3, PREC);
            arb_sub(zu + k, zu + k, t, PREC);           /* - L/3 */
            k++;
        }
        /* Dn = f'(c), eps' = a0 (asin k - asin(k c)), U' = U Dn + 1 - eps' */
        arb_sub_si(c, eps, 1, PREC);
        arb_neg(c, c);
        arb_mul(c, c, kk, PREC);                        /* k c */
        arb_mul(t, c, c, PREC);
        arb_sub_si(t, t, 1, PREC);
        arb_neg(t, t);
        arb_rsqrt(t, t, PREC);
        arb_mul(Dn, t, kk, PREC);
        arb_mul(Dn, Dn, a0, PREC);
        arb_asin(s, c, PREC);
        arb_sub(eps, ask, s, PREC);
        arb_mul(eps, eps, a0, PREC);
        arb_mul(U, U, Dn, PREC);
        arb_add_si(U, U, 1, PREC);
        arb_sub(U, U, eps, PREC);
        mag_zero(arb_radref(eps));                      /* midpoints, as in truth() */
        mag_zero(arb_radref(U));
    }
    extrapolate(cv, errv, d, zv, n);
    extrapolate(cu, erru, d, zu, n);
    _arb_vec_clear(zv, n); _arb_vec_clear(zu, n);
    arb_clear(q); arb_clear(a0); arb_clear(kk); arb_clear(ask); arb_clear(w);
    arb_clear(f2); arb_clear(f3); arb_clear(lam); arb_clear(eps); arb_clear(U);
    arb_clear(c); arb_clear(t); arb_clear(s); arb_clear(Dn);
}

/* erf at its EOC (sigma_b = 0.2): the jump's Cv, C' (info, from the start
   L0 = 10^4) and ntk_iter_jump_constants_qstar from a row at 10^6 against
   truth_erf; the shift identity Cv(c1) = Cv(c0) + 1/beta */
static void
smooth_vs_truth(slong c0n, slong c0d)
{
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rj = ntk_iter_rows_init(2);
    ntk_iter_jump_info_t ji;
    ntk_iter_info_t info;
    fmpz *z = _fmpz_vec_init(2);
    arb_t cv, ev, cu, eu, x, y, beta;
    arb_init(cv); arb_init(ev); arb_init(cu); arb_init(eu);
    arb_init(x); arb_init(y); arb_init(beta);
    ntk_iter_problem_init(pb);
    ntk_iter_jump_info_init(ji);
    ntk_iter_info_init(info);
    qstar_problem(pb, "erf", c0n, c0d);

    fmpz_set_ui(z + 0, 1000000);
    fmpz_set_ui(z + 1, 1000001);
    assert_int_equal(ntk_iter_run_deep(rj, info, ji, pb, z, 2, 30, NTK_DEPTH_JUMP, 0, NULL),
                     NTK_SUCCESS);
    assert_false(arb_is_finite(ji->w_constant));      /* the ReLU-like one */
    truth_erf(cv, ev, cu, eu, beta, info->q_star, info->sigma_w2, c0n, c0d);
    assert_true(arf_cmpabs_2exp_si(arb_midref(ev), -40) < 0);
    assert_true(arf_cmpabs_2exp_si(arb_midref(eu), -35) < 0);
    check_close(ji->v_constant, cv, ev, "erf Cv of the jump info");
    check_close(ji->ntk_constant, cu, eu, "erf C' of the jump info");

    assert_int_equal(ntk_iter_jump_constants_qstar(x, y, pb, info->q_star, info->sigma_w2,
                                                   rj[0].eps, z + 0, 128), NTK_SUCCESS);
    check_close(x, cv, ev, "erf Cv from a row");
    check_close(y, cu, eu, "erf C' from a row");
    assert_true(arb_overlaps(x, ji->v_constant));
    assert_true(arb_overlaps(y, ji->ntk_constant));

    /* shift: eps_(L+1) read as a row at depth L: K + 1, Cv + 1/beta */
    assert_int_equal(ntk_iter_jump_constants_qstar(cv, NULL, pb, info->q_star, info->sigma_w2,
                                                   rj[1].eps, z + 0, 128), NTK_SUCCESS);
    arb_sub(cv, cv, x, PREC);
    arb_inv(beta, beta, PREC);
    assert_true(arb_overlaps(cv, beta));
    assert_true(mag_cmp_2exp_si(arb_radref(cv), -80) < 0);

    _fmpz_vec_clear(z, 2);
    ntk_iter_rows_clear(rj, 2);
    ntk_iter_jump_info_clear(ji);
    ntk_iter_info_clear(info);
    ntk_iter_problem_clear(pb);
    arb_clear(cv); arb_clear(ev); arb_clear(cu); arb_clear(eu);
    arb_clear(x); arb_clear(y); arb_clear(beta);
}

static void
test_smooth(void **state)
{
    (void) state;
    smooth_vs_truth(1, 2);
    smooth_vs_truth(-1, 2);
}

/* ELU (Lemma J17 (b)): from 40-digit jump rows at 4 depths per decade from
   10^9 to 10^18, zv = 1/eps - L/beta - d1 sqrt(L) - d2 ln L and zu = U - L/3
   - (pm1 - B1/3) sqrt(L/beta) - (B/6) ln L (d1 = -B1/beta^(3/2), d2 =
   B/(2 beta), the model's B1, B) extrapolated in half powers; the shift
   identity Cv(c1) = Cv(c0) + 1/beta */
static void
test_elu(void **state)
{
    enum { NE = 37 };
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rj = ntk_iter_rows_init(NE + 1);
    ntk_iter_jump_info_t ji;
    ntk_iter_info_t info;
    ntk_jump_elu_t J;
    fmpz *z = _fmpz_vec_init(NE + 1);
    slong d[NE];
    arb_ptr zv = _arb_vec_init(NE), zu = _arb_vec_init(NE);
    arb_t cv, ev, cu, eu, x, y, t, d1, d2, m1;
    (void) state;
    arb_init(cv); arb_init(ev); arb_init(cu); arb_init(eu);
    arb_init(x); arb_init(y); arb_init(t); arb_init(d1); arb_init(d2); arb_init(m1);
    ntk_iter_problem_init(pb);
    ntk_iter_jump_info_init(ji);
    ntk_iter_info_init(info);
    qstar_problem(pb, "elu", 1, 2);

    fmpz_set_ui(z + 0, 10000);                 /* 10^4 + 1 and 10^9 ... 10^18 */
    fmpz_add_ui(z + 0, z + 0, 1);
    for (slong i = 0; i < NE; i++)
    {
        d[i] = (slong) floor(pow(10.0, 9.0 + i / 4.0) + 0.5);
        fmpz_set_si(z + 1 + i, d[i]);
    }
    assert_int_equal(ntk_iter_run_deep(rj, info, ji, pb, z, NE + 1, 40, NTK_DEPTH_JUMP, 0,
                                       NULL), NTK_SUCCESS);
    assert_true(arb_is_finite(ji->v_constant));
    assert_false(arb_is_finite(ji->w_constant));
    ntk_jump_elu_init(J, info->q_star, info->sigma_w2, 12, PREC);
    /* d1 = -B1/A^(3/2), d2 = B/(2A), m1 = (pm1 - B1/3)/sqrt(A), A = beta */
    arb_rsqrt(t, J->A, PREC);
    arb_pow_ui(d1, t, 3, PREC);
    arb_mul(d1, d1, J->B1, PREC);
    arb_neg(d1, d1);
    arb_div(d2, J->B, J->A, PREC);
    arb_mul_2exp_si(d2, d2, -1);
    arb_div_ui(m1, J->B1, 3, PREC);
    arb_sub(m1, J->pm1, m1, PREC);
    arb_mul(m1, m1, t, PREC);
    for (slong i = 0; i < NE; i++)
    {
        arb_set_si(t, d[i]);
        arb_sqrt(y, t, PREC);
        arb_log(x, t, PREC);
        arb_inv(zv + i, rj[1 + i].eps, PREC);
        arb_div(t, t, J->A, PREC);
        arb_sub(zv + i, zv + i, t, PREC);
        arb_submul(zv + i, d1, y, PREC);
        arb_submul(zv + i, d2, x, PREC);
        arb_div(zu + i, rj[1 + i].theta12, info->q_star, PREC);
        arb_set_si(t, d[i]);
        arb_div_ui(t, t, 3, PREC);
        arb_sub(zu + i, zu + i, t, PREC);
        arb_submul(zu + i, m1, y, PREC);
        arb_div_ui(t, J->B, 6, PREC);
        arb_submul(zu + i, t, x, PREC);
        /* the data are balls (jump rows): extrapolate midpoints */
        mag_zero(arb_radref(zv + i));
        mag_zero(arb_radref(zu + i));
    }
    extrapolate_form(cv, ev, d, zv, NE, 6, 1);
    extrapolate_form(cu, eu, d, zu, NE, 6, 1);
    check_close(ji->v_constant, cv, ev, "elu Cv (jump rows, half powers)");
    check_close(ji->ntk_constant, cu, eu, "elu C' (jump rows, half powers)");

    /* shift: eps_(L0+1) read as a row at depth 10^4: Cv + 1/beta; and the
       constants from the row at 10^9 agree with the info's */
    fmpz_set_ui(z + 0, 10000);
    assert_int_equal(ntk_iter_jump_constants_qstar(x, y, pb, info->q_star, info->sigma_w2,
                                                   rj[0].eps, z + 0, 128), NTK_SUCCESS);
    arb_sub(x, x, ji->v_constant, PREC);
    arb_inv(t, J->A, PREC);
    assert_true(arb_overlaps(x, t));
    assert_int_equal(ntk_iter_jump_constants_qstar(x, y, pb, info->q_star, info->sigma_w2,
                                                   rj[1].eps, z + 1, 128), NTK_SUCCESS);
    assert_true(arb_overlaps(x, ji->v_constant));
    assert_true(arb_overlaps(y, ji->ntk_constant));
    assert_true(ntk_ball_digits(x) >= 25);

    ntk_jump_elu_clear(J);
    _fmpz_vec_clear(z, NE + 1);
    _arb_vec_clear(zv, NE); _arb_vec_clear(zu, NE);
    ntk_iter_rows_clear(rj, NE + 1);
    ntk_iter_jump_info_clear(ji);
    ntk_iter_info_clear(info);
    ntk_iter_problem_clear(pb);
    arb_clear(cv); arb_clear(ev); arb_clear(cu); arb_clear(eu);
    arb_clear(x); arb_clear(y); arb_clear(t); arb_clear(d1); arb_clear(d2); arb_clear(m1);
}

/* no constant: off the ReLU-like jump, eps = 0 exactly, shallow rows; the
   smooth jump and the direct run leave the info's ReLU-like constants
   indeterminate; ntk_iter_jump_constants_qstar off its jumps */
static void
test_domain(void **state)
{
    ntk_iter_problem_t pb;
    arb_t cw, cu, eps;
    fmpz_t L;
    (void) state;
    arb_init(cw); arb_init(cu); arb_init(eps);
    fmpz_init(L);
    ntk_iter_problem_init(pb);
    relulike_eoc_problem(pb, 1, 2, 1, 2, 1, 1, 1, 2);
    fmpz_set_ui(L, 100);
    arb_zero(eps);
    assert_int_equal(ntk_iter_jump_constants(cw, cu, pb, eps, L, 128), NTK_DOMAIN);
    assert_false(arb_is_finite(cw));
    arb_set_str(eps, "0.5", 128);                   /* t = 1/2 > 1/32 */
    assert_int_equal(ntk_iter_jump_constants(cw, cu, pb, eps, L, 128), NTK_UNABLE);
    assert_false(arb_is_finite(cu));
    arb_set_str(eps, "0.001 +/- 0.01", 128);        /* not certainly positive */
    assert_int_equal(ntk_iter_jump_constants(cw, cu, pb, eps, L, 128), NTK_UNABLE);
    arb_set_str(eps, "1e-6", 128);
    fmpz_zero(L);
    assert_int_equal(ntk_iter_jump_constants(cw, cu, pb, eps, L, 128), NTK_DOMAIN);
    fmpz_set_ui(L, 100);
    fmpq_set_si(pb->sigma_b2, 1, 100);              /* sigma_b > 0: no jump */
    assert_int_equal(ntk_iter_jump_constants(cw, cu, pb, eps, L, 128), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "relu"));
    ntk_iter_problem_clear(pb);

    /* smooth jump (erf at its EOC, q1 = q*) and direct runs: indeterminate */
    {
        ntk_iter_row_struct *rj = ntk_iter_rows_init(1);
        ntk_iter_jump_info_t ji;
        ntk_iter_problem_init(pb);
        ntk_iter_jump_info_init(ji);
        assert_int_equal(ntk_act_set_str(pb->act, "erf"), NTK_SUCCESS);
        pb->eoc = 1;
        pb->q1_star = 1;
        fmpq_set_si(pb->sigma_b2, 1, 25);
        fmpq_set_si(pb->c0, 1, 2);
        fmpz_set_ui(L, 20000);
        assert_int_equal(ntk_iter_run_deep(rj, NULL, ji, pb, L, 1, 10, NTK_DEPTH_JUMP, 1000, NULL),
                         NTK_SUCCESS);
        assert_int_equal(ji->used, NTK_DEPTH_JUMP);
        assert_false(arb_is_finite(ji->w_constant));
        assert_true(arb_is_finite(ji->v_constant));
        ntk_iter_problem_clear(pb);
        ntk_iter_problem_init(pb);
        relulike_eoc_problem(pb, 1, 2, 1, 2, 1, 1, 1, 2);
        fmpz_set_ui(L, 100);
        assert_int_equal(ntk_iter_run_deep(rj, NULL, ji, pb, L, 1, 10, NTK_DEPTH_AUTO, 0, NULL),
                         NTK_SUCCESS);
        assert_int_equal(ji->used, NTK_DEPTH_DIRECT);
        assert_false(arb_is_finite(ji->ntk_constant));
        assert_false(arb_is_finite(ji->v_constant));
        ntk_iter_rows_clear(rj, 1);
        ntk_iter_jump_info_clear(ji);
        ntk_iter_problem_clear(pb);
    }
    /* ntk_iter_jump_constants_qstar: not on a q* jump, eps = 0, L < 1,
       shallow or not certainly positive eps */
    {
        arb_t q, sw2;
        arb_init(q); arb_init(sw2);
        arb_set_str(q, "0.5", 128);
        arb_set_str(sw2, "1.3", 128);
        ntk_iter_problem_init(pb);
        relulike_eoc_problem(pb, 1, 2, 1, 2, 1, 1, 1, 2);
        arb_set_str(eps, "1e-6", 128);
        fmpz_set_ui(L, 100);
        assert_int_equal(ntk_iter_jump_constants_qstar(cw, cu, pb, q, sw2, eps, L, 128),
                         NTK_DOMAIN);
        assert_false(arb_is_finite(cw));
        assert_non_null(strstr(ntk_error_last(), "relu"));
        ntk_iter_problem_clear(pb);
        ntk_iter_problem_init(pb);
        qstar_problem(pb, "tanh", 1, 2);
        pb->q1_star = 0;                             /* q1 given: no jump */
        assert_int_equal(ntk_iter_jump_constants_qstar(cw, cu, pb, q, sw2, eps, L, 128),
                         NTK_DOMAIN);
        pb->q1_star = 1;
        arb_zero(eps);
        assert_int_equal(ntk_iter_jump_constants_qstar(cw, cu, pb, q, sw2, eps, L, 128),
                         NTK_DOMAIN);
        arb_set_str(eps, "1e-6", 128);
        fmpz_zero(L);
        assert_int_equal(ntk_iter_jump_constants_qstar(cw, cu, pb, q, sw2, eps, L, 128),
                         NTK_DOMAIN);
        fmpz_set_ui(L, 100);
        arb_set_str(eps, "0.001 +/- 0.01", 128);
        assert_int_equal(ntk_iter_jump_constants_qstar(cw, cu, pb, q, sw2, eps, L, 128),
                         NTK_UNABLE);
        ntk_iter_problem_clear(pb);
        ntk_iter_problem_init(pb);
        qstar_problem(pb, "elu", 1, 2);
        arb_set_str(eps, "0.5", 128);                /* s = 0.7: too shallow */
        assert_int_equal(ntk_iter_jump_constants_qstar(cw, cu, pb, q, sw2, eps, L, 128),
                         NTK_UNABLE);
        assert_false(arb_is_finite(cu));
        ntk_iter_problem_clear(pb);
        arb_clear(q); arb_clear(sw2);
    }
    arb_clear(cw); arb_clear(cu); arb_clear(eps);
    fmpz_clear(L);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relu),
        cmocka_unit_test(test_leaky),
        cmocka_unit_test(test_published),
        cmocka_unit_test(test_smooth),
        cmocka_unit_test(test_elu),
        cmocka_unit_test(test_domain),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
