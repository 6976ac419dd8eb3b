"""The corpus tests skip on a developer's machine without ../shared, and fail in CI (CORPORA_REQUIRED=1)."""

import pytest

from . import corpora


def test_a_missing_corpus_skips_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("CORPORA_REQUIRED", raising=False)
    with pytest.raises(pytest.skip.Exception, match="attack corpus not found"):
        corpora._require(tmp_path / "absent.txt")


def test_a_missing_corpus_fails_when_required(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPORA_REQUIRED", "1")
    with pytest.raises(pytest.fail.Exception, match="CORPORA_REQUIRED=1"):
        corpora._require(tmp_path / "absent.txt")


def test_the_corpora_are_present_here():
    # Beside the repository on this machine and in CI; the other corpus tests read them from there.
    assert corpora._require(corpora.CORPORA / "SOURCES.md").exists()
