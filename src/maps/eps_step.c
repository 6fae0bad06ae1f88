/* One equal-variance correlation step in the eps = 1 - c variable, and the
 * per-q cache that lets many steps at one q share their 1D moments. */
#include "maps_impl.h"

/* e2 = E[phi^2] and v = V(q) at q if known (else NULL: computed here) */
static ntk_status
eps_step(arb_t eps_out, arb_t dmap, const ntk_net_t net, const arb_t q,
         const arb_t eps, const arb_t e2, const arb_t v_given, slong prec)
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
        st = ntk_gauss_expect2_eps_e2(diff, net->act, q, eps, e2, prec);
    if (st == NTK_SUCCESS)
    {
        if (v_given != NULL)
            arb_set(v, v_given);
        else
            st = ntk_maps_var(v, net, q, prec);
    }
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

ntk_status
ntk_maps_eps_step(arb_t eps_out, arb_t dmap, const ntk_net_t net,
                  const arb_t q, const arb_t eps, slong prec)
{
    return eps_step(eps_out, dmap, net, q, eps, NULL, NULL, prec);
}

void
ntk_maps_qcache_init(ntk_maps_qcache_t qc)
{
    arb_init(qc->q); arb_init(qc->e2); arb_init(qc->v); arb_init(qc->chi);
}

void
ntk_maps_qcache_clear(ntk_maps_qcache_t qc)
{
    arb_clear(qc->q); arb_clear(qc->e2); arb_clear(qc->v); arb_clear(qc->chi);
}

ntk_status
ntk_maps_qcache_set(ntk_maps_qcache_t qc, const ntk_net_t net, const arb_t q,
                    slong prec)
{
    ntk_status st;
    int closed;

    if ((st = ntk_net_check(net)) != NTK_SUCCESS)
        return st;
    if (!arb_is_finite(q) || !arb_is_positive(q))
        return ntk_error_set(NTK_DOMAIN, "q cache: variance q must be > 0");
    closed = _ntk_maps_use_closed(net->act, net->method);
    if (closed < 0)
        return NTK_UNABLE;
    arb_set(qc->q, q);
    arb_indeterminate(qc->e2);
    if (!closed)
    {
        /* the eps differences work at up to prec + 16 + log2(1/eps) + 10
           bits (eps >= 2^-14 on this path, expect2_eps.c) */
        slong ord[2] = {0, 0};
        st = ntk_gauss_expect1(qc->e2, net->act, ord, 2, 0, q, prec + 64);
        if (st != NTK_SUCCESS)
            return st;
    }
    st = ntk_maps_var(qc->v, net, q, prec);
    if (st == NTK_SUCCESS)
        st = ntk_maps_chi1(qc->chi, net, q, prec);
    return st;
}

ntk_status
ntk_maps_eps_step_qcache(arb_t eps_out, arb_t dmap, const ntk_net_t net,
                         const ntk_maps_qcache_t qc, const arb_t eps,
                         slong prec)
{
    int closed = _ntk_maps_use_closed(net->act, net->method);
    return eps_step(eps_out, dmap, net, qc->q, eps,
                    closed == 0 ? qc->e2 : NULL, qc->v, prec);
}
