/* Options shared by the sampling commands (finite, train; sample_cli.h). */
#include <stdlib.h>
#include <string.h>
#include "sample_cli.h"

void
ntk_cli_sample_opts_init(ntk_cli_sample_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->fmt = NTK_FMT_TEXT;
    opterr = 0;
    optind = 1;
}

int
ntk_cli_sample_next(ntk_cli_sample_opts *o, int *rc, const char *cmd, const char *help,
                    int argc, char **argv, const struct option *longopts)
{
    int opt;

    *rc = 0;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1)
    {
        switch (opt)
        {
            case OPT_WIDTH: o->width = optarg; break;
            case OPT_DEPTH: o->depth = optarg; break;
            case OPT_SIGMA_W2: o->sigma_w2 = optarg; break;
            case OPT_SIGMA_B2: o->sigma_b2 = optarg; break;
            case OPT_SEED: o->seed = optarg; break;
            case OPT_THREADS: o->threads = optarg; break;
            case OPT_FORMAT:
                if ((*rc = ntk_cli_parse_format(&o->fmt, cmd, optarg, 0xF)) != 0)
                    return -1;
                break;
            case OPT_OUT: o->out = optarg; break;
            case OPT_FIGURE: o->figure = optarg; break;
            case OPT_TABLE: o->table = optarg; break;
            case OPT_TIMING: o->timing = 1; break;
            case OPT_QUIET: o->quiet = 1; break;
            case OPT_HELP:
                fputs(help, stdout);
                o->help = 1;
                return -1;
            case '?':
            case ':':
                *rc = ntk_cli_unknown_option(cmd, argv);
                return -1;
            default:
                return opt;
        }
    }
    *rc = ntk_cli_args_left(cmd, argc, argv);
    return -1;
}

int
ntk_cli_sample_seed_threads(uint64_t *seed, int *threads, const char *cmd,
                            const ntk_cli_sample_opts *o)
{
    slong v;
    if (o->seed)
    {
        if (ntk_cli_parse_slong(&v, cmd, o->seed, "--seed", 0, WORD_MAX))
            return NTK_EXIT_USAGE;
        *seed = (uint64_t) v;
    }
    if (o->threads)
    {
        if (ntk_cli_parse_slong(&v, cmd, o->threads, "--threads", 1, 4096))
            return NTK_EXIT_USAGE;
        *threads = (int) v;
    }
    return 0;
}

int
ntk_cli_sample_sigma_w2(double **v, slong *n, const char *cmd, const char *arg)
{
    ntk_status st;
    if ((st = ntk_parse_double_list(v, n, arg, "--sigma-w2")) != NTK_SUCCESS)
        return ntk_cli_fail(cmd, st);
    for (slong i = 0; i < *n; i++)
        if (!((*v)[i] > 0))
        {
            free(*v);
            *v = NULL;
            return ntk_cli_usage(cmd, "--sigma-w2 '%s': every value must be > 0", arg);
        }
    return 0;
}

int
ntk_cli_sample_sigma_b2(double *x, const char *cmd, const char *arg)
{
    ntk_status st;
    if ((st = ntk_parse_double(x, arg, "--sigma-b2")) != NTK_SUCCESS)
        return ntk_cli_fail(cmd, st);
    if (*x < 0)
        return ntk_cli_usage(cmd, "--sigma-b2 '%s': must be >= 0", arg);
    return 0;
}

int
ntk_cli_out_open(ntk_out_t out, const char *cmd, const char *path)
{
    ntk_status st = ntk_out_open(out, path);
    return st == NTK_SUCCESS ? 0 : ntk_cli_fail(cmd, st);
}

int
ntk_cli_out_close(ntk_out_t out, const char *cmd)
{
    ntk_status st;
    if (ferror(out->fp))
    {
        ntk_out_abort(out);
        return ntk_cli_fail(cmd, ntk_error_set(NTK_IO, "write error"));
    }
    if ((st = ntk_out_commit(out)) != NTK_SUCCESS)
        return ntk_cli_fail(cmd, st);
    return 0;
}
