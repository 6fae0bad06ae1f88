/* Shared CLI helpers: errors, formats, network options, signals, progress. */
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

/* The library names quantities, the command line names flags: a message
   that starts with a quantity ("q1 = 1.5: ...", "act 'x': ...") is printed
   with the flag of that quantity ("--q1 = 1.5: ..."). */
static const struct
{
    const char *quantity, *flag;
} quantity_flags[] = {
    {"act", "--act"}, {"q1", "--q1"}, {"c0", "--c0"}, {"eoc", "--eoc"},
    {"digits", "--digits"}, {"target", "--target"}, {"method", "--method"},
    {"n0", "--n0"}, {"samples", "--samples"}, {"depth method", "--depth-method"}, {"depth", "--depth"},
    {"widths", "--widths"}, {"width", "--width"}, {"sigma_w2", "--sigma-w2"},
    {"sigma_b2", "--sigma-b2"}, {"r", "--r"}, {"init", "--init"}, {"only", "--only"},
};

static int
quantity_at(const char *msg)
{
    for (size_t i = 0; i < sizeof(quantity_flags) / sizeof(quantity_flags[0]); i++)
    {
        size_t k = strlen(quantity_flags[i].quantity);
        if (!strncmp(msg, quantity_flags[i].quantity, k) && (msg[k] == ' ' || msg[k] == ':'))
            return (int) i;
    }
    return -1;
}

const char *
ntk_cli_flag_of(const char *msg)
{
    int i = quantity_at(msg);
    return i < 0 ? "" : quantity_flags[i].flag;
}

size_t
ntk_cli_flag_skip(const char *msg)
{
    int i = quantity_at(msg);
    return i < 0 ? 0 : strlen(quantity_flags[i].quantity);
}

int
ntk_cli_fail(const char *cmd, ntk_status st)
{
    const char *msg = ntk_error_last();
    if (msg == NULL || msg[0] == '\0')
        msg = ntk_status_str(st);
    fprintf(stderr, "ntkdepth %s: %s%s\n", cmd, ntk_cli_flag_of(msg), msg + ntk_cli_flag_skip(msg));
    switch (st)
    {
        case NTK_SUCCESS: return NTK_EXIT_OK;
        case NTK_DOMAIN: return NTK_EXIT_USAGE;
        case NTK_UNABLE: return NTK_EXIT_PREC;
        case NTK_INTERRUPTED: return 130;
        default: return NTK_EXIT_IO;
    }
}

int
ntk_cli_fail_args(const char *cmd, ntk_status st, slong n, const char *const *flags,
                  const char *const *args)
{
    const char *msg = ntk_error_last(), *flag = ntk_cli_flag_of(msg), *why = strstr(msg, ": ");
    if (st == NTK_DOMAIN && why != NULL)
        for (slong i = 0; i < n; i++)
            if (args[i] != NULL && strcmp(flag, flags[i]) == 0)
            {
                char reason[512];
                snprintf(reason, sizeof(reason), "%s", why);
                return ntk_cli_usage(cmd, "%s = %s%s", flags[i], args[i], reason);
            }
    return ntk_cli_fail(cmd, st);
}

int
ntk_cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "ntkdepth %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see ntkdepth %s --help)\n", cmd);
    return NTK_EXIT_USAGE;
}

int
ntk_cli_unknown_option(const char *cmd, char **argv)
{
    return ntk_cli_usage(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
}

int
ntk_cli_args_left(const char *cmd, int argc, char **argv)
{
    return optind < argc ? ntk_cli_usage(cmd, "unexpected argument '%s'", argv[optind]) : 0;
}

int
ntk_cli_parse_format(ntk_cli_format *f, const char *cmd, const char *arg,
                     unsigned allowed)
{
    static const char *names[] = {"text", "csv", "json", "latex"};
    for (int i = 0; i < 4; i++)
        if (strcmp(arg, names[i]) == 0 && (allowed & (1u << i)))
        {
            *f = (ntk_cli_format) i;
            return 0;
        }
    return ntk_cli_usage(cmd, "--format '%s': not one of the formats of this command", arg);
}

int
ntk_cli_parse_digits(slong *digits, const char *cmd, const char *arg)
{
    return ntk_cli_parse_slong(digits, cmd, arg, "--digits", 1, 100000);
}

int
ntk_cli_parse_method(ntk_method *m, const char *cmd, const char *arg)
{
    *m = NTK_METHOD_AUTO;
    if (arg == NULL || strcmp(arg, "auto") == 0) *m = NTK_METHOD_AUTO;
    else if (strcmp(arg, "closed") == 0) *m = NTK_METHOD_CLOSED;
    else if (strcmp(arg, "quad") == 0) *m = NTK_METHOD_QUAD;
    else return ntk_cli_usage(cmd, "--method '%s': use auto, closed or quad", arg);
    return 0;
}

int
ntk_cli_parse_slong(slong *x, const char *cmd, const char *arg, const char *what, slong lo,
                    slong hi)
{
    if (ntk_parse_slong(x, arg, what, lo, hi) != NTK_SUCCESS)
        return ntk_cli_fail(cmd, NTK_DOMAIN);
    return 0;
}

const char *ntk_cli_net_help =
    "network:\n"
    "  --act NAME         activation (see below)\n"
    "  --sigma-w X | --sigma-w2 X | --eoc\n"
    "                     weight std / variance (exact decimals), or the\n"
    "                     edge of chaos for the given sigma_b\n"
    "  --sigma-b X | --sigma-b2 X   bias std / variance (default 0)\n"
    "  --method auto|closed|quad    closed forms or certified quadrature\n";

int
ntk_cli_net_option(ntk_cli_net_opts *o, int opt, const char *arg)
{
    switch (opt)
    {
        case OPT_ACT: o->act = arg; return 1;
        case OPT_SIGMA_W: o->sigma_w = arg; return 1;
        case OPT_SIGMA_W2: o->sigma_w2 = arg; return 1;
        case OPT_EOC: o->eoc = 1; return 1;
        case OPT_SIGMA_B: o->sigma_b = arg; return 1;
        case OPT_SIGMA_B2: o->sigma_b2 = arg; return 1;
        case OPT_METHOD: o->method = arg; return 1;
    }
    return 0;
}

/* x^2 of an exact decimal standard deviation; NTK_DOMAIN if negative */
static ntk_status
parse_std(arb_t x2, const char *s, const char *what, int strict, slong prec)
{
    ntk_status st = ntk_parse_arb(x2, s, what, prec);
    if (st != NTK_SUCCESS)
        return st;
    if (arb_is_negative(x2) || (strict && !arb_is_positive(x2)))
        return ntk_error_set(NTK_DOMAIN, "%s = %s: must be %s", what, s,
                             strict ? "> 0" : ">= 0");
    arb_sqr(x2, x2, prec);
    return NTK_SUCCESS;
}

static ntk_status
parse_var(arb_t x2, const char *s, const char *what, int strict, slong prec)
{
    ntk_status st = ntk_parse_arb(x2, s, what, prec);
    if (st != NTK_SUCCESS)
        return st;
    if (arb_is_negative(x2) || (strict && !arb_is_positive(x2)))
        return ntk_error_set(NTK_DOMAIN, "%s = %s: must be %s", what, s,
                             strict ? "> 0" : ">= 0");
    return NTK_SUCCESS;
}

int
ntk_cli_net_resolve(ntk_net_t net, ntk_eoc_t eoc, const char *cmd,
                    const ntk_cli_net_opts *o, slong prec)
{
    ntk_status st;
    int rc, nw = (o->sigma_w != NULL) + (o->sigma_w2 != NULL) + (o->eoc != 0);

    if (o->act == NULL)
        return ntk_cli_usage(cmd, "--act is required");
    st = ntk_act_set_str(net->act, o->act);
    if (st != NTK_SUCCESS)
        return ntk_cli_fail(cmd, st);
    if (o->sigma_b && o->sigma_b2)
        return ntk_cli_usage(cmd, "give --sigma-b or --sigma-b2, not both");
    if (nw != 1)
        return ntk_cli_usage(cmd, "give exactly one of --sigma-w, --sigma-w2, --eoc");
    if ((rc = ntk_cli_parse_method(&net->method, cmd, o->method)) != 0)
        return rc;
    if ((st = ntk_cli_net_set(net, eoc, o, prec)) != NTK_SUCCESS)
        return ntk_cli_fail(cmd, st);
    return 0;
}

ntk_status
ntk_cli_net_set(ntk_net_t net, ntk_eoc_t eoc, const ntk_cli_net_opts *o, slong prec)
{
    ntk_status st = NTK_SUCCESS;

    arb_zero(net->sigma_b2);
    if (o->sigma_b)
        st = parse_std(net->sigma_b2, o->sigma_b, "--sigma-b", 0, prec);
    else if (o->sigma_b2)
        st = parse_var(net->sigma_b2, o->sigma_b2, "--sigma-b2", 0, prec);
    if (st != NTK_SUCCESS)
        return st;
    if (o->eoc)
    {
        /* at prec, or with more bits where prec cannot certify it (a small
           sigma_b: proofs/maps.md Lemma M12), up to 16 prec (>= 1024) */
        ntk_eoc_t tmp;
        slong p = prec, cap = FLINT_MAX(1024, 16 * prec);
        ntk_eoc_init(tmp);
        while ((st = ntk_maps_eoc(tmp, net->act, net->sigma_b2, p)) == NTK_UNABLE && 2 * p <= cap)
        {
            p *= 2;
            st = o->sigma_b ? parse_std(net->sigma_b2, o->sigma_b, "--sigma-b", 0, p)
                 : o->sigma_b2 ? parse_var(net->sigma_b2, o->sigma_b2, "--sigma-b2", 0, p)
                 : NTK_SUCCESS;
            if (st != NTK_SUCCESS)
                break;
        }
        if (st == NTK_SUCCESS && !tmp->found)
        {
            ntk_error_set(NTK_DOMAIN, "--eoc: %s has no edge-of-chaos point at %s = %s: %s",
                          net->act->name, o->sigma_b ? "sigma_b" : "sigma_b2",
                          o->sigma_b ? o->sigma_b : (o->sigma_b2 ? o->sigma_b2 : "0"),
                          tmp->why);
            st = NTK_DOMAIN;
        }
        if (st == NTK_SUCCESS)
        {
            arb_set(net->sigma_w2, tmp->sigma_w2);
            if (eoc != NULL)
            {
                eoc->found = tmp->found;
                arb_set(eoc->sigma_w2, tmp->sigma_w2);
                arb_set(eoc->sigma_w, tmp->sigma_w);
                arb_set(eoc->q_star, tmp->q_star);
                arb_set(eoc->chi1, tmp->chi1);
                arb_set(eoc->f2, tmp->f2);
                arb_set(eoc->beta, tmp->beta);
                strcpy(eoc->why, tmp->why);
            }
        }
        ntk_eoc_clear(tmp);
        return st;
    }
    if (o->sigma_w)
        return parse_std(net->sigma_w2, o->sigma_w, "--sigma-w", 1, prec);
    return parse_var(net->sigma_w2, o->sigma_w2, "--sigma-w2", 1, prec);
}

/* ---- signals: no partial output file on Ctrl-C ---- */
static void
on_signal(int sig)
{
    const char *tmp = ntk_out_pending_tmp();
    if (tmp != NULL)
        unlink(tmp);
    signal(sig, SIG_DFL);
    _exit(128 + sig);
}

void
ntk_cli_install_signals(void)
{
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
}

/* ---- progress ---- */
static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

void
ntk_cli_progress_start(ntk_cli_progress *p, const char *what, int quiet)
{
    p->enabled = !quiet && isatty(fileno(stderr));
    p->t0 = now();
    p->last = 0;
    p->what = what;
}

void
ntk_cli_progress_update(ntk_cli_progress *p, double done, double total)
{
    double t, el, rate, eta;
    int width = 30, fill;
    char bar[64];

    if (!p->enabled)
        return;
    t = now();
    el = t - p->t0;
    if (el < 1.0 || t - p->last < 0.2)
        return;
    p->last = t;
    rate = done / el;
    eta = rate > 0 ? (total - done) / rate : 0;
    fill = total > 0 ? (int) (width * done / total) : 0;
    if (fill > width) fill = width;
    for (int i = 0; i < width; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[width] = '\0';
    fprintf(stderr, "\r%s [%s] %.0f/%.0f  %.3g/s  ETA %.0fs   ", p->what, bar,
            done, total, rate, eta);
    fflush(stderr);
}

void
ntk_cli_progress_end(ntk_cli_progress *p)
{
    if (p->enabled && p->last > 0)
    {
        fprintf(stderr, "\r%*s\r", 78, "");
        fflush(stderr);
    }
}
