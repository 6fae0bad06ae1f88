/* ntkdepth/iter.h -- placeholder: the iter module's public API (see its issue). */
#ifndef NTKDEPTH_ITER_H
#define NTKDEPTH_ITER_H

#include "ntkdepth/common.h"

#endif
