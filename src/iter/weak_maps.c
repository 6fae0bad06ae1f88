/*
 * TEMPORARY: weak fallbacks for maps functions not yet merged from the
 * maps branch, so that the library links.  The strong definitions of the
 * maps module replace them; delete this file once maps is merged.
 */
#include <string.h>
#include "ntkdepth/maps.h"

#define NTK_WEAK __attribute__((weak))

NTK_WEAK ntk_status
ntk_maps_var(arb_t res, const ntk_net_t net, const arb_t q, slong prec)
{ return ntk_error_set(NTK_UNABLE, "ntk_maps_var: maps module not merged"); }
NTK_WEAK ntk_status
ntk_maps_var_deriv(arb_t res, const ntk_net_t net, const arb_t q, slong prec)
{ return ntk_error_set(NTK_UNABLE, "ntk_maps_var_deriv: maps module not merged"); }
NTK_WEAK ntk_status
ntk_maps_chi1(arb_t res, const ntk_net_t net, const arb_t q, slong prec)
{ return ntk_error_set(NTK_UNABLE, "ntk_maps_chi1: maps module not merged"); }
NTK_WEAK ntk_status
ntk_maps_eps_step(arb_t eps_out, arb_t dmap, const ntk_net_t net,
                  const arb_t q, const arb_t eps, slong prec)
{ return ntk_error_set(NTK_UNABLE, "ntk_maps_eps_step: maps module not merged"); }
NTK_WEAK ntk_status
ntk_maps_qstar(arb_t qstar, int *found, char *why, const ntk_net_t net, slong prec)
{ return ntk_error_set(NTK_UNABLE, "ntk_maps_qstar: maps module not merged"); }
NTK_WEAK ntk_status
ntk_maps_price(arb_ptr res, const ntk_net_t net, const arb_t q, slong len, slong prec)
{ return ntk_error_set(NTK_UNABLE, "ntk_maps_price: maps module not merged"); }
NTK_WEAK void
ntk_net_set(ntk_net_t dst, const ntk_net_t src)
{ ntk_act_set(dst->act, src->act); arb_set(dst->sigma_w2, src->sigma_w2);
  arb_set(dst->sigma_b2, src->sigma_b2); dst->method = src->method; }
NTK_WEAK void
ntk_act_set(ntk_act_t dst, const ntk_act_t src)
{ dst->kind = src->kind; memcpy(dst->name, src->name, sizeof(dst->name));
  fmpq_set(dst->a, src->a); fmpq_set(dst->b, src->b); fmpq_set(dst->alpha, src->alpha);
  fmpq_set(dst->lambda, src->lambda); dst->k = src->k; }
NTK_WEAK slong
ntk_act_smoothness(const ntk_act_t act)
{ return act->kind == NTK_ACT_RELULIKE ? 1 : NTK_SMOOTH_INF; }
NTK_WEAK const char *
ntk_act_names(void)
{ return "(act module not merged)"; }
