/* The process pool of `ntkdepth verify`: each group of claims (one
 * problem) runs in a child process with a hard wall-clock limit and sends
 * its results back exactly (ntk_claim_result_dump) through a pipe. */
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "verify_pool.h"

static double
wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}



/* seconds of recursion for a claim: its own budget field overrides
   --budget (0 = no limit stays no limit) */
double
verify_claim_budget(const ntk_claim_struct *cl, double budget)
{
    if (budget <= 0)
        return 0;
    return cl->budget > 0 ? (double) cl->budget : budget;
}

/* the hard wall-clock limit of its process: 10 s more for the fits */
static double
claim_limit(const ntk_claim_struct *cl, double budget)
{
    return budget <= 0 ? 0 : verify_claim_budget(cl, budget) + 10;
}

int
verify_job_start(verify_job *j, slong *idx, slong m, const ntk_claim_struct *cls,
          ntk_verify_opts_t vo, double budget)
{
    int fd[2];
    pid_t pid;

    /* the group's recursion runs once: the largest member budget, plus
       time for each further member's fits */
    j->limit = 0;
    vo->budget = 0;
    for (slong i = 0; i < m; i++)
    {
        const ntk_claim_struct *cl = cls + idx[i];
        double b = verify_claim_budget(cl, budget);
        if (claim_limit(cl, budget) > j->limit)
            j->limit = claim_limit(cl, budget);
        if (b > vo->budget)
            vo->budget = b;
    }
    if (j->limit > 0)
        j->limit += 10.0 * (double) (m - 1);
    if (pipe(fd) != 0)
        return -1;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0)
    {
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0)
    {
        FILE *f;
        ntk_claim_share_t sh;
        ntk_claim_struct *grp = flint_malloc(sizeof(ntk_claim_struct) * (size_t) m);
        close(fd[0]);
        f = fdopen(fd[1], "w");
        for (slong i = 0; i < m; i++)
            grp[i] = cls[idx[i]];      /* shallow: only read */
        ntk_claim_share_init(sh, grp, m, vo);
        if (m > 1)
        {
            vo->rows = ntk_claim_share_rows;
            vo->rows_data = sh;
        }
        for (slong i = 0; i < m; i++)
        {
            ntk_claim_result_t cr;
            ntk_status st;
            ntk_claim_result_init(cr);
            st = ntk_claim_run(cr, cls + idx[i], vo);
            fprintf(f, "%d:", (int) st);
            ntk_claim_result_dump(f, cr);
            fflush(f);
            if (st != NTK_SUCCESS)
                break;
        }
        fclose(f);
        _exit(0);
    }
    close(fd[1]);
    j->pid = pid;
    j->fd = fd[0];
    j->idx = idx;
    j->m = m;
    j->buf = NULL;
    j->len = j->cap = 0;
    j->t0 = wall();
    return 0;
}

/* reap a finished (eof) or timed-out job into the results of its claims:
   the results the child completed are kept, the others are inconclusive */
ntk_status
verify_job_finish(verify_job *j, ntk_claim_result_struct *res, const ntk_claim_struct *cls,
           int timed_out)
{
    int wst = 0;
    ntk_status st = NTK_SUCCESS;
    FILE *m = NULL;
    slong i;

    close(j->fd);
    if (timed_out)
        kill(j->pid, SIGKILL);
    waitpid(j->pid, &wst, 0);
    j->pid = 0;
    if (j->len > 0)
        m = fmemopen(j->buf, j->len, "r");
    for (i = 0; i < j->m && st == NTK_SUCCESS; i++)
    {
        const ntk_claim_struct *cl = cls + j->idx[i];
        ntk_claim_result_struct *r = res + j->idx[i];
        int cst = 0;
        r->claim = cl;
        if (m != NULL && fscanf(m, "%d:", &cst) == 1)
        {
            st = ntk_claim_result_load(r, m);
            if (st == NTK_SUCCESS && cst != NTK_SUCCESS)
                st = (ntk_status) cst;   /* the child's error message came back */
            continue;
        }
        if (!timed_out && j->len > 0 && i == 0)
        {
            st = ntk_error_set(NTK_IO, "claim %s: no result from the child process", cl->id);
            break;
        }
        r->verdict = NTK_VERDICT_INCONCLUSIVE;
        if (cl->constant && r->predicted == NULL)
            r->predicted = strdup(cl->constant);
        ntk_claim_result_note(r, timed_out
            ? "Not decided within the time limit of %.0f s per claim (--budget); "
              "the computation was stopped."
            : "The computation of this claim failed (child process status %.0f).",
            timed_out ? j->limit : (double) wst);
        r->seconds = wall() - j->t0;
    }
    if (m)
        fclose(m);
    free(j->buf);
    j->buf = NULL;
    return st;
}

/* wait for output of the running jobs; returns the index of a job that
   finished (eof or over its limit) with *timed_out set, or -1 */
slong
verify_jobs_wait(verify_job *jobs, slong njobs, int *timed_out)
{
    struct pollfd p[64];
    slong map[64], np = 0;
    double tmo = 1e9;

    *timed_out = 0;
    for (slong k = 0; k < njobs; k++)
    {
        if (jobs[k].pid == 0)
            continue;
        if (jobs[k].limit > 0)
        {
            double left = jobs[k].limit - (wall() - jobs[k].t0);
            if (left <= 0)
            {
                *timed_out = 1;
                return k;
            }
            if (left < tmo)
                tmo = left;
        }
        p[np].fd = jobs[k].fd;
        p[np].events = POLLIN;
        map[np++] = k;
    }
    if (np == 0)
        return -1;
    if (poll(p, (nfds_t) np, tmo >= 1e9 ? -1 : (int) (tmo * 1000) + 1) <= 0)
        return -1;
    for (slong i = 0; i < np; i++)
    {
        verify_job *j = jobs + map[i];
        ssize_t k;
        if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        if (j->len + 65536 > j->cap)
        {
            j->cap = 2 * j->cap + 65536;
            j->buf = realloc(j->buf, j->cap);
        }
        k = read(j->fd, j->buf + j->len, j->cap - j->len);
        if (k <= 0)
            return map[i];
        j->len += (size_t) k;
    }
    return -1;
}

slong
verify_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (n > 8 ? 8 : n);
}
