/* Rows shared between the claims of one problem: verify runs the recursion
 * once per group of claims (ntk_claim_share_struct in ntkdepth/claim.h). */
#include <stdlib.h>
#include <string.h>
#include "claim_impl.h"

static int
same_str(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

int
ntk_claim_same_problem(const ntk_claim_t a, const ntk_claim_t b)
{
    const ntk_claim_hook_struct *ha = _ntk_claim_hook_find(a->hook),
                                *hb = _ntk_claim_hook_find(b->hook);
    /* hooks that reuse one computation within a process (the table's
       share key, e.g. the He-initialized Monte Carlo run of HN1, HN2) */
    if (ha != NULL && hb != NULL && ha->share != NULL && hb->share != NULL
        && !strcmp(ha->share, hb->share))
        return 1;
    if (a->hook != NULL || b->hook != NULL || a->law == NTK_LAW_EOC || b->law == NTK_LAW_EOC)
        return 0;
    return same_str(a->act, b->act) && same_str(a->sigma_w2, b->sigma_w2)
           && same_str(a->sigma_b2, b->sigma_b2) && same_str(a->q1, b->q1)
           && same_str(a->c0, b->c0);
}

static int
cmp_slong(const void *x, const void *y)
{
    slong u = *(const slong *) x, v = *(const slong *) y;
    return (u > v) - (u < v);
}

void
ntk_claim_share_init(ntk_claim_share_t sh, const ntk_claim_struct *cls, slong m,
                     const ntk_verify_opts_t opts)
{
    slong cap = 0, n = 0;
    memset(sh, 0, sizeof(*sh));
    sh->opts = opts;
    ntk_iter_info_init(sh->info);
    for (slong i = 0; i < m; i++)
    {
        slong *d, k;
        ntk_claim_depths(&d, &k, cls + i, opts);
        sh->depths = flint_realloc(sh->depths, sizeof(slong) * (size_t) (cap + k));
        memcpy(sh->depths + cap, d, sizeof(slong) * (size_t) k);
        cap += k;
        flint_free(d);
        if (cls[i].digits > sh->digits)
            sh->digits = cls[i].digits;
    }
    qsort(sh->depths, (size_t) cap, sizeof(slong), cmp_slong);
    for (slong i = 0; i < cap; i++)
        if (n == 0 || sh->depths[i] != sh->depths[n - 1])
            sh->depths[n++] = sh->depths[i];
    sh->n = n;
}

void
ntk_claim_share_clear(ntk_claim_share_t sh)
{
    if (sh->rows != NULL)
        ntk_iter_rows_clear(sh->rows, sh->n);
    flint_free(sh->depths);
    ntk_iter_info_clear(sh->info);
}

static void
info_copy(ntk_iter_info_t dst, const ntk_iter_info_t src)
{
    dst->prec = src->prec;
    dst->attempts = src->attempts;
    dst->fail_depth = src->fail_depth;
    dst->layers_fast = src->layers_fast;
    dst->layers_general = src->layers_general;
    arb_set(dst->q_star, src->q_star);
    arb_set(dst->sigma_w2, src->sigma_w2);
}

ntk_status
ntk_claim_share_rows(ntk_iter_row_struct *rows, ntk_iter_info_t info,
                     const ntk_iter_problem_t pb, const slong *depths, slong n,
                     slong digits, void *data)
{
    ntk_claim_share_struct *sh = data;
    slong j = 0;

    if (digits > sh->digits || sh->n == 0)
        return ntk_claim_rows_default(rows, info, pb, depths, n, digits, (void *) sh->opts);
    /* every requested depth must be in the union (both lists increase) */
    for (slong i = 0; i < n; i++)
    {
        while (j < sh->n && sh->depths[j] < depths[i])
            j++;
        if (j == sh->n || sh->depths[j] != depths[i])
            return ntk_claim_rows_default(rows, info, pb, depths, n, digits, (void *) sh->opts);
    }
    if (!sh->done)
    {
        sh->rows = ntk_iter_rows_init(sh->n);
        sh->st = ntk_claim_rows_default(sh->rows, sh->info, pb, sh->depths, sh->n,
                                        sh->digits, (void *) sh->opts);
        if (sh->st != NTK_SUCCESS)
            snprintf(sh->err, sizeof(sh->err), "%s", ntk_error_last());
        sh->done = 1;
    }
    if (sh->st != NTK_SUCCESS)
        return ntk_error_set(sh->st, "%s", sh->err);
    info_copy(info, sh->info);
    j = 0;
    for (slong i = 0; i < n; i++)
    {
        while (sh->depths[j] < depths[i])
            j++;
        ntk_iter_row_set(rows + i, sh->rows + j);
    }
    return NTK_SUCCESS;
}
