/* libFuzzer harness: the expression parser (ntk_expr_eval, ntk_expr_check,
 * src/claim/expr.c).
 * Input: byte 0 chooses the working precision (32 + 8 * (b % 64) bits),
 * the rest is the expression (cut at the first NUL).
 * Oracles: the sanitizers; both calls return NTK_SUCCESS or NTK_DOMAIN with
 * a non-empty message; check mode and evaluation accept exactly the same
 * strings when the evaluator's lookup knows exactly check mode's names
 * (syntax does not depend on values); evaluating twice gives the same ball;
 * a name the lookup rejects (-1: "bad") fails with the lookup's status. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/claim.h"
#include "fuzz.h"

static const char *const vars[] = {"L", "eps", "q1", "c0", "theta12", "x", NULL};

static int
lookup(arb_t res, const char *name, void *data, slong prec)
{
    (void) data;
    if (!strcmp(name, "bad"))
    {
        ntk_error_set(NTK_DOMAIN, "name 'bad': rejected by the lookup");
        return -1;
    }
    for (int i = 0; vars[i]; i++)
        if (!strcmp(vars[i], name))
        {
            /* values with nonzero radius too: 1000, 1/3, ... */
            arb_set_ui(res, (ulong) (i + 1) * 1000);
            arb_div_ui(res, res, (ulong) (3 * i + 1), prec);
            return 1;
        }
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *e;
    slong prec;
    ntk_status s1, s2, s3;
    arb_t r1, r2;

    if (size < 1 || size > 4096)
        return 0;
    prec = 32 + 8 * (slong) (data[0] % 64);
    e = ntk_fuzz_cstr(data + 1, size - 1);
    arb_init(r1);
    arb_init(r2);

    s1 = ntk_expr_check(e, vars);
    NTK_FUZZ_CHECK(s1 == NTK_SUCCESS || s1 == NTK_DOMAIN);
    if (s1 != NTK_SUCCESS)
        NTK_FUZZ_CHECK(ntk_error_last()[0] != '\0');

    s2 = ntk_expr_eval(r1, e, lookup, NULL, prec);
    NTK_FUZZ_CHECK(s2 == NTK_SUCCESS || s2 == NTK_DOMAIN);
    if (s2 != NTK_SUCCESS)
        NTK_FUZZ_CHECK(ntk_error_last()[0] != '\0');
    if (strstr(e, "bad") == NULL)
        NTK_FUZZ_CHECK(s1 == s2);

    if (s2 == NTK_SUCCESS)
    {
        s3 = ntk_expr_eval(r2, e, lookup, NULL, prec);
        NTK_FUZZ_CHECK(s3 == NTK_SUCCESS);
        NTK_FUZZ_CHECK(arb_equal(r1, r2) || (!arb_is_finite(r1) && !arb_is_finite(r2)));
    }
    /* without a lookup every name but pi, e fails */
    s3 = ntk_expr_eval(r2, e, NULL, NULL, prec);
    NTK_FUZZ_CHECK(s3 == NTK_SUCCESS || s3 == NTK_DOMAIN);

    arb_clear(r1);
    arb_clear(r2);
    free(e);
    return 0;
}
