/* Built-in evaluators of the finite-width claims (papers.md P3 and the
 * Hanin & Nica background): Monte Carlo of sampled networks through
 * ntkdepth/finite.h, decided by its z-score rule (proofs/finite-width.md
 * section 6).  Hooks finite_k1, finite_k2, finite_hn1, finite_hn2,
 * finite_hn2_slope5; and finite_k1_exact, K1 decided from the exact
 * finite-width moments (certified, no sampling; section 8).
 *
 * Every hook reads its problem from the claim's fields (README "Claims
 * files"): the Monte Carlo hooks act, sigma_w2 (a list), sigma_b2, width,
 * n0, depths, samples, seed, init, param (quick_depths, quick_samples in
 * the quick run); finite_k1_exact act, sigma_w2 (a list of exact
 * decimals), sigma_b2 and width (the widths M = n0 compared).  The
 * registry's claims state the paper's configurations
 * (src/claim/registry_seleznova.c). */
#include <stdlib.h>
#include <string.h>
#include "claim_impl.h"
#include "ntkdepth/finite.h"

/* "[ID] field 'NAME': message" */
static ntk_status
field_error(const ntk_claim_t cl, const char *name, const char *msg)
{
    return ntk_error_set(NTK_DOMAIN, "[%s] field '%s': %s", cl->id ? cl->id : "?", name, msg);
}

ntk_status
ntk_claim_finite_config(ntk_finite_config_t cfg, const ntk_claim_t cl, int quick)
{
    double *v;
    slong n;
    ntk_status st;

    if ((st = _ntk_claim_need(cl, "act sigma_w2 width depths samples seed")) != NTK_SUCCESS)
        return st;
    if (ntk_finite_act_set_str(cfg->act, cl->act) != NTK_SUCCESS)
        return field_error(cl, "act", _ntk_claim_errcopy());
    if (ntk_parse_double_list(&v, &n, cl->sigma_w2, "sigma_w2") != NTK_SUCCESS)
        return field_error(cl, "sigma_w2", _ntk_claim_errcopy());
    ntk_finite_config_set_sigma_w2(cfg, v, n);
    free(v);
    cfg->sigma_b2 = 0;
    if (cl->sigma_b2 != NULL && ntk_parse_double(&cfg->sigma_b2, cl->sigma_b2, "sigma_b2")
                                != NTK_SUCCESS)
        return field_error(cl, "sigma_b2", _ntk_claim_errcopy());
    cfg->init = cl->init;
    cfg->param = _ntk_claim_has(cl, "param") ? cl->param
                 : cl->init == NTK_FINITE_INIT_HE ? NTK_FINITE_PARAM_NTK : NTK_FINITE_PARAM_STANDARD;
    if (cfg->init == NTK_FINITE_INIT_HE && cfg->param != NTK_FINITE_PARAM_NTK)
        return field_error(cl, "param", "init he uses the NTK parameterization of the weights");
    if (quick && cl->nquick_depths > 0)
        ntk_finite_config_set_depths(cfg, cl->quick_depths, cl->nquick_depths);
    else
        ntk_finite_config_set_depths(cfg, cl->depths, cl->ndepths);
    if (cl->nwidth != 1)
        return field_error(cl, "width", "one width (the equal hidden widths of the network)");
    ntk_finite_config_set_width(cfg, cl->width[0]);
    cfg->n0 = cl->n0 > 0 ? cl->n0 : cl->width[0];
    cfg->samples = quick && cl->quick_samples > 0 ? cl->quick_samples : cl->samples;
    cfg->seed = cl->seed;
    if ((st = ntk_finite_config_check(cfg)) != NTK_SUCCESS)
        return ntk_error_set(st, "[%s] %s", cl->id ? cl->id : "?", _ntk_claim_errcopy());
    return NTK_SUCCESS;
}

/* The He-initialized run is the same for HN1, HN2 and HN2-slope5 of the
   registry: verify decides them in one process (one group), which keeps
   the last such run for the next claim with the same configuration
   (ntk_finite_config_equal) instead of sampling it again. */
static struct
{
    int valid;
    ntk_finite_config_t cfg;
    ntk_finite_result_t mc;
} he_memo;

/* K1 decided from exact moments (hook finite_k1_exact; proofs/finite-width.md
   section 8): the certified numbers of ntk_finite_exact_k1_numbers at each
   width M = n0 of the field width (increasing), lambda = 0.4 k (k = 1..5),
   each sigma_w2 of the claim as an exact decimal; the rule
   ntk_verdict_k1_exact.  Relu, standard parameterization, zero biases
   (the exact moments of Lemmas F6-F9).  No sampling; the paper's grid takes
   ~0.15 s, so the quick run does it whole. */
ntk_status
_ntk_hook_finite_k1_exact(ntk_claim_result_t res, const ntk_claim_t cl,
                          const ntk_verify_opts_t opts)
{
    enum { NWIN = 4 };
    const slong prec = 128;
    slong NSIG = 0, NM = cl->nwidth;
    const slong *Ms = cl->width;
    char **sig = NULL, *sigbuf = NULL;
    arb_ptr slope = NULL, dev = NULL;
    arb_t s, dsup, crit, smin, cmax;
    int *grow = NULL;
    ntk_verdict *per = NULL;
    ntk_status st;
    char buf[1600], *p = buf, mlist[256], lab[160];
    size_t left = sizeof(buf);
    int nlemma = 0;
    ntk_measured_struct *m;
    fmpq_t q;

    (void) opts;
    arb_init(s); arb_init(dsup); arb_init(crit); arb_init(smin); arb_init(cmax);
    fmpq_init(q);
    if ((st = _ntk_claim_need(cl, "act sigma_w2 width")) != NTK_SUCCESS)
        goto cleanup;
    if (strcmp(cl->act, "relu") != 0)
    {
        st = field_error(cl, "act", "the exact moments are those of relu (Lemmas F6-F9)");
        goto cleanup;
    }
    if (cl->sigma_b2 != NULL && (ntk_parse_fmpq(q, cl->sigma_b2, "sigma_b2") != NTK_SUCCESS
                                 || !fmpq_is_zero(q)))
    {
        st = field_error(cl, "sigma_b2", "the exact moments need zero biases (0)");
        goto cleanup;
    }
    if (cl->init != NTK_FINITE_INIT_DEFAULT || cl->param != NTK_FINITE_PARAM_STANDARD)
    {
        st = field_error(cl, cl->init != NTK_FINITE_INIT_DEFAULT ? "init" : "param",
                         "rule K1 is for the standard parameterization (init default)");
        goto cleanup;
    }
    if (cl->n0 > 0 && (NM > 1 || cl->n0 != Ms[0]))
    {
        st = field_error(cl, "n0", "rule K1 compares the widths M = n0 (leave n0 out)");
        goto cleanup;
    }
    /* the sigma_w2 values as written (exact decimals) */
    sigbuf = strdup(cl->sigma_w2);
    sig = malloc(sizeof(char *) * (strlen(sigbuf) + 1));
    {
        char *save = NULL;
        for (char *t = strtok_r(sigbuf, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save))
            sig[NSIG++] = t;
    }
    slope = _arb_vec_init(NSIG * NM * NWIN);
    dev = _arb_vec_init(NSIG * NM);
    grow = malloc(sizeof(int) * NSIG);
    per = malloc(sizeof(ntk_verdict) * NSIG);
    arb_pos_inf(smin);
    arb_zero(cmax);
    for (slong i = 0; i < NSIG && st == NTK_SUCCESS; i++)
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
        for (slong mm = 0; mm < NM && st == NTK_SUCCESS; mm++)
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
    for (slong i = 0; i < NSIG; i++)
        if (grow[i])
            for (slong k = 0; k < NM * NWIN; k++)
                arb_min(smin, smin, slope + i * NM * NWIN + k, prec);
        else
        {
            arb_t c;
            arb_init(c);
            ntk_verdict_k1_bound(c, dev + i * NM);
            arb_max(cmax, cmax, c, prec);
            arb_clear(c);
        }
    {
        char pred[600];
        snprintf(pred, sizeof(pred),
                 "sigma_w2 >= 2: log D(lambda2) - log D(lambda1) >= s_* (lambda2 - lambda1) "
                 "on every window [0.4k, 0.4k+0.4] with certified s_* > 0, and M (sup D - 1) "
                 "increasing in M; sigma_w2 < 2: sup_{lambda <= 2} D_M <= 1 + C/M for every M, "
                 "C = %ld (sup D_%ld - 1) rounded up to 3 digits", (long) Ms[0], (long) Ms[0]);
        _ntk_claim_set_pred(res, pred);
    }
    m = ntk_claim_result_add(res, "s_* = smallest certified log-dispersion slope in lambda (sigma_w2 >= 2)",
                             NTK_MEASURED_BALL);
    arb_set(m->ball, smin);
    m = ntk_claim_result_add(res, "largest C (sigma_w2 < 2): sup_{L/M <= 2} D_M <= 1 + C/M",
                             NTK_MEASURED_BALL);
    arb_set(m->ball, cmax);
    for (slong i = 0; i < NSIG; i++)
    {
        arb_t t;
        arb_init(t);
        if (grow[i])
        {
            arb_pos_inf(t);
            for (slong k = 0; k < NM * NWIN; k++)
                arb_min(t, t, slope + i * NM * NWIN + k, prec);
            snprintf(lab, sizeof(lab), "sigma_w2 %s: smallest window slope (%s)", sig[i],
                     ntk_verdict_str(per[i]));
        }
        else
        {
            ntk_verdict_k1_bound(t, dev + i * NM);
            snprintf(lab, sizeof(lab), "sigma_w2 %s: C (%ld (sup D_%ld - 1) rounded up) (%s)",
                     sig[i], (long) Ms[0], (long) Ms[0], ntk_verdict_str(per[i]));
        }
        m = ntk_claim_result_add(res, lab, NTK_MEASURED_BALL);
        arb_set(m->ball, t);
        if (!grow[i])
        {
            snprintf(lab, sizeof(lab), "sigma_w2 %s: %ld (sup D_%ld - 1)", sig[i],
                     (long) Ms[NM - 1], (long) Ms[NM - 1]);
            m = ntk_claim_result_add(res, lab, NTK_MEASURED_BALL);
            arb_set(m->ball, dev + i * NM + NM - 1);
        }
        arb_clear(t);
    }
    mlist[0] = '\0';
    for (slong mm = 0; mm < NM; mm++)
        snprintf(mlist + strlen(mlist), sizeof(mlist) - strlen(mlist), "%s%ld",
                 mm ? ", " : "", (long) Ms[mm]);
    ntk_claim_result_note(res, "Exact finite-width moments (certified balls, proofs/finite-width.md "
                          "section 7; no sampling): M = n0 = %s, depths 1..2M (lambda <= 2), "
                          "windows lambda = 0.4k, the %ld sigma_w2 as exact decimals. Rule: "
                          "proofs/finite-width.md section 8. Lemma F10: at sigma_w2 >= 2, D >= "
                          "(1 + 5/M)^L / (4 (L+1)^2) at every width. Lemma F11 (beyond the window, "
                          "fixed width): D unbounded in depth where rho = (sigma_w2/2)^2 (1 + 5/M) > 1: %s.",
                          mlist, (long) NSIG, nlemma ? buf : "none");
cleanup:
    if (slope != NULL)
        _arb_vec_clear(slope, NSIG * NM * NWIN);
    if (dev != NULL)
        _arb_vec_clear(dev, NSIG * NM);
    free(sig);
    free(sigbuf);
    free(grow);
    free(per);
    fmpq_clear(q);
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
    if ((st = ntk_claim_finite_config(cfg, cl, opts->quick)) != NTK_SUCCESS)
    {
        ntk_finite_config_clear(cfg);
        return st;
    }
    if (he && he_memo.valid && ntk_finite_config_equal(cfg, he_memo.cfg))
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
