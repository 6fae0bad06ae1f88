/*
 * src/cli/cli.h -- shared pieces of the command-line tool.  The CLI is thin:
 * parse, call the library, print.  One file per subcommand (cmd_*.c).
 */
#ifndef NTK_CLI_H
#define NTK_CLI_H

#include <getopt.h>
#include <stdio.h>
#include "ntkdepth.h"

/* exit statuses (conventions.md section 5) */
#define NTK_EXIT_OK 0
#define NTK_EXIT_CLAIM 1
#define NTK_EXIT_USAGE 2
#define NTK_EXIT_PREC 3
#define NTK_EXIT_IO 4

typedef struct
{
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);   /* argv[0] is the subcommand name */
} ntk_cli_cmd;

int ntk_cli_maps(int argc, char **argv);
int ntk_cli_eoc(int argc, char **argv);
int ntk_cli_phase(int argc, char **argv);
int ntk_cli_iterate(int argc, char **argv);
int ntk_cli_verify(int argc, char **argv);
int ntk_cli_regress(int argc, char **argv);
int ntk_cli_finite(int argc, char **argv);
int ntk_cli_train(int argc, char **argv);

/* Print "ntkdepth <cmd>: <message>" (one line) and return the exit status
   for a library status: DOMAIN -> 2, UNABLE -> 3, IO/NOMEM -> 4. */
/* the flag of the quantity a library message starts with ("" if none),
   and the length of that quantity's name in msg (0 if none) */
const char *ntk_cli_flag_of(const char *msg);
size_t ntk_cli_flag_skip(const char *msg);

int ntk_cli_fail(const char *cmd, ntk_status st);
/* A library NTK_DOMAIN message about a quantity whose flag is flags[i]
   ("q1 = -1/2: must be > 0"): one usage line with the flag and the value
   as the user typed it, args[i] ("--q1 = -0.50: must be > 0 (see ...)");
   any other status or quantity as ntk_cli_fail. */
int ntk_cli_fail_args(const char *cmd, ntk_status st, slong n, const char *const *flags,
                      const char *const *args);
/* The errors of a getopt_long loop, one line each, returning 2: an
   unknown option or a missing value (getopt's '?' or ':'), and a
   non-option argument left after the options (0 if none is left). */
int ntk_cli_unknown_option(const char *cmd, char **argv);
int ntk_cli_args_left(const char *cmd, int argc, char **argv);
/* One-line usage error on stderr; returns 2. */
int ntk_cli_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

typedef enum { NTK_FMT_TEXT = 0, NTK_FMT_CSV, NTK_FMT_JSON, NTK_FMT_LATEX } ntk_cli_format;
/* Parse --format; `allowed` is a bitmask of (1 << NTK_FMT_*). 0 on success. */
int ntk_cli_parse_format(ntk_cli_format *f, const char *cmd, const char *arg,
                         unsigned allowed);
/* Parse the integer option `what` (ntk_parse_slong, in [lo, hi]); 0, else
   prints one line and returns 2. */
int ntk_cli_parse_slong(slong *x, const char *cmd, const char *arg, const char *what,
                        slong lo, slong hi);
/* Parse --method auto|closed|quad (NULL: auto); 0, else prints and returns 2. */
int ntk_cli_parse_method(ntk_method *m, const char *cmd, const char *arg);
/* Parse --digits (1 .. 100000); 0 on success, else prints and returns 2. */
int ntk_cli_parse_digits(slong *digits, const char *cmd, const char *arg);

/* Long option ids shared by subcommands */
enum
{
    OPT_ACT = 1000, OPT_SIGMA_W, OPT_SIGMA_W2, OPT_EOC, OPT_SIGMA_B,
    OPT_SIGMA_B2, OPT_Q1, OPT_C0, OPT_METHOD,
    OPT_DEPTH, OPT_AT, OPT_DIGITS, OPT_FORMAT, OPT_OUT, OPT_QUIET, OPT_HELP,
    OPT_PREC, OPT_PREC_CAP,
    OPT_WIDTH, OPT_SEED, OPT_THREADS, OPT_FIGURE, OPT_TABLE, OPT_TIMING,
    OPT_CMD_BASE = 1100   /* subcommand-specific options start here */
};

#define NTK_CLI_NET_LONGOPTS \
    {"act", required_argument, 0, OPT_ACT}, \
    {"sigma-w", required_argument, 0, OPT_SIGMA_W}, \
    {"sigma-w2", required_argument, 0, OPT_SIGMA_W2}, \
    {"eoc", no_argument, 0, OPT_EOC}, \
    {"sigma-b", required_argument, 0, OPT_SIGMA_B}, \
    {"sigma-b2", required_argument, 0, OPT_SIGMA_B2}, \
    {"method", required_argument, 0, OPT_METHOD}

/* Network options as given on the command line (strings, parsed later). */
typedef struct
{
    const char *act;
    const char *sigma_w, *sigma_w2;
    int eoc;
    const char *sigma_b, *sigma_b2;
    const char *method;   /* auto | closed | quad */
} ntk_cli_net_opts;

/* Help text block for the network options. */
extern const char *ntk_cli_net_help;

/* Store a network option; returns 1 if `opt` was one of them. */
int ntk_cli_net_option(ntk_cli_net_opts *o, int opt, const char *arg);

/*
 * Build the network: parse activation and variances (exact decimals),
 * or solve the edge of chaos for --eoc (then `eoc`, if not NULL, receives
 * the EOC record).  Returns 0, or prints one line and returns the exit
 * status (2 bad input, 3 not certifiable).
 */
int ntk_cli_net_resolve(ntk_net_t net, ntk_eoc_t eoc, const char *cmd,
                        const ntk_cli_net_opts *o, slong prec);

/* The values of ntk_cli_net_resolve at another precision, once it has set
   the activation and method of net: the variances (and the EOC solve for
   --eoc) as a status with its message, nothing printed. */
ntk_status ntk_cli_net_set(ntk_net_t net, ntk_eoc_t eoc, const ntk_cli_net_opts *o,
                           slong prec);

/* Options shared by the run commands (iterate, regress; runopts.c):
   the network options, --q1, --depth, --digits, --format (text, csv or
   json), --out, --quiet, --prec-cap.  Strings are parsed later. */
#define NTK_CLI_RUN_LONGOPTS \
    NTK_CLI_NET_LONGOPTS, \
    {"q1", required_argument, 0, OPT_Q1}, \
    {"depth", required_argument, 0, OPT_DEPTH}, \
    {"digits", required_argument, 0, OPT_DIGITS}, \
    {"format", required_argument, 0, OPT_FORMAT}, \
    {"out", required_argument, 0, OPT_OUT}, \
    {"quiet", no_argument, 0, OPT_QUIET}, \
    {"prec-cap", required_argument, 0, OPT_PREC_CAP}, \
    {"help", no_argument, 0, OPT_HELP}

typedef struct
{
    ntk_cli_net_opts net;
    const char *q1, *depth, *out;   /* NULL when not given */
    slong digits;                   /* default 20 */
    ntk_cli_format fmt;             /* default text */
    int quiet;
    int help;                       /* --help was given (and printed) */
    slong cap, cap_min, cap_max;    /* --prec-cap value and its range */
} ntk_cli_run_opts;

/* Defaults, with --prec-cap `cap` accepted in [cap_min, cap_max]; resets
   getopt (optind = 1, opterr = 0) for ntk_cli_run_next. */
void ntk_cli_run_opts_init(ntk_cli_run_opts *o, slong cap, slong cap_min,
                           slong cap_max);
/* getopt_long loop over argv with the shared options stored in `o`:
   returns the next option of the command's own, or -1 when the command
   must stop parsing, with *rc = 0 (the end of argv; or --help: `help`,
   a printf format taking ntk_cli_net_help and ntk_act_names(), printed
   and o->help set) or, after printing one line, *rc the exit status (bad
   --digits, --format, --prec-cap; an unknown option or missing value; a
   non-option argument; no --depth). */
int ntk_cli_run_next(ntk_cli_run_opts *o, int *rc, const char *cmd,
                     const char *help, int argc, char **argv,
                     const struct option *longopts);

/*
 * Parse a comma-separated depth list `s` of option `what` (each in
 * [1, max]) into a sorted list without duplicates (*depths flint_malloc'ed).
 * ranges: also accept LO..HI (at most 100000 long); beyond > 0: a depth
 * above it is an error "WHAT L: beyond --depth BEYOND".  Returns 0, or
 * prints one line and returns the exit status (2).
 */
int ntk_cli_parse_depth_list(slong **depths, slong *n, const char *cmd,
                             const char *what, const char *s, slong max,
                             slong beyond, int ranges);

/* Ctrl-C / SIGTERM: remove the pending temporary output file and exit 130. */
void ntk_cli_install_signals(void);

/* Progress on stderr when it is a terminal and not --quiet. */
typedef struct
{
    int enabled;
    double t0, last;
    const char *what;
} ntk_cli_progress;

void ntk_cli_progress_start(ntk_cli_progress *p, const char *what, int quiet);
/* done/total units; shows a bar with rate and ETA after the first second */
void ntk_cli_progress_update(ntk_cli_progress *p, double done, double total);
void ntk_cli_progress_end(ntk_cli_progress *p);

#endif
