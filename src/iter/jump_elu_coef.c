/*
 * Coefficients of the ELU Abel model in s = sqrt(eps) (proofs/fatou.md,
 * Lemmas J13, J14): the map s' = s u(s), u = sqrt(W), and Dn from the
 * Taylor coefficients F_k of f''(1 - s^2) (Lemma E6, jump_elu_map.c),
 *   Dn_(k+2) = -2 F_k/(k+2),  W_(k+2) = -4 F_k/((k+2)(k+4)),  Dn_0 = W_0 = 1;
 * then the triangular solves of J14: every unknown x with its series G and
 * pivot order o: x = -S_o / G_o, S += x G (the pivots mu, k mu, (j-4) mu,
 * mu = -f''(1)/4, are nonzero).
 */
#include "jump_impl.h"

/* x = -S[o] / G[o]; S += x G */
static void
pivot(arb_t x, arb_poly_t S, const arb_poly_t G, slong o, slong prec)
{
    arb_t a, b;
    arb_poly_t T;
    arb_init(a); arb_init(b);
    arb_poly_init(T);
    arb_poly_get_coeff_arb(a, S, o);
    arb_poly_get_coeff_arb(b, G, o);
    arb_div(x, a, b, prec);
    arb_neg(x, x);
    arb_poly_scalar_mul(T, G, x, prec);
    arb_poly_add(S, S, T, prec);
    arb_clear(a); arb_clear(b);
    arb_poly_clear(T);
}

/* G = (X - Y) s^k truncated to length m (k < 0: divided by s^-k) */
static void
diff_shift(arb_poly_t G, const arb_poly_t X, const arb_poly_t Y, slong k, slong m, slong prec)
{
    arb_poly_sub(G, X, Y, prec);
    if (k >= 0)
        arb_poly_shift_left(G, G, k);
    else
        arb_poly_shift_right(G, G, -k);
    arb_poly_truncate(G, m);
}

void
ntk_jump_elu_init(ntk_jump_elu_t J, const arb_t q, const arb_t sigma_w2, slong N, slong prec)
{
    slong K = N + 8, n = N + 5, m = N + 3, j;
    arb_poly_t Wp, D, u, um2, um1, lu, S, G, one, QF;
    arb_poly_struct *up;

    J->N = N;
    J->K = K;
    arb_init(J->q); arb_init(J->sigma_w2);
    arb_init(J->A); arb_init(J->B1); arb_init(J->B); arb_init(J->pm2); arb_init(J->pm1);
    arb_init(J->q4);
    arb_set(J->q, q);
    arb_set(J->sigma_w2, sigma_w2);
    J->F = _arb_vec_init(K);
    J->W = _arb_vec_init(K + 2);
    J->dn = _arb_vec_init(K + 2);
    J->c = _arb_vec_init(N + 1);
    J->p = _arb_vec_init(N + 1);
    J->qh = _arb_vec_init(N + 1);
    mag_init(J->r); mag_init(J->MF); mag_init(J->rho); mag_init(J->s0);
    mag_init(J->Dphi); mag_init(J->Dq); mag_init(J->Dp); mag_init(J->alpha);
    mag_init(J->lam); mag_init(J->dnmin);
    mag_inf(J->Dphi); mag_inf(J->Dq); mag_inf(J->Dp);

    /* Lemma J13 */
    ntk_jump_elu_fcoef(J->F, K, q, sigma_w2, prec);
    arb_one(J->W);
    arb_one(J->dn);                  /* f'(1) = chi_1 = 1 at the EOC */
    for (slong k = 0; k < K; k++)
    {
        arb_mul_si(J->dn + k + 2, J->F + k, -2, prec);
        arb_div_ui(J->dn + k + 2, J->dn + k + 2, k + 2, prec);
        arb_mul_si(J->W + k + 2, J->F + k, -4, prec);
        arb_div_ui(J->W + k + 2, J->W + k + 2, (k + 2) * (k + 4), prec);
    }

    arb_poly_init(Wp); arb_poly_init(D); arb_poly_init(u); arb_poly_init(um2);
    arb_poly_init(um1); arb_poly_init(lu); arb_poly_init(S); arb_poly_init(G);
    arb_poly_init(one); arb_poly_init(QF);
    up = flint_malloc(sizeof(arb_poly_struct) * (N + 1));
    for (j = 0; j < n; j++)
    {
        arb_poly_set_coeff_arb(Wp, j, J->W + j);
        arb_poly_set_coeff_arb(D, j, J->dn + j);
    }
    arb_poly_one(one);
    arb_poly_sqrt_series(u, Wp, n, prec);
    arb_poly_inv_series(um2, Wp, n, prec);
    arb_poly_rsqrt_series(um1, Wp, n, prec);
    arb_poly_log_series(lu, Wp, n, prec);
    arb_poly_scalar_mul_2exp_si(lu, lu, -1);
    for (j = 0; j <= N; j++)
    {
        arb_poly_init(up + j);
        if (j == 0)
            arb_poly_one(up + 0);
        else
            arb_poly_mullow(up + j, up + j - 1, u, n, prec);
    }

    /* Phi: S = -1 + A (u^-2 - 1)/s^2 + B1 (u^-1 - 1)/s + B ln u + sum c_k s^k (u^k - 1) */
    arb_poly_set_si(S, -1);
    diff_shift(G, um2, one, -2, m, prec);
    pivot(J->A, S, G, 0, prec);
    diff_shift(G, um1, one, -1, m, prec);
    pivot(J->B1, S, G, 1, prec);
    arb_poly_set(G, lu);
    arb_poly_truncate(G, m);
    pivot(J->B, S, G, 2, prec);
    for (j = 1; j <= N; j++)
    {
        diff_shift(G, up + j, one, j, m, prec);
        pivot(J->c + j, S, G, j + 2, prec);
    }

    /* Qh = s^4 + sum_{j>=5} qh_j s^j: S = sum_j qh_j s^j (u^j - Dn) */
    arb_one(J->qh + 4);
    diff_shift(S, up + 4, D, 4, m, prec);
    for (j = 5; j <= N; j++)
    {
        diff_shift(G, up + j, D, j, m, prec);
        pivot(J->qh + j, S, G, j + 2, prec);
    }
    arb_poly_zero(QF);                 /* Qh(s u) */
    for (j = 4; j <= N; j++)
    {
        arb_poly_shift_left(G, up + j, j);
        arb_poly_truncate(G, m);
        arb_poly_scalar_mul(G, G, J->qh + j, prec);
        arb_poly_add(QF, QF, G, prec);
    }

    /* kappa: S = -(1 - s^2 W) + pm2 (u^-2 - Dn)/s^2 + pm1 (u^-1 - Dn)/s
       + sum p_j s^j (u^j - Dn) + q4 ln u Qh(s u); q4 at order 6 (p_4 = 0) */
    arb_poly_shift_left(S, Wp, 2);
    arb_poly_truncate(S, m);
    arb_poly_sub(S, S, one, prec);
    diff_shift(G, um2, D, -2, m, prec);
    pivot(J->pm2, S, G, 0, prec);
    diff_shift(G, um1, D, -1, m, prec);
    pivot(J->pm1, S, G, 1, prec);
    for (j = 0; j <= N; j++)
    {
        if (j == 4)
        {
            arb_zero(J->p + 4);
            arb_poly_mullow(G, lu, QF, m, prec);
            pivot(J->q4, S, G, 6, prec);
            continue;
        }
        diff_shift(G, up + j, D, j, m, prec);
        pivot(J->p + j, S, G, j + 2, prec);
    }

    for (j = 0; j <= N; j++)
        arb_poly_clear(up + j);
    flint_free(up);
    arb_poly_clear(Wp); arb_poly_clear(D); arb_poly_clear(u); arb_poly_clear(um2);
    arb_poly_clear(um1); arb_poly_clear(lu); arb_poly_clear(S); arb_poly_clear(G);
    arb_poly_clear(one); arb_poly_clear(QF);
}

void
ntk_jump_elu_clear(ntk_jump_elu_t J)
{
    arb_clear(J->q); arb_clear(J->sigma_w2);
    arb_clear(J->A); arb_clear(J->B1); arb_clear(J->B); arb_clear(J->pm2); arb_clear(J->pm1);
    arb_clear(J->q4);
    _arb_vec_clear(J->F, J->K);
    _arb_vec_clear(J->W, J->K + 2);
    _arb_vec_clear(J->dn, J->K + 2);
    _arb_vec_clear(J->c, J->N + 1);
    _arb_vec_clear(J->p, J->N + 1);
    _arb_vec_clear(J->qh, J->N + 1);
    mag_clear(J->r); mag_clear(J->MF); mag_clear(J->rho); mag_clear(J->s0);
    mag_clear(J->Dphi); mag_clear(J->Dq); mag_clear(J->Dp); mag_clear(J->alpha);
    mag_clear(J->lam); mag_clear(J->dnmin);
}
