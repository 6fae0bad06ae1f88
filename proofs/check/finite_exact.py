#!/usr/bin/env python3
"""Sanity checks of proofs/finite-width.md section 7 (exact finite-width law
of the diagonal ReLU NTK, zero-initialized trainable biases, SP).

1. Lemma F9: per-layer moments, by summing over B ~ Bin(n, 1/2) with sympy,
   against the closed forms; E[X^2]/E[X]^2 = 1 + 5/n symbolically.
2. Lemma F8: E K and E K^2 in exact rationals two ways -- (a) the 4/16-state
   automaton, (b) the direct expansion of (7.1) into its terms
   (l, m, weight/bias) and pairs of terms, no automaton -- and E K against
   Lemma F3.  Dead layers (width 1 and 2) included.
3. Lemmas F6-F7: a plain-Python Monte Carlo of the actual network (explicit
   matrices, forward and backward pass, phi'(0) = 0) against (2).
Run: python3 proofs/check/finite_exact.py   (about 30 s)
"""
import math
import random
from fractions import Fraction as Fr
import sympy as sp

# ---------------------------------------------------------------- 1
n, k = sp.symbols('n k', positive=True, integer=True)
closed = {
    'EI': 1 - sp.Rational(1, 2)**n, 'EX': n / 2, 'EC': n / 2 - 1 + sp.Rational(1, 2)**n,
    'EXX': n * (n + 5) / 4, 'EXC': n * (n - 1) / 4, 'ECC': n * (n + 1) / 4 - 1 + sp.Rational(1, 2)**n,
}
for nn in range(1, 13):
    p = [sp.Rational(sp.binomial(nn, kk), 2**nn) for kk in range(nn + 1)]
    def E(f):
        return sum(p[kk] * f(kk) for kk in range(nn + 1))
    # given B = k: X ~ chi2_k (mean k, 2nd moment k(k+2)); C ~ chi2_{k-1} (0 if k = 0)
    got = {
        'EI': E(lambda kk: 1 if kk >= 1 else 0),
        'EX': E(lambda kk: kk),
        'EC': E(lambda kk: kk - 1 if kk >= 1 else 0),
        'EXX': E(lambda kk: kk * (kk + 2)),
        'EXC': E(lambda kk: kk * (kk - 1) if kk >= 1 else 0),
        'ECC': E(lambda kk: (kk - 1) * (kk + 1) if kk >= 1 else 0),
    }
    for key, val in got.items():
        assert sp.simplify(closed[key].subs(n, nn) - val) == 0, (nn, key)
assert sp.simplify(closed['EXX'] / closed['EX']**2 - (1 + 5 / n)) == 0
print("Lemma F9: per-layer moments OK for n = 1..12; E X^2/(E X)^2 = 1 + 5/n")

# ---------------------------------------------------------------- 2
def moments(nw):
    p0 = Fr(1, 2**nw)
    m1 = {'X': Fr(nw, 2), 'C': Fr(nw, 2) - 1 + p0, 'I': 1 - p0, '1': Fr(1), 'Z': Fr(1)}
    m2 = {('X', 'X'): Fr(nw * (nw + 5), 4), ('X', 'C'): Fr(nw * (nw - 1), 4),
          ('C', 'C'): Fr(nw * (nw + 1), 4) - 1 + p0, ('X', 'I'): Fr(nw, 2),
          ('C', 'I'): Fr(nw, 2) - 1 + p0, ('I', 'I'): 1 - p0,
          ('1', '1'): Fr(1), ('1', 'Z'): Fr(1), ('Z', 'Z'): Fr(3)}
    for (a, b), v in list(m2.items()):
        m2[(b, a)] = v
    return m1, m2

def automaton(s, n0, widths, x2):
    """E K, E K^2 of the depth-len(widths) network (SP, beta = 1)."""
    L = len(widths); ws = [n0] + list(widths)
    v1 = [x2, Fr(1), Fr(0), Fr(0)]
    v2 = {(a, b): v1[a] * v1[b] for a in range(4) for b in range(4)}
    for j in range(1, L + 1):
        t = s / ws[j - 1]; m1, m2 = moments(ws[j])
        T = [(0, 0, t, 'X'), (0, 2, 1, 'C'), (0, 3, 1, 'I'), (1, 1, 1, 'I'), (1, 2, 1, 'C'),
             (1, 3, 1, 'I'), (2, 2, t, 'C'), (2, 3, t, 'I'), (3, 3, t, 'X')]
        n1 = [Fr(0)] * 4
        n2 = {key: Fr(0) for key in v2}
        for a, b, c, v in T:
            n1[b] += v1[a] * c * m1[v]
            for a2, b2, c2, w in T:
                n2[(b, b2)] += v2[(a, a2)] * c * c2 * m2[(v, w)]
        v1, v2 = n1, n2
    t = s / ws[L]; m1, m2 = moments(1)
    R = [(0, Fr(1), '1'), (2, t, '1'), (3, t, 'Z')]
    P1 = sum(v1[a] * c * m1[v] for a, c, v in R)
    P2 = sum(v2[(a, a2)] * c * c2 * m2[(v, w)] for a, c, v in R for a2, c2, w in R)
    return 1 + P1, 1 + 2 * P1 + P2

def direct(s, n0, widths, x2):
    """(7.1) expanded: each term a coefficient and a list of per-layer factors."""
    L = len(widths); ws = [n0] + list(widths)
    t = [None] + [s / ws[j - 1] for j in range(1, L + 2)]   # t[1..L+1]
    terms = []
    # Delta_l = sum_{m=l}^{L+1} prod_{j=l}^{m-1} (t_{j+1} C_j) * R_m, R_m = prod_{j>m} t_j X_j
    for l in range(1, L + 2):
        for m in range(l, L + 2):
            if l == L + 1 and m != L + 1:
                continue
            fac = {}
            coef = Fr(1)
            for j in range(l, m):
                fac[j] = 'C'; coef *= t[j + 1]
            for j in range(m + 1, L + 2):
                fac[j] = 'X' if j <= L else 'Z'; coef *= t[j]
            if m <= L:
                fac[m] = 'I'
            # weight term alpha_l A_{l-1} (alpha = 1): x2 prod_{j<l} t_j X_j
            fw = dict(fac); cw = coef * x2
            for j in range(1, l):
                fw[j] = 'X'; cw *= t[j]
            terms.append((cw, fw))
            if l <= L:           # bias term beta Delta_l, I_j for the layers below
                fb = dict(fac)
                for j in range(1, l):
                    fb[j] = 'I'
                terms.append((coef, fb))
    def lay(j):
        return moments(ws[j]) if j <= L else moments(1)
    EK = 1 + sum(c * math.prod(lay(j)[0][f] for j, f in fs.items()) for c, fs in terms)
    S = Fr(0)
    for c1, f1 in terms:
        for c2, f2 in terms:
            v = c1 * c2
            for j in set(f1) | set(f2):
                a, b = f1.get(j, '1'), f2.get(j, '1')
                m1, m2 = lay(j)
                v *= m1[b] if a == '1' else m1[a] if b == '1' else m2[(a, b)]
            S += v
    EK2 = 1 + 2 * (EK - 1) + S
    return EK, EK2

def lemma_f3(s, n0, widths, x2):
    L = len(widths); ws = [n0] + list(widths); r = s / 2
    P = [Fr(1)]
    for j in range(1, L + 1):
        P.append(P[-1] * (1 - Fr(1, 2**ws[j])))
    tot = Fr(ws[L], n0) * r**L * x2 + 1
    for l in range(1, L + 1):
        tot += (Fr(ws[l - 1], n0) * r**(l - 1) * x2 + P[l - 1]) * r**(L + 1 - l)
    return tot

cases = [(Fr(2), 3, [3, 3, 3]), (Fr(1), 3, [3, 3, 3]), (Fr(7, 2), 3, [3, 3, 3]),
         (Fr(2), 2, [2, 4, 1, 3]), (Fr(2), 1, [1, 1, 1, 1, 1]), (Fr(19, 10), 5, [5, 2, 7]),
         (Fr(11, 5), 4, [1]), (Fr(2), 100, [100] * 4)]
for s, n0, w in cases:
    a = automaton(s, n0, w, Fr(1)); d = direct(s, n0, w, Fr(1))
    assert a == d, (s, n0, w, a, d)
    assert a[0] == lemma_f3(s, n0, w, Fr(1)), (s, n0, w)
a = automaton(Fr(2), 3, [3, 3, 3], Fr(1))
print("Lemma F8: automaton == direct expansion (exact rationals) on %d cases; E K == Lemma F3" % len(cases))
print("  n0 = n = 3, L = 3, sigma_w2 = 2: E K = %s, E K^2 = %s, D = %s ~ %.15g"
      % (a[0], a[1], a[1] / a[0]**2, float(a[1] / a[0]**2)))

# ---------------------------------------------------------------- 3
def sample_K(rng, s, n0, widths):
    L = len(widths); ws = [n0] + list(widths) + [1]
    W = [None] + [[[rng.gauss(0, math.sqrt(s / ws[l - 1])) for _ in range(ws[l - 1])]
                   for _ in range(ws[l])] for l in range(1, L + 2)]
    a = [[1.0] + [0.0] * (n0 - 1)]
    d = [None]
    for l in range(1, L + 1):
        h = [sum(W[l][i][j] * a[l - 1][j] for j in range(ws[l - 1])) for i in range(ws[l])]
        a.append([max(x, 0.0) for x in h]); d.append([1.0 if x > 0 else 0.0 for x in h])
    K = sum(x * x for x in a[L]) + 1
    delta = [d[L][i] * W[L + 1][0][i] for i in range(ws[L])]
    for l in range(L, 0, -1):
        K += sum(x * x for x in delta) * (sum(x * x for x in a[l - 1]) + 1)
        if l > 1:
            delta = [d[l - 1][j] * sum(W[l][i][j] * delta[i] for i in range(ws[l]))
                     for j in range(ws[l - 1])]
    return K

rng = random.Random(12345)
N = 100000
for s, n0, w in [(2.0, 2, [2, 2]), (1.0, 3, [3, 1])]:
    ks = [sample_K(rng, s, n0, w) for _ in range(N)]
    m1 = sum(ks) / N; m2 = sum(k * k for k in ks) / N
    se1 = math.sqrt((m2 - m1 * m1) / (N - 1)); se2 = math.sqrt((sum(k**4 for k in ks) / N - m2 * m2) / (N - 1))
    e1, e2 = automaton(Fr(s), n0, w, Fr(1))
    z1, z2 = (m1 - float(e1)) / se1, (m2 - float(e2)) / se2
    print("Monte Carlo (seed 12345, %d samples) s=%g n0=%d widths=%s: E K z = %.2f, E K^2 z = %.2f"
          % (N, s, n0, w, z1, z2))
    assert abs(z1) < 4 and abs(z2) < 4
print("all checks passed")
