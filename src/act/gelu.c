/*
 * src/act/gelu.c -- phi(x) = x Phi(x) (exact GELU), Phi the standard
 * normal cdf, entire.  phi'(x) = Phi(x) + x varphi(x), varphi = Phi'.
 *
 * Jet: Phi(z + t) = (1 + erf((z + t)/sqrt 2)) / 2 (or erfc(-(z + t)/sqrt 2)/2
 * for Re z < 0, which keeps relative accuracy in the left tail), times z + t.
 * Growth: |phi(z)| <= (1 + (r / sqrt(2 pi)) e^(r^2/2)) |z| on |Im z| <= r
 * (proofs/activations.md, Lemma A7).
 * Kernels (proofs/activations.md, Lemma A18), a = 1 + s11, b = 1 + s22,
 * rho = s12, D = a b - rho^2:
 *   E[phi(u) phi(v)] = rho/4 + rho asin(rho / sqrt(a b)) / (2 pi)
 *                    + (s11 s22 - rho^2 + rho^2 (1/a + 1/b)) / (2 pi sqrt D)
 *   E[phi'(u) phi'(v)] = 1/4 + asin(rho / sqrt(a b)) / (2 pi)
 *                    + rho (1/a + 1/b) / (2 pi sqrt D) + rho / (2 pi D^(3/2))
 * and the cancellation-free difference form of Lemma A18 (c).
 */
#include "act_impl.h"

/* res[0..len) = Phi(z + t) */
static void
phi_cdf_series(acb_ptr res, const acb_t z, slong len, slong prec)
{
    acb_struct h[2];
    arb_t s;
    int left = arf_sgn(arb_midref(acb_realref(z))) < 0;
    acb_init(h);
    acb_init(h + 1);
    arb_init(s);
    arb_rsqrt_ui(s, 2, prec);
    acb_mul_arb(h, z, s, prec);
    acb_set_arb(h + 1, s);
    if (left)
    {
        /* Phi(x) = erfc(-x / sqrt 2) / 2 */
        acb_neg(h, h);
        acb_neg(h + 1, h + 1);
        _acb_hypgeom_erfc_series(res, h, FLINT_MIN(2, len), len, prec);
    }
    else
    {
        _acb_hypgeom_erf_series(res, h, FLINT_MIN(2, len), len, prec);
        acb_add_ui(res, res, 1, prec);
    }
    _acb_vec_scalar_mul_2exp_si(res, res, len, -1);
    acb_clear(h);
    acb_clear(h + 1);
    arb_clear(s);
}

ntk_status
_ntk_act_gelu_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                  int branch, slong len, slong prec)
{
    acb_ptr g = _acb_vec_init(len);
    phi_cdf_series(g, z, len, prec);
    _ntk_act_mul_by_var(res, z, g, len, prec);
    _acb_vec_clear(g, len);
    return NTK_SUCCESS;
}

void
_ntk_act_gelu_growth(arb_t A, arb_t B, arb_t r, slong *p,
                     const ntk_act_struct *act, int branch, slong prec)
{
    /* r = 1: B = 1 + e^(1/2) / sqrt(2 pi)  (Lemma A7) */
    arb_t t;
    arb_init(t);
    *p = 1;
    arb_one(r);
    arb_zero(A);
    arb_const_pi(t, prec);
    arb_mul_2exp_si(t, t, 1);
    arb_rsqrt(t, t, prec);
    arb_set_d(B, 0.5);
    arb_exp(B, B, prec);
    arb_mul(B, B, t, prec);
    arb_add_ui(B, B, 1, prec);
    arb_clear(t);
}

ntk_status
_ntk_act_gelu_kernel(arb_t res, const ntk_act_struct *act, int deriv,
                     const arb_t s11, const arb_t s12, const arb_t s22,
                     const arb_t c, slong prec)
{
    arb_t a, b, D, sD, as, w, t, pi2;
    arb_init(a);
    arb_init(b);
    arb_init(D);
    arb_init(sD);
    arb_init(as);
    arb_init(w);
    arb_init(t);
    arb_init(pi2);

    arb_const_pi(pi2, prec);
    arb_mul_2exp_si(pi2, pi2, 1);              /* 2 pi */
    arb_add_ui(a, s11, 1, prec);
    arb_add_ui(b, s22, 1, prec);
    /* D = 1 + s11 + s22 + (s11 s22 - rho^2), the bracket >= 0 */
    arb_mul(w, s11, s22, prec);
    arb_submul(w, s12, s12, prec);
    _ntk_act_clamp_nonneg(w, prec);
    arb_add(D, s11, s22, prec);
    arb_add_ui(D, D, 1, prec);
    arb_add(D, D, w, prec);
    arb_sqrtpos(sD, D, prec);
    /* asin(rho / sqrt(a b)) / (2 pi) */
    arb_mul(t, a, b, prec);
    arb_rsqrt(t, t, prec);
    arb_mul(t, t, s12, prec);
    _ntk_act_clamp(t, -1, 1, prec);
    _ntk_act_asin(as, t, prec);
    arb_div(as, as, pi2, prec);
    /* h = 1/a + 1/b */
    arb_inv(t, a, prec);
    arb_inv(b, b, prec);
    arb_add(b, b, t, prec);                    /* b := 1/a + 1/b */

    if (deriv == 0)
    {
        /* rho/4 + rho as + (w + rho^2 h) / (2 pi sqrt D) */
        arb_sqr(t, s12, prec);
        arb_mul(t, t, b, prec);
        arb_add(t, t, w, prec);
        arb_div(t, t, sD, prec);
        arb_div(t, t, pi2, prec);
        arb_set_d(a, 0.25);
        arb_add(a, a, as, prec);
        arb_mul(a, a, s12, prec);
        arb_add(res, a, t, prec);
    }
    else
    {
        /* 1/4 + as + rho h / (2 pi sqrt D) + rho / (2 pi D^(3/2)) */
        arb_mul(t, s12, b, prec);
        arb_div(t, t, sD, prec);
        arb_mul(w, sD, D, prec);
        arb_div(w, s12, w, prec);
        arb_add(t, t, w, prec);
        arb_div(t, t, pi2, prec);
        arb_add(t, t, as, prec);
        arb_set_d(a, 0.25);
        arb_add(res, a, t, prec);
    }
    arb_clear(a);
    arb_clear(b);
    arb_clear(D);
    arb_clear(sD);
    arb_clear(as);
    arb_clear(w);
    arb_clear(t);
    arb_clear(pi2);
    return NTK_SUCCESS;
}

ntk_status
_ntk_act_gelu_kernel_eps(arb_t res, const ntk_act_struct *act, int deriv,
                         const arb_t q, const arb_t eps, slong prec)
{
    arb_t a, rho, e2, d2, Aq, Ar, sq, sr, x, t, u, pi2;
    arb_init(a);
    arb_init(rho);
    arb_init(e2);
    arb_init(d2);
    arb_init(Aq);
    arb_init(Ar);
    arb_init(sq);
    arb_init(sr);
    arb_init(x);
    arb_init(t);
    arb_init(u);
    arb_init(pi2);

    arb_const_pi(pi2, prec);
    arb_mul_2exp_si(pi2, pi2, 1);
    arb_add_ui(a, q, 1, prec);                 /* a = 1 + q */
    arb_sub_ui(rho, eps, 1, prec);
    arb_neg(rho, rho);
    arb_mul(rho, rho, q, prec);                /* rho = q (1 - eps) */
    arb_sub_ui(e2, eps, 2, prec);
    arb_neg(e2, e2);
    arb_mul(e2, e2, eps, prec);
    _ntk_act_clamp_nonneg(e2, prec);           /* eps (2 - eps) */
    arb_mul(d2, e2, q, prec);
    arb_mul(d2, d2, q, prec);                  /* q^2 - rho^2 */
    arb_mul_2exp_si(Aq, q, 1);
    arb_add_ui(Aq, Aq, 1, prec);               /* a^2 - q^2 = 1 + 2q */
    arb_add(Ar, Aq, d2, prec);                 /* a^2 - rho^2 */
    arb_sqrtpos(sq, Aq, prec);
    arb_sqrtpos(sr, Ar, prec);

    if (deriv == 1)
    {
        /* 1/4 + asin(rho/a)/(2 pi) + 2 rho / (a 2 pi sqrt Ar)
                + rho / (2 pi Ar^(3/2)) */
        arb_div(t, rho, a, prec);
        _ntk_act_clamp(t, -1, 1, prec);
        _ntk_act_asin(t, t, prec);
        arb_mul(u, a, sr, prec);
        arb_div(u, rho, u, prec);
        arb_mul_2exp_si(u, u, 1);
        arb_add(t, t, u, prec);
        arb_mul(u, Ar, sr, prec);
        arb_div(u, rho, u, prec);
        arb_add(t, t, u, prec);
        arb_div(t, t, pi2, prec);
        arb_set_d(u, 0.25);
        arb_add(res, t, u, prec);
        goto cleanup;
    }

    /* proofs/activations.md, Lemma A18 (c):
       K(q) - K(rho) = q eps / 4
         + [ q eps asin(q/a) + rho (asin(q/a) - asin(rho/a)) ] / (2 pi)
         + [ (q^2 - rho^2)(2/a - 1) / sqrt(Aq)
             + N(rho) (q^2 - rho^2) / (sqrt(Aq) sqrt(Ar) (sqrt(Aq) + sqrt(Ar))) ] / (2 pi)
       N(rho) = q^2 + rho^2 (2/a - 1). */
    arb_div(x, q, a, prec);                    /* x = q / a */
    arb_div(t, Aq, a, prec);
    arb_div(t, t, a, prec);                    /* 1 - x^2 = (1 + 2q)/a^2 */
    _ntk_act_asin_diff(u, x, t, eps, prec);
    arb_mul(u, u, rho, prec);
    _ntk_act_clamp(x, 0, 1, prec);
    _ntk_act_asin(t, x, prec);
    arb_mul(t, t, q, prec);
    arb_mul(t, t, eps, prec);
    arb_add(u, u, t, prec);                    /* first bracket */

    arb_inv(x, a, prec);
    arb_mul_2exp_si(x, x, 1);
    arb_sub_ui(x, x, 1, prec);                 /* 2/a - 1 */
    arb_mul(t, d2, x, prec);
    arb_div(t, t, sq, prec);
    arb_add(u, u, t, prec);
    arb_sqr(t, rho, prec);
    arb_mul(t, t, x, prec);
    arb_addmul(t, q, q, prec);                 /* N(rho) */
    arb_mul(t, t, d2, prec);
    arb_add(x, sq, sr, prec);
    arb_mul(x, x, sq, prec);
    arb_mul(x, x, sr, prec);
    arb_div(t, t, x, prec);
    arb_add(u, u, t, prec);
    arb_div(u, u, pi2, prec);

    arb_mul(t, q, eps, prec);
    arb_mul_2exp_si(t, t, -2);
    arb_add(res, t, u, prec);
    /* E phi^2 - E phi(u) phi(v) = E (phi(u) - phi(v))^2 / 2 >= 0 */
    _ntk_act_clamp_nonneg(res, prec);

cleanup:
    arb_clear(a);
    arb_clear(rho);
    arb_clear(e2);
    arb_clear(d2);
    arb_clear(Aq);
    arb_clear(Ar);
    arb_clear(sq);
    arb_clear(sr);
    arb_clear(x);
    arb_clear(t);
    arb_clear(u);
    arb_clear(pi2);
    return NTK_SUCCESS;
}
