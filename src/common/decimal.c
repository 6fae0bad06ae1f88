/* Exact rationals written back as decimals: what the user wrote ("1.5",
 * not "3/2") in values and messages. */
#include <string.h>
#include "ntkdepth/common.h"

char *
ntk_fmpq_get_str_dec(const fmpq * x, slong digits)
{
    fmpz_t d, num, p;
    slong a = 0, b = 0, k, len;
    char *s, *r;

    fmpz_init(d);
    fmpz_init(num);
    fmpz_init(p);
    fmpz_set(d, fmpq_denref(x));
    while (fmpz_divisible_si(d, 2)) { fmpz_divexact_si(d, d, 2); a++; }
    while (fmpz_divisible_si(d, 5)) { fmpz_divexact_si(d, d, 5); b++; }
    if (fmpz_is_one(d))
    {
        /* x = num / 10^k exactly */
        int neg = fmpq_sgn(x) < 0;
        k = FLINT_MAX(a, b);
        fmpz_ui_pow_ui(p, 10, (ulong) k);
        fmpz_mul(num, fmpq_numref(x), p);
        fmpz_divexact(num, num, fmpq_denref(x));
        fmpz_abs(num, num);
        s = fmpz_get_str(NULL, 10, num);
        len = (slong) strlen(s);
        r = flint_malloc(len + k + 4);
        if (k == 0)
            sprintf(r, "%s%s", neg ? "-" : "", s);
        else if (len <= k)
        {
            /* 0.00ddd */
            char *q = r;
            q += sprintf(q, "%s0.", neg ? "-" : "");
            for (slong i = 0; i < k - len; i++)
                *q++ = '0';
            strcpy(q, s);
        }
        else
            sprintf(r, "%s%.*s.%s", neg ? "-" : "", (int) (len - k), s, s + len - k);
        flint_free(s);
    }
    else
    {
        arb_t t;
        arb_init(t);
        arb_set_fmpq(t, x, FLINT_MAX(128, ntk_digits_to_bits(digits) + 64));
        r = arb_get_str(t, digits, ARB_STR_NO_RADIUS);
        arb_clear(t);
    }
    fmpz_clear(d);
    fmpz_clear(num);
    fmpz_clear(p);
    return r;
}
