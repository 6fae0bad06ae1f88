"""Ball and BallArray semantics (exact containment, certified text, float views)."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import ntkdepth
from ntkdepth import Ball, BallArray


def test_exact_views():
    b = Ball("4.441080740730024468938229877e-11", "4.9e-52")
    assert b.mid_decimal == Decimal("4.441080740730024468938229877e-11")
    m, r = Fraction(Decimal("4.441080740730024468938229877e-11")), Fraction(Decimal("4.9e-52"))
    assert Fraction(b.lower) == m - r and Fraction(b.upper) == m + r
    assert b.mid_fraction == Fraction(4441080740730024468938229877, 10 ** 38)
    assert float(b) == 4.441080740730024468938229877e-11
    assert b.digits == 40


def test_contains_is_exact():
    b = Ball("0.2", "0")
    assert b.contains("0.2") and b.contains(Fraction(1, 5)) and b.contains(Decimal("0.2"))
    assert not b.contains(0.2)          # the float 0.2 is not 1/5
    w = Ball("1", "0.5")
    assert w.contains(0.5) and w.contains(1.5) and not w.contains(1.5000000000000002)
    assert w.contains(Ball("1.2", "0.3")) and not w.contains(Ball("1.2", "0.31"))
    assert 1.25 in w
    assert w.overlaps(Ball("1.6", "0.1")) and not w.overlaps(Ball("1.7", "0.1"))


def test_text_prints_certified_digits_only():
    assert str(Ball("3.14159", "1e-3")) == "3.14"
    assert str(Ball("3.14159265358979", "1e-12")) == "3.14159265359"
    # exact balls print their exact value
    assert str(Ball("2.0000", "0")) == "2"
    assert str(Ball("1.00000e+5", "0")) == "100000"
    assert str(Ball("-0.125", "0")) == "-0.125"
    # a ball with no certified digit: Arb's "0e+N" (|x| < 10^N)
    assert str(Ball("3.14159", "10")).startswith("0e")


def test_invalid_balls():
    for mid, rad in (("1", "-1"), ("nan", "0"), ("1", "inf"), ("1/3", "0")):
        with pytest.raises(ValueError):
            Ball(mid, rad)
    with pytest.raises(ntkdepth.Error) as e:
        Ball("1", "0").__class__("1", "1e-3").text(0)
    assert e.value.status == ntkdepth.DOMAIN


def test_ballarray_float_views_cover_the_ball():
    a = BallArray(["0.1", "1e-30", "2"], ["1e-40", "1e-70", "0"])
    assert a.shape == (3,)
    assert a.mid.dtype == np.float64 and a.rad[2] == 0
    for k in range(3):
        b = a[k]
        lo = Fraction(float(a.mid[k])) - Fraction(float(a.rad_float[k]))
        hi = Fraction(float(a.mid[k])) + Fraction(float(a.rad_float[k]))
        assert lo <= b.mid_fraction - b.rad_fraction and b.mid_fraction + b.rad_fraction <= hi
        assert Fraction(float(a.rad[k])) >= b.rad_fraction
    assert a.contains([Fraction(1, 10), 0, 2]).tolist() == [True, False, True]
    assert isinstance(a[1:], BallArray) and len(a[1:]) == 2
