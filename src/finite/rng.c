/*
 * Counter-based randomness: Philox4x64-10 from Random123 (header-only,
 * Debian librandom123-dev), keyed by (seed, sample index), and standard
 * normals by Box--Muller.  Every number is a pure function of (key,
 * stream, tag, index): no state, so threads and ranks cannot change it.
 */
#include <math.h>
#include <Random123/philox.h>
#include "ntkdepth/finite.h"

void
ntk_finite_philox4x64(uint64_t out[4], const uint64_t ctr[4], const uint64_t key[2])
{
    philox4x64_ctr_t c = {{ctr[0], ctr[1], ctr[2], ctr[3]}};
    philox4x64_key_t k = {{key[0], key[1]}};
    philox4x64_ctr_t r = philox4x64(c, k);   /* 10 rounds */
    out[0] = r.v[0];
    out[1] = r.v[1];
    out[2] = r.v[2];
    out[3] = r.v[3];
}

/* uniform in (0, 1): the top 53 bits, offset by half a unit (never 0, never 1) */
static inline double
u01(uint64_t x)
{
    return ((double) (x >> 11) + 0.5) * 0x1p-53;
}

void
ntk_finite_normals(double *out, slong n, double scale, const uint64_t key[2],
                   uint64_t stream, uint64_t tag)
{
    const double twopi = 6.283185307179586476925286766559;
    philox4x64_key_t k = {{key[0], key[1]}};
    slong i = 0;
    uint64_t blk = 0;

    while (i < n)
    {
        philox4x64_ctr_t c = {{blk, stream, tag, 0}};
        philox4x64_ctr_t r = philox4x64(c, k);
        double z[4];
        for (int p = 0; p < 2; p++)
        {
            double rad = sqrt(-2.0 * log(u01(r.v[2 * p])));
            double th = twopi * u01(r.v[2 * p + 1]);
            z[2 * p] = rad * cos(th);
            z[2 * p + 1] = rad * sin(th);
        }
        for (int j = 0; j < 4 && i < n; j++, i++)
            out[i] = scale * z[j];
        blk++;
    }
}
