/* ntk_report_finite_latex and ntk_report_finite_pgfplots (src/report/
 * finite.c) on a small Monte Carlo run (ReLU, M = n0 = 50, depths 1..3,
 * sigma_w2 = 1, 2; seed 7), parsed back: one table row per (sigma, depth)
 * whose exact mean is the closed form K2 (papers.md; at M = 50 the dead-
 * layer probability 2^-50 is below the printed digits) and whose Monte
 * Carlo mean lies within 5 standard errors of it; the figure's points sit
 * at lambda = L/M with the estimates, its lines at the exact dispersion. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

#define SEED 7

static char *
slurp(FILE *fp)
{
    long n = ftell(fp);
    char *s = malloc((size_t) n + 1);
    rewind(fp);
    assert_int_equal(fread(s, 1, (size_t) n, fp), (size_t) n);
    s[n] = '\0';
    return s;
}

/* K2 at |x|^2 = 1: (1 - r^(L+1))/(1 - r) + r^L (1 + L M/n0), r = sigma_w2/2 */
static double
k2(double sw2, int L, double M, double n0)
{
    double r = sw2 / 2;
    double a = r == 1 ? L + 1 : (1 - pow(r, L + 1)) / (1 - r);
    return a + pow(r, L) * (1 + L * M / n0);
}

static void
test_reports(void **state)
{
    ntk_finite_config_t cfg;
    ntk_finite_result_t res;
    double sw2[2] = {1.0, 2.0}, r[2] = {1.0, 0.0};
    slong depths[3] = {1, 2, 3};
    arb_ptr dd;
    FILE *fp;
    char *doc, *p;
    int rows = 0;
    (void) state;
    ntk_finite_config_init(cfg);
    ntk_finite_config_set_width(cfg, 50);
    cfg->n0 = 50;
    cfg->samples = 200;
    cfg->seed = SEED;
    ntk_finite_config_set_sigma_w2(cfg, sw2, 2);
    ntk_finite_config_set_depths(cfg, depths, 3);
    ntk_finite_config_set_r(cfg, r, 2);
    assert_int_equal(ntk_finite_config_check(cfg), NTK_SUCCESS);
    assert_int_equal(ntk_finite_config_equal_width(cfg), 50);
    ntk_finite_result_init(res, cfg);
    assert_int_equal(ntk_finite_run(res, cfg, 1, NULL, NULL), NTK_SUCCESS);

    /* the table */
    fp = tmpfile();
    ntk_report_finite_latex(fp, cfg, res, 1);
    doc = slurp(fp);
    fclose(fp);
    assert_non_null(strstr(doc, "\\begin{longtable}{rrrrrr}"));
    assert_non_null(strstr(doc, "\\end{longtable}"));
    p = strstr(doc, "\\endhead\n");
    assert_non_null(p);
    p += 9;
    for (int is = 0; is < 2; is++)
        for (int id = 0; id < 3; id++)
        {
            double s, m, se, ex;
            long L;
            if (sscanf(p, "%lf & %ld & $%lf \\pm %lf$ & $%lf$", &s, &L, &m, &se, &ex) != 5)
                fail_msg("seed %d: row %d not parsed: %.80s", SEED, rows, p);
            assert_true(s == sw2[is] && L == depths[id]);
            if (fabs(ex / k2(s, (int) L, 50, 50) - 1) > 1e-9)
                fail_msg("seed %d: exact mean %.12g, K2 %.12g", SEED, ex, k2(s, (int) L, 50, 50));
            if (!(fabs(m - ex) <= 5 * se))
                fail_msg("seed %d: Monte Carlo mean %g +- %g vs exact %g", SEED, m, se, ex);
            rows++;
            p = strchr(p, '\n') + 1;
        }
    assert_int_equal(strncmp(p, "\\hline", 6), 0);
    free(doc);
    /* without the exact law: "--" */
    fp = tmpfile();
    ntk_report_finite_latex(fp, cfg, res, 0);
    doc = slurp(fp);
    fclose(fp);
    assert_non_null(strstr(doc, "& -- &"));
    free(doc);

    /* the figure, with the exact dispersion */
    dd = _arb_vec_init(6);
    for (int is = 0; is < 2; is++)
        assert_int_equal(ntk_finite_exact_moments_cfg(NULL, NULL, dd + 3 * is, cfg, is, 1.0, 128),
                         NTK_SUCCESS);
    fp = tmpfile();
    ntk_report_finite_pgfplots(fp, cfg, res, dd);
    doc = slurp(fp);
    fclose(fp);
    assert_non_null(strstr(doc, "xlabel={$\\lambda = L/M$}"));
    assert_non_null(strstr(doc, "point meta min=1, point meta max=2"));
    p = doc;
    for (int is = 0; is < 2; is++)
    {
        char tag[32];
        snprintf(tag, sizeof(tag), "%% sigma_w2 = %g\n", sw2[is]);
        p = strstr(p, tag);
        assert_non_null(p);
        /* Monte Carlo marks, then the exact line */
        for (int k = 0; k < 2; k++)
        {
            p = strstr(p, "coordinates {\n");
            assert_non_null(p);
            p += 14;
            for (int id = 0; id < 3; id++)
            {
                double x, y;
                assert_int_equal(sscanf(p, " (%lf, %lf)", &x, &y), 2);
                assert_true(fabs(x - depths[id] / 50.0) < 1e-12);
                if (k == 0)
                {
                    ntk_finite_est d = ntk_finite_dispersion(res, is, id, 0);
                    assert_true(fabs(y / d.est - 1) < 1e-7);
                }
                else
                    assert_true(fabs(y / arf_get_d(arb_midref(dd + 3 * is + id), ARF_RND_NEAR) - 1)
                                < 1e-9);
                p = strchr(p, '\n') + 1;
            }
            assert_int_equal(strncmp(p, "};", 2), 0);
        }
    }
    free(doc);
    /* without it: marks only */
    fp = tmpfile();
    ntk_report_finite_pgfplots(fp, cfg, res, NULL);
    doc = slurp(fp);
    fclose(fp);
    assert_null(strstr(doc, "no marks"));
    free(doc);
    _arb_vec_clear(dd, 6);
    ntk_finite_result_clear(res);
    ntk_finite_config_clear(cfg);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
