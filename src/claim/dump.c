/* Exact serialization of claim results (length-prefixed strings, balls as
 * arb_dump_str), for running claims in child processes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/claim.h"

static void
put(FILE *f, const char *s)
{
    if (s == NULL)
    {
        fputs("-1:", f);
        return;
    }
    fprintf(f, "%zu:", strlen(s));
    fwrite(s, 1, strlen(s), f);
}

static void
put_arb(FILE *f, const arb_t x)
{
    char *s = arb_dump_str(x);
    put(f, s);
    flint_free(s);
}

static void
put_long(FILE *f, long v)
{
    char b[32];
    snprintf(b, sizeof(b), "%ld", v);
    put(f, b);
}

/* returns 0 on error; *s NULL for a NULL string */
static int
get(FILE *f, char **s)
{
    long n;
    *s = NULL;
    if (fscanf(f, "%ld:", &n) != 1)
        return 0;
    if (n < 0)
        return 1;
    *s = malloc((size_t) n + 1);
    if (*s == NULL || fread(*s, 1, (size_t) n, f) != (size_t) n)
        return 0;
    (*s)[n] = '\0';
    return 1;
}

static int
get_arb(FILE *f, arb_t x)
{
    char *s;
    int ok = get(f, &s) && s != NULL && arb_load_str(x, s) == 0;
    free(s);
    return ok;
}

static int
get_long(FILE *f, long *v)
{
    char *s;
    int ok = get(f, &s) && s != NULL;
    if (ok)
        *v = strtol(s, NULL, 10);
    free(s);
    return ok;
}

ntk_status
ntk_claim_result_dump(FILE *fp, const ntk_claim_result_t r)
{
    char secs[64];
    put_long(fp, r->verdict);
    put_long(fp, r->status);
    snprintf(secs, sizeof(secs), "%.17g", r->seconds);
    put(fp, secs);
    put_long(fp, r->max_depth);
    put(fp, r->predicted);
    put_arb(fp, r->pred);
    put(fp, r->evidence);
    put_long(fp, r->nmeasured);
    for (slong i = 0; i < r->nmeasured; i++)
    {
        const ntk_measured_struct *m = r->measured + i;
        put(fp, m->label);
        put_long(fp, m->kind);
        put_arb(fp, m->ball);
        put_arb(fp, m->est->value);
        put_arb(fp, m->est->error);
        put_long(fp, m->est->kind);
        put_long(fp, m->est->lo);
        put_long(fp, m->est->hi);
        put(fp, m->text);
    }
    put(fp, r->series_label);
    put_long(fp, r->nseries);
    for (slong i = 0; i < r->nseries; i++)
    {
        put_long(fp, r->sdepth[i]);
        put_arb(fp, r->serr + i);
    }
    put(fp, ntk_error_last());
    return ferror(fp) ? ntk_error_set(NTK_IO, "cannot write a claim result") : NTK_SUCCESS;
}

ntk_status
ntk_claim_result_load(ntk_claim_result_t r, FILE *fp)
{
    long v, nm, ns;
    char *s = NULL, *err = NULL;
    if (!get_long(fp, &v)) goto bad;
    r->verdict = (ntk_verdict) v;
    if (!get_long(fp, &v)) goto bad;
    r->status = (ntk_status) v;
    if (!get(fp, &s) || s == NULL) goto bad;
    r->seconds = strtod(s, NULL);
    free(s);
    if (!get_long(fp, &v)) goto bad;
    r->max_depth = v;
    free(r->predicted);
    if (!get(fp, &r->predicted)) goto bad;
    if (!get_arb(fp, r->pred)) goto bad;
    free(r->evidence);
    if (!get(fp, &r->evidence)) goto bad;
    if (!get_long(fp, &nm) || nm < 0 || nm > 100000) goto bad;
    for (long i = 0; i < nm; i++)
    {
        char *label;
        ntk_measured_struct *m;
        if (!get(fp, &label)) goto bad;
        if (!get_long(fp, &v)) { free(label); goto bad; }
        m = ntk_claim_result_add(r, label ? label : "", (ntk_measured_kind) v);
        free(label);
        if (!get_arb(fp, m->ball) || !get_arb(fp, m->est->value) || !get_arb(fp, m->est->error))
            goto bad;
        if (!get_long(fp, &v)) goto bad;
        m->est->kind = (ntk_estimate_kind) v;
        if (!get_long(fp, &v)) goto bad;
        m->est->lo = v;
        if (!get_long(fp, &v)) goto bad;
        m->est->hi = v;
        if (!get(fp, &m->text)) goto bad;
    }
    free(r->series_label);
    if (!get(fp, &r->series_label)) goto bad;
    if (!get_long(fp, &ns) || ns < 0 || ns > 10000000) goto bad;
    if (ns > 0)
    {
        r->sdepth = malloc(sizeof(slong) * (size_t) ns);
        r->serr = _arb_vec_init(ns);
        r->nseries = ns;
        for (long i = 0; i < ns; i++)
        {
            if (!get_long(fp, &v)) goto bad;
            r->sdepth[i] = v;
            if (!get_arb(fp, r->serr + i)) goto bad;
        }
    }
    if (!get(fp, &err)) goto bad;
    if (err)
        ntk_error_set(NTK_SUCCESS, "%s", err);
    free(err);
    return NTK_SUCCESS;
bad:
    return ntk_error_set(NTK_IO, "malformed claim result stream");
}
