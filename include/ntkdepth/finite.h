/* ntkdepth/finite.h -- placeholder: the finite module's public API (see its issue). */
#ifndef NTKDEPTH_FINITE_H
#define NTKDEPTH_FINITE_H

#include "ntkdepth/common.h"

#endif
