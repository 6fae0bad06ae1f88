/* ntkdepth/fit.h -- placeholder: the fit module's public API (see its issue). */
#ifndef NTKDEPTH_FIT_H
#define NTKDEPTH_FIT_H

#include "ntkdepth/common.h"

#endif
