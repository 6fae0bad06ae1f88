/*
 * Certified isolation and refinement of the real roots of a function known
 * through ball enclosures of f and f' on intervals (proofs/maps.md Lemma M5):
 *  - 0 not in f(X)                         => no root in X;
 *  - 0 not in f'(X), f(a) f(b) < 0          => exactly one root in X;
 *  - 0 not in f'(X), f(a), f(b) same sign   => no root in X;
 *  - otherwise X is bisected (geometrically on a log scale).
 * Refinement: interval Newton N(X) = m - f(m)/f'(X), X <- X cap N(X),
 * which keeps every root of X (Lemma M5 (c)).
 */
#include "maps_impl.h"

void
_ntk_roots_init(ntk_roots_struct *r)
{
    for (slong i = 0; i < NTK_ROOTS_MAX; i++)
    {
        arf_init(r->lo + i);
        arf_init(r->hi + i);
    }
    arf_init(r->undecided_lo);
    r->nroots = 0;
    r->complete = 1;
    r->evals = 0;
}

void
_ntk_roots_clear(ntk_roots_struct *r)
{
    for (slong i = 0; i < NTK_ROOTS_MAX; i++)
    {
        arf_clear(r->lo + i);
        arf_clear(r->hi + i);
    }
    arf_clear(r->undecided_lo);
}

/* split point of [a, b]: sqrt(a b) (rounded) on a log scale, else (a+b)/2 */
static void
split_point(arf_t m, const arf_t a, const arf_t b, int logscale, slong prec)
{
    if (logscale)
    {
        arf_mul(m, a, b, prec, ARF_RND_NEAR);
        arf_sqrt(m, m, prec, ARF_RND_NEAR);
    }
    else
    {
        arf_add(m, a, b, prec, ARF_RND_NEAR);
        arf_mul_2exp_si(m, m, -1);
    }
}

/* sign of a ball: +1, -1, or 0 if it contains 0 */
static int
ball_sign(const arb_t x)
{
    if (arb_is_positive(x))
        return 1;
    if (arb_is_negative(x))
        return -1;
    return 0;
}

static ntk_status
point_sign(int *sgn, ntk_maps_fn fn, void *data, const arf_t x, slong prec,
           ntk_roots_struct *r)
{
    ntk_status st;
    arb_t X, f;
    arb_init(X);
    arb_init(f);
    arb_set_arf(X, x);
    st = fn(f, NULL, X, data, prec);
    r->evals++;
    *sgn = (st == NTK_SUCCESS) ? ball_sign(f) : 0;
    if (st == NTK_UNABLE)
        st = NTK_SUCCESS;
    arb_clear(X);
    arb_clear(f);
    return st;
}

#define STACK_MAX 256
/* pieces narrower than 2^-depth relative are not split further, depth =
   max(NTK_ROOTS_DEPTH, prec / 4): a function with cancellation (G(q) ~
   sigma_b2 - c q^3 near q = 0 has a derivative enclosure of width ~ q w on
   a piece of relative width w, against a derivative ~ q^2) needs narrow
   pieces, which only pay off with the bits to resolve them */
#define NTK_ROOTS_DEPTH 12

ntk_status
_ntk_roots_isolate(ntk_roots_struct *r, ntk_maps_fn fn, void *data,
                   const arf_t lo, const arf_t hi, int logscale,
                   slong max_evals, slong prec)
{
    ntk_status st = NTK_SUCCESS;
    arf_struct sa[STACK_MAX], sb[STACK_MAX];
    slong top = 0, i, npieces;
    arb_t X, f, fp;
    arf_t m, t;

    arb_init(X);
    arb_init(f);
    arb_init(fp);
    arf_init(m);
    arf_init(t);
    for (i = 0; i < STACK_MAX; i++)
    {
        arf_init(sa + i);
        arf_init(sb + i);
    }
    r->nroots = 0;
    r->complete = 1;
    r->evals = 0;

    /* initial pieces: octaves (log scale) or 8 equal parts, pushed so that
       the leftmost piece is processed first */
    if (logscale)
    {
        arf_div(t, hi, lo, 30, ARF_RND_UP);
        npieces = arf_abs_bound_lt_2exp_si(t);
    }
    else
        npieces = 8;
    if (npieces < 1)
        npieces = 1;
    if (npieces > STACK_MAX / 2)
        npieces = STACK_MAX / 2;
    for (i = 0; i < npieces; i++)
    {
        /* piece i: [lo * (hi/lo)^(i/n), ...] or linear */
        arb_t u, w;
        arb_init(u);
        arb_init(w);
        for (int side = 0; side < 2; side++)
        {
            slong j = i + side;
            arf_ptr dst = side ? sb + top : sa + top;
            if (j == 0)
                arf_set(dst, lo);
            else if (j == npieces)
                arf_set(dst, hi);
            else if (logscale)
            {
                arb_set_arf(u, hi);
                arb_set_arf(w, lo);
                arb_div(u, u, w, prec);
                arb_root_ui(u, u, npieces, prec);
                arb_pow_ui(u, u, j, prec);
                arb_mul(u, u, w, prec);
                arf_set(dst, arb_midref(u));
            }
            else
            {
                arb_set_arf(u, hi);
                arb_sub_arf(u, u, lo, prec);
                arb_mul_si(u, u, j, prec);
                arb_div_si(u, u, npieces, prec);
                arb_add_arf(u, u, lo, prec);
                arf_set(dst, arb_midref(u));
            }
        }
        top++;
        arb_clear(u);
        arb_clear(w);
    }

    while (top > 0)
    {
        ntk_status fst;
        arf_ptr a, b;
        int sa_, sb_, undecided = 0;

        top--;
        a = sa + top;
        b = sb + top;
        if (r->evals >= max_evals)
        {
            undecided = 1;
            goto decide;
        }
        arb_set_interval_arf(X, a, b, prec);
        fst = fn(f, fp, X, data, prec);
        r->evals++;
        if (fst != NTK_SUCCESS && fst != NTK_UNABLE)
        {
            st = fst;
            break;
        }
        if (fst == NTK_SUCCESS && !arb_contains_zero(f))
            continue;                       /* Lemma M5 (a): no root */
        if (fst == NTK_SUCCESS && arb_is_finite(fp))
        {
            /* mean-value form f(X) in f(m) + f'(X) (X - m)  (Lemma M5 (a)) */
            arb_t M, fm;
            int excl = 0;
            arb_init(M);
            arb_init(fm);
            arb_set_arf(M, arb_midref(X));
            if (fn(fm, NULL, M, data, prec) == NTK_SUCCESS)
            {
                arb_sub(M, X, M, prec);
                arb_addmul(fm, fp, M, prec);
                excl = !arb_contains_zero(fm);
            }
            r->evals++;
            arb_clear(M);
            arb_clear(fm);
            if (excl)
                continue;
        }
        if (fst == NTK_SUCCESS && !arb_contains_zero(fp))
        {
            /* monotone on [a, b] */
            if ((st = point_sign(&sa_, fn, data, a, prec, r)) != NTK_SUCCESS)
                break;
            if ((st = point_sign(&sb_, fn, data, b, prec, r)) != NTK_SUCCESS)
                break;
            if (sa_ != 0 && sb_ != 0)
            {
                if (sa_ != sb_)
                {
                    /* Lemma M5 (b): exactly one root */
                    if (r->nroots < NTK_ROOTS_MAX)
                    {
                        arf_set(r->lo + r->nroots, a);
                        arf_set(r->hi + r->nroots, b);
                    }
                    r->nroots++;
                }
                continue;
            }
        }
        /* bisect unless the piece is already tiny */
        arf_sub(t, b, a, 30, ARF_RND_DOWN);
        arf_mul_2exp_si(m, b, -FLINT_MAX(NTK_ROOTS_DEPTH, prec / 4));
        if (top + 2 > STACK_MAX || arf_cmpabs(t, m) <= 0)
        {
            undecided = 1;
            goto decide;
        }
        split_point(m, a, b, logscale, prec);
        /* push left half, then right half (right processed first) */
        arf_set(sa + top + 1, m);
        arf_set(sb + top + 1, b);
        arf_set(sb + top, m);
        /* sa + top already holds a */
        top += 2;
        continue;
    decide:
        if (undecided)
        {
            /* everything right of b is decided; give up on the rest */
            arf_set(r->undecided_lo, b);
            r->complete = 0;
            break;
        }
    }

    arb_clear(X);
    arb_clear(f);
    arb_clear(fp);
    arf_clear(m);
    arf_clear(t);
    for (i = 0; i < STACK_MAX; i++)
    {
        arf_clear(sa + i);
        arf_clear(sb + i);
    }
    return st;
}

ntk_status
_ntk_roots_newton(arb_t res, ntk_maps_fn fn, void *data, const arf_t lo,
                  const arf_t hi, slong goal_bits, slong prec)
{
    ntk_status st = NTK_SUCCESS;
    arb_t X, M, fm, fpX, N, Y;
    mag_t old;
    slong it, stall = 0;

    arb_init(X);
    arb_init(M);
    arb_init(fm);
    arb_init(fpX);
    arb_init(N);
    arb_init(Y);
    mag_init(old);
    arb_set_interval_arf(X, lo, hi, prec);
    for (it = 0; it < 200; it++)
    {
        if (arb_rel_accuracy_bits(X) >= goal_bits)
            break;
        mag_set(old, arb_radref(X));
        arb_set_arf(M, arb_midref(X));
        st = fn(fm, NULL, M, data, prec);
        if (st == NTK_SUCCESS)
            st = fn(NULL, fpX, X, data, prec);
        if (st != NTK_SUCCESS)
            break;
        if (arb_contains_zero(fpX))
        {
            st = ntk_error_set(NTK_UNABLE, "interval Newton: derivative enclosure contains 0");
            break;
        }
        arb_div(N, fm, fpX, prec);
        arb_sub(N, M, N, prec);
        if (!arb_intersection(Y, X, N, prec))
        {
            st = ntk_error_set(NTK_UNABLE, "interval Newton: empty intersection (precision too low)");
            break;
        }
        arb_swap(X, Y);
        /* stop when the radius no longer shrinks by half */
        if (mag_cmp(arb_radref(X), old) >= 0)
            stall += 2;
        else
        {
            mag_mul_2exp_si(old, old, -1);
            if (mag_cmp(arb_radref(X), old) > 0)
                stall++;
            else
                stall = 0;
        }
        if (stall >= 3)
            break;
    }
    arb_set(res, X);
    arb_clear(X);
    arb_clear(M);
    arb_clear(fm);
    arb_clear(fpX);
    arb_clear(N);
    arb_clear(Y);
    mag_clear(old);
    return st;
}

ntk_status
_ntk_roots_bracket(arf_t a_out, arf_t b_out, int *found, ntk_maps_fn fn,
                   void *data, const arf_t lo, const arf_t hi, slong per_octave,
                   slong prec)
{
    ntk_status st = NTK_SUCCESS;
    arb_t X, f, step;
    arf_t x, xprev;
    int s, sprev = 0;
    slong i;

    *found = 0;
    arb_init(X);
    arb_init(f);
    arb_init(step);
    arf_init(x);
    arf_init(xprev);
    /* step = 2^(1/per_octave), or 2^|per_octave| if per_octave < 0 */
    arb_set_ui(step, 2);
    if (per_octave > 0)
        arb_root_ui(step, step, per_octave, 30);
    else
        arb_mul_2exp_si(step, step, -per_octave - 1);
    arf_set(x, lo);
    for (i = 0; i < 100000; i++)
    {
        arb_set_arf(X, x);
        st = fn(f, NULL, X, data, prec);
        if (st != NTK_SUCCESS && st != NTK_UNABLE)
            break;
        s = (st == NTK_SUCCESS) ? ball_sign(f) : 0;
        st = NTK_SUCCESS;
        if (s != 0)
        {
            if (sprev != 0 && s != sprev)
            {
                arf_set(a_out, xprev);
                arf_set(b_out, x);
                *found = 1;
                break;
            }
            sprev = s;
            arf_set(xprev, x);
        }
        if (arf_cmp(x, hi) >= 0)
            break;
        arf_mul(x, x, arb_midref(step), 30, ARF_RND_UP);
        if (arf_cmp(x, hi) > 0)
            arf_set(x, hi);
    }
    arb_clear(X);
    arb_clear(f);
    arb_clear(step);
    arf_clear(x);
    arf_clear(xprev);
    return st;
}

/* Lemma M5 (d) on X = [y - r, y + r] at wp bits: if N(X) = y - f(y)/f'(X)
   lies inside X, the root is refined from N(X) to goal_bits at prec
   (*certified = 1, the status of the refinement); else *certified = 0
   and NTK_SUCCESS, NTK_UNABLE (also when f is not defined on X) or
   another status of fn */
static ntk_status
certify_ball(arb_t res, int *certified, ntk_maps_fn fn, void *data, const arb_t y,
             const mag_t r, slong goal_bits, slong prec, slong wp)
{
    ntk_status st;
    arb_t X, f, fp, N;
    arb_init(X);
    arb_init(f);
    arb_init(fp);
    arb_init(N);
    arb_set(X, y);
    mag_set(arb_radref(X), r);
    st = fn(f, NULL, y, data, wp);
    if (st == NTK_SUCCESS)
        st = fn(NULL, fp, X, data, wp);
    /* a ball too wide for the function (e.g. q <= 0 in a variance) is
       this routine's choice, not bad input: not certified */
    if (st == NTK_DOMAIN)
        st = NTK_UNABLE;
    if (st == NTK_SUCCESS && arb_is_finite(f) && arb_is_finite(fp) && !arb_contains_zero(fp))
    {
        arb_div(N, f, fp, wp);
        arb_sub(N, y, N, wp);
        if (arb_contains_interior(X, N))
        {
            arf_t a, b;
            arf_init(a);
            arf_init(b);
            arb_get_lbound_arf(a, N, prec);
            arb_get_ubound_arf(b, N, prec);
            st = _ntk_roots_newton(res, fn, data, a, b, goal_bits, prec);
            arf_clear(a);
            arf_clear(b);
            *certified = 1;
        }
    }
    arb_clear(X);
    arb_clear(f);
    arb_clear(fp);
    arb_clear(N);
    return st;
}

/* One attempt of _ntk_roots_refine at working precision wp <= prec: a
   point-Newton guess inside [lo, hi] (narrowed in place, keeping certified
   signs), then a certified ball around it.  *certified = 0 if the ball
   could not be certified at wp. */
static ntk_status
refine_at(arb_t res, int *certified, ntk_maps_fn fn, void *data, arf_t lo, arf_t hi,
          slong goal_bits, slong prec, slong wp)
{
    ntk_status st = NTK_SUCCESS;
    arb_t X, f, fp, N, Y;
    arf_t x, d;
    mag_t r;
    slong it;
    int sa;

    *certified = 0;
    arb_init(X);
    arb_init(f);
    arb_init(fp);
    arb_init(N);
    arb_init(Y);
    arf_init(x);
    arf_init(d);
    mag_init(r);
    /* sign at the left end of the bracket */
    arb_set_arf(X, lo);
    st = fn(f, NULL, X, data, wp);
    if (st != NTK_SUCCESS)
        goto cleanup;
    sa = ball_sign(f);
    if (sa == 0)
        goto cleanup;               /* not certified at wp: more bits */
    /* safeguarded Newton on point values (not certified; only a guess) */
    arf_add(x, lo, hi, wp, ARF_RND_NEAR);
    arf_mul_2exp_si(x, x, -1);
    arf_zero(d);
    for (it = 0; it < 100; it++)
    {
        int sx;
        arb_set_arf(X, x);
        st = fn(f, fp, X, data, wp);
        if (st != NTK_SUCCESS)
            goto cleanup;
        sx = ball_sign(f);
        if (sx == 0)
            break;                   /* |f(x)| below the working accuracy */
        if (sx == sa)
            arf_set(lo, x);
        else
            arf_set(hi, x);
        /* Newton step, or bisection if it leaves the bracket */
        arb_div(N, f, fp, wp);
        arf_set(d, arb_midref(N));
        arf_sub(arb_midref(N), x, d, wp, ARF_RND_NEAR);
        if (!arf_is_finite(arb_midref(N)) || arf_cmp(arb_midref(N), lo) <= 0
            || arf_cmp(arb_midref(N), hi) >= 0)
        {
            arf_add(arb_midref(N), lo, hi, wp, ARF_RND_NEAR);
            arf_mul_2exp_si(arb_midref(N), arb_midref(N), -1);
        }
        arf_set(x, arb_midref(N));
        arf_sub(d, hi, lo, wp, ARF_RND_UP);
        arf_abs(d, d);
        if (arf_cmpabs_2exp_si(d, arf_abs_bound_lt_2exp_si(x) - wp + 12) < 0)
            break;
    }
    /* certify: X = [x - r, x + r] with N(X) inside X (Lemma M5 (d)), for
       r = 2^16, 2^24, ..., 2^56 ulps of x */
    arb_set_arf(Y, x);
    for (slong k = 0; k < 6 && !*certified; k++)
    {
        mag_set_ui_2exp_si(r, 1, arf_abs_bound_lt_2exp_si(x) - wp + 16 + 8 * k);
        st = certify_ball(res, certified, fn, data, Y, r, goal_bits, prec, wp);
        if (st != NTK_SUCCESS && st != NTK_UNABLE)
            goto cleanup;
    }
    /* f(x) known less well than that (cancellation: its enclosure is then
       mostly radius): r = 2 |f(x)| / |f'(x)|, 2^8 and 2^16 times that,
       while the ball stays inside the bracket (f may not be defined
       outside); else the bracket itself, whose ends have certified
       opposite signs, which holds exactly one root if f' keeps its sign on
       it (Lemma M5 (b)) */
    if (!*certified)
    {
        mag_t lo_fp;
        mag_init(lo_fp);
        st = fn(f, fp, Y, data, wp);
        if (st == NTK_SUCCESS && arb_is_finite(f) && arb_is_finite(fp) && !arb_contains_zero(fp))
        {
            arb_get_mag(r, f);
            arb_get_mag_lower(lo_fp, fp);
            mag_div(r, r, lo_fp);
            mag_mul_2exp_si(r, r, 1);
            for (slong k = 0; k < 3 && !*certified && (st == NTK_SUCCESS || st == NTK_UNABLE);
                 k++, mag_mul_2exp_si(r, r, 8))
            {
                arb_set_arf(X, x);
                mag_set(arb_radref(X), r);
                if (arb_contains_arf(X, lo) || arb_contains_arf(X, hi))
                {
                    arb_set_interval_arf(X, lo, hi, wp);
                    st = fn(NULL, fp, X, data, wp);
                    if (st == NTK_SUCCESS && arb_is_finite(fp) && !arb_contains_zero(fp))
                    {
                        st = _ntk_roots_newton(res, fn, data, lo, hi, goal_bits, prec);
                        *certified = 1;
                    }
                    break;
                }
                st = certify_ball(res, certified, fn, data, Y, r, goal_bits, prec, wp);
            }
        }
        mag_clear(lo_fp);
        if (st == NTK_UNABLE && !*certified)
            st = NTK_SUCCESS;
    }

cleanup:
    arb_clear(X);
    arb_clear(f);
    arb_clear(fp);
    arb_clear(N);
    arb_clear(Y);
    arf_clear(x);
    arf_clear(d);
    mag_clear(r);
    return st;
}

ntk_status
_ntk_roots_refine(arb_t res, ntk_maps_fn fn, void *data, const arf_t a,
                  const arf_t b, slong goal_bits, slong prec)
{
    ntk_status st = NTK_SUCCESS;
    arf_t lo, hi;
    slong wp = FLINT_MIN(prec, 64);
    int ok = 0;

    arf_init(lo);
    arf_init(hi);
    arf_set(lo, a);
    arf_set(hi, b);
    /* cheap guesses first; more bits when the function's cancellation
       (e.g. G(q) ~ sigma_b2 - c q^3 near q = 0) hides its sign or slope */
    for (;;)
    {
        st = refine_at(res, &ok, fn, data, lo, hi, goal_bits, prec, wp);
        if (st != NTK_SUCCESS && st != NTK_UNABLE)
            break;
        if (ok || wp >= prec)
            break;
        wp = FLINT_MIN(2 * wp, prec);
    }
    if (!ok && (st == NTK_SUCCESS || st == NTK_UNABLE))
        st = ntk_error_set(NTK_UNABLE, "root refinement: interval Newton could not certify a "
                           "root at %ld bits", (long) wp);
    arf_clear(lo);
    arf_clear(hi);
    return st;
}
