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

/* depths 1, 1 + step, ... <= 49 */
static void
set_depth_step(ntk_finite_config_t cfg, slong step)
{
    slong d[49], n = 0;
    for (slong L = 1; L <= 49; L += step)
        d[n++] = L;
    ntk_finite_config_set_depths(cfg, d, n);
    ntk_finite_config_set_width(cfg, 100);
}

/* the registry's finite-width claims state the paper's configurations
   (papers.md P3; ntk_finite_config_init is the paper's grid: relu,
   n0 = M = 100, depths 1..49, the 16 sigma_w2, 500 samples, seed 1), and
   a user's claims file states its own */
static void
test_finite_fields(void **state)
{
    static const struct { const char *id; int quick, step, he; slong samples; } want[] = {
        {"K1-mc", 0, 1, 0, 500}, {"K1-mc", 1, 4, 0, 100}, {"K2", 0, 6, 0, 500},
        {"K2", 1, 12, 0, 100}, {"HN1", 0, 1, 1, 500}, {"HN2", 1, 4, 1, 200},
        {"HN2-slope5", 1, 4, 1, 200}};
    static const char *user =
        "[my-k2]\nstatement = K2 at width 6\nhook = finite_k2\nlaw = identity\n"
        "act = relu\nsigma_w2 = 1,2\nwidth = 6\nn0 = 5\ndepths = 1:4\nsamples = 40\nseed = 3\n"
        "[no-samples]\nstatement = s\nhook = finite_k2\nlaw = identity\nact = relu\n"
        "sigma_w2 = 1\nwidth = 6\ndepths = 1,2\nseed = 3\n"
        "[two-widths]\nstatement = s\nhook = finite_hn1\nlaw = identity\nact = relu\ninit = he\n"
        "sigma_w2 = 2\nwidth = 6,8\ndepths = 1,2\nsamples = 40\nseed = 3\n";
    ntk_claims_t cs;
    ntk_finite_config_t cfg, ref;
    ntk_claim_result_t r;
    ntk_verify_opts_t o;
    (void) state;
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_builtin(cs), NTK_SUCCESS);
    for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++)
    {
        double two = 2;
        ntk_finite_config_init(cfg);
        ntk_finite_config_init(ref);
        set_depth_step(ref, want[k].step);
        ref->samples = want[k].samples;
        if (want[k].he)
        {
            ref->init = NTK_FINITE_INIT_HE;
            ref->param = NTK_FINITE_PARAM_NTK;
            ntk_finite_config_set_sigma_w2(ref, &two, 1);
        }
        assert_int_equal(ntk_claim_finite_config(cfg, find(cs, want[k].id), want[k].quick),
                         NTK_SUCCESS);
        assert_true(ntk_finite_config_equal(cfg, ref));
        ntk_finite_config_clear(cfg);
        ntk_finite_config_clear(ref);
    }
    /* K1 (exact moments) compares the widths 25, 50, 100, 400 */
    assert_int_equal(find(cs, "K1")->nwidth, 4);
    assert_int_equal(find(cs, "K1")->width[3], 400);
    ntk_claims_clear(cs);

    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_parse(cs, "user.ini", user), NTK_SUCCESS);
    ntk_verify_opts_init(o);
    o->threads = 1;
    ntk_finite_config_init(cfg);
    assert_int_equal(ntk_claim_finite_config(cfg, cs->v + 0, 1), NTK_SUCCESS);
    assert_true(cfg->n0 == 5 && cfg->nwidths == 4 && cfg->widths[3] == 6 && cfg->ndepths == 4
                && cfg->nsigma == 2 && cfg->sigma_w2[1] == 2.0 && cfg->samples == 40
                && cfg->seed == 3 && cfg->param == NTK_FINITE_PARAM_STANDARD);
    ntk_finite_config_clear(cfg);
    ntk_claim_result_init(r);
    assert_int_equal(ntk_claim_run(r, cs->v + 0, o), NTK_SUCCESS);
    assert_non_null(strstr(r->evidence, "40 per sigma_w2, seed 3"));
    ntk_claim_result_clear(r);
    ntk_claim_result_init(r);
    assert_int_equal(ntk_claim_run(r, cs->v + 1, o), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "[no-samples] field 'samples': missing"));
    ntk_claim_result_clear(r);
    ntk_claim_result_init(r);
    assert_int_equal(ntk_claim_run(r, cs->v + 2, o), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "[two-widths] field 'width'"));
    ntk_claim_result_clear(r);
    ntk_claims_clear(cs);

    /* field syntax: lists of sigma_w2 only for the hooks, ranges, limits */
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_parse(cs, "g.ini", "[g]\nstatement = s\nact = relu\nsigma_w2 = 1,2\n"
                                      "quantity = eps\nlaw = identity\nconstant = 0\n"
                                      "depths = 10\ntolerance = 1\n"), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "field 'sigma_w2': one value"));
    ntk_claims_clear(cs);
    {
        ntk_claim_t cl;
        ntk_claim_init(cl);
        assert_int_equal(ntk_claim_set_field(cl, "depths", "1:49:6,60"), NTK_SUCCESS);
        assert_int_equal(cl->ndepths, 10);
        assert_int_equal(cl->depths[8], 49);
        assert_int_equal(cl->depths[9], 60);
        assert_int_equal(ntk_claim_set_field(cl, "quick_depths", "1:100"), NTK_DOMAIN);
        assert_non_null(strstr(ntk_error_last(), "more than 64 values"));
        assert_int_equal(ntk_claim_set_field(cl, "width", "100,50"), NTK_DOMAIN);
        assert_int_equal(ntk_claim_set_field(cl, "init", "xavier"), NTK_DOMAIN);
        assert_int_equal(ntk_claim_set_field(cl, "param", "ntk"), NTK_SUCCESS);
        assert_int_equal(ntk_claim_set_field(cl, "samples", "0"), NTK_DOMAIN);
        assert_int_equal(ntk_claim_set_field(cl, "sigma_w2", "1,-2"), NTK_DOMAIN);
        ntk_claim_clear(cl);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_share),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_finite_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
