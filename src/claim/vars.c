/* The variables of claim expressions (ntkdepth/claim.h): the checkpoint
 * row (L, eps, c, sigma11, ...) and the problem's constants (qstar, chi1,
 * cstar, f2, beta, ...; w_constant, v_constant, ntk_constant of the orbit
 * of a depth jump), the maps' and the orbit's computed on first use. */
#include <string.h>
#include "claim_impl.h"
#include "ntkdepth/jump.h"


static void
build_net(ntk_net_t net, const vctx *c, slong prec)
{
    ntk_act_set(net->act, c->pb->act);
    net->method = c->pb->method;
    arb_set(net->sigma_w2, c->info->sigma_w2);
    arb_set_fmpq(net->sigma_b2, c->pb->sigma_b2, prec);
}

static ntk_status
need_phase(vctx *c)
{
    if (!c->have_phase)
    {
        ntk_net_t net;
        ntk_net_init(net);
        build_net(net, c, c->mprec);
        c->phase_st = ntk_maps_phase(c->ph, net, c->mprec);
        ntk_net_clear(net);
        c->have_phase = 1;
    }
    return c->phase_st;
}

static ntk_status
need_price(vctx *c)
{
    if (!c->have_price)
    {
        c->have_price = 1;
        if (c->pb->eoc)
        {
            ntk_eoc_t e;
            arb_t sb2;
            ntk_eoc_init(e);
            arb_init(sb2);
            arb_set_fmpq(sb2, c->pb->sigma_b2, c->mprec);
            c->price_st = ntk_maps_eoc(e, c->pb->act, sb2, c->mprec);
            if (c->price_st == NTK_SUCCESS && !e->found)
                c->price_st = ntk_error_set(NTK_DOMAIN, "no edge-of-chaos point: %s", e->why);
            arb_set(c->f2, e->f2);
            arb_set(c->beta, e->beta);
            ntk_eoc_clear(e);
            arb_clear(sb2);
        }
        else
        {
            arb_ptr p = _arb_vec_init(3);
            ntk_net_t net;
            c->price_st = need_phase(c);
            if (c->price_st == NTK_SUCCESS)
            {
                ntk_net_init(net);
                build_net(net, c, c->mprec);
                c->price_st = ntk_maps_price(p, net, c->ph->q_star, 3, c->mprec);
                ntk_net_clear(net);
                arb_set(c->f2, p + 2);
                arb_set_ui(c->beta, 2);
                arb_div(c->beta, c->beta, c->f2, c->mprec);
            }
            _arb_vec_clear(p, 3);
        }
    }
    return c->price_st;
}

/* the orbit constants from the deepest row: of the ReLU-like EOC
   (proofs/fatou.md Lemma J12: w_constant, ntk_constant) or of the smooth
   and ELU jumps at q* (Lemma J17: v_constant, ntk_constant); `name` is the
   variable asked for (the message names it when the other jump applies) */
static ntk_status
need_orbit(vctx *c, const char *name)
{
    if (!c->have_orbit)
    {
        c->have_orbit = 1;
        arb_indeterminate(c->w_constant);
        arb_indeterminate(c->v_constant);
        if (c->last == NULL)
            c->orbit_st = ntk_error_set(NTK_DOMAIN, "%s: no row", name);
        else
        {
            fmpz_t L;
            fmpz_init(L);
            fmpz_set_si(L, c->last->depth);
            if (ntk_iter_jump_applies(c->pb))
                c->orbit_st = ntk_iter_jump_constants(c->w_constant, c->ntk_constant, c->pb,
                                                      c->last->eps, L, c->mprec);
            else
                c->orbit_st = ntk_iter_jump_constants_qstar(c->v_constant, c->ntk_constant,
                                                            c->pb, c->info->q_star,
                                                            c->info->sigma_w2, c->last->eps,
                                                            L, c->mprec);
            fmpz_clear(L);
        }
    }
    if (c->orbit_st != NTK_SUCCESS)
        return c->orbit_st;
    if (!strcmp(name, "w_constant") && !arb_is_finite(c->w_constant))
        return ntk_error_set(NTK_DOMAIN, "w_constant: defined for the ReLU-like jump "
                             "(a x + b|x| at the edge of chaos with sigma_b2 = 0); "
                             "smooth activations and elu at q* have v_constant");
    if (!strcmp(name, "v_constant") && !arb_is_finite(c->v_constant))
        return ntk_error_set(NTK_DOMAIN, "v_constant: defined for the smooth and ELU jumps "
                             "(sigma_w2 = eoc, q1 = star); ReLU-like activations have "
                             "w_constant");
    return NTK_SUCCESS;
}

int
_ntk_claim_lookup(arb_t res, const char *name, void *data, slong prec)
{
    vctx *c = data;
    const ntk_iter_row_struct *r = c->row;
    if (r != NULL)
    {
        if (!strcmp(name, "L")) { arb_set_si(res, r->depth); return 1; }
        if (!strcmp(name, "eps")) { arb_set(res, r->eps); return 1; }
        if (!strcmp(name, "c")) { arb_set(res, r->c); return 1; }
        if (!strcmp(name, "sigma11")) { arb_set(res, r->sigma11); return 1; }
        if (!strcmp(name, "sigma12")) { arb_set(res, r->sigma12); return 1; }
        if (!strcmp(name, "theta11")) { arb_set(res, r->theta11); return 1; }
        if (!strcmp(name, "theta12")) { arb_set(res, r->theta12); return 1; }
    }
    if (!strcmp(name, "q1"))
    {
        if (c->pb->q1_star)
            arb_set(res, c->info->q_star);
        else
            arb_set_fmpq(res, c->pb->q1, prec);
        return 1;
    }
    if (!strcmp(name, "c0")) { arb_set_fmpq(res, c->pb->c0, prec); return 1; }
    if (!strcmp(name, "sigma_w2")) { arb_set(res, c->info->sigma_w2); return 1; }
    if (!strcmp(name, "sigma_b2")) { arb_set_fmpq(res, c->pb->sigma_b2, prec); return 1; }
    if (!strcmp(name, "qstar") && (c->pb->q1_star || c->pb->eoc))
    {
        arb_set(res, c->info->q_star);
        return 1;
    }
    if (!strcmp(name, "chi1") && c->pb->eoc)
    {
        arb_one(res);   /* the definition of the EOC (conventions.md 2) */
        return 1;
    }
    if (!strcmp(name, "qstar") || !strcmp(name, "chi1") || !strcmp(name, "cstar")
        || !strcmp(name, "fprime_cstar"))
    {
        if (need_phase(c) != NTK_SUCCESS)
            return -1;
        if (c->ph->phase == NTK_PHASE_NO_FIXED_POINT)
        {
            ntk_error_set(NTK_DOMAIN, "%s: the variance map has no fixed point", name);
            return -1;
        }
        if (!strcmp(name, "qstar")) arb_set(res, c->ph->q_star);
        else if (!strcmp(name, "chi1")) arb_set(res, c->ph->chi1);
        else if (!strcmp(name, "cstar")) arb_set(res, c->ph->c_star);
        else arb_set(res, c->ph->fprime_cstar);
        return 1;
    }
    if (!strcmp(name, "w_constant") || !strcmp(name, "v_constant")
        || !strcmp(name, "ntk_constant"))
    {
        if (need_orbit(c, name) != NTK_SUCCESS)
            return -1;
        arb_set(res, !strcmp(name, "w_constant") ? c->w_constant
                     : !strcmp(name, "v_constant") ? c->v_constant : c->ntk_constant);
        return 1;
    }
    if (!strcmp(name, "f2") || !strcmp(name, "beta"))
    {
        if (need_price(c) != NTK_SUCCESS)
            return -1;
        arb_set(res, !strcmp(name, "f2") ? c->f2 : c->beta);
        return 1;
    }
    return 0;
}
