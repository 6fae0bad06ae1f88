/*
 * src/cli/sample_cli.h -- the options shared by the commands that sample
 * finite-width networks, `finite` and `train` (sample_opts.c): --width,
 * --depth, --sigma-w2, --sigma-b2, --seed, --threads, --format (text, csv,
 * json, latex), --out, --figure, --table, --timing, --quiet, --help; the
 * one-line errors of unknown options and arguments; the checks of their
 * values; and the output files, closed only when complete.
 */
#ifndef NTK_SAMPLE_CLI_H
#define NTK_SAMPLE_CLI_H

#include <stdint.h>
#include "cli.h"

#define NTK_CLI_SAMPLE_LONGOPTS \
    {"width", required_argument, 0, OPT_WIDTH}, \
    {"depth", required_argument, 0, OPT_DEPTH}, \
    {"sigma-w2", required_argument, 0, OPT_SIGMA_W2}, \
    {"sigma-b2", required_argument, 0, OPT_SIGMA_B2}, \
    {"seed", required_argument, 0, OPT_SEED}, \
    {"threads", required_argument, 0, OPT_THREADS}, \
    {"format", required_argument, 0, OPT_FORMAT}, \
    {"out", required_argument, 0, OPT_OUT}, \
    {"figure", required_argument, 0, OPT_FIGURE}, \
    {"table", required_argument, 0, OPT_TABLE}, \
    {"timing", no_argument, 0, OPT_TIMING}, \
    {"quiet", no_argument, 0, OPT_QUIET}, \
    {"help", no_argument, 0, OPT_HELP}

typedef struct
{
    /* as given (NULL: not given), checked later by the command */
    const char *width, *depth, *sigma_w2, *sigma_b2, *seed, *threads;
    const char *out, *figure, *table;    /* NULL: stdout / none */
    ntk_cli_format fmt;                  /* default text */
    int timing, quiet;
    int help;                            /* --help was given (and printed) */
} ntk_cli_sample_opts;

/* Defaults; resets getopt (optind = 1, opterr = 0). */
void ntk_cli_sample_opts_init(ntk_cli_sample_opts *o);

/*
 * getopt_long loop over argv storing the shared options in `o`: returns
 * the next option of the command's own, or -1 when parsing stops, with
 * *rc = 0 (the end of argv; or --help: the text `help` printed and o->help
 * set) or, after printing one line, *rc the exit status (bad --format, an
 * unknown option or a missing value, a non-option argument).
 */
int ntk_cli_sample_next(ntk_cli_sample_opts *o, int *rc, const char *cmd, const char *help,
                        int argc, char **argv, const struct option *longopts);

/* --seed (0 .. WORD_MAX) into *seed and --threads (1 .. 4096) into
   *threads, each only when given: 0, or one line printed and the exit
   status (2). */
int ntk_cli_sample_seed_threads(uint64_t *seed, int *threads, const char *cmd,
                                const ntk_cli_sample_opts *o);

/* --sigma-w2 LIST, every value > 0: *v (malloc'ed, to free) and *n; 0, or
   one line printed and the exit status (2). */
int ntk_cli_sample_sigma_w2(double **v, slong *n, const char *cmd, const char *arg);

/* --sigma-b2 X >= 0 into *x; 0, or one line printed and the exit status. */
int ntk_cli_sample_sigma_b2(double *x, const char *cmd, const char *arg);

/* ntk_out_open(out, path): 0, or one line printed and the exit status. */
int ntk_cli_out_open(ntk_out_t out, const char *cmd, const char *path);

/* Finish an output opened with ntk_out_open: a write error removes the
   temporary file (exit 4, "write error"), else it is renamed into place.
   0, or one line printed and the exit status. */
int ntk_cli_out_close(ntk_out_t out, const char *cmd);

#endif
