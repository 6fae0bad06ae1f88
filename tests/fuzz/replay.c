/* Replay driver for the fuzz harnesses, built with any C compiler (no
 * libFuzzer): feeds every file named on the command line, or every file in
 * a directory named there, to LLVMFuzzerTestOneInput.  A crash, a sanitizer
 * report or a failed harness check (abort) fails the test.  Registered as
 * meson tests (suite 'fuzz') over tests/fuzz/corpus-*, so the plain and the
 * sanitizer builds of .ci/test replay the corpus. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fuzz.h"

static long nrun;

static int
run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long n;
    if (f == NULL)
    {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return 1;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
    {
        fclose(f);
        fprintf(stderr, "replay: cannot size %s\n", path);
        return 1;
    }
    buf = malloc((size_t) n + 1);
    if (buf == NULL || fread(buf, 1, (size_t) n, f) != (size_t) n)
    {
        free(buf);
        fclose(f);
        fprintf(stderr, "replay: cannot read %s\n", path);
        return 1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, (size_t) n);
    free(buf);
    nrun++;
    return 0;
}

int
main(int argc, char **argv)
{
    int bad = 0;
    for (int i = 1; i < argc; i++)
    {
        struct stat sb;
        if (stat(argv[i], &sb) != 0)
        {
            fprintf(stderr, "replay: no such file or directory: %s\n", argv[i]);
            return 2;
        }
        if (S_ISDIR(sb.st_mode))
        {
            DIR *d = opendir(argv[i]);
            struct dirent *de;
            if (d == NULL)
            {
                fprintf(stderr, "replay: cannot open %s\n", argv[i]);
                return 2;
            }
            while ((de = readdir(d)) != NULL)
            {
                char path[4096];
                if (de->d_name[0] == '.')
                    continue;
                snprintf(path, sizeof(path), "%s/%s", argv[i], de->d_name);
                bad |= run_file(path);
            }
            closedir(d);
        }
        else
            bad |= run_file(argv[i]);
    }
    printf("replay: %ld inputs\n", nrun);
    if (nrun == 0)
    {
        fprintf(stderr, "replay: no inputs\n");
        return 1;
    }
    return bad;
}
