/* How the commands print single numbers: a ball as JSON or null, as
 * certified digits or a word, as two CSV fields (decimal mid and radius);
 * the JSON of a Monte Carlo estimate of a double-precision run.  The
 * ball strings themselves are ball.c's (ntk_ball_text, ntk_ball_json_strs). */
#include <math.h>
#include "ntkdepth/report.h"

void
ntk_report_ball_json(FILE *fp, const arb_t x)
{
    if (arb_is_finite(x))
        ntk_ball_json_write(fp, x);
    else
        fputs("null", fp);
}

void
ntk_report_ball_text(FILE *fp, const arb_t x, slong digits, const char *none)
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

void
ntk_report_ball_csv(FILE *fp, const arb_t x)
{
    char *m, *r;
    if (!arb_is_finite(x))
    {
        fputc(',', fp);
        return;
    }
    ntk_ball_json_strs(&m, &r, x);
    fprintf(fp, "%s,%s", m, r);
    flint_free(m);
    flint_free(r);
}

void
ntk_report_mc_json(FILE *fp, ntk_finite_est e)
{
    if (isnan(e.est))
        fputs("null", fp);
    else if (isnan(e.err))
        fprintf(fp, "{\"estimate\": \"%.17g\", \"error\": null, \"kind\": \"monte_carlo\"}", e.est);
    else
        fprintf(fp, "{\"estimate\": \"%.17g\", \"error\": \"%.3g\", \"kind\": \"monte_carlo\"}",
                e.est, e.err);
}
