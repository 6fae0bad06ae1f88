/* Points on the sphere: storage, seeded uniform generator, exact cosines,
   synthetic targets. */
#include <math.h>
#include <string.h>
#include "ntkdepth/regress.h"

void
ntk_points_init(ntk_points_t P)
{
    P->n = P->dim = 0;
    P->v = P->norm2 = P->den = NULL;
}

void
ntk_points_clear(ntk_points_t P)
{
    if (P->v != NULL)
        _fmpz_vec_clear(P->v, P->n * P->dim);
    if (P->norm2 != NULL)
        _fmpz_vec_clear(P->norm2, P->n);
    if (P->den != NULL)
        _fmpz_vec_clear(P->den, P->n);
    ntk_points_init(P);
}

void
ntk_points_set_size(ntk_points_t P, slong n, slong dim)
{
    ntk_points_clear(P);
    P->n = n;
    P->dim = dim;
    P->v = _fmpz_vec_init(n * dim > 0 ? n * dim : 1);
    P->norm2 = _fmpz_vec_init(n > 0 ? n : 1);
    P->den = _fmpz_vec_init(n > 0 ? n : 1);
}

ntk_status
ntk_points_set_row_fmpq(ntk_points_t P, slong i, const fmpq *row, const char *what)
{
    fmpz *v = P->v + i * P->dim;
    fmpz_t l;
    slong k;

    fmpz_init(l);
    fmpz_one(l);
    for (k = 0; k < P->dim; k++)
        fmpz_lcm(l, l, fmpq_denref(row + k));
    for (k = 0; k < P->dim; k++)
    {
        fmpz_divexact(v + k, l, fmpq_denref(row + k));
        fmpz_mul(v + k, v + k, fmpq_numref(row + k));
    }
    fmpz_set(P->den + i, l);
    _fmpz_vec_dot(P->norm2 + i, v, v, P->dim);
    fmpz_clear(l);
    if (fmpz_is_zero(P->norm2 + i))
        return ntk_error_set(NTK_DOMAIN, "%s row %ld: zero vector, cannot be "
                             "normalised onto the sphere", what, (long) (i + 1));
    return NTK_SUCCESS;
}

/* ---- seeded generator ---- */
static ulong
splitmix64(ulong *s)
{
    ulong z = (*s += UWORD(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UWORD(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UWORD(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* uniform in (0, 1): (k + 1/2) 2^-53, exact dyadic */
static void
uniform01(arb_t u, ulong *s)
{
    ulong k = splitmix64(s) >> 11;
    arb_set_ui(u, 2 * k + 1);
    arb_mul_2exp_si(u, u, -54);
}

ntk_status
ntk_points_random_sphere(ntk_points_t P, slong n, slong dim, ulong seed)
{
    arb_t u1, u2, r, t, nrm;
    arb_ptr g;
    fmpq *row;
    ulong s = seed;
    slong i, k, prec = 96;
    ntk_status st = NTK_SUCCESS;

    if (n < 1)
        return ntk_error_set(NTK_DOMAIN, "number of points n = %ld: must be >= 1", (long) n);
    if (dim < 1)
        return ntk_error_set(NTK_DOMAIN, "dimension n0 = %ld: must be >= 1", (long) dim);
    ntk_points_set_size(P, n, dim);
    arb_init(u1); arb_init(u2); arb_init(r); arb_init(t); arb_init(nrm);
    g = _arb_vec_init(dim + 1);
    row = _fmpq_vec_init(dim);
    for (i = 0; i < n && st == NTK_SUCCESS; i++)
    {
        /* Box-Muller in Arb: sqrt(-2 log u1) (cos, sin)(2 pi u2) */
        for (k = 0; k < dim; k += 2)
        {
            uniform01(u1, &s);
            uniform01(u2, &s);
            arb_log(r, u1, prec);
            arb_mul_si(r, r, -2, prec);
            arb_sqrt(r, r, prec);
            arb_mul_2exp_si(u2, u2, 1);
            arb_sin_cos_pi(g + k + 1, g + k, u2, prec);
            arb_mul(g + k, g + k, r, prec);
            arb_mul(g + k + 1, g + k + 1, r, prec);
        }
        arb_dot(nrm, NULL, 0, g, 1, g, 1, dim, prec);
        arb_rsqrt(nrm, nrm, prec);
        for (k = 0; k < dim; k++)
        {
            double d;
            arb_mul(t, g + k, nrm, prec);
            d = arf_get_d(arb_midref(t), ARF_RND_NEAR);
            fmpq_set_si(row + k, 0, 1);
            if (d != 0.0)
            {
                int e;
                double m = frexp(d, &e);  /* d = m 2^e, m*2^53 integer */
                fmpz_set_d(fmpq_numref(row + k), ldexp(m, 53));
                fmpz_one(fmpq_denref(row + k));
                if (e - 53 >= 0)
                    fmpq_mul_2exp(row + k, row + k, e - 53);
                else
                    fmpq_div_2exp(row + k, row + k, 53 - e);
            }
        }
        st = ntk_points_set_row_fmpq(P, i, row, "random point");
    }
    _fmpq_vec_clear(row, dim);
    _arb_vec_clear(g, dim + 1);
    arb_clear(u1); arb_clear(u2); arb_clear(r); arb_clear(t); arb_clear(nrm);
    return st;
}

void
ntk_points_cos(arb_t rho, arb_t omr, const ntk_points_t X, slong i,
               const ntk_points_t Y, slong j, slong prec)
{
    fmpz_t p, m, d;
    arb_t s, t;
    slong wp = prec + 16;

    fmpz_init(p); fmpz_init(m); fmpz_init(d);
    arb_init(s); arb_init(t);
    _fmpz_vec_dot(p, X->v + i * X->dim, Y->v + j * Y->dim, X->dim);
    fmpz_mul(m, X->norm2 + i, Y->norm2 + j);
    /* s = sqrt(|v|^2 |w|^2) */
    arb_set_fmpz(s, m);
    arb_sqrt(s, s, wp);
    arb_set_fmpz(t, p);
    arb_div(rho, t, s, prec);
    if (fmpz_sgn(p) > 0)
    {
        /* 1 - rho = (m - p^2) / (s (s + p)), numerator exact */
        fmpz_mul(d, p, p);
        fmpz_sub(d, m, d);
        arb_add(t, s, t, wp);
        arb_mul(t, t, s, wp);
        arb_set_fmpz(s, d);
        arb_div(omr, s, t, prec);
        if (fmpz_is_zero(d))
        {
            arb_one(rho);
            arb_zero(omr);
        }
    }
    else
        arb_sub_ui(omr, rho, 1, prec), arb_neg(omr, omr);
    fmpz_clear(p); fmpz_clear(m); fmpz_clear(d);
    arb_clear(s); arb_clear(t);
}

void
ntk_points_norm(arb_t r, const ntk_points_t P, slong i, slong prec)
{
    arb_set_fmpz(r, P->norm2 + i);
    arb_sqrt(r, r, prec + 8);
    arb_div_fmpz(r, r, P->den + i, prec);
}

const char *
ntk_regress_target_names(void)
{
    return "x1 x1x2 sign const sin";
}

/* x_k of the direction of row i */
static void
coord(arb_t x, const ntk_points_t P, slong i, slong k, slong prec)
{
    arb_t s;
    arb_init(s);
    arb_set_fmpz(s, P->norm2 + i);
    arb_rsqrt(s, s, prec + 8);
    arb_mul_fmpz(x, s, P->v + i * P->dim + k, prec);
    arb_clear(s);
}

ntk_status
ntk_regress_target(arb_ptr y, const ntk_points_t P, const char *name, slong prec)
{
    slong i;
    arb_t t;
    int kind;

    if (strcmp(name, "x1") == 0) kind = 0;
    else if (strcmp(name, "x1x2") == 0) kind = 1;
    else if (strcmp(name, "sign") == 0) kind = 2;
    else if (strcmp(name, "const") == 0) kind = 3;
    else if (strcmp(name, "sin") == 0) kind = 4;
    else
        return ntk_error_set(NTK_DOMAIN, "target '%s': unknown target (use one of: %s)",
                             name, ntk_regress_target_names());
    if (kind == 1 && P->dim < 2)
        return ntk_error_set(NTK_DOMAIN, "target x1x2: needs dimension >= 2, have %ld",
                             (long) P->dim);
    arb_init(t);
    for (i = 0; i < P->n; i++)
    {
        switch (kind)
        {
            case 0: coord(y + i, P, i, 0, prec); break;
            case 1:
                coord(y + i, P, i, 0, prec);
                coord(t, P, i, 1, prec);
                arb_mul(y + i, y + i, t, prec);
                break;
            case 2: arb_set_si(y + i, fmpz_sgn(P->v + i * P->dim)); break;
            case 3: arb_one(y + i); break;
            default:
                coord(t, P, i, 0, prec);
                arb_mul_ui(t, t, 3, prec);
                arb_sin(y + i, t, prec);
                break;
        }
    }
    arb_clear(t);
    return NTK_SUCCESS;
}
