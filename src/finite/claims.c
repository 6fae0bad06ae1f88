/*
 * Statistics of the claims of papers.md P3 (K1, K2) and of Hanin & Nica
 * (HN1, HN2): Monte Carlo estimates and their z-scores (proofs/finite-width.md
 * section 5); the verdict is ntk_verdict_finite's (src/claim/verdict.c).
 * The rule: one comparison passes at |z| < 3; when m comparisons must all
 * pass, the threshold is Bonferroni-corrected to z*_m with
 * P(|Z| >= z*_m) = P(|Z| >= 3)/m, so the family-wise false-alarm rate stays
 * that of a single 3-sigma test.  No constant is tuned to the data.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "ntkdepth/finite.h"

/* upper tail of the standard normal */
static double
tail(double z)
{
    return 0.5 * erfc(z / sqrt(2.0));
}

double
ntk_finite_zcrit(slong m)
{
    double p, lo = 0, hi = 40;
    if (m <= 1)
        return 3.0;
    p = tail(3.0) / (double) m;
    for (int i = 0; i < 200; i++)
    {
        double mid = 0.5 * (lo + hi);
        if (tail(mid) > p)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

static slong
find_r1(const ntk_finite_config_t cfg)
{
    for (slong i = 0; i < cfg->nr; i++)
        if (cfg->r[i] == 1.0)
            return i;
    return -1;
}

static void
claim_init(ntk_finite_claim *c, const char *id, const char *statement)
{
    memset(c, 0, sizeof(*c));
    c->id = id;
    c->valid = 0;
    c->estimate = c->error = c->predicted = c->zmax = NAN;
    snprintf(c->statement, sizeof(c->statement), "%s", statement);
}

/* minimum number of samples for the normal approximation of a mean */
#define MIN_SAMPLES 30

/* common part of K2 / HN1: means of K(x,x) against a formula */
static ntk_status
mean_claim(ntk_finite_claim *c, const ntk_finite_result_t res, const ntk_finite_config_t cfg,
           int hn)
{
    slong ir, M, m = cfg->nsigma * cfg->ndepths, worst_s = 0, worst_d = 0;
    double zmax = -1, zexact = 0, prec = 128;
    arb_t pred, ex;

    if (!ntk_finite_act_is_relu(cfg->act))
        return ntk_error_set(NTK_DOMAIN, "%s: needs act relu", c->id);
    if ((ir = find_r1(cfg)) < 0)
        return ntk_error_set(NTK_DOMAIN, "%s: needs r = 1 among the inputs", c->id);
    if ((M = ntk_finite_config_equal_width(cfg)) == 0)
        return ntk_error_set(NTK_DOMAIN, "%s: needs equal widths", c->id);
    if (hn && cfg->init != NTK_FINITE_INIT_HE)
        return ntk_error_set(NTK_DOMAIN, "HN1: needs init he");
    if (!hn && (cfg->init != NTK_FINITE_INIT_DEFAULT || cfg->param != NTK_FINITE_PARAM_STANDARD
                || cfg->sigma_b2 != 0))
        return ntk_error_set(NTK_DOMAIN, "K2: needs the standard parameterization with sigma_b2 = 0");

    arb_init(pred);
    arb_init(ex);
    c->zcrit = ntk_finite_zcrit(m);
    for (slong is = 0; is < cfg->nsigma; is++)
        for (slong id = 0; id < cfg->ndepths; id++)
        {
            slong L = cfg->depths[id];
            ntk_finite_est e = ntk_finite_mean(res, is, id, ir, NTK_FINITE_S_DIAG);
            if (hn)
                ntk_finite_hn1_formula(pred, L + 1, cfg->n0, 1.0, prec);
            else
                ntk_finite_k2_formula(pred, cfg->sigma_w2[is], L, M, cfg->n0, 1.0, prec);
            ntk_finite_mean_exact(ex, cfg, is, L, 1.0, prec);
            double p = arf_get_d(arb_midref(pred), ARF_RND_NEAR);
            double z = (e.est - p) / e.err;
            double zx = (e.est - arf_get_d(arb_midref(ex), ARF_RND_NEAR)) / e.err;
            if (fabs(zx) > fabs(zexact))
                zexact = zx;
            if (!(fabs(z) <= zmax))
            {
                zmax = fabs(z);
                worst_s = is;
                worst_d = id;
                c->estimate = e.est;
                c->error = e.err;
                c->predicted = p;
            }
        }
    c->zmax = zmax;
    snprintf(c->measured, sizeof(c->measured),
             "sample mean of K(x,x) at the worst of %ld (sigma_w2, depth) points", (long) m);
    snprintf(c->detail, sizeof(c->detail),
             "max |z| = %.3g at sigma_w2 = %g, L = %ld (threshold %.3g, Bonferroni m = %ld); "
             "against the exact mean (proofs/finite-width.md Lemma %s) max |z| = %.3g; %ld samples",
             zmax, cfg->sigma_w2[worst_s], (long) cfg->depths[worst_d], c->zcrit, (long) m,
             hn ? "F4" : "F3", fabs(zexact), (long) res->samples);
    c->test = NTK_FINITE_TEST_ALL_BELOW;
    c->valid = res->samples >= MIN_SAMPLES && !isnan(zmax);
    arb_clear(pred);
    arb_clear(ex);
    return NTK_SUCCESS;
}

ntk_status
ntk_finite_claim_k2(ntk_finite_claim *c, const ntk_finite_result_t res,
                    const ntk_finite_config_t cfg)
{
    claim_init(c, "K2", "E K(x,x) = (1 - r^(L+1))/(1 - r) + r^L |x|^2 (1 + L M/n0), r = sigma_w^2/2 "
                        "(standard parameterization, zero-initialized trainable biases)");
    return mean_claim(c, res, cfg, 0);
}

ntk_status
ntk_finite_claim_hn1(ntk_finite_claim *c, const ntk_finite_result_t res,
                     const ntk_finite_config_t cfg)
{
    claim_init(c, "HN1", "He init, zero trainable biases: E K(x,x) = d (1/2 + |x|^2/n0), d = L + 1 layers");
    return mean_claim(c, res, cfg, 1);
}

ntk_status
ntk_finite_claim_k1(ntk_finite_claim *c, const ntk_finite_result_t res,
                    const ntk_finite_config_t cfg)
{
    slong M, ngrow = 0, nflat = 0;
    double bound = INFINITY, upper = INFINITY, zs;
    int agree = 1, contra = 0;
    char worst[200] = "";

    claim_init(c, "K1", "the NTK dispersion E[K^2]/E[K]^2 grows exponentially in L/M at "
                        "sigma_w^2 >= 2 and not at sigma_w^2 < 2 (ReLU, standard parameterization)");
    if (!ntk_finite_act_is_relu(cfg->act) || cfg->init != NTK_FINITE_INIT_DEFAULT)
        return ntk_error_set(NTK_DOMAIN, "K1: needs act relu and the default init");
    if ((M = ntk_finite_config_equal_width(cfg)) == 0)
        return ntk_error_set(NTK_DOMAIN, "K1: needs equal widths");
    if (cfg->ndepths < 3)
        return ntk_error_set(NTK_DOMAIN, "K1: needs at least 3 depths");
    c->zcrit = zs = ntk_finite_zcrit(cfg->nsigma);
    /* growing side first.  bound = smallest growth rate shown there (the
       lowest b - z* se); upper = the lowest b + z* se, a rate that some
       growing value is shown not to exceed */
    for (slong is = 0; is < cfg->nsigma; is++)
    {
        if (cfg->sigma_w2[is] < 2)
            continue;
        ngrow++;
        ntk_finite_est e = ntk_finite_dispersion_slope(res, cfg, is, 1.0 / M, 1);
        double z = e.est / e.err;
        if (e.est + zs * e.err < upper)
            upper = e.est + zs * e.err;
        if (z >= zs)
        {
            if (e.est - zs * e.err < bound)
                bound = e.est - zs * e.err;
        }
        else
        {
            agree = 0;
            if (z <= -zs)
                contra = 1;                   /* shown to decrease */
            if (worst[0] == '\0')
                snprintf(worst, sizeof(worst), "sigma_w2 = %g: slope %.3g +- %.2g does not grow",
                         cfg->sigma_w2[is], e.est, e.err);
        }
        if (isnan(c->zmax) || z < c->zmax)
        {
            c->zmax = z;
            c->estimate = e.est;
            c->error = e.err;
        }
    }
    for (slong is = 0; is < cfg->nsigma; is++)
    {
        if (cfg->sigma_w2[is] >= 2)
            continue;
        nflat++;
        ntk_finite_est e = ntk_finite_dispersion_slope(res, cfg, is, 1.0 / M, 1);
        if (e.est + zs * e.err < bound)
            continue;                         /* shown to grow slower */
        agree = 0;
        if (e.est - zs * e.err >= upper)
            contra = 1;                       /* shown to grow at least as fast as
                                                 some sigma_w2 >= 2 value */
        if (worst[0] == '\0')
            snprintf(worst, sizeof(worst), "sigma_w2 = %g: slope %.3g +- %.2g not below %.3g",
                     cfg->sigma_w2[is], e.est, e.err, bound);
    }
    snprintf(c->measured, sizeof(c->measured),
             "slope of log(E K^2/E[K]^2) of K(x,x) vs L/M (smallest z among sigma_w2 >= 2)");
    snprintf(c->detail, sizeof(c->detail),
             "%ld growing-side and %ld ordered values of sigma_w2; threshold z* = %.3g (Bonferroni m = %ld); "
             "ordered slopes must stay below %.3g (smallest growing slope - z* se), "
             "refuted if one is above %.3g (smallest growing slope + z* se)%s%s",
             (long) ngrow, (long) nflat, zs, (long) cfg->nsigma, bound, upper,
             worst[0] ? "; " : "", worst);
    c->test = NTK_FINITE_TEST_SEPARATION;
    c->valid = ngrow > 0 && nflat > 0 && res->samples >= MIN_SAMPLES;
    c->agree = agree;
    c->contra = contra;
    return NTK_SUCCESS;
}

/* HN2 (proofs/finite-width.md section 6): the slope b of log dispersion vs
   beta.  Shape reading (literal = 0, the statement as papers.md gives it,
   "the slope 5 is a shape"): exponential growth in beta, holds iff
   b >= 3 se, refuted iff b <= -3 se.  Literal reading (literal = 1): the
   slope equals 5, holds iff |b - 5| < 3 se, refuted otherwise. */
ntk_status
ntk_finite_claim_hn2(ntk_finite_claim *c, const ntk_finite_result_t res,
                     const ntk_finite_config_t cfg, int literal)
{
    slong M;
    claim_init(c, literal ? "HN2-slope5" : "HN2",
               literal ? "He init: log(E[K^2]/E[K]^2) has slope 5 in beta = sum of 1/n_i "
                         "(the literal reading of exp(5 beta))"
                       : "He init: E[K^2]/E[K]^2 is within constants of exp(5 beta), "
                         "beta = sum of 1/n_i (the shape: exponential growth in beta)");
    if (cfg->init != NTK_FINITE_INIT_HE)
        return ntk_error_set(NTK_DOMAIN, "HN2: needs init he");
    if ((M = ntk_finite_config_equal_width(cfg)) == 0)
        return ntk_error_set(NTK_DOMAIN, "HN2: needs equal widths");
    if (cfg->ndepths < 3)
        return ntk_error_set(NTK_DOMAIN, "HN2: needs at least 3 depths");
    ntk_finite_est e = ntk_finite_dispersion_slope(res, cfg, 0, 1.0 / M, 1);
    c->estimate = e.est;
    c->error = e.err;
    c->predicted = literal ? 5 : NAN;
    c->zcrit = 3;
    c->zmax = literal ? (e.est - 5) / e.err : e.est / e.err;
    snprintf(c->measured, sizeof(c->measured),
             "slope of log(E K^2/E[K]^2) of K(x,x) vs beta = L/M (OLS over depths, jackknife error)");
    if (literal)
        snprintf(c->detail, sizeof(c->detail), "slope %.4g +- %.2g vs 5: z = %.3g; %ld samples, M = %ld",
                 e.est, e.err, c->zmax, (long) res->samples, (long) M);
    else
        snprintf(c->detail, sizeof(c->detail), "slope %.4g +- %.2g > 0: z = %.3g (the constant 5 "
                 "of exp(5 beta) is a shape; slope vs 5: z = %.3g); %ld samples, M = %ld",
                 e.est, e.err, c->zmax, (e.est - 5) / e.err, (long) res->samples, (long) M);
    c->test = literal ? NTK_FINITE_TEST_EQUAL : NTK_FINITE_TEST_POSITIVE;
    c->valid = res->samples >= MIN_SAMPLES && !isnan(c->zmax);
    return NTK_SUCCESS;
}
