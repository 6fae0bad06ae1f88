/*
 * regress: Gram matrices, certified solves and the driver, against
 * independent truth: exact rational linear algebra (fmpq_mat) with a
 * closed-form test kernel, the arc-cosine closed form at depth 2, the iter
 * engine (another implementation) at exact c0, higher precision, e_i at
 * the training points, and the input checks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <flint/fmpq_mat.h>
#include "ntkdepth.h"

/* rows of small integers (directions); norms need not be 1 */
static void
points_from_ints(ntk_points_t P, slong n, slong dim, const slong *v)
{
    fmpq *row = _fmpq_vec_init(dim);
    ntk_points_set_size(P, n, dim);
    for (slong i = 0; i < n; i++)
    {
        for (slong k = 0; k < dim; k++)
            fmpq_set_si(row + k, v[i * dim + k], 1);
        assert_int_equal(ntk_points_set_row_fmpq(P, i, row, "test"), NTK_SUCCESS);
    }
    _fmpq_vec_clear(row, dim);
}

static void
set_relu(ntk_regress_model_t M, const char *sw2, const char *sb2, slong prec)
{
    assert_int_equal(ntk_act_set_str(M->net->act, "relu"), NTK_SUCCESS);
    assert_int_equal(ntk_parse_arb(M->net->sigma_w2, sw2, "sw2", prec), NTK_SUCCESS);
    assert_int_equal(ntk_parse_arb(M->net->sigma_b2, sb2, "sb2", prec), NTK_SUCCESS);
}

/* ---- 1. solve vs exact rational linear algebra ---- */

/* Test kernel, rational in eps0 (so exact for rational rho):
   Theta11 = L + 2, Delta = (L + 1) eps0 / (1 + eps0). */
static ntk_status
test_kernel(arb_ptr th11, arb_ptr delta, const arb_t eps0, const slong *depths,
            slong nd, const void *param, slong prec)
{
    arb_t t;
    arb_init(t);
    for (slong k = 0; k < nd; k++)
    {
        arb_set_si(th11 + k, depths[k] + 2);
        arb_add_ui(t, eps0, 1, prec);
        arb_div(t, eps0, t, prec);
        arb_mul_si(delta + k, t, depths[k] + 1, prec);
    }
    arb_clear(t);
    return NTK_SUCCESS;
}

static void
exact_kernel(fmpq_t res, const fmpq_t rho, slong L)
{
    fmpq_t e, t;
    fmpq_init(e); fmpq_init(t);
    fmpq_one(e);
    fmpq_sub(e, e, rho);                 /* eps0 = 1 - rho */
    fmpq_set_si(t, 1, 1);
    fmpq_add(t, t, e);
    fmpq_div(e, e, t);
    fmpq_mul_si(e, e, L + 1);
    fmpq_set_si(res, L + 2, 1);
    fmpq_sub(res, res, e);
    fmpq_clear(e); fmpq_clear(t);
}

/* rows with integer norms, so rho is rational */
static const slong Xi[] = {3, 4, 0,   0, 0, 7,   2, 3, 6,   1, 0, 0,   0, 5, 12};
static const slong Ti[] = {2, 6, 3,   4, 0, 3};
static const slong Xnorm[] = {5, 7, 7, 1, 13};
static const slong Tnorm[] = {7, 5};

static void
exact_rho(fmpq_t rho, const slong *a, slong na, const slong *b, slong nb)
{
    fmpq_set_si(rho, a[0] * b[0] + a[1] * b[1] + a[2] * b[2], na * nb);
}

static void
test_solve_exact(void **state)
{
    ntk_points_t X, T;
    ntk_gram_t G;
    arb_mat_t W;
    arf_t cond;
    arb_t one;
    fmpq_mat_t K, B, Wq;
    fmpq_t rho;
    slong depths[2] = {3, 50}, n = 5, m = 2, prec = 128;
    (void) state;

    ntk_points_init(X); ntk_points_init(T);
    points_from_ints(X, n, 3, Xi);
    points_from_ints(T, m, 3, Ti);
    ntk_gram_init(G);
    arb_init(one);
    arb_one(one);
    arf_init(cond);
    assert_int_equal(ntk_gram_build(G, X, T, depths, 2, one, test_kernel, NULL, 2, prec),
                     NTK_SUCCESS);
    fmpq_mat_init(K, n, n); fmpq_mat_init(B, n, m); fmpq_mat_init(Wq, n, m);
    fmpq_init(rho);
    for (slong d = 0; d < 2; d++)
    {
        for (slong i = 0; i < n; i++)
        {
            for (slong j = 0; j < n; j++)
            {
                exact_rho(rho, Xi + 3 * i, Xnorm[i], Xi + 3 * j, Xnorm[j]);
                exact_kernel(fmpq_mat_entry(K, i, j), rho, depths[d]);
                assert_true(arb_contains_fmpq(arb_mat_entry(G->kappa + d, i, j),
                                              fmpq_mat_entry(K, i, j)));
            }
            for (slong j = 0; j < m; j++)
            {
                exact_rho(rho, Xi + 3 * i, Xnorm[i], Ti + 3 * j, Tnorm[j]);
                exact_kernel(fmpq_mat_entry(B, i, j), rho, depths[d]);
            }
        }
        assert_true(fmpq_mat_solve_fraction_free(Wq, K, B));
        arb_mat_init(W, n, m);
        assert_int_equal(ntk_regress_solve(W, cond, G->kappa + d, G->kx + d, prec), NTK_SUCCESS);
        for (slong i = 0; i < n; i++)
            for (slong j = 0; j < m; j++)
            {
                assert_true(arb_contains_fmpq(arb_mat_entry(W, i, j), fmpq_mat_entry(Wq, i, j)));
                assert_true(arb_rel_accuracy_bits(arb_mat_entry(W, i, j)) > 80);
            }
        assert_true(ntk_regress_weights_accurate(W, 20));
        arb_mat_clear(W);
    }
    fmpq_clear(rho);
    fmpq_mat_clear(K); fmpq_mat_clear(B); fmpq_mat_clear(Wq);
    arf_clear(cond);
    arb_clear(one);
    ntk_gram_clear(G);
    ntk_points_clear(X); ntk_points_clear(T);
}

/* ---- 2. depth 2 against the arc-cosine closed form ---- */
static void
test_depth2_closed_form(void **state)
{
    /* ReLU, sigma_w2 = 2, sigma_b2 = 0, q1 = 1, eps0 = 1 - c:
       Sigma^2_12 = (sqrt(1-c^2) + c (pi - acos c)) / pi, D12 = (pi - acos c)/pi,
       Theta^2_12 = c D12 + Sigma^2_12 (Cho & Saul / Jacot closed forms) */
    fmpq_t a, b;
    arb_t sw2, sb2, q1, eps0, c, t, s, pi, want;
    arb_ptr th = _arb_vec_init(1), de = _arb_vec_init(1);
    slong L = 2, prec = 128;
    const char *cs[] = {"0.3", "-0.7", "0.999", "0"};
    (void) state;

    fmpq_init(a); fmpq_init(b);
    fmpq_set_si(a, 1, 2); fmpq_set_si(b, 1, 2);
    arb_init(sw2); arb_init(sb2); arb_init(q1); arb_init(eps0); arb_init(c);
    arb_init(t); arb_init(s); arb_init(pi); arb_init(want);
    arb_set_ui(sw2, 2); arb_one(q1);
    arb_const_pi(pi, prec);
    for (int i = 0; i < 4; i++)
    {
        for (int bias = 0; bias < 2; bias++)
        {
            ntk_parse_arb(c, cs[i], "c", prec);
            arb_sub_ui(eps0, c, 1, prec);
            arb_neg(eps0, eps0);
            /* bias = 1: sigma_b2 = 0.1 (general path of the recursion) */
            if (bias)
                ntk_parse_arb(sb2, "0.1", "sb2", prec);
            else
                arb_zero(sb2);
            assert_int_equal(ntk_iter_relulike_gap(th, de, eps0, &L, 1, a, b, sw2, sb2,
                                                   q1, prec), NTK_SUCCESS);
            /* q2 = sb2 + 1; Sigma^2_12 = sb2 + (sqrt(1-c^2) + c(pi - acos c))/pi */
            arb_acos(t, c, prec);
            arb_sub(t, pi, t, prec);
            arb_div(t, t, pi, prec);            /* D12 */
            arb_mul(want, c, t, prec);          /* Theta^1_12 D12 */
            arb_sqr(s, c, prec);
            arb_sub_ui(s, s, 1, prec);
            arb_neg(s, s);
            arb_sqrt(s, s, prec);
            arb_acos(t, c, prec);
            arb_sub(t, pi, t, prec);
            arb_addmul(s, c, t, prec);
            arb_div(s, s, pi, prec);
            arb_add(s, s, sb2, prec);           /* Sigma^2_12 */
            arb_add(want, want, s, prec);       /* Theta^2_12 */
            /* Theta^2_11 = 1 + (1 + sb2) */
            arb_add_ui(t, sb2, 2, prec);
            assert_true(arb_overlaps(th, t));
            arb_sub(t, th, de, prec);
            assert_true(arb_overlaps(t, want));
            assert_true(arb_rel_accuracy_bits(t) > 100);
        }
    }
    _arb_vec_clear(th, 1); _arb_vec_clear(de, 1);
    fmpq_clear(a); fmpq_clear(b);
    arb_clear(sw2); arb_clear(sb2); arb_clear(q1); arb_clear(eps0); arb_clear(c);
    arb_clear(t); arb_clear(s); arb_clear(pi); arb_clear(want);
}

/* ---- 3. against the iter engine (another implementation) ---- */
static void
check_against_iter(const char *act, const char *sw2s, const char *sb2s,
                   const char *c0s, slong depth, slong digits)
{
    ntk_iter_problem_t pb;
    ntk_iter_row_struct *rows = ntk_iter_rows_init(1);
    ntk_regress_model_t M;
    arb_t eps0, c0, t;
    arb_ptr th = _arb_vec_init(1), de = _arb_vec_init(1);
    slong prec = 192;

    ntk_iter_problem_init(pb);
    assert_int_equal(ntk_act_set_str(pb->act, act), NTK_SUCCESS);
    ntk_parse_fmpq(pb->sigma_w2, sw2s, "sw2");
    ntk_parse_fmpq(pb->sigma_b2, sb2s, "sb2");
    ntk_parse_fmpq(pb->c0, c0s, "c0");
    fmpq_one(pb->q1);
    assert_int_equal(ntk_iter_run(rows, NULL, pb, &depth, 1, digits, NULL), NTK_SUCCESS);

    ntk_regress_model_init(M);
    assert_int_equal(ntk_act_set_str(M->net->act, act), NTK_SUCCESS);
    ntk_parse_arb(M->net->sigma_w2, sw2s, "sw2", prec);
    ntk_parse_arb(M->net->sigma_b2, sb2s, "sb2", prec);
    arb_one(M->q1);
    arb_init(eps0); arb_init(c0); arb_init(t);
    ntk_parse_arb(c0, c0s, "c0", prec);
    arb_sub_ui(eps0, c0, 1, prec);
    arb_neg(eps0, eps0);
    assert_int_equal(ntk_regress_model_kernel(th, de, eps0, &depth, 1, M, prec), NTK_SUCCESS);
    assert_true(arb_overlaps(th, rows[0].theta11));
    arb_sub(t, th, de, prec);
    assert_true(arb_overlaps(t, rows[0].theta12));
    assert_true(arb_rel_accuracy_bits(t) > 3 * digits);

    ntk_regress_model_clear(M);
    arb_clear(eps0); arb_clear(c0); arb_clear(t);
    _arb_vec_clear(th, 1); _arb_vec_clear(de, 1);
    ntk_iter_rows_clear(rows, 1);
    ntk_iter_problem_clear(pb);
}

static void
test_against_iter(void **state)
{
    (void) state;
    check_against_iter("relu", "2", "0", "0.5", 3000, 20);        /* EOC, series path */
    check_against_iter("relu", "2", "0", "-0.9", 50, 20);
    check_against_iter("leaky_relu:0.2", "1.5", "0", "0.1", 500, 20);
    check_against_iter("relu", "1", "0.04", "0.3", 40, 15);       /* Jacot beta = 0.2 */
    check_against_iter("abs", "0.8", "0.5", "-0.25", 30, 15);
}

/* ---- 4. training points as test points: weights e_i exactly ---- */
static void
test_train_points_unit_weights(void **state)
{
    ntk_points_t X, T;
    ntk_regress_model_t M;
    ntk_regress_result_t R;
    ntk_regress_opts o = {20, 0, 4096, 2};
    arb_ptr y;
    slong depths[3] = {1, 7, 400}, n = 6, dim = 9;
    (void) state;

    ntk_points_init(X); ntk_points_init(T);
    assert_int_equal(ntk_points_random_sphere(X, n, dim, 5), NTK_SUCCESS);
    assert_int_equal(ntk_points_random_sphere(T, n, dim, 5), NTK_SUCCESS);  /* same points */
    ntk_regress_model_init(M);
    set_relu(M, "2", "0", 256);
    ntk_regress_model_set_default_q1(M, dim, 256);
    y = _arb_vec_init(n);
    ntk_regress_target(y, X, "x1", 128);
    ntk_regress_result_init(R);
    assert_int_equal(ntk_regress_run(R, X, y, T, depths, 3, M, &o), NTK_SUCCESS);
    assert_int_equal(R->limit, NTK_LIMIT_RELU_EOC);
    for (slong k = 0; k < 3; k++)
        for (slong i = 0; i < n; i++)
            for (slong j = 0; j < n; j++)
                assert_true(arb_contains_si(arb_mat_entry(R->rows[k].W, i, j), i == j));
    /* the prediction at a training point is its label */
    for (slong j = 0; j < n; j++)
        assert_true(arb_overlaps(R->rows[2].pred + j, y + j));
    ntk_regress_result_clear(R);
    _arb_vec_clear(y, n);
    ntk_regress_model_clear(M);
    ntk_points_clear(X); ntk_points_clear(T);
}

/* ---- 5. precision escalation, Jacot ordered phase ---- */
static void
test_escalation_jacot(void **state)
{
    ntk_points_t X, T;
    ntk_regress_model_t M;
    ntk_regress_result_t R, H;
    ntk_regress_opts o = {12, 0, 8192, 2}, oh = {30, 4096, 8192, 2};
    arb_ptr y;
    slong depth = 300, n = 4, dim = 5;
    (void) state;

    ntk_points_init(X); ntk_points_init(T);
    ntk_points_random_sphere(X, n, dim, 11);
    ntk_points_random_sphere(T, 2, dim, 12);
    ntk_regress_model_init(M);
    set_relu(M, "1", "0.01", 9000);               /* beta = 0.1 */
    ntk_regress_model_set_default_q1(M, dim, 9000);
    y = _arb_vec_init(n);
    ntk_regress_target(y, X, "x1", 128);
    ntk_regress_result_init(R);
    ntk_regress_result_init(H);
    assert_int_equal(ntk_regress_run(R, X, y, T, &depth, 1, M, &o), NTK_SUCCESS);
    /* kappa is within ~2^-300 of a rank-one matrix: 12 digits need far more
       than the starting 72 bits */
    assert_true(R->rows[0].prec >= 256);
    assert_true(R->attempts >= 3);
    assert_int_equal(ntk_regress_run(H, X, y, T, &depth, 1, M, &oh), NTK_SUCCESS);
    for (slong i = 0; i < n; i++)
        for (slong j = 0; j < 2; j++)
        {
            assert_true(arb_contains(arb_mat_entry(R->rows[0].W, i, j),
                                     arb_mat_entry(H->rows[0].W, i, j)));
            assert_true(arb_rel_accuracy_bits(arb_mat_entry(H->rows[0].W, i, j)) > 90);
        }
    ntk_regress_result_clear(R);
    ntk_regress_result_clear(H);
    _arb_vec_clear(y, n);
    ntk_regress_model_clear(M);
    ntk_points_clear(X); ntk_points_clear(T);
}

/* ---- 6. weights approach 1/(n+3) at moderate depth (ReLU EOC) ---- */
static void
test_limit_moderate(void **state)
{
    ntk_points_t X, T;
    ntk_regress_model_t M;
    ntk_regress_result_t R;
    ntk_regress_opts o = {15, 0, 4096, 2};
    arb_ptr y;
    slong depths[2] = {1000, 20000}, n = 3, dim = 4;
    arb_t b0, b1;
    (void) state;

    ntk_points_init(X); ntk_points_init(T);
    ntk_points_random_sphere(X, n, dim, 21);
    ntk_points_random_sphere(T, 2, dim, 22);
    ntk_regress_model_init(M);
    set_relu(M, "2", "0", 256);
    ntk_regress_model_set_default_q1(M, dim, 256);
    y = _arb_vec_init(n);
    ntk_regress_target(y, X, "x1", 128);
    ntk_regress_result_init(R);
    assert_int_equal(ntk_regress_run(R, X, y, T, depths, 2, M, &o), NTK_SUCCESS);
    /* the distance to 1/(n+3) shrinks like log L / L (P4 H10, H5): from
       L = 1000 to 20000 it must drop by more than a factor 8 (the log L / L
       ratio is 14.3) and be below 5e-3 */
    arb_init(b0); arb_init(b1);
    arb_mul_ui(b1, R->rows[1].wdist, 8, 64);
    assert_true(arb_lt(b1, R->rows[0].wdist));
    arb_set_d(b0, 5e-3);
    assert_true(arb_lt(R->rows[1].wdist, b0));
    arb_clear(b0); arb_clear(b1);
    ntk_regress_result_clear(R);
    _arb_vec_clear(y, n);
    ntk_regress_model_clear(M);
    ntk_points_clear(X); ntk_points_clear(T);
}

/* ---- 7. bad input ---- */
static void
test_bad_input(void **state)
{
    ntk_points_t X, T, E;
    ntk_gram_t G;
    ntk_regress_model_t M;
    arb_t one;
    slong L = 5;
    static const slong dup[] = {1, 2, 0,   0, 1, 0,   2, 4, 0};   /* rows 1, 3 same */
    static const slong t2[] = {1, 1};
    (void) state;

    ntk_points_init(X); ntk_points_init(T); ntk_points_init(E);
    ntk_gram_init(G);
    ntk_regress_model_init(M);
    set_relu(M, "2", "0", 128);
    arb_one(M->q1);
    arb_init(one);
    arb_one(one);
    points_from_ints(X, 3, 3, dup);
    points_from_ints(T, 1, 2, t2);
    ntk_points_set_size(E, 0, 3);
    assert_int_equal(ntk_gram_build(G, X, E, &L, 1, one, ntk_regress_model_kernel, M, 1, 64),
                     NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "rows 1 and 3"));
    assert_int_equal(ntk_gram_build(G, E, E, &L, 1, one, ntk_regress_model_kernel, M, 1, 64),
                     NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "n = 0"));
    assert_int_equal(ntk_gram_build(G, X, T, &L, 1, one, ntk_regress_model_kernel, M, 1, 64),
                     NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "dimension"));
    {
        fmpq *row = _fmpq_vec_init(3);
        ntk_points_set_size(E, 1, 3);
        assert_int_equal(ntk_points_set_row_fmpq(E, 0, row, "--train"), NTK_DOMAIN);
        assert_non_null(strstr(ntk_error_last(), "zero vector"));
        _fmpq_vec_clear(row, 3);
    }
    assert_int_equal(ntk_points_random_sphere(E, 0, 3, 1), NTK_DOMAIN);
    arb_clear(one);
    ntk_regress_model_clear(M);
    ntk_gram_clear(G);
    ntk_points_clear(X); ntk_points_clear(T); ntk_points_clear(E);
}

/* ---- 8. CSV ---- */
static char *
write_tmp(const char *text)
{
    char *path = malloc(64);
    FILE *fp;
    strcpy(path, "/tmp/t-regress-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fp = fdopen(fd, "w");
    fputs(text, fp);
    fclose(fp);
    return path;
}

static void
csv_expect(const char *text, int labels, ntk_status want, const char *msg_part)
{
    ntk_points_t P;
    fmpq *lab = NULL;
    char *path = write_tmp(text);
    ntk_status st;
    ntk_points_init(P);
    st = ntk_points_read_csv(P, labels ? &lab : NULL, path, "--train");
    assert_int_equal(st, want);
    if (msg_part != NULL)
    {
        if (strstr(ntk_error_last(), msg_part) == NULL)
            fail_msg("message '%s' lacks '%s'", ntk_error_last(), msg_part);
    }
    if (st == NTK_SUCCESS && lab != NULL)
        _fmpq_vec_clear(lab, P->n);
    ntk_points_clear(P);
    unlink(path);
    free(path);
}

static void
test_csv(void **state)
{
    ntk_points_t P;
    fmpq *lab = NULL;
    fmpq_t q;
    char *path;
    (void) state;

    /* a good file: comments, blanks, spaces, exact decimals */
    path = write_tmp("# x1, x2, y\n0.6, 0.8, 1.5\n\n  3 , 4 , -2e-1\n0,0.1,7\n");
    ntk_points_init(P);
    fmpq_init(q);
    assert_int_equal(ntk_points_read_csv(P, &lab, path, "--train"), NTK_SUCCESS);
    assert_int_equal(P->n, 3);
    assert_int_equal(P->dim, 2);
    fmpq_set_si(q, -1, 5);
    assert_true(fmpq_equal(lab + 1, q));
    /* rows 1 and 2 have the same direction: norm2 of (3,4) is 25, of
       (0.6,0.8)*5 = (3,4) also */
    assert_true(fmpz_equal(P->norm2 + 0, P->norm2 + 1));
    assert_true(fmpz_equal_si(P->den + 0, 5));
    _fmpq_vec_clear(lab, P->n);
    ntk_points_clear(P);
    fmpq_clear(q);
    unlink(path);
    free(path);

    csv_expect("1,2\n3,x\n", 0, NTK_DOMAIN, "line 2 column 2");
    csv_expect("1,2\n3,4,5\n", 0, NTK_DOMAIN, "line 2: 3 columns");
    csv_expect("1,2\n0,0\n", 0, NTK_DOMAIN, "line 2: zero vector");
    csv_expect("# nothing\n\n", 0, NTK_DOMAIN, "n = 0");
    csv_expect("1,,2\n", 0, NTK_DOMAIN, "line 1: empty field");
    csv_expect("1\n2\n", 1, NTK_DOMAIN, "at least one coordinate and a label");
    csv_expect("1,nan\n", 0, NTK_DOMAIN, "line 1 column 2");
    {
        ntk_points_t Q;
        ntk_points_init(Q);
        assert_int_equal(ntk_points_read_csv(Q, NULL, "/nonexistent/x.csv", "--train"), NTK_IO);
        ntk_points_clear(Q);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_solve_exact),
        cmocka_unit_test(test_depth2_closed_form),
        cmocka_unit_test(test_against_iter),
        cmocka_unit_test(test_train_points_unit_weights),
        cmocka_unit_test(test_escalation_jacot),
        cmocka_unit_test(test_limit_moderate),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_csv),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return r;
}
