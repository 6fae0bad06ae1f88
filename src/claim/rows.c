/* The recursion behind a claim: its problem from the claim's fields and
 * the default source of checkpoint rows (ntk_iter_run_deep, the depth jump
 * where it applies, under the claim's time budget). */
#include <string.h>
#include "claim_impl.h"
#include "ntkdepth/jump.h"

ntk_status
_ntk_claim_problem(ntk_iter_problem_t pb, const ntk_claim_t cl)
{
    ntk_status st;
    st = ntk_act_set_str(pb->act, cl->act);
    if (st != NTK_SUCCESS)
        return ntk_error_set(NTK_DOMAIN, "field 'act': %s", _ntk_claim_errcopy());
    if (cl->sigma_b2 && ntk_parse_fmpq(pb->sigma_b2, cl->sigma_b2, "sigma_b2"))
        return NTK_DOMAIN;
    if (cl->sigma_w2 == NULL || !strcmp(cl->sigma_w2, "eoc"))
        pb->eoc = 1;
    else if (ntk_parse_fmpq(pb->sigma_w2, cl->sigma_w2, "sigma_w2"))
        return NTK_DOMAIN;
    if (cl->q1 && !strcmp(cl->q1, "star"))
        pb->q1_star = 1;
    else if (cl->q1 && ntk_parse_fmpq(pb->q1, cl->q1, "q1"))
        return NTK_DOMAIN;
    if (cl->c0 && ntk_parse_fmpq(pb->c0, cl->c0, "c0"))
        return NTK_DOMAIN;
    st = ntk_iter_problem_check(pb);
    if (st != NTK_SUCCESS)
    {
        /* the message names a quantity ("c0 = 1.5: ..."): name the field */
        static const char *const fields[] = {"sigma_b2", "sigma_w2", "q1", "c0", "act"};
        const char *m = _ntk_claim_errcopy();
        for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        {
            size_t k = strlen(fields[i]);
            if (!strncmp(m, fields[i], k) && m[k] == ' ')
                return ntk_error_set(st, "field '%s': %s", fields[i], m);
        }
        return st;
    }
    return NTK_SUCCESS;
}

typedef struct
{
    const ntk_verify_opts_struct *o;
    double deadline;
    int over;
} budget_data;

static int
budget_progress(void *data, slong done, slong total, slong prec)
{
    budget_data *b = data;
    if (b->deadline > 0 && _ntk_claim_now() > b->deadline)
    {
        b->over = 1;
        return 1;
    }
    if (b->o->progress)
        return b->o->progress(b->o->progress_data, done, total, prec);
    return 0;
}

ntk_status
ntk_claim_rows_default(ntk_iter_row_struct *rows, ntk_iter_info_t info,
                       const ntk_iter_problem_t pb, const slong *depths, slong n,
                       slong digits, void *data)
{
    const ntk_verify_opts_struct *o = data;
    ntk_iter_opts_t io;
    budget_data b;
    ntk_status st;
    fmpz *dz = _fmpz_vec_init(n);
    b.o = o;
    b.deadline = o->budget > 0 ? _ntk_claim_now() + o->budget : 0;
    b.over = 0;
    ntk_iter_opts_init(io);
    io->progress = budget_progress;
    io->progress_data = &b;
    /* the direct iteration to 10^4, the depth jump beyond where it
       applies (ReLU-like or smooth at the EOC; proofs/fatou.md), else the
       direct iteration to the end */
    for (slong i = 0; i < n; i++)
        fmpz_set_si(dz + i, depths[i]);
    st = ntk_iter_run_deep(rows, info, NULL, pb, dz, n, digits, NTK_DEPTH_AUTO, 0, io);
    _fmpz_vec_clear(dz, n);
    if (st == NTK_INTERRUPTED && b.over)
        st = ntk_error_set(NTK_UNABLE, "time budget of %g s exceeded", o->budget);
    return st;
}
