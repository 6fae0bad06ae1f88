/* libFuzzer harness: the number parsers of src/common/parse.c: exact
 * decimals (ntk_parse_fmpq, ntk_parse_arb, ntk_parse_slong) and the
 * double-precision ones of the sampled runs (ntk_parse_double,
 * ntk_parse_double_list, ntk_parse_depth_range).
 * Input: byte 0 chooses the precision (16 + 8 * (b % 64) bits), the rest is
 * the number (cut at the first NUL).
 * Oracles (independent of the parser): the sanitizers; the grammar of
 * include/ntkdepth/common.h checked by a separate matcher below (accepted
 * iff it matches, modulo the digit/exponent limits); C's strtod agrees to
 * within its rounding when the value is a normal double; the ball of
 * ntk_parse_arb contains the rational of ntk_parse_fmpq; ntk_parse_slong
 * accepts exactly the integers of the rational within its range;
 * ntk_parse_double accepts every grammatical number whose rational is 0
 * or of magnitude in [2^-1000, 2^1000] and returns it to within double
 * rounding, and rejects ungrammatical strings free of the letters of
 * strtod's other forms (hex, inf, nan); the list and depth parsers agree
 * with a hand split of the string at ',' and ':' and the number parsers
 * on each piece. */
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

/* 1 if s has none of the characters of strtod's non-decimal forms or
   spaces (then strtod's full-string grammar is grammar() above) */
static int
plain(const char *s)
{
    return strpbrk(s, "xXiInNpP \t\n\v\f\r") == NULL;
}

static void
check_double(const char *s, int ok, const fmpq_t q, int qok)
{
    double d;
    ntk_status st = ntk_parse_double(&d, s, "x");
    NTK_FUZZ_CHECK(st == NTK_SUCCESS || st == NTK_DOMAIN);
    if (st != NTK_SUCCESS)
        ntk_fuzz_check_message(0);
    else
        NTK_FUZZ_CHECK(isfinite(d));
    if (!ok && plain(s))
        NTK_FUZZ_CHECK(st == NTK_DOMAIN);
    if (qok && (fmpq_is_zero(q)
                || (fmpz_bits(fmpq_numref(q)) < fmpz_bits(fmpq_denref(q)) + 999
                    && fmpz_bits(fmpq_denref(q)) < fmpz_bits(fmpq_numref(q)) + 999)))
    {
        arb_t x, y;
        NTK_FUZZ_CHECK(st == NTK_SUCCESS);
        arb_init(x);
        arb_init(y);
        arb_set_fmpq(x, q, 128);
        arb_set_d(y, d);
        arb_sub(y, y, x, 128);
        arb_abs(y, y);
        arb_abs(x, x);
        arb_mul_2exp_si(x, x, -52);
        NTK_FUZZ_CHECK(arb_le(y, x) || fmpq_is_zero(q));
        if (fmpq_is_zero(q))
            NTK_FUZZ_CHECK(d == 0.0);
        arb_clear(x);
        arb_clear(y);
    }
}

/* the pieces of s between the separator sep (n + 1 pieces for n seps) */
static char **
split(slong *n, const char *s, char sep)
{
    slong k = 1;
    char **v, *c = strdup(s), *p = c;
    for (const char *t = s; *t; t++)
        k += *t == sep;
    v = malloc(sizeof(char *) * (size_t) (k + 1));
    v[0] = c;
    k = 1;
    for (; *p; p++)
        if (*p == sep)
        {
            *p = '\0';
            v[k++] = p + 1;
        }
    *n = k;
    return v;
}

static void
check_lists(const char *s)
{
    slong n, m, nd, *dd, k;
    char **piece = split(&n, s, ',');
    double *v, d;
    int all = 1;
    ntk_status st;

    /* the list: every piece non-empty and a number */
    for (slong i = 0; i < n; i++)
        all = all && piece[i][0] != '\0' && ntk_parse_double(&d, piece[i], "x") == NTK_SUCCESS;
    st = ntk_parse_double_list(&v, &m, s, "x");
    NTK_FUZZ_CHECK(st == (all ? NTK_SUCCESS : NTK_DOMAIN));
    if (st == NTK_SUCCESS)
    {
        NTK_FUZZ_CHECK(m == n);
        for (slong i = 0; i < n; i++)
            NTK_FUZZ_CHECK(ntk_parse_double(&d, piece[i], "x") == NTK_SUCCESS
                           && (d == v[i] || (isnan(d) && isnan(v[i]))));
        free(v);
    }
    else
    {
        NTK_FUZZ_CHECK(v == NULL);
        ntk_fuzz_check_message(0);
    }

    /* the depth range, max 1000 */
    st = ntk_parse_depth_range(&dd, &nd, s, "depth", 1000);
    NTK_FUZZ_CHECK(st == NTK_SUCCESS || st == NTK_DOMAIN);
    if (st == NTK_DOMAIN)
    {
        NTK_FUZZ_CHECK(dd == NULL);
        ntk_fuzz_check_message(0);
    }
    if (strchr(s, ':') == NULL)
    {
        int good = all;
        for (slong i = 0; good && i < n; i++)
        {
            good = ntk_parse_double(&d, piece[i], "x") == NTK_SUCCESS;
            good = good && d == floor(d) && d >= 1 && d <= 1000;
        }
        NTK_FUZZ_CHECK(st == (good ? NTK_SUCCESS : NTK_DOMAIN));
        if (good)
        {
            NTK_FUZZ_CHECK(nd == n);
            for (slong i = 0; i < n; i++)
                NTK_FUZZ_CHECK(ntk_parse_double(&d, piece[i], "x") == NTK_SUCCESS
                               && (double) dd[i] == d);
        }
    }
    else
    {
        slong np, a = 0, b = 0, step = 1;
        char **r = split(&np, s, ':');
        int good = np == 2 || np == 3;
        for (slong i = 0; good && i < np; i++)
            good = strlen(r[i]) < 32;
        good = good && ntk_parse_slong(&a, r[0], "a", 1, 1000) == NTK_SUCCESS
                    && ntk_parse_slong(&b, r[1], "b", 1, 1000) == NTK_SUCCESS
                    && (np == 2 || ntk_parse_slong(&step, r[2], "s", 1, 1000) == NTK_SUCCESS)
                    && a <= b;
        NTK_FUZZ_CHECK(st == (good ? NTK_SUCCESS : NTK_DOMAIN));
        if (good)
        {
            NTK_FUZZ_CHECK(nd == (b - a) / step + 1);
            for (k = 0; k < nd; k++)
                NTK_FUZZ_CHECK(dd[k] == a + k * step);
        }
        free(r[0]);
        free(r);
    }
    if (st == NTK_SUCCESS)
        free(dd);
    free(piece[0]);
    free(piece);
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

    check_double(s, ok, q, st == NTK_SUCCESS);
    check_lists(s);

    fmpq_clear(q);
    arb_clear(x);
    free(s);
    return 0;
}
