/* Thread-local last-error message (libgit2's git_error_last pattern). */
#include <stdio.h>
#include <string.h>
#include "ntkdepth/common.h"

static _Thread_local char ntk_errbuf[1024];

const char *
ntk_status_str(ntk_status st)
{
    switch (st)
    {
        case NTK_SUCCESS: return "success";
        case NTK_DOMAIN: return "bad input";
        case NTK_UNABLE: return "could not certify at this precision";
        case NTK_NOMEM: return "out of memory";
        case NTK_IO: return "input/output error";
        case NTK_INTERRUPTED: return "interrupted";
    }
    return "unknown status";
}

const char *
ntk_error_last(void)
{
    return ntk_errbuf;
}

ntk_status
ntk_error_set(ntk_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ntk_errbuf, sizeof(ntk_errbuf), fmt, ap);
    va_end(ap);
    /* one line only */
    for (char *p = ntk_errbuf; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return st;
}

void
ntk_error_clear(void)
{
    ntk_errbuf[0] = '\0';
}
