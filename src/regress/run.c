/* The regression driver: Gram matrices at all depths, certified solves,
   precision escalation (Ziv), statistics and distances to the limits. */
#include <string.h>
#include "ntkdepth/regress.h"

void
ntk_regress_result_init(ntk_regress_result_t R)
{
    memset(R, 0, sizeof(*R));
    arb_mat_init(R->Wlim, 0, 0);
}

static void
row_clear(ntk_regress_row_struct *r, slong m)
{
    arf_clear(r->cond);
    arb_mat_clear(r->W);
    _arb_vec_clear(r->pred, m > 0 ? m : 1);
    arb_clear(r->offmin); arb_clear(r->offmax); arb_clear(r->theta11);
    arb_clear(r->wdist); arb_clear(r->pdist);
}

void
ntk_regress_result_clear(ntk_regress_result_t R)
{
    slong k;
    for (k = 0; k < R->nd; k++)
        row_clear(R->rows + k, R->m);
    flint_free(R->rows);
    arb_mat_clear(R->Wlim);
    if (R->predlim)
        _arb_vec_clear(R->predlim, R->m > 0 ? R->m : 1);
    memset(R, 0, sizeof(*R));
    arb_mat_init(R->Wlim, 0, 0);
}

/* 1 if row i of X and row j of T have the same direction (exact) */
static int
same_direction(const ntk_points_t X, slong i, const ntk_points_t T, slong j)
{
    fmpz_t p, m;
    int r;
    fmpz_init(p); fmpz_init(m);
    _fmpz_vec_dot(p, X->v + i * X->dim, T->v + j * T->dim, X->dim);
    fmpz_mul(m, X->norm2 + i, T->norm2 + j);
    r = fmpz_sgn(p) > 0;
    fmpz_mul(p, p, p);
    r = r && fmpz_equal(p, m);
    fmpz_clear(p); fmpz_clear(m);
    return r;
}

/* statistics and distances for one certified depth */
static void
fill_row(ntk_regress_row_struct *r, const ntk_regress_result_t R,
         const arb_mat_t kappa, const arb_t th11, arb_srcptr y, slong prec)
{
    slong n = R->n, m = R->m, i, j;
    arb_t t, inv;
    arb_init(t); arb_init(inv);
    arb_set(r->theta11, th11);
    arb_inv(inv, th11, prec);
    arb_indeterminate(r->offmin);
    arb_indeterminate(r->offmax);
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++)
        {
            arb_mul(t, arb_mat_entry(kappa, i, j), inv, prec);
            if (i == 0 && j == 1)
            {
                arb_set(r->offmin, t);
                arb_set(r->offmax, t);
            }
            else
            {
                arb_min(r->offmin, r->offmin, t, prec);
                arb_max(r->offmax, r->offmax, t, prec);
            }
        }
    for (j = 0; j < m; j++)
    {
        arb_zero(r->pred + j);
        for (i = 0; i < n; i++)
            arb_addmul(r->pred + j, arb_mat_entry(r->W, i, j), y + i, prec);
    }
    arb_indeterminate(r->wdist);
    arb_indeterminate(r->pdist);
    if (R->limit != NTK_LIMIT_NONE && m > 0)
    {
        arb_zero(r->wdist);
        arb_zero(r->pdist);
        for (j = 0; j < m; j++)
        {
            for (i = 0; i < n; i++)
            {
                arb_sub(t, arb_mat_entry(r->W, i, j), arb_mat_entry(R->Wlim, i, j), prec);
                arb_abs(t, t);
                arb_max(r->wdist, r->wdist, t, prec);
            }
            arb_sub(t, r->pred + j, R->predlim + j, prec);
            arb_abs(t, t);
            arb_max(r->pdist, r->pdist, t, prec);
        }
    }
    arb_clear(t); arb_clear(inv);
}

ntk_status
ntk_regress_run(ntk_regress_result_t R, const ntk_points_t X, arb_srcptr y,
                const ntk_points_t T, const slong *depths, slong nd,
                const ntk_regress_model_t M, const ntk_regress_opts *opts)
{
    slong n = X->n, m = T->n, k, i, j, prec, npend;
    slong *pend = NULL, *pidx = NULL;
    arb_t scale, lim;
    ntk_gram_t G;
    arb_mat_t W;
    arf_t cond, lastcond;
    ntk_status st = NTK_SUCCESS;
    slong lastfail = -1;

    ntk_regress_result_clear(R);
    if (n < 1)
        return ntk_error_set(NTK_DOMAIN, "training set: n = 0 points (need at least one)");
    if (m > 0 && T->dim != X->dim)
        return ntk_error_set(NTK_DOMAIN, "test points have dimension %ld, training points %ld",
                             (long) T->dim, (long) X->dim);
    if (opts->digits < 1)
        return ntk_error_set(NTK_DOMAIN, "digits %ld: must be >= 1", (long) opts->digits);

    arb_init(scale); arb_init(lim);
    arf_init(cond); arf_init(lastcond);
    ntk_gram_init(G);

    prec = opts->prec > 0 ? opts->prec : ntk_digits_to_bits(opts->digits) + 32;
    /* eps0 = (q1 - sigma_b^2)(1 - rho)/q1 */
    arb_sub(scale, M->q1, M->net->sigma_b2, 4 * prec);
    arb_div(scale, scale, M->q1, 4 * prec);
    if (!arb_is_positive(M->q1) || arb_is_negative(scale))
    {
        st = ntk_error_set(NTK_DOMAIN, "q1 must be > 0 and >= sigma_b^2");
        goto cleanup;
    }

    /* a linear kernel (depth 1, or a linear activation at every depth) is
       sigma_b^2 J + (q1 - sigma_b^2) X X^T scaled: rank <= n0 + 1, so kappa
       is singular when n exceeds it (proofs/regress.md, Lemma G5) */
    {
        int linear_all = M->net->act->kind == NTK_ACT_RELULIKE && fmpq_is_zero(M->net->act->b);
        slong rank = X->dim + (arb_is_zero(M->net->sigma_b2) ? 0 : 1);
        if ((depths[0] == 1 || linear_all) && n > rank)
        {
            st = ntk_error_set(NTK_DOMAIN, "depth %ld: the Gram matrix of a linear kernel on "
                               "S^%ld has rank <= %ld < n = %ld: singular (use fewer points, "
                               "higher dimension or depth > 1)",
                               (long) (linear_all ? depths[0] : 1), (long) (X->dim - 1),
                               (long) rank, (long) n);
            goto cleanup;
        }
    }

    R->n = n; R->m = m; R->nd = nd;
    R->rows = flint_malloc(nd * sizeof(ntk_regress_row_struct));
    for (k = 0; k < nd; k++)
    {
        ntk_regress_row_struct *r = R->rows + k;
        r->depth = depths[k];
        r->prec = 0;
        arf_init(r->cond);
        arb_mat_init(r->W, n, m);
        r->pred = _arb_vec_init(m > 0 ? m : 1);
        arb_init(r->offmin); arb_init(r->offmax); arb_init(r->theta11);
        arb_init(r->wdist); arb_init(r->pdist);
    }
    /* limit weights */
    R->limit = ntk_regress_limit_kind(M);
    arb_mat_clear(R->Wlim);
    arb_mat_init(R->Wlim, n, m);
    R->predlim = _arb_vec_init(m > 0 ? m : 1);
    if (R->limit != NTK_LIMIT_NONE)
    {
        arb_set_ui(lim, 1);
        arb_div_ui(lim, lim, n + (R->limit == NTK_LIMIT_RELU_EOC ? 3 : 2), 4 * prec);
        for (j = 0; j < m; j++)
        {
            slong hit = -1;
            for (i = 0; i < n && hit < 0; i++)
                if (same_direction(X, i, T, j))
                    hit = i;
            for (i = 0; i < n; i++)
            {
                if (hit >= 0)
                    arb_set_ui(arb_mat_entry(R->Wlim, i, j), i == hit);
                else
                    arb_set(arb_mat_entry(R->Wlim, i, j), lim);
                arb_addmul(R->predlim + j, arb_mat_entry(R->Wlim, i, j), y + i, 4 * prec);
            }
        }
    }

    pend = flint_malloc(nd * sizeof(slong));
    pidx = flint_malloc(nd * sizeof(slong));
    for (k = 0; k < nd; k++)
    {
        pend[k] = depths[k];
        pidx[k] = k;
    }
    npend = nd;
    for (;;)
    {
        slong keep = 0;
        st = ntk_gram_build(G, X, T, pend, npend, scale, ntk_regress_model_kernel,
                            M, opts->nthreads, prec);
        R->attempts++;
        if (st == NTK_UNABLE)
        {
            /* enclosure lost in the recursion: more precision */
            lastfail = pend[npend - 1];
            keep = npend;
            goto escalate;
        }
        if (st != NTK_SUCCESS)
            goto cleanup;
        R->ndistinct = G->ndistinct;
        for (k = 0; k < npend; k++)
        {
            ntk_regress_row_struct *r = R->rows + pidx[k];
            arb_mat_init(W, n, m);
            st = ntk_regress_solve(W, cond, G->kappa + k, G->kx + k, prec);
            if (st == NTK_SUCCESS && ntk_regress_weights_accurate(W, opts->digits))
            {
                arb_mat_swap(r->W, W);
                r->prec = prec;
                arf_set(r->cond, cond);
                fill_row(r, R, G->kappa + k, G->theta11 + k, y, prec);
            }
            else
            {
                st = NTK_SUCCESS;
                pend[keep] = pend[k];
                pidx[keep] = pidx[k];
                keep++;
                lastfail = pend[k];
                arf_set(lastcond, cond);
            }
            arb_mat_clear(W);
        }
    escalate:
        npend = keep;
        if (npend == 0)
            break;
        if (2 * prec > opts->prec_max)
        {
            char *cs = arf_get_str(lastcond, 3);
            st = ntk_error_set(NTK_UNABLE, "depth %ld: weights not certified to %ld digits "
                               "within the precision cap of %ld bits (last tried %ld bits; "
                               "condition estimate %s: the Gram matrix is singular or too "
                               "ill-conditioned for the cap)", (long) lastfail,
                               (long) opts->digits, (long) opts->prec_max, (long) prec, cs);
            flint_free(cs);
            goto cleanup;
        }
        prec *= 2;
    }
    st = NTK_SUCCESS;

cleanup:
    ntk_gram_clear(G);
    flint_free(pend);
    flint_free(pidx);
    arb_clear(scale); arb_clear(lim);
    arf_clear(cond); arf_clear(lastcond);
    if (st != NTK_SUCCESS)
        ntk_regress_result_clear(R);
    return st;
}
