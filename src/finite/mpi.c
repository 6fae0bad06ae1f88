/*
 * Distribution over MPI ranks (built when meson finds MPI and -Dmpi is not
 * disabled; NTK_HAVE_MPI).  The binary stays usable without mpirun: MPI is
 * initialized only when the environment shows that a launcher started us
 * (OMPI_COMM_WORLD_SIZE, PMI_SIZE or PMIX_RANK), so a plain `ntkdepth
 * finite` never pays for (or depends on) an MPI singleton.
 */
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/finite.h"
#if NTK_HAVE_MPI
#include <mpi.h>
#endif

#if NTK_HAVE_MPI
static int mpi_active = 0;   /* documented global: MPI_Init done by us */
#endif

int
ntk_finite_have_mpi(void)
{
    return NTK_HAVE_MPI;
}

int
ntk_finite_mpi_init(int *argc, char ***argv)
{
#if NTK_HAVE_MPI
    int n = 1, inited = 0;
    if (mpi_active)
    {
        MPI_Comm_size(MPI_COMM_WORLD, &n);
        return n;
    }
    if (getenv("OMPI_COMM_WORLD_SIZE") == NULL && getenv("PMI_SIZE") == NULL
        && getenv("PMIX_RANK") == NULL)
        return 1;
    MPI_Initialized(&inited);
    if (!inited && MPI_Init(argc, argv) != MPI_SUCCESS)
        return 1;
    mpi_active = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &n);
    return n;
#else
    (void) argc;
    (void) argv;
    return 1;
#endif
}

int
ntk_finite_mpi_rank(void)
{
    int r = 0;
#if NTK_HAVE_MPI
    if (mpi_active)
        MPI_Comm_rank(MPI_COMM_WORLD, &r);
#endif
    return r;
}

void
ntk_finite_mpi_finalize(void)
{
#if NTK_HAVE_MPI
    if (mpi_active)
    {
        MPI_Finalize();
        mpi_active = 0;
    }
#endif
}

ntk_status
ntk_finite_run_mpi(ntk_finite_result_t res, const ntk_finite_config_t cfg, int threads,
                   ntk_finite_progress_fn progress, void *data, int *rank, int *nranks)
{
    *rank = 0;
    *nranks = 1;
#if NTK_HAVE_MPI
    if (mpi_active)
    {
        ntk_status st;
        int r, n, bad, anybad = 0;
        double sec, flops;
        MPI_Comm_rank(MPI_COMM_WORLD, &r);
        MPI_Comm_size(MPI_COMM_WORLD, &n);
        *rank = r;
        *nranks = n;
        st = ntk_finite_run_part(res, cfg, r, n, threads, r == 0 ? progress : NULL, data);
        bad = st != NTK_SUCCESS;
        MPI_Allreduce(&bad, &anybad, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        if (anybad)
            return st != NTK_SUCCESS ? st
                   : ntk_error_set(NTK_IO, "MPI: another rank failed");
        /* every group entry was written by exactly one rank and is 0 on the
           others: the sum is exact (x + 0 = x), whatever the order */
        MPI_Allreduce(MPI_IN_PLACE, res->group, (int) (res->ngroups * res->size),
                      MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
        MPI_Allreduce(&res->flops, &flops, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
        MPI_Allreduce(&res->seconds, &sec, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
        ntk_finite_result_total(res);
        res->flops = flops;
        res->seconds = sec;
        return NTK_SUCCESS;
    }
#endif
    return ntk_finite_run(res, cfg, threads, progress, data);
}
