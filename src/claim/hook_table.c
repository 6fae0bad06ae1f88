/* The table of built-in evaluators (claim_impl.h): claim field 'hook' ->
 * function, share key.  Adding a hook = one row here + one function. */
#include <string.h>
#include "claim_impl.h"

const ntk_claim_hook_struct _ntk_claim_hooks[] = {
    /* maps (hooks.c) */
    {"eoc_table", _ntk_hook_eoc_table, NULL},                       /* A1 */
    {"relu_map_identity", _ntk_hook_relu_map, NULL},                /* S2 */
    {"psi_derivatives", _ntk_hook_psi, NULL},                       /* S5 */
    {"psi_derivatives_uniform", _ntk_hook_psi_uniform, NULL},       /* S5-uniform */
    /* kernel regression (hooks_regress.c) */
    {"regress_h10", _ntk_hook_regress_h10, NULL},
    {"regress_h10_smooth", _ntk_hook_regress_h10_smooth, NULL},
    {"regress_s4", _ntk_hook_regress_s4, NULL},
    {"regress_s6", _ntk_hook_regress_s6, NULL},
    /* Monte Carlo of finite networks (hooks_finite.c); the He-initialized
       run of HN1, HN2, HN2-slope5 is sampled once per process */
    {"finite_k1_exact", _ntk_hook_finite_k1_exact, NULL},       /* K1 (exact moments) */
    {"finite_k1", _ntk_hook_finite, NULL},                        /* K1-mc */
    {"finite_k2", _ntk_hook_finite, NULL},
    {"finite_hn1", _ntk_hook_finite, "finite_he"},
    {"finite_hn2", _ntk_hook_finite, "finite_he"},
    {"finite_hn2_slope5", _ntk_hook_finite, "finite_he"},
    /* training a finite network (hooks_train.c): K3 */
    {"train_k3", _ntk_hook_train_k3, NULL},
    {NULL, NULL, NULL}};

const ntk_claim_hook_struct *
_ntk_claim_hook_find(const char *name)
{
    if (name == NULL)
        return NULL;
    for (const ntk_claim_hook_struct *h = _ntk_claim_hooks; h->name != NULL; h++)
        if (!strcmp(h->name, name))
            return h;
    return NULL;
}

ntk_status
_ntk_claim_hook_run(ntk_claim_result_t res, const ntk_claim_t cl,
                    const ntk_verify_opts_t opts)
{
    const ntk_claim_hook_struct *h = _ntk_claim_hook_find(cl->hook);
    if (h == NULL)
        return ntk_error_set(NTK_DOMAIN, "[%s] field 'hook': unknown evaluator '%s'",
                             cl->id ? cl->id : "?", cl->hook ? cl->hook : "(none)");
    return h->run(res, cl, opts);
}
