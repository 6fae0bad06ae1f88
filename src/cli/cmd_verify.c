/* ntkdepth verify -- decide the papers' claims (and claims files). */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <sys/wait.h>
#include "cli.h"
#include "verify_pool.h"

static const char *help =
    "usage: ntkdepth verify [--claims FILE] [--only ID,...] [--quick]\n"
    "                       [--format text|json|latex] [--out DIR] [--budget S] [--jobs N]\n"
    "                       [--list] [--verbose] [--quiet]\n\n"
    "Decide each claim -- the built-in registry of the papers, or the claims of\n"
    "FILE (INI, one [id] section per claim; see README 'Claims files') -- as\n"
    "holds, refuted or inconclusive from the certified recursion.  Fits and\n"
    "extrapolations are estimates with an estimated error and are marked so.\n\n"
    "  --claims FILE  claims file instead of the built-in registry\n"
    "  --only IDS     only these claims (comma-separated ids)\n"
    "  --quick        CI depths (<= 1e4)\n"
    "  --format F     text (default), json or latex, on standard output\n"
    "  --out DIR      also write DIR/results.json, summary.tex, <paper>.tex,\n"
    "                 summary.md, results.txt and fig-<id>.tex: each claim's figure\n"
    "                 (standalone pgfplots; the claim's quantity as certified\n"
    "                 balls, the fitted form, the estimate and the prediction,\n"
    "                 labels from its quantity_tex / constant_tex; no figure for\n"
    "                 identities)\n"
    "  --budget S     seconds per claim before it is declared inconclusive\n"
    "                 (default 60, --quick 20; 0: no limit); a claim's own\n"
    "                 'budget' field overrides it\n"
    "  --jobs N       claims decided in parallel, each in its own process\n"
    "                 (default: the number of cores, at most 8)\n"
    "  --list         list the claims and exit\n"
    "  --verbose      text: every claim's evidence and measured values (all\n"
    "                 their certified digits; estimates with the digits their\n"
    "                 error allows)\n\n"
    "exit status: 0 every verdict equals the claim's expected verdict; 1 otherwise;\n"
    "2 bad input (claims file errors name file:line and field); 4 I/O error\n";

enum { OPT_CLAIMS = OPT_CMD_BASE, OPT_ONLY, OPT_QUICK, OPT_LIST, OPT_VERBOSE, OPT_BUDGET, OPT_JOBS };

typedef struct
{
    ntk_cli_progress *bar;
    const char *id;
} prog_data;

static int
progress_cb(void *data, slong done, slong total, slong prec)
{
    prog_data *p = data;
    ntk_cli_progress_update(p->bar, (double) done, (double) total);
    return 0;
}

static int
write_file(const char *dir, const char *name, int kind,
           const ntk_claim_result_struct *res, slong n, const char *cmdline,
           int quick, const char *paper, const char *caption)
{
    char path[4096];
    ntk_out_t out;
    ntk_status st;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    st = ntk_out_open(out, path);
    if (st != NTK_SUCCESS)
        return ntk_cli_fail("verify", st);
    switch (kind)
    {
        case 0: ntk_report_verify_json(out->fp, res, n, cmdline, quick); break;
        case 1: ntk_report_verify_latex(out->fp, res, n, paper, caption); break;
        case 2: ntk_report_verify_markdown(out->fp, res, n); break;
        case 3: ntk_report_verify_pgfplots(out->fp, res); break;
        case 4: ntk_report_verify_text(out->fp, res, n, 1); break;
    }
    st = ntk_out_commit(out);
    if (st != NTK_SUCCESS)
        return ntk_cli_fail("verify", st);
    return 0;
}


int
ntk_cli_verify(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"claims", required_argument, 0, OPT_CLAIMS},
        {"only", required_argument, 0, OPT_ONLY},
        {"quick", no_argument, 0, OPT_QUICK},
        {"format", required_argument, 0, OPT_FORMAT},
        {"out", required_argument, 0, OPT_OUT},
        {"list", no_argument, 0, OPT_LIST},
        {"verbose", no_argument, 0, OPT_VERBOSE},
        {"budget", required_argument, 0, OPT_BUDGET},
        {"jobs", required_argument, 0, OPT_JOBS},
        {"quiet", no_argument, 0, OPT_QUIET},
        {"help", no_argument, 0, OPT_HELP},
        {0, 0, 0, 0}};
    const char *claims_file = NULL, *only = NULL, *outdir = NULL;
    int quick = 0, list = 0, verbose = 0, quiet = 0, c, rc = NTK_EXIT_OK;
    double budget = -1;
    ntk_cli_format fmt = NTK_FMT_TEXT;
    ntk_claims_t cs;
    ntk_claim_result_struct *res = NULL;
    ntk_verify_opts_t vo;
    ntk_status st;
    char cmdline[2048];
    slong nres = 0, jobs = 0, ngroups = 0, *order = NULL, *gstart = NULL, *gorder = NULL, *gbudget = NULL;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1)
    {
        switch (c)
        {
            case OPT_CLAIMS: claims_file = optarg; break;
            case OPT_ONLY: only = optarg; break;
            case OPT_QUICK: quick = 1; break;
            case OPT_LIST: list = 1; break;
            case OPT_VERBOSE: verbose = 1; break;
            case OPT_BUDGET:
            {
                slong b;
                if (ntk_parse_slong(&b, optarg, "--budget", 0, 1000000) != NTK_SUCCESS)
                    return ntk_cli_fail("verify", NTK_DOMAIN);
                budget = (double) b;
                break;
            }
            case OPT_JOBS:
                if (ntk_parse_slong(&jobs, optarg, "--jobs", 1, 64) != NTK_SUCCESS)
                    return ntk_cli_fail("verify", NTK_DOMAIN);
                break;
            case OPT_QUIET: quiet = 1; break;
            case OPT_OUT: outdir = optarg; break;
            case OPT_FORMAT:
                if (ntk_cli_parse_format(&fmt, "verify", optarg,
                        (1u << NTK_FMT_TEXT) | (1u << NTK_FMT_JSON) | (1u << NTK_FMT_LATEX)))
                    return NTK_EXIT_USAGE;
                break;
            case OPT_HELP:
                fputs(help, stdout);
                return NTK_EXIT_OK;
            default:
                return ntk_cli_usage("verify", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if ((rc = ntk_cli_args_left("verify", argc, argv)) != 0)
        return rc;

    /* the command line, for results.json */
    {
        size_t k = 0;
        k += snprintf(cmdline + k, sizeof(cmdline) - k, "ntkdepth");
        for (int i = 0; i < argc && k < sizeof(cmdline) - 1; i++)
            k += snprintf(cmdline + k, sizeof(cmdline) - k, " %s", argv[i]);
    }

    ntk_claims_init(cs);
    st = claims_file ? ntk_claims_parse(cs, claims_file, NULL) : ntk_claims_builtin(cs);
    if (st == NTK_SUCCESS && claims_file)
        for (slong i = 0; i < cs->n; i++)
            if (cs->v[i].paper == NULL)
                cs->v[i].paper = strdup("user");
    if (st == NTK_SUCCESS && only)
        st = ntk_claims_select(cs, only);
    if (st != NTK_SUCCESS)
    {
        rc = ntk_cli_fail("verify", st);
        goto cleanup;
    }
    if (list)
    {
        for (slong i = 0; i < cs->n; i++)
            printf("%-16s %-11s %s\n", cs->v[i].id, ntk_law_str(cs->v[i].law), cs->v[i].statement);
        goto cleanup;
    }
    if (outdir && mkdir(outdir, 0777) != 0 && errno != EEXIST)
    {
        fprintf(stderr, "ntkdepth verify: cannot create %s: %s\n", outdir, strerror(errno));
        rc = NTK_EXIT_IO;
        goto cleanup;
    }

    ntk_verify_opts_init(vo);
    vo->quick = quick;
    vo->budget = budget >= 0 ? budget : (quick ? 20 : 60);
    res = flint_malloc(sizeof(ntk_claim_result_struct) * (cs->n > 0 ? cs->n : 1));
    for (slong i = 0; i < cs->n; i++)
        ntk_claim_result_init(res + i);
    nres = cs->n;
    if (jobs <= 0)
        jobs = verify_default_jobs();
    /* groups of claims of one problem: the recursion runs once per group */
    order = flint_malloc(sizeof(slong) * (size_t) (cs->n + 1));
    gstart = flint_malloc(sizeof(slong) * (size_t) (cs->n + 1));
    {
        char *used = flint_calloc((size_t) (cs->n + 1), 1);
        slong k = 0;
        for (slong i = 0; i < cs->n; i++)
        {
            if (used[i])
                continue;
            gstart[ngroups++] = k;
            order[k++] = i;
            used[i] = 1;
            for (slong j = i + 1; j < cs->n; j++)
                if (!used[j] && ntk_claim_same_problem(cs->v + i, cs->v + j))
                {
                    order[k++] = j;
                    used[j] = 1;
                }
        }
        gstart[ngroups] = k;
        flint_free(used);
    }
    /* groups with their own (larger) budget are the long ones: start them
       first, the largest budget first, so that they do not end the run
       alone (longest-processing-time order; stable otherwise) */
    gorder = flint_malloc(sizeof(slong) * (size_t) (ngroups + 1));
    gbudget = flint_malloc(sizeof(slong) * (size_t) (ngroups + 1));
    for (slong g = 0; g < ngroups; g++)
    {
        gorder[g] = g;
        gbudget[g] = 0;
        for (slong i = gstart[g]; i < gstart[g + 1]; i++)
            gbudget[g] = FLINT_MAX(gbudget[g], cs->v[order[i]].budget);
    }
    for (slong i = 1; i < ngroups; i++)     /* insertion sort: stable */
    {
        slong g = gorder[i], j = i;
        while (j > 0 && gbudget[gorder[j - 1]] < gbudget[g])
        {
            gorder[j] = gorder[j - 1];
            j--;
        }
        gorder[j] = g;
    }
    if (jobs > ngroups)
        jobs = ngroups > 0 ? ngroups : 1;
    /* parallel claims: one thread each (Monte Carlo claims otherwise use
       every core); their results do not depend on the thread count */
    vo->threads = jobs > 1 ? 1 : 0;
    {
        verify_job pool[64];
        slong next = 0, running = 0, finished = 0;
        ntk_cli_progress bar;
        prog_data pd;
        double dflt = vo->budget;
        memset(pool, 0, sizeof(pool));
        st = NTK_SUCCESS;
        while (st == NTK_SUCCESS && (next < ngroups || running > 0))
        {
            int to;
            slong k;
            /* start groups while slots are free */
            while (next < ngroups && running < jobs)
            {
                slong *g = order + gstart[gorder[next]];
                slong m = gstart[gorder[next] + 1] - gstart[gorder[next]];
                for (k = 0; pool[k].pid != 0; k++)
                    ;
                if (jobs == 1)
                {
                    /* one at a time: the child draws the progress bar */
                    ntk_cli_progress_start(&bar, cs->v[g[0]].id, quiet);
                    pd.bar = &bar;
                    pd.id = cs->v[g[0]].id;
                    vo->progress = progress_cb;
                    vo->progress_data = &pd;
                }
                else
                    vo->progress = NULL;
                vo->rows = NULL;
                if (verify_job_start(pool + k, g, m, cs->v, vo, dflt) != 0)
                {
                    /* no process: run them here, without a hard limit */
                    for (slong i = 0; i < m && st == NTK_SUCCESS; i++)
                    {
                        const ntk_claim_struct *cl = cs->v + g[i];
                        vo->budget = verify_claim_budget(cl, dflt);
                        st = ntk_claim_run(res + g[i], cl, vo);
                        finished++;
                        if (st == NTK_SUCCESS && !quiet)
                            fprintf(stderr, "%-16s %-12s %6.1fs\n", cl->id,
                                    ntk_verdict_str(res[g[i]].verdict), res[g[i]].seconds);
                    }
                    if (jobs == 1)
                        ntk_cli_progress_end(&bar);
                    next++;
                    break;
                }
                next++;
                running++;
            }
            if (st != NTK_SUCCESS || running == 0)
                continue;
            k = verify_jobs_wait(pool, jobs, &to);
            if (k < 0)
                continue;
            {
                slong *g = pool[k].idx, m = pool[k].m;
                st = verify_job_finish(pool + k, res, cs->v, to);
                running--;
                if (jobs == 1)
                    ntk_cli_progress_end(&bar);
                for (slong i = 0; i < m && st == NTK_SUCCESS; i++)
                {
                    finished++;
                    if (quiet)
                        continue;
                    if (jobs == 1)
                        fprintf(stderr, "%-16s %-12s %6.1fs\n", cs->v[g[i]].id,
                                ntk_verdict_str(res[g[i]].verdict), res[g[i]].seconds);
                    else
                        fprintf(stderr, "[%2ld/%ld] %-16s %-12s %6.1fs\n", (long) finished,
                                (long) cs->n, cs->v[g[i]].id, ntk_verdict_str(res[g[i]].verdict),
                                res[g[i]].seconds);
                }
            }
        }
        if (st != NTK_SUCCESS)
        {
            /* a claim could not be run (bad claims file value): stop the others */
            for (slong k = 0; k < jobs; k++)
                if (pool[k].pid != 0)
                {
                    kill(pool[k].pid, SIGKILL);
                    close(pool[k].fd);
                    waitpid(pool[k].pid, NULL, 0);
                    free(pool[k].buf);
                }
            rc = ntk_cli_fail("verify", st);
            goto cleanup;
        }
    }

    switch (fmt)
    {
        case NTK_FMT_JSON:
            ntk_report_verify_json(stdout, res, nres, cmdline, quick);
            break;
        case NTK_FMT_LATEX:
            ntk_report_verify_latex(stdout, res, nres, NULL, "Summary of the verified claims");
            break;
        default:
            ntk_report_verify_text(stdout, res, nres, verbose);
            break;
    }
    if (fflush(stdout) != 0)
    {
        rc = NTK_EXIT_IO;
        goto cleanup;
    }
    if (outdir)
    {
        int r = write_file(outdir, "results.json", 0, res, nres, cmdline, quick, NULL, NULL);
        if (!r) r = write_file(outdir, "summary.tex", 1, res, nres, NULL, 0, NULL,
                               "Summary of the verified claims");
        if (!r) r = write_file(outdir, "summary.md", 2, res, nres, NULL, 0, NULL, NULL);
        if (!r) r = write_file(outdir, "results.txt", 4, res, nres, NULL, 0, NULL, NULL);
        for (const ntk_paper_struct *p = ntk_papers; !r && p->paper != NULL; p++)
        {
            int any = 0;
            char name[64];
            for (slong i = 0; i < nres; i++)
                if (res[i].claim->paper && !strcmp(res[i].claim->paper, p->paper))
                    any = 1;
            if (!any)
                continue;
            snprintf(name, sizeof(name), "%s.tex", p->paper);
            r = write_file(outdir, name, 1, res, nres, NULL, 0, p->paper, p->caption);
        }
        for (slong i = 0; !r && i < nres; i++)
        {
            char name[128];
            if (!ntk_report_verify_has_figure(res + i))
                continue;
            snprintf(name, sizeof(name), "fig-%s.tex", res[i].claim->id);
            r = write_file(outdir, name, 3, res + i, 1, NULL, 0, NULL, NULL);
        }
        if (r)
        {
            rc = r;
            goto cleanup;
        }
    }
    for (slong i = 0; i < nres; i++)
        if (res[i].verdict != res[i].claim->expect)
            rc = NTK_EXIT_CLAIM;

cleanup:
    flint_free(order);
    flint_free(gstart);
    flint_free(gorder);
    flint_free(gbudget);
    for (slong i = 0; i < nres; i++)
        ntk_claim_result_clear(res + i);
    flint_free(res);
    ntk_claims_clear(cs);
    return rc;
}
