/*
 * ntkdepth eoc -- the edge of chaos for an activation and sigma_b
 * (conventions.md sections 2 and 5): sigma_w, sigma_w^2, q*, chi_1 (a ball
 * containing 1), f''(1) and beta = 2/f''(1), or a certified statement that
 * no EOC point exists, with the reason.
 */
#include "maps_cli.h"

static const char *help =
    "usage: ntkdepth eoc --act NAME [--sigma-b X | --sigma-b2 X] [options]\n"
    "\n"
    "Edge of chaos: sigma_w such that chi_1 = 1 at the fixed point q* of the\n"
    "variance map, for the given sigma_b (conventions.md section 2).  Every\n"
    "number is certified (a ball containing the exact value).  When no EOC\n"
    "point exists the output says so with the reason (exit status 0).\n"
    "\n"
    "options:\n"
    "  --act NAME           activation (list below)\n"
    "  --sigma-b X | --sigma-b2 X   bias std / variance, exact decimal (default 0)\n"
    "  --digits D           certified significant digits wanted (default 30)\n"
    "  --format text|json   output format (default text)\n"
    "  --out FILE           write to FILE (atomically) instead of stdout\n"
    "  --help               this help\n"
    "\n"
    "JSON fields: act, sigma_b2, found, sigma_w, sigma_w2, q_star, chi1, f2\n"
    "(f''(1); null if infinite), beta (2/f''(1); null if not finite), why.\n"
    "q_star is null for relu-like activations at sigma_b = 0: there V(q) = q\n"
    "and every q is a fixed point (q* = q1).\n"
    "exit status: 0 done (also when no EOC point exists), 2 bad input,\n"
    "3 digits not certifiable within the precision cap, 4 output error.\n"
    "\n"
    "activations: ";

static void
write_json(FILE *fp, const ntk_act_t act, const arb_t sb2, const ntk_eoc_t e)
{
    fputs("{\"act\": ", fp);
    ntk_json_string(fp, act->name);
    fputs(", \"sigma_b2\": ", fp);
    ntk_report_ball_json(fp, sb2);
    fprintf(fp, ", \"found\": %s", e->found ? "true" : "false");
    if (e->found)
    {
        ntk_report_eoc_json_fields(fp, e);
        if (!arb_is_finite(e->f2))
            fputs(", \"f2_note\": \"f''(1) is infinite: phi'' has a Dirac mass (smoothness < 2)\"", fp);
        else if (!arb_is_finite(e->beta))
            fputs(", \"beta_note\": \"f''(1) = 0: beta is infinite\"", fp);
    }
    fputs(", \"why\": ", fp);
    ntk_json_string(fp, e->why);
    fputs("}\n", fp);
}

static void
write_text(FILE *fp, const ntk_act_t act, const arb_t sb2, const ntk_eoc_t e,
           slong digits)
{
    fprintf(fp, "act        %s\n", act->name);
    fputs("sigma_b2   ", fp);
    ntk_report_ball_text(fp, sb2, digits, "?");
    fputc('\n', fp);
    if (!e->found)
    {
        fprintf(fp, "no edge-of-chaos point: %s\n", e->why);
        return;
    }
    fputs("sigma_w    ", fp);
    ntk_report_ball_text(fp, e->sigma_w, digits, "?");
    fputs("\nsigma_w2   ", fp);
    ntk_report_ball_text(fp, e->sigma_w2, digits, "?");
    fputs("\nq_star     ", fp);
    ntk_report_ball_text(fp, e->q_star, digits, "every q (q* = q1)");
    fputs("\nchi1       ", fp);
    ntk_report_ball_text(fp, e->chi1, digits, "?");
    fputs("\nf2         ", fp);
    ntk_report_ball_text(fp, e->f2, digits, "infinite");
    fputs("\nbeta       ", fp);
    ntk_report_ball_text(fp, e->beta, digits, arb_is_zero(e->f2) ? "infinite" : "none");
    fprintf(fp, "\nnote       %s\n", e->why);
}

int
ntk_cli_eoc(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"act", required_argument, 0, OPT_ACT},
        {"sigma-b", required_argument, 0, OPT_SIGMA_B},
        {"sigma-b2", required_argument, 0, OPT_SIGMA_B2},
        {"digits", required_argument, 0, OPT_DIGITS},
        {"format", required_argument, 0, OPT_FORMAT},
        {"out", required_argument, 0, OPT_OUT},
        {"help", no_argument, 0, OPT_HELP},
        {0, 0, 0, 0}};
    const char *cmd = "eoc", *act_s = NULL, *sb = NULL, *sb2 = NULL;
    ntk_cli_maps_opts mo;
    slong prec;
    ntk_act_t act;
    ntk_eoc_t e;
    fmpq_t r;
    arb_t s;
    ntk_out_t out;
    ntk_status st;
    int c, rc = 0;

    ntk_cli_maps_opts_init(&mo, 30, NTK_FMT_TEXT);
    while ((c = ntk_cli_maps_next(&mo, &rc, cmd, help, (1u << NTK_FMT_TEXT) | (1u << NTK_FMT_JSON),
                                  argc, argv, longopts)) != -1)
    {
        switch (c)
        {
            case OPT_ACT: act_s = optarg; break;
            case OPT_SIGMA_B: sb = optarg; break;
            case OPT_SIGMA_B2: sb2 = optarg; break;
        }
    }
    if (rc != 0 || mo.help)
        return rc;
    if (act_s == NULL)
        return ntk_cli_usage(cmd, "--act is required");
    if (sb && sb2)
        return ntk_cli_usage(cmd, "give --sigma-b or --sigma-b2, not both");

    ntk_act_init(act);
    ntk_eoc_init(e);
    fmpq_init(r);
    arb_init(s);
    out->fp = NULL;
    if ((st = ntk_act_set_str(act, act_s)) != NTK_SUCCESS)
        goto fail;
    /* sigma_b2 as an exact rational: --sigma-b squared exactly */
    if (sb || sb2)
        st = ntk_parse_fmpq(r, sb ? sb : sb2, sb ? "--sigma-b" : "--sigma-b2");
    if (st == NTK_SUCCESS && fmpq_sgn(r) < 0)
        st = ntk_error_set(NTK_DOMAIN, "%s = %s: must be >= 0", sb ? "--sigma-b" : "--sigma-b2",
                           sb ? sb : sb2);
    if (st != NTK_SUCCESS)
        goto fail;
    if (sb)
        fmpq_mul(r, r, r);
    if ((st = ntk_maps_eoc_digits(e, &prec, act, r, mo.digits)) != NTK_SUCCESS)
        goto fail;
    arb_set_fmpq(s, r, prec);
    if ((st = ntk_out_open(out, mo.out)) != NTK_SUCCESS)
        goto fail;
    if (mo.fmt == NTK_FMT_JSON)
        write_json(out->fp, act, s, e);
    else
        write_text(out->fp, act, s, e, mo.digits);
    if ((st = ntk_out_commit(out)) != NTK_SUCCESS)
        goto fail;
    goto cleanup;

fail:
    rc = ntk_cli_fail(cmd, st);
cleanup:
    ntk_act_clear(act);
    ntk_eoc_clear(e);
    fmpq_clear(r);
    arb_clear(s);
    return rc;
}
