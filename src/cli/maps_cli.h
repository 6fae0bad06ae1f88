/*
 * src/cli/maps_cli.h -- the options shared by `maps`, `eoc` and `phase`
 * (maps_opts.c): --digits (1 .. NTK_MAPS_DIGITS_MAX), --format, --out,
 * --help, and the one-line errors of unknown options and arguments.
 */
#ifndef NTK_MAPS_CLI_H
#define NTK_MAPS_CLI_H

#include <string.h>
#include "cli.h"

#define NTK_MAPS_DIGITS_MAX 2000

typedef struct
{
    slong digits;           /* --digits (the command's default) */
    ntk_cli_format fmt;     /* --format (the command's default) */
    const char *out;        /* --out, NULL: stdout */
    int help;               /* --help was given (and printed) */
} ntk_cli_maps_opts;

/* Defaults; resets getopt (optind = 1, opterr = 0). */
void ntk_cli_maps_opts_init(ntk_cli_maps_opts *o, slong digits, ntk_cli_format fmt);

/*
 * getopt_long loop over argv storing --digits, --format (one of the
 * bitmask `formats` of (1 << NTK_FMT_*)), --out and --help in `o`: returns
 * the next option of the command's own, or -1 when parsing stops, with
 * *rc = 0 (the end of argv; or --help: `help`, a printf format taking
 * ntk_cli_net_help, printed with the activation names and o->help set) or,
 * after printing one line, *rc the exit status (bad --digits or --format,
 * an unknown option or a missing value, a non-option argument).
 */
int ntk_cli_maps_next(ntk_cli_maps_opts *o, int *rc, const char *cmd, const char *help,
                      unsigned formats, int argc, char **argv,
                      const struct option *longopts);

#endif
