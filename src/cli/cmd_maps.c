/* ntkdepth maps -- not implemented yet (see the issue tracker). */
#include "cli.h"

int
ntk_cli_maps(int argc, char **argv)
{
    (void) argc;
    (void) argv;
    fprintf(stderr, "ntkdepth maps: not implemented yet\n");
    return NTK_EXIT_USAGE;
}
