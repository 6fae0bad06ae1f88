/*
 * expect1.c -- one-dimensional Gaussian expectations
 *   E[ Z^p prod_i phi^(k_i)(sigma_i Z) ]
 * by acb_calc_integrate on the truncated range (split at the kink of a
 * piecewise activation) plus the tail bound of proofs/tails.md, Lemma T2.
 */
#include <math.h>
#include "gauss_internal.h"

typedef struct
{
    const ntk_act_struct *act;
    const slong *orders;
    arb_srcptr sigma;
    slong nfac;
    slong zpow;
    slong maxord;
    int side;           /* -1, +1 for the halves of a piecewise act, 0 */
    int piecewise;
    arb_ptr rdom;       /* analyticity radius per factor (branch, k = 0) */
}
e1_param;

static int
branch_of(const e1_param *p, slong i)
{
    if (!p->piecewise)
        return 0;
    return arb_is_positive(p->sigma + i) ? p->side : -p->side;
}

static int
e1_func(acb_ptr out, const acb_t x, void *param, slong order, slong prec)
{
    e1_param *p = (e1_param *) param;
    acb_t z, t;
    acb_ptr jet;
    slong i;

    acb_init(z); acb_init(t);
    jet = _acb_vec_init(p->maxord + 1);
    _gauss_density_acb(out, x, prec);
    if (p->zpow > 0)
    {
        acb_pow_ui(t, x, (ulong) p->zpow, prec);
        acb_mul(out, out, t, prec);
    }
    for (i = 0; i < p->nfac; i++)
    {
        int br = branch_of(p, i);
        slong k = p->orders[i];
        acb_mul_arb(z, x, p->sigma + i, prec);
        /* holomorphy: stay where the act module proves the branch analytic */
        if (order == 1 && !_gauss_in_domain(z, p->rdom + i, br))
        {
            acb_indeterminate(out);
            break;
        }
        if (ntk_act_jet(jet, p->act, z, br, k + 1, prec) != NTK_SUCCESS)
        {
            acb_indeterminate(out);
            break;
        }
        if (k > 1)
        {
            arb_t f;
            arb_init(f);
            arb_fac_ui(f, (ulong) k, prec);
            acb_mul_arb(jet + k, jet + k, f, prec);
            arb_clear(f);
        }
        acb_mul(out, out, jet + k, prec);
    }
    _acb_vec_clear(jet, p->maxord + 1);
    acb_clear(z); acb_clear(t);
    return 0;
}

/* bound polynomial p(t) >= |t^zpow prod_i phi^(k_i)(sigma_i x)|, t = |x| */
static ntk_status
e1_bound_poly(arb_poly_t p, const ntk_act_t act, const slong *orders,
              arb_srcptr sigma, slong nfac, slong zpow, slong prec)
{
    gauss_growth_t g;
    arb_poly_t f;
    arb_t s, zero;
    ntk_status st = NTK_SUCCESS;
    slong i;
    int br = ntk_act_is_piecewise(act) ? 2 : 0;

    _gauss_growth_init(g);
    arb_poly_init(f);
    arb_init(s); arb_init(zero);
    arb_poly_zero(p);
    arb_poly_set_coeff_si(p, zpow, 1);
    for (i = 0; i < nfac && st == NTK_SUCCESS; i++)
    {
        st = _gauss_growth(g, act, br, orders[i], prec);
        if (st != NTK_SUCCESS)
            break;
        _gauss_ub(s, sigma + i, prec);
        _gauss_poly_growth(f, g, s, zero, prec);
        arb_poly_mul(p, p, f, prec);
    }
    _gauss_growth_clear(g);
    arb_poly_clear(f);
    arb_clear(s); arb_clear(zero);
    return st;
}

ntk_status
_gauss_expect1_general(arb_t res, const ntk_act_t act, const slong *orders,
                       arb_srcptr sigma, slong nfac, slong zpow, slong prec)
{
    e1_param p;
    arb_poly_t bp;
    arb_t scale, tail, T, tmp;
    acb_t a, b, r;
    mag_t tol;
    acb_calc_integrate_opt_t opt;
    gauss_growth_t g;
    ntk_status st = NTK_SUCCESS;
    slong i, wp = prec + 10, deg;
    double Td;
    int iter;

    arb_poly_init(bp);
    arb_init(scale); arb_init(tail); arb_init(T); arb_init(tmp);
    acb_init(a); acb_init(b); acb_init(r);
    mag_init(tol);
    _gauss_growth_init(g);

    p.act = act;
    p.orders = orders;
    p.sigma = sigma;
    p.nfac = nfac;
    p.zpow = zpow;
    p.piecewise = ntk_act_is_piecewise(act);
    p.maxord = 0;
    p.rdom = _arb_vec_init(nfac > 0 ? nfac : 1);
    for (i = 0; i < nfac; i++)
    {
        if (orders[i] > p.maxord)
            p.maxord = orders[i];
        if (arb_contains_zero(sigma + i))
        {
            st = ntk_error_set(NTK_UNABLE, "Gaussian expectation: scale "
                               "ball contains 0");
            goto cleanup;
        }
        st = _gauss_growth(g, act, p.piecewise ? 2 : 0, 0, wp);
        if (st != NTK_SUCCESS)
            goto cleanup;
        arb_set(p.rdom + i, g->r);
    }

    st = e1_bound_poly(bp, act, orders, sigma, nfac, zpow, wp);
    if (st != NTK_SUCCESS)
        goto cleanup;
    _gauss_poly_full(scale, bp, wp);
    if (!arb_is_finite(scale))
    {
        st = ntk_error_set(NTK_UNABLE, "Gaussian expectation: no finite "
                           "bound (scale too large)");
        goto cleanup;
    }

    /* truncation: proofs/tails.md, Lemma T2 */
    deg = arb_poly_degree(bp);
    Td = _gauss_plan_T((double) prec + 10, deg);
    for (iter = 0; iter < 40; iter++)
    {
        arb_set_d(T, Td);
        _gauss_poly_tail(tail, bp, T, wp);
        arb_mul_2exp_si(tail, tail, 1);       /* both sides */
        arb_mul_2exp_si(tmp, scale, -prec - 4);
        if (arb_le(tail, tmp))
            break;
        Td += 1.0;
    }

    acb_calc_integrate_opt_init(opt);
    opt->eval_limit = 200 * wp + 20000;
    arb_get_mag(tol, scale);
    mag_mul_2exp_si(tol, tol, -prec - 6);

    arb_zero(res);
    for (i = 0; i < (p.piecewise ? 2 : 1); i++)
    {
        if (p.piecewise)
        {
            p.side = (i == 0) ? -1 : 1;
            if (i == 0)
            {
                acb_set_arb(a, T);
                acb_neg(a, a);
                acb_zero(b);
            }
            else
            {
                acb_zero(a);
                acb_set_arb(b, T);
            }
        }
        else
        {
            p.side = 0;
            acb_set_arb(a, T);
            acb_neg(a, a);
            acb_set_arb(b, T);
        }
        acb_calc_integrate(r, e1_func, &p, a, b, prec, tol, opt, wp);
        arb_add(res, res, acb_realref(r), wp);
    }
    _gauss_add_error(res, tail);
    arb_set_round(res, res, prec);
    if (!arb_is_finite(res))
        st = ntk_error_set(NTK_UNABLE, "Gaussian expectation: quadrature "
                           "did not give a finite enclosure");

cleanup:
    _arb_vec_clear(p.rdom, nfac > 0 ? nfac : 1);
    arb_poly_clear(bp);
    arb_clear(scale); arb_clear(tail); arb_clear(T); arb_clear(tmp);
    acb_clear(a); acb_clear(b); acb_clear(r);
    mag_clear(tol);
    _gauss_growth_clear(g);
    return st;
}

ntk_status
ntk_gauss_expect1(arb_t res, const ntk_act_t act, const slong *orders,
                  slong nfac, slong zpow, const arb_t q, slong prec)
{
    arb_ptr sigma;
    slong i, smooth = ntk_act_smoothness(act);
    ntk_status st;

    if (zpow < 0 || nfac < 0)
        return ntk_error_set(NTK_DOMAIN, "Gaussian expectation: negative "
                             "power or factor count");
    for (i = 0; i < nfac; i++)
        if (orders[i] < 0 || orders[i] > smooth)
            return ntk_error_set(NTK_DOMAIN, "activation '%s': derivative "
                                 "order %ld exceeds its smoothness %ld",
                                 act->name, (long) orders[i], (long) smooth);
    if (!arb_is_positive(q))
        return ntk_error_set(NTK_DOMAIN, "Gaussian expectation: variance q "
                             "must be > 0");
    sigma = _arb_vec_init(nfac > 0 ? nfac : 1);
    arb_sqrt(sigma, q, prec + 10);
    for (i = 1; i < nfac; i++)
        arb_set(sigma + i, sigma);
    st = _gauss_expect1_general(res, act, orders, sigma, nfac, zpow, prec);
    _arb_vec_clear(sigma, nfac > 0 ? nfac : 1);
    return st;
}
