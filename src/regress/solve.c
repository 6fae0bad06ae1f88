/* Certified solves kappa W = B (Arb's matrix routines), accuracy test and a
   condition estimate. */
#include "ntkdepth/regress.h"

ntk_status
ntk_regress_solve(arb_mat_t W, arf_t cond, const arb_mat_t kappa,
                  const arb_mat_t B, slong prec)
{
    arb_mat_t A, Ai;
    mag_t na, ni;
    int ok;

    arb_mat_init(A, arb_mat_nrows(kappa), arb_mat_ncols(kappa));
    arb_mat_init(Ai, arb_mat_nrows(kappa), arb_mat_ncols(kappa));
    mag_init(na); mag_init(ni);
    /* condition estimate (not certified): ||A|| ||approx inv(A)||, inf-norm */
    arb_mat_get_mid(A, kappa);
    if (arb_mat_approx_inv(Ai, A, prec))
    {
        arb_mat_bound_inf_norm(na, A);
        arb_mat_bound_inf_norm(ni, Ai);
        mag_mul(na, na, ni);
        arf_set_mag(cond, na);
        arf_set_round(cond, cond, 30, ARF_RND_NEAR);
    }
    else
        arf_pos_inf(cond);
    /* certified solve: Arb picks LU or preconditioned Gauss-Seidel-free
       solving with a certified error bound (arb_mat_solve) */
    ok = arb_mat_solve(W, kappa, B, prec);
    arb_mat_clear(A); arb_mat_clear(Ai);
    mag_clear(na); mag_clear(ni);
    if (!ok)
        return ntk_error_set(NTK_UNABLE, "cannot certify that the %ld x %ld Gram matrix is "
                             "invertible at %ld bits", (long) arb_mat_nrows(kappa),
                             (long) arb_mat_nrows(kappa), (long) prec);
    return NTK_SUCCESS;
}

int
ntk_regress_weights_accurate(const arb_mat_t W, slong digits)
{
    slong i, j, n = arb_mat_nrows(W), m = arb_mat_ncols(W);
    arb_t tol;
    mag_t t, r;
    int ok = 1;

    arb_init(tol); mag_init(t); mag_init(r);
    for (j = 0; j < m && ok; j++)
    {
        mag_zero(t);
        for (i = 0; i < n; i++)
        {
            arf_get_mag_lower(r, arb_midref(arb_mat_entry(W, i, j)));
            if (mag_cmp(r, t) > 0)
                mag_set(t, r);
        }
        if (mag_is_zero(t))
            mag_one(t);
        /* t * 10^-digits, rounded down */
        arb_set_ui(tol, 10);
        arb_pow_ui(tol, tol, (ulong) digits, 64);
        arb_get_mag(r, tol);
        mag_div_lower(t, t, r);
        for (i = 0; i < n && ok; i++)
        {
            if (!arb_is_finite(arb_mat_entry(W, i, j))
                || mag_cmp(arb_radref(arb_mat_entry(W, i, j)), t) > 0)
                ok = 0;
        }
    }
    arb_clear(tol); mag_clear(t); mag_clear(r);
    return ok;
}
