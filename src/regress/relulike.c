/* Closed-form equal-variance NTK recursion for phi = a x + b |x|, in the
   eps = 1 - c variable, mean-value form (proofs/regress.md, Lemmas G1-G4). */
#include "ntkdepth/regress.h"

typedef struct
{
    slong K;        /* number of precomputed coefficients */
    arb_ptr c;      /* c_k = 2 b_k / (2k+1):  theta = u sum c_k u^(2k)     */
    arb_ptr d;      /* d_k = 4 b_k / (2k+3):  T = u^3 sum d_k u^(2k)       */
} series_t;

static void
series_init(series_t *S, slong prec)
{
    arb_t b;
    slong k;
    S->K = (prec + 8) / 8 + 2;            /* enough for u <= 1/16 */
    S->c = _arb_vec_init(S->K);
    S->d = _arb_vec_init(S->K);
    arb_init(b);
    arb_one(b);
    for (k = 0; k < S->K; k++)
    {
        arb_mul_2exp_si(S->c + k, b, 1);
        arb_div_ui(S->c + k, S->c + k, 2 * k + 1, prec);
        arb_mul_2exp_si(S->d + k, b, 2);
        arb_div_ui(S->d + k, S->d + k, 2 * k + 3, prec);
        arb_mul_ui(b, b, 2 * k + 1, prec);
        arb_div_ui(b, b, 2 * k + 2, prec);
    }
    arb_clear(b);
}

static void
series_clear(series_t *S)
{
    _arb_vec_clear(S->c, S->K);
    _arb_vec_clear(S->d, S->K);
}

/*
 * theta = 2 asin(u) and, if T != NULL, T = theta - sin(theta), for a ball
 * u in [0, 1].  For u <= 1/16 by the series (proofs/regress.md, Lemma G2)
 *   theta = 2 sum_k b_k u^(2k+1) / (2k+1),
 *   theta - sin theta = 4 sum_k b_k u^(2k+3) / (2k+3),  b_k = C(2k,k)/4^k,
 * truncated after K terms with the tails bounded by 4 u^(2K+1) and
 * 8 u^(2K+3); otherwise by asin and sin theta = 2 u sqrt(1 - u^2), with
 * guard bits against the cancellation.
 */
static void
angle(arb_t theta, arb_t T, const arb_t u, const series_t *S, slong prec)
{
    mag_t uhi, pw, tmp;
    mag_init(uhi); mag_init(pw); mag_init(tmp);
    arb_get_mag(uhi, u);
    if (arb_is_zero(u))
    {
        arb_zero(theta);
        if (T != NULL)
            arb_zero(T);
    }
    else if (mag_cmp_2exp_si(uhi, -4) <= 0)
    {
        arb_t x;
        slong K, k;
        double l2 = mag_get_d_log2_approx(uhi);
        if (l2 > -4)
            l2 = -4;
        K = (slong) ((prec + 8) / (-2.0 * l2)) + 1;
        if (K > S->K)
            K = S->K;
        arb_init(x);
        arb_sqr(x, u, prec);
        /* Horner in x = u^2 */
        arb_set(theta, S->c + K - 1);
        for (k = K - 2; k >= 0; k--)
        {
            arb_mul(theta, theta, x, prec);
            arb_add(theta, theta, S->c + k, prec);
        }
        arb_mul(theta, theta, u, prec);
        mag_pow_ui(pw, uhi, 2 * K + 1);
        mag_mul_2exp_si(tmp, pw, 2);
        arb_add_error_mag(theta, tmp);
        if (T != NULL)
        {
            arb_set(T, S->d + K - 1);
            for (k = K - 2; k >= 0; k--)
            {
                arb_mul(T, T, x, prec);
                arb_add(T, T, S->d + k, prec);
            }
            arb_mul(T, T, x, prec);
            arb_mul(T, T, u, prec);
            mag_mul(tmp, pw, uhi);
            mag_mul(tmp, tmp, uhi);
            mag_mul_2exp_si(tmp, tmp, 3);
            arb_add_error_mag(T, tmp);
        }
        arb_clear(x);
    }
    else
    {
        slong wp = prec + 16;
        arb_asin(theta, u, wp);
        arb_mul_2exp_si(theta, theta, 1);
        if (T != NULL)
        {
            arb_t s;
            arb_init(s);
            arb_sqr(s, u, wp);
            arb_sub_ui(s, s, 1, wp);
            arb_neg(s, s);
            arb_sqrtpos(s, s, wp);
            arb_mul(s, s, u, wp);
            arb_mul_2exp_si(s, s, 1);
            arb_sub(T, theta, s, prec);
            arb_clear(s);
        }
        arb_set_round(theta, theta, prec);
    }
    mag_clear(uhi); mag_clear(pw); mag_clear(tmp);
}

/* intersect a ball with [0, 2] (eps = 1 - c always lies there) */
static void
clamp_eps(arb_t eps, slong prec)
{
    arb_t iv;
    if (arb_is_nonnegative(eps) && arf_cmpabs_2exp_si(arb_midref(eps), 0) < 0
        && mag_cmp_2exp_si(arb_radref(eps), -1) < 0)
        return;                          /* inside [0, 1.5]: nothing to do */
    arb_init(iv);
    arb_set_ui(iv, 1);
    mag_one(arb_radref(iv));            /* [0, 2] */
    if (!arb_intersection(eps, eps, iv, prec))
        arb_zero(eps);                  /* cannot happen for a valid enclosure */
    arb_clear(iv);
}

/*
 * sigma_b = 0: phi is positively homogeneous, q_l = q1 lambda^(l-1) with
 * lambda = D11 = sigma_w^2 (a^2 + b^2), and in the scaled variables
 *   Theta^l_11 = q1 lambda^(l-1) l,   Delta^l = q1 lambda^(l-1) delta_l
 * the recursion no longer involves q (proofs/regress.md, Lemma G4):
 *   eps'   = eps + (2 D/pi)(T - eps theta),  D = b^2/(a^2 + b^2),
 *   Dn     = D12/lambda = 1 - (2 D/pi) theta,
 *   delta' = delta Dn + l (1 - Dn) + eps'.
 * The series for theta and T = theta - sin theta enter eps' and Dn
 * multiplied by quantities <= u, so they need only prec + log2(u) + 10
 * bits (absolute accuracy 2^-prec relative to eps, resp. to 1).
 */
static ntk_status
relulike_nobias(arb_ptr theta11, arb_ptr delta, const arb_t eps0,
                const slong *depths, slong nd, const fmpq_t a, const fmpq_t b,
                const arb_t sw2, const arb_t q1, slong prec)
{
    arb_t lam, K2, eps, em, u, th, T, t, dn, omd, del, scale;
    mag_t r, m;
    arf_t lo;
    fmpq_t D, ab;
    series_t S;
    slong l, k = 0, lp;
    ntk_status st = NTK_SUCCESS;

    arb_init(lam); arb_init(K2); arb_init(eps); arb_init(em); arb_init(u);
    arb_init(th); arb_init(T); arb_init(t); arb_init(dn); arb_init(omd);
    arb_init(del); arb_init(scale);
    mag_init(r); mag_init(m); arf_init(lo);
    fmpq_init(D); fmpq_init(ab);
    series_init(&S, prec);

    fmpq_mul(ab, a, a);
    fmpq_mul(D, b, b);
    fmpq_add(ab, ab, D);
    fmpq_div(D, D, ab);                   /* D = b^2/(a^2+b^2) */
    arb_set_fmpq(lam, ab, prec);
    arb_mul(lam, lam, sw2, prec);         /* lambda */
    arb_const_pi(K2, prec);
    arb_inv(K2, K2, prec);
    arb_mul_2exp_si(K2, K2, 1);
    arb_mul_fmpz(K2, K2, fmpq_numref(D), prec);
    arb_div_fmpz(K2, K2, fmpq_denref(D), prec);   /* 2 D / pi */

    arb_set(eps, eps0);
    clamp_eps(eps, prec);
    arb_set(del, eps);                    /* delta_1 = eps0 (Theta^1 = Sigma^1) */

    for (l = 1; ; l++)
    {
        if (l == depths[k])
        {
            /* scale = q1 lambda^(l-1) */
            arb_pow_ui(scale, lam, l - 1, prec);
            arb_mul(scale, scale, q1, prec);
            arb_mul_si(theta11 + k, scale, l, prec);
            arb_mul(delta + k, scale, del, prec);
            k++;
            if (k == nd)
                break;
        }
        if (arb_is_zero(eps))
        {
            /* c = 1: delta stays 0 exactly */
            continue;
        }
        arf_set(arb_midref(em), arb_midref(eps));
        mag_zero(arb_radref(em));
        mag_set(r, arb_radref(eps));
        arb_mul_2exp_si(u, em, -1);
        arb_sqrtpos(u, u, prec);
        lp = prec + 10;
        if (!arb_is_zero(u))
        {
            slong e = arf_abs_bound_lt_2exp_si(arb_midref(u));
            if (e < 0)
                lp += e;
            if (lp < 64)
                lp = 64;
        }
        angle(th, T, u, &S, lp);
        /* eps'(m) = m + (2D/pi)(T - m theta) */
        arb_mul(t, em, th, lp);
        arb_sub(t, T, t, lp);
        arb_mul(t, t, K2, lp);
        arb_add(t, t, em, prec);

        /* theta over the ball (Lemma G3) */
        if (!mag_is_zero(r))
        {
            arb_get_lbound_arf(lo, eps, prec);
            if (arf_sgn(lo) > 0 && arf_cmp_si(arb_midref(eps), 1) < 0
                && mag_cmp_2exp_si(r, -2) < 0)
            {
                arf_get_mag_lower(m, lo);
                mag_rsqrt(m, m);
                mag_mul(m, m, r);
                arb_add_error_mag(th, m);
            }
            else
            {
                arb_mul_2exp_si(u, eps, -1);
                arb_sqrtpos(u, u, prec);
                angle(th, NULL, u, &S, prec);
            }
        }
        arb_mul(omd, th, K2, prec);       /* 1 - Dn */
        arb_sub_ui(dn, omd, 1, prec);
        arb_neg(dn, dn);                   /* Dn over the ball */

        /* mean-value term: |g'| = |Dn| over the ball */
        if (!mag_is_zero(r))
        {
            arb_get_mag(m, dn);
            mag_mul(m, m, r);
            arb_add_error_mag(t, m);
        }
        clamp_eps(t, prec);

        /* delta' = delta Dn + l (1 - Dn) + eps' */
        arb_mul(del, del, dn, prec);
        arb_mul_si(omd, omd, l, prec);
        arb_add(del, del, omd, prec);
        arb_add(del, del, t, prec);
        arb_swap(eps, t);
        if (!arb_is_finite(del))
        {
            st = ntk_error_set(NTK_UNABLE, "relu-like recursion: enclosure lost at depth %ld "
                               "(precision %ld bits)", (long) (l + 1), (long) prec);
            break;
        }
    }

    arb_clear(lam); arb_clear(K2); arb_clear(eps); arb_clear(em); arb_clear(u);
    arb_clear(th); arb_clear(T); arb_clear(t); arb_clear(dn); arb_clear(omd);
    arb_clear(del); arb_clear(scale);
    mag_clear(r); mag_clear(m); arf_clear(lo);
    fmpq_clear(D); fmpq_clear(ab);
    series_clear(&S);
    return st;
}

ntk_status
ntk_regress_relulike_kernel(arb_ptr theta11, arb_ptr delta, const arb_t eps0,
                            const slong *depths, slong nd, const fmpq_t a,
                            const fmpq_t b, const arb_t sw2, const arb_t sb2,
                            const arb_t q1, slong prec)
{
    arb_t a2, b2, ab, d11, q, qn, eps, epsn, em, u, th, T, E, t, d12, dd,
        th11, del, pi2, lq;
    mag_t r, m;
    series_t S;
    slong l, k = 0, L;
    ntk_status st = NTK_SUCCESS;

    if (nd < 1)
        return NTK_SUCCESS;
    if (arb_is_zero(sb2))
        return relulike_nobias(theta11, delta, eps0, depths, nd, a, b, sw2, q1, prec);
    L = depths[nd - 1];
    arb_init(a2); arb_init(b2); arb_init(ab); arb_init(d11); arb_init(q);
    arb_init(qn); arb_init(eps); arb_init(epsn); arb_init(em); arb_init(u);
    arb_init(th); arb_init(T); arb_init(E); arb_init(t); arb_init(d12);
    arb_init(dd); arb_init(th11); arb_init(del); arb_init(pi2); arb_init(lq);
    mag_init(r); mag_init(m);
    series_init(&S, prec);

    arb_set_fmpq(a2, a, prec);
    arb_sqr(a2, a2, prec);
    arb_set_fmpq(b2, b, prec);
    arb_sqr(b2, b2, prec);
    arb_add(ab, a2, b2, prec);
    arb_mul(d11, sw2, ab, prec);         /* D11 = sigma_w^2 (a^2 + b^2) */
    arb_const_pi(pi2, prec);
    arb_inv(pi2, pi2, prec);
    arb_mul_2exp_si(pi2, pi2, 1);         /* 2 / pi */

    arb_set(q, q1);
    arb_set(eps, eps0);
    clamp_eps(eps, prec);
    arb_set(th11, q1);
    arb_mul(del, q1, eps, prec);          /* Theta^1 = Sigma^1 */

    for (l = 1; ; l++)
    {
        if (l == depths[k])
        {
            arb_set(theta11 + k, th11);
            arb_set(delta + k, del);
            k++;
            if (k == nd)
                break;
        }
        /* q' = sigma_b^2 + D11 q */
        arb_mul(qn, d11, q, prec);
        arb_add(qn, qn, sb2, prec);

        /* eps' at the midpoint of eps (Lemma G1) */
        arf_set(arb_midref(em), arb_midref(eps));
        mag_zero(arb_radref(em));
        mag_set(r, arb_radref(eps));
        arb_mul_2exp_si(u, em, -1);
        arb_sqrtpos(u, u, prec);
        angle(th, T, u, &S, prec);
        arb_mul(t, th, pi2, prec);        /* 2 theta / pi */
        arb_sub_ui(E, t, 1, prec);
        arb_neg(E, E);                     /* 1 - 2 theta/pi */
        arb_mul(E, E, b2, prec);
        arb_add(E, E, a2, prec);
        arb_mul(E, E, em, prec);           /* eps (a^2 + b^2 (1 - 2theta/pi)) */
        arb_mul(t, T, pi2, prec);
        arb_addmul(E, t, b2, prec);        /* + (2 b^2/pi)(theta - sin theta) */
        arb_mul(E, E, sw2, prec);
        arb_mul(E, E, q, prec);
        arb_inv(lq, qn, prec);             /* 1/q' */
        arb_mul(epsn, E, lq, prec);

        /* theta over the whole eps ball, for D12 */
        if (!mag_is_zero(r))
        {
            {
                arf_t elo, ehi;  /* (kept local: rare path) */
                arf_init(elo); arf_init(ehi);
                arb_get_lbound_arf(elo, eps, prec);
                arb_get_ubound_arf(ehi, eps, prec);
                if (arf_sgn(elo) > 0 && arf_cmp_si(ehi, 1) <= 0)
                {
                    /* |theta'(e)| = 1/sqrt(e (2 - e)) <= 1/sqrt(elo) on the
                       ball, as 2 - e >= 1 (Lemma G3) */
                    arf_get_mag_lower(m, elo);
                    mag_rsqrt(m, m);
                    mag_mul(m, m, r);
                    arb_add_error_mag(th, m);
                }
                else
                {
                    arb_mul_2exp_si(u, eps, -1);
                    arb_sqrtpos(u, u, prec);
                    angle(th, NULL, u, &S, prec);
                }
                arf_clear(elo); arf_clear(ehi);
            }
        }
        /* D11 - D12 = sigma_w^2 b^2 (2 theta/pi); D12 = D11 - that */
        arb_mul(dd, th, pi2, prec);
        arb_mul(dd, dd, b2, prec);
        arb_mul(dd, dd, sw2, prec);
        arb_sub(d12, d11, dd, prec);

        /* mean-value term (Lemma G3): d eps'/d eps = D12(eps) q / q', with
           D12 enclosed over the whole eps ball just above */
        if (!mag_is_zero(r))
        {
            arb_mul(lq, lq, q, prec);
            arb_mul(lq, lq, d12, prec);
            arb_get_mag(m, lq);
            mag_mul(m, m, r);
            arb_add_error_mag(epsn, m);
        }
        clamp_eps(epsn, prec);

        /* Delta' = Delta D12 + Theta11 (D11 - D12) + q' eps' */
        arb_mul(del, del, d12, prec);
        arb_addmul(del, th11, dd, prec);
        arb_addmul(del, qn, epsn, prec);
        /* Theta11' = Theta11 D11 + q' */
        arb_mul(th11, th11, d11, prec);
        arb_add(th11, th11, qn, prec);

        arb_swap(q, qn);
        arb_swap(eps, epsn);
        if (!arb_is_finite(del) || !arb_is_finite(eps))
        {
            st = ntk_error_set(NTK_UNABLE, "relu-like recursion: enclosure lost at depth %ld "
                               "(precision %ld bits)", (long) (l + 1), (long) prec);
            break;
        }
        if (l >= L)
            break;
    }

    arb_clear(a2); arb_clear(b2); arb_clear(ab); arb_clear(d11); arb_clear(q);
    arb_clear(qn); arb_clear(eps); arb_clear(epsn); arb_clear(em); arb_clear(u);
    arb_clear(th); arb_clear(T); arb_clear(E); arb_clear(t); arb_clear(d12);
    arb_clear(dd); arb_clear(th11); arb_clear(del); arb_clear(pi2); arb_clear(lq);
    mag_clear(r); mag_clear(m);
    series_clear(&S);
    return st;
}
