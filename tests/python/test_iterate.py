"""iterate(): closed forms of the ReLU recursion, mpmath at high precision,
the CLI's JSON, error paths."""

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest

import ntkdepth


def relu_map_mp(c):
    """ReLU correlation map at the EOC (arc-cosine kernel of degree 1)."""
    return (mpmath.sqrt(1 - c * c) + (mpmath.pi - mpmath.acos(c)) * c) / mpmath.pi


def test_relu_eoc_against_mpmath():
    depths = [1, 2, 3, 10, 50]
    it = ntkdepth.iterate("relu", sigma_w2=2, sigma_b2=0, q1=1.5, c0=0.5, depths=depths,
                          digits=30)
    assert it.depths.tolist() == depths
    with mpmath.workdps(80):
        q = mpmath.mpf(3) / 2
        c = mpmath.mpf(1) / 2
        t12 = q * c
        want = {}
        for L in range(1, 51):
            if L in depths:
                want[L] = (c, q * c, t12)
            d12 = (mpmath.pi - mpmath.acos(c)) / mpmath.pi     # sigma_w2 E[phi' phi']
            c = relu_map_mp(c)
            t12 = t12 * d12 + q * c
        for row in it:
            c_mp, s12_mp, t12_mp = want[row["depth"]]
            for name, v in (("c", c_mp), ("sigma12", s12_mp), ("theta12", t12_mp)):
                b = row[name]
                assert abs(mpmath.mpf(b.mid) - v) <= mpmath.mpf(b.rad) + mpmath.mpf(10) ** -70, \
                    (row["depth"], name)
                assert b.digits >= 30 or name == "c"


def test_relu_eoc_identities_at_depth():
    # Sigma_11 = q1 and Theta_11 = q1 L exactly at the ReLU EOC (Hayou et al.)
    it = ntkdepth.iterate("relu", sigma_w2=2, q1=1.5, c0=0.5, depths=[1, 1000, 10 ** 5],
                          digits=30)
    for row in it:
        assert row["sigma11"].contains(Fraction(3, 2))
        assert row["theta11"].contains(Fraction(3, 2) * row["depth"])
    # eps_L ~ 9 pi^2 / (2 L^2) (Hayou et al.): within 0.1 % at 10^5
    e = float(it.eps[2])
    assert abs(e * 1e10 / (9 * math.pi ** 2 / 2) - 1) < 1e-3
    assert isinstance(it.eps.mid, np.ndarray) and it.eps.mid.shape == (3,)


def test_qstar_closed_form_ordered_relu():
    # relu, sigma_w2 = 1 (slope s = 1/2 < 1), sigma_b2 = 1/2: q* = sigma_b2/(1 - s) = 1
    # (Lemma M4); at q1 = q*: Theta_11^L = q* (1 - s^L)/(1 - s)
    it = ntkdepth.iterate("relu", sigma_w2=1, sigma_b2=0.5, q1="star", c0=0.3,
                          depths=[1, 2, 7, 40], digits=25)
    assert it.params["q1"].contains(1) and it.params["q1_star"]
    s = Fraction(1, 2)
    for row in it:
        L = row["depth"]
        assert row["sigma11"].contains(1)
        assert row["theta11"].contains((1 - s ** L) / (1 - s))


def test_std_and_exact_inputs():
    it = ntkdepth.iterate("relu", W_std=1.5, b_std=0.1, q1=1, c0=0.3, depths=3, digits=15)
    assert it.params["sigma_w2"].contains(Fraction(9, 4))
    assert it.params["sigma_b2"].contains(Fraction(1, 100))
    # floats are read through their shortest repr: 0.2 means 1/5
    a = ntkdepth.iterate("erf", sigma_w2=0.2, q1=1, depths=2, digits=15)
    b = ntkdepth.iterate("erf", sigma_w2=Fraction(1, 5), q1=1, depths=2, digits=15)
    assert a.params["sigma_w2"].contains(Fraction(1, 5))
    assert a.rows[0]["theta11"] == b.rows[0]["theta11"]


def test_matches_cli_json(cli):
    it = ntkdepth.iterate("tanh", eoc=True, b_std=0.2, q1="star", c0=0.5, depths=[1, 10, 100],
                          digits=20)
    j = cli("iterate", "--act", "tanh", "--eoc", "--sigma-b", "0.2", "--q1", "star", "--c0",
            "0.5", "--depth", "100", "--at", "1,10,100", "--digits", "20", "--quiet")
    assert len(j["rows"]) == len(it.rows)
    for row, jr in zip(it.rows, j["rows"]):
        assert row["depth"] == jr["depth"]
        for k in ntkdepth._api.ROW_FIELDS:
            assert (row[k].mid, row[k].rad) == (jr[k]["mid"], jr[k]["rad"])
    assert it.params["prec_bits"] == j["params"]["prec_bits"]


@pytest.mark.parametrize("kw,status,word", [
    (dict(c0=1.5), ntkdepth.DOMAIN, "c0"),
    (dict(q1=0), ntkdepth.DOMAIN, "q1"),
    (dict(q1=-1), ntkdepth.DOMAIN, "q1"),
    (dict(depths=[0]), ntkdepth.DOMAIN, "depth"),
    (dict(digits=0), ntkdepth.DOMAIN, "digits"),
    (dict(W_std=1), ntkdepth.DOMAIN, "not both"),
    (dict(method="fast"), ntkdepth.DOMAIN, "method"),
    (dict(prec_cap=16, depths=[10 ** 5], digits=30), ntkdepth.UNABLE, "depth 100000"),
])
def test_error_paths(kw, status, word):
    a = dict(sigma_w2=2, q1=1, c0=0.5, depths=[10], digits=20)
    a.update(kw)
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.iterate("relu", **a)
    assert e.value.status == status and word in e.value.message


def test_unknown_activation_and_missing_weights():
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.iterate("nosuch", sigma_w2=2, q1=1, depths=2)
    assert e.value.status == ntkdepth.DOMAIN and "nosuch" in e.value.message
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.iterate("relu", q1=1, depths=2)
    assert e.value.status == ntkdepth.DOMAIN
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.iterate("softplus", eoc=True, b_std=0.2, q1=1, depths=2)
    assert e.value.status == ntkdepth.DOMAIN and "edge-of-chaos" in e.value.message


def test_progress_callback_stops_the_run():
    seen = []

    def stop(done, total, prec):
        seen.append(done)
        return True
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.iterate("relu", sigma_w2=2, q1=1, c0=0.5, depths=[10 ** 7], digits=20,
                         progress=stop)
    assert e.value.status == ntkdepth.INTERRUPTED and seen
