/* ntkdepth/claim.h -- placeholder: the claim module's public API (see its issue). */
#ifndef NTKDEPTH_CLAIM_H
#define NTKDEPTH_CLAIM_H

#include "ntkdepth/common.h"

#endif
