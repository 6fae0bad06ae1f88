/*
 * Activations in double precision for sampled networks: phi and phi'.
 * Names follow conventions.md section 3 (the certified module has its own
 * ball-arithmetic versions in src/act/).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/finite.h"

#define SELU_ALPHA 1.6732632423543772848170429916717
#define SELU_LAMBDA 1.0507009873554804934193349852946

static int
parse_param(double *v, const char *s, const char *name)
{
    char *end;
    if (s == NULL || *s == '\0')
        return 0;
    *v = strtod(s, &end);
    return *end == '\0' && isfinite(*v);
    (void) name;
}

ntk_status
ntk_finite_act_set_str(ntk_finite_act_t act, const char *name)
{
    const char *colon = strchr(name, ':');
    size_t len = colon ? (size_t) (colon - name) : strlen(name);
    const char *par = colon ? colon + 1 : NULL;
    double v = 0, w = 0;

    memset(act, 0, sizeof(*act));
    act->alpha = 1.0;
    act->lambda = 1.0;
#define IS(s) (len == strlen(s) && strncmp(name, s, len) == 0)
    if (IS("relu") && !par) { act->kind = NTK_FACT_RELULIKE; act->a = 0.5; act->b = 0.5; }
    else if (IS("linear") && !par) { act->kind = NTK_FACT_RELULIKE; act->a = 1; act->b = 0; }
    else if (IS("abs") && !par) { act->kind = NTK_FACT_RELULIKE; act->a = 0; act->b = 1; }
    else if (IS("leaky_relu"))
    {
        if (!parse_param(&v, par, name))
            goto bad;
        act->kind = NTK_FACT_RELULIKE; act->a = (1 + v) / 2; act->b = (1 - v) / 2;
    }
    else if (IS("relulike"))
    {
        const char *comma = par ? strchr(par, ',') : NULL;
        char buf[64];
        if (comma == NULL || (size_t) (comma - par) >= sizeof(buf))
            goto bad;
        memcpy(buf, par, comma - par);
        buf[comma - par] = '\0';
        if (!parse_param(&v, buf, name) || !parse_param(&w, comma + 1, name))
            goto bad;
        act->kind = NTK_FACT_RELULIKE; act->a = v; act->b = w;
    }
    else if (IS("step") && !par) act->kind = NTK_FACT_STEP;
    else if (IS("relu_pow"))
    {
        if (!parse_param(&v, par, name) || v != floor(v) || v < 1 || v > 20)
            goto bad;
        act->kind = NTK_FACT_RELU_POW; act->k = (int) v;
    }
    else if (IS("erf") && !par) act->kind = NTK_FACT_ERF;
    else if (IS("gelu") && !par) act->kind = NTK_FACT_GELU;
    else if (IS("sin") && !par) act->kind = NTK_FACT_SIN;
    else if (IS("cos") && !par) act->kind = NTK_FACT_COS;
    else if (IS("tanh") && !par) act->kind = NTK_FACT_TANH;
    else if (IS("elu"))
    {
        act->kind = NTK_FACT_ELU;
        if (par && (!parse_param(&act->alpha, par, name) || act->alpha <= 0))
            goto bad;
    }
    else if ((IS("silu") || IS("swish")) && !par) act->kind = NTK_FACT_SILU;
    else if (IS("softplus") && !par) act->kind = NTK_FACT_SOFTPLUS;
    else if (IS("sigmoid") && !par) act->kind = NTK_FACT_SIGMOID;
    else if (IS("selu") && !par)
    {
        act->kind = NTK_FACT_SELU; act->alpha = SELU_ALPHA; act->lambda = SELU_LAMBDA;
    }
    else if (IS("mish") && !par) act->kind = NTK_FACT_MISH;
    else
        goto bad;
#undef IS
    snprintf(act->name, sizeof(act->name), "%s", name);
    return NTK_SUCCESS;
bad:
    return ntk_error_set(NTK_DOMAIN, "act '%s': unknown activation or bad parameter", name);
}

int
ntk_finite_act_is_relu(const ntk_finite_act_t act)
{
    return act->kind == NTK_FACT_RELULIKE && act->a == 0.5 && act->b == 0.5;
}

static inline double
sigm(double x)
{
    return x >= 0 ? 1.0 / (1.0 + exp(-x)) : exp(x) / (1.0 + exp(x));
}

static inline double
softplus(double x)
{
    return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

void
ntk_finite_act_eval(double *y, double *d, const double *x, slong n,
                    const ntk_finite_act_t act)
{
    const double isqrt2 = 0.70710678118654752440, isqrtpi2 = 0.39894228040143267794;
    slong i;

    switch (act->kind)
    {
        case NTK_FACT_RELULIKE:
        {
            double a = act->a, b = act->b;
            /* phi'(0) = a - b: the left derivative, 0 for relu (autodiff) */
            for (i = 0; i < n; i++)
            {
                double t = x[i];
                y[i] = a * t + b * fabs(t);
                if (d) d[i] = t > 0 ? a + b : a - b;
            }
            break;
        }
        case NTK_FACT_STEP:
            for (i = 0; i < n; i++) { y[i] = x[i] > 0; if (d) d[i] = 0; }
            break;
        case NTK_FACT_RELU_POW:
            for (i = 0; i < n; i++)
            {
                double t = x[i] > 0 ? x[i] : 0, p = 1;
                for (int j = 1; j < act->k; j++) p *= t;
                y[i] = p * t;
                if (d) d[i] = act->k * p * (x[i] > 0);
            }
            break;
        case NTK_FACT_ERF:
            for (i = 0; i < n; i++)
            {
                y[i] = erf(x[i]);
                if (d) d[i] = 1.1283791670955125739 * exp(-x[i] * x[i]);
            }
            break;
        case NTK_FACT_GELU:
            for (i = 0; i < n; i++)
            {
                double P = 0.5 * erfc(-x[i] * isqrt2), p = isqrtpi2 * exp(-0.5 * x[i] * x[i]);
                y[i] = x[i] * P;
                if (d) d[i] = P + x[i] * p;
            }
            break;
        case NTK_FACT_SIN:
            for (i = 0; i < n; i++) { y[i] = sin(x[i]); if (d) d[i] = cos(x[i]); }
            break;
        case NTK_FACT_COS:
            for (i = 0; i < n; i++) { y[i] = cos(x[i]); if (d) d[i] = -sin(x[i]); }
            break;
        case NTK_FACT_TANH:
            for (i = 0; i < n; i++)
            {
                double t = tanh(x[i]);
                y[i] = t;
                if (d) d[i] = 1 - t * t;
            }
            break;
        case NTK_FACT_ELU:
        case NTK_FACT_SELU:
            for (i = 0; i < n; i++)
            {
                double t = x[i], al = act->alpha, la = act->lambda;
                if (t > 0) { y[i] = la * t; if (d) d[i] = la; }
                else { y[i] = la * al * expm1(t); if (d) d[i] = la * al * exp(t); }
            }
            break;
        case NTK_FACT_SILU:
            for (i = 0; i < n; i++)
            {
                double s = sigm(x[i]);
                y[i] = x[i] * s;
                if (d) d[i] = s * (1 + x[i] * (1 - s));
            }
            break;
        case NTK_FACT_SOFTPLUS:
            for (i = 0; i < n; i++) { y[i] = softplus(x[i]); if (d) d[i] = sigm(x[i]); }
            break;
        case NTK_FACT_SIGMOID:
            for (i = 0; i < n; i++)
            {
                double s = sigm(x[i]);
                y[i] = s;
                if (d) d[i] = s * (1 - s);
            }
            break;
        case NTK_FACT_MISH:
            for (i = 0; i < n; i++)
            {
                double t = x[i], sp = softplus(t), th = tanh(sp);
                y[i] = t * th;
                if (d) d[i] = th + t * (1 - th * th) * sigm(t);
            }
            break;
    }
}
