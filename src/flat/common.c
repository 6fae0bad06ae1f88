/* Flat ABI: strings, exact numbers, ball text (flat.h). */
#include <stdlib.h>
#include <string.h>
#include "flat_impl.h"

void
ntk_flat_free(char *s)
{
    free(s);
}

const char *
ntk_flat_version(void)
{
    return NTK_VERSION;
}

const char *
ntk_flat_error(void)
{
    return ntk_error_last();
}

ntk_status
flat_text_open(flat_text *t)
{
    t->buf = NULL;
    t->len = 0;
    t->fp = open_memstream(&t->buf, &t->len);
    if (t->fp == NULL)
        return ntk_error_set(NTK_NOMEM, "cannot open a memory stream for the JSON text");
    return NTK_SUCCESS;
}

ntk_status
flat_text_close(flat_text *t, char **json, ntk_status st)
{
    int bad = 0;
    *json = NULL;
    if (t->fp != NULL)
    {
        bad = ferror(t->fp) != 0;
        if (fclose(t->fp) != 0)
            bad = 1;
        t->fp = NULL;
    }
    if (st == NTK_SUCCESS && (bad || t->buf == NULL))
        st = ntk_error_set(NTK_NOMEM, "could not write the JSON text (out of memory)");
    if (st == NTK_SUCCESS)
        *json = t->buf;
    else
        free(t->buf);
    t->buf = NULL;
    return st;
}

ntk_status
flat_parse_q(fmpq_t x, const char *s, const char *what)
{
    const char *slash;
    ntk_status st;

    if (s == NULL)
        return ntk_error_set(NTK_DOMAIN, "%s: no value given", what);
    slash = strchr(s, '/');
    if (slash == NULL)
        return ntk_parse_fmpq(x, s, what);
    {
        size_t k = (size_t) (slash - s);
        char *num = malloc(k + 1);
        fmpq_t d;
        if (num == NULL)
            return ntk_error_set(NTK_NOMEM, "%s: out of memory", what);
        memcpy(num, s, k);
        num[k] = '\0';
        fmpq_init(d);
        st = ntk_parse_fmpq(x, num, what);
        if (st == NTK_SUCCESS)
            st = ntk_parse_fmpq(d, slash + 1, what);
        if (st == NTK_DOMAIN)
            st = ntk_error_set(NTK_DOMAIN, "%s = '%s': not an exact decimal or P/Q",
                               what, s);
        else if (st == NTK_SUCCESS && fmpq_is_zero(d))
            st = ntk_error_set(NTK_DOMAIN, "%s = %s: division by zero", what, s);
        if (st == NTK_SUCCESS)
            fmpq_div(x, x, d);
        fmpq_clear(d);
        free(num);
    }
    return st;
}

ntk_status
flat_parse_var(fmpq_t x2, const char *s, int is_std, int strict, const char *what)
{
    ntk_status st = flat_parse_q(x2, s, what);
    if (st != NTK_SUCCESS)
        return st;
    if (fmpq_sgn(x2) < 0 || (strict && fmpq_is_zero(x2)))
        return ntk_error_set(NTK_DOMAIN, "%s = %s: must be %s", what, s,
                             strict ? "> 0" : ">= 0");
    if (is_std)
        fmpq_mul(x2, x2, x2);
    return NTK_SUCCESS;
}

ntk_status
ntk_flat_ball_text(char **text, const char *mid, const char *rad, slong max_digits)
{
    fmpq_t m, r;
    arb_t x;
    mag_t e;
    slong prec;
    ntk_status st;
    char *s;

    *text = NULL;
    fmpq_init(m);
    fmpq_init(r);
    arb_init(x);
    mag_init(e);
    st = ntk_parse_fmpq(m, mid, "mid");
    if (st == NTK_SUCCESS)
        st = ntk_parse_fmpq(r, rad, "rad");
    if (st == NTK_SUCCESS && fmpq_sgn(r) < 0)
        st = ntk_error_set(NTK_DOMAIN, "rad = %s: must be >= 0", rad);
    if (st == NTK_SUCCESS && max_digits < 1)
        st = ntk_error_set(NTK_DOMAIN, "max_digits = %ld: must be >= 1", (long) max_digits);
    if (st == NTK_SUCCESS)
    {
        /* enough bits for every digit of mid and a few more */
        prec = 4 * (slong) strlen(mid) + 64;
        arb_set_fmpq(x, m, prec);
        {
            arb_t t;
            arb_init(t);
            arb_set_fmpq(t, r, 64);
            arb_get_mag(e, t);      /* upper bound of rad */
            arb_clear(t);
        }
        arb_add_error_mag(x, e);
        s = ntk_ball_text(x, max_digits);
        *text = malloc(strlen(s) + 1);
        if (*text == NULL)
            st = ntk_error_set(NTK_NOMEM, "out of memory");
        else
            strcpy(*text, s);
        flint_free(s);
    }
    fmpq_clear(m);
    fmpq_clear(r);
    arb_clear(x);
    mag_clear(e);
    return st;
}
