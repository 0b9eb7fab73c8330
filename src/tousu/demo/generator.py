"""``generate_demo`` / ``iter_demo``: the synthetic demo complaints and their answer key.

Records are produced in time order from a plan (see :mod:`tousu.demo.plan`). Each record draws from
its own random stream (seed and position), so output is byte-identical for a seed and a million
records stream in constant memory apart from the plan arrays and the cached groups.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from random import Random

from tousu.analysis.records import ComplaintRecord
from tousu.demo.campaigns import CAMPAIGN_KINDS, DEMANDS, Campaign, Gang, make_campaign, make_gang, member_letter
from tousu.demo.config import DemoConfig
from tousu.demo.events import GroupEvent, event_narrative, make_event
from tousu.demo.institutions import CHANNEL_TEXTS, INSTITUTIONS, PRODUCTS, Product, pick_branch, staff_of
from tousu.demo.labels import category_for, demand_for, title_for
from tousu.demo.narratives.compose import weighted
from tousu.demo.narratives.ordinary import AMOUNTS, Story, ordinary_narrative
from tousu.demo.noise import add_noise
from tousu.demo.outcomes import decide_outcome
from tousu.demo.people import Person, make_person, person_name, phone_number
from tousu.demo.plan import CAMPAIGN, GROUP_EVENT, KIND_NAMES, REPEAT, SHANGHAI, Plan, build_plan
from tousu.demo.truth import TruthRow

SYNTHETIC_LABEL = "合成演示数据 / synthetic demo data"

#: Relative frequency of complaints per product (cards and consumer loans dominate real volumes).
PRODUCT_WEIGHTS: dict[str, float] = {
    "life_whole": 4,
    "life_annuity": 3,
    "life_ci": 4,
    "life_med": 5,
    "life_uni": 2,
    "pc_auto": 6,
    "pc_home": 1,
    "pc_acc": 2,
    "pc_med": 3,
    "bank_card": 10,
    "bank_card_y": 4,
    "bank_loan": 5,
    "bank_mortgage": 3,
    "bank_wm": 3,
    "bank_fund": 2,
    "bank_debit": 5,
    "bank_app": 3,
    "cf_cash": 8,
    "cf_inst": 5,
    "cf_pay": 4,
}
_PRODUCT_CUM: list[float] = []
for _p in PRODUCTS:
    _PRODUCT_CUM.append((_PRODUCT_CUM[-1] if _PRODUCT_CUM else 0.0) + PRODUCT_WEIGHTS[_p.key])

#: Channel mix per kind: (channel key, weight).
CHANNEL_MIX: dict[str, tuple[tuple[str, float], ...]] = {
    "ordinary": (
        ("phone", 34),
        ("online", 26),
        ("regulator", 16),
        ("branch", 9),
        ("letter", 2),
        ("consumer_body", 5),
        ("media", 6),
        ("other", 2),
    ),
    "repeat": (
        ("phone", 30),
        ("online", 20),
        ("regulator", 25),
        ("branch", 15),
        ("letter", 3),
        ("consumer_body", 4),
        ("media", 3),
    ),
    "campaign": (("regulator", 68), ("letter", 14), ("online", 9), ("consumer_body", 5), ("phone", 4)),
    "group_event": (
        ("phone", 30),
        ("online", 30),
        ("regulator", 18),
        ("media", 12),
        ("branch", 6),
        ("consumer_body", 4),
    ),
}
_STAFF_SCENARIOS = frozenset({"missell", "surrender", "wealth_loss", "counter_service", "claim_denied", "policy_loan"})


@dataclass(frozen=True)
class DemoDataset:
    """A generated demo set: records in time order and one truth row per record."""

    config: DemoConfig
    records: list[ComplaintRecord]
    truth: list[TruthRow]


@dataclass(frozen=True, slots=True)
class _Persistent:
    """A persistent complainant: one identity, one grievance, many complaints."""

    group_id: str
    story: Story


def pick_product(rng: Random) -> Product:
    x = rng.random() * _PRODUCT_CUM[-1]
    for product, cum in zip(PRODUCTS, _PRODUCT_CUM, strict=True):
        if x < cum:
            return product
    return PRODUCTS[-1]


class _World:
    """Groups (campaigns, gangs, events, persistent complainants), made lazily and cached by index."""

    def __init__(self, config: DemoConfig, plan: Plan) -> None:
        self.config = config
        self.plan = plan
        self.window_end = datetime(config.end.year, config.end.month, config.end.day, 23, 59, tzinfo=SHANGHAI)
        n_campaigns = int(plan.group_sizes[CAMPAIGN].size)
        self.n_gangs = max(1, (n_campaigns + 2) // 3)
        self.gangs: dict[int, Gang] = {}
        self.campaigns: dict[int, Campaign] = {}
        self.events: dict[int, GroupEvent] = {}
        self.persistent: dict[int, _Persistent] = {}

    def campaign(self, index: int) -> Campaign:
        found = self.campaigns.get(index)
        if found is None:
            rng = Random(f"{self.config.seed}/campaign-kind/{index}")
            kind = CAMPAIGN_KINDS[int(rng.random() * len(CAMPAIGN_KINDS))]
            gang_index = int(rng.random() * self.n_gangs)
            gang = self.gangs.get(gang_index) or self.gangs.setdefault(
                gang_index, make_gang(self.config.seed, gang_index)
            )
            found = self.campaigns[index] = make_campaign(self.config.seed, index, kind, gang)
        return found

    def event(self, index: int, day: date) -> GroupEvent:
        found = self.events.get(index)
        if found is None:
            found = self.events[index] = make_event(self.config.seed, index, day)
        return found

    def persistent_of(self, index: int, day: date) -> _Persistent:
        found = self.persistent.get(index)
        if found is None:
            rng = Random(f"{self.config.seed}/persistent/{index}")
            person = make_person(rng, f"P-{index + 1}", day)
            story = ordinary_story(rng, self.config.seed, person, day)
            found = self.persistent[index] = _Persistent(f"P-{index + 1}", story)
        return found


def ordinary_story(rng: Random, seed: int, person: Person, today: date) -> Story:
    """A fresh grievance of ``person``: product, branch, scenario, amount, salesperson."""
    product = pick_product(rng)
    branch = pick_branch(rng, product.institution, person.city)
    scenario = product.scenarios[int(rng.random() * len(product.scenarios))]
    low, high = AMOUNTS[scenario]
    amount = round(low * (high / low) ** rng.random(), rng.choice((0, 2))) if low else None
    salesperson = None
    if scenario in _STAFF_SCENARIOS and rng.random() < 0.75 or rng.random() < 0.05:
        salesperson = rng.choice(staff_of(branch.name, seed))
    return Story(person, product, branch, scenario, today, amount, salesperson)


def iter_demo(config: DemoConfig) -> Iterator[tuple[ComplaintRecord, TruthRow]]:
    """Stream the demo set for ``config``: (record, truth row) pairs in receipt-time order.

    Memory stays flat apart from the plan (a few numpy arrays) and the cached groups, so a
    million-complaint benchmark set can be written straight to a file.
    """
    plan = build_plan(config)
    world = _World(config, plan)
    for i in range(len(plan)):
        yield _make(world, i)


def generate_demo(config: DemoConfig) -> DemoDataset:
    """The whole demo set for ``config`` in memory (deterministic: the same seed gives identical records)."""
    records: list[ComplaintRecord] = []
    truth: list[TruthRow] = []
    for record, row in iter_demo(config):
        records.append(record)
        truth.append(row)
    return DemoDataset(config, records, truth)


def _make(world: _World, i: int) -> tuple[ComplaintRecord, TruthRow]:
    plan, config = world.plan, world.config
    rng = Random(config.seed * 1_000_003 + i)
    local = plan.received_at(i)
    today = local.date()
    kind_code, group, member = int(plan.kind[i]), int(plan.group[i]), int(plan.member[i])
    kind = KIND_NAMES[kind_code]
    channel = weighted(rng, CHANNEL_MIX[kind])
    fields: dict[str, object]
    if kind_code == CAMPAIGN:
        fields, truth = _campaign_fields(world, rng, group, today)
    elif kind_code == GROUP_EVENT:
        fields, truth = _event_fields(world, rng, group, today)
    elif kind_code == REPEAT:
        fields, truth = _repeat_fields(world, rng, group, member, today)
    else:
        fields, truth = _ordinary_fields(world, rng, i, today)
    text, noise = add_noise(rng, str(fields.pop("content")))
    received = local.astimezone(UTC)
    outcome = decide_outcome(
        rng,
        kind=kind,
        scenario=truth["group_type"] or truth["scenario"],
        text=text,
        channel=channel,
        received_at=local,
        window_end=world.window_end,
        amount=fields.get("amount_demanded"),  # type: ignore[arg-type]
    )
    complaint_id = f"DEMO-{local:%Y%m}-{i + 1:06d}"
    extra = {"synthetic": SYNTHETIC_LABEL}
    if noise:
        extra["noise"] = ",".join(noise)
    record = ComplaintRecord(
        complaint_id=complaint_id,
        received_at=received,
        content=text,
        channel=channel,
        channel_raw=rng.choice(CHANNEL_TEXTS.get(channel, ("其他",))),
        status=outcome.status,
        closed_at=outcome.closed_at.astimezone(UTC) if outcome.closed_at else None,
        resolution=outcome.resolution,
        escalated=outcome.escalated,
        extra=extra,
        **fields,  # type: ignore[arg-type]
    )
    row = TruthRow(complaint_id=complaint_id, kind=kind, **truth)
    return record, row


def _contact_fields(rng: Random, person: Person, product: Product) -> dict[str, object]:
    return {
        "complainant_name": person.name,
        "id_number": person.id_number if rng.random() < 0.8 else None,
        "phone": person.phone,
        "email": person.email,
        "address": person.address if rng.random() < 0.6 else None,
        "account_no": person.account(product.account_kind) if rng.random() < 0.65 else None,
    }


def _story_fields(rng: Random, story: Story, text: str) -> dict[str, object]:
    product = story.product
    return {
        "branch": story.branch.name,
        "product": product.name,
        "category": category_for(rng, story.scenario),
        "salesperson": story.salesperson,
        "amount_demanded": story.amount if story.amount and rng.random() < 0.75 else None,
        "title": title_for(rng, story.scenario, product.name),
        "demand": demand_for(rng, story.scenario),
        "content": text,
        **_contact_fields(rng, story.person, product),
    }


def _truth(
    group_id: str = "",
    group_type: str = "",
    agent: str = "",
    template: str = "",
    person: str = "",
    scenario: str = "",
    signals: str = "",
) -> dict[str, str]:
    return {
        "group_id": group_id,
        "group_type": group_type,
        "agent_id": agent,
        "template_id": template,
        "person_id": person,
        "scenario": scenario,
        "signals": signals,
    }


def _ordinary_fields(world: _World, rng: Random, i: int, today: date) -> tuple[dict[str, object], dict[str, str]]:
    person = make_person(rng, f"O-{i}", today)
    story = ordinary_story(rng, world.config.seed, person, today)
    text = ordinary_narrative(rng, story)
    if person.age_on(today) >= 68 and rng.random() < 0.2:
        return _delegated_by_family(rng, story, text)
    return _story_fields(rng, story, text), _truth(person=person.id_number, scenario=story.scenario)


def _delegated_by_family(rng: Random, story: Story, text: str) -> tuple[dict[str, object], dict[str, str]]:
    """A genuine delegated complaint (Art 14): a son or daughter files for an elderly parent.

    The representative is one person's own relative with their own phone, never shared across
    complainants: the hard negative for agent detection.
    """
    person = story.person
    child = person.surname + person_name(rng)[1:]
    relation = rng.choice(("儿子", "女儿", "儿媳", "女婿", "侄子"))
    parent = "父亲" if person.gender == "男" else "母亲"
    opening = rng.choice(
        (
            f"我是{person.name}的{relation}{child}，{parent}年纪大了不会用手机，我代{parent}投诉。",
            f"本人{child}，受{parent}{person.name}委托代为反映，授权委托书可以补交。",
            f"替我家老人投诉（投诉人{person.name}，我是{relation}，电话打我的就行）。",
        )
    )
    fields = _story_fields(rng, story, opening + text)
    fields["representative"] = child
    fields["representative_phone"] = phone_number(rng)
    return fields, _truth(person=person.id_number, scenario=story.scenario, signals="family_delegate")


def _repeat_fields(
    world: _World, rng: Random, group: int, member: int, today: date
) -> tuple[dict[str, object], dict[str, str]]:
    persistent = world.persistent_of(group, today)
    base = persistent.story
    story = Story(base.person, base.product, base.branch, base.scenario, today, base.amount, base.salesperson)
    text = ordinary_narrative(rng, story, repeat_nth=member + 1)
    fields = _story_fields(rng, story, text)
    fields["id_number"] = base.person.id_number
    return fields, _truth(
        persistent.group_id, "缠诉", person=base.person.id_number, scenario=base.scenario, signals=f"nth={member + 1}"
    )


def _campaign_fields(world: _World, rng: Random, group: int, today: date) -> tuple[dict[str, object], dict[str, str]]:
    campaign = world.campaign(group)
    m = member_letter(campaign, rng, today, world.config.paraphrase)
    product = campaign.product
    branch = pick_branch(rng, product.institution, m.person.city)
    fields: dict[str, object] = {
        "branch": branch.name,
        "product": product.name,
        "category": None
        if rng.random() < 0.3
        else ("退保纠纷" if campaign.kind == "代理退保" else "债务催收" if campaign.kind == "反催收" else "收费定价"),
        "complainant_name": m.person.name,
        "id_number": m.person.id_number,
        "phone": m.phone,
        "email": m.email,
        "address": m.address,
        "representative": m.representative,
        "representative_phone": m.representative_phone,
        "salesperson": campaign.salesperson if rng.random() < 0.7 else None,
        "account_no": m.person.account(product.account_kind),
        "amount_demanded": m.amount,
        "title": rng.choice(
            ("投诉书", "关于违规销售的投诉", "投诉", None, f"{INSTITUTIONS[product.institution].short}投诉")
        ),
        "demand": rng.choice(DEMANDS[campaign.kind]),
        "content": m.text,
    }
    return fields, _truth(
        campaign.group_id,
        campaign.kind,
        campaign.gang.agent_id,
        f"T-{group + 1}",
        m.person.id_number,
        campaign.kind,
        ";".join(m.signals),
    )


def _event_fields(world: _World, rng: Random, group: int, today: date) -> tuple[dict[str, object], dict[str, str]]:
    event = world.event(group, today - timedelta(days=rng.randint(0, 1)))
    person = make_person(rng, f"E-{group}/{rng.getrandbits(32)}", today)
    low, high = AMOUNTS[event.scenario]
    story = Story(
        person,
        event.product,
        pick_branch(rng, event.product.institution, person.city),
        event.scenario,
        today,
        round(low * (high / low) ** rng.random(), 2),
        None,
    )
    text = event_narrative(rng, event, story)
    return _story_fields(rng, story, text), _truth(
        event.group_id, event.kind, person=person.id_number, scenario=event.scenario
    )
