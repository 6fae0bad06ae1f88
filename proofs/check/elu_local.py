#!/usr/bin/env python3
"""ELU (alpha = 1) at its EOC: phi'' jumps at 0 (phi''(0-) = 1, phi''(0+) = 0), so f'''(1) = +infinity.
Checks Lemma E6 of proofs/smooth-eoc.md:
   f'(1 - eps) = 1 - f2 eps + (4/3) K0 eps^{3/2} + O(eps^2),   K0 = sigma_w^2 q* J^2 / (2 pi sqrt 2), J = -1,
by computing f'(c) = sigma_w^2 E[phi'(u) phi'(v)] as a 1D integral of a closed-form conditional expectation,
and the depth consequences of Lemma E6 on the model recursion g(eps) = eps - f2 eps^2/2 + (8/15) K0 eps^{5/2}:
   eps_L = beta/L + (16/15) K0 beta^{5/2} L^{-3/2} + ...,   Theta12/q* = L/3 - (8/75) K0 beta^{3/2} sqrt(L) + ...
"""
from mpmath import mp, mpf, sqrt, exp, pi, ncdf, quad, findroot, nstr, inf, log

mp.dps = 30
sb2 = mpf('0.2')**2
Ephi2  = lambda q: q/2 + exp(2*q)*ncdf(-2*sqrt(q)) - 2*exp(q/2)*ncdf(-sqrt(q)) + mpf(1)/2
Edphi2 = lambda q: mpf(1)/2 + exp(2*q)*ncdf(-2*sqrt(q))
# EOC: sigma_w^2 = 1/Edphi2(q), V(q) = q
q = findroot(lambda q: sb2 + Ephi2(q)/Edphi2(q) - q, mpf(1))
sw2 = 1/Edphi2(q)
f2 = sw2*q*exp(2*q)*ncdf(-2*sqrt(q))          # Price: sigma_w^2 q* E[phi''^2]
K0 = sw2*q/(2*pi*sqrt(2))
print(f"ELU sigma_b = 0.2: q* = {nstr(q,15)}, sigma_w^2 = {nstr(sw2,15)}, f''(1) = {nstr(f2,15)}, K0 = {nstr(K0,15)}")

def fprime(c):
    s = sqrt(q*(1 - c**2))
    def h(u):        # E[phi'(v) | u],  v | u ~ N(c u, s^2)
        m = c*u
        return ncdf(m/s) + exp(m + s**2/2)*ncdf(-(m + s**2)/s)
    dens = lambda u: exp(-u**2/(2*q))/sqrt(2*pi*q)
    neg = quad(lambda u: exp(u)*h(u)*dens(u), [-inf, -40*s, -s, 0])
    pos = quad(lambda u: h(u)*dens(u), [0, s, 40*s, inf])
    return sw2*(neg + pos)

print("f'(1) - 1 =", nstr(fprime(mpf(1) - mpf(10)**-25) - 1, 3), "(c = 1 - 1e-25)")
for k in range(2, 8):
    eps = mpf(10)**-k
    d = fprime(1 - eps) - 1 + f2*eps
    print(f"  eps = 1e-{k}: (f'(1-eps) - 1 + f2 eps) / eps^1.5 = {nstr(d/eps**1.5, 10)}   (4/3) K0 = {nstr(4*K0/3, 10)}")

beta = 2/f2
print("\nmodel recursion, depth consequences:")
eps = mpf('0.5'); t = mpf('0.5')
for L in range(1, 400001):
    if L in (25000, 100000, 400000):
        print(f"  L = {L}: (eps_L - beta/L) L^1.5 = {nstr((eps - beta/L)*L**1.5, 8)}"
              f"  [(16/15) K0 beta^2.5 = {nstr(16*K0*beta**2.5/15, 8)}, next term O(ln L/sqrt L)];"
              f"  (t_L - L/3)/sqrt L = {nstr((t - mpf(L)/3)/sqrt(L), 8)}  [-(8/75) K0 beta^1.5 = {nstr(-8*K0*beta**1.5/75, 8)}]")
    fp = 1 - f2*eps + 4*K0*eps**1.5/3
    eps = eps - f2*eps**2/2 + 8*K0*eps**2.5/15
    t = t*fp + 1 - eps
