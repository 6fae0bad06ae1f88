/* Configuration of a finite-width Monte Carlo run: defaults of the paper
   (papers.md P3), list setters, validation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/finite.h"

static const double paper_sigma_w2[16] = {0.5, 0.8, 1.0, 1.2, 1.4, 1.5, 1.6, 1.7,
                                          1.8, 1.9, 2.0, 2.1, 2.2, 2.5, 3.0, 3.5};

void
ntk_finite_config_init(ntk_finite_config_t cfg)
{
    slong d[49];
    double r[11];
    memset(cfg, 0, sizeof(*cfg));
    ntk_finite_act_set_str(cfg->act, "relu");
    cfg->n0 = 100;
    for (int i = 0; i < 49; i++)
        d[i] = i + 1;
    for (int i = 0; i < 11; i++)
        r[i] = (10 - i) / 10.0;
    ntk_finite_config_set_depths(cfg, d, 49);
    ntk_finite_config_set_width(cfg, 100);
    ntk_finite_config_set_sigma_w2(cfg, paper_sigma_w2, 16);
    ntk_finite_config_set_r(cfg, r, 11);
    cfg->sigma_b2 = 0;
    cfg->param = NTK_FINITE_PARAM_STANDARD;
    cfg->init = NTK_FINITE_INIT_DEFAULT;
    cfg->seed = 1;
    cfg->samples = 500;
}

void
ntk_finite_config_clear(ntk_finite_config_t cfg)
{
    free(cfg->widths);
    free(cfg->depths);
    free(cfg->sigma_w2);
    free(cfg->r);
    memset(cfg, 0, sizeof(*cfg));
}

static void *
dup(const void *src, size_t bytes)
{
    void *p = malloc(bytes ? bytes : 1);
    if (p != NULL && bytes)
        memcpy(p, src, bytes);
    return p;
}

ntk_status
ntk_finite_config_set_width(ntk_finite_config_t cfg, slong M)
{
    slong L = cfg->ndepths > 0 ? cfg->depths[cfg->ndepths - 1] : 1;
    slong *w = malloc(sizeof(slong) * (L > 0 ? L : 1));
    if (w == NULL)
        return ntk_error_set(NTK_NOMEM, "out of memory");
    for (slong i = 0; i < L; i++)
        w[i] = M;
    free(cfg->widths);
    cfg->widths = w;
    cfg->nwidths = L;
    return NTK_SUCCESS;
}

ntk_status
ntk_finite_config_set_depths(ntk_finite_config_t cfg, const slong *d, slong n)
{
    slong *p = dup(d, sizeof(slong) * n);
    if (p == NULL)
        return ntk_error_set(NTK_NOMEM, "out of memory");
    free(cfg->depths);
    cfg->depths = p;
    cfg->ndepths = n;
    return NTK_SUCCESS;
}

ntk_status
ntk_finite_config_set_sigma_w2(ntk_finite_config_t cfg, const double *s, slong n)
{
    double *p = dup(s, sizeof(double) * n);
    if (p == NULL)
        return ntk_error_set(NTK_NOMEM, "out of memory");
    free(cfg->sigma_w2);
    cfg->sigma_w2 = p;
    cfg->nsigma = n;
    return NTK_SUCCESS;
}

ntk_status
ntk_finite_config_set_r(ntk_finite_config_t cfg, const double *r, slong n)
{
    double *p = dup(r, sizeof(double) * n);
    if (p == NULL)
        return ntk_error_set(NTK_NOMEM, "out of memory");
    free(cfg->r);
    cfg->r = p;
    cfg->nr = n;
    return NTK_SUCCESS;
}

ntk_status
ntk_finite_config_check(const ntk_finite_config_t cfg)
{
    if (cfg->n0 < 1)
        return ntk_error_set(NTK_DOMAIN, "n0 = %ld: must be >= 1", (long) cfg->n0);
    if (cfg->samples < 1)
        return ntk_error_set(NTK_DOMAIN, "samples = %ld: must be >= 1", (long) cfg->samples);
    if (cfg->ndepths < 1)
        return ntk_error_set(NTK_DOMAIN, "depth: at least one depth is needed");
    for (slong i = 0; i < cfg->ndepths; i++)
    {
        if (cfg->depths[i] < 1)
            return ntk_error_set(NTK_DOMAIN, "depth = %ld: must be >= 1", (long) cfg->depths[i]);
        if (i > 0 && cfg->depths[i] <= cfg->depths[i - 1])
            return ntk_error_set(NTK_DOMAIN, "depth: the list must be strictly increasing (%ld after %ld)",
                                 (long) cfg->depths[i], (long) cfg->depths[i - 1]);
    }
    if (cfg->nwidths < cfg->depths[cfg->ndepths - 1])
        return ntk_error_set(NTK_DOMAIN, "widths: %ld widths given, depth %ld needs that many",
                             (long) cfg->nwidths, (long) cfg->depths[cfg->ndepths - 1]);
    for (slong i = 0; i < cfg->nwidths; i++)
        if (cfg->widths[i] < 1)
            return ntk_error_set(NTK_DOMAIN, "width = %ld: must be >= 1", (long) cfg->widths[i]);
    if (cfg->nsigma < 1)
        return ntk_error_set(NTK_DOMAIN, "sigma_w2: at least one value is needed");
    for (slong i = 0; i < cfg->nsigma; i++)
        if (!(cfg->sigma_w2[i] > 0) || !isfinite(cfg->sigma_w2[i]))
            return ntk_error_set(NTK_DOMAIN, "sigma_w2 = %g: must be > 0", cfg->sigma_w2[i]);
    if (!(cfg->sigma_b2 >= 0) || !isfinite(cfg->sigma_b2))
        return ntk_error_set(NTK_DOMAIN, "sigma_b2 = %g: must be >= 0", cfg->sigma_b2);
    if (cfg->nr < 1)
        return ntk_error_set(NTK_DOMAIN, "r: at least one input correlation is needed");
    for (slong i = 0; i < cfg->nr; i++)
        if (!(cfg->r[i] >= -1 && cfg->r[i] <= 1))
            return ntk_error_set(NTK_DOMAIN, "r = %g: must be in [-1, 1]", cfg->r[i]);
    if (cfg->init == NTK_FINITE_INIT_HE && !ntk_finite_act_is_relu(cfg->act))
        return ntk_error_set(NTK_DOMAIN, "init he: defined for act relu only (got %s)", cfg->act->name);
    if (cfg->init == NTK_FINITE_INIT_HE)
        for (slong i = 0; i < cfg->nsigma; i++)
            if (cfg->sigma_w2[i] != 2.0)
                return ntk_error_set(NTK_DOMAIN, "init he: sigma_w2 is 2 (got sigma_w2 %g)", cfg->sigma_w2[i]);
    return NTK_SUCCESS;
}

int
ntk_finite_config_equal(const ntk_finite_config_t a, const ntk_finite_config_t b)
{
    return !strcmp(a->act->name, b->act->name) && a->n0 == b->n0
        && a->nwidths == b->nwidths
        && !memcmp(a->widths, b->widths, sizeof(slong) * a->nwidths)
        && a->ndepths == b->ndepths
        && !memcmp(a->depths, b->depths, sizeof(slong) * a->ndepths)
        && a->nsigma == b->nsigma
        && !memcmp(a->sigma_w2, b->sigma_w2, sizeof(double) * a->nsigma)
        && !memcmp(&a->sigma_b2, &b->sigma_b2, sizeof(double))
        && a->param == b->param && a->init == b->init
        && a->nr == b->nr && !memcmp(a->r, b->r, sizeof(double) * a->nr)
        && a->seed == b->seed && a->samples == b->samples;
}

slong
ntk_finite_config_equal_width(const ntk_finite_config_t cfg)
{
    for (slong i = 1; i < cfg->nwidths; i++)
        if (cfg->widths[i] != cfg->widths[0])
            return 0;
    return cfg->nwidths > 0 ? cfg->widths[0] : 0;
}
