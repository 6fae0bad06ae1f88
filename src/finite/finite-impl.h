/* Internal declarations of the finite module (not installed). */
#ifndef NTK_FINITE_IMPL_H
#define NTK_FINITE_IMPL_H

#include "ntkdepth/finite.h"

typedef struct
{
    slong Lmax, nmax;
    double *buf;
    slong *woff, *hoff;   /* offsets of W^l and of layer l's rows */
    double *W, *H, *D, *A, *bias, *X, *Ga, *Del[2], *u, *G;
} ntk_finite_work;

ntk_status ntk_finite_work_init(ntk_finite_work *w, const ntk_finite_config_t cfg);
void ntk_finite_work_clear(ntk_finite_work *w);
/* K as ntk_finite_sample_ntk; adds the matrix-work flop count to *flops */
ntk_status ntk_finite_sample_ntk_work(double *K, ntk_finite_work *w,
                                      const ntk_finite_config_t cfg, slong isig,
                                      slong sample, double *flops);

#endif
