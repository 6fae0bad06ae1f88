/* The hook table (src/claim/claim_impl.h): every row is reachable from
 * the claim field 'hook', the table and the registry agree, share keys
 * group exactly the claims that share a computation, and a hook whose
 * problem fields are missing or outside its lemma says which field. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"
#include "../../src/claim/claim_impl.h"

static void
test_table(void **state)
{
    slong n = 0;
    (void) state;
    for (const ntk_claim_hook_struct *h = _ntk_claim_hooks; h->name != NULL; h++, n++)
    {
        ntk_claim_t cl;
        assert_non_null(h->run);
        assert_ptr_equal(_ntk_claim_hook_find(h->name), h);
        /* names are unique */
        for (const ntk_claim_hook_struct *g = h + 1; g->name != NULL; g++)
            assert_string_not_equal(g->name, h->name);
        ntk_claim_init(cl);
        assert_int_equal(ntk_claim_set_field(cl, "hook", h->name), NTK_SUCCESS);
        assert_string_equal(cl->hook, h->name);
        ntk_claim_clear(cl);
    }
    assert_true(n >= 13);
    assert_null(_ntk_claim_hook_find("no_such_hook"));
    assert_null(_ntk_claim_hook_find(NULL));
    {
        ntk_claim_t cl;
        ntk_claim_init(cl);
        assert_int_equal(ntk_claim_set_field(cl, "hook", "no_such_hook"), NTK_DOMAIN);
        assert_non_null(strstr(ntk_error_last(), "unknown evaluator 'no_such_hook'"));
        ntk_claim_clear(cl);
    }
}

/* every built-in hook claim names a row of the table, and every row is
   used by some built-in claim */
static void
test_registry(void **state)
{
    ntk_claims_t cs;
    (void) state;
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_builtin(cs), NTK_SUCCESS);
    for (const ntk_claim_hook_struct *h = _ntk_claim_hooks; h->name != NULL; h++)
    {
        int used = 0;
        for (slong i = 0; i < cs->n; i++)
            used += cs->v[i].hook != NULL && !strcmp(cs->v[i].hook, h->name);
        assert_true(used >= 1);
    }
    for (slong i = 0; i < cs->n; i++)
        if (cs->v[i].hook != NULL)
            assert_non_null(_ntk_claim_hook_find(cs->v[i].hook));
    ntk_claims_clear(cs);
}

static const ntk_claim_struct *
find(const ntk_claims_t cs, const char *id)
{
    for (slong i = 0; i < cs->n; i++)
        if (!strcmp(cs->v[i].id, id))
            return cs->v + i;
    fail_msg("no claim %s", id);
    return NULL;
}

static void
test_share(void **state)
{
    ntk_claims_t cs;
    (void) state;
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_builtin(cs), NTK_SUCCESS);
    /* the He-initialized Monte Carlo run: one share key */
    assert_true(ntk_claim_same_problem(find(cs, "HN1"), find(cs, "HN2")));
    assert_true(ntk_claim_same_problem(find(cs, "HN2"), find(cs, "HN2-slope5")));
    /* hooks without a key share nothing, not even with themselves' kind */
    assert_false(ntk_claim_same_problem(find(cs, "K1"), find(cs, "K2")));
    assert_false(ntk_claim_same_problem(find(cs, "H10"), find(cs, "S6")));
    assert_false(ntk_claim_same_problem(find(cs, "HN1"), find(cs, "K2")));
    ntk_claims_clear(cs);
}

/* H10's problem comes from its fields: without n the hook names it; with
   a non-ReLU activation it names act; the registry's H10 has them all */
static void
test_fields(void **state)
{
    ntk_claims_t cs;
    ntk_claim_t cl;
    ntk_claim_result_t r;
    ntk_verify_opts_t o;
    const ntk_claim_struct *h10;
    (void) state;
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_builtin(cs), NTK_SUCCESS);
    h10 = find(cs, "H10");
    assert_int_equal(h10->n, 8);
    assert_int_equal(h10->dim, 16);
    assert_int_equal(h10->seed, 1);
    assert_int_equal(h10->test_points, 4);
    assert_int_equal(find(cs, "S6")->n, 100);
    assert_int_equal(find(cs, "S6")->dim, 128);
    ntk_verify_opts_init(o);
    o->quick = 1;

    ntk_claim_init(cl);
    assert_int_equal(ntk_claim_set_field(cl, "hook", "regress_h10"), NTK_SUCCESS);
    assert_int_equal(ntk_claim_set_field(cl, "act", "relu"), NTK_SUCCESS);
    assert_int_equal(ntk_claim_set_field(cl, "sigma_w2", "2"), NTK_SUCCESS);
    assert_int_equal(ntk_claim_set_field(cl, "depths", "10,100"), NTK_SUCCESS);
    assert_int_equal(ntk_claim_set_field(cl, "dim", "3"), NTK_SUCCESS);
    assert_int_equal(ntk_claim_set_field(cl, "seed", "5"), NTK_SUCCESS);
    assert_int_equal(ntk_claim_set_field(cl, "test_points", "2"), NTK_SUCCESS);
    ntk_claim_result_init(r);
    assert_int_equal(ntk_claim_run(r, cl, o), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "field 'n': missing"));
    ntk_claim_result_clear(r);
    assert_int_equal(ntk_claim_set_field(cl, "n", "0"), NTK_DOMAIN);
    ntk_claim_clear(cl);

    ntk_claim_init(cl);
    assert_int_equal(ntk_claim_set_field(cl, "hook", "regress_h10"), NTK_SUCCESS);
    assert_int_equal(ntk_claim_set_field(cl, "act", "tanh"), NTK_SUCCESS);
    assert_int_equal(ntk_claim_set_field(cl, "sigma_w2", "2"), NTK_SUCCESS);
    ntk_claim_result_init(r);
    assert_int_equal(ntk_claim_run(r, cl, o), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "field 'act'"));
    ntk_claim_result_clear(r);
    ntk_claim_clear(cl);
    ntk_claims_clear(cs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_share),
        cmocka_unit_test(test_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
