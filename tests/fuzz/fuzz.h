/* Shared helpers of the fuzz harnesses (tests/fuzz/): a NUL-terminated
 * copy of the input, and checks that abort (libFuzzer and the replay
 * driver report an abort as a crash). */
#ifndef NTK_FUZZ_H
#define NTK_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ntkdepth/common.h"

#define NTK_FUZZ_CHECK(cond)                                                  \
    do {                                                                      \
        if (!(cond))                                                          \
        {                                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,  \
                    #cond);                                                   \
            abort();                                                          \
        }                                                                     \
    } while (0)

/* malloc'ed copy of data[0..size) cut at the first NUL */
static inline char *
ntk_fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* a failing call left a non-empty message naming the value; one line
   when the input itself has no newline (oneline) */
static inline void
ntk_fuzz_check_message(int oneline)
{
    const char *m = ntk_error_last();
    NTK_FUZZ_CHECK(m != NULL && m[0] != '\0');
    if (oneline)
        NTK_FUZZ_CHECK(strchr(m, '\n') == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
