/* ntk_claim_result_dump / ntk_claim_result_load: a result built by hand
 * comes back field for field (balls exactly, via arb_dump_str), and a
 * malformed stream is NTK_IO; and ntk_claim_same_problem / the shared
 * rows of share.c group exactly the claims of one problem. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

static void
test_roundtrip(void **state)
{
    ntk_claim_result_t r, s;
    ntk_measured_struct *m;
    FILE *fp = tmpfile();
    (void) state;
    assert_non_null(fp);
    ntk_claim_result_init(r);
    ntk_claim_result_init(s);
    r->verdict = NTK_VERDICT_REFUTED;
    r->status = NTK_UNABLE;
    r->predicted = strdup("9*pi^2/2 = 44.41321980490");
    arb_const_pi(r->pred, 200);
    m = ntk_claim_result_add(r, "constant", NTK_MEASURED_BALL);
    arb_const_e(m->ball, 300);
    m = ntk_claim_result_add(r, "exponent: with \"quotes\"\nand a newline", NTK_MEASURED_ESTIMATE);
    arb_set_d(m->est->value, -1.999999);
    arb_set_d(m->est->error, 3e-6);
    m->est->kind = NTK_EST_EXTRAPOLATION;
    m->est->lo = 1000;
    m->est->hi = 100000;
    m = ntk_claim_result_add(r, "note", NTK_MEASURED_TEXT);
    m->text = strdup("none (proved)");
    ntk_claim_result_note(r, "first part.");
    ntk_claim_result_note(r, "second part %d.", 2);
    r->nseries = 3;
    r->sdepth = malloc(3 * sizeof(slong));
    r->serr = _arb_vec_init(3);
    for (slong i = 0; i < 3; i++)
    {
        r->sdepth[i] = 10 * (i + 1);
        arb_set_si(r->serr + i, i + 1);
        arb_div_ui(r->serr + i, r->serr + i, 3, 100);
    }
    r->series_label = strdup("$|z_L - c|$");
    r->seconds = 1.25;
    r->max_depth = 1000000;

    assert_int_equal(ntk_claim_result_dump(fp, r), NTK_SUCCESS);
    rewind(fp);
    assert_int_equal(ntk_claim_result_load(s, fp), NTK_SUCCESS);
    assert_int_equal(s->verdict, r->verdict);
    assert_int_equal(s->status, r->status);
    assert_string_equal(s->predicted, r->predicted);
    assert_true(arb_equal(s->pred, r->pred));
    assert_int_equal(s->nmeasured, 3);
    for (slong i = 0; i < 3; i++)
    {
        assert_string_equal(s->measured[i].label, r->measured[i].label);
        assert_int_equal(s->measured[i].kind, r->measured[i].kind);
    }
    assert_true(arb_equal(s->measured[0].ball, r->measured[0].ball));
    assert_true(arb_equal(s->measured[1].est->value, r->measured[1].est->value));
    assert_true(arb_equal(s->measured[1].est->error, r->measured[1].est->error));
    assert_int_equal(s->measured[1].est->kind, NTK_EST_EXTRAPOLATION);
    assert_int_equal(s->measured[1].est->lo, 1000);
    assert_int_equal(s->measured[1].est->hi, 100000);
    assert_string_equal(s->measured[2].text, "none (proved)");
    assert_string_equal(s->evidence, "first part. second part 2.");
    assert_int_equal(s->nseries, 3);
    for (slong i = 0; i < 3; i++)
    {
        assert_int_equal(s->sdepth[i], r->sdepth[i]);
        assert_true(arb_equal(s->serr + i, r->serr + i));
    }
    assert_string_equal(s->series_label, r->series_label);
    assert_int_equal(s->max_depth, r->max_depth);
    fclose(fp);
    ntk_claim_result_clear(r);
    ntk_claim_result_clear(s);
}

/* the figure data: z, the fitted form, the tolerance, the curves (balls
   and estimates, x exactly through the hexadecimal form) */
static void
test_roundtrip_figure(void **state)
{
    ntk_claim_result_t r, s;
    ntk_claim_curve_struct *c;
    slong d[3] = {10, 100, 1000};
    arb_ptr z = _arb_vec_init(3), coef = _arb_vec_init(2);
    ntk_fit_term terms[2] = {{0, 0, 0}, {1, 2, 1}};   /* the second a half power */
    FILE *fp = tmpfile();
    (void) state;
    assert_non_null(fp);
    ntk_claim_result_init(r);
    ntk_claim_result_init(s);
    for (slong i = 0; i < 3; i++)
    {
        arb_const_pi(z + i, 100 + 50 * i);
        arb_div_si(z + i, z + i, d[i], 200);
    }
    arb_const_log2(coef + 0, 300);
    arb_set_si(coef + 1, -7);
    /* the setters are internal to src/claim: fill the fields as they do */
    r->nz = 3;
    r->zdepth = malloc(3 * sizeof(slong));
    r->z = _arb_vec_init(3);
    for (slong i = 0; i < 3; i++)
    {
        r->zdepth[i] = d[i];
        arb_set(r->z + i, z + i);
    }
    r->nfit = 2;
    r->fit_terms = malloc(2 * sizeof(ntk_fit_term));
    r->fit_coef = _arb_vec_init(2);
    for (slong i = 0; i < 2; i++)
    {
        r->fit_terms[i] = terms[i];
        arb_set(r->fit_coef + i, coef + i);
    }
    r->fit_lo = 100;
    r->fit_hi = 1000;
    arb_set_d(r->tol, 1e-10);
    r->curve_xlabel = strdup("training step $t$");
    r->curve_ylabel = strdup("$\\|K_t - K_0\\|_F$");
    arb_set_d(r->curve_ref, 0.1);
    c = ntk_claim_result_add_curve(r, "$\\sigma_w^2 = 1$", NTK_MEASURED_ESTIMATE, 2);
    c->x[0] = 1;
    c->x[1] = 0.1;     /* not a binary fraction */
    arb_set_d(c->y + 0, 48.3);
    arb_set_d(c->err + 0, 13.7);
    arb_const_pi(c->y + 1, 64);
    arb_zero(c->err + 1);
    c = ntk_claim_result_add_curve(r, "balls", NTK_MEASURED_BALL, 1);
    assert_null(c->err);
    c->x[0] = 3000;
    arb_const_e(c->y + 0, 128);

    assert_int_equal(ntk_claim_result_dump(fp, r), NTK_SUCCESS);
    rewind(fp);
    assert_int_equal(ntk_claim_result_load(s, fp), NTK_SUCCESS);
    assert_int_equal(s->nz, 3);
    for (slong i = 0; i < 3; i++)
    {
        assert_int_equal(s->zdepth[i], d[i]);
        assert_true(arb_equal(s->z + i, z + i));
    }
    assert_int_equal(s->nfit, 2);
    assert_int_equal(s->fit_lo, 100);
    assert_int_equal(s->fit_hi, 1000);
    for (slong i = 0; i < 2; i++)
    {
        assert_int_equal(s->fit_terms[i].k, terms[i].k);
        assert_int_equal(s->fit_terms[i].j, terms[i].j);
        assert_int_equal(s->fit_terms[i].half, terms[i].half);
        assert_true(arb_equal(s->fit_coef + i, coef + i));
    }
    assert_true(arb_equal(s->tol, r->tol));
    assert_string_equal(s->curve_xlabel, r->curve_xlabel);
    assert_string_equal(s->curve_ylabel, r->curve_ylabel);
    assert_true(arb_equal(s->curve_ref, r->curve_ref));
    assert_int_equal(s->ncurves, 2);
    for (slong i = 0; i < 2; i++)
    {
        const ntk_claim_curve_struct *a = r->curves + i, *b = s->curves + i;
        assert_string_equal(a->label, b->label);
        assert_int_equal(a->kind, b->kind);
        assert_int_equal(a->n, b->n);
        for (slong k = 0; k < a->n; k++)
        {
            assert_true(a->x[k] == b->x[k]);
            assert_true(arb_equal(a->y + k, b->y + k));
            if (a->err)
                assert_true(arb_equal(a->err + k, b->err + k));
        }
        assert_true((a->err == NULL) == (b->err == NULL));
    }
    /* an empty result keeps its indeterminate tolerance */
    ntk_claim_result_clear(r);
    ntk_claim_result_init(r);
    rewind(fp);
    assert_int_equal(ntk_claim_result_dump(fp, r), NTK_SUCCESS);
    rewind(fp);
    ntk_claim_result_clear(s);
    ntk_claim_result_init(s);
    assert_int_equal(ntk_claim_result_load(s, fp), NTK_SUCCESS);
    assert_int_equal(s->nz, 0);
    assert_int_equal(s->nfit, 0);
    assert_int_equal(s->ncurves, 0);
    assert_false(arb_is_finite(s->tol));
    fclose(fp);
    _arb_vec_clear(z, 3);
    _arb_vec_clear(coef, 2);
    ntk_claim_result_clear(r);
    ntk_claim_result_clear(s);
}

static void
test_malformed(void **state)
{
    ntk_claim_result_t s;
    FILE *fp = tmpfile();
    (void) state;
    fputs("this is not a dump\n", fp);
    rewind(fp);
    ntk_claim_result_init(s);
    assert_int_equal(ntk_claim_result_load(s, fp), NTK_IO);
    ntk_claim_result_clear(s);
    fclose(fp);
}

/* share.c: claims of one problem share rows; a different problem, or a
   hook, does not */
static void
test_same_problem(void **state)
{
    ntk_claims_t cs;
    const char *ini =
        "[a]\nstatement = s\nlaw = limit\nact = relu\nsigma_w2 = 2\nc0 = 0.5\nquantity = eps\n"
        "constant = 0\ndepths = 100\ntolerance = 1\n"
        "[b]\nstatement = s\nlaw = power\nexponent = -2\nact = relu\nsigma_w2 = 2\nc0 = 0.5\n"
        "quantity = eps\nconstant = 1\ndepths = 1000\ntolerance = 1\n"
        "[c]\nstatement = s\nlaw = limit\nact = relu\nsigma_w2 = 2\nc0 = 0.25\nquantity = eps\n"
        "constant = 0\ndepths = 100\ntolerance = 1\n"
        "[d]\nstatement = s\nlaw = limit\nhook = eoc_table\n";
    (void) state;
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_parse(cs, "test.ini", ini), NTK_SUCCESS);
    assert_int_equal(cs->n, 4);
    assert_true(ntk_claim_same_problem(cs->v + 0, cs->v + 1));
    assert_false(ntk_claim_same_problem(cs->v + 0, cs->v + 2));
    assert_false(ntk_claim_same_problem(cs->v + 0, cs->v + 3));
    assert_false(ntk_claim_same_problem(cs->v + 3, cs->v + 3));
    ntk_claims_clear(cs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_roundtrip_figure),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_same_problem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
