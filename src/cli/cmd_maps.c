/*
 * ntkdepth maps -- the NNGP map N, the derivative map D and the variance
 * map V (with V' and chi_1) at one covariance (conventions.md section 1).
 */
#include "maps_cli.h"

static const char *help =
    "usage: ntkdepth maps --act NAME (--sigma-w X | --sigma-w2 X | --eoc)\n"
    "                     [--sigma-b X | --sigma-b2 X]\n"
    "                     (--q1 Q [--q2 Q2] [--c0 C] | --s11 A --s12 B --s22 C)\n"
    "                     [options]\n"
    "\n"
    "Evaluates, in certified ball arithmetic, for (u, v) ~ N(0, S):\n"
    "  N(S)_ij = sigma_b^2 + sigma_w^2 E[phi(u_i) phi(u_j)]\n"
    "  D(S)_ij = sigma_w^2 E[phi'(u_i) phi'(u_j)]\n"
    "  V(q1), V'(q1), chi_1(q1) = sigma_w^2 E[phi'(sqrt(q1) Z)^2]\n"
    "The covariance is S = [[q1, c0 sqrt(q1 q2)], [., q2]] (q2 = q1 and\n"
    "c0 = 1 by default) or given entrywise by --s11 --s12 --s22.\n"
    "\n"
    "%s"
    "options:\n"
    "  --q1 Q, --q2 Q       variances (> 0, exact decimals)\n"
    "  --c0 C               correlation in [-1, 1]\n"
    "  --s11/--s12/--s22 X  covariance entries (positive semidefinite)\n"
    "  --digits D           certified significant digits wanted (default 20)\n"
    "  --format text|json   output format (default text)\n"
    "  --out FILE           write to FILE (atomically) instead of stdout\n"
    "  --help               this help\n"
    "exit status: 0 done, 2 bad input, 3 digits not certifiable, 4 output error.\n"
    "\n"
    "activations: ";

enum { OPT_Q2 = OPT_CMD_BASE, OPT_S11, OPT_S12, OPT_S22 };

#define NV 9
static const char *names[NV] = {"n11", "n12", "n22", "d11", "d12", "d22",
                                "V", "V_prime", "chi1"};

int
ntk_cli_maps(int argc, char **argv)
{
    static const struct option longopts[] = {
        NTK_CLI_NET_LONGOPTS,
        {"q1", required_argument, 0, OPT_Q1},
        {"q2", required_argument, 0, OPT_Q2},
        {"c0", required_argument, 0, OPT_C0},
        {"s11", required_argument, 0, OPT_S11},
        {"s12", required_argument, 0, OPT_S12},
        {"s22", required_argument, 0, OPT_S22},
        {"digits", required_argument, 0, OPT_DIGITS},
        {"format", required_argument, 0, OPT_FORMAT},
        {"out", required_argument, 0, OPT_OUT},
        {"help", no_argument, 0, OPT_HELP},
        {0, 0, 0, 0}};
    const char *cmd = "maps", *q1s = NULL, *q2s = NULL, *c0s = NULL, *out_path = NULL;
    const char *s11s = NULL, *s12s = NULL, *s22s = NULL;
    ntk_cli_net_opts o;
    slong digits = 20, prec, cap, i;
    ntk_cli_format fmt = NTK_FMT_TEXT;
    ntk_net_t net;
    arb_t s11, s12, s22, t, one;
    arb_ptr v;
    ntk_out_t out;
    ntk_status st = NTK_SUCCESS;
    int c, rc = 0, enough;

    memset(&o, 0, sizeof(o));
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1)
    {
        if (ntk_cli_net_option(&o, c, optarg))
            continue;
        switch (c)
        {
            case OPT_Q1: q1s = optarg; break;
            case OPT_Q2: q2s = optarg; break;
            case OPT_C0: c0s = optarg; break;
            case OPT_S11: s11s = optarg; break;
            case OPT_S12: s12s = optarg; break;
            case OPT_S22: s22s = optarg; break;
            case OPT_DIGITS:
                if ((rc = maps_parse_digits(&digits, cmd, optarg)) != 0)
                    return rc;
                break;
            case OPT_FORMAT:
                if ((rc = ntk_cli_parse_format(&fmt, cmd, optarg,
                         (1u << NTK_FMT_TEXT) | (1u << NTK_FMT_JSON))) != 0)
                    return rc;
                break;
            case OPT_OUT: out_path = optarg; break;
            case OPT_HELP:
                printf(help, ntk_cli_net_help);
                printf("%s\n", ntk_act_names());
                return NTK_EXIT_OK;
            default:
                return ntk_cli_usage(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return ntk_cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
    if ((s11s || s12s || s22s) && (q1s || q2s || c0s))
        return ntk_cli_usage(cmd, "give --q1/--q2/--c0 or --s11/--s12/--s22, not both");
    if ((s11s || s12s || s22s) && !(s11s && s12s && s22s))
        return ntk_cli_usage(cmd, "--s11, --s12 and --s22 go together");
    if (!s11s && !q1s)
        return ntk_cli_usage(cmd, "give --q1 (or --s11 --s12 --s22)");

    ntk_net_init(net);
    arb_init(s11);
    arb_init(s12);
    arb_init(s22);
    arb_init(t);
    arb_init(one);
    v = _arb_vec_init(NV);
    cap = maps_prec_cap(digits);
    for (prec = maps_prec0(digits); ; prec *= 2)
    {
        if ((rc = ntk_cli_net_resolve(net, NULL, cmd, &o, prec)) != 0)
            goto cleanup;
        if (s11s)
        {
            st = ntk_parse_arb(s11, s11s, "--s11", prec);
            if (st == NTK_SUCCESS) st = ntk_parse_arb(s12, s12s, "--s12", prec);
            if (st == NTK_SUCCESS) st = ntk_parse_arb(s22, s22s, "--s22", prec);
            if (st == NTK_SUCCESS && !arb_is_positive(s11))
                st = ntk_error_set(NTK_DOMAIN, "--s11 = %s: must be > 0", s11s);
            if (st == NTK_SUCCESS && !arb_is_positive(s22))
                st = ntk_error_set(NTK_DOMAIN, "--s22 = %s: must be > 0", s22s);
            if (st == NTK_SUCCESS)
            {
                arb_sqr(t, s12, prec);
                arb_mul(one, s11, s22, prec);
                if (arb_gt(t, one))
                    st = ntk_error_set(NTK_DOMAIN, "--s12 = %s: covariance not positive semidefinite "
                                       "(s12^2 > s11 s22 with s11 = %s, s22 = %s)", s12s, s11s, s22s);
            }
        }
        else
        {
            st = ntk_parse_arb(s11, q1s, "--q1", prec);
            if (st == NTK_SUCCESS && !arb_is_positive(s11))
                st = ntk_error_set(NTK_DOMAIN, "--q1 = %s: must be > 0", q1s);
            arb_set(s22, s11);
            if (st == NTK_SUCCESS && q2s)
            {
                st = ntk_parse_arb(s22, q2s, "--q2", prec);
                if (st == NTK_SUCCESS && !arb_is_positive(s22))
                    st = ntk_error_set(NTK_DOMAIN, "--q2 = %s: must be > 0", q2s);
            }
            arb_one(s12);
            if (st == NTK_SUCCESS && c0s)
            {
                st = ntk_parse_arb(s12, c0s, "--c0", prec);
                arb_one(one);
                arb_abs(t, s12);
                if (st == NTK_SUCCESS && !arb_le(t, one))
                    st = ntk_error_set(NTK_DOMAIN, "--c0 = %s: must be in [-1, 1]", c0s);
            }
            if (st == NTK_SUCCESS)
            {
                /* s12 = c0 sqrt(q1 q2); exactly q1 c0 when q2 = q1 */
                if (q2s)
                {
                    arb_mul(t, s11, s22, prec);
                    arb_sqrt(t, t, prec);
                    arb_mul(s12, s12, t, prec);
                }
                else
                    arb_mul(s12, s12, s11, prec);
            }
        }
        if (st != NTK_SUCCESS)
        {
            rc = ntk_cli_fail(cmd, st);
            goto cleanup;
        }
        st = ntk_maps_nngp(v + 0, v + 1, v + 2, net, s11, s12, s22, prec);
        if (st == NTK_SUCCESS)
        {
            st = ntk_maps_deriv(v + 3, v + 4, v + 5, net, s11, s12, s22, prec);
            if (st == NTK_DOMAIN && ntk_act_smoothness(net->act) < 1)
            {
                /* step: D has infinite diagonal; keep what is finite */
                for (i = 3; i < 6; i++)
                    arb_pos_inf(v + i);
                if (!arb_is_one(s12) || !arb_equal(s11, s22))
                    ntk_act_kernel_closed(v + 4, net->act, 1, s11, s12, s22, prec) == NTK_SUCCESS
                        ? (void) arb_mul(v + 4, v + 4, net->sigma_w2, prec) : (void) arb_pos_inf(v + 4);
                st = NTK_SUCCESS;
            }
        }
        if (st == NTK_SUCCESS)
            st = ntk_maps_var(v + 6, net, s11, prec);
        if (st == NTK_SUCCESS)
        {
            st = ntk_maps_var_deriv(v + 7, net, s11, prec);
            if (st == NTK_SUCCESS)
                st = ntk_maps_chi1(v + 8, net, s11, prec);
            if (st == NTK_DOMAIN && ntk_act_smoothness(net->act) < 1)
            {
                arb_pos_inf(v + 8);
                st = NTK_SUCCESS;
            }
        }
        if (st != NTK_SUCCESS && st != NTK_UNABLE)
        {
            rc = ntk_cli_fail(cmd, st);
            goto cleanup;
        }
        enough = (st == NTK_SUCCESS);
        for (i = 0; i < 9 && enough; i++)
            enough = maps_enough(v + i, digits);
        if (enough)
            break;
        if (2 * prec > cap)
        {
            if (st == NTK_SUCCESS)
                st = ntk_error_set(NTK_UNABLE, "could not certify %ld digits within %ld bits",
                                   (long) digits, (long) cap);
            rc = ntk_cli_fail(cmd, st);
            goto cleanup;
        }
    }
    if ((st = ntk_out_open(out, out_path)) != NTK_SUCCESS)
    {
        rc = ntk_cli_fail(cmd, st);
        goto cleanup;
    }
    if (fmt == NTK_FMT_JSON)
    {
        fputs("{\"act\": ", out->fp);
        ntk_json_string(out->fp, net->act->name);
        fputs(", \"sigma_w2\": ", out->fp);
        maps_json_ball(out->fp, net->sigma_w2);
        fputs(", \"sigma_b2\": ", out->fp);
        maps_json_ball(out->fp, net->sigma_b2);
        fputs(", \"s11\": ", out->fp);
        maps_json_ball(out->fp, s11);
        fputs(", \"s12\": ", out->fp);
        maps_json_ball(out->fp, s12);
        fputs(", \"s22\": ", out->fp);
        maps_json_ball(out->fp, s22);
        for (i = 0; i < 9; i++)
        {
            fprintf(out->fp, ", \"%s\": ", names[i]);
            maps_json_ball(out->fp, v + i);
        }
        fputs("}\n", out->fp);
    }
    else
    {
        fprintf(out->fp, "act       %s\n", net->act->name);
        for (i = 0; i < 9; i++)
        {
            fprintf(out->fp, "%-9s ", names[i]);
            maps_text_ball(out->fp, v + i, digits, "infinite");
            fputc('\n', out->fp);
        }
    }
    if ((st = ntk_out_commit(out)) != NTK_SUCCESS)
        rc = ntk_cli_fail(cmd, st);

cleanup:
    ntk_net_clear(net);
    arb_clear(s11);
    arb_clear(s12);
    arb_clear(s22);
    arb_clear(t);
    arb_clear(one);
    _arb_vec_clear(v, NV);
    return rc;
}
