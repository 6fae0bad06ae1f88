/*
 * ntkdepth iterate -- the NNGP/NTK recursion to large depth, certified
 * (conventions.md section 5).  Thin: parse, call ntk_iter_run, print.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

#define CMD "iterate"
#define DEPTH_MAX ((slong) 1 << 50)
/* jump depths: up to 10^DEPTH_MAX_DEC (the Fatou jump costs O(1) per row) */
#define DEPTH_MAX_DEC 1000

enum { OPT_IT_NOPROGRESS = OPT_CMD_BASE, OPT_IT_DEPTH_METHOD, OPT_IT_JUMP_FROM };

static const char *help_text =
    "usage: ntkdepth iterate --act NAME (--sigma-w X | --sigma-w2 X | --eoc)\n"
    "           [--sigma-b X | --sigma-b2 X] (--q1 X | --q1 star) [--c0 X]\n"
    "           --depth N [--at L1,L2,... | --at log] [--digits D]\n"
    "           [--depth-method auto|direct|jump] [--jump-from L0]\n"
    "           [--format text|csv|json] [--out FILE] [--quiet] [--prec-cap BITS]\n\n"
    "Iterate the infinite-width NNGP and NTK recursions (conventions.md 1) for\n"
    "two inputs of first-layer variance q1 and correlation c0, and print\n"
    "certified balls of eps = 1 - c, c, Sigma_11, Sigma_12, Theta_11, Theta_12\n"
    "at the checkpoint depths (depth 1 = first layer).\n\n"
    "%s"
    "inputs:\n"
    "  --q1 X | star      first-layer variance (exact decimal > 0), or q*\n"
    "  --c0 X             first-layer correlation in [-1, 1] (default 0)\n"
    "  --depth N          last depth (an integer; accepts 1e6, up to 1e1000 with the jump)\n"
    "  --at L1,L2,...|log checkpoints (log: 1, 2, 5, 10, 20, 50, ...; default N)\n"
    "depth:\n"
    "  --depth-method M   direct: iterate every layer (depth <= 2^50);\n"
    "                     jump: iterate to L0, then the certified Fatou (Abel)\n"
    "                     jump (ReLU-like at the EOC with sigma_b = 0, or smooth\n"
    "                     activations and elu at the EOC with --q1 star;\n"
    "                     proofs/fatou.md);\n"
    "                     auto (default): jump past L0 where it applies\n"
    "  --jump-from L0     jump start (default 1e4; 1e5 above 300 digits)\n"
    "                     with the ReLU-like jump the output also has the\n"
    "                     certified constants C, C' of (eps_L/2)^(-1/2) =\n"
    "                     A L + (3A/2) ln L + C + o(1) and Theta12/q1 = L/4 +\n"
    "                     (3/8) ln L + C' + o(1) (JSON params w_constant,\n"
    "                     ntk_constant; proofs/fatou.md J12); with the smooth\n"
    "                     jump those of 1/eps_L = L/beta + (lambda/beta) ln L\n"
    "                     + Cv + o(1) and Theta12/q* = L/3 + (lambda/3) ln L\n"
    "                     + C' + o(1) (ELU: with sqrt(L) terms; JSON params\n"
    "                     v_constant, ntk_constant; proofs/fatou.md J17)\n"
    "precision:\n"
    "  --digits D         certified significant digits wanted (default 20)\n"
    "  --prec-cap BITS    give up past this working precision (default 4096)\n"
    "output:\n"
    "  --format F         text (certified digits only), csv or json (mid/rad)\n"
    "  --out FILE         write atomically to FILE (no partial file on error)\n"
    "  --quiet            no progress bar on stderr\n\n"
    "exit status: 0 success, 2 bad input, 3 digits not certifiable within the\n"
    "precision cap (says at which depth accuracy ran out), 4 I/O error\n\n"
    "activations: %s\n";

typedef struct
{
    ntk_cli_progress bar;
    slong last_prec;
} progress_state;

static int
on_progress(void *data, slong done, slong total, slong prec)
{
    progress_state *p = data;
    if (prec != p->last_prec)
    {
        /* a precision restart: start the bar over */
        p->last_prec = prec;
    }
    ntk_cli_progress_update(&p->bar, (double) done, (double) total);
    return 0;
}

/* exact rational of a standard deviation (squared) or variance string */
static int
parse_sq(fmpq_t x, const char *s, const char *what, int square)
{
    if (ntk_parse_fmpq(x, s, what) != NTK_SUCCESS)
        return ntk_cli_fail(CMD, NTK_DOMAIN);
    if (square)
        fmpq_mul(x, x, x);
    return 0;
}

/* exact decimal depth (JSON: an integer literal, exact at any size) */
static void
put_depth(FILE *fp, const fmpz_t L)
{
    fmpz_fprint(fp, L);
}

static void
write_output(FILE *fp, ntk_cli_format fmt, const ntk_iter_row_struct *rows, slong n,
             const fmpz *depths, const ntk_iter_problem_t pb, const ntk_iter_info_t info,
             const ntk_iter_jump_info_t ji, const char *q1s, const char *c0s,
             slong digits, slong cap)
{
    const fmpz *depth = depths + n - 1;
    static const char *names[6] = {"eps", "c", "sigma11", "sigma12", "theta11", "theta12"};
    arb_t t;
    slong prec = info->prec;

    arb_init(t);
    if (fmt == NTK_FMT_JSON)
    {
        fprintf(fp, "{\"params\": {\"act\": ");
        ntk_json_string(fp, pb->act->name);
        fprintf(fp, ", \"eoc\": %s, \"sigma_w2\": ", pb->eoc ? "true" : "false");
        ntk_ball_json_write(fp, info->sigma_w2);
        fprintf(fp, ", \"sigma_b2\": ");
        arb_set_fmpq(t, pb->sigma_b2, prec);
        ntk_ball_json_write(fp, t);
        fprintf(fp, ", \"q1\": ");
        if (pb->q1_star)
        {
            ntk_ball_json_write(fp, info->q_star);
            fprintf(fp, ", \"q1_star\": true");
        }
        else
        {
            arb_set_fmpq(t, pb->q1, prec);
            ntk_ball_json_write(fp, t);
            fprintf(fp, ", \"q1_star\": false");
        }
        fprintf(fp, ", \"c0\": ");
        ntk_json_string(fp, c0s);
        fprintf(fp, ", \"depth\": ");
        put_depth(fp, depth);
        fprintf(fp, ", \"digits\": %ld, \"prec_bits\": %ld, "
                    "\"prec_cap_bits\": %ld, \"layers_fast_path\": %ld, "
                    "\"layers_general_path\": %ld, \"depth_method\": \"%s\"",
                (long) digits, (long) prec, (long) cap,
                (long) info->layers_fast, (long) info->layers_general,
                ji->used == NTK_DEPTH_JUMP ? "jump" : "direct");
        if (ji->used == NTK_DEPTH_JUMP)
            fprintf(fp, ", \"jump_from\": %ld, \"abel_order\": %ld",
                    (long) ji->L0, (long) ji->order);
        if (ji->used == NTK_DEPTH_JUMP && arb_is_finite(ji->w_constant))
        {
            /* the orbit's constants (proofs/fatou.md J12; README) */
            fprintf(fp, ", \"w_constant\": ");
            ntk_ball_json_write(fp, ji->w_constant);
            fprintf(fp, ", \"ntk_constant\": ");
            ntk_ball_json_write(fp, ji->ntk_constant);
        }
        if (ji->used == NTK_DEPTH_JUMP && arb_is_finite(ji->v_constant))
        {
            /* smooth and ELU orbits (proofs/fatou.md J17) */
            fprintf(fp, ", \"v_constant\": ");
            ntk_ball_json_write(fp, ji->v_constant);
            fprintf(fp, ", \"ntk_constant\": ");
            ntk_ball_json_write(fp, ji->ntk_constant);
        }
        fprintf(fp, "},\n \"rows\": [");
        for (slong i = 0; i < n; i++)
        {
            const arb_struct *v[6] = {rows[i].eps, rows[i].c, rows[i].sigma11,
                                      rows[i].sigma12, rows[i].theta11, rows[i].theta12};
            fprintf(fp, "%s\n  {\"depth\": ", i ? "," : "");
            put_depth(fp, depths + i);
            for (int j = 0; j < 6; j++)
            {
                fprintf(fp, ", \"%s\": ", names[j]);
                ntk_ball_json_write(fp, v[j]);
            }
            fprintf(fp, "}");
        }
        fprintf(fp, "\n]}\n");
    }
    else if (fmt == NTK_FMT_CSV)
    {
        fprintf(fp, "depth");
        for (int j = 0; j < 6; j++)
            fprintf(fp, ",%s_mid,%s_rad", names[j], names[j]);
        fprintf(fp, "\n");
        for (slong i = 0; i < n; i++)
        {
            const arb_struct *v[6] = {rows[i].eps, rows[i].c, rows[i].sigma11,
                                      rows[i].sigma12, rows[i].theta11, rows[i].theta12};
            put_depth(fp, depths + i);
            for (int j = 0; j < 6; j++)
            {
                fputc(',', fp);
                ntk_report_ball_csv(fp, v[j]);
            }
            fprintf(fp, "\n");
        }
    }
    else
    {
        fprintf(fp, "# ntkdepth iterate: act %s%s, q1 %s, c0 %s, depth ",
                pb->act->name, pb->eoc ? " at the edge of chaos" : "", q1s, c0s);
        put_depth(fp, depth);
        fprintf(fp, ", %ld digits wanted, %ld bits used (certified digits only)",
                (long) digits, (long) prec);
        if (ji->used == NTK_DEPTH_JUMP && ji->order > 0)
            fprintf(fp, ", Fatou jump from depth %ld (Abel order %ld)", (long) ji->L0,
                    (long) ji->order);
        else if (ji->used == NTK_DEPTH_JUMP)
            fprintf(fp, ", jump from depth %ld (eps = 0 exactly there: c = 1 stays)",
                    (long) ji->L0);
        fprintf(fp, "\n");
        if (ji->used == NTK_DEPTH_JUMP && arb_is_finite(ji->w_constant))
        {
            char *sw = ntk_ball_text(ji->w_constant, digits + 5);
            char *su = ntk_ball_text(ji->ntk_constant, digits + 5);
            fprintf(fp, "# (eps_L/2)^(-1/2) = A L + (3A/2) ln L + C + o(1), A = 4 Delta/(3 pi): "
                        "C = %s\n# Theta12/q1 = L/4 + (3/8) ln L + C' + o(1): C' = %s\n", sw, su);
            flint_free(sw);
            flint_free(su);
        }
        if (ji->used == NTK_DEPTH_JUMP && arb_is_finite(ji->v_constant))
        {
            char *sv = ntk_ball_text(ji->v_constant, digits + 5);
            char *su = ntk_ball_text(ji->ntk_constant, digits + 5);
            if (pb->act->kind == NTK_ACT_ELU)
                fprintf(fp, "# 1/eps_L = L/beta + d1 sqrt(L) + d2 ln L + Cv + o(1): Cv = %s\n"
                            "# Theta12/q* = L/3 + m1 sqrt(L) + m2 ln L + C' + o(1): C' = %s\n",
                        sv, su);
            else
                fprintf(fp, "# 1/eps_L = L/beta + (lambda/beta) ln L + Cv + o(1): Cv = %s\n"
                            "# Theta12/q* = L/3 + (lambda/3) ln L + C' + o(1): C' = %s\n", sv, su);
            flint_free(sv);
            flint_free(su);
        }
        for (slong i = 0; i < n; i++)
        {
            const arb_struct *v[6] = {rows[i].eps, rows[i].c, rows[i].sigma11,
                                      rows[i].sigma12, rows[i].theta11, rows[i].theta12};
            fprintf(fp, "depth ");
            put_depth(fp, depths + i);
            fprintf(fp, "\n");
            for (int j = 0; j < 6; j++)
            {
                char *s = ntk_ball_text(v[j], digits + 5);
                fprintf(fp, "  %-8s %s\n", names[j], s);
                flint_free(s);
            }
        }
    }
    arb_clear(t);
}

/* an integer depth >= 1 (decimal, "1e100", "2.5e3"), at most
   10^DEPTH_MAX_DEC; 0 or the exit status after the message */
static int
parse_depth_z(fmpz_t L, const char *str, const char *what)
{
    fmpq_t q;
    int rc = 0;
    fmpq_init(q);
    if (ntk_parse_fmpq(q, str, what) != NTK_SUCCESS)
        rc = ntk_cli_fail(CMD, NTK_DOMAIN);
    else if (!fmpz_is_one(fmpq_denref(q)) || fmpz_sgn(fmpq_numref(q)) <= 0)
        rc = ntk_cli_usage(CMD, "%s = '%s': must be an integer >= 1", what, str);
    else
    {
        fmpz_t lim;
        fmpz_init(lim);
        fmpz_ui_pow_ui(lim, 10, DEPTH_MAX_DEC);
        if (fmpz_cmp(fmpq_numref(q), lim) > 0)
            rc = ntk_cli_usage(CMD, "%s = '%s': must be at most 1e%d", what, str, DEPTH_MAX_DEC);
        else
            fmpz_set(L, fmpq_numref(q));
        fmpz_clear(lim);
    }
    fmpq_clear(q);
    return rc;
}

static int
cmp_fmpz(const void *a, const void *b)
{
    return fmpz_cmp((const fmpz *) a, (const fmpz *) b);
}

/* --at: a comma list of depths <= depth (sorted, duplicates dropped), or
   "log": 1, 2, 5, 10, ... up to depth, plus depth */
static int
parse_at_z(fmpz **depths, slong *n, slong *ncap, const char *at, const fmpz_t depth)
{
    slong cap = 16, k = 0, j;
    fmpz *d = _fmpz_vec_init(cap);
    int rc = 0;

    if (at == NULL)
        fmpz_set(d + k++, depth);
    else if (strcmp(at, "log") == 0)
    {
        fmpz_t p;
        fmpz_init(p);
        fmpz_one(p);
        for (;;)
        {
            static const int m[3] = {1, 2, 5};
            int stop = 0;
            for (int i = 0; i < 3 && !stop; i++)
            {
                if (k + 1 >= cap)
                {
                    d = flint_realloc(d, sizeof(fmpz) * 2 * cap);
                    for (j = cap; j < 2 * cap; j++)
                        fmpz_init(d + j);
                    cap *= 2;
                }
                fmpz_mul_ui(d + k, p, m[i]);
                if (fmpz_cmp(d + k, depth) >= 0)
                    stop = 1;
                else
                    k++;
            }
            if (stop)
                break;
            fmpz_mul_ui(p, p, 10);
        }
        fmpz_set(d + k++, depth);
        fmpz_clear(p);
    }
    else
    {
        char *copy = flint_malloc(strlen(at) + 1), *tok, *save = NULL;
        strcpy(copy, at);
        for (tok = strtok_r(copy, ",", &save); tok != NULL && rc == 0;
             tok = strtok_r(NULL, ",", &save))
        {
            if (k == cap)
            {
                d = flint_realloc(d, sizeof(fmpz) * 2 * cap);
                for (j = cap; j < 2 * cap; j++)
                    fmpz_init(d + j);
                cap *= 2;
            }
            if ((rc = parse_depth_z(d + k, tok, "--at")) != 0)
                break;
            if (fmpz_cmp(d + k, depth) > 0)
            {
                char *s1 = fmpz_get_str(NULL, 10, depth);
                rc = ntk_cli_usage(CMD, "--at %s: beyond --depth %s", tok, s1);
                flint_free(s1);
                break;
            }
            k++;
        }
        flint_free(copy);
        if (rc == 0 && k == 0)
            rc = ntk_cli_usage(CMD, "--at '%s': no depths", at);
    }
    if (rc != 0)
    {
        _fmpz_vec_clear(d, cap);
        return rc;
    }
    qsort(d, k, sizeof(fmpz), cmp_fmpz);
    j = 0;
    for (slong i = 0; i < k; i++)
        if (j == 0 || !fmpz_equal(d + i, d + j - 1))
        {
            fmpz_swap(d + j, d + i);
            j++;
        }
    *depths = d;
    *n = j;
    *ncap = cap;      /* the caller clears all cap entries */
    return 0;
}

int
ntk_cli_iterate(int argc, char **argv)
{
    static const struct option longopts[] = {
        NTK_CLI_RUN_LONGOPTS,
        {"c0", required_argument, 0, OPT_C0},
        {"at", required_argument, 0, OPT_AT},
        {"depth-method", required_argument, 0, OPT_IT_DEPTH_METHOD},
        {"jump-from", required_argument, 0, OPT_IT_JUMP_FROM},
        {0, 0, 0, 0}
    };
    ntk_cli_run_opts ro;
    const char *c0s = "0", *at = NULL, *dms = NULL, *jfs = NULL;
    slong n = 0, ncap = 0, L0 = 0;
    fmpz *depths = NULL;
    fmpz_t depth;
    ntk_depth_method dm = NTK_DEPTH_AUTO;
    ntk_iter_jump_info_t ji;
    int opt, rc = NTK_EXIT_OK;
    ntk_iter_problem_t pb;
    ntk_iter_info_t info;
    ntk_iter_opts_t opts;
    ntk_iter_row_struct *rows = NULL;
    ntk_net_t net;
    ntk_out_t out;
    int out_open = 0;
    progress_state ps;
    ntk_status st;

    ntk_cli_run_opts_init(&ro, 4096, 16, 1 << 24);
    while ((opt = ntk_cli_run_next(&ro, &rc, CMD, help_text, argc, argv,
                                   longopts)) != -1)
    {
        switch (opt)
        {
            case OPT_C0: c0s = optarg; break;
            case OPT_AT: at = optarg; break;
            case OPT_IT_DEPTH_METHOD: dms = optarg; break;
            case OPT_IT_JUMP_FROM: jfs = optarg; break;
        }
    }
    if (rc != 0 || ro.help)
        return rc;
    if (ro.q1 == NULL)
        return ntk_cli_usage(CMD, "--q1 is required (a value or 'star')");
    if (dms != NULL)
    {
        if (strcmp(dms, "auto") == 0) dm = NTK_DEPTH_AUTO;
        else if (strcmp(dms, "direct") == 0) dm = NTK_DEPTH_DIRECT;
        else if (strcmp(dms, "jump") == 0) dm = NTK_DEPTH_JUMP;
        else return ntk_cli_usage(CMD, "--depth-method '%s': use auto, direct or jump", dms);
    }
    if (jfs != NULL && ntk_parse_slong(&L0, jfs, "--jump-from", 100, DEPTH_MAX) != NTK_SUCCESS)
        return ntk_cli_fail(CMD, NTK_DOMAIN);
    fmpz_init(depth);
    if ((rc = parse_depth_z(depth, ro.depth, "--depth")) != 0)
    {
        fmpz_clear(depth);
        return rc;
    }

    ntk_iter_jump_info_init(ji);
    ntk_iter_problem_init(pb);
    ntk_iter_info_init(info);
    ntk_net_init(net);

    /* the shared network options: validated (and the EOC existence
       checked) at low precision; the run re-derives them exactly */
    rc = ntk_cli_net_resolve(net, NULL, CMD, &ro.net, 64);
    if (rc != 0)
        goto cleanup;
    ntk_act_set(pb->act, net->act);
    pb->method = net->method;
    pb->eoc = ro.net.eoc;
    if (ro.net.sigma_b && (rc = parse_sq(pb->sigma_b2, ro.net.sigma_b, "--sigma-b", 1)))
        goto cleanup;
    if (ro.net.sigma_b2 && (rc = parse_sq(pb->sigma_b2, ro.net.sigma_b2, "--sigma-b2", 0)))
        goto cleanup;
    if (ro.net.sigma_w && (rc = parse_sq(pb->sigma_w2, ro.net.sigma_w, "--sigma-w", 1)))
        goto cleanup;
    if (ro.net.sigma_w2 && (rc = parse_sq(pb->sigma_w2, ro.net.sigma_w2, "--sigma-w2", 0)))
        goto cleanup;
    pb->q1_star = strcmp(ro.q1, "star") == 0;
    if (!pb->q1_star && (rc = parse_sq(pb->q1, ro.q1, "--q1", 0)))
        goto cleanup;
    if ((rc = parse_sq(pb->c0, c0s, "--c0", 0)))
        goto cleanup;
    if ((st = ntk_iter_problem_check(pb)) != NTK_SUCCESS)
    {
        /* the library names q1, c0 with their exact values; the user sees
           the flag and the value as typed */
        const char *flags[2] = {"--q1", "--c0"}, *args[2] = {ro.q1, c0s};
        rc = ntk_cli_fail_args(CMD, st, 2, flags, args);
        goto cleanup;
    }
    if ((rc = parse_at_z(&depths, &n, &ncap, at, depth)) != 0)
        goto cleanup;

    if ((st = ntk_out_open(out, ro.out)) != NTK_SUCCESS)
    {
        rc = ntk_cli_fail(CMD, st);
        goto cleanup;
    }
    out_open = 1;

    rows = ntk_iter_rows_init(n);
    ntk_iter_opts_init(opts);
    opts->prec_cap = ro.cap;
    ps.last_prec = 0;
    ntk_cli_progress_start(&ps.bar, "iterate", ro.quiet);
    opts->progress = on_progress;
    opts->progress_data = &ps;
    st = ntk_iter_run_deep(rows, info, ji, pb, depths, n, ro.digits, dm, L0, opts);
    ntk_cli_progress_end(&ps.bar);
    if (st != NTK_SUCCESS)
    {
        rc = ntk_cli_fail(CMD, st);
        goto cleanup;
    }
    write_output(out->fp, ro.fmt, rows, n, depths, pb, info, ji, ro.q1, c0s, ro.digits,
                 ro.cap);
    if ((st = ntk_out_commit(out)) != NTK_SUCCESS)
    {
        out_open = 0;
        rc = ntk_cli_fail(CMD, st);
        goto cleanup;
    }
    out_open = 0;
    rc = NTK_EXIT_OK;

cleanup:
    if (out_open)
        ntk_out_abort(out);
    ntk_iter_rows_clear(rows, n);
    if (depths != NULL)
        _fmpz_vec_clear(depths, ncap);
    fmpz_clear(depth);
    ntk_iter_jump_info_clear(ji);
    ntk_net_clear(net);
    ntk_iter_info_clear(info);
    ntk_iter_problem_clear(pb);
    return rc;
}
