/* libFuzzer harness: the claims-file parser (ntk_claims_parse, src/claim/
 * parse.c, INI via libinih) and, for every claim it accepts, the expression
 * evaluator on its quantity/constant/exponent.
 * Input: the bytes of a claims file (cut at the first NUL).
 * Oracles: the sanitizers; a status is NTK_SUCCESS, NTK_DOMAIN or NTK_IO
 * (never anything else), an error message is one non-empty line, a success
 * holds >= 1 claim with an id, a file name and a statement; reading the same
 * bytes from a file (the FILE * branch of the line reader) gives the same
 * status, message and claims as reading them from memory; every expression
 * accepted by the parser's check mode evaluates. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ntkdepth/claim.h"
#include "fuzz.h"

static int
lookup_one(arb_t res, const char *name, void *data, slong prec)
{
    (void) name;
    (void) data;
    arb_set_si(res, 3);
    arb_div_ui(res, res, 7, prec);
    return 1;
}

static char tmppath[64];

static void
remove_tmp(void)
{
    if (tmppath[0])
        unlink(tmppath);
}

/* the bytes in a per-process temporary file (once created, rewritten) */
static const char *
write_tmp(const char *text)
{
    FILE *f;
    if (tmppath[0] == '\0')
    {
        snprintf(tmppath, sizeof(tmppath), "/tmp/ntk-fuzz-claims-%ld.ini", (long) getpid());
        atexit(remove_tmp);
    }
    f = fopen(tmppath, "wb");
    NTK_FUZZ_CHECK(f != NULL);
    NTK_FUZZ_CHECK(fwrite(text, 1, strlen(text), f) == strlen(text));
    NTK_FUZZ_CHECK(fclose(f) == 0);
    return tmppath;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ntk_claims_t cs, cs2;
    ntk_status st, st2;
    char *text, msg[1200];
    const char *path;

    if (size > 1 << 16)
        return 0;
    text = ntk_fuzz_cstr(data, size);
    path = write_tmp(text);
    ntk_claims_init(cs);
    ntk_claims_init(cs2);
    st = ntk_claims_parse(cs, path, text);
    snprintf(msg, sizeof(msg), "%s", st == NTK_SUCCESS ? "" : ntk_error_last());
    st2 = ntk_claims_parse(cs2, path, NULL);
    NTK_FUZZ_CHECK(st2 == st);
    NTK_FUZZ_CHECK(st == NTK_SUCCESS || !strcmp(msg, ntk_error_last()));
    NTK_FUZZ_CHECK(cs2->n == cs->n);
    for (slong i = 0; i < cs->n; i++)
        NTK_FUZZ_CHECK(cs->v[i].id == NULL ? cs2->v[i].id == NULL
                       : cs2->v[i].id && !strcmp(cs->v[i].id, cs2->v[i].id));
    ntk_claims_clear(cs2);
    if (st != NTK_SUCCESS)
    {
        NTK_FUZZ_CHECK(st == NTK_DOMAIN || st == NTK_IO);
        ntk_fuzz_check_message(1);
    }
    else
    {
        NTK_FUZZ_CHECK(cs->n >= 1);
        for (slong i = 0; i < cs->n; i++)
        {
            const ntk_claim_struct *cl = cs->v + i;
            const char *ex[3] = {cl->quantity, cl->constant, cl->exponent};
            NTK_FUZZ_CHECK(cl->id && cl->id[0] && cl->file && cl->statement);
            for (int k = 0; k < 3; k++)
                if (ex[k])
                {
                    arb_t r;
                    arb_init(r);
                    /* check() accepted it, so evaluation must parse it */
                    NTK_FUZZ_CHECK(ntk_expr_eval(r, ex[k], lookup_one, NULL, 64) == NTK_SUCCESS);
                    arb_clear(r);
                }
        }
    }
    ntk_claims_clear(cs);
    free(text);
    return 0;
}
