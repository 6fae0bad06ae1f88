/*
 * expect2_eps_ab.c -- the equal-variance difference form in the
 * coordinates a = (u + v)/2, b = (u - v)/2 (proofs/tails.md, Lemma E1):
 *
 *   E[phi(u)^2] - E[phi(u) phi(v)] = (1/2) E[(phi(a + b) - phi(a - b))^2]
 * (and the same with phi^(k), k = 1, in place of phi)
 *                                  = int_0^oo gamma(y) G(y) dy,
 *   G(y) = int gamma(x) D(x, y)^2 dx,  D = phi(sa x + sb y) - phi(sa x - sb y),
 *
 * a = sa x, b = sb y, x, y independent N(0, 1), sa^2 = q (2 - eps)/2,
 * sb^2 = q eps / 2.  Nothing of size E[phi^2] is ever subtracted: D is
 * formed directly (at prec + log2(1/sb) guard bits for point arguments,
 * and by the mean-value enclosure D in 2 b phi'(hull(a - b, a + b)) for
 * boxes, which keeps the holomorphy bounds of acb_calc_integrate of the
 * right size).  For a piecewise activation (kink at 0) the x-line is cut at
 * x = -kappa y and x = kappa y, kappa = sb/sa <= 1 (eps <= 1): on each
 * piece both arguments stay on one branch.
 */
#include <math.h>
#include "gauss_internal.h"

typedef struct
{
    const ntk_act_struct *act;
    arb_t sa, sb, kappa, T, r;
    int piecewise;
    slong k;            /* derivative order: phi^(k) throughout          */
    slong goal;
    mag_t tol;          /* absolute tolerance of the outer integral      */
}
ab_outer;

typedef struct
{
    const ab_outer *o;
    acb_t y, x0, dx;
    int b1, b2;         /* branches at a + b and a - b                   */
    int mv;             /* use the mean-value form for D                 */
}
ab_inner;

/* D = phi_b1(a + b) - phi_b2(a - b) */
static int
ab_D(acb_t D, const ab_inner *p, const acb_t x, slong order, slong prec)
{
    const ab_outer *o = p->o;
    acb_t a, b, z1, z2;
    acb_struct j1[3], j2[3];
    slong k = o->k;
    int ok = 1;

    acb_init(a); acb_init(b); acb_init(z1); acb_init(z2);
    acb_init(j1); acb_init(j1 + 1); acb_init(j1 + 2);
    acb_init(j2); acb_init(j2 + 1); acb_init(j2 + 2);
    acb_mul_arb(a, x, o->sa, prec);
    acb_mul_arb(b, p->y, o->sb, prec);
    acb_add(z1, a, b, prec);
    acb_sub(z2, a, b, prec);
    if (order == 1 && (!_gauss_in_domain(z1, o->r, p->b1)
                       || !_gauss_in_domain(z2, o->r, p->b2)))
    {
        ok = 0;
        goto done;
    }
    if (p->b1 == p->b2 && (p->mv || order == 1))
    {
        /* D = 2 b int_0^1 f'(a - b + 2 b t) dt in 2 b f'(hull), f the
           branch of phi^(k): the segment lies in the hull box, where the
           branch is analytic */
        acb_union(z1, z1, z2, prec);
        if (!_gauss_in_domain(z1, o->r, p->b1))
        {
            ok = 0;
            goto done;
        }
        if (_gauss_jet(j1, o->act, z1, p->b1, k + 2, prec) != NTK_SUCCESS)
        {
            ok = 0;
            goto done;
        }
        /* f' = (k+1)! jet[k+1] */
        acb_mul_ui(D, j1 + k + 1, (ulong) (k + 1), prec);
        acb_mul(D, D, b, prec);
        acb_mul_2exp_si(D, D, 1);
    }
    else
    {
        if (_gauss_jet(j1, o->act, z1, p->b1, k + 1, prec) != NTK_SUCCESS
            || _gauss_jet(j2, o->act, z2, p->b2, k + 1, prec) != NTK_SUCCESS)
        {
            ok = 0;
            goto done;
        }
        acb_sub(D, j1 + k, j2 + k, prec);     /* k <= 1: k! = 1 */
    }
done:
    acb_clear(a); acb_clear(b); acb_clear(z1); acb_clear(z2);
    acb_clear(j1); acb_clear(j1 + 1); acb_clear(j1 + 2);
    acb_clear(j2); acb_clear(j2 + 1); acb_clear(j2 + 2);
    return ok;
}

static int
ab_inner_func(acb_ptr out, const acb_t t, void *param, slong order, slong prec)
{
    ab_inner *p = (ab_inner *) param;
    acb_t x, D;
    acb_init(x); acb_init(D);
    acb_mul(x, t, p->dx, prec);
    acb_add(x, x, p->x0, prec);
    if (!ab_D(D, p, x, order, prec))
        acb_indeterminate(out);
    else
    {
        acb_sqr(D, D, prec);
        _gauss_density_acb(out, x, prec);
        acb_mul(out, out, D, prec);
        acb_mul(out, out, p->dx, prec);
    }
    acb_clear(x); acb_clear(D);
    return 0;
}

static void
ab_piece(acb_t res, const ab_outer *o, const acb_t y, const acb_t x0,
         const acb_t x1, int b1, int b2, int crude, const mag_t tol,
         slong prec)
{
    ab_inner p;
    acb_t a, b;
    acb_calc_integrate_opt_t opt;
    acb_init(p.y); acb_init(p.x0); acb_init(p.dx); acb_init(a); acb_init(b);
    p.o = o;
    p.b1 = b1;
    p.b2 = b2;
    p.mv = crude;
    acb_set(p.y, y);
    acb_set(p.x0, x0);
    acb_sub(p.dx, x1, x0, prec);
    acb_zero(a);
    acb_one(b);
    acb_calc_integrate_opt_init(opt);
    opt->eval_limit = crude ? 64 : 100 * prec + 10000;
    acb_calc_integrate(res, ab_inner_func, &p, a, b, crude ? 4 : o->goal, tol,
                       opt, prec);
    acb_clear(p.y); acb_clear(p.x0); acb_clear(p.dx); acb_clear(a);
    acb_clear(b);
}

static int
ab_outer_func(acb_ptr out, const acb_t y, void *param, slong order, slong prec)
{
    ab_outer *o = (ab_outer *) param;
    acb_t T, k, t;
    mag_t tol, m;
    int crude = (order == 1);

    acb_init(T); acb_init(k); acb_init(t);
    mag_init(tol); mag_init(m);
    _gauss_density_acb(out, y, prec);
    acb_get_mag(m, out);
    mag_set(tol, o->tol);
    if (crude)
        mag_mul_2exp_si(tol, tol, o->goal - 6);
    if (!mag_is_zero(m) && mag_is_finite(m))
        mag_div(tol, tol, m);
    acb_set_arb(T, o->T);
    if (!o->piecewise)
    {
        acb_neg(k, T);
        ab_piece(t, o, y, k, T, 0, 0, crude, tol, prec);
    }
    else
    {
        acb_t g, kl;
        acb_init(g); acb_init(kl);
        mag_mul_2exp_si(tol, tol, -2);
        acb_mul_arb(k, y, o->kappa, prec);          /* kappa y */
        acb_neg(kl, k);
        acb_neg(T, T);
        ab_piece(t, o, y, T, kl, -1, -1, crude, tol, prec);
        ab_piece(g, o, y, kl, k, 1, -1, crude, tol, prec);
        acb_add(t, t, g, prec);
        acb_neg(T, T);
        ab_piece(g, o, y, k, T, 1, 1, crude, tol, prec);
        acb_add(t, t, g, prec);
        acb_clear(g); acb_clear(kl);
    }
    acb_mul(out, out, t, prec);
    acb_clear(T); acb_clear(k); acb_clear(t);
    mag_clear(tol); mag_clear(m);
    return 0;
}

/* one evaluation with a given absolute tolerance */
static ntk_status
ab_once(arb_t res, ab_outer *o, const arb_t tail, slong prec)
{
    acb_t a, b, r;
    acb_calc_integrate_opt_t opt;
    acb_init(a); acb_init(b); acb_init(r);
    acb_zero(a);
    acb_set_arb(b, o->T);
    acb_calc_integrate_opt_init(opt);
    opt->eval_limit = 100 * prec + 10000;
    acb_calc_integrate(r, ab_outer_func, o, a, b, o->goal, o->tol, opt, prec);
    arb_set(res, acb_realref(r));
    _gauss_add_error(res, tail);
    acb_clear(a); acb_clear(b); acb_clear(r);
    if (!arb_is_finite(res))
        return ntk_error_set(NTK_UNABLE, "eps form: quadrature did not give "
                             "a finite enclosure");
    return NTK_SUCCESS;
}

ntk_status
_gauss_expect2_eps_ab(arb_t res, const ntk_act_t act, slong k, const arb_t q,
                      const arb_t eps, slong prec)
{
    ab_outer o;
    gauss_growth_t g;
    arb_t t, u, u0, u1, u2, tail, est;
    arb_ptr M, m;
    ntk_status st = NTK_SUCCESS;
    slong P, wp, guard;
    double Td;
    arf_t lb;

    arb_init(o.sa); arb_init(o.sb); arb_init(o.kappa); arb_init(o.T);
    arb_init(o.r);
    mag_init(o.tol);
    _gauss_growth_init(g);
    arb_init(t); arb_init(u); arb_init(u0); arb_init(u1); arb_init(u2);
    arb_init(tail); arb_init(est);
    arf_init(lb);

    o.act = act;
    o.piecewise = ntk_act_is_piecewise(act);
    o.k = k;

    /* guard bits: the cancellation in D costs log2(1/sb) bits */
    arb_get_lbound_arf(lb, eps, 53);
    guard = 24 + (1 - arf_abs_bound_lt_2exp_si(lb)) / 2;
    wp = prec + guard;

    /* sa = sqrt(q (2 - eps)/2), sb = sqrt(q eps/2), kappa = sb/sa */
    arb_sub_ui(t, eps, 2, wp);
    arb_neg(t, t);
    arb_mul(t, t, q, wp);
    arb_mul_2exp_si(t, t, -1);
    arb_sqrt(o.sa, t, wp);
    arb_mul(t, eps, q, wp);
    arb_mul_2exp_si(t, t, -1);
    arb_sqrt(o.sb, t, wp);
    arb_div(o.kappa, o.sb, o.sa, wp);

    st = _gauss_growth(g, act, o.piecewise ? 2 : 0, 0, wp);
    if (st != NTK_SUCCESS)
        goto cleanup;
    arb_set(o.r, g->r);                 /* analyticity region of the branches */
    st = _gauss_growth(g, act, o.piecewise ? 2 : 0, k, wp);   /* tails */
    if (st != NTK_SUCCESS)
        goto cleanup;
    P = g->P;

    /* truncation: result ~ eps, so aim the tail at 2^-(prec + log2(1/eps)) */
    Td = _gauss_plan_T((double) (prec + 2 * guard), 2 * P);
    arb_set_d(o.T, Td);

    /* tail bound (Lemma E1): |D| <= u0 + u1 |x|^P + u2 |y|^P */
    arb_mul_2exp_si(u0, g->A, 1);
    arb_pow_ui(u1, o.sa, (ulong) P, wp);
    arb_mul(u1, u1, g->B, wp);
    arb_mul_2exp_si(u1, u1, P);
    arb_pow_ui(u2, o.sb, (ulong) P, wp);
    arb_mul(u2, u2, g->B, wp);
    arb_mul_2exp_si(u2, u2, P);
    _gauss_ub(u0, u0, wp); _gauss_ub(u1, u1, wp); _gauss_ub(u2, u2, wp);
    M = _arb_vec_init(2 * P + 1);
    m = _arb_vec_init(2 * P + 1);
    _gauss_tail_moments(M, o.T, 2 * P + 1, wp);
    _gauss_abs_moments(m, 2 * P + 1, wp);
    /* part |x| > T: u0^2 M_0 + u1^2 M_2P + u2^2 M_0 m_2P
       part y > T  : u0^2 M_0 + u1^2 m_2P M_0 + u2^2 M_2P; times 3 */
    arb_sqr(t, u0, wp);
    arb_mul(tail, t, M, wp);
    arb_mul_2exp_si(tail, tail, 1);
    arb_sqr(t, u1, wp);
    arb_mul(u, M + 2 * P, t, wp);
    arb_add(tail, tail, u, wp);
    arb_mul(u, m + 2 * P, M, wp);
    arb_addmul(tail, u, t, wp);
    arb_sqr(t, u2, wp);
    arb_mul(u, M, m + 2 * P, wp);
    arb_addmul(tail, u, t, wp);
    arb_addmul(tail, M + 2 * P, t, wp);
    arb_mul_ui(tail, tail, 3, wp);
    _gauss_ub(tail, tail, wp);
    _arb_vec_clear(M, 2 * P + 1);
    _arb_vec_clear(m, 2 * P + 1);

    /* pass 1: the size of the result at low accuracy */
    o.goal = 16;
    arb_mul(t, o.sb, o.sb, wp);
    arb_get_mag(o.tol, t);
    mag_mul_2exp_si(o.tol, o.tol, -24);
    st = ab_once(est, &o, tail, 64 + guard);
    if (st != NTK_SUCCESS)
        goto cleanup;
    /* pass 2: absolute tolerance 2^-(prec + 6) |result| */
    o.goal = prec + 4;
    arb_get_mag_lower(o.tol, est);
    if (mag_is_zero(o.tol))
        arb_get_mag(o.tol, est);
    mag_mul_2exp_si(o.tol, o.tol, -prec - 6);
    st = ab_once(res, &o, tail, wp);
    if (st == NTK_SUCCESS)
        arb_set_round(res, res, prec);

cleanup:
    arb_clear(o.sa); arb_clear(o.sb); arb_clear(o.kappa); arb_clear(o.T);
    arb_clear(o.r);
    mag_clear(o.tol);
    _gauss_growth_clear(g);
    arb_clear(t); arb_clear(u); arb_clear(u0); arb_clear(u1); arb_clear(u2);
    arb_clear(tail); arb_clear(est);
    arf_clear(lb);
    return st;
}
