/*
 * src/act/elu.c -- phi(x) = x (x > 0), alpha (e^x - 1) (x < 0); elu is
 * alpha = 1, elu:ALPHA any exact decimal.
 *
 * Kernels in semi-closed form (Phi, exp, Owen's T; src/act/owent.c) for
 * the family L x / M (e^x - 1) shared with SELU (proofs/activations.md,
 * Lemmas A22-A27); the quadrature path stays available (method quad)
 * and is the test oracle (tests/act/t-act-elu.c).
 *
 * Branches: +1: z;  -1: alpha (e^z - 1) (res[0] by expm1, no cancellation
 * near 0; res[j] = alpha e^z / j!).
 * Smoothness: phi' is continuous iff alpha = 1 (then phi'' jumps: 2),
 * otherwise 1.
 * Growth: branch +1: |z|; branch -1 on Re z <= r: |alpha| (e^r + 1), r = 1
 * (proofs/activations.md, Lemma A12).
 */
#include "act_impl.h"

void
_ntk_act_expm1_series(acb_ptr res, const arb_t m, const acb_t z, slong len,
                      slong prec)
{
    acb_t e;
    slong j;
    acb_init(e);
    if (len > 1)
    {
        acb_exp(e, z, prec);
        acb_mul_arb(e, e, m, prec);
        acb_set(res + 1, e);
        for (j = 2; j < len; j++)
            acb_div_ui(res + j, res + j - 1, (ulong) j, prec);
    }
    acb_expm1(res, z, prec);
    acb_mul_arb(res, res, m, prec);
    acb_clear(e);
}

ntk_status
_ntk_act_elu_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                 int branch, slong len, slong prec)
{
    arb_t m;
    _acb_vec_zero(res, len);
    if (branch > 0)
    {
        acb_set(res, z);
        if (len > 1)
            acb_one(res + 1);
        return NTK_SUCCESS;
    }
    arb_init(m);
    arb_set_fmpq(m, act->alpha, prec);
    _ntk_act_expm1_series(res, m, z, len, prec);
    arb_clear(m);
    return NTK_SUCCESS;
}

void
_ntk_act_elu_growth(arb_t A, arb_t B, arb_t r, slong *p,
                    const ntk_act_struct *act, int branch, slong prec)
{
    *p = 1;
    arb_one(r);
    if (branch > 0)
    {
        arb_zero(A);
        arb_one(B);
    }
    else
    {
        /* |alpha (e^z - 1)| <= |alpha| (e^(Re z) + 1) <= |alpha| (e + 1) */
        arb_const_e(A, prec);
        arb_add_ui(A, A, 1, prec);
        arb_set_fmpq(B, act->alpha, prec);
        arb_abs(B, B);
        arb_mul(A, A, B, prec);
        arb_zero(B);
    }
}

/* ---------------------------------------------------------------------- */
/* Closed-form kernels (proofs/activations.md, Lemmas A22-A26)             */
/*
 * phi(x) = L x (x > 0), M (e^x - 1) (x < 0); (u, v) ~ N(0, S),
 * sigma_i = sqrt(s_ii), c = cos theta, s = sin theta = sqrt(1 - c^2),
 * B(H, G) = (Phi(H) - 1/2) Q(G) - T(G, H/G)   (Lemma A24), and
 *   t1(sg) = Q(sg)/2 + B(c sg, s sg)   = P(u' > -c sg', ...) (Lemma A25)
 *   t2(sg) = Q(sg)/2 - B(c sg, s sg)
 *   t3     = -B(sigma1 + c sigma2, sigma2 s) - B(sigma2 + c sigma1, sigma1 s)
 * Lemma A26:
 *   K1 = L^2 (pi - theta)/(2 pi) + L M (e^(s22/2) t1(sigma2)
 *        + e^(s11/2) t1(sigma1)) + M^2 e^((s11 + 2 s12 + s22)/2) t3
 *   K0 = L^2 sigma1 sigma2 (s + (pi - theta) c)/(2 pi)
 *        + L M (C(sigma1, sigma2) + C(sigma2, sigma1)) + M^2 GG,
 *   C(sa, sb) = sa [ (expm1(sb^2 s^2/2) Q(sb s) - (Phi(sb s) - 1/2)) / sqrt(2 pi)
 *                    + c sb e^(sb^2/2) t1(sb) ]
 *   GG = e^((s11 + 2 s12 + s22)/2) t3 - e^(s11/2) t2(sigma1)
 *        - e^(s22/2) t2(sigma2) + (pi - theta)/(2 pi).
 */
/* Phi(x) - 1/2 = erf(x / sqrt 2) / 2 */
static void
normal_half_elu(arb_t res, const arb_t x, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_rsqrt_ui(t, 2, prec);
    arb_mul(t, t, x, prec);
    arb_hypgeom_erf(res, t, prec);
    arb_mul_2exp_si(res, res, -1);
    arb_clear(t);
}

static void
elu_core(arb_t res, const arb_t L, const arb_t M, int deriv,
         const arb_t s11, const arb_t s12, const arb_t s22, const arb_t c,
         const arb_t s, const arb_t theta, slong prec)
{
    arb_t sg1, sg2, b1, b2, Q1, Q2, e1, e2, E, t3, t, u, w, pth, tp;
    slong wp = prec + 10;

    arb_init(sg1);
    arb_init(sg2);
    arb_init(b1);
    arb_init(b2);
    arb_init(Q1);
    arb_init(Q2);
    arb_init(e1);
    arb_init(e2);
    arb_init(E);
    arb_init(t3);
    arb_init(t);
    arb_init(u);
    arb_init(w);
    arb_init(pth);
    arb_init(tp);

    arb_sqrtpos(sg1, s11, wp);
    arb_sqrtpos(sg2, s22, wp);
    /* b_i = B(c sigma_i, s sigma_i) */
    arb_mul(t, c, sg1, wp);
    arb_mul(u, s, sg1, wp);
    _ntk_act_owen_B(b1, t, u, wp);
    if (arb_equal(s11, s22))
        arb_set(b2, b1);
    else
    {
        arb_mul(t, c, sg2, wp);
        arb_mul(u, s, sg2, wp);
        _ntk_act_owen_B(b2, t, u, wp);
    }
    _ntk_act_normal_sf(Q1, sg1, wp);
    if (arb_equal(s11, s22))
        arb_set(Q2, Q1);
    else
        _ntk_act_normal_sf(Q2, sg2, wp);
    arb_mul_2exp_si(e1, s11, -1);
    arb_exp(e1, e1, wp);
    arb_mul_2exp_si(e2, s22, -1);
    arb_exp(e2, e2, wp);
    /* t3 */
    arb_mul(t, c, sg2, wp);
    arb_add(t, t, sg1, wp);
    arb_mul(u, s, sg2, wp);
    _ntk_act_owen_B(t3, t, u, wp);
    if (arb_equal(s11, s22))
        arb_set(w, t3);
    else
    {
        arb_mul(t, c, sg1, wp);
        arb_add(t, t, sg2, wp);
        arb_mul(u, s, sg1, wp);
        _ntk_act_owen_B(w, t, u, wp);
    }
    arb_add(t3, t3, w, wp);
    arb_neg(t3, t3);
    /* E = exp((s11 + 2 s12 + s22)/2) */
    arb_add(E, s11, s22, wp);
    arb_mul_2exp_si(E, E, -1);
    arb_add(E, E, s12, wp);
    arb_exp(E, E, wp);
    /* (pi - theta) / (2 pi) */
    arb_const_pi(tp, wp);
    arb_sub(pth, tp, theta, wp);
    arb_mul_2exp_si(tp, tp, 1);
    arb_div(pth, pth, tp, wp);

    if (deriv == 1)
    {
        arb_sqr(t, L, wp);
        arb_mul(res, t, pth, wp);
        arb_mul_2exp_si(t, Q2, -1);
        arb_add(t, t, b2, wp);
        arb_mul(t, t, e2, wp);
        arb_mul_2exp_si(u, Q1, -1);
        arb_add(u, u, b1, wp);
        arb_addmul(t, u, e1, wp);
        arb_mul(t, t, L, wp);
        arb_addmul(res, t, M, wp);
        arb_mul(t, E, t3, wp);
        arb_mul(t, t, M, wp);
        arb_addmul(res, t, M, prec);
        goto cleanup;
    }

    /* L^2 sigma1 sigma2 (s + (pi - theta) c) / (2 pi)
       = L^2 sigma1 sigma2 (s / (2 pi) + c pth) */
    arb_div(t, s, tp, wp);
    arb_addmul(t, c, pth, wp);
    arb_mul(t, t, sg1, wp);
    arb_mul(t, t, sg2, wp);
    arb_mul(t, t, L, wp);
    arb_mul(res, t, L, wp);

    /* cross terms C(sigma1, sigma2) + C(sigma2, sigma1) */
    {
        int i;
        arb_t cr, x, y;
        arb_init(cr);
        arb_init(x);
        arb_init(y);
        arb_zero(cr);
        for (i = 0; i < 2; i++)
        {
            if (i == 1 && arb_equal(s11, s22))
            {
                /* equal variances: C(sigma2, sigma1) = C(sigma1, sigma2) */
                arb_mul_2exp_si(cr, cr, 1);
                break;
            }
            const arb_struct *sa = i ? sg2 : sg1;
            const arb_struct *sb = i ? sg1 : sg2;
            const arb_struct *bb = i ? b1 : b2;
            const arb_struct *Qb = i ? Q1 : Q2;
            const arb_struct *eb = i ? e1 : e2;
            /* x = sb s */
            arb_mul(x, sb, s, wp);
            arb_sqr(y, x, wp);
            arb_mul_2exp_si(y, y, -1);
            arb_expm1(y, y, wp);
            _ntk_act_normal_sf(u, x, wp);
            arb_mul(y, y, u, wp);
            normal_half_elu(u, x, wp);
            arb_sub(y, y, u, wp);
            arb_const_pi(u, wp);
            arb_mul_2exp_si(u, u, 1);
            arb_rsqrt(u, u, wp);
            arb_mul(y, y, u, wp);
            /* + c sb eb t1(sb) */
            arb_mul_2exp_si(u, Qb, -1);
            arb_add(u, u, bb, wp);
            arb_mul(u, u, eb, wp);
            arb_mul(u, u, sb, wp);
            arb_addmul(y, u, c, wp);
            arb_addmul(cr, y, sa, wp);
        }
        arb_mul(cr, cr, L, wp);
        arb_addmul(res, cr, M, wp);
        arb_clear(cr);
        arb_clear(x);
        arb_clear(y);
    }

    /* GG */
    arb_mul(w, E, t3, wp);
    arb_mul_2exp_si(t, Q1, -1);
    arb_sub(t, t, b1, wp);
    arb_submul(w, t, e1, wp);
    arb_mul_2exp_si(t, Q2, -1);
    arb_sub(t, t, b2, wp);
    arb_submul(w, t, e2, wp);
    arb_add(w, w, pth, wp);
    arb_mul(w, w, M, wp);
    arb_addmul(res, w, M, prec);

cleanup:
    arb_clear(sg1);
    arb_clear(sg2);
    arb_clear(b1);
    arb_clear(b2);
    arb_clear(Q1);
    arb_clear(Q2);
    arb_clear(e1);
    arb_clear(e2);
    arb_clear(E);
    arb_clear(t3);
    arb_clear(t);
    arb_clear(u);
    arb_clear(w);
    arb_clear(pth);
    arb_clear(tp);
}

/* E[phi'(u)^2] = L^2/2 + M^2 e^(2q) Q(2 sqrt q) and
   E[phi(u)^2]  = L^2 q/2 + M^2 (e^(2q) Q(2 sqrt q) - 2 e^(q/2) Q(sqrt q) + 1/2)
   (Lemma A26 (c)) */
static void
elu_moment2(arb_t res, const arb_t L, const arb_t M, int deriv, const arb_t q,
            slong prec)
{
    arb_t sg, t, u;
    arb_init(sg);
    arb_init(t);
    arb_init(u);
    arb_sqrtpos(sg, q, prec);
    arb_mul_2exp_si(t, sg, 1);
    _ntk_act_normal_sf(t, t, prec);
    arb_mul_2exp_si(u, q, 1);
    arb_exp(u, u, prec);
    arb_mul(t, t, u, prec);                /* e^(2q) Q(2 sigma) */
    if (deriv == 0)
    {
        _ntk_act_normal_sf(u, sg, prec);
        arb_mul_2exp_si(sg, q, -1);
        arb_exp(sg, sg, prec);
        arb_mul(u, u, sg, prec);
        arb_mul_2exp_si(u, u, 1);
        arb_sub(t, t, u, prec);
        arb_set_d(u, 0.5);
        arb_add(t, t, u, prec);
    }
    arb_mul(t, t, M, prec);
    arb_mul(t, t, M, prec);
    arb_sqr(u, L, prec);
    arb_mul_2exp_si(u, u, -1);
    if (deriv == 0)
        arb_mul(u, u, q, prec);
    arb_add(res, t, u, prec);
    arb_clear(sg);
    arb_clear(t);
    arb_clear(u);
}

ntk_status
_ntk_act_elu_kernel_lm(arb_t res, const arb_t L, const arb_t M, int deriv,
                       const arb_t s11, const arb_t s12, const arb_t s22,
                       const arb_t c, slong prec)
{
    arb_t s, theta, t;
    if (arb_equal(s11, s12) && arb_equal(s11, s22))
    {
        /* one variance ball q for a diagonal entry (c = 1 exactly,
           conventions.md section 1): the 1D closed form, smooth in q */
        elu_moment2(res, L, M, deriv, s11, prec);
        return NTK_SUCCESS;
    }
    arb_init(s);
    arb_init(theta);
    arb_init(t);
    /* s = sqrt((1 - c)(1 + c)) */
    arb_sub_ui(s, c, 1, prec + 10);
    arb_neg(s, s);
    arb_add_ui(t, c, 1, prec + 10);
    arb_mul(s, s, t, prec + 10);
    _ntk_act_clamp(s, 0, 1, prec + 10);
    arb_sqrtpos(s, s, prec + 10);
    _ntk_act_theta_c(theta, c, prec + 10);
    elu_core(res, L, M, deriv, s11, s12, s22, c, s, theta, prec);
    arb_clear(s);
    arb_clear(theta);
    arb_clear(t);
    return NTK_SUCCESS;
}

slong
_ntk_act_elu_eps_prec(const arb_t eps, slong prec)
{
    slong ex = arf_abs_bound_lt_2exp_si(arb_midref(eps));
    if (arf_is_zero(arb_midref(eps)) || ex >= 0)
        return prec + 30;
    return prec + 30 + FLINT_MIN(-ex, 64 * prec);
}

ntk_status
_ntk_act_elu_kernel_eps_lm(arb_t res, const arb_t L, const arb_t M, int deriv,
                           const arb_t q, const arb_t eps, slong prec)
{
    arb_t c, s, theta, s12, t, k1;
    mag_t rad;
    slong wp;

    arb_init(c);
    arb_init(s);
    arb_init(theta);
    arb_init(s12);
    arb_init(t);
    arb_init(k1);
    mag_init(rad);

    if (deriv == 1)
    {
        wp = prec + 10;
        arb_sub_ui(c, eps, 1, wp);
        arb_neg(c, c);
        _ntk_act_clamp(c, -1, 1, wp);
        arb_sub_ui(s, eps, 2, wp);
        arb_neg(s, s);
        arb_mul(s, s, eps, wp);
        _ntk_act_clamp(s, 0, 1, wp);
        arb_sqrtpos(s, s, wp);
        _ntk_act_theta_eps(theta, eps, wp);
        arb_mul(s12, q, c, wp);
        elu_core(res, L, M, 1, q, s12, q, c, s, theta, prec);
        goto cleanup;
    }

    /* deriv 0 (proofs/activations.md, Lemma A27): Delta0(q, eps) =
       q int_{1-eps}^1 K1 dr with |K1| <= K1(1) = E[phi'^2] (Cauchy-Schwarz),
       and |d Delta0 / dq| <= P^2 eps with P = max(|L|, |M|) the Lipschitz
       constant of phi and of x phi'(x); so evaluate at the exact midpoints
       and add  q_hi K1(1) rad(eps) + P^2 eps_hi rad(q). */
    elu_moment2(k1, L, M, 1, q, prec + 10);
    arb_get_mag(rad, k1);
    {
        mag_t qm;
        mag_init(qm);
        arb_get_mag(qm, q);
        mag_mul(rad, rad, qm);
        mag_clear(qm);
    }
    if (!arb_is_positive(eps))
    {
        /* the ball reaches eps = 0: 0 <= Delta0 <= q K1(1) eps_hi */
        mag_t e;
        mag_init(e);
        arb_get_mag(e, eps);
        mag_mul(rad, rad, e);
        arb_zero(res);
        arb_add_error_mag(res, rad);
        _ntk_act_clamp_nonneg(res, prec);
        mag_clear(e);
        goto cleanup;
    }
    mag_mul(rad, rad, arb_radref(eps));
    {
        mag_t p2, e;
        arb_t m, qm;
        mag_init(p2);
        mag_init(e);
        arb_init(m);
        arb_init(qm);
        arb_get_mag(p2, L);
        arb_get_mag(e, M);
        mag_max(p2, p2, e);
        mag_mul(p2, p2, p2);
        arb_get_mag(e, eps);
        mag_mul(p2, p2, e);
        mag_mul(p2, p2, arb_radref(q));
        mag_add(rad, rad, p2);
        arf_set(arb_midref(m), arb_midref(eps));
        arf_set(arb_midref(qm), arb_midref(q));
        /* Lemma A27: the direct difference K0(1) - K0(1 - eps) at the
           exact point loses about log2(1/eps) bits to cancellation; the
           working precision pays for them */
        wp = _ntk_act_elu_eps_prec(eps, prec);
        arb_sub_ui(c, m, 1, wp);
        arb_neg(c, c);
        arb_sub_ui(s, m, 2, wp);
        arb_neg(s, s);
        arb_mul(s, s, m, wp);
        _ntk_act_clamp(s, 0, 1, wp);
        arb_sqrtpos(s, s, wp);
        _ntk_act_theta_eps(theta, m, wp);
        arb_mul(s12, qm, c, wp);
        elu_core(t, L, M, 0, qm, s12, qm, c, s, theta, wp);
        elu_moment2(res, L, M, 0, qm, wp);
        arb_sub(res, res, t, prec);
        arb_add_error_mag(res, rad);
        _ntk_act_clamp_nonneg(res, prec);
        arb_clear(m);
        arb_clear(qm);
        mag_clear(p2);
        mag_clear(e);
    }

cleanup:
    arb_clear(c);
    arb_clear(s);
    arb_clear(theta);
    arb_clear(s12);
    arb_clear(t);
    arb_clear(k1);
    mag_clear(rad);
    return NTK_SUCCESS;
}

ntk_status
_ntk_act_elu_kernel(arb_t res, const ntk_act_struct *act, int deriv,
                    const arb_t s11, const arb_t s12, const arb_t s22,
                    const arb_t c, slong prec)
{
    arb_t L, M;
    ntk_status st;
    arb_init(L);
    arb_init(M);
    arb_one(L);
    arb_set_fmpq(M, act->alpha, prec + 10);
    st = _ntk_act_elu_kernel_lm(res, L, M, deriv, s11, s12, s22, c, prec);
    arb_clear(L);
    arb_clear(M);
    return st;
}

ntk_status
_ntk_act_elu_kernel_eps(arb_t res, const ntk_act_struct *act, int deriv,
                        const arb_t q, const arb_t eps, slong prec)
{
    arb_t L, M;
    ntk_status st;
    arb_init(L);
    arb_init(M);
    arb_one(L);
    /* M exact to the working precision of Lemma A27 */
    arb_set_fmpq(M, act->alpha, _ntk_act_elu_eps_prec(eps, prec) + 64);
    st = _ntk_act_elu_kernel_eps_lm(res, L, M, deriv, q, eps, prec);
    arb_clear(L);
    arb_clear(M);
    return st;
}
