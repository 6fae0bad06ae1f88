/* Temporary stubs until the activation module lands. */
#include <string.h>
#include "ntkdepth/act.h"

void ntk_act_init(ntk_act_t act) { memset(act, 0, sizeof(*act)); fmpq_init(act->a); fmpq_init(act->b); fmpq_init(act->alpha); fmpq_init(act->lambda); }
void ntk_act_clear(ntk_act_t act) { fmpq_clear(act->a); fmpq_clear(act->b); fmpq_clear(act->alpha); fmpq_clear(act->lambda); }
ntk_status ntk_act_set_str(ntk_act_t act, const char *name)
{
    (void) act;
    return ntk_error_set(NTK_DOMAIN, "--act '%s': unknown activation", name);
}
