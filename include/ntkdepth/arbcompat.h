/*
 * ntkdepth/arbcompat.h -- the one header that knows where Arb lives.
 *
 * FLINT >= 3 ships Arb inside FLINT (<flint/arb.h>); Debian 12 ships FLINT 2.9
 * with a separate Arb 2.23 (<arb.h>).  meson.build detects which and writes
 * NTK_FLINT3 into ntkdepth/config.h.  Every other file includes this header
 * instead of naming Arb headers directly.
 */
#ifndef NTKDEPTH_ARBCOMPAT_H
#define NTKDEPTH_ARBCOMPAT_H

#include "ntkdepth/config.h"

#if NTK_FLINT3
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include <flint/fmpz_vec.h>
#include <flint/fmpq_vec.h>
#include <flint/mag.h>
#include <flint/arf.h>
#include <flint/arb.h>
#include <flint/acb.h>
#include <flint/arb_poly.h>
#include <flint/acb_poly.h>
#include <flint/arb_mat.h>
#include <flint/acb_calc.h>
#include <flint/arb_hypgeom.h>
#include <flint/acb_hypgeom.h>
#else
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include <flint/fmpz_vec.h>
#include <flint/fmpq_vec.h>
#include <mag.h>
#include <arf.h>
#include <arb.h>
#include <acb.h>
#include <arb_poly.h>
#include <acb_poly.h>
#include <arb_mat.h>
#include <acb_calc.h>
#include <arb_hypgeom.h>
#include <acb_hypgeom.h>
#endif

/* Random states: FLINT 3 renamed flint_randinit/flint_randseed/flint_randclear
 * to flint_rand_init/flint_rand_set_seed/flint_rand_clear (the old names are
 * deprecated there, removed later).  The code uses the FLINT 3 names; on
 * FLINT 2 they map to the old ones. */
#if !NTK_FLINT3
#ifndef flint_rand_init
#define flint_rand_init(state) flint_randinit(state)
#endif
#ifndef flint_rand_set_seed
#define flint_rand_set_seed(state, s1, s2) flint_randseed((state), (s1), (s2))
#endif
#ifndef flint_rand_clear
#define flint_rand_clear(state) flint_randclear(state)
#endif
#endif

/* _acb_poly_sin_cos_series: FLINT 3.4.0 computes series of length n > 2 at
 * 53 bits whatever prec (acb_poly/sin_cos_series.c calls the gr basecase in
 * gr_ctx_init_complex_acb(ctx, 53)): a valid enclosure, but of ~50 bits,
 * which the quadrature's refinement can never shrink.  FLINT 3 also dropped
 * Arb's _acb_poly_sin_cos_series_basecase, so on FLINT 3 the code uses this
 * basecase (Arb 2.23's algorithm: s' = c h', c' = -s h'), at prec.  s and c
 * must not alias h.  On FLINT 2 + Arb 2.23 it is Arb's own function. */
#if NTK_FLINT3
static inline void
ntk_acb_poly_sin_cos_series(acb_ptr s, acb_ptr c, acb_srcptr h, slong hlen,
                            slong n, slong prec)
{
    slong j, k, alen;
    acb_ptr a;
    acb_t t, u;

    if (n <= 0)
        return;
    hlen = FLINT_MIN(hlen, n);
    acb_sin_cos(s, c, h, prec);
    if (hlen <= 1)
    {
        _acb_vec_zero(s + 1, n - 1);
        _acb_vec_zero(c + 1, n - 1);
        return;
    }
    alen = hlen;
    a = _acb_vec_init(alen);
    acb_init(t);
    acb_init(u);
    for (j = 1; j < alen; j++)
        acb_mul_ui(a + j, h + j, (ulong) j, prec);      /* a_j = j h_j */
    for (k = 1; k < n; k++)
    {
        /* k s_k = sum_j a_j c_{k-j},  k c_k = -sum_j a_j s_{k-j} */
        acb_dot(t, NULL, 0, a + 1, 1, c + k - 1, -1, FLINT_MIN(k, hlen - 1), prec);
        acb_dot(u, NULL, 1, a + 1, 1, s + k - 1, -1, FLINT_MIN(k, hlen - 1), prec);
        acb_div_ui(s + k, t, (ulong) k, prec);
        acb_div_ui(c + k, u, (ulong) k, prec);
    }
    acb_clear(t);
    acb_clear(u);
    _acb_vec_clear(a, alen);
}
#else
#define ntk_acb_poly_sin_cos_series(s, c, h, hlen, n, prec) \
    _acb_poly_sin_cos_series((s), (c), (h), (hlen), (n), (prec))
#endif

#endif
