/* Built-in evaluators for claims the generic laws cannot express:
 *   eoc_table                A1: EOC points of six activations, absence for
 *                            SiLU at sigma_b = 0, sigma_w -> 1 for tanh/ELU
 *   relu_map_identity        S2: the ReLU correlation map in closed form
 *   psi_derivatives          S5: derivatives of psi_d at fixed z != 0
 *   psi_derivatives_uniform  S5 read uniformly in z (z = 0 included) */
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/claim.h"

ntk_status ntk_claim_hook_regress(ntk_claim_result_t res, const ntk_claim_t cl,
                                  const ntk_verify_opts_t opts);

static void
set_pred(ntk_claim_result_t r, const char *s)
{
    free(r->predicted);
    r->predicted = strdup(s);
}

/* ------------------------------------------------------------------ */
/* A1                                                                   */
/* ------------------------------------------------------------------ */

static ntk_status
eoc_at(ntk_eoc_t e, const char *act, const char *sb, slong prec)
{
    ntk_act_t a;
    arb_t sb2;
    ntk_status st;
    ntk_act_init(a);
    arb_init(sb2);
    st = ntk_act_set_str(a, act);
    if (st == NTK_SUCCESS)
        st = ntk_parse_arb(sb2, sb, "sigma_b", prec);
    if (st == NTK_SUCCESS)
    {
        arb_sqr(sb2, sb2, prec);
        st = ntk_maps_eoc(e, a, sb2, prec);
    }
    ntk_act_clear(a);
    arb_clear(sb2);
    return st;
}

static ntk_status
hook_eoc_table(ntk_claim_result_t res, const ntk_claim_t cl,
               const ntk_verify_opts_t opts)
{
    static const char *acts[] = {"tanh", "elu", "silu", "gelu", "erf", "softplus"};
    static const char *sbs[] = {"0.05", "0.1", "0.2", "0.3", "0.5", "1.0"};
    static const char *small[] = {"0.01", "0.001", "0.0001"};
    slong prec = 128;
    int nfound = 0, nnone = 0, nunk = 0;
    ntk_verdict v = NTK_VERDICT_HOLDS;
    char buf[1024];
    ntk_eoc_t e;
    ntk_eoc_init(e);
    set_pred(res, "an EOC point or a proof of absence for each (act, sigma_b); "
                  "none for silu at sigma_b = 0; sigma_w -> 1 for tanh, elu as sigma_b -> 0");
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++)
        {
            ntk_status st;
            ntk_measured_struct *m;
            if (opts->quick && !(j == 1 || j == 2 || j == 4))
                continue;
            st = eoc_at(e, acts[i], sbs[j], prec);
            snprintf(buf, sizeof(buf), "%s sigma_b = %s: sigma_w", acts[i], sbs[j]);
            if (st == NTK_SUCCESS && e->found)
            {
                m = ntk_claim_result_add(res, buf, NTK_MEASURED_BALL);
                arb_set(m->ball, e->sigma_w);
                nfound++;
            }
            else if (st == NTK_SUCCESS)
            {
                m = ntk_claim_result_add(res, buf, NTK_MEASURED_TEXT);
                snprintf(buf, sizeof(buf), "none (proved: %s)", e->why);
                m->text = strdup(buf);
                nnone++;
            }
            else
            {
                m = ntk_claim_result_add(res, buf, NTK_MEASURED_TEXT);
                snprintf(buf, sizeof(buf), "undecided: %s", ntk_error_last());
                m->text = strdup(buf);
                nunk++;
                v = ntk_verdict_and(v, NTK_VERDICT_INCONCLUSIVE);
            }
        }
    ntk_claim_result_note(res, "EOC table: %d points certified, %d proved absent, %d undecided.",
                          nfound, nnone, nunk);
    /* SiLU at sigma_b = 0: no finite EOC point */
    {
        ntk_status st = eoc_at(e, "silu", "0", prec);
        ntk_measured_struct *m = ntk_claim_result_add(res, "silu sigma_b = 0", NTK_MEASURED_TEXT);
        if (st == NTK_SUCCESS && !e->found)
        {
            snprintf(buf, sizeof(buf), "no EOC point (proved: %s)", e->why);
            ntk_claim_result_note(res, "SiLU at sigma_b = 0: absence proved (%s).", e->why);
        }
        else if (st == NTK_SUCCESS)
        {
            char *s = arb_get_str(e->sigma_w, 15, ARB_STR_NO_RADIUS);
            snprintf(buf, sizeof(buf), "EOC point found: sigma_w = %s", s);
            ntk_claim_result_note(res, "SiLU at sigma_b = 0: a certified EOC point exists "
                                  "(sigma_w = %s), contradicting the claim.", s);
            flint_free(s);
            v = NTK_VERDICT_REFUTED;
        }
        else
        {
            snprintf(buf, sizeof(buf), "undecided: %s", ntk_error_last());
            ntk_claim_result_note(res, "SiLU at sigma_b = 0: undecided (%s).", ntk_error_last());
            v = ntk_verdict_and(v, NTK_VERDICT_INCONCLUSIVE);
        }
        m->text = strdup(buf);
    }
    /* tanh and ELU: sigma_w -> 1 as sigma_b -> 0 (finite-depth evidence:
       |sigma_w - 1| certified, decreasing, below the tolerance at 1e-4) */
    for (int i = 0; i < 2; i++)
    {
        const char *act = i == 0 ? "tanh" : "elu";
        arb_t prev, d, tol;
        int ok = 1, dec = 1;
        arb_init(prev); arb_init(d); arb_init(tol);
        ntk_parse_arb(tol, cl->tolerance ? cl->tolerance : "0.01", "tolerance", prec);
        for (int j = 0; j < 3; j++)
        {
            ntk_status st = eoc_at(e, act, small[j], prec);
            if (st != NTK_SUCCESS || !e->found)
            {
                ok = 0;
                break;
            }
            arb_sub_ui(d, e->sigma_w, 1, prec);
            arb_abs(d, d);
            snprintf(buf, sizeof(buf), "%s sigma_b = %s: |sigma_w - 1|", act, small[j]);
            arb_set(ntk_claim_result_add(res, buf, NTK_MEASURED_BALL)->ball, d);
            if (j > 0 && !arb_lt(d, prev))
                dec = 0;
            arb_set(prev, d);
        }
        if (!ok)
        {
            ntk_claim_result_note(res, "%s: EOC near sigma_b = 0 undecided (%s).", act, ntk_error_last());
            v = ntk_verdict_and(v, NTK_VERDICT_INCONCLUSIVE);
        }
        else if (dec && arb_le(prev, tol))
            ntk_claim_result_note(res, "%s: |sigma_w - 1| decreases (certified) along sigma_b = "
                                  "1e-2, 1e-3, 1e-4 and is within the tolerance at 1e-4 "
                                  "(finite evidence for the limit).", act);
        else
        {
            ntk_claim_result_note(res, "%s: |sigma_w - 1| does not decrease to within the "
                                  "tolerance along sigma_b = 1e-2, 1e-3, 1e-4.", act);
            v = ntk_verdict_and(v, NTK_VERDICT_INCONCLUSIVE);
        }
        arb_clear(prev); arb_clear(d); arb_clear(tol);
    }
    res->verdict = v;
    ntk_eoc_clear(e);
    return NTK_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* S2                                                                   */
/* ------------------------------------------------------------------ */

static ntk_status
hook_relu_map(ntk_claim_result_t res, const ntk_claim_t cl,
              const ntk_verify_opts_t opts)
{
    slong prec = 256, npts = 0;
    ntk_net_t net;
    arb_t one, rho, n11, n12, n22, f, t, pi;
    arb_ptr d = _arb_vec_init(40), tol = _arb_vec_init(40);
    ntk_status st = NTK_SUCCESS;
    ulong seed = 12345;
    ntk_verdict v;

    ntk_net_init(net);
    arb_init(one); arb_init(rho); arb_init(n11); arb_init(n12); arb_init(n22);
    arb_init(f); arb_init(t); arb_init(pi);
    set_pred(res, "rho' = (sqrt(1 - rho^2) + rho (pi/2 + asin rho)) / pi, and c_L -> 1");
    st = ntk_act_set_str(net->act, "relu");
    if (st != NTK_SUCCESS)
        goto unable;
    arb_set_ui(net->sigma_w2, 2);
    arb_zero(net->sigma_b2);
    arb_one(one);
    arb_const_pi(pi, prec);
    /* 38 pseudo-random exact correlations in (-1, 1) plus two near +-1 */
    for (slong i = 0; i < 40; i++)
    {
        if (i < 38)
        {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            arb_set_si(rho, (slong) ((seed >> 33) % 1999999) - 999999);
            arb_div_ui(rho, rho, 1000000, prec);
        }
        else
        {
            arb_set_si(rho, i == 38 ? 999999 : -999999);
            arb_div_ui(rho, rho, 1000000, prec);
        }
        st = ntk_maps_nngp(n11, n12, n22, net, one, rho, one, prec);
        if (st != NTK_SUCCESS)
            goto unable;
        /* formula */
        arb_sqr(t, rho, prec);
        arb_sub_ui(t, t, 1, prec);
        arb_neg(t, t);
        arb_sqrt(f, t, prec);
        arb_asin(t, rho, prec);
        arb_mul_2exp_si(n11, pi, -1);
        arb_add(t, t, n11, prec);
        arb_mul(t, t, rho, prec);
        arb_add(f, f, t, prec);
        arb_div(f, f, pi, prec);
        arb_sub(d + npts, n12, f, prec);
        ntk_parse_arb(tol + npts, "1e-60", "tolerance", prec);
        npts++;
    }
    v = ntk_verdict_identity(d, tol, npts);
    {
        arb_t mx;
        arb_init(mx);
        for (slong i = 0; i < npts; i++)
        {
            arb_abs(t, d + i);
            if (i == 0) arb_set(mx, t); else arb_max(mx, mx, t, prec);
        }
        arb_set(ntk_claim_result_add(res, "max |map - formula| (40 points)", NTK_MEASURED_BALL)->ball, mx);
        arb_clear(mx);
    }
    ntk_claim_result_note(res, "Map identity at 40 exact correlations in (-1, 1) "
                          "(ReLU, sigma_w^2 = 2, q = 1, our NNGP map): %s.", ntk_verdict_str(v));
    /* convergence c_L -> 1 from several starts (certified finite evidence) */
    {
        static const char *starts[] = {"-0.99", "-0.5", "0", "0.5", "0.99"};
        slong Lmax = cl->ndepths ? cl->depths[cl->ndepths - 1] : 10000;
        slong dep[5];
        slong nd = 0;
        ntk_verdict vc = NTK_VERDICT_HOLDS;
        if (opts->quick && Lmax > opts->max_depth_quick)
            Lmax = opts->max_depth_quick;
        for (slong L = 10; L < Lmax && nd < 4; L *= 10)
            dep[nd++] = L;
        dep[nd++] = Lmax;
        for (int s = 0; s < 5; s++)
        {
            ntk_iter_problem_t pb;
            ntk_iter_info_t info;
            ntk_iter_row_struct *rows = ntk_iter_rows_init(nd);
            ntk_iter_problem_init(pb);
            ntk_iter_info_init(info);
            ntk_act_set(pb->act, net->act);
            fmpq_set_si(pb->sigma_w2, 2, 1);
            ntk_parse_fmpq(pb->c0, starts[s], "c0");
            if (opts->rows)
                st = opts->rows(rows, info, pb, dep, nd, 20, opts->rows_data);
            else
                st = ntk_iter_run(rows, info, pb, dep, nd, 20, NULL);
            if (st == NTK_SUCCESS)
            {
                int dec = 1;
                char lab[96];
                for (slong i = 1; i < nd; i++)
                    if (!arb_lt(rows[i].eps, rows[i - 1].eps))
                        dec = 0;
                snprintf(lab, sizeof(lab), "eps at L = %ld from c0 = %s", (long) dep[nd - 1], starts[s]);
                arb_set(ntk_claim_result_add(res, lab, NTK_MEASURED_BALL)->ball, rows[nd - 1].eps);
                /* 1 - c_L below 10 * 9 pi^2 / (2 L^2) and decreasing */
                arb_sqr(t, pi, prec);
                arb_mul_ui(t, t, 45, prec);
                arb_div_si(t, t, dep[nd - 1], prec);
                arb_div_si(t, t, dep[nd - 1], prec);
                if (!(dec && arb_lt(rows[nd - 1].eps, t)))
                    vc = ntk_verdict_and(vc, NTK_VERDICT_INCONCLUSIVE);
            }
            else
                vc = ntk_verdict_and(vc, NTK_VERDICT_INCONCLUSIVE);
            ntk_iter_rows_clear(rows, nd);
            ntk_iter_problem_clear(pb);
            ntk_iter_info_clear(info);
            if (st != NTK_SUCCESS)
            {
                ntk_claim_result_note(res, "Iteration from c0 = %s failed: %s.", starts[s], ntk_error_last());
                st = NTK_SUCCESS;
            }
        }
        ntk_claim_result_note(res, "From c0 in {-0.99, -0.5, 0, 0.5, 0.99}, 1 - c_L decreases "
                              "at the checkpoints 10, 100, ... %ld and is below 45 pi^2 / L^2 "
                              "there (certified): %s.", (long) Lmax, ntk_verdict_str(vc));
        v = ntk_verdict_and(v, vc);
        res->max_depth = Lmax;
    }
    res->verdict = v;
    goto cleanup;
unable:
    ntk_claim_result_note(res, "Could not evaluate: %s.", ntk_error_last());
    res->verdict = NTK_VERDICT_INCONCLUSIVE;
    st = NTK_SUCCESS;
cleanup:
    ntk_net_clear(net);
    arb_clear(one); arb_clear(rho); arb_clear(n11); arb_clear(n12); arb_clear(n22);
    arb_clear(f); arb_clear(t); arb_clear(pi);
    _arb_vec_clear(d, 40); _arb_vec_clear(tol, 40);
    return st;
}

/* ------------------------------------------------------------------ */
/* S5                                                                   */
/* ------------------------------------------------------------------ */

/* derivatives psi_d^(k)(z), k = 0 .. K, of psi_d(z) = 1/(1 + exp(-2z/(d(1-z^2)))) */
static void
psi_derivs(arb_ptr res, const arb_t z, const arb_t dd, slong K, slong prec)
{
    arb_poly_t num, den, g;
    arb_t t;
    arb_poly_init(num); arb_poly_init(den); arb_poly_init(g);
    arb_init(t);
    /* num = -2 (z + x) / d */
    arb_mul_si(t, z, -2, prec);
    arb_div(t, t, dd, prec);
    arb_poly_set_coeff_arb(num, 0, t);
    arb_set_si(t, -2);
    arb_div(t, t, dd, prec);
    arb_poly_set_coeff_arb(num, 1, t);
    /* den = 1 - (z + x)^2 */
    arb_sqr(t, z, prec);
    arb_sub_ui(t, t, 1, prec);
    arb_neg(t, t);
    arb_poly_set_coeff_arb(den, 0, t);
    arb_mul_si(t, z, -2, prec);
    arb_poly_set_coeff_arb(den, 1, t);
    arb_set_si(t, -1);
    arb_poly_set_coeff_arb(den, 2, t);
    arb_poly_div_series(g, num, den, K + 1, prec);
    arb_poly_exp_series(g, g, K + 1, prec);
    arb_one(t);
    arb_poly_set_coeff_arb(num, 0, t);
    arb_poly_truncate(num, 1);
    arb_poly_add(g, g, num, prec);
    arb_poly_inv_series(g, g, K + 1, prec);
    for (slong k = 0; k <= K; k++)
    {
        arb_poly_get_coeff_arb(res + k, g, k);
        arb_fac_ui(t, (ulong) k, prec);
        arb_mul(res + k, res + k, t, prec);
    }
    arb_poly_clear(num); arb_poly_clear(den); arb_poly_clear(g);
    arb_clear(t);
}

static ntk_status
hook_psi(ntk_claim_result_t res, const ntk_claim_t cl, const ntk_verify_opts_t opts,
         int uniform)
{
    static const char *zs[] = {"-0.9", "-0.5", "-0.1", "0.1", "0.5", "0.9"};
    static const char *ds[] = {"0.1", "0.01", "0.001", "0.0001"};
    const slong K = 4, prec = 256;
    arb_ptr der = _arb_vec_init(K + 1), prev = _arb_vec_init(K + 1);
    arb_t z, d, tol, mx;
    char buf[128];
    ntk_verdict v = NTK_VERDICT_HOLDS;

    arb_init(z); arb_init(d); arb_init(tol); arb_init(mx);
    ntk_parse_arb(tol, cl->tolerance ? cl->tolerance : "1e-10", "tolerance", prec);
    if (uniform)
    {
        /* psi_d'(0) = 1/(2d) (the exponent's slope at 0 is -2/d): the
           supremum over z of |psi_d'| is >= 1/(2d) -> infinity */
        arb_t prevd;
        int inc = 1;
        arb_init(prevd);
        set_pred(res, "sup over z in (-1, 1) of |psi_d^(k)(z)| -> 0 as d -> 0, k = 1..4");
        for (int j = 0; j < 4; j++)
        {
            ntk_parse_arb(d, ds[j], "d", prec);
            arb_zero(z);
            psi_derivs(der, z, d, K, prec);
            snprintf(buf, sizeof(buf), "psi_d'(0) at d = %s", ds[j]);
            arb_set(ntk_claim_result_add(res, buf, NTK_MEASURED_BALL)->ball, der + 1);
            if (j > 0 && !arb_gt(der + 1, prevd))
                inc = 0;
            arb_set(prevd, der + 1);
        }
        if (inc && arb_gt(prevd, tol))
        {
            v = NTK_VERDICT_REFUTED;
            ntk_claim_result_note(res, "Certified: psi_d'(0) = 1/(2d) grows as d decreases "
                                  "(balls at d = 0.1, 0.01, 0.001, 0.0001 increase strictly), so "
                                  "sup_z |psi_d'| does not tend to 0; read uniformly in z the "
                                  "claim is false (pointwise for z != 0 it holds: claim S5).");
        }
        else
            v = NTK_VERDICT_INCONCLUSIVE;
        arb_clear(prevd);
        res->verdict = v;
        goto cleanup;
    }
    set_pred(res, "psi_d^(k)(z) -> 0 as d -> 0 for each fixed z in (-1, 1) \\ {0}, k = 1..4");
    arb_zero(mx);
    for (int i = 0; i < 6; i++)
    {
        ntk_parse_arb(z, zs[i], "z", prec);
        for (int j = 0; j < 4; j++)
        {
            ntk_parse_arb(d, ds[j], "d", prec);
            psi_derivs(der, z, d, K, prec);
            if (j == 3)
                for (slong k = 1; k <= K; k++)
                {
                    arb_t a;
                    arb_init(a);
                    arb_abs(a, der + k);
                    arb_max(mx, mx, a, prec);
                    /* monotone tail: |psi^(k)| at d = 1e-4 below d = 1e-3 */
                    arb_abs(prev + k, prev + k);
                    if (!arb_le(a, prev + k) && !arb_le(a, tol))
                        v = ntk_verdict_and(v, NTK_VERDICT_INCONCLUSIVE);
                    arb_clear(a);
                }
            _arb_vec_set(prev, der, K + 1);
        }
    }
    arb_set(ntk_claim_result_add(res, "max_{z,k} |psi_d^(k)(z)| at d = 1e-4", NTK_MEASURED_BALL)->ball, mx);
    if (!arb_le(mx, tol))
        v = ntk_verdict_and(v, NTK_VERDICT_INCONCLUSIVE);
    ntk_claim_result_note(res, "At z in {+-0.1, +-0.5, +-0.9}, the certified |psi_d^(k)(z)| "
                          "(k = 1..4) at d = 1e-4 are all below the tolerance and below their "
                          "values at d = 1e-3: %s (finite evidence for the limit; at z = 0 see "
                          "S5-uniform).", ntk_verdict_str(v));
    res->verdict = v;
cleanup:
    _arb_vec_clear(der, K + 1); _arb_vec_clear(prev, K + 1);
    arb_clear(z); arb_clear(d); arb_clear(tol); arb_clear(mx);
    return NTK_SUCCESS;
}

ntk_status ntk_claim_hook_finite(ntk_claim_result_t res, const ntk_claim_t cl,
                                 const ntk_verify_opts_t opts);   /* hooks_finite.c */
ntk_status ntk_claim_hook_train(ntk_claim_result_t res, const ntk_claim_t cl,
                                const ntk_verify_opts_t opts);    /* hooks_train.c */

ntk_status
ntk_claim_hook_run(ntk_claim_result_t res, const ntk_claim_t cl,
                   const ntk_verify_opts_t opts)
{
    if (!strncmp(cl->hook, "finite_", 7))
        return ntk_claim_hook_finite(res, cl, opts);
    if (!strncmp(cl->hook, "train_", 6))
        return ntk_claim_hook_train(res, cl, opts);
    if (!strcmp(cl->hook, "eoc_table"))
        return hook_eoc_table(res, cl, opts);
    if (!strcmp(cl->hook, "relu_map_identity"))
        return hook_relu_map(res, cl, opts);
    if (!strcmp(cl->hook, "psi_derivatives"))
        return hook_psi(res, cl, opts, 0);
    if (!strcmp(cl->hook, "psi_derivatives_uniform"))
        return hook_psi(res, cl, opts, 1);
    if (!strncmp(cl->hook, "regress_", 8))
        return ntk_claim_hook_regress(res, cl, opts);   /* hooks_regress.c */
    return ntk_error_set(NTK_DOMAIN, "[%s] field 'hook': unknown evaluator '%s'",
                         cl->id ? cl->id : "?", cl->hook);
}
