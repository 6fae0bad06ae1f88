/*
 * expect2_eps.c -- E[phi(u)^2] - E[phi(u) phi(v)], u, v of variance q and
 * correlation c = 1 - eps.
 *
 * Method for eps <= 2^-14 (smooth) or eps <= 1 (piecewise): the direct
 * (a, b)-coordinate form of expect2_eps_ab.c.  Otherwise: both
 * expectations are computed with the correlation given
 * directly by eps (c = 1 - eps, s = sqrt(eps (2 - eps)), no 1 - c
 * cancellation in the coordinates) at working precision
 * prec + log2(1/eps) + guard bits, so that the ball difference has about
 * prec correct bits: the difference is of order eps * E[phi'^2] q
 * (first-order Price), so the cancellation costs log2(1/eps) bits, which
 * the extra precision (and the quadrature's error target, scaled with the
 * working precision) pays for.  Ball arithmetic makes the result an
 * enclosure whatever the precision; the loop only targets its width.
 */
#include <math.h>
#include "gauss_internal.h"

static ntk_status
eps_once(arb_t res, slong *ra_terms, const ntk_act_t act, const arb_t q,
         const arb_t eps, const arb_t e2_given, slong wp)
{
    arb_t sq, c, s, t, e2;
    slong ord[2] = {0, 0};
    ntk_status st;

    arb_init(sq); arb_init(c); arb_init(s); arb_init(t); arb_init(e2);
    arb_sqrt(sq, q, wp);
    arb_sub_ui(c, eps, 1, wp);
    arb_neg(c, c);
    arb_sub_ui(s, eps, 2, wp);
    arb_neg(s, s);
    arb_mul(s, s, eps, wp);
    if (arb_contains_negative(s))
    {
        arb_t z;
        arb_init(z);
        _gauss_interval_si(z, 0, 1);
        arb_intersection(s, s, z, wp);
        arb_clear(z);
    }
    arb_sqrt(s, s, wp);

    if (e2_given != NULL)
    {
        arb_set(e2, e2_given);
        st = NTK_SUCCESS;
    }
    else
        st = ntk_gauss_expect1(e2, act, ord, 2, 0, q, wp);
    if (st == NTK_SUCCESS)
    {
        if (ntk_act_is_piecewise(act))
            st = _gauss_expect2_nested(t, act, 0, sq, sq, c, s, wp);
        else
            st = _gauss_expect2_trap(t, act, 0, sq, sq, c, s, wp);
    }
    if (st == NTK_SUCCESS)
    {
        arb_sub(res, e2, t, wp);
        *ra_terms = FLINT_MIN(arb_rel_accuracy_bits(e2),
                              arb_rel_accuracy_bits(t));
    }
    arb_clear(sq); arb_clear(c); arb_clear(s); arb_clear(t); arb_clear(e2);
    return st;
}

ntk_status
ntk_gauss_expect2_eps(arb_t res, const ntk_act_t act, const arb_t q,
                      const arb_t eps, slong prec)
{
    return ntk_gauss_expect2_eps_e2(res, act, q, eps, NULL, prec);
}

ntk_status
ntk_gauss_expect2_eps_e2(arb_t res, const ntk_act_t act, const arb_t q,
                         const arb_t eps, const arb_t e2, slong prec)
{
    arb_t two;
    ntk_status st = NTK_SUCCESS;
    slong guard, pass;

    if (!arb_is_positive(q))
        return ntk_error_set(NTK_DOMAIN, "Gaussian kernel: q must be > 0");
    arb_init(two);
    arb_set_ui(two, 2);
    if (!arb_is_finite(eps) || arb_is_negative(eps) || arb_gt(eps, two))
    {
        arb_clear(two);
        return ntk_error_set(NTK_DOMAIN, "Gaussian kernel: eps must be in "
                             "[0, 2]");
    }
    arb_clear(two);
    if (arb_is_zero(eps))
    {
        arb_zero(res);
        return NTK_SUCCESS;
    }
    if (arb_contains_zero(eps) || arb_contains_negative(eps))
    {
        /* a ball reaching 0: the difference is bounded on it, but the
           relative accuracy cannot be targeted; work at the ball's size */
        guard = 20;
    }
    else
    {
        arf_t lb;
        arf_init(lb);
        arb_get_lbound_arf(lb, eps, 53);
        guard = 16 - arf_abs_bound_lt_2exp_si(lb);
        if (guard < 16)
            guard = 16;
        arf_clear(lb);
    }
    /* small eps (any eps <= 1 for piecewise activations): the direct
       (a, b) form, no cancellation between expectations */
    {
        arb_t lim;
        int use_ab;
        arb_init(lim);
        arb_one(lim);
        if (!ntk_act_is_piecewise(act))
            arb_mul_2exp_si(lim, lim, -14);  /* the lattice rule is faster above */
        use_ab = arb_is_positive(eps) && arb_le(eps, lim);
        arb_clear(lim);
        if (use_ab)
            return _gauss_expect2_eps_ab(res, act, 0, q, eps, prec);
    }
    for (pass = 0; pass < 3; pass++)
    {
        slong ra, ra_terms = 0;
        st = eps_once(res, &ra_terms, act, q, eps, e2, prec + guard);
        if (st != NTK_SUCCESS)
            break;
        ra = arb_rel_accuracy_bits(res);
        if (ra >= prec - 2 || arb_contains_zero(res))
            break;
        /* more working precision narrows the two terms only down to what
           the input balls (q, e2) allow: if one term did not reach (about)
           the working precision, its radius comes from the inputs, it
           bounds the radius of the difference from below, and another
           pass would gain nothing */
        if (ra_terms < prec + guard - 8)
            break;
        guard += (prec - ra) + 10;
    }
    if (st == NTK_SUCCESS)
        arb_set_round(res, res, prec);
    return st;
}
