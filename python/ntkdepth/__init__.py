"""ntkdepth: certified large-depth NNGP/NTK kernels (Python front).

A library, not a second command line: every function calls libntkdepth
through its flat C ABI (include/ntkdepth/flat.h) with ctypes, and returns
certified numbers as Balls -- the exact value lies in [mid - rad, mid + rad];
str() prints only certified digits -- or Monte Carlo estimates labelled as
such.  Errors raise ntkdepth.Error with the library's status (DOMAIN,
UNABLE, ...) and one-line message; nothing prints, nothing exits.

    eoc(act, sigma_b, digits)            edge of chaos (EOC record)
    iterate(act, sigma_w2=|W_std=|eoc=True, sigma_b2=|b_std=, q1=, c0=,
            depths=, digits=)            certified recursion (Iteration)
    kernel(x1, x2, depth, act, ...)      NNGP/NTK Gram matrices (BallArray)
    verify(claims=None|path, only=None)  the papers' claims (list of dicts)
    finite(...)                          finite-width Monte Carlo (dict)

The library is found through NTKDEPTH_LIB (a path), else the path meson
wrote into _config.py (the build tree's, or the installed one's).
"""

from ._lib import (Error, SUCCESS, DOMAIN, UNABLE, NOMEM, IO, INTERRUPTED,
                   version, library_path)
from ._ball import Ball, BallArray
from ._api import (EOC, Iteration, Verdicts, Estimates, eoc, iterate, verify, finite)
from ._kernel import kernel

__all__ = ["Error", "SUCCESS", "DOMAIN", "UNABLE", "NOMEM", "IO", "INTERRUPTED",
           "version", "library_path", "Ball", "BallArray", "EOC", "Iteration",
           "Verdicts", "Estimates", "eoc", "iterate", "kernel", "verify", "finite"]
