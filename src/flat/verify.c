/*
 * Flat ABI: decide claims in this process (ntk_claim_run) and write the
 * verify JSON (ntk_report_verify_json).  The one place of the flat ABI that
 * knows the claim and report modules: keep it small.
 */
#include <string.h>
#include <stdlib.h>
#include "flat_impl.h"

ntk_status
ntk_flat_verify(char **json, const char *claims_path, const char *claims_text,
                const char *only, int quick, double budget, int threads)
{
    ntk_claims_t cs;
    ntk_claim_result_struct *res = NULL;
    ntk_verify_opts_t vo;
    flat_text t;
    slong nres = 0;
    ntk_status st;

    *json = NULL;
    t.fp = NULL;
    t.buf = NULL;
    ntk_claims_init(cs);
    if (claims_path != NULL || claims_text != NULL)
    {
        st = ntk_claims_parse(cs, claims_path ? claims_path : "<claims text>", claims_text);
        for (slong i = 0; st == NTK_SUCCESS && i < cs->n; i++)
            if (cs->v[i].paper == NULL)
                cs->v[i].paper = strdup("user");
    }
    else
        st = ntk_claims_builtin(cs);
    if (st == NTK_SUCCESS && only != NULL)
        st = ntk_claims_select(cs, only);
    if (st != NTK_SUCCESS)
        goto cleanup;

    ntk_verify_opts_init(vo);
    vo->quick = quick != 0;
    vo->budget = budget >= 0 ? budget : (quick ? 20 : 60);
    vo->threads = threads > 0 ? threads : 0;
    res = flint_malloc(sizeof(ntk_claim_result_struct) * (size_t) (cs->n > 0 ? cs->n : 1));
    for (slong i = 0; i < cs->n; i++)
        ntk_claim_result_init(res + i);
    nres = cs->n;
    for (slong i = 0; i < cs->n && st == NTK_SUCCESS; i++)
    {
        const ntk_claim_struct *cl = cs->v + i;
        double dflt = vo->budget;
        if (dflt > 0 && cl->budget > 0)
            vo->budget = (double) cl->budget;
        st = ntk_claim_run(res + i, cl, vo);
        vo->budget = dflt;
    }
    if (st != NTK_SUCCESS)
        goto cleanup;
    if ((st = flat_text_open(&t)) != NTK_SUCCESS)
        goto cleanup;
    ntk_report_verify_json(t.fp, res, nres, "ntk_flat_verify", vo->quick);
    st = flat_text_close(&t, json, st);

cleanup:
    if (t.fp != NULL)
        flat_text_close(&t, json, NTK_IO);
    for (slong i = 0; i < nres; i++)
        ntk_claim_result_clear(res + i);
    flint_free(res);
    ntk_claims_clear(cs);
    return st;
}
