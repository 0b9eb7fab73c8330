"""Genuine group events: one real incident, many customers, independent wording, no shared contacts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from random import Random

from tousu.demo.facts import say_date
from tousu.demo.grammar import Grammar
from tousu.demo.institutions import PRODUCTS_BY_KEY, Product
from tousu.demo.narratives.compose import join_sentences, maybe
from tousu.demo.narratives.events import EVENT_DETAILS, EVENT_KINDS, EVENT_RULE_OF, EVENT_RULES
from tousu.demo.narratives.ordinary import Story, ordinary_grammar, persona_of, story_context
from tousu.demo.narratives.rewording import reword

EVENT_KIND_NAMES: tuple[str, ...] = tuple(EVENT_KINDS)


@dataclass(frozen=True, slots=True)
class GroupEvent:
    """One incident: its kind, the product it hit, the day it happened and what exactly broke."""

    group_id: str
    kind: str
    product: Product
    scenario: str
    day: date
    detail: str


def make_event(seed: int, index: int, first_day: date) -> GroupEvent:
    """Event ``index`` (0-based); ``first_day`` is when its first complaint arrived."""
    rng = Random(f"{seed}/event/{index}")
    kind = EVENT_KIND_NAMES[index % len(EVENT_KIND_NAMES)] if index < 4 else rng.choice(EVENT_KIND_NAMES)
    products, scenario = EVENT_KINDS[kind]
    return GroupEvent(
        group_id=f"E-{index + 1}",
        kind=kind,
        product=PRODUCTS_BY_KEY[rng.choice(products)],
        scenario=scenario,
        day=first_day,
        detail=rng.choice(EVENT_DETAILS[kind]),
    )


@lru_cache(maxsize=1)
def event_grammar() -> Grammar:
    return ordinary_grammar().extend(EVENT_RULES)


def event_narrative(rng: Random, event: GroupEvent, story: Story) -> str:
    """One member's own account of the incident."""
    g = event_grammar()
    ctx = story_context(rng, story)
    ctx["ev_date"] = lambda r: say_date(r, event.day, story.today)
    ctx["ev_detail"] = event.detail
    persona = persona_of(rng, story.person, story.today)
    sc = story.scenario
    sentences: list[str] = []
    if maybe(rng, 0.3):
        sentences.append(g.say(f"opening_{persona}", rng, ctx))
    if maybe(rng, 0.45):
        sentences.append(g.say(f"{sc}_bg", rng, ctx))
    sentences += g.say_distinct(EVENT_RULE_OF[event.kind], rng.choice((1, 2, 2, 3)), rng, ctx)
    if maybe(rng, 0.3):
        sentences.append(g.say(f"{sc}_evt", rng, ctx))
    if maybe(rng, 0.45):
        sentences.append(g.say("contact", rng, ctx))
    if maybe(rng, 0.5):
        sentences.append(g.say("feel_angry" if maybe(rng, 0.5) else "feel_calm", rng, ctx))
    ask = [g.say(f"{sc}_ask", rng, ctx)]
    if maybe(rng, 0.3):
        ask.append(g.say("demand_generic", rng, ctx))
    sentences[max(1, len(sentences) - rng.randint(0, 1)) :] = [
        *ask,
        *sentences[max(1, len(sentences) - rng.randint(0, 1)) :],
    ]
    for kind, p in (("regulator", 0.25), ("media", 0.12), ("litigation", 0.06)):
        if maybe(rng, p):
            sentences.append(g.say(f"threat_{kind}", rng, ctx))
    return reword(rng, join_sentences(rng, g, ctx, sentences))
