/*
 * ntkdepth finite: the certified numbers of its CSV and JSON outputs, read
 * back as exact decimals, enclose exact values known independently of the
 * library (conventions.md 4):
 *  - E K(x,x) from Lemma F3 (proofs/finite-width.md) in exact rationals,
 *    P_m = (1 - 2^-M)^m, for sigma_w^2 = 2, 19/10, 5/2 (--exact-only reads
 *    decimals exactly) at M = n0 = 25, depths 1, 10, 50;
 *  - Lemma F12 (one hidden layer): E K = 1 + 3s/2 and
 *    D = 1 + 29 s^2 / (M (2 + 3s)^2), E K^2 = D (E K)^2;
 *  - the rationals of proofs/check/finite_exact.py (n0 = n = 3, L = 3,
 *    s = 2): 489/64, 12277/32, 1571456/239121;
 *  - the Monte Carlo output's exact columns: the same values, K2 of
 *    papers.md (k2, certified digits: within one unit of the last one) and
 *    the infinite-width ratio 1 at r = 1.
 * A "MID,RAD" pair must satisfy |exact - MID| <= RAD exactly (fmpq).
 * Usage: t-finite-certified PATH/TO/ntkdepth
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

static const char *exe;

/* ---- running the command ---- */

static char *
run_cmd(const char *args)
{
    char cmd[1024], *buf;
    size_t n = 0, cap = 1 << 16;
    FILE *p;
    snprintf(cmd, sizeof(cmd), "'%s' %s", exe, args);
    p = popen(cmd, "r");
    assert_non_null(p);
    buf = malloc(cap);
    for (;;)
    {
        size_t k = fread(buf + n, 1, cap - n - 1, p);
        n += k;
        if (n + 1 < cap && k == 0)
            break;
        if (n + 1 >= cap)
            buf = realloc(buf, cap *= 2);
    }
    buf[n] = '\0';
    if (pclose(p) != 0)
        fail_msg("'%s' failed", cmd);
    return buf;
}

/* ---- exact values ---- */

/* Lemma F3, equal widths M, |x|^2 = 1, r = s/2:
   E K = r^L (1 + L M / n0) + 1 + sum_{l=1}^{L} r^{L+1-l} P_{l-1} */
static void
lemma_f3(fmpq_t res, const fmpq_t s, slong L, slong M, slong n0)
{
    fmpq_t r, t, P, alive, rp;
    fmpq_init(r); fmpq_init(t); fmpq_init(P); fmpq_init(alive); fmpq_init(rp);
    fmpq_div_2exp(r, s, 1);
    fmpq_one(alive);
    fmpq_div_2exp(alive, alive, M);
    fmpq_neg(alive, alive);
    fmpq_add_si(alive, alive, 1);        /* 1 - 2^-M */
    fmpq_one(res);
    fmpq_one(P);
    for (slong l = 1; l <= L; l++)
    {
        fmpq_pow_si(rp, r, L + 1 - l);
        fmpq_mul(t, rp, P);
        fmpq_add(res, res, t);
        fmpq_mul(P, P, alive);
    }
    fmpq_pow_si(rp, r, L);
    fmpq_set_si(t, L * M, n0);
    fmpq_add_si(t, t, 1);
    fmpq_mul(t, t, rp);
    fmpq_add(res, res, t);
    fmpq_clear(r); fmpq_clear(t); fmpq_clear(P); fmpq_clear(alive); fmpq_clear(rp);
}

/* K2 of papers.md, r = s/2 != 1: (1 - r^{L+1})/(1 - r) + r^L (1 + L M / n0);
   r = 1: L + 1 + 1 + L M / n0 */
static void
k2_formula(fmpq_t res, const fmpq_t s, slong L, slong M, slong n0)
{
    fmpq_t r, t, u;
    fmpq_init(r); fmpq_init(t); fmpq_init(u);
    fmpq_div_2exp(r, s, 1);
    fmpq_set_si(t, L * M, n0);
    fmpq_add_si(t, t, 1);
    fmpq_pow_si(u, r, L);
    fmpq_mul(res, t, u);
    if (fmpq_is_one(r))
        fmpq_add_si(res, res, L + 1);
    else
    {
        fmpq_pow_si(t, r, L + 1);
        fmpq_neg(t, t);
        fmpq_add_si(t, t, 1);
        fmpq_neg(u, r);
        fmpq_add_si(u, u, 1);
        fmpq_div(t, t, u);
        fmpq_add(res, res, t);
    }
    fmpq_clear(r); fmpq_clear(t); fmpq_clear(u);
}

/* Lemma F12: L = 1, n0 = n1 = M: E K = 1 + 3s/2, D = 1 + 29 s^2/(M (2+3s)^2) */
static void
lemma_f12(fmpq_t ek, fmpq_t ek2, fmpq_t d, const fmpq_t s, slong M)
{
    fmpq_t t;
    fmpq_init(t);
    fmpq_mul_si(ek, s, 3);
    fmpq_div_2exp(ek, ek, 1);
    fmpq_add_si(ek, ek, 1);
    fmpq_mul_si(t, s, 3);
    fmpq_add_si(t, t, 2);
    fmpq_mul(t, t, t);
    fmpq_mul_si(t, t, M);
    fmpq_mul(d, s, s);
    fmpq_mul_si(d, d, 29);
    fmpq_div(d, d, t);
    fmpq_add_si(d, d, 1);
    fmpq_mul(ek2, ek, ek);
    fmpq_mul(ek2, ek2, d);
    fmpq_clear(t);
}

/* ---- reading numbers back ---- */

static void
parse_q(fmpq_t x, const char *s)
{
    if (ntk_parse_fmpq(x, s, "number") != NTK_SUCCESS)
        fail_msg("not an exact decimal: '%s'", s);
}

/* |exact - mid| <= rad, exactly */
static void
check_ball(const char *mid, const char *rad, const fmpq_t exact, const char *what)
{
    fmpq_t m, r;
    fmpq_init(m); fmpq_init(r);
    parse_q(m, mid);
    parse_q(r, rad);
    fmpq_sub(m, m, exact);
    fmpz_abs(fmpq_numref(m), fmpq_numref(m));
    if (fmpq_cmp(m, r) > 0)
    {
        char *e = fmpq_get_str(NULL, 10, exact);
        fail_msg("%s: ball %s +- %s does not contain %s", what, mid, rad, e);
    }
    fmpq_clear(m); fmpq_clear(r);
}

/* certified digits (text form): |exact - v| <= one unit of the last digit
   (v = "D.DDD" or "D.DDDe[+-]X"), and at least 5 digits */
static void
check_digits(const char *v, const fmpq_t exact, const char *what)
{
    fmpq_t x, u;
    fmpz_t p;
    const char *dot = strchr(v, '.'), *e = strpbrk(v, "eE");
    slong frac = 0, ex = e ? atol(e + 1) : 0;
    if (dot && (!e || dot < e))
        frac = (e ? (slong) (e - dot) : (slong) strlen(dot)) - 1;
    fmpq_init(x); fmpq_init(u); fmpz_init(p);
    parse_q(x, v);
    /* u = 10^(ex - frac) */
    fmpz_ui_pow_ui(p, 10, (ulong) (ex - frac >= 0 ? ex - frac : frac - ex));
    fmpq_set_fmpz_frac(u, p, (fmpz_t) {1});
    if (ex - frac < 0)
        fmpq_inv(u, u);
    fmpq_sub(x, x, exact);
    fmpz_abs(fmpq_numref(x), fmpq_numref(x));
    if (fmpq_cmp(x, u) > 0 || strlen(v) < 6)
    {
        char *s = fmpq_get_str(NULL, 10, exact);
        fail_msg("%s: '%s' is not within one unit of its last digit of %s", what, v, s);
    }
    fmpq_clear(x); fmpq_clear(u); fmpz_clear(p);
}

/* CSV: the field named `col` of data line `row` (0 = first after the header) */
static char *
csv_field(const char *text, slong row, const char *col)
{
    const char *line = text, *end;
    slong idx = -1, k = 0;
    char *h, *tok, *save = NULL, *res = NULL;
    end = strchr(line, '\n');
    h = strndup(line, end - line);
    for (tok = strtok_r(h, ",", &save); tok; tok = strtok_r(NULL, ",", &save), k++)
        if (strcmp(tok, col) == 0)
            idx = k;
    free(h);
    if (idx < 0)
        fail_msg("no CSV column %s", col);
    for (slong i = 0; i <= row; i++)
    {
        line = end + 1;
        end = strchr(line, '\n');
        assert_non_null(end);
    }
    /* empty fields: walk by hand (strtok skips them) */
    for (k = 0; k < idx; k++)
    {
        line = strchr(line, ',');
        assert_true(line != NULL && line < end);
        line++;
    }
    {
        const char *c = strchr(line, ',');
        if (c == NULL || c > end)
            c = end;
        res = strndup(line, c - line);
    }
    return res;
}

static void
check_csv_ball(const char *text, slong row, const char *col, const fmpq_t exact)
{
    char rcol[128], *m, *r, what[160];
    snprintf(rcol, sizeof(rcol), "%s_rad", col);
    m = csv_field(text, row, col);
    r = csv_field(text, row, rcol);
    snprintf(what, sizeof(what), "CSV %s row %ld", col, (long) row);
    check_ball(m, r, exact, what);
    free(m); free(r);
}

/* JSON: the k-th (from 0) ball "name": {"mid": "...", "rad": "..."} */
static void
check_json_ball(const char *text, const char *name, slong k, const fmpq_t exact)
{
    char key[128], what[160], *m, *r;
    const char *p = text, *q;
    snprintf(key, sizeof(key), "\"%s\": {\"mid\": \"", name);
    for (slong i = 0; i <= k; i++)
    {
        p = strstr(p, key);
        if (p == NULL)
            fail_msg("JSON: no ball %s number %ld", name, (long) k);
        p += strlen(key);
    }
    q = strchr(p, '"');
    m = strndup(p, q - p);
    p = strstr(q, "\"rad\": \"") + 8;
    q = strchr(p, '"');
    r = strndup(p, q - p);
    snprintf(what, sizeof(what), "JSON %s number %ld", name, (long) k);
    check_ball(m, r, exact, what);
    free(m); free(r);
}

/* E K, E K^2 and the dispersion of CSV row crow (columns exact_NAME) and
   JSON row jrow (keys PREFIX NAME) */
static void
check_moments(const char *csv, slong crow, const char *json, slong jrow, const char *prefix,
              const fmpq *ek, const fmpq *ek2, const fmpq *d)
{
    static const char *names[3] = {"mean_diag", "mean_sq_diag", "dispersion_diag"};
    const fmpq *v[3] = {ek, ek2, d};
    char key[64];
    for (int k = 0; k < 3; k++)
    {
        snprintf(key, sizeof(key), "exact_%s", names[k]);
        check_csv_ball(csv, crow, key, v[k]);
        snprintf(key, sizeof(key), "%s%s", prefix, names[k]);
        check_json_ball(json, key, jrow, v[k]);
    }
}

/* ---- tests ---- */

/* --exact-only, M = n0 = 25: Lemma F3 for each sigma_w2 and depth */
static void
test_exact_only_f3(void **state)
{
    static const char *sig[3] = {"2", "1.9", "2.5"};
    static const slong depths[3] = {1, 10, 50};
    char *csv, *json;
    fmpq_t s, ek;
    (void) state;
    fmpq_init(s); fmpq_init(ek);
    csv = run_cmd("finite --exact-only --width 25 --n0 25 --depth 1,10,50 --sigma-w2 2,1.9,2.5 "
                  "--format csv");
    json = run_cmd("finite --exact-only --width 25 --n0 25 --depth 1,10,50 --sigma-w2 2,1.9,2.5 "
                   "--format json");
    for (int is = 0; is < 3; is++)
        for (int id = 0; id < 3; id++)
        {
            parse_q(s, sig[is]);
            lemma_f3(ek, s, depths[id], 25, 25);
            check_csv_ball(csv, 3 * is + id, "exact_mean_diag", ek);
            check_json_ball(json, "mean_diag", 3 * is + id, ek);
        }
    free(csv); free(json);
    fmpq_clear(s); fmpq_clear(ek);
}

/* the brief's case: L = 10, M = 25, s = 2, where a double midpoint is off
   by ~1e-15 and the radius is ~1e-36 */
static void
test_exact_only_tight(void **state)
{
    char *csv;
    fmpq_t s, ek;
    (void) state;
    fmpq_init(s); fmpq_init(ek);
    csv = run_cmd("finite --exact-only --width 25 --n0 25 --depth 10 --sigma-w2 2 --format csv");
    fmpq_set_si(s, 2, 1);
    lemma_f3(ek, s, 10, 25, 25);
    check_csv_ball(csv, 0, "exact_mean_diag", ek);
    {
        /* the radius is tight: below 1e-30 */
        char *r = csv_field(csv, 0, "exact_mean_diag_rad");
        fmpq_t rq, lim;
        fmpq_init(rq); fmpq_init(lim);
        parse_q(rq, r);
        parse_q(lim, "1e-30");
        assert_true(fmpq_cmp(rq, lim) < 0);
        fmpq_clear(rq); fmpq_clear(lim);
        free(r);
    }
    free(csv);
    fmpq_clear(s); fmpq_clear(ek);
}

/* Lemma F12 (all three moments) at M = 25, s = 1.9 and 0.5 */
static void
test_exact_only_f12(void **state)
{
    static const char *sig[2] = {"1.9", "0.5"};
    char *csv, *json;
    fmpq_t s, ek, ek2, d;
    (void) state;
    fmpq_init(s); fmpq_init(ek); fmpq_init(ek2); fmpq_init(d);
    csv = run_cmd("finite --exact-only --width 25 --n0 25 --depth 1 --sigma-w2 1.9,0.5 --format csv");
    json = run_cmd("finite --exact-only --width 25 --n0 25 --depth 1 --sigma-w2 1.9,0.5 --format json");
    for (int is = 0; is < 2; is++)
    {
        parse_q(s, sig[is]);
        lemma_f12(ek, ek2, d, s, 25);
        check_moments(csv, is, json, is, "", ek, ek2, d);
    }
    free(csv); free(json);
    fmpq_clear(s); fmpq_clear(ek); fmpq_clear(ek2); fmpq_clear(d);
}

/* n0 = n = 3, L = 3, s = 2: exact rationals; --exact-only and the Monte
   Carlo output's exact columns, K2 and the infinite-width ratio at r = 1 */
static void
test_rationals_and_monte_carlo(void **state)
{
    char *csv, *json, *mc, *mcj, *v;
    fmpq_t ek, ek2, d, s, k2, one;
    (void) state;
    fmpq_init(ek); fmpq_init(ek2); fmpq_init(d); fmpq_init(s); fmpq_init(k2); fmpq_init(one);
    fmpq_set_si(ek, 489, 64);
    fmpq_set_si(ek2, 12277, 32);
    fmpz_set_ui(fmpq_numref(d), 1571456);
    fmpz_set_ui(fmpq_denref(d), 239121);
    fmpq_set_si(s, 2, 1);
    fmpq_one(one);
    csv = run_cmd("finite --exact-only --width 3 --n0 3 --depth 3 --sigma-w2 2 --format csv");
    json = run_cmd("finite --exact-only --width 3 --n0 3 --depth 3 --sigma-w2 2 --format json");
    mc = run_cmd("finite --quiet --width 3 --n0 3 --depth 1:3 --sigma-w2 1.5,2 --r 1,0.5 "
                 "--samples 5 --threads 1 --format csv");
    mcj = run_cmd("finite --quiet --width 3 --n0 3 --depth 1:3 --sigma-w2 1.5,2 --r 1,0.5 "
                  "--samples 5 --threads 1 --format json");
    check_moments(csv, 0, json, 0, "", ek, ek2, d);
    /* Monte Carlo CSV: rows (sigma_w2, depth, r); sigma_w2 = 2, L = 3, r = 1
       is row (1 * 3 + 2) * 2 = 10; JSON rows (sigma_w2, depth): number 5 */
    check_moments(mc, 10, mcj, 5, "exact_", ek, ek2, d);
    for (slong row = 0; row < 12; row += 2)
    {
        slong is = row / 6, L = (row % 6) / 2 + 1;
        fmpq_set_si(s, is ? 2 : 3, is ? 1 : 2);
        lemma_f3(ek, s, L, 3, 3);
        k2_formula(k2, s, L, 3, 3);
        check_csv_ball(mc, row, "exact_mean_diag", ek);
        check_json_ball(mcj, "exact_mean_diag", row / 2, ek);
        check_json_ball(mcj, "k2", row / 2, k2);
        v = csv_field(mc, row, "k2");
        check_digits(v, k2, "CSV k2");
        free(v);
        v = csv_field(mc, row, "ratio_inf");
        check_digits(v, one, "CSV ratio_inf at r = 1");
        free(v);
    }
    free(csv); free(json); free(mc); free(mcj);
    fmpq_clear(ek); fmpq_clear(ek2); fmpq_clear(d); fmpq_clear(s); fmpq_clear(k2); fmpq_clear(one);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_only_f3),
        cmocka_unit_test(test_exact_only_tight),
        cmocka_unit_test(test_exact_only_f12),
        cmocka_unit_test(test_rationals_and_monte_carlo),
    };
    if (argc < 2)
    {
        fprintf(stderr, "usage: %s PATH/TO/ntkdepth\n", argv[0]);
        return 2;
    }
    exe = argv[1];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
