"""Certified numbers on the Python side: Ball (one) and BallArray (many).

A ball is the pair (mid, rad) of exact decimal strings of conventions.md
section 4: the exact value lies in [mid - rad, mid + rad].  Nothing here
rounds a ball inward: float views round the radius up to cover the
rounding of the midpoint.
"""

import math
from decimal import Decimal, Inexact, localcontext
from fractions import Fraction

from . import _lib

TEXT_MAX_DIGITS = 100000


def _fraction(x):
    """Exact rational value of a number-like x (int, float, Fraction,
    Decimal, str of a decimal, Ball -> its midpoint)."""
    if isinstance(x, Ball):
        return x.mid_fraction
    if isinstance(x, (Fraction, int)):
        return Fraction(x)
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValueError("not a finite number: %r" % (x,))
        return Fraction(x)          # the exact binary value
    if isinstance(x, Decimal):
        return Fraction(x)
    if isinstance(x, str):
        return Fraction(Decimal(x)) if "/" not in x else Fraction(x)
    try:                            # numpy scalars
        return Fraction(float(x)) if "float" in type(x).__name__ else Fraction(int(x))
    except (TypeError, ValueError):
        raise TypeError("not a number: %r" % (x,))


def _exact_sum(a, b):
    """a + b of two finite Decimals, exactly."""
    if a == 0 or b == 0:
        return a + b if a != 0 else b
    span = max(a.adjusted(), b.adjusted()) - min(a.as_tuple().exponent, b.as_tuple().exponent)
    with localcontext() as ctx:
        ctx.prec = span + 3
        ctx.traps[Inexact] = True
        return a + b


def _float_up(q):
    """Smallest float >= the rational q (q >= 0)."""
    f = float(q)
    if Fraction(f) < q:
        f = math.nextafter(f, math.inf)
    return f


def _float_view(mid, rad):
    """(m, r) floats with [m - r, m + r] containing [mid - rad, mid + rad]
    in exact arithmetic: m the nearest float to mid, r >= rad + |mid - m|."""
    qm = Fraction(Decimal(mid))
    m = float(Decimal(mid))
    return m, _float_up(Fraction(Decimal(rad)) + abs(qm - Fraction(m)))


class Ball:
    """A certified real number: the exact value lies in [mid - rad, mid + rad].

    mid, rad    exact decimal strings (as the library wrote them)
    float(b)    the midpoint rounded to the nearest float
    str(b)      only the digits the radius certifies (the library's text,
                Arb's convention: correct to within one unit of the last digit)
    b.contains(x)   x a number (int, float taken exactly, Fraction, Decimal,
                str) or a Ball (inclusion)
    """

    __slots__ = ("_mid", "_rad", "_text")

    def __init__(self, mid, rad="0"):
        mid, rad = str(mid), str(rad)
        if "/" in mid or "/" in rad:
            raise ValueError("Ball: mid and rad are decimal strings")
        if Decimal(rad) < 0 or not Decimal(rad).is_finite() or not Decimal(mid).is_finite():
            raise ValueError("Ball: mid must be finite and rad finite and >= 0")
        self._mid, self._rad, self._text = mid, rad, None

    @classmethod
    def from_json(cls, d):
        """{"mid": ..., "rad": ...} -> Ball; None (JSON null) -> None."""
        if d is None:
            return None
        return cls(d["mid"], d["rad"])

    # exact views
    @property
    def mid(self):
        return self._mid

    @property
    def rad(self):
        return self._rad

    @property
    def mid_decimal(self):
        return Decimal(self._mid)

    @property
    def rad_decimal(self):
        return Decimal(self._rad)

    @property
    def mid_fraction(self):
        return Fraction(Decimal(self._mid))

    @property
    def rad_fraction(self):
        return Fraction(Decimal(self._rad))

    @property
    def lower(self):
        """mid - rad, exactly (a Decimal)."""
        return _exact_sum(Decimal(self._mid), -Decimal(self._rad))

    @property
    def upper(self):
        """mid + rad, exactly (a Decimal)."""
        return _exact_sum(Decimal(self._mid), Decimal(self._rad))

    def is_exact(self):
        return Decimal(self._rad) == 0

    @property
    def digits(self):
        """Certified significant digits: floor(log10(|mid| / rad)), 0 if the
        ball contains 0 with rad >= |mid|; math.inf for an exact ball."""
        m, r = abs(Decimal(self._mid)), Decimal(self._rad)
        if r == 0:
            return math.inf
        if r >= m:
            return 0
        return max(0, int(math.floor((m.log10() - r.log10()))))

    def __float__(self):
        return float(Decimal(self._mid))

    def float_interval(self):
        """(lo, hi) floats with lo <= every value of the ball <= hi."""
        lo, hi = self.lower, self.upper
        flo, fhi = float(lo), float(hi)
        if Fraction(flo) > Fraction(lo):
            flo = math.nextafter(flo, -math.inf)
        if Fraction(fhi) < Fraction(hi):
            fhi = math.nextafter(fhi, math.inf)
        return flo, fhi

    def contains(self, x):
        """True if x (a number taken exactly, or a Ball) lies in this ball."""
        lo, hi = self.mid_fraction - self.rad_fraction, self.mid_fraction + self.rad_fraction
        if isinstance(x, Ball):
            return lo <= x.mid_fraction - x.rad_fraction and \
                x.mid_fraction + x.rad_fraction <= hi
        q = _fraction(x)
        return lo <= q <= hi

    def __contains__(self, x):
        return self.contains(x)

    def overlaps(self, other):
        """True if the two balls have a common point."""
        d = abs(self.mid_fraction - other.mid_fraction)
        return d <= self.rad_fraction + other.rad_fraction

    def text(self, max_digits=TEXT_MAX_DIGITS):
        """Certified digits only, at most max_digits significant digits."""
        if max_digits == TEXT_MAX_DIGITS and self._text is not None:
            return self._text
        if self.is_exact():
            # an exact ball: every digit of its (decimal) value is certified
            m = Decimal(self._mid).normalize()
            if m == 0:
                return "0"
            if len(m.as_tuple().digits) <= max_digits:
                return format(m, "f") if -7 <= m.adjusted() < 21 else str(m)
        t = _lib.call_text("ball_text", self._mid.encode(), self._rad.encode(),
                           _lib.slong(max_digits))
        if max_digits == TEXT_MAX_DIGITS:
            self._text = t
        return t

    def __str__(self):
        return self.text()

    def __repr__(self):
        return "Ball(mid=%r, rad=%r)" % (self._mid, self._rad)

    def __eq__(self, other):
        return isinstance(other, Ball) and Decimal(self._mid) == Decimal(other._mid) \
            and Decimal(self._rad) == Decimal(other._rad)

    def __hash__(self):
        return hash((Decimal(self._mid), Decimal(self._rad)))


class BallArray:
    """An array of balls (a series over depths, or a kernel matrix).

    mid, rad      numpy float64 arrays: mid the nearest float of each
                  exact midpoint, rad the library's radius rounded up to a
                  float (a bound about the exact midpoint mid_str)
    rad_float     radius about the float mid: [mid - rad_float, mid +
                  rad_float] contains the exact value (in exact arithmetic;
                  it adds the rounding of the midpoint to a float)
    mid_str, rad_str   numpy object arrays of the exact decimal strings
    a[i]          a Ball (or a BallArray for a slice)
    a.contains(x) elementwise, x an array of numbers taken exactly
    """

    def __init__(self, mids, rads):
        import numpy as np
        self.mid_str = np.asarray(mids, dtype=object)
        self.rad_str = np.asarray(rads, dtype=object)
        if self.mid_str.shape != self.rad_str.shape:
            raise ValueError("BallArray: mids and radii differ in shape")
        self._f = None

    @classmethod
    def from_balls(cls, balls):
        """From a (nested) list of Balls."""
        import numpy as np
        b = np.asarray(balls, dtype=object)
        mids = np.vectorize(lambda x: x.mid, otypes=[object])(b) if b.size else b
        rads = np.vectorize(lambda x: x.rad, otypes=[object])(b) if b.size else b
        return cls(mids, rads)

    def _floats(self):
        import numpy as np
        if self._f is None:
            m = np.empty(self.mid_str.shape)
            r = np.empty(self.mid_str.shape)
            rf = np.empty(self.mid_str.shape)
            for idx in np.ndindex(self.mid_str.shape):
                m[idx], rf[idx] = _float_view(self.mid_str[idx], self.rad_str[idx])
                r[idx] = _float_up(Fraction(Decimal(self.rad_str[idx])))
            self._f = (m, r, rf)
        return self._f

    @property
    def mid(self):
        return self._floats()[0]

    @property
    def rad(self):
        return self._floats()[1]

    @property
    def rad_float(self):
        return self._floats()[2]

    @property
    def shape(self):
        return self.mid_str.shape

    @property
    def digits(self):
        """Certified digits of each ball (numpy array; inf where exact)."""
        import numpy as np
        out = np.empty(self.shape)
        for idx in np.ndindex(self.shape):
            out[idx] = self[idx].digits
        return out

    def __len__(self):
        return len(self.mid_str)

    def __getitem__(self, idx):
        m, r = self.mid_str[idx], self.rad_str[idx]
        if isinstance(m, str):
            return Ball(m, r)
        return BallArray(m, r)

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def balls(self):
        """Nested list of Balls."""
        return [b.balls() if isinstance(b, BallArray) else b for b in self]

    def contains(self, x):
        """Elementwise: does ball i contain x[i] (exact values)?"""
        import numpy as np
        x = np.asarray(x, dtype=object)
        x = np.broadcast_to(x, self.shape)
        out = np.empty(self.shape, dtype=bool)
        for idx in np.ndindex(self.shape):
            out[idx] = Ball(self.mid_str[idx], self.rad_str[idx]).contains(x[idx])
        return out

    def __repr__(self):
        import numpy as np
        with np.printoptions(precision=17):
            return "BallArray(shape=%s,\n mid=%s,\n rad=%s)" % (
                self.shape, np.array2string(self.mid), np.array2string(self.rad))

    def __str__(self):
        import numpy as np
        t = np.empty(self.shape, dtype=object)
        for idx in np.ndindex(self.shape):
            t[idx] = str(Ball(self.mid_str[idx], self.rad_str[idx]))
        return np.array2string(t, formatter={"object": lambda s: s}, max_line_width=120)
