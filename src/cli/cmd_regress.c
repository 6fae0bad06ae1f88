/*
 * ntkdepth regress -- NTK kernel regression at depth on the sphere:
 * certified Gram matrices, weights kappa^{-1} kappa_x and predictions.
 * Thin: parse, call ntk_regress_run, print.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

#define CMD "regress"
#define DEPTH_MAX ((slong) 1 << 40)

enum
{
    OPT_RG_TRAIN = OPT_CMD_BASE, OPT_RG_TEST, OPT_RG_N, OPT_RG_M, OPT_RG_DIM,
    OPT_RG_SEED, OPT_RG_TARGET, OPT_RG_JACOT, OPT_RG_THREADS, OPT_RG_WEIGHTS,
    OPT_RG_TEST_TRAIN
};

static const char *help_text =
    "usage: ntkdepth regress (--train FILE | --n N --dim N0 [--seed S])\n"
    "           [--test FILE | --m M] [--test-train] [--target NAME]\n"
    "           --act NAME (--sigma-w X | --sigma-w2 X | --eoc | --jacot BETA)\n"
    "           [--sigma-b X | --sigma-b2 X] [--q1 X | --q1 star]\n"
    "           --depth L[,L2,...] [--digits D] [--prec-cap BITS] [--threads T]\n"
    "           [--format text|csv|json] [--out FILE] [--weights] [--quiet]\n\n"
    "Kernel regression with the infinite-width NTK at depth L on the unit sphere:\n"
    "weights w(x) = kappa^{-1} kappa_x (kappa = Theta^L on the training inputs)\n"
    "and predictions f(x) = w(x)^T y, as certified balls.  The working precision\n"
    "is doubled until every weight vector has D correct digits (normwise);\n"
    "the precision used and a condition estimate of kappa are reported.\n\n"
    "data (inputs are normalised onto the sphere: a row v means v/|v|):\n"
    "  --train FILE       CSV, one point per line; last column = label unless\n"
    "                     --target is given ('#' lines and blank lines skipped)\n"
    "  --n N --dim N0     N training points uniform on S^(N0-1) (seeded)\n"
    "  --seed S           generator seed (default 1; test points use S+1)\n"
    "  --test FILE        CSV of test points (coordinates only)\n"
    "  --m M              M random test points (default 4 when no --test)\n"
    "  --test-train       also use every training point as a test point\n"
    "                     (its weights are e_i exactly)\n"
    "  --target NAME      labels y = target(x): x1 x1x2 sign const sin\n"
    "                     (default x1 for random training points)\n"
    "network (conventions.md; first layer Sigma^1 = sigma_b^2 + (q1 - sigma_b^2) rho):\n"
    "%s"
    "  --jacot BETA       Jacot et al.'s parameterization with bias scale BETA:\n"
    "                     sigma_w^2 = 1, sigma_b^2 = BETA^2 (ReLU: chi_1 = 1/2,\n"
    "                     ordered for BETA > 0)\n"
    "  --q1 X | star      first-layer variance (default sigma_b^2 + sigma_w^2/n0,\n"
    "                     the network's first layer on unit inputs); star = q*\n"
    "depths and precision:\n"
    "  --depth LIST       depths, e.g. 10, 1e6, 1..30,1e3,1e4\n"
    "  --digits D         certified digits of the weights (default 20)\n"
    "  --prec-cap BITS    give up past this working precision (default 16384)\n"
    "  --threads T        concurrent recursions (default 2)\n"
    "output:\n"
    "  --format F         text (certified digits only), csv or json (mid/rad)\n"
    "  --out FILE         write atomically to FILE (no partial file on error)\n"
    "  --weights          text: print every weight (default when n <= 12)\n"
    "  --quiet            no progress on stderr\n\n"
    "Limits: for relu-like activations with sigma_b = 0 the weights of a test\n"
    "point off the training set tend to 1/(n+3) (P4, H10); for a smooth\n"
    "activation at its EOC started at q* (--eoc --q1 star), to 1/(n+2); a test\n"
    "point equal to training point i has weights e_i.  The distances\n"
    "max |w - w_lim| and max |f - f_lim| are reported (certified balls).\n\n"
    "exit status: 0 success, 2 bad input (e.g. n = 0, zero row, duplicate\n"
    "training points, mismatched dimensions, malformed CSV), 3 weights not\n"
    "certifiable within the precision cap, 4 I/O error\n\n"
    "activations: %s\n";

/* parameters are held at the precision cap: print them rounded to 128 bits
   (the radius grows to cover the rounding) */
static void
json_param(FILE *fp, const arb_t x)
{
    arb_t t;
    arb_init(t);
    arb_set_round(t, x, 128);
    ntk_report_ball_json(fp, t);
    arb_clear(t);
}

/* a CSV ball after a separator: ",MID,RAD", or ",," when not finite */
static void
csv_ball(FILE *fp, const arb_t x)
{
    fputc(',', fp);
    ntk_report_ball_csv(fp, x);
}

/* certified digits, or n/a */
static void
text_ball(FILE *fp, const arb_t x, slong digits)
{
    ntk_report_ball_text(fp, x, digits, "n/a");
}

static char *
cond_str(const arf_t c)
{
    char *s;
    if (arf_is_inf(c))
    {
        s = flint_malloc(4);
        strcpy(s, "inf");
        return s;
    }
    return arf_get_str(c, 3);
}

typedef struct
{
    const char *act, *train_desc, *test_desc, *target, *q1s;
    slong n0, digits, cap;
    int jacot;
    const char *jacot_beta;
} desc_t;

static void
write_output(FILE *fp, ntk_cli_format fmt, const ntk_regress_result_t R,
             const ntk_regress_model_t M, const desc_t *D, const arb_t nmin,
             const arb_t nmax, int all_weights)
{
    slong k, i, j, n = R->n, m = R->m;
    const char *limname = R->limit == NTK_LIMIT_RELU_EOC ? "1/(n+3)"
                        : R->limit == NTK_LIMIT_SMOOTH_EOC ? "1/(n+2)" : NULL;

    if (fmt == NTK_FMT_JSON)
    {
        fprintf(fp, "{\"params\": {\"act\": \"%s\", \"sigma_w2\": ", D->act);
        json_param(fp, M->net->sigma_w2);
        fprintf(fp, ", \"sigma_b2\": ");
        json_param(fp, M->net->sigma_b2);
        if (D->jacot)
            fprintf(fp, ", \"jacot_beta\": \"%s\"", D->jacot_beta);
        fprintf(fp, ", \"q1\": ");
        json_param(fp, M->q1);
        fprintf(fp, ", \"n\": %ld, \"m\": %ld, \"n0\": %ld, \"train\": \"%s\", "
                    "\"test\": \"%s\", \"target\": \"%s\", \"input_norm_min\": ",
                (long) n, (long) m, (long) D->n0, D->train_desc, D->test_desc,
                D->target ? D->target : "labels");
        ntk_report_ball_json(fp, nmin);
        fprintf(fp, ", \"input_norm_max\": ");
        ntk_report_ball_json(fp, nmax);
        fprintf(fp, ", \"digits\": %ld, \"prec_cap_bits\": %ld, \"recursions\": %ld, "
                    "\"limit\": %s%s%s},\n \"rows\": [",
                (long) D->digits, (long) D->cap, (long) R->ndistinct,
                limname ? "\"" : "", limname ? limname : "null", limname ? "\"" : "");
        for (k = 0; k < R->nd; k++)
        {
            const ntk_regress_row_struct *r = R->rows + k;
            char *cs = cond_str(r->cond);
            fprintf(fp, "%s\n  {\"depth\": %ld, \"prec_bits\": %ld, "
                        "\"condition_estimate\": \"%s\", \"theta11\": ",
                    k ? "," : "", (long) r->depth, (long) r->prec, cs);
            flint_free(cs);
            ntk_report_ball_json(fp, r->theta11);
            fprintf(fp, ", \"offdiag_min\": ");
            ntk_report_ball_json(fp, r->offmin);
            fprintf(fp, ", \"offdiag_max\": ");
            ntk_report_ball_json(fp, r->offmax);
            fprintf(fp, ", \"weights_dist_limit\": ");
            ntk_report_ball_json(fp, r->wdist);
            fprintf(fp, ", \"predictions_dist_limit\": ");
            ntk_report_ball_json(fp, r->pdist);
            fprintf(fp, ", \"tests\": [");
            for (j = 0; j < m; j++)
            {
                fprintf(fp, "%s{\"prediction\": ", j ? ", " : "");
                ntk_report_ball_json(fp, r->pred + j);
                fprintf(fp, ", \"weights\": [");
                for (i = 0; i < n; i++)
                {
                    if (i)
                        fprintf(fp, ", ");
                    ntk_report_ball_json(fp, arb_mat_entry(r->W, i, j));
                }
                fprintf(fp, "]}");
            }
            fprintf(fp, "]}");
        }
        fprintf(fp, "\n]}\n");
    }
    else if (fmt == NTK_FMT_CSV)
    {
        fprintf(fp, "depth,test,prec_bits,condition_estimate,offdiag_min_mid,offdiag_min_rad,"
                    "offdiag_max_mid,offdiag_max_rad,prediction_mid,prediction_rad,"
                    "prediction_limit_mid,prediction_limit_rad");
        for (i = 0; i < n; i++)
            fprintf(fp, ",w%ld_mid,w%ld_rad", (long) (i + 1), (long) (i + 1));
        fprintf(fp, "\n");
        for (k = 0; k < R->nd; k++)
        {
            const ntk_regress_row_struct *r = R->rows + k;
            char *cs = cond_str(r->cond);
            for (j = 0; j < m; j++)
            {
                fprintf(fp, "%ld,%ld,%ld,%s", (long) r->depth, (long) (j + 1),
                        (long) r->prec, cs);
                csv_ball(fp, r->offmin);
                csv_ball(fp, r->offmax);
                csv_ball(fp, r->pred + j);
                if (R->limit != NTK_LIMIT_NONE)
                    csv_ball(fp, R->predlim + j);
                else
                    fprintf(fp, ",,");
                for (i = 0; i < n; i++)
                    csv_ball(fp, arb_mat_entry(r->W, i, j));
                fprintf(fp, "\n");
            }
            flint_free(cs);
        }
    }
    else
    {
        slong dg = D->digits;
        fprintf(fp, "# ntkdepth regress: act %s, sigma_w2 ", D->act);
        text_ball(fp, M->net->sigma_w2, 20);
        fprintf(fp, ", sigma_b2 ");
        text_ball(fp, M->net->sigma_b2, 20);
        if (D->jacot)
            fprintf(fp, " (Jacot, beta = %s)", D->jacot_beta);
        fprintf(fp, ", q1 ");
        text_ball(fp, M->q1, 20);
        fprintf(fp, "%s\n", D->q1s ? "" : " (sigma_b2 + sigma_w2/n0)");
        fprintf(fp, "# n = %ld training points (%s), m = %ld test points (%s), on S^%ld, "
                    "labels: %s\n", (long) n, D->train_desc, (long) m, D->test_desc,
                (long) (D->n0 - 1), D->target ? D->target : "from the file");
        fprintf(fp, "# input norms (rows as given) in [");
        text_ball(fp, nmin, 6);
        fprintf(fp, ", ");
        text_ball(fp, nmax, 6);
        fprintf(fp, "]; %ld recursions per precision (distinct rho + diagonal)\n",
                (long) R->ndistinct);
        if (limname)
            fprintf(fp, "# weights limit off the training set: %s (P4, H10); e_i at training point i\n",
                    limname);
        fprintf(fp, "# weights certified to %ld digits (normwise); certified digits only\n",
                (long) dg);
        for (k = 0; k < R->nd; k++)
        {
            const ntk_regress_row_struct *r = R->rows + k;
            char *cs = cond_str(r->cond);
            fprintf(fp, "depth %ld  (working precision %ld bits, condition estimate %s)\n",
                    (long) r->depth, (long) r->prec, cs);
            flint_free(cs);
            fprintf(fp, "  theta11            ");
            text_ball(fp, r->theta11, dg);
            fprintf(fp, "\n  offdiag/theta11    min ");
            text_ball(fp, r->offmin, dg);
            fprintf(fp, "  max ");
            text_ball(fp, r->offmax, dg);
            fprintf(fp, "\n");
            if (R->limit != NTK_LIMIT_NONE && m > 0)
            {
                fprintf(fp, "  max|w - w_lim|     ");
                text_ball(fp, r->wdist, 6);
                fprintf(fp, "\n  max|f - f_lim|     ");
                text_ball(fp, r->pdist, 6);
                fprintf(fp, "\n");
            }
            for (j = 0; j < m; j++)
            {
                fprintf(fp, "  test %-4ld f = ", (long) (j + 1));
                text_ball(fp, r->pred + j, dg);
                if (R->limit != NTK_LIMIT_NONE)
                {
                    fprintf(fp, "   (limit ");
                    text_ball(fp, R->predlim + j, dg);
                    fprintf(fp, ")");
                }
                fprintf(fp, "\n");
                if (all_weights)
                {
                    fprintf(fp, "    w =");
                    for (i = 0; i < n; i++)
                    {
                        fprintf(fp, " ");
                        text_ball(fp, arb_mat_entry(r->W, i, j), dg);
                    }
                    fprintf(fp, "\n");
                }
            }
        }
    }
}

/* append the training points to the test points */
static void
append_points(ntk_points_t T, const ntk_points_t X)
{
    ntk_points_t U;
    slong i, k, dim = X->dim;
    ntk_points_init(U);
    ntk_points_set_size(U, T->n + X->n, dim);
    for (i = 0; i < T->n + X->n; i++)
    {
        const ntk_points_struct *S = i < T->n ? T : X;
        slong r = i < T->n ? i : i - T->n;
        for (k = 0; k < dim; k++)
            fmpz_set(U->v + i * dim + k, S->v + r * dim + k);
        fmpz_set(U->norm2 + i, S->norm2 + r);
        fmpz_set(U->den + i, S->den + r);
    }
    ntk_points_clear(T);
    *T = *U;
}

int
ntk_cli_regress(int argc, char **argv)
{
    static const struct option longopts[] = {
        NTK_CLI_RUN_LONGOPTS,
        {"train", required_argument, 0, OPT_RG_TRAIN},
        {"test", required_argument, 0, OPT_RG_TEST},
        {"n", required_argument, 0, OPT_RG_N},
        {"m", required_argument, 0, OPT_RG_M},
        {"dim", required_argument, 0, OPT_RG_DIM},
        {"seed", required_argument, 0, OPT_RG_SEED},
        {"target", required_argument, 0, OPT_RG_TARGET},
        {"jacot", required_argument, 0, OPT_RG_JACOT},
        {"threads", required_argument, 0, OPT_RG_THREADS},
        {"weights", no_argument, 0, OPT_RG_WEIGHTS},
        {"test-train", no_argument, 0, OPT_RG_TEST_TRAIN},
        {0, 0, 0, 0}
    };
    ntk_cli_run_opts o;
    const char *trainf = NULL, *testf = NULL, *ns = NULL, *ms = NULL, *dims = NULL,
               *seeds = "1", *target = NULL, *jacot = NULL, *threads_s = "2";
    slong nd = 0, *depths = NULL, n = 0, m = -1, dim = 0, seed = 1, nthreads = 2, i,
          rprec;
    int opt, rc = NTK_EXIT_OK, weights = 0, test_train = 0, out_open = 0;
    ntk_points_t X, T;
    ntk_regress_model_t M;
    ntk_regress_result_t R;
    ntk_regress_opts ro;
    ntk_eoc_t eoc;
    fmpq *labels = NULL;
    arb_ptr y = NULL;
    arb_t nmin, nmax, t;
    ntk_out_t out;
    ntk_status st;
    desc_t D;
    char train_desc[256], test_desc[256], jb[64];
    ntk_cli_progress bar;

    ntk_cli_run_opts_init(&o, 16384, 64, 1 << 22);
    while ((opt = ntk_cli_run_next(&o, &rc, CMD, help_text, argc, argv,
                                   longopts)) != -1)
    {
        switch (opt)
        {
            case OPT_RG_TRAIN: trainf = optarg; break;
            case OPT_RG_TEST: testf = optarg; break;
            case OPT_RG_N: ns = optarg; break;
            case OPT_RG_M: ms = optarg; break;
            case OPT_RG_DIM: dims = optarg; break;
            case OPT_RG_SEED: seeds = optarg; break;
            case OPT_RG_TARGET: target = optarg; break;
            case OPT_RG_JACOT: jacot = optarg; break;
            case OPT_RG_THREADS: threads_s = optarg; break;
            case OPT_RG_WEIGHTS: weights = 1; break;
            case OPT_RG_TEST_TRAIN: test_train = 1; break;
        }
    }
    if (rc != 0 || o.help)
        return rc;
    if ((trainf != NULL) == (ns != NULL))
        return ntk_cli_usage(CMD, "give exactly one of --train FILE and --n N");
    if (ns != NULL && ntk_parse_slong(&n, ns, "--n (number of training points)", 0, 100000) != NTK_SUCCESS)
        return ntk_cli_fail(CMD, NTK_DOMAIN);
    if (ns != NULL && n == 0)
        return ntk_cli_usage(CMD, "--n 0: need at least one training point");
    if (ns != NULL && dims == NULL)
        return ntk_cli_usage(CMD, "--n needs --dim N0 (points on S^(N0-1))");
    if (dims != NULL && ntk_parse_slong(&dim, dims, "--dim", 1, 1000000) != NTK_SUCCESS)
        return ntk_cli_fail(CMD, NTK_DOMAIN);
    if (ms != NULL && testf != NULL)
        return ntk_cli_usage(CMD, "give --test FILE or --m M, not both");
    if (ms != NULL && ntk_parse_slong(&m, ms, "--m", 0, 100000) != NTK_SUCCESS)
        return ntk_cli_fail(CMD, NTK_DOMAIN);
    if (ntk_parse_slong(&seed, seeds, "--seed", 0, WORD_MAX / 2) != NTK_SUCCESS)
        return ntk_cli_fail(CMD, NTK_DOMAIN);
    if (ntk_parse_slong(&nthreads, threads_s, "--threads", 1, 256) != NTK_SUCCESS)
        return ntk_cli_fail(CMD, NTK_DOMAIN);
    if (jacot != NULL)
    {
        if (o.net.sigma_w || o.net.sigma_w2 || o.net.eoc || o.net.sigma_b || o.net.sigma_b2)
            return ntk_cli_usage(CMD, "--jacot BETA sets sigma_w2 = 1 and sigma_b = BETA: "
                                      "do not combine it with --sigma-w/--sigma-b/--eoc");
        if (strlen(jacot) > 40)
            return ntk_cli_usage(CMD, "--jacot '%.40s...': too long", jacot);
        strcpy(jb, jacot);
        o.net.sigma_w2 = "1";
        o.net.sigma_b = jb;
        if (o.net.act == NULL)
            o.net.act = "relu";
    }
    if ((rc = ntk_cli_parse_depth_list(&depths, &nd, CMD, "--depth", o.depth, DEPTH_MAX,
                                       0, 1)) != 0)
        return rc;

    ntk_points_init(X);
    ntk_points_init(T);
    ntk_regress_model_init(M);
    ntk_regress_result_init(R);
    ntk_eoc_init(eoc);
    arb_init(nmin); arb_init(nmax); arb_init(t);

    /* network: exact decimals enclosed at the precision cap (+ guard), so
       the escalation loop never outruns its parameters; an EOC solve at a
       precision fit for the digits (relu-like EOC points are exact) */
    rprec = o.cap + 64;
    if (o.net.eoc)
    {
        ntk_act_t a;
        ntk_act_init(a);
        if (o.net.act != NULL && ntk_act_set_str(a, o.net.act) == NTK_SUCCESS
            && a->kind != NTK_ACT_RELULIKE)
            rprec = 4 * ntk_digits_to_bits(o.digits) + 128;
        ntk_act_clear(a);
    }
    rc = ntk_cli_net_resolve(M->net, eoc, CMD, &o.net, rprec);
    if (rc != 0)
        goto cleanup;

    /* data */
    if (trainf != NULL)
    {
        st = ntk_points_read_csv(X, target == NULL ? &labels : NULL, trainf, "--train");
        if (st != NTK_SUCCESS)
        {
            rc = ntk_cli_fail(CMD, st);
            goto cleanup;
        }
        snprintf(train_desc, sizeof(train_desc), "%s", trainf);
    }
    else
    {
        if ((st = ntk_points_random_sphere(X, n, dim, (ulong) seed)) != NTK_SUCCESS)
        {
            rc = ntk_cli_fail(CMD, st);
            goto cleanup;
        }
        if (target == NULL)
            target = "x1";
        snprintf(train_desc, sizeof(train_desc), "uniform, seed %ld", (long) seed);
    }
    n = X->n;
    dim = X->dim;
    if (dims != NULL && trainf != NULL && dim != atol(dims))
    {
        rc = ntk_cli_usage(CMD, "--dim %s: the training file has dimension %ld", dims, (long) dim);
        goto cleanup;
    }
    if (testf != NULL)
    {
        st = ntk_points_read_csv(T, NULL, testf, "--test");
        if (st != NTK_SUCCESS)
        {
            rc = ntk_cli_fail(CMD, st);
            goto cleanup;
        }
        if (T->dim != dim)
        {
            rc = ntk_cli_usage(CMD, "--test '%s': test points have dimension %ld, training points %ld",
                               testf, (long) T->dim, (long) dim);
            goto cleanup;
        }
        snprintf(test_desc, sizeof(test_desc), "%s", testf);
    }
    else
    {
        if (m < 0)
            m = 4;
        if (m > 0 && (st = ntk_points_random_sphere(T, m, dim, (ulong) seed + 1)) != NTK_SUCCESS)
        {
            rc = ntk_cli_fail(CMD, st);
            goto cleanup;
        }
        if (m == 0)
            ntk_points_set_size(T, 0, dim);
        snprintf(test_desc, sizeof(test_desc), "uniform, seed %ld", (long) seed + 1);
    }
    if (test_train)
    {
        append_points(T, X);
        strncat(test_desc, " + the training points", sizeof(test_desc) - strlen(test_desc) - 1);
    }
    m = T->n;

    /* labels */
    y = _arb_vec_init(n);
    if (target != NULL)
    {
        if ((st = ntk_regress_target(y, X, target, rprec)) != NTK_SUCCESS)
        {
            rc = ntk_cli_fail(CMD, st);
            goto cleanup;
        }
    }
    else
        for (i = 0; i < n; i++)
            arb_set_fmpq(y + i, labels + i, rprec);

    /* input norms as given */
    for (i = 0; i < n; i++)
    {
        ntk_points_norm(t, X, i, 64);
        if (i == 0)
        {
            arb_set(nmin, t);
            arb_set(nmax, t);
        }
        else
        {
            arb_min(nmin, nmin, t, 64);
            arb_max(nmax, nmax, t, 64);
        }
    }

    /* first layer */
    if (o.q1 == NULL)
        ntk_regress_model_set_default_q1(M, dim, rprec);
    else if (strcmp(o.q1, "star") == 0)
    {
        int found = 0;
        char why[NTK_WHY_MAX];
        if (o.net.eoc)
        {
            arb_set(M->q1, eoc->q_star);
            found = 1;
        }
        else
        {
            st = ntk_maps_qstar(M->q1, &found, why, M->net, 4 * ntk_digits_to_bits(o.digits) + 128);
            if (st != NTK_SUCCESS)
            {
                rc = ntk_cli_fail(CMD, st);
                goto cleanup;
            }
            if (!found)
            {
                rc = ntk_cli_usage(CMD, "--q1 star: %s has no fixed point q*: %s", M->net->act->name, why);
                goto cleanup;
            }
        }
        if (!arb_is_positive(M->q1))
        {
            rc = ntk_cli_usage(CMD, "--q1 star: q* = 0 (degenerate network; give --q1 X)");
            goto cleanup;
        }
        arb_set(M->q_fixed, M->q1);
        M->q1_is_fixed = 1;
        if (o.net.eoc && M->net->act->kind != NTK_ACT_RELULIKE && ntk_act_smoothness(M->net->act) >= 3)
            M->smooth_eoc = 1;
    }
    else
    {
        if ((st = ntk_parse_arb(M->q1, o.q1, "--q1", rprec)) != NTK_SUCCESS)
        {
            rc = ntk_cli_fail(CMD, st);
            goto cleanup;
        }
    }
    arb_sub(t, M->q1, M->net->sigma_b2, rprec);
    if (!arb_is_positive(t))
    {
        rc = ntk_cli_usage(CMD, "--q1 %s: must exceed sigma_b^2 (else every input has c0 = 1)",
                           o.q1 ? o.q1 : "");
        goto cleanup;
    }

    if ((st = ntk_out_open(out, o.out)) != NTK_SUCCESS)
    {
        rc = ntk_cli_fail(CMD, st);
        goto cleanup;
    }
    out_open = 1;

    ro.digits = o.digits;
    ro.prec = 0;
    ro.prec_max = o.cap;
    ro.nthreads = nthreads;
    ntk_cli_progress_start(&bar, "regress", 1);
    st = ntk_regress_run(R, X, y, T, depths, nd, M, &ro);
    if (st != NTK_SUCCESS)
    {
        rc = ntk_cli_fail(CMD, st);
        goto cleanup;
    }
    D.act = M->net->act->name;
    D.train_desc = train_desc;
    D.test_desc = test_desc;
    D.target = target;
    D.q1s = o.q1;
    D.n0 = dim;
    D.digits = o.digits;
    D.cap = o.cap;
    D.jacot = jacot != NULL;
    D.jacot_beta = jacot;
    write_output(out->fp, o.fmt, R, M, &D, nmin, nmax, weights || n <= 12);
    out_open = 0;
    if ((st = ntk_out_commit(out)) != NTK_SUCCESS)
    {
        rc = ntk_cli_fail(CMD, st);
        goto cleanup;
    }
    rc = NTK_EXIT_OK;

cleanup:
    if (out_open)
        ntk_out_abort(out);
    flint_free(depths);
    if (labels != NULL)
        _fmpq_vec_clear(labels, X->n);
    if (y != NULL)
        _arb_vec_clear(y, X->n);
    ntk_points_clear(X);
    ntk_points_clear(T);
    ntk_regress_model_clear(M);
    ntk_regress_result_clear(R);
    ntk_eoc_clear(eoc);
    arb_clear(nmin); arb_clear(nmax); arb_clear(t);
    return rc;
}
