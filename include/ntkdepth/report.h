/*
 * ntkdepth/report.h -- how certified numbers leave the program:
 * decimal strings for balls (text and JSON, conventions.md section 4) and
 * output files that appear only when complete (temporary file + rename).
 */
#ifndef NTKDEPTH_REPORT_H
#define NTKDEPTH_REPORT_H

#include <stdio.h>
#include "ntkdepth/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Text form of a ball: only the digits the radius allows (at most
 * max_digits significant digits), Arb's convention: the printed value is
 * correct to within one unit of its last digit.  A ball too wide for even
 * one digit prints as "[+/- 1.2e-5]".  Returns a string to free with
 * flint_free().
 */
char *ntk_ball_text(const arb_t x, slong max_digits);

/**
 * JSON form (conventions.md 4): *mid a decimal string, *rad a decimal
 * upper bound with two significant digits, rounded up, such that the exact
 * value lies in [mid - rad, mid + rad] (the decimal rounding of the
 * midpoint is added to the radius).  Both strings to free with flint_free().
 */
void ntk_ball_json_strs(char **mid, char **rad, const arb_t x);

/** Write {"mid": "...", "rad": "..."} to fp. */
void ntk_ball_json_write(FILE *fp, const arb_t x);

/** Decimal upper bound of a mag with 2 significant digits (flint_free). */
char *ntk_mag_str_up(const mag_t m);

/**
 * An output stream that is either stdout or a file created atomically:
 * data go to "<path>.tmp.XXXXXX" in the same folder and are renamed to
 * path by ntk_out_commit; ntk_out_abort (or a crash) leaves no file named
 * path.  ntk_out_open with path NULL or "-" writes to stdout.
 */
typedef struct
{
    FILE *fp;
    char *path;       /* final path, NULL for stdout */
    char *tmp;        /* temporary path */
} ntk_out_struct;

typedef ntk_out_struct ntk_out_t[1];

ntk_status ntk_out_open(ntk_out_t out, const char *path);
ntk_status ntk_out_commit(ntk_out_t out);
void ntk_out_abort(ntk_out_t out);
/** Path of the temporary file currently open (NULL if none), so that a
 *  signal handler can unlink it. */
const char *ntk_out_pending_tmp(void);

#ifdef __cplusplus
}
#endif

#endif
