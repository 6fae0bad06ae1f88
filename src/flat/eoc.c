/*
 * Flat ABI: the edge of chaos to a number of digits (ntk_maps_eoc_digits,
 * the precision policy of `ntkdepth eoc`); the JSON fields are those of
 * `ntkdepth eoc` (src/cli/cmd_eoc.c) plus digits and prec_bits.
 */
#include "flat_impl.h"

#define FLAT_EOC_DIGITS_MAX 2000

static void
write_json(FILE *fp, const ntk_act_t act, const arb_t sb2, const ntk_eoc_t e,
           slong digits, slong prec)
{
    fputs("{\"act\": ", fp);
    ntk_json_string(fp, act->name);
    fputs(", \"sigma_b2\": ", fp);
    ntk_report_ball_json(fp, sb2);
    fprintf(fp, ", \"found\": %s, \"digits\": %ld, \"prec_bits\": %ld",
            e->found ? "true" : "false", (long) digits, (long) prec);
    if (e->found)
        ntk_report_eoc_json_fields(fp, e);
    fputs(", \"why\": ", fp);
    ntk_json_string(fp, e->why);
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
    slong prec = 0;
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
    if ((st = ntk_maps_eoc_digits(e, &prec, act, b2, digits)) != NTK_SUCCESS)
        goto cleanup;
    arb_set_fmpq(s, b2, prec);
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
