/* Jets of every activation against independent truth: differential
 * identities (tanh' = 1 - tanh^2, sigmoid' = sigmoid (1 - sigmoid), ...),
 * direct evaluation with Arb's elementary functions, Taylor's theorem with
 * the Lagrange remainder enclosed by the jet on the whole interval, and
 * enclosure of point values by the jet on a wide ball.  Random points use
 * a fixed seed, printed on failure. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include "ntkdepth.h"

#define PREC 128
#define SEED 20261123UL

/* ---- independent reference values (Arb elementary functions) ---------- */

/* Phi(z) = (1 + erf(z / sqrt 2)) / 2 */
static void
ref_Phi(acb_t r, const acb_t z, slong prec)
{
    acb_t t;
    acb_init(t);
    acb_set_d(t, 2.0);
    acb_rsqrt(t, t, prec);
    acb_mul(t, t, z, prec);
    acb_hypgeom_erf(r, t, prec);
    acb_add_ui(r, r, 1, prec);
    acb_mul_2exp_si(r, r, -1);
    acb_clear(t);
}

/* standard normal density e^(-z^2/2) / sqrt(2 pi) */
static void
ref_varphi(acb_t r, const acb_t z, slong prec)
{
    acb_t t;
    arb_t s;
    acb_init(t);
    arb_init(s);
    acb_sqr(t, z, prec);
    acb_mul_2exp_si(t, t, -1);
    acb_neg(t, t);
    acb_exp(r, t, prec);
    arb_const_pi(s, prec);
    arb_mul_2exp_si(s, s, 1);
    arb_rsqrt(s, s, prec);
    acb_mul_arb(r, r, s, prec);
    acb_clear(t);
    arb_clear(s);
}

static void
ref_sigmoid(acb_t r, const acb_t z, slong prec)
{
    acb_neg(r, z);
    acb_exp(r, r, prec);
    acb_add_ui(r, r, 1, prec);
    acb_inv(r, r, prec);
}

/* phi_branch(z) directly from the definition */
static void
ref_phi(acb_t r, const ntk_act_t act, const acb_t z, int branch, slong prec)
{
    acb_t t;
    arb_t m;
    acb_init(t);
    arb_init(m);
    switch (act->kind)
    {
        case NTK_ACT_RELULIKE:
            arb_set_fmpq(m, act->b, prec);
            if (branch < 0)
                arb_neg(m, m);
            else if (branch == 0)
                arb_zero(m);
            arb_set_fmpq(acb_realref(t), act->a, prec);
            arb_add(m, m, acb_realref(t), prec);
            acb_mul_arb(r, z, m, prec);
            break;
        case NTK_ACT_STEP:
            acb_set_si(r, branch > 0);
            break;
        case NTK_ACT_RELU_POW:
            if (branch > 0)
                acb_pow_ui(r, z, act->k, prec);
            else
                acb_zero(r);
            break;
        case NTK_ACT_ERF: acb_hypgeom_erf(r, z, prec); break;
        case NTK_ACT_GELU: ref_Phi(t, z, prec); acb_mul(r, t, z, prec); break;
        case NTK_ACT_SIN: acb_sin(r, z, prec); break;
        case NTK_ACT_COS: acb_cos(r, z, prec); break;
        case NTK_ACT_TANH: acb_tanh(r, z, prec); break;
        case NTK_ACT_SIGMOID: ref_sigmoid(r, z, prec); break;
        case NTK_ACT_SILU: ref_sigmoid(t, z, prec); acb_mul(r, t, z, prec); break;
        case NTK_ACT_SOFTPLUS:
            acb_exp(t, z, prec);
            acb_add_ui(t, t, 1, prec);
            acb_log(r, t, prec);
            break;
        case NTK_ACT_MISH:
            /* z tanh(log(1 + e^z)), literally */
            acb_exp(t, z, prec);
            acb_add_ui(t, t, 1, prec);
            acb_log(t, t, prec);
            acb_tanh(t, t, prec);
            acb_mul(r, t, z, prec);
            break;
        case NTK_ACT_ELU:
        case NTK_ACT_SELU:
            if (branch > 0)
                acb_set(r, z);
            else
            {
                acb_exp(t, z, prec);
                acb_sub_ui(t, t, 1, prec);
                arb_set_fmpq(m, act->alpha, prec);
                acb_mul_arb(r, t, m, prec);
            }
            if (act->kind == NTK_ACT_SELU)
            {
                arb_set_fmpq(m, act->lambda, prec);
                acb_mul_arb(r, r, m, prec);
            }
            break;
    }
    acb_clear(t);
    arb_clear(m);
}

static const char *all_names[] = {
    "relu", "leaky_relu:0.1", "abs", "linear", "relulike:1,0.5", "step",
    "relu_pow:2", "relu_pow:3", "erf", "gelu", "sin", "cos", "tanh", "elu",
    "elu:0.5", "selu", "silu", "softplus", "sigmoid", "mish"};
#define NNAMES ((int) (sizeof(all_names) / sizeof(all_names[0])))

static void
set_act(ntk_act_t a, const char *name)
{
    if (ntk_act_set_str(a, name) != NTK_SUCCESS)
        fail_msg("parse %s: %s", name, ntk_error_last());
}

static int
jet_ok(acb_ptr res, const ntk_act_t a, const acb_t z, int br, slong len, slong prec)
{
    ntk_status st = ntk_act_jet(res, a, z, br, len, prec);
    if (st != NTK_SUCCESS)
    {
        printf("jet of %s failed: %s\n", a->name, ntk_error_last());
        return 0;
    }
    return 1;
}

/* ---- value: res[0] against the definition, at complex points ---------- */
static void
test_values(void **state)
{
    static const double pts[][2] = {{0.3, 0.2}, {-1.7, 0.4}, {2.5, -0.6},
                                    {-0.05, 0.7}, {6.0, 0.1}, {-9.0, -0.3}};
    ntk_act_t a;
    acb_ptr res = _acb_vec_init(1);
    acb_t z, r;
    (void) state;
    ntk_act_init(a);
    acb_init(z);
    acb_init(r);
    for (int i = 0; i < NNAMES; i++)
    {
        set_act(a, all_names[i]);
        for (size_t k = 0; k < sizeof(pts) / sizeof(pts[0]); k++)
        {
            acb_set_d_d(z, pts[k][0], pts[k][1]);
            for (int br = -1; br <= 1; br++)
            {
                if ((br == 0) == ntk_act_is_piecewise(a))
                    continue;
                assert_true(jet_ok(res, a, z, br, 1, PREC));
                ref_phi(r, a, z, br, PREC);
                if (!acb_overlaps(res, r) || acb_rel_accuracy_bits(res) < PREC - 20)
                {
                    printf("%s branch %d at %g%+gi: ", a->name, br, pts[k][0], pts[k][1]);
                    acb_printn(res, 30, 0);
                    printf(" vs ");
                    acb_printn(r, 30, 0);
                    printf("\n");
                    fail();
                }
            }
        }
    }
    _acb_vec_clear(res, 1);
    acb_clear(z);
    acb_clear(r);
    ntk_act_clear(a);
}

/* ---- differential identities at complex points ----------------------- */

static void
check(const acb_t x, const acb_t y, const char *what)
{
    if (!acb_overlaps(x, y))
    {
        printf("%s: ", what);
        acb_printn(x, 30, 0);
        printf(" vs ");
        acb_printn(y, 30, 0);
        printf("\n");
        fail_msg("identity %s violated", what);
    }
}

static void
test_identities(void **state)
{
    static const double pts[][2] = {{0.3, 0.2}, {-1.2, 0.5}, {2.0, -0.3}, {-4.0, 0.1}};
    ntk_act_t a;
    acb_ptr j1 = _acb_vec_init(4), j2 = _acb_vec_init(4);
    acb_t z, t, u;
    arb_t s;
    (void) state;
    ntk_act_init(a);
    acb_init(z);
    acb_init(t);
    acb_init(u);
    arb_init(s);

    for (size_t k = 0; k < sizeof(pts) / sizeof(pts[0]); k++)
    {
        acb_set_d_d(z, pts[k][0], pts[k][1]);

        /* tanh' = 1 - tanh^2 ; tanh''/2 = -tanh (1 - tanh^2) */
        set_act(a, "tanh");
        assert_true(jet_ok(j1, a, z, 0, 3, PREC));
        acb_sqr(t, j1, PREC);
        acb_sub_ui(t, t, 1, PREC);
        acb_neg(t, t);
        check(j1 + 1, t, "tanh' = 1 - tanh^2");
        acb_mul(t, t, j1, PREC);
        acb_neg(t, t);
        check(j1 + 2, t, "tanh''/2 = -tanh sech^2");

        /* sigmoid' = sigmoid (1 - sigmoid) */
        set_act(a, "sigmoid");
        assert_true(jet_ok(j1, a, z, 0, 2, PREC));
        acb_sub_ui(t, j1, 1, PREC);
        acb_neg(t, t);
        acb_mul(t, t, j1, PREC);
        check(j1 + 1, t, "sigmoid' = sigmoid (1 - sigmoid)");

        /* softplus' = sigmoid, softplus''/2 = sigmoid'/2 */
        set_act(a, "sigmoid");
        assert_true(jet_ok(j2, a, z, 0, 3, PREC));
        set_act(a, "softplus");
        assert_true(jet_ok(j1, a, z, 0, 4, PREC));
        check(j1 + 1, j2, "softplus' = sigmoid");
        acb_mul_2exp_si(t, j1 + 2, 1);
        check(t, j2 + 1, "softplus'' = sigmoid'");

        /* silu = z sigmoid, silu' = sigmoid + z sigmoid' */
        set_act(a, "silu");
        assert_true(jet_ok(j1, a, z, 0, 2, PREC));
        acb_mul(t, z, j2, PREC);
        check(j1, t, "silu = z sigmoid");
        acb_mul(t, z, j2 + 1, PREC);
        acb_add(t, t, j2, PREC);
        check(j1 + 1, t, "silu' = sigmoid + z sigmoid'");

        /* erf' = 2/sqrt(pi) e^(-z^2) */
        set_act(a, "erf");
        assert_true(jet_ok(j1, a, z, 0, 2, PREC));
        acb_sqr(t, z, PREC);
        acb_neg(t, t);
        acb_exp(t, t, PREC);
        arb_const_sqrt_pi(s, PREC);
        acb_div_arb(t, t, s, PREC);
        acb_mul_2exp_si(t, t, 1);
        check(j1 + 1, t, "erf' = 2/sqrt(pi) e^(-z^2)");

        /* gelu' = Phi + z varphi ; gelu'' = 2 varphi - z^2 varphi */
        set_act(a, "gelu");
        assert_true(jet_ok(j1, a, z, 0, 3, PREC));
        ref_Phi(t, z, PREC);
        ref_varphi(u, z, PREC);
        acb_addmul(t, z, u, PREC);
        check(j1 + 1, t, "gelu' = Phi + z varphi");
        acb_sqr(t, z, PREC);
        acb_sub_ui(t, t, 2, PREC);
        acb_neg(t, t);
        acb_mul(t, t, u, PREC);
        acb_mul_2exp_si(t, t, -1);
        check(j1 + 2, t, "gelu''/2 = (2 - z^2) varphi / 2");

        /* mish' from the definition: d/dz [z tanh(sp)] = tanh(sp) +
           z sech^2(sp) sigmoid(z) */
        set_act(a, "mish");
        assert_true(jet_ok(j1, a, z, 0, 2, PREC));
        acb_exp(t, z, PREC);
        acb_add_ui(t, t, 1, PREC);
        acb_log(t, t, PREC);
        acb_tanh(t, t, PREC);                 /* T = tanh(softplus z) */
        acb_sqr(u, t, PREC);
        acb_sub_ui(u, u, 1, PREC);
        acb_neg(u, u);                        /* 1 - T^2 */
        acb_mul(u, u, j2, PREC);              /* times sigmoid(z) */
        acb_mul(u, u, z, PREC);
        acb_add(u, u, t, PREC);
        check(j1 + 1, u, "mish' = T + z (1 - T^2) sigmoid");

        /* sin' = cos, cos' = -sin, sin''/2 = -sin/2 */
        set_act(a, "sin");
        assert_true(jet_ok(j1, a, z, 0, 3, PREC));
        set_act(a, "cos");
        assert_true(jet_ok(j2, a, z, 0, 2, PREC));
        check(j1 + 1, j2, "sin' = cos");
        acb_neg(t, j1);
        check(j2 + 1, t, "cos' = -sin");
        acb_mul_2exp_si(t, t, -1);
        check(j1 + 2, t, "sin''/2 = -sin/2");

        /* elu branch -1: all derivatives alpha e^z / j! ; selu: lambda alpha e^z */
        set_act(a, "elu:0.5");
        assert_true(jet_ok(j1, a, z, -1, 4, PREC));
        acb_exp(t, z, PREC);
        acb_mul_2exp_si(t, t, -1);
        check(j1 + 1, t, "elu' = alpha e^z");
        acb_div_ui(u, t, 6, PREC);
        check(j1 + 3, u, "elu'''/6 = alpha e^z / 6");
        set_act(a, "selu");
        assert_true(jet_ok(j1, a, z, -1, 3, PREC));
        arb_set_fmpq(s, a->alpha, PREC);
        acb_exp(t, z, PREC);
        acb_mul_arb(t, t, s, PREC);
        arb_set_fmpq(s, a->lambda, PREC);
        acb_mul_arb(t, t, s, PREC);
        check(j1 + 1, t, "selu' = lambda alpha e^z");

        /* relu_pow:3 branch +1: 3 z^2, 3 z, 1, 0 */
        set_act(a, "relu_pow:3");
        assert_true(jet_ok(j1, a, z, 1, 4, PREC));
        acb_sqr(t, z, PREC);
        acb_mul_ui(t, t, 3, PREC);
        check(j1 + 1, t, "(z^3)' = 3 z^2");
        acb_one(t);
        check(j1 + 3, t, "(z^3)'''/6 = 1");
        assert_true(jet_ok(j1, a, z, -1, 4, PREC));
        for (int j = 0; j < 4; j++)
            assert_true(acb_is_zero(j1 + j));
    }
    _acb_vec_clear(j1, 4);
    _acb_vec_clear(j2, 4);
    acb_clear(z);
    acb_clear(t);
    acb_clear(u);
    arb_clear(s);
    ntk_act_clear(a);
}

/* ---- Taylor's theorem: phi(x + h) = sum_{j<N} c_j(x) h^j + c_N(xi) h^N,
 * xi in [x, x + h]; c_N on the interval is the jet at the real ball. ---- */
static void
test_taylor(void **state)
{
    const slong N = 6;
    flint_rand_t rs;
    ntk_act_t a;
    acb_ptr jx = _acb_vec_init(N + 1), ji = _acb_vec_init(N + 1);
    acb_t z, zi, hp, sum, t, ref;
    arb_t x, h;
    (void) state;
    flint_rand_init(rs);
    flint_rand_set_seed(rs, SEED, SEED + 1);
    ntk_act_init(a);
    acb_init(z);
    acb_init(zi);
    acb_init(hp);
    acb_init(sum);
    acb_init(t);
    acb_init(ref);
    arb_init(x);
    arb_init(h);

    for (int i = 0; i < NNAMES; i++)
    {
        set_act(a, all_names[i]);
        for (int trial = 0; trial < 10; trial++)
        {
            /* x in (-4, 4) away from 0 for piecewise ones, h in (0, 1/4) */
            double xd = 8.0 * ((double) n_randint(rs, 1u << 20) / (1u << 20)) - 4.0;
            double hd = 0.25 * ((double) (1 + n_randint(rs, 1u << 20)) / (1u << 20));
            int br = 0;
            if (ntk_act_is_piecewise(a))
            {
                if (xd > -0.3 && xd < 0.3)
                    xd = 0.7;
                br = xd > 0 ? 1 : -1;
                if (br < 0)
                    hd = -hd;   /* stay on the branch */
            }
            arb_set_d(x, xd);
            arb_set_d(h, hd);
            acb_set_arb(z, x);
            /* zi = the real interval between x and x + h */
            arb_union(acb_realref(zi), x, x, PREC);
            arb_add(acb_realref(t), x, h, PREC);
            arb_union(acb_realref(zi), acb_realref(zi), acb_realref(t), PREC);
            arb_zero(acb_imagref(zi));
            assert_true(jet_ok(jx, a, z, br, N + 1, PREC));
            assert_true(jet_ok(ji, a, zi, br, N + 1, PREC));
            acb_zero(sum);
            acb_one(hp);
            for (slong j = 0; j < N; j++)
            {
                acb_addmul(sum, jx + j, hp, PREC);
                acb_mul_arb(hp, hp, h, PREC);
            }
            acb_addmul(sum, ji + N, hp, PREC);     /* Lagrange remainder */
            acb_set_arb(t, x);
            acb_add_arb(t, t, h, PREC);
            ref_phi(ref, a, t, br, PREC);
            if (!acb_overlaps(sum, ref))
                fail_msg("Taylor check %s x = %g h = %g (seed %lu)", a->name, xd, hd, SEED);
        }
    }
    flint_rand_clear(rs);
    _acb_vec_clear(jx, N + 1);
    _acb_vec_clear(ji, N + 1);
    acb_clear(z);
    acb_clear(zi);
    acb_clear(hp);
    acb_clear(sum);
    acb_clear(t);
    acb_clear(ref);
    arb_clear(x);
    arb_clear(h);
    ntk_act_clear(a);
}

/* ---- enclosure on wide complex balls: the jet at a box contains the
 * jets at points inside it ----------------------------------------------- */
static void
test_wide_balls(void **state)
{
    const slong len = 5;
    flint_rand_t rs;
    ntk_act_t a;
    acb_ptr jb = _acb_vec_init(len), jp = _acb_vec_init(len);
    acb_t box, p;
    (void) state;
    flint_rand_init(rs);
    flint_rand_set_seed(rs, SEED + 7, SEED + 8);
    ntk_act_init(a);
    acb_init(box);
    acb_init(p);
    for (int i = 0; i < NNAMES; i++)
    {
        set_act(a, all_names[i]);
        for (int br = -1; br <= 1; br++)
        {
            if ((br == 0) == ntk_act_is_piecewise(a))
                continue;
            /* box centre (br or 1.3) + 0.2 i, radius 0.5 (real), 0.3 (imag) */
            acb_set_d_d(box, br != 0 ? 1.3 * br : 0.4, 0.2);
            mag_set_d(arb_radref(acb_realref(box)), 0.5);
            mag_set_d(arb_radref(acb_imagref(box)), 0.3);
            assert_true(jet_ok(jb, a, box, br, len, PREC));
            for (int trial = 0; trial < 20; trial++)
            {
                double dx = ((double) n_randint(rs, 2001) - 1000.0) / 2000.0;
                double dy = ((double) n_randint(rs, 2001) - 1000.0) / 1000.0 * 0.3;
                acb_set_d_d(p, (br != 0 ? 1.3 * br : 0.4) + dx, 0.2 + dy);
                assert_true(jet_ok(jp, a, p, br, len, PREC));
                for (slong j = 0; j < len; j++)
                    if (!acb_overlaps(jb + j, jp + j))
                        fail_msg("%s: jet on box misses point value, j = %ld (seed %lu)",
                                 a->name, (long) j, SEED + 7);
            }
        }
    }
    flint_rand_clear(rs);
    _acb_vec_clear(jb, len);
    _acb_vec_clear(jp, len);
    acb_clear(box);
    acb_clear(p);
    ntk_act_clear(a);
}

/* ---- status codes ------------------------------------------------------ */
static void
test_status(void **state)
{
    ntk_act_t a;
    acb_ptr res = _acb_vec_init(3);
    acb_t z;
    arb_ptr rr = _arb_vec_init(3);
    arb_t x;
    (void) state;
    ntk_act_init(a);
    acb_init(z);
    arb_init(x);

    /* wrong branches */
    set_act(a, "relu");
    acb_set_d(z, 0.5);
    assert_int_equal(ntk_act_jet(res, a, z, 0, 3, PREC), NTK_DOMAIN);
    set_act(a, "tanh");
    assert_int_equal(ntk_act_jet(res, a, z, 1, 3, PREC), NTK_DOMAIN);
    assert_int_equal(ntk_act_jet(res, a, z, -1, 3, PREC), NTK_DOMAIN);
    set_act(a, "linear");
    assert_int_equal(ntk_act_jet(res, a, z, 1, 3, PREC), NTK_DOMAIN);

    /* a ball around the pole i pi/2 of tanh, and of sigmoid at i pi */
    set_act(a, "tanh");
    acb_zero(z);
    arb_const_pi(acb_imagref(z), PREC);
    arb_mul_2exp_si(acb_imagref(z), acb_imagref(z), -1);
    mag_set_d(arb_radref(acb_imagref(z)), 0.01);
    assert_int_equal(ntk_act_jet(res, a, z, 0, 3, PREC), NTK_UNABLE);
    set_act(a, "sigmoid");
    arb_mul_2exp_si(acb_imagref(z), acb_imagref(z), 1);
    assert_int_equal(ntk_act_jet(res, a, z, 0, 3, PREC), NTK_UNABLE);
    /* softplus beyond its strip of analyticity */
    set_act(a, "softplus");
    acb_set_d_d(z, 0.0, 3.5);
    assert_int_equal(ntk_act_jet(res, a, z, 0, 3, PREC), NTK_UNABLE);

    /* real convenience: right branch at 0 exactly; union on a straddling
       ball */
    set_act(a, "relu");
    arb_zero(x);
    assert_int_equal(ntk_act_jet_arb(rr, a, x, 3, PREC), NTK_SUCCESS);
    assert_true(arb_is_zero(rr) && arb_is_one(rr + 1));
    mag_set_d(arb_radref(x), 0.1);
    assert_int_equal(ntk_act_jet_arb(rr, a, x, 3, PREC), NTK_SUCCESS);
    assert_true(arb_contains_si(rr + 1, 0) && arb_contains_si(rr + 1, 1));
    arb_set_d(x, -2.0);
    assert_int_equal(ntk_act_jet_arb(rr, a, x, 3, PREC), NTK_SUCCESS);
    assert_true(arb_is_zero(rr) && arb_is_zero(rr + 1));
    set_act(a, "tanh");
    arb_set_d(x, 0.5);
    assert_int_equal(ntk_act_jet_arb(rr, a, x, 3, PREC), NTK_SUCCESS);
    arb_tanh(x, x, PREC);
    assert_true(arb_overlaps(rr, x));

    _acb_vec_clear(res, 3);
    _arb_vec_clear(rr, 3);
    acb_clear(z);
    arb_clear(x);
    ntk_act_clear(a);
}

/* ---- growth bounds: |phi(z)| <= A + B |z|^p at sample points of the
 * region, including its boundary |Im z| = r ------------------------------ */
static void
test_growth(void **state)
{
    flint_rand_t rs;
    ntk_act_t a;
    acb_ptr j = _acb_vec_init(1);
    acb_t z;
    arb_t A, B, r, bound, t;
    slong p;
    (void) state;
    flint_rand_init(rs);
    flint_rand_set_seed(rs, SEED + 3, SEED + 4);
    ntk_act_init(a);
    acb_init(z);
    arb_init(A);
    arb_init(B);
    arb_init(r);
    arb_init(bound);
    arb_init(t);
    for (int i = 0; i < NNAMES; i++)
    {
        set_act(a, all_names[i]);
        for (int br = -1; br <= 1; br++)
        {
            if ((br == 0) == ntk_act_is_piecewise(a))
                continue;
            ntk_act_growth_poly(A, B, r, &p, a, br, PREC);
            assert_true(arb_is_finite(A) && arb_is_finite(B) && arb_is_positive(r));
            for (int trial = 0; trial < 200; trial++)
            {
                double rd = arf_get_d(arb_midref(r), ARF_RND_DOWN);
                double x = ((double) n_randint(rs, 4001) - 2000.0) / 100.0;
                double y = rd * ((double) n_randint(rs, 2001) - 1000.0) / 1000.0;
                if (trial % 4 == 0)
                    y = trial % 8 == 0 ? rd : -rd;       /* the boundary */
                if (br > 0 && x < -rd)
                    x = -x;
                if (br < 0 && x > rd)
                    x = -x;
                acb_set_d_d(z, x, y);
                /* stay in the closed region (rounding of rd is downward) */
                assert_true(jet_ok(j, a, z, br, 1, PREC));
                acb_abs(t, z, PREC);
                arb_pow_ui(bound, t, (ulong) p, PREC);
                arb_mul(bound, bound, B, PREC);
                arb_add(bound, bound, A, PREC);
                acb_abs(t, j, PREC);
                if (arb_gt(t, bound))
                    fail_msg("%s branch %d: |phi(%g%+gi)| above growth bound (seed %lu)",
                             a->name, br, x, y, SEED + 3);
            }
        }
    }
    /* the linear-growth form: finite B except for relu_pow:K >= 2 */
    set_act(a, "relu_pow:2");
    ntk_act_growth(A, B, r, a, 1, PREC);
    assert_false(arb_is_finite(B));
    ntk_act_growth(A, B, r, a, -1, PREC);
    assert_true(arb_is_zero(A) && arb_is_zero(B));
    /* tanh: the strip stays below the poles at +-i pi/2 and the bound is
       attained at z = i r (Lemma A5(b)): |tanh(i r)| = tan r <= A */
    set_act(a, "tanh");
    ntk_act_growth(A, B, r, a, 0, PREC);
    assert_true(arb_is_zero(B));
    arb_const_pi(t, PREC);
    arb_mul_2exp_si(t, t, -1);
    assert_true(arb_lt(r, t));
    acb_set_arb(z, r);
    acb_mul_onei(z, z);
    acb_tanh(z, z, PREC);
    acb_abs(t, z, PREC);
    assert_false(arb_gt(t, A));

    flint_rand_clear(rs);
    _acb_vec_clear(j, 1);
    acb_clear(z);
    arb_clear(A);
    arb_clear(B);
    arb_clear(r);
    arb_clear(bound);
    arb_clear(t);
    ntk_act_clear(a);
}

/* values on an arithmetic progression: tanh's recurrence against arb_tanh
   (and 1 - tanh^2) at each point; silu, sigmoid (recurrence) and softplus
   (generic path) against the jet;
   a step ball: every value encloses the function at i * (centre of h) */
static void
test_values_ap(void **state)
{
    const double steps[] = {0.07, -0.13, 0.011};
    ntk_act_t act;
    arb_ptr v = _arb_vec_init(600);
    arb_ptr jet = _arb_vec_init(2);
    arb_t h, x, t;
    slong prec = 160, n = 600;
    (void) state;
    ntk_act_init(act);
    arb_init(h); arb_init(x); arb_init(t);
    const char *names[] = {"tanh", "silu", "sigmoid", "softplus"};
    for (int a = 0; a < 4; a++)
    {
        assert_int_equal(ntk_act_set_str(act, names[a]), NTK_SUCCESS);
        for (int si = 0; si < 3; si++)
            for (slong k = 0; k <= 1; k++)
                for (int wide = 0; wide <= 1; wide++)
                {
                    arb_set_d(h, steps[si]);
                    if (wide)
                        mag_set_ui_2exp_si(arb_radref(h), 1, -100);
                    assert_int_equal(ntk_act_values_ap(v, act, k, h, n, prec), NTK_SUCCESS);
                    for (slong i = 0; i < n; i += 7)
                    {
                        arb_set_arf(x, arb_midref(h));
                        arb_mul_si(x, x, i, 2 * prec);
                        if (a == 0)
                        {
                            arb_tanh(t, x, 2 * prec);
                            if (k == 1)
                            {
                                arb_sqr(t, t, 2 * prec);
                                arb_sub_ui(t, t, 1, 2 * prec);
                                arb_neg(t, t);
                            }
                        }
                        else
                        {
                            assert_int_equal(ntk_act_jet_arb(jet, act, x, 2, 2 * prec),
                                             NTK_SUCCESS);
                            arb_set(t, jet + k);
                        }
                        assert_true(arb_contains(v + i, t) || arb_overlaps(v + i, t));
                        assert_true(arb_contains_arf(v + i, arb_midref(t)));
                        /* absolute accuracy about prec bits (wide: the input) */
                        assert_true(mag_cmp_2exp_si(arb_radref(v + i),
                                                    wide ? -100 + 14 : -prec + 14) <= 0);
                    }
                }
    }
    assert_int_equal(ntk_act_values_ap(v, act, 2, h, n, prec), NTK_DOMAIN);
    ntk_act_clear(act);
    _arb_vec_clear(v, 600);
    _arb_vec_clear(jet, 2);
    arb_clear(h); arb_clear(x); arb_clear(t);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_values_ap),
        cmocka_unit_test(test_identities),
        cmocka_unit_test(test_taylor),
        cmocka_unit_test(test_wide_balls),
        cmocka_unit_test(test_status),
        cmocka_unit_test(test_growth),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    flint_cleanup();
    return rc;
}
