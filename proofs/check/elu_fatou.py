#!/usr/bin/env python3
"""Check of proofs/smooth-eoc.md Lemma E6 and proofs/fatou.md J13-J14 (ELU at its EOC, q1 = q*).

1. Symbolic (sympy; F0, F1, ... the Taylor coefficients of F(s) = f''(1 - s^2)):
   Dn(s) = f'(1 - s^2), W(s) = g(s^2)/s^2 (J13), u = sqrt(W); the Abel series
   Phi = A/s^2 + B1/s + B ln s + sum c_k s^k with Phi(s u) - Phi(s) - 1 = O(s^(N+3)),
   the homogeneous solution Qh = s^4 + ... of Q(s u) = Dn Q(s) and the particular
   solution kappa = pm2/s^2 + pm1/s + sum p_j s^j + q4 ln s Qh of U' = U Dn + 1 - s^2 W,
   solved by undetermined coefficients (sympy.solve on all order conditions at once,
   not the C code's triangular recursion), to order s^3 (Abel) and s^2 (kappa).  Constants read off exactly:
   A = beta = 2/f2, B1 = (16/15) K0 beta^2 (the L^-1/2 term of E6), pm2 = beta/3 (H7)
   and the sqrt(L) coefficient -(8/75) K0 beta^(3/2) of Theta12/q* (E6).
2. Numeric (mpmath, 40 digits): ELU's EOC at sigma_b = 0.2 (q*, sigma_w^2 from the
   closed-form moments), Lemma E6 (a) against a direct 2D quadrature of
   sigma_w^2 q E[phi''(u) phi''(v)] at c = 0.6, the series of Lemma E6 (b) against the
   integral form at s = 0.3, and the Taylor coefficients F_k by the trapezoidal rule on
   the circle |s| = 1/2 (an independent route to the numbers the C code gets from
   arb_poly series): printed for tests/iter/t-jump.c.
3. Numeric: the Abel coefficients and the NTK coefficients at these F_k to order 12, each
   family by one linear solve of all its order conditions (mpmath), printed for the C tests.
4. The jump against direct iteration of the map s' = s sqrt(W(s)) (W from the numeric
   F_k, 60 terms) from s = 0.08: the Abel equation at order 12 from L = 1000 to L = 20000.
Usage: python3 proofs/check/elu_fatou.py   (about 30 s)
"""
import sympy as sp
import mpmath as mp

s = sp.Symbol('s', positive=True)
NORD = 1                 # symbolic order of the Abel series
n = NORD + 5             # series length: orders 0 .. NORD+4 (the /s^2 terms lose two)
Fs = sp.symbols('F0:%d' % n)


def trunc(e):
    """drop the powers s^j, j >= n, of a polynomial in s"""
    e = sp.expand(e)
    return sum(e.coeff(s, j) * s ** j for j in range(n))


def mul(a, b):
    return trunc(sp.expand(a) * sp.expand(b))


def binom_series(X, alpha):
    """(1 + X)^alpha truncated, X = O(s^2) a polynomial in s"""
    res, term = sp.Integer(1), sp.Integer(1)
    for m in range(1, n // 2 + 1):
        term = mul(term, X)
        res += sp.binomial(alpha, m) * term
    return trunc(res)


def log_series(X):
    """log(1 + X) truncated"""
    res, term = sp.Integer(0), sp.Integer(1)
    for m in range(1, n // 2 + 1):
        term = mul(term, X)
        res += sp.Rational((-1) ** (m + 1), m) * term
    return trunc(res)


ser = trunc


def coeff_list(expr, lo, hi):
    e = sp.expand(expr)
    return [sp.simplify(e.coeff(s, j)) for j in range(lo, hi + 1)]


# --- J13: Dn and W from F ------------------------------------------------
Dn = 1 - sum(2 * Fs[k] * s ** (k + 2) / (k + 2) for k in range(n - 2))
W = 1 - sum(4 * Fs[k] * s ** (k + 2) / ((k + 2) * (k + 4)) for k in range(n - 2))
# independent check of the integrals: Dn = 1 - 2 int_0^s x F(x) dx, W = 2/s^2 int_0^s x Dn(x) dx
x = sp.Symbol('x', positive=True)
Fser = sum(Fs[k] * s ** k for k in range(n))
assert trunc(Dn - (1 - 2 * sp.integrate((x * Fser.subs(s, x)), (x, 0, s)))) == 0
Dx = Dn.subs(s, x)
assert trunc(W - sp.expand(2 * sp.integrate(x * Dx, (x, 0, s)) / s ** 2)) == 0
u = binom_series(W - 1, sp.Rational(1, 2))
um2 = binom_series(W - 1, -1)
um1 = binom_series(W - 1, sp.Rational(-1, 2))
lu = trunc(log_series(W - 1) / 2)

# --- J14: Abel series ----------------------------------------------------
A, B1, B = sp.symbols('A B1 B')
cs = sp.symbols('c1:%d' % (NORD + 1))
up = [sp.Integer(1)]
for j in range(1, NORD + 5):
    up.append(mul(up[-1], u))
E = sp.expand(A * sp.expand((um2 - 1) / s ** 2) + B1 * sp.expand((um1 - 1) / s) + B * lu - 1)
for k in range(1, NORD + 1):
    E += cs[k - 1] * sp.expand(s ** k * (up[k] - 1))
eqs = coeff_list(ser(E), 0, NORD + 2)
sol = sp.solve(eqs, [A, B1, B] + list(cs), dict=True)   # linear in the unknowns
assert len(sol) == 1
sol = sol[0]
beta = 2 / Fs[0]
K0 = -Fs[1] / 2                      # F(s) = f2 - 2 K0 s + ... (Lemma E6 (c))
assert sp.simplify(sol[A] - beta) == 0
assert sp.simplify(sol[B1] - sp.Rational(16, 15) * K0 * beta ** 2) == 0
print("J14 Abel: A = 2/F0 = beta;  B1 = (16/15) K0 beta^2 = %s" % sp.factor(sol[B1]))
print("          B  =", sp.factor(sol[B]))
for k in range(1, NORD + 1):
    print("          c%d =" % k, sp.factor(sol[cs[k - 1]]))

# --- J14: the particular NTK solution to order s^2 (symbolic) -------------
pm2, pm1, p0 = sp.symbols('pm2 pm1 p0')
EP = (pm2 * sp.expand((um2 - Dn) / s ** 2) + pm1 * sp.expand((um1 - Dn) / s)
      + p0 * (up[0] - Dn) - (1 - s ** 2 * W))
eqp = coeff_list(ser(EP), 0, 2)
solp = sp.solve(eqp, [pm2, pm1, p0], dict=True)
assert len(solp) == 1
solp = solp[0]
assert sp.simplify(solp[pm2] - beta / 3) == 0
mu = (solp[pm1] - sol[B1] / 3) / sp.sqrt(beta)
assert sp.simplify(mu + sp.Rational(8, 75) * K0 * beta ** sp.Rational(3, 2)) == 0
print("J14 NTK:  pm2 = beta/3;  pm1 =", sp.factor(solp[pm1]),
      ";  U_L - L/3 = mu sqrt(L) + O(ln L), mu = -(8/75) K0 beta^(3/2)")
print("          p0 =", sp.factor(solp[p0]))

# --- 2. numbers: ELU at its EOC, sigma_b = 0.2 ---------------------------
mp.mp.dps = 40
Q = lambda z: mp.erfc(z / mp.sqrt(2)) / 2
sb2 = mp.mpf(1) / 25


def eoc(q, sw2):
    Ephi2 = q / 2 + mp.exp(2 * q) * Q(2 * mp.sqrt(q)) - 2 * mp.exp(q / 2) * Q(mp.sqrt(q)) + mp.mpf(1) / 2
    Edphi2 = mp.mpf(1) / 2 + mp.exp(2 * q) * Q(2 * mp.sqrt(q))
    return [sb2 + sw2 * Ephi2 - q, sw2 * Edphi2 - 1]


qs, sw2 = mp.findroot(eoc, (mp.mpf('1.1'), mp.mpf('1.5')))
f2 = sw2 * qs * mp.exp(2 * qs) * Q(2 * mp.sqrt(qs))
K0n = sw2 * qs / (2 * mp.sqrt(2) * mp.pi)
print("\nELU, sigma_b = 0.2: q* = %s  sigma_w^2 = %s" % (mp.nstr(qs, 30), mp.nstr(sw2, 30)))
print("  f2 = %s  beta = %s  K0 = %s" % (mp.nstr(f2, 30), mp.nstr(2 / f2, 30), mp.nstr(K0n, 30)))


def I_int(z):
    return mp.quad(lambda y: mp.exp(qs * (2 - z) * z * (1 - y * y) / 2) / (2 - z * (1 - y * y)), [0, 1])


def F_int(sv):
    return sw2 * qs * (mp.exp(qs * (2 - sv * sv)) * Q(mp.sqrt(qs) * (2 - sv * sv))
                       - sv * mp.sqrt(2 - sv * sv) / mp.pi * I_int(sv * sv))


def owenT(h, a):
    return mp.quad(lambda t: mp.exp(-h * h * (1 + t * t) / 2) / (1 + t * t), [0, a]) / (2 * mp.pi)


# (a) against a direct 2D quadrature at c = 0.6 (20 digits suffice)
with mp.workdps(20):
    c = mp.mpf('0.6')
    rho = mp.sqrt(1 - c * c)
    sq = mp.sqrt(qs)
    # E[e^(u+v) 1{u<0, v<0}], u = sq X, v = sq (c X + rho Y)
    direct = mp.quad(lambda X: mp.npdf(X) * mp.exp(sq * X) * mp.quad(
        lambda Y: mp.npdf(Y) * mp.exp(sq * (c * X + rho * Y)), [-mp.inf, -c * X / rho]), [-mp.inf, 0])
    h = sq * (1 + c)
    a = mp.sqrt((1 - c) / (1 + c))
    closed = mp.exp(qs * (1 + c)) * (Q(h) - 2 * owenT(h, a))
    print("E6 (a) at c = 0.6: quadrature %s  closed form %s  diff %.1e" % (
        mp.nstr(direct, 18), mp.nstr(closed, 18), float(abs(direct - closed))))
    assert abs(direct - closed) < mp.mpf(10) ** -15
    sv = mp.sqrt(1 - c)
    print("E6 (b) at s = sqrt(0.4): F_int %s  vs (a) %s" % (mp.nstr(F_int(sv), 18),
                                                          mp.nstr(sw2 * qs * closed, 18)))
    assert abs(F_int(sv) - sw2 * qs * closed) < mp.mpf(10) ** -15

# the series of I (Lemma E6 (b)) against the integral at z = 0.09
z0 = mp.mpf('0.09')
Iser = mp.mpf(0)
for m in range(40):
    Mm = mp.mpf(4) ** m * mp.factorial(m) ** 2 / mp.factorial(2 * m + 1)
    Pm = sum((qs / 2) ** j * (2 - z0) ** j / (mp.factorial(j) * mp.mpf(2) ** (m - j + 1)) for j in range(m + 1))
    Iser += Mm * z0 ** m * Pm
print("E6 (b) I(0.09): series %s  integral %s" % (mp.nstr(Iser, 25), mp.nstr(I_int(z0), 25)))
assert abs(Iser - I_int(z0)) < mp.mpf(10) ** -30

# Taylor coefficients of F by the trapezoidal rule on |s| = r (error ~ (r/sqrt2)^NP)
NP, r = 96, mp.mpf(1) / 2
vals = [F_int(r * mp.expjpi(2 * mp.mpf(j) / NP)) for j in range(NP)]
Fk = [mp.re(sum(vals[j] * mp.expjpi(-2 * mp.mpf(j) * k / NP) for j in range(NP)) / NP / r ** k)
      for k in range(60)]
print("F_k (trapezoid on |s| = 1/2, %d points):" % NP)
for k in range(8):
    print("  F_%d = %s" % (k, mp.nstr(Fk[k], 30)))
assert abs(Fk[0] - f2) < mp.mpf(10) ** -25 and abs(Fk[1] + 2 * K0n) < mp.mpf(10) ** -25

# --- 3. all coefficients at these numbers, order NN, by one linear solve each ---
NN = 12
nn = NN + 5


def smul(a, b):
    return [mp.fsum(a[i] * b[k - i] for i in range(k + 1)) for k in range(nn)]


def spow(X, alpha):
    """(1 + X)^alpha, X = O(s^2) (binomial series)"""
    res, term, cf = [mp.mpf(0)] * nn, [mp.mpf(1)] + [mp.mpf(0)] * (nn - 1), mp.mpf(1)
    for m in range(nn // 2 + 1):
        res = [r + cf * t for r, t in zip(res, term)]
        term = smul(term, X)
        cf = cf * (alpha - m) / (m + 1)
    return res


def slog(X):
    res, term = [mp.mpf(0)] * nn, [mp.mpf(1)] + [mp.mpf(0)] * (nn - 1)
    for m in range(1, nn // 2 + 1):
        term = smul(term, X)
        res = [r + mp.mpf((-1) ** (m + 1)) / m * t for r, t in zip(res, term)]
    return res


def shift(a, k):
    """a s^k (k may be negative: the low coefficients must vanish)"""
    if k >= 0:
        return [mp.mpf(0)] * k + a[:nn - k]
    assert all(abs(x) < mp.mpf(10) ** -30 for x in a[:-k])
    return a[-k:] + [mp.mpf(0)] * (-k)


Wn = [mp.mpf(1), mp.mpf(0)] + [-4 * Fk[k] / ((k + 2) * (k + 4)) for k in range(nn - 2)]
Dnn = [mp.mpf(1), mp.mpf(0)] + [-2 * Fk[k] / (k + 2) for k in range(nn - 2)]
X = [w - (1 if k == 0 else 0) for k, w in enumerate(Wn)]
un, um2n, um1n = spow(X, mp.mpf(1) / 2), spow(X, -1), spow(X, -mp.mpf(1) / 2)
lun = [x / 2 for x in slog(X)]
upn = [[mp.mpf(1)] + [mp.mpf(0)] * (nn - 1)]
for j in range(1, NN + 1):
    upn.append(smul(upn[-1], un))
one = [mp.mpf(1)] + [mp.mpf(0)] * (nn - 1)
sub_ = lambda a, b: [x - y for x, y in zip(a, b)]


def solve_all(basis, rhs, orders):
    """x with sum_i x_i basis_i = -rhs at the given orders (all at once)"""
    M = mp.matrix([[b[o] for b in basis] for o in orders])
    return mp.lu_solve(M, mp.matrix([-rhs[o] for o in orders]))


# Abel: A, B1, B, c_1..c_NN at orders 0..NN+2
basis = [shift(sub_(um2n, one), -2), shift(sub_(um1n, one), -1), lun]
basis += [shift(sub_(upn[k], one), k) for k in range(1, NN + 1)]
xa = solve_all(basis, [-1 if k == 0 else 0 for k in range(nn)], range(NN + 3))
# Qh: qh_5..qh_NN
bq = [shift(sub_(upn[j], Dnn), j) for j in range(5, NN + 1)]
xq = solve_all(bq, shift(sub_(upn[4], Dnn), 4), range(7, NN + 3))
qhv = {4: mp.mpf(1)}
qhv.update({j: xq[j - 5] for j in range(5, NN + 1)})
QhF = [mp.fsum(qhv[j] * shift(upn[j], j)[k] for j in qhv) for k in range(nn)]
# kappa: pm2, pm1, p_j (j != 4), q4 at orders 0..NN+2
bp = [shift(sub_(um2n, Dnn), -2), shift(sub_(um1n, Dnn), -1)]
bp += [shift(sub_(upn[j], Dnn), j) for j in range(NN + 1) if j != 4]
bp += [smul(lun, QhF)]
rhsP = [-(1 if k == 0 else 0) + (Wn[k - 2] if k >= 2 else 0) for k in range(nn)]   # -(1 - s^2 W)
xp = solve_all(bp, rhsP, range(NN + 3))
print("order %d, all order conditions solved at once (mpmath lu_solve):" % NN)
print("  Abel: A = %s  B1 = %s  B = %s" % tuple(mp.nstr(xa[i], 25) for i in range(3)))
print("        beta = %s  (16/15) K0 beta^2 = %s" % (mp.nstr(2 / f2, 25),
                                                  mp.nstr(mp.mpf(16) / 15 * K0n * (2 / f2) ** 2, 25)))
for k in range(1, 5):
    print("        c%d = %s" % (k, mp.nstr(xa[2 + k], 25)))
print("  Qh:   qh5 = %s  qh6 = %s" % (mp.nstr(qhv[5], 25), mp.nstr(qhv[6], 25)))
print("  NTK:  pm2 = %s  pm1 = %s  p0 = %s  q4 = %s" % (
    mp.nstr(xp[0], 25), mp.nstr(xp[1], 25), mp.nstr(xp[2], 25), mp.nstr(xp[len(bp) - 1], 25)))
assert abs(xa[0] - 2 / f2) < mp.mpf(10) ** -25
assert abs(xa[1] - mp.mpf(16) / 15 * K0n * (2 / f2) ** 2) < mp.mpf(10) ** -25
assert abs(xp[0] - 2 / (3 * f2)) < mp.mpf(10) ** -25

# --- 4. jump vs direct iteration of the series map ------------------------


def Wval(sv):
    w = mp.mpf(0)
    for cf in reversed(Wn):
        w = w * sv + cf
    return w


def Phi(sv):
    return xa[0] / sv ** 2 + xa[1] / sv + xa[2] * mp.log(sv) + mp.fsum(
        xa[2 + k] * sv ** k for k in range(1, NN + 1))


sv, traj = mp.mpf('0.08'), {}
for L in range(1, 20001):
    sv = sv * mp.sqrt(Wval(sv))
    if L in (1000, 20000):
        traj[L] = sv
P = Phi(traj[1000]) + 19000
sj = mp.findroot(lambda y: Phi(y) - P, traj[20000])
print("jump 1000 -> 20000 (order %d) from s_1000 = %s: s = %s, direct %s, rel. diff %.1e" % (
    NN, mp.nstr(traj[1000], 10), mp.nstr(sj, 25), mp.nstr(traj[20000], 25),
    float(abs(sj / traj[20000] - 1))))
assert abs(sj / traj[20000] - 1) < mp.mpf(10) ** -18
print("OK")
