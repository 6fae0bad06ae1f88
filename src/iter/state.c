/*
 * The recursion state and one layer by the general path (maps module):
 * certified quadrature or closed forms for every activation, any q, any
 * phase.  Mean-value form for eps and q (proofs/propagation.md, P1-P3).
 */
#include "iter_impl.h"

void
ntk_iter_state_init(ntk_iter_state_t s)
{
    s->depth = 0;
    arb_init(s->q); arb_init(s->eps); arb_init(s->theta11); arb_init(s->theta12);
}

void
ntk_iter_state_clear(ntk_iter_state_t s)
{
    arb_clear(s->q); arb_clear(s->eps); arb_clear(s->theta11); arb_clear(s->theta12);
}

ntk_status
ntk_iter_state_start(ntk_iter_state_t s, const arb_t q1, const arb_t c0, slong prec)
{
    if (!arb_is_positive(q1))
        return ntk_error_set(NTK_DOMAIN, "q1: must be > 0 (got a ball not certainly positive)");
    if (!(ntk_iter_ge_si(c0, -1) && ntk_iter_le_si(c0, 1)))
        return ntk_error_set(NTK_DOMAIN, "c0: must be in [-1, 1] (got a ball not inside)");
    s->depth = 1;
    arb_set(s->q, q1);
    arb_sub_si(s->eps, c0, 1, prec);
    arb_neg(s->eps, s->eps);
    ntk_iter_clamp_eps(s->eps, prec);
    arb_set(s->theta11, q1);
    arb_mul(s->theta12, q1, c0, prec);
    return NTK_SUCCESS;
}

/* eps is known to lie in [0, 2]: cut the ball to that interval */
void
ntk_iter_clamp_eps(arb_t eps, slong prec)
{
    arf_t lo, hi;
    int changed = 0;

    if (arb_is_exact(eps) || !arb_is_finite(eps))
        return;
    /* common case, cheaply: 0 <= mid - rad and |mid|, rad < 1 */
    if (arb_is_nonnegative(eps) && arf_cmpabs_2exp_si(arb_midref(eps), 0) < 0
        && mag_cmp_2exp_si(arb_radref(eps), 0) < 0)
        return;
    arf_init(lo);
    arf_init(hi);
    arb_get_lbound_arf(lo, eps, prec);
    arb_get_ubound_arf(hi, eps, prec);
    if (arf_sgn(lo) < 0)
    {
        arf_zero(lo);
        changed = 1;
    }
    if (arf_cmp_si(hi, 2) > 0)
    {
        arf_set_si(hi, 2);
        changed = 1;
    }
    if (changed)
        arb_set_interval_arf(eps, lo, hi, prec);
    arf_clear(lo);
    arf_clear(hi);
}

/*
 * Mean-value enclosure (proofs/propagation.md, Lemma P1):
 *   res = gmid + [-S rad, S rad],  S >= sup |g'| over the input ball.
 * If plain (the map evaluated on the whole ball, also valid) is given and
 * narrower, the intersection is taken.
 */
void
ntk_iter_mv_combine(arb_t res, const arb_t gmid, const mag_t S, const mag_t rad,
                    const arb_t plain, slong prec)
{
    mag_t e;
    arb_t t;

    mag_init(e);
    arb_init(t);
    mag_mul(e, S, rad);
    arb_set(t, gmid);
    arb_add_error_mag(t, e);
    if (plain != NULL && arb_is_finite(plain))
    {
        if (!arb_intersection(res, t, plain, prec))
            arb_set(res, t);   /* cannot happen for valid enclosures */
    }
    else
        arb_set(res, t);
    mag_clear(e);
    arb_clear(t);
}


ntk_status
ntk_iter_step(ntk_iter_state_t s, const ntk_net_t net, const arb_t q_fixed,
              slong prec)
{
    return ntk_iter_step_cached(s, net, q_fixed, NULL, NULL, prec);
}

ntk_status
ntk_iter_step_cached(ntk_iter_state_t s, const ntk_net_t net, const arb_t q_fixed,
                     const ntk_maps_qcache_struct *qc, const arb_t f2, slong prec)
{
    ntk_status st;
    arb_t qn, chi, gm, dm, gb, db, t, mid;
    mag_t S, rad;

    arb_init(qn); arb_init(chi); arb_init(gm); arb_init(dm);
    arb_init(gb); arb_init(db); arb_init(t); arb_init(mid);
    mag_init(S); mag_init(rad);

    if (q_fixed != NULL)
        arb_set(s->q, q_fixed);

    /* q' = V(q): mean-value form, V' from the maps (Lemma P1) */
    if (q_fixed != NULL)
        arb_set(qn, q_fixed);
    else if (arb_is_exact(s->q))
    {
        st = ntk_maps_var(qn, net, s->q, prec);
        if (st != NTK_SUCCESS) goto cleanup;
    }
    else
    {
        arb_get_mid_arb(mid, s->q);
        st = ntk_maps_var(gm, net, mid, prec);
        if (st != NTK_SUCCESS) goto cleanup;
        st = ntk_maps_var_deriv(t, net, s->q, prec);
        if (st != NTK_SUCCESS) goto cleanup;
        arb_get_mag(S, t);
        st = ntk_maps_var(gb, net, s->q, prec);
        if (st != NTK_SUCCESS) goto cleanup;
        ntk_iter_mv_combine(qn, gm, S, arb_radref(s->q), gb, prec);
    }

    /* D_11 = chi_1(q) */
    if (qc != NULL)
        arb_set(chi, qc->chi);
    else
    {
        st = ntk_maps_chi1(chi, net, s->q, prec);
        if (st != NTK_SUCCESS) goto cleanup;
    }

    /* eps' and D_12 */
    if (arb_is_zero(s->eps))
    {
        arb_set(db, chi);     /* c = 1 exactly: eps stays 0 */
    }
    else
    {
        arb_get_mid_arb(mid, s->eps);
        if (qc != NULL)
            st = ntk_maps_eps_step_qcache(gm, dm, net, qc, mid, prec);
        else
            st = ntk_maps_eps_step(gm, dm, net, s->q, mid, prec);
        if (st != NTK_SUCCESS) goto cleanup;
        if (arb_is_exact(s->eps))
        {
            arb_set(s->eps, gm);
            arb_set(db, dm);
        }
        else if (q_fixed != NULL && f2 != NULL)
        {
            /* at q = q*: D12 = f'(c), and |f''| <= f''(1) on [-1, 1]
               (Lemma P4), so D12 over the ball is dm +- f2 rad: one
               quadrature per layer instead of two */
            mag_set(rad, arb_radref(s->eps));
            arb_get_mag(S, f2);
            mag_mul(S, S, rad);
            arb_set(db, dm);
            arb_add_error_mag(db, S);
            arb_get_mag(S, db);                 /* sup |g'| = sup |f'| */
            ntk_iter_mv_combine(s->eps, gm, S, rad, NULL, prec);
        }
        else
        {
            if (qc != NULL)
                st = ntk_maps_eps_step_qcache(gb, db, net, qc, s->eps, prec);
            else
                st = ntk_maps_eps_step(gb, db, net, s->q, s->eps, prec);
            if (st != NTK_SUCCESS) goto cleanup;
            /* S >= sup |d eps'/d eps| = sup |q D12 / V(q)| (Lemma P2) */
            arb_mul(t, s->q, db, prec);
            arb_div(t, t, qn, prec);
            arb_get_mag(S, t);
            mag_set(rad, arb_radref(s->eps));
            ntk_iter_mv_combine(s->eps, gm, S, rad, gb, prec);
        }
        ntk_iter_clamp_eps(s->eps, prec);
    }

    /* Theta' = Theta * D + Sigma' (conventions.md 1) */
    arb_mul(s->theta11, s->theta11, chi, prec);
    arb_add(s->theta11, s->theta11, qn, prec);
    arb_mul(s->theta12, s->theta12, db, prec);
    arb_sub_si(t, s->eps, 1, prec);
    arb_neg(t, t);
    arb_addmul(s->theta12, qn, t, prec);
    arb_set(s->q, qn);
    s->depth++;
    st = NTK_SUCCESS;

cleanup:
    arb_clear(qn); arb_clear(chi); arb_clear(gm); arb_clear(dm);
    arb_clear(gb); arb_clear(db); arb_clear(t); arb_clear(mid);
    mag_clear(S); mag_clear(rad);
    return st;
}

void
ntk_iter_state_row(ntk_iter_row_t row, const ntk_iter_state_t s, slong prec)
{
    row->depth = s->depth;
    arb_set(row->eps, s->eps);
    arb_sub_si(row->c, s->eps, 1, prec);
    arb_neg(row->c, row->c);
    arb_set(row->sigma11, s->q);
    arb_mul(row->sigma12, s->q, row->c, prec);
    arb_set(row->theta11, s->theta11);
    arb_set(row->theta12, s->theta12);
}
