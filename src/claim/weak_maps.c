/*
 * TEMPORARY: weak fallbacks for maps functions the claim module uses that
 * are not yet merged from the maps branch (iter's weak_maps.c covers the
 * others).  The strong definitions of the maps module replace them; delete
 * this file once maps is merged.
 */
#include "ntkdepth/maps.h"

#define NTK_WEAK __attribute__((weak))

NTK_WEAK void
ntk_phase_init(ntk_phase_t ph)
{
    ph->phase = NTK_PHASE_UNDECIDED;
    arb_init(ph->q_star); arb_init(ph->chi1); arb_init(ph->xi_q);
    arb_init(ph->xi_c); arb_init(ph->c_star); arb_init(ph->fprime_cstar);
}
NTK_WEAK void
ntk_phase_clear(ntk_phase_t ph)
{
    arb_clear(ph->q_star); arb_clear(ph->chi1); arb_clear(ph->xi_q);
    arb_clear(ph->xi_c); arb_clear(ph->c_star); arb_clear(ph->fprime_cstar);
}
NTK_WEAK ntk_status
ntk_maps_phase(ntk_phase_t ph, const ntk_net_t net, slong prec)
{ return ntk_error_set(NTK_UNABLE, "ntk_maps_phase: maps module not merged"); }
NTK_WEAK ntk_status
ntk_maps_nngp(arb_t n11, arb_t n12, arb_t n22, const ntk_net_t net,
              const arb_t s11, const arb_t s12, const arb_t s22, slong prec)
{ return ntk_error_set(NTK_UNABLE, "ntk_maps_nngp: maps module not merged"); }
