/* ntkdepth/regress.h -- placeholder: the regress module's public API (see its issue). */
#ifndef NTKDEPTH_REGRESS_H
#define NTKDEPTH_REGRESS_H

#include "ntkdepth/common.h"

#endif
