"""Text normalisation applied before every rule and model reads a complaint.

Canonical form (what every downstream rule may assume):

* Letters, digits and ASCII symbols written full-width (``１３８``, ``ＡＢＣ``, ``＠``, ``＊``) become ASCII.
* Chinese sentence punctuation stays full-width: ``，。！？；：（）``. An ASCII ``, ! ? ; : ( )`` that touches a
  Chinese character becomes its full-width form; between digits it stays ASCII (``1,200``, ``12:30``).
* Traditional characters become simplified (OpenCC ``t2s``), only when the text holds a traditional-only
  character: the conversion is slow and most complaints are written in simplified Chinese.
* Runs of spaces and tabs become one space; a run of whitespace holding a line break becomes one ``\\n``
  (line breaks separate list items and sentences in complaints, so they are kept).
* A run of one repeated punctuation mark is folded to one (``！！！`` -> ``！``, ``。。。`` -> ``。``);
  ``……`` becomes ``…``. Count emphasis on the raw text first (:func:`count_exclamations`).
* Masked digits are left as they are: ``138****5678``, ``CH000***********``, ``6222 **** **** 1234``
  keep their asterisks and the digits around them are never joined or "fixed" (spaces between
  digit groups are kept).

Reference: OpenCC conversion tables (https://github.com/BYVoid/OpenCC), read through
opencc-python-reimplemented.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

import opencc

_FULL_TO_HALF = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_FULL_TO_HALF["\u3000"] = " "
# Chinese sentence punctuation keeps its full-width form.
for _mark in "，。！？；：（）":
    _FULL_TO_HALF.pop(_mark, None)
_FULL_TO_HALF_TABLE = str.maketrans(_FULL_TO_HALF)
_FULL_WIDTH = re.compile("[\uff02-\uff07\uff0a\uff0b\uff0d-\uff19\uff1c-\uff1e\uff20-\uff5e\u3000]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

_CJK = r"\u3400-\u9fff"
_ASCII_TO_FULL = {",": "，", "!": "！", "?": "？", ";": "；", ":": "：", "(": "（", ")": "）"}
_ASCII_NEAR_CJK = re.compile(rf"(?<=[{_CJK}，。！？；：（）])[,!?;:()]|[,!?;:()](?=[{_CJK}])")
_LINE_BREAK_RUN = re.compile(r"[ \t\r\f\v\u00a0]*\n\s*")
_SPACE_RUN = re.compile(r"[ \t\r\f\v\u00a0]+")
_REPEATED_MARKS = "，。！？；：、,.!?;~～-—"
_REPEATED_MARK = re.compile("([" + re.escape(_REPEATED_MARKS) + r"])\1+")
_ODD_SPACES = ("\t", "\r", "\f", "\v", "\u00a0")
_ELLIPSIS = re.compile(r"…+|\.{3,}|。{3,}")
_EXCLAMATION = re.compile(r"[!！]")


def normalize_text(text: str) -> str:
    """Bring one complaint text to the canonical form described in this module.

    Args:
        text: raw complaint text, any width, simplified or traditional.

    Returns:
        The normalised text. Masked digits (``138****5678``) are kept as masked.

    Reference: OpenCC ``t2s`` (https://github.com/BYVoid/OpenCC) for traditional -> simplified.
    """
    if not text:
        return ""
    # Each rewrite is guarded by a cheap substring test: most complaints need only a few of them.
    result = text.translate(_FULL_TO_HALF_TABLE) if _FULL_WIDTH.search(text) else text
    if _has_traditional(result):
        result = _converter().convert(result)
    if "…" in result or "..." in result or "。。" in result:
        result = _ELLIPSIS.sub("…", result)
    if _REPEATED_MARK.search(result):
        result = _REPEATED_MARK.sub(r"\1", result)
    if any(mark in result for mark in _ASCII_TO_FULL):
        result = _ASCII_NEAR_CJK.sub(lambda match: _ASCII_TO_FULL[match.group(0)], result)
        if _REPEATED_MARK.search(result):
            result = _REPEATED_MARK.sub(r"\1", result)
    if "\n" in result:
        result = _LINE_BREAK_RUN.sub("\n", result)
    if "  " in result or any(space in result for space in _ODD_SPACES):
        result = _SPACE_RUN.sub(" ", result)
    return result.strip()


def count_exclamations(raw_text: str) -> int:
    """Count exclamation marks (ASCII and full-width) in the raw, unnormalised text.

    Args:
        raw_text: the complaint as received; normalisation folds ``！！！`` to one mark.

    Returns:
        The number of ``!`` and ``！`` characters.
    """
    return len(_EXCLAMATION.findall(raw_text))


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_only() -> re.Pattern[str]:
    """Characters OpenCC always rewrites in t2s (never themselves a simplified form).

    Only characters of the Basic Multilingual Plane go in the class: the regex engine then
    tests them with a bitmap, which is fast. Astral characters are checked apart.
    """
    table = files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
    chars: list[str] = []
    for line in table.splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and ord(key) < 0x10000 and key not in values.split():
            chars.append(key)
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def _has_traditional(text: str) -> bool:
    return _traditional_only().search(text) is not None or _ASTRAL.search(text) is not None
