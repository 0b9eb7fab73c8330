"""A small template language for compositional Chinese text.

Syntax, compiled once and expanded many times:

- ``{a|b|c}`` picks one alternative uniformly (alternatives nest and may be empty);
- ``[text]`` keeps ``text`` with probability one half;
- ``<name>`` looks ``name`` up in the expansion context first, then among the grammar's rules.

A context value is a string, a tuple of strings (one is picked), a compiled :class:`Node`, or a
callable taking the random generator and returning a string.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from random import Random
from typing import Union

ContextValue = Union[str, tuple[str, ...], "Node", Callable[[Random], str]]
Context = Mapping[str, ContextValue]


class Node:
    """A compiled template fragment."""

    __slots__ = ()

    def expand(self, rng: Random, ctx: Context, rules: Mapping[str, Node]) -> str:
        raise NotImplementedError


class Lit(Node):
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def expand(self, rng: Random, ctx: Context, rules: Mapping[str, Node]) -> str:
        return self.text


class Seq(Node):
    __slots__ = ("parts",)

    def __init__(self, parts: list[Node]) -> None:
        self.parts = parts

    def expand(self, rng: Random, ctx: Context, rules: Mapping[str, Node]) -> str:
        # Literals and plain-string choices are inlined: they are most of the nodes.
        out: list[str] = []
        draw = rng.random
        for part in self.parts:
            kind = type(part)
            if kind is Lit:
                out.append(part.text)  # type: ignore[attr-defined]
            elif kind is LitAlt:
                texts = part.texts  # type: ignore[attr-defined]
                out.append(texts[int(draw() * len(texts))])
            elif kind is Opt:
                if draw() < 0.5:
                    out.append(part.body.expand(rng, ctx, rules))  # type: ignore[attr-defined]
            else:
                out.append(part.expand(rng, ctx, rules))
        return "".join(out)


class Alt(Node):
    __slots__ = ("options",)

    def __init__(self, options: list[Node]) -> None:
        self.options = options

    def expand(self, rng: Random, ctx: Context, rules: Mapping[str, Node]) -> str:
        return self.options[int(rng.random() * len(self.options))].expand(rng, ctx, rules)


class LitAlt(Node):
    """An alternative between plain strings (the common case), expanded without recursion."""

    __slots__ = ("texts",)

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts

    def expand(self, rng: Random, ctx: Context, rules: Mapping[str, Node]) -> str:
        return self.texts[int(rng.random() * len(self.texts))]


class Opt(Node):
    __slots__ = ("body",)

    def __init__(self, body: Node) -> None:
        self.body = body

    def expand(self, rng: Random, ctx: Context, rules: Mapping[str, Node]) -> str:
        return self.body.expand(rng, ctx, rules) if rng.random() < 0.5 else ""


class Var(Node):
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def expand(self, rng: Random, ctx: Context, rules: Mapping[str, Node]) -> str:
        value = ctx.get(self.name)
        if value is None:
            rule = rules.get(self.name)
            if rule is None:
                raise KeyError(f"template variable <{self.name}> has no value and no rule")
            return rule.expand(rng, ctx, rules)
        if isinstance(value, str):
            return value
        if isinstance(value, tuple):
            return value[int(rng.random() * len(value))]
        if isinstance(value, Node):
            return value.expand(rng, ctx, rules)
        return value(rng)


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.pos = 0

    def parse(self) -> Node:
        node = self._sequence(stop="")
        if self.pos != len(self.source):
            raise ValueError(f"unbalanced template near {self.source[self.pos : self.pos + 20]!r}")
        return node

    def _sequence(self, stop: str) -> Node:
        parts: list[Node] = []
        buf: list[str] = []
        src = self.source
        while self.pos < len(src):
            ch = src[self.pos]
            if ch in stop:
                break
            if ch in "{[<":
                if buf:
                    parts.append(Lit("".join(buf)))
                    buf = []
                self.pos += 1
                if ch == "{":
                    parts.append(self._alternatives())
                elif ch == "[":
                    parts.append(Opt(self._sequence(stop="]")))
                    self._expect("]")
                else:
                    end = src.index(">", self.pos)
                    parts.append(Var(src[self.pos : end]))
                    self.pos = end + 1
                continue
            buf.append(ch)
            self.pos += 1
        if buf:
            parts.append(Lit("".join(buf)))
        if len(parts) == 1:
            return parts[0]
        return Seq(parts) if parts else Lit("")

    def _alternatives(self) -> Node:
        options = [self._sequence(stop="|}")]
        while self.source[self.pos] == "|":
            self.pos += 1
            options.append(self._sequence(stop="|}"))
        self._expect("}")
        if all(isinstance(option, Lit) for option in options):
            return LitAlt([option.text for option in options])  # type: ignore[attr-defined]
        return Alt(options)

    def _expect(self, ch: str) -> None:
        if self.pos >= len(self.source) or self.source[self.pos] != ch:
            raise ValueError(f"expected {ch!r} in template {self.source!r}")
        self.pos += 1


@lru_cache(maxsize=8192)
def compile_template(source: str) -> Node:
    """Compile one template string into a node tree."""
    return _Parser(source).parse()


def choice_of(sources: Iterable[str]) -> Node:
    """Compile several templates into one node that picks one of them."""
    options = [compile_template(s) for s in sources]
    if not options:
        raise ValueError("a rule needs at least one template")
    return options[0] if len(options) == 1 else Alt(options)


def compile_rules(table: Mapping[str, Iterable[str] | str]) -> dict[str, Node]:
    """Compile a table of named rules (each a template or a list of alternative templates)."""
    return {
        name: compile_template(value) if isinstance(value, str) else choice_of(value) for name, value in table.items()
    }


class Grammar:
    """Named rules plus the expansion entry point.

    ``options[name]`` keeps each rule's alternative templates apart, so a composer can draw
    several different ones (distinct sentences of one role) without repeating itself.
    """

    def __init__(self, *tables: Mapping[str, Iterable[str] | str]) -> None:
        self.rules: dict[str, Node] = {}
        self.options: dict[str, list[Node]] = {}
        for table in tables:
            self._add(table)

    def _add(self, table: Mapping[str, Iterable[str] | str]) -> None:
        for name, value in table.items():
            sources = [value] if isinstance(value, str) else list(value)
            self.options[name] = [compile_template(s) for s in sources]
        self.rules.update(compile_rules(table))

    def extend(self, table: Mapping[str, Iterable[str] | str]) -> Grammar:
        merged = Grammar()
        merged.rules = dict(self.rules)
        merged.options = dict(self.options)
        merged._add(table)
        return merged

    def say_distinct(self, name: str, count: int, rng: Random, ctx: Context) -> list[str]:
        """Expand up to ``count`` different alternatives of the rule ``name``."""
        options = self.options[name]
        n = len(options)
        first = int(rng.random() * n)
        if count == 1 or n == 1:
            return [options[first].expand(rng, ctx, self.rules)]
        picked = [first]
        while len(picked) < min(count, n):
            i = int(rng.random() * n)
            if i not in picked:
                picked.append(i)
        return [options[i].expand(rng, ctx, self.rules) for i in picked]

    def has(self, name: str) -> bool:
        return name in self.rules

    def say(self, name: str, rng: Random, ctx: Context) -> str:
        """Expand the rule ``name``."""
        return self.rules[name].expand(rng, ctx, self.rules)

    def fill(self, template: str, rng: Random, ctx: Context) -> str:
        """Expand an ad-hoc template against this grammar's rules."""
        return compile_template(template).expand(rng, ctx, self.rules)
