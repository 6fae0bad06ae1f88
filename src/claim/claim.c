/* The claim record: fields, validation, lists, results. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "claim_impl.h"


/* the last error message, copied (formatting it into a new message must
   not read the buffer being written) */
const char *
_ntk_claim_errcopy(void)
{
    static _Thread_local char buf[1024];
    snprintf(buf, sizeof(buf), "%s", ntk_error_last());
    return buf;
}

static const char *law_names[] = {"limit", "power", "power_log", "exponential",
                                  "identity", "eoc"};
static const char *verdict_names[] = {"holds", "refuted", "inconclusive"};

const char *
ntk_law_str(ntk_law law)
{
    return ((unsigned) law < 6) ? law_names[law] : "?";
}

const char *
ntk_verdict_str(ntk_verdict v)
{
    return ((unsigned) v < 3) ? verdict_names[v] : "?";
}

int
ntk_verdict_from_str(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (!strcmp(s, verdict_names[i]))
            return i;
    return -1;
}

static char *
dup(const char *s)
{
    char *r;
    if (s == NULL)
        return NULL;
    r = malloc(strlen(s) + 1);
    if (r)
        strcpy(r, s);
    return r;
}

void
ntk_claim_init(ntk_claim_t cl)
{
    memset(cl, 0, sizeof(*cl));
    cl->law = NTK_LAW_LIMIT;
    cl->digits = 30;
    cl->expect = NTK_VERDICT_HOLDS;
    cl->log_power = 1;
}

void
ntk_claim_clear(ntk_claim_t cl)
{
    char **f[] = {&cl->id, &cl->source, &cl->statement, &cl->paper, &cl->proof,
                  &cl->act, &cl->sigma_w2, &cl->sigma_b2, &cl->q1, &cl->c0,
                  &cl->quantity, &cl->constant, &cl->exponent, &cl->offset, &cl->tolerance,
                  &cl->quick_tolerance,
                  &cl->hook, &cl->file, &cl->quantity_tex, &cl->constant_tex};
    for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
    {
        free(*f[i]);
        *f[i] = NULL;
    }
}

/* field table: name, bit */
enum
{
    F_SOURCE = 0, F_STATEMENT, F_PAPER, F_PROOF, F_ACT, F_SIGMA_W2, F_SIGMA_B2,
    F_Q1, F_C0, F_QUANTITY, F_LAW, F_CONSTANT, F_EXPONENT, F_LOG_POWER,
    F_DEPTHS, F_TOLERANCE, F_QTOL, F_TOLKIND, F_DIGITS, F_EXPECT, F_HOOK, F_BUDGET,
    F_N, F_DIM, F_SEED, F_TEST_POINTS, F_OFFSET, F_QUANTITY_TEX, F_CONSTANT_TEX, F_WIDTH,
    F_N0, F_SAMPLES, F_QUICK_SAMPLES, F_QUICK_DEPTHS, F_INIT, F_PARAM, F_FIT_POWERS, F_NFIELDS
};

static const char *field_names[F_NFIELDS] = {
    "source", "statement", "paper", "proof", "act", "sigma_w2", "sigma_b2",
    "q1", "c0", "quantity", "law", "constant", "exponent", "log_power",
    "depths", "tolerance", "quick_tolerance", "tolerance_kind", "digits", "expect", "hook",
    "budget", "n", "dim", "seed", "test_points", "offset", "quantity_tex", "constant_tex",
    "width", "n0", "samples", "quick_samples", "quick_depths", "init", "param",
    "fit_powers"};

/* variables of expressions */
static const char *const problem_vars[] = {"q1", "c0", "sigma_w2", "sigma_b2",
    "qstar", "chi1", "cstar", "fprime_cstar", "f2", "beta", "w_constant", "v_constant",
    "ntk_constant", NULL};
static const char *const row_vars[] = {"L", "eps", "c", "sigma11", "sigma12",
    "theta11", "theta12", "q1", "c0", "sigma_w2", "sigma_b2", "qstar", "chi1",
    "cstar", "fprime_cstar", "f2", "beta", "w_constant", "v_constant", "ntk_constant",
    NULL};

static ntk_status
set_str(char **dst, const char *value)
{
    free(*dst);
    *dst = dup(value);
    return *dst ? NTK_SUCCESS : ntk_error_set(NTK_NOMEM, "out of memory");
}

static ntk_status
check_decimal(const char *name, const char *value, int allow_word, const char *word)
{
    fmpq_t q;
    ntk_status st;
    if (allow_word && !strcmp(value, word))
        return NTK_SUCCESS;
    fmpq_init(q);
    st = ntk_parse_fmpq(q, value, name);
    fmpq_clear(q);
    if (st != NTK_SUCCESS)
        return ntk_error_set(NTK_DOMAIN, "field '%s': '%s' is not an exact decimal%s%s",
                             name, value, allow_word ? " or " : "", allow_word ? word : "");
    return NTK_SUCCESS;
}

/* an increasing list of integers in [1, max] (depths, widths): items
   separated by ',' (spaces around them allowed), each an integer
   ("1e3") or a range A:B or A:B:STEP (ntk_parse_depth_range); at most
   NTK_CLAIM_MAXDEPTHS values */
static ntk_status
parse_depths(slong *dst, slong *n, const char *name, const char *value, slong max)
{
    char buf[64];
    const char *p = value;
    *n = 0;
    while (*p)
    {
        const char *q = p;
        size_t len;
        slong *r = NULL, nr = 0, one;
        while (*q && *q != ',')
            q++;
        len = (size_t) (q - p);
        while (len > 0 && (*p == ' ')) { p++; len--; }
        while (len > 0 && p[len - 1] == ' ') len--;
        if (len == 0 || len >= sizeof(buf))
            return ntk_error_set(NTK_DOMAIN, "field '%s': bad list '%s'", name, value);
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (strchr(buf, ':') != NULL)
        {
            if (ntk_parse_depth_range(&r, &nr, buf, name, max) != NTK_SUCCESS)
                return ntk_error_set(NTK_DOMAIN, "field '%s': '%s' is not a range A:B or A:B:STEP "
                                     "in [1, %ld]", name, buf, (long) max);
        }
        else
        {
            if (ntk_parse_slong(&one, buf, name, 1, max) != NTK_SUCCESS)
                return ntk_error_set(NTK_DOMAIN, max == NTK_CLAIM_MAXDEPTH
                                     ? "field '%s': '%s' is not a depth in [1, 1e18]"
                                     : "field '%s': '%s' is not an integer in [1, %ld]",
                                     name, buf, (long) max);
            r = &one;
            nr = 1;
        }
        for (slong i = 0; i < nr; i++)
        {
            if (*n > 0 && r[i] <= dst[*n - 1])
            {
                if (r != &one)
                    free(r);
                return ntk_error_set(NTK_DOMAIN, "field '%s': must increase ('%s')", name, buf);
            }
            if (*n >= NTK_CLAIM_MAXDEPTHS)
            {
                if (r != &one)
                    free(r);
                return ntk_error_set(NTK_DOMAIN, "field '%s': more than %d values", name,
                                     NTK_CLAIM_MAXDEPTHS);
            }
            dst[(*n)++] = r[i];
        }
        if (r != &one)
            free(r);
        p = *q ? q + 1 : q;
    }
    return NTK_SUCCESS;
}

/* LaTeX math for a figure's labels (pdflatex reads it): printable ASCII,
   balanced braces, no math shift, comment, parameter or alignment
   character, no control sequence that reads or writes files or defines */
static ntk_status
check_tex(const char *name, const char *value)
{
    static const char *const bad[] = {"input", "include", "write", "immediate", "openout",
        "openin", "read", "def", "edef", "gdef", "xdef", "let", "catcode", "csname",
        "newcommand", "renewcommand", "providecommand", "usepackage", "documentclass",
        "begin", "end", "special", "jobname", "expandafter", "futurelet", "afterassignment",
        "everypar", "everymath", "output", "shipout", "batchmode", "errorstopmode", NULL};
    slong depth = 0, len = (slong) strlen(value);
    if (len > 200)
        return ntk_error_set(NTK_DOMAIN, "field '%s': longer than 200 characters", name);
    for (slong i = 0; i < len; i++)
    {
        unsigned char ch = (unsigned char) value[i];
        if (ch < 0x20 || ch > 0x7e)
            return ntk_error_set(NTK_DOMAIN, "field '%s': character %ld is not printable ASCII",
                                 name, (long) i + 1);
        if (ch == '$' || ch == '%' || ch == '#' || ch == '&')
            return ntk_error_set(NTK_DOMAIN, "field '%s': '%c' not allowed (math mode LaTeX, "
                                 "without $)", name, ch);
        if (ch == '^' && value[i + 1] == '^')
            return ntk_error_set(NTK_DOMAIN, "field '%s': '^^' not allowed", name);
        if (ch == '{')
            depth++;
        else if (ch == '}' && depth-- == 0)
            return ntk_error_set(NTK_DOMAIN, "field '%s': unbalanced '}' at character %ld",
                                 name, (long) i + 1);
        else if (ch == '\\')
        {
            char cs[32];
            slong k = 0;
            while (i + 1 + k < len && k < 31 && ((value[i + 1 + k] >= 'a' && value[i + 1 + k] <= 'z')
                                                 || (value[i + 1 + k] >= 'A' && value[i + 1 + k] <= 'Z')))
            {
                cs[k] = value[i + 1 + k];
                k++;
            }
            cs[k] = '\0';
            if (k == 0 && i + 1 == len)
                return ntk_error_set(NTK_DOMAIN, "field '%s': ends with a backslash", name);
            for (int b = 0; bad[b] != NULL; b++)
                if (!strcmp(cs, bad[b]))
                    return ntk_error_set(NTK_DOMAIN, "field '%s': control sequence \\%s not allowed",
                                         name, cs);
            i += k > 0 ? k : 1;
        }
    }
    if (depth != 0)
        return ntk_error_set(NTK_DOMAIN, "field '%s': unbalanced '{'", name);
    return NTK_SUCCESS;
}

ntk_status
ntk_claim_set_field(ntk_claim_t cl, const char *name, const char *value)
{
    int f = -1;
    for (int i = 0; i < F_NFIELDS; i++)
        if (!strcmp(name, field_names[i]))
            f = i;
    if (f < 0)
        return ntk_error_set(NTK_DOMAIN, "field '%s': unknown field", name);
    if (cl->seen & (UWORD(1) << f))
        return ntk_error_set(NTK_DOMAIN, "field '%s': given twice", name);
    if (value == NULL || value[0] == '\0')
        return ntk_error_set(NTK_DOMAIN, "field '%s': empty value", name);
    cl->seen |= UWORD(1) << f;
    switch (f)
    {
        case F_SOURCE: return set_str(&cl->source, value);
        case F_STATEMENT: return set_str(&cl->statement, value);
        case F_PAPER: return set_str(&cl->paper, value);
        case F_PROOF: return set_str(&cl->proof, value);
        case F_ACT: return set_str(&cl->act, value);
        case F_SIGMA_W2:
            if (strchr(value, ',') == NULL)
            {
                if (check_decimal(name, value, 1, "eoc")) return NTK_DOMAIN;
            }
            else
            {
                /* a list (the finite-width hooks): decimals > 0 */
                double *v;
                slong k;
                ntk_status st = ntk_parse_double_list(&v, &k, value, name);
                for (slong i = 0; st == NTK_SUCCESS && i < k; i++)
                    if (!(v[i] > 0))
                        st = NTK_DOMAIN;
                free(v);      /* NULL when the list did not parse */
                if (st != NTK_SUCCESS)
                    return ntk_error_set(NTK_DOMAIN, "field 'sigma_w2': '%s' is not a list of "
                                         "decimals > 0", value);
            }
            return set_str(&cl->sigma_w2, value);
        case F_SIGMA_B2:
            if (check_decimal(name, value, 0, "")) return NTK_DOMAIN;
            return set_str(&cl->sigma_b2, value);
        case F_Q1:
            if (check_decimal(name, value, 1, "star")) return NTK_DOMAIN;
            return set_str(&cl->q1, value);
        case F_C0:
            if (check_decimal(name, value, 0, "")) return NTK_DOMAIN;
            return set_str(&cl->c0, value);
        case F_QUANTITY:
            if (ntk_expr_check(value, row_vars) != NTK_SUCCESS)
                return ntk_error_set(NTK_DOMAIN, "field 'quantity': %s", _ntk_claim_errcopy());
            return set_str(&cl->quantity, value);
        case F_CONSTANT:
            if (ntk_expr_check(value, row_vars) != NTK_SUCCESS)
                return ntk_error_set(NTK_DOMAIN, "field 'constant': %s", _ntk_claim_errcopy());
            return set_str(&cl->constant, value);
        case F_EXPONENT:
            if (ntk_expr_check(value, problem_vars) != NTK_SUCCESS)
                return ntk_error_set(NTK_DOMAIN, "field 'exponent': %s", _ntk_claim_errcopy());
            return set_str(&cl->exponent, value);
        case F_OFFSET:
            if (ntk_expr_check(value, problem_vars) != NTK_SUCCESS)
                return ntk_error_set(NTK_DOMAIN, "field 'offset': %s", _ntk_claim_errcopy());
            return set_str(&cl->offset, value);
        case F_LAW:
            for (int i = 0; i < 6; i++)
                if (!strcmp(value, law_names[i]))
                {
                    cl->law = (ntk_law) i;
                    return NTK_SUCCESS;
                }
            return ntk_error_set(NTK_DOMAIN, "field 'law': unknown law '%s' (limit, power, "
                                 "power_log, exponential, identity, eoc)", value);
        case F_LOG_POWER:
            if (ntk_parse_slong(&cl->log_power, value, "log_power", 1, 8) != NTK_SUCCESS)
                return ntk_error_set(NTK_DOMAIN, "field 'log_power': '%s' is not an integer in [1, 8]", value);
            return NTK_SUCCESS;
        case F_DIGITS:
            if (ntk_parse_slong(&cl->digits, value, "digits", 5, 2000) != NTK_SUCCESS)
                return ntk_error_set(NTK_DOMAIN, "field 'digits': '%s' is not an integer in [5, 2000]", value);
            return NTK_SUCCESS;
        case F_BUDGET:
            if (ntk_parse_slong(&cl->budget, value, "budget", 1, 86400) != NTK_SUCCESS)
                return ntk_error_set(NTK_DOMAIN, "field 'budget': '%s' is not an integer number of seconds in [1, 86400]", value);
            return NTK_SUCCESS;
        case F_TOLERANCE:
        {
            fmpq_t q;
            int bad;
            fmpq_init(q);
            bad = ntk_parse_fmpq(q, value, "tolerance") != NTK_SUCCESS || fmpq_sgn(q) < 0;
            fmpq_clear(q);
            if (bad)
                return ntk_error_set(NTK_DOMAIN, "field 'tolerance': '%s' is not a decimal >= 0", value);
            return set_str(&cl->tolerance, value);
        }
        case F_QTOL:
        {
            fmpq_t q;
            int bad;
            fmpq_init(q);
            bad = ntk_parse_fmpq(q, value, "quick_tolerance") != NTK_SUCCESS || fmpq_sgn(q) < 0;
            fmpq_clear(q);
            if (bad)
                return ntk_error_set(NTK_DOMAIN, "field 'quick_tolerance': '%s' is not a decimal >= 0", value);
            return set_str(&cl->quick_tolerance, value);
        }
        case F_FIT_POWERS:
            if (!strcmp(value, "integer")) cl->fit_powers = NTK_FIT_POWERS_INTEGER;
            else if (!strcmp(value, "half")) cl->fit_powers = NTK_FIT_POWERS_HALF;
            else return ntk_error_set(NTK_DOMAIN, "field 'fit_powers': '%s' (integer or half)", value);
            return NTK_SUCCESS;
        case F_TOLKIND:
            if (!strcmp(value, "relative")) cl->tol_absolute = 0;
            else if (!strcmp(value, "absolute")) cl->tol_absolute = 1;
            else return ntk_error_set(NTK_DOMAIN, "field 'tolerance_kind': '%s' (relative or absolute)", value);
            return NTK_SUCCESS;
        case F_EXPECT:
        {
            int v = ntk_verdict_from_str(value);
            if (v < 0)
                return ntk_error_set(NTK_DOMAIN, "field 'expect': '%s' (holds, refuted or inconclusive)", value);
            cl->expect = (ntk_verdict) v;
            return NTK_SUCCESS;
        }
        case F_QUANTITY_TEX:
        case F_CONSTANT_TEX:
            if (check_tex(name, value) != NTK_SUCCESS)
                return NTK_DOMAIN;
            return set_str(f == F_QUANTITY_TEX ? &cl->quantity_tex : &cl->constant_tex, value);
        case F_HOOK:
            if (_ntk_claim_hook_find(value) != NULL)
                return set_str(&cl->hook, value);
            return ntk_error_set(NTK_DOMAIN, "field 'hook': unknown evaluator '%s'", value);
        case F_N:
        case F_DIM:
        case F_TEST_POINTS:
        {
            slong *dst = f == F_N ? &cl->n : f == F_DIM ? &cl->dim : &cl->test_points;
            if (ntk_parse_slong(dst, value, name, 1, 100000) != NTK_SUCCESS)
                return ntk_error_set(NTK_DOMAIN, "field '%s': '%s' is not an integer in [1, 100000]",
                                     name, value);
            return NTK_SUCCESS;
        }
        case F_SEED:
        {
            slong v;
            if (ntk_parse_slong(&v, value, name, 0, WORD_MAX) != NTK_SUCCESS)
                return ntk_error_set(NTK_DOMAIN, "field 'seed': '%s' is not an integer >= 0", value);
            cl->seed = (ulong) v;
            return NTK_SUCCESS;
        }
        case F_DEPTHS:
            return parse_depths(cl->depths, &cl->ndepths, name, value, NTK_CLAIM_MAXDEPTH);
        case F_QUICK_DEPTHS:
            return parse_depths(cl->quick_depths, &cl->nquick_depths, name, value,
                                NTK_CLAIM_MAXDEPTH);
        case F_WIDTH:
            return parse_depths(cl->width, &cl->nwidth, name, value, 100000000);
        case F_N0:
        case F_SAMPLES:
        case F_QUICK_SAMPLES:
        {
            slong *dst = f == F_N0 ? &cl->n0 : f == F_SAMPLES ? &cl->samples : &cl->quick_samples;
            slong hi = f == F_N0 ? 100000000 : (slong) 1 << 40;
            if (ntk_parse_slong(dst, value, name, 1, hi) != NTK_SUCCESS)
                return ntk_error_set(NTK_DOMAIN, "field '%s': '%s' is not an integer in [1, %ld]",
                                     name, value, (long) hi);
            return NTK_SUCCESS;
        }
        case F_INIT:
            if (!strcmp(value, "default")) cl->init = NTK_FINITE_INIT_DEFAULT;
            else if (!strcmp(value, "he")) cl->init = NTK_FINITE_INIT_HE;
            else return ntk_error_set(NTK_DOMAIN, "field 'init': '%s' (default or he)", value);
            return NTK_SUCCESS;
        case F_PARAM:
            if (!strcmp(value, "standard")) cl->param = NTK_FINITE_PARAM_STANDARD;
            else if (!strcmp(value, "ntk")) cl->param = NTK_FINITE_PARAM_NTK;
            else return ntk_error_set(NTK_DOMAIN, "field 'param': '%s' (standard or ntk)", value);
            return NTK_SUCCESS;
    }
    return NTK_SUCCESS;
}

#define HAS(f) (cl->seen & (UWORD(1) << (f)))

ntk_status
ntk_claim_validate(const ntk_claim_t cl)
{
    if (!HAS(F_STATEMENT))
        return ntk_error_set(NTK_DOMAIN, "field 'statement': missing");
    if (!HAS(F_LAW))
        return ntk_error_set(NTK_DOMAIN, "field 'law': missing");
    if (cl->hook != NULL)
        return NTK_SUCCESS;   /* built-in evaluators read what they need */
    if (!HAS(F_ACT))
        return ntk_error_set(NTK_DOMAIN, "field 'act': missing");
    if (cl->law == NTK_LAW_EOC)
        return NTK_SUCCESS;
    if (!HAS(F_SIGMA_W2))
        return ntk_error_set(NTK_DOMAIN, "field 'sigma_w2': missing (a decimal or eoc)");
    if (strchr(cl->sigma_w2, ',') != NULL)
        return ntk_error_set(NTK_DOMAIN, "field 'sigma_w2': one value (a list is for the "
                             "finite-width hooks)");
    if (!HAS(F_QUANTITY))
        return ntk_error_set(NTK_DOMAIN, "field 'quantity': missing");
    if (!HAS(F_DEPTHS))
        return ntk_error_set(NTK_DOMAIN, "field 'depths': missing");
    if ((cl->law == NTK_LAW_POWER || cl->law == NTK_LAW_POWER_LOG) && !HAS(F_EXPONENT))
        return ntk_error_set(NTK_DOMAIN, "field 'exponent': missing (law %s)", ntk_law_str(cl->law));
    if (!HAS(F_CONSTANT))
        return ntk_error_set(NTK_DOMAIN, "field 'constant': missing (law %s)", ntk_law_str(cl->law));
    if (!HAS(F_TOLERANCE))
        return ntk_error_set(NTK_DOMAIN, "field 'tolerance': missing");
    if (HAS(F_OFFSET) && cl->law != NTK_LAW_POWER_LOG)
        return ntk_error_set(NTK_DOMAIN, "field 'offset': only with law power_log (got %s)",
                             ntk_law_str(cl->law));
    if (HAS(F_FIT_POWERS) && cl->law != NTK_LAW_LIMIT && cl->law != NTK_LAW_POWER
        && cl->law != NTK_LAW_POWER_LOG)
        return ntk_error_set(NTK_DOMAIN, "field 'fit_powers': only for the fitted laws "
                             "(limit, power, power_log), not %s", ntk_law_str(cl->law));
    if (cl->law != NTK_LAW_IDENTITY && cl->law != NTK_LAW_EXPONENTIAL)
    {
        /* the constant of a rate or limit must not depend on the row */
        if (ntk_expr_check(cl->constant, problem_vars) != NTK_SUCCESS)
            return ntk_error_set(NTK_DOMAIN, "field 'constant': %s (law %s: no depth variables)",
                                 _ntk_claim_errcopy(), ntk_law_str(cl->law));
    }
    return NTK_SUCCESS;
}

void
ntk_claims_init(ntk_claims_t cs)
{
    cs->v = NULL;
    cs->n = cs->alloc = 0;
}

void
ntk_claims_clear(ntk_claims_t cs)
{
    for (slong i = 0; i < cs->n; i++)
        ntk_claim_clear(cs->v + i);
    free(cs->v);
    ntk_claims_init(cs);
}

ntk_claim_struct *
ntk_claims_push(ntk_claims_t cs)
{
    if (cs->n == cs->alloc)
    {
        slong na = cs->alloc ? 2 * cs->alloc : 16;
        ntk_claim_struct *v = realloc(cs->v, sizeof(ntk_claim_struct) * na);
        if (v == NULL)
            return NULL;
        cs->v = v;
        cs->alloc = na;
    }
    ntk_claim_init(cs->v + cs->n);
    return cs->v + cs->n++;
}

ntk_status
ntk_claims_select(ntk_claims_t cs, const char *ids)
{
    char *list = dup(ids), *save = NULL, *tok;
    char *keep;
    ntk_status st = NTK_SUCCESS;
    if (list == NULL)
        return ntk_error_set(NTK_NOMEM, "out of memory");
    keep = calloc((size_t) (cs->n > 0 ? cs->n : 1), 1);
    for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
    {
        int found = 0;
        while (*tok == ' ') tok++;
        for (slong i = 0; i < cs->n; i++)
            if (cs->v[i].id && !strcmp(cs->v[i].id, tok))
            {
                keep[i] = 1;
                found = 1;
            }
        if (!found)
        {
            st = ntk_error_set(NTK_DOMAIN, "only: no claim with id '%s'", tok);
            goto cleanup;
        }
    }
    {
        slong j = 0;
        for (slong i = 0; i < cs->n; i++)
        {
            if (keep[i])
                cs->v[j++] = cs->v[i];
            else
                ntk_claim_clear(cs->v + i);
        }
        cs->n = j;
    }
cleanup:
    free(list);
    free(keep);
    return st;
}

void
ntk_claim_result_init(ntk_claim_result_t r)
{
    memset(r, 0, sizeof(*r));
    arb_init(r->pred);
    arb_indeterminate(r->pred);
    arb_init(r->tol);
    arb_indeterminate(r->tol);
    arb_init(r->curve_ref);
    arb_indeterminate(r->curve_ref);
    r->verdict = NTK_VERDICT_INCONCLUSIVE;
}

void
ntk_claim_result_clear(ntk_claim_result_t r)
{
    for (slong i = 0; i < r->nmeasured; i++)
    {
        free(r->measured[i].label);
        free(r->measured[i].text);
        arb_clear(r->measured[i].ball);
        ntk_estimate_clear(r->measured[i].est);
    }
    flint_free(r->measured);
    free(r->predicted);
    free(r->evidence);
    free(r->series_label);
    if (r->serr)
        _arb_vec_clear(r->serr, r->nseries);
    free(r->sdepth);
    arb_clear(r->pred);
    free(r->zdepth);
    if (r->z)
        _arb_vec_clear(r->z, r->nz);
    free(r->fit_terms);
    if (r->fit_coef)
        _arb_vec_clear(r->fit_coef, r->nfit);
    arb_clear(r->tol);
    for (slong i = 0; i < r->ncurves; i++)
    {
        ntk_claim_curve_struct *c = r->curves + i;
        free(c->label);
        free(c->x);
        _arb_vec_clear(c->y, c->n);
        if (c->err)
            _arb_vec_clear(c->err, c->n);
    }
    free(r->curves);
    free(r->curve_xlabel);
    free(r->curve_ylabel);
    arb_clear(r->curve_ref);
    memset(r, 0, sizeof(*r));
}

ntk_claim_curve_struct *
ntk_claim_result_add_curve(ntk_claim_result_t r, const char *label, ntk_measured_kind kind,
                           slong n)
{
    ntk_claim_curve_struct *c;
    ntk_claim_curve_struct *v = realloc(r->curves, sizeof(*v) * (size_t) (r->ncurves + 1));
    if (v == NULL)
        return NULL;
    r->curves = v;
    c = v + r->ncurves++;
    memset(c, 0, sizeof(*c));
    c->label = dup(label);
    c->kind = kind;
    c->n = n;
    c->x = calloc((size_t) (n > 0 ? n : 1), sizeof(double));
    c->y = _arb_vec_init(n);
    c->err = kind == NTK_MEASURED_ESTIMATE ? _arb_vec_init(n) : NULL;
    return c;
}

ntk_measured_struct *
ntk_claim_result_add(ntk_claim_result_t r, const char *label, ntk_measured_kind kind)
{
    ntk_measured_struct *m;
    ntk_measured_struct *v = flint_realloc(r->measured, sizeof(*v) * (r->nmeasured + 1));
    r->measured = v;
    m = v + r->nmeasured++;
    memset(m, 0, sizeof(*m));
    m->label = dup(label);
    m->kind = kind;
    arb_init(m->ball);
    ntk_estimate_init(m->est);
    return m;
}

int
_ntk_claim_has(const ntk_claim_t cl, const char *name)
{
    for (int f = 0; f < F_NFIELDS; f++)
        if (!strcmp(name, field_names[f]))
            return HAS(f) != 0;
    return 0;
}

ntk_status
_ntk_claim_need(const ntk_claim_t cl, const char *names)
{
    const char *p = names;
    while (*p)
    {
        char w[32];
        size_t k = strcspn(p, " ");
        if (k > 0 && k < sizeof(w))
        {
            memcpy(w, p, k);
            w[k] = '\0';
            if (!_ntk_claim_has(cl, w))
                return ntk_error_set(NTK_DOMAIN, "[%s] field '%s': missing (hook %s)",
                                     cl->id ? cl->id : "?", w, cl->hook ? cl->hook : "?");
        }
        p += k;
        while (*p == ' ')
            p++;
    }
    return NTK_SUCCESS;
}

void
_ntk_claim_set_pred(ntk_claim_result_t res, const char *s)
{
    free(res->predicted);
    res->predicted = dup(s);
}

void
_ntk_claim_add_ball(ntk_claim_result_t res, const char *label, const arb_t x)
{
    arb_set(ntk_claim_result_add(res, label, NTK_MEASURED_BALL)->ball, x);
}

void
_ntk_claim_set_series(ntk_claim_result_t res, const slong *depths, arb_srcptr e, slong n,
                      const char *label)
{
    free(res->sdepth);
    if (res->serr)
        _arb_vec_clear(res->serr, res->nseries);
    res->sdepth = malloc(sizeof(slong) * (size_t) (n > 0 ? n : 1));
    res->serr = _arb_vec_init(n);
    for (slong i = 0; i < n; i++)
    {
        res->sdepth[i] = depths[i];
        arb_set(res->serr + i, e + i);
    }
    res->nseries = n;
    free(res->series_label);
    res->series_label = dup(label);
}

void
_ntk_claim_set_z(ntk_claim_result_t res, const slong *depths, arb_srcptr z, slong n)
{
    free(res->zdepth);
    if (res->z)
        _arb_vec_clear(res->z, res->nz);
    res->zdepth = malloc(sizeof(slong) * (size_t) (n > 0 ? n : 1));
    res->z = _arb_vec_init(n);
    for (slong i = 0; i < n; i++)
    {
        res->zdepth[i] = depths[i];
        arb_set(res->z + i, z + i);
    }
    res->nz = n;
}

void
_ntk_claim_set_fit(ntk_claim_result_t res, const ntk_fit_term *terms, arb_srcptr coef,
                   slong m, slong lo, slong hi)
{
    free(res->fit_terms);
    if (res->fit_coef)
        _arb_vec_clear(res->fit_coef, res->nfit);
    res->fit_terms = malloc(sizeof(ntk_fit_term) * (size_t) (m > 0 ? m : 1));
    res->fit_coef = _arb_vec_init(m);
    for (slong i = 0; i < m; i++)
    {
        res->fit_terms[i] = terms[i];
        arb_set(res->fit_coef + i, coef + i);
    }
    res->nfit = m;
    res->fit_lo = lo;
    res->fit_hi = hi;
}

void
ntk_claim_result_note(ntk_claim_result_t r, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    size_t old = r->evidence ? strlen(r->evidence) : 0, n;
    char *e;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    n = strlen(buf);
    e = realloc(r->evidence, old + n + 2);
    if (e == NULL)
        return;
    if (old > 0)
        e[old++] = ' ';
    memcpy(e + old, buf, n + 1);
    r->evidence = e;
}
