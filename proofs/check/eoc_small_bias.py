#!/usr/bin/env python3
"""Series of proofs/maps.md Lemma M12 (the edge of chaos as sigma_b -> 0):
A(q) = E[phi(x)^2], B(q) = E[phi'(x)^2], x ~ N(0, q), expanded at q = 0.

1. odd phi = a x + b x^3 + d x^5 + ...: A/B - q = -(12 b^2/a^2) q^3 + O(q^4)
   symbolically; tanh, erf to O(q^6), 1/B to O(q^3); sin: A/B = tanh(q).
2. elu (alpha = 1) in s = sqrt(q), half-Gaussian moments
   E[x^k 1{x<0}] = (-1)^k q^(k/2) 2^(k/2) Gamma((k+1)/2) / (2 sqrt(pi)).
3. The consequences for q* (G(q*) = sigma_b^2 + A/B - q* = 0) and
   sigma_w^2 = 1/B(q*) that tests/maps/t-maps-ziv.c checks, and a numerical
   check of them with mpmath (the EOC equation solved at 50 digits).
Run: python3 proofs/check/eoc_small_bias.py   (a few seconds)
"""
import sympy as sp
import mpmath as mp

x, q, s = sp.symbols('x q s', positive=True)
a, b, d = sp.symbols('a b d', nonzero=True)


def gauss(poly):
    """E[poly(x)], x ~ N(0, q): E x^(2k) = (2k-1)!! q^k"""
    p = sp.Poly(sp.expand(poly), x)
    return sp.expand(sum(c * sp.factorial2(k - 1) * q**(k // 2)
                         for (k,), c in p.terms() if k % 2 == 0))


# ---------------------------------------------------------------- 1
phi = a * x + b * x**3 + d * x**5
A, B = gauss(phi**2), gauss(sp.diff(phi, x)**2)
r = sp.simplify(sp.series(A / B, q, 0, 4).removeO() - q)
print("odd phi: A/B - q =", sp.factor(r), "+ O(q^4)")
assert sp.simplify(r + 12 * b**2 / a**2 * q**3) == 0

for name, f in [("tanh", sp.tanh(x)), ("erf", sp.erf(x)), ("sin", sp.sin(x))]:
    ser = sp.series(f, x, 0, 16).removeO()
    dser = sp.series(sp.diff(f, x), x, 0, 16).removeO()
    A, B = gauss(ser**2), gauss(dser**2)
    print(name, ": A/B - q =", sp.series(A / B - q, q, 0, 7), "; 1/B =", sp.series(1 / B, q, 0, 4))
A_sin = (1 - sp.exp(-2 * q)) / 2
B_sin = (1 + sp.exp(-2 * q)) / 2
assert sp.simplify((A_sin / B_sin - sp.tanh(q)).rewrite(sp.exp)) == 0
print("sin: A/B = tanh(q) exactly")


# ---------------------------------------------------------------- 2
def half(poly, sign):
    """E[poly(x) 1{sign x > 0}], x ~ N(0, s^2)"""
    p = sp.Poly(sp.expand(poly), x)
    r = 0
    for (k,), c in p.terms():
        absk = s**k * 2**sp.Rational(k, 2) * sp.gamma(sp.Rational(k + 1, 2)) / sp.sqrt(sp.pi)
        r += c * (sign if k % 2 else 1) * absk / 2
    return sp.expand(r)


em1 = sp.series(sp.exp(x) - 1, x, 0, 10).removeO()
e2x = sp.series(sp.exp(2 * x), x, 0, 10).removeO()
A = half(x**2, 1) + half(em1**2, -1)
B = half(sp.Integer(1), 1) + half(e2x, -1)
r = sp.expand(sp.series(A / B, s, 0, 7).removeO() - s**2)
print("elu: A/B - q =", r, "+ O(q^(7/2))   (s = sqrt(q))")
print("elu: 1/B =", sp.series(1 / B, s, 0, 4))
assert sp.simplify(r.coeff(s, 4) + sp.Rational(1, 8)) == 0
assert sp.simplify(r.coeff(s, 5) - 5 * sp.sqrt(2) / (24 * sp.sqrt(sp.pi))) == 0

# ---------------------------------------------------------------- 3
mp.mp.dps = 50
Zq = lambda f: mp.quad(lambda z: f(z) * mp.exp(-z**2 / 2), [-mp.inf, 0, mp.inf]) / mp.sqrt(2 * mp.pi)


def eoc(phi, dphi, sb2, q0):
    A = lambda q: Zq(lambda z: phi(mp.sqrt(q) * z)**2)
    B = lambda q: Zq(lambda z: dphi(mp.sqrt(q) * z)**2)
    qs = mp.findroot(lambda q: sb2 + A(q) / B(q) - q, q0)
    return qs, 1 / B(qs)


acts = {
    "tanh": (mp.tanh, lambda t: mp.sech(t)**2),
    "erf": (mp.erf, lambda t: 2 / mp.sqrt(mp.pi) * mp.exp(-t**2)),
    "elu": (lambda t: t if t >= 0 else mp.expm1(t), lambda t: 1 if t >= 0 else mp.exp(t)),
}
for sb in ["1e-3", "1e-6"]:
    sb2 = mp.mpf(sb)**2
    for name, (f, df) in acts.items():
        q0 = (3 * sb2 / 4)**(mp.mpf(1) / 3) if name != "elu" else 2 * mp.sqrt(2) * mp.sqrt(sb2)
        qs, w = eoc(f, df, sb2, q0)
        if name == "tanh":
            c = ((mp.mpf(4) / 3) * qs**3 / sb2 - 1 - 6 * qs) / qs**2, (w - 1 - 2 * qs) / qs**2
        elif name == "erf":
            c = ((mp.mpf(4) / 3) * qs**3 / sb2 - 1 - 4 * qs) / qs**2, (w * 4 / mp.pi - 1 - 2 * qs) / qs**2
        else:
            c = ((qs**2 / (8 * sb2) - 1 - 5 * mp.sqrt(2) / (3 * mp.sqrt(mp.pi)) * mp.sqrt(qs)) / qs,
                 (w - 1 - mp.sqrt(2 / mp.pi) * mp.sqrt(qs)) / qs)
        print("sigma_b %s %-4s q* = %s  scaled remainders %s %s"
              % (sb, name, mp.nstr(qs, 12), mp.nstr(c[0], 6), mp.nstr(c[1], 6)))
