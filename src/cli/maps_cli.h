/*
 * src/cli/maps_cli.h -- small helpers shared by `maps`, `eoc`, `phase`
 * (static; included by those three files only).
 */
#ifndef NTK_MAPS_CLI_H
#define NTK_MAPS_CLI_H

#include <string.h>
#include "cli.h"

#define NTK_MAPS_DIGITS_MAX 2000

/* --digits for these commands: 1 .. NTK_MAPS_DIGITS_MAX */
static inline int
maps_parse_digits(slong *d, const char *cmd, const char *arg)
{
    if (ntk_parse_slong(d, arg, "--digits", 1, NTK_MAPS_DIGITS_MAX) != NTK_SUCCESS)
        return ntk_cli_fail(cmd, NTK_DOMAIN);
    return 0;
}

/* a ball, or null when it is not a finite enclosure */
static inline void
maps_json_ball(FILE *fp, const arb_t x)
{
    if (arb_is_finite(x))
        ntk_ball_json_write(fp, x);
    else
        fputs("null", fp);
}

/* certified digits (at most `digits`), or `none` when not finite */
static inline void
maps_text_ball(FILE *fp, const arb_t x, slong digits, const char *none)
{
    if (arb_is_finite(x))
    {
        char *s = ntk_ball_text(x, digits);
        fputs(s, fp);
        flint_free(s);
    }
    else
        fputs(none, fp);
}

/* 1 if x is finite and certifies at least `digits` significant digits
   (or is exactly zero / not finite, which need no digits) */
static inline int
maps_enough(const arb_t x, slong digits)
{
    if (!arb_is_finite(x) || arb_is_exact(x))
        return 1;
    return ntk_ball_digits(x) >= digits;
}

/* working precision for `digits` digits, and the Ziv cap */
static inline slong
maps_prec0(slong digits)
{
    return ntk_digits_to_bits(digits) + 24;
}

static inline slong
maps_prec_cap(slong digits)
{
    slong p = 16 * maps_prec0(digits);
    return p < 1024 ? 1024 : p;
}

#endif
