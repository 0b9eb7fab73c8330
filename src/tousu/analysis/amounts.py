"""Money amounts written the ways Chinese complaints write them.

``parse_amount`` reads one value (an import column such as 诉求金额); in-text extraction and the
choice of the demanded amount live further down this module.

Reference: Chinese numerals are read with cn2an (``smart`` mode, which accepts mixed forms such as
``3.5万`` and ``三千五``); plain Arabic numbers are read directly, which is faster.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

import cn2an

_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "，": ",", "＋": "+", "－": "-"})
_CURRENCY_PREFIX = re.compile(r"^(?:人民币|RMB|CNY|rmb|cny|¥|￥|\$)\s*")
_CURRENCY_SUFFIX = re.compile(r"\s*(?:元整|圆整|元|圆|块钱|块|整|左右|多|余|人民币|RMB|CNY|rmb|cny)+$")
_PLAIN_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_GROUPED_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_UNITS: dict[str, float] = {"万": 1e4, "w": 1e4, "W": 1e4, "千": 1e3, "k": 1e3, "K": 1e3, "亿": 1e8}
_ARABIC_WITH_UNIT = re.compile(r"^(\d+(?:\.\d+)?)(万|w|W|千|k|K|亿)$")
_CHINESE_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点幺")


def parse_amount(text: str) -> float | None:
    """Read one money amount written as a standalone value.

    Accepts Arabic numbers with or without thousands separators (``1,200.50元``), currency marks
    (``¥2000``, ``人民币5000元``), the units 万/千/亿 (``3.5万``, ``2万元``, ``0.8万``), financial and
    ordinary Chinese numerals (``叁万伍仟元``, ``十万``) and the colloquial short form (``三千五`` =
    3500). Ranges, words and several numbers give ``None``: the caller decides what they mean.

    Args:
        text: the cell or phrase holding one amount.

    Returns:
        The amount in yuan, or ``None`` when the text is not one amount.

    Reference: cn2an ``smart`` mode for Chinese numerals (https://github.com/Ailln/cn2an).
    """
    cleaned = _clean(text)
    if not cleaned:
        return None
    return _parse_clean(cleaned)


def _clean(text: str) -> str:
    cleaned = text.strip().translate(_FULLWIDTH).replace(" ", "")
    cleaned = _CURRENCY_PREFIX.sub("", cleaned)
    return _CURRENCY_SUFFIX.sub("", cleaned)


@lru_cache(maxsize=4096)
def _parse_clean(cleaned: str) -> float | None:
    if _PLAIN_NUMBER.match(cleaned):
        return float(cleaned)
    if _GROUPED_NUMBER.match(cleaned):
        return float(cleaned.replace(",", ""))
    unit_match = _ARABIC_WITH_UNIT.match(cleaned)
    if unit_match:
        return float(unit_match.group(1)) * _UNITS[unit_match.group(2)]
    if not any(char in _CHINESE_CHARS for char in cleaned):
        return None
    return _parse_chinese(cleaned)


def _parse_chinese(cleaned: str) -> float | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = cn2an.cn2an(cleaned, "smart")
        except (ValueError, KeyError, IndexError):
            return None
    number = float(value)
    return number if number >= 0 else None


# --- amounts inside free text -------------------------------------------------------------------

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
_CN_DIGIT = frozenset("零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾")
_CN_DIGIT_SEARCH = re.compile("[" + "".join(sorted(_CN_DIGIT)) + "]")
_SEP = r"\s*(?:-|~|～|—|至|到)\s*"
_MULT = r"万|千|亿|w|W|k|K"
_YUAN = r"元|块钱|块|圆"
_COUNTERS = re.compile(
    r"(?!\s*(?:期|年|月|日|号|%|％|厘|分|个|天|次|岁|点|小时|条|笔|人|位|公里|积分|倍|页|张|辆|家|平|号|星期|周))"
)
# The pattern starts with a digit (the check that no digit, letter, dot or mask stands before it comes right
# after): a pattern that starts with a character class is scanned by the regex engine's fast path, which
# makes this several times faster on Chinese text than a pattern that starts with a look-behind.
_ARABIC = re.compile(
    rf"(?P<a>\d(?<![0-9A-Za-z*.#]\d)\d*(?:,\d{{3}})*(?:\.\d+)?)(?P<ua>{_MULT})?"
    rf"(?:{_SEP}(?P<b>{_NUM})(?P<ub>{_MULT})?)?(?P<more>多|余)?(?P<yuan>{_YUAN})?(?![0-9*])"
)
_CURRENCY_BEFORE = re.compile(r"(?:[¥￥]|人民币|RMB)\s*$")
_CHINESE = re.compile(
    rf"(?P<a>[{_CN_CHARS}]+)(?:(?:到|至|-)(?P<b>[{_CN_CHARS}]+))?(?P<more>多|余)?"
    rf"(?P<unit>{_YUAN}|万元|万块|万)?"
)
_MONEY_CUE = re.compile(
    r"(?:借款|贷款|借了|贷了|还款|还了|本金|利息|息费|费|金额|额度|欠款|欠|共计|总计|一共|合计|累计|退还|退回|返还"
    r"|赔偿|赔付|扣款|扣了|扣除|扣|保费|现金价值|价值|价格|车价|首付|到账|放款|收取|支付|付款|缴纳|交了|多还|损失)"
    r"[^，。！？；\n\d]{0,4}$"
)


@dataclass(frozen=True, slots=True)
class Amount:
    """A money amount found in a text, in yuan, with its place.

    ``value`` is the amount (the upper end of a range such as ``3-5万``); ``low`` is the lower end of a
    range, else ``None``. ``start``/``end`` index the normalised text the amount was read from.
    """

    value: float
    text: str
    start: int
    end: int
    low: float | None = None


def find_amounts(text: str) -> tuple[Amount, ...]:
    """Find money amounts in a (normalised) complaint text, in order of position.

    A number counts as money when it carries a currency mark (``¥``, ``元``, ``块``), the unit 万/亿, or
    follows a money word (借款, 利息, 扣款, 退还 ...). Dates, periods (期), rates (%/厘), counters and
    masked digits (``125***.95元``) are not amounts. Ranges (``3-5万``, ``三到五万``) give one amount.

    Args:
        text: complaint text, preferably from :func:`tousu.analysis.normalize.normalize_text`.

    Returns:
        The amounts found, sorted by position.

    Reference: cn2an ``smart`` mode for Chinese numerals (https://github.com/Ailln/cn2an).
    """
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for match in _ARABIC.finditer(text):
        amount = _arabic_amount(text, match)
        if amount is not None:
            found.append(amount)
            taken.append((amount.start, amount.end))
    if _CN_DIGIT_SEARCH.search(text):
        for match in _CHINESE.finditer(text):
            last = match.group("b") or match.group("a")
            if not match.group("unit") and "万" not in last[1:] and "千" not in last[1:]:
                continue  # 一直, 十分: Chinese numerals with no money unit (the common case, so tested first)
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            amount = _chinese_amount(match)
            if amount is not None:
                found.append(amount)
    return tuple(sorted(found, key=lambda amount: amount.start))


def _arabic_amount(text: str, match: re.Match[str]) -> Amount | None:
    end = match.end()
    if _COUNTERS.match(text, end) is None:
        return None
    has_unit = bool(match.group("ua") or match.group("ub"))
    money = has_unit or bool(match.group("yuan"))
    if not money:
        money = _CURRENCY_BEFORE.search(text, max(0, match.start() - 4), match.start()) is not None
    if not money and _MONEY_CUE.search(text, max(0, match.start() - 10), match.start()) is None:
        return None
    first, second = match.group("a"), match.group("b")
    if not money and len(first.replace(",", "").split(".")[0]) > 9:
        return None
    unit_a = match.group("ua") or match.group("ub") or ""
    unit_b = match.group("ub") or unit_a
    low = _scaled(first, unit_a)
    if second is None:
        return Amount(value=low, text=match.group(0).strip(), start=match.start("a"), end=end)
    high = _scaled(second, unit_b)
    if high < low:
        return None
    return Amount(value=high, text=match.group(0).strip(), start=match.start("a"), end=end, low=low)


def _scaled(number: str, unit: str) -> float:
    value = float(number.replace(",", ""))
    return value * _UNITS[unit] if unit else value


def _chinese_amount(match: re.Match[str]) -> Amount | None:
    first, second = match.group("a"), match.group("b")
    if _CN_DIGIT_SEARCH.search(first) is None:
        return None
    unit = match.group("unit") or ""
    last = second if second is not None else first
    if not unit and not ("万" in last[1:] or "千" in last[1:]):
        return None
    scale = "万" if unit.startswith("万") else ""
    high_text = second if second is not None else first
    high = _parse_clean(high_text + scale)
    if high is None:
        return None
    low = None
    if second is not None:
        low = _parse_clean(first + (scale or _trailing_unit(second)))
        if low is None or low > high:
            return None
    return Amount(value=high, text=match.group(0), start=match.start(), end=match.end(), low=low)


def _trailing_unit(text: str) -> str:
    """The 千/百 unit a range's upper end carries (``三到五千`` -> ``千``) for its lower end."""
    return text[-1] if text[-1] in "千百万" and len(text) > 1 else ""


# --- the demanded amount --------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_DEMAND_MARKER = re.compile(r"要求|诉求|希望|请求|恳请|申请|必须|应当|应该|我要|麻烦|请")
_DEMAND_VERB = re.compile(
    r"退还|退回|返还|返回|退款|退费|退钱|退给|退我|全额退|退本金|退保|赔偿|赔付|补偿|归还|追回|补回|减免|免除|豁免|全免"
    r"|取消|撤销"
)
_REFUSAL = re.compile(r"(?:不|拒绝|无法|不能|只能|只|仅|已经|已)[^，。]{0,2}$")
_PRINCIPAL = re.compile(
    r"(?:借款|贷款|借了|贷了|借|贷|本金|额度|分期|车价|首付|还款|还了|每期|每月|月供)[^，。；\d]{0,3}$"
)
# 退本金14600元: the principal paid in is what the complainant wants back (a premium, a deposit).
_RETURNED_PRINCIPAL = re.compile(r"(?:退|退还|退回|返还|归还)(?:全部|所有)?(?:的)?本金[^，。；\d]{0,2}$")
# 申请的15000元贷款: a loan principal named after its figure.
_PRINCIPAL_AFTER = re.compile(r"(?:的)?(?:贷款|借款|消费贷|网贷|本金)")
_TOTAL_CUE = re.compile(r"(?:共计|总计|合计|一共|累计|总金额|总共)[^，。；\d]{0,6}$")
_CHARGE_CUE = re.compile(r"(?:扣|收取|收了|交了|缴纳|缴费|已交|已缴|支付|多收|投保|保费|年费|费用|费)[^，。；\d]{0,8}$")
_FEE_NOUNS = ("保费", "年费", "手续费", "服务费", "违约金", "利息", "会员费", "担保费", "保险费", "滞纳金", "费用")


@dataclass(frozen=True, slots=True)
class DemandAmount:
    """The amount a complaint demands, with the amount it was read from and why.

    ``basis`` is one of ``field`` (the demand column), ``stated`` (a figure in the demand sentence, several
    figures summed), ``referenced`` (the demand points back to a figure stated earlier).
    """

    value: float
    basis: str
    evidence: str
    amounts: tuple[Amount, ...]


def find_demand_amount(
    text: str, amounts: tuple[Amount, ...] | None = None, *, demand: str | None = None
) -> DemandAmount | None:
    """Pick the amount the complainant demands (退还/赔偿/减免 ...), not the loan told in the narrative.

    Order: the demand column when it holds an amount; else the figures in the first demand sentence that
    has any (a demand marker 要求/希望/诉求 ... before a demand verb 退还/赔偿/减免/取消 ..., several figures
    summed, loan principals and refusals such as 只退 left out); else, for a demand without a figure
    (诉求退款, 全额退保), the figure it refers to: a stated total, then a fee of the kind the demand names,
    then the last charge (扣/收取/保费 ...).

    Args:
        text: complaint text, normalised.
        amounts: amounts already found in ``text`` by :func:`find_amounts` (found again when omitted).
        demand: the demand column (诉求/投诉请求) when the file has one.

    Returns:
        The demanded amount, or ``None`` when the complaint names no money demand.

    Reference: the labelling rules of benchmarks/labels/README.md.
    """
    if demand:
        field_amounts = find_amounts(demand)
        if field_amounts:
            chosen = _demand_in(demand, field_amounts) or field_amounts
            total = sum(amount.value for amount in chosen)
            return DemandAmount(value=total, basis="field", evidence=demand, amounts=chosen)
    found = find_amounts(text) if amounts is None else amounts
    referenced_from: list[tuple[str, str]] = []
    for start, end in _sentences(text):
        sentence = text[start:end]
        verb = _demand_verb(sentence)
        if verb is None:
            continue
        inside = tuple(
            amount
            for amount in found
            if start + verb[0] <= amount.start < end and not _is_excluded(text, amount, start)
        )
        if inside:
            value = _combined(text, inside)
            return DemandAmount(value=value, basis="stated", evidence=sentence.strip(), amounts=inside)
        referenced_from.append((sentence, sentence[verb[1] :]))
    for sentence, obj in referenced_from:
        target = _referenced(text, found, obj)
        if target is not None:
            return DemandAmount(value=target.value, basis="referenced", evidence=sentence.strip(), amounts=(target,))
    return None


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _demand_verb(sentence: str) -> tuple[int, int] | None:
    """Where the demand starts (its marker) and where its verb ends, or ``None``."""
    marker = _DEMAND_MARKER.search(sentence)
    if marker is None:
        return None
    for verb in _DEMAND_VERB.finditer(sentence, marker.start()):
        if _REFUSAL.search(sentence, max(0, verb.start() - 4), verb.start()) is None:
            return marker.start(), verb.end()
    return None


def _demand_in(text: str, amounts: tuple[Amount, ...]) -> tuple[Amount, ...]:
    verb = _demand_verb(text)
    if verb is None:
        return ()
    return tuple(amount for amount in amounts if amount.start >= verb[0] and not _is_excluded(text, amount, 0))


def _is_excluded(text: str, amount: Amount, floor: int) -> bool:
    before = text[max(floor, amount.start - 8) : amount.start]
    if _RETURNED_PRINCIPAL.search(before):
        return False
    if _PRINCIPAL_AFTER.match(text, amount.end):
        return True
    return _PRINCIPAL.search(before) is not None or _REFUSAL.search(before) is not None


def _combined(text: str, amounts: tuple[Amount, ...]) -> float:
    for amount in amounts:
        if _TOTAL_CUE.search(text[max(0, amount.start - 10) : amount.start]):
            return amount.value
    values: list[float] = []
    for amount in amounts:
        if amount.value not in values:
            values.append(amount.value)
    return sum(values)


def _referenced(text: str, amounts: tuple[Amount, ...], demand_object: str) -> Amount | None:
    candidates = [amount for amount in amounts if not _is_excluded(text, amount, 0)]
    if not candidates:
        return None
    for amount in candidates:
        if _TOTAL_CUE.search(text[max(0, amount.start - 10) : amount.start]):
            return amount
    nouns = [noun for noun in _FEE_NOUNS if noun in demand_object]
    for noun in nouns:
        for amount in candidates:
            window = text[max(0, amount.start - 8) : amount.end + 6]
            if noun in window:
                return amount
    charges = [amount for amount in candidates if _CHARGE_CUE.search(text[max(0, amount.start - 12) : amount.start])]
    return charges[-1] if charges else None
