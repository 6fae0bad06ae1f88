/*
 * Flat ABI: the edge of chaos (ntk_maps_eoc) to a number of digits.  The
 * precision policy (start at digits + 24 bits, double, cap 16 times the
 * start and at least 1024 bits) and the JSON fields are those of
 * `ntkdepth eoc` (src/cli/cmd_eoc.c, maps_cli.h).
 */
#include "flat_impl.h"

#define FLAT_EOC_DIGITS_MAX 2000

/* certifies `digits` digits (exact and non-finite balls need none) */
static int
enough(const arb_t x, slong digits)
{
    if (!arb_is_finite(x) || arb_is_exact(x))
        return 1;
    return ntk_ball_digits(x) >= digits;
}

static void
write_json(FILE *fp, const ntk_act_t act, const arb_t sb2, const ntk_eoc_t e,
           slong digits, slong prec)
{
    fputs("{\"act\": ", fp);
    flat_json_str(fp, act->name);
    fputs(", \"sigma_b2\": ", fp);
    flat_json_ball(fp, sb2);
    fprintf(fp, ", \"found\": %s, \"digits\": %ld, \"prec_bits\": %ld",
            e->found ? "true" : "false", (long) digits, (long) prec);
    if (e->found)
    {
        fputs(", \"sigma_w\": ", fp);
        flat_json_ball(fp, e->sigma_w);
        fputs(", \"sigma_w2\": ", fp);
        flat_json_ball(fp, e->sigma_w2);
        fputs(", \"q_star\": ", fp);
        flat_json_ball(fp, e->q_star);
        fputs(", \"chi1\": ", fp);
        flat_json_ball(fp, e->chi1);
        fputs(", \"f2\": ", fp);
        flat_json_ball(fp, e->f2);
        fputs(", \"beta\": ", fp);
        flat_json_ball(fp, e->beta);
    }
    fputs(", \"why\": ", fp);
    flat_json_str(fp, e->why);
    fputs("}\n", fp);
}

ntk_status
ntk_flat_eoc(char **json, const char *act_s, const char *sigma_b, int b_is_std,
             slong digits)
{
    ntk_act_t act;
    ntk_eoc_t e;
    fmpq_t b2;
    arb_t s;
    flat_text t;
    slong prec = 0, cap;
    ntk_status st;

    *json = NULL;
    t.fp = NULL;
    t.buf = NULL;
    ntk_act_init(act);
    ntk_eoc_init(e);
    fmpq_init(b2);
    arb_init(s);
    if (act_s == NULL)
    {
        st = ntk_error_set(NTK_DOMAIN, "act: no activation given");
        goto cleanup;
    }
    if ((st = ntk_act_set_str(act, act_s)) != NTK_SUCCESS)
        goto cleanup;
    if (digits < 1 || digits > FLAT_EOC_DIGITS_MAX)
    {
        st = ntk_error_set(NTK_DOMAIN, "digits = %ld: must be between 1 and %d",
                           (long) digits, FLAT_EOC_DIGITS_MAX);
        goto cleanup;
    }
    if (sigma_b != NULL
        && (st = flat_parse_var(b2, sigma_b, b_is_std, 0,
                                b_is_std ? "sigma_b" : "sigma_b2")) != NTK_SUCCESS)
        goto cleanup;
    cap = 16 * (ntk_digits_to_bits(digits) + 24);
    if (cap < 1024)
        cap = 1024;
    for (prec = ntk_digits_to_bits(digits) + 24; ; prec *= 2)
    {
        arb_set_fmpq(s, b2, prec);
        st = ntk_maps_eoc(e, act, s, prec);
        if (st == NTK_SUCCESS && (!e->found
            || (enough(e->sigma_w, digits) && enough(e->sigma_w2, digits)
                && enough(e->q_star, digits) && enough(e->chi1, digits)
                && enough(e->f2, digits) && enough(e->beta, digits))))
            break;
        if (st != NTK_SUCCESS && st != NTK_UNABLE)
            goto cleanup;
        if (2 * prec > cap)
        {
            if (st == NTK_SUCCESS)
                st = ntk_error_set(NTK_UNABLE, "could not certify %ld digits within %ld bits",
                                   (long) digits, (long) cap);
            goto cleanup;
        }
    }
    if ((st = flat_text_open(&t)) != NTK_SUCCESS)
        goto cleanup;
    write_json(t.fp, act, s, e, digits, prec);
    st = flat_text_close(&t, json, st);

cleanup:
    if (t.fp != NULL)
        flat_text_close(&t, json, NTK_IO);
    ntk_act_clear(act);
    ntk_eoc_clear(e);
    fmpq_clear(b2);
    arb_clear(s);
    return st;
}
