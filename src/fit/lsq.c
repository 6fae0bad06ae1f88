/* Least squares on an asymptotic form, in ball arithmetic at high precision. */
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/fit.h"

/* Solve the normal equations for the selected points (indices idx[0..np-1]).
   Columns are scaled by powers of two (exact) so that their largest entry
   has magnitude in [1/2, 1): the normal matrix is then well scaled. */
static ntk_status
lsq_points(arb_ptr coef, const slong *depths, arb_srcptr y, const slong *idx,
           slong np, const ntk_fit_term *terms, slong m, slong prec)
{
    ntk_status st = NTK_SUCCESS;
    arb_mat_t X, XT, A, b, c, Y;
    slong *scale = NULL;
    arb_t t;
    slong wp;

    if (np < m)
        return ntk_error_set(NTK_DOMAIN, "fit: %ld points for %ld terms", (long) np, (long) m);

    scale = flint_malloc(sizeof(slong) * m);
    arb_init(t);
    arb_mat_init(X, np, m);
    arb_mat_init(XT, m, np);
    arb_mat_init(A, m, m);
    arb_mat_init(b, m, 1);
    arb_mat_init(c, m, 1);
    arb_mat_init(Y, np, 1);

    for (wp = prec; ; wp *= 2)
    {
        for (slong i = 0; i < np; i++)
        {
            for (slong s = 0; s < m; s++)
                ntk_fit_term_eval(arb_mat_entry(X, i, s), terms + s, depths[idx[i]], wp);
            /* the data: midpoints (their radii are propagated below) */
            arf_set(arb_midref(arb_mat_entry(Y, i, 0)), arb_midref(y + idx[i]));
            mag_zero(arb_radref(arb_mat_entry(Y, i, 0)));
        }
        for (slong s = 0; s < m; s++)
        {
            slong e = WORD_MIN;
            for (slong i = 0; i < np; i++)
            {
                const arf_struct *mid = arb_midref(arb_mat_entry(X, i, s));
                if (!arf_is_zero(mid) && ARF_EXP(mid) > e && !COEFF_IS_MPZ(ARF_EXP(mid)))
                    e = ARF_EXP(mid);
            }
            scale[s] = (e == WORD_MIN) ? 0 : e;
            for (slong i = 0; i < np; i++)
                arb_mul_2exp_si(arb_mat_entry(X, i, s), arb_mat_entry(X, i, s), -scale[s]);
        }
        arb_mat_transpose(XT, X);
        arb_mat_mul(A, XT, X, wp);
        arb_mat_mul(b, XT, Y, wp);
        if (arb_mat_solve(c, A, b, wp))
            break;
        if (wp > 16 * prec)
        {
            st = ntk_error_set(NTK_UNABLE, "fit: normal equations singular at %ld bits "
                               "(%ld terms, %ld points)", (long) wp, (long) m, (long) np);
            goto cleanup;
        }
    }
    /* The coefficients are linear in the data, coef = W y with
       W = (X^T X)^-1 X^T: the data radii r move them by at most
       |W| r, added to their radii, so that an estimate is never more
       precise than the certified data it comes from (proofs/verdicts.md,
       error rule of the fits).  (Solving with the
       data balls themselves would overestimate this by the condition
       number of the normal equations.) */
    {
        arb_mat_t W;
        mag_t acc, t1, t2;
        arb_mat_init(W, m, np);
        mag_init(acc); mag_init(t1); mag_init(t2);
        if (arb_mat_solve(W, A, XT, wp))
        {
            for (slong s = 0; s < m; s++)
            {
                mag_zero(acc);
                for (slong i = 0; i < np; i++)
                {
                    arb_get_mag(t1, arb_mat_entry(W, s, i));
                    mag_mul(t2, t1, arb_radref(y + idx[i]));
                    mag_add(acc, acc, t2);
                }
                arb_add_error_mag(arb_mat_entry(c, s, 0), acc);
            }
        }
        else
            for (slong s = 0; s < m; s++)
                arb_indeterminate(arb_mat_entry(c, s, 0));
        arb_mat_clear(W);
        mag_clear(acc); mag_clear(t1); mag_clear(t2);
    }
    for (slong s = 0; s < m; s++)
        arb_mul_2exp_si(coef + s, arb_mat_entry(c, s, 0), -scale[s]);

cleanup:
    arb_mat_clear(X); arb_mat_clear(XT); arb_mat_clear(A);
    arb_mat_clear(b); arb_mat_clear(c); arb_mat_clear(Y);
    arb_clear(t);
    flint_free(scale);
    return st;
}

ntk_status
ntk_fit_lsq(arb_ptr coef, const slong *depths, arb_srcptr y, slong n,
            slong lo, slong hi, const ntk_fit_term *terms, slong m, slong prec)
{
    ntk_status st;
    slong np = 0;
    slong *idx = flint_malloc(sizeof(slong) * (n > 0 ? n : 1));
    for (slong i = 0; i < n; i++)
    {
        if (depths[i] < 2)
            continue;   /* ln L must be > 0 for the log terms */
        if (depths[i] >= lo && depths[i] <= hi)
            idx[np++] = i;
    }
    st = lsq_points(coef, depths, y, idx, np, terms, m, prec);
    flint_free(idx);
    return st;
}

/* coefficient `target` of the fit of `terms` on points idx */
static ntk_status
coef_on(arb_t res, const slong *depths, arb_srcptr y, const slong *idx,
        slong np, const ntk_fit_term *terms, slong m, slong target, slong prec)
{
    arb_ptr c = _arb_vec_init(m);
    ntk_status st = lsq_points(c, depths, y, idx, np, terms, m, prec);
    if (st == NTK_SUCCESS)
        arb_set(res, c + target);
    _arb_vec_clear(c, m);
    return st;
}

/* |a - b| of midpoints plus both radii, into err as max(err, .) */
static void
err_max(arb_t err, const arb_t a, const arb_t b, slong prec)
{
    arb_t d;
    arb_init(d);
    arb_sub(d, a, b, prec);
    arb_abs(d, d);
    {
        arf_t u;
        arf_init(u);
        arb_get_ubound_arf(u, d, prec);
        arb_set_arf(d, u);
        arf_clear(u);
    }
    arb_max(err, err, d, prec);
    arb_clear(d);
}

/* twice the power of 1/L of a term: 2k, or k for L^(-k/2) */
static slong
order2(const ntk_fit_term *t)
{
    return t->half ? t->k : 2 * t->k;
}

ntk_status
ntk_fit_estimate(ntk_estimate_t est, const slong *depths, arb_srcptr y,
                 slong n, const ntk_fit_term *terms, slong m, slong target,
                 double window, ntk_estimate_kind kind, slong prec)
{
    ntk_status st = NTK_SUCCESS;
    slong *idx0 = NULL, *idx1 = NULL, *idx2 = NULL;
    slong n0 = 0, n1 = 0, n2 = 0, mred = 0, kmax = WORD_MIN;
    ntk_fit_term *red = NULL;
    slong redtarget = -1;
    arb_t e0, e1, e2;
    slong Lmax;

    if (n < 1 || target < 0 || target >= m)
        return ntk_error_set(NTK_DOMAIN, "fit: no data or bad target");
    for (slong i = 1; i < n; i++)
        if (depths[i] <= depths[i - 1])
            return ntk_error_set(NTK_DOMAIN, "fit: depths must increase (%ld after %ld)",
                                 (long) depths[i], (long) depths[i - 1]);
    if (!(window > 1.0))
        return ntk_error_set(NTK_DOMAIN, "fit: window ratio %g must be > 1", window);

    arb_init(e0); arb_init(e1); arb_init(e2);
    idx0 = flint_malloc(sizeof(slong) * n);
    idx1 = flint_malloc(sizeof(slong) * n);
    idx2 = flint_malloc(sizeof(slong) * n);
    red = flint_malloc(sizeof(ntk_fit_term) * m);

    /* reduced model: drop the terms of the highest order (power of 1/L) */
    for (slong s = 0; s < m; s++)
        if (order2(terms + s) > kmax)
            kmax = order2(terms + s);
    for (slong s = 0; s < m; s++)
        if (order2(terms + s) < kmax || s == target)
        {
            if (s == target)
                redtarget = mred;
            red[mred++] = terms[s];
        }

    Lmax = depths[n - 1];
    if (kind == NTK_EST_FIT)
    {
        double lo0 = (double) Lmax / window, lo1 = lo0 / window;
        for (slong i = 0; i < n; i++)
        {
            if (depths[i] < 2)
                continue;
            if ((double) depths[i] >= lo0)
                idx0[n0++] = i;
            else if ((double) depths[i] >= lo1)
                idx2[n2++] = i;
        }
        if (n0 < m + 1)
        {
            st = ntk_error_set(NTK_DOMAIN, "fit: %ld depths in [%ld, %ld] for %ld terms "
                               "(need %ld)", (long) n0, (long) (lo0 + 0.5), (long) Lmax,
                               (long) m, (long) (m + 1));
            goto cleanup;
        }
        memcpy(idx1, idx0, sizeof(slong) * n0);
        n1 = n0;
        est->lo = depths[idx0[0]];
    }
    else
    {
        slong first = n - m;
        while (first >= 0 && depths[first] < 2)
            first = -1;
        if (first < 0 || depths[first] < 2)
        {
            st = ntk_error_set(NTK_DOMAIN, "extrapolation: %ld depths for %ld terms",
                               (long) n, (long) m);
            goto cleanup;
        }
        for (slong i = 0; i < m; i++)
            idx0[n0++] = first + i;
        for (slong i = n - mred; i < n; i++)
            idx1[n1++] = i;
        if (first >= 1 && depths[first - 1] >= 2)
            for (slong i = 0; i < m; i++)
                idx2[n2++] = first - 1 + i;
        est->lo = depths[first];
    }
    est->hi = Lmax;
    est->kind = kind;

    st = coef_on(e0, depths, y, idx0, n0, terms, m, target, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    arb_set(est->value, e0);
    arb_zero(est->error);
    {
        /* the solve's own radius counts as error too */
        arb_t r;
        arb_init(r);
        arf_set_mag(arb_midref(r), arb_radref(e0));
        arb_set(est->error, r);
        arb_clear(r);
    }
    if (mred < m && redtarget >= 0 && n1 >= mred)
    {
        st = coef_on(e1, depths, y, idx1, n1, red, mred, redtarget, prec);
        if (st != NTK_SUCCESS)
            goto cleanup;
        err_max(est->error, e0, e1, prec);
    }
    if ((kind == NTK_EST_FIT && n2 >= m + 1) || (kind != NTK_EST_FIT && n2 == m))
    {
        st = coef_on(e2, depths, y, idx2, n2, terms, m, target, prec);
        if (st != NTK_SUCCESS)
            goto cleanup;
        err_max(est->error, e0, e2, prec);
    }

cleanup:
    arb_clear(e0); arb_clear(e1); arb_clear(e2);
    flint_free(idx0); flint_free(idx1); flint_free(idx2); flint_free(red);
    return st;
}
