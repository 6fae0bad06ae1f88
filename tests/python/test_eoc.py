"""eoc(): closed forms (conventions.md 2) and the CLI's JSON."""

from fractions import Fraction

import pytest

import ntkdepth


def test_relu_eoc_is_two_exactly():
    e = ntkdepth.eoc("relu", 0, digits=30)
    assert e.found
    assert e.sigma_w2.contains(2) and e.sigma_w2.is_exact()
    assert e.q_star is None            # every q is a fixed point (q* = q1)
    assert e.chi1.contains(1)


def test_leaky_relu_eoc_closed_form():
    # relulike a x + b |x|, a = (1 + alpha)/2, b = (1 - alpha)/2: sigma_w2 = 1/(a^2 + b^2)
    alpha = Fraction(1, 10)
    a, b = (1 + alpha) / 2, (1 - alpha) / 2
    e = ntkdepth.eoc("leaky_relu:0.1", 0, digits=25)
    assert e.sigma_w2.contains(1 / (a * a + b * b))


def test_tanh_matches_cli(cli):
    e = ntkdepth.eoc("tanh", 0.2, digits=30)
    j = cli("eoc", "--act", "tanh", "--sigma-b", "0.2", "--digits", "30")
    assert e.sigma_b2.contains(Fraction(1, 25))
    for k in ("sigma_w", "sigma_w2", "q_star", "chi1", "f2", "beta"):
        b = getattr(e, k)
        assert (b.mid, b.rad) == (j[k]["mid"], j[k]["rad"]), k
        assert b.digits >= 30
    assert e.chi1.contains(1)
    # beta = 2 / f''(1): the two balls are consistent
    lo = 2 / (e.f2.mid_fraction + e.f2.rad_fraction)
    hi = 2 / (e.f2.mid_fraction - e.f2.rad_fraction)
    assert e.beta.mid_fraction - e.beta.rad_fraction <= hi
    assert lo <= e.beta.mid_fraction + e.beta.rad_fraction
    text = str(e)
    assert "sigma_w2   1.70079637213670389444097167893" in text


def test_sigma_b2_keyword_and_no_eoc():
    a = ntkdepth.eoc("tanh", sigma_b2="0.04", digits=20)
    b = ntkdepth.eoc("tanh", 0.2, digits=20)
    assert a.sigma_w2.overlaps(b.sigma_w2)
    s = ntkdepth.eoc("softplus", 0.2)
    assert not s.found and "Lemma M7" in s.why
    assert "no edge-of-chaos point" in str(s)


@pytest.mark.parametrize("args,word", [
    (("nosuch", 0.2), "nosuch"),
    (("tanh", -0.1), "sigma_b"),
    (("tanh", "abc"), "abc"),
    (("leaky_relu:x", 0), "leaky_relu:x"),
])
def test_errors_carry_status_and_message(args, word):
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.eoc(*args)
    assert e.value.status == ntkdepth.DOMAIN
    assert e.value.status_name == "NTK_DOMAIN"
    assert word in e.value.message


def test_digits_out_of_range():
    with pytest.raises(ntkdepth.Error) as e:
        ntkdepth.eoc("tanh", 0.2, digits=0)
    assert e.value.status == ntkdepth.DOMAIN
