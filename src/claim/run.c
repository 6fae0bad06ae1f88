/* Running one claim: the problem, the checkpoint rows from the recursion
 * (iter), the quantity and the constant as certified balls, the fit, the
 * verdict.  Data flow: iter -> fit -> claim (this file) -> report. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "claim_impl.h"


void
ntk_verify_opts_init(ntk_verify_opts_t o)
{
    memset(o, 0, sizeof(*o));
    o->max_depth_quick = 10000;
    o->prec = 512;
}

static int
cmp_slong(const void *a, const void *b)
{
    slong x = *(const slong *) a, y = *(const slong *) b;
    return (x > y) - (x < y);
}

static slong
uniq(slong *d, slong n)
{
    slong j = 0;
    qsort(d, (size_t) n, sizeof(slong), cmp_slong);
    for (slong i = 0; i < n; i++)
        if (j == 0 || d[i] != d[j - 1])
            d[j++] = d[i];
    return j;
}

/* points per decade of the geometric grid used by the fits */
#define GRID_PER_DECADE 20

void
ntk_claim_depths(slong **depths, slong *n, const ntk_claim_t cl,
                 const ntk_verify_opts_t opts)
{
    slong cap = 0, Lmax, *d;
    slong nd = 0;

    Lmax = cl->ndepths ? cl->depths[cl->ndepths - 1] : 1;
    if (opts->quick && Lmax > opts->max_depth_quick)
        Lmax = opts->max_depth_quick;
    cap = 2 * cl->ndepths + 10 * GRID_PER_DECADE + 4;
    d = flint_malloc(sizeof(slong) * cap);
    for (slong i = 0; i < cl->ndepths; i++)
        if (cl->depths[i] <= Lmax)
        {
            d[nd++] = cl->depths[i];
            if (cl->law == NTK_LAW_EXPONENTIAL)
                d[nd++] = cl->depths[i] + 1;
        }
    if (nd == 0 || d[nd - 1] < Lmax)
    {
        d[nd++] = Lmax;
        if (cl->law == NTK_LAW_EXPONENTIAL)
            d[nd++] = Lmax + 1;
    }
    if (cl->law == NTK_LAW_LIMIT || cl->law == NTK_LAW_POWER
        || cl->law == NTK_LAW_POWER_LOG)
    {
        for (slong k = GRID_PER_DECADE; ; k++)
        {
            double x = floor(pow(10.0, (double) k / GRID_PER_DECADE) + 0.5);
            if (x > (double) Lmax || nd >= cap)
                break;
            d[nd++] = (slong) x;
        }
    }
    *n = uniq(d, nd);
    *depths = d;
}

/* ------------------------------------------------------------------ */
/* variables                                                           */
/* ------------------------------------------------------------------ */

typedef struct
{
    const ntk_claim_struct *cl;
    const ntk_iter_problem_struct *pb;
    ntk_iter_info_struct *info;
    const ntk_iter_row_struct *row;     /* NULL outside rows */
    int have_phase, have_price;
    ntk_status phase_st, price_st;
    ntk_phase_t ph;
    arb_t f2, beta;
    slong prec;
    slong mprec;    /* maps (phase, Price): digits of the claim + 64 bits */
    int quick;
} vctx;

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

static int
lookup(arb_t res, const char *name, void *data, slong prec)
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
    if (!strcmp(name, "f2") || !strcmp(name, "beta"))
    {
        if (need_price(c) != NTK_SUCCESS)
            return -1;
        arb_set(res, !strcmp(name, "f2") ? c->f2 : c->beta);
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* problem                                                             */
/* ------------------------------------------------------------------ */

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
        return st;
    return NTK_SUCCESS;
}

static double now(void);

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
    if (b->deadline > 0 && now() > b->deadline)
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
    b.o = o;
    b.deadline = o->budget > 0 ? now() + o->budget : 0;
    b.over = 0;
    ntk_iter_opts_init(io);
    io->progress = budget_progress;
    io->progress_data = &b;
    st = ntk_iter_run(rows, info, pb, depths, n, digits, io);
    if (st == NTK_INTERRUPTED && b.over)
        st = ntk_error_set(NTK_UNABLE, "time budget of %g s exceeded (--budget)", o->budget);
    return st;
}

/* ------------------------------------------------------------------ */
/* helpers                                                             */
/* ------------------------------------------------------------------ */

static char *
ball_str(const arb_t x, slong digits)
{
    slong d = ntk_ball_digits(x);
    if (d > digits)
        d = digits;
    if (d < 1)
        d = 1;
    return arb_get_str(x, d, ARB_STR_NO_RADIUS);
}

static void
set_predicted(ntk_claim_result_t res, const char *label, const char *expr,
              const arb_t v)
{
    char buf[512];
    char *s = ball_str(v, 15);
    if (expr && strcmp(expr, s) != 0)
        snprintf(buf, sizeof(buf), "%s%s%s = %s", label ? label : "", label ? " " : "", expr, s);
    else
        snprintf(buf, sizeof(buf), "%s%s%s", label ? label : "", label ? " " : "", s);
    flint_free(s);
    free(res->predicted);
    res->predicted = strdup(buf);
}

/* tolerance T: tol * |pred| (relative) or tol (absolute); upper bound */
static const char *
tol_str(const ntk_claim_t cl, int quick)
{
    if (quick && cl->quick_tolerance)
        return cl->quick_tolerance;
    return cl->tolerance ? cl->tolerance : "0";
}

static void
tolerance_q(arb_t T, const ntk_claim_t cl, const arb_t pred, int quick, slong prec)
{
    arb_t a;
    arb_init(a);
    ntk_parse_arb(T, tol_str(cl, quick), "tolerance", prec);
    if (!cl->tol_absolute && !arb_contains_zero(pred))
    {
        arb_abs(a, pred);
        arb_mul(T, T, a, prec);
        /* lower end of the relative tolerance band: be strict */
        {
            arf_t lo;
            arf_init(lo);
            arb_get_lbound_arf(lo, T, prec);
            arb_set_arf(T, lo);
            arf_clear(lo);
        }
    }
    arb_clear(a);
}

static void
estimate_note(ntk_claim_result_t res, const char *what, const ntk_estimate_t e,
              const arb_t pred, ntk_verdict v)
{
    char *sv = arb_get_str(e->value, 20, ARB_STR_NO_RADIUS);
    char *se = arb_get_str(e->error, 2, ARB_STR_NO_RADIUS);
    char *sp = ball_str(pred, 20);
    ntk_claim_result_note(res, "%s: %s estimate %s +- %s (depths %ld..%ld) vs predicted %s: %s%s.",
                          what, ntk_estimate_kind_str(e->kind), sv, se, (long) e->lo,
                          (long) e->hi, sp, ntk_verdict_str(v),
                          v == NTK_VERDICT_REFUTED ? " (estimate, not certified)" : "");
    flint_free(sv); flint_free(se); flint_free(sp);
}

/* Fit of y (values at depths) to the form `terms`, target coefficient;
   tries orders from high to low until enough points are available. */
static ntk_status
fit_form(ntk_estimate_t est, const slong *depths, arb_srcptr y, slong n,
         const ntk_fit_term *lead, slong nlead, slong target, slong extra_j,
         ntk_estimate_kind kind, slong prec)
{
    ntk_status st = NTK_DOMAIN;
    ntk_fit_term terms[64];
    for (slong order = 4; order >= 1; order--)
    {
        slong m = 0;
        for (slong i = 0; i < nlead; i++)
            terms[m++] = lead[i];
        for (slong k = 1; k <= order; k++)
            for (slong j = 0; j <= k + extra_j; j++)
            {
                terms[m].k = k;
                terms[m].j = j;
                m++;
            }
        st = ntk_fit_estimate(est, depths, y, n, terms, m, target, 10.0, kind, prec);
        if (st != NTK_DOMAIN)
            return st;
    }
    return st;
}

/* Tail estimate of a limit: the last value, with 20 times the last
   difference (plus its radius) as error (proofs/verdicts.md, rule E2). */
static void
tail_estimate(ntk_estimate_t e, const slong *depths, arb_srcptr z, slong n,
              slong prec)
{
    arb_t d;
    arb_init(d);
    arb_set(e->value, z + n - 1);
    arb_sub(d, z + n - 1, z + n - 2, prec);
    arb_abs(d, d);
    arb_mul_ui(d, d, 20, prec);
    {
        arf_t u;
        arf_init(u);
        arb_get_ubound_arf(u, d, prec);
        arb_set_arf(e->error, u);
        {
            arb_t r;
            arb_init(r);
            arf_set_mag(arb_midref(r), arb_radref(z + n - 1));
            arb_add(e->error, e->error, r, prec);
            arb_get_ubound_arf(u, e->error, prec);
            arb_set_arf(e->error, u);
            arb_clear(r);
        }
        arf_clear(u);
    }
    e->kind = NTK_EST_EXTRAPOLATION;
    e->lo = depths[n - 2];
    e->hi = depths[n - 1];
    arb_clear(d);
}

/* ------------------------------------------------------------------ */
/* laws                                                                */
/* ------------------------------------------------------------------ */

static ntk_status
law_identity(ntk_claim_result_t res, const ntk_claim_t cl, vctx *c,
             const ntk_iter_row_struct *rows, const slong *depths, slong n,
             slong prec)
{
    ntk_status st = NTK_SUCCESS;
    arb_ptr d = _arb_vec_init(n), tol = _arb_vec_init(n);
    arb_t y, p, mx;
    slong bad = -1;
    arb_init(y); arb_init(p); arb_init(mx);
    for (slong i = 0; i < n; i++)
    {
        c->row = rows + i;
        st = ntk_expr_eval(y, cl->quantity, lookup, c, prec);
        if (st == NTK_SUCCESS)
            st = ntk_expr_eval(p, cl->constant, lookup, c, prec);
        if (st != NTK_SUCCESS)
            goto cleanup;
        arb_sub(d + i, y, p, prec);
        tolerance_q(tol + i, cl, p, c->quick, prec);
        if (i == 0)
            set_predicted(res, NULL, cl->constant, p);
        if (bad < 0 && !arb_contains_zero(d + i))
            bad = i;
        arb_abs(y, d + i);
        if (i == 0)
            arb_set(mx, y);
        else
            arb_max(mx, mx, y, prec);
    }
    c->row = NULL;
    res->verdict = ntk_verdict_identity(d, tol, n);
    {
        ntk_measured_struct *m = ntk_claim_result_add(res, "max |quantity - constant|", NTK_MEASURED_BALL);
        arb_set(m->ball, mx);
    }
    if (bad >= 0)
    {
        char *sy, *sp, *sd;
        c->row = rows + bad;
        ntk_expr_eval(y, cl->quantity, lookup, c, prec);
        ntk_expr_eval(p, cl->constant, lookup, c, prec);
        c->row = NULL;
        sy = ball_str(y, 20); sp = ball_str(p, 20); sd = ball_str(d + bad, 5);
        ntk_claim_result_note(res, "Certified counterexample at depth L = %ld: %s = %s, "
                              "but %s = %s (difference %s, a certified ball excluding 0).",
                              (long) depths[bad], cl->quantity, sy, cl->constant, sp, sd);
        flint_free(sy); flint_free(sp); flint_free(sd);
    }
    else
        ntk_claim_result_note(res, "At each of the %ld checkpoints (L = %ld..%ld) the certified "
                              "ball of %s - (%s) contains 0%s.", (long) n, (long) depths[0],
                              (long) depths[n - 1], cl->quantity, cl->constant,
                              res->verdict == NTK_VERDICT_HOLDS ? " and is within the tolerance"
                                                               : ", but some balls are wider than the tolerance");
    {
        arb_ptr e = _arb_vec_init(n);
        for (slong i = 0; i < n; i++)
            arb_abs(e + i, d + i);
        _ntk_claim_set_series(res, depths, e, n, "|quantity - constant|");
        _arb_vec_clear(e, n);
    }
cleanup:
    c->row = NULL;
    _arb_vec_clear(d, n); _arb_vec_clear(tol, n);
    arb_clear(y); arb_clear(p); arb_clear(mx);
    return st;
}

/* quantity at every row */
static ntk_status
eval_rows(arb_ptr y, const ntk_claim_t cl, vctx *c, const ntk_iter_row_struct *rows,
          slong n, slong prec)
{
    for (slong i = 0; i < n; i++)
    {
        ntk_status st;
        c->row = rows + i;
        st = ntk_expr_eval(y + i, cl->quantity, lookup, c, prec);
        c->row = NULL;
        if (st != NTK_SUCCESS)
            return st;
    }
    return NTK_SUCCESS;
}

static ntk_status
law_fit(ntk_claim_result_t res, const ntk_claim_t cl, vctx *c,
        const ntk_iter_row_struct *rows, const slong *depths, slong n, slong prec)
{
    ntk_status st;
    arb_ptr y = _arb_vec_init(n), z = _arb_vec_init(n), e = _arb_vec_init(n);
    arb_t pred, p, T, t, lg;
    ntk_estimate_t est, ex;
    ntk_verdict v;
    ntk_fit_term lead[12];
    slong nlead = 0, target = 0, r = cl->log_power;
    const char *what = "limit";

    arb_init(pred); arb_init(p); arb_init(T); arb_init(t); arb_init(lg);
    ntk_estimate_init(est); ntk_estimate_init(ex);

    st = eval_rows(y, cl, c, rows, n, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    st = ntk_expr_eval(pred, cl->constant, lookup, c, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    if (cl->exponent)
    {
        st = ntk_expr_eval(p, cl->exponent, lookup, c, prec);
        if (st != NTK_SUCCESS)
            goto cleanup;
    }
    tolerance_q(T, cl, pred, c->quick, prec);

    /* z_L = y_L L^-p (ln L)^-r as certified balls; the form fitted */
    for (slong i = 0; i < n; i++)
    {
        arb_set(z + i, y + i);
        if (cl->law == NTK_LAW_POWER || cl->law == NTK_LAW_POWER_LOG)
        {
            arb_set_si(t, depths[i]);
            arb_neg(lg, p);
            arb_pow(t, t, lg, prec);
            arb_mul(z + i, z + i, t, prec);
        }
    }
    if (cl->law == NTK_LAW_LIMIT)
    {
        lead[nlead++] = (ntk_fit_term) {0, 0};
        set_predicted(res, "limit", cl->constant, pred);
    }
    else if (cl->law == NTK_LAW_POWER)
    {
        lead[nlead++] = (ntk_fit_term) {0, 0};
        what = "constant";
        {
            char buf[256];
            snprintf(buf, sizeof(buf), "constant");
            set_predicted(res, buf, cl->constant, pred);
        }
    }
    else
    {
        /* u = A (ln L)^r + a_{r-1} (ln L)^{r-1} + ... + a_0 + O(ln^k L / L) */
        for (slong j = r; j >= 0; j--)
            lead[nlead++] = (ntk_fit_term) {0, j};
        target = 0;
        what = "constant";
        set_predicted(res, "constant", cl->constant, pred);
    }
    st = fit_form(est, depths, z, n, lead, nlead, target,
                  cl->law == NTK_LAW_POWER_LOG ? r : 0, NTK_EST_FIT, prec);
    if (st != NTK_SUCCESS)
    {
        ntk_claim_result_note(res, "The fit of the asymptotic form failed: %s.", _ntk_claim_errcopy());
        res->verdict = NTK_VERDICT_INCONCLUSIVE;
        st = NTK_SUCCESS;
        goto cleanup;
    }
    /* Richardson-type elimination (exact interpolation of the same form on
       the deepest points) beside the least-squares fit: both are
       estimates with conservative error estimates (proofs/verdicts.md,
       rule E1); the one with the smaller estimated error decides, the
       other is reported as a cross-check. */
    {
        int have_ex = fit_form(ex, depths, z, n, lead, nlead, target,
                               cl->law == NTK_LAW_POWER_LOG ? r : 0,
                               NTK_EST_EXTRAPOLATION, prec) == NTK_SUCCESS;
        ntk_measured_struct *m;
        char lab[64];
        if (have_ex && arb_lt(ex->error, est->error))
        {
            ntk_estimate_t tmp;
            ntk_estimate_init(tmp);
            ntk_estimate_set(tmp, est);
            ntk_estimate_set(est, ex);
            ntk_estimate_set(ex, tmp);
            ntk_estimate_clear(tmp);
        }
        /* limits: also the tail estimate y(Lmax) +- 20 |y(Lmax) - y(Lprev)|,
           which is the right one for geometrically converging sequences
           (ordered/chaotic phases) and loses against the fits on power-law
           convergence (rule E2 of proofs/verdicts.md) */
        if (cl->law == NTK_LAW_LIMIT && n >= 2)
        {
            ntk_estimate_t tl;
            ntk_estimate_init(tl);
            tail_estimate(tl, depths, z, n, prec);
            if (arb_lt(tl->error, est->error))
            {
                if (!have_ex || arb_lt(est->error, ex->error))
                    ntk_estimate_set(ex, est);
                have_ex = 1;
                ntk_estimate_set(est, tl);
            }
            ntk_estimate_clear(tl);
        }
        v = ntk_verdict_estimate(est, pred, T, prec);
        m = ntk_claim_result_add(res, what, NTK_MEASURED_ESTIMATE);
        ntk_estimate_set(m->est, est);
        estimate_note(res, what, est, pred, v);
        if (have_ex)
        {
            snprintf(lab, sizeof(lab), "%s (%s, cross-check)", what, ntk_estimate_kind_str(ex->kind));
            m = ntk_claim_result_add(res, lab, NTK_MEASURED_ESTIMATE);
            ntk_estimate_set(m->est, ex);
        }
    }
    if (cl->law == NTK_LAW_POWER)
    {
        /* free exponent: ln|y| = ln A + p ln L + sum c_kj ln^j L / L^k */
        arb_ptr ly = _arb_vec_init(n);
        ntk_fit_term l2[2] = {{0, 0}, {0, 1}};
        ntk_estimate_t pe;
        arb_t Tp;
        ntk_verdict vp;
        int ok = 1;
        ntk_estimate_init(pe);
        arb_init(Tp);
        for (slong i = 0; i < n && ok; i++)
        {
            if (arb_contains_zero(y + i))
                ok = 0;
            arb_abs(ly + i, y + i);
            arb_log(ly + i, ly + i, prec);
        }
        if (ok && fit_form(pe, depths, ly, n, l2, 2, 1, 0, NTK_EST_FIT, prec) == NTK_SUCCESS)
        {
            ntk_estimate_t px;
            ntk_estimate_init(px);
            if (fit_form(px, depths, ly, n, l2, 2, 1, 0, NTK_EST_EXTRAPOLATION, prec) == NTK_SUCCESS
                && arb_lt(px->error, pe->error))
                ntk_estimate_set(pe, px);
            ntk_estimate_clear(px);
            ntk_measured_struct *m = ntk_claim_result_add(res, "exponent", NTK_MEASURED_ESTIMATE);
            ntk_estimate_set(m->est, pe);
            ntk_parse_arb(Tp, tol_str(cl, c->quick), "tolerance", prec);
            if (!cl->tol_absolute && !arb_contains_zero(p))
            {
                arb_abs(t, p);
                arb_mul(Tp, Tp, t, prec);
            }
            vp = ntk_verdict_estimate(pe, p, Tp, prec);
            estimate_note(res, "exponent", pe, p, vp);
            v = ntk_verdict_and(v, vp);
        }
        else
        {
            ntk_claim_result_note(res, "The exponent could not be fitted (a value is not separated from 0).");
            v = ntk_verdict_and(v, NTK_VERDICT_INCONCLUSIVE);
        }
        /* certified local exponent at the deepest pair */
        if (n >= 2 && !arb_contains_zero(y + n - 1) && !arb_contains_zero(y + n - 2))
        {
            arb_t le;
            ntk_measured_struct *m;
            arb_init(le);
            if (ntk_fit_local_exponents(le, depths + n - 2, y + n - 2, 2, prec) == NTK_SUCCESS)
            {
                char lab[96];
                snprintf(lab, sizeof(lab), "local exponent d ln y / d ln L, L = %ld..%ld",
                         (long) depths[n - 2], (long) depths[n - 1]);
                m = ntk_claim_result_add(res, lab, NTK_MEASURED_BALL);
                arb_neg(m->ball, le);
            }
            arb_clear(le);
        }
        ntk_estimate_clear(pe);
        arb_clear(Tp);
        _arb_vec_clear(ly, n);
    }
    res->verdict = v;
    /* certified value of the normalized quantity at the deepest checkpoint */
    {
        char lab[96];
        ntk_measured_struct *m;
        snprintf(lab, sizeof(lab), "%s at L = %ld", cl->law == NTK_LAW_LIMIT ? "quantity"
                 : (cl->law == NTK_LAW_POWER ? "quantity * L^-p" : "quantity * L^-p"),
                 (long) depths[n - 1]);
        m = ntk_claim_result_add(res, lab, NTK_MEASURED_BALL);
        arb_set(m->ball, z + n - 1);
    }
    /* convergence series: relative (or absolute) distance to the prediction */
    for (slong i = 0; i < n; i++)
    {
        arb_set(e + i, z + i);
        if (cl->law == NTK_LAW_POWER_LOG)
        {
            arb_set_si(lg, depths[i] > 1 ? depths[i] : 2);
            arb_log(lg, lg, prec);
            arb_pow_ui(lg, lg, (ulong) r, prec);
            arb_div(e + i, e + i, lg, prec);
        }
        arb_sub(e + i, e + i, pred, prec);
        if (!arb_contains_zero(pred))
            arb_div(e + i, e + i, pred, prec);
        arb_abs(e + i, e + i);
    }
    {
        const char *lab;
        if (cl->law == NTK_LAW_LIMIT)
            lab = arb_contains_zero(pred) ? "|quantity - limit|" : "|quantity / limit - 1|";
        else if (cl->law == NTK_LAW_POWER)
            lab = "|quantity L^-p / constant - 1|";
        else
            lab = "|quantity L^-p (ln L)^-r / constant - 1|";
        _ntk_claim_set_series(res, depths, e, n, lab);
    }

cleanup:
    _arb_vec_clear(y, n); _arb_vec_clear(z, n); _arb_vec_clear(e, n);
    arb_clear(pred); arb_clear(p); arb_clear(T); arb_clear(t); arb_clear(lg);
    ntk_estimate_clear(est); ntk_estimate_clear(ex);
    return st;
}

/* exponential: rho_L = y_{L+1} / y_L -> rate */
static ntk_status
law_exponential(ntk_claim_result_t res, const ntk_claim_t cl, vctx *c,
                const ntk_iter_row_struct *rows, const slong *depths, slong n,
                slong prec)
{
    ntk_status st;
    arb_ptr y = _arb_vec_init(n), rho = _arb_vec_init(n), e = _arb_vec_init(n);
    slong *dd = malloc(sizeof(slong) * (n > 0 ? n : 1));
    slong nr = 0;
    arb_t pred, T;
    ntk_estimate_t est;
    arb_init(pred); arb_init(T);
    ntk_estimate_init(est);

    st = eval_rows(y, cl, c, rows, n, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    st = ntk_expr_eval(pred, cl->constant, lookup, c, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    set_predicted(res, "rate", cl->constant, pred);
    tolerance_q(T, cl, pred, c->quick, prec);
    for (slong i = 0; i + 1 < n; i++)
        if (depths[i + 1] == depths[i] + 1 && !arb_contains_zero(y + i))
        {
            arb_div(rho + nr, y + i + 1, y + i, prec);
            if (arb_rel_accuracy_bits(rho + nr) < 20)
                continue;   /* the quantity is not resolved any more */
            dd[nr++] = depths[i];
        }
    if (nr == 0)
    {
        ntk_claim_result_note(res, "No checkpoint resolves the quantity well enough for a ratio.");
        res->verdict = NTK_VERDICT_INCONCLUSIVE;
        goto cleanup;
    }
    /* estimate: extrapolation in 1/L of the ratios (L chi^L corrections),
       or the last ratio with the last difference as error */
    {
        ntk_fit_term tm[3] = {{0, 0}, {1, 0}, {2, 0}};
        ntk_estimate_t tl;
        int have_r = nr >= 4 && ntk_fit_estimate(est, dd, rho, nr, tm, 3, 0, 1e300,
                                                  NTK_EST_EXTRAPOLATION, prec) == NTK_SUCCESS;
        ntk_estimate_init(tl);
        if (nr >= 2)
        {
            tail_estimate(tl, dd, rho, nr, prec);
            if (!have_r || arb_lt(tl->error, est->error))
            {
                ntk_estimate_set(est, tl);
                have_r = 1;
            }
        }
        ntk_estimate_clear(tl);
        if (!have_r)
        {
            arb_set(est->value, rho + nr - 1);
            arb_zero(est->error);
            if (nr >= 2)
            {
                arb_sub(est->error, rho + nr - 1, rho + nr - 2, prec);
                arb_abs(est->error, est->error);
            }
            est->kind = NTK_EST_EXTRAPOLATION;
            est->lo = dd[0];
            est->hi = dd[nr - 1];
        }
    }
    res->verdict = ntk_verdict_estimate(est, pred, T, prec);
    {
        ntk_measured_struct *m = ntk_claim_result_add(res, "rate", NTK_MEASURED_ESTIMATE);
        ntk_estimate_set(m->est, est);
    }
    estimate_note(res, "rate", est, pred, res->verdict);
    {
        ntk_measured_struct *m;
        char lab[96];
        snprintf(lab, sizeof(lab), "ratio y(L+1)/y(L) at L = %ld", (long) dd[nr - 1]);
        m = ntk_claim_result_add(res, lab, NTK_MEASURED_BALL);
        arb_set(m->ball, rho + nr - 1);
    }
    for (slong i = 0; i < nr; i++)
    {
        arb_sub(e + i, rho + i, pred, prec);
        arb_div(e + i, e + i, pred, prec);
        arb_abs(e + i, e + i);
    }
    _ntk_claim_set_series(res, dd, e, nr, "relative error of the ratio");
cleanup:
    _arb_vec_clear(y, n); _arb_vec_clear(rho, n); _arb_vec_clear(e, n);
    free(dd);
    arb_clear(pred); arb_clear(T);
    ntk_estimate_clear(est);
    return st;
}

/* ------------------------------------------------------------------ */

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

ntk_status
ntk_claim_run(ntk_claim_result_t res, const ntk_claim_t cl,
              const ntk_verify_opts_t opts)
{
    ntk_status st;
    ntk_iter_problem_t pb;
    ntk_iter_info_t info;
    ntk_iter_row_struct *rows = NULL;
    slong *depths = NULL, n = 0;
    double t0 = now();
    vctx c;

    res->claim = cl;
    res->verdict = NTK_VERDICT_INCONCLUSIVE;
    if (cl->constant && res->predicted == NULL)
        res->predicted = strdup(cl->constant);
    if (cl->hook != NULL)
    {
        st = _ntk_claim_hook_run(res, cl, opts);
        res->seconds = now() - t0;
        return st;
    }
    if (cl->law == NTK_LAW_EOC)
        return ntk_error_set(NTK_DOMAIN, "[%s] field 'law': eoc claims need a built-in hook",
                             cl->id ? cl->id : "?");

    ntk_iter_problem_init(pb);
    ntk_iter_info_init(info);
    memset(&c, 0, sizeof(c));
    ntk_phase_init(c.ph);
    arb_init(c.f2);
    arb_init(c.beta);

    st = _ntk_claim_problem(pb, cl);
    if (st != NTK_SUCCESS)
    {
        st = ntk_error_set(NTK_DOMAIN, "[%s] %s", cl->id ? cl->id : "?", _ntk_claim_errcopy());
        goto cleanup;
    }
    ntk_claim_depths(&depths, &n, cl, opts);
    rows = ntk_iter_rows_init(n);
    st = opts->rows ? opts->rows(rows, info, pb, depths, n, cl->digits, opts->rows_data)
                    : ntk_claim_rows_default(rows, info, pb, depths, n, cl->digits, (void *) opts);
    res->max_depth = depths[n - 1];
    if (st == NTK_INTERRUPTED)
        goto cleanup;
    if (st != NTK_SUCCESS)
    {
        ntk_claim_result_note(res, "The recursion could not certify %ld digits to depth %ld: %s.",
                              (long) cl->digits, (long) depths[n - 1], _ntk_claim_errcopy());
        res->status = st;
        res->verdict = NTK_VERDICT_INCONCLUSIVE;
        st = NTK_SUCCESS;
        goto cleanup;
    }
    c.cl = cl;
    c.pb = pb;
    c.info = info;
    c.prec = opts->prec;
    /* the maps' constants need not be wider than the claim's digits: 2D
       quadratures at the fits' 512 bits cost minutes (c* in the chaotic
       phase); the balls stay enclosures at any precision */
    c.mprec = FLINT_MIN(opts->prec, ntk_digits_to_bits(cl->digits) + 64);
    switch (cl->law)
    {
        case NTK_LAW_IDENTITY:
            st = law_identity(res, cl, &c, rows, depths, n, opts->prec);
            break;
        case NTK_LAW_EXPONENTIAL:
            st = law_exponential(res, cl, &c, rows, depths, n, opts->prec);
            break;
        default:
            st = law_fit(res, cl, &c, rows, depths, n, opts->prec);
            break;
    }
    if (st != NTK_SUCCESS)
    {
        /* a variable that could not be computed (maps): inconclusive */
        ntk_claim_result_note(res, "Could not evaluate the claim: %s.", _ntk_claim_errcopy());
        res->status = st;
        res->verdict = NTK_VERDICT_INCONCLUSIVE;
        st = NTK_SUCCESS;
    }
cleanup:
    res->seconds = now() - t0;
    if (rows)
        ntk_iter_rows_clear(rows, n);
    flint_free(depths);
    ntk_iter_problem_clear(pb);
    ntk_iter_info_clear(info);
    ntk_phase_clear(c.ph);
    arb_clear(c.f2);
    arb_clear(c.beta);
    return st;
}
