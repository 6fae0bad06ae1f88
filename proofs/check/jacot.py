#!/usr/bin/env python3
"""Numerical sanity check of proofs/jacot.md (St-Arnaud et al., Jacot's parameterisation; S1, S2, S3, S5, beta > 0).

Jacot's recursions for ReLU, sigma_w = 1, bias scale beta, unit inputs in R^n0:
  Sigma^1 = x.x'/n0 + beta^2,  Sigma^{l+1} = beta^2 + E[relu(u) relu(v)],  Sdot = E[1{u>0} 1{v>0}],
  Theta^1 = Sigma^1, Theta^{l+1} = Theta^l Sdot^{l+1} + Sigma^{l+1};
  E[relu(u) relu(v)] = sqrt(q11 q22)/(2 pi) (sin th + (pi - th) cos th),  Sdot = (pi - th)/(2 pi).
Iterated here directly (no use of the conventions-form identities being checked), 50 digits.
"""
from mpmath import mp, mpf, sqrt, pi, asin, acos, sin, cos, exp, diff, nstr, log

mp.dps = 50
n0 = 128

def jacot(beta, rho, L):
    """rho = x.x' for unit inputs; returns list of (l, Th11, Th12, c_l, theta_l)."""
    b2 = mpf(beta)**2
    q = mpf(1)/n0 + b2; s12 = mpf(rho)/n0 + b2
    T11 = q; T12 = s12
    out = [(1, T11, T12, s12/q, acos(s12/q))]
    for l in range(2, L+1):
        c = s12/q; eps = 1 - c
        th = 2*asin(sqrt(eps/2))
        Sd12 = (pi - th)/(2*pi); Sd11 = mpf(1)/2
        s12n = b2 + q/(2*pi)*(sin(th) + (pi - th)*cos(th))
        qn = b2 + q/2
        T11 = T11*Sd11 + qn; T12 = T12*Sd12 + s12n
        q, s12 = qn, s12n
        out.append((l, T11, T12, s12/q, 2*asin(sqrt((1 - s12/q)/2))))
    return out

print("S1 (beta = 0): max_L<=60 |Theta^(L)(x,x) - L/(n0 2^(L-1))| / (L/(n0 2^(L-1))) =",
      nstr(max(abs(r[1]/(mpf(r[0])/(n0*2**(r[0]-1))) - 1) for r in jacot(0, 1, 60)), 3))

fS2 = lambda r: (sqrt(1 - r*r) + r*(pi/2 + asin(r)))/pi
fR1 = lambda r: r + (sin(acos(r)) - acos(r)*r)/pi            # relu-eoc.md Lemma R1, Delta = 1/2
print("S2: max |S2 map - Lemma R1 map (Delta = 1/2)| on a grid of [-1,1]:",
      nstr(max(abs(fS2(mpf(k)/50) - fR1(mpf(k)/50)) for k in range(-50, 51)), 3))
r = mpf(-1); 
for L in range(1, 10001): r = fS2(r)
print("    rho_0 = -1: 1 - rho after 10^4 steps =", nstr(1 - r, 8), " x (10^4)^2/(9 pi^2/2) =", nstr((1 - r)*mpf(10)**8/(9*pi**2/2), 6))

print("\nS3 (beta = 0): normalised kernel n0 2^(L-1) Theta^(L)(x,x')/L off the diagonal (x.x' = rho)")
Ls = [1, 2, 3, 5, 10, 20, 50, 100, 1000, 5000]
print("   rho  " + "".join(f"{('L='+str(L)):>10s}" for L in Ls) + "     max over L  (at L)")
for rho in ['-1', '-0.5', '0', '0.25', '0.5', '0.9']:
    out = jacot(0, rho, 5000)
    nk = [n0*2**(l-1)*T12/l for (l, T11, T12, c, th) in out]
    m = max(range(len(nk)), key=lambda i: nk[i])
    print(f"  {rho:>5s} " + "".join(f"{nstr(nk[L-1], 6):>10s}" for L in Ls) + f"   {nstr(nk[m], 6)} (L = {m+1})")
    # first depth after which the sequence decreases for good
print("  -> limit 1/4 (not 1); every row eventually decreases towards 1/4 from above")

print("\nS5: psi_d(z) = 1/(1 + exp(-2z/(d(1-z^2))))")
for d in ['0.1', '0.01', '0.001']:
    d = mpf(d)
    psi = lambda z: 1/(1 + exp(-2*z/(d*(1 - z*z))))
    print(f"   d = {nstr(d,3)}: psi_d'(0) = {nstr(diff(psi, 0), 10)} (1/(2d) = {nstr(1/(2*d), 10)}),"
          f"  psi_d'''(0) = {nstr(diff(psi, 0, 3), 6)},  psi_d'(0.1) = {nstr(diff(psi, mpf('0.1')), 6)},  psi_d''(0.1) = {nstr(diff(psi, mpf('0.1'), 2), 6)}")

print("\nbeta > 0 (beta = 0.5, n0 = 128): q* = 2 beta^2, chi_1 = 1/2, limit T = 4 beta^2 for every entry")
beta = mpf('0.5'); b2 = beta**2; q1 = mpf(1)/n0 + b2; T = 4*b2
for rho in ['0', '0.5', '-0.5']:
    out = jacot(beta, rho, 60)
    print(f"  x.x' = {rho}:")
    for (l, T11, T12, c, th) in out:
        if l in (10, 20, 30, 40, 50, 60):
            exact11 = T + 2**(1 - l)*((q1 - T) + (l - 1)*(q1 - 2*b2))
            pred12 = T - T*(1/pi)*(1 + sqrt(2))*th
            print(f"    L = {l:2d}: |Theta11 - Lemma J5| = {nstr(abs(T11 - exact11), 2)};  normalised Theta12/sqrt(Theta11 Theta22) = {nstr(T12/T11, 12)};"
                  f"  (Theta12 - T)/((T/pi)(1+sqrt2) theta_L) = {nstr((T12 - T)/(T/pi*(1 + sqrt(2))*th), 8)} (-> -1);  theta_L 2^(L/2) = {nstr(th*2**(mpf(l)/2), 8)}")
