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

void
ntk_jump_rl_phi(arb_t res, const ntk_jump_rl_t J, const arb_t t, slong prec)
{
    arb_t a, b;
    arb_init(a); arb_init(b);
    ntk_jump_poly_eval(a, J->c, 1, J->N, t, prec);
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
    ntk_jump_poly_eval(res, J->qh, 3, J->N, t, prec);
}

void
ntk_jump_rl_kappa(arb_t res, const ntk_jump_rl_t J, const arb_t t, slong prec)
{
    arb_t a, b;
    arb_init(a); arb_init(b);
    ntk_jump_poly_eval(a, J->p, 0, J->N, t, prec);
    ntk_jump_rl_qh(b, J, t, prec);
    arb_mul(b, b, J->q3, prec);
    arb_log(res, t, prec);
    arb_addmul(a, b, res, prec);
    arb_div(b, J->pm1, t, prec);
    arb_add(res, a, b, prec);
    arb_clear(a); arb_clear(b);
}

static void
phi_fn(arb_t res, const void *J, const arb_t t, slong prec)
{
    ntk_jump_rl_phi(res, (const ntk_jump_rl_struct *) J, t, prec);
}

static void
dphi_fn(arb_t res, const void *J, const arb_t t, slong prec)
{
    ntk_jump_rl_dphi(res, (const ntk_jump_rl_struct *) J, t, prec);
}

ntk_status
ntk_jump_rl_apply(arb_t t, arb_t U, const ntk_jump_rl_t J, const arb_t t0b,
                  const arb_t U0, const fmpz_t d, slong prec)
{
    arb_t P, a, b, e0;
    mag_t Alo, S, tmp2, eta;
    ntk_status st = NTK_SUCCESS;
    slong N = J->N;

    if (!mag_is_finite(J->Dphi) || !ntk_jump_in_domain(t0b, J->t0) || fmpz_sgn(d) <= 0)
        return ntk_error_set(NTK_UNABLE, "depth jump: the Abel model does not cover this start");

    arb_init(P); arb_init(a); arb_init(b); arb_init(e0);
    mag_init(Alo); mag_init(S); mag_init(tmp2); mag_init(eta);
    arb_get_mag_lower(Alo, J->A);

    /* Lemma J5: P = Phi(t_L0) + d +- Dphi S_(N+2) */
    ntk_jump_rl_phi(P, J, t0b, prec);
    arb_add_fmpz(P, P, d, prec);
    ntk_jump_tail_sum(S, J->t0, Alo, N + 2);
    mag_mul(S, S, J->Dphi);
    arb_add_error_mag(P, S);

    /* J6, from 1/(A t) = P */
    arb_set_arf(a, arb_midref(P));
    arb_mul(a, a, J->A, prec);
    arb_inv(a, a, prec);
    st = ntk_jump_newton(t, phi_fn, dphi_fn, J, P, a, J->t0, prec);
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
    {
        mag_t Sp, Sq;
        mag_init(Sp); mag_init(Sq);
        ntk_jump_tail_sum(S, J->t0, Alo, N - 1);
        ntk_jump_tail_sum(Sp, J->t0, Alo, N + 2);
        ntk_jump_tail_sum(Sq, J->t0, Alo, N + 1);
        ntk_jump_rl_kappa(a, J, t, prec);
        ntk_jump_ntk_assemble(U, a, e0, S, Sp, Sq, J->Dq, J->Dp, J->q3, J->t0, tmp2, prec);
        mag_clear(Sp); mag_clear(Sq);
    }

cleanup:
    arb_clear(P); arb_clear(a); arb_clear(b); arb_clear(e0);
    mag_clear(Alo); mag_clear(S); mag_clear(tmp2); mag_clear(eta);
    return st;
}
