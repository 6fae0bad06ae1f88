/* The NNGP map N and the derivative map D (conventions.md section 1). */
#include "maps_impl.h"

ntk_status
_ntk_maps_kernel(arb_t res, const ntk_net_t net, int deriv, const arb_t s11,
                 const arb_t s12, const arb_t s22, slong prec)
{
    int closed = _ntk_maps_use_closed(net->act, net->method);
    if (closed < 0)
        return NTK_UNABLE;
    if (closed)
        return ntk_act_kernel_closed(res, net->act, deriv, s11, s12, s22, prec);
    return ntk_gauss_expect2(res, net->act, deriv, s11, s12, s22, prec);
}

/* s11, s22 > 0 and s12^2 <= s11 s22 unless the balls make it undecidable
   (then the kernels decide); NTK_DOMAIN naming the value otherwise */
static ntk_status
check_cov(const arb_t s11, const arb_t s12, const arb_t s22, slong prec)
{
    ntk_status st = NTK_SUCCESS;
    arb_t t, u;
    char *a, *b, *c;

    if (!arb_is_finite(s11) || !arb_is_finite(s12) || !arb_is_finite(s22)
        || !arb_is_positive(s11) || !arb_is_positive(s22))
    {
        a = arb_get_str(s11, 10, ARB_STR_NO_RADIUS);
        b = arb_get_str(s22, 10, ARB_STR_NO_RADIUS);
        st = ntk_error_set(NTK_DOMAIN, "covariance s11 = %s, s22 = %s: the variances must be > 0", a, b);
        flint_free(a);
        flint_free(b);
        return st;
    }
    arb_init(t);
    arb_init(u);
    arb_sqr(t, s12, prec);
    arb_mul(u, s11, s22, prec);
    if (arb_gt(t, u))
    {
        a = arb_get_str(s11, 10, ARB_STR_NO_RADIUS);
        b = arb_get_str(s12, 10, ARB_STR_NO_RADIUS);
        c = arb_get_str(s22, 10, ARB_STR_NO_RADIUS);
        st = ntk_error_set(NTK_DOMAIN, "covariance [[%s, %s], [%s, %s]] is not positive semidefinite (s12^2 > s11 s22)", a, b, b, c);
        flint_free(a);
        flint_free(b);
        flint_free(c);
    }
    arb_clear(t);
    arb_clear(u);
    return st;
}

/* sigma_b2 * bias + sigma_w2 * E: out = bias ? sigma_b2 + w e : w e */
static void
affine(arb_t out, const ntk_net_t net, const arb_t e, int bias, slong prec)
{
    arb_mul(out, net->sigma_w2, e, prec);
    if (bias)
        arb_add(out, out, net->sigma_b2, prec);
}

static ntk_status
map2(arb_t r11, arb_t r12, arb_t r22, const ntk_net_t net, int deriv,
     const arb_t s11, const arb_t s12, const arb_t s22, slong prec)
{
    ntk_status st;
    arb_t e11, e12, e22;
    ntk_mom m = deriv ? NTK_MOM_B : NTK_MOM_A;

    if ((st = ntk_net_check(net)) != NTK_SUCCESS)
        return st;
    if ((st = check_cov(s11, s12, s22, prec)) != NTK_SUCCESS)
        return st;
    arb_init(e11);
    arb_init(e12);
    arb_init(e22);
    st = _ntk_maps_moment(e11, net->act, net->method, m, s11, prec);
    if (st == NTK_SUCCESS)
        st = _ntk_maps_moment(e22, net->act, net->method, m, s22, prec);
    if (st == NTK_SUCCESS)
    {
        /* c = 1 exactly (the same ball three times): u = v, a 1D moment */
        if (arb_equal(s11, s12) && arb_equal(s12, s22))
            arb_set(e12, e11);
        else
            st = _ntk_maps_kernel(e12, net, deriv, s11, s12, s22, prec);
    }
    if (st == NTK_SUCCESS)
    {
        affine(r11, net, e11, !deriv, prec);
        affine(r12, net, e12, !deriv, prec);
        affine(r22, net, e22, !deriv, prec);
    }
    arb_clear(e11);
    arb_clear(e12);
    arb_clear(e22);
    return st;
}

ntk_status
ntk_maps_nngp(arb_t n11, arb_t n12, arb_t n22, const ntk_net_t net,
              const arb_t s11, const arb_t s12, const arb_t s22, slong prec)
{
    return map2(n11, n12, n22, net, 0, s11, s12, s22, prec);
}

ntk_status
ntk_maps_deriv(arb_t d11, arb_t d12, arb_t d22, const ntk_net_t net,
               const arb_t s11, const arb_t s12, const arb_t s22, slong prec)
{
    return map2(d11, d12, d22, net, 1, s11, s12, s22, prec);
}
