/*
 * ntkdepth/common.h -- status codes, three-valued truth, error messages and
 * exact parsing of decimal numbers, shared by every module.
 *
 * Conventions of the whole library (Arb/FLINT style):
 *  - functions are named ntk_<module>_<verb>[_<type>];
 *  - outputs come first, `slong prec` (working precision in bits) last;
 *  - every object has an init/clear pair;
 *  - a certified result is an arb_t/acb_t ball that contains the exact value;
 *    its radius is the error report;
 *  - functions that can fail return an ntk_status; on failure the outputs
 *    hold no meaningful value, and ntk_error_last() holds one line (no
 *    trailing newline) naming the offending value;
 *  - the library never prints and never exits.
 */
#ifndef NTKDEPTH_COMMON_H
#define NTKDEPTH_COMMON_H

#include <stdarg.h>
#include "ntkdepth/arbcompat.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Result of a library call. */
typedef enum
{
    NTK_SUCCESS = 0,     /**< done; outputs are certified */
    NTK_DOMAIN = 1,      /**< bad input (value named in ntk_error_last()) */
    NTK_UNABLE = 2,      /**< could not certify at this precision: retry
                              with more bits (never a wrong digit) */
    NTK_NOMEM = 3,       /**< allocation failed */
    NTK_IO = 4,          /**< input/output error */
    NTK_INTERRUPTED = 5  /**< a cancel callback asked to stop */
} ntk_status;


/** Human-readable name of a status ("success", "domain error", ...). */
const char *ntk_status_str(ntk_status st);

/**
 * Last error message of the calling thread: one line, no newline, naming
 * the offending value, e.g. "sigma_w2 = -1: must be > 0".  Empty string if
 * none.  Valid until the next failing call in the same thread.
 */
const char *ntk_error_last(void);

/** Set the thread's error message (printf format). Returns `st`. */
ntk_status ntk_error_set(ntk_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/** Clear the thread's error message. */
void ntk_error_clear(void);

/**
 * Parse a decimal number exactly: "0.2" means 1/5.  Accepts an optional
 * sign, digits with at most one '.', and an optional exponent [eE][+-]d+
 * (|exponent| <= 100000).  No spaces, no "inf"/"nan", no hex.
 *
 * Math:      x is set to a ball containing the exact rational value
 *            (exact when it is a dyadic number representable at `prec`).
 * Status:    NTK_SUCCESS, or NTK_DOMAIN with a message naming `what` and
 *            the string.
 * Aliasing:  none.
 */
ntk_status ntk_parse_arb(arb_t x, const char *str, const char *what, slong prec);

/** Same, into an exact rational. */
ntk_status ntk_parse_fmpq(fmpq_t x, const char *str, const char *what);

/**
 * Parse a positive or zero integer, written either as digits or in
 * exponent notation that is an exact integer ("1e6", "2.5e3").
 * Fails with NTK_DOMAIN if not an exact integer in [lo, hi].
 */
ntk_status ntk_parse_slong(slong *n, const char *str, const char *what,
                           slong lo, slong hi);

/**
 * Parse a double (sampled runs, which compute in double precision): the
 * whole string as C's strtod reads it, finite, no leading space.
 * Status:  NTK_DOMAIN "WHAT '': a number is required" or
 *          "WHAT 'STR': not a number" (also on overflow or underflow).
 */
ntk_status ntk_parse_double(double *x, const char *str, const char *what);

/**
 * Parse a comma-separated list of doubles (ntk_parse_double each, no
 * spaces, no empty entry): *v (n >= 1 entries) is malloc'ed, free() it.
 * Status:  NTK_DOMAIN "WHAT 'STR': empty list entry" or an entry's
 *          message (*v NULL); NTK_NOMEM.
 */
ntk_status ntk_parse_double_list(double **v, slong *n, const char *str,
                                 const char *what);

/**
 * Parse a depth list: "N", "L1,L2,..." (doubles that are integers, in the
 * order given), "A:B" or "A:B:STEP" (A, A + STEP, ... <= B; ntk_parse_slong
 * each, in [1, max]); every depth in [1, max].  *d is malloc'ed (free()).
 * Status:  NTK_DOMAIN naming WHAT and the string ("bad range", "use A:B or
 *          A:B:STEP", "empty range", "depths are integers in [1, MAX]",
 *          or the number's message); NTK_NOMEM.
 */
ntk_status ntk_parse_depth_range(slong **d, slong *n, const char *str,
                                 const char *what, slong max);

/**
 * An exact rational as a decimal string (flint_free): exactly, when its
 * denominator has no prime factors but 2 and 5 ("1.5", "-0.04", "3");
 * otherwise rounded to `digits` significant digits (arb_get_str of an
 * enclosure at max(128, ntk_digits_to_bits(digits) + 64) bits).  For
 * values and messages that name what the user wrote (src/common/decimal.c).
 */
char *ntk_fmpq_get_str_dec(const fmpq * x, slong digits);   /* fmpq *: gcc 12 misreads fmpq_t parameters */

/** Decimal digits -> working bits: ceil(digits * log2(10)). */
slong ntk_digits_to_bits(slong digits);

/**
 * Number of correct significant decimal digits a ball certifies
 * (floor of its relative accuracy in decimal; 0 if it contains 0 with a
 * radius larger than its midpoint, LONG_MAX-ish for exact balls).
 */
slong ntk_ball_digits(const arb_t x);

/**
 * Decimal digits to print of an estimate `value` whose (estimated) error
 * is `error`: enough that the last one is about a tenth of the error,
 * floor(log10(|value| / |error|)) + 2, at least 2 and at most 10000,
 * computed in ball arithmetic (any exponent).  5 when the value is 0 or
 * not finite, 30 when the error is 0.
 */
slong ntk_estimate_digits(const arb_t value, const arb_t error);

/** Cancellation callback polled by long computations (NULL: never). */
typedef int (*ntk_cancel_fn)(void *data);

#ifdef __cplusplus
}
#endif

#endif
