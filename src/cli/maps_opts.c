/* Options shared by the maps commands (maps, eoc, phase; maps_cli.h). */
#include "maps_cli.h"

void
ntk_cli_maps_opts_init(ntk_cli_maps_opts *o, slong digits, ntk_cli_format fmt)
{
    memset(o, 0, sizeof(*o));
    o->digits = digits;
    o->fmt = fmt;
    opterr = 0;
    optind = 1;
}

int
ntk_cli_maps_next(ntk_cli_maps_opts *o, int *rc, const char *cmd, const char *help,
                  unsigned formats, int argc, char **argv, const struct option *longopts)
{
    int opt;

    *rc = 0;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1)
    {
        switch (opt)
        {
            case OPT_DIGITS:
                if ((*rc = ntk_cli_parse_slong(&o->digits, cmd, optarg, "--digits", 1,
                                               NTK_MAPS_DIGITS_MAX)) != 0)
                    return -1;
                break;
            case OPT_FORMAT:
                if ((*rc = ntk_cli_parse_format(&o->fmt, cmd, optarg, formats)) != 0)
                    return -1;
                break;
            case OPT_OUT:
                o->out = optarg;
                break;
            case OPT_HELP:
                printf(help, ntk_cli_net_help);
                printf("%s\n", ntk_act_names());
                o->help = 1;
                return -1;
            case '?':
            case ':':
                *rc = ntk_cli_unknown_option(cmd, argv);
                return -1;
            default:
                return opt;
        }
    }
    *rc = ntk_cli_args_left(cmd, argc, argv);
    return -1;
}
