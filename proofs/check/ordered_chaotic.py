#!/usr/bin/env python3
"""Numerical sanity check of proofs/ordered-chaotic.md (H8, H9, SC1).

Part 1 (exact, erf, closed forms at 80 digits; q1 = q*):
   N12 = sb^2 + sw^2 (2/pi) asin(2 s12 / sqrt((1+2 s11)(1+2 s22)))
   D12 = sw^2 (4/pi) / sqrt((1+2 s11)(1+2 s22) - 4 s12^2)
 ordered point (sw = 0.8, sb = 0.3) and chaotic point (sw = 2, sb = 0.1).
Part 2 (tanh, 2D Gauss-Hermite with 120 x 120 nodes, ~15 digits, not certified): the points of
 papers.md (ordered tanh sb = 0.3, sw = 1; chaotic tanh sb = 0.1, sw = 2): q*, chi_1, f''(1), c*, f'(c*),
 the limits of Theta, and ALL fixed points of f in [-1, 1] (a negative attracting one exists!).
"""
from mpmath import mp, mpf, asin, sqrt, pi, log, nstr, findroot, diff, tanh, sech, gauss_quadrature

mp.dps = 120

def erf_point(sw, sb):
    sw2 = mpf(sw)**2; sb2 = mpf(sb)**2
    V = lambda q: sb2 + sw2*2/pi*asin(2*q/(1+2*q))
    q = mpf(1)
    for _ in range(3000):
        q = V(q)
    q = findroot(lambda x: V(x) - x, q)
    r = 2*q/(1+2*q)
    f = lambda c: (sb2 + sw2*2/pi*asin(r*c))/q
    g = lambda e: sw2*2/pi*(asin(r) - asin(r - r*e))/q          # 1 - f(1 - e)
    fp = lambda c: sw2*4/pi/sqrt((1+2*q)**2 - 4*q*q*c*c)
    return q, f, g, fp

print("=== Part 1: erf, exact closed forms, q1 = q* ===")
# ---------------- ordered
q, f, g, fp = erf_point('0.8', '0.3')
chi = fp(1); f2 = diff(f, 1, 2)
T = q/(1 - chi)
print(f"ordered erf sw=0.8 sb=0.3: q* = {nstr(q,15)}, chi_1 = {nstr(chi,15)}, f''(1) = {nstr(f2,15)}, limit q*/(1-chi_1) = {nstr(T,15)}")
pred_rate = -q*(1 + f2/(chi*(1 - chi)))
for c0 in ['0', '0.5', '-0.5', '0.9']:
    eps = 1 - mpf(c0); t11 = q; t12 = q*mpf(c0)
    rows = []
    prev = None
    for L in range(1, 201):
        if L in (50, 100, 150, 200):
            exact11 = q*(1 - chi**L)/(1 - chi)
            E = t12 - T
            rows.append((L, abs(t11 - exact11), (g(eps)/eps - chi)/eps, E/eps, eps))
        D = fp(1 - eps)
        epsn = g(eps)
        t11 = t11*chi + q
        t12 = t12*D + q*(1 - epsn)
        eps = epsn
    print(f"  c0 = {c0}:")
    for i, (L, d11, sc, Ee, e) in enumerate(rows):
        slope = (Ee - rows[i-1][3])/(L - rows[i-1][0]) if i else None
        print(f"    L = {L:3d}: |Theta11 - q*(1-chi^L)/(1-chi)| = {nstr(d11,2)};  eps_L = {nstr(e,5)};"
              f" (eps_L+1/eps_L - chi_1)/eps_L = {nstr(sc,10)} (-f''/2 = {nstr(-f2/2,10)})"
              + (f";  d/dL[(Theta12-q*/(1-chi))/eps_L] = {nstr(slope,12)} (pred {nstr(pred_rate,12)})" if slope else ""))
# ---------------- chaotic
q, f, g, fp = erf_point('2', '0.1')
chi = fp(1)
cs = findroot(lambda c: f(c) - c, mpf('0.3'))
lam = fp(cs); fpp = diff(f, cs, 2)
T = q*cs/(1 - lam)
print(f"chaotic erf sw=2 sb=0.1: q* = {nstr(q,15)}, chi_1 = {nstr(chi,15)}, c* = {nstr(cs,15)}, f'(c*) = {nstr(lam,15)},"
      f" limit q* c*/(1 - f'(c*)) = {nstr(T,15)}")
pred = None
for c0 in ['0', '0.5', '-0.5', '0.9']:
    c = mpf(c0); t11 = q; t12 = q*c
    rows = []
    for L in range(1, 161):
        if L in (80, 120, 159, 160):
            rows.append((L, t11 - q*(chi**L - 1)/(chi - 1), (t12 - T)/lam**L, (c - cs)/lam**L))
        D = fp(c); c = f(c)
        t11 = t11*chi + q
        t12 = t12*D + q*c
    K = rows[-1][3]
    pred = (K/lam)*(T*fpp + q*lam)
    slope = rows[-1][2] - rows[-2][2]
    print(f"  c0 = {c0}: Theta12^160 - limit = {nstr((rows[-1][2])*lam**160, 6)};  K = lim (c_L - c*)/f'(c*)^L = {nstr(K, 12)};"
          f"  d/dL[(Theta12 - limit)/f'(c*)^L] at L = 160: {nstr(slope, 10)}  (pred (K/f'(c*))(T f''(c*) + q* f'(c*)) = {nstr(pred, 10)});"
          f"  Theta11 identity error {nstr(abs(rows[-1][1]), 2)}")

print("\n=== Part 2: tanh reference values (not certified) ===")
# 1D Gaussian integrals by adaptive quadrature; the 2D map f(c) by Mehler's series
#   f(c) = sum_k a_k c^k,  a_k = sigma_w^2 E[tanh(sqrt(q*) Z) He_k(Z)]^2 / (k! q*)  (+ sigma_b^2/q* in a_0),
# truncated at K = 41 (for |c| <= 0.05 the neglected terms are < 1e-60; at c = 1 the truncation leaves 1 - sum a_k ~ 4e-6,
# so the series is used only near c* and 2D Gauss-Hermite (120 x 120, ~1e-7) only for the sign scan of f(c) - c).
from mpmath import quad, inf, exp, factorial
mp.dps = 30
g1 = lambda z: exp(-z*z/2)/sqrt(2*pi)
E1 = lambda F: quad(lambda z: g1(z)*F(z), [-inf, -3, 0, 3, inf])
def He(k, z):
    a, b = mpf(1), z
    if k == 0: return a
    for j in range(1, k):
        a, b = b, z*b - j*a
    return b
X, W = gauss_quadrature(120, "hermite")
Z = [x*sqrt(2) for x in X]; P = [w/sqrt(pi) for w in W]
def E2(F, q, c):
    s = sqrt(1 - c*c); rq = sqrt(q)
    return sum(p1*sum(p2*F(rq*z1, rq*(c*z1 + s*z2)) for z2, p2 in zip(Z, P)) for z1, p1 in zip(Z, P))
for sw, sb, phase in [('1', '0.3', 'ordered'), ('2', '0.1', 'chaotic')]:
    sw2 = mpf(sw)**2; sb2 = mpf(sb)**2
    q = findroot(lambda q: sb2 + sw2*E1(lambda z: tanh(sqrt(q)*z)**2) - q, mpf(1))
    chi = sw2*E1(lambda z: sech(sqrt(q)*z)**4)
    f2 = sw2*q*E1(lambda z: (2*tanh(sqrt(q)*z)*sech(sqrt(q)*z)**2)**2)
    print(f"tanh sw={sw} sb={sb} ({phase}): q* = {nstr(q,15)}, chi_1 = {nstr(chi,15)}, f''(1) = {nstr(f2,15)}")
    if phase == 'ordered':
        print(f"   limit q*/(1-chi_1) = {nstr(q/(1-chi),15)};  off-diagonal rate constant -q*(1 + f''/(chi(1-chi))) = "
              f"{nstr(-q*(1 + f2/(chi*(1-chi))),15)};  xi_c = -1/ln chi_1 = {nstr(-1/log(chi),15)}")
        continue
    rq = sqrt(q); K = 41
    ak = [sw2*E1(lambda z, k=k: tanh(rq*z)*He(k, z))**2/factorial(k)/q for k in range(K)]
    ak[0] += sb2/q
    fM = lambda c: sum(ak[k]*c**k for k in range(K))
    fpM = lambda c: sum(k*ak[k]*c**(k-1) for k in range(1, K))
    cs = findroot(lambda c: fM(c) - c, mpf('0.0383')); lam = fpM(cs)
    print(f"   Mehler: c* = {nstr(cs, 15)}, f'(c*) = {nstr(lam, 15)}, limit q* c*/(1 - f'(c*)) = {nstr(q*cs/(1 - lam), 15)}")
    f = lambda c: (sb2 + sw2*E2(lambda a, b: tanh(a)*tanh(b), q, c))/q
    grid = [mpf(-1) + mpf(k)/20 for k in range(40)]
    h = [f(c) - c for c in grid]
    print(f"   scan (Gauss-Hermite): min of f(c) - c over c in [-1, 0) grid = {nstr(min(h[:20]), 6)} (Lemma O1: >= a_0 = f(0) = {nstr(ak[0], 6)});"
          f" sign changes in [-1, 0.95]: {sum(1 for k in range(39) if h[k]*h[k+1] < 0)} (expected 1, at c*)")
