/*
 * The constants of the ReLU-like EOC orbit (proofs/fatou.md Lemma J12):
 * the jump to L = infinity.  With K = lim (Phi(t_L) - L) (Lemma J5 summed
 * over the whole orbit),
 *   w_L = (eps_L/2)^(-1/2) = A L + A B ln L + Cw + o(1),  Cw = A (K + B ln A),
 *   Theta^L_12 / q1 = L/4 + (3/8) ln L + Cu + o(1),      Cu = pm1 Cw + p_0,
 * (H2's C(c0) and H5's C'(c0)).
 */
#include "jump_impl.h"

ntk_status
ntk_jump_rl_const(arb_t cw, arb_t cu, const ntk_jump_rl_t J, const arb_t tb,
                  const fmpz_t L1, slong prec)
{
    arb_t K, x;
    mag_t Alo, S;
    ntk_status st = NTK_SUCCESS;

    arb_init(K); arb_init(x);
    mag_init(Alo); mag_init(S);
    if (!mag_is_finite(J->Dphi) || !ntk_jump_in_domain(tb, J->t0))
    {
        st = ntk_error_set(NTK_UNABLE, "orbit constants: the Abel model does not cover t = "
                           "sqrt(eps/2) at this depth");
        if (cw != NULL)
            arb_indeterminate(cw);
        if (cu != NULL)
            arb_indeterminate(cu);
        goto cleanup;
    }
    /* K in Phi(t_L1) - L1 +- Dphi S_(N+2) (Lemmas J4, J5, J12) */
    ntk_jump_rl_phi(K, J, tb, prec);
    arb_sub_fmpz(K, K, L1, prec);
    arb_get_mag_lower(Alo, J->A);
    ntk_jump_tail_sum(S, J->t0, Alo, J->N + 2);
    mag_mul(S, S, J->Dphi);
    arb_add_error_mag(K, S);
    /* Cw = A (K + B ln A) */
    arb_log(x, J->A, prec);
    arb_addmul(K, x, J->B, prec);
    arb_mul(K, K, J->A, prec);
    /* Cu = pm1 Cw + p_0 (Lemma J7: pm1 = 1/(4A), p_0 = -1/8) */
    if (cu != NULL)
    {
        arb_mul(x, K, J->pm1, prec);
        arb_add(cu, x, J->p + 0, prec);
    }
    if (cw != NULL)
        arb_swap(cw, K);

cleanup:
    arb_clear(K); arb_clear(x);
    mag_clear(Alo); mag_clear(S);
    return st;
}

ntk_status
ntk_iter_jump_constants(arb_t cw, arb_t cu, const ntk_iter_problem_t pb,
                        const arb_t eps, const fmpz_t L, slong prec)
{
    slong wp = prec + 16, N;
    arb_t tb, delta;
    fmpq_t d;
    mag_t t0;
    ntk_jump_rl_t J;
    int have_J = 0;
    ntk_status st = NTK_SUCCESS;

    if (cw != NULL)
        arb_indeterminate(cw);
    if (cu != NULL)
        arb_indeterminate(cu);
    if (!ntk_iter_jump_applies(pb))
        return ntk_error_set(NTK_DOMAIN, "orbit constants: defined for ReLU-like activations "
                             "(a x + b|x|, b != 0) at the edge of chaos with sigma_b = 0 and a "
                             "given q1 (got %s)", pb->act->name);
    if (arb_is_zero(eps))
        return ntk_error_set(NTK_DOMAIN, "orbit constants: eps = 0 exactly (c = 1 from the "
                             "start): w_L is infinite");
    if (fmpz_sgn(L) <= 0)
        return ntk_error_set(NTK_DOMAIN, "orbit constants: depth must be >= 1");

    arb_init(tb); arb_init(delta);
    fmpq_init(d);
    mag_init(t0);
    arb_mul_2exp_si(tb, eps, -1);
    arb_sqrt(tb, tb, wp);                       /* t_L = sqrt(eps_L/2) */
    if (!arb_is_positive(tb))
    {
        st = ntk_error_set(NTK_UNABLE, "orbit constants: eps is not certainly positive");
        goto cleanup;
    }
    arb_get_mag(t0, tb);
    N = ntk_jump_rl_order(t0, prec);
    if (N == 0 || N > 200)
    {
        char *s = fmpz_get_str(NULL, 10, L);
        st = ntk_error_set(NTK_UNABLE, "orbit constants: depth %s is too shallow for the Abel "
                           "model (t = sqrt(eps/2) must be below 1/32)", s);
        flint_free(s);
        goto cleanup;
    }
    ntk_jump_rl_delta(d, pb);
    arb_set_fmpq(delta, d, wp);
    ntk_jump_rl_init(J, delta, N, wp);
    have_J = 1;
    st = ntk_jump_rl_bound(J, t0, wp);
    if (st == NTK_SUCCESS)
        st = ntk_jump_rl_const(cw, cu, J, tb, L, wp);
    if (st == NTK_SUCCESS)
    {
        if (cw != NULL)
            arb_set_round(cw, cw, prec);
        if (cu != NULL)
            arb_set_round(cu, cu, prec);
    }

cleanup:
    if (have_J)
        ntk_jump_rl_clear(J);
    arb_clear(tb); arb_clear(delta);
    fmpq_clear(d);
    mag_clear(t0);
    return st;
}
