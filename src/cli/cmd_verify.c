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

static const char *help =
    "usage: ntkdepth verify [--claims FILE] [--only ID,...] [--quick]\n"
    "                       [--format text|json|latex] [--out DIR] [--list] [--verbose] [--quiet]\n\n"
    "Decide each claim -- the built-in registry of the papers, or the claims of\n"
    "FILE (INI, one [id] section per claim; see README 'Claims files') -- as\n"
    "holds, refuted or inconclusive from the certified recursion.  Fits and\n"
    "extrapolations are estimates with an estimated error and are marked so.\n\n"
    "  --claims FILE  claims file instead of the built-in registry\n"
    "  --only IDS     only these claims (comma-separated ids)\n"
    "  --quick        CI depths (<= 1e4)\n"
    "  --format F     text (default), json or latex, on standard output\n"
    "  --out DIR      also write DIR/results.json, summary.tex, <paper>.tex,\n"
    "                 fig-<id>.tex (pgfplots) and summary.md\n"
    "  --budget S     seconds of recursion per claim before it is declared\n"
    "                 inconclusive (default 60, --quick 20; 0: no limit)\n"
    "  --list         list the claims and exit\n"
    "  --verbose      text: every claim's evidence and measured values\n\n"
    "exit status: 0 every verdict equals the claim's expected verdict; 1 otherwise;\n"
    "2 bad input (claims file errors name file:line and field); 4 I/O error\n";

enum { OPT_CLAIMS = OPT_CMD_BASE, OPT_ONLY, OPT_QUICK, OPT_LIST, OPT_VERBOSE, OPT_BUDGET };

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


static double
wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

/*
 * Run one claim in a child process with a hard wall-clock limit (the
 * maps and the recursion cannot always be interrupted from inside): the
 * child serializes its result exactly (ntk_claim_result_dump) into a pipe;
 * a child over the limit is killed and the claim is inconclusive.
 * limit <= 0: run in this process.
 */
static ntk_status
run_limited(ntk_claim_result_t r, const ntk_claim_struct *cl,
            const ntk_verify_opts_t vo, double limit)
{
    int fd[2];
    pid_t pid;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    double t0 = wall();
    int timed_out = 0, wst = 0;
    ntk_status st = NTK_SUCCESS;

    if (limit <= 0 || pipe(fd) != 0)
        return ntk_claim_run(r, cl, vo);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0)
    {
        close(fd[0]);
        close(fd[1]);
        return ntk_claim_run(r, cl, vo);
    }
    if (pid == 0)
    {
        FILE *f;
        ntk_claim_result_t cr;
        close(fd[0]);
        f = fdopen(fd[1], "w");
        ntk_claim_result_init(cr);
        st = ntk_claim_run(cr, cl, vo);
        fprintf(f, "%d:", (int) st);
        ntk_claim_result_dump(f, cr);
        fclose(f);
        _exit(0);
    }
    close(fd[1]);
    for (;;)
    {
        struct pollfd p;
        double left = limit - (wall() - t0);
        ssize_t k;
        if (left <= 0)
        {
            timed_out = 1;
            break;
        }
        p.fd = fd[0];
        p.events = POLLIN;
        if (poll(&p, 1, (int) (left * 1000) + 1) <= 0)
            continue;
        if (len + 65536 > cap)
        {
            cap = 2 * cap + 65536;
            buf = realloc(buf, cap);
        }
        k = read(fd[0], buf + len, cap - len);
        if (k <= 0)
            break;
        len += (size_t) k;
    }
    close(fd[0]);
    if (timed_out)
        kill(pid, SIGKILL);
    waitpid(pid, &wst, 0);
    r->claim = cl;
    if (timed_out || len == 0)
    {
        r->verdict = NTK_VERDICT_INCONCLUSIVE;
        if (cl->constant && r->predicted == NULL)
            r->predicted = strdup(cl->constant);
        ntk_claim_result_note(r, timed_out
            ? "Not decided within the time limit of %.0f s per claim (--budget); "
              "the computation was stopped."
            : "The computation of this claim failed (child process status %.0f).",
            timed_out ? limit : (double) wst);
        r->seconds = wall() - t0;
    }
    else
    {
        FILE *m = fmemopen(buf, len, "r");
        int cst = 0;
        if (m == NULL || fscanf(m, "%d:", &cst) != 1)
            st = ntk_error_set(NTK_IO, "claim %s: no result from the child process", cl->id);
        else
        {
            st = ntk_claim_result_load(r, m);
            if (st == NTK_SUCCESS && cst != NTK_SUCCESS)
            {
                /* the child's error message came back with the result */
                st = (ntk_status) cst;
            }
        }
        if (m)
            fclose(m);
    }
    free(buf);
    return st;
}

static const struct { const char *paper, *caption; } papers[] = {
    {"hayou", "Hayou, Doucet, Rousseau: exact convergence rates of the NTK at large depth"},
    {"starnaud", "St-Arnaud, Carvalho, Farnadi: the role of depth in the NTK"},
    {"terjek", "Terjek, Gonzalez-Sanchez 2025: ReLU-like activations at the EOC"},
    {"background", "Background: edge-of-chaos points and depth scales"},
    {"user", "User claims"},
};

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
    slong nres = 0;

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
    if (optind < argc)
        return ntk_cli_usage("verify", "unexpected argument '%s'", argv[optind]);

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
    {
        ntk_cli_progress bar;
        prog_data pd;
        char what[64];
        snprintf(what, sizeof(what), "%s", cs->v[i].id);
        ntk_cli_progress_start(&bar, what, quiet);
        pd.bar = &bar;
        pd.id = cs->v[i].id;
        vo->progress = progress_cb;
        vo->progress_data = &pd;
        ntk_claim_result_init(res + i);
        nres++;
        st = run_limited(res + i, cs->v + i, vo, vo->budget > 0 ? vo->budget + 10 : 0);
        ntk_cli_progress_end(&bar);
        if (st != NTK_SUCCESS)
        {
            rc = ntk_cli_fail("verify", st);
            goto cleanup;
        }
        if (!quiet)
            fprintf(stderr, "%-16s %-12s %6.1fs\n", cs->v[i].id,
                    ntk_verdict_str(res[i].verdict), res[i].seconds);
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
        for (size_t p = 0; !r && p < sizeof(papers) / sizeof(papers[0]); p++)
        {
            int any = 0;
            char name[64];
            for (slong i = 0; i < nres; i++)
                if (res[i].claim->paper && !strcmp(res[i].claim->paper, papers[p].paper))
                    any = 1;
            if (!any)
                continue;
            snprintf(name, sizeof(name), "%s.tex", papers[p].paper);
            r = write_file(outdir, name, 1, res, nres, NULL, 0, papers[p].paper, papers[p].caption);
        }
        for (slong i = 0; !r && i < nres; i++)
        {
            char name[128];
            if (res[i].nseries < 2 || res[i].claim->law == NTK_LAW_IDENTITY)
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
    for (slong i = 0; i < nres; i++)
        ntk_claim_result_clear(res + i);
    flint_free(res);
    ntk_claims_clear(cs);
    return rc;
}
