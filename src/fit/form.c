/* Estimates of the claims' asymptotic forms (proofs/verdicts.md, rules E1
 * and E2): the log-power form, in integer or half powers of 1/L, tried from
 * the highest order down (ntk_fit_form_powers, ntk_fit_form), the
 * coefficients of the form behind such an estimate (ntk_fit_form_coefs, for
 * figures) and the tail estimate of a limit (ntk_fit_tail_estimate). */
#include "ntkdepth/fit.h"

ntk_status
ntk_fit_form_powers(ntk_estimate_t est, const slong *depths, arb_srcptr y, slong n,
                    const ntk_fit_term *lead, slong nlead, slong target, slong extra_j,
                    ntk_fit_powers powers, ntk_estimate_kind kind, slong prec)
{
    ntk_status st = NTK_DOMAIN;
    ntk_fit_term terms[NTK_FIT_FORM_MAXTERMS];
    /* the same largest power L^-K in both: 2K half powers */
    slong maxorder = (powers == NTK_FIT_POWERS_HALF ? 2 : 1) * NTK_FIT_FORM_MAXORDER;
    if (nlead < 0 || extra_j < 0
        || ntk_fit_basis_powers(terms, NTK_FIT_FORM_MAXTERMS, lead, nlead, maxorder,
                                extra_j, powers) < 0)
        return ntk_error_set(NTK_DOMAIN, "fit form: %ld lead terms and %ld extra log powers "
                             "exceed %d terms", (long) nlead, (long) extra_j,
                             NTK_FIT_FORM_MAXTERMS);
    for (slong order = maxorder; order >= 1; order--)
    {
        slong m = ntk_fit_basis_powers(terms, NTK_FIT_FORM_MAXTERMS, lead, nlead, order,
                                       extra_j, powers);
        st = ntk_fit_estimate(est, depths, y, n, terms, m, target, 10.0, kind, prec);
        if (st != NTK_DOMAIN)
            return st;
    }
    return st;
}

ntk_status
ntk_fit_form(ntk_estimate_t est, const slong *depths, arb_srcptr y, slong n,
             const ntk_fit_term *lead, slong nlead, slong target, slong extra_j,
             ntk_estimate_kind kind, slong prec)
{
    return ntk_fit_form_powers(est, depths, y, n, lead, nlead, target, extra_j,
                               NTK_FIT_POWERS_INTEGER, kind, prec);
}

ntk_status
ntk_fit_form_coefs(ntk_fit_term *terms, arb_ptr coef, slong *m, const ntk_estimate_t est,
                   const slong *depths, arb_srcptr y, slong n, const ntk_fit_term *lead,
                   slong nlead, slong extra_j, ntk_fit_powers powers, slong prec)
{
    slong np = 0;
    slong maxorder = (powers == NTK_FIT_POWERS_HALF ? 2 : 1) * NTK_FIT_FORM_MAXORDER;
    *m = 0;
    if (nlead < 0 || extra_j < 0
        || ntk_fit_basis_powers(terms, NTK_FIT_FORM_MAXTERMS, lead, nlead, maxorder,
                                extra_j, powers) < 0)
        return ntk_error_set(NTK_DOMAIN, "fit form: %ld lead terms and %ld extra log powers "
                             "exceed %d terms", (long) nlead, (long) extra_j,
                             NTK_FIT_FORM_MAXTERMS);
    if (est->kind != NTK_EST_FIT && est->kind != NTK_EST_EXTRAPOLATION)
        return ntk_error_set(NTK_DOMAIN, "fit form: a %s estimate has no form",
                             ntk_estimate_kind_str(est->kind));
    for (slong i = 0; i < n; i++)
        np += depths[i] >= 2 && depths[i] >= est->lo && depths[i] <= est->hi;
    /* ntk_fit_form_powers' order: the highest one with enough points (m + 1
       in the window for a fit, exactly m for an extrapolation) */
    for (slong order = maxorder; order >= 1; order--)
    {
        slong k = ntk_fit_basis_powers(terms, NTK_FIT_FORM_MAXTERMS, lead, nlead, order,
                                       extra_j, powers);
        if (est->kind == NTK_EST_FIT ? np >= k + 1 : np == k)
        {
            ntk_status st = ntk_fit_lsq(coef, depths, y, n, est->lo, est->hi, terms, k, prec);
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
