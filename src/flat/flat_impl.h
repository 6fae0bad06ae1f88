/*
 * src/flat/flat_impl.h -- helpers shared by the flat ABI's files (internal):
 * a JSON text built in memory, exact-number parsing with "P/Q", balls and
 * strings in JSON.
 */
#ifndef NTK_FLAT_IMPL_H
#define NTK_FLAT_IMPL_H

#include <stdio.h>
#include "ntkdepth/flat.h"
#include "ntkdepth/report.h"
#include "ntkdepth/finite.h"

/* A JSON text written through a FILE * (open_memstream). */
typedef struct
{
    FILE *fp;
    char *buf;
    size_t len;
} flat_text;

/* NTK_NOMEM if the stream cannot be opened. */
ntk_status flat_text_open(flat_text *t);
/* Close; on st == NTK_SUCCESS hand the text to *json (else free it and
   set *json = NULL).  Returns st, or NTK_NOMEM/NTK_IO on a stream error. */
ntk_status flat_text_close(flat_text *t, char **json, ntk_status st);

/* Exact number: decimal or "P/Q" (flat.h).  NTK_DOMAIN naming `what`. */
ntk_status flat_parse_q(fmpq_t x, const char *s, const char *what);

/* Same, squared when is_std; NTK_DOMAIN unless >= 0 (> 0 when strict). */
ntk_status flat_parse_var(fmpq_t x2, const char *s, int is_std, int strict,
                          const char *what);

#endif
