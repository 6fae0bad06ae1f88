/* ntk_report_verify_pgfplots (src/report/figure.c): the figure of a result
 * built here from closed forms is parsed back -- the labels compose the
 * claim's LaTeX, the points and the fitted line are the closed-form values,
 * balls containing 0 are drawn at their bound, curves carry their error
 * bars and the threshold. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

#define PREC 256

/* the document written for r, as a string */
static char *
render(const ntk_claim_result_struct *r)
{
    FILE *fp = tmpfile();
    long n;
    char *s;
    assert_non_null(fp);
    ntk_report_verify_pgfplots(fp, r);
    n = ftell(fp);
    rewind(fp);
    s = malloc((size_t) n + 1);
    assert_int_equal(fread(s, 1, (size_t) n, fp), (size_t) n);
    s[n] = '\0';
    fclose(fp);
    return s;
}

/* the points of the k-th \addplot whose style contains `style`, inside the
   axis number `axis` (0: first); returns their number */
static int
plot_points(double *x, double *y, int cap, const char *doc, int axis, const char *style, int k)
{
    const char *p = doc;
    for (int a = 0; a <= axis; a++)
    {
        p = strstr(p, "\\begin{axis}");
        assert_non_null(p);
        p++;
    }
    const char *end = strstr(p, "\\end{axis}");
    assert_non_null(end);
    for (;;)
    {
        const char *q = strstr(p, "\\addplot[");
        const char *close;
        if (q == NULL || q > end)
            return -1;
        close = strchr(q, ']');
        p = q + 1;
        if (close == NULL)
            return -1;
        {
            char st[512];
            size_t len = (size_t) (close - q - 9);
            if (len >= sizeof(st))
                len = sizeof(st) - 1;
            memcpy(st, q + 9, len);
            st[len] = '\0';
            if (strstr(st, style) == NULL || k-- > 0)
                continue;
        }
        {
            const char *c = strchr(close, '{');
            int n = 0;
            c++;
            while (n < cap)
            {
                double a, b;
                while (*c == ' ' || *c == '\n')
                    c++;
                if (*c != '(' || sscanf(c, "(%lf, %lf)", &a, &b) != 2)
                    break;
                x[n] = a;
                y[n] = b;
                n++;
                c = strchr(c, ')') + 1;
                while (*c == ' ')
                    c++;
                if (c[0] == '+' && c[1] == '-')     /* an error bar */
                    c = strchr(c, ')') + 1;
            }
            return n;
        }
    }
}

static void
fill_claim(ntk_claim_t cl, ntk_law law)
{
    ntk_claim_init(cl);
    cl->id = strdup("P1");
    cl->statement = strdup("eps_L ~ C / L^2");
    cl->quantity = strdup("eps");
    cl->quantity_tex = strdup("\\varepsilon_L");
    cl->constant = strdup("9*pi^2/2");
    cl->constant_tex = strdup("9\\pi^2/2");
    cl->exponent = strdup("-2");
    cl->law = law;
}

/* z_L = C (1 - 1/L), C = 9 pi^2/2, at L = 10, 20, 50, ..., 10^4; the
   fitted form C - C/L on [100, 10^4]: the bottom panel shows 1/L, the
   label is signed (every ball below C) */
static void
test_power(void **state)
{
    ntk_claim_t cl;
    ntk_claim_result_t r;
    slong d[10] = {10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};
    double x[64], y[64];
    int n;
    char *doc;
    (void) state;
    fill_claim(cl, NTK_LAW_POWER);
    ntk_claim_result_init(r);
    r->claim = cl;
    r->verdict = NTK_VERDICT_HOLDS;
    arb_const_pi(r->pred, PREC);
    arb_sqr(r->pred, r->pred, PREC);
    arb_mul_ui(r->pred, r->pred, 9, PREC);
    arb_mul_2exp_si(r->pred, r->pred, -1);
    r->nz = 10;
    r->zdepth = malloc(10 * sizeof(slong));
    r->z = _arb_vec_init(10);
    for (slong i = 0; i < 10; i++)
    {
        r->zdepth[i] = d[i];
        arb_div_si(r->z + i, r->pred, d[i], PREC);
        arb_sub(r->z + i, r->pred, r->z + i, PREC);
    }
    r->nfit = 2;
    r->fit_terms = malloc(2 * sizeof(ntk_fit_term));
    r->fit_coef = _arb_vec_init(2);
    r->fit_terms[0] = (ntk_fit_term) {0, 0, 0};
    r->fit_terms[1] = (ntk_fit_term) {1, 0, 0};
    arb_set(r->fit_coef + 0, r->pred);
    arb_neg(r->fit_coef + 1, r->pred);
    r->fit_lo = 100;
    r->fit_hi = 10000;
    assert_true(ntk_report_verify_has_figure(r));
    doc = render(r);
    assert_non_null(strstr(doc, "\n% caption: P1 (holds; expected holds): eps_L ~ C / L^2."));
    assert_non_null(strstr(doc, "ylabel={$L^{2}\\varepsilon_L$}"));
    assert_non_null(strstr(doc, "ylabel={$1 - L^{2}\\varepsilon_L/(9\\pi^2/2)$}"));
    assert_non_null(strstr(doc, "prediction $9\\pi^2/2$"));
    assert_non_null(strstr(doc, "fit, $L \\ge 100$"));
    /* the radii are far below the data: stated, not drawn */
    assert_non_null(strstr(doc, "radii $\\le "));
    assert_null(strstr(doc, "ni 0$}"));
    /* top: z_L = C (1 - 1/L); bottom: 1/L */
    n = plot_points(x, y, 64, doc, 0, "data", 0);
    assert_int_equal(n, 10);
    for (int i = 0; i < n; i++)
    {
        assert_true(x[i] == (double) d[i]);
        assert_true(fabs(y[i] - 44.41321980490211 * (1 - 1.0 / d[i])) < 1e-12 * 44.4);
    }
    n = plot_points(x, y, 64, doc, 1, "data", 0);
    assert_int_equal(n, 10);
    for (int i = 0; i < n; i++)
        assert_true(fabs(y[i] * d[i] - 1) < 1e-9);
    /* the fitted form on [100, 10^4], geometric, ending at 10^4 */
    n = plot_points(x, y, 64, doc, 1, "red, no marks", 0);
    assert_true(n >= 10);
    assert_true(x[0] == 100 && x[n - 1] == 10000);
    for (int i = 0; i < n; i++)
        assert_true(fabs(y[i] * x[i] - 1) < 1e-9);
    /* the prediction: a horizontal line at C */
    n = plot_points(x, y, 64, doc, 0, "black, dashed", 0);
    assert_int_equal(n, 2);
    assert_true(fabs(y[0] - 44.41321980490211) < 1e-12 && y[1] == y[0]);
    free(doc);

    /* a ball that contains C: drawn at its bound with an open mark, the
       radii drawn; the label keeps the sign of the other balls */
    arb_add_error_2exp_si(r->z + 9, 3);
    doc = render(r);
    assert_non_null(strstr(doc, "ylabel={$1 - L^{2}\\varepsilon_L/(9\\pi^2/2)$}"));
    n = plot_points(x, y, 64, doc, 1, "zero", 0);
    assert_int_equal(n, 1);
    assert_true(x[0] == 10000 && y[0] >= 8.0 / 44.42 && y[0] < 9.0 / 44.41);
    assert_non_null(strstr(doc, "bound, ball $\\ni 0$"));
    assert_non_null(strstr(doc, "{radius}"));
    free(doc);

    /* the expressions verbatim without the LaTeX fields */
    free(cl->quantity_tex);
    free(cl->constant_tex);
    cl->quantity_tex = cl->constant_tex = NULL;
    doc = render(r);
    assert_non_null(strstr(doc, "ylabel={$L^{2}\\mbox{\\ttfamily eps}$}"));
    assert_non_null(strstr(doc, "prediction $\\mbox{\\ttfamily 9*pi\\textasciicircum{}2/2}$"));
    free(doc);

    /* an identity has no figure (its series is a check, not a convergence) */
    cl->law = NTK_LAW_IDENTITY;
    r->nz = 0;
    assert_false(ntk_report_verify_has_figure(r));
    r->nz = 10;
    ntk_claim_result_clear(r);
    ntk_claim_clear(cl);
}

/* power_log: w_L = z_L / ln L with z_L = A ln L + B, A = 1/pi: the top
   label divides by ln L, the bottom panel shows B/(A ln L) */
static void
test_power_log(void **state)
{
    ntk_claim_t cl;
    ntk_claim_result_t r;
    double x[64], y[64];
    int n;
    char *doc;
    (void) state;
    fill_claim(cl, NTK_LAW_POWER_LOG);
    free(cl->exponent);
    cl->exponent = strdup("0");
    free(cl->quantity_tex);
    cl->quantity_tex = strdup("w_L - 2L/(3\\pi)");
    free(cl->constant_tex);
    cl->constant_tex = strdup("1/\\pi");
    cl->log_power = 1;
    ntk_claim_result_init(r);
    r->claim = cl;
    arb_const_pi(r->pred, PREC);
    arb_inv(r->pred, r->pred, PREC);
    r->nz = 4;
    r->zdepth = malloc(4 * sizeof(slong));
    r->z = _arb_vec_init(4);
    for (slong i = 0; i < 4; i++)
    {
        arb_t lg;
        arb_init(lg);
        r->zdepth[i] = 10 * (slong) pow(10, i);
        arb_log_ui(lg, r->zdepth[i], PREC);
        arb_mul(r->z + i, r->pred, lg, PREC);
        arb_add_ui(r->z + i, r->z + i, 2, PREC);    /* B = 2 */
        arb_clear(lg);
    }
    doc = render(r);
    /* a long deviation label names w z_L */
    assert_non_null(strstr(doc, "ylabel={$z_L = (w_L - 2L/(3\\pi))/\\ln L$}"));
    assert_non_null(strstr(doc, "ylabel={$z_L/(1/\\pi) - 1$}"));
    n = plot_points(x, y, 64, doc, 1, "data", 0);
    assert_int_equal(n, 4);
    for (int i = 0; i < n; i++)
        assert_true(fabs(y[i] - 2 * 3.141592653589793 / log(x[i])) < 1e-9);
    free(doc);
    ntk_claim_result_clear(r);
    ntk_claim_clear(cl);
}

/* curves (K3): estimates with error bars, a bar reaching below 0 clipped,
   a non-positive value left out, the threshold */
static void
test_curves(void **state)
{
    ntk_claim_t cl;
    ntk_claim_result_t r;
    ntk_claim_curve_struct *c;
    double x[64], y[64];
    int n;
    char *doc;
    (void) state;
    ntk_claim_init(cl);
    cl->id = strdup("K3");
    cl->statement = strdup("the NTK moves");
    cl->law = NTK_LAW_IDENTITY;
    cl->hook = strdup("train_k3");
    ntk_claim_result_init(r);
    r->claim = cl;
    r->verdict = NTK_VERDICT_REFUTED;
    r->curve_xlabel = strdup("training step $t$");
    r->curve_ylabel = strdup("$\\|K_t - K_0\\|_F$");
    arb_set_d(r->curve_ref, 0.1);
    c = ntk_claim_result_add_curve(r, "$\\sigma_w^2 = 1$", NTK_MEASURED_ESTIMATE, 4);
    for (int i = 0; i < 4; i++)
    {
        c->x[i] = i == 0 ? 0 : pow(10, i);
        arb_set_d(c->y + i, 0.5 * i);
        arb_set_d(c->err + i, i == 2 ? 2.0 : 0.01);
    }
    assert_true(ntk_report_verify_has_figure(r));
    doc = render(r);
    assert_non_null(strstr(doc, "\n% caption: K3 (refuted; expected holds): the NTK moves."));
    assert_non_null(strstr(doc, "xlabel={training step $t$}"));
    assert_non_null(strstr(doc, "{$\\sigma_w^2 = 1$}"));
    assert_non_null(strstr(doc, "threshold 0.1"));
    /* step 0 left out (log axis); the bar 2.0 > 1.0 clipped to 0.999 */
    assert_non_null(strstr(doc, "(10, 0.5) +- (0, 0.01)"));
    assert_non_null(strstr(doc, "(100, 1) +- (0, 0.999)"));
    assert_null(strstr(doc, "(0, 0)"));
    n = plot_points(x, y, 64, doc, 0, "dashed", 0);
    assert_int_equal(n, 2);
    assert_true(y[0] == 0.1 && y[1] == 0.1);
    free(doc);
    ntk_claim_result_clear(r);
    ntk_claim_clear(cl);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_power),
        cmocka_unit_test(test_power_log),
        cmocka_unit_test(test_curves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
