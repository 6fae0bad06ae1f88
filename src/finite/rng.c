/*
 * Counter-based randomness: Philox4x64-10 from Random123 (header-only,
 * Debian librandom123-dev), keyed by (seed, sample index), and standard
 * normals by the AS 241 quantile of one uniform each.  Every number is a
 * pure function of (key, stream, tag, index): no state, so threads and
 * ranks cannot change it.
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

/* uniform in (0, 1): the top 52 bits plus half a unit, (k + 1/2) 2^-52 --
   exact in double, symmetric about 1/2, never 0 or 1, and 1 - u is exact */
static inline double
u01(uint64_t x)
{
    return ((double) (x >> 12) + 0.5) * 0x1p-52;
}

/*
 * Standard normal quantile Phi^{-1}(p), Wichura's algorithm AS 241 (PPND16,
 * Applied Statistics 37 (1988) 477-484): rational approximations of degree
 * 7/7 in three regions, relative accuracy about 1e-16.  Published
 * coefficients; tested against Phi computed from libm's erfc
 * (tests/finite/t-finite-rng.c).  One uniform per normal and no rejection,
 * so the i-th normal of a stream is a function of the i-th word alone.
 */
static inline double
normal_quantile(double p)
{
    double q = p - 0.5, r, num, den, v;
    if (fabs(q) <= 0.425)
    {
        r = 0.180625 - q * q;
        num = ((((((( 2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r
                    + 6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r
                    + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r
                    + 1.3314166789178437745e+2) * r + 3.3871328727963666080e+0);
        den = ((((((( 5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r
                    + 3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r
                    + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r
                    + 4.2313330701600911252e+1) * r + 1.0);
        return q * num / den;
    }
    r = q < 0 ? p : 1.0 - p;
    r = sqrt(-log(r));
    if (r <= 5.0)
    {
        r -= 1.6;
        num = ((((((( 7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                    + 2.41780725177450611770e-1) * r + 1.27045825245236838258e+0) * r
                    + 3.64784832476320460504e+0) * r + 5.76949722146069140550e+0) * r
                    + 4.63033784615654529590e+0) * r + 1.42343711074968357734e+0);
        den = ((((((( 1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                    + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                    + 6.89767334985100004550e-1) * r + 1.67638483018380384940e+0) * r
                    + 2.05319162663775882187e+0) * r + 1.0);
    }
    else
    {
        r -= 5.0;
        num = ((((((( 2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                    + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                    + 2.96560571828504891230e-1) * r + 1.78482653991729133580e+0) * r
                    + 5.46378491116411436990e+0) * r + 6.65790464350110377720e+0);
        den = ((((((( 2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                    + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                    + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                    + 5.99832206555887937690e-1) * r + 1.0);
    }
    v = num / den;
    return q < 0 ? -v : v;
}

double
ntk_finite_normal_quantile(double p)
{
    return normal_quantile(p);
}

void
ntk_finite_normals(double *out, slong n, double scale, const uint64_t key[2],
                   uint64_t stream, uint64_t tag)
{
    philox4x64_key_t k = {{key[0], key[1]}};
    slong i = 0;
    uint64_t blk = 0;

    while (i < n)
    {
        philox4x64_ctr_t c = {{blk, stream, tag, 0}};
        philox4x64_ctr_t r = philox4x64(c, k);
        for (int j = 0; j < 4 && i < n; j++, i++)
            out[i] = scale * normal_quantile(u01(r.v[j]));
        blk++;
    }
}
