/* Running one claim: a built-in evaluator (hook_table.c), or the
 * recursion's rows (rows.c) at the claim's depths (depths.c) decided by
 * its law (laws.c).  Data flow: iter -> fit -> claim -> report. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "claim_impl.h"
#include "ntkdepth/jump.h"

void
ntk_verify_opts_init(ntk_verify_opts_t o)
{
    memset(o, 0, sizeof(*o));
    o->max_depth_quick = 10000;
    o->prec = 512;
}

double
_ntk_claim_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

ntk_status
ntk_claim_run(ntk_claim_result_t res, const ntk_claim_t cl,
              const ntk_verify_opts_t opts)
{
    ntk_status st;
    ntk_iter_problem_t pb;
    ntk_iter_info_t info;
    ntk_iter_row_struct *rows = NULL;
    slong *depths = NULL, n = 0;
    double t0 = _ntk_claim_now();
    vctx c;

    res->claim = cl;
    res->verdict = NTK_VERDICT_INCONCLUSIVE;
    if (cl->constant && res->predicted == NULL)
        res->predicted = strdup(cl->constant);
    if (cl->hook != NULL)
    {
        st = _ntk_claim_hook_run(res, cl, opts);
        res->seconds = _ntk_claim_now() - t0;
        return st;
    }
    if (cl->law == NTK_LAW_EOC)
        return ntk_error_set(NTK_DOMAIN, "[%s] field 'law': eoc claims need a built-in hook",
                             cl->id ? cl->id : "?");

    ntk_iter_problem_init(pb);
    ntk_iter_info_init(info);
    memset(&c, 0, sizeof(c));
    ntk_phase_init(c.ph);
    arb_init(c.f2);
    arb_init(c.beta);
    arb_init(c.w_constant);
    arb_init(c.v_constant);
    arb_init(c.ntk_constant);

    st = _ntk_claim_problem(pb, cl);
    if (st != NTK_SUCCESS)
    {
        st = ntk_error_set(NTK_DOMAIN, "[%s] %s", cl->id ? cl->id : "?", _ntk_claim_errcopy());
        goto cleanup;
    }
    ntk_claim_depths(&depths, &n, cl, opts);
    if (depths[n - 1] > NTK_ITER_AUTO_DIRECT_MAX && !ntk_iter_jump_any_applies(pb))
    {
        st = ntk_error_set(NTK_DOMAIN, "[%s] field 'depths': %ld needs the depth jump, which "
                           "applies to ReLU-like activations at the edge of chaos with "
                           "sigma_b2 = 0 and to smooth ones at the edge of chaos with q1 = star "
                           "(got %s); at most 1e10 otherwise", cl->id ? cl->id : "?",
                           (long) depths[n - 1], pb->act->name);
        goto cleanup;
    }
    rows = ntk_iter_rows_init(n);
    st = opts->rows ? opts->rows(rows, info, pb, depths, n, cl->digits, opts->rows_data)
                    : ntk_claim_rows_default(rows, info, pb, depths, n, cl->digits, (void *) opts);
    res->max_depth = depths[n - 1];
    if (st == NTK_INTERRUPTED)
        goto cleanup;
    if (st != NTK_SUCCESS)
    {
        ntk_claim_result_note(res, "The recursion could not certify %ld digits to depth %ld: %s.",
                              (long) cl->digits, (long) depths[n - 1], _ntk_claim_errcopy());
        res->status = st;
        res->verdict = NTK_VERDICT_INCONCLUSIVE;
        st = NTK_SUCCESS;
        goto cleanup;
    }
    c.cl = cl;
    c.pb = pb;
    c.info = info;
    c.last = rows + n - 1;
    c.prec = opts->prec;
    /* the maps' constants need not be wider than the claim's digits: 2D
       quadratures at the fits' 512 bits cost minutes (c* in the chaotic
       phase); the balls stay enclosures at any precision */
    c.mprec = FLINT_MIN(opts->prec, ntk_digits_to_bits(cl->digits) + 64);
    switch (cl->law)
    {
        case NTK_LAW_IDENTITY:
            st = _ntk_claim_law_identity(res, cl, &c, rows, depths, n, opts->prec);
            break;
        case NTK_LAW_EXPONENTIAL:
            st = _ntk_claim_law_exponential(res, cl, &c, rows, depths, n, opts->prec);
            break;
        default:
            st = _ntk_claim_law_fit(res, cl, &c, rows, depths, n, opts->prec);
            break;
    }
    if (st != NTK_SUCCESS)
    {
        /* a variable that could not be computed (maps): inconclusive */
        ntk_claim_result_note(res, "Could not evaluate the claim: %s.", _ntk_claim_errcopy());
        res->status = st;
        res->verdict = NTK_VERDICT_INCONCLUSIVE;
        st = NTK_SUCCESS;
    }
cleanup:
    res->seconds = _ntk_claim_now() - t0;
    if (rows)
        ntk_iter_rows_clear(rows, n);
    flint_free(depths);
    ntk_iter_problem_clear(pb);
    ntk_iter_info_clear(info);
    ntk_phase_clear(c.ph);
    arb_clear(c.f2);
    arb_clear(c.beta);
    arb_clear(c.w_constant);
    arb_clear(c.v_constant);
    arb_clear(c.ntk_constant);
    return st;
}
