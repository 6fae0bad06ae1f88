/* Decimal strings for balls: text (certified digits only) and JSON. */
#include <math.h>
#include <string.h>
#include "ntkdepth/report.h"

/* An upper bound on the significant digits of the exact decimal of a
   nonzero dyadic m 2^(e-b) (m odd with b bits, arf exponent e): with
   k = b - e > 0 fractional bits it is m 5^k / 10^k, at most
   b log10(2) + k log10(5) + 1 digits; else an integer of at most
   e log10(2) + 1 digits.  WORD_MAX when the exponent is not small. */
static slong
mid_exact_digits(const arf_t m)
{
    slong b = arf_bits(m), e;
    if (!fmpz_fits_si(ARF_EXPREF(m)))
        return WORD_MAX;
    e = fmpz_get_si(ARF_EXPREF(m));
    if (e > WORD_MAX / 4 || e < -(WORD_MAX / 4))
        return WORD_MAX;
    if (b > e)
        return (slong) (b * 0.30103 + (b - e) * 0.69898) + 2;
    return (slong) (e * 0.30103) + 2;
}

/* "2.5000e-3" -> "2.5e-3", "2.0000" -> "2": trailing zeros of the
   fraction (and a bare point) removed, in place */
static void
strip_fraction_zeros(char *s)
{
    char *pt = strchr(s, '.'), *ex, *end;
    if (pt == NULL)
        return;
    ex = strpbrk(pt, "eE");
    end = ex != NULL ? ex : pt + strlen(pt);
    while (end > pt + 1 && end[-1] == '0')
        end--;
    if (end == pt + 1)
        end = pt;
    memmove(end, ex != NULL ? ex : pt + strlen(pt), strlen(ex != NULL ? ex : pt + strlen(pt)) + 1);
}

/* the longest exact decimal written in full */
#define EXACT_DIGITS_MAX 60

char *
ntk_ball_text(const arb_t x, slong max_digits)
{
    slong d = ntk_ball_digits(x);
    if (max_digits <= 0)
    {
        /* all the digits the radius allows; an exact ball (no radius) as
           its exact decimal when that is short, else rounded to
           EXACT_DIGITS_MAX digits (still within one unit of the last) */
        max_digits = WORD_MAX;
        if (arb_is_exact(x))
            max_digits = arf_is_zero(arb_midref(x)) ? 1
                         : FLINT_MIN(mid_exact_digits(arb_midref(x)), EXACT_DIGITS_MAX);
    }
    if (d > max_digits)
        d = max_digits;
    if (d < 1)
        d = 1;
    return arb_get_str(x, d, ARB_STR_NO_RADIUS);
}

/* Upper bound of m as "D.De[+-]X": two significant digits, rounded up,
   within a factor 1.1 of m.  Exact at any exponent: the decimal exponent
   is guessed from the binary one (never through a double value, whose
   range ends near 1e-308 / 1e308) and corrected until the ceiling n of
   m / 10^e (a ball at 256 bits, rounded up) has two digits. */
char *
ntk_mag_str_up(const mag_t m)
{
    char *s;
    arb_t t, p;
    arf_t u;
    fmpz_t n;
    slong e;
    int iter = 0;

    if (mag_is_zero(m))
    {
        s = flint_malloc(2);
        strcpy(s, "0");
        return s;
    }
    if (mag_is_inf(m))
    {
        s = flint_malloc(4);
        strcpy(s, "inf");
        return s;
    }
    arb_init(t); arb_init(p); arf_init(u); fmpz_init(n);
    /* log10 m ~ log2 m * log10(2); the loop fixes an off-by-one */
    e = (slong) floor(mag_get_d_log2_approx(m) * 0.30102999566398120) - 1;
    for (;;)
    {
        /* u >= m / 10^e, n = ceil(u) */
        arf_set_mag(u, m);
        arb_set_arf(t, u);
        arb_set_ui(p, 10);
        arb_pow_ui(p, p, (ulong) (e >= 0 ? e : -e), 256);
        if (e >= 0)
            arb_div(t, t, p, 256);
        else
            arb_mul(t, t, p, 256);
        arb_get_ubound_arf(u, t, 256);
        /* 10 <= u <= 100 (u, not its ceiling: ceil(9.1) = 10 would be
           1.1 times too large) */
        if (arf_cmp_si(u, 100) > 0 && iter++ < 8) { e++; continue; }
        if (arf_cmp_si(u, 10) < 0 && iter++ < 8) { e--; continue; }
        arf_get_fmpz(n, u, ARF_RND_CEIL);
        break;
    }
    if (fmpz_cmp_ui(n, 100) == 0)
    {
        /* 100 10^e = 10 10^(e+1): keep two digits */
        fmpz_set_ui(n, 10);
        e++;
    }
    {
        char *ns = fmpz_get_str(NULL, 10, n);
        size_t len = strlen(ns);
        s = flint_malloc(len + 32);
        /* n has 2 digits (other lengths only if the loop gave up: still an
           upper bound) */
        if (len == 1)
            sprintf(s, "%se%ld", ns, (long) e);
        else
            sprintf(s, "%c.%se%ld", ns[0], ns + 1, (long) (e + (slong) len - 1));
        flint_free(ns);
    }
    arb_clear(t); arb_clear(p); arf_clear(u); fmpz_clear(n);
    return s;
}

void
ntk_ball_json_strs(char **mid, char **rad, const arb_t x)
{
    slong d, digits;
    fmpq_t q;
    arb_t y, diff;
    mag_t err;
    char *s;

    fmpq_init(q); arb_init(y); arb_init(diff); mag_init(err);

    if (arf_is_zero(arb_midref(x)))
    {
        s = flint_malloc(2);
        strcpy(s, "0");
        *mid = s;
        *rad = ntk_mag_str_up(arb_radref(x));
        goto cleanup;
    }
    /* digits: what the radius allows plus three, capped by the precision
       of the midpoint -- or by the length of its exact decimal when that is
       short (a dyadic such as 489/64 = 7.640625 is then written exactly) */
    d = ntk_ball_digits(x);
    digits = arf_bits(arb_midref(x)) * 0.30103 + 3;
    {
        slong len = mid_exact_digits(arb_midref(x));
        if (len > digits && len <= 60)
            digits = len;
    }
    if (d + 3 < digits)
        digits = d + 3;
    if (digits < 5)
        digits = 5;
    s = arb_get_str(x, digits, ARB_STR_NO_RADIUS | ARB_STR_MORE);
    /* s may still carry " +/- ..." if no digit is certified: cut it */
    {
        char *pm = strstr(s, " +/-");
        if (pm) *pm = '\0';
        if (s[0] == '[')
        {
            memmove(s, s + 1, strlen(s));
        }
    }
    /* an exact ball: no padding zeros ("2", not "2.0000"); the value of
       the decimal is unchanged, so its error below is still measured */
    if (arb_is_exact(x))
        strip_fraction_zeros(s);
    /* exact error of the decimal midpoint, added to the radius */
    if (ntk_parse_fmpq(q, s, "mid") != NTK_SUCCESS)
    {
        /* cannot happen for Arb's output; fall back to the binary midpoint
           printed with enough digits to be exact-ish and a wide radius */
        flint_free(s);
        s = arf_get_str(arb_midref(x), 40);
        fmpq_zero(q);
        mag_inf(err);
        *mid = s;
        *rad = ntk_mag_str_up(err);
        goto cleanup;
    }
    arb_set_fmpq(y, q, arf_bits(arb_midref(x)) + 64 + 4 * digits);
    arb_sub(diff, x, y, arf_bits(arb_midref(x)) + 64 + 4 * digits);
    arb_get_mag(err, diff);   /* >= |x - y| for every x in the ball */
    *mid = s;
    *rad = ntk_mag_str_up(err);
cleanup:
    fmpq_clear(q); arb_clear(y); arb_clear(diff); mag_clear(err);
}

void
ntk_ball_json_write(FILE *fp, const arb_t x)
{
    char *mid, *rad;
    ntk_ball_json_strs(&mid, &rad, x);
    fprintf(fp, "{\"mid\": \"%s\", \"rad\": \"%s\"}", mid, rad);
    flint_free(mid);
    flint_free(rad);
}
