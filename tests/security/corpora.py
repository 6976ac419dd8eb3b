"""The shared attack corpora (see shared/corpora/SOURCES.md), read in place and never copied.

The corpora live in `shared/corpora/` beside the repository (`../shared/corpora/` from the
repository root, on a developer's machine and in CI alike). Tests that need them skip, saying
why, when the folder is absent; with `CORPORA_REQUIRED=1` (CI sets it) they fail instead, so the
corpus tests cannot silently stop running there.
"""

import json
import os
from functools import cache
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPORA = REPO_ROOT.parent / "shared" / "corpora"
XSS_LISTS = ("RSNAKE_XSS.txt", "XSS_Polyglots.txt", "IntrudersXSS.txt")


def _require(path):
    if not path.exists():
        message = f"attack corpus not found at {path}: lay shared/ beside the repository to run this test"
        if os.environ.get("CORPORA_REQUIRED") == "1":
            pytest.fail(message + " (CORPORA_REQUIRED=1 makes this a failure, not a skip)")
        pytest.skip(message)
    return path


def _lines(path):
    # One payload a line, kept exactly as written (no strip: leading spaces are part of some payloads).
    return [line for line in _require(path).read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def _xss_payloads():
    blns = json.loads(_require(CORPORA / "blns" / "blns.json").read_text(encoding="utf-8"))
    payloads = [("blns", i, text) for i, text in enumerate(blns)]
    for name in XSS_LISTS:
        payloads += [(name, i, text) for i, text in enumerate(_lines(CORPORA / "payloadsallthethings" / name))]
    return payloads


def xss_payloads():
    """Every string of the Big List of Naughty Strings and the PayloadsAllTheThings XSS lists.

    A list of (source, index, text); about 780 strings.
    """
    return _xss_payloads()


@cache
def redirect_payloads():
    """The 240 open-redirect targets (attacker host google.com, trusted host www.whitelisteddomain.tld)."""
    return _lines(CORPORA / "payloadsallthethings" / "Open-Redirect-payloads.txt")


def batches(texts, limit, separator=" ¦ "):
    """Pack texts into as few strings of at most `limit` characters as possible, in order.

    Texts longer than `limit` are left out: the forms refuse them, which the refusal tests check.
    """
    batch, out = [], []
    for text in texts:
        if len(text) > limit:
            continue
        if batch and len(separator.join([*batch, text])) > limit:
            out.append(batch)
            batch = []
        batch.append(text)
    if batch:
        out.append(batch)
    return out
