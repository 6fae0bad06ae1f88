"""eoc, iterate, verify, finite: the library's computations, one flat call each."""

import collections
import ctypes
import math
import os
from decimal import Decimal
from fractions import Fraction

from . import _lib
from ._ball import Ball, BallArray
from ._lib import Error, DOMAIN, INTERRUPTED

ROW_FIELDS = ("eps", "c", "sigma11", "sigma12", "theta11", "theta12")


# --------------------------------------------------------------- numbers

def exact(x, what):
    """An exact number for the library, as a string: int -> digits, float ->
    its shortest repr read as a decimal (0.2 -> "0.2", i.e. 1/5, as on the
    command line), Decimal -> its digits, Fraction -> "P/Q", str -> as is.
    None stays None."""
    if x is None:
        return None
    if isinstance(x, bool):
        raise Error(DOMAIN, "%s = %r: a number is required" % (what, x))
    if isinstance(x, str):
        return x
    if isinstance(x, Fraction):
        return "%d/%d" % (x.numerator, x.denominator) if x.denominator != 1 \
            else str(x.numerator)
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise Error(DOMAIN, "%s = %s: must be finite" % (what, x))
        return str(x)
    if isinstance(x, int):
        return str(x)
    try:
        f = float(x)
    except (TypeError, ValueError):
        raise Error(DOMAIN, "%s = %r: not a number" % (what, x))
    if isinstance(x, float) or "float" in type(x).__name__:
        if not math.isfinite(f):
            raise Error(DOMAIN, "%s = %r: must be finite" % (what, x))
        return repr(f)
    return str(int(x))


def to_fraction(x, what):
    """The exact rational the library reads from exact(x)."""
    s = exact(x, what)
    try:
        return Fraction(s) if "/" in s else Fraction(Decimal(s))
    except (ValueError, ArithmeticError):
        raise Error(DOMAIN, "%s = '%s': not an exact decimal or P/Q" % (what, s))


def _one_of(what, **kw):
    given = [(k, v) for k, v in kw.items() if v is not None]
    if len(given) > 1:
        raise Error(DOMAIN, "give %s, not both" % " or ".join(kw))
    return given[0] if given else (None, None)


def _depth_list(depths):
    if isinstance(depths, (int,)) or (hasattr(depths, "dtype") and getattr(depths, "ndim", 1) == 0):
        depths = [depths]
    out = []
    for d in depths:
        if isinstance(d, bool) or int(d) != d or int(d) < 1:
            raise Error(DOMAIN, "depth %r: must be an integer >= 1" % (d,))
        out.append(int(d))
    if not out:
        raise Error(DOMAIN, "depths: give at least one depth")
    return sorted(set(out))


# ------------------------------------------------------------------- eoc

class EOC:
    """Edge-of-chaos record (conventions.md section 2): sigma_w, sigma_w2,
    q_star, chi1, f2 = f''(1), beta = 2/f''(1) as Balls (None where not
    finite: q_star of relu-like at sigma_b = 0 where every q is a fixed
    point, f2 and beta when f''(1) is infinite), or found = False with the
    proved reason in why."""

    FIELDS = ("sigma_w", "sigma_w2", "q_star", "chi1", "f2", "beta")

    def __init__(self, d):
        self.json = d
        self.act = d["act"]
        self.sigma_b2 = Ball.from_json(d["sigma_b2"])
        self.found = bool(d["found"])
        self.digits = d["digits"]
        self.prec_bits = d["prec_bits"]
        self.why = d["why"]
        for k in self.FIELDS:
            setattr(self, k, Ball.from_json(d.get(k)))

    def __getitem__(self, k):
        return getattr(self, k)

    def as_dict(self):
        out = {"act": self.act, "sigma_b2": self.sigma_b2, "found": self.found,
               "why": self.why}
        if self.found:
            out.update({k: getattr(self, k) for k in self.FIELDS})
        return out

    def __str__(self):
        lines = ["act        %s" % self.act, "sigma_b2   %s" % self.sigma_b2.text(self.digits)]
        if not self.found:
            lines.append("no edge-of-chaos point: %s" % self.why)
            return "\n".join(lines)
        none = {"q_star": "every q (q* = q1)", "f2": "infinite", "beta": "none"}
        for k in self.FIELDS:
            b = getattr(self, k)
            lines.append("%-10s %s" % (k, b.text(self.digits) if b is not None else none.get(k, "?")))
        lines.append("note       %s" % self.why)
        return "\n".join(lines)

    def __repr__(self):
        return "<ntkdepth.EOC %s sigma_b2=%s found=%s>" % (self.act, self.sigma_b2, self.found)


def eoc(act, sigma_b=None, digits=30, *, sigma_b2=None):
    """Edge of chaos of activation `act` at bias std sigma_b (or variance
    sigma_b2; default 0), every ball certified to `digits` significant
    digits.  Returns an EOC record; raises Error (status DOMAIN for a bad
    name or value, UNABLE when the digits cannot be certified)."""
    which, val = _one_of("sigma_b", sigma_b=sigma_b, sigma_b2=sigma_b2)
    s = exact(val, which or "sigma_b")
    d = _lib.call_json("eoc", _lib.enc(act), _lib.enc(s), int(which != "sigma_b2"),
                       _lib.slong(int(digits)))
    return EOC(d)


# --------------------------------------------------------------- iterate

class Iteration:
    """Certified checkpoints of the recursion (conventions.md section 1).

    rows            list of dicts {"depth": L, "eps": Ball, "c": Ball,
                    "sigma11", "sigma12", "theta11", "theta12"}
    depths          numpy int array of the checkpoint depths
    it["eps"], it.eps, ...   BallArray over the depths (.mid, .rad numpy
                    arrays; it.eps[k] a Ball)
    params          the run's parameters (balls as Balls), incl. prec_bits
    """

    def __init__(self, d):
        self.json = d
        p = dict(d["params"])
        for k in ("sigma_w2", "sigma_b2", "q1"):
            p[k] = Ball.from_json(p[k])
        self.params = p
        self.rows = []
        for r in d["rows"]:
            row = {"depth": r["depth"]}
            for k in ROW_FIELDS:
                row[k] = Ball.from_json(r[k])
            self.rows.append(row)

    @property
    def depths(self):
        import numpy as np
        return np.array([r["depth"] for r in self.rows], dtype=np.int64)

    def __getitem__(self, k):
        if isinstance(k, str):
            if k not in ROW_FIELDS:
                raise KeyError(k)
            return BallArray([r[k].mid for r in self.rows], [r[k].rad for r in self.rows])
        return self.rows[k]

    def __getattr__(self, k):
        if k in ROW_FIELDS:
            return self[k]
        raise AttributeError(k)

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __str__(self):
        dig = self.params["digits"] + 5
        out = ["# %s%s, sigma_w2 %s, sigma_b2 %s, q1 %s, c0 %s: %d digits wanted, %d bits used"
               % (self.params["act"], " at the edge of chaos" if self.params["eoc"] else "",
                  self.params["sigma_w2"].text(dig), self.params["sigma_b2"].text(dig),
                  self.params["q1"].text(dig), self.params["c0"], self.params["digits"],
                  self.params["prec_bits"])]
        for r in self.rows:
            out.append("depth %d" % r["depth"])
            for k in ROW_FIELDS:
                out.append("  %-8s %s" % (k, r[k].text(dig)))
        return "\n".join(out)

    def __repr__(self):
        return "<ntkdepth.Iteration %s, %d depths up to %d>" % (
            self.params["act"], len(self.rows), self.rows[-1]["depth"] if self.rows else 0)


def _progress_wrapper(progress, flag):
    def cb(data, done, total, prec):
        try:
            if progress is not None and progress(done, total, prec):
                flag["stopped"] = True
                return 1
            return 0
        except KeyboardInterrupt:
            flag["interrupt"] = True
            return 1
        except BaseException as e:     # never let an exception cross C
            flag["error"] = e
            return 1
    return _lib.PROGRESS_FN(cb)


def _iterate_raw(act, sigma_w, w_is_std, sigma_b, b_is_std, q1, c0, depths, digits,
                 method, prec_cap, progress):
    arr = (_lib.slong * len(depths))(*depths)
    flag = {}
    cb = _progress_wrapper(progress, flag)
    try:
        return _lib.call_json("iterate", _lib.enc(act), _lib.enc(method), _lib.enc(sigma_w),
                              int(w_is_std), _lib.enc(sigma_b), int(b_is_std), _lib.enc(q1),
                              _lib.enc(c0), arr, _lib.slong(len(depths)),
                              _lib.slong(int(digits)), _lib.slong(int(prec_cap)), cb, None)
    except Error as e:
        if e.status == INTERRUPTED:
            if "interrupt" in flag:
                raise KeyboardInterrupt from None
            if "error" in flag:
                raise flag["error"]
        raise


def network(sigma_w2=None, W_std=None, sigma_b2=None, b_std=None, eoc=False):
    """The weight and bias arguments of iterate/kernel as the library's
    (string, is_std) pairs; sigma_w None means the edge of chaos."""
    which_w, w = _one_of("sigma_w2", sigma_w2=sigma_w2, W_std=W_std)
    if isinstance(w, str) and w == "eoc":
        w, which_w, eoc = None, None, True
    if eoc and w is not None:
        raise Error(DOMAIN, "give %s or eoc=True, not both" % which_w)
    if not eoc and w is None:
        raise Error(DOMAIN, "give sigma_w2, W_std or eoc=True")
    which_b, b = _one_of("sigma_b2", sigma_b2=sigma_b2, b_std=b_std)
    return (exact(w, which_w or "sigma_w2"), which_w == "W_std",
            exact(b, which_b or "sigma_b2"), which_b == "b_std")


def iterate(act, *, sigma_w2=None, W_std=None, sigma_b2=None, b_std=None, eoc=False,
            q1, c0=0, depths, digits=20, method="auto", prec_cap=0, progress=None):
    """Certified NNGP/NTK recursion for two inputs of first-layer variance
    q1 (> 0, or "star" for q*) and correlation c0, at the given depths
    (an int or an iterable; depth 1 = the first layer).

    Weights: sigma_w2 (variance) or W_std (std), or eoc=True (the edge of
    chaos for the bias); bias: sigma_b2 or b_std (default 0).  Numbers are
    exact: a float is read through its shortest repr (0.2 -> 1/5, as on the
    command line); pass a str, Decimal, Fraction or int for other values.
    progress(done, total, prec), if given, is called every few thousand
    layers; a true return value stops the run (Error INTERRUPTED); Ctrl-C
    stops it too (KeyboardInterrupt).
    Returns an Iteration; raises Error (DOMAIN bad input, UNABLE digits not
    certified within prec_cap bits, naming the depth)."""
    w, w_std, b, b_is_std = network(sigma_w2, W_std, sigma_b2, b_std, eoc)
    q = "star" if isinstance(q1, str) and q1 == "star" else exact(q1, "q1")
    d = _iterate_raw(act, w, w_std, b, b_is_std, q, exact(c0, "c0"), _depth_list(depths),
                     digits, method, prec_cap, progress)
    return Iteration(d)


# ---------------------------------------------------------------- verify

class Verdicts(list):
    """The claims' results (a list of dicts, as `ntkdepth verify --format
    json` writes them: id, source, paper, statement, predicted, measured,
    verdict, expected, evidence, ...) with .summary and .json."""

    def __init__(self, d):
        super().__init__(d.get("claims", []))
        self.json = d
        self.summary = d.get("summary")

    def by_id(self, cid):
        for c in self:
            if c.get("id") == cid:
                return c
        raise KeyError(cid)

    def as_expected(self):
        """True if every verdict equals its claim's expected verdict."""
        return all(c.get("verdict") == c.get("expected") for c in self)


def verify(claims=None, only=None, *, claims_text=None, quick=False, budget=None, threads=0):
    """Decide claims: the built-in registry (claims=None), a claims file
    (claims = a path) or INI text (claims_text), optionally only the ids in
    `only` (a list or a comma-separated string).  quick: CI depths; budget:
    seconds of recursion per claim (default 60, 20 when quick; a soft limit
    here, the CLI also kills a child process).  Returns Verdicts (dicts)."""
    if claims is not None and claims_text is not None:
        raise Error(DOMAIN, "give claims (a path) or claims_text, not both")
    path = os.fspath(claims) if claims is not None else None
    if only is not None and not isinstance(only, str):
        only = ",".join(only)
    d = _lib.call_json("verify", _lib.enc(path), _lib.enc(claims_text), _lib.enc(only),
                       int(bool(quick)), ctypes.c_double(-1.0 if budget is None else float(budget)),
                       int(threads))
    return Verdicts(d)


# ---------------------------------------------------------------- finite

Estimates = collections.namedtuple("Estimates", "estimate error kind")
Estimates.__doc__ = """Monte Carlo estimates (not certified): numpy arrays of
values and standard errors (NaN where undefined), kind 'monte_carlo'."""


def _est(e):
    if e is None:
        return math.nan, math.nan
    return float(e["estimate"]), math.nan if e["error"] is None else float(e["error"])


def finite(act="relu", *, width=100, n0=100, depths=None, sigma_w2=None, sigma_b2=0.0,
           param="standard", init="default", r=None, samples=500, seed=1, threads=0):
    """Monte Carlo of the empirical NTK of sampled finite-width networks
    (ntkdepth/finite.h; `ntkdepth finite`), next to the certified exact
    mean (ReLU, zero biases) and the infinite-width ratio.

    depths, sigma_w2, r: lists (None: the library's defaults, those of
    Seleznova & Kutyniok: depths 1..49, their 16 sigma_w2, r = 1, 0.9, ..., 0).
    Returns a dict: params, sigma_w2, depths, r (numpy arrays), the
    Estimates mean_diag, dispersion (shape (nsigma, ndepths)), mean_off,
    ratio, dispersion_off (shape (nsigma, ndepths, nr)), slope (nsigma), the
    certified exact_mean_diag and ratio_infinite_width as BallArrays (None
    where they do not apply), and the raw rows."""
    import numpy as np

    def arr(v, ctype, what):
        if v is None:
            return None, 0
        v = list(v)
        return (ctype * max(len(v), 1))(*v), len(v)

    da, nd = arr(None if depths is None else _depth_list(depths), _lib.slong, "depths")
    if depths is not None and list(depths) != sorted(set(int(x) for x in depths)):
        raise Error(DOMAIN, "depths: must be strictly increasing")
    sa, ns = arr(None if sigma_w2 is None else [float(x) for x in sigma_w2], ctypes.c_double,
                 "sigma_w2")
    ra, nr = arr(None if r is None else [float(x) for x in r], ctypes.c_double, "r")
    d = _lib.call_json("finite", _lib.enc(act), _lib.slong(int(n0)), _lib.slong(int(width)),
                       da, _lib.slong(nd), sa, _lib.slong(ns), ctypes.c_double(float(sigma_b2)),
                       _lib.enc(param), _lib.enc(init), ra, _lib.slong(nr),
                       _lib.slong(int(samples)), ctypes.c_ulong(int(seed)), int(threads))
    rows = d["rows"]
    sig = sorted(set(x["sigma_w2"] for x in rows), key=[x["sigma_w2"] for x in rows].index)
    dep = sorted(set(x["depth"] for x in rows))
    rr = [x["r"] for x in rows[0]["inputs"]] if rows else []
    S, D, R = len(sig), len(dep), len(rr)

    def grid(shape):
        return np.full(shape, np.nan), np.full(shape, np.nan)

    out = {"params": d["params"], "sigma_w2": np.array(sig), "depths": np.array(dep),
           "r": np.array(rr), "rows": rows}
    two = {k: grid((S, D)) for k in ("mean_diag", "dispersion")}
    three = {k: grid((S, D, R)) for k in ("mean_off", "ratio", "dispersion_off")}
    exm = [[None] * D for _ in range(S)]
    rinf = [[[None] * R for _ in range(D)] for _ in range(S)]
    for x in rows:
        i, j = sig.index(x["sigma_w2"]), dep.index(x["depth"])
        for k in two:
            two[k][0][i, j], two[k][1][i, j] = _est(x[k])
        exm[i][j] = Ball.from_json(x.get("exact_mean_diag"))
        for m, inp in enumerate(x["inputs"]):
            for k in three:
                three[k][0][i, j, m], three[k][1][i, j, m] = _est(inp[k])
            rinf[i][j][m] = Ball.from_json(inp.get("ratio_infinite_width"))
    for k, (e, s) in list(two.items()) + list(three.items()):
        out[k] = Estimates(e, s, "monte_carlo")
    sl = [_est(s["slope_log_dispersion_vs_lambda"]) for s in d["slopes"]]
    out["slope"] = Estimates(np.array([a for a, _ in sl]), np.array([b for _, b in sl]),
                             "monte_carlo")

    def balls_or_none(nested):
        flat = np.array(nested, dtype=object).ravel()
        if flat.size == 0 or any(b is None for b in flat):
            return None
        return BallArray.from_balls(nested)

    out["exact_mean_diag"] = balls_or_none(exm)
    out["ratio_infinite_width"] = balls_or_none(rinf)
    return out
