/* Terms L^(-k) (ln L)^j and L^(-k/2) (ln L)^j of asymptotic forms, and the
 * standard basis. */
#include "ntkdepth/fit.h"

const char *
ntk_estimate_kind_str(ntk_estimate_kind kind)
{
    switch (kind)
    {
        case NTK_EST_FIT: return "fit";
        case NTK_EST_EXTRAPOLATION: return "extrapolation";
        case NTK_EST_MONTE_CARLO: return "monte_carlo";
    }
    return "estimate";
}

const char *
ntk_fit_powers_str(ntk_fit_powers powers)
{
    return powers == NTK_FIT_POWERS_HALF ? "half" : "integer";
}

void
ntk_estimate_init(ntk_estimate_t e)
{
    arb_init(e->value);
    arb_init(e->error);
    e->kind = NTK_EST_FIT;
    e->lo = e->hi = 0;
}

void
ntk_estimate_clear(ntk_estimate_t e)
{
    arb_clear(e->value);
    arb_clear(e->error);
}

void
ntk_estimate_set(ntk_estimate_t dst, const ntk_estimate_t src)
{
    arb_set(dst->value, src->value);
    arb_set(dst->error, src->error);
    dst->kind = src->kind;
    dst->lo = src->lo;
    dst->hi = src->hi;
}

slong
ntk_fit_basis_powers(ntk_fit_term *terms, slong cap, const ntk_fit_term *lead,
                     slong nlead, slong order, slong extra_j, ntk_fit_powers powers)
{
    slong n = 0;
    int half = powers == NTK_FIT_POWERS_HALF;
    for (slong i = 0; i < nlead; i++)
    {
        if (n >= cap)
            return -1;
        terms[n++] = lead[i];
    }
    for (slong k = 1; k <= order; k++)
        for (slong j = 0; j <= (half ? k / 2 : k) + extra_j; j++)
        {
            if (n >= cap)
                return -1;
            terms[n].k = k;
            terms[n].j = j;
            terms[n].half = half;
            n++;
        }
    return n;
}

slong
ntk_fit_basis(ntk_fit_term *terms, slong cap, const ntk_fit_term *lead,
              slong nlead, slong order)
{
    return ntk_fit_basis_powers(terms, cap, lead, nlead, order, 0, NTK_FIT_POWERS_INTEGER);
}

void
ntk_fit_term_eval(arb_t res, const ntk_fit_term *t, slong L, slong prec)
{
    arb_t lg, p;
    arb_init(lg);
    arb_init(p);
    arb_set_si(lg, L);
    arb_log(lg, lg, prec);
    /* (ln L)^j */
    if (t->j >= 0)
        arb_pow_ui(res, lg, (ulong) t->j, prec);
    else
    {
        arb_pow_ui(res, lg, (ulong) (-t->j), prec);
        arb_inv(res, res, prec);
    }
    /* L^(-k), or L^(-k/2) = sqrt(L^(-k)) */
    arb_set_si(p, L);
    arb_pow_ui(p, p, (ulong) (t->k >= 0 ? t->k : -t->k), prec);
    if (t->half)
        arb_sqrt(p, p, prec);
    if (t->k >= 0)
        arb_div(res, res, p, prec);
    else
        arb_mul(res, res, p, prec);
    arb_clear(lg);
    arb_clear(p);
}

ntk_status
ntk_fit_local_exponents(arb_ptr res, const slong *depths, arb_srcptr y,
                        slong n, slong prec)
{
    ntk_status st = NTK_SUCCESS;
    arb_t a, b, la, lb;
    arb_init(a); arb_init(b); arb_init(la); arb_init(lb);
    for (slong i = 0; i + 1 < n; i++)
    {
        if (depths[i] < 1 || depths[i + 1] <= depths[i])
        {
            st = ntk_error_set(NTK_DOMAIN, "depths %ld, %ld: must be increasing and >= 1",
                               (long) depths[i], (long) depths[i + 1]);
            goto cleanup;
        }
        if (arb_contains_zero(y + i) || arb_contains_zero(y + i + 1))
        {
            st = ntk_error_set(NTK_UNABLE, "local exponent at depth %ld: value not separated from 0",
                               (long) depths[i]);
            goto cleanup;
        }
        arb_abs(a, y + i);
        arb_abs(b, y + i + 1);
        arb_log(a, a, prec);
        arb_log(b, b, prec);
        arb_sub(b, b, a, prec);
        arb_set_si(la, depths[i]);
        arb_set_si(lb, depths[i + 1]);
        arb_div(lb, lb, la, prec);
        arb_log(lb, lb, prec);
        arb_div(res + i, b, lb, prec);
        arb_neg(res + i, res + i);
    }
cleanup:
    arb_clear(a); arb_clear(b); arb_clear(la); arb_clear(lb);
    return st;
}
