/* Built-in evaluators of the finite-width claims (papers.md P3 and the
 * Hanin & Nica background): Monte Carlo of sampled networks through
 * ntkdepth/finite.h, decided by its z-score rule (proofs/finite-width.md
 * section 6).  Hooks finite_k1, finite_k2, finite_hn1, finite_hn2,
 * finite_hn2_slope5.
 *
 * Configurations (fixed seed 1, so verify is reproducible):
 *   K1, K2   relu, standard parameterization, n0 = M = 100, sigma_b2 = 0,
 *            the paper's 16 values of sigma_w2; K1 depths 1..49, K2 depths
 *            1..49 step 6; 500 samples (quick: K1 100, K2 100 samples, depths step 4 / 12)
 *   HN1, HN2 He init (init he), n0 = M = 100, depths 1..49, 500 samples
 *            (quick: 200, depths step 4) */
#include <stdlib.h>
#include <string.h>
#include "claim_impl.h"
#include "ntkdepth/finite.h"

static void
depth_range(ntk_finite_config_t cfg, slong step)
{
    slong d[49], n = 0;
    for (slong L = 1; L <= 49; L += step)
        d[n++] = L;
    ntk_finite_config_set_depths(cfg, d, n);
    ntk_finite_config_set_width(cfg, 100);
}

/* The He-initialized run is the same for HN1, HN2 and HN2-slope5: verify
   decides them in one process (one group), which keeps the last such run
   (per quick flag) for the next claim instead of sampling it again. */
static struct
{
    int valid, quick;
    ntk_finite_config_t cfg;
    ntk_finite_result_t mc;
} he_memo;

ntk_status
_ntk_hook_finite(ntk_claim_result_t res, const ntk_claim_t cl,
                 const ntk_verify_opts_t opts)
{
    const char *which = cl->hook + strlen("finite_");
    int he = !strcmp(which, "hn1") || !strcmp(which, "hn2") || !strcmp(which, "hn2_slope5");
    ntk_finite_config_t cfg;
    ntk_finite_result_t mc;
    ntk_status st;
    int memo_owned = 0;     /* cfg, mc belong to he_memo: not cleared here */

    ntk_finite_config_init(cfg);
    if (he)
    {
        double two = 2.0;
        cfg->init = NTK_FINITE_INIT_HE;
        cfg->param = NTK_FINITE_PARAM_NTK;
        ntk_finite_config_set_sigma_w2(cfg, &two, 1);
        depth_range(cfg, opts->quick ? 4 : 1);
        cfg->samples = opts->quick ? 200 : 500;
    }
    else if (!strcmp(which, "k1"))
    {
        /* quick: a smoke run (100 samples; inconclusive like the full
           grid, Remark K1), the paper's 500 in the full run */
        depth_range(cfg, opts->quick ? 4 : 1);
        cfg->samples = opts->quick ? 100 : 500;
    }
    else if (!strcmp(which, "k2"))
    {
        depth_range(cfg, opts->quick ? 12 : 6);
        cfg->samples = opts->quick ? 100 : 500;
    }
    else
    {
        ntk_finite_config_clear(cfg);
        return ntk_error_set(NTK_DOMAIN, "[%s] field 'hook': unknown evaluator '%s'",
                             cl->id ? cl->id : "?", cl->hook);
    }
    if (he && he_memo.valid && he_memo.quick == opts->quick)
    {
        /* the same configuration as the kept run: use it */
        ntk_finite_config_clear(cfg);
        *cfg = *he_memo.cfg;
        *mc = *he_memo.mc;
        memo_owned = 1;
        st = NTK_SUCCESS;
    }
    else
    {
        ntk_finite_result_init(mc, cfg);
        st = ntk_finite_run(mc, cfg, opts->threads, NULL, NULL);
        if (he && st == NTK_SUCCESS)
        {
            if (he_memo.valid)
            {
                ntk_finite_result_clear(he_memo.mc);
                ntk_finite_config_clear(he_memo.cfg);
            }
            *he_memo.cfg = *cfg;        /* the memo owns them from here */
            *he_memo.mc = *mc;
            he_memo.valid = 1;
            he_memo.quick = opts->quick;
            memo_owned = 1;
        }
    }
    if (st == NTK_SUCCESS)
        st = ntk_claim_decide_finite(res, NULL, cl, mc, cfg);
    if (st != NTK_SUCCESS)
        st = ntk_error_set(st, "[%s] %s", cl->id ? cl->id : "?", _ntk_claim_errcopy());
    if (!memo_owned)
    {
        ntk_finite_result_clear(mc);
        ntk_finite_config_clear(cfg);
    }
    return st;
}

ntk_status
ntk_claim_decide_finite(ntk_claim_result_t res, ntk_finite_claim *stat, const ntk_claim_t cl,
                        const ntk_finite_result_t mc, const ntk_finite_config_t cfg)
{
    const char *which = cl->hook != NULL && !strncmp(cl->hook, "finite_", 7)
                        ? cl->hook + strlen("finite_") : "";
    ntk_finite_claim c;
    ntk_measured_struct *m;
    ntk_status st;
    char buf[640];

    if (!strcmp(which, "k1")) st = ntk_finite_claim_k1(&c, mc, cfg);
    else if (!strcmp(which, "k2")) st = ntk_finite_claim_k2(&c, mc, cfg);
    else if (!strcmp(which, "hn1")) st = ntk_finite_claim_hn1(&c, mc, cfg);
    else if (!strcmp(which, "hn2")) st = ntk_finite_claim_hn2(&c, mc, cfg, 0);
    else if (!strcmp(which, "hn2_slope5")) st = ntk_finite_claim_hn2(&c, mc, cfg, 1);
    else
        st = ntk_error_set(NTK_DOMAIN, "field 'hook': '%s' is not a finite-width evaluator",
                           cl->hook ? cl->hook : "(none)");
    if (st != NTK_SUCCESS)
        return st;
    if (stat != NULL)
        *stat = c;
    if (!strcmp(which, "k1"))
        _ntk_claim_set_pred(res, "slope of log dispersion vs L/M: > 0 at sigma_w2 >= 2, "
                                 "below that of sigma_w2 >= 2 at sigma_w2 < 2");
    else if (!strcmp(which, "hn2"))
        _ntk_claim_set_pred(res, "slope of log dispersion vs beta > 0 (the shape of exp(5 beta))");
    else if (!strcmp(which, "hn2_slope5"))
        _ntk_claim_set_pred(res, "slope 5 of log dispersion vs beta");
    else
    {
        snprintf(buf, sizeof(buf), "%s formula at every (sigma_w2, L); at the worst point %.10g",
                 which[0] == 'k' ? "K2" : "HN1", c.predicted);
        _ntk_claim_set_pred(res, buf);
    }
    m = ntk_claim_result_add(res, c.measured, NTK_MEASURED_ESTIMATE);
    arb_set_d(m->est->value, c.estimate);
    arb_set_d(m->est->error, c.error);
    m->est->kind = NTK_EST_MONTE_CARLO;
    m->est->lo = cfg->depths[0];
    m->est->hi = cfg->depths[cfg->ndepths - 1];
    res->verdict = ntk_verdict_finite(&c);    /* rule V5 */
    ntk_claim_result_note(res, "Monte Carlo of sampled networks (%ld per sigma_w2, seed %lu, "
                          "Philox4x64-10; %.1f s): %s. Rule: z-scores, Bonferroni "
                          "(proofs/finite-width.md section 6).",
                          (long) cfg->samples, (unsigned long) cfg->seed, mc->seconds, c.detail);
    return NTK_SUCCESS;
}
