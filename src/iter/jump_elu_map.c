/*
 * ELU's f''(1 - s^2) as a power series in s = sqrt(eps), and its size on a
 * complex circle (proofs/smooth-eoc.md Lemma E6 (b); proofs/fatou.md Lemma
 * J13):
 *   F(s) = sigma_w2 q [e^(q(2-s^2)) Q(sqrt(q)(2-s^2)) - s sqrt(2-s^2) I(s^2)/pi],
 *   I(z) = int_0^1 e^(q(2-z) z w/2) / (2 - z w) dy,  w = 1 - y^2,
 *        = sum_m M_m z^m P_m(z),  M_m = 4^m m!^2/(2m+1)!,
 *          P_m(z) = sum_{j<=m} (q/2)^j (2-z)^j / (j! 2^(m-j+1)).
 * F is analytic on |s| < sqrt 2; the jump (jump_elu.c) integrates it twice.
 */
#include "jump_impl.h"

#define ARCS 128
#define CIRCLE_PREC 64

void
ntk_jump_elu_fcoef(arb_ptr F, slong len, const arb_t q, const arb_t sigma_w2, slong prec)
{
    slong D = (len - 1) / 2, wp = prec + 10;
    arb_poly_t h2, X, E, R, S, Iz, Is, P, pw;
    arb_poly_struct *pws;
    arb_t t, M, qh, cf;

    if (len <= 0)
        return;
    arb_poly_init(h2); arb_poly_init(X); arb_poly_init(E); arb_poly_init(R);
    arb_poly_init(S); arb_poly_init(Iz); arb_poly_init(Is); arb_poly_init(P);
    arb_poly_init(pw);
    arb_init(t); arb_init(M); arb_init(qh); arb_init(cf);
    pws = flint_malloc(sizeof(arb_poly_struct) * (D + 1));

    /* h2 = 2 - s^2 */
    arb_poly_set_coeff_si(h2, 0, 2);
    arb_poly_set_coeff_si(h2, 2, -1);
    /* e^(q h2) Q(sqrt(q) h2), Q(x) = erfc(x / sqrt 2)/2 */
    arb_poly_scalar_mul(X, h2, q, wp);
    arb_poly_exp_series(E, X, len, wp);
    arb_mul_2exp_si(t, q, -1);
    arb_sqrt(t, t, wp);
    arb_poly_scalar_mul(X, h2, t, wp);
    arb_hypgeom_erfc_series(R, X, len, wp);
    arb_poly_scalar_mul_2exp_si(R, R, -1);
    arb_poly_mullow(E, E, R, len, wp);

    /* I(z) to degree D: (2 - z)^j, then sum_m M_m z^m P_m(z) */
    arb_mul_2exp_si(qh, q, -1);                       /* q/2 */
    for (slong j = 0; j <= D; j++)
    {
        arb_poly_init(pws + j);
        if (j == 0)
            arb_poly_one(pws + 0);
        else
        {
            arb_poly_zero(pw);
            arb_poly_set_coeff_si(pw, 0, 2);
            arb_poly_set_coeff_si(pw, 1, -1);
            arb_poly_mullow(pws + j, pws + j - 1, pw, D + 1, wp);
        }
    }
    arb_poly_zero(Iz);
    arb_one(M);
    for (slong m = 0; m <= D; m++)
    {
        if (m > 0)
        {
            /* M_m = M_(m-1) 2m/(2m+1) (Wallis) */
            arb_mul_ui(M, M, 2 * m, wp);
            arb_div_ui(M, M, 2 * m + 1, wp);
        }
        arb_poly_zero(P);
        arb_one(cf);
        for (slong j = 0; j <= m; j++)
        {
            /* cf = (q/2)^j / (j! 2^(m-j+1)) */
            if (j > 0)
            {
                arb_mul(cf, cf, qh, wp);
                arb_div_ui(cf, cf, j, wp);
            }
            arb_mul_2exp_si(t, cf, -(m - j + 1));
            arb_poly_scalar_mul(pw, pws + j, t, wp);
            arb_poly_add(P, P, pw, wp);
        }
        arb_poly_scalar_mul(P, P, M, wp);
        arb_poly_shift_left(P, P, m);
        arb_poly_truncate(P, D + 1);
        arb_poly_add(Iz, Iz, P, wp);
    }
    /* I(s^2), times s sqrt(2 - s^2) / pi */
    arb_poly_zero(Is);
    for (slong k = 0; k <= D && 2 * k < len; k++)
    {
        arb_poly_get_coeff_arb(t, Iz, k);
        arb_poly_set_coeff_arb(Is, 2 * k, t);
    }
    arb_poly_sqrt_series(S, h2, len, wp);
    arb_poly_mullow(S, S, Is, len, wp);
    arb_poly_shift_left(S, S, 1);
    arb_poly_truncate(S, len);
    arb_const_pi(t, wp);
    arb_poly_scalar_div(S, S, t, wp);
    arb_poly_sub(E, E, S, wp);
    arb_mul(t, sigma_w2, q, wp);
    arb_poly_scalar_mul(E, E, t, wp);
    for (slong k = 0; k < len; k++)
    {
        arb_poly_get_coeff_arb(t, E, k);
        arb_set_round(F + k, t, prec);
    }

    for (slong j = 0; j <= D; j++)
        arb_poly_clear(pws + j);
    flint_free(pws);
    arb_poly_clear(h2); arb_poly_clear(X); arb_poly_clear(E); arb_poly_clear(R);
    arb_poly_clear(S); arb_poly_clear(Iz); arb_poly_clear(Is); arb_poly_clear(P);
    arb_poly_clear(pw);
    arb_clear(t); arb_clear(M); arb_clear(qh); arb_clear(cf);
}

/* F on a complex ball s (|s| < sqrt 2): I(z) lies in the set of values of
   its integrand over w in [0, 1] (an integral over [0, 1] of values in a
   convex set), enclosed by evaluating the integrand at the real ball w =
   [0, 1] */
static void
elu_f_acb(acb_t res, const acb_t s, const arb_t q, const arb_t sigma_w2, slong prec)
{
    acb_t z, h2, e, Qv, sq, w, num, den;
    arb_t t;
    acb_init(z); acb_init(h2); acb_init(e); acb_init(Qv); acb_init(sq);
    acb_init(w); acb_init(num); acb_init(den);
    arb_init(t);
    acb_mul(z, s, s, prec);
    acb_sub_si(h2, z, 2, prec);
    acb_neg(h2, h2);                                  /* 2 - s^2 */
    acb_mul_arb(e, h2, q, prec);
    acb_exp(e, e, prec);
    arb_mul_2exp_si(t, q, -1);
    arb_sqrt(t, t, prec);
    acb_mul_arb(Qv, h2, t, prec);
    acb_hypgeom_erfc(Qv, Qv, prec);
    acb_mul_2exp_si(Qv, Qv, -1);
    acb_mul(e, e, Qv, prec);
    /* w = [0, 1] */
    acb_zero(w);
    arb_set_d(acb_realref(w), 0.5);
    mag_set_d(arb_radref(acb_realref(w)), 0.5);
    acb_mul(num, h2, z, prec);
    acb_mul(num, num, w, prec);
    acb_mul_arb(num, num, q, prec);
    acb_mul_2exp_si(num, num, -1);
    acb_exp(num, num, prec);
    acb_mul(den, z, w, prec);
    acb_sub_si(den, den, 2, prec);
    acb_neg(den, den);
    acb_div(num, num, den, prec);                     /* encloses I(z) */
    acb_sqrt(sq, h2, prec);
    acb_mul(sq, sq, s, prec);
    acb_mul(sq, sq, num, prec);
    arb_const_pi(t, prec);
    acb_div_arb(sq, sq, t, prec);
    acb_sub(res, e, sq, prec);
    arb_mul(t, sigma_w2, q, prec);
    acb_mul_arb(res, res, t, prec);
    acb_clear(z); acb_clear(h2); acb_clear(e); acb_clear(Qv); acb_clear(sq);
    acb_clear(w); acb_clear(num); acb_clear(den);
    arb_clear(t);
}

ntk_status
ntk_jump_elu_fbound(mag_t M, const mag_t r, const arb_t q, const arb_t sigma_w2, slong prec)
{
    slong wp = CIRCLE_PREC;
    acb_t s, f;
    mag_t t;
    acb_init(s); acb_init(f);
    mag_init(t);
    (void) prec;
    /* F has real coefficients: the upper half circle suffices (Lemma J4's
       covering: centres r e^(i pi (2j+1)/(2 ARCS)), radius r pi/(2 ARCS)) */
    mag_zero(M);
    for (slong j = 0; j < ARCS; j++)
    {
        ntk_jump_circle_ball(s, r, j, ARCS, wp);
        elu_f_acb(f, s, q, sigma_w2, wp);
        acb_get_mag(t, f);
        mag_max(M, M, t);
    }
    acb_clear(s); acb_clear(f);
    mag_clear(t);
    if (!mag_is_finite(M))
        return ntk_error_set(NTK_UNABLE, "ELU jump: f''(1 - s^2) not bounded on the circle |s| = r");
    return NTK_SUCCESS;
}
