"""verify(): verdicts as dicts, the same as `ntkdepth verify --format json`."""

import os

import pytest

import ntkdepth

CLAIM_TEXT = """
[diag]
source = Hayou et al. 2022
statement = Theta^L_11 = q L exactly
act = relu
sigma_w2 = 2
q1 = 1.5
quantity = theta11
law = identity
constant = q1*L
depths = 1,2,10,100
tolerance = 1e-20
expect = holds

[false-diag]
source = a deliberately false claim
statement = Theta^L_11 = q (L + 1)
act = relu
sigma_w2 = 2
q1 = 1
quantity = theta11
law = identity
constant = q1*(L+1)
depths = 1,10
tolerance = 1e-20
expect = refuted
"""


def test_claims_file_matches_cli(cli, claims_dir):
    path = os.path.join(claims_dir, "relu.ini")
    ids = ["ntk-diagonal", "wrong-identity", "wrong-constant"]
    v = ntkdepth.verify(path, only=ids, quick=True)
    j = cli("verify", "--claims", path, "--only", ",".join(ids), "--quick", "--quiet")
    assert [c["id"] for c in v] == [c["id"] for c in j["claims"]]
    assert sorted(c["id"] for c in v) == sorted(ids)
    for a, b in zip(v, j["claims"]):
        assert a["verdict"] == b["verdict"] == a["expected"]
        assert a["statement"] == b["statement"]
    assert v.by_id("wrong-identity")["verdict"] == "refuted"
    assert v.as_expected() and v.summary is not None


def test_builtin_registry_claim():
    v = ntkdepth.verify(only="H3", quick=True)
    assert len(v) == 1 and v[0]["id"] == "H3"
    assert v[0]["verdict"] == "holds" == v[0]["expected"]


def test_claims_text():
    v = ntkdepth.verify(claims_text=CLAIM_TEXT)
    assert [(c["id"], c["verdict"]) for c in v] == [("diag", "holds"), ("false-diag", "refuted")]
    assert all(c["paper"] == "user" for c in v)


def test_errors(claims_dir):
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.verify(only="NO-SUCH-CLAIM")
    assert e.value.status == ntkdepth.DOMAIN and "NO-SUCH-CLAIM" in e.value.message
    bad = os.path.join(claims_dir, "bad-law.ini")
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.verify(bad)
    assert e.value.status == ntkdepth.DOMAIN and "bad-law.ini:" in e.value.message
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.verify("/nonexistent/claims.ini")
    assert e.value.status == ntkdepth.IO
