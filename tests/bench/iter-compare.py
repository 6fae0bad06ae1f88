#!/usr/bin/env python3
"""ntkdepth iterate against a float64 loop and an mpmath loop of the
textbook ReLU recursion (EOC, c0 = 0.5): time and correct digits side by
side.  Correct digits are judged against ntkdepth's certified balls (the
exact value lies in mid +- rad).
usage: iter-compare.py NTKDEPTH FLOAT64_EXE MPMATH_SCRIPT [quick]"""
import json
import math
import resource
import subprocess
import sys
import time
from fractions import Fraction
from decimal import Decimal, getcontext

getcontext().prec = 80

def run(cmd):
    """output and CPU seconds of the child (the machine may be loaded:
    CPU time, not wall time, is compared)"""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return out, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)

def ours(exe, depth, digits):
    out, t = run([exe, "iterate", "--act", "relu", "--sigma-w2", "2", "--sigma-b2", "0",
                  "--q1", "1", "--c0", "0.5", "--depth", str(depth), "--at", str(depth),
                  "--digits", str(digits), "--format", "json", "--quiet"])
    row = json.loads(out)["rows"][-1]
    return row["eps"], row["theta12"], t

def correct_digits(x, ball):
    mid, rad = Decimal(ball["mid"]), Decimal(ball["rad"])
    err = abs(Decimal(x) - mid) + rad
    if err == 0:
        return 99
    return max(0, math.floor(-math.log10(err / abs(mid))))

def cert_digits(ball):
    mid, rad = Decimal(ball["mid"]), Decimal(ball["rad"])
    return 99 if rad == 0 else max(0, math.floor(-math.log10(rad / abs(mid))))

def main():
    exe, f64, mpm = sys.argv[1:4]
    quick = len(sys.argv) > 4
    cases = [(10**4, 30), (10**5, 30)] if quick else [(10**4, 30), (10**5, 30), (10**6, 30), (10**5, 100)]
    print("CPU seconds (whole process for ntkdepth; loop only for float64/mpmath);")
    print("digits: certified (ntkdepth) / correct against the certified ball (others)")
    print("%-8s %-6s | %-28s | %-22s | %-22s | %s" % ("depth", "digits", "ntkdepth: s, cert eps/th12",
          "float64: s, eps/th12", "mpmath: s, eps/th12", "speedup vs mpmath"))
    for depth, digits in cases:
        e, th, t = ours(exe, depth, digits)
        o, tf = run([f64, "0.5", str(depth)])
        fe, fth, tf_in = o.split()
        line = "%-8d %-6d | %7.3f s  %3d / %3d digits | %7.3f s %3d / %3d | " % (
            depth, digits, t, cert_digits(e), cert_digits(th), float(tf_in),
            correct_digits(fe, e), correct_digits(fth, th))
        if True:
            if False:
                pass
            else:
                o, tm = run([sys.executable, mpm, "0.5", str(depth), str(digits)])
                me, mth, tm_in = o.split()
                line += "%7.3f s %3d / %3d | %.0fx" % (float(tm_in), correct_digits(me, e),
                                                     correct_digits(mth, th), float(tm_in) / t)
        print(line, flush=True)

main()
