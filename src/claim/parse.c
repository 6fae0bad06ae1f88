/* Claims files: INI via libinih, one [section] per claim.  inih's handler
 * does not receive line numbers in Debian's build, so the reader counts
 * them (ini_parse_stream with a line-counting reader): the handler for a
 * line always runs before the next line is read. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ini.h>
#include "claim_impl.h"


typedef struct
{
    /* input */
    FILE *fp;
    const char *text, *tp;
    int line;
    int too_long;
    int new_section;          /* a [section] line was read */
    int section_line;
    /* output */
    ntk_claims_struct *cs;
    slong first;              /* index of the first claim of this file */
    const char *path;
    ntk_claim_struct *cur;
    char cursec[256];
    int err_line;
    char err[1024];
} pstate;

static char *
reader(char *str, int num, void *stream)
{
    pstate *ps = stream;
    size_t n = 0;
    int c = 0;
    if (ps->fp)
    {
        while (n + 1 < (size_t) num && (c = fgetc(ps->fp)) != EOF)
        {
            str[n++] = (char) c;
            if (c == '\n')
                break;
        }
        if (n == 0 && c == EOF)
            return NULL;
        if (n + 1 >= (size_t) num && c != '\n')
        {
            /* skip the rest of the over-long line and report it */
            int d;
            while ((d = fgetc(ps->fp)) != EOF && d != '\n')
                ;
            if (!ps->too_long)
                ps->too_long = ps->line + 1;
        }
    }
    else
    {
        if (*ps->tp == '\0')
            return NULL;
        while (n + 1 < (size_t) num && *ps->tp)
        {
            c = *ps->tp++;
            str[n++] = (char) c;
            if (c == '\n')
                break;
        }
        if (n + 1 >= (size_t) num && c != '\n')
        {
            while (*ps->tp && *ps->tp != '\n')
                ps->tp++;
            if (*ps->tp)
                ps->tp++;
            if (!ps->too_long)
                ps->too_long = ps->line + 1;
        }
    }
    str[n] = '\0';
    ps->line++;
    {
        const char *q = str;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q == '[')
        {
            ps->new_section = 1;
            ps->section_line = ps->line;
        }
    }
    return str;
}

static void
seterr(pstate *ps, const char *msg)
{
    if (ps->err_line == 0)
    {
        ps->err_line = ps->line;
        snprintf(ps->err, sizeof(ps->err), "%s", msg);
    }
}

static int
valid_id(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')
              || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

static int
handler(void *user, const char *section, const char *name, const char *value)
{
    pstate *ps = user;
    char msg[1024];
    if (ps->err_line)
        return 1;   /* report only the first error */
    if (section[0] == '\0')
    {
        snprintf(msg, sizeof(msg), "field '%s': outside a [claim] section", name);
        seterr(ps, msg);
        return 0;
    }
    if (ps->cur == NULL || ps->new_section || strcmp(section, ps->cursec) != 0)
    {
        ps->new_section = 0;
        if (!valid_id(section))
        {
            snprintf(msg, sizeof(msg), "section [%s]: an id is letters, digits, '-', '_', '.'", section);
            ps->err_line = ps->section_line;
            snprintf(ps->err, sizeof(ps->err), "%s", msg);
            return 0;
        }
        for (slong i = 0; i < ps->cs->n; i++)
            if (ps->cs->v[i].id && !strcmp(ps->cs->v[i].id, section))
            {
                snprintf(msg, sizeof(msg), "section [%s]: duplicate claim id", section);
                ps->err_line = ps->section_line;
                snprintf(ps->err, sizeof(ps->err), "%s", msg);
                return 0;
            }
        ps->cur = ntk_claims_push(ps->cs);
        ps->cur->id = strdup(section);
        ps->cur->file = strdup(ps->path);
        ps->cur->line = ps->section_line ? ps->section_line : ps->line;
        snprintf(ps->cursec, sizeof(ps->cursec), "%s", section);
    }
    if (ntk_claim_set_field(ps->cur, name, value) != NTK_SUCCESS)
    {
        seterr(ps, _ntk_claim_errcopy());
        return 0;
    }
    return 1;
}

ntk_status
ntk_claims_parse(ntk_claims_t cs, const char *path, const char *text)
{
    pstate ps;
    int rc;
    const char *name = path ? path : "<claims>";

    memset(&ps, 0, sizeof(ps));
    ps.cs = cs;
    ps.path = name;
    ps.first = cs->n;
    if (text == NULL)
    {
        ps.fp = fopen(path, "r");
        if (ps.fp == NULL)
            return ntk_error_set(NTK_IO, "%s: cannot read: %s", name, strerror(errno));
    }
    else
        ps.text = ps.tp = text;
    rc = ini_parse_stream(reader, &ps, handler, &ps);
    if (ps.fp)
        fclose(ps.fp);
    if (ps.too_long && (ps.err_line == 0 || ps.too_long <= ps.err_line))
        return ntk_error_set(NTK_DOMAIN, "%s:%d: line too long (at most 196 characters)",
                             name, ps.too_long);
    if (ps.err_line)
        return ntk_error_set(NTK_DOMAIN, "%s:%d: %s", name, ps.err_line, ps.err);
    if (rc > 0)
        return ntk_error_set(NTK_DOMAIN, "%s:%d: syntax error (expected [id] or name = value)",
                             name, rc);
    if (rc < 0)
        return ntk_error_set(NTK_IO, "%s: cannot parse (inih status %d)", name, rc);
    for (slong i = ps.first; i < cs->n; i++)
        if (ntk_claim_validate(cs->v + i) != NTK_SUCCESS)
            return ntk_error_set(NTK_DOMAIN, "%s:%d: [%s] %s", name, cs->v[i].line,
                                 cs->v[i].id, _ntk_claim_errcopy());
    if (cs->n == ps.first)
        return ntk_error_set(NTK_DOMAIN, "%s: no claims (one [id] section per claim)", name);
    return NTK_SUCCESS;
}
