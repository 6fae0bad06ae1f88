/*
 * The ELU depth jump at q* on the EOC (proofs/fatou.md, Lemma J16), in
 * s = sqrt(eps):
 *   Phi(s_L) in Phi(s_L0) + (L - L0) +- Dphi T_(N+3)                    (J5)
 *   s_L = the root of Phi(s) = P in (0, s0], by interval Newton          (J6)
 *   U_L in kappa(s_L) + (U_L0 - kappa(s_L0)) Qh(s_L)/Qh(s_L0) e^[-sg, sg]
 *          +- (Dp T_(N+3) + |q4| Dq s0 ln(1/s0) T_(N+2))                (J8)
 * with T_m = s0^m + 2 s0^(m-2)/(alpha (m - 2)) >= sum_{j >= L0} s_j^m
 * (Lemma J15) and sg = 2 Dq T_(N-1)/(lam dnmin).  The constants of the
 * orbit (Cv of 1/eps_L, Cu of Theta12/q*): Lemma J17 (b).
 */
#include <math.h>
#include "jump_impl.h"

void
ntk_jump_elu_phi(arb_t res, const ntk_jump_elu_t J, const arb_t s, slong prec)
{
    arb_t a, b;
    arb_init(a); arb_init(b);
    ntk_jump_poly_eval(a, J->c, 1, J->N, s, prec);
    arb_log(b, s, prec);
    arb_addmul(a, b, J->B, prec);
    arb_div(b, J->B1, s, prec);
    arb_add(a, a, b, prec);
    arb_mul(b, s, s, prec);
    arb_div(b, J->A, b, prec);
    arb_add(res, a, b, prec);
    arb_clear(a); arb_clear(b);
}

void
ntk_jump_elu_dphi(arb_t res, const ntk_jump_elu_t J, const arb_t s, slong prec)
{
    arb_t a, b, s2;
    arb_init(a); arb_init(b); arb_init(s2);
    /* sum k c_k s^(k-1) + B/s - B1/s^2 - 2A/s^3 */
    arb_zero(a);
    for (slong k = J->N; k >= 1; k--)
    {
        arb_mul(a, a, s, prec);
        arb_addmul_si(a, J->c + k, k, prec);
    }
    arb_div(b, J->B, s, prec);
    arb_add(a, a, b, prec);
    arb_mul(s2, s, s, prec);
    arb_div(b, J->B1, s2, prec);
    arb_sub(a, a, b, prec);
    arb_mul(s2, s2, s, prec);
    arb_div(b, J->A, s2, prec);
    arb_mul_2exp_si(b, b, 1);
    arb_sub(res, a, b, prec);
    arb_clear(a); arb_clear(b); arb_clear(s2);
}

void
ntk_jump_elu_qh(arb_t res, const ntk_jump_elu_t J, const arb_t s, slong prec)
{
    ntk_jump_poly_eval(res, J->qh, 4, J->N, s, prec);
}

void
ntk_jump_elu_kappa(arb_t res, const ntk_jump_elu_t J, const arb_t s, slong prec)
{
    arb_t a, b;
    arb_init(a); arb_init(b);
    ntk_jump_poly_eval(a, J->p, 0, J->N, s, prec);
    ntk_jump_elu_qh(b, J, s, prec);
    arb_mul(b, b, J->q4, prec);
    arb_log(res, s, prec);
    arb_addmul(a, b, res, prec);
    arb_div(b, J->pm1, s, prec);
    arb_add(a, a, b, prec);
    arb_mul(b, s, s, prec);
    arb_div(b, J->pm2, b, prec);
    arb_add(res, a, b, prec);
    arb_clear(a); arb_clear(b);
}

/* T_m >= sum_{j >= L0} s_j^m, m >= 3: 1/s_j^2 >= 1/s0^2 + alpha (j - L0) gives
   sum (w0 + alpha i)^(-m/2) <= s0^m + int_0^oo (w0 + alpha x)^(-m/2) dx
   (Lemma J15) */
static void
tail_s(mag_t res, const mag_t s0, const mag_t alpha, slong m)
{
    mag_t t;
    mag_init(t);
    mag_pow_ui(res, s0, m - 2);
    mag_mul_ui(res, res, 2);
    mag_div(res, res, alpha);
    mag_div_ui(res, res, m - 2);
    mag_pow_ui(t, s0, m);
    mag_add(res, res, t);
    mag_clear(t);
}

static void
phi_fn(arb_t res, const void *J, const arb_t s, slong prec)
{
    ntk_jump_elu_phi(res, (const ntk_jump_elu_struct *) J, s, prec);
}

static void
dphi_fn(arb_t res, const void *J, const arb_t s, slong prec)
{
    ntk_jump_elu_dphi(res, (const ntk_jump_elu_struct *) J, s, prec);
}

ntk_status
ntk_jump_elu_apply(arb_t s, arb_t U, const ntk_jump_elu_t J, const arb_t s0b,
                   const arb_t U0, const fmpz_t d, slong prec)
{
    arb_t P, a, b, e0;
    mag_t S, tmp2, eta;
    ntk_status st = NTK_SUCCESS;
    slong N = J->N;

    if (!mag_is_finite(J->Dphi) || !ntk_jump_in_domain(s0b, J->s0) || fmpz_sgn(d) <= 0)
        return ntk_error_set(NTK_UNABLE, "ELU jump: the Abel model does not cover this start");

    arb_init(P); arb_init(a); arb_init(b); arb_init(e0);
    mag_init(S); mag_init(tmp2); mag_init(eta);

    /* J5: P = Phi(s_L0) + d +- Dphi T_(N+3) */
    ntk_jump_elu_phi(P, J, s0b, prec);
    arb_add_fmpz(P, P, d, prec);
    tail_s(S, J->s0, J->alpha, N + 3);
    mag_mul(S, S, J->Dphi);
    arb_add_error_mag(P, S);

    /* J6: start at s = sqrt(A/P) */
    arb_set_arf(a, arb_midref(P));
    arb_div(a, J->A, a, prec);
    arb_sqrt(a, a, prec);
    st = ntk_jump_newton(s, phi_fn, dphi_fn, J, P, a, J->s0, prec);
    if (st != NTK_SUCCESS || U == NULL)
        goto cleanup;

    /* J8: homogeneous part (U_L0 - kappa(s_L0)) Qh(s_L)/Qh(s_L0) e^[-sg, sg] */
    ntk_jump_elu_kappa(e0, J, s0b, prec);
    arb_sub(e0, U0, e0, prec);
    ntk_jump_elu_qh(a, J, s, prec);
    ntk_jump_elu_qh(b, J, s0b, prec);
    arb_div(a, a, b, prec);
    arb_mul(e0, e0, a, prec);
    mag_mul(tmp2, J->lam, J->dnmin);
    mag_pow_ui(eta, J->s0, N - 1);
    mag_mul(eta, eta, J->Dq);
    mag_div(eta, eta, tmp2);
    if (mag_cmp_2exp_si(eta, -1) > 0)
    {
        st = ntk_error_set(NTK_UNABLE, "ELU jump: homogeneous defect too large");
        goto cleanup;
    }
    /* e0 e^[-sg, sg] + kappa(s_L) +- (Dp T_(N+3) + |q4| Dq s0 ln(1/s0) T_(N+2)) */
    {
        mag_t Sp, Sq;
        mag_init(Sp); mag_init(Sq);
        tail_s(S, J->s0, J->alpha, N - 1);
        tail_s(Sp, J->s0, J->alpha, N + 3);
        tail_s(Sq, J->s0, J->alpha, N + 2);
        ntk_jump_elu_kappa(a, J, s, prec);
        ntk_jump_ntk_assemble(U, a, e0, S, Sp, Sq, J->Dq, J->Dp, J->q4, J->s0, tmp2, prec);
        mag_clear(Sp); mag_clear(Sq);
    }

cleanup:
    arb_clear(P); arb_clear(a); arb_clear(b); arb_clear(e0);
    mag_clear(S); mag_clear(tmp2); mag_clear(eta);
    return st;
}

ntk_status
ntk_jump_elu_const(arb_t cv, arb_t cu, const ntk_jump_elu_t J, const arb_t sb,
                   const fmpz_t L1, slong prec)
{
    arb_t K, x;
    mag_t S;
    if (cv != NULL)
        arb_indeterminate(cv);
    if (cu != NULL)
        arb_indeterminate(cu);
    if (!mag_is_finite(J->Dphi) || !ntk_jump_in_domain(sb, J->s0))
        return ntk_error_set(NTK_UNABLE, "orbit constants: the ELU Abel model does not cover "
                             "s = sqrt(eps) at this depth");
    arb_init(K); arb_init(x);
    mag_init(S);
    /* K in Phi(s_L1) - L1 +- Dphi T_(N+3) (Lemmas J15, J16, J17 (b)) */
    ntk_jump_elu_phi(K, J, sb, prec);
    arb_sub_fmpz(K, K, L1, prec);
    tail_s(S, J->s0, J->alpha, J->N + 3);
    mag_mul(S, S, J->Dphi);
    arb_add_error_mag(K, S);
    /* Cv = (K - (B/2) ln A + B1^2/(2A))/A */
    arb_log(x, J->A, prec);
    arb_mul(x, x, J->B, prec);
    arb_mul_2exp_si(x, x, -1);
    arb_sub(K, K, x, prec);
    arb_mul(x, J->B1, J->B1, prec);
    arb_div(x, x, J->A, prec);
    arb_mul_2exp_si(x, x, -1);
    arb_add(K, K, x, prec);
    arb_div(K, K, J->A, prec);
    /* Cu = pm2 Cv - pm1 B1/(2A) + p_0 */
    if (cu != NULL)
    {
        arb_mul(x, J->pm1, J->B1, prec);
        arb_div(x, x, J->A, prec);
        arb_mul_2exp_si(x, x, -1);
        arb_sub(x, J->p + 0, x, prec);
        arb_addmul(x, K, J->pm2, prec);
        arb_swap(cu, x);
    }
    if (cv != NULL)
        arb_swap(cv, K);
    arb_clear(K); arb_clear(x);
    mag_clear(S);
    return NTK_SUCCESS;
}

int
ntk_jump_elu_applies(const ntk_iter_problem_t pb)
{
    return pb->eoc && pb->q1_star && pb->act->kind == NTK_ACT_ELU
           && fmpq_is_one(pb->act->alpha);
}

/* the certified model for the orbit from s_L <= s0 (Lemma J16's use): N from
   (4 s0)^(N+3) < 2^-(prec+10), at least 8, raised by half (at most twice)
   while the J5 tail exceeds 2^-(prec+4) L; J is initialized on NTK_SUCCESS
   only */
static ntk_status
elu_build(ntk_jump_elu_t J, const arb_t qstar, const arb_t sigma_w2, const mag_t s0,
          const fmpz_t L, slong prec)
{
    slong N, wp = prec + 16;
    mag_t S, Lm;
    double bpo;
    ntk_status st = NTK_SUCCESS;
    int have_J = 0;

    mag_init(S); mag_init(Lm);
    mag_set_fmpz_lower(Lm, L);
    bpo = -2.0 - mag_get_d_log2_approx(s0);
    if (bpo < 3.0)
    {
        char *s = fmpz_get_str(NULL, 10, L);
        st = ntk_error_set(NTK_UNABLE, "ELU jump: depth %s too shallow", s);
        flint_free(s);
        goto cleanup;
    }
    N = FLINT_MAX(8, (slong) ceil((prec + 10) / bpo) - 2);
    for (int tries = 0; tries < 3; tries++)
    {
        if (have_J)
            ntk_jump_elu_clear(J);
        ntk_jump_elu_init(J, qstar, sigma_w2, N, wp);
        have_J = 1;
        st = ntk_jump_elu_bound(J, s0, wp);
        if (st != NTK_SUCCESS)
            goto cleanup;
        tail_s(S, J->s0, J->alpha, N + 3);
        mag_mul(S, S, J->Dphi);
        mag_div(S, S, Lm);
        if (mag_cmp_2exp_si(S, -prec - 4) <= 0)
            break;
        {
            char *s = fmpz_get_str(NULL, 10, L);
            st = ntk_error_set(NTK_UNABLE, "ELU jump: Abel model too weak at depth %s", s);
            flint_free(s);
        }
        N += N / 2;
    }

cleanup:
    if (st != NTK_SUCCESS && have_J)
        ntk_jump_elu_clear(J);
    mag_clear(S); mag_clear(Lm);
    return st;
}

ntk_status
ntk_jump_elu_rows(ntk_iter_row_struct *rows, slong *order, arb_t cv, arb_t cu,
                  const ntk_iter_problem_t pb, const fmpz *depths, slong n, slong L0,
                  const arb_t eps0, const arb_t theta12, const arb_t qstar,
                  const arb_t sigma_w2, slong prec)
{
    ntk_jump_elu_t J;
    arb_t s0b, U0, s, U;
    mag_t s0;
    fmpz_t d;
    slong wp = prec + 16, i;
    ntk_status st = NTK_SUCCESS;

    arb_init(s0b); arb_init(U0); arb_init(s); arb_init(U);
    mag_init(s0);
    fmpz_init(d);
    arb_div(U0, theta12, qstar, wp);
    *order = 0;

    if (arb_is_zero(eps0))
    {
        /* c = 1 from L0 on: Dn = 1, U_L = U_L0 + (L - L0) exactly */
        arb_zero(s);
        for (i = 0; i < n; i++)
        {
            if (fmpz_cmp_si(depths + i, L0) <= 0)
                continue;
            fmpz_sub_si(d, depths + i, L0);
            arb_add_fmpz(U, U0, d, wp);
            ntk_jump_write_row(rows + i, depths + i, s, U, qstar, prec);
        }
        goto cleanup;
    }
    if (!arb_is_positive(eps0))
    {
        st = ntk_error_set(NTK_UNABLE, "ELU jump: eps at L0 = %ld not separated from 0",
                           (long) L0);
        goto cleanup;
    }
    arb_sqrt(s0b, eps0, wp);
    arb_get_mag(s0, s0b);
    fmpz_set_si(d, L0);
    st = elu_build(J, qstar, sigma_w2, s0, d, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    *order = J->N;
    for (i = 0; i < n && st == NTK_SUCCESS; i++)
    {
        if (fmpz_cmp_si(depths + i, L0) <= 0)
            continue;
        fmpz_sub_si(d, depths + i, L0);
        st = ntk_jump_elu_apply(s, U, J, s0b, U0, d, wp);
        if (st != NTK_SUCCESS)
            break;
        arb_mul(s, s, s, wp);                            /* eps = s^2 */
        ntk_jump_write_row(rows + i, depths + i, s, U, qstar, prec);
    }
    /* the orbit's constants from the same start (Lemma J17 (b)) */
    if (st == NTK_SUCCESS && (cv != NULL || cu != NULL))
    {
        fmpz_set_si(d, L0);
        if (ntk_jump_elu_const(cv, cu, J, s0b, d, wp) != NTK_SUCCESS)
            ntk_error_clear();
        if (cv != NULL)
            arb_set_round(cv, cv, prec);
        if (cu != NULL)
            arb_set_round(cu, cu, prec);
    }
    ntk_jump_elu_clear(J);

cleanup:
    arb_clear(s0b); arb_clear(U0); arb_clear(s); arb_clear(U);
    mag_clear(s0);
    fmpz_clear(d);
    return st;
}

ntk_status
ntk_jump_elu_const_row(arb_t cv, arb_t cu, const arb_t qstar, const arb_t sigma_w2,
                       const arb_t eps, const fmpz_t L, slong prec)
{
    ntk_jump_elu_t J;
    arb_t sb;
    mag_t s0;
    slong wp = prec + 16;
    ntk_status st;

    arb_init(sb);
    mag_init(s0);
    arb_sqrt(sb, eps, wp);
    arb_get_mag(s0, sb);
    st = elu_build(J, qstar, sigma_w2, s0, L, prec);
    if (st == NTK_SUCCESS)
    {
        st = ntk_jump_elu_const(cv, cu, J, sb, L, wp);
        ntk_jump_elu_clear(J);
    }
    arb_clear(sb);
    mag_clear(s0);
    return st;
}
