/* Gram matrices on the sphere: one recursion per distinct rho, shared
   diagonal, concurrent recursions, certified assembly. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/regress.h"

void
ntk_gram_init(ntk_gram_t G)
{
    memset(G, 0, sizeof(*G));
}

void
ntk_gram_clear(ntk_gram_t G)
{
    slong k;
    for (k = 0; k < G->nd; k++)
    {
        if (G->kappa) arb_mat_clear(G->kappa + k);
        if (G->kx) arb_mat_clear(G->kx + k);
    }
    flint_free(G->kappa);
    flint_free(G->kx);
    flint_free(G->depths);
    if (G->theta11)
        _arb_vec_clear(G->theta11, G->nd);
    memset(G, 0, sizeof(*G));
}

typedef struct
{
    fmpq_t key;     /* sign(P) P^2 / (|v|^2 |w|^2): determines rho exactly */
    slong i, j;     /* training row i, column j (training j, or test j) */
    int test;       /* 1 if j indexes a test point */
    slong id;       /* distinct value index (0: the diagonal, rho = 1) */
} pair_t;

static int
pair_cmp(const void *x, const void *y)
{
    return fmpq_cmp(((const pair_t *) x)->key, ((const pair_t *) y)->key);
}

static void
pair_key(fmpq_t key, const ntk_points_t X, slong i, const ntk_points_t Y, slong j)
{
    fmpz_t p, m;
    fmpz_init(p); fmpz_init(m);
    _fmpz_vec_dot(p, X->v + i * X->dim, Y->v + j * Y->dim, X->dim);
    fmpz_mul(m, X->norm2 + i, Y->norm2 + j);
    {
        int s = fmpz_sgn(p);
        fmpz_mul(p, p, p);
        if (s < 0)
            fmpz_neg(p, p);
    }
    fmpq_set_fmpz_frac(key, p, m);
    fmpz_clear(p); fmpz_clear(m);
}

/* ---- concurrent recursions ---- */
typedef struct
{
    pthread_mutex_t lock;
    slong next, count;
    arb_srcptr eps0;        /* count starting values */
    arb_ptr th11;           /* count * nd */
    arb_ptr delta;          /* count * nd */
    const slong *depths;
    slong nd, prec;
    ntk_regress_kernel_fn kernel;
    const void *param;
    ntk_status st;
    char msg[512];
} job_t;

static void *
worker(void *arg)
{
    job_t *J = arg;
    for (;;)
    {
        slong t;
        ntk_status st;
        pthread_mutex_lock(&J->lock);
        t = (J->st == NTK_SUCCESS && J->next < J->count) ? J->next++ : -1;
        pthread_mutex_unlock(&J->lock);
        if (t < 0)
            break;
        st = J->kernel(J->th11 + t * J->nd, J->delta + t * J->nd, J->eps0 + t,
                       J->depths, J->nd, J->param, J->prec);
        if (st != NTK_SUCCESS)
        {
            pthread_mutex_lock(&J->lock);
            if (J->st == NTK_SUCCESS)
            {
                J->st = st;
                strncpy(J->msg, ntk_error_last(), sizeof(J->msg) - 1);
                J->msg[sizeof(J->msg) - 1] = '\0';
            }
            pthread_mutex_unlock(&J->lock);
        }
    }
    flint_cleanup();
    return NULL;
}

static ntk_status
run_jobs(job_t *J, slong nthreads)
{
    pthread_t *tid;
    slong t, started = 0;

    pthread_mutex_init(&J->lock, NULL);
    J->next = 0;
    J->st = NTK_SUCCESS;
    J->msg[0] = '\0';
    if (nthreads > J->count)
        nthreads = J->count;
    if (nthreads <= 1)
    {
        /* run in the calling thread (keeps its Arb caches) */
        for (t = 0; t < J->count && J->st == NTK_SUCCESS; t++)
        {
            ntk_status st = J->kernel(J->th11 + t * J->nd, J->delta + t * J->nd,
                                      J->eps0 + t, J->depths, J->nd, J->param, J->prec);
            if (st != NTK_SUCCESS)
            {
                J->st = st;
                strncpy(J->msg, ntk_error_last(), sizeof(J->msg) - 1);
                J->msg[sizeof(J->msg) - 1] = '\0';
            }
        }
    }
    else
    {
        tid = flint_malloc(nthreads * sizeof(pthread_t));
        for (t = 0; t < nthreads; t++)
            if (pthread_create(tid + t, NULL, worker, J) == 0)
                started++;
        if (started == 0)
            worker(J);
        for (t = 0; t < started; t++)
            pthread_join(tid[t], NULL);
        flint_free(tid);
    }
    pthread_mutex_destroy(&J->lock);
    if (J->st != NTK_SUCCESS)
        return ntk_error_set(J->st, "%s", J->msg);
    return NTK_SUCCESS;
}

ntk_status
ntk_gram_build(ntk_gram_t G, const ntk_points_t X, const ntk_points_t T,
               const slong *depths, slong nd, const arb_t scale,
               ntk_regress_kernel_fn kernel, const void *param, slong nthreads,
               slong prec)
{
    slong n = X->n, m = T->n, npairs, p, k, ndist = 0, i, j;
    pair_t *pairs = NULL;
    arb_ptr eps0 = NULL, th11 = NULL, delta = NULL;
    arb_t rho, omr;
    fmpq_t one;
    job_t J;
    ntk_status st = NTK_SUCCESS;

    ntk_gram_clear(G);
    if (n < 1)
        return ntk_error_set(NTK_DOMAIN, "training set: n = 0 points (need at least one)");
    if (m > 0 && T->dim != X->dim)
        return ntk_error_set(NTK_DOMAIN, "test points have dimension %ld, training points %ld",
                             (long) T->dim, (long) X->dim);
    if (nd < 1)
        return ntk_error_set(NTK_DOMAIN, "no depth requested");
    for (k = 0; k < nd; k++)
        if (depths[k] < 1 || (k > 0 && depths[k] <= depths[k - 1]))
            return ntk_error_set(NTK_DOMAIN, "depth %ld: depths must be >= 1 and increasing",
                                 (long) depths[k]);

    npairs = n * (n - 1) / 2 + n * m;
    pairs = flint_malloc((npairs > 0 ? npairs : 1) * sizeof(pair_t));
    fmpq_init(one);
    fmpq_one(one);
    arb_init(rho); arb_init(omr);
    p = 0;
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++, p++)
        {
            fmpq_init(pairs[p].key);
            pair_key(pairs[p].key, X, i, X, j);
            pairs[p].i = i; pairs[p].j = j; pairs[p].test = 0;
        }
    for (i = 0; i < n; i++)
        for (j = 0; j < m; j++, p++)
        {
            fmpq_init(pairs[p].key);
            pair_key(pairs[p].key, X, i, T, j);
            pairs[p].i = i; pairs[p].j = j; pairs[p].test = 1;
        }
    /* duplicate training directions: kappa singular */
    for (p = 0; p < n * (n - 1) / 2; p++)
        if (fmpq_equal(pairs[p].key, one))
        {
            st = ntk_error_set(NTK_DOMAIN, "training rows %ld and %ld are the same point on the "
                               "sphere (after normalisation): the Gram matrix is singular",
                               (long) (pairs[p].i + 1), (long) (pairs[p].j + 1));
            goto cleanup;
        }
    qsort(pairs, npairs, sizeof(pair_t), pair_cmp);

    /* distinct values; id 0 is the diagonal */
    ndist = 1;
    for (p = 0; p < npairs; p++)
    {
        if (fmpq_equal(pairs[p].key, one))
            pairs[p].id = 0;
        else if (p > 0 && fmpq_equal(pairs[p].key, pairs[p - 1].key))
            pairs[p].id = pairs[p - 1].id;
        else
            pairs[p].id = ndist++;
    }
    eps0 = _arb_vec_init(ndist);
    for (p = 0; p < npairs; p++)
        if (pairs[p].id > 0 && (p == 0 || pairs[p].id != pairs[p - 1].id))
        {
            ntk_points_cos(rho, omr, X, pairs[p].i, pairs[p].test ? T : X, pairs[p].j, prec + 16);
            arb_mul(eps0 + pairs[p].id, omr, scale, prec + 16);
        }
    arb_zero(eps0);

    th11 = _arb_vec_init(ndist * nd);
    delta = _arb_vec_init(ndist * nd);
    J.count = ndist;
    J.eps0 = eps0;
    J.th11 = th11;
    J.delta = delta;
    J.depths = depths;
    J.nd = nd;
    J.prec = prec;
    J.kernel = kernel;
    J.param = param;
    st = run_jobs(&J, nthreads);
    if (st != NTK_SUCCESS)
        goto cleanup;

    G->n = n; G->m = m; G->nd = nd;
    G->ndistinct = ndist;
    G->depths = flint_malloc(nd * sizeof(slong));
    memcpy(G->depths, depths, nd * sizeof(slong));
    G->kappa = flint_malloc(nd * sizeof(arb_mat_struct));
    G->kx = flint_malloc(nd * sizeof(arb_mat_struct));
    G->theta11 = _arb_vec_init(nd);
    for (k = 0; k < nd; k++)
    {
        arb_mat_init(G->kappa + k, n, n);
        arb_mat_init(G->kx + k, n, m);
        arb_set(G->theta11 + k, th11 + k);   /* the diagonal's recursion */
        for (i = 0; i < n; i++)
            arb_set(arb_mat_entry(G->kappa + k, i, i), th11 + k);
    }
    for (p = 0; p < npairs; p++)
    {
        slong id = pairs[p].id;
        for (k = 0; k < nd; k++)
        {
            arb_ptr e = pairs[p].test ? arb_mat_entry(G->kx + k, pairs[p].i, pairs[p].j)
                                      : arb_mat_entry(G->kappa + k, pairs[p].i, pairs[p].j);
            /* Theta_12 = Theta_11 - Delta, the same ball for equal rho */
            if (id == 0)
                arb_set(e, th11 + k);   /* same direction: the diagonal ball */
            else
                arb_sub(e, th11 + k, delta + id * nd + k, prec);
            if (!pairs[p].test)
                arb_set(arb_mat_entry(G->kappa + k, pairs[p].j, pairs[p].i), e);
        }
    }

cleanup:
    for (p = 0; p < npairs; p++)
        fmpq_clear(pairs[p].key);
    flint_free(pairs);
    if (eps0) _arb_vec_clear(eps0, ndist);
    if (th11) _arb_vec_clear(th11, ndist * nd);
    if (delta) _arb_vec_clear(delta, ndist * nd);
    arb_clear(rho); arb_clear(omr);
    fmpq_clear(one);
    if (st != NTK_SUCCESS)
        ntk_gram_clear(G);
    return st;
}
