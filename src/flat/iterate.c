/*
 * Flat ABI: the certified recursion (ntk_iter_run), JSON as
 * the JSON rows of `ntkdepth iterate` (src/cli/cmd_iterate.c).
 */
#include <stdlib.h>
#include <string.h>
#include "flat_impl.h"

static int
cmp_slong(const void *a, const void *b)
{
    slong x = *(const slong *) a, y = *(const slong *) b;
    return (x > y) - (x < y);
}

static void
write_json(FILE *fp, const ntk_iter_row_struct *rows, slong n,
           const ntk_iter_problem_t pb, const ntk_iter_info_t info,
           const char *c0s, slong digits, slong cap)
{
    static const char *names[6] = {"eps", "c", "sigma11", "sigma12", "theta11", "theta12"};
    arb_t t;
    slong prec = info->prec;

    arb_init(t);
    fputs("{\"params\": {\"act\": ", fp);
    ntk_json_string(fp, pb->act->name);
    fprintf(fp, ", \"eoc\": %s, \"sigma_w2\": ", pb->eoc ? "true" : "false");
    ntk_report_ball_json(fp, info->sigma_w2);
    fputs(", \"sigma_b2\": ", fp);
    arb_set_fmpq(t, pb->sigma_b2, prec);
    ntk_report_ball_json(fp, t);
    fputs(", \"q1\": ", fp);
    if (pb->q1_star)
        ntk_report_ball_json(fp, info->q_star);
    else
    {
        arb_set_fmpq(t, pb->q1, prec);
        ntk_report_ball_json(fp, t);
    }
    fprintf(fp, ", \"q1_star\": %s, \"c0\": ", pb->q1_star ? "true" : "false");
    ntk_json_string(fp, c0s);
    fprintf(fp, ", \"depth\": %ld, \"digits\": %ld, \"prec_bits\": %ld, "
                "\"prec_cap_bits\": %ld, \"layers_fast_path\": %ld, "
                "\"layers_general_path\": %ld},\n \"rows\": [",
            (long) (n > 0 ? rows[n - 1].depth : 0), (long) digits, (long) prec,
            (long) cap, (long) info->layers_fast, (long) info->layers_general);
    for (slong i = 0; i < n; i++)
    {
        const arb_struct *v[6] = {rows[i].eps, rows[i].c, rows[i].sigma11,
                                  rows[i].sigma12, rows[i].theta11, rows[i].theta12};
        fprintf(fp, "%s\n  {\"depth\": %ld", i ? "," : "", (long) rows[i].depth);
        for (int j = 0; j < 6; j++)
        {
            fprintf(fp, ", \"%s\": ", names[j]);
            ntk_report_ball_json(fp, v[j]);
        }
        fputc('}', fp);
    }
    fputs("\n]}\n", fp);
    arb_clear(t);
}

ntk_status
ntk_flat_iterate(char **json, const char *act, const char *method,
                 const char *sigma_w, int w_is_std, const char *sigma_b, int b_is_std,
                 const char *q1, const char *c0, const slong *depths_in, slong n,
                 slong digits, slong prec_cap, ntk_iter_progress_fn progress,
                 void *progress_data)
{
    ntk_iter_problem_t pb;
    ntk_iter_info_t info;
    ntk_iter_opts_t opts;
    ntk_iter_row_struct *rows = NULL;
    slong *depths = NULL, m = 0;
    flat_text t;
    ntk_status st = NTK_SUCCESS;

    *json = NULL;
    t.fp = NULL;
    t.buf = NULL;
    ntk_iter_problem_init(pb);
    ntk_iter_info_init(info);
    ntk_iter_opts_init(opts);

    if (act == NULL)
        st = ntk_error_set(NTK_DOMAIN, "act: no activation given");
    if (st == NTK_SUCCESS)
        st = ntk_act_set_str(pb->act, act);
    if (st == NTK_SUCCESS && method != NULL)
    {
        if (strcmp(method, "auto") == 0) pb->method = NTK_METHOD_AUTO;
        else if (strcmp(method, "closed") == 0) pb->method = NTK_METHOD_CLOSED;
        else if (strcmp(method, "quad") == 0) pb->method = NTK_METHOD_QUAD;
        else st = ntk_error_set(NTK_DOMAIN, "method = '%s': use auto, closed or quad", method);
    }
    if (st == NTK_SUCCESS && sigma_b != NULL)
        st = flat_parse_var(pb->sigma_b2, sigma_b, b_is_std, 0,
                            b_is_std ? "b_std" : "sigma_b2");
    if (st == NTK_SUCCESS)
    {
        if (sigma_w == NULL)
            pb->eoc = 1;
        else
            st = flat_parse_var(pb->sigma_w2, sigma_w, w_is_std, 1,
                                w_is_std ? "W_std" : "sigma_w2");
    }
    if (st == NTK_SUCCESS)
    {
        if (q1 == NULL)
            st = ntk_error_set(NTK_DOMAIN, "q1: no value given (a number > 0 or 'star')");
        else if (strcmp(q1, "star") == 0)
            pb->q1_star = 1;
        else
            st = flat_parse_var(pb->q1, q1, 0, 1, "q1");
    }
    if (st == NTK_SUCCESS && c0 != NULL)
    {
        st = flat_parse_q(pb->c0, c0, "c0");
        if (st == NTK_SUCCESS && (fmpq_cmp_si(pb->c0, 1) > 0 || fmpq_cmp_si(pb->c0, -1) < 0))
            st = ntk_error_set(NTK_DOMAIN, "c0 = %s: must be in [-1, 1]", c0);
    }
    if (st == NTK_SUCCESS && digits < 1)
        st = ntk_error_set(NTK_DOMAIN, "digits = %ld: must be >= 1", (long) digits);
    if (st == NTK_SUCCESS && prec_cap < 0)
        st = ntk_error_set(NTK_DOMAIN, "prec_cap = %ld: must be >= 0", (long) prec_cap);
    if (st == NTK_SUCCESS && n < 1)
        st = ntk_error_set(NTK_DOMAIN, "depths: give at least one depth");
    if (st == NTK_SUCCESS)
    {
        depths = malloc(sizeof(slong) * (size_t) n);
        if (depths == NULL)
            st = ntk_error_set(NTK_NOMEM, "depths: out of memory");
    }
    if (st == NTK_SUCCESS)
    {
        memcpy(depths, depths_in, sizeof(slong) * (size_t) n);
        qsort(depths, (size_t) n, sizeof(slong), cmp_slong);
        for (slong i = 0; i < n; i++)
        {
            if (depths[i] < 1)
            {
                st = ntk_error_set(NTK_DOMAIN, "depth %ld: must be >= 1", (long) depths[i]);
                break;
            }
            if (m == 0 || depths[i] != depths[m - 1])
                depths[m++] = depths[i];
        }
    }
    if (st == NTK_SUCCESS)
        st = ntk_iter_problem_check(pb);
    if (st != NTK_SUCCESS)
        goto cleanup;

    if (prec_cap > 0)
        opts->prec_cap = prec_cap;
    opts->progress = progress;
    opts->progress_data = progress_data;
    rows = ntk_iter_rows_init(m);
    if ((st = ntk_iter_run(rows, info, pb, depths, m, digits, opts)) != NTK_SUCCESS)
        goto cleanup;
    if ((st = flat_text_open(&t)) != NTK_SUCCESS)
        goto cleanup;
    write_json(t.fp, rows, m, pb, info, c0 ? c0 : "0", digits, opts->prec_cap);
    st = flat_text_close(&t, json, st);

cleanup:
    if (t.fp != NULL)
        flat_text_close(&t, json, NTK_IO);
    if (rows != NULL)
        ntk_iter_rows_clear(rows, m);
    free(depths);
    ntk_iter_info_clear(info);
    ntk_iter_problem_clear(pb);
    return st;
}
