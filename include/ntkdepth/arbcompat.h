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

#endif
