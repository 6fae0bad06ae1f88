/* Reports of sampled finite-width networks (ntkdepth finite): the LaTeX
 * table of Monte Carlo means beside the certified exact mean, and the
 * pgfplots figure of the dispersion of K(x,x) against lambda = L/M. */
#include <math.h>
#include "ntkdepth/report.h"

void
ntk_report_finite_latex(FILE *fp, const ntk_finite_config_t cfg, const ntk_finite_result_t res,
                        int have_exact)
{
    arb_t ex;
    arb_init(ex);
    fprintf(fp, "%% ntkdepth finite: Monte Carlo means (estimate, standard error) and the\n"
                "%% certified exact mean; %ld samples, seed %lu, n0 = %ld\n",
            (long) cfg->samples, (unsigned long) cfg->seed, (long) cfg->n0);
    fprintf(fp, "%% needs \\usepackage{longtable,amssymb}\n"
                "\\begin{longtable}{rrrrrr}\n\\hline\n"
                "$\\sigma_w^2$ & $L$ & $\\mathbb{E}K(x,x)$ (MC) & exact & "
                "$\\mathbb{E}K^2/(\\mathbb{E}K)^2$ (MC) & $K(x,x_0)/K(x,x)$ \\\\\n\\hline\n"
                "\\endhead\n");
    for (slong is = 0; is < cfg->nsigma; is++)
        for (slong id = 0; id < cfg->ndepths; id++)
        {
            ntk_finite_est m = ntk_finite_mean(res, is, id, 0, NTK_FINITE_S_DIAG);
            ntk_finite_est d = ntk_finite_dispersion(res, is, id, 0);
            ntk_finite_est q = ntk_finite_mean(res, is, id, cfg->nr - 1, NTK_FINITE_S_RATIO);
            fprintf(fp, "%g & %ld & $%.6g \\pm %.2g$ & ", cfg->sigma_w2[is], (long) cfg->depths[id],
                    m.est, m.err);
            if (have_exact && ntk_finite_mean_exact(ex, cfg, is, cfg->depths[id], 1.0, 128) == NTK_SUCCESS)
            {
                char *t = ntk_ball_text(ex, 10);
                fprintf(fp, "$%s$", t);
                flint_free(t);
            }
            else
                fprintf(fp, "--");
            fprintf(fp, " & $%.5g \\pm %.2g$ & $%.4g \\pm %.2g$ \\\\\n", d.est, d.err, q.est, q.err);
        }
    fprintf(fp, "\\hline\n\\end{longtable}\n");
    arb_clear(ex);
}

void
ntk_report_finite_pgfplots(FILE *fp, const ntk_finite_config_t cfg, const ntk_finite_result_t res,
                           arb_srcptr exact_disp)
{
    slong M = ntk_finite_config_equal_width(cfg);
    double scale = M > 0 ? 1.0 / M : 1.0, smin = HUGE_VAL, smax = -HUGE_VAL;
    for (slong is = 0; is < cfg->nsigma; is++)
    {
        if (cfg->sigma_w2[is] < smin) smin = cfg->sigma_w2[is];
        if (cfg->sigma_w2[is] > smax) smax = cfg->sigma_w2[is];
    }
    if (!(smax > smin))
        smax = smin + 1;
    fprintf(fp, "%% ntkdepth finite: dispersion E[K^2]/E[K]^2 of K(x,x) vs %s\n"
                "%% needs \\usepackage{pgfplots,amssymb}\n"
                "%% marks: Monte Carlo estimates, error bars = jackknife standard errors (%ld "
                "samples, seed %lu)%s\n",
            M > 0 ? "lambda = L/M" : "the depth L", (long) cfg->samples,
            (unsigned long) cfg->seed,
            exact_disp ? "; lines: the certified exact dispersion (proofs/finite-width.md "
                         "section 7)" : "");
    /* colours: sigma_w^2 on a blue (ordered) - grey - red (chaotic) scale */
    fprintf(fp, "\\begin{tikzpicture}\n\\begin{axis}[xlabel={%s}, "
                "ylabel={$\\mathbb{E}[K^2]/\\mathbb{E}[K]^2$}, ymode=log, width=12cm, height=8cm, "
                "colormap={sigma}{rgb255=(0,60,200) rgb255=(110,110,110) rgb255=(210,0,0)}, "
                "colorbar, colorbar style={ylabel={$\\sigma_w^2$}}, point meta min=%g, "
                "point meta max=%g, every axis plot/.append style={mark size=0.7pt, "
                "line width=0.5pt}]\n",
            M > 0 ? "$\\lambda = L/M$" : "depth $L$", smin, smax);
    for (slong is = 0; is < cfg->nsigma; is++)
    {
        double f = 1000.0 * (cfg->sigma_w2[is] - smin) / (smax - smin);
        fprintf(fp, "%% sigma_w2 = %g\n\\addplot[only marks, mark=*, color of colormap={%.0f of "
                    "sigma}, error bars/.cd, y dir=both, y explicit] coordinates {\n",
                cfg->sigma_w2[is], f);
        for (slong id = 0; id < cfg->ndepths; id++)
        {
            ntk_finite_est d = ntk_finite_dispersion(res, is, id, 0);
            fprintf(fp, "  (%.6g, %.8g) +- (0, %.3g)\n", cfg->depths[id] * scale, d.est,
                    isnan(d.err) ? 0.0 : d.err);
        }
        fprintf(fp, "};\n");
        if (exact_disp)
        {
            fprintf(fp, "\\addplot[no marks, color of colormap={%.0f of sigma}] coordinates {\n", f);
            for (slong id = 0; id < cfg->ndepths; id++)
            {
                const arb_struct *x = exact_disp + is * cfg->ndepths + id;
                if (arb_is_finite(x))
                    fprintf(fp, "  (%.6g, %.10g)\n", cfg->depths[id] * scale,
                            arf_get_d(arb_midref(x), ARF_RND_NEAR));
            }
            fprintf(fp, "};\n");
        }
    }
    fprintf(fp, "\\end{axis}\n\\end{tikzpicture}\n");
}
