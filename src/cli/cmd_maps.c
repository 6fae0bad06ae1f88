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

/* the covariance and the nine values at one precision (ntk_maps_ziv) */
typedef struct
{
    const ntk_cli_net_opts *o;
    const char *q1s, *q2s, *c0s, *s11s, *s12s, *s22s;
    ntk_net_struct *net;
    slong net_prec;             /* precision net was resolved at */
    arb_struct s11[1], s12[1], s22[1], t[1], one[1];
    arb_ptr v;
} maps_eval;

static ntk_status
parse_cov(maps_eval *z, slong prec)
{
    ntk_status st;
    if (z->s11s)
    {
        st = ntk_parse_arb(z->s11, z->s11s, "--s11", prec);
        if (st == NTK_SUCCESS) st = ntk_parse_arb(z->s12, z->s12s, "--s12", prec);
        if (st == NTK_SUCCESS) st = ntk_parse_arb(z->s22, z->s22s, "--s22", prec);
        if (st == NTK_SUCCESS && !arb_is_positive(z->s11))
            st = ntk_error_set(NTK_DOMAIN, "--s11 = %s: must be > 0", z->s11s);
        if (st == NTK_SUCCESS && !arb_is_positive(z->s22))
            st = ntk_error_set(NTK_DOMAIN, "--s22 = %s: must be > 0", z->s22s);
        if (st == NTK_SUCCESS)
        {
            arb_sqr(z->t, z->s12, prec);
            arb_mul(z->one, z->s11, z->s22, prec);
            if (arb_gt(z->t, z->one))
                st = ntk_error_set(NTK_DOMAIN, "--s12 = %s: covariance not positive semidefinite "
                                   "(s12^2 > s11 s22 with s11 = %s, s22 = %s)",
                                   z->s12s, z->s11s, z->s22s);
        }
        return st;
    }
    st = ntk_parse_arb(z->s11, z->q1s, "--q1", prec);
    if (st == NTK_SUCCESS && !arb_is_positive(z->s11))
        st = ntk_error_set(NTK_DOMAIN, "--q1 = %s: must be > 0", z->q1s);
    arb_set(z->s22, z->s11);
    if (st == NTK_SUCCESS && z->q2s)
    {
        st = ntk_parse_arb(z->s22, z->q2s, "--q2", prec);
        if (st == NTK_SUCCESS && !arb_is_positive(z->s22))
            st = ntk_error_set(NTK_DOMAIN, "--q2 = %s: must be > 0", z->q2s);
    }
    arb_one(z->s12);
    if (st == NTK_SUCCESS && z->c0s)
    {
        st = ntk_parse_arb(z->s12, z->c0s, "--c0", prec);
        arb_one(z->one);
        arb_abs(z->t, z->s12);
        if (st == NTK_SUCCESS && !arb_le(z->t, z->one))
            st = ntk_error_set(NTK_DOMAIN, "--c0 = %s: must be in [-1, 1]", z->c0s);
    }
    if (st == NTK_SUCCESS)
    {
        /* s12 = c0 sqrt(q1 q2); exactly q1 c0 when q2 = q1 */
        if (z->q2s)
        {
            arb_mul(z->t, z->s11, z->s22, prec);
            arb_sqrt(z->t, z->t, prec);
            arb_mul(z->s12, z->s12, z->t, prec);
        }
        else
            arb_mul(z->s12, z->s12, z->s11, prec);
    }
    return st;
}

static ntk_status
maps_values(void *data, slong prec)
{
    maps_eval *z = data;
    ntk_net_struct *net = z->net;
    arb_ptr v = z->v;
    ntk_status st;
    slong i;

    if (prec != z->net_prec && (st = ntk_cli_net_set(net, NULL, z->o, prec)) != NTK_SUCCESS)
        return st;
    z->net_prec = prec;
    if ((st = parse_cov(z, prec)) != NTK_SUCCESS)
        return st;
    st = ntk_maps_nngp(v + 0, v + 1, v + 2, net, z->s11, z->s12, z->s22, prec);
    if (st == NTK_SUCCESS)
    {
        st = ntk_maps_deriv(v + 3, v + 4, v + 5, net, z->s11, z->s12, z->s22, prec);
        if (st == NTK_DOMAIN && ntk_act_smoothness(net->act) < 1)
        {
            /* step: D has infinite diagonal; keep what is finite */
            for (i = 3; i < 6; i++)
                arb_pos_inf(v + i);
            if (!arb_is_one(z->s12) || !arb_equal(z->s11, z->s22))
                ntk_act_kernel_closed(v + 4, net->act, 1, z->s11, z->s12, z->s22, prec) == NTK_SUCCESS
                    ? (void) arb_mul(v + 4, v + 4, net->sigma_w2, prec) : (void) arb_pos_inf(v + 4);
            st = NTK_SUCCESS;
        }
    }
    if (st == NTK_SUCCESS)
        st = ntk_maps_var(v + 6, net, z->s11, prec);
    if (st == NTK_SUCCESS)
    {
        st = ntk_maps_var_deriv(v + 7, net, z->s11, prec);
        if (st == NTK_SUCCESS)
            st = ntk_maps_chi1(v + 8, net, z->s11, prec);
        if (st == NTK_DOMAIN && ntk_act_smoothness(net->act) < 1)
        {
            arb_pos_inf(v + 8);
            st = NTK_SUCCESS;
        }
    }
    return st;
}

static int
maps_done(void *data, slong digits)
{
    const maps_eval *z = data;
    for (slong i = 0; i < NV; i++)
        if (!ntk_maps_ziv_enough(z->v + i, digits))
            return 0;
    return 1;
}

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
    const char *cmd = "maps";
    ntk_cli_net_opts o;
    ntk_cli_maps_opts mo;
    maps_eval z;
    slong i, prec0;
    ntk_net_t net;
    ntk_out_t out;
    ntk_status st;
    int c, rc = 0;

    memset(&o, 0, sizeof(o));
    memset(&z, 0, sizeof(z));
    ntk_cli_maps_opts_init(&mo, 20, NTK_FMT_TEXT);
    while ((c = ntk_cli_maps_next(&mo, &rc, cmd, help, (1u << NTK_FMT_TEXT) | (1u << NTK_FMT_JSON),
                                  argc, argv, longopts)) != -1)
    {
        if (ntk_cli_net_option(&o, c, optarg))
            continue;
        switch (c)
        {
            case OPT_Q1: z.q1s = optarg; break;
            case OPT_Q2: z.q2s = optarg; break;
            case OPT_C0: z.c0s = optarg; break;
            case OPT_S11: z.s11s = optarg; break;
            case OPT_S12: z.s12s = optarg; break;
            case OPT_S22: z.s22s = optarg; break;
        }
    }
    if (rc != 0 || mo.help)
        return rc;
    if ((z.s11s || z.s12s || z.s22s) && (z.q1s || z.q2s || z.c0s))
        return ntk_cli_usage(cmd, "give --q1/--q2/--c0 or --s11/--s12/--s22, not both");
    if ((z.s11s || z.s12s || z.s22s) && !(z.s11s && z.s12s && z.s22s))
        return ntk_cli_usage(cmd, "--s11, --s12 and --s22 go together");
    if (!z.s11s && !z.q1s)
        return ntk_cli_usage(cmd, "give --q1 (or --s11 --s12 --s22)");

    ntk_net_init(net);
    arb_init(z.s11);
    arb_init(z.s12);
    arb_init(z.s22);
    arb_init(z.t);
    arb_init(z.one);
    z.v = _arb_vec_init(NV);
    z.o = &o;
    z.net = net;
    out->fp = NULL;
    /* the network's usage errors (one line each) at the start precision */
    prec0 = ntk_maps_ziv_prec0(mo.digits);
    if ((rc = ntk_cli_net_resolve(net, NULL, cmd, &o, prec0)) != 0)
        goto cleanup;
    z.net_prec = prec0;
    st = ntk_maps_ziv(NULL, maps_values, maps_done, &z, mo.digits, 0, 0);
    if (st == NTK_SUCCESS)
        st = ntk_out_open(out, mo.out);
    if (st != NTK_SUCCESS)
    {
        rc = ntk_cli_fail(cmd, st);
        goto cleanup;
    }
    if (mo.fmt == NTK_FMT_JSON)
    {
        fputs("{\"act\": ", out->fp);
        ntk_json_string(out->fp, net->act->name);
        fputs(", \"sigma_w2\": ", out->fp);
        ntk_report_ball_json(out->fp, net->sigma_w2);
        fputs(", \"sigma_b2\": ", out->fp);
        ntk_report_ball_json(out->fp, net->sigma_b2);
        fputs(", \"s11\": ", out->fp);
        ntk_report_ball_json(out->fp, z.s11);
        fputs(", \"s12\": ", out->fp);
        ntk_report_ball_json(out->fp, z.s12);
        fputs(", \"s22\": ", out->fp);
        ntk_report_ball_json(out->fp, z.s22);
        for (i = 0; i < NV; i++)
        {
            fprintf(out->fp, ", \"%s\": ", names[i]);
            ntk_report_ball_json(out->fp, z.v + i);
        }
        fputs("}\n", out->fp);
    }
    else
    {
        fprintf(out->fp, "act       %s\n", net->act->name);
        for (i = 0; i < NV; i++)
        {
            fprintf(out->fp, "%-9s ", names[i]);
            ntk_report_ball_text(out->fp, z.v + i, mo.digits, "infinite");
            fputc('\n', out->fp);
        }
    }
    if ((st = ntk_out_commit(out)) != NTK_SUCCESS)
        rc = ntk_cli_fail(cmd, st);

cleanup:
    ntk_net_clear(net);
    arb_clear(z.s11);
    arb_clear(z.s12);
    arb_clear(z.s22);
    arb_clear(z.t);
    arb_clear(z.one);
    _arb_vec_clear(z.v, NV);
    return rc;
}
