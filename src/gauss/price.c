/*
 * price.c -- Price coefficients F[k] = E[phi^(k)(sqrt(q) Z)^2] and Hermite
 * (Mehler) coefficients m[k] = E[phi^(k)(sqrt(q) Z)], k < len: one pass
 * computes either or both (the same jets at the same nodes).
 *
 * Smooth (single-branch) activations: all k at once with the trapezoidal
 * rule on R (one jet of length len per node), error bounded by
 * proofs/tails.md, Lemma Q1 with the Cauchy growth bounds of Lemma T4 and
 * the truncated-sum bound of Lemma T5.  The step is refined until every
 * coefficient has (about) prec correct bits: the a-priori bound of phi^(k)
 * exceeds the true size by up to (R/rho)^k, which the refinement measures.
 * Piecewise activations (len <= smoothness + 1, small): one adaptive
 * integral per k (expect1.c).
 */
#include <math.h>
#include "gauss_internal.h"

/* 1 if E[phi^(k)(sqrt(q) Z)] = 0 by parity (phi^(k) odd) */
static int
mean_is_zero(int parity, slong k)
{
    return parity != 0 && ((parity < 0) == (k % 2 == 0));
}

/* res = F (squares) and/or mean = m (either may be NULL, not both);
   lrel[k], lrel[len + k] (if not NULL): log2 of (quadrature error bound /
   |F[k]|), resp. / |m[k]| (-1e9 for an m[k] that is 0 by parity) */
static ntk_status
price_trap(arb_ptr res, arb_ptr mean, double *lrel, const ntk_act_t act,
           const arb_t q, slong len, double bits, slong prec, slong wp)
{
    gauss_growth_t g0, gk;
    arb_t sq, d, h, hz, M, e, T, Tl, x, z, w, t, zero, fac;
    arb_poly_t p, p2;
    arb_ptr jet, acc, acc1;
    ntk_status st = NTK_SUCCESS;
    int parity = ntk_act_parity(act);
    slong j, k, J;
    double dd, hd, Td, squb, acap;

    _gauss_growth_init(g0); _gauss_growth_init(gk);
    arb_init(sq); arb_init(d); arb_init(h); arb_init(hz); arb_init(M); arb_init(e);
    arb_init(T); arb_init(Tl); arb_init(x); arb_init(z); arb_init(w);
    arb_init(t); arb_init(zero); arb_init(fac);
    arb_poly_init(p); arb_poly_init(p2);
    jet = _arb_vec_init(len);
    acc = _arb_vec_init(len);
    acc1 = _arb_vec_init(len);

    st = _gauss_growth(g0, act, 0, 0, wp);
    if (st != NTK_SUCCESS)
        goto cleanup;
    arb_sqrt(sq, q, wp);
    squb = _gauss_ub_d(sq);
    /* strip in x: sqrt(q) |Im x| <= r/2, so that Lemma T4 (rho = r/2)
       bounds every derivative there; for len = 1 the full strip r */
    arb_set(d, g0->r);
    if (len > 1)
        arb_mul_2exp_si(d, d, -1);
    _gauss_ub(t, sq, wp);
    arb_div(d, d, t, wp);
    _gauss_lb(d, d, wp);
    _gauss_plan_trap(&dd, &hd, arf_get_d(arb_midref(d), ARF_RND_DOWN), bits);
    arb_set_d(d, dd);                         /* a <= the proven strip */
    {
        /* exact dyadic step hz in z = sqrt(q) x, so the jets are taken at
           exact points z_j = j hz (a ball q only enters the weights); in x
           the step is the ball h = hz / sqrt(q), and h sum gamma(x_j)
           g(sqrt(q) x_j) is the same trapezoidal sum (Lemma Q1 uses the
           upper bound of h) */
        slong ex = 30;
        arb_set_d(hz, floor(hd * squb * ldexp(1.0, ex)));
        arb_mul_2exp_si(hz, hz, -ex);
        arb_div(h, hz, sq, wp);
    }
    acap = 2.0 * GAUSS_PI / hd;
    Td = _gauss_plan_T(bits, 2) + hd;
    J = (slong) ceil(Td / hd);
    arb_mul_si(T, h, J, wp);                  /* nodes |x_j| <= T */

    /* for an even or odd phi, phi^(k)(-z)^2 = phi^(k)(z)^2 and the means
       that do not vanish by parity are even functions of z: the nodes
       -j and j contribute equally, so only j >= 0 are evaluated */
    for (j = parity != 0 ? 0 : -J; j <= J; j++)
    {
        slong extra = 0;
        arb_mul_si(z, hz, j, wp);                 /* exact */
        arb_div(x, z, sq, wp);
        /* far out, the jet's tiny coefficients cancel in Arb's series:
           retry with more bits (affects only the enclosure's width) */
        for (;;)
        {
            st = _gauss_jet_real(jet, act, z, 0, len, wp + extra);
            if (st != NTK_UNABLE || extra > 4 * (slong) (fabs(hd * (double) j)
                                                          * squb) + 256)
                break;
            ntk_error_clear();
            extra = extra == 0 ? 32 : 2 * extra;
        }
        if (st != NTK_SUCCESS)
            goto cleanup;
        _gauss_density(w, x, wp);
        if (parity != 0 && j != 0)
            arb_mul_2exp_si(w, w, 1);
        for (k = 0; k < len; k++)
        {
            if (res != NULL)
            {
                arb_sqr(t, jet + k, wp);
                arb_addmul(acc + k, t, w, wp);
            }
            if (mean != NULL && !mean_is_zero(parity, k))
                arb_addmul(acc1 + k, jet + k, w, wp);
        }
    }

    arb_one(fac);
    arb_set(Tl, T);                          /* first omitted node - h = T */
    for (k = 0; k < len; k++)
    {
        if (k > 0)
            arb_mul_ui(fac, fac, (ulong) k, wp);
        if (res != NULL)
        {
            arb_mul(res + k, acc + k, h, wp);
            arb_sqr(t, fac, wp);
            arb_mul(res + k, res + k, t, wp); /* (k!)^2 (phi^(k)/k!)^2 */
        }
        if (mean != NULL)
        {
            arb_mul(mean + k, acc1 + k, h, wp);
            arb_mul(mean + k, mean + k, fac, wp);   /* k! (phi^(k)/k!) */
            if (mean_is_zero(parity, k))
            {
                arb_zero(mean + k);       /* exactly, by parity */
                if (lrel != NULL)
                    lrel[len + k] = -1e9;
            }
        }

        /* Lemma Q1: M_k = e^{a^2/2} E[(A_k + B_k sqrt(q)(|x| + a))^n], where
           n = 2 for F[k], n = 1 for m[k] (proofs/tails.md, Lemma Q3), and
           (Lemma T4) A_k, B_k come from a Cauchy radius rho and the strip
           is a = (r - rho)/sqrt(q).  Every rho in (0, r) gives a valid
           bound; the best of rho = r i/16 is used (k = 0: rho = 0). */
        st = _gauss_growth(gk, act, 0, k, wp);
        if (st != NTK_SUCCESS)
            goto cleanup;
        _gauss_ub(t, sq, wp);
        {
            arb_t best[2], rho, a, Ak, Bk, ck, u, ea;
            arb_ptr out[2];
            gauss_growth_t gr;
            slong i, n;
            out[0] = res;
            out[1] = (mean != NULL && !mean_is_zero(parity, k)) ? mean : NULL;
            arb_init(best[0]); arb_init(best[1]); arb_init(rho); arb_init(a);
            arb_init(Ak); arb_init(Bk); arb_init(ck); arb_init(u); arb_init(ea);
            _gauss_growth_init(gr);
            arb_pos_inf(best[0]);
            arb_pos_inf(best[1]);
            for (i = (k == 0 ? 0 : 1); i < (k == 0 ? 1 : 16); i++)
            {
                arb_mul_si(rho, g0->r, i, wp);
                arb_mul_2exp_si(rho, rho, -4);
                arb_sub(a, g0->r, rho, wp);
                arb_div(a, a, t, wp);
                _gauss_lb(a, a, wp);
                /* any narrower strip is admissible (Lemma Q1); a small q
                   makes (r - rho)/sqrt(q) huge, where e^{a^2/2} would swamp
                   the bound: cap a at 2 pi/h, the minimiser of
                   a^2/2 - 2 pi a/h (proofs/tails.md, Lemma Q1, remark) */
                if (arf_cmp_d(arb_midref(a), acap) > 0)
                    arb_set_d(a, acap);
                gr->P = g0->P;
                if (k == 0)
                {
                    arb_set(gr->A, g0->A);
                    arb_set(gr->B, g0->B);
                }
                else
                {
                    /* k! rho^-k (A + B 2^(P-1) rho^P), k! rho^-k B 2^(P-1) */
                    arb_fac_ui(ck, (ulong) k, wp);
                    arb_pow_ui(u, rho, (ulong) k, wp);
                    arb_div(ck, ck, u, wp);
                    arb_mul_2exp_si(Bk, g0->B, g0->P - 1);
                    arb_pow_ui(u, rho, (ulong) g0->P, wp);
                    arb_mul(Ak, Bk, u, wp);
                    arb_add(Ak, Ak, g0->A, wp);
                    arb_mul(gr->A, Ak, ck, wp);
                    arb_mul(gr->B, Bk, ck, wp);
                    _gauss_ub(gr->A, gr->A, wp);
                    _gauss_ub(gr->B, gr->B, wp);
                }
                arb_mul(e, t, a, wp);             /* sqrt(q) a, z units */
                _gauss_poly_growth(p, gr, t, e, wp);
                arb_sqr(ea, a, wp);
                arb_mul_2exp_si(ea, ea, -1);
                arb_exp(ea, ea, wp);
                for (n = 0; n < 2; n++)
                {
                    if (out[n] == NULL)
                        continue;
                    if (n == 0)
                    {
                        arb_poly_mul(p2, p, p, wp);
                        _gauss_poly_full(M, p2, wp);
                    }
                    else
                        _gauss_poly_full(M, p, wp);
                    arb_mul(M, M, ea, wp);
                    _gauss_trap_error(e, M, a, h, wp);
                    if (arb_is_finite(e) && arb_lt(e, best[n]))
                        arb_set(best[n], e);
                }
            }

            /* Lemma T5: omitted nodes |x_j| > T, integrand gamma(x) p(x)^n
               decreasing for x >= sqrt(n); sum <= 2 int_{T}^oo (the first
               omitted node is T + h, and h sum_{j>J} f(jh) <= int_{T}^oo f) */
            _gauss_poly_growth(p, gk, t, zero, wp);
            for (n = 0; n < 2; n++)
            {
                if (out[n] == NULL)
                    continue;
                if (n == 0)
                {
                    arb_poly_mul(p2, p, p, wp);
                    _gauss_poly_tail(e, p2, Tl, wp);
                }
                else
                    _gauss_poly_tail(e, p, Tl, wp);
                arb_mul_2exp_si(e, e, 1);
                arb_add(e, e, best[n], wp);          /* whole error bound */
                _gauss_add_error(out[n] + k, e);
                if (lrel != NULL)
                {
                    arb_abs(u, out[n] + k);
                    arb_div(e, e, u, wp);
                    lrel[n * len + k] = arb_is_finite(e) && arb_is_positive(e) ?
                        log2(arf_get_d(arb_midref(e), ARF_RND_UP)) : 1e9;
                }
                arb_set_round(out[n] + k, out[n] + k, prec);
            }
            arb_clear(best[0]); arb_clear(best[1]); arb_clear(rho); arb_clear(a);
            arb_clear(Ak); arb_clear(Bk); arb_clear(ck); arb_clear(u); arb_clear(ea);
            _gauss_growth_clear(gr);
        }
    }

cleanup:
    _gauss_growth_clear(g0); _gauss_growth_clear(gk);
    arb_clear(sq); arb_clear(d); arb_clear(h); arb_clear(hz); arb_clear(M); arb_clear(e);
    arb_clear(T); arb_clear(Tl); arb_clear(x); arb_clear(z); arb_clear(w);
    arb_clear(t); arb_clear(zero); arb_clear(fac);
    arb_poly_clear(p); arb_poly_clear(p2);
    _arb_vec_clear(jet, len);
    _arb_vec_clear(acc, len);
    _arb_vec_clear(acc1, len);
    return st;
}

/* F (may be NULL) and m (may be NULL), not both NULL; kbits[k] (NULL:
   prec for every k) the relative accuracy wanted for F[k] and m[k] */
static ntk_status
price_moments(arb_ptr F, arb_ptr m, const ntk_act_t act, const arb_t q,
              slong len, const double *kbits, slong prec)
{
    slong smooth = ntk_act_smoothness(act), k, wp;
    ntk_status st = NTK_SUCCESS;

    if (len < 1)
        return ntk_error_set(NTK_DOMAIN, "Price coefficients: len = %ld "
                             "must be >= 1", (long) len);
    if (len - 1 > smooth)
        return ntk_error_set(NTK_DOMAIN, "activation '%s': Price coefficient "
                             "of order %ld exceeds its smoothness %ld",
                             act->name, (long) (len - 1), (long) smooth);
    if (!arb_is_positive(q))
        return ntk_error_set(NTK_DOMAIN, "Price coefficients: q must be > 0");

    if (ntk_act_is_piecewise(act))
    {
        for (k = 0; k < len && st == NTK_SUCCESS; k++)
        {
            slong ord[2];
            ord[0] = ord[1] = k;
            if (F != NULL)
                st = ntk_gauss_expect1(F + k, act, ord, 2, 0, q, prec);
            if (m != NULL && st == NTK_SUCCESS)
                st = ntk_gauss_expect1(m + k, act, ord, 1, 0, q, prec);
        }
        return st;
    }
    else
    {
        /* pass 1 (cheap, 64-bit arithmetic): measure how far the a-priori
           bounds exceed the true sizes (lrel); the final pass chooses the
           step for that many extra bits (the arithmetic needs no more) */
        double bits = 48.0 + 4.0 * (double) (len - 1), need;
        /* the means cancel: terms ~ phi^(k) ~ k!/rho^k against a value
           m_k ~ (k!/q^k)^(1/2) (a_k <= F_0): about log2(k!)/2 + k bits of
           the working precision are lost (planning only) */
        slong cancel = m == NULL ? 0
            : (slong) ceil(lgamma((double) len + 1.0) / (2.0 * GAUSS_LN2)) + len;
        double *lrel = flint_malloc(sizeof(double) * 2 * len);
        int pass;
        for (k = 0; k < 2 * len; k++)
            lrel[k] = -1e9;
        for (pass = 0; pass < 6; pass++)
        {
            int ok = 1;
            st = price_trap(F, m, lrel, act, q, len, bits, 44, 64 + len + cancel);
            if (st != NTK_SUCCESS)
            {
                flint_free(lrel);
                return st;
            }
            for (k = 0; k < 2 * len; k++)
                if (lrel[k] > -8)
                    ok = 0;
            if (ok)
                break;
            bits *= 1.5;
        }
        need = 0;
        for (k = 0; k < 2 * len; k++)
        {
            /* a coefficient still unresolved: assume bits + 64; the
               final step below gives prec bits to the most demanding */
            double l = lrel[k] > 0 ? 64 : lrel[k];
            if (kbits != NULL)
                l += FLINT_MIN(kbits[k % len], (double) prec) - (double) prec;
            if (bits + l > need)
                need = bits + l;
        }
        flint_free(lrel);
        /* error ~ 2^(need - bits') |res|: bits' = need + prec + 8 */
        bits = need + (double) prec + 8;
        wp = prec + 20 + len + cancel;  /* high-order jets lose ~1 bit/order */
        for (pass = 0; pass < 3; pass++)
        {
            double deficit = 0;
            st = price_trap(F, m, NULL, act, q, len, bits, prec, wp);
            if (st != NTK_SUCCESS)
                return st;
            for (k = 0; k < 2 * len; k++)
            {
                arb_srcptr x = k < len ? (F == NULL ? NULL : F + k)
                                       : (m == NULL ? NULL : m + k - len);
                double d;
                if (x == NULL || arb_is_zero(x))   /* 0 exactly: parity */
                    continue;
                d = (kbits != NULL ? FLINT_MIN(kbits[k % len], (double) prec)
                                   : (double) prec)
                    - 4 - (double) arb_rel_accuracy_bits(x);
                if (d > deficit)
                    deficit = d;
            }
            if (deficit <= 0)
                break;
            /* unknown which part of the radius is short: raise both */
            bits += deficit + 8;
            wp += (slong) deficit + 8;
        }
        return st;
    }
}

ntk_status
ntk_gauss_price(arb_ptr res, const ntk_act_t act, const arb_t q, slong len,
                slong prec)
{
    return price_moments(res, NULL, act, q, len, NULL, prec);
}

ntk_status
ntk_gauss_hermite(arb_ptr m, arb_ptr F, const ntk_act_t act, const arb_t q,
                  slong len, const double *kbits, slong prec)
{
    return price_moments(F, m, act, q, len, kbits, prec);
}
