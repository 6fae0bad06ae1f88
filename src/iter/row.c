/* Checkpoint rows, problem, options, info, the digit check, the log of depths. */
#include <string.h>
#include "ntkdepth/iter.h"

void
ntk_iter_row_init(ntk_iter_row_t row)
{
    row->depth = 0;
    arb_init(row->eps); arb_init(row->c); arb_init(row->sigma11);
    arb_init(row->sigma12); arb_init(row->theta11); arb_init(row->theta12);
}

void
ntk_iter_row_clear(ntk_iter_row_t row)
{
    arb_clear(row->eps); arb_clear(row->c); arb_clear(row->sigma11);
    arb_clear(row->sigma12); arb_clear(row->theta11); arb_clear(row->theta12);
}

void
ntk_iter_row_set(ntk_iter_row_t dst, const ntk_iter_row_t src)
{
    dst->depth = src->depth;
    arb_set(dst->eps, src->eps); arb_set(dst->c, src->c);
    arb_set(dst->sigma11, src->sigma11); arb_set(dst->sigma12, src->sigma12);
    arb_set(dst->theta11, src->theta11); arb_set(dst->theta12, src->theta12);
}

ntk_iter_row_struct *
ntk_iter_rows_init(slong n)
{
    ntk_iter_row_struct *rows = flint_malloc(sizeof(ntk_iter_row_struct) * (n > 0 ? n : 1));
    for (slong i = 0; i < n; i++)
        ntk_iter_row_init(rows + i);
    return rows;
}

void
ntk_iter_rows_clear(ntk_iter_row_struct *rows, slong n)
{
    if (rows == NULL)
        return;
    for (slong i = 0; i < n; i++)
        ntk_iter_row_clear(rows + i);
    flint_free(rows);
}

void
ntk_iter_problem_init(ntk_iter_problem_t pb)
{
    ntk_act_init(pb->act);
    pb->method = NTK_METHOD_AUTO;
    fmpq_init(pb->sigma_b2);
    pb->eoc = 0;
    fmpq_init(pb->sigma_w2);
    fmpq_one(pb->sigma_w2);
    pb->q1_star = 0;
    fmpq_init(pb->q1);
    fmpq_one(pb->q1);
    fmpq_init(pb->c0);
}

void
ntk_iter_problem_clear(ntk_iter_problem_t pb)
{
    ntk_act_clear(pb->act);
    fmpq_clear(pb->sigma_b2);
    fmpq_clear(pb->sigma_w2);
    fmpq_clear(pb->q1);
    fmpq_clear(pb->c0);
}

ntk_status
ntk_iter_problem_check(const ntk_iter_problem_t pb)
{
    ntk_status st = NTK_SUCCESS;
    char *s = NULL;

    if (fmpq_sgn(pb->sigma_b2) < 0)
    {
        s = ntk_fmpq_get_str_dec(pb->sigma_b2, 17);
        st = ntk_error_set(NTK_DOMAIN, "sigma_b2 = %s: must be >= 0", s);
    }
    else if (!pb->eoc && fmpq_sgn(pb->sigma_w2) <= 0)
    {
        s = ntk_fmpq_get_str_dec(pb->sigma_w2, 17);
        st = ntk_error_set(NTK_DOMAIN, "sigma_w2 = %s: must be > 0", s);
    }
    else if (!pb->q1_star && fmpq_sgn(pb->q1) <= 0)
    {
        s = ntk_fmpq_get_str_dec(pb->q1, 17);
        st = ntk_error_set(NTK_DOMAIN, "q1 = %s: must be > 0", s);
    }
    else if (fmpq_cmp_si(pb->c0, 1) > 0 || fmpq_cmp_si(pb->c0, -1) < 0)
    {
        s = ntk_fmpq_get_str_dec(pb->c0, 17);
        st = ntk_error_set(NTK_DOMAIN, "c0 = %s: must be in [-1, 1]", s);
    }
    else if (pb->act->kind == NTK_ACT_RELULIKE && fmpq_is_zero(pb->act->a)
             && fmpq_is_zero(pb->act->b))
        st = ntk_error_set(NTK_DOMAIN, "act %s: the zero activation has no correlation",
                           pb->act->name);
    if (s != NULL)
        flint_free(s);
    return st;
}

void
ntk_iter_opts_init(ntk_iter_opts_t opts)
{
    opts->prec_cap = 4096;
    opts->prec_start = 0;
    opts->path = NTK_ITER_PATH_AUTO;
    opts->progress = NULL;
    opts->progress_data = NULL;
}

void
ntk_iter_info_init(ntk_iter_info_t info)
{
    info->prec = 0;
    info->attempts = 0;
    info->fail_depth = 0;
    info->layers_fast = 0;
    info->layers_general = 0;
    arb_init(info->q_star);
    arb_init(info->sigma_w2);
    arb_indeterminate(info->q_star);
}

void
ntk_iter_info_clear(ntk_iter_info_t info)
{
    arb_clear(info->q_star);
    arb_clear(info->sigma_w2);
}

/* rad(x) <= 10^-digits * s, s = |x| (relative) or a given scale */
static int
rad_ok(const arb_t x, const arb_t scale, slong digits)
{
    arb_t t;
    mag_t m, r;
    int ok;

    if (!arb_is_finite(x))
        return 0;
    if (mag_is_zero(arb_radref(x)))
        return 1;
    arb_init(t);
    mag_init(m);
    mag_init(r);
    /* lower bound of |scale| (or |x|) times 10^-digits */
    arb_set(t, scale != NULL ? scale : x);
    arb_abs(t, t);
    arb_get_mag_lower(m, t);
    arb_set_ui(t, 10);
    arb_pow_ui(t, t, digits, 64);
    arb_get_mag(r, t);                   /* r >= 10^digits */
    mag_mul(r, r, arb_radref(x));        /* r >= rad * 10^digits */
    ok = mag_cmp(r, m) <= 0;
    arb_clear(t);
    mag_clear(m);
    mag_clear(r);
    return ok;
}

int
ntk_iter_row_accurate(const ntk_iter_row_t row, slong digits)
{
    arb_t one;
    int ok;

    if (!(rad_ok(row->eps, NULL, digits) && rad_ok(row->sigma11, NULL, digits)
          && rad_ok(row->theta11, NULL, digits)))
        return 0;
    arb_init(one);
    arb_one(one);
    ok = (rad_ok(row->c, NULL, digits) || rad_ok(row->c, one, digits))
         && (rad_ok(row->sigma12, NULL, digits) || rad_ok(row->sigma12, row->sigma11, digits))
         && (rad_ok(row->theta12, NULL, digits) || rad_ok(row->theta12, row->theta11, digits));
    arb_clear(one);
    return ok;
}

void
ntk_iter_depths_log(slong **depths, slong *n, slong depth)
{
    slong cap = 8, k = 0;
    slong *d = flint_malloc(sizeof(slong) * cap);
    static const int mant[3] = {1, 2, 5};

    for (slong p = 1; ; p *= 10)
    {
        int stop = 0;
        for (int i = 0; i < 3; i++)
        {
            slong v = mant[i] * p;
            if (v > depth || p > WORD_MAX / 10)
            {
                stop = 1;
                break;
            }
            if (k == cap)
            {
                cap *= 2;
                d = flint_realloc(d, sizeof(slong) * cap);
            }
            d[k++] = v;
        }
        if (stop)
            break;
    }
    if (k == 0 || d[k - 1] != depth)
    {
        if (k == cap)
            d = flint_realloc(d, sizeof(slong) * (cap + 1));
        d[k++] = depth;
    }
    *depths = d;
    *n = k;
}
