/*
 * Exact finite-width moments of the diagonal NTK of a ReLU network with
 * zero-initialized trainable biases: E K(x,x), E K(x,x)^2 and the
 * dispersion E K^2 / (E K)^2, certified balls, for every depth 1..Lmax in
 * one pass (proofs/finite-width.md section 7: Lemmas F6 (forward chi^2),
 * F7 (backward decomposition), F8 (the path automaton), F9 (per-layer
 * moments)).  And the certified K1 numbers over lambda windows
 * (Lemmas F10, F11, section 8).
 *
 * The automaton has 4 states, P_w (forward, weight term not yet taken),
 * P_b (bias term not yet taken), Q (backward chi^2_{B-1} run), S (radial
 * run after the output factor); K = beta + sum over accepted paths of the
 * product of the per-layer factors (Lemma F8).  E K is a 4-vector
 * recursion with the per-layer means, E K^2 a 16-vector recursion with the
 * per-layer second moments (the layers are independent, Lemma F7).
 */
#include <string.h>
#include "ntkdepth/finite.h"

enum { SP_W = 0, SP_B = 1, SQ = 2, SS = 3, NS = 4 };
enum { VX = 0, VC = 1, VI = 2, VONE = 3, VZ = 4, NV = 5 };

typedef struct
{
    int from, to, var;
    arb_t c;            /* coefficient */
} trans;

/* hidden layer j (Lemma F8): 9 transitions with t = s/n_{j-1}, alpha_j */
#define NH 9
/* readout layer: 3 transitions */
#define NR 3

static void
set_hidden(trans *T, const arb_t t, const arb_t alpha)
{
    static const int ft[NH][3] = {
        {SP_W, SP_W, VX}, {SP_W, SQ, VC}, {SP_W, SS, VI},
        {SP_B, SP_B, VI}, {SP_B, SQ, VC}, {SP_B, SS, VI},
        {SQ, SQ, VC}, {SQ, SS, VI}, {SS, SS, VX}};
    for (int k = 0; k < NH; k++)
    {
        T[k].from = ft[k][0];
        T[k].to = ft[k][1];
        T[k].var = ft[k][2];
    }
    arb_set(T[0].c, t);
    arb_set(T[1].c, alpha);
    arb_set(T[2].c, alpha);
    arb_one(T[3].c);
    arb_one(T[4].c);
    arb_one(T[5].c);
    arb_set(T[6].c, t);
    arb_set(T[7].c, t);
    arb_set(T[8].c, t);
}

static void
set_readout(trans *T, const arb_t t, const arb_t alpha)
{
    T[0].from = SP_W; T[0].to = SS; T[0].var = VONE; arb_set(T[0].c, alpha);
    T[1].from = SQ;   T[1].to = SS; T[1].var = VONE; arb_set(T[1].c, t);
    T[2].from = SS;   T[2].to = SS; T[2].var = VZ;   arb_set(T[2].c, t);
}

/* Lemma F9: m1[v] = E[v], m2[v][w] = E[v w] for the factors of a hidden
   layer of width n (B ~ Bin(n, 1/2), X ~ chi^2_B, C ~ chi^2_{B-1} (0 if
   B = 0), I = 1{B >= 1}), and of the readout (ONE = 1, Z = chi^2_1). */
static void
layer_moments(arb_t m1[NV], arb_t m2[NV][NV], slong n, slong prec)
{
    arb_t p0, t;
    arb_init(p0);
    arb_init(t);
    for (int v = 0; v < NV; v++)
        for (int w = 0; w < NV; w++)
            arb_zero(m2[v][w]);
    arb_one(p0);
    arb_mul_2exp_si(p0, p0, -n);                     /* P(B = 0) = 2^-n */
    /* E I = 1 - 2^-n */
    arb_sub_ui(m1[VI], p0, 1, prec);
    arb_neg(m1[VI], m1[VI]);
    /* E X = n/2 */
    arb_set_si(m1[VX], n);
    arb_mul_2exp_si(m1[VX], m1[VX], -1);
    /* E C = n/2 - 1 + 2^-n */
    arb_sub_ui(m1[VC], m1[VX], 1, prec);
    arb_add(m1[VC], m1[VC], p0, prec);
    arb_one(m1[VONE]);
    arb_one(m1[VZ]);
    /* E X^2 = n(n+5)/4 */
    arb_set_si(t, n + 5);
    arb_mul_si(t, t, n, prec);
    arb_mul_2exp_si(m2[VX][VX], t, -2);
    /* E X C = n(n-1)/4 */
    arb_set_si(t, n - 1);
    arb_mul_si(t, t, n, prec);
    arb_mul_2exp_si(m2[VX][VC], t, -2);
    arb_set(m2[VC][VX], m2[VX][VC]);
    /* E C^2 = n(n+1)/4 - 1 + 2^-n */
    arb_set_si(t, n + 1);
    arb_mul_si(t, t, n, prec);
    arb_mul_2exp_si(t, t, -2);
    arb_sub_ui(t, t, 1, prec);
    arb_add(m2[VC][VC], t, p0, prec);
    /* I v = v (X = C = 0 when B = 0), I^2 = I */
    arb_set(m2[VX][VI], m1[VX]);
    arb_set(m2[VI][VX], m1[VX]);
    arb_set(m2[VC][VI], m1[VC]);
    arb_set(m2[VI][VC], m1[VC]);
    arb_set(m2[VI][VI], m1[VI]);
    /* readout: ONE, Z = chi^2_1 (E Z = 1, E Z^2 = 3) */
    arb_one(m2[VONE][VONE]);
    arb_one(m2[VONE][VZ]);
    arb_one(m2[VZ][VONE]);
    arb_set_ui(m2[VZ][VZ], 3);
    arb_clear(p0);
    arb_clear(t);
}

ntk_status
ntk_finite_exact_moments(arb_ptr EK, arb_ptr EK2, arb_ptr disp, slong Lmax,
                         slong n0, const slong *widths, const arb_t sigma_w2,
                         const arb_t norm2, ntk_finite_param param,
                         const arb_t beta, slong prec)
{
    trans H[NH], R[NR];
    arb_t m1[NV], m2[NV][NV], t, alpha, w, P1, P2, tmp;
    arb_ptr v1, v2, n1, n2;
    ntk_status st = NTK_SUCCESS;

    if (Lmax < 1)
        return ntk_error_set(NTK_DOMAIN, "exact moments: depth %ld < 1", (long) Lmax);
    if (n0 < 1)
        return ntk_error_set(NTK_DOMAIN, "exact moments: n0 = %ld < 1", (long) n0);
    for (slong l = 0; l < Lmax; l++)
        if (widths[l] < 1)
            return ntk_error_set(NTK_DOMAIN, "exact moments: width n_%ld = %ld < 1",
                                 (long) (l + 1), (long) widths[l]);
    if (!arb_is_positive(sigma_w2))
        return ntk_error_set(NTK_DOMAIN, "exact moments: sigma_w2 must be > 0");
    if (!arb_is_nonnegative(norm2) || !arb_is_nonnegative(beta))
        return ntk_error_set(NTK_DOMAIN, "exact moments: |x|^2 and the bias scale must be >= 0");

    for (int k = 0; k < NH; k++)
        arb_init(H[k].c);
    for (int k = 0; k < NR; k++)
        arb_init(R[k].c);
    for (int v = 0; v < NV; v++)
    {
        arb_init(m1[v]);
        for (int u = 0; u < NV; u++)
            arb_init(m2[v][u]);
    }
    arb_init(t); arb_init(alpha); arb_init(w); arb_init(P1); arb_init(P2); arb_init(tmp);
    v1 = _arb_vec_init(NS);
    n1 = _arb_vec_init(NS);
    v2 = _arb_vec_init(NS * NS);
    n2 = _arb_vec_init(NS * NS);

    /* start: P_w carries |x|^2, P_b carries the bias scale (Lemma F8) */
    arb_set(v1 + SP_W, norm2);
    arb_set(v1 + SP_B, beta);
    for (int a = 0; a < NS; a++)
        for (int b = 0; b < NS; b++)
            arb_mul(v2 + a * NS + b, v1 + a, v1 + b, prec);

    for (slong j = 1; j <= Lmax; j++)
    {
        slong nin = j == 1 ? n0 : widths[j - 2], n = widths[j - 1];
        /* hidden layer j: t_j = s/n_{j-1}; alpha_j = 1 (SP) or t_j (NTK) */
        arb_div_si(t, sigma_w2, nin, prec);
        if (param == NTK_FINITE_PARAM_NTK)
            arb_set(alpha, t);
        else
            arb_one(alpha);
        set_hidden(H, t, alpha);
        layer_moments(m1, m2, n, prec);
        _arb_vec_zero(n1, NS);
        _arb_vec_zero(n2, NS * NS);
        for (int k = 0; k < NH; k++)
        {
            arb_mul(w, H[k].c, m1[H[k].var], prec);
            arb_addmul(n1 + H[k].to, v1 + H[k].from, w, prec);
        }
        for (int k = 0; k < NH; k++)
            for (int q = 0; q < NH; q++)
            {
                arb_srcptr src = v2 + H[k].from * NS + H[q].from;
                if (arb_is_zero(src))
                    continue;
                arb_mul(w, H[k].c, H[q].c, prec);
                arb_mul(w, w, m2[H[k].var][H[q].var], prec);
                arb_addmul(n2 + H[k].to * NS + H[q].to, src, w, prec);
            }
        _arb_vec_swap(v1, n1, NS);
        _arb_vec_swap(v2, n2, NS * NS);

        /* the depth-j network: its readout (t = s/n_j) and the constant beta */
        arb_div_si(t, sigma_w2, n, prec);
        if (param == NTK_FINITE_PARAM_NTK)
            arb_set(alpha, t);
        else
            arb_one(alpha);
        set_readout(R, t, alpha);
        arb_zero(P1);
        arb_zero(P2);
        for (int k = 0; k < NR; k++)
        {
            arb_mul(w, R[k].c, m2[VONE][R[k].var], prec);   /* E[v] = E[ONE v] */
            arb_addmul(P1, v1 + R[k].from, w, prec);
            for (int q = 0; q < NR; q++)
            {
                arb_mul(w, R[k].c, R[q].c, prec);
                arb_mul(w, w, m2[R[k].var][R[q].var], prec);
                arb_addmul(P2, v2 + R[k].from * NS + R[q].from, w, prec);
            }
        }
        /* K = beta + Pi: E K = beta + E Pi, E K^2 = beta^2 + 2 beta E Pi + E Pi^2 */
        arb_add(tmp, P1, beta, prec);
        if (EK != NULL)
            arb_set(EK + j - 1, tmp);
        if (EK2 != NULL || disp != NULL)
        {
            arb_mul(w, beta, beta, prec);
            arb_add(P2, P2, w, prec);
            arb_mul(w, beta, P1, prec);
            arb_mul_2exp_si(w, w, 1);
            arb_add(P2, P2, w, prec);
            if (EK2 != NULL)
                arb_set(EK2 + j - 1, P2);
            if (disp != NULL)
            {
                arb_mul(w, tmp, tmp, prec);
                arb_div(disp + j - 1, P2, w, prec);
            }
        }
    }

    for (int k = 0; k < NH; k++)
        arb_clear(H[k].c);
    for (int k = 0; k < NR; k++)
        arb_clear(R[k].c);
    for (int v = 0; v < NV; v++)
    {
        arb_clear(m1[v]);
        for (int u = 0; u < NV; u++)
            arb_clear(m2[v][u]);
    }
    arb_clear(t); arb_clear(alpha); arb_clear(w); arb_clear(P1); arb_clear(P2); arb_clear(tmp);
    _arb_vec_clear(v1, NS);
    _arb_vec_clear(n1, NS);
    _arb_vec_clear(v2, NS * NS);
    _arb_vec_clear(n2, NS * NS);
    return st;
}

ntk_status
ntk_finite_exact_moments_cfg(arb_ptr EK, arb_ptr EK2, arb_ptr disp,
                             const ntk_finite_config_t cfg, slong isig,
                             double norm2, slong prec)
{
    arb_t s, x2, beta;
    arb_ptr a = NULL, b = NULL, c = NULL;
    ntk_finite_param param = cfg->param;
    slong Lmax;
    ntk_status st;

    if (!ntk_finite_act_is_relu(cfg->act))
        return ntk_error_set(NTK_DOMAIN, "exact moments: defined for relu only (got %s)", cfg->act->name);
    if (cfg->init != NTK_FINITE_INIT_HE && cfg->sigma_b2 != 0)
        return ntk_error_set(NTK_DOMAIN, "exact moments: need sigma_b2 = 0 (got %g)", cfg->sigma_b2);
    if (isig < 0 || isig >= cfg->nsigma || cfg->ndepths < 1)
        return ntk_error_set(NTK_DOMAIN, "exact moments: no such sigma_w2 / depth list");
    Lmax = cfg->depths[cfg->ndepths - 1];
    if (Lmax > cfg->nwidths)
        return ntk_error_set(NTK_DOMAIN, "exact moments: depth %ld > number of widths %ld",
                             (long) Lmax, (long) cfg->nwidths);
    arb_init(s); arb_init(x2); arb_init(beta);
    arb_set_d(s, cfg->sigma_w2[isig]);
    arb_set_d(x2, norm2);
    /* bias gradient scale: SP 1 (df/db), NTK sigma_b2 (= 0 here), He 1 */
    if (cfg->init == NTK_FINITE_INIT_HE)
    {
        param = NTK_FINITE_PARAM_NTK;
        arb_one(beta);
    }
    else if (param == NTK_FINITE_PARAM_NTK)
        arb_zero(beta);
    else
        arb_one(beta);
    if (EK) a = _arb_vec_init(Lmax);
    if (EK2) b = _arb_vec_init(Lmax);
    if (disp) c = _arb_vec_init(Lmax);
    st = ntk_finite_exact_moments(a, b, c, Lmax, cfg->n0, cfg->widths, s, x2, param, beta, prec);
    if (st == NTK_SUCCESS)
        for (slong id = 0; id < cfg->ndepths; id++)
        {
            slong L = cfg->depths[id];
            if (EK) arb_set(EK + id, a + L - 1);
            if (EK2) arb_set(EK2 + id, b + L - 1);
            if (disp) arb_set(disp + id, c + L - 1);
        }
    if (a) _arb_vec_clear(a, Lmax);
    if (b) _arb_vec_clear(b, Lmax);
    if (c) _arb_vec_clear(c, Lmax);
    arb_clear(s); arb_clear(x2); arb_clear(beta);
    return st;
}
