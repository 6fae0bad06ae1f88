/*
 * Derivatives at c = 1 of the equal-variance correlation map
 *   c -> N(q [[1, c], [c, 1]])_12 / V(q)
 * by Price's theorem (proofs/maps.md Lemma M3):
 *   k = 0: 1;   k >= 1: sigma_w^2 q^k E[phi^(k)(sqrt(q) Z)^2] / V(q).
 */
#include "maps_impl.h"

ntk_status
ntk_maps_price(arb_ptr res, const ntk_net_t net, const arb_t q, slong len,
               slong prec)
{
    ntk_status st = NTK_SUCCESS;
    arb_ptr e;
    arb_t v, qk;
    slong k, smooth;
    int closed;

    if (len <= 0)
        return NTK_SUCCESS;
    if ((st = ntk_net_check(net)) != NTK_SUCCESS)
        return st;
    if (!arb_is_finite(q) || !arb_is_positive(q))
        return ntk_error_set(NTK_DOMAIN, "Price coefficients: variance q must be > 0");
    smooth = ntk_act_smoothness(net->act);
    if (len - 1 > smooth)
        return ntk_error_set(NTK_DOMAIN, "%s: f^(%ld)(1) is infinite (smoothness %ld)",
                             net->act->name, (long) (len - 1), (long) smooth);
    closed = _ntk_maps_use_closed(net->act, net->method);
    if (closed < 0)
        return NTK_UNABLE;

    e = _arb_vec_init(len);
    arb_init(v);
    arb_init(qk);
    if (closed && len <= 3)
    {
        for (k = 1; k < len && st == NTK_SUCCESS; k++)
            st = _ntk_maps_moment(e + k, net->act, net->method,
                                  k == 1 ? NTK_MOM_B : NTK_MOM_C, q, prec);
    }
    else if (net->method == NTK_METHOD_CLOSED)
        st = ntk_error_set(NTK_UNABLE, "method closed: Price coefficients of order %ld need quadrature",
                           (long) (len - 1));
    else
        st = ntk_gauss_price(e, net->act, q, len, prec);
    if (st == NTK_SUCCESS)
        st = ntk_maps_var(v, net, q, prec);
    if (st == NTK_SUCCESS)
    {
        arb_one(res);
        arb_one(qk);
        for (k = 1; k < len; k++)
        {
            arb_mul(qk, qk, q, prec);
            arb_mul(res + k, e + k, qk, prec);
            arb_mul(res + k, res + k, net->sigma_w2, prec);
            arb_div(res + k, res + k, v, prec);
        }
    }
    _arb_vec_clear(e, len);
    arb_clear(v);
    arb_clear(qk);
    return st;
}
