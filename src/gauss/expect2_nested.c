/*
 * expect2_nested.c -- E[phi^(k)(u) phi^(k)(v)] for piecewise activations
 * by nested acb_calc_integrate (proofs/tails.md, Lemma T3).
 *
 * u = alpha x, v = beta w with w = c x + s y.  For fixed x the inner
 * integral over y is written in the variable w, in which the kink of phi
 * sits at w = 0 for every x.  The outer x-range [-T, T] is cut at 0 (kink
 * of phi(alpha x)) and at +-b, b ~ s T / |c|, where the kink leaves the
 * inner window.  On each outer piece the inner integral is one fixed
 * analytic formula in x:
 *   |x| <= b : int_{cx - s T1}^0 phi_- + int_0^{cx + s T1} phi_+
 *              (T1 >= T chosen so that the window contains w = 0),
 *   |x| >= b : int over [0, cx + s T] (branch +) or [cx - s T, 0]
 *              (branch -), the side where the window lies,
 * so that every discarded part of the y-line lies in |y| >= T2 (T2 <= T,
 * T2 ~ T) and is bounded by Lemma T3.
 */
#include <math.h>
#include "gauss_internal.h"

typedef struct
{
    const ntk_act_struct *act;
    slong k;
    arb_srcptr alpha, beta, c, s;
    arb_t T1, T;
    arb_t r;            /* analyticity radius of the branches (k = 0) */
    int side_a;         /* branch of phi(alpha x) on this piece        */
    int mode;           /* 0 split; +1 / -1 one-sided window            */
    slong goal;
    mag_t tol;         /* absolute tolerance of the outer integral */
    mag_t hscale;      /* a-priori size of the inner integral      */
}
n_outer;

typedef struct
{
    const n_outer *o;
    acb_t cx, w0, dw;
    int br;
}
n_inner;

static int
inner_func(acb_ptr out, const acb_t t, void *param, slong order, slong prec)
{
    n_inner *p = (n_inner *) param;
    const n_outer *o = p->o;
    acb_t w, z, y;
    acb_ptr jet;

    acb_init(w); acb_init(z); acb_init(y);
    jet = _acb_vec_init(o->k + 1);
    acb_mul(w, t, p->dw, prec);
    acb_add(w, w, p->w0, prec);
    acb_mul_arb(z, w, o->beta, prec);
    if (order == 1 && !_gauss_in_domain(z, o->r, p->br))
    {
        acb_indeterminate(out);
        goto done;
    }
    if (ntk_act_jet(jet, o->act, z, p->br, o->k + 1, prec) != NTK_SUCCESS)
    {
        acb_indeterminate(out);
        goto done;
    }
    acb_sub(y, w, p->cx, prec);
    acb_div_arb(y, y, o->s, prec);
    _gauss_density_acb(out, y, prec);
    acb_mul(out, out, jet + o->k, prec);
    acb_mul(out, out, p->dw, prec);
    acb_div_arb(out, out, o->s, prec);
done:
    _acb_vec_clear(jet, o->k + 1);
    acb_clear(w); acb_clear(z); acb_clear(y);
    return 0;
}

/* integral over the segment w0 -> w1 (branch br), absolute tolerance tol */
static void
inner_segment(acb_t res, const n_outer *o, const acb_t cx, const acb_t w0,
              const acb_t w1, int br, slong goal, const mag_t tol,
              slong evlim, slong prec)
{
    n_inner p;
    acb_t a, b;
    acb_calc_integrate_opt_t opt;

    acb_init(p.cx); acb_init(p.w0); acb_init(p.dw);
    acb_init(a); acb_init(b);
    p.o = o;
    p.br = br;
    acb_set(p.cx, cx);
    acb_set(p.w0, w0);
    acb_sub(p.dw, w1, w0, prec);
    acb_zero(a);
    acb_one(b);
    acb_calc_integrate_opt_init(opt);
    opt->eval_limit = evlim;
    acb_calc_integrate(res, inner_func, &p, a, b, goal, tol, opt, prec);
    acb_clear(p.cx); acb_clear(p.w0); acb_clear(p.dw);
    acb_clear(a); acb_clear(b);
}

static int
outer_func(acb_ptr out, const acb_t x, void *param, slong order, slong prec)
{
    n_outer *o = (n_outer *) param;
    acb_t z, cx, w0, w1, h, t;
    acb_ptr jet;
    mag_t tol, m;
    slong goal, evlim;

    acb_init(z); acb_init(cx); acb_init(w0); acb_init(w1); acb_init(h);
    acb_init(t);
    mag_init(tol); mag_init(m);
    jet = _acb_vec_init(o->k + 1);

    acb_mul_arb(z, x, o->alpha, prec);
    if (order == 1 && !_gauss_in_domain(z, o->r, o->side_a))
    {
        acb_indeterminate(out);
        goto done;
    }
    if (ntk_act_jet(jet, o->act, z, o->side_a, o->k + 1, prec) != NTK_SUCCESS)
    {
        acb_indeterminate(out);
        goto done;
    }
    /* outer factor gamma(x) phi^(k)(alpha x); the inner integral needs
       only the absolute accuracy tol / |outer factor| (this only steers
       the effort: every inner result is an enclosure) */
    _gauss_density_acb(out, x, prec);
    acb_mul(out, out, jet + o->k, prec);
    acb_get_mag(m, out);
    if (order == 1)
    {
        goal = 4;
        evlim = 64;
        mag_set(tol, o->tol);
        mag_mul_2exp_si(tol, tol, prec - 6);     /* ~ scale 2^-14 */
    }
    else
    {
        goal = o->goal;
        evlim = 100 * prec + 10000;
        mag_set(tol, o->tol);
    }
    if (!mag_is_zero(m) && mag_is_finite(m))
    {
        mag_div(tol, tol, m);
        if (mag_cmp(tol, o->hscale) > 0)
            mag_set(tol, o->hscale);
    }
    acb_mul_arb(cx, x, o->c, prec);
    if (o->mode == 0)
    {
        acb_set_arb(t, o->T1);
        acb_mul_arb(t, t, o->s, prec);       /* s T1 */
        acb_sub(w0, cx, t, prec);
        acb_zero(w1);
        inner_segment(h, o, cx, w0, w1, -1, goal, tol, evlim, prec);
        acb_add(w1, cx, t, prec);
        acb_zero(w0);
        inner_segment(t, o, cx, w0, w1, 1, goal, tol, evlim, prec);
        acb_add(h, h, t, prec);
    }
    else
    {
        acb_set_arb(t, o->T);
        acb_mul_arb(t, t, o->s, prec);       /* s T */
        if (o->mode > 0)
        {
            acb_zero(w0);
            acb_add(w1, cx, t, prec);
        }
        else
        {
            acb_sub(w0, cx, t, prec);
            acb_zero(w1);
        }
        inner_segment(h, o, cx, w0, w1, o->mode, goal, tol, evlim, prec);
    }
    acb_mul(out, out, h, prec);
done:
    _acb_vec_clear(jet, o->k + 1);
    acb_clear(z); acb_clear(cx); acb_clear(w0); acb_clear(w1); acb_clear(h);
    acb_clear(t);
    mag_clear(tol); mag_clear(m);
    return 0;
}

ntk_status
_gauss_expect2_nested(arb_t res, const ntk_act_t act, int deriv,
                      const arb_t alpha, const arb_t beta, const arb_t c,
                      const arb_t s, slong prec)
{
    n_outer o;
    gauss_growth_t g;
    arb_t au, bu, cu, su, t, u, B2, scale, Tin, b, tail, zero;
    arb_poly_t pa, qh, pr;
    acb_t xa, xb, r;
    arb_ptr mm;
    acb_calc_integrate_opt_t opt;
    ntk_status st = NTK_SUCCESS;
    slong wp = prec + 20, P, i, npieces;
    double Td, bd, lim[5];
    int cut;

    if (arb_is_zero(s))
    {
        /* |c| = 1 exactly: v = beta c x, a one-dimensional integral */
        slong ord[2];
        arb_ptr sig = _arb_vec_init(2);
        ord[0] = ord[1] = deriv;
        arb_set(sig, alpha);
        arb_mul(sig + 1, beta, c, wp);
        st = _gauss_expect1_general(res, act, ord, sig, 2, 0, prec);
        _arb_vec_clear(sig, 2);
        return st;
    }
    if (!arb_is_positive(s))
        return ntk_error_set(NTK_UNABLE, "Gaussian kernel: correlation ball "
                             "touches +-1 (degenerate); narrow the input");

    _gauss_growth_init(g);
    arb_init(o.T1); arb_init(o.T); arb_init(o.r);
    mag_init(o.tol);
    mag_init(o.hscale);
    arb_init(au); arb_init(bu); arb_init(cu); arb_init(su); arb_init(t);
    arb_init(u); arb_init(B2); arb_init(scale); arb_init(Tin); arb_init(b);
    arb_init(tail); arb_init(zero);
    arb_poly_init(pa); arb_poly_init(qh); arb_poly_init(pr);
    acb_init(xa); acb_init(xb); acb_init(r);

    st = _gauss_growth(g, act, 2, 0, wp);
    if (st != NTK_SUCCESS)
        goto cleanup;
    arb_set(o.r, g->r);
    st = _gauss_growth(g, act, 2, deriv, wp);
    if (st != NTK_SUCCESS)
        goto cleanup;
    P = g->P;
    mm = _arb_vec_init(P + 1);
    _gauss_abs_moments(mm, P + 1, wp);

    _gauss_ub(au, alpha, wp);
    _gauss_ub(bu, beta, wp);
    _gauss_ub(cu, c, wp);
    _gauss_ub(su, s, wp);

    /* |phi(alpha x)| <= pa(|x|);  |H(x)| <= qh(|x|) with
       qh = A + B' (|c|^P t^P + s^P m_P), B' = B beta^P 2^(P-1) */
    _gauss_poly_growth(pa, g, au, zero, wp);
    arb_pow_ui(B2, bu, (ulong) P, wp);
    arb_mul(B2, B2, g->B, wp);
    arb_mul_2exp_si(B2, B2, P - 1);
    arb_pow_ui(t, su, (ulong) P, wp);
    arb_mul(t, t, mm + P, wp);
    arb_mul(t, t, B2, wp);
    arb_add(t, t, g->A, wp);
    arb_poly_zero(qh);
    arb_poly_set_coeff_arb(qh, 0, t);
    arb_pow_ui(u, cu, (ulong) P, wp);
    arb_mul(u, u, B2, wp);
    arb_poly_set_coeff_arb(qh, P, u);
    arb_poly_mul(pr, pa, qh, wp);
    _gauss_poly_full(scale, pr, wp);

    Td = _gauss_plan_T((double) prec + 10, 2 * P);
    arb_set_d(o.T, Td);
    arb_set(o.T1, o.T);
    arb_set(Tin, o.T);

    /* outer breakpoint b ~ s T / |c| */
    cut = 0;
    bd = Td;
    if (!arb_contains_zero(c))
    {
        arb_abs(u, c);
        arb_mul(t, s, o.T, wp);
        arb_div(t, t, u, wp);
        bd = arf_get_d(arb_midref(t), ARF_RND_NEAR);
        if (bd < Td)
        {
            cut = 1;
            arb_set_d(b, bd);
            arb_mul(t, u, b, wp);
            arb_div(t, t, s, wp);                /* |c| b / s */
            _gauss_ub(u, t, wp);
            arb_max(o.T1, o.T, u, wp);
            _gauss_lb(u, t, wp);
            arb_min(Tin, o.T, u, wp);
        }
        else
            bd = Td;
    }
    if (!cut)
    {
        /* window [cx - s T1, cx + s T1] must contain 0 for |x| <= T:
           T1 >= |c| T / s */
        arb_mul(t, cu, o.T, wp);
        arb_div(t, t, s, wp);
        _gauss_ub(t, t, wp);
        arb_max(o.T1, o.T, t, wp);
    }

    /* tails: proofs/tails.md, Lemma T3 */
    _gauss_poly_tail(tail, pr, o.T, wp);
    arb_mul_2exp_si(tail, tail, 1);
    {
        arb_ptr M = _arb_vec_init(P + 1);
        arb_poly_t ri;
        arb_poly_init(ri);
        _gauss_tail_moments(M, Tin, P + 1, wp);
        arb_pow_ui(t, su, (ulong) P, wp);
        arb_mul(t, t, B2, wp);
        arb_mul(t, t, M + P, wp);
        arb_addmul(t, g->A, M, wp);
        arb_mul_2exp_si(t, t, 1);
        arb_poly_zero(ri);
        arb_poly_set_coeff_arb(ri, 0, t);
        arb_pow_ui(u, cu, (ulong) P, wp);
        arb_mul(u, u, B2, wp);
        arb_mul(u, u, M, wp);
        arb_mul_2exp_si(u, u, 1);
        arb_poly_set_coeff_arb(ri, P, u);
        arb_poly_mul(ri, ri, pa, wp);
        _gauss_poly_full(t, ri, wp);
        arb_add(tail, tail, t, wp);
        _arb_vec_clear(M, P + 1);
        arb_poly_clear(ri);
    }
    _arb_vec_clear(mm, P + 1);

    o.act = act;
    o.k = deriv;
    o.alpha = alpha; o.beta = beta; o.c = c; o.s = s;
    o.goal = prec;
    arb_get_mag(o.tol, scale);
    mag_mul_2exp_si(o.tol, o.tol, -prec - 8);
    /* size of H: q_H at |x| = T (crude, only steers tolerances) */
    arb_set(t, o.T);
    arb_poly_evaluate(t, qh, t, wp);
    arb_get_mag(o.hscale, t);
    mag_mul_2exp_si(o.hscale, o.hscale, -6);

    if (cut)
    {
        lim[0] = -Td; lim[1] = -bd; lim[2] = 0; lim[3] = bd; lim[4] = Td;
        npieces = 4;
    }
    else
    {
        lim[0] = -Td; lim[1] = 0; lim[2] = Td;
        npieces = 2;
    }
    acb_calc_integrate_opt_init(opt);
    opt->eval_limit = 100 * wp + 10000;
    arb_zero(res);
    for (i = 0; i < npieces; i++)
    {
        double xm = 0.5 * (lim[i] + lim[i + 1]);
        o.side_a = xm > 0 ? 1 : -1;
        o.mode = 0;
        if (cut && (i == 0 || i == npieces - 1))
            o.mode = (xm > 0) == arb_is_positive(c) ? 1 : -1;
        acb_set_d(xa, lim[i]);
        acb_set_d(xb, lim[i + 1]);
        acb_calc_integrate(r, outer_func, &o, xa, xb, prec, o.tol, opt, wp);
        arb_add(res, res, acb_realref(r), wp);
    }
    _gauss_add_error(res, tail);
    arb_set_round(res, res, prec);
    if (!arb_is_finite(res))
        st = ntk_error_set(NTK_UNABLE, "Gaussian kernel: quadrature did not "
                           "give a finite enclosure");

cleanup:
    _gauss_growth_clear(g);
    arb_clear(o.T1); arb_clear(o.T); arb_clear(o.r);
    mag_clear(o.tol);
    mag_clear(o.hscale);
    arb_clear(au); arb_clear(bu); arb_clear(cu); arb_clear(su); arb_clear(t);
    arb_clear(u); arb_clear(B2); arb_clear(scale); arb_clear(Tin);
    arb_clear(b); arb_clear(tail); arb_clear(zero);
    arb_poly_clear(pa); arb_poly_clear(qh); arb_poly_clear(pr);
    acb_clear(xa); acb_clear(xb); acb_clear(r);
    return st;
}
