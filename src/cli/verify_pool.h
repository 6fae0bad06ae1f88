/* The process pool of `ntkdepth verify` (verify_pool.c). */
#ifndef NTKDEPTH_CLI_VERIFY_POOL_H
#define NTKDEPTH_CLI_VERIFY_POOL_H

#include <sys/types.h>
#include "ntkdepth.h"

/*
 * Claims run in child processes, up to `jobs` at a time, each with a hard
 * wall-clock limit (the maps and the recursion cannot always be
 * interrupted from inside): a child serializes its result exactly
 * (ntk_claim_result_dump) into a pipe; a child over its limit is killed
 * and its claim is inconclusive.  Results land in their claim's slot, so
 * the output order does not depend on the order of completion.
 */
typedef struct
{
    pid_t pid;          /* 0: slot free */
    int fd;
    slong *idx, m;      /* the claims of this job (one problem, run once) */
    char *buf;
    size_t len, cap;
    double t0, limit;   /* limit <= 0: none */
} verify_job;

/* seconds of recursion for a claim: its own budget field overrides the
   default `budget` (0 = no limit stays no limit) */
double verify_claim_budget(const ntk_claim_struct *cl, double budget);

/* fork a child that runs the claims cls[idx[0..m-1]] (one problem: rows
   shared) with vo and writes their results to a pipe; -1 if no process */
int verify_job_start(verify_job *j, slong *idx, slong m, const ntk_claim_struct *cls,
                     ntk_verify_opts_t vo, double budget);

/* reap a finished (eof) or timed-out job into res (its claims' slots) */
ntk_status verify_job_finish(verify_job *j, ntk_claim_result_struct *res,
                             const ntk_claim_struct *cls, int timed_out);

/* wait for output of the njobs slots; the index of a job that finished
   (eof or over its limit, *timed_out set), or -1 */
slong verify_jobs_wait(verify_job *jobs, slong njobs, int *timed_out);

/* the default number of parallel jobs: the cores, at most 8 */
slong verify_default_jobs(void);

#endif
