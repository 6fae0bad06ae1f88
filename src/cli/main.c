/* ntkdepth: a table of subcommands, each with --help. */
#include <string.h>
#include "cli.h"

static const ntk_cli_cmd commands[] = {
    {"maps", "N, D, V maps of an activation at a covariance", ntk_cli_maps},
    {"eoc", "edge-of-chaos point: sigma_w, q*, chi_1, f''(1), beta", ntk_cli_eoc},
    {"phase", "phase diagram on a sigma_w x sigma_b grid", ntk_cli_phase},
    {"iterate", "NNGP/NTK recursion to large depth, certified", ntk_cli_iterate},
    {"verify", "check the papers' claims (and claims files)", ntk_cli_verify},
    {"regress", "NTK kernel regression at depth, certified solves", ntk_cli_regress},
    {"finite", "finite-width NTK of sampled networks (Monte Carlo)", ntk_cli_finite},
    {"train", "empirical NTK during training (Adam, Fashion-MNIST)", ntk_cli_train},
};
#define NCOMMANDS ((int) (sizeof(commands) / sizeof(commands[0])))

static void
usage(FILE *fp)
{
    fprintf(fp, "usage: ntkdepth <command> [options]   (ntkdepth <command> --help)\n\n"
                "Certified large-depth NNGP and NTK kernels of infinitely wide networks.\n\n"
                "commands:\n");
    for (int i = 0; i < NCOMMANDS; i++)
        fprintf(fp, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp, "\nexit status: 0 success, 1 a claim does not hold as expected,\n"
                "2 bad input, 3 digits not certifiable within the precision cap, 4 I/O error\n");
}

int
main(int argc, char **argv)
{
    if (argc < 2)
    {
        usage(stderr);
        return NTK_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0
        || strcmp(argv[1], "help") == 0)
    {
        usage(stdout);
        return NTK_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0)
    {
        printf("ntkdepth %s\n", NTK_VERSION);
        return NTK_EXIT_OK;
    }
    for (int i = 0; i < NCOMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
        {
            int rc;
            ntk_cli_install_signals();
            rc = commands[i].run(argc - 1, argv + 1);
            flint_cleanup();
            return rc;
        }
    fprintf(stderr, "ntkdepth: unknown command '%s' (try ntkdepth --help)\n", argv[1]);
    return NTK_EXIT_USAGE;
}
