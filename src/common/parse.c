/* Parsing of numbers: exact decimals ("0.2" is 1/5, enclosed in a ball),
 * integers, and the double-precision numbers, lists and depth ranges of
 * the sampled (finite-width) runs. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/common.h"

#define NTK_MAX_DEC_EXP 100000

/* Parse into integer mantissa m and decimal exponent e: value = m * 10^e. */
static ntk_status
parse_decimal(fmpz_t m, slong *e, const char *str, const char *what)
{
    const char *p = str;
    int neg = 0, ndig = 0, seen_dot = 0;
    slong frac = 0, ex = 0;

    if (str == NULL || *str == '\0')
        return ntk_error_set(NTK_DOMAIN, "%s: empty number", what);
    fmpz_zero(m);
    if (*p == '+' || *p == '-')
        neg = (*p++ == '-');
    for (; *p; p++)
    {
        if (isdigit((unsigned char) *p))
        {
            fmpz_mul_ui(m, m, 10);
            fmpz_add_ui(m, m, (ulong) (*p - '0'));
            ndig++;
            if (seen_dot)
                frac++;
            if (ndig > 20000)
                return ntk_error_set(NTK_DOMAIN, "%s = '%.40s...': too many digits", what, str);
        }
        else if (*p == '.' && !seen_dot)
            seen_dot = 1;
        else
            break;
    }
    if (ndig == 0)
        return ntk_error_set(NTK_DOMAIN, "%s = '%s': not a number", what, str);
    if (*p == 'e' || *p == 'E')
    {
        int eneg = 0, edig = 0;
        p++;
        if (*p == '+' || *p == '-')
            eneg = (*p++ == '-');
        for (; isdigit((unsigned char) *p); p++)
        {
            ex = 10 * ex + (*p - '0');
            edig++;
            if (ex > NTK_MAX_DEC_EXP)
                return ntk_error_set(NTK_DOMAIN, "%s = '%s': exponent out of range", what, str);
        }
        if (edig == 0)
            return ntk_error_set(NTK_DOMAIN, "%s = '%s': not a number", what, str);
        if (eneg)
            ex = -ex;
    }
    if (*p != '\0')
        return ntk_error_set(NTK_DOMAIN, "%s = '%s': not a number", what, str);
    if (neg)
        fmpz_neg(m, m);
    *e = ex - frac;
    return NTK_SUCCESS;
}

ntk_status
ntk_parse_fmpq(fmpq_t x, const char *str, const char *what)
{
    fmpz_t m, t;
    slong e = 0;
    ntk_status st;

    fmpz_init(m);
    fmpz_init(t);
    st = parse_decimal(m, &e, str, what);
    if (st != NTK_SUCCESS)
        goto cleanup;
    fmpz_set_ui(t, 10);
    if (e >= 0)
    {
        fmpz_pow_ui(t, t, (ulong) e);
        fmpz_mul(m, m, t);
        fmpq_set_fmpz(x, m);
    }
    else
    {
        fmpz_pow_ui(t, t, (ulong) (-e));
        fmpq_set_fmpz_frac(x, m, t);
    }
cleanup:
    fmpz_clear(m);
    fmpz_clear(t);
    return st;
}

ntk_status
ntk_parse_arb(arb_t x, const char *str, const char *what, slong prec)
{
    fmpq_t q;
    ntk_status st;

    fmpq_init(q);
    st = ntk_parse_fmpq(q, str, what);
    if (st == NTK_SUCCESS)
        arb_set_fmpq(x, q, prec);
    fmpq_clear(q);
    return st;
}

ntk_status
ntk_parse_slong(slong *n, const char *str, const char *what, slong lo, slong hi)
{
    fmpq_t q;
    ntk_status st;

    fmpq_init(q);
    st = ntk_parse_fmpq(q, str, what);
    if (st != NTK_SUCCESS)
        goto cleanup;
    if (!fmpz_is_one(fmpq_denref(q)))
    {
        st = ntk_error_set(NTK_DOMAIN, "%s = '%s': must be an integer", what, str);
        goto cleanup;
    }
    if (fmpz_cmp_si(fmpq_numref(q), lo) < 0 || fmpz_cmp_si(fmpq_numref(q), hi) > 0)
    {
        st = ntk_error_set(NTK_DOMAIN, "%s = '%s': must be between %ld and %ld",
                           what, str, (long) lo, (long) hi);
        goto cleanup;
    }
    *n = fmpz_get_si(fmpq_numref(q));
cleanup:
    fmpq_clear(q);
    return st;
}

ntk_status
ntk_parse_double(double *x, const char *str, const char *what)
{
    char *end;
    if (str == NULL || *str == '\0')
        return ntk_error_set(NTK_DOMAIN, "%s '': a number is required", what);
    errno = 0;
    *x = strtod(str, &end);
    if (*end != '\0' || errno != 0 || !isfinite(*x) || isspace((unsigned char) str[0]))
        return ntk_error_set(NTK_DOMAIN, "%s '%s': not a number", what, str);
    return NTK_SUCCESS;
}

ntk_status
ntk_parse_double_list(double **v, slong *n, const char *str, const char *what)
{
    slong cap = 8, k = 0;
    const char *p = str, *q;
    double *w;
    char *tok;
    ntk_status st = NTK_SUCCESS;

    *v = NULL;
    *n = 0;
    if (str == NULL || *str == '\0' || str[strlen(str) - 1] == ',' || str[0] == ','
        || strstr(str, ",,") != NULL)
        return ntk_error_set(NTK_DOMAIN, "%s '%s': empty list entry", what, str ? str : "");
    w = malloc(sizeof(double) * cap);
    tok = malloc(strlen(str) + 1);
    if (w == NULL || tok == NULL)
    {
        st = ntk_error_set(NTK_NOMEM, "out of memory");
        goto cleanup;
    }
    for (;;)
    {
        q = strchr(p, ',');
        size_t len = q ? (size_t) (q - p) : strlen(p);
        memcpy(tok, p, len);
        tok[len] = '\0';
        if (k == cap)
        {
            double *t = realloc(w, sizeof(double) * (cap *= 2));
            if (t == NULL)
            {
                st = ntk_error_set(NTK_NOMEM, "out of memory");
                goto cleanup;
            }
            w = t;
        }
        if ((st = ntk_parse_double(w + k, tok, what)) != NTK_SUCCESS)
            goto cleanup;
        k++;
        if (q == NULL)
            break;
        p = q + 1;
    }
    *v = w;
    *n = k;
    w = NULL;
cleanup:
    free(w);
    free(tok);
    return st;
}

ntk_status
ntk_parse_depth_range(slong **d, slong *n, const char *str, const char *what, slong max)
{
    slong a, b, step = 1, k = 0, m;
    const char *c1 = strchr(str, ':');
    double *v;
    ntk_status st;

    *d = NULL;
    *n = 0;
    if (c1 != NULL)
    {
        char buf[3][32] = {"", "", ""};
        int parts = 0, more = 0;
        const char *p = str;
        while (parts < 3)
        {
            const char *q = strchr(p, ':');
            size_t len = q ? (size_t) (q - p) : strlen(p);
            if (len >= sizeof(buf[0]))
                return ntk_error_set(NTK_DOMAIN, "%s '%s': bad range", what, str);
            memcpy(buf[parts], p, len);
            buf[parts][len] = '\0';
            parts++;
            more = q != NULL;
            if (!q)
                break;
            p = q + 1;
        }
        if (parts < 2 || more)
            return ntk_error_set(NTK_DOMAIN, "%s '%s': use A:B or A:B:STEP", what, str);
        if ((st = ntk_parse_slong(&a, buf[0], what, 1, max)) != NTK_SUCCESS
            || (st = ntk_parse_slong(&b, buf[1], what, 1, max)) != NTK_SUCCESS)
            return st;
        if (parts == 3)
        {
            char sw[64];
            snprintf(sw, sizeof(sw), "%s step", what);
            if ((st = ntk_parse_slong(&step, buf[2], sw, 1, max)) != NTK_SUCCESS)
                return st;
        }
        if (b < a)
            return ntk_error_set(NTK_DOMAIN, "%s '%s': empty range", what, str);
        *d = malloc(sizeof(slong) * ((b - a) / step + 1));
        if (*d == NULL)
            return ntk_error_set(NTK_NOMEM, "out of memory");
        for (slong L = a; L <= b; L += step)
            (*d)[k++] = L;
        *n = k;
        return NTK_SUCCESS;
    }
    if ((st = ntk_parse_double_list(&v, &m, str, what)) != NTK_SUCCESS)
        return st;
    *d = malloc(sizeof(slong) * m);
    if (*d == NULL)
    {
        free(v);
        return ntk_error_set(NTK_NOMEM, "out of memory");
    }
    for (slong i = 0; i < m; i++)
    {
        if (v[i] != floor(v[i]) || v[i] < 1 || v[i] > (double) max)
        {
            free(v);
            free(*d);
            *d = NULL;
            return ntk_error_set(NTK_DOMAIN, "%s '%s': depths are integers in [1, %ld]", what,
                                 str, (long) max);
        }
        (*d)[i] = (slong) v[i];
    }
    free(v);
    *n = m;
    return NTK_SUCCESS;
}

slong
ntk_digits_to_bits(slong digits)
{
    /* log2(10) < 3.3219281 < 3.33 */
    return (slong) (digits * 3.3219281 + 1.0);
}

slong
ntk_estimate_digits(const arb_t value, const arb_t error)
{
    arb_t t, u;
    mag_t er;
    slong d = 5;
    if (arf_is_zero(arb_midref(value)) || !arb_is_finite(value))
        return d;
    arb_init(t); arb_init(u); mag_init(er);
    arb_get_mag(er, error);          /* >= |error| */
    if (mag_is_zero(er))
        d = 30;
    else if (mag_is_finite(er))
    {
        arf_set_mag(arb_midref(u), er);
        arf_abs(arb_midref(t), arb_midref(value));
        arb_div(t, t, u, 64);
        arb_log_base_ui(t, t, 10, 64);
        arb_floor(t, t, 64);
        if (arb_is_finite(t))
        {
            d = arf_get_si(arb_midref(t), ARF_RND_FLOOR) + 2;
            d = FLINT_MAX(d, 2);
            d = FLINT_MIN(d, 10000);
        }
    }
    arb_clear(t); arb_clear(u); mag_clear(er);
    return d;
}

slong
ntk_ball_digits(const arb_t x)
{
    slong bits;
    if (arb_is_exact(x))
        return WORD_MAX / 4;
    bits = arb_rel_accuracy_bits(x);
    if (bits <= 0)
        return 0;
    /* log10(2) < 0.30103 */
    return (slong) (bits * 0.30102999);
}
