/*
 * Coefficients of the Abel (Fatou) model of the ReLU-like EOC correlation
 * map, by order matching in power series (proofs/fatou.md Lemmas J3, J7).
 *
 * In t = sqrt(eps/2): F(t) = t u(t), u = sqrt(1 - R), R = 8 kap sum_n b_n
 * t^(2n+1), kap = Delta/pi; Dn(t) = 1 - 4 kap asin t (Lemma J1).
 *   Phi   = 1/(A t) + B ln t + sum c_k t^k,  A = 4 kap/3, B = 3/2:
 *           order t^(k+1) of Phi(F) - Phi - 1 fixes c_k (factor -k A).
 *   Qh    = t^3 + sum_{j>=4} qh_j t^j: order t^(j+1) of Qh(F) - Dn Qh
 *           fixes qh_j (factor (3 - j) A; j = 3 is the resonance).
 *   kappa = pm1/t + sum p_j t^j + q3 ln t Qh: order t^(j+1) of
 *           kappa(F) - Dn kappa - (1 - 2 F^2) fixes p_j (factor (3-j) A),
 *           at j = 3 it fixes q3 instead (factor -A), p_3 = 0.
 * All operations are ball operations on balls of the exact series
 * coefficients, so each result is a ball of the exact coefficient.
 */
#include "jump_impl.h"

/* a_n = binom(2n, n)/(4^n (2n+1)) (asin), b_n = a_n/(2n+3) (Lemma R4) */
void
ntk_jump_asin_coef(arb_t a, arb_t b, slong n, slong prec)
{
    fmpq_t q;
    fmpz_t bin;
    fmpq_init(q);
    fmpz_init(bin);
    fmpz_bin_uiui(bin, 2 * n, n);
    fmpz_set(fmpq_numref(q), bin);
    fmpz_one(fmpq_denref(q));
    fmpz_mul_2exp(fmpq_denref(q), fmpq_denref(q), 2 * n);
    fmpz_mul_ui(fmpq_denref(q), fmpq_denref(q), 2 * n + 1);
    fmpq_canonicalise(q);
    if (a != NULL)
        arb_set_fmpq(a, q, prec);
    if (b != NULL)
    {
        fmpz_set_ui(bin, 2 * n + 3);
        fmpq_div_fmpz(q, q, bin);
        arb_set_fmpq(b, q, prec);
    }
    fmpq_clear(q);
    fmpz_clear(bin);
}

/* res += c t^j X  (truncated to length len) */
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

void
ntk_jump_rl_init(ntk_jump_rl_t J, const arb_t delta, slong N, slong prec)
{
    slong n = N + 3, j;
    arb_poly_t R, om, v, u, lu, Dn, S, X, QhF, tmp;
    arb_poly_struct *up;
    arb_t a, b, x;

    if (N < 4)
        N = 4, n = N + 3;
    J->N = N;
    J->prec = prec;
    arb_init(J->delta); arb_init(J->kap); arb_init(J->A); arb_init(J->B);
    arb_init(J->pm1); arb_init(J->q3);
    J->c = _arb_vec_init(N + 1);
    J->p = _arb_vec_init(N + 1);
    J->qh = _arb_vec_init(N + 1);
    mag_init(J->rho); mag_init(J->Mphi); mag_init(J->Mq); mag_init(J->Mp);
    mag_init(J->t0); mag_init(J->Dphi); mag_init(J->Dq); mag_init(J->Dp);
    mag_init(J->lam); mag_init(J->dnmin);
    mag_inf(J->Dphi); mag_inf(J->Dq); mag_inf(J->Dp);
    mag_one(J->rho);
    mag_mul_2exp_si(J->rho, J->rho, -2);       /* rho = 1/4 */

    arb_set(J->delta, delta);
    arb_const_pi(J->kap, prec);
    arb_div(J->kap, delta, J->kap, prec);      /* kap = Delta/pi */
    arb_mul_2exp_si(J->A, J->kap, 2);
    arb_div_ui(J->A, J->A, 3, prec);           /* A = 4 kap/3 */
    arb_set_ui(J->B, 3);
    arb_mul_2exp_si(J->B, J->B, -1);           /* B = 3/2 (Lemma J3) */

    arb_poly_init(R); arb_poly_init(om); arb_poly_init(v); arb_poly_init(u);
    arb_poly_init(lu); arb_poly_init(Dn); arb_poly_init(S); arb_poly_init(X);
    arb_poly_init(QhF); arb_poly_init(tmp);
    arb_init(a); arb_init(b); arb_init(x);
    up = flint_malloc(sizeof(arb_poly_struct) * (N + 1));
    for (j = 0; j <= N; j++)
        arb_poly_init(up + j);

    /* R = 8 kap sum b_m t^(2m+1), asin t = sum a_m t^(2m+1) (Lemma J1) */
    for (slong m = 0; 2 * m + 1 < n; m++)
    {
        ntk_jump_asin_coef(a, b, m, prec);
        arb_mul(b, b, J->kap, prec);
        arb_mul_2exp_si(b, b, 3);
        arb_poly_set_coeff_arb(R, 2 * m + 1, b);
        arb_mul(a, a, J->kap, prec);
        arb_mul_2exp_si(a, a, 2);
        arb_neg(a, a);
        arb_poly_set_coeff_arb(Dn, 2 * m + 1, a);   /* -4 kap a_m */
    }
    arb_poly_set_coeff_si(Dn, 0, 1);              /* Dn = 1 - 4 kap asin t */
    arb_poly_one(om);
    arb_poly_sub(om, om, R, prec);                /* 1 - R */
    arb_poly_rsqrt_series(v, om, n, prec);        /* 1/u */
    arb_poly_sqrt_series(u, om, n, prec);         /* u */
    arb_poly_log_series(lu, om, n, prec);
    arb_poly_scalar_mul_2exp_si(lu, lu, -1);      /* ln u */
    arb_poly_one(up + 0);
    for (j = 1; j <= N; j++)
        arb_poly_mullow(up + j, up + j - 1, u, n, prec);

    /* Phi: S = (1/u - 1)/(A t) + B ln u - 1 + sum c_k t^k (u^k - 1) */
    arb_poly_one(tmp);
    arb_poly_sub(S, v, tmp, prec);
    arb_poly_shift_right(S, S, 1);
    arb_poly_scalar_div(S, S, J->A, prec);
    arb_poly_scalar_mul(X, lu, J->B, prec);
    arb_poly_add(S, S, X, prec);
    arb_poly_sub(S, S, tmp, prec);
    arb_zero(J->c + 0);
    for (j = 1; j <= N; j++)
    {
        arb_poly_get_coeff_arb(x, S, j + 1);
        arb_mul_si(b, J->A, j, prec);
        arb_div(J->c + j, x, b, prec);
        arb_poly_sub(X, up + j, tmp, prec);
        addmul_shift(S, J->c + j, j, X, n - 1, prec);
    }

    /* Qh = t^3 + ...: S = sum qh_j t^j (u^j - Dn) */
    arb_poly_zero(S);
    for (j = 0; j < 3; j++)
        arb_zero(J->qh + j);
    arb_one(J->qh + 3);
    for (j = 3; j <= N; j++)
    {
        if (j > 3)
        {
            arb_poly_get_coeff_arb(x, S, j + 1);
            arb_mul_si(b, J->A, 3 - j, prec);
            arb_div(J->qh + j, x, b, prec);
            arb_neg(J->qh + j, J->qh + j);
        }
        arb_poly_sub(X, up + j, Dn, prec);
        addmul_shift(S, J->qh + j, j, X, n, prec);
    }
    /* Qh(F) = sum qh_j t^j u^j */
    arb_poly_zero(QhF);
    for (j = 3; j <= N; j++)
        addmul_shift(QhF, J->qh + j, j, up + j, n, prec);

    /* kappa: S = pm1 (1/u - Dn)/t - (1 - 2 t^2 u^2) + sum p_j t^j (u^j - Dn)
              + q3 ln u Qh(F) */
    arb_inv(J->pm1, J->A, prec);
    arb_mul_2exp_si(J->pm1, J->pm1, -2);          /* pm1 = 1/(4A) */
    arb_poly_sub(S, v, Dn, prec);
    arb_poly_shift_right(S, S, 1);
    arb_poly_scalar_mul(S, S, J->pm1, prec);
    arb_poly_mullow(X, up + 1, up + 1, n, prec);
    arb_poly_shift_left(X, X, 2);
    arb_poly_truncate(X, n);
    arb_poly_scalar_mul_2exp_si(X, X, 1);         /* 2 F^2 */
    arb_poly_add(S, S, X, prec);
    arb_poly_sub(S, S, tmp, prec);
    for (j = 0; j <= N; j++)
    {
        arb_poly_get_coeff_arb(x, S, j + 1);
        if (j == 3)
        {
            arb_zero(J->p + 3);
            arb_div(J->q3, x, J->A, prec);
            arb_poly_mullow(X, lu, QhF, n, prec);
            arb_poly_scalar_mul(X, X, J->q3, prec);
            arb_poly_add(S, S, X, prec);
            continue;
        }
        arb_mul_si(b, J->A, 3 - j, prec);
        arb_div(J->p + j, x, b, prec);
        arb_neg(J->p + j, J->p + j);
        arb_poly_sub(X, up + j, Dn, prec);
        addmul_shift(S, J->p + j, j, X, n, prec);
    }

    for (j = 0; j <= N; j++)
        arb_poly_clear(up + j);
    flint_free(up);
    arb_poly_clear(R); arb_poly_clear(om); arb_poly_clear(v); arb_poly_clear(u);
    arb_poly_clear(lu); arb_poly_clear(Dn); arb_poly_clear(S); arb_poly_clear(X);
    arb_poly_clear(QhF); arb_poly_clear(tmp);
    arb_clear(a); arb_clear(b); arb_clear(x);
}

void
ntk_jump_rl_clear(ntk_jump_rl_t J)
{
    arb_clear(J->delta); arb_clear(J->kap); arb_clear(J->A); arb_clear(J->B);
    arb_clear(J->pm1); arb_clear(J->q3);
    _arb_vec_clear(J->c, J->N + 1);
    _arb_vec_clear(J->p, J->N + 1);
    _arb_vec_clear(J->qh, J->N + 1);
    mag_clear(J->rho); mag_clear(J->Mphi); mag_clear(J->Mq); mag_clear(J->Mp);
    mag_clear(J->t0); mag_clear(J->Dphi); mag_clear(J->Dq); mag_clear(J->Dp);
    mag_clear(J->lam); mag_clear(J->dnmin);
}
