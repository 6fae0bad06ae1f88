/*
 * ntkdepth/flat.h -- a flat C ABI for foreign-function fronts (the Python
 * package python/ntkdepth uses it through ctypes).
 *
 * Why: the library's own structs embed Arb/FLINT types (arb_t, fmpq_t,
 * ntk_act_t) whose layout differs between FLINT 2.9 + Arb and FLINT 3, so a
 * front that declares them by hand would break silently.  Here everything
 * crossing the boundary is a plain C type:
 *   in : const char * exact numbers, slong, double, arrays of them;
 *   out: one malloc'ed NUL-terminated JSON text (the formats of
 *        conventions.md: balls {"mid", "rad"}, estimates {"estimate",
 *        "error", "kind"}), freed with ntk_flat_free;
 *   and the ntk_status of the call, with the message in ntk_error_last()
 *   (ntk_flat_error is the same function under an ABI-stable name).
 *
 * Thin: each function parses, calls the library (ntk_maps_eoc, ntk_iter_run,
 * ntk_claim_run + ntk_report_verify_json, ntk_finite_run) and writes the
 * result with the report module's ball writer (ntk_ball_json_strs).  No
 * numerics of its own.
 *
 * Exact numbers (`const char *` arguments marked EXACT): a decimal as
 * ntk_parse_fmpq reads it ("0.2" is 1/5, "1e-3", "-2.5E+1"), or a quotient
 * of two such decimals "P/Q" (Q != 0), e.g. "7/3".  NULL where allowed
 * means "not given" (documented per argument).
 *
 * Every function: on NTK_SUCCESS *json holds the text (never NULL); on any
 * other status *json is NULL and ntk_error_last() holds one line naming the
 * offending value.  Nothing is printed, nothing exits.  Thread-safety: as
 * the library (the error message is per thread).
 */
#ifndef NTKDEPTH_FLAT_H
#define NTKDEPTH_FLAT_H

#include "ntkdepth/common.h"
#include "ntkdepth/iter.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Free a string returned by an ntk_flat_* function (NULL: nothing). */
void ntk_flat_free(char *s);

/** The library version ("0.1.0"), a static string. */
const char *ntk_flat_version(void);

/** = ntk_error_last(): the calling thread's last error message. */
const char *ntk_flat_error(void);

/**
 * Text of a ball given as decimal strings mid, rad (conventions.md 4):
 * only the digits the radius allows, at most max_digits significant
 * digits (ntk_ball_text of the enclosure of [mid - rad, mid + rad]).
 * *text: malloc'ed.  NTK_DOMAIN if mid or rad is not a decimal or rad < 0.
 */
ntk_status ntk_flat_ball_text(char **text, const char *mid, const char *rad,
                              slong max_digits);

/**
 * Edge of chaos (ntk_maps_eoc) for activation `act` and the bias
 * `sigma_b` (EXACT, >= 0; NULL: 0), a standard deviation if b_is_std,
 * else a variance, with every ball certified to `digits` (1 .. 2000)
 * significant digits (Ziv loop: working precision doubled until then,
 * cap 16 times the start, at least 1024 bits -- the policy of
 * `ntkdepth eoc`).
 * JSON: {"act", "sigma_b2", "found", "digits", "prec_bits", "sigma_w",
 * "sigma_w2", "q_star", "chi1", "f2", "beta", "why"} as `ntkdepth eoc
 * --format json` (a ball or null when not finite: q_star for relu-like at
 * sigma_b = 0, f2/beta when infinite).
 * Status: NTK_DOMAIN (bad act, sigma_b, digits); NTK_UNABLE (digits not
 * certified within the cap).  found = false (no EOC point, proved) is a
 * success.
 */
ntk_status ntk_flat_eoc(char **json, const char *act, const char *sigma_b,
                        int b_is_std, slong digits);

/**
 * The certified recursion (ntk_iter_run) at the depths depths[0 .. n-1]
 * (each >= 1; sorted and deduplicated here).
 *   act      activation name; method "auto" | "closed" | "quad" (NULL: auto)
 *   sigma_w  EXACT > 0, a std if w_is_std else a variance; NULL: the edge
 *            of chaos for sigma_b (NTK_DOMAIN if there is none)
 *   sigma_b  EXACT >= 0 (std if b_is_std, else variance); NULL: 0
 *   q1       EXACT > 0, or "star" (q1 = q*)
 *   c0       EXACT in [-1, 1]; NULL: 0
 *   digits   >= 1; prec_cap: bits (0: the library default 4096)
 *   progress as ntk_iter_opts_struct's (NULL: none); a nonzero return
 *            stops the run with NTK_INTERRUPTED
 * JSON: as `ntkdepth iterate --format json`: {"params": {"act", "eoc",
 * "sigma_w2", "sigma_b2", "q1", "q1_star", "c0", "depth", "digits",
 * "prec_bits", "prec_cap_bits", "layers_fast_path",
 * "layers_general_path"}, "rows": [{"depth", "eps", "c", "sigma11",
 * "sigma12", "theta11", "theta12"}, ...]} (c0 written as given).
 * Status: as ntk_iter_run (NTK_UNABLE names the depth where accuracy ran
 * out).
 */
ntk_status ntk_flat_iterate(char **json, const char *act, const char *method,
                            const char *sigma_w, int w_is_std,
                            const char *sigma_b, int b_is_std,
                            const char *q1, const char *c0,
                            const slong *depths, slong n, slong digits,
                            slong prec_cap, ntk_iter_progress_fn progress,
                            void *progress_data);

/**
 * Decide claims in this process, one after the other (ntk_claim_run):
 * the built-in registry (claims_path and claims_text NULL), the claims
 * file claims_path, or the INI text claims_text (claims_path then only
 * names it in messages); `only` (NULL: all) a comma-separated id list;
 * quick as `verify --quick`; budget seconds of recursion per claim
 * (< 0: 60, or 20 when quick; 0: none; a claim's own budget field
 * overrides it) -- a soft limit: unlike the CLI there is no child process
 * to kill; threads for the Monte Carlo claims (0: all cores).
 * JSON: ntk_report_verify_json's (conventions.md 5; the "command" field
 * is "ntk_flat_verify").
 * Status: NTK_DOMAIN (claims file errors: file:line and field; unknown
 * id), NTK_IO (unreadable file), NTK_INTERRUPTED.
 */
ntk_status ntk_flat_verify(char **json, const char *claims_path,
                           const char *claims_text, const char *only,
                           int quick, double budget, int threads);

/**
 * Monte Carlo of finite-width networks (ntkdepth/finite.h), on this
 * process (no MPI), `threads` OpenMP threads (0: default).
 *   act (NULL: relu); n0 >= 1; width M >= 1 (equal widths);
 *   depths[0 .. nd-1] strictly increasing >= 1;
 *   sigma_w2[0 .. ns-1] > 0 (ignored with init "he", which fixes 2);
 *   sigma_b2 >= 0; param "standard" | "ntk"; init "default" | "he"
 *   (NULL: standard, default); r[0 .. nr-1] input correlations, r[0] = 1;
 *   samples >= 1; seed.
 * JSON: {"params": {...}, "rows": [{"sigma_w2", "depth", "lambda",
 * "mean_diag", "dispersion", "exact_mean_diag" (ball, ReLU with zero
 * biases only), "inputs": [{"r", "mean_off", "ratio", "dispersion_off",
 * "ratio_infinite_width" (ball, when it applies)}]}], "slopes": [...]}:
 * the rows of `ntkdepth finite --format json`, estimates as
 * {"estimate", "error", "kind": "monte_carlo"} (null when undefined).
 * Status: NTK_DOMAIN (invalid configuration), NTK_NOMEM.
 */
ntk_status ntk_flat_finite(char **json, const char *act, slong n0, slong width,
                           const slong *depths, slong nd,
                           const double *sigma_w2, slong ns, double sigma_b2,
                           const char *param, const char *init,
                           const double *r, slong nr, slong samples,
                           ulong seed, int threads);

#ifdef __cplusplus
}
#endif

#endif
