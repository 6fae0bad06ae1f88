/*
 * ReLU-like fast path, 128-bit kernel: the series step of relulike.c
 * (proofs/relu-series.md, Lemmas R3, R4) evaluated on 128-bit mantissas
 * (unsigned __int128, truncating arithmetic) with the rounding errors
 * bounded by hand (proofs/relu-series.md, Lemma R5) instead of by ball
 * arithmetic, for working precisions <= 128 bits.  Radii are kept as
 * doubles that are upper bounds (every expression is inflated by a factor
 * 1 + 2^-40 that dominates its float64 rounding errors; all radii are far
 * above the underflow threshold, which is checked).
 *
 * Values are positive: v = m 2^e with 2^127 <= m < 2^128.
 */
#include <math.h>
#include <gmp.h>
#include "iter_impl.h"

#if defined(__SIZEOF_INT128__) && FLINT_BITS == 64

typedef unsigned __int128 u128;

typedef struct
{
    u128 m;
    slong e;
} uf;

#define TOP ((u128) 1 << 127)
#define UP(x) ((x) * (1.0 + 0x1p-40))
/* relative truncation error of one operation (Lemma R5) */
#define U_OP 0x1p-126

static inline void
uf_norm(uf *r, u128 m, slong e)
{
    if (m == 0)
    {
        r->m = 0;
        r->e = 0;
        return;
    }
    while (!(m & TOP))
    {
        int s = (m >> 64) ? __builtin_clzll((ulong) (m >> 64)) : 64 + __builtin_clzll((ulong) m);
        m <<= s;
        e -= s;
    }
    r->m = m;
    r->e = e;
}

/* r = a b, truncated (error < 1 unit of the result's last place) */
static inline void
uf_mul(uf *r, const uf *a, const uf *b)
{
    ulong a0 = (ulong) a->m, a1 = (ulong) (a->m >> 64);
    ulong b0 = (ulong) b->m, b1 = (ulong) (b->m >> 64);
    u128 p00 = (u128) a0 * b0, p01 = (u128) a0 * b1;
    u128 p10 = (u128) a1 * b0, p11 = (u128) a1 * b1;
    u128 mid = (p00 >> 64) + (ulong) p01 + (ulong) p10;
    u128 hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    ulong lo = (ulong) mid;
    if (hi & TOP)
    {
        r->m = hi;
        r->e = a->e + b->e + 128;
    }
    else
    {
        r->m = (hi << 1) | (lo >> 63);
        r->e = a->e + b->e + 127;
    }
}

/* r = a + b (a, b >= 0), truncated */
static inline void
uf_add(uf *r, const uf *a, const uf *b)
{
    const uf *x = a, *y = b;
    u128 ym, s;
    slong d;
    if (y->m == 0) { *r = *x; return; }
    if (x->m == 0) { *r = *y; return; }
    if (x->e < y->e) { x = b; y = a; }
    d = x->e - y->e;
    ym = d >= 128 ? 0 : y->m >> d;
    s = x->m + ym;
    if (s < x->m)
    {
        /* carry out of bit 127 */
        r->m = (s >> 1) | TOP;
        r->e = x->e + 1;
    }
    else
    {
        r->m = s;
        r->e = x->e;
    }
}

/* r = a - b, requires b < a/2; the result is >= the exact a - b and
   exceeds it by less than 1 unit of a's last place */
static inline void
uf_sub(uf *r, const uf *a, const uf *b)
{
    slong d = a->e - b->e;
    u128 bm = d >= 128 ? 0 : b->m >> d;
    uf_norm(r, a->m - bm, a->e);
}

/* upper bound of v as a double */
static inline double
uf_d_up(const uf *v)
{
    return ldexp((double) ((ulong) (v->m >> 74) + 1), (int) (v->e + 74));
}

/* lower-bound uf of a nonnegative arf at <= 128 bits, exact if it fits */
static int
uf_set_arf(uf *r, const arf_t x)
{
    mp_srcptr xp;
    mp_size_t xn;
    u128 m;
    if (arf_is_zero(x))
    {
        r->m = 0;
        r->e = 0;
        return 1;
    }
    if (arf_sgn(x) < 0 || !arf_is_finite(x) || COEFF_IS_MPZ(*ARF_EXPREF(x)))
        return 0;
    ARF_GET_MPN_READONLY(xp, xn, x);
    if (xn > 2)
        return 0;
    m = xn == 2 ? ((u128) xp[1] << 64) | xp[0] : (u128) xp[0] << 64;
    /* arf: value = 0.mantissa * 2^exp, mantissa left-aligned */
    r->m = m;
    r->e = ARF_EXP(x) - 128;
    return 1;
}

static void
arf_set_uf(arf_t r, const uf *v)
{
    mp_limb_t l[2];
    if (v->m == 0)
    {
        arf_zero(r);
        return;
    }
    l[0] = (mp_limb_t) v->m;
    l[1] = (mp_limb_t) (v->m >> 64);
    arf_set_mpn(r, l, 2, 0);
    arf_mul_2exp_si(r, r, v->e);
}

/* floor(sqrt(v)) with a 128-bit mantissa: relative error < 2^-127 */
static void
uf_sqrt(uf *r, const uf *v)
{
    mp_limb_t a[4], s[2];
    slong sh = ((v->e - 127) % 2 == 0) ? 127 : 128;
    u128 m = v->m;
    /* A = m 2^sh as 4 limbs */
    if (sh == 128)
    {
        a[0] = 0; a[1] = 0;
        a[2] = (mp_limb_t) m; a[3] = (mp_limb_t) (m >> 64);
    }
    else
    {
        u128 lo = m << 127, hi = m >> 1;
        a[0] = (mp_limb_t) lo; a[1] = (mp_limb_t) (lo >> 64);
        a[2] = (mp_limb_t) hi; a[3] = (mp_limb_t) (hi >> 64);
    }
    mpn_sqrtrem(s, NULL, a, 4);
    r->m = ((u128) s[1] << 64) | s[0];
    r->e = (v->e - sh) / 2;
}

#define R128_NMAX 40

typedef struct
{
    uf ca[R128_NMAX + 1], cb[R128_NMAX + 1];   /* K4 a_n, K16 b_n (lower) */
    double ca_up[R128_NMAX + 1], cb_up[R128_NMAX + 1];
    double k4half_up;                           /* (2 Delta/pi) upper */
    int ok;
} r128_ctx;

struct ntk_iter_r128_struct
{
    r128_ctx C;
};

ntk_iter_r128_struct *
ntk_iter_r128_new(const arb_t delta)
{
    ntk_iter_r128_struct *R = flint_malloc(sizeof(ntk_iter_r128_struct));
    r128_ctx *C = &R->C;
    arb_t k4, an, t;
    fmpz_t bin;
    arf_t lo;
    slong prec = 320;

    arb_init(k4); arb_init(an); arb_init(t); fmpz_init(bin); arf_init(lo);
    arb_const_pi(k4, prec);
    arb_div(k4, delta, k4, prec);
    arb_mul_2exp_si(k4, k4, 2);          /* 4 Delta/pi */
    C->ok = arb_is_positive(k4) && mag_cmp_2exp_si(arb_radref(k4), -250) < 0;
    for (slong n = 0; n <= R128_NMAX && C->ok; n++)
    {
        fmpz_bin_uiui(bin, 2 * n, n);
        arb_set_fmpz(an, bin);
        arb_mul_2exp_si(an, an, -2 * n);
        arb_div_ui(an, an, 2 * n + 1, prec);          /* a_n */
        arb_mul(t, an, k4, prec);
        arb_get_lbound_arf(lo, t, 128);
        C->ok &= uf_set_arf(C->ca + n, lo);
        C->ca_up[n] = UP(arf_get_d(arb_midref(t), ARF_RND_UP) * (1 + 0x1p-50));
        arb_div_ui(t, an, 2 * n + 3, prec);
        arb_mul(t, t, k4, prec);
        arb_mul_2exp_si(t, t, 2);                     /* K16 b_n */
        arb_get_lbound_arf(lo, t, 128);
        C->ok &= uf_set_arf(C->cb + n, lo);
        C->cb_up[n] = UP(arf_get_d(arb_midref(t), ARF_RND_UP) * (1 + 0x1p-50));
    }
    C->k4half_up = UP(arf_get_d(arb_midref(k4), ARF_RND_UP) * (1 + 0x1p-50)) / 2 * (1 + 0x1p-50);
    arb_clear(k4); arb_clear(an); arb_clear(t); fmpz_clear(bin); arf_clear(lo);
    return R;
}

void
ntk_iter_r128_free(ntk_iter_r128_struct *R)
{
    flint_free(R);
}

/*
 * Run layers [L, Lend) of the series step on 128-bit mantissas, starting
 * from eps, U (arb balls at prec <= 128); on return eps, U hold the state at
 * the last layer done and *L is advanced.  Returns 0 (and does nothing) if
 * the hypotheses do not hold: prec > 128, eps not in (0, 2^-4), U not
 * positive, radii not tiny; the caller then uses the ball step.
 */
int
ntk_iter_r128_run(arb_t eps, arb_t U, slong *L, slong Lend,
                  const ntk_iter_r128_struct *R, slong prec)
{
    const r128_ctx *C = &R->C;
    uf e, u, x, t, S, A, B, Dn, c, one;
    double rho, rhoU, md;
    slong l = *L;

    if (!C->ok || prec > 128 || arb_is_zero(eps) || !arb_is_positive(U)
        || !arb_is_positive(eps) || arf_cmp_2exp_si(arb_midref(eps), -4) >= 0)
        return 0;
    if (!uf_set_arf(&e, arb_midref(eps)) || !uf_set_arf(&u, arb_midref(U)))
        return 0;
    rho = mag_get_d(arb_radref(eps));
    rhoU = mag_get_d(arb_radref(U));
    md = ldexp((double) (ulong) (e.m >> 74), (int) (e.e + 74));   /* <= m */
    one.m = TOP;
    one.e = -127;

    for (; l < Lend; l++)
    {
        slong ex, N;
        double xd, td_up, tail_a, tail_b, errDn, radDn, supDn, errg, lo, xp;
        double A_up, B_up;

        if (!(rho < md * 0x1p-60) || md < 1e-280 || !(rhoU < 1e300))
            break;
        /* x = m/2 exactly; t = sqrt(x) (rel. error < 2^-127) */
        x = e;
        x.e -= 1;
        ex = x.e + 128;                 /* x < 2^ex */
        if (ex > -4 || ex < -900)
            break;
        uf_sqrt(&t, &x);
        N = (130 + (-ex) - 1) / (-ex);
        if (N > R128_NMAX)
            break;

        /* Horner, all terms positive: S_a = sum_{n<N} K4 a_n x^n */
        S = C->ca[N - 1];
        for (slong n = N - 2; n >= 0; n--)
        {
            uf_mul(&S, &S, &x);
            uf_add(&S, &S, C->ca + n);
        }
        uf_mul(&A, &S, &t);             /* A = 1 - Dn(m) = K4 asin t (Lemma R3-R4) */
        S = C->cb[N - 1];
        for (slong n = N - 2; n >= 0; n--)
        {
            uf_mul(&S, &S, &x);
            uf_add(&S, &S, C->cb + n);
        }
        uf_mul(&B, &S, &t);
        uf_mul(&B, &B, &x);             /* B = m - g(m) (Lemma R4) */

        /* error bounds (Lemma R5): relative (2N + 6) U_OP on A and B,
           truncated tails <= 2 c_N x^N t (resp. x t) */
        xd = ldexp(1.0, (int) ex);                        /* > x */
        td_up = uf_d_up(&t) * (1 + 0x1p-120);
        xp = pow(xd, (double) N) * (1 + 0x1p-40);
        tail_a = UP(2 * C->ca_up[N] * xp * td_up);
        tail_b = UP(2 * C->cb_up[N] * xp * td_up * xd);
        A_up = uf_d_up(&A);
        B_up = uf_d_up(&B);
        errDn = UP(A_up * (2 * N + 8) * U_OP + tail_a + 0x1p-125);
        errg = UP(B_up * (2 * N + 8) * U_OP + tail_b + ldexp(1.0, (int) e.e));

        /* Dn = 1 - A (>= exact 1 - A by less than 1 unit) */
        uf_sub(&Dn, &one, &A);
        /* over the ball: |Dn'| <= (2 Delta/pi)/sqrt(lo), lo = m - rho (R3) */
        lo = md - rho;
        radDn = UP(errDn + C->k4half_up / sqrt(lo * (1 - 0x1p-50)) * rho);
        supDn = UP(uf_d_up(&Dn) + radDn);
        if (supDn > 1)
            supDn = 1.0 * (1 + 0x1p-50);    /* |Dn| <= 1 (R3) */

        /* eps' = g(m) +- (errg + sup|Dn| rho) (Lemma P1) */
        uf_sub(&e, &e, &B);
        rho = UP(errg + supDn * rho);
        md = ldexp((double) (ulong) (e.m >> 74), (int) (e.e + 74));

        /* U' = U Dn + (1 - eps') (Lemma P3), all positive */
        {
            double U_up = uf_d_up(&u);
            uf_mul(&u, &u, &Dn);
            uf_sub(&c, &one, &e);
            uf_add(&u, &u, &c);
            rhoU = UP(rhoU * supDn + U_up * radDn + rho
                      + uf_d_up(&u) * 4 * U_OP);
        }
    }

    if (l == *L)
        return 0;
    arf_set_uf(arb_midref(eps), &e);
    mag_set_d(arb_radref(eps), rho);
    arf_set_uf(arb_midref(U), &u);
    mag_set_d(arb_radref(U), rhoU);
    *L = l;
    return 1;
}

#else

ntk_iter_r128_struct *ntk_iter_r128_new(const arb_t delta) { return NULL; }
void ntk_iter_r128_free(ntk_iter_r128_struct *R) { }
int
ntk_iter_r128_run(arb_t eps, arb_t U, slong *L, slong Lend,
                  const ntk_iter_r128_struct *R, slong prec)
{
    return 0;
}

#endif
