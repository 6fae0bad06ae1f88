#!/usr/bin/env python3
"""Numerical sanity check of proofs/smooth-eoc.md (H6, H7) with erf, whose maps are closed forms:
  E[erf(u) erf(v)] = (2/pi) asin(2 s12 / sqrt((1 + 2 s11)(1 + 2 s22))),  E[erf'(u)^2] = (4/pi)/sqrt(1 + 4 q).
EOC for a given sigma_b: chi_1 = 1 and V(q*) = q*.  q1 = q*.  eps-form iteration at 60 digits:
  eps' = K (asin(r) - asin(r (1 - eps))),  K = 2 sigma_w^2/(pi q*),  r = 2 q*/(1 + 2 q*)
  t'   = t f'(1 - eps) + 1 - eps',          t = Theta12 / q*,  Theta11 = q* L exactly.
Compares with Lemma E3/E4: v_L = 1/eps_L = alpha L + B ln L + C_v + (p11 ln L + p10)/L + ...,
alpha = f2/2, B = (3 f2^2 - 2 f3)/(6 f2); t_L = L/3 + (lambda/3) ln L + nu + ..., lambda = 1 - 2 f3/(3 f2^2).
"""
import sys
from mpmath import mp, mpf, asin, sqrt, pi, log, matrix, qr_solve, nstr, findroot, diff

mp.dps = 60
LMAX = int(float(sys.argv[1])) if len(sys.argv) > 1 else 100000

def eoc_erf(sb):
    sb2 = mpf(sb)**2
    F = lambda q: sb2 + sqrt(1+4*q)/2*asin(2*q/(1+2*q)) - q
    q = findroot(F, mpf(1))
    sw2 = pi*sqrt(1+4*q)/4
    return q, sw2

def lsq(rows, rhs):
    x, res = qr_solve(matrix(rows), matrix(rhs))
    return x

worst = 0
for sb in ['0.2', '1.0']:
    q, sw2 = eoc_erf(sb)
    r = 2*q/(1+2*q); K = 2*sw2/(pi*q)
    f = lambda c: (mpf(sb)**2 + sw2*2/pi*asin(r*c))/q
    fp = lambda c: K*r/sqrt(1 - (r*c)**2)
    assert abs(f(1) - 1) < mpf(10)**-50 and abs(fp(1) - 1) < mpf(10)**-50
    f2, f3, f4 = [diff(f, 1, n) for n in (2, 3, 4)]
    beta = 2/f2; alpha = f2/2
    B = (3*f2**2 - 2*f3)/(6*f2); lam = 1 - 2*f3/(3*f2**2)
    print(f"erf, sigma_b = {sb}: q* = {nstr(q, 15)}, sigma_w^2 = {nstr(sw2, 15)}, f''(1) = {nstr(f2, 15)}, "
          f"f'''(1) = {nstr(f3, 15)}, beta = 2/f'' = {nstr(beta, 15)}")
    for c0 in ['0', '0.5', '-0.5', '0.9']:
        eps = 1 - mpf(c0); t = mpf(c0)
        pts = set(int(200*(LMAX/200)**(i/39.0)) for i in range(40))
        data = {}
        for L in range(1, LMAX+1):
            if L in pts:
                data[L] = (eps, t)
            D12 = fp(1 - eps)
            eps = K*(asin(r) - asin(r - r*eps))
            t = t*D12 + 1 - eps
        Ls = sorted(data); fitL = [L for L in Ls if L >= 2000]
        bas = lambda L: [mpf(L), log(L), 1, log(L)/L, mpf(1)/L, log(L)**2/L**2, log(L)/L**2, mpf(1)/L**2]
        xv = lsq([bas(L) for L in fitL], [1/data[L][0] for L in fitL])
        xt = lsq([bas(L) for L in fitL], [data[L][1] for L in fitL])
        Cv = xv[2]; gam = Cv/alpha
        p11 = (3*f2**2 - 2*f3)**2/(18*f2**3)
        p10 = -(-36*Cv*f2**3 + 24*Cv*f2*f3 + 9*f2**4 - 6*f2**2*f3 + 6*f2*f4 - 8*f3**2)/(36*f2**3)
        nu = gam/3 + mpf(1)/2 - beta/2 - 2*lam/3
        L = Ls[-1]; eps, t = data[L]
        resid_v = 1/eps - (alpha*L + B*log(L) + Cv + (p11*log(L) + p10)/L)
        print(f"  c0 = {c0:4s}: fitted alpha = {nstr(xv[0], 14)} (f''/2 = {nstr(alpha, 14)}), "
              f"B = {nstr(xv[1], 10)} (pred {nstr(B, 10)}), p11 = {nstr(xv[3], 6)} (pred {nstr(p11, 6)})")
        print(f"             Theta12/q*: slope {nstr(xt[0], 14)} (1/3), ln-coef {nstr(xt[1], 10)} (lambda/3 = {nstr(lam/3, 10)}),"
              f" const {nstr(xt[2], 10)} (gamma/3 + 1/2 - beta/2 - 2 lambda/3 = {nstr(nu, 10)})")
        print(f"             L = {L}: eps_L L / beta = {nstr(eps*L/beta, 10)}; 1/eps_L - expansion through 1/L = {nstr(resid_v, 4)};"
              f" t_L - v_L/(3 alpha) = {nstr(t - 1/(3*alpha*eps), 10)} (limit {nstr(mpf(1)/2 - beta/2 - 2*lam/3, 10)})")
        worst = max(worst, abs(xv[0]/alpha - 1), abs(xv[1]/B - 1), abs(3*xt[0] - 1), abs(xt[1]*3/lam - 1), abs(xt[2] - nu))
print(f"SUMMARY worst relative deviation of alpha, B, 1/3, lambda/3 and nu (fitted vs predicted): {nstr(worst, 3)}")
