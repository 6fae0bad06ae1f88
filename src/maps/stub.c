/* Temporary stubs until the maps module lands. */
#include "ntkdepth/maps.h"

void ntk_net_init(ntk_net_t net) { ntk_act_init(net->act); arb_init(net->sigma_w2); arb_init(net->sigma_b2); net->method = NTK_METHOD_AUTO; }
void ntk_net_clear(ntk_net_t net) { ntk_act_clear(net->act); arb_clear(net->sigma_w2); arb_clear(net->sigma_b2); }
void ntk_eoc_init(ntk_eoc_t e) { e->found = 0; arb_init(e->sigma_w2); arb_init(e->sigma_w); arb_init(e->q_star); arb_init(e->chi1); arb_init(e->f2); arb_init(e->beta); e->why[0] = 0; }
void ntk_eoc_clear(ntk_eoc_t e) { arb_clear(e->sigma_w2); arb_clear(e->sigma_w); arb_clear(e->q_star); arb_clear(e->chi1); arb_clear(e->f2); arb_clear(e->beta); }
ntk_status ntk_maps_eoc(ntk_eoc_t eoc, const ntk_act_t act, const arb_t sigma_b2, slong prec)
{
    (void) eoc; (void) act; (void) sigma_b2; (void) prec;
    return ntk_error_set(NTK_UNABLE, "edge of chaos: not implemented yet");
}
