"""pytest fixtures of the Python front's tests (tests/python).

Run by `meson test` (suite 'python', tests/python/meson.build) with
PYTHONPATH=build/python and NTKDEPTH_CLI=build/ntkdepth; by hand:
    PYTHONPATH=build/python NTKDEPTH_CLI=build/ntkdepth python3 -m pytest tests/python
"""

import json
import os
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(os.path.dirname(HERE))


def _cli_path():
    p = os.environ.get("NTKDEPTH_CLI") or os.path.join(SOURCE_ROOT, "build", "ntkdepth")
    if not os.path.exists(p):
        pytest.skip("ntkdepth CLI not found (set NTKDEPTH_CLI)")
    return p


@pytest.fixture(scope="session")
def cli():
    """cli(*args) -> the parsed JSON the CLI writes (adds --format json)."""
    path = _cli_path()

    def run(*args):
        out = subprocess.run([path, *args, "--format", "json"], capture_output=True,
                             text=True, check=True)
        return json.loads(out.stdout)
    return run


@pytest.fixture(scope="session")
def claims_dir():
    return os.path.join(SOURCE_ROOT, "tests", "claims")
