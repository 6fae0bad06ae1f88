/* The generic laws of claims (identity, limit, power, power_log,
 * exponential): the quantity and the constant as certified balls on the
 * checkpoint rows, the estimates (src/fit, proofs/verdicts.md E1-E3) and
 * the verdict (src/claim/verdict.c, V1-V4). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "claim_impl.h"

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

/* an estimate's value with the digits its error allows (the last about a
   tenth of the error; at least 3) */
static char *
est_value_str(const ntk_estimate_t e)
{
    slong dg = FLINT_MAX(3, ntk_estimate_digits(e->value, e->error));
    return arb_get_str(e->value, dg, ARB_STR_NO_RADIUS);
}

static void
estimate_note(ntk_claim_result_t res, const char *what, const ntk_estimate_t e,
              const arb_t pred, ntk_verdict v)
{
    char *sv = est_value_str(e);
    char *se = arb_get_str(e->error, 2, ARB_STR_NO_RADIUS);
    char *sp = ball_str(pred, 20);
    ntk_claim_result_note(res, "%s: %s estimate %s +- %s (depths %ld..%ld) vs predicted %s: %s%s.",
                          what, ntk_estimate_kind_str(e->kind), sv, se, (long) e->lo,
                          (long) e->hi, sp, ntk_verdict_str(v),
                          v == NTK_VERDICT_REFUTED ? " (estimate, not certified)" : "");
    flint_free(sv); flint_free(se); flint_free(sp);
}

ntk_status
_ntk_claim_law_identity(ntk_claim_result_t res, const ntk_claim_t cl, vctx *c,
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
        st = ntk_expr_eval(y, cl->quantity, _ntk_claim_lookup, c, prec);
        if (st == NTK_SUCCESS)
            st = ntk_expr_eval(p, cl->constant, _ntk_claim_lookup, c, prec);
        if (st != NTK_SUCCESS)
            goto cleanup;
        arb_sub(d + i, y, p, prec);
        ntk_verdict_tolerance(tol + i, cl, p, c->quick, prec);
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
        ntk_expr_eval(y, cl->quantity, _ntk_claim_lookup, c, prec);
        ntk_expr_eval(p, cl->constant, _ntk_claim_lookup, c, prec);
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


/* power_log's `offset`: the fitted constant term (coefficient of L^p (ln
   L)^0, lead term `target`) beside the value of the claim's expression for
   it (e.g. the certified constant of the orbit, proofs/fatou.md J12);
   reported, not part of the verdict */
static void
offset_report(ntk_claim_result_t res, const ntk_claim_t cl, vctx *c, const slong *depths,
              arb_srcptr z, slong n, const ntk_fit_term *lead, slong nlead, slong target,
              slong extra_j, slong prec)
{
    ntk_estimate_t oe, ox;
    ntk_measured_struct *m;
    arb_t v, d;
    ntk_status st;
    char *sv = NULL, *se = NULL, *sc = NULL, *sd = NULL;
    ntk_estimate_init(oe); ntk_estimate_init(ox);
    arb_init(v); arb_init(d);
    st = ntk_fit_form(oe, depths, z, n, lead, nlead, target, extra_j, NTK_EST_FIT, prec);
    if (ntk_fit_form(ox, depths, z, n, lead, nlead, target, extra_j, NTK_EST_EXTRAPOLATION,
                     prec) == NTK_SUCCESS
        && (st != NTK_SUCCESS || arb_lt(ox->error, oe->error)))
    {
        ntk_estimate_set(oe, ox);
        st = NTK_SUCCESS;
    }
    if (st != NTK_SUCCESS)
    {
        ntk_claim_result_note(res, "The offset could not be fitted: %s.", _ntk_claim_errcopy());
        goto cleanup;
    }
    m = ntk_claim_result_add(res, "offset", NTK_MEASURED_ESTIMATE);
    ntk_estimate_set(m->est, oe);
    sv = est_value_str(oe);
    se = arb_get_str(oe->error, 2, ARB_STR_NO_RADIUS);
    st = ntk_expr_eval(v, cl->offset, _ntk_claim_lookup, c, prec);
    if (st != NTK_SUCCESS || !arb_is_finite(v))
        ntk_claim_result_note(res, "Offset (constant term): %s estimate %s +- %s; %s is not "
                              "available: %s.", ntk_estimate_kind_str(oe->kind), sv, se,
                              cl->offset, st != NTK_SUCCESS ? _ntk_claim_errcopy() : "not finite");
    else
    {
        _ntk_claim_add_ball(res, "offset (certified)", v);
        sc = ball_str(v, 40);
        arb_sub(d, oe->value, v, prec);
        arb_abs(d, d);
        /* a ball of the difference that contains 0 prints as [+/- r] */
        sd = arb_get_str(d, 2, arb_contains_zero(d) ? 0 : ARB_STR_NO_RADIUS);
        ntk_claim_result_note(res, "Offset (constant term): %s estimate %s +- %s vs %s = %s "
                              "(certified): difference %s, %s the estimated error.",
                              ntk_estimate_kind_str(oe->kind), sv, se, cl->offset, sc, sd,
                              arb_le(d, oe->error) ? "within" : "not within");
    }
cleanup:
    flint_free(sv); flint_free(se); flint_free(sc); flint_free(sd);
    ntk_estimate_clear(oe); ntk_estimate_clear(ox);
    arb_clear(v); arb_clear(d);
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
        st = ntk_expr_eval(y + i, cl->quantity, _ntk_claim_lookup, c, prec);
        c->row = NULL;
        if (st != NTK_SUCCESS)
            return st;
    }
    return NTK_SUCCESS;
}

ntk_status
_ntk_claim_law_fit(ntk_claim_result_t res, const ntk_claim_t cl, vctx *c,
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
    int by_form = 1;    /* the decisive estimate is ntk_fit_form's (not the tail's) */

    arb_init(pred); arb_init(p); arb_init(T); arb_init(t); arb_init(lg);
    ntk_estimate_init(est); ntk_estimate_init(ex);

    st = eval_rows(y, cl, c, rows, n, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    st = ntk_expr_eval(pred, cl->constant, _ntk_claim_lookup, c, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    if (cl->exponent)
    {
        st = ntk_expr_eval(p, cl->exponent, _ntk_claim_lookup, c, prec);
        if (st != NTK_SUCCESS)
            goto cleanup;
    }
    ntk_verdict_tolerance(T, cl, pred, c->quick, prec);
    arb_set(res->pred, pred);

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
        lead[nlead++] = (ntk_fit_term) {0, 0, 0};
        set_predicted(res, "limit", cl->constant, pred);
    }
    else if (cl->law == NTK_LAW_POWER)
    {
        lead[nlead++] = (ntk_fit_term) {0, 0, 0};
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
            lead[nlead++] = (ntk_fit_term) {0, j, 0};
        target = 0;
        what = "constant";
        set_predicted(res, "constant", cl->constant, pred);
    }
    st = ntk_fit_form_powers(est, depths, z, n, lead, nlead, target,
                             cl->law == NTK_LAW_POWER_LOG ? r : 0, cl->fit_powers,
                             NTK_EST_FIT, prec);
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
        int have_ex = ntk_fit_form_powers(ex, depths, z, n, lead, nlead, target,
                                          cl->law == NTK_LAW_POWER_LOG ? r : 0,
                                          cl->fit_powers, NTK_EST_EXTRAPOLATION,
                                          prec) == NTK_SUCCESS;
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
            ntk_fit_tail_estimate(tl, depths, z, n, prec);
            if (arb_lt(tl->error, est->error))
            {
                if (!have_ex || arb_lt(est->error, ex->error))
                    ntk_estimate_set(ex, est);
                have_ex = 1;
                ntk_estimate_set(est, tl);
                by_form = 0;
            }
            ntk_estimate_clear(tl);
        }
        v = ntk_verdict_estimate(est, pred, T, prec);
        /* the figure: z, the form that decided (if a form did), T */
        _ntk_claim_set_z(res, depths, z, n);
        arb_set(res->tol, T);
        if (by_form)
        {
            ntk_fit_term ft[NTK_FIT_FORM_MAXTERMS];
            arb_ptr fc = _arb_vec_init(NTK_FIT_FORM_MAXTERMS);
            slong fm;
            if (ntk_fit_form_coefs(ft, fc, &fm, est, depths, z, n, lead, nlead,
                                   cl->law == NTK_LAW_POWER_LOG ? r : 0, cl->fit_powers,
                                   prec) == NTK_SUCCESS)
                _ntk_claim_set_fit(res, ft, fc, fm, est->lo, est->hi);
            _arb_vec_clear(fc, NTK_FIT_FORM_MAXTERMS);
        }
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
    if (cl->law == NTK_LAW_POWER_LOG && cl->offset != NULL)
        offset_report(res, cl, c, depths, z, n, lead, nlead, nlead - 1, r, prec);
    if (cl->law == NTK_LAW_POWER)
    {
        /* free exponent: ln|y| = ln A + p ln L + sum c_kj ln^j L / L^k
           (L^(-k/2) with fit_powers = half) */
        arb_ptr ly = _arb_vec_init(n);
        ntk_fit_term l2[2] = {{0, 0, 0}, {0, 1, 0}};
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
        if (ok && ntk_fit_form_powers(pe, depths, ly, n, l2, 2, 1, 0, cl->fit_powers,
                                      NTK_EST_FIT, prec) == NTK_SUCCESS)
        {
            ntk_estimate_t px;
            ntk_estimate_init(px);
            if (ntk_fit_form_powers(px, depths, ly, n, l2, 2, 1, 0, cl->fit_powers,
                                    NTK_EST_EXTRAPOLATION, prec) == NTK_SUCCESS
                && arb_lt(px->error, pe->error))
                ntk_estimate_set(pe, px);
            ntk_estimate_clear(px);
            ntk_measured_struct *m = ntk_claim_result_add(res, "exponent", NTK_MEASURED_ESTIMATE);
            ntk_estimate_set(m->est, pe);
            ntk_verdict_tolerance(Tp, cl, p, c->quick, prec);
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
ntk_status
_ntk_claim_law_exponential(ntk_claim_result_t res, const ntk_claim_t cl, vctx *c,
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
    st = ntk_expr_eval(pred, cl->constant, _ntk_claim_lookup, c, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;
    set_predicted(res, "rate", cl->constant, pred);
    arb_set(res->pred, pred);
    ntk_verdict_tolerance(T, cl, pred, c->quick, prec);
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
        ntk_fit_term tm[3] = {{0, 0, 0}, {1, 0, 0}, {2, 0, 0}};
        ntk_estimate_t tl;
        int have_r = nr >= 4 && ntk_fit_estimate(est, dd, rho, nr, tm, 3, 0, 1e300,
                                                  NTK_EST_EXTRAPOLATION, prec) == NTK_SUCCESS;
        int by_form = have_r;
        ntk_estimate_init(tl);
        if (nr >= 2)
        {
            ntk_fit_tail_estimate(tl, dd, rho, nr, prec);
            if (!have_r || arb_lt(tl->error, est->error))
            {
                ntk_estimate_set(est, tl);
                have_r = 1;
                by_form = 0;
            }
        }
        ntk_estimate_clear(tl);
        if (by_form)
        {
            /* the figure's fitted form: the interpolation that decided */
            arb_ptr fc = _arb_vec_init(3);
            if (ntk_fit_lsq(fc, dd, rho, nr, est->lo, est->hi, tm, 3, prec) == NTK_SUCCESS)
                _ntk_claim_set_fit(res, tm, fc, 3, est->lo, est->hi);
            _arb_vec_clear(fc, 3);
        }
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
    _ntk_claim_set_z(res, dd, rho, nr);
    arb_set(res->tol, T);
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
