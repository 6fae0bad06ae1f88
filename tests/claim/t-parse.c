/* Claims files: a good file, and each kind of malformation reported with
 * file:line and field. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

static const char *good =
"; a comment\n"
"# another\n"
"[relu-eoc-rate]\n"
"source = Hayou et al. 2022\n"
"statement = eps_L ~ 9 pi^2 / (2 L^2)\n"
"act = relu\n"
"sigma_w2 = 2\n"
"sigma_b2 = 0\n"
"q1 = 1\n"
"c0 = 0.5\n"
"quantity = eps\n"
"law = power        ; limit | power | power_log | exponential | identity | eoc\n"
"exponent = -2\n"
"constant = 9*pi^2/2\n"
"depths = 1e3,1e4, 1e5 ,1e6\n"
"tolerance = 1e-8     ; relative, for the fitted constant\n"
"expect = holds\n"
"\n"
"[diag]\n"
"statement = Theta_11 = q L\n"
"act = relu\nsigma_w2 = eoc\nq1 = star\n"
"quantity = theta11\nlaw = identity\nconstant = q1*L\n"
"depths = 1,10\ntolerance = 1e-20\ntolerance_kind = absolute\nexpect = refuted\n"
"budget = 300\n"
"quantity_tex = \\Theta^L_{11}\n";

static char *mutate(int line, const char *repl);

static void
test_good(void **state)
{
    ntk_claims_t cs;
    (void) state;
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_parse(cs, "good.ini", good), NTK_SUCCESS);
    assert_int_equal(cs->n, 2);
    assert_string_equal(cs->v[0].id, "relu-eoc-rate");
    assert_int_equal(cs->v[0].law, NTK_LAW_POWER);
    assert_string_equal(cs->v[0].constant, "9*pi^2/2");
    assert_null(cs->v[0].quantity_tex);
    assert_string_equal(cs->v[1].quantity_tex, "\\Theta^L_{11}");
    assert_null(cs->v[1].constant_tex);
    assert_int_equal(cs->v[0].ndepths, 4);
    assert_int_equal(cs->v[0].depths[3], 1000000);
    assert_int_equal(cs->v[0].expect, NTK_VERDICT_HOLDS);
    assert_string_equal(cs->v[1].sigma_w2, "eoc");
    assert_int_equal(cs->v[1].tol_absolute, 1);
    assert_int_equal(cs->v[1].expect, NTK_VERDICT_REFUTED);
    assert_int_equal(cs->v[0].budget, 0);
    assert_int_equal(cs->v[1].budget, 300);
    assert_int_equal(ntk_claims_select(cs, "diag"), NTK_SUCCESS);
    assert_int_equal(cs->n, 1);
    assert_int_equal(ntk_claims_select(cs, "nope"), NTK_DOMAIN);
    assert_non_null(strstr(ntk_error_last(), "nope"));
    ntk_claims_clear(cs);
    /* depths up to 10^18 (the depth jump) */
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_parse(cs, "good.ini", mutate(15, "depths = 1e3,1e12,1e18")),
                     NTK_SUCCESS);
    assert_int_equal(cs->v[0].depths[2], NTK_CLAIM_MAXDEPTH);
    ntk_claims_clear(cs);
}

/* replace line `line` (1-based) of the good text by `repl` */
static char *
mutate(int line, const char *repl)
{
    static char buf[8192];
    const char *p = good;
    char *q = buf;
    for (int l = 1; *p; l++)
    {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t) (e - p + 1) : strlen(p);
        if (l == line)
        {
            q += sprintf(q, "%s\n", repl);
        }
        else
        {
            memcpy(q, p, n);
            q += n;
        }
        p += n;
    }
    *q = '\0';
    return buf;
}

static void
expect_error(const char *text, const char *msg)
{
    ntk_claims_t cs;
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_parse(cs, "claims.ini", text), NTK_DOMAIN);
    if (strstr(ntk_error_last(), msg) == NULL)
        fail_msg("error '%s' does not contain '%s'", ntk_error_last(), msg);
    ntk_claims_clear(cs);
}

/* fit_powers: integer by default, half when asked (the fit form of Lemma V1') */
static void
test_fit_powers(void **state)
{
    ntk_claims_t cs;
    (void) state;
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_parse(cs, "good.ini", good), NTK_SUCCESS);
    assert_int_equal(cs->v[0].fit_powers, NTK_FIT_POWERS_INTEGER);
    ntk_claims_clear(cs);
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_parse(cs, "half.ini", mutate(16, "tolerance = 1e-8\nfit_powers = half")),
                     NTK_SUCCESS);
    assert_int_equal(cs->v[0].fit_powers, NTK_FIT_POWERS_HALF);
    assert_int_equal(cs->v[1].fit_powers, NTK_FIT_POWERS_INTEGER);
    ntk_claims_clear(cs);
}

static void
test_malformed(void **state)
{
    (void) state;
    expect_error(mutate(12, "law = powr"), "claims.ini:12: field 'law': unknown law 'powr'");
    expect_error(mutate(7, "sigma_w2 = two"), "claims.ini:7: field 'sigma_w2'");
    expect_error(mutate(15, "depths = 1e3,1e2"), "claims.ini:15: field 'depths': must increase");
    expect_error(mutate(15, "depths = 1e3,,1e4"), "claims.ini:15: field 'depths'");
    expect_error(mutate(15, "depths = 1e3,1e19"), "claims.ini:15: field 'depths': '1e19' is not a depth in [1, 1e18]");
    /* offset: power_log only, problem variables only */
    expect_error(mutate(16, "tolerance = 1e-8\noffset = w_constant"),
                 "field 'offset': only with law power_log (got power)");
    expect_error(mutate(16, "tolerance = 1e-8\noffset = eps"), "claims.ini:17: field 'offset'");
    expect_error(mutate(14, "constant = 9*pi^"), "claims.ini:14: field 'constant'");
    expect_error(mutate(14, "constant = 9*foo"), "unknown name 'foo'");
    expect_error(mutate(11, "quantity = theta13"), "claims.ini:11: field 'quantity'");
    expect_error(mutate(17, "expect = false"), "claims.ini:17: field 'expect'");
    expect_error(mutate(16, "tolerance = -1"), "claims.ini:16: field 'tolerance'");
    expect_error(mutate(16, "tolerance = 1e-8\nbudget = 0"), "claims.ini:17: field 'budget'");
    expect_error(mutate(16, "tolerance = 1e-8\nbudget = 1.5"), "claims.ini:17: field 'budget'");
    expect_error(mutate(6, "colour = blue"), "claims.ini:6: field 'colour': unknown field");
    expect_error(mutate(16, "tolerance = 1e-8\nfit_powers = quarter"),
                 "claims.ini:17: field 'fit_powers': 'quarter' (integer or half)");
    expect_error(mutate(31, "budget = 300\nfit_powers = half"),
                 "claims.ini:19: [diag] field 'fit_powers': only for the fitted laws");
    expect_error(mutate(6, "act relu"), "claims.ini:6: syntax error");
    /* the figures' LaTeX: math mode without $, balanced, nothing that reads,
       writes or defines */
    expect_error(mutate(11, "quantity = eps\nquantity_tex = $\\varepsilon_L$"),
                 "claims.ini:12: field 'quantity_tex': '$' not allowed");
    expect_error(mutate(11, "quantity = eps\nconstant_tex = {9\\pi^2/2"),
                 "claims.ini:12: field 'constant_tex': unbalanced '{'");
    expect_error(mutate(11, "quantity = eps\nconstant_tex = 9}\\pi{"),
                 "claims.ini:12: field 'constant_tex': unbalanced '}'");
    expect_error(mutate(11, "quantity = eps\nquantity_tex = \\input{/etc/passwd}"),
                 "claims.ini:12: field 'quantity_tex': control sequence \\input not allowed");
    expect_error(mutate(11, "quantity = eps\nquantity_tex = \\def\\x{1}"),
                 "field 'quantity_tex': control sequence \\def");
    expect_error(mutate(11, "quantity = eps\nquantity_tex = x^^5c"), "field 'quantity_tex': '^^'");
    expect_error(mutate(11, "quantity = eps\nquantity_tex = a \\"),
                 "field 'quantity_tex': ends with a backslash");
    expect_error(mutate(11, "quantity = eps\nquantity_tex = \xc3\xa9"),
                 "field 'quantity_tex': character 1 is not printable ASCII");
    expect_error(mutate(6, "act = relu\nact = tanh"), "claims.ini:7: field 'act': given twice");
    expect_error(mutate(19, "[relu-eoc-rate]"), "claims.ini:19: section [relu-eoc-rate]: duplicate claim id");
    expect_error(mutate(3, "[bad id!]"), "claims.ini:3: section [bad id!]");
    expect_error(mutate(1, "act = relu"), "claims.ini:1: field 'act': outside");
    /* missing field: reported at the claim's first line */
    expect_error(mutate(13, "; no exponent"), "claims.ini:3: [relu-eoc-rate] field 'exponent': missing");
    {
        char longline[400];
        memset(longline, 'x', sizeof(longline));
        memcpy(longline, "statement = ", 12);
        longline[399] = '\0';
        expect_error(mutate(5, longline), "claims.ini:5: line too long");
    }
    expect_error("", "no claims");
}

static void
test_file(void **state)
{
    ntk_claims_t cs;
    (void) state;
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_parse(cs, "/nonexistent/claims.ini", NULL), NTK_IO);
    assert_non_null(strstr(ntk_error_last(), "/nonexistent/claims.ini"));
    ntk_claims_clear(cs);
}

static void
test_builtin(void **state)
{
    ntk_claims_t cs;
    const char *ids[] = {"H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8", "H9",
                         "S1", "S2", "S3", "S5", "T1", "T2", "A1", "SC1"};
    (void) state;
    ntk_claims_init(cs);
    assert_int_equal(ntk_claims_builtin(cs), NTK_SUCCESS);
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
    {
        int found = 0;
        for (slong j = 0; j < cs->n; j++)
            if (!strcmp(cs->v[j].id, ids[i]))
            {
                found = 1;
                /* every built-in claim cites its derivation */
                assert_non_null(cs->v[j].proof);
                assert_non_null(strstr(cs->v[j].proof, "proofs/"));
            }
        if (!found)
            fail_msg("built-in claim %s missing", ids[i]);
    }
    /* every built-in claim with a quantity names it and its constant in
       LaTeX for the figures */
    for (slong j = 0; j < cs->n; j++)
        if (cs->v[j].quantity != NULL)
        {
            if (cs->v[j].quantity_tex == NULL || cs->v[j].constant_tex == NULL)
                fail_msg("built-in claim %s has no quantity_tex / constant_tex", cs->v[j].id);
        }
    ntk_claims_clear(cs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_fit_powers),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_file),
        cmocka_unit_test(test_builtin),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
