/* Built-in evaluator of claim K3 (Seleznova & Kutyniok 2022, papers.md P3):
 * the empirical NTK during full-batch Adam training (ntkdepth/train.h),
 * decided by Rule K3 (proofs/finite-width.md section 9; ntk_verdict_k3).
 * Hook train_k3 (one row of hook_table.c); it reads the threshold
 * (tolerance, absolute) and the seed from the claim.
 *
 * Sizes (the registry's seed 1, so verify is reproducible):
 *   full    the paper's network (width 300, 20 hidden layers, sigma_w2 1.0,
 *           2.0, 2.2, Adam lr 1e-4, 100 class-sorted Fashion-MNIST inputs)
 *           trained for 1000 of the paper's 3000 steps, 3 seeds -- a
 *           reduced size that fits verify's budget; the paper-size run
 *           (3000 steps, 3 seeds) is results/K3-train.json (README);
 *   quick:  ntk_train_config_quick: width 64, depth 8, 300 steps, 3 seeds. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/train.h"
#include "claim_impl.h"


ntk_status
_ntk_hook_train_k3(ntk_claim_result_t res, const ntk_claim_t cl, const ntk_verify_opts_t opts)
{
    ntk_train_config_t cfg;
    ntk_train_data_t data;
    ntk_train_result_t tr;
    ntk_status st;
    int have_data = 0, have_res = 0, *below = NULL;
    double *m = NULL, *se = NULL, *lo = NULL, *hi = NULL;
    char note[256] = "";
    double K3_THRESHOLD;

    if (strcmp(cl->hook, "train_k3") != 0)
        return ntk_error_set(NTK_DOMAIN, "[%s] field 'hook': unknown evaluator '%s'",
                             cl->id ? cl->id : "?", cl->hook);
    /* Rule K3's threshold T: the claim's absolute tolerance by the one
       tolerance rule (the registry: 0.1, "nearly constant" read as a
       relative change below 10%); the seed: the claim's field 'seed' */
    if ((st = _ntk_claim_need(cl, "seed")) != NTK_SUCCESS)
        return st;
    if (!cl->tol_absolute || cl->tolerance == NULL)
        return ntk_error_set(NTK_DOMAIN, "[%s] field 'tolerance': Rule K3 needs an absolute "
                             "threshold > 0 (tolerance_kind = absolute)", cl->id ? cl->id : "?");
    {
        arb_t T;
        arb_init(T);
        ntk_verdict_tolerance(T, cl, NULL, opts->quick, 64);
        K3_THRESHOLD = arf_get_d(arb_midref(T), ARF_RND_NEAR);
        arb_clear(T);
    }
    if (!(K3_THRESHOLD > 0))
        return ntk_error_set(NTK_DOMAIN, "[%s] field 'tolerance': Rule K3 needs a threshold > 0",
                             cl->id ? cl->id : "?");
    ntk_train_config_init(cfg);
    cfg->seed = (uint64_t) cl->seed;
    if (opts->quick)
        ntk_train_config_quick(cfg);
    else
    {
        static const slong meas[6] = {0, 1, 10, 100, 300, 1000};
        cfg->steps = 1000;
        cfg->seeds = 3;
        ntk_train_config_set_measure(cfg, meas, 6);
    }
    st = ntk_train_data_fashion(data, NTK_TRAIN_FASHION_DIR, 10);
    if (st == NTK_IO)
    {
        snprintf(note, sizeof(note), " (Fashion-MNIST files missing: %s)", ntk_error_last());
        st = ntk_train_data_synthetic(data, 784, 10, cfg->seed);
    }
    if (st != NTK_SUCCESS)
        goto cleanup;
    have_data = 1;
    if ((st = ntk_train_result_init(tr, cfg)) != NTK_SUCCESS)
        goto cleanup;
    have_res = 1;
    if ((st = ntk_train_run(tr, cfg, data, opts->threads, NULL, NULL)) != NTK_SUCCESS)
        goto cleanup;

    slong n = cfg->nsigma, last = cfg->nmeasure - 1, decisive = -1, ndiv = 0;
    m = malloc(sizeof(double) * n);
    se = malloc(sizeof(double) * n);
    lo = malloc(sizeof(double) * n);
    hi = malloc(sizeof(double) * n);
    below = malloc(sizeof(int) * n);
    if (!m || !se || !lo || !hi || !below)
    {
        st = ntk_error_set(NTK_NOMEM, "out of memory");
        goto cleanup;
    }
    for (slong i = 0; i < n; i++)
    {
        slong used;
        ntk_finite_est e = ntk_train_result_mean(tr, tr->relchange, i, last, &used);
        m[i] = e.est;
        se[i] = used == cfg->seeds ? e.err : NAN;    /* a diverged seed: undecided */
        lo[i] = INFINITY;
        hi[i] = -INFINITY;
        for (slong r = 0; r < cfg->seeds; r++)
        {
            double v = tr->relchange[(i * cfg->seeds + r) * cfg->nmeasure + last];
            if (v < lo[i]) lo[i] = v;
            if (v > hi[i]) hi[i] = v;
            ndiv += tr->diverged[i * cfg->seeds + r] >= 0;
        }
        below[i] = cfg->sigma_w2[i] < 2.0;     /* ordered phase of ReLU, sigma_b2 = 0 */
    }
    double z = ntk_finite_zcrit(n);
    res->verdict = ntk_verdict_k3(&decisive, m, se, lo, hi, below, n, K3_THRESHOLD, z);

    {
        char buf[256];
        snprintf(buf, sizeof(buf), "|K_t - K_0|_F/|K_0|_F at step %ld < %g at sigma_w2 < 2 "
                 "(ordered), > %g at sigma_w2 >= 2", (long) cfg->steps, K3_THRESHOLD, K3_THRESHOLD);
        _ntk_claim_set_pred(res, buf);
    }
    /* the figure: the relative change vs the step per sigma_w2 (mean +-
       standard error over the seeds), the threshold as the reference */
    for (slong i = 0; i < n; i++)
    {
        char label[96];
        ntk_claim_curve_struct *cv;
        snprintf(label, sizeof(label), "$\\sigma_w^2 = %g$", cfg->sigma_w2[i]);
        cv = ntk_claim_result_add_curve(res, label, NTK_MEASURED_ESTIMATE, cfg->nmeasure);
        if (cv == NULL)
        {
            st = ntk_error_set(NTK_NOMEM, "out of memory");
            goto cleanup;
        }
        for (slong im = 0; im < cfg->nmeasure; im++)
        {
            ntk_finite_est e = ntk_train_result_mean(tr, tr->relchange, i, im, NULL);
            cv->x[im] = (double) cfg->measure[im];
            arb_set_d(cv->y + im, e.est);
            arb_set_d(cv->err + im, isnan(e.err) ? 0.0 : e.err);
        }
    }
    free(res->curve_xlabel);
    free(res->curve_ylabel);
    res->curve_xlabel = strdup("training step $t$");
    res->curve_ylabel = strdup("$\\|K_t - K_0\\|_F / \\|K_0\\|_F$");
    arb_set_d(res->curve_ref, K3_THRESHOLD);
    for (slong i = 0; i < n; i++)
    {
        char label[96];
        ntk_measured_struct *mm;
        snprintf(label, sizeof(label), "relative NTK change at step %ld, sigma_w2 = %g",
                 (long) cfg->steps, cfg->sigma_w2[i]);
        mm = ntk_claim_result_add(res, label, NTK_MEASURED_ESTIMATE);
        arb_set_d(mm->est->value, m[i]);
        arb_set_d(mm->est->error, isnan(se[i]) ? 0.0 : se[i]);
        mm->est->kind = NTK_EST_MONTE_CARLO;
        mm->est->lo = 0;
        mm->est->hi = cfg->steps;
    }
    ntk_claim_result_note(res, "Trained %ld ReLU networks (width %ld, %ld hidden layers, 10 "
                          "outputs, standard param., zero trainable biases, squared loss, Adam lr "
                          "%g, full batch, %ld steps; seed %lu, %ld seeds per sigma_w2) on %ld "
                          "class-sorted %s inputs%s; %.1f s.",
                          (long) (n * cfg->seeds), (long) cfg->width, (long) cfg->depth, cfg->lr,
                          (long) cfg->steps, (unsigned long) cfg->seed, (long) cfg->seeds,
                          (long) data->N, data->name, note, tr->seconds);
    for (slong i = 0; i < n; i++)
    {
        ntk_finite_est w = ntk_train_result_mean(tr, tr->within, i, last, NULL);
        ntk_finite_est o = ntk_train_result_mean(tr, tr->off, i, last, NULL);
        ntk_finite_est l = ntk_train_result_mean(tr, tr->loss, i, last, NULL);
        ntk_claim_result_note(res, " sigma_w2 %g: change %.4g +- %.2g (seeds %.4g..%.4g), "
                              "within-class/diag %.3g, off-block/diag %.3g, loss %.3g.",
                              cfg->sigma_w2[i], m[i], se[i], lo[i], hi[i], w.est, o.est, l.est);
    }
    if (ndiv > 0)
        ntk_claim_result_note(res, " %ld replicate(s) diverged (loss not finite).", (long) ndiv);
    ntk_claim_result_note(res, " Rule K3 (proofs/finite-width.md section 9): threshold %g, "
                          "mean +- z se with z = %.3g (Bonferroni over %ld sigma_w2) and every "
                          "seed on the same side.", K3_THRESHOLD, z, (long) n);
    if (decisive >= 0)
        ntk_claim_result_note(res, " Decisive: sigma_w2 = %g (%s).", cfg->sigma_w2[decisive],
                              res->verdict == NTK_VERDICT_REFUTED ? "on the other side of the threshold"
                                                                  : "not separated from it");
    ntk_claim_result_note(res, " Estimates (Monte Carlo over seeds), not certified.");
cleanup:
    if (st != NTK_SUCCESS)
        st = ntk_error_set(st, "[%s] %s", cl->id ? cl->id : "?", _ntk_claim_errcopy());
    free(m);
    free(se);
    free(lo);
    free(hi);
    free(below);
    if (have_res)
        ntk_train_result_clear(tr);
    if (have_data)
        ntk_train_data_clear(data);
    ntk_train_config_clear(cfg);
    return st;
}
