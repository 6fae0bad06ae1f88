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

#endif
