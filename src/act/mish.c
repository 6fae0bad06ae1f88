/*
 * src/act/mish.c -- phi(x) = x tanh(softplus(x)); quadrature path.
 *
 * With w = 1 + e^x, tanh(log w) = (w^2 - 1)/(w^2 + 1), so
 *   mish(z) = z n / (n + 2),  n = e^z (e^z + 2),
 * a meromorphic identity valid on all of C (no branch of log is involved,
 * tanh having period i pi; proofs/activations.md, Lemma A21 (c)).  For Re z >= 0 we use the equivalent
 *   n / (n + 2) = (1 + 2v) / (1 + 2v + 2v^2),  v = e^-z,
 * so that neither tail loses relative accuracy.
 * Growth: |arg(1 + e^z)| <= |Im z|, so for |Im z| <= 3/4 < pi/4 the
 * imaginary part of softplus(z) is at most pi/4 in modulus and
 * |tanh(softplus z)| <= 1 (Lemma A5): |mish(z)| <= |z|
 * (proofs/activations.md, Lemma A11).
 */
#include "act_impl.h"

ntk_status
_ntk_act_mish_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                  int branch, slong len, slong prec)
{
    acb_struct h[2];
    acb_ptr u = _acb_vec_init(len), num = _acb_vec_init(len),
            den = _acb_vec_init(len), g = _acb_vec_init(len);
    slong hlen = FLINT_MIN(2, len);

    acb_init(h);
    acb_init(h + 1);
    if (arf_sgn(arb_midref(acb_realref(z))) >= 0)
    {
        /* v = e^-(z+t); num = 1 + 2v; den = 1 + 2v + 2v^2 */
        acb_neg(h, z);
        acb_set_si(h + 1, -1);
        _acb_poly_exp_series(u, h, hlen, len, prec);
        _acb_vec_scalar_mul_2exp_si(num, u, len, 1);
        acb_add_ui(num, num, 1, prec);
        _acb_poly_mullow(den, u, len, u, len, len, prec);
        _acb_vec_scalar_mul_2exp_si(den, den, len, 1);
        _acb_vec_add(den, den, num, len, prec);
    }
    else
    {
        /* u = e^(z+t); num = u (u + 2); den = num + 2 */
        acb_set(h, z);
        acb_one(h + 1);
        _acb_poly_exp_series(u, h, hlen, len, prec);
        _acb_vec_set(den, u, len);
        acb_add_ui(den, den, 2, prec);
        _acb_poly_mullow(num, u, len, den, len, len, prec);
        _acb_vec_set(den, num, len);
        acb_add_ui(den, den, 2, prec);
    }
    _acb_poly_inv_series(g, den, len, len, prec);
    _acb_poly_mullow(den, num, len, g, len, len, prec);
    _ntk_act_mul_by_var(res, z, den, len, prec);

    acb_clear(h);
    acb_clear(h + 1);
    _acb_vec_clear(u, len);
    _acb_vec_clear(num, len);
    _acb_vec_clear(den, len);
    _acb_vec_clear(g, len);
    return NTK_SUCCESS;
}

void
_ntk_act_mish_growth(arb_t A, arb_t B, arb_t r, slong *p,
                     const ntk_act_struct *act, int branch, slong prec)
{
    *p = 1;
    arb_set_si(r, 3);
    arb_mul_2exp_si(r, r, -2);                 /* r = 3/4 < pi/4 */
    arb_zero(A);
    arb_one(B);
}
