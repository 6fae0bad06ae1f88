/* The figure of a verified claim (standalone pgfplots documents, sized for
 * a column of ~8.5 cm): the claim's own quantity with the certified balls,
 * the fitted asymptotic form and the prediction (generic laws), the curves
 * of a built-in evaluator (K3), or a hook's distance series. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/report.h"

#define FPREC 128

/* ------------------------------------------------------------------ */
/* labels                                                              */
/* ------------------------------------------------------------------ */

/* a growing string */
typedef struct
{
    char *s;
    size_t n, cap;
} sbuf;

static void
sb_cat(sbuf *b, const char *t)
{
    size_t k = strlen(t);
    if (b->n + k + 1 > b->cap)
    {
        b->cap = 2 * (b->n + k + 1);
        b->s = flint_realloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, t, k + 1);
    b->n += k;
}

/* LaTeX math of a claim field: its _tex field, else the expression in
   typewriter type */
static void
sb_tex(sbuf *b, const char *tex, const char *expr)
{
    if (tex != NULL)
        sb_cat(b, tex);
    else
    {
        char *e = ntk_latex_escape(expr ? expr : "?");
        sb_cat(b, "\\mbox{\\ttfamily ");
        sb_cat(b, e);
        sb_cat(b, "}");
        flint_free(e);
    }
}

/* does a factor need parentheses (+, -, / or a space outside brackets)? */
static int
needs_paren(const char *s)
{
    int depth = 0;
    for (const char *p = s; *p; p++)
    {
        if (*p == '{' || *p == '(' || *p == '[')
            depth++;
        else if (*p == '}' || *p == ')' || *p == ']')
            depth--;
        else if (depth == 0 && (p == s || p[-1] != '\\') && (*p == '+' || *p == '-' || *p == '/'))
            return 1;
    }
    return 0;
}

static void
sb_factor(sbuf *b, const char *t)
{
    if (needs_paren(t))
    {
        sb_cat(b, "(");
        sb_cat(b, t);
        sb_cat(b, ")");
    }
    else
        sb_cat(b, t);
}

/* the sequence the top panel shows, w_L: quantity L^-p (ln L)^-r, or the
   ratio y_{L+1}/y_L of an exponential law */
static char *
w_label(const ntk_claim_struct *cl)
{
    sbuf b = {NULL, 0, 0}, q = {NULL, 0, 0};
    sb_cat(&b, "");
    sb_cat(&q, "");
    sb_tex(&q, cl->quantity_tex, cl->quantity);
    if (cl->law == NTK_LAW_EXPONENTIAL)
        sb_cat(&b, "y_{L+1}/y_L");
    else if (cl->law == NTK_LAW_POWER || cl->law == NTK_LAW_POWER_LOG)
    {
        char *end = NULL;
        long e = cl->exponent ? strtol(cl->exponent, &end, 10) : 0;
        sbuf t = {NULL, 0, 0};
        sb_cat(&t, "");
        if (cl->exponent && (end == cl->exponent || *end != '\0'))
        {
            sb_cat(&t, "L^{-(");
            sb_tex(&t, NULL, cl->exponent);
            sb_cat(&t, ")}\\,");
            sb_factor(&t, q.s);
        }
        else if (e == 0)
            sb_cat(&t, q.s);
        else
        {
            char p[48];
            if (-e == 1)
                snprintf(p, sizeof(p), "L\\,");
            else
                snprintf(p, sizeof(p), "L^{%ld}", -e);
            sb_cat(&t, p);
            sb_factor(&t, q.s);
        }
        if (cl->law == NTK_LAW_POWER_LOG)
        {
            char p[48];
            sb_factor(&b, t.s);
            if (cl->log_power == 1)
                snprintf(p, sizeof(p), "/\\ln L");
            else
                snprintf(p, sizeof(p), "/(\\ln L)^{%ld}", (long) cl->log_power);
            sb_cat(&b, p);
        }
        else
            sb_cat(&b, t.s);
        flint_free(t.s);
    }
    else
        sb_cat(&b, q.s);
    flint_free(q.s);
    return b.s;
}

/* ------------------------------------------------------------------ */
/* numbers                                                             */
/* ------------------------------------------------------------------ */

static double
mid_d(const arb_t x)
{
    return arf_get_d(arb_midref(x), ARF_RND_NEAR);
}

static double
ubound_abs_d(const arb_t x)
{
    mag_t m;
    double d;
    mag_init(m);
    arb_get_mag(m, x);
    d = mag_get_d(m);
    mag_clear(m);
    return d;
}

/* w from z at depth L: z / (ln L)^r for power_log */
static void
w_of_z(arb_t w, const arb_t z, slong L, const ntk_claim_struct *cl)
{
    arb_set(w, z);
    if (cl->law == NTK_LAW_POWER_LOG)
    {
        arb_t lg;
        arb_init(lg);
        arb_log_ui(lg, (ulong) (L > 1 ? L : 2), FPREC);
        arb_pow_ui(lg, lg, (ulong) cl->log_power, FPREC);
        arb_div(w, w, lg, FPREC);
        arb_clear(lg);
    }
}

/* the deviation from the prediction: w/pred - 1, or w - pred if pred is 0 */
static void
dev_of_w(arb_t e, const arb_t w, const arb_t pred, int relative)
{
    arb_sub(e, w, pred, FPREC);
    if (relative)
        arb_div(e, e, pred, FPREC);
}

/* the fitted form at depth L (midpoints of the coefficients) */
static void
fit_at(arb_t y, const ntk_claim_result_struct *r, slong L)
{
    arb_t t, c;
    arb_init(t);
    arb_init(c);
    arb_zero(y);
    for (slong i = 0; i < r->nfit; i++)
    {
        ntk_fit_term_eval(t, r->fit_terms + i, L, FPREC);
        arf_set(arb_midref(c), arb_midref(r->fit_coef + i));
        arb_addmul(y, t, c, FPREC);
    }
    arb_clear(t);
    arb_clear(c);
}

/* sample depths of the fitted form: up to 40, geometric, distinct */
static slong
fit_grid(slong *d, slong lo, slong hi)
{
    slong n = 0;
    if (lo < 2)
        lo = 2;
    for (int i = 0; i <= 40; i++)
    {
        double x = exp(log((double) lo) + (log((double) hi) - log((double) lo)) * i / 40.0);
        slong L = (slong) floor(x + 0.5);
        if (L < lo) L = lo;
        if (L > hi) L = hi;
        if (n == 0 || L > d[n - 1])
            d[n++] = L;
    }
    return n;
}

/* ------------------------------------------------------------------ */
/* the document                                                        */
/* ------------------------------------------------------------------ */

static void
preamble(FILE *fp, const ntk_claim_result_struct *r, const char *caption)
{
    fprintf(fp, "%% generated by ntkdepth verify %s -- do not edit\n", NTK_VERSION);
    fprintf(fp, "%% caption: %s\n", caption);
    fprintf(fp, "\\documentclass[10pt]{standalone}\n\\usepackage{pgfplots}\n"
                "\\pgfplotsset{compat=1.16}\n\\begin{document}\n\\begin{tikzpicture}\n"
                "\\pgfplotsset{every axis/.append style={width=8.2cm, font=\\footnotesize, "
                "grid=major, grid style={gray!25}, title style={font=\\small}, "
                "legend style={font=\\scriptsize, draw=none, fill=white, fill opacity=0.85, "
                "text opacity=1}, legend cell align=left, "
                "every axis plot/.append style={line width=0.7pt}}}\n");
    (void) r;
}

/* rendered width of a LaTeX label in characters, roughly: a control
   sequence counts as one, braces, ^ and _ as none */
static slong
tex_width(const char *s)
{
    slong w = 0;
    for (const char *p = s; *p; p++)
    {
        if (*p == '\\')
        {
            p++;
            while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
                p++;
            p--;
            w++;
        }
        else if (*p != '{' && *p != '}' && *p != '^' && *p != '_')
            w++;
    }
    return w;
}

/* decade bounds of the positive values v[0..n-1] (log axes always show
   two labelled ticks) */
static void
decades(double *lo, double *hi, const double *v, slong n)
{
    double a = HUGE_VAL, b = 0;
    for (slong i = 0; i < n; i++)
        if (v[i] > 0 && isfinite(v[i]))
        {
            if (v[i] < a) a = v[i];
            if (v[i] > b) b = v[i];
        }
    if (!(b > 0))
    {
        *lo = 0.1;
        *hi = 1;
        return;
    }
    *lo = pow(10.0, floor(log10(a) + 1e-9));
    *hi = pow(10.0, ceil(log10(b) - 1e-9));
    if (*hi <= *lo)
        *hi = *lo * 10;
}

static void
coords(FILE *fp, const char *style, const double *x, const double *y, slong n)
{
    slong k = 0;
    for (slong i = 0; i < n; i++)
        k += y[i] > 0 && isfinite(y[i]);
    if (k == 0)
        return;
    fprintf(fp, "\\addplot[%s] coordinates {\n", style);
    for (slong i = 0; i < n; i++)
        if (y[i] > 0 && isfinite(y[i]))
            fprintf(fp, "(%.10g, %.10g)\n", x[i], y[i]);
    fprintf(fp, "};\n");
}

static void
hline(FILE *fp, double xmin, double xmax, double y, const char *style)
{
    fprintf(fp, "\\addplot[%s] coordinates {(%.10g, %.17g) (%.10g, %.17g)};\n", style, xmin, y,
            xmax, y);
}

#define ST_DATA "data"
#define ST_ZERO "zero"
#define ST_FIT "red, no marks, line width=1.5pt, opacity=0.75"
#define ST_PRED "black, dashed"
#define ST_EST "red, densely dotted"
#define ST_RAD "black!60, densely dashed, no marks"

/* the styles of the marks: smaller when there are many points */
static void
mark_styles(FILE *fp, slong n)
{
    double m = n > 120 ? 0.6 : 0.9;
    fprintf(fp, "\\pgfplotsset{data/.style={only marks, mark=*, mark size=%.1fpt, blue}, "
                "zero/.style={only marks, mark=o, mark size=%.1fpt, blue}}\n", m, m + 0.4);
}

/* a depth for a legend: an integer, or 2.0\cdot 10^{11} past 10^5 */
static void
tex_depth(char *buf, size_t size, slong L)
{
    if (L < 100000)
        snprintf(buf, size, "%ld", (long) L);
    else
    {
        double e = floor(log10((double) L));
        snprintf(buf, size, "%.1f\\cdot 10^{%d}", (double) L / pow(10.0, e), (int) e);
    }
}

/* a decimal "1.5e-38" as LaTeX "1.5\cdot 10^{-38}" (appended to b) */
static void
sb_dec(sbuf *b, const char *d)
{
    const char *ep = strchr(d, 'e');
    if (ep == NULL)
        sb_cat(b, d);
    else
    {
        char buf[96];
        snprintf(buf, sizeof(buf), "%.*s\\cdot 10^{%d}", (int) (ep - d), d, atoi(ep + 1));
        sb_cat(b, buf);
    }
}

/* an estimate as LaTeX for a legend: "v \pm e" with the digits of
   ntk_estimate_text, v cut to 7 significant digits and an ellipsis when it
   has more */
static char *
tex_estimate(const ntk_estimate_t e)
{
    char *t = ntk_estimate_text(e), *pm = strstr(t, " +- ");
    char *v = arb_get_str(e->value, 7, ARB_STR_NO_RADIUS);
    sbuf b = {NULL, 0, 0};
    sb_cat(&b, "");
    if (pm)
        *pm = '\0';
    if (strlen(v) < strlen(t))
    {
        /* cut, not rounded: the digits shown are those of the estimate */
        char *ep = strchr(t, 'e'), m[64];
        slong digits = 0, k = 0;
        for (const char *p = t; *p && p != ep && k < 60; p++)
        {
            if (*p >= '0' && *p <= '9' && (digits > 0 || *p != '0'))
                digits++;
            if (digits > 7)
                break;
            m[k++] = *p;
        }
        m[k] = '\0';
        sb_cat(&b, m);
        sb_cat(&b, "\\ldots");
        if (ep)
        {
            char x[32];
            snprintf(x, sizeof(x), "\\cdot 10^{%d}", atoi(ep + 1));
            sb_cat(&b, x);
        }
    }
    else
        sb_dec(&b, t);
    if (pm)
    {
        sb_cat(&b, " \\pm ");
        sb_dec(&b, pm + 4);
    }
    flint_free(v);
    flint_free(t);
    return b.s;
}

/* the legend above the top axis (named leg) and the title above it */
static const char *legend_style =
    "legend style={name=leg, at={(0.5,1.04)}, anchor=south, legend columns=2, "
    "/tikz/every even column/.append style={column sep=0.25cm}}";

/* one row of a two-column legend: (style1, text1) and (style2, text2a
   text2b text2c); a NULL style leaves its cell empty, a row of two empty
   cells is left out */
static void
legend_pair(FILE *fp, const char *style1, const char *text1, const char *style2,
            const char *text2a, const char *text2b, const char *text2c)
{
    if (style1 == NULL && style2 == NULL)
        return;
    fprintf(fp, "\\addlegendimage{%s}\n\\addlegendentry{%s}\n",
            style1 ? style1 : "empty legend", style1 ? text1 : "");
    fprintf(fp, "\\addlegendimage{%s}\n\\addlegendentry{%s%s%s}\n",
            style2 ? style2 : "empty legend", style2 ? text2a : "",
            style2 && text2b ? text2b : "", style2 ? text2c : "");
}

static void
title_node(FILE *fp, const ntk_claim_result_struct *r, const char *at, const char *line2)
{
    char *id = ntk_latex_escape(r->claim->id);
    fprintf(fp, "\\node[anchor=south, font=\\small, align=center] at (%s) {%s: %s (expected %s)%s%s};\n",
            at, id, ntk_verdict_str(r->verdict), ntk_verdict_str(r->claim->expect),
            line2 ? "\\\\ " : "", line2 ? line2 : "");
    flint_free(id);
}

/* the generic laws: top panel w_L with the prediction, bottom panel the
   deviation from it on a log axis */
static void
figure_law(FILE *fp, const ntk_claim_result_struct *r)
{
    const ntk_claim_struct *cl = r->claim;
    slong n = r->nz, nf = 0;
    int relative = arb_is_finite(r->pred) && !arb_contains_zero(r->pred);
    int have_pred = arb_is_finite(r->pred);
    arb_ptr w = _arb_vec_init(n), e = _arb_vec_init(n);
    double *x = flint_malloc(sizeof(double) * (size_t) n);
    double *ey = flint_malloc(sizeof(double) * (size_t) n);   /* |e|, e excludes 0 */
    double *ez = flint_malloc(sizeof(double) * (size_t) n);   /* bound, e contains 0 */
    double *er = flint_malloc(sizeof(double) * (size_t) n);   /* radius of e */
    double xmin, xmax, radmax = 0, ylo, yhi, fx[48], fy[48];
    int npos = 0, nneg = 0, nzero = 0, logx, show_rad;
    /* the decisive estimate of the limit (of w) or of the rate */
    int have_est = r->nmeasured > 0 && r->measured[0].kind == NTK_MEASURED_ESTIMATE
                   && arb_is_finite(r->measured[0].est->value);
    slong fd[48];
    arb_ptr fw = _arb_vec_init(48), fe = _arb_vec_init(48);
    char *wl = w_label(cl), *ptex, *cap;
    const char *xm;
    sbuf c = {NULL, 0, 0}, yl = {NULL, 0, 0}, pt = {NULL, 0, 0}, leg = {NULL, 0, 0},
         tl = {NULL, 0, 0}, zl = {NULL, 0, 0};

    sb_cat(&pt, "");
    sb_tex(&pt, cl->constant_tex, cl->constant);
    ptex = pt.s;
    for (slong i = 0; i < n; i++)
    {
        x[i] = (double) r->zdepth[i];
        w_of_z(w + i, r->z + i, r->zdepth[i], cl);
        ey[i] = ez[i] = er[i] = 0;
        if (!have_pred)
            continue;
        dev_of_w(e + i, w + i, r->pred, relative);
        er[i] = mag_get_d(arb_radref(e + i));
        if (er[i] > radmax)
            radmax = er[i];
        if (arb_contains_zero(e + i))
        {
            ez[i] = ubound_abs_d(e + i);
            nzero++;
            continue;
        }
        if (arb_is_positive(e + i)) npos++;
        else nneg++;
        ey[i] = fabs(mid_d(e + i));
    }
    logx = x[n - 1] >= 30 * x[0];
    xmin = logx ? x[0] / 1.3 : x[0] - 0.05 * (x[n - 1] - x[0]);
    xmax = logx ? x[n - 1] * 1.3 : x[n - 1] + 0.05 * (x[n - 1] - x[0]);
    xm = logx ? "log" : "normal";
    if (r->nfit > 0)
    {
        nf = fit_grid(fd, r->fit_lo, r->fit_hi);
        for (slong i = 0; i < nf; i++)
        {
            fit_at(fw + i, r, fd[i]);
            w_of_z(fw + i, fw + i, fd[i], cl);
            fx[i] = (double) fd[i];
            fy[i] = 0;
            if (have_pred)
            {
                dev_of_w(fe + i, fw + i, r->pred, relative);
                fy[i] = fabs(mid_d(fe + i));
            }
        }
    }
    /* radii: drawn if some ball contains 0 or some radius comes within 3
       decades of its value, else stated in the legend */
    show_rad = nzero > 0;
    for (slong i = 0; i < n; i++)
        if (ey[i] > 0 && er[i] >= 1e-3 * ey[i])
            show_rad = 1;
    show_rad = show_rad && radmax > 0;

    /* the labels: w in the top panel, its deviation in the bottom one;
       a long deviation label names w z_L */
    sb_cat(&yl, "");
    sb_cat(&tl, "");
    sb_cat(&zl, "");
    for (int pass = 0; pass < 2; pass++)
    {
        const char *v = pass ? "z_L" : wl;
        sbuf f = {NULL, 0, 0};
        yl.n = 0;
        yl.s[0] = '\0';
        sb_cat(&f, "");
        if (relative)
        {
            if (arb_is_one(r->pred))
                sb_cat(&f, v);
            else
            {
                sb_factor(&f, v);
                sb_cat(&f, "/");
                sb_factor(&f, ptex);
            }
            if (nneg > 0 && npos == 0)
            {
                sb_cat(&yl, "1 - ");
                sb_cat(&yl, f.s);
            }
            else if (npos > 0 && nneg == 0)
            {
                sb_cat(&yl, f.s);
                sb_cat(&yl, " - 1");
            }
            else
            {
                sb_cat(&yl, "|");
                sb_cat(&yl, f.s);
                sb_cat(&yl, " - 1|");
            }
        }
        else
        {
            int abs = !(nneg == 0 && npos > 0) && !(npos == 0 && nneg > 0);
            sb_cat(&f, v);
            if (!arb_is_zero(r->pred))
            {
                sb_cat(&f, " - ");
                sb_factor(&f, ptex);
            }
            if (abs)
                sb_cat(&yl, "|");
            else if (nneg > 0)
            {
                sb_cat(&yl, "-(");
            }
            sb_cat(&yl, f.s);
            if (abs)
                sb_cat(&yl, "|");
            else if (nneg > 0)
                sb_cat(&yl, ")");
        }
        flint_free(f.s);
        if (pass == 0 && tex_width(yl.s) <= 28)
        {
            sb_cat(&tl, wl);
            break;
        }
        if (pass == 1)
        {
            sb_cat(&tl, "z_L = ");
            sb_cat(&tl, wl);
        }
    }

    /* caption (one line, plain text) */
    {
        char buf[1024];
        char *pv = have_pred ? ntk_ball_text(r->pred, 12) : NULL;
        snprintf(buf, sizeof(buf), "%s (%s; expected %s): %s. Top: %s at depths %ld..%ld as "
                 "certified balls (marks)%s%s%s; bottom: its %s from it%s.",
                 cl->id, ntk_verdict_str(r->verdict), ntk_verdict_str(cl->expect),
                 cl->statement ? cl->statement : "",
                 cl->law == NTK_LAW_EXPONENTIAL ? "the ratio y(L+1)/y(L)"
                                                : "the claim's normalized quantity",
                 (long) r->zdepth[0], (long) r->zdepth[n - 1],
                 r->nfit > 0 ? ", the fitted asymptotic form (line)" : "",
                 have_pred ? " and the prediction (dashed) " : "", have_pred ? pv : "",
                 relative ? "relative deviation" : "distance",
                 logx ? ", log-log" : ", log scale");
        sb_cat(&c, buf);
        if (radmax > 0)
        {
            snprintf(buf, sizeof(buf), " Largest radius on the bottom axis: %.2g.", radmax);
            sb_cat(&c, buf);
        }
        cap = c.s;
        flint_free(pv);
    }
    preamble(fp, r, cap);
    mark_styles(fp, n);

    /* top panel, with the legend of both */
    fprintf(fp, "\\begin{axis}[name=top, xmode=%s, height=4.6cm, xmin=%.10g, xmax=%.10g, "
                "xticklabels={}, ylabel={$%s$}, scaled y ticks=false, yticklabel style={/pgf/number "
                "format/fixed, /pgf/number format/precision=4}, %s]\n", xm, xmin, xmax, tl.s,
            legend_style);
    fprintf(fp, "\\addplot[" ST_DATA ", forget plot, error bars/.cd, y dir=both, y explicit] "
                "coordinates {\n");
    for (slong i = 0; i < n; i++)
        if (arb_is_finite(w + i))
            fprintf(fp, "(%.10g, %.17g) +- (0, %.3g)\n", x[i], mid_d(w + i),
                    mag_get_d(arb_radref(w + i)));
    fprintf(fp, "};\n");
    /* an exponential law's y_L: defined under the title */
    sb_cat(&leg, "$y_L = ");
    sb_tex(&leg, cl->quantity_tex, cl->quantity);
    sb_cat(&leg, "$");
    if (nf > 0)
    {
        fprintf(fp, "\\addplot[" ST_FIT ", forget plot] coordinates {\n");
        for (slong i = 0; i < nf; i++)
            fprintf(fp, "(%ld, %.17g)\n", (long) fd[i], mid_d(fw + i));
        fprintf(fp, "};\n");
    }
    if (have_est)
        hline(fp, xmin, xmax, mid_d(r->measured[0].est->value), ST_EST ", forget plot");
    if (have_pred)
        hline(fp, xmin, xmax, mid_d(r->pred), ST_PRED ", forget plot");
    /* the legend, row by row: short entries in the first column, the long
       ones (estimate, prediction, radii) in the second */
    {
        char *est = have_est ? tex_estimate(r->measured[0].est) : NULL;
        char rad[96] = "";
        if (have_pred && !show_rad && radmax > 0)
        {
            char sr[64];
            sbuf b = {NULL, 0, 0};
            snprintf(sr, sizeof(sr), "%.1e", radmax);
            sb_cat(&b, "");
            sb_dec(&b, sr);
            snprintf(rad, sizeof(rad), "radii $\\le %s$", b.s);
            flint_free(b.s);
        }
        legend_pair(fp, ST_DATA, "certified", have_est ? ST_EST : NULL, "estimate $", est, "$");
        /* the window of the fit ends at the deepest depth */
        {
            char fl[96], lo[48];
            tex_depth(lo, sizeof(lo), r->fit_lo);
            snprintf(fl, sizeof(fl), "fit, $L \\ge %s$", lo);
            legend_pair(fp, nf > 0 ? ST_FIT : NULL, fl, have_pred ? ST_PRED : NULL,
                        "prediction $", ptex, "$");
        }
        legend_pair(fp, nzero > 0 ? ST_ZERO : NULL, "bound, ball $\\ni 0$",
                    show_rad ? ST_RAD : rad[0] ? "empty legend" : NULL,
                    show_rad ? "radius" : rad, "", "");
        flint_free(est);
    }
    fprintf(fp, "\\end{axis}\n");

    /* bottom panel */
    if (have_pred)
    {
        double *all = flint_malloc(sizeof(double) * (size_t) (3 * n + nf));
        slong na = 0;
        for (slong i = 0; i < n; i++)
        {
            all[na++] = ey[i];
            all[na++] = ez[i];
            if (show_rad)
                all[na++] = er[i];
        }
        for (slong i = 0; i < nf; i++)
            all[na++] = fy[i];
        decades(&ylo, &yhi, all, na);
        flint_free(all);
        fprintf(fp, "\\begin{axis}[at={(top.south west)}, anchor=north west, yshift=-0.25cm, "
                    "xmode=%s, ymode=log, height=4.6cm, xmin=%.10g, xmax=%.10g, ymin=%.3g, "
                    "ymax=%.3g, xlabel={depth $L$}, ylabel={$%s$}]\n",
                xm, xmin, xmax, ylo, yhi, yl.s);
        coords(fp, ST_DATA, x, ey, n);
        coords(fp, ST_ZERO, x, ez, n);
        if (nf > 0)
            coords(fp, ST_FIT, fx, fy, nf);
        if (show_rad)
            coords(fp, ST_RAD, x, er, n);
        fprintf(fp, "\\end{axis}\n");
    }
    title_node(fp, r, "leg.north", cl->law == NTK_LAW_EXPONENTIAL ? leg.s : NULL);
    fprintf(fp, "\\end{tikzpicture}\n\\end{document}\n");

    _arb_vec_clear(w, n);
    _arb_vec_clear(e, n);
    _arb_vec_clear(fw, 48);
    _arb_vec_clear(fe, 48);
    flint_free(x);
    flint_free(ey);
    flint_free(ez);
    flint_free(er);
    flint_free(wl);
    flint_free(cap);
    flint_free(ptex);
    flint_free(yl.s);
    flint_free(tl.s);
    flint_free(zl.s);
    flint_free(leg.s);
}

/* label: LaTeX if it has math, else text */
static char *
text_label(const char *s)
{
    if (s && strchr(s, '$'))
    {
        char *r = flint_malloc(strlen(s) + 1);
        strcpy(r, s);
        return r;
    }
    return ntk_latex_escape(s ? s : "");
}

/* a built-in evaluator's curves (estimates with error bars or balls) on
   log-log axes, with the reference line */
static void
figure_curves(FILE *fp, const ntk_claim_result_struct *r)
{
    char *xl = text_label(r->curve_xlabel), *yl = text_label(r->curve_ylabel);
    double xmin = HUGE_VAL, xmax = 0;
    char cap[1024];
    snprintf(cap, sizeof(cap), "%s (%s; expected %s): %s. Monte Carlo estimates (mean +- standard "
             "error, error bars)%s.", r->claim->id, ntk_verdict_str(r->verdict),
             ntk_verdict_str(r->claim->expect), r->claim->statement ? r->claim->statement : "",
             arb_is_finite(r->curve_ref) ? "; dashed: the threshold of the verdict rule" : "");
    for (slong k = 0; k < r->ncurves; k++)
        for (slong i = 0; i < r->curves[k].n; i++)
            if (r->curves[k].x[i] > 0)
            {
                if (r->curves[k].x[i] < xmin) xmin = r->curves[k].x[i];
                if (r->curves[k].x[i] > xmax) xmax = r->curves[k].x[i];
            }
    if (!(xmax > 0))
        xmin = xmax = 1;
    xmin /= 1.5;
    xmax *= 1.5;
    preamble(fp, r, cap);
    fprintf(fp, "\\begin{axis}[xmode=log, ymode=log, height=6cm, xmin=%.10g, xmax=%.10g, "
                "xlabel={%s}, ylabel={%s}, %s]\n", xmin, xmax, xl, yl, legend_style);
    for (slong k = 0; k < r->ncurves; k++)
    {
        const ntk_claim_curve_struct *c = r->curves + k;
        char *lab = text_label(c->label);
        slong np = 0;
        for (slong i = 0; i < c->n; i++)
            np += c->x[i] > 0 && mid_d(c->y + i) > 0 && isfinite(mid_d(c->y + i));
        if (np == 0)
        {
            /* keep the colours of the cycle list and the legend in step */
            fprintf(fp, "\\addplot+[draw=none, forget plot] coordinates {};\n");
            flint_free(lab);
            continue;
        }
        fprintf(fp, "\\addplot+[mark size=1.2pt, error bars/.cd, y dir=both, y explicit] "
                    "coordinates {\n");
        for (slong i = 0; i < c->n; i++)
        {
            double y = mid_d(c->y + i), ebar;
            if (!(c->x[i] > 0) || !(y > 0) || !isfinite(y))
                continue;
            ebar = c->err ? mid_d(c->err + i) : mag_get_d(arb_radref(c->y + i));
            if (!isfinite(ebar))
                ebar = 0;
            if (ebar >= y)
                ebar = 0.999 * y;     /* a bar reaching below 0, clipped for the log axis */
            fprintf(fp, "(%.10g, %.10g) +- (0, %.3g)\n", c->x[i], y, ebar);
        }
        fprintf(fp, "};\n\\addlegendentry{%s}\n", lab);
        flint_free(lab);
    }
    if (arb_is_finite(r->curve_ref))
    {
        hline(fp, xmin, xmax, mid_d(r->curve_ref), ST_PRED);
        fprintf(fp, "\\addlegendentry{threshold %.3g}\n", mid_d(r->curve_ref));
    }
    fprintf(fp, "\\end{axis}\n");
    title_node(fp, r, "leg.north", NULL);
    fprintf(fp, "\\end{tikzpicture}\n\\end{document}\n");
    flint_free(xl);
    flint_free(yl);
}

/* a hook's series of certified distances, log-log */
static void
figure_series(FILE *fp, const ntk_claim_result_struct *r)
{
    slong n = r->nseries;
    char *yl = text_label(r->series_label ? r->series_label : "distance");
    double *x = flint_malloc(sizeof(double) * (size_t) n);
    double *ey = flint_malloc(sizeof(double) * (size_t) n);
    double *ez = flint_malloc(sizeof(double) * (size_t) n);
    double ylo, yhi;
    int nzero = 0;
    char cap[1024];
    snprintf(cap, sizeof(cap), "%s (%s; expected %s): %s. Certified balls (marks) at depths "
             "%ld..%ld, log-log.", r->claim->id, ntk_verdict_str(r->verdict),
             ntk_verdict_str(r->claim->expect), r->claim->statement ? r->claim->statement : "",
             (long) r->sdepth[0], (long) r->sdepth[n - 1]);
    for (slong i = 0; i < n; i++)
    {
        x[i] = (double) r->sdepth[i];
        ey[i] = ez[i] = 0;
        if (arb_contains_zero(r->serr + i))
        {
            ez[i] = ubound_abs_d(r->serr + i);
            nzero++;
        }
        else
            ey[i] = fabs(mid_d(r->serr + i));
    }
    {
        double *all = flint_malloc(sizeof(double) * (size_t) (2 * n));
        for (slong i = 0; i < n; i++)
        {
            all[2 * i] = ey[i];
            all[2 * i + 1] = ez[i];
        }
        decades(&ylo, &yhi, all, 2 * n);
        flint_free(all);
    }
    preamble(fp, r, cap);
    mark_styles(fp, n);
    fprintf(fp, "\\begin{axis}[xmode=log, ymode=log, height=5.5cm, ymin=%.3g, ymax=%.3g, "
                "xlabel={depth $L$}, ylabel={%s}, %s]\n", ylo, yhi, yl, legend_style);
    coords(fp, ST_DATA, x, ey, n);
    if (n - nzero > 0)
        fprintf(fp, "\\addlegendentry{certified}\n");
    coords(fp, ST_ZERO, x, ez, n);
    if (nzero > 0)
        fprintf(fp, "\\addlegendentry{bound, ball $\\ni 0$}\n");
    fprintf(fp, "\\end{axis}\n");
    title_node(fp, r, "leg.north", NULL);
    fprintf(fp, "\\end{tikzpicture}\n\\end{document}\n");
    flint_free(x);
    flint_free(ey);
    flint_free(ez);
    flint_free(yl);
}

int
ntk_report_verify_has_figure(const ntk_claim_result_struct *r)
{
    if (r->claim == NULL)
        return 0;
    if (r->ncurves > 0)
        return 1;
    if (r->nz >= 2)
        return 1;
    return r->nseries >= 2 && r->claim->law != NTK_LAW_IDENTITY;
}

void
ntk_report_verify_pgfplots(FILE *fp, const ntk_claim_result_struct *r)
{
    if (!ntk_report_verify_has_figure(r))
        return;
    if (r->ncurves > 0)
        figure_curves(fp, r);
    else if (r->nz >= 2)
        figure_law(fp, r);
    else
        figure_series(fp, r);
}
