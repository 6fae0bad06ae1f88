#!/usr/bin/env python3
"""Numerical sanity check of proofs/kernel-regression.md (H10, S4).

n = 4 training points and one test point on the unit sphere of R^5 (fixed, pseudo-random), ReLU at the EOC
(q = 1; Jacot's beta = 0 parameterisation gives the same weights, the kernel being a multiple of it).
Kernel entries from the exact recursion of ntk-relu.md (Lemma N1), 50 digits.
Weights w^T = kappa_x^T kappa^{-1} compared with
   1/(n+3) + 6 ln L/((n+3)^2 L) + (4/L) [n_x - N w0]^T M0^{-1}  (Proposition K2),   M0 = J + 3I.
Then erf at its EOC (sigma_b = 0.2, q1 = q*): weights -> 1/(n+2), first correction 3 lambda ln L/((n+2)^2 L).
"""
from mpmath import mp, mpf, sqrt, pi, asin, sin, cos, log, matrix, lu_solve, nstr, findroot, diff
import random

mp.dps = 50
random.seed(12345)
n, dim = 4, 5
def unit():
    v = [mpf(random.gauss(0, 1)) for _ in range(dim)]
    s = sqrt(sum(x*x for x in v)); return [x/s for x in v]
X = [unit() for _ in range(n)]; x = unit()
dot = lambda a, b: sum(p*q for p, q in zip(a, b))
CK = [1, 10, 100, 1000, 10000]
LBIG = 20000

def relu_t(c0):
    eps = 1 - mpf(c0); t = mpf(c0); out = {}
    for L in range(1, LBIG+1):
        if L in CK or L == LBIG: out[L] = t
        th = 2*asin(sqrt(eps/2)); D = 1 - th/pi
        eps = eps - (sin(th) - th*cos(th))/pi
        t = t*D + 1 - eps
    return out

def nu_of(tL, L):   # solve t_L = L/4 + 3/8 ln L + nu + (9/16 ln L + r10(nu))/L, r10 = 3 gamma/8 - 9/16 - 99 pi^2/40, gamma = 4 nu + 1/2
    lnL = log(L)
    rest = tL - mpf(L)/4 - mpf(3)/8*lnL - (mpf(9)/16*lnL - mpf(9)/16 - 99*pi**2/40 + mpf(3)/16)/L
    return rest/(1 + mpf(3)/(2*L))

cache = {}
def entry(a, b):
    c = dot(a, b)
    key = nstr(c, 40)
    if key not in cache: cache[key] = relu_t(c)
    return cache[key]

T = [[entry(X[i], X[j]) if i != j else None for j in range(n)] for i in range(n)]
Tx = [entry(x, X[i]) for i in range(n)]
print("pairwise correlations of the training points:", [nstr(dot(X[i], X[j]), 4) for i in range(n) for j in range(i+1, n)])
print("test-point correlations:", [nstr(dot(x, X[i]), 4) for i in range(n)])
N = matrix(n, n); nx = matrix(n, 1)
for i in range(n):
    nx[i] = nu_of(Tx[i][LBIG], LBIG)
    for j in range(n):
        if i != j: N[i, j] = nu_of(T[i][j][LBIG], LBIG)
M0 = matrix(n, n)
for i in range(n):
    for j in range(n): M0[i, j] = 1 + (3 if i == j else 0)
w0 = matrix([[mpf(1)/(n+3)] for _ in range(n)])
print(f"ReLU EOC, n = {n}: limit weight 1/(n+3) = {nstr(mpf(1)/(n+3), 10)}")
for L in CK:
    K = matrix(n, n); kx = matrix(n, 1)
    for i in range(n):
        kx[i] = Tx[i][L]
        for j in range(n): K[i, j] = (mpf(L) if i == j else T[i][j][L])
    w = lu_solve(K, kx)               # K symmetric: w = K^{-1} kx
    lnL = log(L)
    p = matrix(n, 1); P = matrix(n, n)
    for i in range(n):
        p[i] = mpf(3)/2*lnL + 4*nx[i]
        for j in range(n):
            if i != j: P[i, j] = mpf(3)/2*lnL + 4*N[i, j]
    corr = lu_solve(M0, p - P*w0)/L   # M0 symmetric
    pred = w0 + corr
    print(f"  L = {L:5d}: weights = [{', '.join(nstr(w[i], 8) for i in range(n))}]"
          f"   max|w - 1/(n+3)| = {nstr(max(abs(w[i] - w0[i]) for i in range(n)), 3)}"
          f"   max|w - (1/(n+3) + first-order term)| = {nstr(max(abs(w[i] - pred[i]) for i in range(n)), 3)}"
          f"   universal part 6 ln L/((n+3)^2 L) = {nstr(6*lnL/((n+3)**2*L), 3)}")
print("  S4: at a training point the weights are e_i for every L (kappa_x = column i of kappa), so the pointwise limit is discontinuous.")

# ---- erf at its EOC (sigma_b = 0.2)
sb2 = mpf('0.2')**2
q = findroot(lambda q: sb2 + sqrt(1+4*q)/2*asin(2*q/(1+2*q)) - q, mpf(1))
sw2 = pi*sqrt(1+4*q)/4; r = 2*q/(1+2*q); Kc = 2*sw2/(pi*q)
f = lambda c: (sb2 + sw2*2/pi*asin(r*c))/q
fp = lambda c: Kc*r/sqrt(1 - (r*c)**2)
f2 = diff(f, 1, 2); f3 = diff(f, 1, 3); lam = 1 - 2*f3/(3*f2**2)
def erf_t(c0):
    eps = 1 - mpf(c0); t = mpf(c0); out = {}
    for L in range(1, max(CK)+1):
        if L in CK: out[L] = t
        D = fp(1 - eps); eps = Kc*(asin(r) - asin(r - r*eps)); t = t*D + 1 - eps
    return out
cache2 = {}
def entry2(a, b):
    c = dot(a, b); key = nstr(c, 40)
    if key not in cache2: cache2[key] = erf_t(c)
    return cache2[key]
print(f"erf EOC sigma_b = 0.2 (q1 = q*), n = {n}: limit weight 1/(n+2) = {nstr(mpf(1)/(n+2), 10)}, lambda = {nstr(lam, 8)}")
for L in CK[1:]:
    K = matrix(n, n); kx = matrix(n, 1)
    for i in range(n):
        kx[i] = entry2(x, X[i])[L]
        for j in range(n): K[i, j] = (mpf(L) if i == j else entry2(X[i], X[j])[L])
    w = lu_solve(K, kx)
    u = 3*lam*log(L)/((n+2)**2*L)
    print(f"  L = {L:5d}: weights = [{', '.join(nstr(w[i], 8) for i in range(n))}]"
          f"   L * max|w - 1/(n+2) - 3 lambda ln L/((n+2)^2 L)| = {nstr(L*max(abs(w[i] - mpf(1)/(n+2) - u) for i in range(n)), 4)}  (bounded: O(1/L) term)")
