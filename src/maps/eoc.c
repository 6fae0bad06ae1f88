/*
 * Edge of chaos for a given sigma_b^2 (conventions.md section 2).
 *
 * chi_1 = 1 at the fixed point means sigma_w^2 = 1 / B(q) with
 * B(q) = E[phi'(sqrt q Z)^2]; the fixed-point equation then reads
 *     G(q) = sigma_b^2 + A(q) / B(q) - q = 0,   A(q) = E[phi(sqrt q Z)^2]
 * (proofs/maps.md Lemma M6).  G is solved by certified root isolation on
 * [q_lo, q_hi] (Lemma M5) with G' = (A' B - A B') / B^2 - 1 (Lemma M1),
 * then refined by interval Newton.  No-EOC statements:
 *   relu-like with sigma_b > 0 (A/B = q: G = sigma_b^2 > 0, Lemma M6),
 *   step (chi_1 infinite), softplus (A/B > q for every q > 0, Lemma M7),
 *   otherwise "no root of G in [q_lo, q_hi]" (the range is stated).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "maps_impl.h"

#define EOC_LOG2_LO (-30)
#define EOC_LOG2_HI 10      /* search range upper end 2^10 */
#define EOC_LOG2_HI_COVER 6 /* quadrature: absence certified up to 2^6 */

typedef struct
{
    const ntk_act_struct *act;
    ntk_method method;
    const arb_struct *sigma_b2;
} eoc_data;

static ntk_status
eoc_fn(arb_t f, arb_t fp, const arb_t q, void *data, slong prec)
{
    eoc_data *d = (eoc_data *) data;
    ntk_status st;
    arb_t A, B, DA, DB, t;

    arb_init(A);
    arb_init(B);
    arb_init(DA);
    arb_init(DB);
    arb_init(t);
    st = _ntk_maps_moment(A, d->act, d->method, NTK_MOM_A, q, prec);
    if (st == NTK_SUCCESS)
        st = _ntk_maps_moment(B, d->act, d->method, NTK_MOM_B, q, prec);
    if (st == NTK_SUCCESS && !arb_is_positive(B))
        st = ntk_error_set(NTK_UNABLE, "E[phi'^2] not separated from 0");
    if (st == NTK_SUCCESS && f != NULL)
    {
        arb_div(f, A, B, prec);
        arb_add(f, f, d->sigma_b2, prec);
        arb_sub(f, f, q, prec);
    }
    if (st == NTK_SUCCESS && fp != NULL)
    {
        st = _ntk_maps_moment(DA, d->act, d->method, NTK_MOM_DA, q, prec);
        if (st == NTK_SUCCESS)
            st = _ntk_maps_moment(DB, d->act, d->method, NTK_MOM_DB, q, prec);
        if (st == NTK_SUCCESS)
        {
            arb_mul(fp, DA, B, prec);
            arb_submul(fp, A, DB, prec);
            arb_sqr(t, B, prec);
            arb_div(fp, fp, t, prec);
            arb_sub_ui(fp, fp, 1, prec);
        }
    }
    arb_clear(A);
    arb_clear(B);
    arb_clear(DA);
    arb_clear(DB);
    arb_clear(t);
    return st;
}

/* The first certified sign change of G on a grid of 2 points per octave
   from lo up to hi (*found = 0 if none), certified and refined to a ball
   q* by interval Newton (Lemma M5 (d), (e)); [*ba, *bb] the bracket.
   The signs of G near q* are of size sigma_b2 and some moments (elu's
   closed pieces) have absolute errors ~ 2^-prec: the signs are taken at
   64 bits plus the binary digits of 1/sigma_b2. */
static ntk_status
bracket_refine(arb_t q_star, int *found, double *ba, double *bb, eoc_data *d,
               const arf_t lo, const arf_t hi, slong prec)
{
    ntk_status st;
    arf_t a, b;
    slong bp = 64;

    if (arb_is_positive(d->sigma_b2))
        bp += FLINT_MAX(0, -arf_abs_bound_lt_2exp_si(arb_midref(d->sigma_b2)));
    arf_init(a);
    arf_init(b);
    arf_div(a, hi, lo, 30, ARF_RND_UP);
    if (arf_cmp_2exp_si(a, 32) > 0)
    {
        /* a long range (small sigma_b2): first on a grid of 8 octaves, then
           2 points per octave inside the first coarse sign change */
        arf_t ca, cb;
        arf_init(ca);
        arf_init(cb);
        st = _ntk_roots_bracket(ca, cb, found, eoc_fn, d, lo, hi, -8, bp);
        if (st == NTK_SUCCESS && *found)
            st = _ntk_roots_bracket(a, b, found, eoc_fn, d, ca, cb, 2, bp);
        arf_clear(ca);
        arf_clear(cb);
    }
    else
        st = _ntk_roots_bracket(a, b, found, eoc_fn, d, lo, hi, 2, bp);
    if (st == NTK_SUCCESS && *found)
    {
        *ba = arf_get_d(a, ARF_RND_DOWN);
        *bb = arf_get_d(b, ARF_RND_UP);
        st = _ntk_roots_refine(q_star, eoc_fn, d, a, b, prec - 8, prec);
    }
    arf_clear(a);
    arf_clear(b);
    return st;
}

static void
set_why(ntk_eoc_t eoc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(eoc->why, NTK_WHY_MAX, fmt, ap);
    va_end(ap);
}

/* f''(1) and beta = 2 / f''(1) at the EOC point (conventions.md 2) */
static ntk_status
eoc_f2(ntk_eoc_t eoc, const ntk_act_t act, slong prec)
{
    ntk_status st;
    if (ntk_act_smoothness(act) < 2)
    {
        arb_pos_inf(eoc->f2);
        arb_indeterminate(eoc->beta);
        return NTK_SUCCESS;
    }
    st = _ntk_maps_moment(eoc->f2, act, NTK_METHOD_AUTO, NTK_MOM_C, eoc->q_star, prec);
    if (st != NTK_SUCCESS)
        return st;
    arb_mul(eoc->f2, eoc->f2, eoc->q_star, prec);
    arb_mul(eoc->f2, eoc->f2, eoc->sigma_w2, prec);
    arb_set_ui(eoc->beta, 2);
    arb_div(eoc->beta, eoc->beta, eoc->f2, prec);
    return NTK_SUCCESS;
}

static void
eoc_absent(ntk_eoc_t eoc)
{
    eoc->found = 0;
    arb_indeterminate(eoc->sigma_w2);
    arb_indeterminate(eoc->sigma_w);
    arb_indeterminate(eoc->q_star);
    arb_indeterminate(eoc->chi1);
    arb_indeterminate(eoc->f2);
    arb_indeterminate(eoc->beta);
}

ntk_status
ntk_maps_eoc(ntk_eoc_t eoc, const ntk_act_t act, const arb_t sigma_b2, slong prec)
{
    ntk_status st = NTK_SUCCESS;
    ntk_roots_struct roots;
    eoc_data d;
    ntk_net_t net;
    arb_t s, t;
    arf_t lo, hi;
    slong sprec;
    double rlo, rhi, ba = 0, bb = 0;
    slong ir;
    int closed, br = 0;

    eoc_absent(eoc);
    eoc->why[0] = '\0';
    if (!arb_is_finite(sigma_b2) || !arb_is_nonnegative(sigma_b2))
    {
        char *str = arb_get_str(sigma_b2, 10, ARB_STR_NO_RADIUS);
        st = ntk_error_set(NTK_DOMAIN, "sigma_b2 = %s: must be >= 0", str);
        flint_free(str);
        return st;
    }

    arb_init(s);
    arb_init(t);
    arf_init(lo);
    arf_init(hi);
    ntk_net_init(net);
    _ntk_roots_init(&roots);

    if (act->kind == NTK_ACT_RELULIKE)
    {
        /* proofs/maps.md Lemma M6 (a): A(q)/B(q) = q exactly */
        arb_set_fmpq(s, act->a, prec);
        arb_sqr(s, s, prec);
        arb_set_fmpq(t, act->b, prec);
        arb_addmul(s, t, t, prec);
        if (arb_is_zero(s))
            set_why(eoc, "phi = 0: chi_1 = 0 for every sigma_w");
        else if (arb_is_positive(sigma_b2))
            set_why(eoc, "relu-like phi = a x + b|x|: E[phi^2]/E[phi'^2] = q exactly, so the fixed-point "
                         "equation q = sigma_b2 + q has no solution for sigma_b > 0 (proofs/maps.md Lemma M6)");
        else if (!arb_is_zero(sigma_b2))
            st = ntk_error_set(NTK_UNABLE, "sigma_b2 not separated from 0");
        else
        {
            eoc->found = 1;
            arb_inv(eoc->sigma_w2, s, prec);
            arb_sqrt(eoc->sigma_w, eoc->sigma_w2, prec);
            arb_mul(eoc->chi1, eoc->sigma_w2, s, prec);
            arb_indeterminate(eoc->q_star);
            if (fmpq_is_zero(act->b))
            {
                arb_zero(eoc->f2);         /* linear: f(c) = c */
                arb_pos_inf(eoc->beta);
            }
            else
            {
                arb_pos_inf(eoc->f2);      /* phi'' has a Dirac mass */
                arb_indeterminate(eoc->beta);
            }
            set_why(eoc, "sigma_w2 = 1/(a^2 + b^2), sigma_b = 0: V(q) = q, every q > 0 is a fixed point "
                         "(q* = q1) (proofs/maps.md Lemma M6)");
        }
        goto cleanup;
    }
    if (act->kind == NTK_ACT_STEP)
    {
        set_why(eoc, "step: phi' is a Dirac mass, chi_1 = sigma_w2 E[phi'^2] is infinite");
        goto cleanup;
    }
    if (act->kind == NTK_ACT_SOFTPLUS)
    {
        set_why(eoc, "softplus: E[phi^2]/E[phi'^2] > q for every q > 0 (softplus > relu, E[sigmoid^2] < 1/2), "
                     "so q = sigma_b2 + E[phi^2]/E[phi'^2] has no solution for any sigma_b2 >= 0 "
                     "(proofs/maps.md Lemma M7)");
        goto cleanup;
    }

    if (arb_is_zero(sigma_b2) && (act->kind == NTK_ACT_TANH || act->kind == NTK_ACT_ERF
                                  || act->kind == NTK_ACT_SIN))
    {
        set_why(eoc, "%s is odd and not linear: E[phi^2] < q E[phi'^2] for every q > 0 (Gaussian Poincare "
                     "inequality), so at sigma_b = 0 q = E[phi^2]/E[phi'^2] has no solution q > 0; only the "
                     "degenerate limit q* -> 0, sigma_w2 -> 1/phi'(0)^2 (proofs/maps.md Lemma M10)", act->name);
        goto cleanup;
    }

    /* search range: A/B >= 0 gives G(q) >= sigma_b2 - q > 0 for q < sigma_b2
       (Lemma M6 (c)), so from sigma_b2 / 2 on nothing is missed below; at
       small sigma_b, q* is far below 2^EOC_LOG2_LO (Lemma M12:
       q* ~ (3 sigma_b2 / 4)^(1/3) for tanh, erf; ~ 2 sqrt(2) sigma_b for elu) */
    arf_one(lo);
    arf_mul_2exp_si(lo, lo, EOC_LOG2_LO);
    if (arb_is_positive(sigma_b2))
    {
        arb_get_lbound_arf(lo, sigma_b2, 30);
        arf_mul_2exp_si(lo, lo, -1);
    }
    arf_one(hi);
    arf_mul_2exp_si(hi, hi, EOC_LOG2_HI);

    rlo = arf_get_d(lo, ARF_RND_DOWN);
    rhi = arf_get_d(hi, ARF_RND_UP);
    d.act = act;
    d.method = NTK_METHOD_AUTO;
    d.sigma_b2 = sigma_b2;
    closed = _ntk_maps_moment_tabulated(act);
    if (!closed)
    {
        /* quadrature: enclosures on wide q-balls are poor, so the root is
           bracketed by point signs (first sign change from q_lo) and then
           certified on a small ball (Lemma M5 (d)) */
        st = bracket_refine(eoc->q_star, &br, &ba, &bb, &d, lo, hi, prec);
        if (st != NTK_SUCCESS)
            goto cleanup;
        if (br)
            goto outputs;
    }
    if (!closed)
    {
        /* wide-ball enclosures by quadrature are costly at large q */
        arf_one(hi);
        arf_mul_2exp_si(hi, hi, EOC_LOG2_HI_COVER);
        rhi = arf_get_d(hi, ARF_RND_UP);
    }
    /* scan at modest precision; more bits if a piece stays undecided
       (G can be tiny near q = 0 when sigma_b = 0: cancellation in A/B - q) */
    for (sprec = 80; ; sprec *= 2)
    {
        st = _ntk_roots_isolate(&roots, eoc_fn, &d, lo, hi, 1, closed ? 2000 : 600, sprec);
        if (st != NTK_SUCCESS || roots.complete || !closed || sprec >= 4 * FLINT_MAX(prec, 80))
            break;
    }
    if (st != NTK_SUCCESS)
        goto cleanup;
    if (roots.nroots == 0 && !roots.complete && closed)
    {
        /* closed forms at small q: G ~ sigma_b2 - c q^3 (Lemma M12) is
           resolved by no piece the scan can afford (derivative enclosures
           of width ~ q w on a piece of relative width w, against G' ~ q^2);
           point signs below the undecided end, as for quadrature */
        st = bracket_refine(eoc->q_star, &br, &ba, &bb, &d, lo, roots.undecided_lo, prec);
        if (st != NTK_SUCCESS)
            goto cleanup;
        if (br)
            goto outputs;
    }
    if (roots.nroots == 0)
    {
        double ulo = roots.complete ? rlo : arf_get_d(roots.undecided_lo, ARF_RND_UP);
        if (!roots.complete && (!arb_is_zero(sigma_b2) || ulo > 1.0))
            st = ntk_error_set(NTK_UNABLE, "edge of chaos of %s: could not decide the sign of "
                               "sigma_b2 + E[phi^2]/E[phi'^2] - q near q = %.3g at %ld bits",
                               act->name, ulo, (long) sprec);
        else
            set_why(eoc, "sigma_b2 + E[phi^2]/E[phi'^2] - q has no root for q in [%.3g, %.3g] "
                         "(certified sign; smaller and larger q not examined)%s",
                    ulo, rhi,
                    arb_is_zero(sigma_b2) && _ntk_maps_act_zero_at_zero(act) && act->kind != NTK_ACT_RELU_POW
                        ? "; sigma_b = 0, phi(0) = 0: only the degenerate limit q* -> 0, "
                          "sigma_w2 -> 1/phi'(0)^2 remains" : "");
        goto cleanup;
    }
    ir = FLINT_MIN(roots.nroots, NTK_ROOTS_MAX) - 1;     /* the smallest root */
    st = _ntk_roots_newton(eoc->q_star, eoc_fn, &d, roots.lo + ir, roots.hi + ir, sprec - 8, sprec);
    if (st == NTK_SUCCESS && prec > sprec)
    {
        arb_get_lbound_arf(lo, eoc->q_star, prec);
        arb_get_ubound_arf(hi, eoc->q_star, prec);
        st = _ntk_roots_newton(eoc->q_star, eoc_fn, &d, lo, hi, prec - 8, prec);
    }
    if (st != NTK_SUCCESS)
        goto cleanup;

outputs:
    /* sigma_w^2 = 1/B(q*); chi_1 recomputed from sigma_w^2 and q* */
    st = _ntk_maps_moment(t, act, NTK_METHOD_AUTO, NTK_MOM_B, eoc->q_star, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    arb_inv(eoc->sigma_w2, t, prec);
    arb_sqrt(eoc->sigma_w, eoc->sigma_w2, prec);
    ntk_act_set(net->act, act);
    arb_set(net->sigma_w2, eoc->sigma_w2);
    arb_set(net->sigma_b2, sigma_b2);
    st = ntk_maps_chi1(eoc->chi1, net, eoc->q_star, prec);
    if (st == NTK_SUCCESS)
        st = eoc_f2(eoc, act, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    eoc->found = 1;
    if (br)
        set_why(eoc, "root of sigma_b2 + E[phi^2]/E[phi'^2] - q bracketed in [%.6g, %.6g] (first certified "
                "sign change on a grid from q = %.3g), unique in the returned q* ball", ba, bb, rlo);
    else if (roots.nroots == 1 && roots.complete)
        set_why(eoc, "unique root of sigma_b2 + E[phi^2]/E[phi'^2] - q with q in [%.3g, %.3g]",
                rlo, rhi);
    else if (roots.complete)
        set_why(eoc, "smallest of %ld roots of sigma_b2 + E[phi^2]/E[phi'^2] - q with q in [%.3g, %.3g]",
                (long) roots.nroots, rlo, rhi);
    else
        set_why(eoc, "root of sigma_b2 + E[phi^2]/E[phi'^2] - q, the smallest of %ld with q in [%.3g, %.3g] "
                "(q below not examined)", (long) roots.nroots, arf_get_d(roots.undecided_lo, ARF_RND_UP), rhi);

cleanup:
    if (st != NTK_SUCCESS || !eoc->found)
        eoc_absent(eoc);
    arb_clear(s);
    arb_clear(t);
    arf_clear(lo);
    arf_clear(hi);
    ntk_net_clear(net);
    _ntk_roots_clear(&roots);
    return st;
}
