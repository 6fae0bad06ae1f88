/*
 * Estimates from the group sums: means with standard errors, dispersions
 * and dispersion-vs-depth slopes with delete-one-group jackknife errors
 * (proofs/finite-width.md section 4).  All are Monte Carlo estimates,
 * never certified numbers.
 */
#include <math.h>
#include <stdlib.h>
#include "ntkdepth/finite.h"

static slong
idx(const ntk_finite_result_t res, slong isig, slong id, slong ir, int k)
{
    return ((isig * res->ndepths + id) * res->nr + ir) * NTK_FINITE_NSTAT + k;
}

ntk_finite_est
ntk_finite_mean(const ntk_finite_result_t res, slong isig, slong id, slong ir, int k)
{
    ntk_finite_est e;
    double n = (double) res->samples;
    double s1 = res->total[idx(res, isig, id, ir, k)];
    double s2 = (k == NTK_FINITE_S_NORM2) ? NAN : res->total[idx(res, isig, id, ir, k + 1)];
    double m = s1 / n, var;
    e.est = m;
    if (k == NTK_FINITE_S_NORM2 || n < 2)
    {
        e.err = NAN;
        return e;
    }
    /* sample variance; two sums in double: relative rounding ~ 1e-16 * E[K^2]/Var */
    var = (s2 - n * m * m) / (n - 1);
    e.err = sqrt(var > 0 ? var / n : 0);
    return e;
}

/* sums over every group except `skip` (skip = -1: all), in group order */
static void
sums_except(double *s1, double *s2, double *n, const ntk_finite_result_t res,
            slong i1, slong skip)
{
    double a = 0, b = 0, c = 0;
    for (slong g = 0; g < res->ngroups; g++)
    {
        if (g == skip)
            continue;
        a += res->group[g * res->size + i1];
        b += res->group[g * res->size + i1 + 1];
        c += (double) ntk_finite_group_size(res, g);
    }
    *s1 = a;
    *s2 = b;
    *n = c;
}

static double
disp_from(const ntk_finite_result_t res, slong isig, slong id, slong ir, slong skip)
{
    double s1, s2, n;
    sums_except(&s1, &s2, &n, res, idx(res, isig, id, ir, NTK_FINITE_S_OFF), skip);
    return (s2 / n) / ((s1 / n) * (s1 / n));
}

ntk_finite_est
ntk_finite_dispersion(const ntk_finite_result_t res, slong isig, slong id, slong ir)
{
    ntk_finite_est e;
    slong G = res->ngroups;
    double mean = 0, ss = 0;
    e.est = disp_from(res, isig, id, ir, -1);
    if (G < 2)
    {
        e.err = NAN;
        return e;
    }
    double *d = malloc(sizeof(double) * G);
    for (slong g = 0; g < G; g++)
        mean += (d[g] = disp_from(res, isig, id, ir, g));
    mean /= G;
    for (slong g = 0; g < G; g++)
        ss += (d[g] - mean) * (d[g] - mean);
    free(d);
    e.err = sqrt((G - 1.0) / G * ss);
    return e;
}

static double
slope_from(const ntk_finite_result_t res, const ntk_finite_config_t cfg, slong isig,
           double tscale, slong dmin, slong skip)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0;
    for (slong id = 0; id < res->ndepths; id++)
    {
        if (cfg->depths[id] < dmin)
            continue;
        double x = cfg->depths[id] * tscale, y = log(disp_from(res, isig, id, 0, skip));
        sx += x; sy += y; sxx += x * x; sxy += x * y; n += 1;
    }
    if (n < 2)
        return NAN;
    return (sxy - sx * sy / n) / (sxx - sx * sx / n);
}

ntk_finite_est
ntk_finite_dispersion_slope(const ntk_finite_result_t res, const ntk_finite_config_t cfg,
                            slong isig, double tscale, slong dmin)
{
    ntk_finite_est e;
    slong G = res->ngroups;
    double mean = 0, ss = 0;
    e.est = slope_from(res, cfg, isig, tscale, dmin, -1);
    if (G < 2 || isnan(e.est))
    {
        e.err = NAN;
        return e;
    }
    double *d = malloc(sizeof(double) * G);
    for (slong g = 0; g < G; g++)
        mean += (d[g] = slope_from(res, cfg, isig, tscale, dmin, g));
    mean /= G;
    for (slong g = 0; g < G; g++)
        ss += (d[g] - mean) * (d[g] - mean);
    free(d);
    e.err = sqrt((G - 1.0) / G * ss);
    return e;
}
