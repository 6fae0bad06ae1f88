/* ntk_gram_build (src/regress/gram.c) with a kernel whose Gram matrices
 * are known exactly: Theta^L_12 = L rho (theta11 = L, delta = L eps0), so
 * kappa[k] = L <x_i, x_j> and kx[k] = L <x_i, t_j> for unit vectors with
 * rational coordinates (independent truth: the exact inner products). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

#define PREC 128

static ntk_status
linear_kernel(arb_ptr theta11, arb_ptr delta, const arb_t eps0, const slong *depths,
              slong nd, const void *param, slong prec)
{
    (void) param;
    for (slong k = 0; k < nd; k++)
    {
        arb_set_si(theta11 + k, depths[k]);
        arb_mul_si(delta + k, eps0, depths[k], prec);
    }
    return NTK_SUCCESS;
}

/* rows given as integer vectors over their (integer) norm */
static void
set_points(ntk_points_t P, const slong *v, slong n)
{
    fmpq *row = _fmpq_vec_init(3);
    ntk_points_set_size(P, n, 3);
    for (slong i = 0; i < n; i++)
    {
        for (int k = 0; k < 3; k++)
            fmpq_set_si(row + k, v[4 * i + k], v[4 * i + 3]);
        assert_int_equal(ntk_points_set_row_fmpq(P, i, row, "test"), NTK_SUCCESS);
    }
    _fmpq_vec_clear(row, 3);
}

static void
test_exact(void **state)
{
    static const slong xv[] = {3, 4, 0, 5,   0, 0, 7, 7,   2, 3, 6, 7};
    static const slong tv[] = {4, 0, 3, 5,   0, 1, 0, 1};
    slong depths[2] = {3, 10};
    ntk_points_t X, T;
    ntk_gram_t G;
    arb_t one, want;
    fmpq_t dot, t;
    (void) state;
    ntk_points_init(X); ntk_points_init(T);
    ntk_gram_init(G);
    arb_init(one); arb_init(want);
    fmpq_init(dot); fmpq_init(t);
    arb_one(one);
    set_points(X, xv, 3);
    set_points(T, tv, 2);
    assert_int_equal(ntk_gram_build(G, X, T, depths, 2, one, linear_kernel, NULL, 2, PREC),
                     NTK_SUCCESS);
    assert_int_equal(G->n, 3);
    assert_int_equal(G->m, 2);
    assert_int_equal(G->nd, 2);
    for (slong k = 0; k < 2; k++)
    {
        for (slong i = 0; i < 3; i++)
            for (slong j = 0; j < 3 + 2; j++)
            {
                const slong *a = xv + 4 * i, *b = j < 3 ? xv + 4 * j : tv + 4 * (j - 3);
                fmpq_set_si(dot, a[0] * b[0] + a[1] * b[1] + a[2] * b[2], a[3] * b[3]);
                fmpq_set_si(t, depths[k], 1);
                fmpq_mul(dot, dot, t);
                arb_set_fmpq(want, dot, PREC);
                if (j < 3)
                    assert_true(arb_overlaps(arb_mat_entry(G->kappa + k, i, j), want));
                else
                    assert_true(arb_overlaps(arb_mat_entry(G->kx + k, i, j - 3), want));
            }
        /* the diagonal is exactly L */
        for (slong i = 0; i < 3; i++)
            assert_true(arb_equal_si(arb_mat_entry(G->kappa + k, i, i), depths[k]));
    }
    ntk_points_clear(X); ntk_points_clear(T);
    ntk_gram_clear(G);
    arb_clear(one); arb_clear(want);
    fmpq_clear(dot); fmpq_clear(t);
}

/* two training points with the same direction: the Gram matrix is singular */
static void
test_same_direction(void **state)
{
    static const slong xv[] = {1, 0, 0, 1,   2, 0, 0, 2};
    slong depth = 5;
    ntk_points_t X, T;
    ntk_gram_t G;
    arb_t one;
    (void) state;
    ntk_points_init(X); ntk_points_init(T);
    ntk_gram_init(G);
    arb_init(one);
    arb_one(one);
    set_points(X, xv, 2);
    ntk_points_set_size(T, 0, 3);
    assert_int_equal(ntk_gram_build(G, X, T, &depth, 1, one, linear_kernel, NULL, 1, PREC),
                     NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "same point"));
    ntk_points_clear(X); ntk_points_clear(T);
    ntk_gram_clear(G);
    arb_clear(one);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact),
        cmocka_unit_test(test_same_direction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
