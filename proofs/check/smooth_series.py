#!/usr/bin/env python3
"""Symbolic large-depth expansions at the EOC of a smooth activation with q1 = q*
(companion of proofs/smooth-eoc.md, Lemmas E2-E5).

Correlation map near c = 1 (Price): f(1-eps) = 1 - eps + f2 eps^2/2 - f3 eps^3/6 + f4 eps^4/24 - ...
so g(eps) = 1 - f(1-eps) = eps - f2 eps^2/2 + f3 eps^3/6 - f4 eps^4/24, g'(eps) = f'(1-eps).
v = 1/eps satisfies v' = v + alpha + m1/v + m2/v^2 + ...
NTK: t = Theta12/q*,  t' = t f'(c) + c'.
"""
import sympy as sp

f2, f3, f4 = sp.symbols('f2 f3 f4', positive=True)
e, x, l, Cv = sp.symbols('epsilon x l C_v', real=True)
g = e - f2*e**2/2 + f3*e**3/6 - f4*e**4/24
fp = sp.diff(g, e)                       # f'(1 - eps)
vprime = sp.expand(sp.series(1/g, e, 0, 3).removeO())   # in powers of eps (leading 1/eps)
al = vprime.coeff(e, 0); m1 = vprime.coeff(e, 1); m2 = vprime.coeff(e, 2)
print("v' = v + alpha + m1/v + m2/v^2 + ...  (v = 1/eps)")
print("  alpha =", al, "  m1 =", sp.factor(m1), "  m2 =", sp.factor(m2))

B = sp.Symbol('B'); p = sp.symbols('p10 p11')
def v_of(xx, ll):
    return al/xx + B*ll + Cv + (p[0] + p[1]*ll)*xx
vL = v_of(x, l); vL1 = v_of(x/(1+x), l + sp.log(1+x))
F = vL + al + m1/vL + m2/vL**2
ex = sp.expand(sp.series(vL1 - F, x, 0, 3).removeO())
eqs = []
for k in range(3):
    eqs += sp.Poly(sp.expand(ex.coeff(x, k)), l).coeffs()
sol = sp.solve(eqs, [B, *p], dict=True)[0]
print("\nv_L = 1/eps_L = alpha L + B ln L + C_v + (p11 ln L + p10)/L + O(ln^2 L/L^2)")
for s in [B, *p]:
    print("  ", s, "=", sp.factor(sol[s]))
vsol = v_of(x, l).subs(sol)
beta = sp.Symbol('beta')
epsL = sp.expand(sp.series(1/vsol, x, 0, 4).removeO())
print("\neps_L = (1/L) [beta + (e11 ln L + e10)/L + (e22 ln^2 L + e21 ln L + e20)/L^2 + ...], beta = 2/f2")
for k in [1, 2, 3]:
    print("   L^-%d coefficient:" % k, sp.collect(sp.factor_terms(sp.expand(epsL.coeff(x, k))), l))

mu, nu, r10, r11 = sp.symbols('mu nu r10 r11')
def t_of(xx, ll):
    return 1/(3*xx) + mu*ll + nu + (r10 + r11*ll)*xx
tL = t_of(x, l); tL1 = t_of(x/(1+x), l + sp.log(1+x))
epsx = 1/vsol
epsx1 = 1/(vsol.subs({x: x/(1+x), l: l + sp.log(1+x)}, simultaneous=True))
rhs = tL*fp.subs(e, epsx) + 1 - epsx1
ex = sp.expand(sp.series(tL1 - rhs, x, 0, 3).removeO())
eqs = []
for k in range(3):
    eqs += sp.Poly(sp.expand(ex.coeff(x, k)), l).coeffs()
tsol = sp.solve(eqs, [mu, nu, r10, r11], dict=True)[0]
print("\nTheta12/q* = L/3 + mu ln L + nu + (r11 ln L + r10)/L + O(ln^2 L/L^2)")
for s in [mu, nu, r11, r10]:
    print("  ", s, "=", sp.factor(sp.simplify(tsol[s])))
print("\nidentity: t_L - v_L/(3 alpha) =", sp.simplify(tsol[nu] - Cv/(3*al)), "+ O(ln L/L)")

# ---- the same in the parameters beta = 2/f2, lambda = 1 - 2 f3/(3 f2^2), gamma = C_v/alpha, phi4 = f4/f2^3
bt, lam, gm, ph4 = sp.symbols('beta lambda gamma phi4')
subs = {f2: 2/bt, f3: (1 - lam)*3*(2/bt)**2/2, f4: ph4*(2/bt)**3, Cv: gm/bt}
print("\nIn beta = 2/f2, lambda = 1 - 2 f3/(3 f2^2), gamma = C_v/alpha = 2 C_v/f2, phi4 = f4/f2^3:")
rel = sp.expand(sp.simplify(sp.expand(epsL.subs(subs)*(1/x)/bt)))
print("  eps_L = (beta/L) * [1 + (", sp.collect(sp.expand(rel.coeff(x, 1)), l), ")/L + (",
      sp.collect(sp.expand(rel.coeff(x, 2)), l), ")/L^2 + ...]")
for s in [mu, nu, r11, r10]:
    print("  ", s, "=", sp.collect(sp.expand(sp.simplify(tsol[s].subs(subs))), [gm, lam]))
