"""Ordinary complaints (and the repeats of persistent complainants): one customer, one story, own words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from random import Random

from tousu.demo.facts import draw_amount, say_amount, say_count, say_date, say_rate, say_year
from tousu.demo.grammar import Context, ContextValue, Grammar
from tousu.demo.institutions import INSTITUTIONS, Branch, Product
from tousu.demo.narratives.banking import BANKING
from tousu.demo.narratives.common import COMMON, REPEAT
from tousu.demo.narratives.compose import join_sentences, maybe
from tousu.demo.narratives.extra_scenarios import EXTRA, EXTRA_2, EXTRA_3
from tousu.demo.narratives.insurance import INSURANCE
from tousu.demo.narratives.more import CIRCUMSTANCE, MORE, merged
from tousu.demo.narratives.rewording import reword
from tousu.demo.narratives.style import STYLE
from tousu.demo.narratives.vocab import (
    ACTIVITIES,
    APP_FEATURES,
    CARS,
    COUNTER_TASKS,
    DISEASES,
    FAMILY,
    FEES,
    GARAGES,
    HOSPITAL_KINDS,
    JOBS,
    RELATIVES,
    STREET_WORDS,
)
from tousu.demo.people import Person

#: Money at stake per scenario: (low, high) of the amount demanded, in yuan.
AMOUNTS: dict[str, tuple[float, float]] = {
    "hidden_fee": (30, 6_000),
    "installment": (300, 30_000),
    "high_interest": (800, 80_000),
    "collection": (500, 60_000),
    "credit_report": (1_000, 200_000),
    "card_fraud": (200, 90_000),
    "app_failure": (50, 50_000),
    "counter_service": (0, 0),
    "wealth_loss": (5_000, 800_000),
    "account_frozen": (1_000, 300_000),
    "claim_denied": (2_000, 500_000),
    "claim_delayed": (1_000, 200_000),
    "surrender": (3_000, 400_000),
    "missell": (5_000, 600_000),
    "policy_loan": (500, 30_000),
    "auto_repair": (1_500, 120_000),
    "renewal": (300, 8_000),
    "limit_cut": (2_000, 100_000),
    "marketing_calls": (0, 0),
    "prepayment": (50_000, 1_500_000),
}


@dataclass(frozen=True, slots=True)
class Story:
    """The facts of one complaint the narrative and the record's columns both use."""

    person: Person
    product: Product
    branch: Branch
    scenario: str
    today: date
    amount: float | None
    salesperson: str | None


@lru_cache(maxsize=1)
def ordinary_grammar() -> Grammar:
    return Grammar(COMMON, REPEAT, STYLE, CIRCUMSTANCE, merged(BANKING, INSURANCE, MORE, EXTRA, EXTRA_2, EXTRA_3))


#: Context values that do not depend on the story (vocabularies and free numbers), built once.
STATIC_CONTEXT: dict[str, ContextValue] = {
    "amt_small": lambda r: say_amount(r, draw_amount(r, 20, 3_000)),
    "prem": lambda r: say_amount(r, draw_amount(r, 1_200, 60_000, rounded=100)),
    "years": lambda r: say_count(r, 2, 12),
    "days": lambda r: say_count(r, 3, 95),
    "n_small": lambda r: say_count(r, 2, 9),
    "n_calls": lambda r: say_count(r, 20, 160),
    "nth": lambda r: say_count(r, 2, 9),
    "rate": say_rate,
    "pct": lambda r: f"{r.randint(5, 45)}{r.choice(('%', '%多', '个点'))}",
    "disease": DISEASES,
    "car": CARS,
    "garage": GARAGES,
    "fee_name": FEES,
    "relative": RELATIVES,
    "app_feature": APP_FEATURES,
    "counter_task": COUNTER_TASKS,
    "shop": ("手机店", "驾校", "健身房", "医美机构", "培训机构", "家电卖场", "口腔诊所", "婚纱影楼"),
    "job": JOBS,
    "activity": ACTIVITIES,
    "family": FAMILY,
    "street": lambda r: f"{r.choice(STREET_WORDS)}{r.choice(('路', '街', '小区', '新村', '花园'))}",
    "income": lambda r: say_amount(r, draw_amount(r, 1_800, 9_000, rounded=100)),
    "work_hours": lambda r: f"{r.choice(('早上', '每天'))}{r.randint(5, 8)}点{r.choice(('出门', '上班'))}",
}


#: How people refer to a product without its name, by the kind of account it is.
_GENERIC_NAMES: dict[str, tuple[str, ...]] = {
    "life_policy": ("这份保险", "这个保单", "那份保险"),
    "pc_policy": ("这份保险", "这个险", "保单"),
    "card": ("这张卡", "信用卡", "这张信用卡"),
    "loan": ("这笔贷款", "贷款", "这个贷款"),
    "debit": ("这个产品", "卡里的钱", "这个业务"),
    "cf_loan": ("这个借款", "这笔借款", "这个APP上的借款"),
}


@lru_cache(maxsize=64)
def product_names(product: Product) -> tuple[str, ...]:
    """The ways complainants name a product: in full, without the brand, by its line, generically."""
    short = product.name
    for brand in ("鸿泰", "安和", "和信"):
        short = short.removeprefix(brand)
    short = short.split("（")[0]
    names = [product.name, product.name, product.line, *_GENERIC_NAMES[product.account_kind]]
    if short and short != product.name:
        names.append(short)
    return tuple(names)


class _Once:
    """A context value computed on first use and then fixed, so a fact reads the same everywhere."""

    __slots__ = ("make", "value")

    def __init__(self, make: Callable[[Random], str]) -> None:
        self.make = make
        self.value: str | None = None

    def __call__(self, rng: Random) -> str:
        if self.value is None:
            self.value = self.make(rng)
        return self.value


def story_context(rng: Random, story: Story) -> dict[str, ContextValue]:
    """Context values of one story: fixed facts computed once on first use, free details per use."""
    person, product, today, branch = story.person, story.product, story.today, story.branch
    inst = INSTITUTIONS[product.institution]
    amount = story.amount or draw_amount(rng, 500, 20_000)
    account = _Once(lambda r: person.account(product.account_kind))
    staff = story.salesperson
    branch_names = (branch.name.replace("（演示）", ""), branch.local + "的网点", "你们" + branch.local + "网点")
    staff_refs = (
        (f"业务员{staff}", f"{staff[0]}经理", f"客户经理{staff}", staff, f"一个姓{staff[0]}的业务员")
        if staff
        else ("业务员", "那个业务员", "销售人员", "客户经理", "一个业务员")
    )
    ctx: dict[str, ContextValue] = {
        **STATIC_CONTEXT,
        "inst": (inst.short, inst.short, *inst.you),
        "you": inst.you,
        "prod": product_names(product),
        "line": product.line,
        "branch": branch_names,
        "me": person.name,
        "city": person.city.short,
        "age": lambda r: str(person.age_on(today)),
        "acct": account,
        "acct_tail": lambda r: account(r)[-4:],
        "id_tail": person.id_number[-4:],
        "phone_tail": person.phone[-4:],
        "phone": person.phone,
        "staff_ref": staff_refs,
        "amt": _Once(lambda r: say_amount(r, amount)),
        "amt2": lambda r: say_amount(r, amount * (0.15 + 0.7 * r.random())),
        "d_buy": _Once(lambda r: say_year(r, today - timedelta(days=200 + int(r.random() * 3_400)))),
        "d_evt": lambda r: say_date(r, today - timedelta(days=r.randint(2, 150)), today),
        "d_call": lambda r: say_date(r, today - timedelta(days=r.randint(1, 30)), today),
        "hospital": lambda r: person.city.short + r.choice(HOSPITAL_KINDS),
    }
    return ctx


def persona_of(rng: Random, person: Person, today: date) -> str:
    age = person.age_on(today)
    if age >= 62 and rng.random() < 0.6:
        return "elderly"
    if age <= 30 and rng.random() < 0.5:
        return "young"
    return rng.choice(("plain", "plain", "formal", "rant", "plain"))


def ordinary_sentences(rng: Random, grammar: Grammar, ctx: Context, story: Story, persona: str) -> list[str]:
    """The sentences of one ordinary complaint, in a varied order and of varied length.

    A fifth of complaints are terse (what happened, what I want), a fifth are long accounts with
    more events, contacts and circumstances; the rest sit in between, as in real complaint logs.
    """
    g, sc = grammar, story.scenario
    x = rng.random()
    size = 0.45 if x < 0.2 else 1.6 if x > 0.8 else 1.0
    more = min(1.0, 0.3 * size)
    head: list[str] = []
    if persona == "formal" or maybe(rng, 0.35 * size):
        head.append(g.say(f"opening_{persona if persona != 'plain' or maybe(rng, 0.5) else 'plain'}", rng, ctx))
    if maybe(rng, 0.22 * size):
        head.append(g.say("selfintro", rng, ctx))
    working_age = story.person.age_on(story.today) < 65
    if working_age and maybe(rng, min(0.9, 0.6 * size)):
        head += g.say_distinct("circumstance", 1 + maybe(rng, more), rng, ctx)
    story_part = g.say_distinct(f"{sc}_bg", 1 + maybe(rng, 0.12 * size), rng, ctx)
    story_part += g.say_distinct(f"{sc}_evt", 1 + maybe(rng, more) + maybe(rng, more * more), rng, ctx)
    if maybe(rng, min(0.95, 0.6 * size)):
        story_part += g.say_distinct(f"{sc}_resp", 1 + maybe(rng, 0.2 * size), rng, ctx)
    if maybe(rng, min(0.95, 0.55 * size)):
        story_part += g.say_distinct("contact", 1 + maybe(rng, more), rng, ctx)
    color: list[str] = []
    vulnerability = {"elderly": "vuln_elderly", "young": "vuln_student"}.get(persona)
    if vulnerability and maybe(rng, 0.5):
        color.append(g.say(vulnerability, rng, ctx))
    elif maybe(rng, 0.08):
        color.append(g.say(rng.choice(("vuln_ill", "vuln_lowincome")), rng, ctx))
    feel = "feel_angry" if persona in ("rant", "young") or maybe(rng, 0.35) else "feel_calm"
    if maybe(rng, min(0.95, 0.55 * size)):
        color += g.say_distinct(feel, 1 + maybe(rng, 0.25 * size), rng, ctx)
    ask = g.say_distinct(f"{sc}_ask", 1 + maybe(rng, 0.2 * size), rng, ctx)
    if maybe(rng, 0.25 * size):
        ask.append(g.say("demand_generic", rng, ctx))
    threats = [
        g.say(f"threat_{kind}", rng, ctx)
        for kind in ("regulator", "media", "litigation", "consumer", "petition")
        if maybe(rng, {"regulator": 0.22, "media": 0.07, "litigation": 0.08, "consumer": 0.05, "petition": 0.02}[kind])
    ]
    rng.shuffle(threats)
    tail: list[str] = []
    if persona == "formal" or maybe(rng, 0.2 * size):
        tail.append(g.say("close_formal" if persona == "formal" else "close_plain", rng, ctx))
    if maybe(rng, 0.12):
        return head + ask + story_part + color + threats + tail
    if maybe(rng, 0.3):
        return head + story_part + ask + color + threats + tail
    return head + story_part + color + ask + threats + tail


def repeat_sentences(rng: Random, grammar: Grammar, ctx: Context, nth: int) -> list[str]:
    """What a persistent complainant adds on a later complaint: references back, sharper demands."""
    out = [grammar.say("repeat_ref", rng, {**ctx, "nth": str(nth) if rng.random() < 0.5 else f"{nth}"})]
    if nth >= 3 and maybe(rng, 0.5):
        out.append(grammar.say("repeat_escalate", rng, ctx))
    return out


def ordinary_narrative(rng: Random, story: Story, *, repeat_nth: int = 0) -> str:
    """The narrative of an ordinary complaint (or the ``repeat_nth`` complaint of a persistent complainant)."""
    grammar = ordinary_grammar()
    ctx = story_context(rng, story)
    persona = persona_of(rng, story.person, story.today)
    sentences = ordinary_sentences(rng, grammar, ctx, story, persona)
    if repeat_nth > 1:
        extra = repeat_sentences(rng, grammar, ctx, repeat_nth)
        at = rng.randint(0, min(2, len(sentences)))
        sentences[at:at] = extra[:1]
        sentences[-1:-1] = extra[1:]
    return reword(rng, join_sentences(rng, grammar, ctx, sentences))
