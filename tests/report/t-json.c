/* The report's JSON string writer (ntk_json_string, the one escaper of the
 * project): what it writes is decoded back here by a small JSON string
 * parser (independent of the writer) to the original bytes, with no raw
 * control character in the output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "ntkdepth.h"

/* decode one JSON string literal at s (RFC 8259, \uXXXX < 0x80 only);
   returns the decoded bytes (malloc'ed) or NULL if malformed */
static char *
decode(const char *s, size_t len)
{
    char *out = malloc(len + 1), *o = out;
    size_t i = 0;
    if (len < 2 || s[0] != '"' || s[len - 1] != '"')
        goto bad;
    for (i = 1; i + 1 < len; i++)
    {
        unsigned char c = (unsigned char) s[i];
        if (c < 0x20 || c == '"')
            goto bad;
        if (c != '\\')
        {
            *o++ = (char) c;
            continue;
        }
        c = (unsigned char) s[++i];
        switch (c)
        {
            case '"': *o++ = '"'; break;
            case '\\': *o++ = '\\'; break;
            case '/': *o++ = '/'; break;
            case 'n': *o++ = '\n'; break;
            case 't': *o++ = '\t'; break;
            case 'r': *o++ = '\r'; break;
            case 'b': *o++ = '\b'; break;
            case 'f': *o++ = '\f'; break;
            case 'u':
            {
                unsigned v;
                if (i + 4 >= len || sscanf(s + i + 1, "%4x", &v) != 1 || v >= 0x80)
                    goto bad;
                *o++ = (char) v;
                i += 4;
                break;
            }
            default:
                goto bad;
        }
    }
    *o = '\0';
    return out;
bad:
    free(out);
    return NULL;
}

static void
roundtrip(const char *s)
{
    char *buf = NULL, *back;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ntk_json_string(fp, s);
    fclose(fp);
    back = decode(buf, len);
    assert_non_null(back);
    assert_string_equal(back, s);
    free(back);
    free(buf);
}

static void
test_strings(void **state)
{
    char all[128];
    (void) state;
    roundtrip("");
    roundtrip("plain text, 1e-10 +- 2");
    roundtrip("quotes \" and backslashes \\ and a \\n that is not a newline");
    roundtrip("a newline\nand a tab\tand a carriage return\r");
    for (int i = 1; i < 128; i++)
        all[i - 1] = (char) i;
    all[127] = '\0';
    roundtrip(all);                 /* every control character */
    roundtrip("UTF-8 passes through: \xce\xb8\xe2\x82\x81\xe2\x82\x82");
}

/* NULL writes the empty string */
static void
test_null(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    (void) state;
    ntk_json_string(fp, NULL);
    fclose(fp);
    assert_string_equal(buf, "\"\"");
    free(buf);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
