/* Options shared by the commands that run the deep recursion (iterate,
   regress): network, --q1, --depth, precision and output, and depth lists. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

void
ntk_cli_run_opts_init(ntk_cli_run_opts *o, slong cap, slong cap_min, slong cap_max)
{
    memset(o, 0, sizeof(*o));
    o->digits = 20;
    o->fmt = NTK_FMT_TEXT;
    o->cap = cap;
    o->cap_min = cap_min;
    o->cap_max = cap_max;
    opterr = 0;
    optind = 1;
}

/* store a shared option: 1 if `opt` is one of them (*rc = 0 or the exit
   status after printing the message), else 0 */
static int
run_option(ntk_cli_run_opts *o, int *rc, const char *cmd, int opt,
                   const char *arg)
{
    *rc = 0;
    if (ntk_cli_net_option(&o->net, opt, arg))
        return 1;
    switch (opt)
    {
        case OPT_Q1: o->q1 = arg; return 1;
        case OPT_DEPTH: o->depth = arg; return 1;
        case OPT_DIGITS:
            *rc = ntk_cli_parse_digits(&o->digits, cmd, arg);
            return 1;
        case OPT_FORMAT:
            *rc = ntk_cli_parse_format(&o->fmt, cmd, arg,
                    (1u << NTK_FMT_TEXT) | (1u << NTK_FMT_CSV) | (1u << NTK_FMT_JSON));
            return 1;
        case OPT_OUT: o->out = arg; return 1;
        case OPT_QUIET: o->quiet = 1; return 1;
        case OPT_PREC_CAP:
            if (ntk_parse_slong(&o->cap, arg, "--prec-cap", o->cap_min, o->cap_max) != NTK_SUCCESS)
                *rc = ntk_cli_fail(cmd, NTK_DOMAIN);
            return 1;
    }
    return 0;
}

int
ntk_cli_run_next(ntk_cli_run_opts *o, int *rc, const char *cmd, const char *help,
                 int argc, char **argv, const struct option *longopts)
{
    int opt;

    *rc = 0;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1)
    {
        if (opt == OPT_HELP)
        {
            printf(help, ntk_cli_net_help, ntk_act_names());
            o->help = 1;
            return -1;
        }
        if (opt == '?')
        {
            *rc = ntk_cli_usage(cmd, "unknown option or missing value '%s'",
                                argv[optind - 1]);
            return -1;
        }
        if (!run_option(o, rc, cmd, opt, optarg))
            return opt;
        if (*rc != 0)
            return -1;
    }
    if ((*rc = ntk_cli_args_left(cmd, argc, argv)) == 0 && o->depth == NULL)
        *rc = ntk_cli_usage(cmd, "--depth is required");
    return -1;
}

static int
cmp_slong(const void *a, const void *b)
{
    slong x = *(const slong *) a, y = *(const slong *) b;
    return (x > y) - (x < y);
}

int
ntk_cli_parse_depth_list(slong **depths, slong *n, const char *cmd,
                         const char *what, const char *s, slong max,
                         slong beyond, int ranges)
{
    slong cap = 16, k = 0, i, j;
    slong *d = flint_malloc(cap * sizeof(slong));
    char *copy = flint_malloc(strlen(s) + 1), *tok, *save = NULL;
    int rc = 0;

    strcpy(copy, s);
    for (tok = strtok_r(copy, ",", &save); tok != NULL && rc == 0;
         tok = strtok_r(NULL, ",", &save))
    {
        char *dots = ranges ? strstr(tok, "..") : NULL;
        slong lo, hi;
        if (dots != NULL)
        {
            *dots = '\0';
            if (ntk_parse_slong(&lo, tok, what, 1, max) != NTK_SUCCESS
                || ntk_parse_slong(&hi, dots + 2, what, 1, max) != NTK_SUCCESS)
            {
                rc = ntk_cli_fail(cmd, NTK_DOMAIN);
                break;
            }
            if (hi < lo || hi - lo > 100000)
            {
                rc = ntk_cli_usage(cmd, "%s range %ld..%ld: empty or longer than 100000",
                                   what, (long) lo, (long) hi);
                break;
            }
        }
        else
        {
            if (ntk_parse_slong(&lo, tok, what, 1, max) != NTK_SUCCESS)
            {
                rc = ntk_cli_fail(cmd, NTK_DOMAIN);
                break;
            }
            if (beyond > 0 && lo > beyond)
            {
                rc = ntk_cli_usage(cmd, "%s %ld: beyond --depth %ld", what, (long) lo,
                                   (long) beyond);
                break;
            }
            hi = lo;
        }
        for (i = lo; i <= hi; i++)
        {
            if (k == cap)
            {
                cap *= 2;
                d = flint_realloc(d, cap * sizeof(slong));
            }
            d[k++] = i;
        }
    }
    flint_free(copy);
    if (rc == 0 && k == 0)
        rc = ntk_cli_usage(cmd, "%s '%s': no depths", what, s);
    if (rc != 0)
    {
        flint_free(d);
        return rc;
    }
    qsort(d, k, sizeof(slong), cmp_slong);
    for (i = 0, j = 0; i < k; i++)
        if (j == 0 || d[i] != d[j - 1])
            d[j++] = d[i];
    *depths = d;
    *n = j;
    return 0;
}
