/* Estimates of the claims' asymptotic forms (proofs/verdicts.md, rules E1
 * and E2): the log-power form tried from order 4 down (ntk_fit_form), the
 * coefficients of the form behind such an estimate (ntk_fit_form_coefs,
 * for figures) and the tail estimate of a limit (ntk_fit_tail_estimate). */
#include "ntkdepth/fit.h"

static ntk_status
check_form(slong nlead, slong extra_j)
{
    if (nlead < 0 || nlead + NTK_FIT_FORM_MAXORDER * (NTK_FIT_FORM_MAXORDER + 3) / 2
                             + NTK_FIT_FORM_MAXORDER * extra_j > NTK_FIT_FORM_MAXTERMS
        || extra_j < 0)
        return ntk_error_set(NTK_DOMAIN, "fit form: %ld lead terms and %ld extra log powers "
                             "exceed %d terms", (long) nlead, (long) extra_j,
                             NTK_FIT_FORM_MAXTERMS);
    return NTK_SUCCESS;
}

/* the form of order K: lead, then L^-k (ln L)^j for k = 1..K, j = 0..k + extra_j;
   returns the number of terms */
static slong
form_terms(ntk_fit_term *terms, const ntk_fit_term *lead, slong nlead, slong order,
           slong extra_j)
{
    slong m = 0;
    for (slong i = 0; i < nlead; i++)
        terms[m++] = lead[i];
    for (slong k = 1; k <= order; k++)
        for (slong j = 0; j <= k + extra_j; j++)
        {
            terms[m].k = k;
            terms[m].j = j;
            m++;
        }
    return m;
}

ntk_status
ntk_fit_form(ntk_estimate_t est, const slong *depths, arb_srcptr y, slong n,
             const ntk_fit_term *lead, slong nlead, slong target, slong extra_j,
             ntk_estimate_kind kind, slong prec)
{
    ntk_status st = check_form(nlead, extra_j);
    ntk_fit_term terms[NTK_FIT_FORM_MAXTERMS];
    if (st != NTK_SUCCESS)
        return st;
    st = NTK_DOMAIN;
    for (slong order = NTK_FIT_FORM_MAXORDER; order >= 1; order--)
    {
        slong m = form_terms(terms, lead, nlead, order, extra_j);
        st = ntk_fit_estimate(est, depths, y, n, terms, m, target, 10.0, kind, prec);
        if (st != NTK_DOMAIN)
            return st;
    }
    return st;
}

ntk_status
ntk_fit_form_coefs(ntk_fit_term *terms, arb_ptr coef, slong *m, const ntk_estimate_t est,
                   const slong *depths, arb_srcptr y, slong n, const ntk_fit_term *lead,
                   slong nlead, slong extra_j, slong prec)
{
    ntk_status st = check_form(nlead, extra_j);
    slong np = 0;
    *m = 0;
    if (st != NTK_SUCCESS)
        return st;
    if (est->kind != NTK_EST_FIT && est->kind != NTK_EST_EXTRAPOLATION)
        return ntk_error_set(NTK_DOMAIN, "fit form: a %s estimate has no form",
                             ntk_estimate_kind_str(est->kind));
    for (slong i = 0; i < n; i++)
        np += depths[i] >= 2 && depths[i] >= est->lo && depths[i] <= est->hi;
    /* ntk_fit_form's order: the highest one with enough points (m + 1 in
       the window for a fit, exactly m for an extrapolation) */
    for (slong order = NTK_FIT_FORM_MAXORDER; order >= 1; order--)
    {
        slong k = form_terms(terms, lead, nlead, order, extra_j);
        if (est->kind == NTK_EST_FIT ? np >= k + 1 : np == k)
        {
            st = ntk_fit_lsq(coef, depths, y, n, est->lo, est->hi, terms, k, prec);
            if (st == NTK_SUCCESS)
                *m = k;
            return st;
        }
    }
    return ntk_error_set(NTK_DOMAIN, "fit form: %ld depths in [%ld, %ld] match no order of the "
                         "form", (long) np, (long) est->lo, (long) est->hi);
}

void
ntk_fit_tail_estimate(ntk_estimate_t e, const slong *depths, arb_srcptr z, slong n,
                      slong prec)
{
    arb_t d, r;
    arf_t u;
    arb_init(d);
    arb_init(r);
    arf_init(u);
    arb_set(e->value, z + n - 1);
    arb_sub(d, z + n - 1, z + n - 2, prec);
    arb_abs(d, d);
    arb_mul_ui(d, d, 20, prec);
    arb_get_ubound_arf(u, d, prec);
    arb_set_arf(e->error, u);
    arf_set_mag(arb_midref(r), arb_radref(z + n - 1));
    arb_add(e->error, e->error, r, prec);
    arb_get_ubound_arf(u, e->error, prec);
    arb_set_arf(e->error, u);
    e->kind = NTK_EST_EXTRAPOLATION;
    e->lo = depths[n - 2];
    e->hi = depths[n - 1];
    arf_clear(u);
    arb_clear(r);
    arb_clear(d);
}
