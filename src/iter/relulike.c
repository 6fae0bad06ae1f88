/*
 * ReLU-like fast path: phi = a x + b |x| (relu, leaky_relu, abs, linear)
 * with sigma_b = 0 exactly.  Then (proofs/relu-series.md):
 *   V(q) = r q,  r = sigma_w2 (a^2 + b^2)                      (Lemma R1)
 *   eps' = g(eps) = eps + (2 Delta/pi)(theta - sin theta - eps theta),
 *   theta = 2 asin(sqrt(eps/2)),  Delta = b^2/(a^2 + b^2)       (Lemma R2)
 *   D12 = r Dn,  Dn = g'(eps) = 1 - 2 Delta theta/pi           (Lemma R3)
 *   g(eps) = eps - (16 Delta/pi) t^3 sum_n b_n t^(2n),  t^2 = eps/2,
 *   asin t = sum_n a_n t^(2n+1), b_n = a_n/(2n+3),
 *   tails: sum_{n>=N} a_n x^n <= a_N x^N/(1-x), same for b    (Lemma R4)
 * The correlation recursion does not depend on r or q1; the variances and
 * kernels are rescaled at the checkpoints:
 *   Sigma^L_11 = q1 r^(L-1),  Theta^L_11 = L q1 r^(L-1),
 *   Theta^L_12 = q1 r^(L-1) U_L,  U_1 = c0,  U_(l+1) = U_l Dn_l + c_(l+1).
 * The same layer (ntk_iter_rl_layer, which also encloses 1 - Dn directly)
 * drives the kernel-gap recursion with bias of relulike_gap.c (Lemma R6).
 */
#include <math.h>
#include "iter_impl.h"

#define RL_NMAX 64

typedef struct
{
    arb_t delta, K4, K16, one_m_2delta;
    arb_struct a[RL_NMAX + 1], b[RL_NMAX + 1];
    mag_struct am[RL_NMAX + 1], bm[RL_NMAX + 1];  /* upper bounds */
    slong prec;
} rl_ctx;

static void
rl_ctx_init(rl_ctx *C, const arb_t delta, slong prec)
{
    fmpq_t an;
    fmpz_t bin;

    arb_init(C->delta); arb_init(C->K4); arb_init(C->K16); arb_init(C->one_m_2delta);
    arb_set(C->delta, delta);
    arb_const_pi(C->K4, prec);
    arb_div(C->K4, delta, C->K4, prec);
    arb_mul_2exp_si(C->K16, C->K4, 4);
    arb_mul_2exp_si(C->K4, C->K4, 2);
    arb_mul_2exp_si(C->one_m_2delta, delta, 1);
    arb_sub_si(C->one_m_2delta, C->one_m_2delta, 1, prec);
    arb_neg(C->one_m_2delta, C->one_m_2delta);
    fmpq_init(an);
    fmpz_init(bin);
    for (slong n = 0; n <= RL_NMAX; n++)
    {
        /* a_n = binom(2n, n) / (4^n (2n + 1)) */
        fmpz_bin_uiui(bin, 2 * n, n);
        fmpz_set(fmpq_numref(an), bin);
        fmpz_one(fmpq_denref(an));
        fmpz_mul_2exp(fmpq_denref(an), fmpq_denref(an), 2 * n);
        fmpz_mul_ui(fmpq_denref(an), fmpq_denref(an), 2 * n + 1);
        fmpq_canonicalise(an);
        arb_init(C->a + n);
        arb_init(C->b + n);
        mag_init(C->am + n);
        mag_init(C->bm + n);
        arb_set_fmpq(C->a + n, an, prec);
        fmpz_mul_ui(fmpq_denref(an), fmpq_denref(an), 2 * n + 3);
        fmpq_canonicalise(an);
        arb_set_fmpq(C->b + n, an, prec);
        arb_get_mag(C->am + n, C->a + n);
        arb_get_mag(C->bm + n, C->b + n);
    }
    fmpq_clear(an);
    fmpz_clear(bin);
    C->prec = prec;
}

static void
rl_ctx_clear(rl_ctx *C)
{
    arb_clear(C->delta); arb_clear(C->K4); arb_clear(C->K16); arb_clear(C->one_m_2delta);
    for (slong n = 0; n <= RL_NMAX; n++)
    {
        arb_clear(C->a + n); arb_clear(C->b + n);
        mag_clear(C->am + n); mag_clear(C->bm + n);
    }
}

/* number of series terms for relative accuracy 2^-(prec+8) at x (upper
   bound xhi as a double exponent); 0 if more than RL_NMAX are needed or
   x > 1/4 (then the closed form is used) */
static slong
rl_terms(const arb_t x, slong prec)
{
    arf_t u;
    slong e, N;

    arf_init(u);
    arb_get_ubound_arf(u, x, 30);
    if (arf_is_zero(u))
    {
        arf_clear(u);
        return 1;
    }
    e = arf_abs_bound_lt_2exp_si(u);   /* x < 2^e */
    arf_clear(u);
    if (e > -2)
        return 0;
    N = (prec + 8 + (-e) - 1) / (-e);
    if (N < 1)
        N = 1;
    return N <= RL_NMAX ? N : 0;
}

/* res = sum_{n<N} c_n x^n + [tail], tail <= cm_N xhi^N / (1 - xhi), xhi <= 1/4 */
static void
rl_series(arb_t res, const arb_struct *c, const mag_struct *cm, slong N,
          const arb_t x, slong prec)
{
    mag_t xm, tail;

    arb_set(res, c + N - 1);
    for (slong n = N - 2; n >= 0; n--)
    {
        arb_mul(res, res, x, prec);
        arb_add(res, res, c + n, prec);
    }
    mag_init(xm);
    mag_init(tail);
    arb_get_mag(xm, x);
    mag_pow_ui(tail, xm, N);
    mag_mul(tail, tail, cm + N);
    mag_mul_2exp_si(tail, tail, 1);   /* 1/(1 - x) <= 2 for x <= 1/2 */
    arb_add_error_mag(res, tail);
    mag_clear(xm);
    mag_clear(tail);
}

/* g at a point eps (exact ball), closed form (Lemma R2) */
static void
rl_g_closed(arb_t res, const arb_t delta, const arb_t eps, slong prec)
{
    arb_t t, th, s, u;
    slong wp = prec + 30;

    arb_init(t); arb_init(th); arb_init(s); arb_init(u);
    arb_mul_2exp_si(t, eps, -1);
    arb_sub_si(s, t, 1, wp);
    arb_neg(s, s);                 /* 1 - eps/2 = 1 - t^2 */
    arb_sqrt(s, s, wp);
    arb_sqrt(t, t, wp);
    arb_asin(th, t, wp);
    arb_mul_2exp_si(th, th, 1);    /* theta */
    arb_mul(s, s, t, wp);
    arb_mul_2exp_si(s, s, 1);      /* sin theta = 2 t sqrt(1 - t^2) */
    arb_sub(u, th, s, wp);
    arb_submul(u, eps, th, wp);    /* theta - sin theta - eps theta */
    arb_const_pi(t, wp);
    arb_div(u, u, t, wp);
    arb_mul(u, u, delta, wp);
    arb_mul_2exp_si(u, u, 1);
    arb_add(res, eps, u, prec);
    arb_clear(t); arb_clear(th); arb_clear(s); arb_clear(u);
}

void
ntk_iter_relulike_g(arb_t res, const arb_t delta, const arb_t eps, slong prec)
{
    rl_g_closed(res, delta, eps, prec);
}

/* per-run temporaries (no allocation per layer) */
typedef struct
{
    arb_t x, t, S, A, gm, Dm;
    mag_t sup, lo, tmp, rad;
} rl_tmp;

static void
rl_tmp_init(rl_tmp *w)
{
    arb_init(w->x); arb_init(w->t); arb_init(w->S); arb_init(w->A);
    arb_init(w->gm); arb_init(w->Dm);
    mag_init(w->sup); mag_init(w->lo); mag_init(w->tmp); mag_init(w->rad);
}

static void
rl_tmp_clear(rl_tmp *w)
{
    arb_clear(w->x); arb_clear(w->t); arb_clear(w->S); arb_clear(w->A);
    arb_clear(w->gm); arb_clear(w->Dm);
    mag_clear(w->sup); mag_clear(w->lo); mag_clear(w->tmp); mag_clear(w->rad);
}

/* Dn over the eps ball by ball evaluation of the closed form (Lemma R3);
   omd (if not NULL) = 1 - Dn = 2 Delta theta/pi without the subtraction */
static void
rl_dn_ball(arb_t Dn, arb_t omd, const rl_ctx *C, const arb_t eps, rl_tmp *w,
           slong prec)
{
    arb_mul_2exp_si(w->x, eps, -1);
    arb_sqrt(w->t, w->x, prec + 10);
    arb_asin(w->S, w->t, prec + 10);
    arb_mul(w->S, w->S, C->K4, prec);
    arb_sub_si(Dn, w->S, 1, prec);
    arb_neg(Dn, Dn);
    if (!arb_is_finite(Dn))
    {
        /* Dn lies in [1 - 2 Delta, 1] for every eps in [0, 2] */
        arb_one(Dn);
        arb_union(Dn, Dn, C->one_m_2delta, prec);
        if (omd != NULL)
        {
            arb_zero(omd);
            arb_union(omd, omd, C->delta, prec);
            arb_mul_2exp_si(omd, omd, 1);   /* [0, 2 Delta] */
        }
    }
    else if (omd != NULL)
        arb_set(omd, w->S);
}

/*
 * One layer: eps <- g(eps) in the mean-value form (Lemma P1), Dn <- g'
 * over the eps ball (Lemma R3); omd (if not NULL) <- 1 - Dn over the ball,
 * enclosed directly as 2 Delta theta/pi (no cancellation when eps is small).
 */
static void
rl_step(arb_t eps, arb_t Dn, arb_t omd, const rl_ctx *C, rl_tmp *w, slong prec)
{
    slong N, lp;
    arf_srcptr m = arb_midref(eps);

    if (arb_is_zero(eps))
    {
        arb_one(Dn);
        if (omd != NULL)
            arb_zero(omd);
        return;
    }
    mag_set(w->rad, arb_radref(eps));

    /* x = m/2 exactly, t = sqrt(x) */
    arb_set_arf(w->x, m);
    arb_mul_2exp_si(w->x, w->x, -1);
    N = rl_terms(w->x, prec);
    if (N > 0 && !mag_is_zero(w->rad))
    {
        /* the eps ball must stay away from 0 by a factor 2 */
        arf_get_mag_lower(w->lo, m);
        mag_mul_2exp_si(w->tmp, w->rad, 1);
        if (mag_cmp(w->tmp, w->lo) > 0)
            N = 0;
    }
    if (N > 0)
    {
        /* The series parts are multiplied by t or t^3/m, both < 2^(et),
           so they need only prec + et + 10 bits (Lemma R4). */
        slong et;
        arb_sqrt(w->t, w->x, prec);
        et = arf_abs_bound_lt_2exp_si(arb_midref(w->t));
        lp = prec + (et < 0 ? et : 0) + 10;
        if (lp < 64)
            lp = 64;
        N = rl_terms(w->x, lp);
        if (N == 0)
            N = rl_terms(w->x, prec);

        /* g(m) = m - (16 Delta/pi) t x Sb(x) */
        rl_series(w->S, C->b, C->bm, N, w->x, lp);
        arb_mul(w->S, w->S, w->t, lp);
        arb_mul(w->S, w->S, w->x, lp);
        arb_mul(w->S, w->S, C->K16, lp);
        arb_set_arf(w->gm, m);
        arb_sub(w->gm, w->gm, w->S, prec);

        /* Dn(m) = 1 - (4 Delta/pi) t Sa(x) */
        rl_series(w->A, C->a, C->am, N, w->x, lp);
        arb_mul(w->A, w->A, w->t, lp);
        arb_mul(w->A, w->A, C->K4, lp);
        arb_sub_si(Dn, w->A, 1, prec);
        arb_neg(Dn, Dn);
        if (omd != NULL)
            arb_set_round(omd, w->A, prec);

        /* over the ball: |Dn'(e)| = (2 Delta/pi) / sqrt(e (2 - e))
           <= (K4/2) / sqrt(lo) since 2 - hi >= 1 here (Lemma R3) */
        if (!mag_is_zero(w->rad))
        {
            arf_get_mag_lower(w->lo, m);
            mag_sub_lower(w->lo, w->lo, w->rad);
            mag_rsqrt(w->tmp, w->lo);
            arb_get_mag(w->sup, C->K4);
            mag_mul(w->tmp, w->tmp, w->sup);
            mag_mul_2exp_si(w->tmp, w->tmp, -1);
            mag_mul(w->tmp, w->tmp, w->rad);
            arb_add_error_mag(Dn, w->tmp);
            if (omd != NULL)
                arb_add_error_mag(omd, w->tmp);
        }
    }
    else
    {
        arb_set_arf(w->x, m);
        rl_g_closed(w->gm, C->delta, w->x, prec);
        rl_dn_ball(Dn, omd, C, eps, w, prec);
    }

    /* eps' = g(m) +- sup|g'| rad  (g' = Dn, Lemma R3) */
    arb_get_mag(w->sup, Dn);
    mag_mul(w->sup, w->sup, w->rad);
    mag_add(arb_radref(w->gm), arb_radref(w->gm), w->sup);
    arb_swap(eps, w->gm);
    if (arf_sgn(arb_midref(eps)) <= 0 || arf_cmp_si(arb_midref(eps), 1) >= 0)
        ntk_iter_clamp_eps(eps, prec);
}

int ntk_iter_relulike_no128 = 0;

void
ntk_iter_relulike_step(arb_t eps, arb_t Dn, const arb_t delta, slong prec)
{
    rl_ctx C;
    rl_tmp w;
    rl_ctx_init(&C, delta, prec);
    rl_tmp_init(&w);
    rl_step(eps, Dn, NULL, &C, &w, prec);
    rl_tmp_clear(&w);
    rl_ctx_clear(&C);
}

/* the step as a reusable object, for the kernel-gap recursion
   (relulike_gap.c): constants and temporaries allocated once */
struct ntk_iter_rl_struct
{
    rl_ctx C;
    rl_tmp w;
};

ntk_iter_rl_struct *
ntk_iter_rl_new(const arb_t delta, slong prec)
{
    ntk_iter_rl_struct *S = flint_malloc(sizeof(ntk_iter_rl_struct));
    rl_ctx_init(&S->C, delta, prec);
    rl_tmp_init(&S->w);
    return S;
}

void
ntk_iter_rl_free(ntk_iter_rl_struct *S)
{
    rl_tmp_clear(&S->w);
    rl_ctx_clear(&S->C);
    flint_free(S);
}

void
ntk_iter_rl_layer(arb_t eps, arb_t Dn, arb_t omd, ntk_iter_rl_struct *S, slong prec)
{
    rl_step(eps, Dn, omd, &S->C, &S->w, prec);
}

static void
rl_write_row(ntk_iter_row_t row, slong L, const arb_t eps, const arb_t U,
             const arb_t q1, const arb_t r, slong prec)
{
    arb_t qL;
    arb_init(qL);
    row->depth = L;
    if (arb_is_one(r))
        arb_set(qL, q1);
    else
    {
        arb_pow_ui(qL, r, L - 1, prec);
        arb_mul(qL, qL, q1, prec);
    }
    arb_set(row->eps, eps);
    arb_sub_si(row->c, eps, 1, prec);
    arb_neg(row->c, row->c);
    arb_set(row->sigma11, qL);
    arb_mul(row->sigma12, qL, row->c, prec);
    arb_mul_si(row->theta11, qL, L, prec);
    arb_mul(row->theta12, qL, U, prec);
    arb_clear(qL);
}

ntk_status
ntk_iter_relulike_run(ntk_iter_sink *sk, ntk_iter_info_struct *info,
                      const ntk_act_t act, const arb_t sigma_w2,
                      const arb_t q1, const arb_t c0, slong prec)
{
    rl_ctx C;
    arb_t delta, r, eps, U, Dn;
    rl_tmp w;
    fmpq_t a2, b2;
    slong L, Lmax = sk->depths[sk->n - 1], fast128 = 0;
    ntk_iter_r128_struct *R;
    ntk_status st = NTK_SUCCESS;

    arb_init(delta); arb_init(r); arb_init(eps); arb_init(U); arb_init(Dn);
    rl_tmp_init(&w);
    fmpq_init(a2); fmpq_init(b2);

    fmpq_mul(a2, act->a, act->a);
    fmpq_mul(b2, act->b, act->b);
    fmpq_add(a2, a2, b2);                     /* a^2 + b^2 */
    arb_set_fmpq(r, a2, prec);
    arb_mul(r, r, sigma_w2, prec);            /* Lemma R1 */
    fmpq_div(b2, b2, a2);                     /* Delta */
    arb_set_fmpq(delta, b2, prec);
    rl_ctx_init(&C, delta, prec);

    arb_sub_si(eps, c0, 1, prec);
    arb_neg(eps, eps);
    ntk_iter_clamp_eps(eps, prec);
    arb_set(U, c0);

    R = (prec <= 128 && !ntk_iter_relulike_no128) ? ntk_iter_r128_new(delta) : NULL;
    for (L = 1; ; L++)
    {
        if (sk->next < sk->n && sk->depths[sk->next] == L)
        {
            rl_write_row(sk->rows + sk->next, L, eps, U, q1, r, prec);
            sk->next++;
        }
        if (L >= Lmax)
            break;
        if ((L & 4095) == 0 && ntk_iter_sink_poll(sk, L))
        {
            st = ntk_error_set(NTK_INTERRUPTED, "interrupted at depth %ld", (long) L);
            break;
        }
        if (R != NULL)
        {
            /* 128-bit kernel up to the next checkpoint or poll point */
            slong Lend = sk->depths[sk->next];
            slong Lpoll = (L | 4095) + 1;
            slong L0 = L;
            if (Lpoll < Lend)
                Lend = Lpoll;
            if (ntk_iter_r128_run(eps, U, &L, Lend, R, prec))
            {
                fast128 += L - L0;
                L--;            /* the loop's L++ */
                continue;
            }
        }
        rl_step(eps, Dn, NULL, &C, &w, prec);
        /* U' = U Dn + c', c' = 1 - eps' */
        arb_mul(U, U, Dn, prec);
        arb_add_si(U, U, 1, prec);
        arb_sub(U, U, eps, prec);
    }
    if (info != NULL)
        info->layers_fast += L - 1;
    if (R != NULL)
        ntk_iter_r128_free(R);

    rl_ctx_clear(&C);
    arb_clear(delta); arb_clear(r); arb_clear(eps); arb_clear(U); arb_clear(Dn);
    rl_tmp_clear(&w);
    fmpq_clear(a2); fmpq_clear(b2);
    return st;
}
