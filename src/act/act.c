/*
 * src/act/act.c -- activation objects: init/clear/set, parsing of names
 * (conventions.md section 3), structural properties (closed form,
 * piecewise, smoothness), argument checks, and dispatch to the family
 * files (relulike.c, step.c, relu_pow.c, erf.c, gelu.c, sincos.c,
 * tanh.c, elu.c, selu.c, silu.c, softplus.c, sigmoid.c, mish.c).
 */
#include <string.h>
#include <stdio.h>
#include "act_impl.h"

/* SELU constants of Klambauer et al. (2017), exactly these decimals
 * (the activation is defined with them as exact rationals). */
#define NTK_SELU_ALPHA "1.6732632423543772848170429916717"
#define NTK_SELU_LAMBDA "1.0507009873554804934193349852946"

typedef struct
{
    ntk_act_jet_fn jet;
    ntk_act_growth_fn growth;
    ntk_act_kernel_fn kernel;         /* NULL: no closed form */
    ntk_act_kernel_eps_fn kernel_eps; /* NULL: no closed form */
} ntk_act_ops;

#define OPS_CLOSED(fam)                                                      \
    { _ntk_act_##fam##_jet, _ntk_act_##fam##_growth, _ntk_act_##fam##_kernel, \
      _ntk_act_##fam##_kernel_eps }
#define OPS_QUAD(fam) { _ntk_act_##fam##_jet, _ntk_act_##fam##_growth, NULL, NULL }

/* indexed by ntk_act_kind */
static const ntk_act_ops ntk_act_ops_table[] = {
    OPS_CLOSED(relulike), /* NTK_ACT_RELULIKE */
    OPS_CLOSED(step),     /* NTK_ACT_STEP */
    OPS_CLOSED(relu_pow), /* NTK_ACT_RELU_POW */
    OPS_CLOSED(erf),      /* NTK_ACT_ERF */
    OPS_CLOSED(gelu),     /* NTK_ACT_GELU */
    OPS_CLOSED(sin),      /* NTK_ACT_SIN */
    OPS_CLOSED(cos),      /* NTK_ACT_COS */
    OPS_QUAD(tanh),       /* NTK_ACT_TANH */
    OPS_CLOSED(elu),      /* NTK_ACT_ELU */
    OPS_QUAD(silu),       /* NTK_ACT_SILU */
    OPS_QUAD(softplus),   /* NTK_ACT_SOFTPLUS */
    OPS_QUAD(sigmoid),    /* NTK_ACT_SIGMOID */
    OPS_CLOSED(selu),     /* NTK_ACT_SELU */
    OPS_QUAD(mish),       /* NTK_ACT_MISH */
};

#define NTK_ACT_NKINDS ((int) (sizeof(ntk_act_ops_table) / sizeof(ntk_act_ops_table[0])))

/* ---------------------------------------------------------------------- */

void
ntk_act_init(ntk_act_t act)
{
    act->kind = NTK_ACT_RELULIKE;
    strcpy(act->name, "relu");
    fmpq_init(act->a);
    fmpq_init(act->b);
    fmpq_init(act->alpha);
    fmpq_init(act->lambda);
    fmpq_set_si(act->a, 1, 2);
    fmpq_set_si(act->b, 1, 2);
    act->k = 1;
}

void
ntk_act_clear(ntk_act_t act)
{
    fmpq_clear(act->a);
    fmpq_clear(act->b);
    fmpq_clear(act->alpha);
    fmpq_clear(act->lambda);
}

void
ntk_act_set(ntk_act_t dst, const ntk_act_t src)
{
    if (dst == src)
        return;
    dst->kind = src->kind;
    memcpy(dst->name, src->name, sizeof(dst->name));
    fmpq_set(dst->a, src->a);
    fmpq_set(dst->b, src->b);
    fmpq_set(dst->alpha, src->alpha);
    fmpq_set(dst->lambda, src->lambda);
    dst->k = src->k;
}

/* ---------------------------------------------------------------------- */
/* Parsing                                                                 */

const char *
ntk_act_names(void)
{
    return "relu leaky_relu:ALPHA abs linear relulike:A,B step relu_pow:K "
           "erf gelu sin cos tanh elu elu:ALPHA selu silu swish softplus "
           "sigmoid mish";
}

/* reset all parameters to 0 (kind-specific ones are then filled in) */
static void
act_reset(ntk_act_t act, ntk_act_kind kind, const char *name)
{
    act->kind = kind;
    snprintf(act->name, sizeof(act->name), "%s", name);
    fmpq_zero(act->a);
    fmpq_zero(act->b);
    fmpq_zero(act->alpha);
    fmpq_zero(act->lambda);
    act->k = 0;
}

static ntk_status
parse_param(fmpq_t x, const char *str, const char *full, const char *pname)
{
    char what[NTK_ACT_NAME_MAX + 64];
    snprintf(what, sizeof(what), "act '%s': %s", full, pname);
    return ntk_parse_fmpq(x, str, what);
}

ntk_status
ntk_act_set_str(ntk_act_t act, const char *name)
{
    static const struct { const char *name; ntk_act_kind kind; } plain[] = {
        {"erf", NTK_ACT_ERF}, {"gelu", NTK_ACT_GELU}, {"sin", NTK_ACT_SIN},
        {"cos", NTK_ACT_COS}, {"tanh", NTK_ACT_TANH}, {"elu", NTK_ACT_ELU},
        {"silu", NTK_ACT_SILU}, {"swish", NTK_ACT_SILU},
        {"softplus", NTK_ACT_SOFTPLUS}, {"sigmoid", NTK_ACT_SIGMOID},
        {"selu", NTK_ACT_SELU}, {"mish", NTK_ACT_MISH}, {"step", NTK_ACT_STEP},
    };
    char base[NTK_ACT_NAME_MAX];
    const char *colon, *par;
    size_t blen;
    ntk_status st = NTK_SUCCESS;
    ntk_act_t tmp;

    if (name == NULL || name[0] == '\0')
        return ntk_error_set(NTK_DOMAIN, "act '': empty activation name (one of: %s)",
                             ntk_act_names());
    if (strlen(name) >= NTK_ACT_NAME_MAX)
        return ntk_error_set(NTK_DOMAIN, "act '%.40s...': name too long (at most %d characters)",
                             name, NTK_ACT_NAME_MAX - 1);

    colon = strchr(name, ':');
    blen = colon ? (size_t) (colon - name) : strlen(name);
    memcpy(base, name, blen);
    base[blen] = '\0';
    par = colon ? colon + 1 : NULL;

    ntk_act_init(tmp);

    if (par == NULL)
    {
        size_t i;
        if (strcmp(base, "relu") == 0 || strcmp(base, "abs") == 0
            || strcmp(base, "linear") == 0)
        {
            act_reset(tmp, NTK_ACT_RELULIKE, base);
            if (base[0] == 'r')
            {
                fmpq_set_si(tmp->a, 1, 2);
                fmpq_set_si(tmp->b, 1, 2);
            }
            else if (base[0] == 'a')
                fmpq_one(tmp->b);
            else
                fmpq_one(tmp->a);
            goto done;
        }
        for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
        {
            if (strcmp(base, plain[i].name) == 0)
            {
                /* canonical name: swish is silu */
                act_reset(tmp, plain[i].kind,
                          plain[i].kind == NTK_ACT_SILU ? "silu" : base);
                if (plain[i].kind == NTK_ACT_ELU)
                    fmpq_one(tmp->alpha);
                if (plain[i].kind == NTK_ACT_SELU)
                {
                    st = ntk_parse_fmpq(tmp->alpha, NTK_SELU_ALPHA, "selu alpha");
                    if (st == NTK_SUCCESS)
                        st = ntk_parse_fmpq(tmp->lambda, NTK_SELU_LAMBDA, "selu lambda");
                }
                goto done;
            }
        }
        if (strcmp(base, "leaky_relu") == 0 || strcmp(base, "relu_pow") == 0
            || strcmp(base, "relulike") == 0)
        {
            st = ntk_error_set(NTK_DOMAIN, "act '%s': needs a parameter, e.g. %s",
                               name, strcmp(base, "leaky_relu") == 0 ? "leaky_relu:0.1"
                               : strcmp(base, "relu_pow") == 0 ? "relu_pow:2"
                               : "relulike:1,0.5");
            goto done;
        }
        st = ntk_error_set(NTK_DOMAIN, "act '%s': unknown activation (one of: %s)",
                           name, ntk_act_names());
        goto done;
    }

    /* parametrized names */
    if (strcmp(base, "leaky_relu") == 0)
    {
        fmpq_t al;
        fmpq_init(al);
        st = parse_param(al, par, name, "ALPHA");
        if (st == NTK_SUCCESS)
        {
            /* x (x > 0), alpha x (x < 0)  =  a x + b |x|,
               a = (1 + alpha) / 2, b = (1 - alpha) / 2 */
            act_reset(tmp, NTK_ACT_RELULIKE, name);
            fmpq_set_si(tmp->a, 1, 1);
            fmpq_add(tmp->a, tmp->a, al);
            fmpq_div_2exp(tmp->a, tmp->a, 1);
            fmpq_set_si(tmp->b, 1, 1);
            fmpq_sub(tmp->b, tmp->b, al);
            fmpq_div_2exp(tmp->b, tmp->b, 1);
            fmpq_set(tmp->alpha, al);
        }
        fmpq_clear(al);
    }
    else if (strcmp(base, "elu") == 0)
    {
        act_reset(tmp, NTK_ACT_ELU, name);
        st = parse_param(tmp->alpha, par, name, "ALPHA");
    }
    else if (strcmp(base, "relu_pow") == 0)
    {
        fmpq_t kq;
        fmpq_init(kq);
        st = parse_param(kq, par, name, "K");
        if (st == NTK_SUCCESS)
        {
            if (!fmpz_is_one(fmpq_denref(kq)) || fmpz_sgn(fmpq_numref(kq)) < 0
                || fmpz_cmp_si(fmpq_numref(kq), 1000) > 0)
                st = ntk_error_set(NTK_DOMAIN,
                                   "act '%s': K = '%s' must be an integer between 0 and 1000",
                                   name, par);
            else if (fmpz_is_zero(fmpq_numref(kq)))
                act_reset(tmp, NTK_ACT_STEP, name);   /* relu^0 = Heaviside */
            else
            {
                act_reset(tmp, NTK_ACT_RELU_POW, name);
                tmp->k = fmpz_get_ui(fmpq_numref(kq));
            }
        }
        fmpq_clear(kq);
    }
    else if (strcmp(base, "relulike") == 0)
    {
        const char *comma = strchr(par, ',');
        char astr[NTK_ACT_NAME_MAX];
        if (comma == NULL)
        {
            st = ntk_error_set(NTK_DOMAIN,
                               "act '%s': relulike needs two parameters A,B (phi = A x + B |x|)",
                               name);
            goto done;
        }
        memcpy(astr, par, (size_t) (comma - par));
        astr[comma - par] = '\0';
        act_reset(tmp, NTK_ACT_RELULIKE, name);
        st = parse_param(tmp->a, astr, name, "A");
        if (st == NTK_SUCCESS)
            st = parse_param(tmp->b, comma + 1, name, "B");
        if (st == NTK_SUCCESS && fmpq_is_zero(tmp->a) && fmpq_is_zero(tmp->b))
            st = ntk_error_set(NTK_DOMAIN,
                               "act '%s': A = B = 0 gives phi = 0 (degenerate)", name);
    }
    else
    {
        int known = 0;
        size_t i;
        for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
            known |= (strcmp(base, plain[i].name) == 0);
        known |= strcmp(base, "relu") == 0 || strcmp(base, "abs") == 0
                 || strcmp(base, "linear") == 0;
        if (known)
            st = ntk_error_set(NTK_DOMAIN, "act '%s': '%s' takes no parameter",
                               name, base);
        else
            st = ntk_error_set(NTK_DOMAIN, "act '%s': unknown activation (one of: %s)",
                               name, ntk_act_names());
    }

done:
    if (st == NTK_SUCCESS)
        ntk_act_set(act, tmp);
    ntk_act_clear(tmp);
    return st;
}

/* ---------------------------------------------------------------------- */
/* Properties                                                              */

int
ntk_act_has_closed_form(const ntk_act_t act)
{
    return ntk_act_ops_table[act->kind].kernel != NULL;
}

int
ntk_act_is_piecewise(const ntk_act_t act)
{
    switch (act->kind)
    {
        case NTK_ACT_RELULIKE: return !fmpq_is_zero(act->b);
        case NTK_ACT_STEP:
        case NTK_ACT_RELU_POW:
        case NTK_ACT_ELU:
        case NTK_ACT_SELU: return 1;
        default: return 0;
    }
}

int
ntk_act_parity(const ntk_act_t act)
{
    switch (act->kind)
    {
        case NTK_ACT_RELULIKE:
            if (fmpq_is_zero(act->b))
                return -1;                  /* a x */
            return fmpq_is_zero(act->a) ? 1 : 0;   /* b |x| */
        case NTK_ACT_ERF:
        case NTK_ACT_SIN:
        case NTK_ACT_TANH: return -1;
        case NTK_ACT_COS: return 1;
        default: return 0;
    }
}

/* proofs/activations.md, Lemma A20 */
slong
ntk_act_smoothness(const ntk_act_t act)
{
    switch (act->kind)
    {
        case NTK_ACT_RELULIKE: return fmpq_is_zero(act->b) ? NTK_SMOOTH_INF : 1;
        case NTK_ACT_STEP: return 0;
        case NTK_ACT_RELU_POW: return (slong) act->k;
        case NTK_ACT_ELU: return fmpq_is_one(act->alpha) ? 2 : 1;
        /* lambda alpha != lambda: phi' jumps at 0 */
        case NTK_ACT_SELU: return fmpq_is_one(act->alpha) ? 2 : 1;
        default: return NTK_SMOOTH_INF;
    }
}

/* ---------------------------------------------------------------------- */
/* Jets                                                                    */

int
_ntk_act_jet_finite(acb_srcptr res, slong len, const ntk_act_struct *act)
{
    slong j;
    for (j = 0; j < len; j++)
    {
        if (!acb_is_finite(res + j))
        {
            ntk_error_set(NTK_UNABLE,
                          "%s: derivative %ld not finite at this point/precision "
                          "(singularity in the ball?)", act->name, (long) j);
            return 0;
        }
    }
    return 1;
}

static ntk_status
check_branch(const ntk_act_t act, int branch)
{
    if (ntk_act_is_piecewise(act))
    {
        if (branch != -1 && branch != 1)
            return ntk_error_set(NTK_DOMAIN,
                                 "%s is piecewise: branch must be -1 or +1, not %d",
                                 act->name, branch);
    }
    else if (branch != 0)
        return ntk_error_set(NTK_DOMAIN,
                             "%s is analytic on the real line: branch must be 0, not %d",
                             act->name, branch);
    return NTK_SUCCESS;
}

ntk_status
ntk_act_jet(acb_ptr res, const ntk_act_t act, const acb_t z, int branch,
            slong len, slong prec)
{
    ntk_status st;

    if (len <= 0)
        return NTK_SUCCESS;
    if ((int) act->kind < 0 || (int) act->kind >= NTK_ACT_NKINDS)
        return ntk_error_set(NTK_DOMAIN, "activation kind %d unknown", (int) act->kind);
    st = check_branch(act, branch);
    if (st != NTK_SUCCESS)
        return st;
    if (!acb_is_finite(z))
        return ntk_error_set(NTK_UNABLE, "%s: jet at a non-finite point", act->name);
    st = ntk_act_ops_table[act->kind].jet(res, act, z, branch, len, prec);
    if (st == NTK_SUCCESS && !_ntk_act_jet_finite(res, len, act))
        st = NTK_UNABLE;
    return st;
}

ntk_status
ntk_act_values_ap(arb_ptr res, const ntk_act_t act, slong k, const arb_t h,
                  slong n, slong prec)
{
    ntk_status st = NTK_SUCCESS;
    arb_ptr jet;
    arb_t x;
    slong i;

    if (k != 0 && k != 1)
        return ntk_error_set(NTK_DOMAIN, "values on a progression: k = %ld "
                             "must be 0 or 1", (long) k);
    if (n <= 0)
        return NTK_SUCCESS;
    if (!arb_is_finite(h))
        return ntk_error_set(NTK_UNABLE, "%s: progression step not finite",
                             act->name);
    if (act->kind == NTK_ACT_TANH || act->kind == NTK_ACT_SIGMOID
        || act->kind == NTK_ACT_SILU)
    {
        _ntk_act_logistic_values_ap(res, act->kind, k, h, n, prec);
        if (!_arb_vec_is_finite(res, n))
            return ntk_error_set(NTK_UNABLE, "%s: values not finite", act->name);
        return NTK_SUCCESS;
    }
    jet = _arb_vec_init(k + 1);
    arb_init(x);
    for (i = 0; i < n && st == NTK_SUCCESS; i++)
    {
        arb_mul_si(x, h, i, prec);
        st = ntk_act_jet_arb(jet, act, x, k + 1, prec);
        if (st == NTK_SUCCESS)
            arb_set(res + i, jet + k);
    }
    _arb_vec_clear(jet, k + 1);
    arb_clear(x);
    return st;
}

ntk_status
ntk_act_jet_arb(arb_ptr res, const ntk_act_t act, const arb_t x, slong len,
                slong prec)
{
    acb_ptr w, w2;
    acb_t z;
    slong j;
    ntk_status st;

    if (len <= 0)
        return NTK_SUCCESS;
    w = _acb_vec_init(len);
    w2 = _acb_vec_init(len);
    acb_init(z);
    acb_set_arb(z, x);

    if (!ntk_act_is_piecewise(act))
        st = ntk_act_jet(w, act, z, 0, len, prec);
    else if (arb_is_positive(x) || arb_is_zero(x))
        st = ntk_act_jet(w, act, z, 1, len, prec);
    else if (arb_is_negative(x))
        st = ntk_act_jet(w, act, z, -1, len, prec);
    else
    {
        /* the ball straddles the kink: every point is on one side, so the
           union of both branches' enclosures is an enclosure */
        st = ntk_act_jet(w, act, z, 1, len, prec);
        if (st == NTK_SUCCESS)
            st = ntk_act_jet(w2, act, z, -1, len, prec);
        if (st == NTK_SUCCESS)
            for (j = 0; j < len; j++)
                acb_union(w + j, w + j, w2 + j, prec);
    }
    if (st == NTK_SUCCESS)
        for (j = 0; j < len; j++)
            arb_set(res + j, acb_realref(w + j)); /* exact value is real */

    _acb_vec_clear(w, len);
    _acb_vec_clear(w2, len);
    acb_clear(z);
    return st;
}

void
_ntk_act_mul_by_var(acb_ptr res, const acb_t z, acb_srcptr g, slong len,
                    slong prec)
{
    /* (z + t) g(t) = z g(t) + t g(t), truncated to len */
    slong j;
    for (j = len - 1; j >= 1; j--)
    {
        acb_mul(res + j, g + j, z, prec);
        acb_add(res + j, res + j, g + j - 1, prec);
    }
    acb_mul(res, g, z, prec);
}

/* ---------------------------------------------------------------------- */
/* Growth                                                                  */

void
ntk_act_growth_poly(arb_t A, arb_t B, arb_t r, slong *p, const ntk_act_t act,
                    int branch, slong prec)
{
    *p = 1;
    ntk_act_ops_table[act->kind].growth(A, B, r, p, act, branch, prec);
}

void
ntk_act_growth(arb_t A, arb_t B, arb_t r, const ntk_act_t act, int branch,
               slong prec)
{
    slong p;
    ntk_act_growth_poly(A, B, r, &p, act, branch, prec);
    if (p > 1 && !arb_is_zero(B))
        arb_pos_inf(B);  /* no bound linear in |z| exists */
    else if (p == 0)
    {
        arb_add(A, A, B, prec);  /* B |z|^0 = B */
        arb_zero(B);
    }
}

/* ---------------------------------------------------------------------- */
/* Closed-form kernels                                                     */

static ntk_status
check_closed(const ntk_act_t act, int deriv)
{
    if (ntk_act_ops_table[act->kind].kernel == NULL)
        return ntk_error_set(NTK_UNABLE, "%s: no closed-form Gaussian kernel (use quadrature)",
                             act->name);
    if (deriv != 0 && deriv != 1)
        return ntk_error_set(NTK_DOMAIN, "kernel: deriv = %d must be 0 or 1", deriv);
    return NTK_SUCCESS;
}

static ntk_status
check_positive(const arb_t x, const char *what)
{
    if (arb_is_positive(x))
        return NTK_SUCCESS;
    if (arb_is_nonpositive(x))
    {
        char *s = arb_get_str(x, 10, 0);
        ntk_error_set(NTK_DOMAIN, "%s = %s: must be > 0", what, s);
        flint_free(s);
        return NTK_DOMAIN;
    }
    return ntk_error_set(NTK_UNABLE, "%s: ball not certainly > 0 (increase precision)", what);
}

ntk_status
ntk_act_kernel_closed(arb_t res, const ntk_act_t act, int deriv,
                      const arb_t s11, const arb_t s12, const arb_t s22,
                      slong prec)
{
    arb_t c, t;
    ntk_status st;

    st = check_closed(act, deriv);
    if (st != NTK_SUCCESS)
        return st;
    if ((st = check_positive(s11, "s11")) != NTK_SUCCESS
        || (st = check_positive(s22, "s22")) != NTK_SUCCESS)
        return st;
    if (!arb_is_finite(s12))
        return ntk_error_set(NTK_UNABLE, "s12: not finite");

    arb_init(c);
    arb_init(t);
    arb_mul(t, s11, s22, prec);
    arb_rsqrt(t, t, prec);
    arb_mul(c, s12, t, prec);
    if (!_ntk_act_clamp(c, -1, 1, prec))
    {
        st = ntk_error_set(NTK_DOMAIN,
                           "covariance not positive semidefinite: s12^2 > s11 s22 (|c| > 1)");
        goto cleanup;
    }
    st = ntk_act_ops_table[act->kind].kernel(res, act, deriv, s11, s12, s22, c, prec);
    if (st == NTK_SUCCESS && !arb_is_finite(res))
        st = ntk_error_set(NTK_UNABLE, "%s: kernel not finite at this precision", act->name);
cleanup:
    arb_clear(c);
    arb_clear(t);
    return st;
}

ntk_status
ntk_act_kernel_closed_eps(arb_t res, const ntk_act_t act, int deriv,
                          const arb_t q, const arb_t eps, slong prec)
{
    arb_t e;
    ntk_status st;

    st = check_closed(act, deriv);
    if (st != NTK_SUCCESS)
        return st;
    if ((st = check_positive(q, "q")) != NTK_SUCCESS)
        return st;
    arb_init(e);
    arb_set(e, eps);
    if (!arb_is_finite(e))
        st = ntk_error_set(NTK_UNABLE, "eps: not finite");
    else if (!_ntk_act_clamp(e, 0, 2, prec))
        st = ntk_error_set(NTK_DOMAIN, "eps = 1 - c must be in [0, 2]");
    else
    {
        st = ntk_act_ops_table[act->kind].kernel_eps(res, act, deriv, q, e, prec);
        if (st == NTK_SUCCESS && !arb_is_finite(res))
            st = ntk_error_set(NTK_UNABLE, "%s: kernel not finite at this precision",
                               act->name);
    }
    arb_clear(e);
    return st;
}
