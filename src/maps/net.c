/* Networks (activation + variances), method selection, record init/clear. */
#include "maps_impl.h"

void
ntk_net_init(ntk_net_t net)
{
    ntk_act_init(net->act);
    arb_init(net->sigma_w2);
    arb_init(net->sigma_b2);
    net->method = NTK_METHOD_AUTO;
}

void
ntk_net_clear(ntk_net_t net)
{
    ntk_act_clear(net->act);
    arb_clear(net->sigma_w2);
    arb_clear(net->sigma_b2);
}

void
ntk_net_set(ntk_net_t dst, const ntk_net_t src)
{
    ntk_act_set(dst->act, src->act);
    arb_set(dst->sigma_w2, src->sigma_w2);
    arb_set(dst->sigma_b2, src->sigma_b2);
    dst->method = src->method;
}

ntk_status
ntk_net_check(const ntk_net_t net)
{
    ntk_status st = NTK_SUCCESS;
    char *s;
    if (!arb_is_finite(net->sigma_w2) || !arb_is_positive(net->sigma_w2))
    {
        s = arb_get_str(net->sigma_w2, 10, ARB_STR_NO_RADIUS);
        st = ntk_error_set(NTK_DOMAIN, "sigma_w2 = %s: must be > 0", s);
        flint_free(s);
    }
    else if (!arb_is_finite(net->sigma_b2) || !arb_is_nonnegative(net->sigma_b2))
    {
        s = arb_get_str(net->sigma_b2, 10, ARB_STR_NO_RADIUS);
        st = ntk_error_set(NTK_DOMAIN, "sigma_b2 = %s: must be >= 0", s);
        flint_free(s);
    }
    return st;
}

int
_ntk_maps_use_closed(const ntk_act_t act, ntk_method method)
{
    int has = ntk_act_has_closed_form(act);
    if (method == NTK_METHOD_QUAD)
        return 0;
    if (method == NTK_METHOD_CLOSED && !has)
    {
        ntk_error_set(NTK_UNABLE, "method closed: %s has no closed form", act->name);
        return -1;
    }
    return has;
}

int
_ntk_maps_act_zero_at_zero(const ntk_act_t act)
{
    switch (act->kind)
    {
        case NTK_ACT_RELULIKE: case NTK_ACT_RELU_POW: case NTK_ACT_ERF:
        case NTK_ACT_GELU: case NTK_ACT_SIN: case NTK_ACT_TANH:
        case NTK_ACT_ELU: case NTK_ACT_SILU: case NTK_ACT_SELU:
        case NTK_ACT_MISH:
            return 1;
        default:
            return 0;
    }
}

/* lim_{q -> 0} E[phi'(sqrt q Z)^2] = (phi'(0-)^2 + phi'(0+)^2) / 2 */
ntk_status
_ntk_maps_b_at_zero(arb_t res, const ntk_act_t act, slong prec)
{
    ntk_status st;
    acb_t z;
    acb_ptr jet;
    arb_t t;

    acb_init(z);
    arb_init(t);
    jet = _acb_vec_init(2);
    if (ntk_act_is_piecewise(act))
    {
        st = ntk_act_jet(jet, act, z, -1, 2, prec);
        if (st == NTK_SUCCESS)
        {
            arb_sqr(t, acb_realref(jet + 1), prec);
            st = ntk_act_jet(jet, act, z, 1, 2, prec);
        }
        if (st == NTK_SUCCESS)
        {
            arb_addmul(t, acb_realref(jet + 1), acb_realref(jet + 1), prec);
            arb_mul_2exp_si(res, t, -1);
        }
    }
    else
    {
        st = ntk_act_jet(jet, act, z, 0, 2, prec);
        if (st == NTK_SUCCESS)
            arb_sqr(res, acb_realref(jet + 1), prec);
    }
    _acb_vec_clear(jet, 2);
    acb_clear(z);
    arb_clear(t);
    return st;
}

void
ntk_eoc_init(ntk_eoc_t e)
{
    e->found = 0;
    arb_init(e->sigma_w2);
    arb_init(e->sigma_w);
    arb_init(e->q_star);
    arb_init(e->chi1);
    arb_init(e->f2);
    arb_init(e->beta);
    e->why[0] = '\0';
}

void
ntk_eoc_clear(ntk_eoc_t e)
{
    arb_clear(e->sigma_w2);
    arb_clear(e->sigma_w);
    arb_clear(e->q_star);
    arb_clear(e->chi1);
    arb_clear(e->f2);
    arb_clear(e->beta);
}

void
ntk_phase_init(ntk_phase_t ph)
{
    ph->phase = NTK_PHASE_UNDECIDED;
    ph->found = 0;
    ph->why[0] = '\0';
    arb_init(ph->q_star);
    arb_init(ph->chi1);
    arb_init(ph->xi_q);
    arb_init(ph->xi_c);
    arb_init(ph->c_star);
    arb_init(ph->fprime_cstar);
}

void
ntk_phase_clear(ntk_phase_t ph)
{
    arb_clear(ph->q_star);
    arb_clear(ph->chi1);
    arb_clear(ph->xi_q);
    arb_clear(ph->xi_c);
    arb_clear(ph->c_star);
    arb_clear(ph->fprime_cstar);
}

const char *
ntk_phase_str(ntk_phase_kind ph)
{
    switch (ph)
    {
        case NTK_PHASE_ORDERED: return "ordered";
        case NTK_PHASE_CHAOTIC: return "chaotic";
        case NTK_PHASE_EOC: return "eoc";
        case NTK_PHASE_UNDECIDED: return "undecided";
        case NTK_PHASE_NO_FIXED_POINT: return "no_fixed_point";
    }
    return "?";
}
