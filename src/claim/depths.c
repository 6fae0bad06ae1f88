/* The depths a claim is run at: its checkpoints and the geometric grid of
 * the fits (ntk_claim_depths, ntkdepth/claim.h). */
#include <math.h>
#include <stdlib.h>
#include "claim_impl.h"

static int
cmp_slong(const void *a, const void *b)
{
    slong x = *(const slong *) a, y = *(const slong *) b;
    return (x > y) - (x < y);
}

static slong
uniq(slong *d, slong n)
{
    slong j = 0;
    qsort(d, (size_t) n, sizeof(slong), cmp_slong);
    for (slong i = 0; i < n; i++)
        if (j == 0 || d[i] != d[j - 1])
            d[j++] = d[i];
    return j;
}

/* points per decade of the geometric grid used by the fits */
#define GRID_PER_DECADE 20

void
ntk_claim_depths(slong **depths, slong *n, const ntk_claim_t cl,
                 const ntk_verify_opts_t opts)
{
    slong cap = 0, Lmax, *d;
    slong nd = 0;

    Lmax = cl->ndepths ? cl->depths[cl->ndepths - 1] : 1;
    if (opts->quick && Lmax > opts->max_depth_quick)
        Lmax = opts->max_depth_quick;
    /* the grid has 20 points per decade up to Lmax <= 10^18 */
    cap = 2 * cl->ndepths + 19 * GRID_PER_DECADE + 4;
    d = flint_malloc(sizeof(slong) * cap);
    for (slong i = 0; i < cl->ndepths; i++)
        if (cl->depths[i] <= Lmax)
        {
            d[nd++] = cl->depths[i];
            if (cl->law == NTK_LAW_EXPONENTIAL)
                d[nd++] = cl->depths[i] + 1;
        }
    if (nd == 0 || d[nd - 1] < Lmax)
    {
        d[nd++] = Lmax;
        if (cl->law == NTK_LAW_EXPONENTIAL)
            d[nd++] = Lmax + 1;
    }
    if (cl->law == NTK_LAW_LIMIT || cl->law == NTK_LAW_POWER
        || cl->law == NTK_LAW_POWER_LOG)
    {
        for (slong k = GRID_PER_DECADE; ; k++)
        {
            double x = floor(pow(10.0, (double) k / GRID_PER_DECADE) + 0.5);
            if (x > (double) Lmax || nd >= cap)
                break;
            d[nd++] = (slong) x;
        }
    }
    *n = uniq(d, nd);
    *depths = d;
}
