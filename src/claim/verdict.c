/* Every verdict rule of the project (proofs/verdicts.md): V1 identity,
 * V2 estimates, V3 certified ball, V4 conjunction, V5 finite-width
 * z-scores, V6 decreasing distances, V7 settling; and the one tolerance
 * rule.  The evaluators (run.c, hooks*.c) compute numbers and call these. */
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

/* ------------------------------------------------------------------ */
/* the tolerance (proofs/verdicts.md, "Verdicts": the one rule)        */
/* ------------------------------------------------------------------ */

void
ntk_verdict_tolerance(arb_t T, const ntk_claim_t cl, const arb_t pred, int quick, slong prec)
{
    const char *s = (quick && cl->quick_tolerance) ? cl->quick_tolerance
                  : cl->tolerance ? cl->tolerance : "0";
    ntk_parse_arb(T, s, "tolerance", prec);
    if (!cl->tol_absolute && pred != NULL && !arb_contains_zero(pred))
    {
        /* relative: tol |pred|, its lower end (strict) */
        arb_t a;
        arf_t lo;
        arb_init(a);
        arf_init(lo);
        arb_abs(a, pred);
        arb_mul(T, T, a, prec);
        arb_get_lbound_arf(lo, T, prec);
        arb_set_arf(T, lo);
        arf_clear(lo);
        arb_clear(a);
    }
}

/* ------------------------------------------------------------------ */
/* rules V5-V7                                                         */
/* ------------------------------------------------------------------ */

ntk_verdict
ntk_verdict_finite(const ntk_finite_claim *c)
{
    if (!c->valid)
        return NTK_VERDICT_INCONCLUSIVE;
    switch (c->test)
    {
        case NTK_FINITE_TEST_ALL_BELOW:
            return c->zmax < c->zcrit ? NTK_VERDICT_HOLDS : NTK_VERDICT_REFUTED;
        case NTK_FINITE_TEST_POSITIVE:
            return c->zmax >= c->zcrit ? NTK_VERDICT_HOLDS
                   : c->zmax <= -c->zcrit ? NTK_VERDICT_REFUTED : NTK_VERDICT_INCONCLUSIVE;
        case NTK_FINITE_TEST_EQUAL:
            return fabs(c->zmax) < c->zcrit ? NTK_VERDICT_HOLDS : NTK_VERDICT_REFUTED;
        case NTK_FINITE_TEST_SEPARATION:
            return c->agree ? NTK_VERDICT_HOLDS
                   : c->contra ? NTK_VERDICT_REFUTED : NTK_VERDICT_INCONCLUSIVE;
    }
    return NTK_VERDICT_INCONCLUSIVE;
}

ntk_verdict
ntk_verdict_decreasing(int *decreasing, arb_srcptr d, slong n, const arb_t T)
{
    int dec = 1;
    for (slong i = 1; i < n; i++)
        if (!arb_lt(d + i, d + i - 1))
            dec = 0;
    if (decreasing != NULL)
        *decreasing = dec;
    if (n < 1)
        return NTK_VERDICT_INCONCLUSIVE;
    if (dec && arb_le(d + n - 1, T))
        return NTK_VERDICT_HOLDS;
    if (arb_gt(d + n - 1, T) && n >= 2 && !arb_lt(d + n - 1, d + n - 2))
        return NTK_VERDICT_REFUTED;
    return NTK_VERDICT_INCONCLUSIVE;
}

ntk_verdict
ntk_verdict_settle(const arb_t change, const arb_t T, const arb_t far0, const arb_t far1)
{
    arb_t h;
    ntk_verdict v = NTK_VERDICT_INCONCLUSIVE;
    arb_init(h);
    arb_mul_2exp_si(h, far0, -1);
    if (arb_le(change, T) && arb_gt(far1, h))
        v = NTK_VERDICT_HOLDS;
    else if (arb_gt(change, T) || arb_le(far1, h))
        v = NTK_VERDICT_REFUTED;
    arb_clear(h);
    return v;
}

/* upper / lower end of a ball as a ball (exact) */
static void
ball_upper(arb_t u, const arb_t x)
{
    arb_t r;
    arb_init(r);
    arf_set_mag(arb_midref(r), arb_radref(x));
    arb_set_arf(u, arb_midref(x));
    arb_add(u, u, r, ARF_PREC_EXACT);
    arb_clear(r);
}

static void
ball_lower(arb_t u, const arb_t x)
{
    arb_t r;
    arb_init(r);
    arf_set_mag(arb_midref(r), arb_radref(x));
    arb_set_arf(u, arb_midref(x));
    arb_sub(u, u, r, ARF_PREC_EXACT);
    arb_clear(r);
}

void
ntk_verdict_k1_bound(arb_t C, const arb_t dev0)
{
    arb_t u;
    double d, q;
    arb_init(u);
    ball_upper(u, dev0);
    d = arf_get_d(arb_midref(u), ARF_RND_UP);
    if (!(d > 0) || !isfinite(d))
        arb_set(C, u);                              /* 0 or huge: as is */
    else
    {
        q = pow(10.0, floor(log10(d)) - 2);         /* 3 significant digits */
        d = ceil(d / q) * q;
        arb_set_d(C, d);
        while (arb_lt(C, u))                        /* rounding of the doubles */
        {
            d += q;
            arb_set_d(C, d);
        }
    }
    arb_clear(u);
}

ntk_verdict
ntk_verdict_k1_exact(ntk_verdict *per, const int *grow, arb_srcptr slope, arb_srcptr dev,
                     slong nsig, slong nM, slong nwin)
{
    ntk_verdict all = NTK_VERDICT_HOLDS;
    arb_t C, u;
    arb_init(C);
    arb_init(u);
    for (slong i = 0; i < nsig; i++)
    {
        ntk_verdict v = NTK_VERDICT_HOLDS;
        arb_srcptr dv = dev + i * nM;
        if (grow[i])
        {
            for (slong k = 0; k < nM * nwin; k++)
            {
                arb_srcptr s = slope + i * nM * nwin + k;
                if (arb_is_nonpositive(s))
                    v = NTK_VERDICT_REFUTED;           /* certified: no growth there */
                else if (!arb_is_positive(s) && v == NTK_VERDICT_HOLDS)
                    v = NTK_VERDICT_INCONCLUSIVE;
            }
            for (slong m = 0; m + 1 < nM && v == NTK_VERDICT_HOLDS; m++)
                if (!arb_lt(dv + m, dv + m + 1))
                    v = NTK_VERDICT_INCONCLUSIVE;      /* 1 + C/M not shown to fail */
        }
        else
        {
            ntk_verdict_k1_bound(C, dv);               /* C: smallest width */
            for (slong m = 1; m < nM; m++)
            {
                ball_lower(u, dv + m);
                if (arb_gt(u, C))
                    v = NTK_VERDICT_REFUTED;           /* M (D - 1) > C certified */
                else
                {
                    ball_upper(u, dv + m);
                    if (!arb_le(u, C) && v == NTK_VERDICT_HOLDS)
                        v = NTK_VERDICT_INCONCLUSIVE;
                }
            }
        }
        if (per != NULL)
            per[i] = v;
        all = ntk_verdict_and(all, v);
    }
    arb_clear(C);
    arb_clear(u);
    return all;
}

/* Rule K3 (proofs/finite-width.md section 9) */
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
