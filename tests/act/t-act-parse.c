/* Activation names: every name of conventions.md section 3 parses to the
 * right kind and exact parameters; bad names and parameters give
 * NTK_DOMAIN with the offending string in the message; structural
 * properties match the definitions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "ntkdepth.h"

static void
assert_q(const fmpq_t x, slong num, slong den)
{
    fmpq_t y;
    fmpq_init(y);
    fmpq_set_si(y, num, (ulong) den);
    assert_true(fmpq_equal(x, y));
    fmpq_clear(y);
}

static void
test_all_names(void **state)
{
    static const struct { const char *name, *canon; ntk_act_kind kind; } tab[] = {
        {"relu", "relu", NTK_ACT_RELULIKE},
        {"leaky_relu:0.1", "leaky_relu:0.1", NTK_ACT_RELULIKE},
        {"abs", "abs", NTK_ACT_RELULIKE},
        {"linear", "linear", NTK_ACT_RELULIKE},
        {"relulike:1,0.5", "relulike:1,0.5", NTK_ACT_RELULIKE},
        {"step", "step", NTK_ACT_STEP},
        {"relu_pow:2", "relu_pow:2", NTK_ACT_RELU_POW},
        {"relu_pow:0", "relu_pow:0", NTK_ACT_STEP},
        {"erf", "erf", NTK_ACT_ERF},
        {"gelu", "gelu", NTK_ACT_GELU},
        {"sin", "sin", NTK_ACT_SIN},
        {"cos", "cos", NTK_ACT_COS},
        {"tanh", "tanh", NTK_ACT_TANH},
        {"elu", "elu", NTK_ACT_ELU},
        {"elu:0.5", "elu:0.5", NTK_ACT_ELU},
        {"silu", "silu", NTK_ACT_SILU},
        {"swish", "silu", NTK_ACT_SILU},
        {"softplus", "softplus", NTK_ACT_SOFTPLUS},
        {"sigmoid", "sigmoid", NTK_ACT_SIGMOID},
        {"selu", "selu", NTK_ACT_SELU},
        {"mish", "mish", NTK_ACT_MISH},
    };
    ntk_act_t a;
    (void) state;
    ntk_act_init(a);
    for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
    {
        assert_int_equal(ntk_act_set_str(a, tab[i].name), NTK_SUCCESS);
        assert_int_equal(a->kind, tab[i].kind);
        assert_string_equal(a->name, tab[i].canon);
    }
    ntk_act_clear(a);
}

static void
test_names_list(void **state)
{
    const char *want[] = {"relu", "leaky_relu", "abs", "linear", "relulike",
                          "step", "relu_pow", "erf", "gelu", "sin", "cos",
                          "tanh", "elu", "selu", "silu", "swish", "softplus",
                          "sigmoid", "mish"};
    (void) state;
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        assert_non_null(strstr(ntk_act_names(), want[i]));
}

static void
test_parameters_exact(void **state)
{
    ntk_act_t a;
    fmpq_t al, la;
    (void) state;
    ntk_act_init(a);
    fmpq_init(al);
    fmpq_init(la);

    /* relu = (x + |x|)/2 */
    assert_int_equal(ntk_act_set_str(a, "relu"), NTK_SUCCESS);
    assert_q(a->a, 1, 2);
    assert_q(a->b, 1, 2);
    /* leaky 0.1: x on x > 0, x/10 on x < 0: a + b = 1, a - b = 1/10 */
    assert_int_equal(ntk_act_set_str(a, "leaky_relu:0.1"), NTK_SUCCESS);
    assert_q(a->a, 11, 20);
    assert_q(a->b, 9, 20);
    assert_int_equal(ntk_act_set_str(a, "leaky_relu:-2.5e-1"), NTK_SUCCESS);
    assert_q(a->a, 3, 8);
    assert_q(a->b, 5, 8);
    assert_int_equal(ntk_act_set_str(a, "abs"), NTK_SUCCESS);
    assert_q(a->a, 0, 1);
    assert_q(a->b, 1, 1);
    assert_int_equal(ntk_act_set_str(a, "linear"), NTK_SUCCESS);
    assert_q(a->a, 1, 1);
    assert_q(a->b, 0, 1);
    assert_int_equal(ntk_act_set_str(a, "relulike:1,-0.5"), NTK_SUCCESS);
    assert_q(a->a, 1, 1);
    assert_q(a->b, -1, 2);
    assert_int_equal(ntk_act_set_str(a, "elu"), NTK_SUCCESS);
    assert_q(a->alpha, 1, 1);
    assert_int_equal(ntk_act_set_str(a, "elu:0.3"), NTK_SUCCESS);
    assert_q(a->alpha, 3, 10);
    assert_int_equal(ntk_act_set_str(a, "relu_pow:3"), NTK_SUCCESS);
    assert_int_equal(a->k, 3);
    assert_int_equal(ntk_act_set_str(a, "relu_pow:2e0"), NTK_SUCCESS);
    assert_int_equal(a->k, 2);

    /* SELU: the published decimals, as exact rationals */
    assert_int_equal(ntk_act_set_str(a, "selu"), NTK_SUCCESS);
    fmpz_set_str(fmpq_numref(al), "16732632423543772848170429916717", 10);
    fmpz_set_str(fmpq_denref(al), "10000000000000000000000000000000", 10);
    fmpq_canonicalise(al);
    fmpz_set_str(fmpq_numref(la), "10507009873554804934193349852946", 10);
    fmpz_set_str(fmpq_denref(la), "10000000000000000000000000000000", 10);
    fmpq_canonicalise(la);
    assert_true(fmpq_equal(a->alpha, al));
    assert_true(fmpq_equal(a->lambda, la));

    fmpq_clear(al);
    fmpq_clear(la);
    ntk_act_clear(a);
}

static void
test_bad(void **state)
{
    /* each bad name, and a substring the message must contain */
    static const char *bad[][2] = {
        {"foo", "'foo'"},
        {"", "''"},
        {"Relu", "'Relu'"},
        {"relu:1", "'relu:1'"},
        {"tanh:2", "'tanh:2'"},
        {"leaky_relu", "'leaky_relu'"},
        {"leaky_relu:", "'leaky_relu:'"},
        {"leaky_relu:x", "'x'"},
        {"leaky_relu:0.1.2", "'0.1.2'"},
        {"elu:abc", "'abc'"},
        {"relu_pow", "'relu_pow'"},
        {"relu_pow:1.5", "'1.5'"},
        {"relu_pow:-1", "'-1'"},
        {"relu_pow:2000", "'2000'"},
        {"relulike:1", "'relulike:1'"},
        {"relulike:1,", "'relulike:1,'"},
        {"relulike:a,1", "'a'"},
        {"relulike:1,b", "'b'"},
        {"relulike:0,0", "'relulike:0,0'"},
        {"swish:1", "'swish:1'"},
    };
    char longname[300];
    ntk_act_t a;
    (void) state;
    ntk_act_init(a);
    assert_int_equal(ntk_act_set_str(a, "tanh"), NTK_SUCCESS);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    {
        ntk_error_clear();
        assert_int_equal(ntk_act_set_str(a, bad[i][0]), NTK_DOMAIN);
        if (strstr(ntk_error_last(), bad[i][1]) == NULL
            || strncmp(ntk_error_last(), "act ", 4) != 0)
            fail_msg("'%s': message '%s' does not name %s", bad[i][0],
                     ntk_error_last(), bad[i][1]);
        /* a failed parse leaves the activation untouched */
        assert_int_equal(a->kind, NTK_ACT_TANH);
        assert_string_equal(a->name, "tanh");
    }
    memset(longname, 'x', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    assert_int_equal(ntk_act_set_str(a, longname), NTK_DOMAIN);
    assert_int_equal(ntk_act_set_str(a, NULL), NTK_DOMAIN);
    ntk_act_clear(a);
}

static void
test_properties(void **state)
{
    static const struct { const char *name; int closed, piecewise; slong smooth; } tab[] = {
        {"relu", 1, 1, 1}, {"leaky_relu:0.2", 1, 1, 1}, {"leaky_relu:1", 1, 0, NTK_SMOOTH_INF},
        {"abs", 1, 1, 1}, {"linear", 1, 0, NTK_SMOOTH_INF}, {"relulike:2,0", 1, 0, NTK_SMOOTH_INF},
        {"relulike:1,0.5", 1, 1, 1}, {"step", 1, 1, 0}, {"relu_pow:1", 1, 1, 1},
        {"relu_pow:4", 1, 1, 4}, {"erf", 1, 0, NTK_SMOOTH_INF}, {"gelu", 1, 0, NTK_SMOOTH_INF},
        {"sin", 1, 0, NTK_SMOOTH_INF}, {"cos", 1, 0, NTK_SMOOTH_INF},
        {"tanh", 0, 0, NTK_SMOOTH_INF}, {"elu", 1, 1, 2}, {"elu:0.5", 1, 1, 1},
        {"elu:1.0", 1, 1, 2}, {"selu", 1, 1, 1}, {"silu", 0, 0, NTK_SMOOTH_INF},
        {"softplus", 0, 0, NTK_SMOOTH_INF}, {"sigmoid", 0, 0, NTK_SMOOTH_INF},
        {"mish", 0, 0, NTK_SMOOTH_INF},
    };
    ntk_act_t a, b;
    (void) state;
    ntk_act_init(a);
    ntk_act_init(b);
    for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
    {
        assert_int_equal(ntk_act_set_str(a, tab[i].name), NTK_SUCCESS);
        if (ntk_act_has_closed_form(a) != tab[i].closed
            || ntk_act_is_piecewise(a) != tab[i].piecewise
            || ntk_act_smoothness(a) != tab[i].smooth)
            fail_msg("%s: closed %d piecewise %d smoothness %ld", tab[i].name,
                     ntk_act_has_closed_form(a), ntk_act_is_piecewise(a),
                     (long) ntk_act_smoothness(a));
        /* set copies everything */
        ntk_act_set(b, a);
        assert_string_equal(b->name, a->name);
        assert_int_equal(b->kind, a->kind);
        assert_true(fmpq_equal(b->a, a->a) && fmpq_equal(b->b, a->b)
                    && fmpq_equal(b->alpha, a->alpha) && b->k == a->k);
    }
    ntk_act_clear(a);
    ntk_act_clear(b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_names),
        cmocka_unit_test(test_names_list),
        cmocka_unit_test(test_parameters_exact),
        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_properties),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
