/*
 * Smooth Taylor model of the correlation map at q = q* (proofs/
 * propagation.md, Lemma P4): with G_k = f^(k)(1)/k! (Price coefficients,
 * computed once by ntk_maps_price),
 *   eps' = g(eps) = sum_{k=1}^{K} (-1)^(k+1) G_k eps^k + R,
 *       |R| <= G_{K+1} eps^(K+1),
 *   D12 = f'(1 - eps) = sum_{k=0}^{K-1} (-1)^k (k+1) G_{k+1} eps^k + R',
 *       |R'| <= (K+1) G_{K+1} eps^K,
 * because |f^(j)(c)| <= f^(j)(1) on [-1, 1] (Cauchy-Schwarz with equal
 * variances) whenever phi^(j) is in L^2 (j <= smoothness).  Over the eps
 * ball, |f''| <= f''(1) gives D12(ball) = D12(mid) +- f''(1) rad.
 */
#include <math.h>
#include "iter_impl.h"

ntk_status
ntk_iter_taylor_init(ntk_iter_taylor_struct *T, const ntk_net_t net,
                     const arb_t qstar, slong K, slong prec)
{
    ntk_status st;
    arb_t fac;

    T->K = K;
    T->prec = prec;
    T->G = _arb_vec_init(K + 2);
    T->cg = T->cd = T->pw = NULL;
    T->lgG = flint_malloc(sizeof(double) * (K + 2));
    T->lgR = flint_malloc(sizeof(double) * (K + 1));
    arb_init(T->F2);
    arb_init(T->chi1);
    st = ntk_maps_price(T->G, net, qstar, K + 2, prec);
    if (st != NTK_SUCCESS)
        return st;
    arb_set(T->chi1, T->G + 1);
    arb_set(T->F2, T->G + 2);
    arb_init(fac);
    arb_one(fac);
    for (slong k = 0; k <= K + 1; k++)
    {
        mag_t m;
        if (k >= 2)
        {
            arb_mul_ui(fac, fac, k, prec);
            arb_div(T->G + k, T->G + k, fac, prec);
        }
        mag_init(m);
        arb_get_mag(m, T->G + k);
        T->lgG[k] = mag_is_zero(m) ? -HUGE_VAL
                  : (mag_is_inf(m) ? HUGE_VAL : mag_get_d_log2_approx(m));
        mag_clear(m);
    }
    arb_clear(fac);
    for (slong k = 0; k <= K; k++)
        T->lgR[k] = T->lgG[k + 1] + log2((double) (k + 1));
    T->cg = _arb_vec_init(K);
    T->cd = _arb_vec_init(K);
    T->pw = _arb_vec_init(K);
    for (slong j = 0; j < K; j++)
    {
        arb_set(T->cg + j, T->G + j + 1);
        arb_mul_ui(T->cd + j, T->G + j + 1, j + 1, prec);
        if (j & 1)
        {
            arb_neg(T->cg + j, T->cg + j);
            arb_neg(T->cd + j, T->cd + j);
        }
    }
    if (!arb_is_finite(T->chi1) || !arb_is_positive(T->chi1) || !arb_is_finite(T->F2))
        return ntk_error_set(NTK_UNABLE, "Taylor model: Price coefficients not finite");
    return NTK_SUCCESS;
}

void
ntk_iter_taylor_clear(ntk_iter_taylor_struct *T)
{
    _arb_vec_clear(T->G, T->K + 2);
    if (T->cg != NULL)
    {
        _arb_vec_clear(T->cg, T->K);
        _arb_vec_clear(T->cd, T->K);
        _arb_vec_clear(T->pw, T->K);
    }
    flint_free(T->lgG);
    flint_free(T->lgR);
    arb_clear(T->F2);
    arb_clear(T->chi1);
}

slong
ntk_iter_taylor_order(const ntk_iter_taylor_struct *T, const arb_t eps, slong prec)
{
    arf_t u;
    double le, target;

    if (arb_is_zero(eps))
        return 1;
    arf_init(u);
    arb_get_ubound_arf(u, eps, 30);
    le = arf_get_d(u, ARF_RND_UP);
    arf_clear(u);
    if (!(le > 0) || le > 1.0)
        return 0;
    le = log2(le);
    target = T->lgG[1] - prec - 4;   /* relative to eps' ~ chi_1 eps */
    for (slong K = 1; K <= T->K; K++)
    {
        /* lgR[K] = log2(G_{K+1}) + log2(K + 1) */
        if (T->lgR[K] + K * le <= target)
            return K;
    }
    return 0;
}

void
ntk_iter_taylor_step(arb_t eps, arb_t d12, const ntk_iter_taylor_struct *T,
                     slong K, slong prec)
{
    arb_t m, pg, pd, t;
    mag_t em, rg, rd, sup, rad;

    if (arb_is_zero(eps))
    {
        arb_set(d12, T->chi1);
        return;
    }
    arb_init(m); arb_init(pg); arb_init(pd); arb_init(t);
    mag_init(em); mag_init(rg); mag_init(rd); mag_init(sup); mag_init(rad);

    arb_set_arf(m, arb_midref(eps));
    mag_set(rad, arb_radref(eps));

    /* pg = sum_{j<K} (-1)^j G_{j+1} m^j, pd = sum (-1)^j (j+1) G_{j+1} m^j,
       as dot products with the powers of m (one rounding each) */
    {
        arb_ptr pw = T->pw;
        arb_one(pw);
        if (K > 1)
            arb_set(pw + 1, m);
        for (slong j = 2; j < K; j++)
            arb_mul(pw + j, pw + j - 1, m, prec);
        arb_dot(pg, NULL, 0, T->cg, 1, pw, 1, K, prec);
        arb_dot(pd, NULL, 0, T->cd, 1, pw, 1, K, prec);
    }
    arb_mul(pg, pg, m, prec);

    /* remainders (Lemma P4) */
    arb_get_mag(em, m);
    mag_pow_ui(rd, em, K);
    arb_get_mag(rg, T->G + K + 1);
    mag_mul(rd, rd, rg);                 /* G_{K+1} m^K */
    mag_mul(rg, rd, em);                 /* G_{K+1} m^(K+1) */
    mag_mul_ui(rd, rd, K + 1);
    arb_add_error_mag(pg, rg);
    arb_add_error_mag(pd, rd);

    /* D12 over the ball: +- f''(1) rad (|f''| <= f''(1), Lemma P4) */
    arb_get_mag(sup, T->F2);
    mag_mul(sup, sup, rad);
    arb_add_error_mag(pd, sup);
    arb_set(d12, pd);

    /* eps' = g(m) +- sup|D12| rad (Lemma P1; g' = f' at q*) */
    arb_get_mag(sup, pd);
    ntk_iter_mv_combine(eps, pg, sup, rad, NULL, prec);
    ntk_iter_clamp_eps(eps, prec);

    arb_clear(m); arb_clear(pg); arb_clear(pd); arb_clear(t);
    mag_clear(em); mag_clear(rg); mag_clear(rd); mag_clear(sup); mag_clear(rad);
}
