/* Running claims end to end on injected rows with exactly known
 * asymptotics (built here from closed forms): the verdicts must follow. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

#define PREC 400

typedef struct { int perturb; } rows_data;

/* eps_L = A L^-2 (1 + ln L / L)^-2 + 0.7^L (exact limit A = 9 pi^2/2)
   theta11 = L (+ 1e-25 at L = 100 when perturbed)
   theta12 = L/4 + (3/8) ln L + 1 + ln L / L */
static ntk_status
fake_rows(ntk_iter_row_struct *rows, ntk_iter_info_t info, const ntk_iter_problem_t pb,
          const slong *depths, slong n, slong digits, void *data)
{
    rows_data *rd = data;
    arb_t A, L, lg, t;
    (void) pb; (void) digits;
    arb_init(A); arb_init(L); arb_init(lg); arb_init(t);
    arb_const_pi(A, PREC);
    arb_sqr(A, A, PREC);
    arb_mul_ui(A, A, 9, PREC);
    arb_div_ui(A, A, 2, PREC);
    arb_set_ui(info->sigma_w2, 2);
    for (slong i = 0; i < n; i++)
    {
        ntk_iter_row_struct *r = rows + i;
        r->depth = depths[i];
        arb_set_si(L, depths[i]);
        arb_log(lg, L, PREC);
        arb_div(t, lg, L, PREC);
        arb_add_ui(t, t, 1, PREC);
        arb_sqr(t, t, PREC);
        arb_mul(t, t, L, PREC);
        arb_mul(t, t, L, PREC);
        arb_div(r->eps, A, t, PREC);
        arb_set_ui(t, 7);
        arb_div_ui(t, t, 10, PREC);
        arb_pow_ui(t, t, (ulong) depths[i], PREC);
        arb_add(r->eps, r->eps, t, PREC);
        arb_sub_ui(r->c, r->eps, 1, PREC);
        arb_neg(r->c, r->c);
        arb_one(r->sigma11);
        arb_set(r->sigma12, r->c);
        arb_set(r->theta11, L);
        if (rd->perturb && depths[i] == 100)
        {
            arb_set_str(t, "1e-25", PREC);
            arb_add(r->theta11, r->theta11, t, PREC);
        }
        arb_mul_2exp_si(r->theta12, L, -2);
        arb_mul_ui(t, lg, 3, PREC);
        arb_div_ui(t, t, 8, PREC);
        arb_add(r->theta12, r->theta12, t, PREC);
        arb_add_ui(r->theta12, r->theta12, 1, PREC);
        arb_div(t, lg, L, PREC);
        arb_add(r->theta12, r->theta12, t, PREC);
    }
    arb_clear(A); arb_clear(L); arb_clear(lg); arb_clear(t);
    return NTK_SUCCESS;
}

static const char *claims =
"[rate]\nstatement = s\nact = relu\nsigma_w2 = 2\nq1 = 1\nquantity = eps\nlaw = power\n"
"exponent = -2\nconstant = 9*pi^2/2\ndepths = 1e3,1e5\ntolerance = 1e-10\n"
"[rate-wrong]\nstatement = s\nact = relu\nsigma_w2 = 2\nq1 = 1\nquantity = eps\nlaw = power\n"
"exponent = -2\nconstant = 9*pi^2/2*1.001\ndepths = 1e3,1e5\ntolerance = 1e-10\n"
"[rate-wrong-exponent]\nstatement = s\nact = relu\nsigma_w2 = 2\nq1 = 1\nquantity = eps\n"
"law = power\nexponent = -2.01\nconstant = 9*pi^2/2\ndepths = 1e3,1e5\ntolerance = 1e-10\n"
"[diag]\nstatement = s\nact = relu\nsigma_w2 = 2\nq1 = 1\nquantity = theta11\nlaw = identity\n"
"constant = q1*L\ndepths = 1,10,100,1000\ntolerance = 1e-30\n"
"[limit]\nstatement = s\nact = relu\nsigma_w2 = 2\nq1 = 1\nquantity = theta12/L\nlaw = limit\n"
"constant = q1/4\ndepths = 1e5\ntolerance = 1e-10\n"
"[limit-wrong]\nstatement = s\nact = relu\nsigma_w2 = 2\nq1 = 1\nquantity = theta12/L\nlaw = limit\n"
"constant = 1/3\ndepths = 1e5\ntolerance = 1e-10\n"
"[logcoef]\nstatement = s\nact = relu\nsigma_w2 = 2\nq1 = 1\nquantity = theta12 - q1*L/4\n"
"law = power_log\nexponent = 0\nlog_power = 1\nconstant = 3*q1/8\ndepths = 1e5\ntolerance = 1e-10\n"
"[expo]\nstatement = s\nact = relu\nsigma_w2 = 2\nq1 = 1\n"
"quantity = eps - 9*pi^2/2/L^2/(1 + ln(L)/L)^2\nlaw = exponential\nconstant = 0.7\n"
"depths = 20,40,60,80\ntolerance = 1e-12\n";

static ntk_verdict
run_one(ntk_claims_t cs, const char *id, int perturb, int quick)
{
    ntk_verify_opts_t o;
    ntk_claim_result_t r;
    rows_data rd;
    ntk_verdict v = NTK_VERDICT_INCONCLUSIVE;
    rd.perturb = perturb;
    ntk_verify_opts_init(o);
    o->rows = fake_rows;
    o->rows_data = &rd;
    o->quick = quick;
    for (slong i = 0; i < cs->n; i++)
        if (!strcmp(cs->v[i].id, id))
        {
            ntk_claim_result_init(r);
            assert_int_equal(ntk_claim_run(r, cs->v + i, o), NTK_SUCCESS);
            v = r->verdict;
            assert_non_null(r->evidence);
            ntk_claim_result_clear(r);
        }
    return v;
}

static void
test_verdicts(void **state)
{
    ntk_claims_t cs;
    (void) state;
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_parse(cs, "t.ini", claims), NTK_SUCCESS);
    assert_int_equal(run_one(cs, "rate", 0, 0), NTK_VERDICT_HOLDS);
    assert_int_equal(run_one(cs, "rate-wrong", 0, 0), NTK_VERDICT_REFUTED);
    assert_int_equal(run_one(cs, "rate-wrong-exponent", 0, 0), NTK_VERDICT_REFUTED);
    assert_int_equal(run_one(cs, "diag", 0, 0), NTK_VERDICT_HOLDS);
    assert_int_equal(run_one(cs, "diag", 1, 0), NTK_VERDICT_REFUTED);
    assert_int_equal(run_one(cs, "limit", 0, 0), NTK_VERDICT_HOLDS);
    assert_int_equal(run_one(cs, "limit-wrong", 0, 0), NTK_VERDICT_REFUTED);
    assert_int_equal(run_one(cs, "logcoef", 0, 0), NTK_VERDICT_HOLDS);
    assert_int_equal(run_one(cs, "expo", 0, 0), NTK_VERDICT_HOLDS);
    /* quick depths (<= 1e4) cannot reach 1e-10 on the log-rate: never
       "holds" by accident, never "refuted" */
    assert_int_not_equal(run_one(cs, "logcoef", 0, 1), NTK_VERDICT_REFUTED);
    ntk_claims_clear(cs);
}

/* the fits on the 20-per-decade grid to 10^15 (rows injected), and the
   offset of power_log: theta12 - L/4 = (3/8) ln L + 1 + ln L / L */
static const char *deep =
"[logcoef-deep]\nstatement = s\nact = relu\nsigma_w2 = 2\nq1 = 1\nquantity = theta12 - q1*L/4\n"
"law = power_log\nexponent = 0\nlog_power = 1\nconstant = 3*q1/8\noffset = 1\n"
"depths = 1e3,1e15\ntolerance = 1e-30\n"
"[rate-deep]\nstatement = s\nact = relu\nsigma_w2 = 2\nq1 = 1\nquantity = eps\nlaw = power\n"
"exponent = -2\nconstant = 9*pi^2/2\ndepths = 1e3,1e15\ntolerance = 1e-30\n";

static const ntk_measured_struct *
find_measured(const ntk_claim_result_t r, const char *label)
{
    for (slong i = 0; i < r->nmeasured; i++)
        if (!strcmp(r->measured[i].label, label))
            return r->measured + i;
    fail_msg("no measured value '%s'", label);
    return NULL;
}

static void
test_deep(void **state)
{
    ntk_claims_t cs;
    ntk_verify_opts_t o;
    ntk_claim_result_t r;
    rows_data rd = {0};
    const ntk_measured_struct *m;
    arb_t d;
    (void) state;
    arb_init(d);
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_parse(cs, "deep.ini", deep), NTK_SUCCESS);
    ntk_verify_opts_init(o);
    o->rows = fake_rows;
    o->rows_data = &rd;
    for (slong i = 0; i < cs->n; i++)
    {
        ntk_claim_result_init(r);
        assert_int_equal(ntk_claim_run(r, cs->v + i, o), NTK_SUCCESS);
        assert_int_equal(r->max_depth, 1000000000000000);
        assert_int_equal(r->verdict, NTK_VERDICT_HOLDS);
        if (i == 0)
        {
            /* the fitted offset is 1 within its error, the expression's ball is 1 */
            m = find_measured(r, "offset");
            assert_int_equal(m->kind, NTK_MEASURED_ESTIMATE);
            arb_sub_ui(d, m->est->value, 1, PREC);
            arb_abs(d, d);
            assert_true(arb_le(d, m->est->error));
            assert_true(arf_cmpabs_2exp_si(arb_midref(m->est->error), -100) < 0);
            m = find_measured(r, "offset (certified)");
            assert_true(arb_is_one(m->ball));
            assert_non_null(strstr(r->evidence, "within the estimated error"));
        }
        ntk_claim_result_clear(r);
    }
    ntk_claims_clear(cs);
    arb_clear(d);
}

/* the real recursion at a jump depth: H2's offset is the certified C(c0)
   of Lemma J12, checked against a 50-digit direct iteration to 2e5 with
   Richardson extrapolation (proofs/check/fatou_constant.out:
   1.153630670103808980257151 +- 2.3e-19); the smooth orbit's v_constant
   and ntk_constant (Lemma J17, erf at sigma_b = 0.2, c0 = 0.5) likewise
   against proofs/check/smooth_constant.out (60-digit direct iteration to
   2e5 with Richardson: 3.043073747518579193238265 +- 1.4e-19,
   6.027260752607219769140004 +- 1.0e-17; the coefficients of ln L are
   lambda/beta and lambda/3 of that file); w_constant is not defined there
   (the claim is inconclusive, saying so); depths past 1e10 without a jump
   are bad input naming the field */
static const char *real =
"[H2-deep]\nstatement = s\nact = relu\nsigma_w2 = 2\nsigma_b2 = 0\nq1 = 1\nc0 = 0.5\n"
"quantity = (eps/2)^(-1/2) - 2*L/(3*pi)\nlaw = power_log\nexponent = 0\nlog_power = 1\n"
"constant = 1/pi\noffset = w_constant\ndepths = 1e3,1e9\ntolerance = 1e-8\ndigits = 40\n"
"[tanh-deep]\nstatement = s\nact = tanh\nsigma_w2 = eoc\nsigma_b2 = 0.04\nq1 = 1\n"
"quantity = eps\nlaw = power\nexponent = -1\nconstant = beta\ndepths = 1e3,1e11\n"
"tolerance = 1e-6\n"
"[erf-v]\nstatement = s\nact = erf\nsigma_w2 = eoc\nsigma_b2 = 0.04\nq1 = star\nc0 = 0.5\n"
"quantity = 1/eps - L/beta\nlaw = power_log\nexponent = 0\nlog_power = 1\n"
"constant = -0.48487450814411083068\noffset = v_constant\ndepths = 1e3,1e9\n"
"tolerance = 1e-8\ndigits = 40\n"
"[erf-u]\nstatement = s\nact = erf\nsigma_w2 = eoc\nsigma_b2 = 0.04\nq1 = star\nc0 = 0.5\n"
"quantity = theta12/qstar - L/3\nlaw = power_log\nexponent = 0\nlog_power = 1\n"
"constant = -1.06654073554497944683\noffset = ntk_constant\ndepths = 1e3,1e9\n"
"tolerance = 1e-8\ndigits = 40\n"
"[erf-w]\nstatement = s\nact = erf\nsigma_w2 = eoc\nsigma_b2 = 0.04\nq1 = star\nc0 = 0.5\n"
"quantity = eps\nlaw = limit\nconstant = w_constant\ndepths = 1e3,1e5\n"
"tolerance = 1e-8\n";

static void
test_jump_depths(void **state)
{
    ntk_claims_t cs;
    ntk_verify_opts_t o;
    ntk_claim_result_t r;
    const ntk_measured_struct *m;
    arb_t x;
    (void) state;
    arb_init(x);
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_parse(cs, "real.ini", real), NTK_SUCCESS);
    ntk_verify_opts_init(o);
    ntk_claim_result_init(r);
    assert_int_equal(ntk_claim_run(r, cs->v + 0, o), NTK_SUCCESS);
    assert_int_equal(r->verdict, NTK_VERDICT_HOLDS);
    m = find_measured(r, "offset (certified)");
    assert_int_equal(m->kind, NTK_MEASURED_BALL);
    arb_set_str(x, "1.153630670103808980257151 +/- 2.3e-18", PREC);
    assert_true(arb_overlaps(x, m->ball));
    assert_true(mag_cmp_2exp_si(arb_radref(m->ball), -100) < 0);
    m = find_measured(r, "offset");
    assert_true(arb_overlaps(x, m->est->value));
    ntk_claim_result_clear(r);
    ntk_claim_result_init(r);
    assert_int_equal(ntk_claim_run(r, cs->v + 1, o), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "[tanh-deep] field 'depths'"));
    ntk_claim_result_clear(r);
    for (int i = 2; i <= 3; i++)
    {
        ntk_claim_result_init(r);
        assert_int_equal(ntk_claim_run(r, cs->v + i, o), NTK_SUCCESS);
        assert_int_equal(r->verdict, NTK_VERDICT_HOLDS);
        m = find_measured(r, "offset (certified)");
        assert_int_equal(m->kind, NTK_MEASURED_BALL);
        arb_set_str(x, i == 2 ? "3.043073747518579193238265 +/- 1.4e-18"
                              : "6.027260752607219769140004 +/- 1.0e-16", PREC);
        assert_true(arb_overlaps(x, m->ball));
        assert_true(mag_cmp_2exp_si(arb_radref(m->ball), -100) < 0);
        m = find_measured(r, "offset");
        assert_true(arb_overlaps(x, m->est->value));
        assert_non_null(strstr(r->evidence, "within the estimated error"));
        ntk_claim_result_clear(r);
    }
    ntk_claim_result_init(r);
    assert_int_equal(ntk_claim_run(r, cs->v + 4, o), NTK_SUCCESS);
    assert_int_equal(r->verdict, NTK_VERDICT_INCONCLUSIVE);
    assert_non_null(strstr(r->evidence, "w_constant: defined for the ReLU-like jump"));
    ntk_claim_result_clear(r);
    ntk_claims_clear(cs);
    arb_clear(x);
}

static void
test_depths(void **state)
{
    ntk_claims_t cs;
    ntk_verify_opts_t o;
    slong *d, n;
    (void) state;
    ntk_claims_init(cs);
    ntk_verify_opts_init(o);
    assert_int_equal(ntk_claims_parse(cs, "t.ini", claims), NTK_SUCCESS);
    ntk_claim_depths(&d, &n, cs->v + 0, o);
    assert_int_equal(d[n - 1], 100000);
    for (slong i = 1; i < n; i++)
        assert_true(d[i] > d[i - 1]);
    flint_free(d);
    o->quick = 1;
    ntk_claim_depths(&d, &n, cs->v + 0, o);
    assert_int_equal(d[n - 1], 10000);
    flint_free(d);
    /* exponential: pairs L, L+1 */
    ntk_claim_depths(&d, &n, cs->v + 7, o);
    assert_int_equal(n, 8);
    assert_int_equal(d[1], 21);
    flint_free(d);
    ntk_claims_clear(cs);
}

/* a problem out of range names the claim's field and the value as
   written (a decimal, not the rational 3/2) */
static void
test_bad_problem(void **state)
{
    static const char *bad =
        "[c0]\nstatement = s\nact = relu\nsigma_w2 = 2\nq1 = 1\nc0 = 1.5\nquantity = eps\n"
        "law = identity\nconstant = 0\ndepths = 10\ntolerance = 1\n"
        "[q1]\nstatement = s\nact = relu\nsigma_w2 = 2\nq1 = -0.25\nquantity = eps\n"
        "law = identity\nconstant = 0\ndepths = 10\ntolerance = 1\n";
    static const char *want[] = {"field 'c0': c0 = 1.5: must be in [-1, 1]",
                                 "field 'q1': q1 = -0.25: must be > 0"};
    ntk_claims_t cs;
    ntk_verify_opts_t o;
    ntk_claim_result_t r;
    (void) state;
    ntk_claims_init(cs);
    ntk_verify_opts_init(o);
    assert_int_equal(ntk_claims_parse(cs, "bad.ini", bad), NTK_SUCCESS);
    for (slong i = 0; i < 2; i++)
    {
        ntk_claim_result_init(r);
        assert_int_equal(ntk_claim_run(r, cs->v + i, o), NTK_DOMAIN);
        assert_non_null(strstr(ntk_error_last(), want[i]));
        ntk_claim_result_clear(r);
    }
    ntk_claims_clear(cs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verdicts),
        cmocka_unit_test(test_depths),
        cmocka_unit_test(test_deep),
        cmocka_unit_test(test_jump_depths),
        cmocka_unit_test(test_bad_problem),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
