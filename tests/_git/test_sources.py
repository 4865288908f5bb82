"""Redaction of credentials in URLs."""

from __future__ import annotations

import pytest

from otsmaterials._git.sources import redact


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:s3cret@host.org/r.git", "https://user:***@host.org/r.git"),
        ("https://ghp_T0KEN@github.com/o/r", "https://***@github.com/o/r"),
        ("http://user:s3@cret@h.org/x", "http://user:***@h.org/x"),
        ("ssh://git@github.com/o/r", "ssh://git@github.com/o/r"),
        ("git@github.com:o/r.git", "git@github.com:o/r.git"),
        ("https://github.com/o/r", "https://github.com/o/r"),
        ("https://github.com/o/r@v1", "https://github.com/o/r@v1"),
    ],
)
def test_redact_hides_passwords_and_http_tokens(url, shown):
    assert redact(url) == shown
