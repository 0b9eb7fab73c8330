"""Organised black-industry campaigns: an agent gang, its contacts, a master letter and its paraphrases.

Each member is a different customer (own name, ID and facts) who sends the gang's letter, reworded as
much as ``paraphrase`` says, and shows only some of the gang's signals (its phone, address, a named
representative, a proxy line), so that detection must combine evidence rather than match one field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from random import Random

from tousu.demo.facts import say_amount, say_date, say_year
from tousu.demo.geography import City, province_short
from tousu.demo.grammar import Context, Grammar
from tousu.demo.institutions import INSTITUTIONS, PRODUCTS_BY_KEY, Product
from tousu.demo.narratives.campaign import CAMPAIGN_LAWS, CAMPAIGN_RULES, LETTERS, QUOTES, SYNONYMS, TARGETS
from tousu.demo.narratives.vocab import JOBS
from tousu.demo.people import Person, make_person, person_name, phone_number, pick_city

CAMPAIGN_KINDS: tuple[str, ...] = tuple(LETTERS)

#: The short demand an agent's letter carries, as an intake clerk would record it.
DEMANDS: dict[str, tuple[str, ...]] = {
    "代理退保": ("全额退保", "全额退还保费", "撤销合同并全额退保", "全额退保并赔偿利息损失"),
    "反催收": ("停止催收，停息挂账", "免除罚息，个性化分期", "停止暴力催收并修复征信"),
    "代理维权": ("退还超额息费", "退还担保费、会员费", "全额退还违规收取的费用"),
    "债务优化": ("停息挂账，60期个性化分期", "免除罚息并修复征信", "个性化分期，出具非恶意逾期证明"),
}


class MixedRandom(Random):
    """A random stream that follows the master letter's choices except where a member rewords.

    Each draw takes the master's number, or with probability ``strength`` the member's own, so at
    strength 0 every member makes the master's choices and at 1 none of them.
    """

    def __init__(self, master_seed: int, member: Random, strength: float) -> None:
        super().__init__(master_seed)
        self._master_draw = super().random
        self._member_draw = member.random
        self._strength = strength

    def random(self) -> float:
        master = self._master_draw()
        if self._strength and self._member_draw() < self._strength:
            return self._member_draw()
        return master


@dataclass(frozen=True, slots=True)
class Gang:
    """An agent gang: the contacts its letters and forms reuse."""

    agent_id: str
    city: City
    phones: tuple[str, ...]
    representatives: tuple[str, ...]
    addresses: tuple[str, ...]
    email: str


@dataclass(frozen=True, slots=True)
class Campaign:
    """One organised campaign: a kind, a target product, a gang, a master letter."""

    group_id: str
    kind: str
    product: Product
    gang: Gang
    seed: int
    roles: tuple[tuple[str, int, bool], ...]
    salesperson: str | None
    laws: tuple[str, ...]


def make_gang(seed: int, index: int) -> Gang:
    """Gang ``index`` (0-based) of the data set with ``seed``."""
    rng = Random(f"{seed}/gang/{index}")
    city = pick_city(rng)
    district = rng.choice(city.districts).name
    prov = "" if city.province == city.name else city.province
    addresses = tuple(
        f"{prov}{city.name}{district}{rng.choice(('金融港', '创业园', '商务中心', '科技大厦', '财富广场'))}"
        f"{rng.randint(1, 30)}楼{rng.randint(1, 30):02d}{rng.randint(1, 20):02d}室"
        for _ in range(rng.randint(1, 2))
    )
    domain = rng.choice(("163.com", "qq.com", "126.com"))
    return Gang(
        agent_id=f"A-{index + 1}",
        city=city,
        phones=tuple(phone_number(rng) for _ in range(rng.randint(2, 4))),
        representatives=tuple(person_name(rng) for _ in range(rng.randint(1, 3))),
        addresses=addresses,
        email=f"{rng.choice(('weiquan', 'tuibao', 'fawu', 'xieshang', 'zixun'))}{rng.randint(100, 9999)}@{domain}",
    )


def make_campaign(seed: int, index: int, kind: str, gang: Gang) -> Campaign:
    """Campaign ``index`` (0-based): its target, its salesperson (half the time) and its master letter plan."""
    rng = Random(f"{seed}/campaign/{index}")
    product = PRODUCTS_BY_KEY[rng.choice(TARGETS[kind])]
    roles = master_roles(rng, kind)
    laws = tuple(rng.sample(CAMPAIGN_LAWS[kind], 2))
    return Campaign(
        group_id=f"C-{index + 1}",
        kind=kind,
        product=product,
        gang=gang,
        seed=rng.getrandbits(48),
        roles=roles,
        salesperson=person_name(rng) if rng.random() < 0.5 else None,
        laws=laws,
    )


def master_roles(rng: Random, kind: str) -> tuple[tuple[str, int, bool], ...]:
    """The master letter: (rule, alternative, core) per sentence; repeated rules take distinct alternatives."""
    grammar = campaign_grammar()
    used: dict[str, list[int]] = {}
    roles: list[tuple[str, int, bool]] = []
    for role in LETTERS[kind]:
        core = role.startswith("*")
        name = role.lstrip("*")
        if not core and rng.random() > 0.75:
            continue
        free = [i for i in range(len(grammar.options[name])) if i not in used.get(name, [])]
        if not free:
            continue
        option = rng.choice(free)
        used.setdefault(name, []).append(option)
        roles.append((name, option, core))
    return tuple(roles)


@lru_cache(maxsize=1)
def campaign_grammar() -> Grammar:
    return Grammar(CAMPAIGN_RULES)


@dataclass(frozen=True, slots=True)
class Member:
    """One campaign member's record-level facts."""

    person: Person
    phone: str
    address: str
    email: str | None
    representative: str | None
    representative_phone: str | None
    amount: float
    text: str
    signals: tuple[str, ...]


def member_letter(campaign: Campaign, rng: Random, today: date, paraphrase: float) -> Member:
    """The letter one member sends, with the member's facts and the gang's signals it shows."""
    gang = campaign.gang
    city = gang.city if rng.random() < 0.6 else None
    person = make_person(rng, f"{campaign.group_id}/{rng.getrandbits(32)}", today, city=city)
    signals: list[str] = []
    rep = rep_phone = None
    if rng.random() < 0.55:
        rep, rep_phone = rng.choice(gang.representatives), rng.choice(gang.phones)
        signals.append("representative")
    phone = person.phone
    if rng.random() < 0.3:
        phone = rng.choice(gang.phones)
        signals.append("shared_phone")
    address = person.address
    if rng.random() < 0.25:
        address = rng.choice(gang.addresses)
        signals.append("shared_address")
    email = person.email
    if rng.random() < 0.15:
        email = gang.email
        signals.append("shared_email")
    amount = float(round(campaign_amount(campaign.kind, rng)))
    ctx = letter_context(campaign, person, rng, today, amount, phone, rep or rng.choice(gang.representatives))
    text, letter_signals = paraphrased_letter(campaign, rng, ctx, paraphrase)
    signals.extend(letter_signals)
    return Member(person, phone, address, email, rep, rep_phone, amount, text, tuple(signals))


def campaign_amount(kind: str, rng: Random) -> float:
    low, high = {"代理退保": (8_000, 300_000), "反催收": (5_000, 150_000)}.get(kind, (3_000, 120_000))
    return float(low * (high / low) ** rng.random())


def letter_context(
    campaign: Campaign, person: Person, rng: Random, today: date, amount: float, phone: str, rep: str
) -> Context:
    """Slot values: the member's own facts, the gang's contacts."""
    inst = INSTITUTIONS[campaign.product.institution]
    gang = campaign.gang
    bought = date(today.year - rng.randint(1, 9), rng.randint(1, 12), rng.randint(1, 28))
    years = max(1, today.year - bought.year)
    return {
        "inst": inst.short,
        "prov": province_short(person.city.province),
        "prod": campaign.product.name,
        "me": person.name,
        "id": person.id_number,
        "addr": rng.choice(gang.addresses) if rng.random() < 0.3 else person.address,
        "contact_phone": phone,
        "acct": person.account(campaign.product.account_kind),
        "amt": say_amount(rng, amount),
        "prem": say_amount(rng, amount / years),
        "years": str(years),
        "d_buy": say_year(rng, bought),
        "d_evt": say_date(rng, date(today.year, max(1, today.month - 3), 1), today),
        "d_sign": f"{today.year}年{today.month}月{today.day}日",
        "staff": campaign.salesperson or rng.choice(("业务员", "销售人员", "客户经理")),
        "law": campaign.laws,
        "rep": rep,
        "rep_phone": rng.choice(gang.phones),
        "agent_addr": rng.choice(gang.addresses),
        "job": JOBS,
        "law_quote": QUOTES[campaign.kind],
    }


def paraphrased_letter(campaign: Campaign, rng: Random, ctx: Context, paraphrase: float) -> tuple[str, list[str]]:
    """Expand the master letter for one member: reworded, with some sentences dropped or swapped."""
    grammar = campaign_grammar()
    positions = [i for i, (_, _, core) in enumerate(campaign.roles) if core or rng.random() >= 0.45 * paraphrase]
    for k in range(2, len(positions) - 2):
        if rng.random() < 0.25 * paraphrase:
            positions[k], positions[k + 1] = positions[k + 1], positions[k]
    sentences: list[str] = []
    signals: list[str] = ["template"]
    used = set(campaign.roles)
    for i in positions:
        name, option, _ = campaign.roles[i]
        if name == "c_proxy":
            signals.append("proxy_letter")
        elif name == "c_nocall":
            signals.append("written_reply_only")
        options = grammar.options[name]
        if rng.random() < 0.3 * paraphrase:
            alternative = int(rng.random() * len(options))
            if not any(r[0] == name and r[1] == alternative for r in used):
                option = alternative
        mixed = MixedRandom(campaign.seed + i, rng, 0.45 * paraphrase)
        sentences.append(options[option].expand(mixed, ctx, grammar.rules))
    text = "\n".join(_end(s) for s in sentences)
    for plain, other in SYNONYMS:
        if rng.random() < 0.35 * paraphrase:
            text = text.replace(plain, other)
    if any(phone in text for phone in campaign.gang.phones):
        signals.append("agent_phone_in_text")
    return text, sorted(set(signals))


def _end(sentence: str) -> str:
    return sentence if sentence.endswith(("：", "。", "！", "”", "。”")) else sentence + "。"
