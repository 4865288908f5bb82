"""``Plural-Forms`` headers, checked before anything trusts them.

``nplurals`` must be 1–6 (the CLDR maximum); Babel would otherwise allocate whatever a hostile
header asks for. The ``plural=`` expression is parsed by a small recursive-descent parser of C's
expression subset that gettext allows (never ``eval``), limited in length and depth, and evaluated
for n = 0…1000: every result must lie in ``[0, nplurals)`` and no division by zero may occur.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from otsmaterials.errors import ParseError

__all__ = ["MAX_NPLURALS", "PluralRule", "check_plural_forms", "compile_plural"]

MAX_NPLURALS = 6
_MAX_LENGTH = 1000
_MAX_DEPTH = 20
_TOKEN = re.compile(r"\s*(?:([0-9]+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")
_BINARY = (("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))

PluralRule = Callable[[int], int]


class _ExpressionError(ValueError):
    pass


def _tokenize(text: str) -> list[str]:
    tokens, position = [], 0
    text = text.strip().rstrip(";").strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise _ExpressionError(f"unexpected {text[position : position + 10]!r}")
        tokens.append(next(group for group in match.groups() if group is not None))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.position = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise _ExpressionError(f"expected {expected or 'more'}, found {token!r}")
        self.position += 1
        return token

    def parse(self) -> PluralRule:
        rule = self.conditional()
        if self.peek() is not None:
            raise _ExpressionError(f"unexpected {self.peek()!r}")
        return rule

    def conditional(self) -> PluralRule:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise _ExpressionError("expression nested too deeply")
        condition = self.binary(0)
        if self.peek() == "?":
            self.take("?")
            then = self.conditional()
            self.take(":")
            otherwise = self.conditional()
            self.depth -= 1
            return lambda n: then(n) if condition(n) else otherwise(n)
        self.depth -= 1
        return condition

    def binary(self, level: int) -> PluralRule:
        if level == len(_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _BINARY[level]:
            operator = self.take()
            right = self.binary(level + 1)
            left = _combine(operator, left, right)
        return left

    def unary(self) -> PluralRule:
        token = self.peek()
        if token == "!":
            self.take()
            inner = self.unary()
            return lambda n: int(not inner(n))
        if token == "(":
            self.take("(")
            inner = self.conditional()
            self.take(")")
            return inner
        if token == "n":
            self.take()
            return lambda n: n
        if token is not None and token.isascii() and token.isdigit():
            value = int(self.take())
            return lambda _n: value
        raise _ExpressionError(f"unexpected {token!r}")


def _divide(a: int, b: int) -> int:
    if b == 0:
        raise _ExpressionError("division by zero")
    return a // b


def _modulo(a: int, b: int) -> int:
    if b == 0:
        raise _ExpressionError("division by zero")
    return a % b


_OPERATORS: dict[str, Callable[[int, int], int]] = {
    "||": lambda a, b: int(bool(a) or bool(b)),
    "&&": lambda a, b: int(bool(a) and bool(b)),
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
    "<": lambda a, b: int(a < b),
    ">": lambda a, b: int(a > b),
    "<=": lambda a, b: int(a <= b),
    ">=": lambda a, b: int(a >= b),
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _divide,
    "%": _modulo,
}


def _combine(operator: str, left: PluralRule, right: PluralRule) -> PluralRule:
    function = _OPERATORS[operator]
    return lambda n: function(left(n), right(n))


def compile_plural(expression: str) -> PluralRule:
    """Compile a ``plural=`` expression into a function of n (``ValueError`` when unsafe)."""
    if len(expression) > _MAX_LENGTH:
        raise ValueError("plural expression too long")
    return _Parser(_tokenize(expression)).parse()


def check_plural_forms(value: str, *, path: str | None = None, line: int | None = None) -> int:
    """Validate a ``Plural-Forms`` header value; return ``nplurals``.

    The verdict on a value is kept (a working copy's catalogs share a handful of values, and
    checking one evaluates it 1,001 times).
    """
    count, problem = _verdict(value)
    if problem is not None:
        raise ParseError(problem, path=path, line=line)
    return count


@functools.lru_cache(maxsize=256)
def _verdict(value: str) -> tuple[int, str | None]:
    """``(nplurals, None)``, or ``(0, what is wrong)``."""
    try:
        return _check(value), None
    except ParseError as error:
        return 0, error.message


def _check(value: str, path: str | None = None, line: int | None = None) -> int:
    numbers = re.search(r"nplurals\s*=\s*([^;]*);?", value)
    formula = re.search(r"plural\s*=\s*(.*)$", value)
    if numbers is None or formula is None:
        raise ParseError(f"invalid Plural-Forms {value!r}", path=path, line=line)
    text = numbers.group(1).strip()
    if not re.fullmatch(r"[0-9]{1,3}", text) or not 1 <= int(text) <= MAX_NPLURALS:
        shown = text if len(text) <= 20 else f"{text[:20]}… ({len(text)} characters)"
        message = f"Plural-Forms: nplurals must be 1 to {MAX_NPLURALS}, not {shown!r}"
        raise ParseError(message, path=path, line=line)
    count = int(text)
    try:
        rule = compile_plural(formula.group(1))
        for n in range(1001):
            result = rule(n)
            if not 0 <= result < count:
                raise _ExpressionError(f"gives {result} for n={n}, outside 0…{count - 1}")
    except (ValueError, RecursionError) as error:
        raise ParseError(f"Plural-Forms: {error}", path=path, line=line) from None
    return count
