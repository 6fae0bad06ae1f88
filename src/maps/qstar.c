/*
 * The fixed point q* of the variance map V (conventions.md section 2).
 *
 *  - relu-like a x + b|x| (proofs/maps.md Lemma M4): V(q) = sigma_b^2 + s q
 *    with s = sigma_w^2 (a^2 + b^2): q* = sigma_b^2 / (1 - s) if s < 1; no
 *    fixed point if s > 1 (or s = 1 and sigma_b > 0); every q if s = 1 and
 *    sigma_b = 0 (found = 2: q* is the input's q1).
 *  - step: V is constant, q* = sigma_b^2 + sigma_w^2 / 2.
 *  - otherwise: certified root isolation of F(q) = V(q) - q on a range
 *    [q_lo, q_hi] (Lemma M5), refined by interval Newton with F' = V' - 1
 *    evaluated on the whole candidate ball.  Reported: the smallest root.
 *    sigma_b = 0 with phi(0) = 0: q = 0 is a fixed point too; it is
 *    reported (found = 1, q* = 0 exactly) only if no positive root exists
 *    in the range.
 */
#include <string.h>
#include <stdarg.h>
#include <stdio.h>
#include "maps_impl.h"

#define QSTAR_LOG2_LO (-30)
#define QSTAR_LOG2_HI 10

static ntk_status
fixed_fn(arb_t f, arb_t fp, const arb_t q, void *data, slong prec)
{
    const ntk_net_struct *net = (const ntk_net_struct *) data;
    ntk_status st = NTK_SUCCESS;
    if (f != NULL)
    {
        st = ntk_maps_var(f, net, q, prec);
        if (st == NTK_SUCCESS)
            arb_sub(f, f, q, prec);
    }
    if (st == NTK_SUCCESS && fp != NULL)
    {
        st = ntk_maps_var_deriv(fp, net, q, prec);
        if (st == NTK_SUCCESS)
            arb_sub_ui(fp, fp, 1, prec);
    }
    return st;
}

/* sup phi^2 for bounded activations (1 for tanh, erf, sigmoid, sin, cos,
   step); 0 if unbounded */
static int
sup_phi2_is_one(const ntk_act_t act)
{
    switch (act->kind)
    {
        case NTK_ACT_TANH: case NTK_ACT_ERF: case NTK_ACT_SIGMOID:
        case NTK_ACT_SIN: case NTK_ACT_COS: case NTK_ACT_STEP:
            return 1;
        default:
            return 0;
    }
}

static void
set_why(char *why, const char *fmt, ...)
{
    va_list ap;
    if (why == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(why, NTK_WHY_MAX, fmt, ap);
    va_end(ap);
}

ntk_status
ntk_maps_qstar(arb_t qstar, int *found, char *why, const ntk_net_t net,
               slong prec)
{
    ntk_status st;
    ntk_roots_struct roots;
    arb_t s, t;
    arf_t lo, hi;
    slong sprec;
    int tab;

    *found = 0;
    set_why(why, "%s", "");
    if ((st = ntk_net_check(net)) != NTK_SUCCESS)
        return st;

    arb_init(s);
    arb_init(t);
    arf_init(lo);
    arf_init(hi);
    _ntk_roots_init(&roots);

    if (net->act->kind == NTK_ACT_RELULIKE)
    {
        /* proofs/maps.md Lemma M4 */
        arb_set_fmpq(s, net->act->a, prec);
        arb_sqr(s, s, prec);
        arb_set_fmpq(t, net->act->b, prec);
        arb_addmul(s, t, t, prec);
        arb_mul(s, s, net->sigma_w2, prec);        /* slope */
        arb_sub_ui(t, s, 1, prec);                  /* s - 1 */
        if (arb_is_negative(t))
        {
            arb_neg(t, t);
            arb_div(qstar, net->sigma_b2, t, prec);
            *found = 1;
            set_why(why, "V(q) = sigma_b2 + s q with slope s = sigma_w2 (a^2 + b^2) < 1: q* = sigma_b2 / (1 - s)");
        }
        else if (arb_is_positive(t) || (arb_is_zero(t) && arb_is_positive(net->sigma_b2)))
        {
            *found = 0;
            arb_indeterminate(qstar);
            if (arb_is_zero(net->sigma_b2))
                set_why(why, "V(q) = s q with slope s = sigma_w2 (a^2 + b^2) > 1: only q = 0 is fixed and it is repelling; q grows geometrically");
            else
                set_why(why, "V(q) - q = sigma_b2 + (s - 1) q > 0 for all q > 0 (slope s = sigma_w2 (a^2 + b^2) >= 1): q grows without bound");
        }
        else if (arb_is_zero(t) && arb_is_zero(net->sigma_b2))
        {
            *found = 2;
            arb_indeterminate(qstar);
            set_why(why, "V(q) = q for every q (slope sigma_w2 (a^2 + b^2) = 1, sigma_b = 0): every q is a fixed point, q* = q1");
        }
        else
            st = ntk_error_set(NTK_UNABLE, "fixed point of %s: slope sigma_w2 (a^2 + b^2) not separated from 1 at %ld bits",
                               net->act->name, (long) prec);
        goto cleanup;
    }
    if (net->act->kind == NTK_ACT_STEP)
    {
        arb_mul_2exp_si(qstar, net->sigma_w2, -1);
        arb_add(qstar, qstar, net->sigma_b2, prec);
        *found = 1;
        set_why(why, "step: V(q) = sigma_b2 + sigma_w2 / 2 does not depend on q");
        goto cleanup;
    }

    if (arb_is_zero(net->sigma_b2) && (net->act->kind == NTK_ACT_TANH
        || net->act->kind == NTK_ACT_ERF || net->act->kind == NTK_ACT_SIN))
    {
        /* proofs/maps.md Lemma M11: |phi(x)| < phi'(0) |x| for x != 0, so
           V(q) < sigma_w2 phi'(0)^2 q <= q when sigma_w2 phi'(0)^2 <= 1 */
        if (net->act->kind == NTK_ACT_ERF)
        {
            arb_const_pi(t, prec);
            arb_ui_div(t, 4, t, prec);      /* erf'(0)^2 = 4/pi */
        }
        else
            arb_one(t);
        arb_mul(t, t, net->sigma_w2, prec);
        arb_sub_ui(t, t, 1, prec);
        if (arb_is_nonpositive(t))
        {
            arb_zero(qstar);
            *found = 1;
            set_why(why, "sigma_b = 0, |phi(x)| < phi'(0)|x| and sigma_w2 phi'(0)^2 <= 1: V(q) < q for every "
                         "q > 0, q* = 0 (proofs/maps.md Lemma M11)");
            goto cleanup;
        }
    }

    /* search range: q* = V(q*) >= sigma_b2; bounded phi: q* <= sigma_b2 + sigma_w2 */
    arf_one(lo);
    arf_mul_2exp_si(lo, lo, QSTAR_LOG2_LO);
    if (arb_is_positive(net->sigma_b2))
    {
        arb_get_lbound_arf(hi, net->sigma_b2, 30);
        arf_mul_2exp_si(hi, hi, -1);
        if (arf_cmp(hi, lo) > 0)
            arf_set(lo, hi);
    }
    arf_one(hi);
    arf_mul_2exp_si(hi, hi, QSTAR_LOG2_HI);
    if (sup_phi2_is_one(net->act))
    {
        arb_add(t, net->sigma_b2, net->sigma_w2, 30);
        arb_get_ubound_arf(hi, t, 30);
        arf_mul_2exp_si(hi, hi, 1);
    }

    tab = _ntk_maps_moment_tabulated(net->act) && net->method != NTK_METHOD_QUAD;
    if (!tab)
    {
        /* quadrature: bracket by point signs, certify on a small ball */
        arf_t a, b;
        int br;
        arf_init(a);
        arf_init(b);
        st = _ntk_roots_bracket(a, b, &br, fixed_fn, (void *) net, lo, hi, 2, 64);
        if (st == NTK_SUCCESS && br)
        {
            set_why(why, "fixed point of V bracketed in [%.6g, %.6g] (first certified sign change "
                    "of V(q) - q on a grid from q = %.3g), unique in the returned ball",
                    arf_get_d(a, ARF_RND_DOWN), arf_get_d(b, ARF_RND_UP), arf_get_d(lo, ARF_RND_DOWN));
            st = _ntk_roots_refine(qstar, fixed_fn, (void *) net, a, b, prec - 8, prec);
            if (st == NTK_SUCCESS)
                *found = 1;
        }
        arf_clear(a);
        arf_clear(b);
        if (st != NTK_SUCCESS || br)
            goto cleanup;
        if (arb_is_zero(net->sigma_b2) && _ntk_maps_act_zero_at_zero(net->act)
            && _ntk_maps_b_at_zero(t, net->act, prec) == NTK_SUCCESS)
        {
            /* q = 0 is a fixed point; attracting when V'(0) < 1 (Lemma M4 (c)) */
            arb_mul(t, t, net->sigma_w2, prec);
            arb_sub_ui(t, t, 1, prec);
            if (!arb_is_positive(t))
            {
                arb_zero(qstar);
                *found = 1;
                set_why(why, "sigma_b = 0, phi(0) = 0: q* = 0 is a fixed point with V'(0) = chi_1(0) %s "
                             "(proofs/maps.md Lemma M4 (c)); V(q) - q < 0 at every grid point "
                             "of [%.3g, %.3g] (other fixed points not excluded)",
                        arb_is_negative(t) ? "< 1 (attracting)" : "= 1 (degenerate)",
                        arf_get_d(lo, ARF_RND_DOWN), arf_get_d(hi, ARF_RND_UP));
                goto cleanup;
            }
        }
    }
    for (sprec = 96; ; sprec *= 2)
    {
        if (!tab && sprec > 96)
            break;    /* wide-ball quadrature at high precision: too costly */
        st = _ntk_roots_isolate(&roots, fixed_fn, (void *) net, lo, hi, 1, tab ? 2000 : 300, sprec);
        if (st != NTK_SUCCESS || roots.complete || sprec >= 4 * FLINT_MAX(prec, 96))
            break;
    }
    if (st != NTK_SUCCESS)
        goto cleanup;
    if (roots.nroots >= 1)
    {
        slong ir = FLINT_MIN(roots.nroots, NTK_ROOTS_MAX) - 1;   /* smallest */
        st = _ntk_roots_newton(qstar, fixed_fn, (void *) net, roots.lo + ir, roots.hi + ir, sprec - 8, sprec);
        if (st == NTK_SUCCESS && prec > sprec)
        {
            arf_t a, b;
            arf_init(a);
            arf_init(b);
            arb_get_lbound_arf(a, qstar, prec);
            arb_get_ubound_arf(b, qstar, prec);
            st = _ntk_roots_newton(qstar, fixed_fn, (void *) net, a, b, prec - 8, prec);
            arf_clear(a);
            arf_clear(b);
        }
        if (st != NTK_SUCCESS)
            goto cleanup;
        *found = 1;
        set_why(why, "%s fixed point%s of V in [%.3g, %.3g]%s",
                roots.nroots == 1 ? "unique" : "smallest of several",
                roots.nroots == 1 ? "" : "s",
                arf_get_d(lo, ARF_RND_DOWN), arf_get_d(hi, ARF_RND_UP),
                roots.complete ? "" : " (smaller q not examined)");
        goto cleanup;
    }
    if (!roots.complete)
    {
        st = ntk_error_set(NTK_UNABLE, "fixed point of V for %s: could not decide on [%.3g, %.3g] at %ld bits",
                           net->act->name, arf_get_d(roots.undecided_lo, ARF_RND_DOWN),
                           arf_get_d(hi, ARF_RND_UP), (long) sprec);
        goto cleanup;
    }
    if (arb_is_zero(net->sigma_b2) && _ntk_maps_act_zero_at_zero(net->act))
    {
        /* q = 0 is fixed; report it unless it is provably repelling */
        if ((st = _ntk_maps_b_at_zero(t, net->act, prec)) != NTK_SUCCESS)
            goto cleanup;
        arb_mul(t, t, net->sigma_w2, prec);
        arb_sub_ui(t, t, 1, prec);
        if (arb_is_positive(t))
        {
            *found = 0;
            arb_indeterminate(qstar);
            set_why(why, "sigma_b = 0, phi(0) = 0: q = 0 is the only fixed point in [0, %.3g] and it is "
                         "repelling (V'(0) = chi_1(0) > 1; proofs/maps.md Lemma M4 (c))",
                    arf_get_d(hi, ARF_RND_UP));
            goto cleanup;
        }
        arb_zero(qstar);
        *found = 1;
        set_why(why, "sigma_b = 0 and phi(0) = 0: q* = 0, V'(0) %s 1 (no positive fixed point in [%.3g, %.3g])",
                arb_is_negative(t) ? "<" : "=",
                arf_get_d(lo, ARF_RND_DOWN), arf_get_d(hi, ARF_RND_UP));
        goto cleanup;
    }
    *found = 0;
    arb_indeterminate(qstar);
    set_why(why, "V(q) - q has no root in [%.3g, %.3g] (certified sign)",
            arf_get_d(lo, ARF_RND_DOWN), arf_get_d(hi, ARF_RND_UP));

cleanup:
    arb_clear(s);
    arb_clear(t);
    arf_clear(lo);
    arf_clear(hi);
    _ntk_roots_clear(&roots);
    return st;
}
