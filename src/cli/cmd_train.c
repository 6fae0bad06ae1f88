/*
 * ntkdepth train -- the empirical NTK during full-batch training
 * (Seleznova & Kutyniok 2022, claim K3).  Thin: parse, load the data,
 * call libntkdepth (ntkdepth/train.h), print.  Every number printed is a
 * Monte Carlo estimate over the seeds (mean +- standard error).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sample_cli.h"

#define CMD "train"

enum
{
    OPT_STEPS = OPT_CMD_BASE, OPT_LR, OPT_SEEDS, OPT_MEASURE, OPT_DATA, OPT_DATA_DIR,
    OPT_PER_CLASS, OPT_QUICK
};

static const char *help =
    "usage: ntkdepth train [options]\n"
    "\n"
    "Full-batch training of a ReLU network (standard parameterization, zero\n"
    "initial trainable biases, squared loss, Adam) and its empirical NTK summed\n"
    "over the outputs, measured on the class-sorted training inputs during\n"
    "training: relative change |K_t - K_0|_F / |K_0|_F, the mean within-class\n"
    "entry and the mean entry of different classes over the mean diagonal.\n"
    "Mean +- standard error over the seeds (Monte Carlo estimates).\n"
    "Defaults: Seleznova & Kutyniok's experiment -- width 300, 20 hidden layers,\n"
    "sigma_w^2 = 1.0, 2.0, 2.2, 10 outputs, Adam lr 1e-4, 3000 steps, on 100\n"
    "inputs (10 per class) of Fashion-MNIST (Debian package dataset-fashion-mnist)\n"
    "in place of MNIST, which Debian does not package.\n"
    "\n"
    "  --quick             a small run (width 64, depth 8, 300 steps, 3 seeds)\n"
    "  --width M           hidden width (default 300)\n"
    "  --depth L           hidden layers (default 20)\n"
    "  --sigma-w2 LIST     weight variances, all > 0 (default 1,2,2.2)\n"
    "  --sigma-b2 X        initial bias variance >= 0 (default 0)\n"
    "  --steps N           Adam steps (default 3000)\n"
    "  --lr X              Adam learning rate > 0 (default 1e-4)\n"
    "  --measure LIST      steps where the NTK is measured (default\n"
    "                      0,1,10,100,300,1000,2000,3000; 0 and N always)\n"
    "  --seeds N           replicates per sigma_w^2 (default 3)\n"
    "  --seed N            seed (default 1); results depend only on it\n"
    "  --data NAME         auto | fashion-mnist | synthetic (default auto:\n"
    "                      Fashion-MNIST if its files exist, else synthetic)\n"
    "  --data-dir DIR      where the IDX files are (default\n"
    "                      " NTK_TRAIN_FASHION_DIR ")\n"
    "  --per-class N       inputs per class (default 10: 100 inputs)\n"
    "  --threads N         OpenMP threads (default: all cores)\n"
    "  --format text|csv|json|latex   output format (default text)\n"
    "  --out FILE          write there (atomically) instead of stdout\n"
    "  --figure FILE       also write a pgfplots figure (standalone LaTeX document):\n"
    "                      relative change vs step, one curve per sigma_w^2\n"
    "  --table FILE        also write the LaTeX table (as --format latex)\n"
    "  --timing            print the wall time and GFLOP/s on stderr\n"
    "  --quiet             no progress bar\n"
    "\n"
    "A replicate whose loss becomes NaN or Inf is reported as diverged with its\n"
    "step (a warning on stderr and the field diverged_at); it is left out of\n"
    "the means from that step on.\n"
    "Exit: 0 ok, 2 bad input, 4 I/O error.\n";

typedef struct
{
    ntk_cli_progress bar;
} progress_data;

static int
on_progress(void *data, double done, double total)
{
    progress_data *p = data;
    ntk_cli_progress_update(&p->bar, done, total);
    return 0;
}

static const char *normalization =
    "pixels/255, each image scaled to |x|^2 = n0 (mean square coordinate 1)";

static void
write_figure(FILE *fp, const ntk_train_config_t cfg, const ntk_train_result_t res,
             const ntk_train_data_t data)
{
    fprintf(fp, "%% ntkdepth train: relative change |K_t - K_0|_F/|K_0|_F of the empirical NTK\n"
                "%% during training; mean over %ld seeds, error bars = standard errors\n"
                "%% (Monte Carlo estimates).  Data: %s.  Width %ld, depth %ld, Adam lr %g.\n"
                "%% a standalone document: pdflatex renders it (pgfplots)\n"
                "\\documentclass{standalone}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n"
                "\\begin{document}\n",
            (long) cfg->seeds, data->name, (long) cfg->width, (long) cfg->depth, cfg->lr);
    fprintf(fp, "\\begin{tikzpicture}\n\\begin{axis}[xlabel={training step $t$}, "
                "ylabel={$\\|K_t - K_0\\|_F / \\|K_0\\|_F$}, xmode=log, ymode=log, "
                "width=11cm, height=7.5cm, legend pos=north west, "
                "title={%s, width %ld, %ld hidden layers, %ld seeds}, "
                "every axis plot/.append style={mark size=1.2pt, line width=0.6pt}]\n",
            strcmp(data->name, "fashion-mnist") == 0 ? "Fashion-MNIST" : "synthetic data",
            (long) cfg->width, (long) cfg->depth, (long) cfg->seeds);
    for (slong is = 0; is < cfg->nsigma; is++)
    {
        fprintf(fp, "\\addplot+[error bars/.cd, y dir=both, y explicit] coordinates {\n");
        for (slong im = 0; im < cfg->nmeasure; im++)
        {
            ntk_finite_est e = ntk_train_result_mean(res, res->relchange, is, im, NULL);
            if (cfg->measure[im] == 0 || !(e.est > 0))
                continue;
            /* a bar reaching below 0 is clipped for the log axis */
            double err = isnan(e.err) ? 0.0 : e.err;
            if (err >= e.est)
                err = 0.999 * e.est;
            fprintf(fp, "  (%ld, %.8g) +- (0, %.3g)\n", (long) cfg->measure[im], e.est, err);
        }
        fprintf(fp, "};\n\\addlegendentry{$\\sigma_w^2 = %g$}\n", cfg->sigma_w2[is]);
    }
    fprintf(fp, "\\end{axis}\n\\end{tikzpicture}\n\\end{document}\n");
}

static void
write_latex(FILE *fp, const ntk_train_config_t cfg, const ntk_train_result_t res,
            const ntk_train_data_t data)
{
    fprintf(fp, "%% ntkdepth train: empirical NTK during training (%s; mean +- standard\n"
                "%% error over %ld seeds, Monte Carlo estimates)\n"
                "\\begin{tabular}{rrrrrr}\n\\hline\n"
                "$\\sigma_w^2$ & step & loss & $\\|K_t-K_0\\|_F/\\|K_0\\|_F$ & "
                "within-class / diag & off-block / diag \\\\\n\\hline\n",
            data->name, (long) cfg->seeds);
    for (slong is = 0; is < cfg->nsigma; is++)
        for (slong im = 0; im < cfg->nmeasure; im++)
        {
            ntk_finite_est l = ntk_train_result_mean(res, res->loss, is, im, NULL);
            ntk_finite_est r = ntk_train_result_mean(res, res->relchange, is, im, NULL);
            ntk_finite_est a = ntk_train_result_mean(res, res->within, is, im, NULL);
            ntk_finite_est b = ntk_train_result_mean(res, res->off, is, im, NULL);
            fprintf(fp, "%g & %ld & $%.4g \\pm %.2g$ & $%.4g \\pm %.2g$ & $%.4g \\pm %.2g$ & "
                        "$%.4g \\pm %.2g$ \\\\\n", cfg->sigma_w2[is], (long) cfg->measure[im],
                    l.est, l.err, r.est, r.err, a.est, a.err, b.est, b.err);
        }
    fprintf(fp, "\\hline\n\\end{tabular}\n");
}

/* a JSON array of the n values of one replicate (null where not finite) */
static void
json_doubles(FILE *fp, const double *v, slong n)
{
    fputc('[', fp);
    for (slong i = 0; i < n; i++)
    {
        if (isfinite(v[i]))
            fprintf(fp, "%s%.17g", i ? ", " : "", v[i]);
        else
            fprintf(fp, "%snull", i ? ", " : "");
    }
    fputc(']', fp);
}

static slong
ndiverged(const ntk_train_config_t cfg, const ntk_train_result_t res)
{
    slong n = 0;
    for (slong i = 0; i < cfg->nsigma * cfg->seeds; i++)
        n += res->diverged[i] >= 0;
    return n;
}

int
ntk_cli_train(int argc, char **argv)
{
    ntk_train_config_t cfg;
    ntk_train_result_t res;
    ntk_train_data_t data;
    ntk_cli_sample_opts so;
    const char *steps = NULL, *lr = NULL, *measure = NULL, *seeds = NULL, *data_name = "auto";
    const char *data_dir = NTK_TRAIN_FASHION_DIR, *per_class_s = NULL;
    int quick = 0, rc = NTK_EXIT_OK, threads = 0, opt;
    int have_res = 0, have_data = 0;
    slong per_class = 10;
    ntk_status st;
    ntk_out_t out;
    progress_data pd;
    char data_note[512] = "";

    static const struct option longopts[] = {
        NTK_CLI_SAMPLE_LONGOPTS,
        {"quick", no_argument, 0, OPT_QUICK},
        {"steps", required_argument, 0, OPT_STEPS},
        {"lr", required_argument, 0, OPT_LR},
        {"measure", required_argument, 0, OPT_MEASURE},
        {"seeds", required_argument, 0, OPT_SEEDS},
        {"data", required_argument, 0, OPT_DATA},
        {"data-dir", required_argument, 0, OPT_DATA_DIR},
        {"per-class", required_argument, 0, OPT_PER_CLASS},
        {0, 0, 0, 0}};

    ntk_cli_sample_opts_init(&so);
    while ((opt = ntk_cli_sample_next(&so, &rc, CMD, help, argc, argv, longopts)) != -1)
    {
        switch (opt)
        {
            case OPT_QUICK: quick = 1; break;
            case OPT_STEPS: steps = optarg; break;
            case OPT_LR: lr = optarg; break;
            case OPT_MEASURE: measure = optarg; break;
            case OPT_SEEDS: seeds = optarg; break;
            case OPT_DATA: data_name = optarg; break;
            case OPT_DATA_DIR: data_dir = optarg; break;
            case OPT_PER_CLASS: per_class_s = optarg; break;
        }
    }
    if (rc != 0 || so.help)
        return rc;
    if (strcmp(data_name, "auto") != 0 && strcmp(data_name, "fashion-mnist") != 0
        && strcmp(data_name, "synthetic") != 0)
        return ntk_cli_usage(CMD, "--data '%s': unknown data set (use auto, fashion-mnist "
                             "or synthetic)", data_name);

    ntk_train_config_init(cfg);
#define FAIL(x) do { rc = (x); goto cleanup; } while (0)
    if (quick)
        ntk_train_config_quick(cfg);
    /* numbers: width, steps, lr must be > 0 (one line naming the value) */
    if (so.width && ntk_cli_parse_slong(&cfg->width, CMD, so.width, "--width", 1, 100000))
        FAIL(NTK_EXIT_USAGE);
    if (so.depth && ntk_cli_parse_slong(&cfg->depth, CMD, so.depth, "--depth", 1, 10000))
        FAIL(NTK_EXIT_USAGE);
    if (steps && ntk_cli_parse_slong(&cfg->steps, CMD, steps, "--steps", 1, 100000000))
        FAIL(NTK_EXIT_USAGE);
    if (seeds && ntk_cli_parse_slong(&cfg->seeds, CMD, seeds, "--seeds", 1, 100000))
        FAIL(NTK_EXIT_USAGE);
    if (per_class_s && ntk_cli_parse_slong(&per_class, CMD, per_class_s, "--per-class", 1, 6000))
        FAIL(NTK_EXIT_USAGE);
    if ((rc = ntk_cli_sample_seed_threads(&cfg->seed, &threads, CMD, &so)) != 0)
        goto cleanup;
    if (lr)
    {
        if ((st = ntk_parse_double(&cfg->lr, lr, "--lr")) != NTK_SUCCESS)
            FAIL(ntk_cli_fail(CMD, st));
        if (!(cfg->lr > 0))
            FAIL(ntk_cli_usage(CMD, "--lr '%s': must be > 0", lr));
    }
    if (so.sigma_w2)
    {
        double *v;
        slong n;
        if ((rc = ntk_cli_sample_sigma_w2(&v, &n, CMD, so.sigma_w2)) != 0)
            goto cleanup;
        ntk_train_config_set_sigma_w2(cfg, v, n);
        free(v);
    }
    if (so.sigma_b2 && (rc = ntk_cli_sample_sigma_b2(&cfg->sigma_b2, CMD, so.sigma_b2)) != 0)
        goto cleanup;
    {
        /* the measure list (default: the paper's points up to --steps) */
        static const slong dm[8] = {0, 1, 10, 100, 300, 1000, 2000, 3000};
        slong *m = NULL, n = 8;
        if (measure)
        {
            double *v;
            if ((st = ntk_parse_double_list(&v, &n, measure, "--measure")) != NTK_SUCCESS)
                FAIL(ntk_cli_fail(CMD, st));
            m = malloc(sizeof(slong) * n);
            for (slong i = 0; i < n; i++)
            {
                if (v[i] != floor(v[i]) || v[i] < 0 || v[i] > (double) cfg->steps)
                {
                    free(v);
                    free(m);
                    FAIL(ntk_cli_usage(CMD, "--measure '%s': steps are integers in 0..%ld",
                                       measure, (long) cfg->steps));
                }
                m[i] = (slong) v[i];
            }
            free(v);
        }
        ntk_train_config_set_measure(cfg, m ? m : dm, n);
        free(m);
    }
    if ((st = ntk_train_config_check(cfg)) != NTK_SUCCESS)
        FAIL(ntk_cli_fail(CMD, st));

    /* data: Fashion-MNIST in place of MNIST; the generated set only when
       the files are missing (auto) or when asked for */
    if (strcmp(data_name, "synthetic") != 0)
    {
        st = ntk_train_data_fashion(data, data_dir, per_class);
        if (st == NTK_SUCCESS)
            have_data = 1;
        else if (strcmp(data_name, "auto") != 0 || st != NTK_IO)
            FAIL(ntk_cli_fail(CMD, st));
        else
        {
            snprintf(data_note, sizeof(data_note), "Fashion-MNIST files missing (%s): using "
                     "the generated data set", ntk_error_last());
            fprintf(stderr, "ntkdepth train: %s\n", data_note);
        }
    }
    if (!have_data)
    {
        if ((st = ntk_train_data_synthetic(data, 784, per_class, cfg->seed)) != NTK_SUCCESS)
            FAIL(ntk_cli_fail(CMD, st));
        have_data = 1;
    }

    if ((st = ntk_train_result_init(res, cfg)) != NTK_SUCCESS)
        FAIL(ntk_cli_fail(CMD, st));
    have_res = 1;
    pd.bar.enabled = 0;
    ntk_cli_progress_start(&pd.bar, "train", so.quiet);
    st = ntk_train_run(res, cfg, data, threads, on_progress, &pd);
    ntk_cli_progress_end(&pd.bar);
    if (st != NTK_SUCCESS)
        FAIL(ntk_cli_fail(CMD, st));
    if (so.timing)
        fprintf(stderr, "ntkdepth train: %ld networks x %ld steps in %.3f s: matrix work "
                        "%.4g GFLOP at %.2f GFLOP/s\n",
                (long) (cfg->nsigma * cfg->seeds), (long) cfg->steps, res->seconds,
                res->flops * 1e-9, res->flops * 1e-9 / res->seconds);
    for (slong is = 0; is < cfg->nsigma; is++)
        for (slong r = 0; r < cfg->seeds; r++)
            if (res->diverged[is * cfg->seeds + r] >= 0)
                fprintf(stderr, "ntkdepth train: sigma_w2 %g, replicate %ld: the loss is not "
                                "finite at step %ld (diverged; left out of the means from there)\n",
                        cfg->sigma_w2[is], (long) r, (long) res->diverged[is * cfg->seeds + r]);

    if ((rc = ntk_cli_out_open(out, CMD, so.out)) != 0)
        goto cleanup;
    FILE *fp = out->fp;
    slong ndiv = ndiverged(cfg, res);
    if (so.fmt == NTK_FMT_LATEX)
        write_latex(fp, cfg, res, data);
    else if (so.fmt == NTK_FMT_TEXT)
    {
        fprintf(fp, "# ntkdepth train: data %s (%s)%s\n", data->name, data->source,
                strcmp(data->name, "fashion-mnist") == 0
                    ? "; Fashion-MNIST (Debian package dataset-fashion-mnist) in place of MNIST" : "");
        if (data_note[0])
            fprintf(fp, "# %s\n", data_note);
        fprintf(fp, "# %ld inputs, class-sorted, %s; training set = these inputs (full batch)\n",
                (long) data->N, normalization);
        fprintf(fp, "# relu, width %ld, %ld hidden layers, %ld outputs, standard param., sigma_b2 %g "
                    "(biases trainable), squared loss, Adam lr %g, %ld steps, %ld seeds (seed %lu)\n",
                (long) cfg->width, (long) cfg->depth, (long) data->nclass, cfg->sigma_b2, cfg->lr,
                (long) cfg->steps, (long) cfg->seeds, (unsigned long) cfg->seed);
        fprintf(fp, "# Monte Carlo estimates over the seeds: 'mean +- standard error'; n = seeds used\n");
        fprintf(fp, "%8s %6s %3s %22s %24s %24s %24s\n", "sigma_w2", "step", "n", "loss",
                "|K_t-K_0|/|K_0|", "within-class/diag", "off-block/diag");
        for (slong is = 0; is < cfg->nsigma; is++)
            for (slong im = 0; im < cfg->nmeasure; im++)
            {
                slong n;
                ntk_finite_est l = ntk_train_result_mean(res, res->loss, is, im, &n);
                ntk_finite_est r = ntk_train_result_mean(res, res->relchange, is, im, NULL);
                ntk_finite_est a = ntk_train_result_mean(res, res->within, is, im, NULL);
                ntk_finite_est b = ntk_train_result_mean(res, res->off, is, im, NULL);
                char ls[40], rs[40], as[40], bs[40];
                snprintf(ls, sizeof(ls), "%.5g +- %.2g", l.est, l.err);
                snprintf(rs, sizeof(rs), "%.5g +- %.2g", r.est, r.err);
                snprintf(as, sizeof(as), "%.5g +- %.2g", a.est, a.err);
                snprintf(bs, sizeof(bs), "%.5g +- %.2g", b.est, b.err);
                fprintf(fp, "%8g %6ld %3ld %22s %24s %24s %24s\n", cfg->sigma_w2[is],
                        (long) cfg->measure[im], (long) n, ls, rs, as, bs);
            }
        fprintf(fp, "# status: %s (%ld of %ld replicates diverged)\n", ndiv ? "diverged" : "ok",
                (long) ndiv, (long) (cfg->nsigma * cfg->seeds));
    }
    else if (so.fmt == NTK_FMT_CSV)
    {
        fprintf(fp, "dataset,sigma_w2,step,n,loss,loss_se,relchange,relchange_se,within,within_se,"
                    "off,off_se\n");
        for (slong is = 0; is < cfg->nsigma; is++)
            for (slong im = 0; im < cfg->nmeasure; im++)
            {
                slong n;
                ntk_finite_est l = ntk_train_result_mean(res, res->loss, is, im, &n);
                ntk_finite_est r = ntk_train_result_mean(res, res->relchange, is, im, NULL);
                ntk_finite_est a = ntk_train_result_mean(res, res->within, is, im, NULL);
                ntk_finite_est b = ntk_train_result_mean(res, res->off, is, im, NULL);
                fprintf(fp, "%s,%.17g,%ld,%ld,%.17g,%.3g,%.17g,%.3g,%.17g,%.3g,%.17g,%.3g\n",
                        data->name, cfg->sigma_w2[is], (long) cfg->measure[im], (long) n, l.est,
                        l.err, r.est, r.err, a.est, a.err, b.est, b.err);
            }
    }
    else /* JSON */
    {
        fprintf(fp, "{\"params\": {\"act\": \"relu\", \"n0\": %ld, \"width\": %ld, \"depth\": %ld, "
                    "\"nout\": %ld, \"param\": \"standard\", \"sigma_w2\": [",
                (long) data->n0, (long) cfg->width, (long) cfg->depth, (long) data->nclass);
        for (slong is = 0; is < cfg->nsigma; is++)
            fprintf(fp, "%s%.17g", is ? ", " : "", cfg->sigma_w2[is]);
        fprintf(fp, "], \"sigma_b2\": %.17g, \"biases\": \"trainable\", \"loss\": \"mean squared "
                    "error over inputs and outputs, one-hot targets\", \"optimizer\": \"Adam "
                    "(beta1 0.9, beta2 0.999, eps 1e-8, bias-corrected), full batch\", \"lr\": %.17g, "
                    "\"steps\": %ld, \"seeds\": %ld, \"seed\": %lu, \"rng\": \"philox4x64-10 key "
                    "(seed, replicate), the streams of ntkdepth finite\", \"measure\": [",
                cfg->sigma_b2, cfg->lr, (long) cfg->steps, (long) cfg->seeds,
                (unsigned long) cfg->seed);
        for (slong im = 0; im < cfg->nmeasure; im++)
            fprintf(fp, "%s%ld", im ? ", " : "", (long) cfg->measure[im]);
        fprintf(fp, "], \"inputs\": %ld, \"per_class\": %ld, \"class_sorted\": true, "
                    "\"training_set\": \"the same inputs (full batch)\", \"normalization\": \"%s\", "
                    "\"ntk\": \"empirical, summed over outputs, all parameters (weights and biases)\", "
                    "\"within\": \"mean within-class off-diagonal entry / mean diagonal\", "
                    "\"off\": \"mean entry of different classes / mean diagonal\"},\n",
                (long) data->N, per_class, normalization);
        fprintf(fp, " \"dataset\": \"%s\", \"dataset_source\": \"%s\", \"dataset_note\": \"%s\",\n",
                data->name, data->source,
                strcmp(data->name, "fashion-mnist") == 0
                    ? "Fashion-MNIST (Debian package dataset-fashion-mnist) in place of MNIST"
                    : data_note[0] ? data_note : "generated data set (asked for)");
        fprintf(fp, " \"status\": \"%s\", \"diverged_replicates\": %ld,\n \"rows\": [",
                ndiv ? "diverged" : "ok", (long) ndiv);
        for (slong is = 0, first = 1; is < cfg->nsigma; is++)
            for (slong im = 0; im < cfg->nmeasure; im++, first = 0)
            {
                slong n;
                ntk_finite_est l = ntk_train_result_mean(res, res->loss, is, im, &n);
                fprintf(fp, "%s\n  {\"sigma_w2\": %.17g, \"step\": %ld, \"n\": %ld, \"loss\": ",
                        first ? "" : ",", cfg->sigma_w2[is], (long) cfg->measure[im], (long) n);
                ntk_report_mc_json(fp, l);
                fprintf(fp, ", \"relchange\": ");
                ntk_report_mc_json(fp, ntk_train_result_mean(res, res->relchange, is, im, NULL));
                fprintf(fp, ", \"within\": ");
                ntk_report_mc_json(fp, ntk_train_result_mean(res, res->within, is, im, NULL));
                fprintf(fp, ", \"off\": ");
                ntk_report_mc_json(fp, ntk_train_result_mean(res, res->off, is, im, NULL));
                fprintf(fp, ", \"mean_diag\": ");
                ntk_report_mc_json(fp, ntk_train_result_mean(res, res->k0diag, is, im, NULL));
                fprintf(fp, "}");
            }
        fprintf(fp, "\n ],\n \"replicates\": [");
        for (slong is = 0; is < cfg->nsigma; is++)
            for (slong r = 0; r < cfg->seeds; r++)
            {
                slong slot = is * cfg->seeds + r, dv = res->diverged[slot];
                fprintf(fp, "%s\n  {\"sigma_w2\": %.17g, \"replicate\": %ld, \"status\": \"%s\", "
                            "\"diverged_at\": ", slot ? "," : "", cfg->sigma_w2[is], (long) r,
                        dv >= 0 ? "diverged" : "ok");
                if (dv >= 0)
                    fprintf(fp, "%ld", (long) dv);
                else
                    fprintf(fp, "null");
                fprintf(fp, ", \"relchange\": ");
                json_doubles(fp, res->relchange + slot * cfg->nmeasure, cfg->nmeasure);
                fprintf(fp, ", \"loss\": ");
                json_doubles(fp, res->loss + slot * cfg->nmeasure, cfg->nmeasure);
                fprintf(fp, "}");
            }
        fprintf(fp, "\n ],\n \"seconds\": %.3f, \"gflop\": %.6g}\n", res->seconds, res->flops * 1e-9);
    }
    if ((rc = ntk_cli_out_close(out, CMD)) != 0)
        goto cleanup;
    if (so.figure)
    {
        ntk_out_t fo;
        if ((rc = ntk_cli_out_open(fo, CMD, so.figure)) != 0)
            goto cleanup;
        write_figure(fo->fp, cfg, res, data);
        if ((rc = ntk_cli_out_close(fo, CMD)) != 0)
            goto cleanup;
    }
    if (so.table)
    {
        ntk_out_t to;
        if ((rc = ntk_cli_out_open(to, CMD, so.table)) != 0)
            goto cleanup;
        write_latex(to->fp, cfg, res, data);
        if ((rc = ntk_cli_out_close(to, CMD)) != 0)
            goto cleanup;
    }
cleanup:
    if (have_res)
        ntk_train_result_clear(res);
    if (have_data)
        ntk_train_data_clear(data);
    ntk_train_config_clear(cfg);
    return rc;
#undef FAIL
}
