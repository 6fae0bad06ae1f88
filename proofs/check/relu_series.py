#!/usr/bin/env python3
"""Symbolic large-depth expansions at the EOC of phi(x) = a x + b|x|
(Delta = b^2/(a^2+b^2); ReLU: Delta = 1/2).  Companion of proofs/relu-eoc.md
(Lemmas R1-R5) and proofs/ntk-relu.md (Lemmas N1-N4).

Variables: w_l = (eps_l/2)^(-1/2), so sqrt(eps/2) = 1/w and theta = 2 asin(1/w).
Exact map (Lemma R1):  eps' = eps - (2 Delta/pi)(sin th - th cos th).
NTK (Lemma N1):        t' = t (1 - (4 Delta/pi) asin(1/w)) + 1 - 2/w'^2,  t = Theta12/q.
"""
import sympy as sp

D = sp.Symbol('Delta', positive=True)
s = sp.Symbol('s', positive=True)     # s = 1/w
x, l, Cw = sp.symbols('x l C_w', real=True)
pi = sp.pi
NS = 7

# ---- 1. the map in w:  w' = w + A + b2/w + b3/w^2 + b4/w^3 + ...
th = 2*sp.asin(s)
g = 2*s**2 - (2*D/pi)*(2*s*sp.sqrt(1-s**2) - th*(1-2*s**2))     # eps' with eps = 2 s^2
gser = sp.series(g, s, 0, NS+2).removeO()
print("eps' in s = 1/w :", sp.collect(sp.expand(gser), s))
# eps-form coefficients: eps = 2 s^2
eps = sp.Symbol('epsilon', positive=True)
print("g(eps) =", sp.expand(sp.series(gser.subs(s, sp.sqrt(eps/2)), eps, 0, 4).removeO()))
wprime = sp.series(sp.sqrt(2/gser) , s, 0, 4).removeO()   # in powers of s; leading 1/s
wprime = sp.expand(wprime)
A  = sp.simplify(wprime.coeff(s, 0))
b2 = sp.simplify(wprime.coeff(s, 1))
b3 = sp.simplify(wprime.coeff(s, 2))
b4 = sp.simplify(wprime.coeff(s, 3))
assert sp.simplify(wprime.coeff(s, -1) - 1) == 0
print("w' = w + A + b2/w + b3/w^2 + b4/w^3 + ...")
print("  A  =", A); print("  b2 =", b2); print("  b3 =", sp.factor(b3)); print("  b4 =", sp.factor(b4))

# ---- 2. expansion of w_L (general recursion, cf. series_u.py)
B = sp.Symbol('B'); p = sp.symbols('p10 p11 p20 p21 p22')
def w_of(xx, ll):
    return A/xx + B*ll + Cw + (p[0]+p[1]*ll)*xx + (p[2]+p[3]*ll+p[4]*ll**2)*xx**2
wL = w_of(x, l); wL1 = w_of(x/(1+x), l+sp.log(1+x))
F = wL + A + b2/wL + b3/wL**2 + b4/wL**3
ex = sp.expand(sp.series(wL1 - F, x, 0, 4).removeO())
eqs = []
for k in range(4):
    eqs += sp.Poly(sp.expand(ex.coeff(x, k)), l).coeffs()
sol = sp.solve(eqs, [B, *p], dict=True)[0]
print("\nw_L = A L + B ln L + C_w + (p11 ln L + p10)/L + (p22 ln^2 L + p21 ln L + p20)/L^2 + O(ln^3 L/L^3)")
for sname in [B, *p]:
    print(" ", sname, "=", sp.simplify(sp.expand(sol[sname])))
wsol = w_of(x, l).subs(sol)

# ---- 3. eps_L = 2/w_L^2 = A_eps L^-2 [1 + (a1 ln L + b1)/L + (a2 ln^2 L + b2 ln L + c2)/L^2 + ...]
gam = sp.Symbol('gamma')   # C_w = A*gamma
epsL = sp.expand(sp.series(2/wsol**2, x, 0, 5).removeO())
Aeps = sp.simplify(epsL.coeff(x, 2))
rel = sp.expand(sp.simplify(sp.expand(epsL/Aeps/x**2)).subs(Cw, A*gam))
rel = sp.expand(sp.series(rel, x, 0, 3).removeO())
print("\neps_L = A_eps L^-2 [1 + (a1 ln L + b1)/L + (a2 ln^2 L + b2 ln L + c2)/L^2 + ...], gamma = C_w/A")
print("  A_eps =", sp.simplify(Aeps))
r1 = sp.Poly(rel.coeff(x, 1), l); r2 = sp.Poly(rel.coeff(x, 2), l)
print("  1/L   term:", sp.collect(sp.simplify(rel.coeff(x, 1)), l))
print("  1/L^2 term:", sp.collect(sp.expand(sp.simplify(rel.coeff(x, 2))), l))

# ---- 4. Theta12/q = t_L = L/4 + mu ln L + nu + (r11 ln L + r10)/L + ...
mu, nu, r10, r11 = sp.symbols('mu nu r10 r11')
def t_of(xx, ll):
    return 1/(4*xx) + mu*ll + nu + (r10 + r11*ll)*xx
tL = t_of(x, l); tL1 = t_of(x/(1+x), l+sp.log(1+x))
wL1s = wsol.subs({x: x/(1+x), l: l+sp.log(1+x)}, simultaneous=True)
rhs = tL*(1 - (4*D/pi)*sp.asin(1/wsol)) + 1 - 2/wL1s**2
ex = sp.expand(sp.series(tL1 - rhs, x, 0, 3).removeO())
eqs = []
for k in range(3):
    eqs += sp.Poly(sp.expand(ex.coeff(x, k)), l).coeffs()
tsol = sp.solve(eqs, [mu, nu, r10, r11], dict=True)[0]
print("\nTheta12/q = L/4 + mu ln L + nu + (r11 ln L + r10)/L + O(ln^2 L/L^2)")
for sname in [mu, nu, r11, r10]:
    print(" ", sname, "=", sp.simplify(sp.expand(tsol[sname].subs(Cw, A*gam))))
