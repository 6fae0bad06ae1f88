/* The variance map V, its derivative V' and chi_1 (conventions.md 1-2). */
#include "maps_impl.h"

ntk_status
ntk_maps_var(arb_t res, const ntk_net_t net, const arb_t q, slong prec)
{
    ntk_status st;
    arb_t e;
    if ((st = ntk_net_check(net)) != NTK_SUCCESS)
        return st;
    arb_init(e);
    st = _ntk_maps_moment(e, net->act, net->method, NTK_MOM_A, q, prec);
    if (st == NTK_SUCCESS)
    {
        arb_mul(e, e, net->sigma_w2, prec);
        arb_add(res, e, net->sigma_b2, prec);
    }
    arb_clear(e);
    return st;
}

/* V'(q) = sigma_w^2 dA/dq; proofs/maps.md Lemma M1 */
ntk_status
ntk_maps_var_deriv(arb_t res, const ntk_net_t net, const arb_t q, slong prec)
{
    ntk_status st;
    if ((st = ntk_net_check(net)) != NTK_SUCCESS)
        return st;
    st = _ntk_maps_moment(res, net->act, net->method, NTK_MOM_DA, q, prec);
    if (st == NTK_SUCCESS)
        arb_mul(res, res, net->sigma_w2, prec);
    return st;
}

ntk_status
ntk_maps_chi1(arb_t res, const ntk_net_t net, const arb_t q, slong prec)
{
    ntk_status st;
    if ((st = ntk_net_check(net)) != NTK_SUCCESS)
        return st;
    st = _ntk_maps_moment(res, net->act, net->method, NTK_MOM_B, q, prec);
    if (st == NTK_SUCCESS)
        arb_mul(res, res, net->sigma_w2, prec);
    return st;
}
