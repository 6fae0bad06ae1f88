/* Constant expressions in ball arithmetic: recursive descent.
 *   expr   := term (('+' | '-') term)*
 *   term   := unary (('*' | '/') unary)*
 *   unary  := ('-' | '+') unary | power
 *   power  := atom ('^' unary)?          (right-assoc, above unary minus)
 *   atom   := number | name | name '(' expr ')' | '(' expr ')'
 * Numbers are exact decimals (0.1 is 1/10, enclosed).
 * Nesting (parentheses, signs, exponents: every path of the recursion goes
 * through unary) is limited to NTK_EXPR_MAXDEPTH levels, so a long input
 * fails with NTK_DOMAIN instead of overflowing the stack (found with
 * tests/fuzz: 10^5 '(' crashed). */
#include <ctype.h>
#include <string.h>
#include "ntkdepth/claim.h"

typedef struct
{
    const char *s, *p;
    ntk_expr_lookup_fn lookup;
    void *data;
    const char *const *vars;    /* check mode: names allowed */
    int check;
    slong prec;
    ntk_status st;
    int depth;                  /* current nesting of unary() */
} parser;

#define NTK_EXPR_MAXDEPTH 256

static const char *funcs[] = {"sqrt", "exp", "ln", "log", "sin", "cos", "tan",
                              "asin", "acos", "atan", "abs", NULL};

static int
fail(parser *ps, const char *what)
{
    /* an expression longer than a claims line is cut in the message, so
       the reason and column stay within the 1024-byte error buffer */
    if (ps->st == NTK_SUCCESS)
        ps->st = ntk_error_set(NTK_DOMAIN, "'%.200s%s': %s at column %ld", ps->s,
                               strlen(ps->s) > 200 ? "..." : "", what,
                               (long) (ps->p - ps->s) + 1);
    return 0;
}

static void
skip(parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t')
        ps->p++;
}

static int expr(arb_t res, parser *ps);
static int unary(arb_t res, parser *ps);

static int
apply(arb_t res, const char *f, const arb_t x, slong prec)
{
    if (!strcmp(f, "sqrt")) arb_sqrt(res, x, prec);
    else if (!strcmp(f, "exp")) arb_exp(res, x, prec);
    else if (!strcmp(f, "ln") || !strcmp(f, "log")) arb_log(res, x, prec);
    else if (!strcmp(f, "sin")) arb_sin(res, x, prec);
    else if (!strcmp(f, "cos")) arb_cos(res, x, prec);
    else if (!strcmp(f, "tan")) arb_tan(res, x, prec);
    else if (!strcmp(f, "asin")) arb_asin(res, x, prec);
    else if (!strcmp(f, "acos")) arb_acos(res, x, prec);
    else if (!strcmp(f, "atan")) arb_atan(res, x, prec);
    else if (!strcmp(f, "abs")) arb_abs(res, x);
    else return 0;
    return 1;
}

static int
atom(arb_t res, parser *ps)
{
    skip(ps);
    if (*ps->p == '(')
    {
        ps->p++;
        if (!expr(res, ps))
            return 0;
        skip(ps);
        if (*ps->p != ')')
            return fail(ps, "expected ')'");
        ps->p++;
        return 1;
    }
    if (isdigit((unsigned char) *ps->p) || *ps->p == '.')
    {
        const char *q = ps->p;
        char buf[128];
        size_t n;
        while (isdigit((unsigned char) *q) || *q == '.')
            q++;
        if ((*q == 'e' || *q == 'E') && (isdigit((unsigned char) q[1])
            || ((q[1] == '-' || q[1] == '+') && isdigit((unsigned char) q[2]))))
        {
            q += 2;
            while (isdigit((unsigned char) *q))
                q++;
        }
        n = (size_t) (q - ps->p);
        if (n >= sizeof(buf))
            return fail(ps, "number too long");
        memcpy(buf, ps->p, n);
        buf[n] = '\0';
        if (ntk_parse_arb(res, buf, "number", ps->prec) != NTK_SUCCESS)
            return fail(ps, "bad number");
        ps->p = q;
        return 1;
    }
    if (isalpha((unsigned char) *ps->p) || *ps->p == '_')
    {
        const char *q = ps->p, *start = ps->p;
        char name[64];
        size_t n;
        while (isalnum((unsigned char) *q) || *q == '_')
            q++;
        n = (size_t) (q - ps->p);
        if (n >= sizeof(name))
            return fail(ps, "name too long");
        memcpy(name, ps->p, n);
        name[n] = '\0';
        ps->p = q;
        skip(ps);
        if (*ps->p == '(')
        {
            int known = 0;
            arb_t x;
            for (int i = 0; funcs[i]; i++)
                if (!strcmp(funcs[i], name))
                    known = 1;
            if (!known)
            {
                ps->p = start;   /* the column of the name, not of what follows the spaces */
                return fail(ps, "unknown function");
            }
            ps->p++;
            arb_init(x);
            if (!expr(x, ps))
            {
                arb_clear(x);
                return 0;
            }
            skip(ps);
            if (*ps->p != ')')
            {
                arb_clear(x);
                return fail(ps, "expected ')'");
            }
            ps->p++;
            if (ps->check)
                arb_one(res);
            else
                apply(res, name, x, ps->prec);
            arb_clear(x);
            return 1;
        }
        if (!strcmp(name, "pi"))
        {
            arb_const_pi(res, ps->prec);
            return 1;
        }
        if (!strcmp(name, "e"))
        {
            arb_const_e(res, ps->prec);
            return 1;
        }
        if (ps->check)
        {
            for (int i = 0; ps->vars && ps->vars[i]; i++)
                if (!strcmp(ps->vars[i], name))
                {
                    arb_one(res);
                    return 1;
                }
        }
        else if (ps->lookup)
        {
            int r = ps->lookup(res, name, ps->data, ps->prec);
            if (r == 1)
                return 1;
            if (r < 0)
            {
                ps->st = NTK_DOMAIN;   /* message set by the lookup */
                return 0;
            }
        }
        ps->p = start;
        {
            char msg[96];
            snprintf(msg, sizeof(msg), "unknown name '%s'", name);
            return fail(ps, msg);
        }
    }
    if (*ps->p == '\0')
        return fail(ps, "unexpected end");
    return fail(ps, "expected a number, a name or '('");
}

static int
power(arb_t res, parser *ps)
{
    if (!atom(res, ps))
        return 0;
    skip(ps);
    if (*ps->p == '^')
    {
        arb_t y;
        fmpz_t n;
        ps->p++;
        arb_init(y);
        fmpz_init(n);
        if (!unary(y, ps))
        {
            arb_clear(y);
            fmpz_clear(n);
            return 0;
        }
        if (!ps->check)
        {
            if (arb_is_exact(y) && arf_is_int(arb_midref(y))
                && arf_cmpabs_2exp_si(arb_midref(y), 30) < 0)
            {
                arf_get_fmpz(n, arb_midref(y), ARF_RND_DOWN);
                arb_pow_fmpz(res, res, n, ps->prec);
            }
            else
                arb_pow(res, res, y, ps->prec);
        }
        arb_clear(y);
        fmpz_clear(n);
    }
    return 1;
}

static int unary_body(arb_t res, parser *ps);

static int
unary(arb_t res, parser *ps)
{
    int ok;
    if (ps->depth >= NTK_EXPR_MAXDEPTH)
        return fail(ps, "nested too deeply (at most 256 levels)");
    ps->depth++;
    ok = unary_body(res, ps);
    ps->depth--;
    return ok;
}

static int
unary_body(arb_t res, parser *ps)
{
    skip(ps);
    if (*ps->p == '-' || *ps->p == '+')
    {
        int neg = (*ps->p == '-');
        ps->p++;
        if (!unary(res, ps))
            return 0;
        if (neg)
            arb_neg(res, res);
        return 1;
    }
    return power(res, ps);
}

static int
term(arb_t res, parser *ps)
{
    arb_t y;
    if (!unary(res, ps))
        return 0;
    arb_init(y);
    for (;;)
    {
        char op;
        skip(ps);
        op = *ps->p;
        if (op != '*' && op != '/')
            break;
        ps->p++;
        if (!unary(y, ps))
        {
            arb_clear(y);
            return 0;
        }
        if (op == '*')
            arb_mul(res, res, y, ps->prec);
        else
            arb_div(res, res, y, ps->prec);
    }
    arb_clear(y);
    return 1;
}

static int
expr(arb_t res, parser *ps)
{
    arb_t y;
    if (!term(res, ps))
        return 0;
    arb_init(y);
    for (;;)
    {
        char op;
        skip(ps);
        op = *ps->p;
        if (op != '+' && op != '-')
            break;
        ps->p++;
        if (!term(y, ps))
        {
            arb_clear(y);
            return 0;
        }
        if (op == '+')
            arb_add(res, res, y, ps->prec);
        else
            arb_sub(res, res, y, ps->prec);
    }
    arb_clear(y);
    return 1;
}

static ntk_status
run(arb_t res, parser *ps)
{
    if (ps->s == NULL)
        return ntk_error_set(NTK_DOMAIN, "empty expression");
    ps->p = ps->s;
    ps->st = NTK_SUCCESS;
    skip(ps);
    if (*ps->p == '\0')
        return ntk_error_set(NTK_DOMAIN, "'%.200s': empty expression", ps->s);
    if (!expr(res, ps))
        return ps->st != NTK_SUCCESS ? ps->st : ntk_error_set(NTK_DOMAIN, "'%.200s': syntax error", ps->s);
    skip(ps);
    if (*ps->p != '\0')
    {
        fail(ps, "unexpected character");
        return ps->st;
    }
    return NTK_SUCCESS;
}

ntk_status
ntk_expr_eval(arb_t res, const char *e, ntk_expr_lookup_fn lookup, void *data,
              slong prec)
{
    parser ps;
    memset(&ps, 0, sizeof(ps));
    ps.s = e;
    ps.lookup = lookup;
    ps.data = data;
    ps.prec = prec;
    return run(res, &ps);
}

ntk_status
ntk_expr_check(const char *e, const char *const *vars)
{
    parser ps;
    ntk_status st;
    arb_t r;
    memset(&ps, 0, sizeof(ps));
    ps.s = e;
    ps.vars = vars;
    ps.check = 1;
    ps.prec = 64;
    arb_init(r);
    st = run(r, &ps);
    arb_clear(r);
    return st;
}
