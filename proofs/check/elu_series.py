#!/usr/bin/env python3
"""Form of the large-depth expansion when f'''(1) = infinity (ELU; proofs/smooth-eoc.md, Lemma E6):
   g(eps) = eps - (f2/2) eps^2 + e eps^{5/2} + c3 eps^3 + c4 eps^{7/2} + O(eps^4),   e = (8/15) K0.
Ansatz in x = L^{-1/2}, l = ln L (formal):  v_L = 1/eps_L = alpha L + d1 sqrt(L) + d2 l + C
          + (d30 + d31 l) L^{-1/2} + (d40 + d41 l + d42 l^2) L^{-1}.
Prints the solved coefficients and the resulting form of eps_L L / beta."""
import sympy as sp
f2, e, c3, c4, x, l, C = sp.symbols('f2 e c3 c4 x l C', real=True)
ep = sp.Symbol('epsilon', positive=True)
al = f2/2
g = ep - f2*ep**2/2 + e*ep**sp.Rational(5, 2) + c3*ep**3 + c4*ep**sp.Rational(7, 2)
t = sp.Symbol('t', positive=True)     # t = eps^{1/2}
invg = sp.expand(sp.series(1/g.subs(ep, t**2), t, 0, 4).removeO())   # 1/g as series in t, leading t^-2
# v' = v + sum_k m_k v^{-k/2}: with v = t^-2, collect coefficients
ms = {k: sp.simplify(invg.coeff(t, k)) for k in range(0, 4)}
assert sp.simplify(invg.coeff(t, -2) - 1) == 0
print("v' = v + " + " + ".join(f"({ms[k]}) v^(-{k}/2)" for k in range(4)))
d = sp.symbols('d1 d2 d30 d31 d40 d41 d42')
def v_of(xx, ll):
    return al/xx**2 + d[0]/xx + d[1]*ll + C + (d[2] + d[3]*ll)*xx + (d[4] + d[5]*ll + d[6]*ll**2)*xx**2
vL = v_of(x, l)
vL1 = v_of(x/sp.sqrt(1 + x**2), l + sp.log(1 + x**2))
w = sp.Symbol('w', positive=True)
F = vL + sum(ms[k]*vL**(-sp.Rational(k, 2)) for k in range(4))
ex = sp.expand(sp.series(vL1 - F, x, 0, 5).removeO())
eqs = []
for k in range(0, 5):
    ck = sp.expand(ex.coeff(x, k))
    if ck != 0:
        eqs += sp.Poly(ck, l).coeffs()
sol = sp.solve(eqs, list(d), dict=True)
print("solutions:", len(sol))
for s in sol:
    for dd in d:
        print("  ", dd, "=", sp.simplify(s.get(dd, dd)))
