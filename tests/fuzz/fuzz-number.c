/* libFuzzer harness: the exact decimal parser (ntk_parse_fmpq, ntk_parse_arb,
 * ntk_parse_slong, src/common/parse.c).
 * Input: byte 0 chooses the precision (16 + 8 * (b % 64) bits), the rest is
 * the number (cut at the first NUL).
 * Oracles (independent of the parser): the sanitizers; the grammar of
 * include/ntkdepth/common.h checked by a separate matcher below (accepted
 * iff it matches, modulo the digit/exponent limits); C's strtod agrees to
 * within its rounding when the value is a normal double; the ball of
 * ntk_parse_arb contains the rational of ntk_parse_fmpq; ntk_parse_slong
 * accepts exactly the integers of the rational within its range. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/common.h"
#include "fuzz.h"

/* [+-]? (d+ | d+ '.' d* | '.' d+) ([eE] [+-]? d+)?   -- 1 if it matches;
   *ndig, *expdig: counts of mantissa digits and of exponent digits */
static int
grammar(const char *s, int *ndig, int *expdig)
{
    const char *p = s;
    *ndig = *expdig = 0;
    if (*p == '+' || *p == '-')
        p++;
    while (*p >= '0' && *p <= '9')
        p++, ++*ndig;
    if (*p == '.')
    {
        p++;
        while (*p >= '0' && *p <= '9')
            p++, ++*ndig;
    }
    if (*ndig == 0)
        return 0;
    if (*p == 'e' || *p == 'E')
    {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        while (*p >= '0' && *p <= '9')
            p++, ++*expdig;
        if (*expdig == 0)
            return 0;
    }
    return *p == '\0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s;
    slong prec, n;
    fmpq_t q;
    arb_t x;
    ntk_status st, st2;
    int ndig, expdig, ok;

    if (size < 1 || size > 4096)
        return 0;
    prec = 16 + 8 * (slong) (data[0] % 64);
    s = ntk_fuzz_cstr(data + 1, size - 1);
    fmpq_init(q);
    arb_init(x);

    ok = grammar(s, &ndig, &expdig);
    st = ntk_parse_fmpq(q, s, "x");
    NTK_FUZZ_CHECK(st == NTK_SUCCESS || st == NTK_DOMAIN);
    if (st != NTK_SUCCESS)
        ntk_fuzz_check_message(0);
    /* grammatical and within the limits (20000 digits, |exponent| <=
       100000) iff accepted */
    if (!ok)
        NTK_FUZZ_CHECK(st != NTK_SUCCESS);
    else if (ndig <= 20000 && expdig <= 5)
        NTK_FUZZ_CHECK(st == NTK_SUCCESS);
    if (st == NTK_SUCCESS)
    {
        char *end;
        double d;
        NTK_FUZZ_CHECK(ok);
        errno = 0;
        d = strtod(s, &end);
        NTK_FUZZ_CHECK(*end == '\0');
        if (errno == 0 && isnormal(d))
        {
            /* |q - d| <= 2^-52 |d| (strtod rounds to nearest) */
            arb_t y;
            mag_t m;
            arb_init(y);
            mag_init(m);
            arb_set_fmpq(x, q, 128);
            arb_set_d(y, d);
            arb_sub(y, x, y, 128);
            arb_div(y, y, x, 128);
            arb_abs(y, y);
            arb_get_mag(m, y);
            NTK_FUZZ_CHECK(mag_cmp_2exp_si(m, -52) <= 0);
            mag_clear(m);
            arb_clear(y);
        }
        else if (errno == 0 && d == 0.0)
            NTK_FUZZ_CHECK(fmpq_is_zero(q));

        st2 = ntk_parse_arb(x, s, "x", prec);
        NTK_FUZZ_CHECK(st2 == NTK_SUCCESS);
        NTK_FUZZ_CHECK(arb_contains_fmpq(x, q));

        st2 = ntk_parse_slong(&n, s, "n", -1000000, 1000000);
        if (fmpz_is_one(fmpq_denref(q)) && fmpz_cmp_si(fmpq_numref(q), -1000000) >= 0
            && fmpz_cmp_si(fmpq_numref(q), 1000000) <= 0)
        {
            NTK_FUZZ_CHECK(st2 == NTK_SUCCESS);
            NTK_FUZZ_CHECK(fmpz_equal_si(fmpq_numref(q), n));
        }
        else
            NTK_FUZZ_CHECK(st2 == NTK_DOMAIN);
    }
    else
    {
        NTK_FUZZ_CHECK(ntk_parse_arb(x, s, "x", prec) == NTK_DOMAIN);
        NTK_FUZZ_CHECK(ntk_parse_slong(&n, s, "n", 0, 10) == NTK_DOMAIN);
    }

    fmpq_clear(q);
    arb_clear(x);
    free(s);
    return 0;
}
