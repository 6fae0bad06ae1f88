/*
 * Helpers shared by the depth jumps (jump_rl.c, jump_smooth.c,
 * jump_elu*.c): polynomial evaluation, majorant sums, the domain test and
 * the interval Newton inversion of a decreasing Abel coordinate
 * (proofs/fatou.md, Lemma J6).
 */
#include "jump_impl.h"

void
ntk_jump_poly_eval(arb_t res, const arb_struct *c, slong lo, slong N, const arb_t t,
                   slong prec)
{
    arb_zero(res);
    for (slong k = N; k >= lo; k--)
    {
        arb_mul(res, res, t, prec);
        arb_add(res, res, c + k, prec);
    }
    if (lo > 0)
    {
        arb_t p;
        arb_init(p);
        arb_pow_ui(p, t, lo, prec);
        arb_mul(res, res, p, prec);
        arb_clear(p);
    }
}

void
ntk_jump_acb_horner(acb_t res, const arb_struct *c, slong len, const acb_t x, slong prec)
{
    acb_zero(res);
    for (slong j = len - 1; j >= 0; j--)
    {
        acb_mul(res, res, x, prec);
        arb_add(acb_realref(res), acb_realref(res), c + j, prec);
    }
}

void
ntk_jump_abs_sum(mag_t res, const arb_struct *c, slong lo, slong hi, const mag_t x, slong sh,
                 int wj)
{
    mag_t t, m;
    mag_init(t); mag_init(m);
    mag_zero(res);
    for (slong j = lo; j <= hi; j++)
    {
        arb_get_mag(m, c + j);
        mag_pow_ui(t, x, j - sh);
        mag_mul(t, t, m);
        if (wj)
            mag_mul_ui(t, t, j);
        mag_add(res, res, t);
    }
    mag_clear(t); mag_clear(m);
}

int
ntk_jump_in_domain(const arb_t x, const mag_t x0)
{
    arf_t u;
    int ok;
    if (!arb_is_positive(x))
        return 0;
    arf_init(u);
    arb_get_ubound_arf(u, x, MAG_BITS);
    ok = arf_cmpabs_mag(u, x0) <= 0;
    arf_clear(u);
    return ok;
}

ntk_status
ntk_jump_newton(arb_t x, ntk_jump_fn phi, ntk_jump_fn dphi, const void *model,
                const arb_t P, const arb_t start, const mag_t x0, slong prec)
{
    arb_t m, f, d, X, Y, Pm;
    mag_t r, e;
    ntk_status st = NTK_UNABLE;

    arb_init(m); arb_init(f); arb_init(d); arb_init(X); arb_init(Y); arb_init(Pm);
    mag_init(r); mag_init(e);

    /* Newton at midpoints */
    arb_set_arf(Pm, arb_midref(P));
    arb_set(m, start);
    mag_zero(arb_radref(m));
    for (slong it = 0; it < 100; it++)
    {
        phi(f, model, m, prec);
        arb_sub(f, f, Pm, prec);
        dphi(d, model, m, prec);
        arb_div(f, f, d, prec);
        arb_sub(m, m, f, prec);
        mag_zero(arb_radref(m));
        /* stop when the step is below 2^-(prec+8) relative */
        arb_get_mag(e, f);
        arb_get_mag_lower(r, m);
        mag_mul_2exp_si(r, r, -prec - 8);
        if (mag_cmp(e, r) <= 0)
            break;
    }
    if (!arb_is_positive(m))
        goto cleanup;

    /* X = m +- r, r from the expected radius: (rad(P) + rad(Phi(m)))/|Phi'(m)|
       + 2^-prec m (rad(Phi(m)): the radii of the coefficients, which dominate
       at large depths when q* is a wide ball); the test
       N(X) = m - (Phi(m) - P)/Phi'(X) subset of X (Lemma J6) */
    dphi(d, model, m, prec);
    arb_get_mag_lower(e, d);
    phi(f, model, m, prec);
    mag_add(r, arb_radref(P), arb_radref(f));
    mag_div(r, r, e);
    arb_get_mag(e, m);
    mag_mul_2exp_si(e, e, -prec + 4);
    mag_add(r, r, e);
    mag_mul_2exp_si(r, r, 1);
    for (int tries = 0; tries < 12; tries++)
    {
        arb_set(X, m);
        mag_set(arb_radref(X), r);
        if (!ntk_jump_in_domain(X, x0))
            break;
        dphi(d, model, X, prec);
        phi(f, model, m, prec);
        arb_sub(f, f, P, prec);
        arb_div(f, f, d, prec);
        arb_sub(Y, m, f, prec);
        if (arb_contains(X, Y))
        {
            arb_set(x, Y);
            st = NTK_SUCCESS;
            break;
        }
        mag_mul_2exp_si(r, r, 2);
    }

cleanup:
    if (st != NTK_SUCCESS)
        ntk_error_set(NTK_UNABLE, "depth jump: interval Newton did not contract (precision %ld bits)",
                      (long) prec);
    arb_clear(m); arb_clear(f); arb_clear(d); arb_clear(X); arb_clear(Y); arb_clear(Pm);
    mag_clear(r); mag_clear(e);
    return st;
}

void
ntk_jump_circle_ball(acb_t s, const mag_t rho, slong j, slong arcs, slong prec)
{
    arb_t phi, sn, cs, y;
    mag_t ar;
    arb_init(phi); arb_init(sn); arb_init(cs); arb_init(y);
    mag_init(ar);
    arb_const_pi(phi, prec);
    arb_mul_ui(phi, phi, 2 * j + 1, prec);
    arb_div_ui(phi, phi, 2 * arcs, prec);
    arb_sin_cos(sn, cs, phi, prec);
    arf_set_mag(arb_midref(y), rho);
    mag_zero(arb_radref(y));
    arb_mul(acb_realref(s), cs, y, prec);
    arb_mul(acb_imagref(s), sn, y, prec);
    mag_set_d(ar, 3.1416 / (2.0 * arcs));
    mag_mul(ar, ar, rho);
    acb_add_error_mag(s, ar);
    arb_clear(phi); arb_clear(sn); arb_clear(cs); arb_clear(y);
    mag_clear(ar);
}

void
ntk_jump_ntk_assemble(arb_t U, const arb_t kappaL, const arb_t e0, const mag_t Sh,
                      const mag_t Sp, const mag_t Sq, const mag_t Dq, const mag_t Dp,
                      const arb_t q, const mag_t x0, const mag_t lamdn, slong prec)
{
    arb_t e, a, b;
    mag_t S, t;
    arb_init(e); arb_init(a); arb_init(b);
    mag_init(S); mag_init(t);
    /* homogeneous: e0 e^[-sg, sg] subset of e0 (1 +- (e^sg - 1)),
       sg = 2 Dq Sh/(lam dnmin) (1/(1 - eta) <= 2) */
    mag_mul(S, Sh, Dq);
    mag_div(S, S, lamdn);
    mag_mul_2exp_si(S, S, 1);
    mag_expm1(S, S);
    arb_get_mag(t, e0);
    mag_mul(t, t, S);
    arb_set(e, e0);
    arb_add_error_mag(e, t);
    /* particular: kappa(x_L) +- (Dp Sp + |q| Dq x0 ln(1/x0) Sq) */
    arb_add(U, kappaL, e, prec);
    mag_mul(S, Sp, Dp);
    arf_set_mag(arb_midref(a), x0);
    mag_zero(arb_radref(a));
    arb_log(b, a, MAG_BITS);
    arb_mul(b, b, a, MAG_BITS);
    arb_mul(b, b, q, MAG_BITS);
    arb_get_mag(t, b);
    mag_mul(t, t, Dq);
    mag_mul(t, t, Sq);
    mag_add(S, S, t);
    arb_add_error_mag(U, S);
    arb_clear(e); arb_clear(a); arb_clear(b);
    mag_clear(S); mag_clear(t);
}

void
ntk_jump_cauchy(mag_t D, const mag_t M, const mag_t rho, slong e)
{
    mag_t r;
    mag_init(r);
    mag_pow_ui_lower(r, rho, e);
    mag_div(D, M, r);
    mag_mul_ui(D, D, 8);
    mag_div_ui(D, D, 7);
    mag_clear(r);
}

void
ntk_jump_write_row(ntk_iter_row_t row, const fmpz_t L, const arb_t eps, const arb_t U,
                   const arb_t q, slong prec)
{
    row->depth = fmpz_fits_si(L) ? fmpz_get_si(L) : 0;
    arb_set_round(row->eps, eps, prec);
    ntk_iter_clamp_eps(row->eps, prec);
    arb_sub_si(row->c, row->eps, 1, prec);
    arb_neg(row->c, row->c);
    arb_set(row->sigma11, q);
    arb_mul(row->sigma12, q, row->c, prec);
    arb_set_fmpz(row->theta11, L);
    arb_mul(row->theta11, row->theta11, q, prec);
    arb_mul(row->theta12, q, U, prec);
}
