/*
 * src/act/relu_pow.c -- rectified monomials phi(x) = max(x, 0)^n, n >= 1
 * (relu_pow:K; relu_pow:1 is relu, relu_pow:0 is parsed as step).
 *
 * Branches: -1: 0, +1: z^n.
 * Kernels (Cho & Saul's arc-cosine kernel of degree n): for standard X, Y
 * of correlation c = cos theta let k_n(c) = E[relu^n(X) relu^n(Y)]
 * = J_n(theta) / (2 pi).  Then (proofs/activations.md, Lemma A15)
 *   k_0 = (pi - theta) / (2 pi),
 *   k_1 = (sin theta + (pi - theta) c) / (2 pi),
 *   k_n = (2n - 1) c k_{n-1} + (n - 1)^2 (1 - c^2) k_{n-2}   (n >= 2),
 * and
 *   E[phi(u) phi(v)]   = (s11 s22)^(n/2) k_n(c),
 *   E[phi'(u) phi'(v)] = n^2 (s11 s22)^((n-1)/2) k_{n-1}(c).
 * Differences D_n = k_n(1) - k_n(1 - eps) follow Lemma A16:
 *   D_0 = theta / (2 pi),  D_1 = (theta - sin theta + eps (pi - theta)) / (2 pi),
 *   D_n = (2n-1) D_{n-1} + eps ((2n-1) k_{n-1} - (n-1)^2 (2 - eps) k_{n-2}).
 */
#include "act_impl.h"

ntk_status
_ntk_act_relu_pow_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                      int branch, slong len, slong prec)
{
    slong n = (slong) act->k, j;
    acb_t p;
    fmpz_t bin;

    _acb_vec_zero(res, len);
    if (branch < 0)
        return NTK_SUCCESS;
    acb_init(p);
    fmpz_init(bin);
    /* res[j] = binomial(n, j) z^(n - j) */
    acb_one(p);
    for (j = FLINT_MIN(n, len - 1); j >= 0; j--)
    {
        if (j == FLINT_MIN(n, len - 1))
            acb_pow_ui(p, z, (ulong) (n - j), prec);
        else
            acb_mul(p, p, z, prec);
        fmpz_bin_uiui(bin, (ulong) n, (ulong) j);
        acb_mul_fmpz(res + j, p, bin, prec);
    }
    acb_clear(p);
    fmpz_clear(bin);
    return NTK_SUCCESS;
}

void
_ntk_act_relu_pow_growth(arb_t A, arb_t B, arb_t r, slong *p,
                         const ntk_act_struct *act, int branch, slong prec)
{
    /* |z^n| = |z|^n (proofs/activations.md, Lemma A4) */
    arb_zero(A);
    arb_one(r);
    /* p = n on both branches (0 * |z|^n on branch -1), so that callers
       combining the two branches' bounds see one exponent */
    *p = (slong) act->k;
    if (branch < 0)
        arb_zero(B);
    else
        arb_one(B);
}

/* k[0..n] = k_j(c) for c = cos theta, s2 = sin^2 theta, st = sin theta */
static void
kvec(arb_ptr k, slong n, const arb_t c, const arb_t theta, const arb_t s2,
     const arb_t st, slong prec)
{
    arb_t pi, t;
    slong j;
    arb_init(pi);
    arb_init(t);
    arb_const_pi(pi, prec);
    arb_sub(t, pi, theta, prec);               /* pi - theta */
    arb_div(k, t, pi, prec);
    arb_mul_2exp_si(k, k, -1);
    if (n >= 1)
    {
        arb_mul(t, t, c, prec);
        arb_add(t, t, st, prec);
        arb_div(k + 1, t, pi, prec);
        arb_mul_2exp_si(k + 1, k + 1, -1);
    }
    for (j = 2; j <= n; j++)
    {
        arb_mul(t, c, k + j - 1, prec);
        arb_mul_ui(k + j, t, (ulong) (2 * j - 1), prec);
        arb_mul(t, s2, k + j - 2, prec);
        arb_mul_ui(t, t, (ulong) ((j - 1) * (j - 1)), prec);
        arb_add(k + j, k + j, t, prec);
        /* k_j(c) >= 0 (expectation of a nonnegative function) */
        _ntk_act_clamp_nonneg(k + j, prec);
    }
    arb_clear(pi);
    arb_clear(t);
}

ntk_status
_ntk_act_relu_pow_kernel(arb_t res, const ntk_act_struct *act, int deriv,
                         const arb_t s11, const arb_t s12, const arb_t s22,
                         const arb_t c, slong prec)
{
    slong n = (slong) act->k, m = n - deriv;
    arb_ptr k = _arb_vec_init(n + 1);
    arb_t theta, s2, st, t;
    arb_init(theta);
    arb_init(s2);
    arb_init(st);
    arb_init(t);

    _ntk_act_theta_c(theta, c, prec);
    arb_sub_ui(s2, c, 1, prec);
    arb_neg(s2, s2);
    arb_add_ui(t, c, 1, prec);
    arb_mul(s2, s2, t, prec);
    _ntk_act_clamp_nonneg(s2, prec);
    arb_sqrtpos(st, s2, prec);
    kvec(k, m, c, theta, s2, st, prec);

    /* (s11 s22)^(m/2) k_m, times n^2 for the derivative kernel */
    arb_mul(t, s11, s22, prec);
    arb_sqrtpos(t, t, prec);
    arb_pow_ui(t, t, (ulong) m, prec);
    arb_mul(res, t, k + m, prec);
    if (deriv)
        arb_mul_ui(res, res, (ulong) (n * n), prec);

    _arb_vec_clear(k, n + 1);
    arb_clear(theta);
    arb_clear(s2);
    arb_clear(st);
    arb_clear(t);
    return NTK_SUCCESS;
}

ntk_status
_ntk_act_relu_pow_kernel_eps(arb_t res, const ntk_act_struct *act, int deriv,
                             const arb_t q, const arb_t eps, slong prec)
{
    slong n = (slong) act->k, j;
    arb_ptr k = _arb_vec_init(n + 1);
    arb_t theta, c, s2, st, t, u, d, pi;
    arb_init(theta);
    arb_init(c);
    arb_init(s2);
    arb_init(st);
    arb_init(t);
    arb_init(u);
    arb_init(d);
    arb_init(pi);

    _ntk_act_theta_eps(theta, eps, prec);
    arb_sub_ui(c, eps, 1, prec);
    arb_neg(c, c);                             /* c = 1 - eps */
    arb_sub_ui(s2, eps, 2, prec);
    arb_neg(s2, s2);
    arb_mul(s2, s2, eps, prec);                /* sin^2 = eps (2 - eps) */
    _ntk_act_clamp_nonneg(s2, prec);
    arb_sqrtpos(st, s2, prec);
    kvec(k, n, c, theta, s2, st, prec);

    if (deriv == 1)
    {
        arb_pow_ui(t, q, (ulong) (n - 1), prec);
        arb_mul(res, t, k + n - 1, prec);
        arb_mul_ui(res, res, (ulong) (n * n), prec);
        goto cleanup;
    }

    /* D_1 = (theta - sin theta + eps (pi - theta)) / (2 pi) */
    arb_const_pi(pi, prec);
    _ntk_act_theta_minus_sin(d, theta, prec);
    arb_sub(t, pi, theta, prec);
    arb_addmul(d, t, eps, prec);
    arb_div(d, d, pi, prec);
    arb_mul_2exp_si(d, d, -1);
    for (j = 2; j <= n; j++)
    {
        /* D_j = (2j-1) D_{j-1} + eps ((2j-1) k_{j-1} - (j-1)^2 (2 - eps) k_{j-2}) */
        arb_mul_ui(t, k + j - 1, (ulong) (2 * j - 1), prec);
        arb_sub_ui(u, eps, 2, prec);
        arb_neg(u, u);
        arb_mul(u, u, k + j - 2, prec);
        arb_mul_ui(u, u, (ulong) ((j - 1) * (j - 1)), prec);
        arb_sub(t, t, u, prec);
        arb_mul(t, t, eps, prec);
        arb_mul_ui(d, d, (ulong) (2 * j - 1), prec);
        arb_add(d, d, t, prec);
    }
    /* k_n(1) - k_n(c) >= 0 (Cauchy-Schwarz) */
    _ntk_act_clamp_nonneg(d, prec);
    arb_pow_ui(t, q, (ulong) n, prec);
    arb_mul(res, d, t, prec);

cleanup:
    _arb_vec_clear(k, n + 1);
    arb_clear(theta);
    arb_clear(c);
    arb_clear(s2);
    arb_clear(st);
    arb_clear(t);
    arb_clear(u);
    arb_clear(d);
    arb_clear(pi);
    return NTK_SUCCESS;
}
