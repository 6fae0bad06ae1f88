/*
 * Deep runs with fmpz depths: the direct iteration (ntk_iter_run) up to the
 * jump start L0, the Fatou jump (jump_rl.c, jump_smooth.c, jump_elu.c)
 * beyond, inside a Ziv loop over
 * the working precision (proofs/fatou.md, section "Use").
 */
#include <math.h>
#include <string.h>
#include "jump_impl.h"

void
ntk_iter_jump_info_init(ntk_iter_jump_info_t ji)
{
    ji->used = NTK_DEPTH_DIRECT;
    ji->L0 = 0;
    ji->order = 0;
    ji->prec = 0;
    ji->attempts = 0;
    fmpz_init(ji->fail_depth);
    arb_init(ji->w_constant);
    arb_init(ji->v_constant);
    arb_init(ji->ntk_constant);
    arb_indeterminate(ji->w_constant);
    arb_indeterminate(ji->v_constant);
    arb_indeterminate(ji->ntk_constant);
}

void
ntk_iter_jump_info_clear(ntk_iter_jump_info_t ji)
{
    fmpz_clear(ji->fail_depth);
    arb_clear(ji->w_constant);
    arb_clear(ji->v_constant);
    arb_clear(ji->ntk_constant);
}

int
ntk_iter_jump_applies(const ntk_iter_problem_t pb)
{
    fmpq_t s2, b2;
    int ok;
    if (pb->act->kind != NTK_ACT_RELULIKE || fmpq_is_zero(pb->act->b)
        || !fmpq_is_zero(pb->sigma_b2) || pb->q1_star)
        return 0;
    if (pb->eoc)
        return 1;
    fmpq_init(s2); fmpq_init(b2);
    fmpq_mul(s2, pb->act->a, pb->act->a);
    fmpq_mul(b2, pb->act->b, pb->act->b);
    fmpq_add(s2, s2, b2);
    fmpq_mul(s2, s2, pb->sigma_w2);
    ok = fmpq_is_one(s2);            /* r = sigma_w2 (a^2 + b^2) = 1 */
    fmpq_clear(s2); fmpq_clear(b2);
    return ok;
}

int
ntk_iter_jump_any_applies(const ntk_iter_problem_t pb)
{
    return ntk_iter_jump_applies(pb) || ntk_jump_smooth_applies(pb) || ntk_jump_elu_applies(pb);
}

ntk_status
ntk_iter_jump_constants_qstar(arb_t cv, arb_t cu, const ntk_iter_problem_t pb,
                              const arb_t qstar, const arb_t sigma_w2, const arb_t eps,
                              const fmpz_t L, slong prec)
{
    ntk_status st;
    int smooth = ntk_jump_smooth_applies(pb);
    if (cv != NULL)
        arb_indeterminate(cv);
    if (cu != NULL)
        arb_indeterminate(cu);
    if (!smooth && !ntk_jump_elu_applies(pb))
        return ntk_error_set(NTK_DOMAIN, "orbit constants: defined at the edge of chaos with "
                             "q1 = q* for smooth (C^inf, single-branch) activations and elu "
                             "(got %s%s)", pb->act->name,
                             pb->eoc && pb->q1_star ? "" : " without eoc and q1 = star");
    if (arb_is_zero(eps))
        return ntk_error_set(NTK_DOMAIN, "orbit constants: eps = 0 exactly (c = 1 from the "
                             "start): 1/eps_L is infinite");
    if (fmpz_sgn(L) <= 0)
        return ntk_error_set(NTK_DOMAIN, "orbit constants: depth must be >= 1");
    if (!arb_is_positive(eps))
        return ntk_error_set(NTK_UNABLE, "orbit constants: eps is not certainly positive");
    st = smooth ? ntk_jump_smooth_const(cv, cu, pb, qstar, sigma_w2, eps, L, prec)
                : ntk_jump_elu_const_row(cv, cu, qstar, sigma_w2, eps, L, prec);
    if (st == NTK_SUCCESS)
    {
        if (cv != NULL)
            arb_set_round(cv, cv, prec);
        if (cu != NULL)
            arb_set_round(cu, cu, prec);
    }
    else
    {
        if (cv != NULL)
            arb_indeterminate(cv);
        if (cu != NULL)
            arb_indeterminate(cu);
    }
    return st;
}

static ntk_status
check_depths_z(const fmpz *depths, slong n)
{
    if (n < 1)
        return ntk_error_set(NTK_DOMAIN, "no checkpoint depths given");
    for (slong i = 0; i < n; i++)
    {
        if (fmpz_cmp_si(depths + i, 1) < 0)
            return ntk_error_set(NTK_DOMAIN, "depth must be >= 1");
        if (i > 0 && fmpz_cmp(depths + i, depths + i - 1) <= 0)
            return ntk_error_set(NTK_DOMAIN, "checkpoint depths must increase");
    }
    return NTK_SUCCESS;
}

static ntk_status
run_direct(ntk_iter_row_struct *rows, ntk_iter_info_t info, ntk_iter_jump_info_t ji,
           const ntk_iter_problem_t pb, const fmpz *depths, slong n, slong digits,
           const ntk_iter_opts_t opts)
{
    slong *d;
    ntk_status st;
    ntk_iter_info_t loc;
    ntk_iter_info_struct *inf = info;

    if (fmpz_cmp_si(depths + n - 1, NTK_ITER_DIRECT_MAX) > 0)
    {
        char *s = fmpz_get_str(NULL, 10, depths + n - 1);
        if (ntk_iter_jump_any_applies(pb))
            st = ntk_error_set(NTK_DOMAIN, "depth %s: beyond the direct iteration (at most 2^50 "
                               "layers); use the depth jump (depth method jump or auto)", s);
        else
            st = ntk_error_set(NTK_DOMAIN, "depth %s: beyond the direct iteration (at most 2^50 "
                               "layers), and the depth jump is implemented only for ReLU-like "
                               "activations at the edge of chaos with sigma_b = 0, and smooth "
                               "ones and elu at the edge of chaos with q1 = q* (got %s%s)",
                               s, pb->act->name, pb->eoc ? "" : " off the EOC");
        flint_free(s);
        return st;
    }
    if (inf == NULL)
    {
        ntk_iter_info_init(loc);
        inf = loc;
    }
    d = flint_malloc(sizeof(slong) * n);
    for (slong i = 0; i < n; i++)
        d[i] = fmpz_get_si(depths + i);
    st = ntk_iter_run(rows, inf, pb, d, n, digits, opts);
    if (ji != NULL)
    {
        ji->used = NTK_DEPTH_DIRECT;
        arb_indeterminate(ji->w_constant);
        arb_indeterminate(ji->v_constant);
        arb_indeterminate(ji->ntk_constant);
        ji->L0 = 0;
        ji->order = 0;
        ji->prec = inf->prec;
        ji->attempts = inf->attempts;
        fmpz_set_si(ji->fail_depth, inf->fail_depth);
    }
    flint_free(d);
    if (inf == loc)
        ntk_iter_info_clear(loc);
    return st;
}

/* eps = 2 t^2, Theta11 = q1 L (Lemma N2), Theta12 = q1 U */
static void
write_jump_row(ntk_iter_row_t row, const fmpz_t L, const arb_t t, const arb_t U,
               const arb_t q1, slong prec)
{
    arb_t eps;
    arb_init(eps);
    arb_mul(eps, t, t, prec);
    arb_mul_2exp_si(eps, eps, 1);
    ntk_jump_write_row(row, L, eps, U, q1, prec);
    arb_clear(eps);
}

/* one attempt at precision prec; *bad = index of the first inaccurate row
   (-1 if none) */
static ntk_status
jump_attempt(ntk_iter_row_struct *rows, ntk_iter_info_t info, ntk_iter_jump_info_t ji,
             const ntk_iter_problem_t pb, const fmpz *depths, slong n, slong digits,
             slong L0, const ntk_iter_opts_t opts, slong prec, slong *bad)
{
    slong nd = 0, i, N;
    slong *dd = flint_malloc(sizeof(slong) * (n + 1));
    ntk_iter_row_struct *rd;
    ntk_status st;
    arb_t q1, eps0, U0, t0b, t, U, delta;
    fmpq_t b2;
    fmpz_t d;
    mag_t t0;
    ntk_jump_rl_t J;
    int have_J = 0;

    for (i = 0; i < n && fmpz_cmp_si(depths + i, L0) <= 0; i++)
        dd[nd++] = fmpz_get_si(depths + i);
    if (nd == 0 || dd[nd - 1] != L0)
        dd[nd++] = L0;
    rd = ntk_iter_rows_init(nd);
    arb_init(q1); arb_init(eps0); arb_init(U0); arb_init(t0b); arb_init(t); arb_init(U);
    arb_init(delta);
    fmpq_init(b2);
    fmpz_init(d);
    mag_init(t0);
    *bad = -1;
    if (ji != NULL)
    {
        arb_indeterminate(ji->w_constant);
        arb_indeterminate(ji->v_constant);
        arb_indeterminate(ji->ntk_constant);
    }

    if (info != NULL)
    {
        info->layers_fast = 0;
        info->layers_general = 0;
    }
    st = ntk_iter_run_prec(rd, info, pb, dd, nd, opts, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    for (i = 0; i < n && fmpz_cmp_si(depths + i, L0) <= 0; i++)
        ntk_iter_row_set(rows + i, rd + i);

    if (ntk_jump_smooth_applies(pb))
    {
        N = 0;
        st = ntk_jump_smooth_rows(rows, &N, ji ? ji->v_constant : NULL,
                                  ji ? ji->ntk_constant : NULL, pb, depths, n, L0,
                                  rd[nd - 1].eps, rd[nd - 1].theta12, info->q_star,
                                  info->sigma_w2, prec);
        if (st != NTK_SUCCESS)
            goto cleanup;
        goto done;
    }
    if (ntk_jump_elu_applies(pb))
    {
        N = 0;
        st = ntk_jump_elu_rows(rows, &N, ji ? ji->v_constant : NULL,
                               ji ? ji->ntk_constant : NULL, pb, depths, n, L0,
                               rd[nd - 1].eps, rd[nd - 1].theta12, info->q_star,
                               info->sigma_w2, prec);
        if (st != NTK_SUCCESS)
            goto cleanup;
        goto done;
    }
    arb_set_fmpq(q1, pb->q1, prec);
    arb_set(eps0, rd[nd - 1].eps);
    arb_div(U0, rd[nd - 1].theta12, q1, prec);   /* U_L0 = Theta12/q1 (r = 1) */
    if (arb_is_zero(eps0))
    {
        /* c = 1 from L0 on: Dn = 1, U_L = U_L0 + (L - L0) exactly */
        for (; i < n; i++)
        {
            fmpz_sub_si(d, depths + i, L0);
            arb_add_fmpz(U, U0, d, prec);
            arb_zero(t);
            write_jump_row(rows + i, depths + i, t, U, q1, prec);
        }
        N = 0;
    }
    else
    {
        slong wp = prec + 16;
        arb_mul_2exp_si(t0b, eps0, -1);
        arb_sqrt(t0b, t0b, wp);
        arb_get_mag(t0, t0b);
        ntk_jump_rl_delta(b2, pb);
        arb_set_fmpq(delta, b2, wp);
        N = ntk_jump_rl_order(t0, prec);
        if (N == 0 || N > 200)
        {
            st = ntk_error_set(NTK_UNABLE, "depth jump: start L0 = %ld too shallow for %ld digits",
                               (long) L0, (long) digits);
            goto cleanup;
        }
        ntk_jump_rl_init(J, delta, N, wp);
        have_J = 1;
        st = ntk_jump_rl_bound(J, t0, wp);
        if (st != NTK_SUCCESS)
            goto cleanup;
        for (; i < n; i++)
        {
            fmpz_sub_si(d, depths + i, L0);
            st = ntk_jump_rl_apply(t, U, J, t0b, U0, d, wp);
            if (st != NTK_SUCCESS)
                goto cleanup;
            write_jump_row(rows + i, depths + i, t, U, q1, prec);
        }
        /* the orbit's constants from the same start (Lemma J12) */
        if (ji != NULL)
        {
            fmpz_set_si(d, L0);
            if (ntk_jump_rl_const(ji->w_constant, ji->ntk_constant, J, t0b, d, wp)
                != NTK_SUCCESS)
                ntk_error_clear();
            arb_set_round(ji->w_constant, ji->w_constant, prec);
            arb_set_round(ji->ntk_constant, ji->ntk_constant, prec);
        }
    }
done:
    if (ji != NULL)
    {
        ji->used = NTK_DEPTH_JUMP;
        ji->L0 = L0;
        ji->order = N;
        ji->prec = prec;
    }
    for (i = 0; i < n; i++)
        if (!ntk_iter_row_accurate(rows + i, digits))
        {
            *bad = i;
            break;
        }

cleanup:
    if (have_J)
        ntk_jump_rl_clear(J);
    ntk_iter_rows_clear(rd, nd);
    flint_free(dd);
    arb_clear(q1); arb_clear(eps0); arb_clear(U0); arb_clear(t0b); arb_clear(t); arb_clear(U);
    arb_clear(delta);
    fmpq_clear(b2);
    fmpz_clear(d);
    mag_clear(t0);
    return st;
}

static ntk_status jump_loop(ntk_iter_row_struct *rows, ntk_iter_info_struct *inf,
                            ntk_iter_jump_info_t ji, const ntk_iter_problem_t pb,
                            const fmpz *depths, slong n, slong digits, slong L0,
                            const ntk_iter_opts_t opts, slong prec, slong cap);

ntk_status
ntk_iter_run_deep(ntk_iter_row_struct *rows, ntk_iter_info_t info,
                  ntk_iter_jump_info_t ji, const ntk_iter_problem_t pb,
                  const fmpz *depths, slong n, slong digits,
                  ntk_depth_method method, slong L0, const ntk_iter_opts_t opts)
{
    ntk_status st;
    int applies;
    slong prec, cap;
    ntk_iter_info_t loc;
    ntk_iter_info_struct *inf = info;

    if (digits < 1)
        return ntk_error_set(NTK_DOMAIN, "digits = %ld: must be >= 1", (long) digits);
    st = check_depths_z(depths, n);
    if (st != NTK_SUCCESS)
        return st;
    st = ntk_iter_problem_check(pb);
    if (st != NTK_SUCCESS)
        return st;
    applies = ntk_iter_jump_any_applies(pb);
    if (L0 <= 0)
        L0 = digits <= 300 ? 10000 : 100000;
    if (method == NTK_DEPTH_JUMP && !applies)
        return ntk_error_set(NTK_DOMAIN, "depth method jump: the depth jump is implemented for "
                             "ReLU-like activations (a x + b|x|, b != 0) at the edge of chaos "
                             "with sigma_b = 0 and a given q1, and for smooth (C^inf, "
                             "single-branch) activations and elu at the edge of chaos with "
                             "q1 = q* (got %s%s%s)", pb->act->name,
                             fmpq_is_zero(pb->sigma_b2) ? "" : ", sigma_b > 0",
                             applies || pb->eoc ? "" : ", not at the EOC");
    if (method == NTK_DEPTH_AUTO && !applies
        && fmpz_cmp_si(depths + n - 1, NTK_ITER_AUTO_DIRECT_MAX) > 0)
    {
        char *s = fmpz_get_str(NULL, 10, depths + n - 1);
        st = ntk_error_set(NTK_DOMAIN, "depth %s: no depth jump for %s%s%s (implemented for "
                           "ReLU-like activations at the edge of chaos with sigma_b = 0 and "
                           "smooth ones and elu at the edge of chaos with q1 = q*); "
                           "the direct iteration would take %s layers (force it with "
                           "depth method direct)", s, pb->act->name,
                           fmpq_is_zero(pb->sigma_b2) ? "" : " with sigma_b > 0",
                           pb->eoc ? "" : " off the EOC", s);
        flint_free(s);
        return st;
    }
    if (method == NTK_DEPTH_DIRECT || !applies || fmpz_cmp_si(depths + n - 1, L0) <= 0)
        return run_direct(rows, info, ji, pb, depths, n, digits, opts);

    /* the start of the direct path (run.c), guard bits of L0 */
    if (ntk_iter_jump_applies(pb))
    {
        prec = ntk_digits_to_bits(digits) + FLINT_BIT_COUNT(L0) + 4;
        prec = ((prec + FLINT_BITS - 1) / FLINT_BITS) * FLINT_BITS;
    }
    else
        prec = ((ntk_digits_to_bits(digits) + FLINT_BIT_COUNT(L0) + 10 + 7) / 8) * 8;
    if (opts != NULL && opts->prec_start > 0)
        prec = opts->prec_start;
    cap = (opts != NULL && opts->prec_cap > 0) ? opts->prec_cap : 4096;
    if (prec > cap)
        prec = cap;
    if (inf == NULL)
    {
        ntk_iter_info_init(loc);
        inf = loc;
    }
    st = jump_loop(rows, inf, ji, pb, depths, n, digits, L0, opts, prec, cap);
    if (inf == loc)
        ntk_iter_info_clear(loc);
    return st;
}

static ntk_status
jump_loop(ntk_iter_row_struct *rows, ntk_iter_info_struct *inf, ntk_iter_jump_info_t ji,
          const ntk_iter_problem_t pb, const fmpz *depths, slong n, slong digits,
          slong L0, const ntk_iter_opts_t opts, slong prec, slong cap)
{
    ntk_status st;
    slong attempts = 0, bad;
    ntk_iter_info_struct *info = inf;
    for (;;)
    {
        attempts++;
        st = jump_attempt(rows, inf, ji, pb, depths, n, digits, L0, opts, prec, &bad);
        if (ji != NULL)
            ji->attempts = attempts;
        if (info != NULL)
            info->attempts = attempts;
        if (st == NTK_SUCCESS && bad < 0)
            return NTK_SUCCESS;
        if (st != NTK_SUCCESS && st != NTK_UNABLE)
            return st;
        if (prec >= cap)
        {
            if (st == NTK_SUCCESS)
            {
                char *s = fmpz_get_str(NULL, 10, depths + bad);
                if (ji != NULL)
                    fmpz_set(ji->fail_depth, depths + bad);
                if (info != NULL)
                    info->fail_depth = fmpz_fits_si(depths + bad) ? fmpz_get_si(depths + bad) : 0;
                st = ntk_error_set(NTK_UNABLE, "accuracy ran out at depth %s (%ld digits wanted; "
                                   "precision cap %ld bits)", s, (long) digits, (long) cap);
                flint_free(s);
            }
            return st;
        }
        prec = FLINT_MIN(prec + FLINT_MAX(64, prec / 2), cap);
        ntk_error_clear();
    }
}
