/*
 * The ReLU-like depth jump (proofs/fatou.md Lemmas J5, J6, J8):
 *   Phi(t_L) in Phi(t_L0) + (L - L0) +- Dphi S_(N+2)               (J5)
 *   t_L = the root of Phi(t) = P in (0, t0], by interval Newton      (J6)
 *   U_L in kappa(t_L) + (U_L0 - kappa(t_L0)) Qh(t_L)/Qh(t_L0) e^[-s, s]
 *          +- (Dp S_(N+2) + |q3| Dq t0 ln(1/t0) S_(N+1))             (J8)
 * with S_m >= sum_{j >= L0} t_j^m (Lemma J2, ntk_jump_tail_sum) and
 * s = Dq S_(N-1) / (lam dnmin (1 - eta)), eta = Dq t0^(N-1)/(lam dnmin).
 */
#include "jump_impl.h"

/* sum_{k=lo}^{N} c[k] t^k (Horner) */
static void
poly_eval(arb_t res, const arb_struct *c, slong lo, slong N, const arb_t t,
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
ntk_jump_rl_phi(arb_t res, const ntk_jump_rl_t J, const arb_t t, slong prec)
{
    arb_t a, b;
    arb_init(a); arb_init(b);
    poly_eval(a, J->c, 1, J->N, t, prec);
    arb_log(b, t, prec);
    arb_addmul(a, b, J->B, prec);
    arb_mul(b, J->A, t, prec);
    arb_inv(b, b, prec);
    arb_add(res, a, b, prec);
    arb_clear(a); arb_clear(b);
}

void
ntk_jump_rl_dphi(arb_t res, const ntk_jump_rl_t J, const arb_t t, slong prec)
{
    arb_t a, b;
    arb_init(a); arb_init(b);
    /* sum k c_k t^(k-1) */
    arb_zero(a);
    for (slong k = J->N; k >= 1; k--)
    {
        arb_mul(a, a, t, prec);
        arb_addmul_si(a, J->c + k, k, prec);
    }
    arb_div(b, J->B, t, prec);
    arb_add(a, a, b, prec);
    arb_mul(b, t, t, prec);
    arb_mul(b, b, J->A, prec);
    arb_inv(b, b, prec);
    arb_sub(res, a, b, prec);
    arb_clear(a); arb_clear(b);
}

void
ntk_jump_rl_qh(arb_t res, const ntk_jump_rl_t J, const arb_t t, slong prec)
{
    poly_eval(res, J->qh, 3, J->N, t, prec);
}

void
ntk_jump_rl_kappa(arb_t res, const ntk_jump_rl_t J, const arb_t t, slong prec)
{
    arb_t a, b;
    arb_init(a); arb_init(b);
    poly_eval(a, J->p, 0, J->N, t, prec);
    ntk_jump_rl_qh(b, J, t, prec);
    arb_mul(b, b, J->q3, prec);
    arb_log(res, t, prec);
    arb_addmul(a, b, res, prec);
    arb_div(b, J->pm1, t, prec);
    arb_add(res, a, b, prec);
    arb_clear(a); arb_clear(b);
}

/* t with Phi(t) = P: Newton at midpoints, then the interval Newton test
   N(X) = m - (Phi(m) - P)/Phi'(X) subset of X (Lemma J6) */
static ntk_status
phi_solve(arb_t t, const ntk_jump_rl_t J, const arb_t P, slong prec)
{
    arb_t m, f, d, X, Y, Pm;
    mag_t r, e;
    ntk_status st = NTK_UNABLE;

    arb_init(m); arb_init(f); arb_init(d); arb_init(X); arb_init(Y); arb_init(Pm);
    mag_init(r); mag_init(e);

    arb_set_arf(Pm, arb_midref(P));
    /* start: 1/(A t) = P */
    arb_mul(m, J->A, Pm, prec);
    arb_inv(m, m, prec);
    mag_zero(arb_radref(m));
    for (slong it = 0; it < 100; it++)
    {
        ntk_jump_rl_phi(f, J, m, prec);
        arb_sub(f, f, Pm, prec);
        ntk_jump_rl_dphi(d, J, m, prec);
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

    /* X = m +- r, r from the expected radius: rad(P)/|Phi'(m)| + 2^-prec m */
    ntk_jump_rl_dphi(d, J, m, prec);
    arb_get_mag_lower(e, d);
    mag_div(r, arb_radref(P), e);
    arb_get_mag(e, m);
    mag_mul_2exp_si(e, e, -prec + 4);
    mag_add(r, r, e);
    mag_mul_2exp_si(r, r, 1);
    for (int tries = 0; tries < 12; tries++)
    {
        arb_set(X, m);
        mag_set(arb_radref(X), r);
        if (!ntk_jump_in_domain(X, J->t0))
            break;
        ntk_jump_rl_dphi(d, J, X, prec);
        ntk_jump_rl_phi(f, J, m, prec);
        arb_sub(f, f, P, prec);
        arb_div(f, f, d, prec);
        arb_sub(Y, m, f, prec);
        if (arb_contains(X, Y))
        {
            arb_set(t, Y);
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

ntk_status
ntk_jump_rl_apply(arb_t t, arb_t U, const ntk_jump_rl_t J, const arb_t t0b,
                  const arb_t U0, const fmpz_t d, slong prec)
{
    arb_t P, a, b, e0;
    mag_t Alo, S, tmp, tmp2, eta;
    ntk_status st = NTK_SUCCESS;
    slong N = J->N;

    if (!mag_is_finite(J->Dphi) || !ntk_jump_in_domain(t0b, J->t0) || fmpz_sgn(d) <= 0)
        return ntk_error_set(NTK_UNABLE, "depth jump: the Abel model does not cover this start");

    arb_init(P); arb_init(a); arb_init(b); arb_init(e0);
    mag_init(Alo); mag_init(S); mag_init(tmp); mag_init(tmp2); mag_init(eta);
    arb_get_mag_lower(Alo, J->A);

    /* Lemma J5: P = Phi(t_L0) + d +- Dphi S_(N+2) */
    ntk_jump_rl_phi(P, J, t0b, prec);
    arb_add_fmpz(P, P, d, prec);
    ntk_jump_tail_sum(S, J->t0, Alo, N + 2);
    mag_mul(S, S, J->Dphi);
    arb_add_error_mag(P, S);

    st = phi_solve(t, J, P, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;

    if (U == NULL)
        goto cleanup;

    /* Lemma J8: homogeneous part */
    ntk_jump_rl_kappa(e0, J, t0b, prec);
    arb_sub(e0, U0, e0, prec);                      /* U_L0 - kappa(t_L0) */
    ntk_jump_rl_qh(a, J, t, prec);
    ntk_jump_rl_qh(b, J, t0b, prec);
    arb_div(a, a, b, prec);
    arb_mul(e0, e0, a, prec);
    /* e^[-s, s]: eta = Dq t0^(N-1)/(lam dnmin) < 1/2, s = Dq S_(N-1)/(lam dnmin (1 - eta)) */
    mag_mul(tmp2, J->lam, J->dnmin);
    mag_pow_ui(eta, J->t0, N - 1);
    mag_mul(eta, eta, J->Dq);
    mag_div(eta, eta, tmp2);
    if (mag_cmp_2exp_si(eta, -1) > 0)
    {
        st = ntk_error_set(NTK_UNABLE, "depth jump: homogeneous defect too large");
        goto cleanup;
    }
    ntk_jump_tail_sum(S, J->t0, Alo, N - 1);
    mag_mul(S, S, J->Dq);
    mag_div(S, S, tmp2);
    mag_mul_2exp_si(S, S, 1);                        /* 1/(1 - eta) <= 2 */
    /* e^[-s, s] - 1 subset of [-(e^s - 1), e^s - 1]: e0 (1 +- (e^s - 1)) */
    mag_expm1(S, S);
    arb_get_mag(tmp, e0);
    mag_mul(tmp, tmp, S);
    arb_add_error_mag(e0, tmp);

    /* particular part and its defect */
    ntk_jump_rl_kappa(U, J, t, prec);
    arb_add(U, U, e0, prec);
    ntk_jump_tail_sum(S, J->t0, Alo, N + 2);
    mag_mul(S, S, J->Dp);
    /* |q3| Dq t0 ln(1/t0) S_(N+1) */
    arf_set_mag(arb_midref(a), J->t0);
    mag_zero(arb_radref(a));
    arb_log(b, a, MAG_BITS);
    arb_neg(b, b);
    arb_mul(b, b, a, MAG_BITS);
    arb_mul(b, b, J->q3, MAG_BITS);
    arb_get_mag(tmp, b);
    mag_mul(tmp, tmp, J->Dq);
    ntk_jump_tail_sum(tmp2, J->t0, Alo, N + 1);
    mag_mul(tmp, tmp, tmp2);
    mag_add(S, S, tmp);
    arb_add_error_mag(U, S);

cleanup:
    arb_clear(P); arb_clear(a); arb_clear(b); arb_clear(e0);
    mag_clear(Alo); mag_clear(S); mag_clear(tmp); mag_clear(tmp2); mag_clear(eta);
    return st;
}
