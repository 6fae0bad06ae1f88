/*
 * Certified numbers for claim K1 from the exact moments (statistics only;
 * the verdict rule is ntk_verdict_k1_exact in src/claim/verdict.c):
 * log-dispersion slopes over lambda windows, the sup of the dispersion
 * over the depths and the boundedness criterion of Lemma F11
 * (proofs/finite-width.md section 8).
 */
#include "ntkdepth/finite.h"

ntk_status
ntk_finite_exact_k1_numbers(arb_ptr slope, arb_t dsup, arb_t dev, arb_t crit,
                            const arb_t sigma_w2, slong M, slong Lstep, slong nwin,
                            slong prec)
{
    slong Lmax = (nwin + 1) * Lstep, *widths = NULL;
    arb_ptr D = NULL;
    arb_t one, a, b;
    ntk_status st;

    if (M < 1 || Lstep < 1 || nwin < 1)
        return ntk_error_set(NTK_DOMAIN, "K1 numbers: need M, window and count >= 1 (got %ld, %ld, %ld)",
                             (long) M, (long) Lstep, (long) nwin);
    widths = flint_malloc(sizeof(slong) * Lmax);
    for (slong l = 0; l < Lmax; l++)
        widths[l] = M;
    D = _arb_vec_init(Lmax);
    arb_init(one); arb_init(a); arb_init(b);
    arb_one(one);
    /* standard parameterization, n0 = M, |x|^2 = 1, trainable zero biases */
    st = ntk_finite_exact_moments(NULL, NULL, D, Lmax, M, widths, sigma_w2, one,
                                  NTK_FINITE_PARAM_STANDARD, one, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    /* slope_k = (log D((k+1) Lstep) - log D(k Lstep)) / (Lstep / M), k = 1..nwin */
    for (slong k = 1; k <= nwin; k++)
    {
        arb_log(a, D + (k + 1) * Lstep - 1, prec);
        arb_log(b, D + k * Lstep - 1, prec);
        arb_sub(a, a, b, prec);
        arb_mul_si(a, a, M, prec);
        arb_div_si(slope + k - 1, a, Lstep, prec);
    }
    /* sup over L = 1..Lmax: a ball containing the maximum */
    arb_set(dsup, D);
    for (slong l = 1; l < Lmax; l++)
        arb_max(dsup, dsup, D + l, prec);
    arb_sub_ui(dev, dsup, 1, prec);
    arb_mul_si(dev, dev, M, prec);
    /* Lemma F11: crit = (s/2)^2 (1 + 5/M) - 1 */
    arb_mul_2exp_si(a, sigma_w2, -1);
    arb_mul(a, a, a, prec);
    arb_set_si(b, M + 5);
    arb_div_si(b, b, M, prec);
    arb_mul(crit, a, b, prec);
    arb_sub_ui(crit, crit, 1, prec);
cleanup:
    flint_free(widths);
    _arb_vec_clear(D, Lmax);
    arb_clear(one); arb_clear(a); arb_clear(b);
    return st;
}
