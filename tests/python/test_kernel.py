"""kernel(): Gram matrices against the arc-cosine closed form (mpmath), the
float64 textbook recursion, the ReLU EOC identity Theta_11 = q L, and the
equal-norm restriction."""

import itertools
from fractions import Fraction

import mpmath
import numpy as np
import pytest

import ntkdepth
from nt_float64 import relu_kernel_float64

# integer inputs of one squared norm (14): permutations/sign flips of (1, 2, 3, 0)
X = np.array([[1, 2, 3, 0], [3, 2, 1, 0], [0, -1, 2, 3], [-3, 0, 1, 2]], dtype=float)
Y = np.array([[2, 3, 0, 1], [-1, -2, -3, 0], [1, 2, 3, 0]], dtype=float)


def first_layer(u, v, sw2, sb2):
    return sw2 * Fraction(int(np.dot(u, v))) / len(u) + sb2


def test_depth2_arc_cosine_mpmath():
    sw2, sb2 = Fraction(17, 10), Fraction(3, 10)
    k = ntkdepth.kernel(X, Y, 2, "relu", sigma_w2="1.7", sigma_b2="0.3", digits=25)
    assert k.nngp.shape == (4, 3) and k.ntk.shape == (4, 3)
    with mpmath.workdps(60):
        for i, j in itertools.product(range(4), range(3)):
            q = first_layer(X[i], X[i], sw2, sb2)
            s = first_layer(X[i], Y[j], sw2, sb2)
            qm, sm = mpmath.mpf(q.numerator) / q.denominator, mpmath.mpf(s.numerator) / s.denominator
            th = mpmath.acos(sm / qm)
            w, b = mpmath.mpf(17) / 10, mpmath.mpf(3) / 10
            nngp = b + w * qm * (mpmath.sin(th) + (mpmath.pi - th) * mpmath.cos(th)) / (2 * mpmath.pi)
            ntk = sm * w * (mpmath.pi - th) / (2 * mpmath.pi) + nngp
            for got, want in ((k.nngp[i, j], nngp), (k.ntk[i, j], ntk)):
                assert abs(mpmath.mpf(got.mid) - want) <= mpmath.mpf(got.rad) + mpmath.mpf(10) ** -50
                assert got.digits >= 25


def test_depth1_is_the_first_layer():
    k = ntkdepth.kernel(X, Y, 1, "tanh", W_std=1.5, b_std=0.5, get="nngp")
    for i, j in itertools.product(range(4), range(3)):
        assert k[i, j].contains(first_layer(X[i], Y[j], Fraction(9, 4), Fraction(1, 4)))


def test_float64_textbook_at_moderate_depth():
    k = ntkdepth.kernel(X, None, 10, "relu", sigma_w2=2, digits=20)
    s1 = np.array([[float(first_layer(u, v, 2, 0)) for v in X] for u in X])
    q = np.diag(s1)
    nngp, ntk = relu_kernel_float64(s1, q[:, None], q[None, :], 10)
    assert np.allclose(k.nngp.mid, nngp, rtol=1e-12, atol=0)
    assert np.allclose(k.ntk.mid, ntk, rtol=1e-12, atol=0)


def test_relu_eoc_diagonal_is_q_times_depth():
    k = ntkdepth.kernel(X, None, [1, 10, 1000], "relu", eoc=True, digits=20)
    q = Fraction(2 * 14, 4)
    assert k.ntk.shape == (3, 4, 4)
    for d, L in enumerate([1, 10, 1000]):
        for i in range(4):
            assert k.ntk[d, i, i].contains(q * L)
            assert k.nngp[d, i, i].contains(q)
    # symmetric, and the same pair gives the identical ball
    assert (k.ntk.mid_str == k.ntk.mid_str.transpose(0, 2, 1)).all()


def test_get_order_and_single():
    k = ntkdepth.kernel(X, Y, 3, "erf", sigma_w2=1, get=("ntk", "nngp"), digits=15)
    assert k._fields == ("ntk", "nngp")
    n = ntkdepth.kernel(X, Y, 3, "erf", sigma_w2=1, get="nngp", digits=15)
    assert isinstance(n, ntkdepth.BallArray)
    assert (n.mid_str == k.nngp.mid_str).all()


def test_unequal_norms_raise():
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.kernel(np.array([[1.0, 0.0], [2.0, 0.0]]), None, 3, "relu", sigma_w2=2)
    assert e.value.status == ntkdepth.DOMAIN
    assert "x1[0] and x2[1]" in e.value.message and "equal" in e.value.message


def test_other_errors():
    with pytest.raises(ntkdepth.Error) as e:      # irrational EOC weight variance
        ntkdepth.kernel(X, None, 3, "tanh", eoc=True, b_std=0.2)
    assert e.value.status == ntkdepth.DOMAIN and "sigma_w2" in e.value.message
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.kernel(X, Y[:, :3], 3, "relu", sigma_w2=2)
    assert e.value.status == ntkdepth.DOMAIN and "features" in e.value.message
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.kernel(X, None, 3, "nosuch", sigma_w2=2)
    assert e.value.status == ntkdepth.DOMAIN and "nosuch" in e.value.message
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.kernel(X, None, 3, "relu", sigma_w2=2, get="cov")
    assert e.value.status == ntkdepth.DOMAIN
