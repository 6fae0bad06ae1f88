/* The JSON fields of an edge-of-chaos record (`ntkdepth eoc`, the flat
 * ABI's ntk_flat_eoc). */
#include "ntkdepth/report.h"

void
ntk_report_eoc_json_fields(FILE *fp, const ntk_eoc_t e)
{
    static const char *names[6] = {"sigma_w", "sigma_w2", "q_star", "chi1", "f2", "beta"};
    const arb_struct *v[6] = {e->sigma_w, e->sigma_w2, e->q_star, e->chi1, e->f2, e->beta};
    for (int i = 0; i < 6; i++)
    {
        fprintf(fp, ", \"%s\": ", names[i]);
        ntk_report_ball_json(fp, v[i]);
    }
}
