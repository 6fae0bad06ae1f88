/*
 * Digits-driven evaluation of the maps (Ziv's loop): start at the working
 * precision of the digits wanted plus guard bits, double until the results
 * certify the digits, stop at a cap.  One driver (ntk_maps_ziv) and the
 * two problems of the maps commands and the flat ABI that are solved to a
 * number of digits: the edge of chaos and the phase of one grid point.
 */
#include <stdio.h>
#include "ntkdepth/maps.h"

slong
ntk_maps_ziv_prec0(slong digits)
{
    return ntk_digits_to_bits(digits) + NTK_MAPS_ZIV_GUARD;
}

slong
ntk_maps_ziv_cap(slong digits)
{
    slong p = 16 * ntk_maps_ziv_prec0(digits);
    return p < 1024 ? 1024 : p;
}

int
ntk_maps_ziv_enough(const arb_t x, slong digits)
{
    if (!arb_is_finite(x) || arb_is_exact(x))
        return 1;
    return ntk_ball_digits(x) >= digits;
}

ntk_status
ntk_maps_ziv(slong *prec_out, ntk_maps_ziv_eval_fn eval, ntk_maps_ziv_done_fn done,
             void *data, slong digits, slong cap, int flags)
{
    ntk_status st;
    slong prec;

    if (digits < 1)
        return ntk_error_set(NTK_DOMAIN, "digits = %ld: must be >= 1", (long) digits);
    if (cap <= 0)
        cap = ntk_maps_ziv_cap(digits);
    for (prec = ntk_maps_ziv_prec0(digits); ; prec *= 2)
    {
        if (prec_out != NULL)
            *prec_out = prec;
        st = eval(data, prec);
        if (st != NTK_SUCCESS && st != NTK_UNABLE)
            return st;
        if (st == NTK_SUCCESS && (done == NULL || done(data, digits)))
            return NTK_SUCCESS;
        if (2 * prec > cap)
            break;
    }
    /* at the cap: the last evaluation's own NTK_UNABLE message, saying
       that the cap was reached, or the digits that were not reached */
    if (st == NTK_SUCCESS)
    {
        if (flags & NTK_MAPS_ZIV_BEST)
            return NTK_SUCCESS;
        st = ntk_error_set(NTK_UNABLE, "could not certify %ld digits within %ld bits",
                           (long) digits, (long) cap);
    }
    else
    {
        char why[768];
        snprintf(why, sizeof(why), "%s", ntk_error_last());
        st = ntk_error_set(NTK_UNABLE, "%s (precision cap of %ld bits reached)", why, (long) cap);
    }
    return st;
}

/* ---- the edge of chaos to a number of digits ---- */

typedef struct
{
    ntk_eoc_struct *e;
    const ntk_act_struct *act;
    const fmpq *sigma_b2;
    arb_t s;
} eoc_ziv;

static ntk_status
eoc_eval(void *data, slong prec)
{
    eoc_ziv *z = data;
    arb_set_fmpq(z->s, z->sigma_b2, prec);
    return ntk_maps_eoc(z->e, z->act, z->s, prec);
}

static int
eoc_done(void *data, slong digits)
{
    const ntk_eoc_struct *e = ((eoc_ziv *) data)->e;
    return !e->found
        || (ntk_maps_ziv_enough(e->sigma_w, digits) && ntk_maps_ziv_enough(e->sigma_w2, digits)
            && ntk_maps_ziv_enough(e->q_star, digits) && ntk_maps_ziv_enough(e->chi1, digits)
            && ntk_maps_ziv_enough(e->f2, digits) && ntk_maps_ziv_enough(e->beta, digits));
}

ntk_status
ntk_maps_eoc_digits(ntk_eoc_t eoc, slong *prec, const ntk_act_t act, const fmpq_t sigma_b2,
                    slong digits)
{
    eoc_ziv z;
    ntk_status st;

    z.e = eoc;
    z.act = act;
    z.sigma_b2 = sigma_b2;
    arb_init(z.s);
    st = ntk_maps_ziv(prec, eoc_eval, eoc_done, &z, digits, 0, 0);
    arb_clear(z.s);
    return st;
}

/* ---- the phase of one point to a number of digits ---- */

typedef struct
{
    ntk_phase_struct *ph;
    ntk_net_struct *net;
    const fmpq *sigma_w2, *sigma_b2;
} phase_ziv;

static ntk_status
phase_eval(void *data, slong prec)
{
    phase_ziv *z = data;
    arb_set_fmpq(z->net->sigma_w2, z->sigma_w2, prec);
    arb_set_fmpq(z->net->sigma_b2, z->sigma_b2, prec);
    return ntk_maps_phase(z->ph, z->net, prec);
}

static int
phase_done(void *data, slong digits)
{
    const ntk_phase_struct *ph = ((phase_ziv *) data)->ph;
    return ph->phase != NTK_PHASE_UNDECIDED && ntk_maps_ziv_enough(ph->chi1, digits)
        && ntk_maps_ziv_enough(ph->xi_c, digits) && ntk_maps_ziv_enough(ph->q_star, digits);
}

ntk_status
ntk_maps_phase_digits(ntk_phase_t ph, ntk_net_t net, slong *prec, const fmpq_t sigma_w2,
                      const fmpq_t sigma_b2, slong digits)
{
    phase_ziv z;

    z.ph = ph;
    z.net = net;
    z.sigma_w2 = sigma_w2;
    z.sigma_b2 = sigma_b2;
    return ntk_maps_ziv(prec, phase_eval, phase_done, &z, digits,
                        NTK_MAPS_PHASE_CAP_FACTOR * ntk_maps_ziv_prec0(digits), NTK_MAPS_ZIV_BEST);
}
