#!/usr/bin/env python3
"""Check of proofs/fatou.md Lemma J12 (the constants C(c0) of H2 and C'(c0)
of H5 read off the Fatou coordinate), ReLU at the EOC, c0 = 0.5.

1. Direct iteration of the exact map (Lemma R1 closed form, mpmath, 50
   digits) to L = 2*10^5; generalized Richardson elimination of
     z_L = w_L - A L - A B ln L = C + sum_{k=1..K} sum_{j<=k} a_kj ln^j L / L^k
   (w_L = (eps_L/2)^(-1/2)) on the deepest depths, and of
     U_L - L/4 - (3/8) ln L  (U_L = Theta^L_12 / q1) likewise.
2. Lemma J12: K = lim (Phi(t_L) - L) ~ Phi_6(t_L) - L at L = 2*10^5 with the
   closed-form coefficients c_1..c_6 of Lemma J3 (proofs/check/fatou.out;
   truncation c_7 t^7 ~ 1e-32, defect tail ~ L t^8 ~ 1e-29), then
   C_w = A (K + B ln A), C_u = C_w/(4A) - 1/8.
The two must agree within the Richardson error (about 1e-17).
Usage: python3 proofs/check/fatou_constant.py   (about 30 s)
"""
import mpmath as mp

mp.mp.dps = 50
kap = 1 / (2 * mp.pi)          # Delta / pi, ReLU
A = 4 * kap / 3                # 2/(3 pi)
B = mp.mpf(3) / 2


def step(eps):
    th = mp.acos(1 - eps)
    return eps - 2 * kap * (mp.sin(th) - th * (1 - eps))


def dn(eps):
    return 1 - 2 * kap * mp.acos(1 - eps)


# closed forms of Lemma J3 (fatou.out), kappa = Delta/pi
k = kap
c = [0,
     (160 * k**2 + 9) / (120 * k),
     (100 * k**2 + 3) / 60,
     (1568000 * k**4 + 60480 * k**2 + 2511) / (453600 * k),
     (1003520 * k**4 + 47880 * k**2 + 1539) / 113400,
     (5138022400 * k**6 + 296352000 * k**4 + 10095840 * k**2 + 289413) / (204120000 * k),
     (192564800 * k**6 + 13211520 * k**4 + 503280 * k**2 + 15309) / 2551500]


def Phi(t):
    return 1 / (A * t) + B * mp.log(t) + sum(c[j] * t**j for j in range(1, 7))


Lmax = 200000
grid = sorted(set(int(round(10 ** (4.0 + 0.05 * i))) for i in range(25)) | {Lmax})
grid = [L for L in grid if L <= Lmax]
eps, U = mp.mpf('0.5'), mp.mpf('0.5')      # c0 = 0.5, q1 = 1: U_1 = c0
zw, zu = {}, {}
for L in range(1, Lmax + 1):
    if L in grid:
        w = 1 / mp.sqrt(eps / 2)
        zw[L] = w - A * L - A * B * mp.log(L)
        zu[L] = U - mp.mpf(L) / 4 - mp.mpf(3) / 8 * mp.log(L)
    if L == Lmax:
        break
    d = dn(eps)
    eps = step(eps)
    U = U * d + 1 - eps
tL = mp.sqrt(eps / 2)


def richardson(z, depths, order):
    """exact interpolation of 1, ln^j L / L^k (j <= k <= order) on the
    deepest depths; returns the constant term"""
    terms = [(0, 0)] + [(kk, j) for kk in range(1, order + 1) for j in range(kk + 1)]
    pts = depths[-len(terms):]
    M = mp.matrix([[mp.log(L) ** j / mp.mpf(L) ** kk for (kk, j) in terms] for L in pts])
    y = mp.matrix([z[L] for L in pts])
    return mp.lu_solve(M, y)[0]


def estimate(z):
    e4 = richardson(z, grid, 4)
    e3 = richardson(z, grid, 3)
    e4lo = richardson(z, grid[:-1], 4)
    return e4, max(abs(e4 - e3), abs(e4 - e4lo))


Cw_r, err_w = estimate(zw)
Cu_r, err_u = estimate(zu)

K = Phi(tL) - Lmax
Cw = A * (K + B * mp.log(A))
Cu = Cw / (4 * A) - mp.mpf(1) / 8
print("ReLU EOC, c0 = 0.5, direct iteration (mpmath %d digits) to L = %d" % (mp.mp.dps, Lmax))
print("  C(c0)  Richardson   %s  +- %s" % (mp.nstr(Cw_r, 25), mp.nstr(err_w, 2)))
print("         Lemma J12    %s" % mp.nstr(Cw, 30))
print("  C'(c0) Richardson   %s  +- %s" % (mp.nstr(Cu_r, 25), mp.nstr(err_u, 2)))
print("         Lemma J12    %s" % mp.nstr(Cu, 30))
print("  differences %.2e, %.2e" % (float(abs(Cw - Cw_r)), float(abs(Cu - Cu_r))))
print("  gamma = C/A = %s, C' = gamma/4 - 1/8 (Proposition N4)" % mp.nstr(Cw / A, 25))
assert abs(Cw - Cw_r) < 10 * err_w + mp.mpf(10) ** -40
assert abs(Cu - Cu_r) < 10 * err_u + mp.mpf(10) ** -40
assert err_w < mp.mpf(10) ** -13 and err_u < mp.mpf(10) ** -11
print("SUMMARY ok")
