/* CSV input of points (and labels): exact decimals, line-numbered errors. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/regress.h"

/* growable fmpq array */
typedef struct
{
    fmpq *a;
    slong len, alloc;
} qvec;

static void
qvec_push(qvec *q, const fmpq_t x)
{
    if (q->len == q->alloc)
    {
        slong na = q->alloc ? 2 * q->alloc : 64, k;
        q->a = flint_realloc(q->a, na * sizeof(fmpq));
        for (k = q->alloc; k < na; k++)
            fmpq_init(q->a + k);
        q->alloc = na;
    }
    fmpq_set(q->a + q->len, x);
    q->len++;
}

static void
qvec_clear(qvec *q)
{
    slong k;
    for (k = 0; k < q->alloc; k++)
        fmpq_clear(q->a + k);
    flint_free(q->a);
}

static char *
trim(char *s)
{
    char *e;
    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
    {
        e--;
        *e = '\0';
    }
    return s;
}

ntk_status
ntk_points_read_csv(ntk_points_t P, fmpq **labels, const char *path, const char *what)
{
    FILE *fp;
    char *line = NULL;
    size_t cap = 0;
    slong lineno = 0, ncols = -1, nrows = 0, i, dim;
    slong *rowline = NULL;
    qvec vals = {NULL, 0, 0};
    fmpq_t x;
    char label[64];
    ntk_status st = NTK_SUCCESS;

    fp = fopen(path, "r");
    if (fp == NULL)
        return ntk_error_set(NTK_IO, "%s file '%s': %s", what, path, strerror(errno));
    fmpq_init(x);
    while (st == NTK_SUCCESS && getline(&line, &cap, fp) != -1)
    {
        char *s, *field, *save = NULL;
        slong cols = 0;
        lineno++;
        s = trim(line);
        if (*s == '\0' || *s == '#')
            continue;
        /* an empty field (",,", leading or trailing comma) is malformed */
        if (s[0] == ',' || s[strlen(s) - 1] == ',' || strstr(s, ",,") != NULL)
        {
            st = ntk_error_set(NTK_DOMAIN, "%s '%s' line %ld: empty field", what, path, (long) lineno);
            break;
        }
        for (field = strtok_r(s, ",", &save); field != NULL; field = strtok_r(NULL, ",", &save))
        {
            char *f = trim(field);
            snprintf(label, sizeof(label), "line %ld column %ld", (long) lineno, (long) (cols + 1));
            if (ntk_parse_fmpq(x, f, label) != NTK_SUCCESS)
            {
                st = ntk_error_set(NTK_DOMAIN, "%s '%s' line %ld column %ld: '%.40s' is not a number",
                                   what, path, (long) lineno, (long) (cols + 1), f);
                break;
            }
            qvec_push(&vals, x);
            cols++;
        }
        if (st != NTK_SUCCESS)
            break;
        if (ncols < 0)
            ncols = cols;
        else if (cols != ncols)
        {
            st = ntk_error_set(NTK_DOMAIN, "%s '%s' line %ld: %ld columns, the first row has %ld",
                               what, path, (long) lineno, (long) cols, (long) ncols);
            break;
        }
        rowline = flint_realloc(rowline, (nrows + 1) * sizeof(slong));
        rowline[nrows] = lineno;
        nrows++;
    }
    if (st == NTK_SUCCESS && ferror(fp))
        st = ntk_error_set(NTK_IO, "%s file '%s': read error", what, path);
    fclose(fp);
    free(line);
    fmpq_clear(x);
    if (st == NTK_SUCCESS && nrows == 0)
        st = ntk_error_set(NTK_DOMAIN, "%s '%s': no points (n = 0)", what, path);
    dim = ncols - (labels != NULL);
    if (st == NTK_SUCCESS && dim < 1)
        st = ntk_error_set(NTK_DOMAIN, "%s '%s': rows need %s", what, path,
                           labels != NULL ? "at least one coordinate and a label" : "at least one coordinate");
    if (st == NTK_SUCCESS)
    {
        ntk_points_set_size(P, nrows, dim);
        if (labels != NULL)
            *labels = _fmpq_vec_init(nrows);
        for (i = 0; i < nrows && st == NTK_SUCCESS; i++)
        {
            st = ntk_points_set_row_fmpq(P, i, vals.a + i * ncols, what);
            if (st != NTK_SUCCESS)
                st = ntk_error_set(NTK_DOMAIN, "%s '%s' line %ld: zero vector, cannot be "
                                   "normalised onto the sphere", what, path, (long) rowline[i]);
            if (labels != NULL)
                fmpq_set(*labels + i, vals.a + i * ncols + dim);
        }
        if (st != NTK_SUCCESS && labels != NULL)
        {
            _fmpq_vec_clear(*labels, nrows);
            *labels = NULL;
        }
    }
    qvec_clear(&vals);
    flint_free(rowline);
    return st;
}
