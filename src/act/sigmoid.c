/*
 * src/act/sigmoid.c -- phi(x) = 1 / (1 + e^-x) = (1 + tanh(x/2)) / 2,
 * meromorphic with poles at i pi (2k + 1); quadrature path.
 *
 * Jet: 1 / (1 + e^-(z+t)) for Re z >= 0 and e^(z+t) / (1 + e^(z+t)) for
 * Re z < 0 (no cancellation in either tail; the same meromorphic function,
 * proofs/activations.md, Lemma A21 (a)), by Arb's exp and inverse series.
 * Growth: sigmoid(z) = (1 + tanh(z/2))/2 and Lemma A5 give |sigmoid| <= 1
 * on |Im z| <= 3/2 < pi/2 (proofs/activations.md, Lemma A9).
 */
#include "act_impl.h"

void
_ntk_act_sigmoid_series(acb_ptr res, const acb_t z, slong len, slong prec)
{
    acb_struct h[2];
    acb_ptr u = _acb_vec_init(len), w = _acb_vec_init(len);
    slong hlen = FLINT_MIN(2, len);
    acb_init(h);
    acb_init(h + 1);
    if (arf_sgn(arb_midref(acb_realref(z))) >= 0)
    {
        acb_neg(h, z);
        acb_set_si(h + 1, -1);
        _acb_poly_exp_series(u, h, hlen, len, prec);
        acb_add_ui(u, u, 1, prec);
        _acb_poly_inv_series(res, u, len, len, prec);
    }
    else
    {
        acb_set(h, z);
        acb_one(h + 1);
        _acb_poly_exp_series(u, h, hlen, len, prec);
        _acb_vec_set(w, u, len);
        acb_add_ui(w, w, 1, prec);
        _acb_poly_inv_series(res, w, len, len, prec);
        _acb_vec_set(w, res, len);
        _acb_poly_mullow(res, u, len, w, len, len, prec);
    }
    acb_clear(h);
    acb_clear(h + 1);
    _acb_vec_clear(u, len);
    _acb_vec_clear(w, len);
}

ntk_status
_ntk_act_sigmoid_jet(acb_ptr res, const ntk_act_struct *act, const acb_t z,
                     int branch, slong len, slong prec)
{
    _ntk_act_sigmoid_series(res, z, len, prec);
    return NTK_SUCCESS;
}

void
_ntk_act_sigmoid_growth(arb_t A, arb_t B, arb_t r, slong *p,
                        const ntk_act_struct *act, int branch, slong prec)
{
    *p = 1;
    arb_set_si(r, 3);
    arb_mul_2exp_si(r, r, -1);                 /* r = 3/2 < pi/2 */
    arb_one(A);
    arb_zero(B);
}

/* res[i] = f^(k)(i h), i < n, for f = sigmoid, silu = x sigmoid(x) and
   tanh(x) = (1 - e^(-2x))/(1 + e^(-2x)) (kind NTK_ACT_SIGMOID, _SILU,
   _TANH): with E_i = e^(-i a), a = h (2h for tanh), by repeated
   multiplication (the ball products contain e^(-i a) for each h of the
   ball), s = 1/(1 + E_i) and 1 - s = E_i s:
     sigmoid' = s (1 - s),  silu = x s,  silu' = s (1 + x (1 - s)),
     tanh = s - E_i s,  tanh' = 1 - tanh^2.
   The extra working bits pay for the ~i ulps the products add. */
void
_ntk_act_logistic_values_ap(arb_ptr res, ntk_act_kind kind, slong k,
                            const arb_t h, slong n, slong prec)
{
    arb_t w, E, s, u, x;
    slong i, wp = prec + 2 * FLINT_BIT_COUNT(n) + 8;

    arb_init(w); arb_init(E); arb_init(s); arb_init(u); arb_init(x);
    arb_neg(w, h);
    if (kind == NTK_ACT_TANH)
        arb_mul_2exp_si(w, w, 1);
    arb_exp(w, w, wp);
    arb_one(E);
    for (i = 0; i < n; i++)
    {
        if (i > 0)
            arb_mul(E, E, w, wp);
        arb_add_ui(s, E, 1, wp);
        arb_inv(s, s, wp);                     /* sigmoid(i a) */
        arb_mul(u, E, s, wp);                  /* 1 - sigmoid */
        if (kind == NTK_ACT_TANH)
        {
            arb_sub(s, s, u, wp);              /* tanh(i h) */
            if (k == 1)
            {
                arb_sqr(s, s, wp);
                arb_sub_ui(s, s, 1, wp);
                arb_neg(s, s);                 /* 1 - tanh^2 */
            }
        }
        else if (kind == NTK_ACT_SIGMOID)
        {
            if (k == 1)
                arb_mul(s, s, u, wp);
        }
        else
        {
            arb_mul_si(x, h, i, wp);
            if (k == 0)
                arb_mul(s, s, x, wp);
            else
            {
                arb_mul(u, u, x, wp);
                arb_add_ui(u, u, 1, wp);
                arb_mul(s, s, u, wp);
            }
        }
        arb_set_round(res + i, s, prec);
    }
    arb_clear(w); arb_clear(E); arb_clear(s); arb_clear(u); arb_clear(x);
}
