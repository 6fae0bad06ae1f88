/*
 * Built-in evaluators of the kernel-regression claims (papers.md P2, P4):
 *   regress_h10          H10, ReLU at the EOC: weights -> 1/(n+3)
 *   regress_h10_smooth   H10, erf at its EOC (sigma_b = 0.2, q1 = q*):
 *                        weights -> 1/(n+2)
 *   regress_s4           S4: the limit C(x) is continuous on the sphere with
 *                        C(x_i) = e_i
 *   regress_s6           S6: n = 100 points on S^127, depths 1..30: the
 *                        kernel converges slowly, the predictor settles
 * Derivations: proofs/regress.md (Lemmas G5-G7).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "claim_impl.h"
#include "ntkdepth/regress.h"


/* depths of the claim, capped at opts->max_depth_quick when quick */
static slong
claim_depths(slong *d, const ntk_claim_t cl, const ntk_verify_opts_t opts)
{
    slong n = 0;
    for (slong i = 0; i < cl->ndepths; i++)
        if (!opts->quick || cl->depths[i] <= opts->max_depth_quick)
            d[n++] = cl->depths[i];
    return n;
}

/* The network of the ReLU hooks (H10, S4, S6: their limits 1/(n+3) and
   1/4 are those of ReLU at the EOC, proofs/regress.md Lemma G6): the
   claim's act, sigma_w2, sigma_b2 must be relu, 2, 0 (NTK_DOMAIN naming
   the field otherwise), and its sampled problem must be given. */
static ntk_status
relu_eoc_check(const ntk_claim_t cl, const char *need)
{
    fmpq_t q;
    const char *bad = NULL;
    fmpq_init(q);
    if (cl->act == NULL || strcmp(cl->act, "relu"))
        bad = "act";
    else if (cl->sigma_w2 == NULL || ntk_parse_fmpq(q, cl->sigma_w2, "sigma_w2") != NTK_SUCCESS
             || !fmpq_equal_si(q, 2))
        bad = "sigma_w2";
    else if (cl->sigma_b2 != NULL
             && (ntk_parse_fmpq(q, cl->sigma_b2, "sigma_b2") != NTK_SUCCESS || !fmpq_is_zero(q)))
        bad = "sigma_b2";
    fmpq_clear(q);
    if (bad != NULL)
        return ntk_error_set(NTK_DOMAIN, "[%s] field '%s': hook %s decides ReLU at the EOC "
                             "(act = relu, sigma_w2 = 2, sigma_b2 = 0)",
                             cl->id ? cl->id : "?", bad, cl->hook);
    return _ntk_claim_need(cl, need);
}

static ntk_status
relu_eoc_model(ntk_regress_model_t M)
{
    ntk_status st = ntk_act_set_str(M->net->act, "relu");
    arb_set_ui(M->net->sigma_w2, 2);
    arb_zero(M->net->sigma_b2);
    return st;
}

/* ReLU at the EOC on cl->n random points of S^(dim-1) (cl->seed) and
   cl->test_points test points (seed + 1), target x_1 */
static ntk_status
relu_run(ntk_regress_result_t R, ntk_points_t X, arb_ptr *y, ntk_points_t T,
         const ntk_claim_t cl, const slong *depths, slong nd, slong digits, int nthreads)
{
    ntk_regress_model_t M;
    ntk_regress_opts o;
    ntk_status st;

    o.digits = digits;
    o.prec = 0;
    o.prec_max = 4096;
    o.nthreads = nthreads > 0 ? nthreads : 2;   /* parallel claims: 1 each */
    ntk_regress_model_init(M);
    st = relu_eoc_model(M);
    if (st == NTK_SUCCESS)
        st = ntk_points_random_sphere(X, cl->n, cl->dim, cl->seed);
    if (st == NTK_SUCCESS && cl->test_points > 0)
        st = ntk_points_random_sphere(T, cl->test_points, cl->dim, cl->seed + 1);
    *y = _arb_vec_init(cl->n);
    if (st == NTK_SUCCESS)
        st = ntk_regress_target(*y, X, "x1", 256);
    ntk_regress_model_set_default_q1(M, cl->dim, 256);
    if (st == NTK_SUCCESS)
        st = ntk_regress_run(R, X, *y, T, depths, nd, M, &o);
    ntk_regress_model_clear(M);
    return st;
}

/* ------------------------------------------------------------------ */
/* H10, ReLU                                                           */
/* ------------------------------------------------------------------ */
ntk_status
_ntk_hook_regress_h10(ntk_claim_result_t res, const ntk_claim_t cl, const ntk_verify_opts_t opts)
{
    slong d[NTK_CLAIM_MAXDEPTHS], nd, n = cl->n;
    ntk_points_t X, T;
    ntk_regress_result_t R;
    arb_ptr y = NULL, dist;
    arb_t Tol, t;
    ntk_status st;
    int dec;
    char buf[256];

    st = relu_eoc_check(cl, "n dim seed test_points");
    if (st != NTK_SUCCESS)
        return st;
    snprintf(buf, sizeof(buf), "weights of test points off the training set -> 1/(n+3) = 1/%ld "
             "(n = %ld, ReLU, sigma_w^2 = 2, sigma_b = 0)", (long) (n + 3), (long) n);
    _ntk_claim_set_pred(res, buf);
    nd = claim_depths(d, cl, opts);
    ntk_points_init(X); ntk_points_init(T);
    ntk_regress_result_init(R);
    arb_init(Tol); arb_init(t);
    dist = _arb_vec_init(nd > 0 ? nd : 1);
    arb_set_ui(res->pred, 1);
    arb_div_ui(res->pred, res->pred, n + 3, 128);
    ntk_verdict_tolerance(Tol, cl, res->pred, opts->quick, 128);
    st = relu_run(R, X, &y, T, cl, d, nd, cl->digits > 0 ? cl->digits : 20, opts->threads);
    if (st != NTK_SUCCESS)
    {
        ntk_claim_result_note(res, "Could not certify the weights: %s.", ntk_error_last());
        res->verdict = NTK_VERDICT_INCONCLUSIVE;
        st = NTK_SUCCESS;
        goto cleanup;
    }
    for (slong k = 0; k < nd; k++)
    {
        arb_set(dist + k, R->rows[k].wdist);
        snprintf(buf, sizeof(buf), "max |w - 1/%ld| at L = %ld", (long) (n + 3), (long) d[k]);
        _ntk_claim_add_ball(res, buf, dist + k);
    }
    /* L |w - 1/(n+3)| / ln L at the deepest depth: the log L / L rate */
    arb_log_ui(t, d[nd - 1], 128);
    arb_div(t, dist + nd - 1, t, 128);
    arb_mul_ui(t, t, d[nd - 1], 128);
    snprintf(buf, sizeof(buf), "L max|w - 1/%ld| / ln L at L = %ld", (long) (n + 3), (long) d[nd - 1]);
    _ntk_claim_add_ball(res, buf, t);
    res->verdict = ntk_verdict_decreasing(&dec, dist, nd, Tol);     /* rule V6 */
    ntk_claim_result_note(res, "n = %ld points uniform on S^%ld (seed %lu), %ld test points (seed %lu), "
                          "weights certified to %ld digits (working precision up to %ld bits). "
                          "The certified distance to 1/%ld %s along the depths; at L = %ld it is "
                          "%s the tolerance.", (long) n, (long) (cl->dim - 1),
                          (unsigned long) cl->seed, (long) cl->test_points,
                          (unsigned long) (cl->seed + 1), (long) (cl->digits > 0 ? cl->digits : 20),
                          (long) R->rows[nd - 1].prec, (long) (n + 3),
                          dec ? "decreases" : "does not decrease",
                          (long) d[nd - 1], arb_le(dist + nd - 1, Tol) ? "within" : "not within");
    _ntk_claim_set_series(res, d, dist, nd, "$\\max_{ij}|w_{ij} - 1/(n+3)|$");
    res->max_depth = d[nd - 1];
cleanup:
    if (y) _arb_vec_clear(y, n);
    _arb_vec_clear(dist, nd > 0 ? nd : 1);
    ntk_points_clear(X); ntk_points_clear(T);
    ntk_regress_result_clear(R);
    arb_clear(Tol); arb_clear(t);
    return st;
}

/* ------------------------------------------------------------------ */
/* H10, smooth: erf at its EOC, sigma_b = 0.2, q1 = q*, exact rational   */
/* correlations (points with integer norms), the iter engine per pair  */
/* ------------------------------------------------------------------ */
ntk_status
_ntk_hook_regress_h10_smooth(ntk_claim_result_t res, const ntk_claim_t cl,
                             const ntk_verify_opts_t opts)
{
    /* directions with integer norms: rho is rational (first layer
       Sigma^1 = q* [[1, rho], [rho, 1]], i.e. c0 = rho) */
    static const slong Xi[] = {3, 4, 0, 5,   0, 0, 7, 7,   2, 3, 6, 7};   /* x, y, z, |v| */
    static const slong Ti[] = {4, 0, 3, 5};
    const slong n = 3;
    slong d[NTK_CLAIM_MAXDEPTHS], nd, digits = cl->digits > 0 ? cl->digits : 20;
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rows[4][4];
    ntk_iter_info_t info;
    arb_mat_t K, B, W;
    arf_t cond;
    arb_ptr dist;
    arb_t Tol, lim, t;
    ntk_status st = NTK_SUCCESS;
    slong prec = 0;
    int dec;
    char buf[128];

    ntk_iter_problem_init(pb);
    /* the problem of the claim (act, sigma_w2 = eoc, sigma_b2, q1 = star:
       the smooth EOC limit 1/(n+2) of Lemma G6 needs the EOC and q1 = q*) */
    st = _ntk_claim_problem(pb, cl);
    if (st == NTK_SUCCESS && !(pb->eoc && pb->q1_star))
        st = ntk_error_set(NTK_DOMAIN, "field 'sigma_w2': hook %s needs sigma_w2 = eoc "
                           "and q1 = star", cl->hook);
    if (st != NTK_SUCCESS)
    {
        st = ntk_error_set(NTK_DOMAIN, "[%s] %s", cl->id ? cl->id : "?", _ntk_claim_errcopy());
        ntk_iter_problem_clear(pb);
        return st;
    }
    _ntk_claim_set_pred(res, "weights -> 1/(n+2) = 1/5 (n = 3, erf at its EOC, sigma_b = 0.2, q1 = q*)");
    nd = claim_depths(d, cl, opts);
    ntk_iter_info_init(info);
    arb_init(Tol); arb_init(lim); arb_init(t);
    arf_init(cond);
    dist = _arb_vec_init(nd > 0 ? nd : 1);
    ntk_verdict_tolerance(Tol, cl, res->pred, opts->quick, 128);
    arb_set_ui(lim, 1);
    arb_div_ui(lim, lim, n + 2, 128);
    arb_set(res->pred, lim);
    memset(rows, 0, sizeof(rows));
    /* one recursion per pair (i <= j over X and T; index 3 is the test) */
    for (slong i = 0; i < 4 && st == NTK_SUCCESS; i++)
        for (slong j = i; j < 4 && st == NTK_SUCCESS; j++)
        {
            const slong *a = i < 3 ? Xi + 4 * i : Ti, *b = j < 3 ? Xi + 4 * j : Ti;
            if (i == 3 && j == 3)
                continue;
            fmpq_set_si(pb->c0, a[0] * b[0] + a[1] * b[1] + a[2] * b[2], a[3] * b[3]);
            rows[i][j] = ntk_iter_rows_init(nd);
            st = ntk_iter_run(rows[i][j], info, pb, d, nd, digits + 10, NULL);
            if (info->prec > prec)
                prec = info->prec;
        }
    if (st != NTK_SUCCESS)
    {
        ntk_claim_result_note(res, "The recursion could not be certified: %s.", ntk_error_last());
        res->verdict = NTK_VERDICT_INCONCLUSIVE;
        goto cleanup;
    }
    arb_mat_init(K, n, n); arb_mat_init(B, n, 1); arb_mat_init(W, n, 1);
    for (slong k = 0; k < nd && st == NTK_SUCCESS; k++)
    {
        for (slong i = 0; i < n; i++)
        {
            for (slong j = 0; j < n; j++)
                arb_set(arb_mat_entry(K, i, j),
                        i <= j ? rows[i][j][k].theta12 : rows[j][i][k].theta12);
            arb_set(arb_mat_entry(B, i, 0), rows[i][3][k].theta12);
        }
        st = ntk_regress_solve(W, cond, K, B, prec);
        if (st != NTK_SUCCESS)
            break;
        arb_zero(dist + k);
        for (slong i = 0; i < n; i++)
        {
            arb_sub(t, arb_mat_entry(W, i, 0), lim, prec);
            arb_abs(t, t);
            arb_max(dist + k, dist + k, t, prec);
        }
        snprintf(buf, sizeof(buf), "max |w - 1/5| at L = %ld", (long) d[k]);
        _ntk_claim_add_ball(res, buf, dist + k);
    }
    arb_mat_clear(K); arb_mat_clear(B); arb_mat_clear(W);
    if (st != NTK_SUCCESS)
    {
        ntk_claim_result_note(res, "The solve could not be certified: %s.", ntk_error_last());
        res->verdict = NTK_VERDICT_INCONCLUSIVE;
        goto cleanup;
    }
    res->verdict = ntk_verdict_decreasing(&dec, dist, nd, Tol);     /* rule V6 */
    ntk_claim_result_note(res, "Training directions (3,4,0)/5, (0,0,1), (2,3,6)/7, test (4,0,3)/5 "
                          "(rational correlations, c0 = rho, q1 = q*); erf at its EOC for "
                          "sigma_b = 0.2 by the iter engine, Gram matrices solved in ball "
                          "arithmetic. The certified distance to 1/5 %s; at L = %ld it is %s "
                          "the tolerance.", dec ? "decreases" : "does not decrease",
                          (long) d[nd - 1], arb_le(dist + nd - 1, Tol) ? "within" : "not within");
    _ntk_claim_set_series(res, d, dist, nd, "$\\max_i|w_i - 1/(n+2)|$");
    res->max_depth = d[nd - 1];
cleanup:
    for (slong i = 0; i < 4; i++)
        for (slong j = 0; j < 4; j++)
            if (rows[i][j] != NULL)
                ntk_iter_rows_clear(rows[i][j], nd);
    _arb_vec_clear(dist, nd > 0 ? nd : 1);
    ntk_iter_problem_clear(pb);
    ntk_iter_info_clear(info);
    arb_clear(Tol); arb_clear(lim); arb_clear(t);
    arf_clear(cond);
    return NTK_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* S4                                                                  */
/* ------------------------------------------------------------------ */
ntk_status
_ntk_hook_regress_s4(ntk_claim_result_t res, const ntk_claim_t cl, const ntk_verify_opts_t opts)
{
    /* n training points on S^(dim-1) (the claim's n, dim, seed); test points: x_1 itself and
       x_delta = cos(delta) x_1 + sin(delta) u (u a unit vector orthogonal
       to x_1, rounded to doubles: exact rational directions at angle
       ~ delta from x_1), delta = 1e-1, 1e-2, 1e-3 */
    static const double deltas[] = {1e-1, 1e-2, 1e-3};
    const slong n = cl->n, dim = cl->dim, nt = 4;
    slong d[NTK_CLAIM_MAXDEPTHS], nd, L;
    ntk_points_t X, T;
    ntk_regress_result_t R;
    ntk_regress_model_t M;
    ntk_regress_opts o = {15, 0, 4096, 2};
    arb_ptr y = NULL;
    arb_t t, half, jump;
    fmpq *row;
    double x1[64], u[64], nn;
    ntk_status st;
    int unit_ok = 1, far_ok = 1;
    char buf[160];

    st = relu_eoc_check(cl, "n dim seed");
    if (st == NTK_SUCCESS && (dim < 2 || dim > 64))
        st = ntk_error_set(NTK_DOMAIN, "[%s] field 'dim': %ld is not in [2, 64] (hook %s)",
                           cl->id ? cl->id : "?", (long) dim, cl->hook);
    if (st != NTK_SUCCESS)
        return st;
    _ntk_claim_set_pred(res, "C(x) = lim w_L(x) continuous on the sphere with C(x_i) = e_i");
    nd = claim_depths(d, cl, opts);
    L = d[nd - 1];
    ntk_points_init(X); ntk_points_init(T);
    ntk_regress_result_init(R);
    ntk_regress_model_init(M);
    arb_init(t); arb_init(half); arb_init(jump);
    row = _fmpq_vec_init(dim);
    st = ntk_points_random_sphere(X, n, dim, cl->seed);
    /* x_1 and a unit vector orthogonal to it, in doubles */
    for (slong k = 0; k < dim; k++)
        x1[k] = fmpz_get_d(X->v + k) / (double) fmpz_get_d(X->den + 0);
    nn = 0;
    for (slong k = 0; k < dim; k++)
        nn += x1[k] * x1[k];
    nn = sqrt(nn);
    for (slong k = 0; k < dim; k++)
        x1[k] /= nn;
    for (slong k = 0; k < dim; k++)
        u[k] = k == 0 ? -x1[1] : k == 1 ? x1[0] : 0;
    nn = sqrt(u[0] * u[0] + u[1] * u[1]);
    for (slong k = 0; k < dim; k++)
        u[k] /= nn;
    ntk_points_set_size(T, nt, dim);
    for (slong j = 0; j < nt && st == NTK_SUCCESS; j++)
    {
        for (slong k = 0; k < dim; k++)
        {
            if (j == 0)
                fmpz_set(fmpq_numref(row + k), X->v + k), fmpz_set(fmpq_denref(row + k), X->den + 0);
            else
            {
                arb_set_d(t, cos(deltas[j - 1]) * x1[k] + sin(deltas[j - 1]) * u[k]);
                arf_get_fmpq(row + k, arb_midref(t));   /* exact dyadic */
            }
            fmpq_canonicalise(row + k);
        }
        st = ntk_points_set_row_fmpq(T, j, row, "S4 test point");
    }
    y = _arb_vec_init(n);
    if (st == NTK_SUCCESS)
        st = ntk_regress_target(y, X, "x1", 128);
    if (st == NTK_SUCCESS)
        st = relu_eoc_model(M);
    ntk_regress_model_set_default_q1(M, dim, 256);
    if (st == NTK_SUCCESS)
        st = ntk_regress_run(R, X, y, T, &L, 1, M, &o);
    if (st != NTK_SUCCESS)
    {
        ntk_claim_result_note(res, "Could not certify the weights: %s.", ntk_error_last());
        res->verdict = NTK_VERDICT_INCONCLUSIVE;
        goto cleanup;
    }
    /* (i) at x_1 the weights are e_1 (certified: the ball contains e_1) */
    for (slong i = 0; i < n; i++)
        if (!arb_contains_si(arb_mat_entry(R->rows[0].W, i, 0), i == 0))
            unit_ok = 0;
    {
        ntk_measured_struct *m = ntk_claim_result_add(res, "w_L(x_1)", NTK_MEASURED_TEXT);
        m->text = strdup(unit_ok ? "contains e_1 (certified)" : "does not contain e_1");
    }
    /* (ii) near x_1: max_i |w_L(x_delta)_i - 1/(n+3)| */
    arb_set_ui(jump, n + 2);
    arb_div_ui(jump, jump, n + 3, 128);            /* |e_1 - 1/(n+3)|_inf */
    arb_mul_2exp_si(half, jump, -1);
    for (slong j = 1; j < nt; j++)
    {
        arb_zero(t);
        for (slong i = 0; i < n; i++)
        {
            arb_t s;
            arb_init(s);
            arb_set_ui(s, 1);
            arb_div_ui(s, s, n + 3, 128);
            arb_sub(s, arb_mat_entry(R->rows[0].W, i, j), s, 128);
            arb_abs(s, s);
            arb_max(t, t, s, 128);
            arb_clear(s);
        }
        snprintf(buf, sizeof(buf), "max |w_L(x_delta) - 1/%ld|, delta = %g, L = %ld",
                 (long) (n + 3), deltas[j - 1], (long) L);
        _ntk_claim_add_ball(res, buf, t);
        if (!arb_lt(t, half))
            far_ok = 0;
    }
    if (unit_ok && far_ok)
    {
        res->verdict = NTK_VERDICT_REFUTED;
        ntk_claim_result_note(res, "At depth L = %ld the certified weights are e_1 at x_1 but "
                              "already within half the jump of the constant 1/(n+3) = 1/%ld at "
                              "angles 0.1, 0.01, 0.001 from x_1. With H10 (the limit is 1/(n+3) "
                              "at every x off the training set, proofs/regress.md Lemma G6) the "
                              "limit C jumps by %ld/%ld at x_1: it is not continuous (Lemma G7).",
                              (long) L, (long) (n + 3), (long) (n + 2), (long) (n + 3));
    }
    else
    {
        res->verdict = NTK_VERDICT_INCONCLUSIVE;
        ntk_claim_result_note(res, "At depth L = %ld the weights near x_1 are not yet separated "
                              "from e_1 (or e_1 was not certified at x_1): no decision from "
                              "these numbers.", (long) L);
    }
    res->max_depth = L;
cleanup:
    if (y) _arb_vec_clear(y, n);
    _fmpq_vec_clear(row, dim);
    ntk_points_clear(X); ntk_points_clear(T);
    ntk_regress_result_clear(R);
    ntk_regress_model_clear(M);
    arb_clear(t); arb_clear(half); arb_clear(jump);
    return NTK_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* S6                                                                  */
/* ------------------------------------------------------------------ */
ntk_status
_ntk_hook_regress_s6(ntk_claim_result_t res, const ntk_claim_t cl, const ntk_verify_opts_t opts)
{
    /* depths = L0, Lmax: the network is run at every depth 1..Lmax; the
       kernel is compared at L0 and Lmax, the predictor settles from L0 */
    const slong n = cl->n, m = cl->test_points;
    slong *d = NULL, nd = 0, L0 = 0, Lmax = 0;
    ntk_points_t X, T;
    ntk_regress_result_t R;
    arb_ptr y = NULL;
    arb_t ymax, K10, K30, t, s, tol, chg, maxchg;
    ntk_status st;
    int settled = 1, slow;
    char buf[256];

    st = relu_eoc_check(cl, "n dim seed test_points");
    if (st == NTK_SUCCESS && (cl->ndepths != 2 || cl->depths[1] > 1000))
        st = ntk_error_set(NTK_DOMAIN, "[%s] field 'depths': hook %s needs two depths "
                           "L0 < Lmax <= 1000", cl->id ? cl->id : "?", cl->hook);
    if (st != NTK_SUCCESS)
        return st;
    L0 = cl->depths[0];
    Lmax = cl->depths[1];
    nd = Lmax;
    snprintf(buf, sizeof(buf), "kernel far from its limit at L = %ld (distance not halved since "
             "L = %ld) while the predictor changes by < 1%% of the label scale per layer for "
             "L >= %ld", (long) Lmax, (long) L0, (long) L0);
    _ntk_claim_set_pred(res, buf);
    d = flint_malloc(sizeof(slong) * (size_t) nd);
    for (slong k = 0; k < nd; k++)
        d[k] = k + 1;
    ntk_points_init(X); ntk_points_init(T);
    ntk_regress_result_init(R);
    arb_init(ymax); arb_init(K10); arb_init(K30); arb_init(t); arb_init(s);
    arb_init(tol); arb_init(chg); arb_init(maxchg);
    st = relu_run(R, X, &y, T, cl, d, nd, cl->digits > 0 ? cl->digits : 15, opts->threads);
    if (st != NTK_SUCCESS)
    {
        ntk_claim_result_note(res, "Could not certify the weights: %s.", ntk_error_last());
        res->verdict = NTK_VERDICT_INCONCLUSIVE;
        st = NTK_SUCCESS;
        goto cleanup;
    }
    /* label scale */
    arb_zero(ymax);
    for (slong i = 0; i < n; i++)
    {
        arb_abs(t, y + i);
        arb_max(ymax, ymax, t, 128);
    }
    ntk_verdict_tolerance(tol, cl, ymax, opts->quick, 128);     /* relative to max|y| */
    /* kernel distance to its limit 1/4: max over off-diagonal entries */
    for (int which = 0; which < 2; which++)
    {
        const ntk_regress_row_struct *r = R->rows + (which ? Lmax - 1 : L0 - 1);
        arb_ptr K = which ? K30 : K10;
        arb_set_ui(s, 1);
        arb_mul_2exp_si(s, s, -2);
        arb_sub(t, r->offmax, s, 128);
        arb_abs(t, t);
        arb_sub(K, r->offmin, s, 128);
        arb_abs(K, K);
        arb_max(K, K, t, 128);
        snprintf(buf, sizeof(buf), "kernel: max |Theta_ij/Theta_11 - 1/4| at L = %ld",
                 (long) (which ? Lmax : L0));
        _ntk_claim_add_ball(res, buf, K);
    }
    arb_mul_2exp_si(t, K10, -1);
    slow = arb_gt(K30, t);
    /* predictor: per-layer changes for L = L0..Lmax-1 */
    arb_zero(maxchg);
    for (slong k = L0 - 1; k < Lmax - 1; k++)
        for (slong j = 0; j < m; j++)
        {
            arb_sub(chg, R->rows[k + 1].pred + j, R->rows[k].pred + j, 128);
            arb_abs(chg, chg);
            arb_max(maxchg, maxchg, chg, 128);
        }
    arb_div(t, maxchg, ymax, 128);
    snprintf(buf, sizeof(buf), "predictor: max_{%ld<=L<%ld} |f_{L+1} - f_L| / max|y|",
             (long) L0, (long) Lmax);
    _ntk_claim_add_ball(res, buf, t);
    snprintf(buf, sizeof(buf), "max |w - 1/(n+3)| at L = %ld", (long) L0);
    _ntk_claim_add_ball(res, buf, R->rows[L0 - 1].wdist);
    snprintf(buf, sizeof(buf), "max |w - 1/(n+3)| at L = %ld", (long) Lmax);
    _ntk_claim_add_ball(res, buf, R->rows[Lmax - 1].wdist);
    snprintf(buf, sizeof(buf), "max |f - f_lim| at L = %ld (f_lim = sum y/(n+3))", (long) Lmax);
    _ntk_claim_add_ball(res, buf, R->rows[Lmax - 1].pdist);
    settled = arb_le(maxchg, tol);
    res->verdict = ntk_verdict_settle(maxchg, tol, K10, K30);      /* rule V7 */
    {
        char kern[96], pred[160];
        if (slow)
            snprintf(kern, sizeof(kern), "still far from 1/4 at L = %ld (certified)", (long) Lmax);
        else
            snprintf(kern, sizeof(kern), "converged faster than claimed");
        if (settled)
            snprintf(pred, sizeof(pred), "settled from L = %ld on (certified per-layer change "
                     "below 1%% of max|y|)", (long) L0);
        else
            snprintf(pred, sizeof(pred), "not settled");
        ntk_claim_result_note(res, "n = %ld points uniform on S^%ld (seed %lu), %ld test points "
                              "(seed %lu), target x_1, ReLU at the EOC, depths 1..%ld, certified "
                              "weights. Kernel %s; predictor %s.", (long) n, (long) (cl->dim - 1),
                              (unsigned long) cl->seed, (long) m, (unsigned long) (cl->seed + 1),
                              (long) Lmax, kern, pred);
    }
    {
        arb_ptr e = _arb_vec_init(nd);
        for (slong k = 0; k < nd; k++)
            arb_set(e + k, R->rows[k].pdist);
        _ntk_claim_set_series(res, d, e, nd, "$\\max_j|f_L(x_j) - f_\\infty(x_j)|$");
        _arb_vec_clear(e, nd);
    }
    res->max_depth = Lmax;
cleanup:
    flint_free(d);
    if (y) _arb_vec_clear(y, n);
    ntk_points_clear(X); ntk_points_clear(T);
    ntk_regress_result_clear(R);
    arb_clear(ymax); arb_clear(K10); arb_clear(K30); arb_clear(t); arb_clear(s);
    arb_clear(tol); arb_clear(chg); arb_clear(maxchg);
    return st;
}
