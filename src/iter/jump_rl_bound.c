/*
 * Certified defect bounds of the ReLU-like Abel model (proofs/fatou.md
 * Lemma J4): each defect E is analytic on |t| < 1/2 with zero Taylor
 * coefficients through t^(N+1) (Lemmas J3, J7), so with M >= sup_{|t| = rho}
 * |E(t)| (Cauchy) |E(t)| <= M (t/rho)^(N+2) / (1 - t/rho) for 0 <= t < rho.
 * M is the largest upper bound of |E| over 2K complex balls covering the
 * circle |t| = rho (K arcs of the upper half, the lower half by E(conj t) =
 * conj E(t): real coefficients).  R(t) and asin t are their series with
 * the tail bound of Lemma R4, valid for complex |t|^2 <= 1/2 (positive
 * coefficients, so |sum_{m>=M} b_m t^(2m)| <= sum b_m |t|^(2m)).
 */
#include <math.h>
#include "jump_impl.h"

#define ARCS 128
#define CIRCLE_PREC 64

slong
ntk_jump_rl_order(const mag_t t0, slong prec)
{
    /* (t0/rho)^(N+2) below 2^-(prec+10), rho = 1/4 (M = O(1); Lemma J4) */
    double bpo = -2.0 - mag_get_d_log2_approx(t0);
    slong N;
    if (bpo < 3.0)
        return 0;
    N = (slong) ceil((prec + 10) / bpo) - 1;
    return FLINT_MAX(N, 8);
}

void
ntk_jump_rl_delta(fmpq_t delta, const ntk_iter_problem_t pb)
{
    fmpq_t s;
    fmpq_init(s);
    fmpq_mul(s, pb->act->a, pb->act->a);
    fmpq_mul(delta, pb->act->b, pb->act->b);
    fmpq_add(s, s, delta);
    fmpq_div(delta, delta, s);       /* b^2 / (a^2 + b^2) */
    fmpq_clear(s);
}

void
ntk_jump_tail_sum(mag_t res, const mag_t t0, const mag_t A, slong m)
{
    mag_t a, b;
    mag_init(a); mag_init(b);
    mag_pow_ui(a, t0, m);
    mag_pow_ui(b, t0, m - 1);
    mag_div(b, b, A);
    mag_div_ui(b, b, m - 1);     /* upper bound (mag_div rounds up) */
    mag_add(res, a, b);
    mag_clear(a); mag_clear(b);
}

/* sum_{m < n} coef_m x^m + tail, |tail| <= 2 |x|^n (coefficients <= 1,
   |x| <= 1/2); coef = a_m (which = 0) or b_m (which = 1) */
static void
acb_asin_series(acb_t res, const acb_t x, const mag_t xm, slong n,
                int which, slong prec)
{
    arb_t c;
    mag_t tl;
    arb_init(c);
    mag_init(tl);
    acb_zero(res);
    for (slong m = n - 1; m >= 0; m--)
    {
        acb_mul(res, res, x, prec);
        if (which == 0)
            ntk_jump_asin_coef(c, NULL, m, prec);
        else
            ntk_jump_asin_coef(NULL, c, m, prec);
        arb_add(acb_realref(res), acb_realref(res), c, prec);
    }
    mag_pow_ui(tl, xm, n);
    mag_mul_2exp_si(tl, tl, 1);
    acb_add_error_mag(res, tl);
    arb_clear(c);
    mag_clear(tl);
}

/* u, 1/u, ln u, Dn at a complex ball t with |t| <= 1/2 (Lemma J1) */
static void
eval_maps(acb_t u, acb_t v, acb_t lu, acb_t Dn, const ntk_jump_rl_t J,
          const acb_t t, slong prec)
{
    acb_t x, s, om;
    mag_t xm;
    slong n;
    double lx;

    acb_init(x); acb_init(s); acb_init(om);
    mag_init(xm);
    acb_mul(x, t, t, prec);
    acb_get_mag(xm, x);
    lx = mag_get_d_log2_approx(xm);
    if (lx > -1.0)
        lx = -1.0;
    n = (slong) ((prec + 20) / (-lx)) + 2;

    /* R = 8 kap t sum b_m x^m */
    acb_asin_series(s, x, xm, n, 1, prec);
    acb_mul(s, s, t, prec);
    acb_mul_arb(s, s, J->kap, prec);
    acb_mul_2exp_si(s, s, 3);
    acb_one(om);
    acb_sub(om, om, s, prec);
    acb_sqrt(u, om, prec);
    acb_rsqrt(v, om, prec);
    acb_log(lu, om, prec);
    acb_mul_2exp_si(lu, lu, -1);
    /* Dn = 1 - 4 kap t sum a_m x^m */
    acb_asin_series(s, x, xm, n, 0, prec);
    acb_mul(s, s, t, prec);
    acb_mul_arb(s, s, J->kap, prec);
    acb_mul_2exp_si(s, s, 2);
    acb_one(Dn);
    acb_sub(Dn, Dn, s, prec);

    acb_clear(x); acb_clear(s); acb_clear(om);
    mag_clear(xm);
}

/* the three defects at a complex ball t (Lemmas J3, J7):
   ephi = (1/u - 1)/(A t) + B ln u + sum c_k t^k (u^k - 1) - 1
   eq   = sum_{j>=3} qh_j t^j (u^j - Dn)
   ep   = pm1 (1/u - Dn)/t + sum p_j t^j (u^j - Dn) + q3 ln u Qh(t u)
          - (1 - 2 t^2 u^2) */
static void
eval_defects(acb_t ephi, acb_t eq, acb_t ep, const ntk_jump_rl_t J,
             const acb_t t, slong prec)
{
    acb_t u, v, lu, Dn, tk, uk, w, qf, one;
    slong N = J->N;

    acb_init(u); acb_init(v); acb_init(lu); acb_init(Dn);
    acb_init(tk); acb_init(uk); acb_init(w); acb_init(qf); acb_init(one);
    acb_one(one);
    eval_maps(u, v, lu, Dn, J, t, prec);

    acb_sub(ephi, v, one, prec);
    acb_div(ephi, ephi, t, prec);
    acb_div_arb(ephi, ephi, J->A, prec);
    acb_addmul_arb(ephi, lu, J->B, prec);
    acb_sub(ephi, ephi, one, prec);

    acb_sub(ep, v, Dn, prec);
    acb_div(ep, ep, t, prec);
    acb_mul_arb(ep, ep, J->pm1, prec);
    acb_mul(w, t, u, prec);
    acb_mul(w, w, w, prec);
    acb_mul_2exp_si(w, w, 1);
    acb_add(ep, ep, w, prec);
    acb_sub(ep, ep, one, prec);

    acb_zero(eq);
    acb_zero(qf);
    acb_one(tk);
    acb_one(uk);
    for (slong k = 0; k <= N; k++)
    {
        if (k > 0)
        {
            acb_mul(tk, tk, t, prec);
            acb_mul(uk, uk, u, prec);
            acb_sub(w, uk, one, prec);
            acb_mul(w, w, tk, prec);
            acb_addmul_arb(ephi, w, J->c + k, prec);
        }
        acb_sub(w, uk, Dn, prec);
        acb_mul(w, w, tk, prec);
        acb_addmul_arb(ep, w, J->p + k, prec);
        if (k >= 3)
        {
            acb_addmul_arb(eq, w, J->qh + k, prec);
            acb_mul(w, tk, uk, prec);
            acb_addmul_arb(qf, w, J->qh + k, prec);   /* Qh(t u) */
        }
    }
    acb_mul(w, lu, qf, prec);
    acb_addmul_arb(ep, w, J->q3, prec);

    acb_clear(u); acb_clear(v); acb_clear(lu); acb_clear(Dn);
    acb_clear(tk); acb_clear(uk); acb_clear(w); acb_clear(qf); acb_clear(one);
}


ntk_status
ntk_jump_rl_bound(ntk_jump_rl_t J, const mag_t t0, slong prec)
{
    slong wp = CIRCLE_PREC, N = J->N;
    acb_t t, e1, e2, e3;
    arb_t s, c, x, y;
    mag_t m, tm;
    ntk_status st = NTK_SUCCESS;

    (void) prec;
    acb_init(t); acb_init(e1); acb_init(e2); acb_init(e3);
    arb_init(s); arb_init(c); arb_init(x); arb_init(y);
    mag_init(m); mag_init(tm);
    mag_set(J->t0, t0);
    mag_zero(J->Mphi); mag_zero(J->Mq); mag_zero(J->Mp);

    /* t0 <= rho/8 */
    mag_mul_2exp_si(tm, t0, 3);
    if (mag_cmp(tm, J->rho) > 0)
    {
        st = ntk_error_set(NTK_UNABLE, "depth jump: t0 = %g is too large for the Abel model",
                           mag_get_d(t0));
        goto cleanup;
    }

    for (slong j = 0; j < ARCS; j++)
    {
        ntk_jump_circle_ball(t, J->rho, j, ARCS, wp);
        eval_defects(e1, e2, e3, J, t, wp);
        acb_get_mag(m, e1);
        mag_max(J->Mphi, J->Mphi, m);
        acb_get_mag(m, e2);
        mag_max(J->Mq, J->Mq, m);
        acb_get_mag(m, e3);
        mag_max(J->Mp, J->Mp, m);
    }
    ntk_jump_cauchy(J->Dphi, J->Mphi, J->rho, N + 2);
    ntk_jump_cauchy(J->Dq, J->Mq, J->rho, N + 2);
    ntk_jump_cauchy(J->Dp, J->Mp, J->rho, N + 2);
    if (!mag_is_finite(J->Dphi) || !mag_is_finite(J->Dq) || !mag_is_finite(J->Dp))
    {
        st = ntk_error_set(NTK_UNABLE, "depth jump: defect of the Abel model not bounded");
        goto cleanup;
    }

    /* Phi decreasing on (0, t0]: t^2 Phi' = -1/A + B t + sum k c_k t^(k+1)
       <= -1/A + B t0 + sum k |c_k| t0^(k+1) < 0 (Lemma J6) */
    arf_set_mag(arb_midref(x), t0);
    mag_zero(arb_radref(x));
    arb_mul(y, J->B, x, wp);
    arb_set(s, x);
    for (slong k = 1; k <= N; k++)
    {
        arb_mul(s, s, x, wp);
        arb_abs(c, J->c + k);
        arb_mul_si(c, c, k, wp);
        arb_addmul(y, c, s, wp);
    }
    arb_inv(c, J->A, wp);
    arb_sub(y, y, c, wp);
    if (!arb_is_negative(y))
    {
        st = ntk_error_set(NTK_UNABLE, "depth jump: Phi not certified monotone on (0, t0]");
        goto cleanup;
    }

    /* Qh(t) >= lam t^3, lam = 1 - sum_{j>=4} |qh_j| t0^(j-3);
       Dn >= 1 - 4 kap asin(t0) (Lemma J8) */
    arb_zero(y);
    arb_one(s);
    for (slong k = 4; k <= N; k++)
    {
        arb_mul(s, s, x, wp);
        arb_abs(c, J->qh + k);
        arb_addmul(y, c, s, wp);
    }
    arb_sub_si(y, y, 1, wp);
    arb_neg(y, y);
    arb_get_lbound_arf(arb_midref(c), y, wp);
    arf_get_mag_lower(J->lam, arb_midref(c));
    if (!arb_is_positive(y))
        mag_zero(J->lam);
    arb_asin(y, x, wp);
    arb_mul(y, y, J->kap, wp);
    arb_mul_2exp_si(y, y, 2);
    arb_sub_si(y, y, 1, wp);
    arb_neg(y, y);
    arb_get_lbound_arf(arb_midref(c), y, wp);
    arf_get_mag_lower(J->dnmin, arb_midref(c));
    if (!arb_is_positive(y))
        mag_zero(J->dnmin);
    if (mag_is_zero(J->lam) || mag_is_zero(J->dnmin))
    {
        st = ntk_error_set(NTK_UNABLE, "depth jump: homogeneous solution not bounded below");
        goto cleanup;
    }

cleanup:
    if (st != NTK_SUCCESS)
    {
        mag_inf(J->Dphi); mag_inf(J->Dq); mag_inf(J->Dp);
    }
    acb_clear(t); acb_clear(e1); acb_clear(e2); acb_clear(e3);
    arb_clear(s); arb_clear(c); arb_clear(x); arb_clear(y);
    mag_clear(m); mag_clear(tm);
    return st;
}
