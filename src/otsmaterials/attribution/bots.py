"""Which identities are bots and services, not people: by name and by address.

A bot is recognised by its name — a ``[bot]`` account, a ``-bot`` login, "Bot" as a word
("Code Club Build Bot"), the name of a service that commits on people's behalf (GitHub Actions,
Dependabot, Renovate, Greenkeeper, pre-commit.ci, Weblate, Transifex, Crowdin …), Weblate's
"Anonymous" — or by its address: the sender addresses those services use (``actions@github.com``,
``noreply@weblate.org`` …), a ``noreply`` mailbox, or a GitHub no-reply address of a ``[bot]``
account. A person whose own address merely contains a service's name
(``transifex@robertlehmann.de``) is a person: only the services' own addresses count.
"""

from __future__ import annotations

import re

__all__ = ["is_bot"]

_SERVICES = (
    "dependabot",
    "dependabot-preview",
    "renovate",
    "renovatebot",
    "github-actions",
    "github actions",
    "github action",
    "github",
    "web-flow",
    "greenkeeper",
    "greenkeeperio",
    "pre-commit-ci",
    "pre-commit.ci",
    "pre-commit ci",
    "weblate",
    "hosted weblate",
    "transifex",
    "crowdin",
    "imgbot",
    "allcontributors",
    "all-contributors",
    "snyk",
    "codecov",
    "mergify",
    "travis ci",
    "travis-ci",
    "circleci",
    "netlify",
    "semantic-release",
    "anonymous",
)
_SERVICE_NAME = re.compile(
    r"^(?:" + "|".join(re.escape(s) for s in _SERVICES) + r")(?:$|[\s\[(-]|\.com|\.io)",
    re.IGNORECASE,
)
_BOT_WORD = re.compile(r"\[bot\]|(?:^|\s)bot(?:$|\s)|[-_.]bot(?:$|[\s\]])", re.IGNORECASE)
_SERVICE_ADDRESSES = frozenset(
    """actions@github.com action@github.com github-actions@github.com noreply@github.com
    support@dependabot.com bot@renovateapp.com renovate@whitesourcesoftware.com
    support@greenkeeper.io noreply@weblate.org hosted@weblate.org support+bot@crowdin.com
    support@crowdin.com noreply@crowdin.com noreply@transifex.com support@transifex.com
    travis@travis-ci.org travis@travis-ci.com bot@netlify.com pre-commit-ci@pre-commit.ci
    github-action@users.noreply.github.com""".split()
)
_NO_REPLY = re.compile(r"^(?:no-?reply|do-?not-?reply|bot)(?:[+.][^@]*)?$", re.IGNORECASE)


def is_bot(name: str, email: str | None = None) -> bool:
    """Whether an identity (name and address) is a bot or service, not a person."""
    cleaned = " ".join(name.split())
    if _SERVICE_NAME.match(cleaned) or _BOT_WORD.search(cleaned):
        return True
    return bool(email) and _bot_address(email or "")


def _bot_address(email: str) -> bool:
    address = email.strip().strip("<>").lower()
    if address in _SERVICE_ADDRESSES:
        return True
    local, _, domain = address.rpartition("@")
    if not domain:
        return False
    if domain == "users.noreply.github.com":
        login = local.split("+", 1)[-1]
        return "[bot]" in login or bool(_SERVICE_NAME.match(login))
    return bool(_NO_REPLY.match(local))
