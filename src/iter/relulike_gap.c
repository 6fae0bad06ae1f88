/*
 * ReLU-like kernel gap recursion, phi = a x + b |x|, for two inputs of the
 * same variance, a ball-valued starting correlation gap eps0 and any
 * sigma_b2 >= 0 (proofs/relu-series.md, Lemma R6).  The correlation layer
 * is the fast path's (relulike.c: closed form or sqrt(eps) series, Lemmas
 * R2-R4, mean-value form, Lemma P1); around it, with r = sigma_w2 (a^2 + b^2),
 * Dn = g'(eps), omd = 1 - Dn = 2 Delta theta/pi:
 *   q'       = r q + sigma_b2,
 *   eps'     = (r q / q') g(eps),
 *   Theta11' = Theta11 r + q',
 *   Delta'   = r (Delta Dn + Theta11 omd + q g(eps))      (= Delta D12 +
 *              Theta11 (D11 - D12) + q' eps', every term >= 0),
 * and for sigma_b2 = 0 the scaled form q = 1, r = 1 (Theta11 = l), with
 * q1 r^(l-1) multiplied in at the checkpoints only.
 */
#include "iter_impl.h"

ntk_status
ntk_iter_relulike_gap(arb_ptr theta11, arb_ptr delta, const arb_t eps0,
                      const slong *depths, slong nd, const fmpq_t a,
                      const fmpq_t b, const arb_t sigma_w2, const arb_t sigma_b2,
                      const arb_t q1, slong prec)
{
    arb_t r, dl, q, qn, eps, dn, omd, th11, del, t, scale;
    fmpq_t A, D;
    ntk_iter_rl_struct *S;
    slong l, k = 0;
    int bias = !arb_is_zero(sigma_b2);
    ntk_status st = NTK_SUCCESS;

    if (nd < 1)
        return NTK_SUCCESS;
    for (l = 0; l < nd; l++)
        if (depths[l] < 1 || (l > 0 && depths[l] <= depths[l - 1]))
            return ntk_error_set(NTK_DOMAIN, "relu-like recursion: depths must be "
                                 "strictly increasing and >= 1");
    arb_init(r); arb_init(dl); arb_init(q); arb_init(qn); arb_init(eps);
    arb_init(dn); arb_init(omd); arb_init(th11); arb_init(del); arb_init(t);
    arb_init(scale);
    fmpq_init(A); fmpq_init(D);

    fmpq_mul(A, a, a);
    fmpq_mul(D, b, b);
    fmpq_add(A, A, D);                    /* a^2 + b^2 */
    fmpq_div(D, D, A);                    /* Delta = b^2/(a^2 + b^2) */
    arb_set_fmpq(r, A, prec);
    arb_mul(r, r, sigma_w2, prec);        /* r = D11 (Lemma R1) */
    arb_set_fmpq(dl, D, prec);
    S = ntk_iter_rl_new(dl, prec);

    arb_set(eps, eps0);
    ntk_iter_clamp_eps(eps, prec);
    if (bias)
    {
        arb_set(q, q1);
        arb_set(th11, q1);
        arb_mul(del, q1, eps, prec);      /* Theta^1 = Sigma^1 */
    }
    else
    {
        arb_one(th11);
        arb_set(del, eps);                /* scaled by q1 */
    }

    for (l = 1; ; l++)
    {
        if (l == depths[k])
        {
            if (bias)
            {
                arb_set(theta11 + k, th11);
                arb_set(delta + k, del);
            }
            else
            {
                /* scale = q1 r^(l-1) (Lemma R1) */
                arb_pow_ui(scale, r, l - 1, prec);
                arb_mul(scale, scale, q1, prec);
                arb_mul_si(theta11 + k, scale, l, prec);
                arb_mul(delta + k, scale, del, prec);
            }
            if (++k == nd)
                break;
        }
        /* eps <- g(eps), Dn and 1 - Dn over the eps ball */
        ntk_iter_rl_layer(eps, dn, omd, S, prec);
        if (bias)
        {
            arb_mul(qn, r, q, prec);
            arb_add(qn, qn, sigma_b2, prec);
            /* Delta' = r (Delta Dn + Theta11 omd + q g) */
            arb_mul(del, del, dn, prec);
            arb_addmul(del, th11, omd, prec);
            arb_addmul(del, q, eps, prec);
            arb_mul(del, del, r, prec);
            /* Theta11' = Theta11 r + q' */
            arb_mul(th11, th11, r, prec);
            arb_add(th11, th11, qn, prec);
            /* eps' = (r q / q') g */
            arb_mul(t, r, q, prec);
            arb_div(t, t, qn, prec);
            arb_mul(eps, eps, t, prec);
            ntk_iter_clamp_eps(eps, prec);
            arb_swap(q, qn);
        }
        else
        {
            /* delta' = delta Dn + l omd + eps' */
            arb_mul(del, del, dn, prec);
            arb_addmul_si(del, omd, l, prec);
            arb_add(del, del, eps, prec);
        }
        if (!arb_is_finite(del) || !arb_is_finite(eps))
        {
            st = ntk_error_set(NTK_UNABLE, "relu-like recursion: enclosure lost at depth %ld "
                               "(precision %ld bits)", (long) (l + 1), (long) prec);
            break;
        }
    }

    ntk_iter_rl_free(S);
    arb_clear(r); arb_clear(dl); arb_clear(q); arb_clear(qn); arb_clear(eps);
    arb_clear(dn); arb_clear(omd); arb_clear(th11); arb_clear(del); arb_clear(t);
    arb_clear(scale);
    fmpq_clear(A); fmpq_clear(D);
    return st;
}
