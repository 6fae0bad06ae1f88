/* Flat ABI (include/ntkdepth/flat.h): JSON texts, exact "P/Q" numbers,
   statuses and messages of bad input, no leak on any path (ASan build).
   Truth: closed forms of the ReLU recursion at the EOC (Sigma_11 = q1,
   Theta_11 = q1 L), sigma_w2 = 2 at the ReLU EOC, identity claims. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"
#include "ntkdepth/flat.h"

/* the exact value of the "mid" of field `name` of the k-th row/object
   holding it, and whether its "rad" is "0" */
static void
json_mid(fmpq_t q, int *exact, const char *json, const char *name, int k)
{
    char key[64], buf[256];
    const char *p = json, *e;
    snprintf(key, sizeof(key), "\"%s\": {\"mid\": \"", name);
    for (int i = 0; i <= k; i++)
    {
        p = strstr(p, key);
        assert_non_null(p);
        p += strlen(key);
    }
    e = strchr(p, '"');
    assert_non_null(e);
    assert_true((size_t) (e - p) < sizeof(buf));
    memcpy(buf, p, (size_t) (e - p));
    buf[e - p] = '\0';
    assert_int_equal(ntk_parse_fmpq(q, buf, "mid"), NTK_SUCCESS);
    *exact = strncmp(e, "\", \"rad\": \"0\"", 13) == 0;
}

static void
test_iterate_relu_eoc(void **state)
{
    slong depths[3] = {4, 1, 4};      /* unsorted, duplicated: cleaned up */
    char *json;
    fmpq_t q, want;
    int exact;
    (void) state;
    fmpq_init(q);
    fmpq_init(want);
    assert_int_equal(ntk_flat_iterate(&json, "relu", NULL, "2", 0, NULL, 0, "3/2", "1/3",
                                      depths, 3, 20, 0, NULL, NULL), NTK_SUCCESS);
    assert_non_null(strstr(json, "\"c0\": \"1/3\""));
    {
        int rows = 0;
        for (const char *p = json; (p = strstr(p, "{\"depth\": ")) != NULL; p++)
            rows++;
        assert_int_equal(rows, 2);     /* depths 1 and 4 */
    }
    /* depth 1: Theta_11 = q1 = 3/2; depth 4: Theta_11 = q1 L = 6, Sigma_11 = 3/2 */
    json_mid(q, &exact, json, "theta11", 0);
    fmpq_set_si(want, 3, 2);
    assert_true(fmpq_equal(q, want) && exact);
    json_mid(q, &exact, json, "theta11", 1);
    fmpq_set_si(want, 6, 1);
    assert_true(fmpq_equal(q, want) && exact);
    json_mid(q, &exact, json, "sigma11", 1);
    fmpq_set_si(want, 3, 2);
    assert_true(fmpq_equal(q, want) && exact);
    ntk_flat_free(json);
    fmpq_clear(q);
    fmpq_clear(want);
}

static void
test_eoc(void **state)
{
    char *json;
    fmpq_t q, two;
    int exact;
    (void) state;
    fmpq_init(q);
    fmpq_init(two);
    assert_int_equal(ntk_flat_eoc(&json, "relu", "0", 1, 30), NTK_SUCCESS);
    assert_non_null(strstr(json, "\"found\": true"));
    assert_non_null(strstr(json, "\"q_star\": null"));
    json_mid(q, &exact, json, "sigma_w2", 0);
    fmpq_set_si(two, 2, 1);
    assert_true(fmpq_equal(q, two) && exact);
    ntk_flat_free(json);
    assert_int_equal(ntk_flat_eoc(&json, "softplus", "0.2", 1, 10), NTK_SUCCESS);
    assert_non_null(strstr(json, "\"found\": false"));
    ntk_flat_free(json);
    fmpq_clear(q);
    fmpq_clear(two);
}

static void
expect_error(ntk_status got, ntk_status want, char **json, const char *word)
{
    assert_int_equal(got, want);
    assert_null(*json);       /* read after the call (argument order) */
    if (strstr(ntk_flat_error(), word) == NULL)
        fail_msg("message '%s' does not name '%s'", ntk_flat_error(), word);
}

static void
test_bad_input(void **state)
{
    slong d = 10, bad = 0;
    char *json = (char *) 1;
    (void) state;
    expect_error(ntk_flat_eoc(&json, "nosuch", NULL, 1, 30), NTK_DOMAIN, &json, "nosuch");
    expect_error(ntk_flat_eoc(&json, "tanh", "-0.1", 1, 30), NTK_DOMAIN, &json, "sigma_b");
    expect_error(ntk_flat_eoc(&json, "tanh", "0.2", 1, 0), NTK_DOMAIN, &json, "digits");
    expect_error(ntk_flat_iterate(&json, "relu", NULL, "2", 0, NULL, 0, "1", "2/0", &d, 1,
                                  20, 0, NULL, NULL), NTK_DOMAIN, &json, "division by zero");
    expect_error(ntk_flat_iterate(&json, "relu", NULL, "2", 0, NULL, 0, "x/3", "0", &d, 1,
                                  20, 0, NULL, NULL), NTK_DOMAIN, &json, "'x/3'");
    expect_error(ntk_flat_iterate(&json, "relu", NULL, "2", 0, NULL, 0, "1", "3/2", &d, 1,
                                  20, 0, NULL, NULL), NTK_DOMAIN, &json, "c0");
    expect_error(ntk_flat_iterate(&json, "relu", NULL, "2", 0, NULL, 0, "1", "0", &bad, 1,
                                  20, 0, NULL, NULL), NTK_DOMAIN, &json, "depth 0");
    expect_error(ntk_flat_iterate(&json, "relu", "fast", "2", 0, NULL, 0, "1", "0", &d, 1,
                                  20, 0, NULL, NULL), NTK_DOMAIN, &json, "method");
    expect_error(ntk_flat_iterate(&json, "relu", NULL, "0", 0, NULL, 0, "1", "0", &d, 1,
                                  20, 0, NULL, NULL), NTK_DOMAIN, &json, "sigma_w2");
    d = 100000;
    expect_error(ntk_flat_iterate(&json, "relu", NULL, "2", 0, NULL, 0, "1", "0.5", &d, 1,
                                  30, 16, NULL, NULL), NTK_UNABLE, &json, "depth 100000");
    expect_error(ntk_flat_ball_text(&json, "1", "-1", 10), NTK_DOMAIN, &json, "rad");
    expect_error(ntk_flat_verify(&json, NULL, NULL, "NO-SUCH", 1, -1, 1), NTK_DOMAIN, &json,
                 "NO-SUCH");
    expect_error(ntk_flat_finite(&json, "relu", 4, 0, NULL, 0, NULL, 0, 0.0, NULL, NULL,
                                 NULL, 0, 10, 1, 1), NTK_DOMAIN, &json, "width");
}

static int
stop_at_once(void *data, slong done, slong total, slong prec)
{
    (void) data; (void) done; (void) total; (void) prec;
    return 1;
}

static void
test_interrupt(void **state)
{
    slong d = 10000000;
    char *json;
    (void) state;
    assert_int_equal(ntk_flat_iterate(&json, "relu", NULL, "2", 0, NULL, 0, "1", "0.5", &d, 1,
                                      20, 0, stop_at_once, NULL), NTK_INTERRUPTED);
    assert_null(json);
}

static void
test_ball_text(void **state)
{
    char *s;
    (void) state;
    assert_int_equal(ntk_flat_ball_text(&s, "3.14159", "1e-3", 30), NTK_SUCCESS);
    assert_string_equal(s, "3.14");
    ntk_flat_free(s);
    assert_int_equal(ntk_flat_ball_text(&s, "-2.5e-7", "0", 30), NTK_SUCCESS);
    assert_non_null(strstr(s, "-2.5"));
    ntk_flat_free(s);
}

static void
test_verify_text(void **state)
{
    const char *text =
        "[diag]\nsource = test\nstatement = Theta^L_11 = q L\nact = relu\nsigma_w2 = 2\n"
        "q1 = 1\nquantity = theta11\nlaw = identity\nconstant = q1*L\ndepths = 1,10\n"
        "tolerance = 1e-20\nexpect = holds\n";
    char *json;
    (void) state;
    assert_int_equal(ntk_flat_verify(&json, NULL, text, NULL, 1, -1, 1), NTK_SUCCESS);
    assert_non_null(strstr(json, "\"verdict\": \"holds\""));
    assert_non_null(strstr(json, "\"command\": \"ntk_flat_verify\""));
    ntk_flat_free(json);
}

static void
test_finite(void **state)
{
    slong depths[2] = {1, 3};
    double sw2 = 2.0, r[2] = {1.0, 0.0};
    char *json;
    (void) state;
    assert_int_equal(ntk_flat_finite(&json, "relu", 4, 4, depths, 2, &sw2, 1, 0.0, NULL, NULL,
                                     r, 2, 20, 3, 1), NTK_SUCCESS);
    assert_non_null(strstr(json, "\"exact_mean_diag\": {\"mid\""));
    assert_non_null(strstr(json, "\"kind\": \"monte_carlo\""));
    ntk_flat_free(json);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iterate_relu_eoc),
        cmocka_unit_test(test_eoc),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_interrupt),
        cmocka_unit_test(test_ball_text),
        cmocka_unit_test(test_verify_text),
        cmocka_unit_test(test_finite),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
