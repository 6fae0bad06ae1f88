"""finite(): Monte Carlo estimates (labelled), the certified exact mean, and
the CLI's JSON for the same seed (the numbers are a pure function of it)."""

import math

import numpy as np
import pytest

import ntkdepth

ARGS = dict(width=16, n0=16, depths=[1, 3, 6], sigma_w2=[1.5, 2.0], r=[1.0, 0.5, 0.0],
            samples=120, seed=7, threads=1)


def test_against_cli_and_exact_mean(cli):
    f = ntkdepth.finite("relu", **ARGS)
    assert f["mean_diag"].kind == "monte_carlo"
    assert f["mean_diag"].estimate.shape == (2, 3)
    assert f["ratio"].estimate.shape == (2, 3, 3)
    assert f["depths"].tolist() == [1, 3, 6] and f["sigma_w2"].tolist() == [1.5, 2.0]
    j = cli("finite", "--act", "relu", "--width", "16", "--n0", "16", "--depth", "1,3,6",
            "--sigma-w2", "1.5,2", "--r", "1,0.5,0", "--samples", "120", "--seed", "7",
            "--threads", "1", "--quiet")
    for row in j["rows"]:
        i = f["sigma_w2"].tolist().index(row["sigma_w2"])
        k = f["depths"].tolist().index(row["depth"])
        assert float(row["mean_diag"]["estimate"]) == f["mean_diag"].estimate[i, k]
        assert float(row["dispersion"]["estimate"]) == f["dispersion"].estimate[i, k]
        ex = f["exact_mean_diag"][i, k]
        assert (ex.mid, ex.rad) == (row["exact_mean_diag"]["mid"], row["exact_mean_diag"]["rad"])
    # the certified finite-width mean vs the Monte Carlo mean: within 5 standard errors
    z = np.abs(f["mean_diag"].estimate - f["exact_mean_diag"].mid) / f["mean_diag"].error
    assert np.all(z < 5)
    # K(x, x_r)/K(x, x) at r = 1 is 1
    assert np.allclose(f["ratio"].estimate[:, :, 0], 1.0)
    assert f["ratio_infinite_width"] is not None


def test_no_exact_mean_for_tanh():
    f = ntkdepth.finite("tanh", **ARGS)
    assert f["exact_mean_diag"] is None
    assert np.all(np.isfinite(f["mean_diag"].estimate))


@pytest.mark.parametrize("kw,word", [
    (dict(act="nosuch"), "nosuch"),
    (dict(width=0), "width"),
    (dict(sigma_w2=[-1.0]), "sigma_w2"),
    (dict(r=[0.5, 1.0]), "r[0]"),
    (dict(param="jacot"), "param"),
    (dict(depths=[3, 1]), "increasing"),
])
def test_errors(kw, word):
    a = dict(ARGS)
    a.update(kw)
    act = a.pop("act", "relu")
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.finite(act, **a)
    assert e.value.status == ntkdepth.DOMAIN and word in e.value.message
