#!/usr/bin/env python3
"""Numerical/symbolic sanity checks of proofs/activations.md (not tests of the
C code).  Needs Debian's python3-sympy and python3-mpmath.  Prints one line
per check; every line must end in 'ok'."""
import sympy as sp
from mpmath import mp, mpf, quad, sqrt, asin, acos, pi, npdf, ncdf, erf, sin, exp

mp.dps = 30

# --- Lemma A18 (b): GELU derivative kernel is d/drho of the kernel ---------
s11, s22, r = sp.symbols('s11 s22 rho', positive=True)
a, b = 1 + s11, 1 + s22
D = a * b - r**2
K0 = r / 4 + r * sp.asin(r / sp.sqrt(a * b)) / (2 * sp.pi) \
    + (s11 * s22 - r**2 + r**2 * (1 / a + 1 / b)) / (2 * sp.pi * sp.sqrt(D))
K1 = sp.Rational(1, 4) + sp.asin(r / sp.sqrt(a * b)) / (2 * sp.pi) \
    + r * (1 / a + 1 / b) / (2 * sp.pi * sp.sqrt(D)) + r / (2 * sp.pi * D**sp.Rational(3, 2))
diff = sp.diff(K0, r) - K1
vals = [diff.subs({s11: x, s22: y, r: z}).evalf(40) for (x, y, z) in
        [(sp.Rational(7, 10), sp.Rational(13, 10), sp.Rational(2, 5)),
         (3, sp.Rational(1, 5), sp.Rational(-7, 10)), (1, 1, sp.Rational(99, 100))]]
print("A18 dK0/drho = K1 (3 points, 40 digits):", [sp.N(v, 3) for v in vals],
      "ok" if all(abs(v) < 1e-35 for v in vals) else "FAIL")
# rho = 0: product of 1D means s/sqrt(2 pi (1+s))
v = (K0.subs(r, 0) - s11 * s22 / (2 * sp.pi * sp.sqrt(a * b)))
print("A18 K0(rho=0) = E[gelu u] E[gelu v]:", sp.simplify(v) == 0 and "ok" or "FAIL")

# --- A18 against a 2D integral ---------------------------------------------
def gelu(x): return x * ncdf(x)
def K0num(x11, x22, rho):
    s1 = sqrt(x11); c = rho / s1; d = sqrt(x22 - rho * rho / x11)
    return quad(lambda x, w: gelu(s1 * x) * gelu(c * x + d * w) * npdf(x) * npdf(w),
                [-10, 0, 10], [-10, 0, 10])
mp.dps = 15
x11, x22, rho = mpf('0.7'), mpf('1.3'), mpf('0.4')
aa, bb = 1 + x11, 1 + x22
k0 = rho / 4 + rho * asin(rho / sqrt(aa * bb)) / (2 * pi) \
    + (x11 * x22 - rho**2 + rho**2 * (1 / aa + 1 / bb)) / (2 * pi * sqrt(aa * bb - rho**2))
print("A18 K0 vs 2D quadrature:", k0, K0num(x11, x22, rho),
      "ok" if abs(k0 - K0num(x11, x22, rho)) < 1e-9 else "FAIL")

# --- Lemma A15: relu_pow recurrence vs 2D quadrature ------------------------
def kn(n, c):
    th = acos(c)
    ks = [(pi - th) / (2 * pi), (sqrt(1 - c * c) + (pi - th) * c) / (2 * pi)]
    for j in range(2, n + 1):
        ks.append((2 * j - 1) * c * ks[-1] + (j - 1)**2 * (1 - c * c) * ks[-2])
    return ks[n]
for n in (2, 3, 4):
    for c in (mpf('-0.6'), mpf('0.3'), mpf('0.9')):
        s = sqrt(1 - c * c)
        # integrate over x > 0 and over the half plane c x + s w > 0 only
        # Y = c X + s W > 0  <=>  W > -c X / s: integrate the inner variable there
        num = quad(lambda x: x**n * npdf(x) * quad(
            lambda w: (c * x + s * w)**n * npdf(w), [-c * x / s, 14]), [0, 14])
        ok = abs(num - kn(n, c)) < 1e-10 * max(1, abs(num))
        print(f"A15 k_{n}({c}) recurrence {kn(n, c)} vs quadrature {num}", "ok" if ok else "FAIL")

# --- Lemma A16: difference recurrence vs direct difference at high precision -
mp.dps = 60
for n in (1, 2, 5):
    for eps in (mpf('1e-20'), mpf('0.25'), mpf('1.5')):
        c = 1 - eps
        th = 2 * asin(sqrt(eps / 2))
        k = [kn(j, c) for j in range(n + 1)]
        d = (th - sin(th) + eps * (pi - th)) / (2 * pi)
        for j in range(2, n + 1):
            d = (2 * j - 1) * d + eps * ((2 * j - 1) * k[j - 1] - (j - 1)**2 * (2 - eps) * k[j - 2])
        with mp.workdps(200):     # the direct difference loses log10(1/eps) digits
            direct = kn(n, mpf(1)) - kn(n, 1 - eps)
        ok = abs(d - direct) <= mpf(10)**-40 * abs(direct)
        print(f"A16 D_{n}(eps={mp.nstr(eps, 3)}) = {mp.nstr(d, 15)}", "ok" if ok else "FAIL")

# --- Lemma A17: erf eps form ------------------------------------------------
for q in (mpf('0.01'), mpf(1), mpf(30)):
    for eps in (mpf('1e-25'), mpf('0.5')):
        x = 2 * q / (1 + 2 * q)
        stable = asin(2 * q * eps * (2 - eps) / (sqrt(1 + 4 * q + 4 * q * q * eps * (2 - eps))
                                                 + (1 - eps) * sqrt(1 + 4 * q)))
        direct = asin(x) - asin(x * (1 - eps))
        print(f"A17 erf arcsine difference q={mp.nstr(q, 3)} eps={mp.nstr(eps, 3)}",
              "ok" if abs(stable - direct) < mpf(10)**-30 * abs(direct) else "FAIL")

# --- Lemma A5: |tanh| <= 1 on |Im z| <= pi/4, sharp -------------------------
from mpmath import tanh, mpc
worst = max(abs(tanh(mpc(x / 10, pi / 4 * y / 20))) for x in range(-50, 51) for y in range(-20, 21))
print("A5 max |tanh| on a grid of |Im z| <= pi/4:", mp.nstr(worst, 10), "ok" if worst <= 1 else "FAIL")
