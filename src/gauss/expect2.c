/*
 * expect2.c -- two-dimensional Gaussian kernels E[phi^(k)(u) phi^(k)(v)],
 * (u, v) ~ N(0, S), k = deriv in {0, 1}.
 *
 * Coordinates (proofs/tails.md, section 3): u = alpha x, v = beta (c x + s y)
 * with x, y independent N(0, 1), alpha = sqrt(s11), beta = sqrt(s22),
 * c = s12 / (alpha beta), s = sqrt(1 - c^2) = sqrt((1 - c)(1 + c)).
 *
 *  - single-branch (smooth) activations: tensor trapezoidal rule on R^2
 *    (Lemma Q2), with a lattice of nodes so that the inner arguments
 *    c x_j + s y_k = Delta (m1 j + m2 k) repeat and phi is evaluated once
 *    per lattice point (see _gauss_expect2_trap);
 *  - piecewise activations: nested acb_calc_integrate with the kink line
 *    handled exactly (Lemma T3), in expect2_nested.c.
 */
#include <math.h>
#include "gauss_internal.h"

static ntk_status
check_cov(const arb_t s11, const arb_t s12, const arb_t s22)
{
    if (!arb_is_positive(s11) || !arb_is_positive(s22))
        return ntk_error_set(NTK_DOMAIN, "covariance: s11 and s22 must be "
                             "> 0");
    if (!arb_is_finite(s12))
        return ntk_error_set(NTK_DOMAIN, "covariance: s12 is not finite");
    return NTK_SUCCESS;
}

ntk_status
ntk_gauss_expect2(arb_t res, const ntk_act_t act, int deriv, const arb_t s11,
                  const arb_t s12, const arb_t s22, slong prec)
{
    arb_t alpha, beta, c, s, t, one;
    ntk_status st;
    slong wp = prec + 20;

    if (deriv != 0 && deriv != 1)
        return ntk_error_set(NTK_DOMAIN, "Gaussian kernel: deriv = %d must "
                             "be 0 or 1", deriv);
    if (deriv > ntk_act_smoothness(act))
        return ntk_error_set(NTK_DOMAIN, "activation '%s': phi' has a Dirac "
                             "part (smoothness 0)", act->name);
    st = check_cov(s11, s12, s22);
    if (st != NTK_SUCCESS)
        return st;

    arb_init(alpha); arb_init(beta); arb_init(c); arb_init(s); arb_init(t);
    arb_init(one);
    arb_sqrt(alpha, s11, wp);
    arb_sqrt(beta, s22, wp);
    arb_mul(t, alpha, beta, wp);
    arb_div(c, s12, t, wp);
    /* c^2 <= 1 is required; balls that stick out are intersected */
    arb_one(one);
    {
        arb_t lo;
        arb_init(lo);
        _gauss_interval_si(lo, -1, 1);
        if (!arb_overlaps(c, lo))
        {
            arb_clear(lo);
            st = ntk_error_set(NTK_DOMAIN, "covariance: s12^2 > s11 s22 "
                               "(not positive semidefinite)");
            goto cleanup;
        }
        if (!arb_contains(lo, c))
            arb_intersection(c, c, lo, wp);
        arb_clear(lo);
    }
    /* s = sqrt((1 - c)(1 + c)), no cancellation near |c| = 1 */
    arb_sub_ui(t, c, 1, wp);
    arb_neg(t, t);
    arb_add_ui(s, c, 1, wp);
    arb_mul(s, s, t, wp);
    if (arb_contains_negative(s))
    {
        /* clamp the part of the ball below 0 (from rounding) */
        arb_t z;
        arb_init(z);
        _gauss_interval_si(z, 0, 1);
        arb_intersection(s, s, z, wp);
        arb_clear(z);
    }
    arb_sqrt(s, s, wp);

    /* equal variances near c = 1: E[f^2] - (1/2) E[(f(u) - f(v))^2] with
       the second term by the (a, b) form (expect2_eps_ab.c), f = phi^(k);
       the nested / lattice rules become slow when s is small */
    if (arb_equal(s11, s22) && arb_is_positive(s12))
    {
        arb_t eps, lim;
        int near;
        arb_init(eps); arb_init(lim);
        arb_sub(eps, s11, s12, wp);
        arb_div(eps, eps, s11, wp);
        arb_one(lim);
        arb_mul_2exp_si(lim, lim, ntk_act_is_piecewise(act) ? -4 : -14);
        near = arb_is_positive(eps) && arb_le(eps, lim);
        if (near)
        {
            slong ord[2];
            ord[0] = ord[1] = deriv;
            st = ntk_gauss_expect1(t, act, ord, 2, 0, s11, prec + 10);
            if (st == NTK_SUCCESS)
                st = _gauss_expect2_eps_ab(one, act, deriv, s11, eps, prec + 10);
            if (st == NTK_SUCCESS)
            {
                arb_sub(res, t, one, prec + 10);
                arb_set_round(res, res, prec);
            }
        }
        arb_clear(eps); arb_clear(lim);
        if (near)
            goto cleanup;
    }

    if (ntk_act_is_piecewise(act))
        st = _gauss_expect2_nested(res, act, deriv, alpha, beta, c, s, prec);
    else
        st = _gauss_expect2_trap(res, act, deriv, alpha, beta, c, s, prec);

cleanup:
    arb_clear(alpha); arb_clear(beta); arb_clear(c); arb_clear(s);
    arb_clear(t); arb_clear(one);
    return st;
}

/* ------------------------------------------------------------------ */
/* tensor trapezoidal rule, single-branch activations                  */

static void
dyadic_step(arb_t h, double hd)
{
    arb_set_d(h, floor(hd * 1073741824.0));
    arb_mul_2exp_si(h, h, -30);
}

/* v[N + j] = phi^(k)(j t), j = -N..N (two progressions from 0) */
static ntk_status
ap_values(arb_ptr v, const ntk_act_t act, slong k, const arb_t t, slong N,
          slong prec)
{
    ntk_status st;
    arb_t mt;
    arb_ptr neg = _arb_vec_init(N + 1);
    slong j;

    arb_init(mt);
    arb_neg(mt, t);
    st = ntk_act_values_ap(v + N, act, k, t, N + 1, prec);
    if (st == NTK_SUCCESS)
        st = ntk_act_values_ap(neg, act, k, mt, N + 1, prec);
    if (st == NTK_SUCCESS)
        for (j = 1; j <= N; j++)
            arb_swap(v + N - j, neg + j);
    _arb_vec_clear(neg, N + 1);
    arb_clear(mt);
    return st;
}

static ntk_status
trap_once(arb_t res, const ntk_act_t act, slong k, const arb_t alpha,
          const arb_t beta, const arb_t c, const arb_t s, double bits,
          mag_t disc, slong prec)
{
    gauss_growth_t g;
    arb_t au, bu, cu, su, dx, dy, hx, hy, Delta, t, u, x, z, M, e, Tx, Ty;
    arb_t S0, S1, St, m1c, tot, zero, ax_z, e0, e1;
    arb_ptr wy = NULL, vals = NULL, jet = NULL, H = NULL, wa = NULL;
    arb_ptr gx = NULL, gy = NULL;
    slong *Kj = NULL;
    arb_poly_t p, q, pq;
    ntk_status st = NTK_SUCCESS;
    slong wp = prec + 20, Jx, Ky, N = 0, j, kk, m1 = 0, m2 = 0, sgn = 1;
    double axd, hxd, ayd, hyd, Txd, Tyd, r_d;
    int lattice = 0;
    mag_t tm;

    mag_init(tm);
    mag_inf(disc);
    _gauss_growth_init(g);
    arb_init(au); arb_init(bu); arb_init(cu); arb_init(su); arb_init(dx);
    arb_init(dy); arb_init(hx); arb_init(hy); arb_init(Delta); arb_init(t);
    arb_init(u); arb_init(x); arb_init(z); arb_init(M); arb_init(e);
    arb_init(Tx); arb_init(Ty); arb_init(S0); arb_init(S1); arb_init(St); arb_init(m1c);
    arb_init(tot); arb_init(zero); arb_init(ax_z); arb_init(e0); arb_init(e1);
    arb_poly_init(p); arb_poly_init(q); arb_poly_init(pq);

    /* for phi' a small Cauchy radius (r/8) keeps the strip wide */
    st = _gauss_growth_rho(g, act, 0, k, 3, wp);
    if (st != NTK_SUCCESS)
        goto cleanup;
    if (g->P != 1)
    {
        st = ntk_error_set(NTK_UNABLE, "activation '%s': trapezoidal kernel "
                           "needs linear growth", act->name);
        goto cleanup;
    }
    _gauss_ub(au, alpha, wp);
    _gauss_ub(bu, beta, wp);
    _gauss_ub(cu, c, wp);
    _gauss_ub(su, s, wp);
    {
        arb_ptr mm = _arb_vec_init(2);
        _gauss_abs_moments(mm, 2, wp);
        arb_set(m1c, mm + 1);                 /* E|Z| = sqrt(2/pi) */
        _arb_vec_clear(mm, 2);
    }

    /* strips (Lemma Q2): alpha a_x <= r, beta |c| a_x <= r, beta s a_y <= r */
    r_d = arf_get_d(arb_midref(g->r), ARF_RND_DOWN) * (1 - 1e-9);
    {
        double aud = _gauss_ub_d(au), bud = _gauss_ub_d(bu);
        double cud = _gauss_ub_d(cu), sud = _gauss_ub_d(su);
        double m = aud > bud * cud ? aud : bud * cud;
        double dxmax = r_d / m;
        double dymax = (bud * sud > 0) ? r_d / (bud * sud) : 1e300;
        _gauss_plan_trap(&axd, &hxd, dxmax, bits);
        _gauss_plan_trap(&ayd, &hyd, dymax, bits);
    }
    Txd = _gauss_plan_T(bits, 2);
    Tyd = _gauss_plan_T(bits, 1);

    /* lattice of inner arguments (see header comment) */
    if (!arb_contains_zero(c) && arb_is_positive(s))
    {
        double cm = fabs(arf_get_d(arb_midref(c), ARF_RND_NEAR));
        double sm = arf_get_d(arb_midref(s), ARF_RND_NEAR);
        double uu = cm * hxd, vv = sm * hyd, cnt, full;
        sgn = arb_is_positive(c) ? 1 : -1;
        if (uu <= vv)
        {
            m1 = 1;
            m2 = (slong) floor(vv / uu);
            if (m2 < 1) m2 = 1;
            hyd = (double) m2 * uu / sm;
        }
        else
        {
            m2 = 1;
            m1 = (slong) floor(uu / vv);
            if (m1 < 1) m1 = 1;
            hxd = (double) m1 * vv / cm;
        }
        cnt = 2.0 * ((double) m1 * ceil(Txd / hxd) + (double) m2 * ceil(Tyd / hyd)) + 1;
        full = (2.0 * ceil(Txd / hxd) + 1) * (2.0 * ceil(Tyd / hyd) + 1);
        lattice = (m1 < 1000000 && m2 < 1000000 && cnt < 0.5 * full);
    }

    if (lattice)
    {
        arb_abs(u, c);                         /* |c| as a ball */
        if (m1 == 1)
        {
            dyadic_step(hx, hxd);             /* exact */
            arb_mul(Delta, u, hx, wp);         /* |c| h_x */
            arb_mul_si(hy, Delta, m2, wp);
            arb_div(hy, hy, s, wp);            /* s h_y = m2 Delta */
        }
        else
        {
            dyadic_step(hy, hyd);
            arb_mul(Delta, s, hy, wp);         /* s h_y */
            arb_mul_si(hx, Delta, m1, wp);
            arb_div(hx, hx, u, wp);            /* |c| h_x = m1 Delta */
        }
    }
    else
    {
        dyadic_step(hx, hxd);
        dyadic_step(hy, hyd);
    }
    Jx = (slong) ceil(Txd / arf_get_d(arb_midref(hx), ARF_RND_NEAR));
    Ky = (slong) ceil(Tyd / arf_get_d(arb_midref(hy), ARF_RND_NEAR));
    arb_mul_si(Tx, hx, Jx, wp);
    arb_mul_si(Ty, hy, Ky, wp);
    _gauss_lb(Tx, Tx, wp);
    _gauss_lb(Ty, Ty, wp);

    /* inner weights h_y gamma(y_k), k = -Ky..Ky; gy[k] = gamma(k h_y) and
       gx[j] = gamma(j h_x) by recurrence (both kept for the bounds) */
    wy = _arb_vec_init(2 * Ky + 1);
    gy = _arb_vec_init(Ky + 1);
    gx = _arb_vec_init(Jx + 1);
    _gauss_density_grid(gy, hy, Ky + 1, wp);
    _gauss_density_grid(gx, hx, Jx + 1, wp);
    for (kk = 0; kk <= Ky; kk++)
    {
        arb_mul(wy + Ky + kk, gy + kk, hy, wp);
        arb_set(wy + Ky - kk, wy + Ky + kk);
    }
    /* disk truncation: inner node range |k| <= Kj[j] with
       (Kj h_y)^2 ~ T^2 - x_j^2 (at least 4): far from the origin in x the
       inner sum needs fewer nodes; Lemma Q2 (E3) bounds each omitted part */
    Kj = flint_malloc(sizeof(slong) * (2 * Jx + 1));
    {
        double hyd2 = arf_get_d(arb_midref(hy), ARF_RND_NEAR);
        double hxd2 = arf_get_d(arb_midref(hx), ARF_RND_NEAR);
        for (j = -Jx; j <= Jx; j++)
        {
            double xj = (double) j * hxd2, t2 = Txd * Txd - xj * xj;
            slong kj;
            if (t2 < 16.0)
                t2 = 16.0;
            kj = (slong) ceil(sqrt(t2) / hyd2);
            Kj[Jx + j] = kj < Ky ? kj : Ky;
        }
    }
    jet = _arb_vec_init(k + 1);
    H = _arb_vec_init(2 * Jx + 1);
    wa = _arb_vec_init(2 * Jx + 1);

    if (lattice)
    {
        N = m1 * Jx + m2 * Ky;
        vals = _arb_vec_init(2 * N + 1);
        arb_mul(t, Delta, beta, wp);
        st = ap_values(vals, act, k, t, N, wp);
        if (st != NTK_SUCCESS)
            goto cleanup;
        for (j = -Jx; j <= Jx; j++)
        {
            slong kj = Kj[Jx + j];
            slong start = sgn * m1 * j - m2 * kj + N;
            /* H_j is multiplied by gamma(x_j) <= 2^(-x_j^2 / (2 ln 2)):
               fewer bits suffice far out (the ball stays an enclosure) */
            double xj = (double) j * hxd;
            slong pj = wp - (slong) (xj * xj / (2 * GAUSS_LN2));
            if (pj < 64)
                pj = 64;
            arb_dot(H + Jx + j, NULL, 0, wy + Ky - kj, 1, vals + start, m2,
                    2 * kj + 1, pj);
        }
    }
    else
    {
        vals = _arb_vec_init(2 * Ky + 1);
        for (j = -Jx; j <= Jx; j++)
        {
            arb_mul_si(x, hx, j, wp);
            arb_mul(x, x, c, wp);             /* c x_j */
            slong kj = Kj[Jx + j];
            for (kk = -kj; kk <= kj; kk++)
            {
                arb_mul_si(z, hy, kk, wp);
                arb_mul(z, z, s, wp);
                arb_add(z, z, x, wp);
                arb_mul(z, z, beta, wp);
                st = _gauss_jet_real(jet, act, z, 0, k + 1, wp);
                if (st != NTK_SUCCESS)
                    goto cleanup;
                arb_swap(vals + Ky + kk, jet + k);
            }
            arb_dot(H + Jx + j, NULL, 0, wy + Ky - kj, 1, vals + Ky - kj, 1,
                    2 * kj + 1, wp);
        }
    }

    /* outer: wa_j = h_x gamma(x_j) phi^(k)(alpha x_j); also the sums
       S0 = sum h_x gamma |phi_a|, S1 = sum h_x gamma |phi_a| |x_j| */
    arb_mul(t, hx, alpha, wp);
    st = ap_values(wa, act, k, t, Jx, wp);     /* phi^(k)(alpha x_j) */
    if (st != NTK_SUCCESS)
        goto cleanup;
    for (j = -Jx; j <= Jx; j++)
    {
        arb_mul_si(x, hx, j, wp);
        arb_mul(u, gx + FLINT_ABS(j), hx, wp);
        arb_mul(wa + Jx + j, u, wa + Jx + j, wp);
        /* bounds only: upper bounds at low precision */
        arb_abs(t, wa + Jx + j);
        _gauss_ub(t, t, GAUSS_BOUND_PREC);
        arb_add(S0, S0, t, GAUSS_BOUND_PREC);
        arb_abs(z, x);
        arb_addmul(S1, t, z, GAUSS_BOUND_PREC);
    }
    arb_dot(tot, NULL, 0, wa, 1, H, 1, 2 * Jx + 1, wp);

    /* ---- error bounds (proofs/tails.md, Lemma Q2) ---- */
    arb_set_d(dx, axd);
    arb_set_d(dy, ayd);
    /* E1: outer trapezoid, M_x = e^{a^2/2} E[p(|x|) q(|x|)],
       p = A + B alpha (|x| + a), q = A + B beta (|c|(|x| + a) + s E|y|) */
    arb_mul(ax_z, au, dx, wp);
    _gauss_poly_growth(p, g, au, ax_z, wp);
    arb_mul(t, cu, dx, wp);
    arb_addmul(t, su, m1c, wp);
    arb_mul(t, t, bu, wp);
    arb_mul(u, bu, cu, wp);
    _gauss_ub(u, u, wp);
    _gauss_poly_growth(q, g, u, t, wp);
    arb_poly_mul(pq, p, q, wp);
    _gauss_poly_full(M, pq, wp);
    arb_sqr(e, dx, wp);
    arb_mul_2exp_si(e, e, -1);
    arb_exp(e, e, wp);
    arb_mul(M, M, e, wp);
    _gauss_trap_error(e, M, dx, hx, wp);
    _gauss_add_error(tot, e);
    arb_get_mag(disc, e);

    /* E2: omitted outer nodes |x_j| > Tx: 2 int_{Tx}^oo gamma p0 q0 */
    _gauss_poly_growth(p, g, au, zero, wp);
    arb_mul(t, su, m1c, wp);
    arb_mul(t, t, bu, wp);
    _gauss_poly_growth(q, g, u, t, wp);
    arb_poly_mul(pq, p, q, wp);
    _gauss_poly_tail(e, pq, Tx, wp);
    arb_mul_2exp_si(e, e, 1);
    _gauss_add_error(tot, e);
    arb_get_mag(tm, e);
    mag_add(disc, disc, tm);

    /* E3: inner error e_y(x) = e0 + e1 |x| at each node, times S0, S1 */
    {
        arb_t fac, ey;
        arb_init(fac); arb_init(ey);
        /* trapezoid: 2/(e^{2 pi a_y/h_y} - 1) e^{a_y^2/2} (A + B beta (|c||x|
           + s a_y + s E|y|)) */
        arb_one(M);
        _gauss_trap_error(fac, M, dy, hy, wp);
        arb_sqr(e, dy, wp);
        arb_mul_2exp_si(e, e, -1);
        arb_exp(e, e, wp);
        arb_mul(fac, fac, e, wp);
        arb_add(t, dy, m1c, wp);
        arb_mul(t, t, su, wp);
        arb_mul(t, t, bu, wp);
        arb_mul(t, t, g->B, wp);
        arb_add(t, t, g->A, wp);
        arb_mul(e0, fac, t, wp);
        arb_mul(e1, fac, g->B, wp);
        arb_mul(e1, e1, bu, wp);
        arb_mul(e1, e1, cu, wp);
        /* omitted inner nodes, per outer node (T_j = Kj h_y):
           2 [(A + B beta |c| |x_j|) M_0(T_j) + B beta s M_1(T_j)], with
           M_0(T) <= gamma(T)/T (Lemma T1) and M_1(T) = gamma(T) */
        arb_zero(St);
        for (j = -Jx; j <= Jx; j++)
        {
            /* an upper bound: low precision suffices (balls throughout);
               gamma(T_j) = gy[K_j] since T_j = K_j h_y */
            const slong bp = GAUSS_BOUND_PREC;
            arb_t Tj, gj, xa;
            arb_init(Tj); arb_init(gj); arb_init(xa);
            arb_mul_si(Tj, hy, Kj[Jx + j], bp);
            _gauss_lb(Tj, Tj, bp);
            _gauss_ub(gj, gy + Kj[Jx + j], bp);
            arb_mul_si(xa, hx, j, bp);
            arb_abs(xa, xa);
            arb_mul(t, g->B, bu, bp);
            arb_mul(t, t, cu, bp);
            arb_mul(t, t, xa, bp);
            arb_add(t, t, g->A, bp);
            arb_div(t, t, Tj, bp);                 /* (A + B beta|c||x|)/T_j */
            arb_mul(u, g->B, bu, bp);
            arb_mul(u, u, su, bp);
            arb_add(t, t, u, bp);
            arb_mul(t, t, gj, bp);
            arb_mul_2exp_si(t, t, 1);
            arb_abs(u, wa + Jx + j);
            _gauss_ub(u, u, bp);
            arb_addmul(St, t, u, bp);
            arb_clear(Tj); arb_clear(gj); arb_clear(xa);
        }
        arb_mul(ey, e0, S0, wp);
        arb_addmul(ey, e1, S1, wp);
        arb_add(ey, ey, St, wp);
        _gauss_ub(ey, ey, wp);
        _gauss_add_error(tot, ey);
        arb_get_mag(tm, ey);
        mag_add(disc, disc, tm);
        arb_clear(fac); arb_clear(ey);
    }
    arb_set_round(res, tot, prec);

cleanup:
    mag_clear(tm);
    _gauss_growth_clear(g);
    arb_clear(au); arb_clear(bu); arb_clear(cu); arb_clear(su); arb_clear(dx);
    arb_clear(dy); arb_clear(hx); arb_clear(hy); arb_clear(Delta);
    arb_clear(t); arb_clear(u); arb_clear(x); arb_clear(z); arb_clear(M);
    arb_clear(e); arb_clear(Tx); arb_clear(Ty); arb_clear(S0); arb_clear(S1); arb_clear(St);
    arb_clear(m1c); arb_clear(tot); arb_clear(zero); arb_clear(ax_z);
    arb_clear(e0); arb_clear(e1);
    arb_poly_clear(p); arb_poly_clear(q); arb_poly_clear(pq);
    if (wy) _arb_vec_clear(wy, 2 * Ky + 1);
    if (gy) _arb_vec_clear(gy, Ky + 1);
    if (gx) _arb_vec_clear(gx, Jx + 1);
    if (vals) _arb_vec_clear(vals, lattice ? 2 * N + 1 : 2 * Ky + 1);
    if (jet) _arb_vec_clear(jet, k + 1);
    if (H) _arb_vec_clear(H, 2 * Jx + 1);
    if (wa) _arb_vec_clear(wa, 2 * Jx + 1);
    if (Kj) flint_free(Kj);
    return st;
}

ntk_status
_gauss_expect2_trap(arb_t res, const ntk_act_t act, int deriv,
                    const arb_t alpha, const arb_t beta, const arb_t c,
                    const arb_t s, slong prec)
{
    double bits = (double) prec + 10;
    ntk_status st = NTK_SUCCESS;
    mag_t disc, goal;
    int pass;

    mag_init(disc);
    mag_init(goal);
    for (pass = 0; pass < 3; pass++)
    {
        slong ra;
        st = trap_once(res, act, deriv, alpha, beta, c, s, bits, disc, prec);
        if (st != NTK_SUCCESS)
            break;
        ra = arb_rel_accuracy_bits(res);
        if (ra >= prec - 2 || arb_contains_zero(res))
            break;
        /* more nodes reduce only the discretisation part E1 + E2 + E3 of
           the radius; once it is below 2^-prec |res|, the rest of the
           radius comes from the input balls and rounding, and a further
           pass would cost more and gain nothing */
        arb_get_mag_lower(goal, res);
        mag_mul_2exp_si(goal, goal, -prec);
        if (mag_cmp(disc, goal) <= 0)
            break;
        bits += (double) (prec - ra) + 8;
    }
    mag_clear(disc);
    mag_clear(goal);
    return st;
}
