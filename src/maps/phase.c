/*
 * Phase of a network (conventions.md section 2): fixed point q*, chi_1,
 * ordered / chaotic / EOC, the attracting correlation c*, depth scales.
 *
 * Chaotic phase: c* is the unique root of g(c) = f(c) - c in [0, 1)
 * (proofs/maps.md Lemma M8: f has a power series with nonnegative
 * coefficients, so g is convex on [0, 1], g(0) >= 0, g(1) = 0, g'(1) > 0).
 * It is isolated on [-2^-10, c_hi] with g(c_hi) < 0 certified, and refined
 * by interval Newton with g'(c) = D(q*[[1,c],[c,1]])_12 - 1 (Lemma M5).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "maps_impl.h"

typedef struct
{
    const ntk_net_struct *net;
    const arb_struct *q;
} corr_data;

/* g(c) = f(c) - c,  g'(c) = sigma_w^2 E[phi'(u) phi'(v)] - 1 */
static ntk_status
corr_fn(arb_t f, arb_t fp, const arb_t c, void *data, slong prec)
{
    corr_data *d = (corr_data *) data;
    ntk_status st = NTK_SUCCESS;
    arb_t s12;
    arb_init(s12);
    arb_mul(s12, d->q, c, prec);
    if (f != NULL)
    {
        st = _ntk_maps_kernel(f, d->net, 0, d->q, s12, d->q, prec);
        if (st == NTK_SUCCESS)
        {
            arb_mul(f, f, d->net->sigma_w2, prec);
            arb_add(f, f, d->net->sigma_b2, prec);
            arb_div(f, f, d->q, prec);
            arb_sub(f, f, c, prec);
        }
    }
    if (st == NTK_SUCCESS && fp != NULL)
    {
        st = _ntk_maps_kernel(fp, d->net, 1, d->q, s12, d->q, prec);
        if (st == NTK_SUCCESS)
        {
            arb_mul(fp, fp, d->net->sigma_w2, prec);
            arb_sub_ui(fp, fp, 1, prec);
        }
    }
    arb_clear(s12);
    return st;
}

static int
act_is_odd(const ntk_act_t act)
{
    switch (act->kind)
    {
        case NTK_ACT_TANH: case NTK_ACT_ERF: case NTK_ACT_SIN:
            return 1;
        case NTK_ACT_RELULIKE:
            return fmpq_is_zero(act->b);
        default:
            return 0;
    }
}

/* xi = -1/log(x) for 0 < x < 1; +inf for x = 1 exactly; else indeterminate */
static void
depth_scale(arb_t xi, const arb_t x, slong prec)
{
    arb_t one;
    arb_init(one);
    arb_one(one);
    if (arb_is_one(x))
        arb_pos_inf(xi);
    else if (arb_is_positive(x) && arb_lt(x, one))
    {
        arb_log(xi, x, prec);
        arb_inv(xi, xi, prec);
        arb_neg(xi, xi);
    }
    else if (arb_is_zero(x))
        arb_zero(xi);
    else
        arb_indeterminate(xi);
    arb_clear(one);
}

static ntk_status
find_cstar(ntk_phase_t ph, const ntk_net_t net, slong prec)
{
    ntk_status st = NTK_SUCCESS;
    corr_data d;
    ntk_roots_struct roots;
    arb_t c, g;
    arf_t lo, hi;
    slong k, sprec = FLINT_MIN(prec, 96);

    d.net = net;
    d.q = ph->q_star;
    if (arb_is_zero(net->sigma_b2) && act_is_odd(net->act))
    {
        /* f(0) = 0 for odd phi and sigma_b = 0: c* = 0 (Lemma M8) */
        arb_zero(ph->c_star);
        st = _ntk_maps_kernel(ph->fprime_cstar, net, 1, ph->q_star, ph->c_star,
                              ph->q_star, prec);
        arb_mul(ph->fprime_cstar, ph->fprime_cstar, net->sigma_w2, prec);
        return st;
    }
    arb_init(c);
    arb_init(g);
    arf_init(lo);
    arf_init(hi);
    _ntk_roots_init(&roots);
    /* c_hi = 1 - 2^-k with g(c_hi) < 0 certified */
    for (k = 3; k <= sprec / 2; k += 2)
    {
        arf_one(hi);
        arf_mul_2exp_si(hi, hi, -k);
        arf_sub_ui(hi, hi, 1, sprec, ARF_RND_DOWN);
        arf_neg(hi, hi);
        arb_set_arf(c, hi);
        st = corr_fn(g, NULL, c, &d, sprec);
        if (st != NTK_SUCCESS && st != NTK_UNABLE)
            goto cleanup;
        if (st == NTK_SUCCESS && arb_is_negative(g))
            break;
    }
    if (k > sprec / 2)
    {
        st = ntk_error_set(NTK_UNABLE, "chaotic phase: could not separate c* from 1 at %ld bits", (long) sprec);
        goto cleanup;
    }
    /* g(0) = f(0) >= 0; c* in (0, c_hi) needs g(0) > 0 certified (Lemma M8) */
    arf_zero(lo);
    arb_zero(c);
    st = corr_fn(g, NULL, c, &d, sprec);
    if (st == NTK_SUCCESS && !arb_is_positive(g))
        st = ntk_error_set(NTK_UNABLE, "chaotic phase: f(0) > 0 not certified at %ld bits", (long) sprec);
    if (st == NTK_SUCCESS)
        st = _ntk_roots_refine(ph->c_star, corr_fn, &d, lo, hi, prec - 8, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    st = corr_fn(NULL, ph->fprime_cstar, ph->c_star, &d, prec);
    arb_add_ui(ph->fprime_cstar, ph->fprime_cstar, 1, prec);

cleanup:
    arb_clear(c);
    arb_clear(g);
    arf_clear(lo);
    arf_clear(hi);
    _ntk_roots_clear(&roots);
    return st;
}

ntk_status
ntk_maps_phase(ntk_phase_t ph, const ntk_net_t net, slong prec)
{
    ntk_status st;
    arb_t vp, one;

    arb_indeterminate(ph->q_star);
    arb_indeterminate(ph->chi1);
    arb_indeterminate(ph->xi_q);
    arb_indeterminate(ph->xi_c);
    arb_indeterminate(ph->c_star);
    arb_indeterminate(ph->fprime_cstar);
    ph->phase = NTK_PHASE_UNDECIDED;
    st = ntk_maps_qstar(ph->q_star, &ph->found, ph->why, net, prec);
    if (st != NTK_SUCCESS)
        return st;
    if (ph->found == 0)
    {
        ph->phase = NTK_PHASE_NO_FIXED_POINT;
        return NTK_SUCCESS;
    }

    arb_init(vp);
    arb_init(one);
    arb_one(one);
    /* chi_1 and V'(q*) */
    if (net->act->kind == NTK_ACT_RELULIKE)
    {
        arb_t s;
        arb_init(s);
        st = _ntk_maps_moment_closed(s, net->act, NTK_MOM_B, one, prec);
        arb_mul(ph->chi1, s, net->sigma_w2, prec);
        arb_set(vp, ph->chi1);                 /* V' = slope = chi_1 */
        arb_clear(s);
    }
    else if (arb_is_zero(ph->q_star))
    {
        st = _ntk_maps_b_at_zero(ph->chi1, net->act, prec);
        arb_mul(ph->chi1, ph->chi1, net->sigma_w2, prec);
        arb_set(vp, ph->chi1);                 /* V'(0) = chi_1(0), Lemma M4 */
    }
    else
    {
        st = ntk_maps_chi1(ph->chi1, net, ph->q_star, prec);
        if (st == NTK_SUCCESS && net->act->kind != NTK_ACT_STEP)
            st = ntk_maps_var_deriv(vp, net, ph->q_star, prec);
        else if (st == NTK_SUCCESS)
            arb_zero(vp);
    }
    if (st != NTK_SUCCESS)
        goto cleanup;
    if (ph->found == 2)
        arb_indeterminate(vp);
    depth_scale(ph->xi_q, vp, prec);

    if (arb_lt(ph->chi1, one))
    {
        ph->phase = NTK_PHASE_ORDERED;
        arb_one(ph->c_star);
        arb_set(ph->fprime_cstar, ph->chi1);
        depth_scale(ph->xi_c, ph->chi1, prec);
    }
    else if (arb_gt(ph->chi1, one))
    {
        ph->phase = NTK_PHASE_CHAOTIC;
        if (arb_is_zero(ph->q_star))
        {
            st = ntk_error_set(NTK_UNABLE, "chaotic phase at q* = 0");
            goto cleanup;
        }
        st = find_cstar(ph, net, prec);
        if (st != NTK_SUCCESS)
            goto cleanup;
        depth_scale(ph->xi_c, ph->fprime_cstar, prec);
    }
    else
    {
        ph->phase = arb_is_one(ph->chi1) ? NTK_PHASE_EOC : NTK_PHASE_UNDECIDED;
        arb_one(ph->c_star);
        arb_set(ph->fprime_cstar, ph->chi1);
        depth_scale(ph->xi_c, ph->chi1, prec);
    }

cleanup:
    arb_clear(vp);
    arb_clear(one);
    return st;
}
