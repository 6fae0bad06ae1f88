#!/usr/bin/env python3
"""Benchmark reference: the textbook ReLU recursion at the EOC in mpmath at
D decimal digits (mp.dps = D), iterating c like the usual research code:
    c' = (sqrt(1 - c^2) + (pi - acos c) c) / pi
    Theta12' = Theta12 (pi - acos c)/pi + c'          (q = 1, sigma_w^2 = 2)
usage: iter-mpmath.py C0 DEPTH DIGITS  -> prints eps, theta12, seconds"""
import sys
import time
from mpmath import mp, mpf, sqrt, acos, pi

def main():
    c0, depth, digits = sys.argv[1], int(float(sys.argv[2])), int(sys.argv[3])
    mp.dps = digits
    c = mpf(c0)
    th = c
    p = +pi
    t0 = time.process_time()
    for _ in range(1, depth):
        a = acos(c)
        cn = (sqrt(1 - c * c) + (p - a) * c) / p
        th = th * (p - a) / p + cn
        c = cn
    t1 = time.process_time()
    print(mp.nstr(1 - c, digits + 5), mp.nstr(th, digits + 5), "%.6f" % (t1 - t0))

main()
