/* The verify report writers of src/report/verify.c, read back: the
 * Markdown table has the header's number of cells in every row (a pipe
 * inside a cell is escaped, whatever precedes it) and the cell text comes
 * back unescaped as written; the LaTeX table balances its braces and its
 * environments, has five columns (four unescaped '&') per row, no
 * unescaped special character outside math, and its text cells come back
 * unescaped as written.  Claims with every special character of both
 * languages in their statement, prediction and measured text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

#define NRES 4

static const char *statements[NRES] = {
    "eps_L ~ 9 pi^2 / (2 L^2) | 50% of {all} & #1 $x$",
    "a\\|b: backslash then pipe; a\\\\|c; set minus (-1, 1) \\ {0}; trailing backslash \\",
    "<tags> and ~tilde~ and ^caret^ and \\textbf{x} and 100 %",
    "plain statement"};
static const char *predicted[NRES] = {"9*pi^2/2 = 44.41 | {q}", "x_1 & y_2", "$5", ""};
static const char *ids[NRES] = {"H1", "my_claim-2", "A.b_c", "Z"};

typedef struct
{
    ntk_claim_struct cl[NRES];
    ntk_claim_result_struct res[NRES];
} fixture;

static void
fixture_init(fixture *f)
{
    ntk_measured_struct *m;
    for (int i = 0; i < NRES; i++)
    {
        ntk_claim_init(f->cl + i);
        f->cl[i].id = strdup(ids[i]);
        f->cl[i].paper = strdup(i < 3 ? "hayou" : "other");
        assert_int_equal(ntk_claim_set_field(f->cl + i, "statement", statements[i]), NTK_SUCCESS);
        ntk_claim_result_init(f->res + i);
        f->res[i].claim = f->cl + i;
        f->res[i].predicted = strdup(predicted[i]);
        f->res[i].verdict = (ntk_verdict) (i % 3);
    }
    /* a certified ball, an estimate, a text with specials, a wide ball */
    m = ntk_claim_result_add(f->res + 0, "constant", NTK_MEASURED_BALL);
    arb_const_pi(m->ball, 100);
    m = ntk_claim_result_add(f->res + 1, "fit", NTK_MEASURED_ESTIMATE);
    arb_set_str(m->est->value, "44.41321980490", 100);
    arb_set_str(m->est->error, "5.2e-14", 100);
    m->est->kind = NTK_EST_FIT;
    m = ntk_claim_result_add(f->res + 2, "note", NTK_MEASURED_TEXT);
    m->text = strdup("x_1 | 3 & {y} $ % #");
    m = ntk_claim_result_add(f->res + 3, "wide", NTK_MEASURED_BALL);
    arb_zero(m->ball);
    mag_set_d(arb_radref(m->ball), 1e-5);
}

static void
fixture_clear(fixture *f)
{
    for (int i = 0; i < NRES; i++)
    {
        ntk_claim_result_clear(f->res + i);
        ntk_claim_clear(f->cl + i);
    }
}

static char *
write_with(fixture *f, int latex, const char *paper)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (latex)
        ntk_report_verify_latex(fp, f->res, NRES, paper, "Caption with 5% & {braces} _ #");
    else
        ntk_report_verify_markdown(fp, f->res, NRES);
    fclose(fp);
    return buf;
}

/* ---- Markdown (GFM tables): a backslash escapes the ASCII punctuation
   character after it (else it is a backslash), an unescaped '|'
   separates cells ---- */

/* the cells of one table row, unescaped (\X -> X); returns their count */
static int
md_cells(char cells[][512], const char *line)
{
    int n = 0;
    size_t k = 0;
    const char *p = line;
    assert_true(*p == '|');
    for (p++; *p && *p != '\n'; p++)
    {
        if (*p == '\\' && ispunct((unsigned char) p[1]))
        {
            cells[n][k++] = *++p;
            continue;
        }
        if (*p == '|')
        {
            cells[n][k] = '\0';
            n++;
            k = 0;
            continue;
        }
        cells[n][k++] = *p;
        assert_true(k < 511);
    }
    return n;
}

/* trim the one space of each side of " text " */
static const char *
trim1(char *s)
{
    size_t n = strlen(s);
    if (n > 0 && s[n - 1] == ' ')
        s[n - 1] = '\0';
    return s[0] == ' ' ? s + 1 : s;
}

static void
test_markdown(void **state)
{
    fixture f;
    char *out, *line, *save = NULL;
    char cells[16][512];
    int row = 0;
    (void) state;
    fixture_init(&f);
    out = write_with(&f, 0, NULL);
    for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), row++)
    {
        int n = md_cells(cells, line);
        assert_int_equal(n, 5);               /* the header's five cells */
        if (row < 2)
            continue;
        assert_string_equal(trim1(cells[0]), ids[row - 2]);
        assert_string_equal(trim1(cells[1]), statements[row - 2]);
        assert_string_equal(trim1(cells[2]), predicted[row - 2]);
    }
    assert_int_equal(row, 2 + NRES);
    free(out);
    fixture_clear(&f);
}

/* ---- LaTeX ---- */

/* the text of an escaped LaTeX string (ntk_latex_escape's replacements
   undone); NULL if it holds an unescaped special character */
static char *
latex_unescape(const char *s, size_t len)
{
    static const char *const rep[][2] = {
        {"\\textbackslash{}", "\\"}, {"\\textasciicircum{}", "^"}, {"\\textasciitilde{}", "~"},
        {"\\textless{}", "<"}, {"\\textgreater{}", ">"}, {"\\textbar{}", "|"},
        {"\\{", "{"}, {"\\}", "}"}, {"\\$", "$"}, {"\\&", "&"}, {"\\#", "#"}, {"\\%", "%"},
        {"\\_", "_"}};
    char *r = malloc(len + 1), *o = r;
    size_t i = 0;
    while (i < len)
    {
        size_t k;
        for (k = 0; k < sizeof(rep) / sizeof(rep[0]); k++)
        {
            size_t m = strlen(rep[k][0]);
            if (i + m <= len && !strncmp(s + i, rep[k][0], m))
            {
                *o++ = rep[k][1][0];
                i += m;
                break;
            }
        }
        if (k < sizeof(rep) / sizeof(rep[0]))
            continue;
        if (strchr("\\{}$&#%_^~", s[i]) != NULL)
        {
            free(r);
            return NULL;
        }
        *o++ = s[i++];
    }
    *o = '\0';
    return r;
}

/* structure: braces never below 0 and balanced; \begin/\end nested;
   unescaped '$' in pairs; no unescaped '%' but the first line's comment,
   no unescaped '#', and '_' '^' only inside $...$ */
static void
check_latex_structure(const char *s)
{
    char stack[8][32];
    int depth = 0, envs = 0, math = 0;
    const char *p = s;
    assert_true(s[0] == '%');
    p = strchr(s, '\n') + 1;              /* the generated-by comment */
    for (; *p; p++)
    {
        if (*p == '\\')
        {
            if (!strncmp(p, "\\begin{", 7) || !strncmp(p, "\\end{", 5))
            {
                int begin = p[1] == 'b';
                const char *a = strchr(p, '{') + 1, *b = strchr(a, '}');
                char name[32];
                assert_non_null(b);
                assert_true(b - a < 31);
                memcpy(name, a, (size_t) (b - a));
                name[b - a] = '\0';
                if (begin)
                    strcpy(stack[envs++], name);
                else
                {
                    assert_true(envs > 0);
                    assert_string_equal(stack[--envs], name);
                }
            }
            if (p[1] != '\0' && strchr("\\{}$&#%_", p[1]) != NULL)
                p++;                          /* an escaped character */
            continue;
        }
        switch (*p)
        {
            case '{': depth++; break;
            case '}': depth--; assert_true(depth >= 0); break;
            case '$': math = !math; break;
            case '%': fail_msg("unescaped %% at ...%.30s", p); break;
            case '#': fail_msg("unescaped # at ...%.30s", p); break;
            case '_': case '^': assert_true(math); break;
        }
    }
    assert_int_equal(depth, 0);
    assert_int_equal(envs, 0);
    assert_int_equal(math, 0);
}

/* the cells of the table rows (between \midrule and \bottomrule): four
   unescaped '&' per row; the id, statement and prediction cells unescape
   to what was written */
static void
check_latex_rows(const char *s, int first, int nrows)
{
    const char *p = strstr(s, "\\midrule\n"), *end = strstr(s, "\\bottomrule");
    int row = 0;
    assert_non_null(p);
    assert_non_null(end);
    p += strlen("\\midrule\n");
    while (p < end)
    {
        const char *eol = strstr(p, "\\\\\n"), *c[6];
        int n = 0;
        char *t;
        assert_non_null(eol);
        c[n++] = p;
        for (const char *q = p; q < eol; q++)
        {
            if (*q == '\\' && q[1] != '\0')
            {
                q++;
                continue;
            }
            if (*q == '&')
            {
                assert_true(n < 6);
                c[n++] = q + 1;
            }
        }
        assert_int_equal(n, 5);
        /* "ID & \raggedright STATEMENT & \raggedright\texttt{\footnotesize PRED} & ..." */
        t = latex_unescape(c[0], (size_t) (c[1] - 1 - c[0]) - 1);
        assert_non_null(t);
        assert_string_equal(t, ids[first + row]);
        free(t);
        assert_true(!strncmp(c[1], " \\raggedright ", 14));
        t = latex_unescape(c[1] + 14, (size_t) (c[2] - 1 - (c[1] + 14)) - 1);
        assert_non_null(t);
        assert_string_equal(t, statements[first + row]);
        free(t);
        assert_true(!strncmp(c[2], " \\raggedright\\texttt{\\footnotesize ", 35));
        t = latex_unescape(c[2] + 35, (size_t) (c[3] - 1 - (c[2] + 35)) - 2);
        assert_non_null(t);
        assert_string_equal(t, predicted[first + row]);
        free(t);
        p = eol + 3;
        row++;
    }
    assert_int_equal(row, nrows);
}

static void
test_latex(void **state)
{
    fixture f;
    char *out;
    (void) state;
    fixture_init(&f);
    out = write_with(&f, 1, NULL);
    check_latex_structure(out);
    check_latex_rows(out, 0, NRES);
    assert_non_null(strstr(out, "\\caption{Caption with 5\\% \\& \\{braces\\} \\_ \\#}"));
    /* the estimate is marked, the wide ball escaped, the text escaped */
    assert_non_null(strstr(out, "(est.)"));
    assert_non_null(strstr(out, "x\\_1 \\textbar{} 3 \\& \\{y\\} \\$ \\% \\#"));
    free(out);
    /* one paper only */
    out = write_with(&f, 1, "hayou");
    check_latex_structure(out);
    check_latex_rows(out, 0, 3);
    free(out);
    fixture_clear(&f);
}

/* ntk_latex_escape on every printable ASCII character round-trips */
static void
test_latex_escape(void **state)
{
    char in[128], *e, *back;
    int k = 0;
    (void) state;
    for (int c = 0x20; c < 0x7f; c++)
        in[k++] = (char) c;
    in[k] = '\0';
    e = ntk_latex_escape(in);
    back = latex_unescape(e, strlen(e));
    assert_non_null(back);
    assert_string_equal(back, in);
    free(back);
    flint_free(e);
}

/* significant digits of a decimal "-0.00123e-5" (the mantissa's, from the
   first nonzero one) */
static int
sig_digits(const char *s)
{
    int n = 0, started = 0;
    for (; *s && *s != 'e' && *s != ' '; s++)
        if (isdigit((unsigned char) *s))
        {
            started |= *s != '0';
            n += started;
        }
    return n;
}

/* "V +- E ..." contains x: |x - V| <= E, read back exactly */
static void
assert_est_contains(const char *text, const arb_t x)
{
    char *v = strdup(text), *pm = strstr(v, " +- "), *e, *end;
    fmpq_t qv, qe;
    arb_t d, r;
    assert_non_null(pm);
    *pm = '\0';
    e = pm + 4;
    if ((end = strchr(e, ' ')) != NULL)
        *end = '\0';
    fmpq_init(qv); fmpq_init(qe); arb_init(d); arb_init(r);
    assert_int_equal(ntk_parse_fmpq(qv, v, "v"), NTK_SUCCESS);
    assert_int_equal(ntk_parse_fmpq(qe, e, "e"), NTK_SUCCESS);
    arb_set_fmpq(d, qv, 4000);
    arb_sub(d, d, x, 4000);
    arb_abs(d, d);
    arb_set_fmpq(r, qe, 4000);
    if (!arb_le(d, r))
        fail_msg("'%s' does not contain the estimate", text);
    fmpq_clear(qv); fmpq_clear(qe); arb_clear(d); arb_clear(r);
    free(v);
}

/* verify --verbose: the certified digits of a ball, all of them (not 20);
   an exact dyadic written exactly; an estimate's digits from its error at
   any exponent (not through a double); the summary table's cell: at most
   20 digits, fewer if the cell needs it, never cut apart from its
   "+- error (est.)", and the rounding added to the error */
static void
test_measured_digits(void **state)
{
    ntk_measured_struct *m;
    ntk_claim_struct cl;
    ntk_claim_result_struct r;
    arb_t pi;
    char *s;
    (void) state;
    arb_init(pi);
    ntk_claim_init(&cl);
    cl.id = strdup("D1");
    assert_int_equal(ntk_claim_set_field(&cl, "statement", "digits"), NTK_SUCCESS);
    ntk_claim_result_init(&r);
    r.claim = &cl;
    r.predicted = strdup("x");

    /* pi at 300 bits: ~90 certified digits in full, 20 in the table */
    m = ntk_claim_result_add(&r, "pi", NTK_MEASURED_BALL);
    arb_const_pi(m->ball, 300);
    s = ntk_report_measured_text(m, 0);
    assert_true(sig_digits(s) >= 85);
    {
        /* within one unit of the last digit of pi */
        arb_t t, u;
        arb_init(t); arb_init(u);
        arb_set_str(t, s, 600);
        arb_const_pi(u, 600);
        arb_sub(t, t, u, 600);
        arb_abs(t, t);
        arb_set_ui(u, 10);
        arb_pow_ui(u, u, (ulong) sig_digits(s) - 1, 600);
        arb_inv(u, u, 600);
        assert_true(arb_le(t, u));
        arb_clear(t); arb_clear(u);
    }
    flint_free(s);
    s = ntk_report_measured_text(m, NTK_REPORT_TABLE_DIGITS);
    assert_int_equal(sig_digits(s), 20);
    flint_free(s);

    /* exact 489/64 */
    arb_set_si(m->ball, 489);
    arb_mul_2exp_si(m->ball, m->ball, -6);
    s = ntk_report_measured_text(m, 0);
    assert_non_null(strstr(s, "7.640625"));
    flint_free(s);

    /* estimates beyond the range of a double: 12 digits for error/value = 1e-10 */
    {
        ntk_estimate_t e;
        ntk_estimate_init(e);
        arb_set_str(e->value, "1.234567890123456789e-400", 200);
        arb_set_str(e->error, "1e-410", 200);
        s = ntk_estimate_text(e);
        assert_int_equal(sig_digits(s), 12);
        assert_non_null(strstr(s, "e-410"));
        flint_free(s);
        arb_set_str(e->value, "-9.87654321e+500", 200);
        arb_set_str(e->error, "3e+493", 200);
        s = ntk_estimate_text(e);
        assert_int_equal(sig_digits(s), 9);
        assert_true(s[0] == '-');
        flint_free(s);
        ntk_estimate_clear(e);
    }
    m = ntk_claim_result_add(&r, "long", NTK_MEASURED_ESTIMATE);

    /* an estimate with 43 digits: in full in --verbose, rounded in the
       table with the rounding in its error, "(est.)" kept */
    arb_set_str(m->est->value, "0.92179049986039193676384750776794631921743721", 200);
    arb_set_str(m->est->error, "5.5e-43", 200);
    s = ntk_report_measured_text(m, 0);
    assert_true(sig_digits(s) >= 43);
    assert_est_contains(s, m->est->value);
    flint_free(s);
    s = ntk_report_measured_text(m, 12);
    assert_int_equal(sig_digits(s), 12);
    assert_est_contains(s, m->est->value);
    assert_non_null(strstr(s, "(est.)"));
    flint_free(s);
    {
        /* the table: its first measured value (pi) and the rows' widths */
        ntk_measured_struct tmp = r.measured[0];
        char *buf = NULL, *row;
        size_t len = 0;
        FILE *fp;
        r.measured[0] = r.measured[1];
        r.measured[1] = tmp;
        fp = open_memstream(&buf, &len);
        ntk_report_verify_text(fp, &r, 1, 1);
        fclose(fp);
        row = strstr(buf, "\nD1 ");
        assert_non_null(row);
        assert_non_null(strstr(row, "(est.)"));
        {
            /* the measured cell is columns 64..107 of the row */
            char cell[45];
            memcpy(cell, row + 1 + 64, 44);
            cell[44] = '\0';
            assert_null(strstr(cell, "..."));
            assert_est_contains(cell, r.measured[0].est->value);
        }
        /* --verbose lists every digit */
        assert_non_null(strstr(buf, "0.9217904998603919367638475077679463192174372"));
        free(buf);
        r.measured[1] = r.measured[0];
        r.measured[0] = tmp;
    }
    ntk_claim_result_clear(&r);
    ntk_claim_clear(&cl);
    arb_clear(pi);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_latex),
        cmocka_unit_test(test_latex_escape),
        cmocka_unit_test(test_measured_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
