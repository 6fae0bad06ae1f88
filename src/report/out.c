/* Output files that appear only when complete: temporary file + rename. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ntkdepth/report.h"

/* The temporary file being written, for a signal handler (one at a time is
   what the CLI needs; the library itself never installs handlers). */
static char *volatile ntk_pending_tmp = NULL;

const char *
ntk_out_pending_tmp(void)
{
    return ntk_pending_tmp;
}

ntk_status
ntk_out_open(ntk_out_t out, const char *path)
{
    int fd;
    size_t n;

    out->fp = NULL;
    out->path = NULL;
    out->tmp = NULL;
    if (path == NULL || strcmp(path, "-") == 0)
    {
        out->fp = stdout;
        return NTK_SUCCESS;
    }
    n = strlen(path);
    out->path = malloc(n + 1);
    out->tmp = malloc(n + 16);
    if (out->path == NULL || out->tmp == NULL)
    {
        free(out->path);
        free(out->tmp);
        out->path = out->tmp = NULL;
        return ntk_error_set(NTK_NOMEM, "out of memory opening %s", path);
    }
    memcpy(out->path, path, n + 1);
    snprintf(out->tmp, n + 16, "%s.tmp.XXXXXX", path);
    fd = mkstemp(out->tmp);
    if (fd < 0 || (out->fp = fdopen(fd, "w")) == NULL)
    {
        int e = errno;
        if (fd >= 0)
        {
            close(fd);
            unlink(out->tmp);
        }
        free(out->path);
        free(out->tmp);
        out->path = out->tmp = NULL;
        return ntk_error_set(NTK_IO, "cannot write %s: %s", path, strerror(e));
    }
    {
        /* mkstemp creates mode 0600; give the file the mode a plain
           fopen would (0666 minus the umask) */
        mode_t um = umask(0);
        umask(um);
        fchmod(fd, 0666 & ~um);
    }
    ntk_pending_tmp = out->tmp;
    return NTK_SUCCESS;
}

ntk_status
ntk_out_commit(ntk_out_t out)
{
    ntk_status st = NTK_SUCCESS;
    if (out->path == NULL)
    {
        if (out->fp && fflush(out->fp) != 0)
            st = ntk_error_set(NTK_IO, "cannot write to standard output: %s", strerror(errno));
        out->fp = NULL;
        return st;
    }
    if (fflush(out->fp) != 0 || ferror(out->fp) || fsync(fileno(out->fp)) != 0)
        st = ntk_error_set(NTK_IO, "cannot write %s: %s", out->path, strerror(errno));
    if (fclose(out->fp) != 0 && st == NTK_SUCCESS)
        st = ntk_error_set(NTK_IO, "cannot write %s: %s", out->path, strerror(errno));
    out->fp = NULL;
    if (st == NTK_SUCCESS && rename(out->tmp, out->path) != 0)
        st = ntk_error_set(NTK_IO, "cannot write %s: %s", out->path, strerror(errno));
    if (st != NTK_SUCCESS)
        unlink(out->tmp);
    ntk_pending_tmp = NULL;
    free(out->path);
    free(out->tmp);
    out->path = out->tmp = NULL;
    return st;
}

void
ntk_out_abort(ntk_out_t out)
{
    if (out->path == NULL)
    {
        out->fp = NULL;
        return;
    }
    if (out->fp)
        fclose(out->fp);
    unlink(out->tmp);
    ntk_pending_tmp = NULL;
    free(out->path);
    free(out->tmp);
    out->fp = NULL;
    out->path = out->tmp = NULL;
}
