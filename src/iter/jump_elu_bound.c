/*
 * Certified bounds of the ELU Abel model on (0, s0] (proofs/fatou.md,
 * Lemma J15): the Cauchy tails of W and Dn from |F| <= MF on |s| = r
 * (Lemma J13), the disc |s| <= rho where |W - 1| <= 1/2, the defects
 * E_Phi, E_Q, E_P of the TRUE map (polynomial part + tail disc) on 128
 * complex balls covering |s| = rho, Cauchy's estimate D = 8/7 M rho^-(N+3),
 * and the orbit and positivity constants alpha, dnmin, lam.
 */
#include "jump_impl.h"

#define ARCS 128
#define CIRCLE_PREC 64

/* tails for |s| <= x < r: sum_{k>=K} |F_k| x^k <= MF (x/r)^K/(1 - x/r), and
   the tails of W, Dn beyond index K+1 are <= x^2 times that times
   4/((K+2)(K+4)), resp. 2/(K+2) (Lemma J13) */
static void
tails(mag_t tw, mag_t td, const ntk_jump_elu_t J, const mag_t x)
{
    mag_t t, u;
    mag_init(t); mag_init(u);
    mag_div(t, x, J->r);
    mag_one(u);
    mag_sub_lower(u, u, t);
    mag_pow_ui(t, t, J->K);
    mag_div(t, t, u);
    mag_mul(t, t, J->MF);
    mag_mul(t, t, x);
    mag_mul(t, t, x);
    mag_mul_ui(tw, t, 4);
    mag_div_ui(tw, tw, (J->K + 2) * (J->K + 4));
    mag_mul_ui(td, t, 2);
    mag_div_ui(td, td, J->K + 2);
    mag_clear(t); mag_clear(u);
}

/* the three defects of Lemma J14 at a complex ball s (|s| = rho) */
static void
defects(acb_t ephi, acb_t eq, acb_t ep, const ntk_jump_elu_t J, const acb_t s,
        const mag_t tw, const mag_t td, slong prec)
{
    slong N = J->N;
    acb_t W, Dn, u, um2, um1, lu, sk, uk, w, qf, one;
    acb_init(W); acb_init(Dn); acb_init(u); acb_init(um2); acb_init(um1); acb_init(lu);
    acb_init(sk); acb_init(uk); acb_init(w); acb_init(qf); acb_init(one);
    acb_one(one);
    ntk_jump_acb_horner(W, J->W, J->K + 2, s, prec);
    acb_add_error_mag(W, tw);
    ntk_jump_acb_horner(Dn, J->dn, J->K + 2, s, prec);
    acb_add_error_mag(Dn, td);
    acb_sqrt(u, W, prec);
    acb_inv(um2, W, prec);
    acb_rsqrt(um1, W, prec);
    acb_log(lu, W, prec);
    acb_mul_2exp_si(lu, lu, -1);

    /* E_Phi = A (u^-2 - 1)/s^2 + B1 (u^-1 - 1)/s + B ln u - 1 + sum c_k s^k (u^k - 1) */
    acb_sub(ephi, um2, one, prec);
    acb_div(ephi, ephi, s, prec);
    acb_div(ephi, ephi, s, prec);
    acb_mul_arb(ephi, ephi, J->A, prec);
    acb_sub(w, um1, one, prec);
    acb_div(w, w, s, prec);
    acb_addmul_arb(ephi, w, J->B1, prec);
    acb_addmul_arb(ephi, lu, J->B, prec);
    acb_sub(ephi, ephi, one, prec);
    /* E_P = pm2 (u^-2 - Dn)/s^2 + pm1 (u^-1 - Dn)/s + sum p_j s^j (u^j - Dn)
             + q4 ln u Qh(s u) - 1 + s^2 W */
    acb_sub(ep, um2, Dn, prec);
    acb_div(ep, ep, s, prec);
    acb_div(ep, ep, s, prec);
    acb_mul_arb(ep, ep, J->pm2, prec);
    acb_sub(w, um1, Dn, prec);
    acb_div(w, w, s, prec);
    acb_addmul_arb(ep, w, J->pm1, prec);
    acb_mul(w, s, s, prec);
    acb_mul(w, w, W, prec);
    acb_add(ep, ep, w, prec);
    acb_sub(ep, ep, one, prec);
    /* E_Q = sum_{j>=4} qh_j s^j (u^j - Dn) */
    acb_zero(eq);
    acb_zero(qf);
    acb_one(sk);
    acb_one(uk);
    for (slong k = 0; k <= N; k++)
    {
        if (k > 0)
        {
            acb_mul(sk, sk, s, prec);
            acb_mul(uk, uk, u, prec);
            acb_sub(w, uk, one, prec);
            acb_mul(w, w, sk, prec);
            acb_addmul_arb(ephi, w, J->c + k, prec);
        }
        acb_sub(w, uk, Dn, prec);
        acb_mul(w, w, sk, prec);
        acb_addmul_arb(ep, w, J->p + k, prec);
        if (k >= 4)
        {
            acb_addmul_arb(eq, w, J->qh + k, prec);
            acb_mul(w, sk, uk, prec);
            acb_addmul_arb(qf, w, J->qh + k, prec);
        }
    }
    acb_mul(w, lu, qf, prec);
    acb_addmul_arb(ep, w, J->q4, prec);
    acb_clear(W); acb_clear(Dn); acb_clear(u); acb_clear(um2); acb_clear(um1); acb_clear(lu);
    acb_clear(sk); acb_clear(uk); acb_clear(w); acb_clear(qf); acb_clear(one);
}

ntk_status
ntk_jump_elu_bound(ntk_jump_elu_t J, const mag_t s0, slong prec)
{
    slong N = J->N, K = J->K, wp = CIRCLE_PREC;
    ntk_status st = NTK_SUCCESS;
    mag_t x, t, u, tw, td, Mphi, Mq, Mp;
    acb_t s, e1, e2, e3;
    arb_t y;
    (void) prec;

    mag_init(x); mag_init(t); mag_init(u); mag_init(tw); mag_init(td);
    mag_init(Mphi); mag_init(Mq); mag_init(Mp);
    acb_init(s); acb_init(e1); acb_init(e2); acb_init(e3);
    arb_init(y);
    mag_inf(J->Dphi); mag_inf(J->Dq); mag_inf(J->Dp);
    mag_set(J->s0, s0);

    /* Lemma J13: |F| <= MF on |s| = r = 1 (< sqrt 2) */
    mag_one(J->r);
    st = ntk_jump_elu_fbound(J->MF, J->r, J->q, J->sigma_w2, wp);
    if (st != NTK_SUCCESS)
        goto cleanup;

    /* rho: the largest 2^-j <= r/4 with sum_{k>=2} |W_k| (1.02 rho)^k + tail <= 1/2:
       |W - 1| <= 1/2 on the disc covered by the balls, so u, 1/u, 1/u^2 and the
       principal ln u are analytic there */
    mag_one(J->rho);
    mag_mul_2exp_si(J->rho, J->rho, -1);
    for (;;)
    {
        mag_mul_2exp_si(J->rho, J->rho, -1);
        mag_set_d(x, 1.02);
        mag_mul(x, x, J->rho);
        ntk_jump_abs_sum(t, J->W, 2, K + 1, x, 0, 0);
        tails(tw, td, J, x);
        mag_add(t, t, tw);
        if (mag_cmp_2exp_si(t, -1) <= 0)
            break;
        if (mag_cmp_2exp_si(J->rho, -40) < 0)
        {
            st = ntk_error_set(NTK_UNABLE, "ELU jump: no disc where the map is certified");
            goto cleanup;
        }
    }
    mag_mul_2exp_si(t, s0, 3);
    if (mag_cmp(t, J->rho) > 0)
    {
        st = ntk_error_set(NTK_UNABLE, "ELU jump: s_L0 = sqrt(eps_L0) too large for the model's disc");
        goto cleanup;
    }

    /* sup of the defects on |s| = rho (upper half; real coefficients) */
    mag_set_d(x, 1.02);
    mag_mul(x, x, J->rho);
    tails(tw, td, J, x);
    mag_zero(Mphi); mag_zero(Mq); mag_zero(Mp);
    for (slong j = 0; j < ARCS; j++)
    {
        ntk_jump_circle_ball(s, J->rho, j, ARCS, wp);
        defects(e1, e2, e3, J, s, tw, td, wp);
        acb_get_mag(t, e1); mag_max(Mphi, Mphi, t);
        acb_get_mag(t, e2); mag_max(Mq, Mq, t);
        acb_get_mag(t, e3); mag_max(Mp, Mp, t);
    }
    /* Cauchy (Lemma J4 with N + 3): D = 8/7 M rho^-(N+3) */
    ntk_jump_cauchy(J->Dphi, Mphi, J->rho, N + 3);
    ntk_jump_cauchy(J->Dq, Mq, J->rho, N + 3);
    ntk_jump_cauchy(J->Dp, Mp, J->rho, N + 3);

    /* on (0, s0]: alpha = -W_2 - sum_{k>=3} |W_k| s0^(k-2) - tail/s0^2 > 0
       (W <= 1 - alpha s^2, so 1/s'^2 >= 1/s^2 + alpha) */
    tails(tw, td, J, s0);
    ntk_jump_abs_sum(t, J->W, 3, K + 1, s0, 2, 0);
    mag_mul(u, s0, s0);
    mag_div(x, tw, u);
    mag_add(t, t, x);
    arb_neg(y, J->W + 2);
    arb_get_lbound_arf(arb_midref(y), y, wp);
    mag_zero(arb_radref(y));
    if (!arb_is_positive(y))
    {
        st = ntk_error_set(NTK_UNABLE, "ELU jump: f''(1) not certified positive");
        goto cleanup;
    }
    arf_get_mag_lower(u, arb_midref(y));
    if (mag_cmp(t, u) >= 0)
    {
        st = ntk_error_set(NTK_UNABLE, "ELU jump: orbit bound fails at s_L0");
        goto cleanup;
    }
    mag_sub_lower(J->alpha, u, t);
    /* dnmin = 1 - sum_{k>=2} |Dn_k| s0^k - tail */
    ntk_jump_abs_sum(t, J->dn, 2, K + 1, s0, 0, 0);
    mag_add(t, t, td);
    mag_one(u);
    mag_sub_lower(J->dnmin, u, t);
    /* lam = 1 - sum_{j>=5} |qh_j| s0^(j-4) */
    ntk_jump_abs_sum(t, J->qh, 5, N, s0, 4, 0);
    mag_sub_lower(J->lam, u, t);
    /* Phi decreasing: |B1| s0 + |B| s0^2 + sum k |c_k| s0^(k+3) < 2 A */
    arb_get_mag(t, J->B1);
    mag_mul(t, t, s0);
    arb_get_mag(x, J->B);
    mag_mul(x, x, s0);
    mag_mul(x, x, s0);
    mag_add(t, t, x);
    ntk_jump_abs_sum(x, J->c, 1, N, s0, -3, 1);
    mag_add(t, t, x);
    arb_get_mag_lower(u, J->A);
    mag_mul_2exp_si(u, u, 1);
    if (mag_is_zero(J->dnmin) || mag_is_zero(J->lam) || mag_cmp(t, u) >= 0
        || !mag_is_finite(J->Dphi) || !mag_is_finite(J->Dq) || !mag_is_finite(J->Dp))
    {
        mag_inf(J->Dphi); mag_inf(J->Dq); mag_inf(J->Dp);
        st = ntk_error_set(NTK_UNABLE, "ELU jump: Abel model not certified at s_L0");
    }

cleanup:
    mag_clear(x); mag_clear(t); mag_clear(u); mag_clear(tw); mag_clear(td);
    mag_clear(Mphi); mag_clear(Mq); mag_clear(Mp);
    acb_clear(s); acb_clear(e1); acb_clear(e2); acb_clear(e3);
    arb_clear(y);
    return st;
}
