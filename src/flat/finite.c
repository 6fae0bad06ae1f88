/*
 * Flat ABI: Monte Carlo of finite-width networks (ntkdepth/finite.h), the
 * JSON rows of `ntkdepth finite` (src/cli/cmd_finite.c).
 */
#include <math.h>
#include <string.h>
#include "flat_impl.h"

#define FLAT_FINITE_PREC 128

static void
write_json(FILE *fp, const ntk_finite_config_t cfg, const ntk_finite_result_t res,
           slong M)
{
    int relu0 = ntk_finite_act_is_relu(cfg->act) && cfg->sigma_b2 == 0;
    int have_exact = ntk_finite_act_is_relu(cfg->act)
                     && (cfg->init == NTK_FINITE_INIT_HE || cfg->sigma_b2 == 0);
    int have_inf = relu0 && cfg->init == NTK_FINITE_INIT_DEFAULT;
    arb_t ex;

    arb_init(ex);
    fputs("{\"params\": {\"act\": ", fp);
    ntk_json_string(fp, cfg->act->name);
    fprintf(fp, ", \"n0\": %ld, \"width\": %ld, \"sigma_b2\": %.17g, \"param\": \"%s\", "
                "\"init\": \"%s\", \"samples\": %ld, \"seed\": %lu, "
                "\"rng\": \"philox4x64-10 key (seed, sample)\"},\n \"rows\": [",
            (long) cfg->n0, (long) M, cfg->sigma_b2,
            cfg->param == NTK_FINITE_PARAM_NTK ? "ntk" : "standard",
            cfg->init == NTK_FINITE_INIT_HE ? "he" : "default", (long) cfg->samples,
            (unsigned long) cfg->seed);
    for (slong is = 0; is < cfg->nsigma; is++)
        for (slong id = 0; id < cfg->ndepths; id++)
        {
            slong L = cfg->depths[id];
            fprintf(fp, "%s\n  {\"sigma_w2\": %.17g, \"depth\": %ld, \"lambda\": %.17g, "
                        "\"mean_diag\": ", (is || id) ? "," : "", cfg->sigma_w2[is],
                    (long) L, (double) L / (double) M);
            ntk_report_mc_json(fp, ntk_finite_mean(res, is, id, 0, NTK_FINITE_S_DIAG));
            fputs(", \"dispersion\": ", fp);
            ntk_report_mc_json(fp, ntk_finite_dispersion(res, is, id, 0));
            fputs(", \"exact_mean_diag\": ", fp);
            if (have_exact && ntk_finite_mean_exact(ex, cfg, is, L, 1.0,
                                                    FLAT_FINITE_PREC) == NTK_SUCCESS)
                ntk_report_ball_json(fp, ex);
            else
                fputs("null", fp);
            fputs(", \"inputs\": [", fp);
            for (slong ir = 0; ir < cfg->nr; ir++)
            {
                fprintf(fp, "%s{\"r\": %.17g, \"mean_off\": ", ir ? ", " : "", cfg->r[ir]);
                ntk_report_mc_json(fp, ntk_finite_mean(res, is, id, ir, NTK_FINITE_S_OFF));
                fputs(", \"ratio\": ", fp);
                ntk_report_mc_json(fp, ntk_finite_mean(res, is, id, ir, NTK_FINITE_S_RATIO));
                fputs(", \"dispersion_off\": ", fp);
                ntk_report_mc_json(fp, ntk_finite_dispersion(res, is, id, ir));
                fputs(", \"ratio_infinite_width\": ", fp);
                if (have_inf && ntk_finite_ratio_infinite(ex, L, cfg->r[ir],
                                                          FLAT_FINITE_PREC) == NTK_SUCCESS)
                    ntk_report_ball_json(fp, ex);
                else
                    fputs("null", fp);
                fputc('}', fp);
            }
            fputs("]}", fp);
        }
    fputs("\n ],\n \"slopes\": [", fp);
    for (slong is = 0; is < cfg->nsigma && cfg->ndepths >= 2; is++)
    {
        fprintf(fp, "%s{\"sigma_w2\": %.17g, \"slope_log_dispersion_vs_lambda\": ",
                is ? ", " : "", cfg->sigma_w2[is]);
        ntk_report_mc_json(fp, ntk_finite_dispersion_slope(res, cfg, is, 1.0 / (double) M, 1));
        fputc('}', fp);
    }
    fputs("]}\n", fp);
    arb_clear(ex);
}

ntk_status
ntk_flat_finite(char **json, const char *act, slong n0, slong width,
                const slong *depths, slong nd, const double *sigma_w2, slong ns,
                double sigma_b2, const char *param, const char *init,
                const double *r, slong nr, slong samples, ulong seed, int threads)
{
    ntk_finite_config_t cfg;
    ntk_finite_result_t res;
    int have_res = 0;
    flat_text t;
    ntk_status st = NTK_SUCCESS;

    *json = NULL;
    t.fp = NULL;
    t.buf = NULL;
    ntk_finite_config_init(cfg);
    if (act != NULL)
        st = ntk_finite_act_set_str(cfg->act, act);
    if (st == NTK_SUCCESS && init != NULL)
    {
        if (strcmp(init, "he") == 0)
        {
            double two = 2.0;
            cfg->init = NTK_FINITE_INIT_HE;
            cfg->param = NTK_FINITE_PARAM_NTK;
            st = ntk_finite_config_set_sigma_w2(cfg, &two, 1);
        }
        else if (strcmp(init, "default") != 0)
            st = ntk_error_set(NTK_DOMAIN, "init = '%s': use default or he", init);
    }
    if (st == NTK_SUCCESS && param != NULL)
    {
        if (strcmp(param, "standard") == 0) cfg->param = NTK_FINITE_PARAM_STANDARD;
        else if (strcmp(param, "ntk") == 0) cfg->param = NTK_FINITE_PARAM_NTK;
        else st = ntk_error_set(NTK_DOMAIN, "param = '%s': use standard or ntk", param);
        if (st == NTK_SUCCESS && cfg->init == NTK_FINITE_INIT_HE
            && cfg->param != NTK_FINITE_PARAM_NTK)
            st = ntk_error_set(NTK_DOMAIN, "init 'he' uses the NTK parameterization (param 'ntk')");
    }
    if (st == NTK_SUCCESS && n0 < 1)
        st = ntk_error_set(NTK_DOMAIN, "n0 = %ld: must be >= 1", (long) n0);
    if (st == NTK_SUCCESS && width < 1)
        st = ntk_error_set(NTK_DOMAIN, "width = %ld: must be >= 1", (long) width);
    if (st == NTK_SUCCESS && samples < 1)
        st = ntk_error_set(NTK_DOMAIN, "samples = %ld: must be >= 1", (long) samples);
    if (st == NTK_SUCCESS && !(sigma_b2 >= 0 && isfinite(sigma_b2)))
        st = ntk_error_set(NTK_DOMAIN, "sigma_b2 = %g: must be >= 0", sigma_b2);
    if (st == NTK_SUCCESS && cfg->init == NTK_FINITE_INIT_HE && sigma_b2 != 0)
        st = ntk_error_set(NTK_DOMAIN, "init 'he' has zero initial biases: sigma_b2 must be 0");
    if (st == NTK_SUCCESS && cfg->init != NTK_FINITE_INIT_HE && ns > 0)
    {
        for (slong i = 0; st == NTK_SUCCESS && i < ns; i++)
            if (!(sigma_w2[i] > 0 && isfinite(sigma_w2[i])))
                st = ntk_error_set(NTK_DOMAIN, "sigma_w2 = %g: every value must be > 0",
                                   sigma_w2[i]);
        if (st == NTK_SUCCESS)
            st = ntk_finite_config_set_sigma_w2(cfg, sigma_w2, ns);
    }
    if (st == NTK_SUCCESS && nr > 0)
    {
        if (r[0] != 1.0)
            st = ntk_error_set(NTK_DOMAIN, "r[0] = %g: the first correlation must be 1 "
                                           "(the diagonal)", r[0]);
        else
            st = ntk_finite_config_set_r(cfg, r, nr);
    }
    if (st == NTK_SUCCESS && nd > 0)
        st = ntk_finite_config_set_depths(cfg, depths, nd);
    if (st == NTK_SUCCESS)
        st = ntk_finite_config_set_width(cfg, width);
    if (st == NTK_SUCCESS)
    {
        cfg->n0 = n0;
        cfg->sigma_b2 = sigma_b2;
        cfg->samples = samples;
        cfg->seed = (uint64_t) seed;
        st = ntk_finite_config_check(cfg);
    }
    if (st != NTK_SUCCESS)
        goto cleanup;

    ntk_finite_result_init(res, cfg);
    have_res = 1;
    if ((st = ntk_finite_run(res, cfg, threads, NULL, NULL)) != NTK_SUCCESS)
        goto cleanup;
    if ((st = flat_text_open(&t)) != NTK_SUCCESS)
        goto cleanup;
    write_json(t.fp, cfg, res, width);
    st = flat_text_close(&t, json, st);

cleanup:
    if (t.fp != NULL)
        flat_text_close(&t, json, NTK_IO);
    if (have_res)
        ntk_finite_result_clear(res);
    ntk_finite_config_clear(cfg);
    return st;
}
