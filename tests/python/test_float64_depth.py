"""Why certified: the float64 textbook ReLU recursion (neural-tangents'
formula) beside the certified one at depth 10^5, ReLU at the EOC.  The
float64 values lie outside the certified balls -- by far more than their
own precision: float64 loses most digits of eps_L = 1 - c_L (c_L is within
~5e-9 of 1, where arccos and sqrt(1 - c^2) amplify each rounding).  No
timing here."""

import math

import numpy as np

import ntkdepth
from nt_float64 import relu_kernel_float64

L = 10 ** 5
C0 = np.array([0.0, 0.5, 0.9])


def test_float64_is_wrong_at_depth_1e5():
    nngp, ntk = relu_kernel_float64(C0, 1.0, 1.0, L)
    worst_eps, worst_ntk = 0.0, 0.0
    for k, c0 in enumerate(C0):
        it = ntkdepth.iterate("relu", sigma_w2=2, q1=1, c0=float(c0), depths=[L], digits=30)
        row = it.rows[0]
        # the certified balls are tight (30 digits) ...
        assert row["eps"].digits >= 30 and row["theta12"].digits >= 30
        # ... and agree with the known rate eps_L ~ 9 pi^2 / (2 L^2) (Hayou et al.)
        assert abs(float(row["eps"]) * L * L / (9 * math.pi ** 2 / 2) - 1) < 1e-3
        # the float64 values are outside them
        assert not row["sigma12"].contains(nngp[k])
        assert not row["theta12"].contains(ntk[k])
        worst_eps = max(worst_eps, abs((1 - nngp[k]) / float(row["eps"]) - 1))
        worst_ntk = max(worst_ntk, abs(ntk[k] / float(row["theta12"]) - 1))
    # float64 eps is off by more than 1 % and the NTK by more than 0.1 %
    # (measured: -9.1 % and +0.44 % for c0 = 0, 0.5, 0.9), not by a rounding
    # error of 1e-16: sqrt(q1 q2 - K^2) cancels catastrophically near c = 1
    assert worst_eps > 1e-2
    assert worst_ntk > 1e-3
