/*
 * ntkdepth phase -- phase diagram on a sigma_w^2 x sigma_b^2 grid:
 * phase (ordered / chaotic / eoc / undecided / no_fixed_point), chi_1,
 * depth scales xi_c and xi_q, q* and c* (conventions.md section 2).
 */
#include "maps_cli.h"

static const char *help =
    "usage: ntkdepth phase --act NAME --sigma-w2 GRID [--sigma-b2 GRID] [options]\n"
    "\n"
    "For every grid point: the fixed point q* of the variance map, chi_1,\n"
    "the phase (ordered chi_1 < 1, chaotic chi_1 > 1 with the attracting\n"
    "correlation c* < 1, eoc when chi_1 = 1 is proved, undecided when the\n"
    "chi_1 ball still contains 1, no_fixed_point), xi_c = -1/log f'(c*) and\n"
    "xi_q = -1/log V'(q*).  All numbers certified (text: certified digits).\n"
    "\n"
    "GRID is a range A:B:N (N equally spaced exact values from A to B) or a\n"
    "comma-separated list of exact decimals.  --sigma-w GRID / --sigma-b GRID\n"
    "give standard deviations instead of variances.\n"
    "\n"
    "options:\n"
    "  --act NAME           activation (list below)\n"
    "  --sigma-w2 GRID | --sigma-w GRID    weight variance / std (> 0)\n"
    "  --sigma-b2 GRID | --sigma-b GRID    bias variance / std (>= 0; default 0)\n"
    "  --method auto|closed|quad           closed forms or quadrature\n"
    "  --digits D           certified digits wanted (default 10)\n"
    "  --format csv|json    output format (default csv)\n"
    "  --out FILE           write to FILE (atomically) instead of stdout\n"
    "  --quiet              no progress bar\n"
    "  --help               this help\n"
    "columns: sigma_w2, sigma_b2, phase, chi1, xi_c, xi_q, q_star, c_star\n"
    "(empty / null when not defined, e.g. no fixed point; inf for infinite).\n"
    "exit status: 0 done, 2 bad input, 3 some point could not be certified\n"
    "(its phase is 'unable'), 4 output error.\n"
    "\n"
    "activations: ";

/* parse a grid into exact rationals; std = 1 squares the values */
static ntk_status
parse_grid(fmpq **vals, slong *n, const char *s, const char *what, int std,
           int strict)
{
    ntk_status st = NTK_SUCCESS;
    char *buf = flint_malloc(strlen(s) + 1), *p, *tok, *save = NULL;
    const char *colon = strchr(s, ':');
    fmpq_t a, b, t;
    slong i, cap = 16;

    fmpq_init(a);
    fmpq_init(b);
    fmpq_init(t);
    strcpy(buf, s);
    *n = 0;
    *vals = NULL;
    if (colon != NULL)
    {
        char *c1 = strchr(buf, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        slong cnt;
        if (c2 == NULL || strchr(c2 + 1, ':') != NULL)
        {
            st = ntk_error_set(NTK_DOMAIN, "%s = '%s': a range is A:B:N", what, s);
            goto done;
        }
        *c1 = *c2 = '\0';
        if ((st = ntk_parse_fmpq(a, buf, what)) != NTK_SUCCESS
            || (st = ntk_parse_fmpq(b, c1 + 1, what)) != NTK_SUCCESS
            || (st = ntk_parse_slong(&cnt, c2 + 1, what, 1, 100000)) != NTK_SUCCESS)
            goto done;
        if (cnt == 1 && !fmpq_equal(a, b))
        {
            st = ntk_error_set(NTK_DOMAIN, "%s = '%s': N = 1 needs A = B", what, s);
            goto done;
        }
        *vals = flint_malloc(cnt * sizeof(fmpq));
        for (i = 0; i < cnt; i++)
        {
            fmpq_init(*vals + i);
            /* a + (b - a) i / (cnt - 1) */
            fmpq_sub(t, b, a);
            if (cnt > 1)
            {
                fmpz_t den;
                fmpz_init_set_si(den, cnt - 1);
                fmpq_mul_si(t, t, i);
                fmpq_div_fmpz(t, t, den);
                fmpz_clear(den);
            }
            else
                fmpq_zero(t);
            fmpq_add(*vals + i, a, t);
        }
        *n = cnt;
    }
    else
    {
        *vals = flint_malloc(cap * sizeof(fmpq));
        for (p = buf; (tok = strtok_r(p, ",", &save)) != NULL; p = NULL)
        {
            if (*n == cap)
            {
                cap *= 2;
                *vals = flint_realloc(*vals, cap * sizeof(fmpq));
            }
            fmpq_init(*vals + *n);
            (*n)++;
            if ((st = ntk_parse_fmpq(*vals + *n - 1, tok, what)) != NTK_SUCCESS)
                goto done;
        }
        if (*n == 0)
        {
            st = ntk_error_set(NTK_DOMAIN, "%s = '%s': empty grid", what, s);
            goto done;
        }
    }
    for (i = 0; i < *n; i++)
    {
        char *vs;
        if (fmpq_sgn(*vals + i) < 0 || (strict && fmpq_is_zero(*vals + i)))
        {
            vs = fmpq_get_str(NULL, 10, *vals + i);
            if (strcmp(s, vs) == 0 || strchr(s, ',') == NULL)
                st = ntk_error_set(NTK_DOMAIN, "%s = %s: must be %s", what, s, strict ? "> 0" : ">= 0");
            else
                st = ntk_error_set(NTK_DOMAIN, "%s = '%s': contains %s, must be %s", what, s, vs,
                                   strict ? "> 0" : ">= 0");
            flint_free(vs);
            goto done;
        }
        if (std)
            fmpq_mul(*vals + i, *vals + i, *vals + i);
    }
done:
    flint_free(buf);
    fmpq_clear(a);
    fmpq_clear(b);
    fmpq_clear(t);
    return st;
}

static void
free_grid(fmpq *v, slong n)
{
    for (slong i = 0; i < n; i++)
        fmpq_clear(v + i);
    flint_free(v);
}

/* a CSV field: certified digits, "inf" for +infinity, else empty */
static void
csv_ball(FILE *fp, const arb_t x, slong digits)
{
    fputc(',', fp);
    ntk_report_ball_text(fp, x, digits, arf_is_pos_inf(arb_midref(x))
                                        && mag_is_zero(arb_radref(x)) ? "inf" : "");
}

/* an exact grid value: terminating decimal if it is one, else 17 digits */
static void
write_exact(FILE *fp, const fmpq_t x)
{
    char *s = ntk_fmpq_get_str_dec(x, 17);
    fputs(s, fp);
    flint_free(s);
}

enum { OPT_P_SW = OPT_CMD_BASE, OPT_P_SW2, OPT_P_SB, OPT_P_SB2 };

int
ntk_cli_phase(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"act", required_argument, 0, OPT_ACT},
        {"sigma-w", required_argument, 0, OPT_P_SW},
        {"sigma-w2", required_argument, 0, OPT_P_SW2},
        {"sigma-b", required_argument, 0, OPT_P_SB},
        {"sigma-b2", required_argument, 0, OPT_P_SB2},
        {"method", required_argument, 0, OPT_METHOD},
        {"digits", required_argument, 0, OPT_DIGITS},
        {"format", required_argument, 0, OPT_FORMAT},
        {"out", required_argument, 0, OPT_OUT},
        {"quiet", no_argument, 0, OPT_QUIET},
        {"help", no_argument, 0, OPT_HELP},
        {0, 0, 0, 0}};
    const char *cmd = "phase", *act_s = NULL, *sw = NULL, *sb = NULL;
    const char *method = NULL;
    int sw_std = 0, sb_std = 0, quiet = 0, c, rc = 0, first = 1, any_unable = 0;
    slong nw = 0, nb = 0, i, j, digits;
    fmpq *wv = NULL, *bv = NULL;
    ntk_cli_maps_opts mo;
    ntk_net_t net;
    ntk_phase_t ph;
    ntk_out_t out;
    ntk_status st;
    ntk_cli_progress prog;

    ntk_cli_maps_opts_init(&mo, 10, NTK_FMT_CSV);
    while ((c = ntk_cli_maps_next(&mo, &rc, cmd, help, (1u << NTK_FMT_CSV) | (1u << NTK_FMT_JSON),
                                  argc, argv, longopts)) != -1)
    {
        switch (c)
        {
            case OPT_ACT: act_s = optarg; break;
            case OPT_P_SW: case OPT_P_SW2:
                if (sw) return ntk_cli_usage(cmd, "give one of --sigma-w, --sigma-w2");
                sw = optarg; sw_std = (c == OPT_P_SW); break;
            case OPT_P_SB: case OPT_P_SB2:
                if (sb) return ntk_cli_usage(cmd, "give one of --sigma-b, --sigma-b2");
                sb = optarg; sb_std = (c == OPT_P_SB); break;
            case OPT_METHOD: method = optarg; break;
            case OPT_QUIET: quiet = 1; break;
        }
    }
    if (rc != 0 || mo.help)
        return rc;
    digits = mo.digits;
    if (act_s == NULL)
        return ntk_cli_usage(cmd, "--act is required");
    if (sw == NULL)
        return ntk_cli_usage(cmd, "--sigma-w2 (or --sigma-w) is required");

    ntk_net_init(net);
    ntk_phase_init(ph);
    out->fp = NULL;
    if ((st = ntk_act_set_str(net->act, act_s)) != NTK_SUCCESS)
        goto fail;
    if ((rc = ntk_cli_parse_method(&net->method, cmd, method)) != 0)
        goto cleanup;
    if ((st = parse_grid(&wv, &nw, sw, sw_std ? "--sigma-w" : "--sigma-w2", sw_std, 1)) != NTK_SUCCESS)
        goto fail;
    if ((st = parse_grid(&bv, &nb, sb ? sb : "0", sb_std ? "--sigma-b" : "--sigma-b2", sb_std, 0)) != NTK_SUCCESS)
        goto fail;
    if ((st = ntk_out_open(out, mo.out)) != NTK_SUCCESS)
        goto fail;

    if (mo.fmt == NTK_FMT_CSV)
        fputs("sigma_w2,sigma_b2,phase,chi1,xi_c,xi_q,q_star,c_star\n", out->fp);
    else
    {
        fputs("{\"act\": ", out->fp);
        ntk_json_string(out->fp, net->act->name);
        fputs(", \"rows\": [", out->fp);
    }
    ntk_cli_progress_start(&prog, "phase", quiet);
    for (j = 0; j < nb; j++)
        for (i = 0; i < nw; i++)
        {
            const char *phs;
            st = ntk_maps_phase_digits(ph, net, NULL, wv + i, bv + j, digits);
            if (st != NTK_SUCCESS && st != NTK_UNABLE)
                goto fail_out;
            phs = (st == NTK_SUCCESS) ? ntk_phase_str(ph->phase) : "unable";
            if (st != NTK_SUCCESS)
                any_unable = 1;
            if (mo.fmt == NTK_FMT_CSV)
            {
                write_exact(out->fp, wv + i);
                fputc(',', out->fp);
                write_exact(out->fp, bv + j);
                fprintf(out->fp, ",%s", phs);
                csv_ball(out->fp, ph->chi1, digits);
                csv_ball(out->fp, ph->xi_c, digits);
                csv_ball(out->fp, ph->xi_q, digits);
                csv_ball(out->fp, ph->q_star, digits);
                csv_ball(out->fp, ph->c_star, digits);
                fputc('\n', out->fp);
            }
            else
            {
                fprintf(out->fp, "%s\n  {\"sigma_w2\": ", first ? "" : ",");
                ntk_report_ball_json(out->fp, net->sigma_w2);
                fputs(", \"sigma_b2\": ", out->fp);
                ntk_report_ball_json(out->fp, net->sigma_b2);
                fputs(", \"phase\": ", out->fp);
                ntk_json_string(out->fp, phs);
                fputs(", \"chi1\": ", out->fp);
                ntk_report_ball_json(out->fp, ph->chi1);
                fputs(", \"xi_c\": ", out->fp);
                ntk_report_ball_json(out->fp, ph->xi_c);
                fputs(", \"xi_q\": ", out->fp);
                ntk_report_ball_json(out->fp, ph->xi_q);
                fputs(", \"q_star\": ", out->fp);
                ntk_report_ball_json(out->fp, ph->q_star);
                fputs(", \"c_star\": ", out->fp);
                ntk_report_ball_json(out->fp, ph->c_star);
                if (st != NTK_SUCCESS)
                {
                    fputs(", \"note\": ", out->fp);
                    ntk_json_string(out->fp, ntk_error_last());
                }
                else if (ph->found != 1)
                {
                    fputs(", \"note\": ", out->fp);
                    ntk_json_string(out->fp, ph->why);
                }
                fputc('}', out->fp);
                first = 0;
            }
            ntk_cli_progress_update(&prog, (double) (j * nw + i + 1), (double) (nw * nb));
        }
    ntk_cli_progress_end(&prog);
    if (mo.fmt == NTK_FMT_JSON)
        fputs("\n]}\n", out->fp);
    if ((st = ntk_out_commit(out)) != NTK_SUCCESS)
        goto fail;
    rc = any_unable ? NTK_EXIT_PREC : NTK_EXIT_OK;
    if (any_unable)
        fprintf(stderr, "ntkdepth phase: some grid points could not be certified (phase 'unable')\n");
    goto cleanup;

fail_out:
    ntk_cli_progress_end(&prog);
    ntk_out_abort(out);
fail:
    rc = ntk_cli_fail(cmd, st);
cleanup:
    if (wv) free_grid(wv, nw);
    if (bv) free_grid(bv, nb);
    ntk_net_clear(net);
    ntk_phase_clear(ph);
    return rc;
}
