/* The built-in registry: each paper's claims as INI text, parsed by the
 * same parser as user claims files. */
#include "ntkdepth/claim.h"

extern const char *ntk_registry_hayou;
extern const char *ntk_registry_starnaud;
extern const char *ntk_registry_terjek;
extern const char *ntk_registry_background;
extern const char *ntk_registry_seleznova;
extern const char *ntk_registry_regress;

ntk_status
ntk_claims_builtin(ntk_claims_t cs)
{
    struct { const char *name, *text; } reg[] = {
        {"builtin:hayou", ntk_registry_hayou},
        {"builtin:starnaud", ntk_registry_starnaud},
        {"builtin:terjek", ntk_registry_terjek},
        {"builtin:background", ntk_registry_background},
        {"builtin:seleznova", ntk_registry_seleznova},
        {"builtin:regress", ntk_registry_regress},
    };
    for (size_t i = 0; i < sizeof(reg) / sizeof(reg[0]); i++)
    {
        ntk_status st = ntk_claims_parse(cs, reg[i].name, reg[i].text);
        if (st != NTK_SUCCESS)
            return st;
    }
    return NTK_SUCCESS;
}

const ntk_paper_struct ntk_papers[] = {
    {"hayou", "Hayou, Doucet, Rousseau: exact convergence rates of the NTK at large depth"},
    {"starnaud", "St-Arnaud, Carvalho, Farnadi: the role of depth in the NTK"},
    {"terjek", "Terjek, Gonzalez-Sanchez 2025: ReLU-like activations at the EOC"},
    {"hayou-curse", "Hayou, Doucet, Rousseau: the curse of depth in kernel regime "
                    "(certified kernel regression)"},
    {"seleznova", "Seleznova, Kutyniok 2022 and Hanin, Nica 2019: the NTK at finite width "
                  "(exact certified moments; Monte Carlo estimates of sampled and trained networks)"},
    {"background", "Background: edge-of-chaos points and depth scales"},
    {"user", "User claims"},
    {NULL, NULL}};
