/*
 * The engine: one attempt at a fixed precision (path selection per layer)
 * and the Ziv loop over precisions.
 */
#include <string.h>
#include "iter_impl.h"

#define TAYLOR_KMAX 64
/* Mehler model at c = 0 (mehler.c): built once |c| <= 2^-MEHLER_LGC with
   at least MEHLER_MIN_LAYERS layers to go, orders up to about
   (prec + 8) / MEHLER_LGC (cap MEHLER_KMAX); see mehler_wanted */
#define MEHLER_LGC 3
#define MEHLER_KMAX 80
#define MEHLER_MIN_LAYERS 32

static ntk_status
check_depths(const slong *depths, slong n)
{
    if (n < 1)
        return ntk_error_set(NTK_DOMAIN, "no checkpoint depths given");
    for (slong i = 0; i < n; i++)
    {
        if (depths[i] < 1)
            return ntk_error_set(NTK_DOMAIN, "depth %ld: must be >= 1", (long) depths[i]);
        if (i > 0 && depths[i] <= depths[i - 1])
            return ntk_error_set(NTK_DOMAIN, "checkpoint depths must increase (%ld after %ld)",
                                 (long) depths[i], (long) depths[i - 1]);
    }
    return NTK_SUCCESS;
}

/* the Mehler path pays where the general step is a 2D quadrature: smooth
   single-branch activations without a closed form in use, at q*, once
   |c| <= 2^-MEHLER_LGC with many layers left (the model costs about as
   much as ~5-10 general layers at 40 digits; never at the EOC, where
   c -> 1) */
static int
mehler_wanted(const ntk_iter_problem_t pb, const ntk_iter_opts_struct *op,
              const arb_t eps, slong left)
{
    arb_t c;
    int ok;
    if (!pb->q1_star || (op != NULL && op->path != NTK_ITER_PATH_AUTO)
        || left < MEHLER_MIN_LAYERS || ntk_act_is_piecewise(pb->act)
        || ntk_act_smoothness(pb->act) != NTK_SMOOTH_INF
        || (ntk_act_has_closed_form(pb->act) && pb->method != NTK_METHOD_QUAD))
        return 0;
    arb_init(c);
    arb_sub_si(c, eps, 1, 64);
    arb_abs(c, c);
    arb_mul_2exp_si(c, c, MEHLER_LGC);
    ok = ntk_iter_le_si(c, 1);
    arb_clear(c);
    return ok;
}

static int
relulike_fast(const ntk_iter_problem_t pb, const ntk_iter_opts_struct *opts)
{
    return pb->act->kind == NTK_ACT_RELULIKE && fmpq_is_zero(pb->sigma_b2)
           && (opts == NULL || opts->path == NTK_ITER_PATH_AUTO);
}


ntk_status
ntk_iter_run_prec(ntk_iter_row_struct *rows, ntk_iter_info_t info,
                  const ntk_iter_problem_t pb, const slong *depths, slong n,
                  const ntk_iter_opts_t opts, slong prec)
{
    ntk_status st;
    ntk_net_t net;
    ntk_eoc_t eoc;
    ntk_iter_sink sk;
    ntk_iter_state_t s;
    ntk_iter_taylor_struct T;
    ntk_maps_qcache_t qc;
    ntk_iter_mehler_struct Mh;
    int have_taylor = 0, taylor_failed = 0, have_eoc = 0;
    int have_mehler = 0, mehler_failed = 0;
    arb_t q1, c0, qstar, chi, d12, t;
    slong Lmax, fast = 0, general = 0;
    const ntk_iter_opts_struct *op = opts;

    st = check_depths(depths, n);
    if (st != NTK_SUCCESS)
        return st;
    st = ntk_iter_problem_check(pb);
    if (st != NTK_SUCCESS)
        return st;
    Lmax = depths[n - 1];

    ntk_net_init(net);
    ntk_eoc_init(eoc);
    ntk_iter_state_init(s);
    ntk_maps_qcache_init(qc);
    arb_init(q1); arb_init(c0); arb_init(qstar); arb_init(chi); arb_init(d12); arb_init(t);

    sk.rows = rows;
    sk.depths = depths;
    sk.n = n;
    sk.next = 0;
    sk.opts = op;
    sk.total = Lmax;
    sk.prec = prec;

    /* the network at this precision */
    ntk_act_set(net->act, pb->act);
    net->method = pb->method;
    arb_set_fmpq(net->sigma_b2, pb->sigma_b2, prec);
    if (pb->eoc && pb->act->kind == NTK_ACT_RELULIKE && fmpq_is_zero(pb->sigma_b2))
    {
        /* conventions.md 2: sigma_w^2 = 1/(a^2 + b^2) exactly */
        fmpq_t s2, b2;
        fmpq_init(s2); fmpq_init(b2);
        fmpq_mul(s2, pb->act->a, pb->act->a);
        fmpq_mul(b2, pb->act->b, pb->act->b);
        fmpq_add(s2, s2, b2);
        fmpq_inv(s2, s2);
        arb_set_fmpq(net->sigma_w2, s2, prec);
        fmpq_clear(s2); fmpq_clear(b2);
    }
    else if (pb->eoc)
    {
        st = ntk_maps_eoc(eoc, pb->act, net->sigma_b2, prec);
        if (st != NTK_SUCCESS)
            goto cleanup;
        if (!eoc->found)
        {
            st = ntk_error_set(NTK_DOMAIN, "eoc: %s has no edge-of-chaos point at this sigma_b: %s",
                               pb->act->name, eoc->why);
            goto cleanup;
        }
        arb_set(net->sigma_w2, eoc->sigma_w2);
        have_eoc = 1;
    }
    else
        arb_set_fmpq(net->sigma_w2, pb->sigma_w2, prec);
    if (info != NULL)
        arb_set(info->sigma_w2, net->sigma_w2);

    arb_set_fmpq(c0, pb->c0, prec);

    if (relulike_fast(pb, op))
    {
        if (pb->q1_star)
        {
            st = ntk_error_set(NTK_DOMAIN, "q1 star: with %s and sigma_b = 0, V(q) = r q has "
                               "no isolated fixed point; give q1 a value", pb->act->name);
            goto cleanup;
        }
        arb_set_fmpq(q1, pb->q1, prec);
        st = ntk_iter_relulike_run(&sk, info, pb->act, net->sigma_w2, q1, c0, prec);
        goto cleanup;
    }

    if (pb->q1_star)
    {
        if (have_eoc)
            arb_set(qstar, eoc->q_star);
        else
        {
            int found = 0;
            char why[NTK_WHY_MAX];
            why[0] = '\0';
            st = ntk_maps_qstar(qstar, &found, why, net, prec);
            if (st != NTK_SUCCESS)
                goto cleanup;
            if (!found)
            {
                st = ntk_error_set(NTK_DOMAIN, "q1 star: no fixed point of V: %s", why);
                goto cleanup;
            }
        }
        if (info != NULL)
            arb_set(info->q_star, qstar);
        arb_set(q1, qstar);
        st = ntk_maps_qcache_set(qc, net, qstar, prec);   /* chi_1, V, E[phi^2] at q* */
        if (st != NTK_SUCCESS)
            goto cleanup;
        arb_set(chi, qc->chi);
    }
    else
        arb_set_fmpq(q1, pb->q1, prec);

    st = ntk_iter_state_start(s, q1, c0, prec);
    if (st != NTK_SUCCESS)
        goto cleanup;

    for (;;)
    {
        slong K = 0, mk;
        if (sk.next < n && depths[sk.next] == s->depth)
        {
            ntk_iter_state_row(rows + sk.next, s, prec);
            sk.next++;
        }
        if (s->depth >= Lmax)
            break;
        if (((have_taylor && (s->depth & 4095) == 0) || (!have_taylor && (s->depth & 15) == 0))
            && ntk_iter_sink_poll(&sk, s->depth))
        {
            st = ntk_error_set(NTK_INTERRUPTED, "interrupted at depth %ld", (long) s->depth);
            goto cleanup;
        }
        /* Taylor model at q*: built once eps is small, used while valid */
        if (pb->q1_star && !have_taylor && !taylor_failed
            && (op == NULL || op->path == NTK_ITER_PATH_AUTO)
            && ntk_act_smoothness(pb->act) >= 2)
        {
            /* built at the start: f''(1) also serves the general path.
               The Price coefficients grow factorially (asymptotic series):
               with about 0.4 prec of them the model covers eps <~ 0.03
               at this precision (tanh at its EOC, 128 bits); more cost
               more quadratures than the general layers they save. */
            slong Kcap = FLINT_MAX(16, FLINT_MIN(TAYLOR_KMAX, (2 * prec) / 5));
            slong Kmax = ntk_act_smoothness(pb->act) - 1;
            if (Kmax > Kcap)
                Kmax = Kcap;
            st = ntk_iter_taylor_init(&T, net, qstar, Kmax, prec);
            have_taylor = 1;
            if (st != NTK_SUCCESS)
            {
                ntk_iter_taylor_clear(&T);
                have_taylor = 0;
                taylor_failed = 1;   /* general path for every layer */
                ntk_error_clear();
            }
        }
        if (have_taylor)
            K = ntk_iter_taylor_order(&T, s->eps, prec);
        /* Mehler model at c = 0 (Lemma P5), built lazily */
        if (K == 0 && !have_mehler && !mehler_failed
            && mehler_wanted(pb, op, s->eps, Lmax - s->depth))
        {
            arb_one(t);
            arb_mul_2exp_si(t, t, -MEHLER_LGC);
            st = ntk_iter_mehler_init(&Mh, net, qstar, t,
                                      FLINT_MIN(MEHLER_KMAX, (prec + 8) / MEHLER_LGC + 1),
                                      prec);
            have_mehler = 1;
            if (st != NTK_SUCCESS)
            {
                ntk_iter_mehler_clear(&Mh);
                have_mehler = 0;
                mehler_failed = 1;
                ntk_error_clear();
            }
        }
        if (K == 0 && have_mehler && (mk = ntk_iter_mehler_order(&Mh, s->eps, prec)) >= 0)
        {
            ntk_iter_mehler_step(s->eps, d12, &Mh, mk, prec);
            K = -1;     /* theta below */
        }
        else if (K > 0)
            ntk_iter_taylor_step(s->eps, d12, &T, K, prec);
        if (K != 0)
        {
            /* one layer by the Taylor or Mehler model; q = q* exactly */
            arb_mul(s->theta11, s->theta11, chi, prec);
            arb_add(s->theta11, s->theta11, qstar, prec);
            arb_mul(s->theta12, s->theta12, d12, prec);
            arb_sub_si(t, s->eps, 1, prec);
            arb_neg(t, t);
            arb_addmul(s->theta12, qstar, t, prec);
            s->depth++;
            fast++;
        }
        else
        {
            st = ntk_iter_step_cached(s, net, pb->q1_star ? qstar : NULL,
                                      pb->q1_star ? qc : NULL,
                                      have_taylor ? T.F2 : NULL, prec);
            if (st != NTK_SUCCESS)
                goto cleanup;
            general++;
        }
    }
    st = NTK_SUCCESS;

cleanup:
    if (info != NULL)
    {
        info->prec = prec;
        info->layers_fast += fast;
        info->layers_general += general;
    }
    if (have_taylor)
        ntk_iter_taylor_clear(&T);
    if (have_mehler)
        ntk_iter_mehler_clear(&Mh);
    ntk_net_clear(net);
    ntk_eoc_clear(eoc);
    ntk_iter_state_clear(s);
    ntk_maps_qcache_clear(qc);
    arb_clear(q1); arb_clear(c0); arb_clear(qstar); arb_clear(chi); arb_clear(d12); arb_clear(t);
    return st;
}

static slong
round_up8(slong prec)
{
    return ((prec + 7) / 8) * 8;
}

/* bits missing for digits in row (about 3.33 per digit; digits if no
   digit is certified) */
static slong
row_shortfall_bits(const ntk_iter_row_t row, slong digits)
{
    slong d = digits - 1;
    while (d > 0 && !ntk_iter_row_accurate(row, d))
        d--;
    return ntk_digits_to_bits(digits - d);
}

ntk_status
ntk_iter_run(ntk_iter_row_struct *rows, ntk_iter_info_t info,
             const ntk_iter_problem_t pb, const slong *depths, slong n,
             slong digits, const ntk_iter_opts_t opts)
{
    ntk_iter_opts_t def;
    const ntk_iter_opts_struct *op;
    ntk_status st;
    slong prec, cap, Lmax, guard, attempts = 0, short_bits;

    if (opts == NULL)
    {
        ntk_iter_opts_init(def);
        op = def;
    }
    else
        op = opts;
    if (digits < 1)
        return ntk_error_set(NTK_DOMAIN, "digits = %ld: must be >= 1", (long) digits);
    st = check_depths(depths, n);
    if (st != NTK_SUCCESS)
        return st;
    Lmax = depths[n - 1];
    /* Radii grow additively: the relative accuracy lost by depth L is
       about log2(L) + 7..9 bits (proofs/propagation.md, Remark after P3);
       round up to a multiple of 8 bits only: the quadrature of the general
       layers and the Price coefficients cost more with every bit, not
       per limb. */
    guard = FLINT_BIT_COUNT(Lmax) + 10;
    if (relulike_fast(pb, op))
    {
        /* the ReLU-like series path loses about log2(L) bits only
           (proofs/relu-series.md) and costs per limb; up to 128 bits it
           runs on 128-bit integers (relu128.c): whole limbs */
        guard = FLINT_BIT_COUNT(Lmax) + 4;
        prec = ntk_digits_to_bits(digits) + guard;
        prec = ((prec + FLINT_BITS - 1) / FLINT_BITS) * FLINT_BITS;
        if (op->prec_start > 0)
            prec = op->prec_start;
    }
    else
    {
        prec = op->prec_start > 0 ? op->prec_start : ntk_digits_to_bits(digits) + guard;
        if (op->prec_start <= 0)
            prec = round_up8(prec);
    }
    cap = op->prec_cap > 0 ? op->prec_cap : 4096;
    if (prec > cap)
        prec = cap;

    for (;;)
    {
        slong bad = 0;
        attempts++;
        if (info != NULL)
        {
            info->layers_fast = 0;
            info->layers_general = 0;
            info->fail_depth = 0;
            info->attempts = attempts;
        }
        st = ntk_iter_run_prec(rows, info, pb, depths, n, op, prec);
        short_bits = 0;
        if (st == NTK_SUCCESS)
        {
            for (slong i = 0; i < n; i++)
                if (!ntk_iter_row_accurate(rows + i, digits))
                {
                    if (bad == 0)
                        bad = depths[i];
                    short_bits = FLINT_MAX(short_bits, row_shortfall_bits(rows + i, digits));
                }
            if (bad == 0)
                return NTK_SUCCESS;
        }
        else if (st != NTK_UNABLE)
            return st;
        if (prec >= cap)
        {
            if (info != NULL)
                info->fail_depth = bad;
            if (bad != 0)
                return ntk_error_set(NTK_UNABLE, "accuracy ran out at depth %ld "
                                     "(%ld digits wanted; precision cap %ld bits)",
                                     (long) bad, (long) digits, (long) cap);
            return st;   /* the maps' own NTK_UNABLE message */
        }
        /* a known shortfall of a few bits (the rows came out a little
           wide) costs a step of 32 bits or the shortfall plus 16; anything
           else (NTK_UNABLE, or most of the accuracy missing) doubles */
        if (short_bits > 0 && short_bits + 16 < prec)
            prec = FLINT_MIN(round_up8(prec + FLINT_MAX(32, short_bits + 16)), cap);
        else
            prec = FLINT_MIN(2 * prec, cap);
        ntk_error_clear();
    }
}
