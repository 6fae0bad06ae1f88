/* One equal-variance correlation step in the eps = 1 - c variable. */
#include "maps_impl.h"

ntk_status
ntk_maps_eps_step(arb_t eps_out, arb_t dmap, const ntk_net_t net,
                  const arb_t q, const arb_t eps, slong prec)
{
    ntk_status st;
    int closed;
    arb_t diff, v, c;

    if ((st = ntk_net_check(net)) != NTK_SUCCESS)
        return st;
    if (!arb_is_finite(q) || !arb_is_positive(q))
        return ntk_error_set(NTK_DOMAIN, "eps step: variance q must be > 0");
    arb_init(c);
    arb_set_ui(c, 2);
    if (!arb_is_finite(eps) || arb_is_negative(eps) || arb_gt(eps, c))
    {
        char *s = arb_get_str(eps, 10, 0);
        st = ntk_error_set(NTK_DOMAIN, "eps = %s: must be in [0, 2]", s);
        flint_free(s);
        arb_clear(c);
        return st;
    }
    arb_clear(c);
    closed = _ntk_maps_use_closed(net->act, net->method);
    if (closed < 0)
        return NTK_UNABLE;
    arb_init(diff);
    arb_init(v);
    arb_init(c);
    /* E[phi(u)^2] - E[phi(u) phi(v)], formed without cancellation */
    if (closed)
        st = ntk_act_kernel_closed_eps(diff, net->act, 0, q, eps, prec);
    else
        st = ntk_gauss_expect2_eps(diff, net->act, q, eps, prec);
    if (st == NTK_SUCCESS)
        st = ntk_maps_var(v, net, q, prec);
    if (st == NTK_SUCCESS && dmap != NULL)
    {
        if (closed)
            st = ntk_act_kernel_closed_eps(dmap, net->act, 1, q, eps, prec);
        else
        {
            /* s12 = q (1 - eps) */
            arb_mul(c, q, eps, prec);
            arb_sub(c, q, c, prec);
            st = ntk_gauss_expect2(dmap, net->act, 1, q, c, q, prec);
        }
        if (st == NTK_SUCCESS)
            arb_mul(dmap, dmap, net->sigma_w2, prec);
    }
    if (st == NTK_SUCCESS)
    {
        arb_mul(diff, diff, net->sigma_w2, prec);
        arb_div(eps_out, diff, v, prec);
    }
    arb_clear(diff);
    arb_clear(v);
    arb_clear(c);
    return st;
}
