/* Built-in evaluators of the finite-width claims (papers.md P3 and the
 * Hanin & Nica background): Monte Carlo of sampled networks through
 * ntkdepth/finite.h, decided by its z-score rule (proofs/finite-width.md
 * section 6).  Hooks finite_k1, finite_k2, finite_hn1, finite_hn2,
 * finite_hn2_slope5; and finite_k1_exact, K1 decided from the exact
 * finite-width moments (certified, no sampling; section 8).
 *
 * Configurations (fixed seed 1, so verify is reproducible):
 *   K1-mc, K2 relu, standard parameterization, n0 = M = 100, sigma_b2 = 0,
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

/* K1 decided from exact moments (hook finite_k1_exact; proofs/finite-width.md
   section 8): the certified numbers of ntk_finite_exact_k1_numbers on the
   fixed grid M = n0 = 25, 50, 100, 400, lambda = 0.4 k (k = 1..5), the
   paper's 16 sigma_w2 as exact decimals; the rule ntk_verdict_k1_exact.
   No sampling; the grid takes ~0.15 s, so the quick run does it whole. */
ntk_status
_ntk_hook_finite_k1_exact(ntk_claim_result_t res, const ntk_claim_t cl,
                          const ntk_verify_opts_t opts)
{
    static const char *sig[16] = {"0.5", "0.8", "1.0", "1.2", "1.4", "1.5", "1.6", "1.7",
                                  "1.8", "1.9", "2.0", "2.1", "2.2", "2.5", "3.0", "3.5"};
    static const slong Ms[4] = {25, 50, 100, 400};
    enum { NSIG = 16, NM = 4, NWIN = 4 };
    const slong prec = 128;
    arb_ptr slope = _arb_vec_init(NSIG * NM * NWIN), dev = _arb_vec_init(NSIG * NM);
    arb_t s, dsup, crit, smin, cmax;
    int grow[NSIG];
    ntk_verdict per[NSIG];
    ntk_status st = NTK_SUCCESS;
    char buf[1600], *p = buf;
    size_t left = sizeof(buf);
    int nlemma = 0;
    ntk_measured_struct *m;

    arb_init(s); arb_init(dsup); arb_init(crit); arb_init(smin); arb_init(cmax);
    arb_pos_inf(smin);
    arb_zero(cmax);
    for (int i = 0; i < NSIG && st == NTK_SUCCESS; i++)
    {
        if (arb_set_str(s, sig[i], prec) != 0)
            st = ntk_error_set(NTK_DOMAIN, "[%s] sigma_w2 '%s'", cl->id, sig[i]);
        {
            arb_t two;
            arb_init(two);
            arb_set_ui(two, 2);
            grow[i] = arb_ge(s, two);        /* exact decimals: decided */
            arb_clear(two);
        }
        for (int mm = 0; mm < NM && st == NTK_SUCCESS; mm++)
        {
            slong M = Ms[mm];
            st = ntk_finite_exact_k1_numbers(slope + (i * NM + mm) * NWIN, dsup, dev + i * NM + mm,
                                             crit, s, M, 2 * M / 5, NWIN, prec);
            if (st == NTK_SUCCESS && !grow[i] && arb_is_positive(crit) && left > 100)
            {
                /* Lemma F11: unbounded beyond the window at this width */
                int k = snprintf(p, left, "%s(sigma_w2 %s, M %ld): rho = %.4g > 1",
                                 nlemma++ ? "; " : "", sig[i], (long) M,
                                 arf_get_d(arb_midref(crit), ARF_RND_NEAR) + 1);
                p += k;
                left -= (size_t) k;
            }
        }
    }
    if (st != NTK_SUCCESS)
        goto cleanup;
    res->verdict = ntk_verdict_k1_exact(per, grow, slope, dev, NSIG, NM, NWIN);
    /* s_* = min over sigma_w2 >= 2 of the window slopes; C_s for sigma_w2 < 2 */
    for (int i = 0; i < NSIG; i++)
        if (grow[i])
            for (int k = 0; k < NM * NWIN; k++)
                arb_min(smin, smin, slope + i * NM * NWIN + k, prec);
        else
        {
            arb_t c;
            arb_init(c);
            ntk_verdict_k1_bound(c, dev + i * NM);
            arb_max(cmax, cmax, c, prec);
            arb_clear(c);
        }
    free(res->predicted);
    res->predicted = strdup("sigma_w2 >= 2: log D(lambda2) - log D(lambda1) >= s_* (lambda2 - lambda1) "
                            "on every window [0.4k, 0.4k+0.4] with certified s_* > 0, and M (sup D - 1) "
                            "increasing in M; sigma_w2 < 2: sup_{lambda <= 2} D_M <= 1 + C/M for every M, "
                            "C = 25 (sup D_25 - 1) rounded up to 3 digits");
    m = ntk_claim_result_add(res, "s_* = smallest certified log-dispersion slope in lambda (sigma_w2 >= 2)",
                             NTK_MEASURED_BALL);
    arb_set(m->ball, smin);
    m = ntk_claim_result_add(res, "largest C (sigma_w2 < 2): sup_{L/M <= 2} D_M <= 1 + C/M",
                             NTK_MEASURED_BALL);
    arb_set(m->ball, cmax);
    for (int i = 0; i < NSIG; i++)
    {
        char lab[96];
        arb_t t;
        arb_init(t);
        if (grow[i])
        {
            arb_pos_inf(t);
            for (int k = 0; k < NM * NWIN; k++)
                arb_min(t, t, slope + i * NM * NWIN + k, prec);
            snprintf(lab, sizeof(lab), "sigma_w2 %s: smallest window slope (%s)", sig[i],
                     ntk_verdict_str(per[i]));
        }
        else
        {
            ntk_verdict_k1_bound(t, dev + i * NM);
            snprintf(lab, sizeof(lab), "sigma_w2 %s: C (25 (sup D_25 - 1) rounded up) (%s)", sig[i],
                     ntk_verdict_str(per[i]));
        }
        m = ntk_claim_result_add(res, lab, NTK_MEASURED_BALL);
        arb_set(m->ball, t);
        if (!grow[i])
        {
            snprintf(lab, sizeof(lab), "sigma_w2 %s: 400 (sup D_400 - 1)", sig[i]);
            m = ntk_claim_result_add(res, lab, NTK_MEASURED_BALL);
            arb_set(m->ball, dev + i * NM + NM - 1);
        }
        arb_clear(t);
    }
    ntk_claim_result_note(res, "Exact finite-width moments (certified balls, proofs/finite-width.md "
                          "section 7; no sampling): M = n0 = 25, 50, 100, 400, depths 1..2M (lambda <= 2), "
                          "windows lambda = 0.4k, the 16 sigma_w2 as exact decimals. Rule: "
                          "proofs/finite-width.md section 8. Lemma F10: at sigma_w2 >= 2, D >= "
                          "(1 + 5/M)^L / (4 (L+1)^2) at every width. Lemma F11 (beyond the window, "
                          "fixed width): D unbounded in depth where rho = (sigma_w2/2)^2 (1 + 5/M) > 1: %s.",
                          nlemma ? buf : "none");
cleanup:
    _arb_vec_clear(slope, NSIG * NM * NWIN);
    _arb_vec_clear(dev, NSIG * NM);
    arb_clear(s); arb_clear(dsup); arb_clear(crit); arb_clear(smin); arb_clear(cmax);
    return st;
}

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
