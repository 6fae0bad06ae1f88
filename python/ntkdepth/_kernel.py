"""kernel(): certified NNGP/NTK Gram matrices of (batch, features) inputs,
in the manner of neural-tangents' kernel_fn.

Network: L Dense layers (NTK parameterization) with the activation between
them -- stax.serial(Dense(W_std, b_std), act, Dense, ..., act, Dense) with
L Dense layers is depth L of conventions.md section 1.  The first layer of
inputs x, x' with n0 features is

    Sigma^1(x, x') = Theta^1(x, x') = sigma_w^2 <x, x'> / n0 + sigma_b^2,

computed exactly from the inputs (a float is its exact binary value).  The
certified recursion (include/ntkdepth/iter.h) is the one of two inputs with
the SAME first-layer variance q1 = Sigma^1(x, x) = Sigma^1(x', x'); so every
pair of inputs must have equal first-layer variances, i.e. equal squared
norms |x|^2 exactly (e.g. sign vectors, or integer vectors of one norm).
Pairs of unequal norms raise Error(DOMAIN) naming the rows: the library has
no certified recursion for Sigma^1_11 != Sigma^1_22 yet (a naive ball
iteration of N(S) loses all accuracy near c = 1; see README, Python).
"""

import collections
from fractions import Fraction

from . import _api
from ._api import Error, DOMAIN
from ._ball import BallArray

_FIELDS = {"nngp": "sigma12", "ntk": "theta12"}
_kernel_types = {}


def _frac_matrix(x, what):
    import numpy as np
    a = np.asarray(x, dtype=object) if not hasattr(x, "dtype") or x.dtype == object \
        else np.asarray(x)
    if a.ndim == 1:
        a = a.reshape(1, -1)
    if a.ndim != 2:
        raise Error(DOMAIN, "%s: expected a (batch, features) array, got shape %s"
                    % (what, a.shape))
    if a.shape[1] < 1:
        raise Error(DOMAIN, "%s: no features" % what)
    out = []
    for i in range(a.shape[0]):
        row = []
        for j in range(a.shape[1]):
            v = a[i, j]
            if isinstance(v, (float, np.floating)):
                if not np.isfinite(v):
                    raise Error(DOMAIN, "%s[%d, %d] = %r: must be finite" % (what, i, j, v))
                row.append(Fraction(float(v)))
            elif isinstance(v, (int, np.integer)) and not isinstance(v, bool):
                row.append(Fraction(int(v)))
            else:
                row.append(_api.to_fraction(v, "%s[%d, %d]" % (what, i, j)))
        out.append(row)
    return out


def _q(x):
    return "%d/%d" % (x.numerator, x.denominator)


def kernel(x1, x2=None, depth=None, act=None, *, sigma_w2=None, W_std=None, sigma_b2=None,
           b_std=None, eoc=False, get=("nngp", "ntk"), digits=20, method="auto",
           prec_cap=0, progress=None):
    """Certified NNGP ("nngp") and NTK ("ntk") Gram matrices at `depth`
    (an int, or a list of depths: then a leading depth axis) between the
    rows of x1 (n1, n0) and x2 (n2, n0) (x2 None: x1).

    Weights: sigma_w2 or W_std (exact; eoc=True only where the EOC weight
    variance is exact, e.g. relu's 2); bias: sigma_b2 or b_std (default 0).
    get: "nngp", "ntk" or a tuple of them (then a namedtuple in that order,
    as neural-tangents).  Each kernel is a BallArray: .mid and .rad numpy
    arrays (shape (n1, n2)), each entry a ball containing the exact kernel
    of the network for these inputs, to `digits` digits.
    One certified run per distinct pair (first-layer variance, correlation).
    Raises Error(DOMAIN) for unequal first-layer variances (module doc)."""
    if depth is None or act is None:
        raise Error(DOMAIN, "kernel: depth and act are required")
    single = isinstance(get, str)
    gets = (get,) if single else tuple(get)
    for g in gets:
        if g not in _FIELDS:
            raise Error(DOMAIN, "get = %r: use 'nngp', 'ntk' or a tuple of them" % (g,))
    depths = _api._depth_list(depth)
    many = not isinstance(depth, int) and not (hasattr(depth, "ndim") and depth.ndim == 0)
    w, w_std, b, b_std_flag = _api.network(sigma_w2, W_std, sigma_b2, b_std, eoc)
    if w is None:
        e = _api.eoc(act, sigma_b2=_q(_b2(b, b_std_flag)), digits=max(digits, 20))
        if not e.found:
            raise Error(DOMAIN, "kernel: %s has no edge-of-chaos point: %s" % (act, e.why))
        if not e.sigma_w2.is_exact():
            raise Error(DOMAIN, "kernel: eoc=True: the edge-of-chaos sigma_w2 of %s is not an "
                        "exact number (%s), so the first-layer kernel would not be exact; pass "
                        "sigma_w2 explicitly, or use iterate(..., eoc=True, q1='star')"
                        % (act, e.sigma_w2))
        sw2 = e.sigma_w2.mid_fraction
    else:
        sw2 = _api.to_fraction(w, "W_std" if w_std else "sigma_w2")
        if w_std:
            sw2 = sw2 * sw2
    sb2 = _b2(b, b_std_flag)

    X = _frac_matrix(x1, "x1")
    Y = X if x2 is None else _frac_matrix(x2, "x2")
    n0 = len(X[0])
    if len(Y[0]) != n0:
        raise Error(DOMAIN, "x1 has %d features, x2 has %d" % (n0, len(Y[0])))

    def first(u, v):
        return sw2 * sum(a * c for a, c in zip(u, v)) / n0 + sb2

    qx = [first(u, u) for u in X]
    qy = qx if x2 is None else [first(v, v) for v in Y]
    runs = {}
    pairs = {}
    for i, u in enumerate(X):
        for j, v in enumerate(Y):
            if qx[i] != qy[j]:
                raise Error(DOMAIN, "kernel: x1[%d] and x2[%d] have different first-layer "
                            "variances (%s != %s, i.e. different squared norms); the certified "
                            "recursion needs equal ones (normalize the inputs to one exact norm)"
                            % (i, j, float(qx[i]), float(qy[j])))
            if qx[i] <= 0:
                raise Error(DOMAIN, "kernel: x1[%d] has first-layer variance 0 (a zero input "
                            "without bias)" % i)
            s = qx[i] if (x2 is None and i == j) else first(u, v)
            key = (qx[i], s / qx[i])
            pairs[i, j] = key
            runs[key] = None
    for key in runs:
        q, c0 = key
        runs[key] = _api._iterate_raw(act, _q(sw2), False, _q(sb2), False, _q(q), _q(c0),
                                      depths, digits, method, prec_cap, progress)
    import numpy as np
    res = {}
    for g in gets:
        field = _FIELDS[g]
        mids = np.empty((len(depths), len(X), len(Y)), dtype=object)
        rads = np.empty_like(mids)
        for (i, j), key in pairs.items():
            for k, row in enumerate(runs[key]["rows"]):
                mids[k, i, j] = row[field]["mid"]
                rads[k, i, j] = row[field]["rad"]
        if not many:
            mids, rads = mids[0], rads[0]
        res[g] = BallArray(mids, rads)
    if single:
        return res[gets[0]]
    if gets not in _kernel_types:
        _kernel_types[gets] = collections.namedtuple("Kernel", gets)
    return _kernel_types[gets](*(res[g] for g in gets))


def _b2(b, is_std):
    if b is None:
        return Fraction(0)
    v = _api.to_fraction(b, "b_std" if is_std else "sigma_b2")
    return v * v if is_std else v

