#!/usr/bin/env python3
"""Numerical sanity check of proofs/relu-eoc.md and proofs/ntk-relu.md.

Iterates the exact EOC recursion of phi(x) = a x + b|x| (Delta = b^2/(a^2+b^2))
in eps-form at 50 significant digits (mpmath), with theta = 2 asin(sqrt(eps/2)):

    eps'  = eps - (2 Delta/pi) (sin theta - theta cos theta)         (Lemma R1)
    t'    = t (1 - 2 Delta theta/pi) + (1 - eps')                     (Lemma N1)
    t = Theta^L_12 / q,  Theta^L_11 / q = L exactly                   (Lemma N2)

and fits, by least squares over L in [Lmin, Lmax] with NO constant imposed,

    w_L = ((1-c_L)/2)^(-1/2) ~ A L + B ln L + C_w + (p11 ln L + p10)/L
                               + (p22 ln^2 L + p21 ln L + p20)/L^2
    t_L ~ L/4*k1 + mu ln L + nu + (r11 ln L + r10)/L + (.. ln^2 L ..)/L^2

then compares every fitted coefficient with the closed forms of Lemma R4 / N3.
Runtime: about 1-2 minutes (pure Python).  Usage: python3 relu_eoc.py [Lmax]
"""
import sys
from mpmath import mp, mpf, asin, sqrt, sin, cos, pi, log, matrix, qr_solve, nstr

mp.dps = 50
LMAX = int(float(sys.argv[1])) if len(sys.argv) > 1 else 40000
LMIN = 400

def run(Delta, c0, Lmax):
    """Return dict L -> (eps_L, t_L) at checkpoints (geometric grid)."""
    k = 2*Delta/pi
    eps = 1 - mpf(c0)
    t = mpf(c0)                   # Theta^1_12 / q = c0
    pts = set(int(LMIN*(Lmax/LMIN)**(i/47.0)) for i in range(48))
    out = {}
    for L in range(1, Lmax+1):
        if L in pts:
            out[L] = (eps, t)
        th = 2*asin(sqrt(eps/2))
        D12 = 1 - k*th                       # = 1 - 2 Delta theta / pi
        eps = eps - k*(sin(th) - th*cos(th))
        t = t*D12 + (1 - eps)
    return out

def lsq(rows, rhs):
    A = matrix(rows); b = matrix(rhs)
    x, res = qr_solve(A, b)
    return x

def basis(L):
    L = mpf(L); ln = log(L)
    return [L, ln, 1, ln/L, 1/L, ln**2/L**2, ln/L**2, 1/L**2]

def predicted_w(Delta, Cw):
    A = 4*Delta/(3*pi); B = 2*Delta/pi
    p11 = 3*Delta/pi
    p10 = 3*Cw/2 - 4*Delta/(3*pi) - 3*pi/(40*Delta)
    p22 = -9*Delta/(4*pi)
    p21 = -9*Cw/4 + 13*Delta/(2*pi) + 9*pi/(80*Delta)
    p20 = (520*pi*Cw*Delta**2 + 9*pi**3*Cw - 520*Delta**3 - 6*pi**2*Delta*(15*Cw**2 + 4))/(160*pi*Delta**2)
    return [A, B, Cw, p11, p10, p22, p21, p20]

def predicted_t(Delta, gamma):
    return [mpf(1)/4, mpf(3)/8, gamma/4 - mpf(1)/8, mpf(9)/16,
            3*gamma/8 - mpf(9)/16 - 99*pi**2/(160*Delta**2)]


def W(L, Delta, Cw, order):
    """Predicted w_L through the given order (0: A L + B ln L + C_w; 1: + 1/L terms; 2: + 1/L^2 terms)."""
    A, B, C, p11, p10, p22, p21, p20 = predicted_w(Delta, Cw)
    L = mpf(L); ln = log(L)
    v = A*L + B*ln + C
    if order >= 1: v += (p11*ln + p10)/L
    if order >= 2: v += (p22*ln**2 + p21*ln + p20)/L**2
    return v

def C_est(L, w, Delta, order):
    """Solve W(L; C) = w for C (Newton; W is quadratic in C)."""
    C = w - W(L, Delta, 0, 0)
    for _ in range(30):
        h = mpf(10)**-20
        F = W(L, Delta, C, order) - w
        dF = (W(L, Delta, C + h, order) - W(L, Delta, C - h, order))/(2*h)
        C -= F/dF
    return C

print(f"ReLU-like EOC, 50 digits, depths up to {LMAX}")
worst_free = 0; worst_C = 0; worst_t = 0
for Delta in [mpf(1)/2, mpf(1)/5, mpf(1)]:
    for c0 in ['0', '0.5', '-0.5', '0.9']:
        data = run(Delta, c0, LMAX)
        Ls = sorted(data)
        # (a) free least-squares fit of the low-order coefficients (no value imposed)
        fitL = [L for L in Ls if L >= 2000]
        bw = lambda L: [mpf(L), log(L), 1, log(L)/L, mpf(1)/L, mpf(1)/L**2, log(L)/L**2, log(L)**2/L**2]
        xw = lsq([bw(L) for L in fitL], [sqrt(2/data[L][0]) for L in fitL])
        xt = lsq([bw(L) for L in fitL], [data[L][1] for L in fitL])
        pw = predicted_w(Delta, xw[2])
        print(f"\nDelta = {nstr(Delta,3)}, c0 = {c0}")
        print(f"  free fit of w_L:  A = {nstr(xw[0],12)} (4D/(3pi) = {nstr(pw[0],12)}),"
              f"  B = {nstr(xw[1],10)} (2D/pi = {nstr(pw[1],10)}),  p11 = {nstr(xw[3],6)} (3D/pi = {nstr(pw[3],6)})")
        print(f"  free fit of Theta12/q:  slope = {nstr(xt[0],12)} (1/4),  ln-coefficient = {nstr(xt[1],10)} (3/8)")
        worst_free = max(worst_free, abs(xw[0]/pw[0]-1), abs(xw[1]/pw[1]-1), abs(xt[0]-mpf(1)/4)*4, abs(xt[1]-mpf(3)/8)*8/3)
        # (b) one-parameter test: C_w estimated from w_L at each depth through order 0, 1, 2
        print("      L      C_w via order 0          order 1                  order 2")
        Cs = {}
        for L in [Ls[0], 1000, 4000, Ls[-1]] if LMAX > 4000 else [Ls[0], Ls[-1]]:
            if L not in data:
                L = min(Ls, key=lambda M: abs(M-L))
            w = sqrt(2/data[L][0])
            cs = [C_est(L, w, Delta, o) for o in range(3)]
            Cs[L] = cs
            print(f"  {L:7d}  " + "  ".join(f"{nstr(c, 18):>22s}" for c in cs))
        Lb = max(Cs); La = sorted(Cs)[-2]
        worst_C = max(worst_C, abs(Cs[Lb][2] - Cs[La][2]))
        worst_C1 = max(globals().get('worst_C1', 0), abs(Cs[Lb][1] - Cs[La][1]))
        globals()['worst_C1'] = worst_C1
        Cw = Cs[Lb][2]; gamma = Cw/pw[0]
        # (b') second order directly: L^2 (w_L - expansion through 1/L) vs p22 ln^2 L + p21 ln L + p20
        pq = predicted_w(Delta, Cw)
        for L in sorted(Cs):
            w = sqrt(2/data[L][0]); ln = log(L)
            lhs = (w - W(L, Delta, Cw, 1))*L**2
            rhs = pq[5]*ln**2 + pq[6]*ln + pq[7]
            print(f"      L = {L:6d}: L^2 (w_L - order-1 expansion) = {nstr(lhs, 10):>14s}   p22 ln^2 L + p21 ln L + p20 = {nstr(rhs, 10):>14s}")
        pt = predicted_t(Delta, gamma)
        # (c) Theta12: t_L - [L/4 + 3/8 ln L + gamma/4 - 1/8 + (9/16 ln L + r10)/L], scaled by L^2/ln^2 L
        print(f"  gamma = C_w/A = {nstr(gamma, 15)};  Theta12/q residual after the 1/L terms (times L^2/ln^2 L):")
        for L in [Ls[0], Ls[len(Ls)//2], Ls[-1]]:
            eps, t = data[L]; ln = log(L)
            pred = mpf(L)/4 + pt[1]*ln + pt[2] + (pt[3]*ln + pt[4])/L
            r = (t - pred)*L**2/ln**2
            print(f"     L = {L:6d}: t_L - prediction = {nstr(t-pred, 6):>12s}   (x L^2/ln^2 L: {nstr(r, 6)})")
        worst_t = max(worst_t, abs(t - pred))
        L = Ls[-1]; eps, t = data[L]
        Aeps = 9*pi**2/(8*Delta**2)
        print(f"  L = {L}: eps_L L^2 / (9 pi^2/(8 Delta^2)) = {nstr(eps*L**2/Aeps, 10)};"
              f"  t_L - (3 pi/(16 Delta)) w_L = {nstr(t - 3*pi/(16*Delta)*sqrt(2/eps), 10)}  (limit -1/8)")
print(f"\nSUMMARY  free-fit worst relative deviation (A, B, 1/4, 3/8): {nstr(worst_free, 3)}")
print(f"SUMMARY  spread of the C_w estimate between the two largest depths: order 1: {nstr(worst_C1, 3)}, order 2: {nstr(worst_C, 3)}")
print(f"SUMMARY  worst |Theta12/q - expansion through 1/L| at the largest depth: {nstr(worst_t, 3)}")
