/*
 * ntkdepth.h -- umbrella header of libntkdepth.
 *
 * Data flow (one way): act -> gauss -> maps -> iter -> fit -> claim -> report,
 * with regress (after iter) and finite (sampled networks) beside it.
 */
#ifndef NTKDEPTH_H
#define NTKDEPTH_H

#include "ntkdepth/common.h"
#include "ntkdepth/act.h"
#include "ntkdepth/gauss.h"
#include "ntkdepth/maps.h"
#include "ntkdepth/iter.h"
#include "ntkdepth/jump.h"
#include "ntkdepth/fit.h"
#include "ntkdepth/claim.h"
#include "ntkdepth/report.h"
#include "ntkdepth/regress.h"
#include "ntkdepth/finite.h"

#endif
