/*
 * Mehler model of the correlation map at q = q*, expanded at c = 0
 * (proofs/propagation.md, Lemma P5).  With m_k = E[phi^(k)(sqrt(q*) Z)],
 * a_k = q*^k m_k^2 / k! >= 0 and F_j = E[phi^(j)(sqrt(q*) Z)^2]:
 *   E[phi(u) phi(v)] = f(c) = sum_k a_k c^k,
 *   |f(c) - sum_{k<=K} a_k c^k|        <= |c|^(K+1) T_K,
 *   |f'(c) - sum_{k<=K} k a_k c^(k-1)| <= |c|^K T'_K      (|c| <= 1),
 *   T_K  <= min_j (q*^j F_j - sum_{k<=K} (k)_j a_k) / (K+1)_j,
 *   T'_K <= min_{j>=1} (q*^j F_j - sum_{k<=K} (k)_j a_k) / (K)_(j-1),
 * and at q*: c' = (sigma_b^2 + sigma_w^2 f(c)) / q*, D12 = sigma_w^2 f'(c)/q*
 * = dc'/dc, so eps' = 1 - c'(mid) +- sup|D12| rad (Lemma P1).
 */
#include <math.h>
#include "iter_impl.h"

/* log2 of an upper bound of the nonnegative quantity x (-inf if 0) */
static double
lg_ub(const mag_t x)
{
    if (mag_is_zero(x))
        return -HUGE_VAL;
    if (mag_is_inf(x))
        return HUGE_VAL;
    return mag_get_d_log2_approx(x) + 1e-9;
}

/* mag upper bound of max(x, 0) for a ball x known to contain a value >= 0 */
static void
ub_nonneg(mag_t res, const arb_t x)
{
    arf_t u;
    arf_init(u);
    arb_get_ubound_arf(u, x, MAG_BITS);
    if (arf_sgn(u) <= 0)
        mag_zero(res);
    else
        arf_get_mag(res, u);
    arf_clear(u);
}

ntk_status
ntk_iter_mehler_init(ntk_iter_mehler_struct *M, const ntk_net_t net,
                     const arb_t qstar, const arb_t cmax, slong K, slong prec)
{
    ntk_status st;
    slong len = K + 1, j, k;
    arb_ptr m, F, S;
    arb_t t, qk, ff, fac;
    double *kbits, lc;

    M->K = K;
    M->a = _arb_vec_init(len);
    M->da = _arb_vec_init(len);
    M->T = _mag_vec_init(len);
    M->Td = _mag_vec_init(len);
    M->lgT = flint_malloc(sizeof(double) * len);
    M->lgTd = flint_malloc(sizeof(double) * len);
    arb_init(M->sw2);
    arb_init(M->sb2);
    arb_init(M->qstar);
    arb_set(M->sw2, net->sigma_w2);
    arb_set(M->sb2, net->sigma_b2);
    arb_set(M->qstar, qstar);

    m = _arb_vec_init(len);
    F = _arb_vec_init(len);
    S = _arb_vec_init(len);
    arb_init(t); arb_init(qk); arb_init(ff); arb_init(fac);
    kbits = flint_malloc(sizeof(double) * len);

    /* accuracy wanted of m_k: a_k |c|^k to ~2^-(prec+8) for |c| <= cmax
       (only the width of the enclosures depends on this) */
    arb_get_ubound_arf(arb_midref(t), cmax, 30);
    mag_zero(arb_radref(t));
    lc = log2(arf_get_d(arb_midref(t), ARF_RND_UP));
    for (k = 0; k < len; k++)
        kbits[k] = FLINT_MAX(24.0, (double) prec + 8 + (double) k * lc);
    st = ntk_gauss_hermite(m, F, net->act, qstar, len, kbits, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;

    /* a_k = q^k m_k^2 / k!, da[k] = k a_k; F[j] <- q^j F_j */
    arb_one(qk);
    arb_one(fac);
    for (k = 0; k < len; k++)
    {
        if (k > 0)
        {
            arb_mul(qk, qk, qstar, prec);
            arb_mul_ui(fac, fac, k, prec);
        }
        arb_sqr(t, m + k, prec);
        arb_mul(t, t, qk, prec);
        arb_div(M->a + k, t, fac, prec);
        arb_mul_ui(M->da + k, M->a + k, k, prec);
        arb_mul(F + k, F + k, qk, prec);
    }

    /* tails (Lemma P5): S[j] = sum_{k<=K} (k)_j a_k, incrementally in K */
    for (K = 0; K < len; K++)
    {
        mag_t b, best, bestd;
        mag_init(b); mag_init(best); mag_init(bestd);
        mag_inf(best);
        mag_inf(bestd);
        arb_one(ff);                               /* (K)_j, j = 0 */
        for (j = 0; j < len; j++)
        {
            if (j > 0)
                arb_mul_si(ff, ff, K - j + 1, prec);   /* (K)_j */
            if (j <= K)
                arb_addmul(S + j, ff, M->a + K, prec);
        }
        /* lower bounds ff1 = (K+1)_j, ff2 = (K)_(j-1) (falling
           factorials, exact integers: mag lower rounding) */
        {
            mag_t ff1, ff2, db;
            mag_init(ff1); mag_init(ff2); mag_init(db);
            mag_one(ff1);
            mag_one(ff2);
            for (j = 0; j < len; j++)
            {
                arb_sub(t, F + j, S + j, prec);
                ub_nonneg(b, t);
                if (!mag_is_zero(ff1))
                {
                    mag_div(db, b, ff1);
                    if (mag_cmp(db, best) < 0)
                        mag_set(best, db);
                }
                if (j >= 1 && !mag_is_zero(ff2))
                {
                    mag_div(db, b, ff2);
                    if (mag_cmp(db, bestd) < 0)
                        mag_set(bestd, db);
                }
                /* next j: (K+1)_(j+1) = (K+1)_j (K+1-j), (K)_j = (K)_(j-1) (K-j+1) */
                if (K + 1 - j > 0)
                    mag_mul_ui_lower(ff1, ff1, (ulong) (K + 1 - j));
                else
                    mag_zero(ff1);
                if (j >= 1)
                {
                    if (K - j + 1 > 0)
                        mag_mul_ui_lower(ff2, ff2, (ulong) (K - j + 1));
                    else
                        mag_zero(ff2);
                }
            }
            mag_clear(ff1); mag_clear(ff2); mag_clear(db);
        }
        mag_set(M->T + K, best);
        mag_set(M->Td + K, bestd);
        M->lgT[K] = lg_ub(best);
        M->lgTd[K] = lg_ub(bestd);
        mag_clear(b); mag_clear(best); mag_clear(bestd);
    }
    if (!_arb_vec_is_finite(M->a, len))
        st = ntk_error_set(NTK_UNABLE, "Mehler model: coefficients not finite");

cleanup:
    _arb_vec_clear(m, len);
    _arb_vec_clear(F, len);
    _arb_vec_clear(S, len);
    arb_clear(t); arb_clear(qk); arb_clear(ff); arb_clear(fac);
    flint_free(kbits);
    return st;
}

void
ntk_iter_mehler_clear(ntk_iter_mehler_struct *M)
{
    _arb_vec_clear(M->a, M->K + 1);
    _arb_vec_clear(M->da, M->K + 1);
    _mag_vec_clear(M->T, M->K + 1);
    _mag_vec_clear(M->Td, M->K + 1);
    flint_free(M->lgT);
    flint_free(M->lgTd);
    arb_clear(M->sw2);
    arb_clear(M->sb2);
    arb_clear(M->qstar);
}

/* upper bound of |c| = |1 - eps| over the ball, as a double (inf if > 1) */
static double
cmax_d(const arb_t eps)
{
    arb_t c;
    arf_t u;
    double r;
    arb_init(c);
    arf_init(u);
    arb_sub_si(c, eps, 1, 64);
    arb_get_abs_ubound_arf(u, c, 30);
    r = arf_get_d(u, ARF_RND_UP);
    arb_clear(c);
    arf_clear(u);
    return r < 1.0 ? r : HUGE_VAL;
}

slong
ntk_iter_mehler_order(const ntk_iter_mehler_struct *M, const arb_t eps, slong prec)
{
    double cm = cmax_d(eps), lc;
    if (!(cm < 1.0))
        return -1;
    if (cm == 0.0)
        return 0;
    lc = log2(cm);
    for (slong K = 0; K <= M->K; K++)
        if (M->lgT[K] + (K + 1) * lc <= -(double) prec - 6
            && M->lgTd[K] + K * lc <= -(double) prec - 6)
            return K;
    return -1;
}

void
ntk_iter_mehler_step(arb_t eps, arb_t d12, const ntk_iter_mehler_struct *M,
                     slong K, slong prec)
{
    arb_t c, C, f, fd;
    mag_t cm, e, rad, sup;

    arb_init(c); arb_init(C); arb_init(f); arb_init(fd);
    mag_init(cm); mag_init(e); mag_init(rad); mag_init(sup);

    /* c at the midpoint, C over the ball */
    arb_set_arf(c, arb_midref(eps));
    arb_sub_si(c, c, 1, prec);
    arb_neg(c, c);
    arb_sub_si(C, eps, 1, prec);
    arb_neg(C, C);
    mag_set(rad, arb_radref(eps));

    /* f(c) = sum_{k<=K} a_k c^k +- |c|^(K+1) T_K (Lemma P5) */
    _arb_poly_evaluate(f, M->a, K + 1, c, prec);
    arb_get_mag(cm, c);
    mag_pow_ui(e, cm, K + 1);
    mag_mul(e, e, M->T + K);
    arb_add_error_mag(f, e);

    /* f'(C) = sum_{1<=k<=K} k a_k C^(k-1) +- |C|^K T'_K over the ball */
    if (K >= 1)
        _arb_poly_evaluate(fd, M->da + 1, K, C, prec);
    else
        arb_zero(fd);
    arb_get_mag(cm, C);
    mag_pow_ui(e, cm, K);
    mag_mul(e, e, M->Td + K);
    arb_add_error_mag(fd, e);

    /* c' = (sigma_b^2 + sigma_w^2 f) / q*, D12 = sigma_w^2 f' / q* */
    arb_mul(f, f, M->sw2, prec);
    arb_add(f, f, M->sb2, prec);
    arb_div(f, f, M->qstar, prec);
    arb_sub_si(f, f, 1, prec);
    arb_neg(f, f);                                /* eps' at the midpoint */
    arb_mul(d12, fd, M->sw2, prec);
    arb_div(d12, d12, M->qstar, prec);

    /* eps' = g(mid) +- sup|D12| rad (Lemma P1; d eps'/d eps = D12) */
    arb_get_mag(sup, d12);
    ntk_iter_mv_combine(eps, f, sup, rad, NULL, prec);
    ntk_iter_clamp_eps(eps, prec);

    arb_clear(c); arb_clear(C); arb_clear(f); arb_clear(fd);
    mag_clear(cm); mag_clear(e); mag_clear(rad); mag_clear(sup);
}
