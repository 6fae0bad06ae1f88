/*
 * The depth jump for smooth activations at q = q* on the EOC
 * (proofs/fatou.md, Lemmas J9-J11).  The map is known only through its
 * Taylor model at c = 1 (Lemma P4, proofs/propagation.md):
 *   eps' = F_K(eps) + R,  F_K = eps u(eps), u = sum_{k=1}^K (-1)^(k+1) G_k eps^(k-1),
 *   Dn   = D_K(eps) + R', D_K = sum_{k<K} (-1)^k (k+1) G_(k+1) eps^k,
 *   |R| <= G_(K+1) eps^(K+1), |R'| <= (K+1) G_(K+1) eps^K,  G_1 = 1 (EOC).
 * The Abel series and the NTK solutions are those of the polynomial map
 * (F_K, D_K), resonance at eps^2 (Dn = 1 - 2 G_2 eps + ..., Lemma J9); their
 * defects are bounded by Cauchy on |eps| = rho for the polynomial part
 * (Lemma J4) plus the real remainders (Lemma J10); the jump is J5, J6, J8
 * with these constants (Lemma J11); the constants of the orbit, Cv of
 * 1/eps_L = L/beta + (lambda/beta) ln L + Cv + o(1) and Cu of Theta12/q*,
 * are Lemma J17 (a).
 */
#include <math.h>
#include "jump_impl.h"

#define ARCS 128
#define CIRCLE_PREC 64

typedef struct
{
    slong N, K;
    arb_t a, B, pm1, q2;
    arb_ptr G;              /* G[0..K+1], G[1] = 1 */
    arb_ptr u, dn;          /* u[0..K-1], dn[0..K-1] polynomial coefficients */
    arb_ptr c, p, qh;       /* 0..N */
    mag_t rho, e0, Dphi, Dq, Dp, lam, dnmin, alpha;
} sm_model;

static void
addmul_shift(arb_poly_t res, const arb_t c, slong j, const arb_poly_t X,
             slong len, slong prec)
{
    arb_poly_t T;
    arb_poly_init(T);
    arb_poly_shift_left(T, X, j);
    arb_poly_truncate(T, len);
    arb_poly_scalar_mul(T, T, c, prec);
    arb_poly_add(res, res, T, prec);
    arb_poly_clear(T);
}

/* G: G[0..K+1] = f^(k)(1)/k! balls (any G[0], G[1]) */
static void
sm_init(sm_model *M, const arb_struct *G, slong N, slong K, slong prec)
{
    slong n = N + 3, j;
    arb_poly_t U, D, v, lu, S, X, QF, one;
    arb_poly_struct *up;
    arb_t x, b;

    M->N = N;
    M->K = K;
    arb_init(M->a); arb_init(M->B); arb_init(M->pm1); arb_init(M->q2);
    M->G = _arb_vec_init(K + 2);
    M->u = _arb_vec_init(K);
    M->dn = _arb_vec_init(K);
    M->c = _arb_vec_init(N + 1);
    M->p = _arb_vec_init(N + 1);
    M->qh = _arb_vec_init(N + 1);
    mag_init(M->rho); mag_init(M->e0); mag_init(M->Dphi); mag_init(M->Dq);
    mag_init(M->Dp); mag_init(M->lam); mag_init(M->dnmin); mag_init(M->alpha);
    _arb_vec_set(M->G, G, K + 2);
    arb_one(M->G + 1);                 /* chi_1 = f'(1) = 1 at the EOC */
    for (j = 0; j < K; j++)
    {
        arb_set(M->u + j, M->G + j + 1);
        arb_mul_ui(M->dn + j, M->G + j + 1, j + 1, prec);
        if (j & 1)
        {
            arb_neg(M->u + j, M->u + j);
            arb_neg(M->dn + j, M->dn + j);
        }
    }
    arb_set(M->a, M->G + 2);

    arb_poly_init(U); arb_poly_init(D); arb_poly_init(v); arb_poly_init(lu);
    arb_poly_init(S); arb_poly_init(X); arb_poly_init(QF); arb_poly_init(one);
    arb_init(x); arb_init(b);
    up = flint_malloc(sizeof(arb_poly_struct) * (N + 1));
    for (j = 0; j <= N; j++)
        arb_poly_init(up + j);
    for (j = 0; j < K && j < n; j++)
    {
        arb_poly_set_coeff_arb(U, j, M->u + j);
        arb_poly_set_coeff_arb(D, j, M->dn + j);
    }
    arb_poly_one(one);
    arb_poly_inv_series(v, U, n, prec);
    arb_poly_log_series(lu, U, n, prec);
    arb_poly_one(up + 0);
    for (j = 1; j <= N; j++)
        arb_poly_mullow(up + j, up + j - 1, U, n, prec);

    /* Phi: B = [1/u]_2 / a^2 (order 1), c_k from order k+1 (factor -k a) */
    arb_poly_get_coeff_arb(x, v, 2);
    arb_mul(b, M->a, M->a, prec);
    arb_div(M->B, x, b, prec);
    arb_poly_sub(S, v, one, prec);
    arb_poly_shift_right(S, S, 1);
    arb_poly_scalar_div(S, S, M->a, prec);
    arb_poly_scalar_mul(X, lu, M->B, prec);
    arb_poly_add(S, S, X, prec);
    arb_poly_sub(S, S, one, prec);
    for (j = 1; j <= N; j++)
    {
        arb_poly_get_coeff_arb(x, S, j + 1);
        arb_mul_si(b, M->a, j, prec);
        arb_div(M->c + j, x, b, prec);
        arb_poly_sub(X, up + j, one, prec);
        addmul_shift(S, M->c + j, j, X, n - 1, prec);
    }

    /* Qh = eps^2 + ...: factor (2 - j) a */
    arb_poly_zero(S);
    arb_one(M->qh + 2);
    for (j = 2; j <= N; j++)
    {
        if (j > 2)
        {
            arb_poly_get_coeff_arb(x, S, j + 1);
            arb_mul_si(b, M->a, 2 - j, prec);
            arb_div(M->qh + j, x, b, prec);
            arb_neg(M->qh + j, M->qh + j);
        }
        arb_poly_sub(X, up + j, D, prec);
        addmul_shift(S, M->qh + j, j, X, n, prec);
    }
    arb_poly_zero(QF);
    for (j = 2; j <= N; j++)
        addmul_shift(QF, M->qh + j, j, up + j, n, prec);

    /* kappa: pm1 = 1/(3a); S = pm1 (1/u - D)/eps - (1 - eps u) + ... */
    arb_mul_ui(M->pm1, M->a, 3, prec);
    arb_inv(M->pm1, M->pm1, prec);
    arb_poly_sub(S, v, D, prec);
    arb_poly_shift_right(S, S, 1);
    arb_poly_scalar_mul(S, S, M->pm1, prec);
    arb_poly_shift_left(X, U, 1);
    arb_poly_truncate(X, n);
    arb_poly_add(S, S, X, prec);
    arb_poly_sub(S, S, one, prec);
    for (j = 0; j <= N; j++)
    {
        arb_poly_get_coeff_arb(x, S, j + 1);
        if (j == 2)
        {
            arb_zero(M->p + 2);
            arb_div(M->q2, x, M->a, prec);
            arb_poly_mullow(X, lu, QF, n, prec);
            arb_poly_scalar_mul(X, X, M->q2, prec);
            arb_poly_add(S, S, X, prec);
            continue;
        }
        arb_mul_si(b, M->a, 2 - j, prec);
        arb_div(M->p + j, x, b, prec);
        arb_neg(M->p + j, M->p + j);
        arb_poly_sub(X, up + j, D, prec);
        addmul_shift(S, M->p + j, j, X, n, prec);
    }

    for (j = 0; j <= N; j++)
        arb_poly_clear(up + j);
    flint_free(up);
    arb_poly_clear(U); arb_poly_clear(D); arb_poly_clear(v); arb_poly_clear(lu);
    arb_poly_clear(S); arb_poly_clear(X); arb_poly_clear(QF); arb_poly_clear(one);
    arb_clear(x); arb_clear(b);
}

static void
sm_clear(sm_model *M)
{
    arb_clear(M->a); arb_clear(M->B); arb_clear(M->pm1); arb_clear(M->q2);
    _arb_vec_clear(M->G, M->K + 2);
    _arb_vec_clear(M->u, M->K);
    _arb_vec_clear(M->dn, M->K);
    _arb_vec_clear(M->c, M->N + 1);
    _arb_vec_clear(M->p, M->N + 1);
    _arb_vec_clear(M->qh, M->N + 1);
    mag_clear(M->rho); mag_clear(M->e0); mag_clear(M->Dphi); mag_clear(M->Dq);
    mag_clear(M->Dp); mag_clear(M->lam); mag_clear(M->dnmin); mag_clear(M->alpha);
}

static void
sm_defects(acb_t ephi, acb_t eq, acb_t ep, const sm_model *M, const acb_t e, slong prec)
{
    acb_t u, v, lu, Dn, tk, uk, w, qf, one;
    acb_init(u); acb_init(v); acb_init(lu); acb_init(Dn);
    acb_init(tk); acb_init(uk); acb_init(w); acb_init(qf); acb_init(one);
    acb_one(one);
    ntk_jump_acb_horner(u, M->u, M->K, e, prec);
    ntk_jump_acb_horner(Dn, M->dn, M->K, e, prec);
    acb_inv(v, u, prec);
    acb_log(lu, u, prec);

    acb_sub(ephi, v, one, prec);
    acb_div(ephi, ephi, e, prec);
    acb_div_arb(ephi, ephi, M->a, prec);
    acb_addmul_arb(ephi, lu, M->B, prec);
    acb_sub(ephi, ephi, one, prec);

    acb_sub(ep, v, Dn, prec);
    acb_div(ep, ep, e, prec);
    acb_mul_arb(ep, ep, M->pm1, prec);
    acb_mul(w, e, u, prec);
    acb_add(ep, ep, w, prec);
    acb_sub(ep, ep, one, prec);

    acb_zero(eq);
    acb_zero(qf);
    acb_one(tk);
    acb_one(uk);
    for (slong k = 0; k <= M->N; k++)
    {
        if (k > 0)
        {
            acb_mul(tk, tk, e, prec);
            acb_mul(uk, uk, u, prec);
            acb_sub(w, uk, one, prec);
            acb_mul(w, w, tk, prec);
            acb_addmul_arb(ephi, w, M->c + k, prec);
        }
        acb_sub(w, uk, Dn, prec);
        acb_mul(w, w, tk, prec);
        acb_addmul_arb(ep, w, M->p + k, prec);
        if (k >= 2)
        {
            acb_addmul_arb(eq, w, M->qh + k, prec);
            acb_mul(w, tk, uk, prec);
            acb_addmul_arb(qf, w, M->qh + k, prec);
        }
    }
    acb_mul(w, lu, qf, prec);
    acb_addmul_arb(ep, w, M->q2, prec);
    acb_clear(u); acb_clear(v); acb_clear(lu); acb_clear(Dn);
    acb_clear(tk); acb_clear(uk); acb_clear(w); acb_clear(qf); acb_clear(one);
}

/* all constants of Lemmas J10, J11 on (0, e0]; NTK_UNABLE if one fails */
static ntk_status
sm_bound(sm_model *M, const mag_t e0)
{
    slong N = M->N, K = M->K, wp = CIRCLE_PREC;
    mag_t r, s, t, x, Mphi, Mq, Mp, xm, bph, bk, bk1, qu, qd;
    acb_t e, e1, e2, e3;
    arb_t y;
    ntk_status st = NTK_SUCCESS;

    mag_init(r); mag_init(s); mag_init(t); mag_init(x);
    mag_init(Mphi); mag_init(Mq); mag_init(Mp); mag_init(xm); mag_init(bph);
    mag_init(bk); mag_init(bk1); mag_init(qu); mag_init(qd);
    acb_init(e); acb_init(e1); acb_init(e2); acb_init(e3);
    arb_init(y);
    mag_set(M->e0, e0);

    /* rho: the largest 2^-j with sum_{k>=2} |G_k| (1.02 rho)^(k-1) <= 1/2
       (|u - 1| <= 1/2 on the balls: principal log and 1/u analytic) */
    mag_one(M->rho);
    for (;;)
    {
        mag_mul_2exp_si(M->rho, M->rho, -1);
        mag_set_d(x, 1.02);
        mag_mul(x, x, M->rho);
        ntk_jump_abs_sum(s, M->G, 2, K, x, 1, 0);
        if (mag_cmp_2exp_si(s, -1) <= 0)
            break;
        if (mag_cmp_2exp_si(M->rho, -40) < 0)
            break;
    }
    mag_mul_2exp_si(t, e0, 3);
    if (mag_cmp(t, M->rho) > 0)
    {
        st = ntk_error_set(NTK_UNABLE, "depth jump: eps_L0 too large for the Taylor model's disc");
        goto cleanup;
    }
    mag_zero(Mphi); mag_zero(Mq); mag_zero(Mp);
    for (slong j = 0; j < ARCS; j++)
    {
        ntk_jump_circle_ball(e, M->rho, j, ARCS, wp);
        sm_defects(e1, e2, e3, M, e, wp);
        acb_get_mag(t, e1); mag_max(Mphi, Mphi, t);
        acb_get_mag(t, e2); mag_max(Mq, Mq, t);
        acb_get_mag(t, e3); mag_max(Mp, Mp, t);
    }
    /* Cauchy (J4): D = 8/7 M rho^-(N+2) */
    ntk_jump_cauchy(M->Dphi, Mphi, M->rho, N + 2);
    ntk_jump_cauchy(M->Dq, Mq, M->rho, N + 2);
    ntk_jump_cauchy(M->Dp, Mp, M->rho, N + 2);

    /* J10 (i): s1 = sum_{k=2}^{K+1} G_k e0^(k-1) <= 1/4 */
    ntk_jump_abs_sum(s, M->G, 2, K + 1, e0, 1, 0);
    if (mag_cmp_2exp_si(s, -2) > 0)
    {
        st = ntk_error_set(NTK_UNABLE, "depth jump: Taylor model too coarse at eps_L0");
        goto cleanup;
    }
    arb_get_mag(r, M->G + K + 1);                 /* r = G_(K+1) */
    mag_mul_ui(xm, e0, 5);
    mag_mul_2exp_si(xm, xm, -2);                   /* xi_max = 5 e0/4 */

    /* (ii) Phi': bph = 1 + a |B| xm + a sum k |c_k| xm^(k+1); extra
       16 bph r/(9a) e0^(K-N-3) */
    arb_get_mag(t, M->B);
    mag_mul(bph, t, xm);
    ntk_jump_abs_sum(t, M->c, 1, N, xm, -1, 1);
    mag_add(bph, bph, t);
    arb_get_mag(t, M->a);
    mag_mul(bph, bph, t);
    mag_one(t);
    mag_add(bph, bph, t);
    arb_get_mag_lower(t, M->a);
    mag_mul(s, bph, r);
    mag_mul_ui(s, s, 16);
    mag_div_ui(s, s, 9);
    mag_div(s, s, t);
    mag_pow_ui(t, e0, K - N - 3);
    mag_mul(s, s, t);
    mag_add(M->Dphi, M->Dphi, s);

    /* (iii) Qh: Qd = sum j |qh_j| xm^(j-1), Qu = sum |qh_j| e0^(j-2);
       extra Qd r e0^(K-N-1) + (K+1) r Qu e0^(K-N) */
    ntk_jump_abs_sum(qd, M->qh, 2, N, xm, 1, 1);
    ntk_jump_abs_sum(qu, M->qh, 2, N, e0, 2, 0);
    mag_pow_ui(t, e0, K - N - 1);
    mag_mul(s, qd, r);
    mag_mul(s, s, t);
    mag_pow_ui(t, e0, K - N);
    mag_mul(t, t, qu);
    mag_mul(t, t, r);
    mag_mul_ui(t, t, K + 1);
    mag_add(s, s, t);
    mag_set(bk1, M->Dq);        /* the polynomial part alone enters kappa (J9) */
    mag_add(M->Dq, M->Dq, s);   /* the true homogeneous defect */

    /* (iv) kappa: bk = pm1 + sum j |p_j| xm^(j+1) + |q2| (Qu'' + Qd'' ln(1/xm)) xm^3,
       bk' = pm1 + sum |p_j| e0^(j+1) + |q2| Qu e0^3 ln(1/e0);
       extra (16 bk/9 + (K+1) bk') r e0^(K-N-3) + r e0^(K-N-1) */
    {
        mag_t qu2, qd2, lg;
        arb_t l;
        mag_init(qu2); mag_init(qd2); mag_init(lg);
        arb_init(l);
        ntk_jump_abs_sum(qu2, M->qh, 2, N, xm, 2, 0);
        ntk_jump_abs_sum(qd2, M->qh, 2, N, xm, 2, 1);
        arf_set_mag(arb_midref(l), xm);
        mag_zero(arb_radref(l));
        arb_log(l, l, wp);
        arb_get_mag(lg, l);
        mag_mul(qd2, qd2, lg);
        mag_add(qu2, qu2, qd2);
        mag_pow_ui(t, xm, 3);
        mag_mul(qu2, qu2, t);
        arb_get_mag(t, M->q2);
        mag_mul(qu2, qu2, t);
        ntk_jump_abs_sum(bk, M->p, 0, N, xm, -1, 1);
        mag_add(bk, bk, qu2);
        arb_get_mag(t, M->pm1);
        mag_add(bk, bk, t);
        ntk_jump_abs_sum(s, M->p, 0, N, e0, -1, 0);
        mag_add(s, s, t);
        arf_set_mag(arb_midref(l), e0);
        arb_log(l, l, wp);
        arb_get_mag(lg, l);
        mag_pow_ui(t, e0, 3);
        mag_mul(t, t, lg);
        mag_mul(t, t, qu);
        arb_get_mag(lg, M->q2);
        mag_mul(t, t, lg);
        mag_add(s, s, t);                      /* bk' */
        mag_mul_ui(s, s, K + 1);
        mag_mul_ui(t, bk, 16);
        mag_div_ui(t, t, 9);
        mag_add(s, s, t);
        mag_mul(s, s, r);
        mag_pow_ui(t, e0, K - N - 3);
        mag_mul(s, s, t);
        mag_pow_ui(t, e0, K - N - 1);
        mag_mul(t, t, r);
        mag_add(s, s, t);
        mag_add(M->Dp, M->Dp, s);
        mag_clear(qu2); mag_clear(qd2); mag_clear(lg);
        arb_clear(l);
    }
    /* keep the polynomial E_Q constant for the ln term of kappa in Dq's place?
       no: J11 uses Dq for both (the true one is larger) */
    (void) bk1;

    /* (v) alpha = a - sum_{k=3}^{K+1} G_k e0^(k-2) > 0 */
    ntk_jump_abs_sum(s, M->G, 3, K + 1, e0, 2, 0);
    arb_get_lbound_arf(arb_midref(y), M->a, wp);
    arf_get_mag_lower(t, arb_midref(y));
    if (!arb_is_positive(M->a) || mag_cmp(s, t) >= 0)
    {
        st = ntk_error_set(NTK_UNABLE, "depth jump: orbit bound fails at eps_L0");
        goto cleanup;
    }
    mag_sub_lower(M->alpha, t, s);
    /* (vi) dnmin = 1 - sum_{k=1}^{K-1} (k+1) G_(k+1) e0^k - (K+1) r e0^K */
    mag_zero(s);
    for (slong k = 1; k < K; k++)
    {
        arb_get_mag(t, M->G + k + 1);
        mag_mul_ui(t, t, k + 1);
        mag_pow_ui(x, e0, k);
        mag_mul(t, t, x);
        mag_add(s, s, t);
    }
    mag_pow_ui(x, e0, K);
    mag_mul(x, x, r);
    mag_mul_ui(x, x, K + 1);
    mag_add(s, s, x);
    mag_one(t);
    mag_sub_lower(M->dnmin, t, s);
    /* (viii) lam = 1 - sum_{j>=3} |qh_j| e0^(j-2) */
    ntk_jump_abs_sum(s, M->qh, 3, N, e0, 2, 0);
    mag_sub_lower(M->lam, t, s);
    /* (vii) Phi monotone: a (|B| e0 + sum k |c_k| e0^(k+1)) < 1 */
    arb_get_mag(x, M->B);
    mag_mul(x, x, e0);
    ntk_jump_abs_sum(s, M->c, 1, N, e0, -1, 1);
    mag_add(s, s, x);
    arb_get_mag(x, M->a);
    mag_mul(s, s, x);
    if (mag_is_zero(M->dnmin) || mag_is_zero(M->lam) || mag_cmp_2exp_si(s, -1) > 0
        || !mag_is_finite(M->Dphi) || !mag_is_finite(M->Dq) || !mag_is_finite(M->Dp))
        st = ntk_error_set(NTK_UNABLE, "depth jump: smooth Abel model not certified at eps_L0");

cleanup:
    mag_clear(r); mag_clear(s); mag_clear(t); mag_clear(x);
    mag_clear(Mphi); mag_clear(Mq); mag_clear(Mp); mag_clear(xm); mag_clear(bph);
    mag_clear(bk); mag_clear(bk1); mag_clear(qu); mag_clear(qd);
    acb_clear(e); acb_clear(e1); acb_clear(e2); acb_clear(e3);
    arb_clear(y);
    return st;
}

static void
sm_phi(arb_t res, const sm_model *M, const arb_t e, slong prec)
{
    arb_t a, b;
    arb_init(a); arb_init(b);
    ntk_jump_poly_eval(a, M->c, 1, M->N, e, prec);
    arb_log(b, e, prec);
    arb_addmul(a, b, M->B, prec);
    arb_mul(b, M->a, e, prec);
    arb_inv(b, b, prec);
    arb_add(res, a, b, prec);
    arb_clear(a); arb_clear(b);
}

static void
sm_dphi(arb_t res, const sm_model *M, const arb_t e, slong prec)
{
    arb_t a, b;
    arb_init(a); arb_init(b);
    arb_zero(a);
    for (slong k = M->N; k >= 1; k--)
    {
        arb_mul(a, a, e, prec);
        arb_addmul_si(a, M->c + k, k, prec);
    }
    arb_div(b, M->B, e, prec);
    arb_add(a, a, b, prec);
    arb_mul(b, e, e, prec);
    arb_mul(b, b, M->a, prec);
    arb_inv(b, b, prec);
    arb_sub(res, a, b, prec);
    arb_clear(a); arb_clear(b);
}

static void
sm_kappa(arb_t res, const sm_model *M, const arb_t e, slong prec)
{
    arb_t a, b;
    arb_init(a); arb_init(b);
    ntk_jump_poly_eval(a, M->p, 0, M->N, e, prec);
    ntk_jump_poly_eval(b, M->qh, 2, M->N, e, prec);
    arb_mul(b, b, M->q2, prec);
    arb_log(res, e, prec);
    arb_addmul(a, b, res, prec);
    arb_div(b, M->pm1, e, prec);
    arb_add(res, a, b, prec);
    arb_clear(a); arb_clear(b);
}

static void
phi_fn(arb_t res, const void *M, const arb_t e, slong prec)
{
    sm_phi(res, (const sm_model *) M, e, prec);
}

static void
dphi_fn(arb_t res, const void *M, const arb_t e, slong prec)
{
    sm_dphi(res, (const sm_model *) M, e, prec);
}

/* Lemma J11: eps_L and U_L from (eps_L0, U_L0), d = L - L0 */
static ntk_status
sm_apply(arb_t eps, arb_t U, const sm_model *M, const arb_t e0b, const arb_t U0,
         const fmpz_t d, slong prec)
{
    arb_t P, m, a, b, e0;
    mag_t S, q, tmp2;
    ntk_status st = NTK_UNABLE;
    slong N = M->N;

    arb_init(P); arb_init(m); arb_init(a); arb_init(b); arb_init(e0);
    mag_init(S); mag_init(q); mag_init(tmp2);
    if (!ntk_jump_in_domain(e0b, M->e0))
    {
        st = ntk_error_set(NTK_UNABLE, "depth jump: eps_L0 outside the smooth model's domain");
        goto done;
    }
    sm_phi(P, M, e0b, prec);
    arb_add_fmpz(P, P, d, prec);
    ntk_jump_tail_sum(S, M->e0, M->alpha, N + 2);
    mag_mul(S, S, M->Dphi);
    arb_add_error_mag(P, S);

    /* J6, from 1/(a eps) = P */
    arb_set_arf(m, arb_midref(P));
    arb_mul(m, M->a, m, prec);
    arb_inv(m, m, prec);
    st = ntk_jump_newton(eps, phi_fn, dphi_fn, M, P, m, M->e0, prec);
    if (st != NTK_SUCCESS)
        goto done;

    /* NTK (J8 with eps^2): homogeneous part */
    sm_kappa(e0, M, e0b, prec);
    arb_sub(e0, U0, e0, prec);
    ntk_jump_poly_eval(a, M->qh, 2, N, eps, prec);
    ntk_jump_poly_eval(b, M->qh, 2, N, e0b, prec);
    arb_div(a, a, b, prec);
    arb_mul(e0, e0, a, prec);
    mag_mul(tmp2, M->lam, M->dnmin);
    mag_pow_ui(q, M->e0, N);
    mag_mul(q, q, M->Dq);
    mag_div(q, q, tmp2);
    if (mag_cmp_2exp_si(q, -1) > 0)
    {
        st = ntk_error_set(NTK_UNABLE, "depth jump: homogeneous defect too large");
        goto done;
    }
    {
        mag_t Sp, Sq;
        mag_init(Sp); mag_init(Sq);
        ntk_jump_tail_sum(S, M->e0, M->alpha, N);
        ntk_jump_tail_sum(Sp, M->e0, M->alpha, N + 2);
        ntk_jump_tail_sum(Sq, M->e0, M->alpha, N + 1);
        sm_kappa(a, M, eps, prec);
        ntk_jump_ntk_assemble(U, a, e0, S, Sp, Sq, M->Dq, M->Dp, M->q2, M->e0, tmp2, prec);
        mag_clear(Sp); mag_clear(Sq);
    }

done:
    arb_clear(P); arb_clear(m); arb_clear(a); arb_clear(b); arb_clear(e0);
    mag_clear(S); mag_clear(q); mag_clear(tmp2);
    return st;
}

int
ntk_jump_smooth_applies(const ntk_iter_problem_t pb)
{
    return pb->eoc && pb->q1_star && !ntk_act_is_piecewise(pb->act)
           && ntk_act_smoothness(pb->act) == NTK_SMOOTH_INF
           && pb->act->kind != NTK_ACT_RELULIKE;
}

/* the constants of the orbit (proofs/fatou.md Lemma J17 (a)) from a ball eb
   of eps_L1: K in Phi(eps_L1) - L1 +- Dphi S_(N+2), Cv = a (K + B ln a),
   Cu = pm1 Cv + p_0 (either output may be NULL); NTK_UNABLE unless
   0 < eb <= M->e0 certainly */
static ntk_status
sm_const(arb_t cv, arb_t cu, const sm_model *M, const arb_t eb, const fmpz_t L1, slong prec)
{
    arb_t K, x;
    mag_t S;
    if (!ntk_jump_in_domain(eb, M->e0))
    {
        if (cv != NULL)
            arb_indeterminate(cv);
        if (cu != NULL)
            arb_indeterminate(cu);
        return ntk_error_set(NTK_UNABLE, "orbit constants: eps outside the smooth model's domain");
    }
    arb_init(K); arb_init(x);
    mag_init(S);
    sm_phi(K, M, eb, prec);
    arb_sub_fmpz(K, K, L1, prec);
    ntk_jump_tail_sum(S, M->e0, M->alpha, M->N + 2);
    mag_mul(S, S, M->Dphi);
    arb_add_error_mag(K, S);
    arb_log(x, M->a, prec);
    arb_addmul(K, x, M->B, prec);
    arb_mul(K, K, M->a, prec);
    if (cu != NULL)
    {
        arb_mul(x, K, M->pm1, prec);
        arb_add(cu, x, M->p + 0, prec);
    }
    if (cv != NULL)
        arb_swap(cv, K);
    arb_clear(K); arb_clear(x);
    mag_clear(S);
    return NTK_SUCCESS;
}

/* the certified model for the orbit from eps_L <= e0 (Lemma J11's use):
   N from (8 G_2 e0)^(N+2) < 2^-(prec+10), at least 8, K = N + 4, raised by
   half (at most twice) until the J5 tail is below 2^-(prec+4) L; M and T are
   initialized on NTK_SUCCESS only */
static ntk_status
sm_build(sm_model *M, ntk_iter_taylor_struct *T, const ntk_net_t net, const arb_t qstar,
         const mag_t e0, const fmpz_t L, slong prec)
{
    slong N, K, wp = prec + 16;
    mag_t rho, Lm, S;
    double bpo;
    ntk_status st;
    int have_M = 0;

    mag_init(rho); mag_init(Lm); mag_init(S);
    mag_set_fmpz_lower(Lm, L);
    K = 4;
    st = ntk_iter_taylor_init(T, net, qstar, K, wp);   /* G_2 first */
    if (st != NTK_SUCCESS)
        goto cleanup;
    arb_get_mag(rho, T->G + 2);
    mag_mul_2exp_si(rho, rho, 3);
    bpo = -mag_get_d_log2_approx(rho) - mag_get_d_log2_approx(e0) - 1.0;
    if (bpo < 3.0)
    {
        char *s = fmpz_get_str(NULL, 10, L);
        st = ntk_error_set(NTK_UNABLE, "depth jump: depth %s too shallow for the smooth model", s);
        flint_free(s);
        goto cleanup;
    }
    N = FLINT_MAX(8, (slong) ceil((prec + 10) / bpo));
    for (int tries = 0; tries < 3; tries++)
    {
        K = N + 4;
        ntk_iter_taylor_clear(T);
        st = ntk_iter_taylor_init(T, net, qstar, K, wp);
        if (st != NTK_SUCCESS)
            goto cleanup;
        if (have_M)
            sm_clear(M);
        sm_init(M, T->G, N, K, wp);
        have_M = 1;
        st = sm_bound(M, e0);
        /* not certified (a defect bound is infinite or a condition of J10,
           J11 fails at this order): try a higher order, as for a tail too
           large */
        if (st == NTK_SUCCESS)
        {
            ntk_jump_tail_sum(S, M->e0, M->alpha, N + 2);
            mag_mul(S, S, M->Dphi);
            mag_div(S, S, Lm);
            st = mag_cmp_2exp_si(S, -prec - 4) <= 0 ? NTK_SUCCESS : NTK_UNABLE;
        }
        if (st == NTK_SUCCESS)
            break;
        if (st != NTK_UNABLE)
            goto cleanup;
        N += N / 2;
    }
    if (st != NTK_SUCCESS)
    {
        char *s = fmpz_get_str(NULL, 10, L);
        st = ntk_error_set(NTK_UNABLE, "depth jump: smooth Abel model too weak at depth %s", s);
        flint_free(s);
    }

cleanup:
    if (st != NTK_SUCCESS)
    {
        ntk_iter_taylor_clear(T);
        if (have_M)
            sm_clear(M);
    }
    mag_clear(rho); mag_clear(Lm); mag_clear(S);
    return st;
}

/* the net of the problem at the EOC point sigma_w2 */
static void
sm_net(ntk_net_t net, const ntk_iter_problem_t pb, const arb_t sigma_w2, slong prec)
{
    ntk_act_set(net->act, pb->act);
    net->method = pb->method;
    arb_set_fmpq(net->sigma_b2, pb->sigma_b2, prec);
    arb_set(net->sigma_w2, sigma_w2);
}

ntk_status
ntk_jump_smooth_rows(ntk_iter_row_struct *rows, slong *order, arb_t cv, arb_t cu,
                     const ntk_iter_problem_t pb, const fmpz *depths, slong n, slong L0,
                     const arb_t eps0, const arb_t theta12, const arb_t qstar,
                     const arb_t sigma_w2, slong prec)
{
    ntk_net_t net;
    ntk_iter_taylor_struct T;
    sm_model M;
    arb_t U0, eps, U;
    mag_t e0;
    fmpz_t d;
    slong wp = prec + 16, i;
    ntk_status st;

    ntk_net_init(net);
    arb_init(U0); arb_init(eps); arb_init(U);
    mag_init(e0);
    fmpz_init(d);
    sm_net(net, pb, sigma_w2, wp);
    arb_div(U0, theta12, qstar, wp);
    arb_get_mag(e0, eps0);
    fmpz_set_si(d, L0);
    st = sm_build(&M, &T, net, qstar, e0, d, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    *order = M.N;
    for (i = 0; i < n && st == NTK_SUCCESS; i++)
    {
        if (fmpz_cmp_si(depths + i, L0) <= 0)
            continue;
        fmpz_sub_si(d, depths + i, L0);
        st = sm_apply(eps, U, &M, eps0, U0, d, wp);
        if (st == NTK_SUCCESS)
            ntk_jump_write_row(rows + i, depths + i, eps, U, qstar, prec);   /* E4: q* L */
    }
    /* the orbit's constants from the same start (Lemma J17) */
    if (st == NTK_SUCCESS && (cv != NULL || cu != NULL))
    {
        fmpz_set_si(d, L0);
        if (sm_const(cv, cu, &M, eps0, d, wp) != NTK_SUCCESS)
            ntk_error_clear();
        if (cv != NULL)
            arb_set_round(cv, cv, prec);
        if (cu != NULL)
            arb_set_round(cu, cu, prec);
    }
    ntk_iter_taylor_clear(&T);
    sm_clear(&M);

cleanup:
    ntk_net_clear(net);
    arb_clear(U0); arb_clear(eps); arb_clear(U);
    mag_clear(e0);
    fmpz_clear(d);
    return st;
}

ntk_status
ntk_jump_smooth_const(arb_t cv, arb_t cu, const ntk_iter_problem_t pb, const arb_t qstar,
                      const arb_t sigma_w2, const arb_t eps, const fmpz_t L, slong prec)
{
    ntk_net_t net;
    ntk_iter_taylor_struct T;
    sm_model M;
    mag_t e0;
    slong wp = prec + 16;
    ntk_status st;

    ntk_net_init(net);
    mag_init(e0);
    sm_net(net, pb, sigma_w2, wp);
    arb_get_mag(e0, eps);
    st = sm_build(&M, &T, net, qstar, e0, L, prec);
    if (st == NTK_SUCCESS)
    {
        st = sm_const(cv, cu, &M, eps, L, wp);
        ntk_iter_taylor_clear(&T);
        sm_clear(&M);
    }
    ntk_net_clear(net);
    mag_clear(e0);
    return st;
}
