#!/usr/bin/env python3
"""Formal asymptotic expansion of u_{L+1} = u_L + a + b2/u_L + b3/u_L^2 + b4/u_L^3 + O(u^-4).

Ansatz: u_L = a L + beta ln L + C + P1(ln L)/L + P2(ln L)/L^2, deg P_k = k.
Expands u_{L+1} - F(u_L) in x = 1/L with l = ln L treated as a formal symbol
(legitimate: ln L = o(L^delta) for every delta > 0) and solves order by order.
Used by proofs/relu-eoc.md (Lemma R4) and proofs/smooth-eoc.md (Lemma E3).
"""
import sympy as sp

a, b2, b3, b4, C, x, l = sp.symbols('a b2 b3 b4 C x l', real=True)
beta = sp.Symbol('beta')
p = sp.symbols('p10 p11 p20 p21 p22')
P1 = lambda ll: p[0] + p[1]*ll
P2 = lambda ll: p[2] + p[3]*ll + p[4]*ll**2

def u_of(xx, ll):
    return a/xx + beta*ll + C + P1(ll)*xx + P2(ll)*xx**2

N = 4
# u_{L+1}: 1/(L+1) = x/(1+x), ln(L+1) = l + ln(1+x)
uL1 = u_of(x/(1+x), l + sp.log(1+x))
uL = u_of(x, l)
F = uL + a + b2/uL + b3/uL**2 + b4/uL**3
expr = sp.series(uL1 - F, x, 0, N).removeO()
expr = sp.expand(expr)
eqs = []
for k in range(0, N):
    ck = sp.expand(expr.coeff(x, k))
    poly = sp.Poly(ck, l)
    eqs += [c for c in poly.coeffs()]
sol = sp.solve(eqs, [beta, *p], dict=True)
assert len(sol) == 1
sol = sol[0]
for s in [beta, *p]:
    print(s, '=', sp.factor(sol[s]))
