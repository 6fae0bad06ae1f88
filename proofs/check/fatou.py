#!/usr/bin/env python3
"""Check of proofs/fatou.md (the depth jump of the ReLU-like EOC map).

1. Symbolic (sympy, kappa = Delta/pi a symbol): the Abel series
   Phi = 1/(A t) + B ln t + sum c_k t^k with Phi(F) - Phi - 1 = O(t^(N+2)),
   the homogeneous solution Qh = t^3 + ..., and the particular solution
   kappa = pm1/t + sum p_j t^j + q3 ln t Qh of U' = U Dn + 1 - 2 F^2, solved
   order by order independently of the C code (here by undetermined
   coefficients and sympy.solve, not by the C code's recursion), in closed
   form; the constants 9 pi^2/2, 1/pi, 3/8 (and -1/8 of Corollary N6 of
   ntk-relu.md) read off exactly.
2. Series reversion check: the Abel equation inverted as a series
   t(Phi) against direct iteration of the exact map (mpmath, 50 digits).
3. Numeric (mpmath, 50 digits): iterate the exact map (Lemma R1 closed
   form) from c0 = 0.5 to L = 10^5 and compare with the jump from L0 = 10^3
   (Phi and kappa/Qh at order N = 12).
Usage: python3 proofs/check/fatou.py   (about 20 s)
"""
import sympy as sp
import mpmath as mp

t, k = sp.symbols('t kappa', positive=True)
NORD = 6          # symbolic order
n = NORD + 3      # series length (orders 0..NORD+2)


def asin_coef(m):
    return sp.binomial(2 * m, m) / (sp.Integer(4) ** m * (2 * m + 1))


def ser(e):
    return sp.series(e, t, 0, n).removeO()


R = sum(8 * k * asin_coef(m) / (2 * m + 3) * t ** (2 * m + 1) for m in range(n))
asn = sum(asin_coef(m) * t ** (2 * m + 1) for m in range(n))
u = ser(sp.sqrt(1 - R))
v = ser(1 / sp.sqrt(1 - R))
lu = ser(sp.log(1 - R) / 2)
Dn = 1 - 4 * k * asn
A = sp.Rational(4, 3) * k


def coeffs(expr, upto):
    p = sp.Poly(sp.expand(ser(expr)), t)
    return [sp.simplify(p.coeff_monomial(t ** j)) for j in range(upto + 1)]


# --- Phi: undetermined B, c_1..c_N ---------------------------------------
Bs = sp.Symbol('B')
cs = sp.symbols('c1:%d' % (NORD + 1))
E = sp.expand(sp.cancel((v - 1) / t) / A) + Bs * lu - 1
up = [sp.Integer(1)]
for j in range(1, NORD + 1):
    up.append(ser(sp.expand(up[-1] * u)))
for j in range(1, NORD + 1):
    E += cs[j - 1] * sp.expand(t ** j * (up[j] - 1))
eqs = coeffs(E, NORD + 1)
sol = sp.solve(eqs[1:NORD + 2], [Bs] + list(cs), dict=True)[0]
assert sp.simplify(eqs[0]) == 0
Bv = sp.simplify(sol[Bs])
print("Phi(t) = 1/(A t) + B ln t + sum c_k t^k,  A = 4 kappa/3, kappa = Delta/pi")
print("  B =", Bv)
cval = [sp.factor(sp.simplify(sol[c])) for c in cs]
for j, c in enumerate(cval, 1):
    print("  c%d =" % j, c)

# --- Qh: t^3 + sum_{j>=4} qh_j t^j, homogeneous: Qh(F) = Dn Qh ---------------
qs = sp.symbols('qh4:%d' % (NORD + 1))
Q = t ** 3 * (up[3] - Dn)
for j in range(4, NORD + 1):
    Q += qs[j - 4] * sp.expand(t ** j * (up[j] - Dn))
eqq = coeffs(Q, NORD + 1)
solq = sp.solve(eqq[5:NORD + 2], list(qs), dict=True)[0]
assert all(sp.simplify(e) == 0 for e in eqq[:5])
qhv = {3: sp.Integer(1)}
for j in range(4, NORD + 1):
    qhv[j] = sp.factor(sp.simplify(solq[qs[j - 4]]))
    print("  qh%d =" % j, qhv[j])

# --- kappa: pm1/t + sum p_j t^j (p_3 = 0) + q3 ln t Qh --------------------
pm1, q3 = sp.symbols('pm1 q3')
ps = sp.symbols('p0:%d' % (NORD + 1))
QhF = sum(qhv[j] * t ** j * up[j] for j in range(3, NORD + 1))
K = pm1 * sp.expand(sp.cancel((v - Dn) / t)) + 2 * t ** 2 * up[2] - 1
K += q3 * sp.expand(lu * QhF)
for j in range(NORD + 1):
    if j != 3:
        K += ps[j] * sp.expand(t ** j * (up[j] - Dn))
eqk = coeffs(K, NORD + 1)
unk = [pm1, q3] + [ps[j] for j in range(NORD + 1) if j != 3]
solk = sp.solve(eqk[:NORD + 2], unk, dict=True)[0]
pv = {j: sp.factor(sp.simplify(solk[ps[j]])) for j in range(NORD + 1) if j != 3}
pv[3] = sp.Integer(0)
pm1v = sp.simplify(solk[pm1])
q3v = sp.factor(sp.simplify(solk[q3]))
print("kappa(t) = pm1/t + sum p_j t^j + q3 ln t Qh(t)")
print("  pm1 =", pm1v, "  q3 =", q3v)
for j in range(NORD + 1):
    print("  p%d =" % j, pv[j])

# --- the constants read off exactly --------------------------------------
Delta = sp.Symbol('Delta', positive=True)
half = {k: sp.Rational(1, 2) / sp.pi}
print("constants (Delta = 1/2, ReLU):")
print("  eps_L L^2 -> 2/A^2 =", sp.simplify((2 / A ** 2).subs(half)), " (H1: 9 pi^2/2)")
print("  w_L = A L + (A B) ln L + ...: A B =", sp.simplify((A * Bv).subs(half)), " (H2: 1/pi)")
print("  Theta12/q = L/4 + (B/4) ln L + ...: pm1 A =", sp.simplify(pm1v * A),
      ", B/4 =", Bv / 4, " (H4/H5: 1/4, 3/8)")
print("  t_L - w_L/(4A) -> p0 =", pv[0], " (Corollary N6: -1/8)")
assert sp.simplify((2 / A ** 2).subs(half) - 9 * sp.pi ** 2 / 2) == 0
assert sp.simplify((A * Bv).subs(half) - 1 / sp.pi) == 0
assert Bv / 4 == sp.Rational(3, 8) and sp.simplify(pm1v * A) == sp.Rational(1, 4)
assert pv[0] == sp.Rational(-1, 8)

# numeric values at Delta = 1/2 for the C test
print("numeric, Delta = 1/2 (kappa = 1/(2 pi)):")
for name, val in ([("c%d" % j, c) for j, c in enumerate(cval, 1)]
                  + [("qh4", qhv[4]), ("q3", q3v), ("p1", pv[1]), ("p2", pv[2]), ("p4", pv[4])]):
    print("  %-4s = %s" % (name, sp.N(val.subs(half), 30)))

# --- 3. numeric jump vs direct iteration (mpmath) -------------------------
mp.mp.dps = 50
kap = mp.mpf(1) / (2 * mp.pi)   # ReLU


def step(eps):
    th = mp.acos(1 - eps)
    return eps - 2 * kap * (mp.sin(th) - th * (1 - eps))


def dn(eps):
    return 1 - 2 * kap * mp.acos(1 - eps)


NN = 12
# numeric coefficients at order NN by the same undetermined-coefficient
# solve, in floating point (mpmath) with kappa = 1/(2 pi)
def numeric_model(N):
    nn = N + 3
    ts = sp.Symbol('t')
    kk = sp.Float(str(kap), 50)
    Rn = sum(8 * kk * asin_coef(m) / (2 * m + 3) * ts ** (2 * m + 1) for m in range(nn))
    an = sum(asin_coef(m) * ts ** (2 * m + 1) for m in range(nn))
    sr = lambda e: sp.expand(sp.series(e, ts, 0, nn).removeO())
    un, vn, lun = sr(sp.sqrt(1 - Rn)), sr(1 / sp.sqrt(1 - Rn)), sr(sp.log(1 - Rn) / 2)
    Dnn = 1 - 4 * kk * an
    An = sp.Rational(4, 3) * kk
    upn = [sp.Integer(1)]
    for j in range(1, N + 1):
        upn.append(sr(upn[-1] * un))
    co = lambda e, j: sp.Poly(sr(e), ts).coeff_monomial(ts ** j)
    # Phi
    S = sr(sp.expand((vn - 1) / ts) / An) + sp.Rational(3, 2) * lun - 1
    c = [0] * (N + 1)
    for j in range(1, N + 1):
        c[j] = co(S, j + 1) / (j * An)
        S = sp.expand(S + c[j] * ts ** j * (upn[j] - 1))
    # Qh
    qh = [0] * (N + 1)
    qh[3] = 1
    S = sp.expand(ts ** 3 * (upn[3] - Dnn))
    for j in range(4, N + 1):
        qh[j] = -co(S, j + 1) / ((3 - j) * An)
        S = sp.expand(S + qh[j] * ts ** j * (upn[j] - Dnn))
    QF = sp.expand(sum(qh[j] * ts ** j * upn[j] for j in range(3, N + 1)))
    pm = 1 / (4 * An)
    S = sr(pm * sp.expand((vn - Dnn) / ts) + 2 * ts ** 2 * upn[2] - 1)
    p = [0] * (N + 1)
    q3n = 0
    for j in range(N + 1):
        x = co(S, j + 1)
        if j == 3:
            q3n = x / An
            S = sr(S + q3n * lun * QF)
            continue
        p[j] = -x / ((3 - j) * An)
        S = sp.expand(S + p[j] * ts ** j * (upn[j] - Dnn))
    f = lambda z: mp.mpf(str(z))
    return (f(An), [f(z) for z in c], [f(z) for z in qh], f(pm), [f(z) for z in p], f(q3n))


An, c, qh, pm, p, q3n = numeric_model(NN)
Phi = lambda x: 1 / (An * x) + mp.mpf(3) / 2 * mp.log(x) + sum(c[j] * x ** j for j in range(1, NN + 1))
Qh = lambda x: sum(qh[j] * x ** j for j in range(3, NN + 1))
kp = lambda x: pm / x + sum(p[j] * x ** j for j in range(NN + 1)) + q3n * mp.log(x) * Qh(x)

L0, L1 = 1000, 100000
eps, U = mp.mpf('0.5'), mp.mpf('0.5')
for L in range(1, L1):
    if L == L0:
        eps0, U0 = eps, U
    d = dn(eps)
    eps = step(eps)
    U = U * d + 1 - eps
t0 = mp.sqrt(eps0 / 2)
P = Phi(t0) + (L1 - L0)
tj = mp.findroot(lambda x: Phi(x) - P, mp.sqrt(eps / 2))
Uj = kp(tj) + (U0 - kp(t0)) * Qh(tj) / Qh(t0)
print("direct (mpmath, 50 digits) vs jump from L0 = %d to L = %d at order %d:" % (L0, L1, NN))
print("  eps     direct %s\n          jump   %s   rel diff %.2e" % (
    mp.nstr(eps, 30), mp.nstr(2 * tj ** 2, 30), float(abs(2 * tj ** 2 / eps - 1))))
print("  Theta12 direct %s\n          jump   %s   rel diff %.2e" % (
    mp.nstr(U, 30), mp.nstr(Uj, 30), float(abs(Uj / U - 1))))
print("  (t0/rho)^(N+2) with rho = 1/4: %.2e" % float((4 * t0) ** (NN + 2)))
assert abs(2 * tj ** 2 / eps - 1) < mp.mpf(10) ** -25
assert abs(Uj / U - 1) < mp.mpf(10) ** -25
print("SUMMARY ok")
