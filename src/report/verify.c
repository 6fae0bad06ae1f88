/* Reports of verify: text table, JSON (conventions.md 4-5), Markdown,
 * LaTeX tables (booktabs + siunitx); the figures are in figure.c. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/report.h"

/* ------------------------------------------------------------------ */
/* numbers                                                             */
/* ------------------------------------------------------------------ */

/* decimal digits of an estimate: the last about a tenth of the error */
static slong
est_digits(const ntk_estimate_t e)
{
    return ntk_estimate_digits(e->value, e->error);
}

/* the error, rounded up to two digits (the parameter is not an
   ntk_estimate_t: gcc 12 misreads array parameters, -Wstringop-overread) */
static char *
err_str(const ntk_estimate_struct *e)
{
    mag_t m;
    char *s;
    mag_init(m);
    arb_get_mag(m, e->error);
    s = ntk_mag_str_up(m);
    mag_clear(m);
    return s;
}

/* "value +- error" with at most max_digits digits of the value (<= 0: the
   digits the error allows); when fewer than those are printed, the
   distance from the printed value to the estimate is added to the error,
   so that the text still says where the estimate is */
static char *
estimate_text(const ntk_estimate_t e, slong max_digits)
{
    slong d = est_digits(e);
    char *v, *er, *s;
    if (max_digits > 0 && d > max_digits)
    {
        fmpq_t q;
        arb_t t;
        mag_t m, r;
        fmpq_init(q); arb_init(t); mag_init(m); mag_init(r);
        v = arb_get_str(e->value, max_digits, ARB_STR_NO_RADIUS);
        arb_get_mag(m, e->error);
        if (ntk_parse_fmpq(q, v, "estimate") == NTK_SUCCESS)
        {
            arb_set_fmpq(t, q, arf_bits(arb_midref(e->value)) + 64);
            arb_sub(t, e->value, t, arf_bits(arb_midref(e->value)) + 64);
            arb_get_mag(r, t);
            mag_add(m, m, r);
        }
        else
            mag_inf(m);
        er = ntk_mag_str_up(m);
        fmpq_clear(q); arb_clear(t); mag_clear(m); mag_clear(r);
    }
    else
    {
        v = arb_get_str(e->value, d, ARB_STR_NO_RADIUS);
        er = err_str(e);
    }
    s = flint_malloc(strlen(v) + strlen(er) + 8);
    sprintf(s, "%s +- %s", v, er);
    flint_free(v);
    flint_free(er);
    return s;
}

char *
ntk_estimate_text(const ntk_estimate_t e)
{
    return estimate_text(e, 0);
}

void
ntk_estimate_json_write(FILE *fp, const ntk_estimate_t e, int inner)
{
    char *v = arb_get_str(e->value, est_digits(e) + 2, ARB_STR_NO_RADIUS);
    char *er = err_str(e);
    fprintf(fp, "%s\"estimate\": \"%s\", \"error\": \"%s\", \"kind\": \"%s\"%s",
            inner ? "" : "{", v, er, ntk_estimate_kind_str(e->kind), inner ? "" : "}");
    flint_free(v);
    flint_free(er);
}

void
ntk_json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; s && *s; s++)
    {
        unsigned char c = (unsigned char) *s;
        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", fp);
        else if (c < 0x20)
            fprintf(fp, "\\u%04x", c);
        else
            fputc(c, fp);
    }
    fputc('"', fp);
}

char *
ntk_report_measured_text(const ntk_measured_struct *m, slong max_digits)
{
    char *s;
    if (m == NULL)
    {
        s = flint_malloc(1);
        s[0] = '\0';
        return s;
    }
    switch (m->kind)
    {
        case NTK_MEASURED_BALL:
            if (arb_contains_zero(m->ball) && !arb_is_exact(m->ball))
            {
                /* a ball around 0: its bound, never a fake "0e-73" */
                char *r = ntk_mag_str_up(arb_radref(m->ball));
                arf_t u;
                mag_t b;
                arf_init(u);
                mag_init(b);
                arb_get_mag(b, m->ball);
                flint_free(r);
                r = ntk_mag_str_up(b);
                s = flint_malloc(strlen(r) + 16);
                sprintf(s, "[+/- %s]", r);
                flint_free(r);
                arf_clear(u);
                mag_clear(b);
                return s;
            }
            return ntk_ball_text(m->ball, max_digits);
        case NTK_MEASURED_ESTIMATE:
        {
            char *t = estimate_text(m->est, max_digits);
            s = flint_malloc(strlen(t) + 16);
            sprintf(s, "%s (est.)", t);
            flint_free(t);
            return s;
        }
        default:
            s = flint_malloc(strlen(m->text ? m->text : "") + 1);
            strcpy(s, m->text ? m->text : "");
            return s;
    }
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

static void
jfield(FILE *fp, const char *name, const char *value, int comma)
{
    fprintf(fp, "\"%s\": ", name);
    if (value)
        ntk_json_string(fp, value);
    else
        fputs("null", fp);
    if (comma)
        fputs(", ", fp);
}

void
ntk_report_verify_json(FILE *fp, const ntk_claim_result_struct *res, slong n,
                       const char *command, int quick)
{
    slong nh = 0, nr = 0, ni = 0, nmatch = 0;
    double total = 0;
    fprintf(fp, "{");
    jfield(fp, "command", command, 1);
    jfield(fp, "version", NTK_VERSION, 1);
    fprintf(fp, "\"quick\": %s,\n \"claims\": [", quick ? "true" : "false");
    for (slong i = 0; i < n; i++)
    {
        const ntk_claim_result_struct *r = res + i;
        const ntk_claim_struct *cl = r->claim;
        fprintf(fp, "%s\n  {", i ? "," : "");
        jfield(fp, "id", cl->id, 1);
        jfield(fp, "source", cl->source, 1);
        jfield(fp, "paper", cl->paper, 1);
        jfield(fp, "statement", cl->statement, 1);
        jfield(fp, "proof", cl->proof, 1);
        jfield(fp, "law", ntk_law_str(cl->law), 1);
        fprintf(fp, "\n   \"predicted\": {");
        jfield(fp, "text", r->predicted, 0);
        if (arb_is_finite(r->pred))
        {
            fprintf(fp, ", \"value\": ");
            ntk_ball_json_write(fp, r->pred);
        }
        fprintf(fp, "},\n   \"measured\": [");
        for (slong k = 0; k < r->nmeasured; k++)
        {
            const ntk_measured_struct *m = r->measured + k;
            fprintf(fp, "%s\n    {", k ? "," : "");
            jfield(fp, "label", m->label, 1);
            if (m->kind == NTK_MEASURED_BALL)
            {
                char *mid, *rad;
                ntk_ball_json_strs(&mid, &rad, m->ball);
                fprintf(fp, "\"mid\": \"%s\", \"rad\": \"%s\"", mid, rad);
                flint_free(mid);
                flint_free(rad);
            }
            else if (m->kind == NTK_MEASURED_ESTIMATE)
            {
                ntk_estimate_json_write(fp, m->est, 1);
                fprintf(fp, ", \"depths\": [%ld, %ld]", (long) m->est->lo, (long) m->est->hi);
            }
            else
                jfield(fp, "text", m->text, 0);
            fprintf(fp, "}");
        }
        fprintf(fp, "],\n   ");
        jfield(fp, "verdict", ntk_verdict_str(r->verdict), 1);
        jfield(fp, "expected", ntk_verdict_str(cl->expect), 1);
        fprintf(fp, "\n   ");
        jfield(fp, "evidence", r->evidence ? r->evidence : "", 1);
        fprintf(fp, "\"max_depth\": %ld, \"seconds\": %.2f}", (long) r->max_depth, r->seconds);
        nh += r->verdict == NTK_VERDICT_HOLDS;
        nr += r->verdict == NTK_VERDICT_REFUTED;
        ni += r->verdict == NTK_VERDICT_INCONCLUSIVE;
        nmatch += r->verdict == cl->expect;
        total += r->seconds;
    }
    fprintf(fp, "\n ],\n \"summary\": {\"claims\": %ld, \"holds\": %ld, \"refuted\": %ld, "
                "\"inconclusive\": %ld, \"as_expected\": %ld, \"seconds\": %.2f}}\n",
            (long) n, (long) nh, (long) nr, (long) ni, (long) nmatch, total);
}

/* ------------------------------------------------------------------ */
/* text and Markdown                                                   */
/* ------------------------------------------------------------------ */

static const ntk_measured_struct *
headline(const ntk_claim_result_struct *r)
{
    return r->nmeasured > 0 ? r->measured : NULL;
}

static void
trunc_copy(char *dst, const char *src, size_t n)
{
    size_t len = src ? strlen(src) : 0;
    if (len < n)
        strcpy(dst, src ? src : "");
    else
    {
        memcpy(dst, src, n - 4);
        strcpy(dst + n - 4, "...");
    }
}

/* the measured text of a table cell of `width` characters: at most
   NTK_REPORT_TABLE_DIGITS digits, fewer if that is what fits (a number and
   its "+- error (est.)" are never cut apart), else cut with "..." */
static void
measured_cell(char *dst, const ntk_measured_struct *m, size_t width)
{
    char *s = NULL;
    for (slong d = NTK_REPORT_TABLE_DIGITS; d >= 2; d--)
    {
        flint_free(s);
        s = ntk_report_measured_text(m, d);
        if (strlen(s) < width || m == NULL || m->kind == NTK_MEASURED_TEXT)
            break;
    }
    trunc_copy(dst, s, width);
    flint_free(s);
}

void
ntk_report_verify_text(FILE *fp, const ntk_claim_result_struct *res, slong n,
                       int verbose)
{
    slong nmatch = 0;
    double total = 0;
    fprintf(fp, "%-16s %-11s %-34s %-44s %-12s %s\n", "claim", "law", "predicted",
            "measured", "verdict", "time");
    for (slong i = 0; i < n; i++)
    {
        const ntk_claim_result_struct *r = res + i;
        char pbuf[35], mbuf[45], vbuf[32];
        trunc_copy(pbuf, r->predicted ? r->predicted : "", sizeof(pbuf));
        measured_cell(mbuf, headline(r), sizeof(mbuf));
        snprintf(vbuf, sizeof(vbuf), "%s%s", ntk_verdict_str(r->verdict),
                 r->verdict == r->claim->expect ? "" : " (!)");
        fprintf(fp, "%-16s %-11s %-34s %-44s %-12s %6.1fs\n", r->claim->id,
                ntk_law_str(r->claim->law), pbuf, mbuf, vbuf, r->seconds);
        nmatch += r->verdict == r->claim->expect;
        total += r->seconds;
    }
    fprintf(fp, "\n%ld claims, %ld as expected, %.1f s.  (est.) = estimate with an "
                "estimated error, not certified.\n", (long) n, (long) nmatch, total);
    for (slong i = 0; i < n; i++)
    {
        const ntk_claim_result_struct *r = res + i;
        if (verbose || r->verdict != r->claim->expect || r->verdict == NTK_VERDICT_REFUTED)
        {
            fprintf(fp, "\n[%s] %s: %s (expected %s)\n  %s\n", r->claim->id,
                    r->claim->statement, ntk_verdict_str(r->verdict),
                    ntk_verdict_str(r->claim->expect), r->evidence ? r->evidence : "");
            if (verbose)
                for (slong k = 0; k < r->nmeasured; k++)
                {
                    char *ms = ntk_report_measured_text(r->measured + k, 0);
                    fprintf(fp, "    %s: %s\n", r->measured[k].label, ms);
                    flint_free(ms);
                }
        }
    }
}

/* a table cell (GFM: a backslash escapes the ASCII punctuation after it):
   '|' escaped, and a backslash before punctuation doubled ("a\\|b" would
   otherwise split the cell); line breaks as spaces */
static void
md_cell(FILE *fp, const char *s)
{
    for (; s && *s; s++)
    {
        if (*s == '|' || (*s == '\\' && (ispunct((unsigned char) s[1]) || s[1] == '\0')))
        {
            fputc('\\', fp);
            fputc(*s, fp);
        }
        else if (*s == '\n' || *s == '\r')
            fputc(' ', fp);
        else
            fputc(*s, fp);
    }
}

void
ntk_report_verify_markdown(FILE *fp, const ntk_claim_result_struct *res, slong n)
{
    fprintf(fp, "| claim | statement | predicted | measured | verdict |\n"
                "|---|---|---|---|---|\n");
    for (slong i = 0; i < n; i++)
    {
        const ntk_claim_result_struct *r = res + i;
        char *ms = ntk_report_measured_text(headline(r), NTK_REPORT_TABLE_DIGITS);
        fprintf(fp, "| %s | ", r->claim->id);
        md_cell(fp, r->claim->statement);
        fputs(" | ", fp);
        md_cell(fp, r->predicted);
        fputs(" | ", fp);
        md_cell(fp, ms);
        fprintf(fp, " | **%s**%s |\n", ntk_verdict_str(r->verdict),
                r->verdict == r->claim->expect ? "" : " (unexpected)");
        flint_free(ms);
    }
}

/* ------------------------------------------------------------------ */
/* LaTeX                                                               */
/* ------------------------------------------------------------------ */

char *
ntk_latex_escape(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    char *r = flint_malloc(16 * n + 1), *p = r;
    for (size_t i = 0; i < n; i++)
    {
        char c = s[i];
        const char *rep = NULL;
        switch (c)
        {
            case '\\': rep = "\\textbackslash{}"; break;
            case '{': rep = "\\{"; break;
            case '}': rep = "\\}"; break;
            case '$': rep = "\\$"; break;
            case '&': rep = "\\&"; break;
            case '#': rep = "\\#"; break;
            case '%': rep = "\\%"; break;
            case '_': rep = "\\_"; break;
            case '^': rep = "\\textasciicircum{}"; break;
            case '~': rep = "\\textasciitilde{}"; break;
            case '<': rep = "\\textless{}"; break;
            case '>': rep = "\\textgreater{}"; break;
            case '|': rep = "\\textbar{}"; break;
        }
        if ((unsigned char) c >= 0x80)
            rep = "?";   /* pdflatex without inputenc guarantees: ASCII only */
        if (rep)
        {
            strcpy(p, rep);
            p += strlen(rep);
        }
        else
            *p++ = c;
    }
    *p = '\0';
    return r;
}

/* a decimal string from Arb ("1.234e-5", "44.41") as siunitx input */
static void
latex_num(FILE *fp, const char *s)
{
    fprintf(fp, "\\num{%s}", s);
}

static void
latex_measured(FILE *fp, const ntk_measured_struct *m)
{
    if (m == NULL)
        return;
    if (m->kind == NTK_MEASURED_BALL)
    {
        char *s = ntk_report_measured_text(m, NTK_REPORT_TABLE_DIGITS);
        if (s[0] == '[')
        {
            char *e = ntk_latex_escape(s);
            fprintf(fp, "%s", e);
            flint_free(e);
        }
        else
            latex_num(fp, s);
        flint_free(s);
    }
    else if (m->kind == NTK_MEASURED_ESTIMATE)
    {
        char *v = arb_get_str(m->est->value, est_digits(m->est), ARB_STR_NO_RADIUS);
        char *er = err_str(m->est);
        /* value and error as two numbers: siunitx's compact "v +- e"
           form rejects an error written with its own exponent */
        fprintf(fp, "\\num{%s} $\\pm$ \\num{%s} (est.)", v, er);
        flint_free(v);
        flint_free(er);
    }
    else
    {
        char *e = ntk_latex_escape(m->text);
        fprintf(fp, "%s", e);
        flint_free(e);
    }
}

void
ntk_report_verify_latex(FILE *fp, const ntk_claim_result_struct *res, slong n,
                        const char *paper, const char *caption)
{
    char *cap = ntk_latex_escape(caption);
    fprintf(fp, "%% generated by ntkdepth verify %s -- do not edit\n"
                "\\begin{table}[htbp]\n\\centering\\small\n"
                "\\caption{%s}\n"
                "\\begin{tabular}{@{}p{0.09\\linewidth}p{0.30\\linewidth}p{0.22\\linewidth}p{0.24\\linewidth}l@{}}\n"
                "\\toprule\nClaim & Statement & Predicted & Measured & Verdict\\\\\n\\midrule\n",
            NTK_VERSION, cap);
    flint_free(cap);
    for (slong i = 0; i < n; i++)
    {
        const ntk_claim_result_struct *r = res + i;
        char *id, *st, *pr;
        if (paper && (r->claim->paper == NULL || strcmp(paper, r->claim->paper)))
            continue;
        id = ntk_latex_escape(r->claim->id);
        st = ntk_latex_escape(r->claim->statement);
        pr = ntk_latex_escape(r->predicted ? r->predicted : "");
        fprintf(fp, "%s & \\raggedright %s & \\raggedright\\texttt{\\footnotesize %s} & ", id, st, pr);
        latex_measured(fp, headline(r));
        fprintf(fp, " & \\textbf{%s}\\\\\n", ntk_verdict_str(r->verdict));
        flint_free(id); flint_free(st); flint_free(pr);
    }
    fprintf(fp, "\\bottomrule\n\\end{tabular}\n"
                "\\par\\footnotesize Certified values show only certified digits; "
                "(est.) marks an estimate with an estimated error (fits, extrapolation).\n"
                "\\end{table}\n");
}
