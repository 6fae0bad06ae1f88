/* Exact serialization of claim results (length-prefixed strings, balls as
 * arb_dump_str), for running claims in child processes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "claim_impl.h"

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

/* the figure data: z, the fitted form, the tolerance, the curves */
static void
dump_figure(FILE *fp, const ntk_claim_result_t r)
{
    put_long(fp, r->nz);
    for (slong i = 0; i < r->nz; i++)
    {
        put_long(fp, r->zdepth[i]);
        put_arb(fp, r->z + i);
    }
    put_long(fp, r->nfit);
    put_long(fp, r->fit_lo);
    put_long(fp, r->fit_hi);
    for (slong i = 0; i < r->nfit; i++)
    {
        put_long(fp, r->fit_terms[i].k);
        put_long(fp, r->fit_terms[i].j);
        put_long(fp, r->fit_terms[i].half);
        put_arb(fp, r->fit_coef + i);
    }
    put_arb(fp, r->tol);
    put(fp, r->curve_xlabel);
    put(fp, r->curve_ylabel);
    put_arb(fp, r->curve_ref);
    put_long(fp, r->ncurves);
    for (slong i = 0; i < r->ncurves; i++)
    {
        const ntk_claim_curve_struct *c = r->curves + i;
        put(fp, c->label);
        put_long(fp, c->kind);
        put_long(fp, c->n);
        for (slong k = 0; k < c->n; k++)
        {
            char b[64];
            snprintf(b, sizeof(b), "%a", c->x[k]);   /* hexadecimal: exact */
            put(fp, b);
            put_arb(fp, c->y + k);
            if (c->err)
                put_arb(fp, c->err + k);
        }
    }
}

static int
load_figure(ntk_claim_result_t r, FILE *fp)
{
    long n, v, w;
    slong *d;
    arb_ptr z;
    if (!get_long(fp, &n) || n < 0 || n > 10000000)
        return 0;
    d = malloc(sizeof(slong) * (size_t) (n > 0 ? n : 1));
    z = _arb_vec_init(n);
    for (long i = 0; i < n; i++)
        if (!get_long(fp, &v) || !get_arb(fp, z + i))
        {
            free(d);
            _arb_vec_clear(z, n);
            return 0;
        }
        else
            d[i] = v;
    if (n > 0)
        _ntk_claim_set_z(r, d, z, n);
    free(d);
    _arb_vec_clear(z, n);
    if (!get_long(fp, &n) || n < 0 || n > NTK_FIT_FORM_MAXTERMS || !get_long(fp, &v)
        || !get_long(fp, &w))
        return 0;
    {
        ntk_fit_term t[NTK_FIT_FORM_MAXTERMS];
        arb_ptr c = _arb_vec_init(n);
        int ok = 1;
        for (long i = 0; i < n && ok; i++)
        {
            long k = 0, j = 0, h = 0;
            ok = get_long(fp, &k) && get_long(fp, &j) && get_long(fp, &h) && (h == 0 || h == 1)
                 && get_arb(fp, c + i);
            t[i].k = k;
            t[i].j = j;
            t[i].half = (int) h;
        }
        if (ok && n > 0)
            _ntk_claim_set_fit(r, t, c, n, v, w);
        _arb_vec_clear(c, n);
        if (!ok)
            return 0;
    }
    if (!get_arb(fp, r->tol))
        return 0;
    free(r->curve_xlabel);
    free(r->curve_ylabel);
    r->curve_ylabel = NULL;
    if (!get(fp, &r->curve_xlabel) || !get(fp, &r->curve_ylabel) || !get_arb(fp, r->curve_ref))
        return 0;
    if (!get_long(fp, &n) || n < 0 || n > 10000)
        return 0;
    for (long i = 0; i < n; i++)
    {
        char *label, *s;
        long kind, np;
        ntk_claim_curve_struct *c;
        if (!get(fp, &label))
            return 0;
        if (!get_long(fp, &kind) || !get_long(fp, &np) || np < 0 || np > 10000000
            || (kind != NTK_MEASURED_BALL && kind != NTK_MEASURED_ESTIMATE))
        {
            free(label);
            return 0;
        }
        c = ntk_claim_result_add_curve(r, label, (ntk_measured_kind) kind, np);
        free(label);
        if (c == NULL)
            return 0;
        for (long k = 0; k < np; k++)
        {
            if (!get(fp, &s) || s == NULL)
                return 0;
            c->x[k] = strtod(s, NULL);
            free(s);
            if (!get_arb(fp, c->y + k) || (c->err && !get_arb(fp, c->err + k)))
                return 0;
        }
    }
    return 1;
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
    dump_figure(fp, r);
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
    if (!load_figure(r, fp)) goto bad;
    if (!get(fp, &err)) goto bad;
    if (err)
        ntk_error_set(NTK_SUCCESS, "%s", err);
    free(err);
    return NTK_SUCCESS;
bad:
    return ntk_error_set(NTK_IO, "malformed claim result stream");
}
