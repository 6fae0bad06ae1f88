/* Three-valued verdicts from certified balls and from estimates
 * (proofs/verdicts.md, rules V-I, V-E, V-B). */
#include <math.h>
#include "ntkdepth/claim.h"

ntk_verdict
ntk_verdict_identity(arb_srcptr d, arb_srcptr tol, slong n)
{
    int all = 1;
    for (slong i = 0; i < n; i++)
    {
        if (!arb_contains_zero(d + i))
            return NTK_VERDICT_REFUTED;          /* certified: d != 0 */
        {
            arb_t r;
            int ok;
            arb_init(r);
            arf_set_mag(arb_midref(r), arb_radref(d + i));
            /* |d| <= |mid| + rad <= 2 rad on a ball containing 0 */
            arb_mul_2exp_si(r, r, 1);
            ok = arb_le(r, tol + i);
            arb_clear(r);
            if (!ok)
                all = 0;
        }
    }
    return all ? NTK_VERDICT_HOLDS : NTK_VERDICT_INCONCLUSIVE;
}

ntk_verdict
ntk_verdict_estimate(const ntk_estimate_t v, const arb_t pred, const arb_t T,
                     slong prec)
{
    arb_t d, lhs, err;
    ntk_verdict res = NTK_VERDICT_INCONCLUSIVE;
    arb_init(d); arb_init(lhs); arb_init(err);
    arb_abs(err, v->error);
    arb_sub(d, v->value, pred, prec);
    arb_abs(d, d);
    arb_add(lhs, d, err, prec);
    if (arb_le(lhs, T))
        res = NTK_VERDICT_HOLDS;
    else
    {
        arb_t e3, half;
        arb_init(e3); arb_init(half);
        arb_mul_ui(e3, err, 3, prec);
        arb_sub(lhs, d, e3, prec);
        arb_mul_2exp_si(half, d, -1);
        if (arb_gt(lhs, T) && arb_le(err, half))
            res = NTK_VERDICT_REFUTED;
        arb_clear(e3); arb_clear(half);
    }
    arb_clear(d); arb_clear(lhs); arb_clear(err);
    return res;
}

ntk_verdict
ntk_verdict_ball(const arb_t x, const arb_t pred, const arb_t T, slong prec)
{
    arb_t d;
    ntk_verdict res = NTK_VERDICT_INCONCLUSIVE;
    arb_init(d);
    arb_sub(d, x, pred, prec);
    arb_abs(d, d);
    if (arb_le(d, T))
        res = NTK_VERDICT_HOLDS;
    else if (arb_gt(d, T))
        res = NTK_VERDICT_REFUTED;
    arb_clear(d);
    return res;
}

ntk_verdict
ntk_verdict_and(ntk_verdict a, ntk_verdict b)
{
    if (a == NTK_VERDICT_REFUTED || b == NTK_VERDICT_REFUTED)
        return NTK_VERDICT_REFUTED;
    if (a == NTK_VERDICT_HOLDS && b == NTK_VERDICT_HOLDS)
        return NTK_VERDICT_HOLDS;
    return NTK_VERDICT_INCONCLUSIVE;
}

/* Rule K3 (proofs/finite-width.md section 7) */
ntk_verdict
ntk_verdict_k3(slong *detail, const double *m, const double *se, const double *lo,
               const double *hi, const int *expect_below, slong n, double T, double z)
{
    slong undecided = -1, contra = -1;
    for (slong i = 0; i < n; i++)
    {
        int finite = isfinite(m[i]) && isfinite(se[i]) && isfinite(lo[i]) && isfinite(hi[i]);
        int below = finite && m[i] + z * se[i] < T && hi[i] < T;
        int above = finite && m[i] - z * se[i] > T && lo[i] > T;
        if (expect_below[i] ? above : below)
        {
            if (contra < 0)
                contra = i;
        }
        else if (!(expect_below[i] ? below : above) && undecided < 0)
            undecided = i;
    }
    if (detail != NULL)
        *detail = contra >= 0 ? contra : undecided;
    if (contra >= 0)
        return NTK_VERDICT_REFUTED;
    return undecided >= 0 || n == 0 ? NTK_VERDICT_INCONCLUSIVE : NTK_VERDICT_HOLDS;
}
