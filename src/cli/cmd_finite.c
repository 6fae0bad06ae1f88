/*
 * ntkdepth finite -- Monte Carlo of the NTK of real finite-width networks,
 * next to the certified exact mean and the papers' formulas.  Thin: parse,
 * call libntkdepth (ntkdepth/finite.h), print.  Under mpirun the samples are
 * split over the ranks; only rank 0 prints and writes files.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sample_cli.h"

#define CMD "finite"

enum
{
    OPT_WIDTHS = OPT_CMD_BASE, OPT_N0, OPT_SAMPLES, OPT_PARAM, OPT_INIT, OPT_R, OPT_CHECK,
    OPT_EXACT_ONLY
};

static const char *help =
    "usage: ntkdepth finite [options]\n"
    "\n"
    "Exact empirical NTK of sampled finite-width networks (Monte Carlo, double\n"
    "precision), its mean, dispersion E[K^2]/E[K]^2 and off-diagonal ratios, next\n"
    "to the certified exact mean, second moment and dispersion of K(x,x) (ReLU,\n"
    "zero-initialized biases) and the papers' formulas.\n"
    "Defaults reproduce Seleznova & Kutyniok (2022): relu, n0 = M = 100, depths\n"
    "1..49, 16 values of sigma_w^2, inputs x_r for r = 1.0, 0.9, ..., 0.0.\n"
    "\n"
    "  --act NAME          activation (default relu; see conventions.md)\n"
    "  --width M           equal hidden widths (default 100)\n"
    "  --widths N1,N2,...  hidden widths layer by layer (depth <= their number)\n"
    "  --depth LIST        depths: 10 | 1,5,20 | 1:49 | 1:49:4 (default 1:49)\n"
    "  --n0 N              input dimension (default 100)\n"
    "  --sigma-w2 LIST     weight variances, all > 0 (default the paper's 16)\n"
    "  --sigma-b2 X        bias variance >= 0 (default 0; biases are trainable)\n"
    "  --param standard|ntk  parameterization (default standard)\n"
    "  --init default|he   he: Hanin & Nica (relu, sigma_w^2 = 2, zero biases,\n"
    "                      NTK-parameterized weights)\n"
    "  --r LIST            input correlations (default 1,0.9,...,0; first must be 1)\n"
    "  --samples N         networks per sigma_w^2 (default 500)\n"
    "  --seed N            seed (default 1); results depend only on it\n"
    "  --threads N         OpenMP threads (default: all cores)\n"
    "  --format text|csv|json|latex   output format (default text); CSV and JSON\n"
    "                      write certified numbers as decimal mid and rad (the\n"
    "                      exact value is in [mid - rad, mid + rad]), estimates\n"
    "                      as value and standard error\n"
    "  --out FILE          write there (atomically) instead of stdout\n"
    "  --figure FILE       also write a pgfplots figure: dispersion vs L/M (Monte\n"
    "                      Carlo marks; lines: the certified exact dispersion)\n"
    "  --table FILE        also write the LaTeX table (as --format latex)\n"
    "  --exact-only        no sampling: only the certified exact E K, E K^2 and\n"
    "                      dispersion of K(x,x) (relu, zero-initialized biases;\n"
    "                      proofs/finite-width.md section 7), sigma_w^2 read as\n"
    "                      exact decimals; e.g. the figure data\n"
    "                      --exact-only --width 100 --depth 1:200 --format csv\n"
    "  --check             decide the claims K1, K2, HN1, HN2 that apply\n"
    "                      (exit 1 if one is refuted)\n"
    "  --timing            print samples/s and GFLOP/s on stderr\n"
    "  --quiet             no progress bar\n"
    "\n"
    "Under `mpirun -np K ntkdepth finite ...` the samples are split over the\n"
    "ranks; the numbers are bit-identical for any thread or rank count.\n"
    "Exit: 0 ok, 1 a checked claim refuted, 2 bad input, 4 I/O error.\n";

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

/* Certified exact moments of K(x,x) for every (sigma, depth): E K, E K^2,
   dispersion in ek/ek2/dd (nsigma * ndepths entries each), sigma_w2 from
   the decimal strings `sdec` when given (exact decimals), else the doubles
   of cfg (the values the sampler uses).  0 or an exit code. */
static int
exact_table(arb_ptr ek, arb_ptr ek2, arb_ptr dd, const ntk_finite_config_t cfg,
            char **sdec, slong prec)
{
    ntk_status st = NTK_SUCCESS;
    for (slong is = 0; is < cfg->nsigma && st == NTK_SUCCESS; is++)
    {
        slong nd = cfg->ndepths, off = is * nd;
        if (sdec == NULL)
            st = ntk_finite_exact_moments_cfg(ek + off, ek2 + off, dd + off, cfg, is, 1.0, prec);
        else
        {
            slong Lmax = cfg->depths[nd - 1];
            arb_ptr a = _arb_vec_init(3 * Lmax);
            arb_t s, one, beta;
            arb_init(s); arb_init(one); arb_init(beta);
            arb_one(one);
            if (cfg->init == NTK_FINITE_INIT_HE || cfg->param == NTK_FINITE_PARAM_STANDARD)
                arb_one(beta);
            if (arb_set_str(s, sdec[is], prec) != 0)
                st = ntk_error_set(NTK_DOMAIN, "--sigma-w2 '%s': not a number", sdec[is]);
            else
                st = ntk_finite_exact_moments(a, a + Lmax, a + 2 * Lmax, Lmax, cfg->n0, cfg->widths,
                                              s, one, cfg->init == NTK_FINITE_INIT_HE
                                              ? NTK_FINITE_PARAM_NTK : cfg->param, beta, prec);
            for (slong id = 0; id < nd && st == NTK_SUCCESS; id++)
            {
                slong L = cfg->depths[id];
                arb_set(ek + off + id, a + L - 1);
                arb_set(ek2 + off + id, a + Lmax + L - 1);
                arb_set(dd + off + id, a + 2 * Lmax + L - 1);
            }
            _arb_vec_clear(a, 3 * Lmax);
            arb_clear(s); arb_clear(one); arb_clear(beta);
        }
    }
    return st == NTK_SUCCESS ? 0 : ntk_cli_fail(CMD, st);
}

/* a certified ball as two CSV fields "MID,RAD" (an enclosure,
   conventions.md 4) followed by sep */
static void
csv_ball(FILE *fp, const arb_t x, const char *sep)
{
    ntk_report_ball_csv(fp, x);
    fputs(sep, fp);
}

/* a certified number that has one CSV column: its certified digits only
   (correct to within one unit of the last digit, at most 17) followed by
   sep; an empty field when x is not finite */
static void
csv_digits(FILE *fp, const arb_t x, const char *sep)
{
    ntk_report_ball_text(fp, x, 17, "");
    fputs(sep, fp);
}

/* the certified digits of x (at most `digits`) into buf */
static void
text_ball(char *buf, size_t size, const arb_t x, slong digits)
{
    char *t = ntk_ball_text(x, digits);
    snprintf(buf, size, "%s", t);
    flint_free(t);
}

/* --exact-only: certified numbers, no sampling */
static void
write_exact_only(FILE *fp, ntk_cli_format fmt, const ntk_finite_config_t cfg, char **sdec,
                 arb_srcptr ek, arb_srcptr ek2, arb_srcptr dd)
{
    slong M = ntk_finite_config_equal_width(cfg), nd = cfg->ndepths;
    if (fmt == NTK_FMT_CSV)
        fprintf(fp, "sigma_w2,depth,lambda,exact_mean_diag,exact_mean_diag_rad,exact_mean_sq_diag,"
                    "exact_mean_sq_diag_rad,exact_dispersion_diag,exact_dispersion_diag_rad\n");
    else if (fmt == NTK_FMT_JSON)
    {
        fprintf(fp, "{\"params\": {\"act\": \"relu\", \"n0\": %ld, \"widths\": [", (long) cfg->n0);
        for (slong i = 0; i < cfg->nwidths; i++)
            fprintf(fp, "%s%ld", i ? ", " : "", (long) cfg->widths[i]);
        fprintf(fp, "], \"sigma_b2\": 0, \"param\": \"%s\", \"init\": \"%s\", \"norm2\": 1, "
                    "\"kind\": \"exact (certified balls, proofs/finite-width.md section 7)\"},\n \"rows\": [",
                cfg->param == NTK_FINITE_PARAM_NTK ? "ntk" : "standard",
                cfg->init == NTK_FINITE_INIT_HE ? "he" : "default");
    }
    else
    {
        fprintf(fp, "# ntkdepth finite --exact-only: relu, n0 %ld, %s, %s param, zero-initialized "
                    "trainable biases, |x|^2 = 1\n# certified balls (exact law, proofs/finite-width.md "
                    "section 7); no sampling\n", (long) cfg->n0, M > 0 ? "equal widths" : "varying widths",
                cfg->init == NTK_FINITE_INIT_HE ? "He init / NTK"
                : cfg->param == NTK_FINITE_PARAM_NTK ? "ntk" : "standard");
        fprintf(fp, "%8s %6s %8s %24s %24s %24s\n", "sigma_w2", "L", "L/M", "E K(x,x) (exact)",
                "E K^2 (exact)", "E K^2/E[K]^2 (exact)");
    }
    for (slong is = 0; is < cfg->nsigma; is++)
        for (slong id = 0; id < nd; id++)
        {
            slong L = cfg->depths[id], k = is * nd + id;
            double lam = M > 0 ? (double) L / M : NAN;
            if (fmt == NTK_FMT_CSV)
            {
                fprintf(fp, "%s,%ld,%.17g,", sdec[is], (long) L, lam);
                csv_ball(fp, ek + k, ",");
                csv_ball(fp, ek2 + k, ",");
                csv_ball(fp, dd + k, "\n");
            }
            else if (fmt == NTK_FMT_JSON)
            {
                fprintf(fp, "%s\n  {\"sigma_w2\": \"%s\", \"depth\": %ld, \"lambda\": %.17g, \"mean_diag\": ",
                        k ? "," : "", sdec[is], (long) L, M > 0 ? lam : 0.0);
                ntk_ball_json_write(fp, ek + k);
                fprintf(fp, ", \"mean_sq_diag\": ");
                ntk_ball_json_write(fp, ek2 + k);
                fprintf(fp, ", \"dispersion_diag\": ");
                ntk_ball_json_write(fp, dd + k);
                fprintf(fp, "}");
            }
            else
            {
                char *a = ntk_ball_text(ek + k, 15), *b = ntk_ball_text(ek2 + k, 15),
                     *c = ntk_ball_text(dd + k, 15);
                fprintf(fp, "%8s %6ld %8.4g %24s %24s %24s\n", sdec[is], (long) L, lam, a, b, c);
                flint_free(a); flint_free(b); flint_free(c);
            }
        }
    if (fmt == NTK_FMT_JSON)
        fprintf(fp, "\n ]}\n");
}

static int
run(int argc, char **argv)
{
    ntk_finite_config_t cfg;
    ntk_finite_result_t res;
    ntk_cli_sample_opts so;
    const char *act = NULL, *widths = NULL, *n0 = NULL, *param = NULL, *init = NULL;
    const char *rlist = NULL, *samples = NULL;
    int check = 0, rc = NTK_EXIT_OK, threads = 0, rank = 0, nranks = 1;
    int have_res = 0, exact_only = 0, opt;
    ntk_status st;
    char **sdec = NULL;           /* sigma_w2 as decimal strings (--exact-only) */
    arb_ptr ek = NULL, ek2 = NULL, dd = NULL;   /* certified exact moments */
    ntk_out_t out;
    progress_data pd;
    slong prec = 128;

    static const struct option longopts[] = {
        NTK_CLI_SAMPLE_LONGOPTS,
        {"act", required_argument, 0, OPT_ACT},
        {"widths", required_argument, 0, OPT_WIDTHS},
        {"n0", required_argument, 0, OPT_N0},
        {"param", required_argument, 0, OPT_PARAM},
        {"init", required_argument, 0, OPT_INIT},
        {"r", required_argument, 0, OPT_R},
        {"samples", required_argument, 0, OPT_SAMPLES},
        {"check", no_argument, 0, OPT_CHECK},
        {"exact-only", no_argument, 0, OPT_EXACT_ONLY},
        {0, 0, 0, 0}};

    ntk_cli_sample_opts_init(&so);
    while ((opt = ntk_cli_sample_next(&so, &rc, CMD, help, argc, argv, longopts)) != -1)
    {
        switch (opt)
        {
            case OPT_ACT: act = optarg; break;
            case OPT_WIDTHS: widths = optarg; break;
            case OPT_N0: n0 = optarg; break;
            case OPT_PARAM: param = optarg; break;
            case OPT_INIT: init = optarg; break;
            case OPT_R: rlist = optarg; break;
            case OPT_SAMPLES: samples = optarg; break;
            case OPT_CHECK: check = 1; break;
            case OPT_EXACT_ONLY: exact_only = 1; break;
        }
    }
    if (rc != 0 || so.help)
        return rc;

    ntk_finite_config_init(cfg);
#define FAIL(x) do { rc = (x); goto cleanup; } while (0)
    if (act && (st = ntk_finite_act_set_str(cfg->act, act)) != NTK_SUCCESS)
        FAIL(ntk_cli_fail(CMD, st));
    if (init)
    {
        if (strcmp(init, "he") == 0)
        {
            double two = 2.0;
            cfg->init = NTK_FINITE_INIT_HE;
            ntk_finite_config_set_sigma_w2(cfg, &two, 1);
            cfg->param = NTK_FINITE_PARAM_NTK;
        }
        else if (strcmp(init, "default") != 0)
            FAIL(ntk_cli_usage(CMD, "--init '%s': use default or he", init));
    }
    if (param)
    {
        if (strcmp(param, "standard") == 0) cfg->param = NTK_FINITE_PARAM_STANDARD;
        else if (strcmp(param, "ntk") == 0) cfg->param = NTK_FINITE_PARAM_NTK;
        else FAIL(ntk_cli_usage(CMD, "--param '%s': use standard or ntk", param));
        if (cfg->init == NTK_FINITE_INIT_HE && cfg->param != NTK_FINITE_PARAM_NTK)
            FAIL(ntk_cli_usage(CMD, "--init he uses the NTK parameterization of the weights"));
    }
    if (n0 && ntk_cli_parse_slong(&cfg->n0, CMD, n0, "--n0", 1, 100000000))
        FAIL(NTK_EXIT_USAGE);
    if (samples && ntk_cli_parse_slong(&cfg->samples, CMD, samples, "--samples", 1, (slong) 1 << 40))
        FAIL(NTK_EXIT_USAGE);
    if ((rc = ntk_cli_sample_seed_threads(&cfg->seed, &threads, CMD, &so)) != 0)
        goto cleanup;
    if (so.sigma_w2)
    {
        double *v;
        slong n;
        if (cfg->init == NTK_FINITE_INIT_HE)
            FAIL(ntk_cli_usage(CMD, "--init he fixes sigma_w2 = 2: drop --sigma-w2"));
        if ((rc = ntk_cli_sample_sigma_w2(&v, &n, CMD, so.sigma_w2)) != 0)
            goto cleanup;
        ntk_finite_config_set_sigma_w2(cfg, v, n);
        free(v);
    }
    if (so.sigma_b2)
    {
        if ((rc = ntk_cli_sample_sigma_b2(&cfg->sigma_b2, CMD, so.sigma_b2)) != 0)
            goto cleanup;
        if (cfg->init == NTK_FINITE_INIT_HE && cfg->sigma_b2 != 0)
            FAIL(ntk_cli_usage(CMD, "--init he has zero initial biases: drop --sigma-b2"));
    }
    if (rlist)
    {
        double *v;
        slong n;
        if ((st = ntk_parse_double_list(&v, &n, rlist, "--r")) != NTK_SUCCESS)
            FAIL(ntk_cli_fail(CMD, st));
        if (v[0] != 1.0)
        {
            free(v);
            FAIL(ntk_cli_usage(CMD, "--r '%s': the first correlation must be 1 (the diagonal)", rlist));
        }
        ntk_finite_config_set_r(cfg, v, n);
        free(v);
    }
    if (so.depth)
    {
        slong *d = NULL, n = 0;
        if ((st = ntk_parse_depth_range(&d, &n, so.depth, "--depth", 1000000)) != NTK_SUCCESS)
            FAIL(ntk_cli_fail(CMD, st));
        ntk_finite_config_set_depths(cfg, d, n);
        free(d);
    }
    if (so.width && widths)
        FAIL(ntk_cli_usage(CMD, "give --width or --widths, not both"));
    if (widths)
    {
        double *v;
        slong n;
        if ((st = ntk_parse_double_list(&v, &n, widths, "--widths")) != NTK_SUCCESS)
            FAIL(ntk_cli_fail(CMD, st));
        free(cfg->widths);
        cfg->widths = malloc(sizeof(slong) * n);
        cfg->nwidths = n;
        for (slong i = 0; i < n; i++)
        {
            if (v[i] != floor(v[i]) || v[i] < 1 || v[i] > 1e8)
            {
                free(v);
                FAIL(ntk_cli_usage(CMD, "--widths '%s': widths are integers >= 1", widths));
            }
            cfg->widths[i] = (slong) v[i];
        }
        free(v);
        if (!so.depth)
        {
            slong L = n;
            ntk_finite_config_set_depths(cfg, &L, 1);
        }
    }
    else
    {
        slong M = 100;
        if (so.width && ntk_cli_parse_slong(&M, CMD, so.width, "--width", 1, 100000000))
            FAIL(NTK_EXIT_USAGE);
        ntk_finite_config_set_width(cfg, M);
    }
    if ((st = ntk_finite_config_check(cfg)) != NTK_SUCCESS)
        FAIL(ntk_cli_fail(CMD, st));

    if (exact_only)
    {
        if (so.fmt == NTK_FMT_LATEX || so.figure || so.table || check)
            FAIL(ntk_cli_usage(CMD, "--exact-only: formats text, csv, json only (no --figure/--table/--check)"));
        if (!ntk_finite_act_is_relu(cfg->act) || (cfg->init != NTK_FINITE_INIT_HE && cfg->sigma_b2 != 0))
            FAIL(ntk_cli_usage(CMD, "--exact-only: the exact law needs --act relu and --sigma-b2 0"));
        /* sigma_w2 as exact decimals: the user's tokens (or the defaults' decimals) */
        sdec = calloc(cfg->nsigma, sizeof(char *));
        if (so.sigma_w2 && cfg->init != NTK_FINITE_INIT_HE)
        {
            char *copy = strdup(so.sigma_w2), *tok, *save = NULL;
            slong k = 0;
            for (tok = strtok_r(copy, ",", &save); tok && k < cfg->nsigma; tok = strtok_r(NULL, ",", &save))
                sdec[k++] = strdup(tok);
            free(copy);
        }
        else
            for (slong k = 0; k < cfg->nsigma; k++)
            {
                char b[32];
                snprintf(b, sizeof(b), "%.15g", cfg->sigma_w2[k]);
                sdec[k] = strdup(b);
            }
        ek = _arb_vec_init(cfg->nsigma * cfg->ndepths);
        ek2 = _arb_vec_init(cfg->nsigma * cfg->ndepths);
        dd = _arb_vec_init(cfg->nsigma * cfg->ndepths);
        if ((rc = exact_table(ek, ek2, dd, cfg, sdec, prec)) != 0)
            goto cleanup;
        if ((rc = ntk_cli_out_open(out, CMD, so.out)) != 0)
            goto cleanup;
        write_exact_only(out->fp, so.fmt, cfg, sdec, ek, ek2, dd);
        rc = ntk_cli_out_close(out, CMD);
        goto cleanup;
    }

    /* run */
    ntk_finite_result_init(res, cfg);
    have_res = 1;
    pd.bar.enabled = 0;
    ntk_cli_progress_start(&pd.bar, "finite", so.quiet);
    st = ntk_finite_run_mpi(res, cfg, threads, on_progress, &pd, &rank, &nranks);
    ntk_cli_progress_end(&pd.bar);
    if (st != NTK_SUCCESS)
        FAIL(rank == 0 ? ntk_cli_fail(CMD, st) : (st == NTK_DOMAIN ? 2 : 4));
    if (so.timing && rank == 0)
        fprintf(stderr, "ntkdepth finite: %ld networks x %ld sigma in %.3f s on %d rank(s): "
                        "%.1f samples/s, matrix work %.3g GFLOP at %.2f GFLOP/s\n",
                (long) cfg->samples, (long) cfg->nsigma, res->seconds, nranks,
                cfg->samples * (double) cfg->nsigma / res->seconds, res->flops * 1e-9,
                res->flops * 1e-9 / res->seconds);
    if (rank != 0)
        goto cleanup;

    /* exact predictions apply to relu with zero-initialized biases */
    int have_exact = ntk_finite_act_is_relu(cfg->act)
                     && (cfg->init == NTK_FINITE_INIT_HE || cfg->sigma_b2 == 0);
    int have_k2 = have_exact && cfg->init == NTK_FINITE_INIT_DEFAULT
                  && cfg->param == NTK_FINITE_PARAM_STANDARD && ntk_finite_config_equal_width(cfg) > 0;
    int have_inf = ntk_finite_act_is_relu(cfg->act) && cfg->sigma_b2 == 0 && cfg->init == NTK_FINITE_INIT_DEFAULT;
    slong M = ntk_finite_config_equal_width(cfg);
    ntk_finite_claim claims[5];
    ntk_verdict verdicts[5];
    if (have_exact)
    {
        /* the exact law at the sampler's sigma_w2 doubles, beside the samples */
        ek = _arb_vec_init(cfg->nsigma * cfg->ndepths);
        ek2 = _arb_vec_init(cfg->nsigma * cfg->ndepths);
        dd = _arb_vec_init(cfg->nsigma * cfg->ndepths);
        if ((rc = exact_table(ek, ek2, dd, cfg, NULL, prec)) != 0)
            goto cleanup;
    }
    int nclaims = 0, refuted = 0;

    if (check)
    {
        /* the built-in claims that apply, decided by the claim module on
           this run (ntk_claim_decide_finite: statistic + rule V5) */
        static const char *he_ids[] = {"HN1", "HN2", "HN2-slope5", NULL};
        static const char *std_ids[] = {"K2", "K1-mc", NULL};
        const char **ids = cfg->init == NTK_FINITE_INIT_HE ? he_ids : std_ids;
        ntk_claims_t cs;
        ntk_claims_init(cs);
        st = ntk_claims_builtin(cs);
        for (int k = 0; st == NTK_SUCCESS && ids[k] != NULL; k++)
            for (slong i = 0; i < cs->n; i++)
                if (!strcmp(cs->v[i].id, ids[k]))
                {
                    ntk_claim_result_t cr;
                    ntk_claim_result_init(cr);
                    if (ntk_claim_decide_finite(cr, &claims[nclaims], cs->v + i, res, cfg)
                        == NTK_SUCCESS)
                        verdicts[nclaims++] = cr->verdict;
                    ntk_claim_result_clear(cr);
                }
        ntk_claims_clear(cs);
        if (nclaims == 0)
            FAIL(ntk_cli_usage(CMD, "--check: no claim applies to this configuration (%s)",
                               ntk_error_last()));
        for (int i = 0; i < nclaims; i++)
            refuted |= verdicts[i] == NTK_VERDICT_REFUTED;
    }

    if ((rc = ntk_cli_out_open(out, CMD, so.out)) != 0)
        goto cleanup;
    FILE *fp = out->fp;
    arb_t ex, k2, inf;
    arb_init(ex);
    arb_init(k2);
    arb_init(inf);
    if (so.fmt == NTK_FMT_LATEX)
        ntk_report_finite_latex(fp, cfg, res, have_exact);
    else if (so.fmt == NTK_FMT_TEXT)
    {
        fprintf(fp, "# ntkdepth finite: act %s, n0 %ld, %s, %s param, sigma_b2 %g, %ld samples, seed %lu\n",
                cfg->act->name, (long) cfg->n0,
                M > 0 ? "equal widths" : "varying widths",
                cfg->init == NTK_FINITE_INIT_HE ? "He init / NTK"
                : cfg->param == NTK_FINITE_PARAM_NTK ? "ntk" : "standard",
                cfg->sigma_b2, (long) cfg->samples, (unsigned long) cfg->seed);
        fprintf(fp, "# Monte Carlo estimates are 'value +- standard error'; 'exact' is the certified\n"
                    "# finite-width mean (proofs/finite-width.md F3/F4), K2 the formula of papers.md;\n"
                    "# 'disp exact' the certified dispersion E K^2/(E K)^2 of K(x,x) (section 7)\n");
        fprintf(fp, "%8s %5s %8s %26s %22s %10s %24s %20s %22s %10s\n", "sigma_w2", "L", "L/M",
                "E K(x,x) (MC)", "exact", cfg->init == NTK_FINITE_INIT_HE ? "HN1" : "K2",
                "E K^2/E[K]^2 (MC)", "disp exact", "K(x,x_last)/K(x,x)", "inf-width");
        for (slong is = 0; is < cfg->nsigma; is++)
        {
            for (slong id = 0; id < cfg->ndepths; id++)
            {
                slong L = cfg->depths[id];
                ntk_finite_est m = ntk_finite_mean(res, is, id, 0, NTK_FINITE_S_DIAG);
                ntk_finite_est d = ntk_finite_dispersion(res, is, id, 0);
                ntk_finite_est q = ntk_finite_mean(res, is, id, cfg->nr - 1, NTK_FINITE_S_RATIO);
                char exs[32] = "-", k2s[16] = "-", infs[16] = "-", dxs[32] = "-";
                if (have_exact)
                    text_ball(dxs, sizeof(dxs), dd + is * cfg->ndepths + id, 12);
                if (have_exact && ntk_finite_mean_exact(ex, cfg, is, L, 1.0, prec) == NTK_SUCCESS)
                    text_ball(exs, sizeof(exs), ex, 15);
                if (have_k2)
                {
                    ntk_finite_k2_formula(k2, cfg->sigma_w2[is], L, M, cfg->n0, 1.0, prec);
                    text_ball(k2s, sizeof(k2s), k2, 8);
                }
                else if (cfg->init == NTK_FINITE_INIT_HE)
                {
                    ntk_finite_hn1_formula(k2, L + 1, cfg->n0, 1.0, prec);
                    text_ball(k2s, sizeof(k2s), k2, 8);
                }
                if (have_inf && ntk_finite_ratio_infinite(inf, L, cfg->r[cfg->nr - 1], prec) == NTK_SUCCESS)
                    text_ball(infs, sizeof(infs), inf, 6);
                char ms[40], ds[40], qs[40];
                snprintf(ms, sizeof(ms), "%.8g +- %.2g", m.est, m.err);
                snprintf(ds, sizeof(ds), "%.6g +- %.2g", d.est, d.err);
                snprintf(qs, sizeof(qs), "%.5f +- %.2g", q.est, q.err);
                fprintf(fp, "%8g %5ld %8.4g %26s %22s %10s %24s %20s %22s %10s\n", cfg->sigma_w2[is],
                        (long) L, M > 0 ? (double) L / M : NAN, ms, exs, k2s, ds, dxs, qs, infs);
            }
            if (cfg->ndepths >= 2 && M > 0)
            {
                ntk_finite_est s = ntk_finite_dispersion_slope(res, cfg, is, 1.0 / M, 1);
                fprintf(fp, "# sigma_w2 %g: slope of log dispersion vs L/M = %.4g +- %.2g (estimate, jackknife)\n",
                        cfg->sigma_w2[is], s.est, s.err);
            }
        }
        for (int i = 0; i < nclaims; i++)
            fprintf(fp, "claim %s: %s -- %s\n", claims[i].id, ntk_verdict_str(verdicts[i]),
                    claims[i].detail);
    }
    else if (so.fmt == NTK_FMT_CSV)
    {
        fprintf(fp, "sigma_w2,depth,lambda,r,mean_off,se_off,mean_diag,se_diag,dispersion,dispersion_se,"
                    "ratio,ratio_se,mean_norm2,exact_mean_diag,exact_mean_diag_rad,k2,ratio_inf,"
                    "exact_mean_sq_diag,exact_mean_sq_diag_rad,exact_dispersion_diag,exact_dispersion_diag_rad\n");
        for (slong is = 0; is < cfg->nsigma; is++)
            for (slong id = 0; id < cfg->ndepths; id++)
                for (slong ir = 0; ir < cfg->nr; ir++)
                {
                    slong L = cfg->depths[id];
                    ntk_finite_est mo = ntk_finite_mean(res, is, id, ir, NTK_FINITE_S_OFF);
                    ntk_finite_est md = ntk_finite_mean(res, is, id, ir, NTK_FINITE_S_DIAG);
                    ntk_finite_est d = ntk_finite_dispersion(res, is, id, ir);
                    ntk_finite_est q = ntk_finite_mean(res, is, id, ir, NTK_FINITE_S_RATIO);
                    ntk_finite_est nn = ntk_finite_mean(res, is, id, ir, NTK_FINITE_S_NORM2);
                    fprintf(fp, "%.17g,%ld,%.17g,%.17g,%.17g,%.3g,%.17g,%.3g,%.17g,%.3g,%.17g,%.3g,%.17g,",
                            cfg->sigma_w2[is], (long) L, M > 0 ? (double) L / M : NAN, cfg->r[ir],
                            mo.est, mo.err, md.est, md.err, d.est, d.err, q.est, q.err, nn.est);
                    if (have_exact && ntk_finite_mean_exact(ex, cfg, is, L, 1.0, prec) == NTK_SUCCESS)
                        csv_ball(fp, ex, ",");
                    else
                        fprintf(fp, ",,");
                    if (have_k2)
                    {
                        ntk_finite_k2_formula(k2, cfg->sigma_w2[is], L, M, cfg->n0, 1.0, prec);
                        csv_digits(fp, k2, ",");
                    }
                    else
                        fprintf(fp, ",");
                    if (have_inf && ntk_finite_ratio_infinite(inf, L, cfg->r[ir], prec) == NTK_SUCCESS)
                        csv_digits(fp, inf, ",");
                    else
                        fprintf(fp, ",");
                    if (have_exact)
                    {
                        csv_ball(fp, ek2 + is * cfg->ndepths + id, ",");
                        csv_ball(fp, dd + is * cfg->ndepths + id, "\n");
                    }
                    else
                        fprintf(fp, ",,,\n");
                }
    }
    else /* JSON */
    {
        fprintf(fp, "{\"params\": {\"act\": \"%s\", \"n0\": %ld, \"widths\": [", cfg->act->name, (long) cfg->n0);
        for (slong i = 0; i < cfg->nwidths; i++)
            fprintf(fp, "%s%ld", i ? ", " : "", (long) cfg->widths[i]);
        fprintf(fp, "], \"sigma_b2\": %.17g, \"param\": \"%s\", \"init\": \"%s\", \"samples\": %ld, "
                    "\"seed\": %lu, \"rng\": \"philox4x64-10 key (seed, sample)\"},\n \"rows\": [",
                cfg->sigma_b2, cfg->param == NTK_FINITE_PARAM_NTK ? "ntk" : "standard",
                cfg->init == NTK_FINITE_INIT_HE ? "he" : "default", (long) cfg->samples,
                (unsigned long) cfg->seed);
        int first = 1;
        for (slong is = 0; is < cfg->nsigma; is++)
            for (slong id = 0; id < cfg->ndepths; id++)
            {
                slong L = cfg->depths[id];
                fprintf(fp, "%s\n  {\"sigma_w2\": %.17g, \"depth\": %ld, \"lambda\": %.17g, ",
                        first ? "" : ",", cfg->sigma_w2[is], (long) L, M > 0 ? (double) L / M : 0.0);
                first = 0;
                fprintf(fp, "\"mean_diag\": ");
                ntk_finite_est m = ntk_finite_mean(res, is, id, 0, NTK_FINITE_S_DIAG);
                ntk_report_mc_json(fp, m);
                fprintf(fp, ", \"dispersion\": ");
                ntk_finite_est d = ntk_finite_dispersion(res, is, id, 0);
                ntk_report_mc_json(fp, d);
                if (have_exact && ntk_finite_mean_exact(ex, cfg, is, L, 1.0, prec) == NTK_SUCCESS)
                {
                    fprintf(fp, ", \"exact_mean_diag\": ");
                    ntk_ball_json_write(fp, ex);
                }
                if (have_k2)
                {
                    ntk_finite_k2_formula(k2, cfg->sigma_w2[is], L, M, cfg->n0, 1.0, prec);
                    fprintf(fp, ", \"k2\": ");
                    ntk_ball_json_write(fp, k2);
                }
                if (have_exact)
                {
                    fprintf(fp, ", \"exact_mean_sq_diag\": ");
                    ntk_ball_json_write(fp, ek2 + is * cfg->ndepths + id);
                    fprintf(fp, ", \"exact_dispersion_diag\": ");
                    ntk_ball_json_write(fp, dd + is * cfg->ndepths + id);
                }
                fprintf(fp, ", \"inputs\": [");
                for (slong ir = 0; ir < cfg->nr; ir++)
                {
                    ntk_finite_est mo = ntk_finite_mean(res, is, id, ir, NTK_FINITE_S_OFF);
                    ntk_finite_est q = ntk_finite_mean(res, is, id, ir, NTK_FINITE_S_RATIO);
                    ntk_finite_est dd = ntk_finite_dispersion(res, is, id, ir);
                    fprintf(fp, "%s{\"r\": %.17g, \"mean_off\": ", ir ? ", " : "", cfg->r[ir]);
                    ntk_report_mc_json(fp, mo);
                    fprintf(fp, ", \"dispersion_off\": ");
                    ntk_report_mc_json(fp, dd);
                    fprintf(fp, ", \"ratio\": ");
                    ntk_report_mc_json(fp, q);
                    if (have_inf && ntk_finite_ratio_infinite(inf, L, cfg->r[ir], prec) == NTK_SUCCESS)
                    {
                        fprintf(fp, ", \"ratio_infinite_width\": ");
                        ntk_ball_json_write(fp, inf);
                    }
                    fprintf(fp, "}");
                }
                fprintf(fp, "]}");
            }
        fprintf(fp, "\n ],\n \"slopes\": [");
        for (slong is = 0; is < cfg->nsigma && M > 0 && cfg->ndepths >= 2; is++)
        {
            ntk_finite_est s = ntk_finite_dispersion_slope(res, cfg, is, 1.0 / M, 1);
            fprintf(fp, "%s{\"sigma_w2\": %.17g, \"slope_log_dispersion_vs_lambda\": ", is ? ", " : "",
                    cfg->sigma_w2[is]);
            ntk_report_mc_json(fp, s);
            fprintf(fp, "}");
        }
        fprintf(fp, "],\n \"claims\": [");
        for (int i = 0; i < nclaims; i++)
        {
            ntk_finite_claim *c = &claims[i];
            fprintf(fp, "%s{\"id\": \"%s\", \"source\": \"%s\", \"statement\": \"%s\", \"predicted\": ",
                    i ? ", " : "", c->id, c->id[0] == 'H' ? "Hanin & Nica 2019" : "Seleznova & Kutyniok 2022",
                    c->statement);
            if (isnan(c->predicted))
                fprintf(fp, "null");
            else
                fprintf(fp, "\"%.17g\"", c->predicted);
            fprintf(fp, ", \"measured\": ");
            ntk_report_mc_json(fp, (ntk_finite_est) {c->estimate, c->error});
            fprintf(fp, ", \"z\": %.4g, \"zcrit\": %.4g, \"verdict\": \"%s\", \"detail\": \"%s\"}",
                    isnan(c->zmax) ? 0.0 : c->zmax, c->zcrit, ntk_verdict_str(verdicts[i]), c->detail);
        }
        fprintf(fp, "]}\n");
    }
    arb_clear(ex);
    arb_clear(k2);
    arb_clear(inf);
    if ((rc = ntk_cli_out_close(out, CMD)) != 0)
        goto cleanup;
    if (so.figure)
    {
        ntk_out_t fo;
        if ((rc = ntk_cli_out_open(fo, CMD, so.figure)) != 0)
            goto cleanup;
        ntk_report_finite_pgfplots(fo->fp, cfg, res, have_exact ? dd : NULL);
        if ((rc = ntk_cli_out_close(fo, CMD)) != 0)
            goto cleanup;
    }
    if (so.table)
    {
        ntk_out_t to;
        if ((rc = ntk_cli_out_open(to, CMD, so.table)) != 0)
            goto cleanup;
        ntk_report_finite_latex(to->fp, cfg, res, have_exact);
        if ((rc = ntk_cli_out_close(to, CMD)) != 0)
            goto cleanup;
    }
    if (refuted)
        rc = NTK_EXIT_CLAIM;
cleanup:
    if (sdec)
    {
        for (slong k = 0; k < cfg->nsigma; k++)
            free(sdec[k]);
        free(sdec);
    }
    if (ek)
    {
        _arb_vec_clear(ek, cfg->nsigma * cfg->ndepths);
        _arb_vec_clear(ek2, cfg->nsigma * cfg->ndepths);
        _arb_vec_clear(dd, cfg->nsigma * cfg->ndepths);
    }
    if (have_res)
        ntk_finite_result_clear(res);
    ntk_finite_config_clear(cfg);
    return rc;
#undef FAIL
}

int
ntk_cli_finite(int argc, char **argv)
{
    int rc, n;
    ntk_cli_install_signals();
    n = ntk_finite_mpi_init(NULL, NULL);
    /* only rank 0 talks: the other ranks would repeat its messages */
    if (n > 1 && ntk_finite_mpi_rank() != 0)
        if (freopen("/dev/null", "w", stderr) == NULL)
            return NTK_EXIT_IO;
    rc = run(argc, argv);
    ntk_finite_mpi_finalize();
    return rc;
}
