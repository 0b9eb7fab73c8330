"""The fictional financial group of the demo: institutions, branches, products, staff, channels.

Every institution name carries the marker （演示） so nobody mistakes the data for a real firm's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from random import Random

from tousu.demo.geography import CITIES, MUNICIPALITIES, City, province_short
from tousu.demo.people import person_name

SYNTHETIC_MARK = "（演示）"


@dataclass(frozen=True, slots=True)
class Institution:
    key: str
    kind: str
    name: str
    short: str
    you: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Product:
    key: str
    institution: str
    name: str
    line: str
    account_kind: str
    scenarios: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Branch:
    institution: str
    name: str
    city: City
    local: str


INSTITUTIONS: dict[str, Institution] = {
    "bank": Institution("bank", "bank", "安和银行" + SYNTHETIC_MARK, "安和银行", ("贵行", "你们银行", "你行", "安和")),
    "life": Institution(
        "life", "insurer", "鸿泰人寿" + SYNTHETIC_MARK, "鸿泰人寿", ("贵公司", "贵司", "你们公司", "鸿泰")
    ),
    "pc": Institution("pc", "insurer", "鸿泰财险" + SYNTHETIC_MARK, "鸿泰财险", ("贵公司", "贵司", "保险公司", "你们")),
    "cf": Institution(
        "cf",
        "consumer_finance",
        "和信消费金融" + SYNTHETIC_MARK,
        "和信消费金融",
        ("贵司", "你们平台", "和信", "你们公司"),
    ),
}

_P = Product
PRODUCTS: tuple[Product, ...] = (
    _P(
        "life_whole",
        "life",
        "鸿泰福享终身寿险（分红型）",
        "普通人寿保险",
        "life_policy",
        ("surrender", "missell", "policy_loan"),
    ),
    _P("life_annuity", "life", "鸿泰金福年金保险", "年金保险", "life_policy", ("surrender", "missell")),
    _P(
        "life_ci",
        "life",
        "鸿泰御享重大疾病保险",
        "疾病保险",
        "life_policy",
        ("claim_denied", "claim_delayed", "missell"),
    ),
    _P(
        "life_med",
        "life",
        "鸿泰安康百万医疗险",
        "医疗保险",
        "life_policy",
        ("claim_denied", "claim_delayed", "renewal"),
    ),
    _P(
        "life_uni",
        "life",
        "鸿泰鑫利两全保险（万能型）",
        "万能保险",
        "life_policy",
        ("surrender", "missell", "policy_loan"),
    ),
    _P("pc_auto", "pc", "机动车商业保险", "机动车辆保险", "pc_policy", ("auto_repair", "claim_delayed")),
    _P("pc_home", "pc", "鸿泰安居家庭财产保险", "家庭财产保险", "pc_policy", ("claim_denied",)),
    _P("pc_acc", "pc", "鸿泰驾乘意外险", "意外伤害保险", "pc_policy", ("claim_denied", "claim_delayed")),
    _P("pc_med", "pc", "鸿泰e保百万医疗险", "短期健康保险", "pc_policy", ("claim_denied", "renewal")),
    _P(
        "bank_card",
        "bank",
        "安和白金信用卡",
        "信用卡",
        "card",
        ("hidden_fee", "installment", "collection", "card_fraud", "credit_report", "limit_cut", "marketing_calls"),
    ),
    _P(
        "bank_card_y",
        "bank",
        "安和青春信用卡",
        "信用卡",
        "card",
        ("hidden_fee", "collection", "card_fraud", "limit_cut"),
    ),
    _P(
        "bank_loan",
        "bank",
        "安和e贷",
        "个人消费贷款",
        "loan",
        ("high_interest", "collection", "credit_report", "prepayment"),
    ),
    _P(
        "bank_mortgage",
        "bank",
        "个人住房贷款",
        "个人住房贷款",
        "loan",
        ("credit_report", "counter_service", "hidden_fee", "prepayment"),
    ),
    _P("bank_wm", "bank", "安和稳盈理财180天", "理财产品", "debit", ("wealth_loss", "missell")),
    _P("bank_fund", "bank", "代销安和精选混合基金", "代销基金", "debit", ("wealth_loss", "missell")),
    _P("bank_debit", "bank", "借记卡", "人民币储蓄", "debit", ("counter_service", "card_fraud", "account_frozen")),
    _P("bank_app", "bank", "手机银行APP", "电子渠道", "debit", ("app_failure",)),
    _P(
        "cf_cash",
        "cf",
        "和信随借",
        "现金贷",
        "cf_loan",
        ("high_interest", "collection", "hidden_fee", "credit_report", "marketing_calls"),
    ),
    _P("cf_inst", "cf", "和信分期购", "商品分期", "cf_loan", ("installment", "hidden_fee", "collection")),
    _P(
        "cf_pay",
        "cf",
        "和信信用付",
        "信用付",
        "cf_loan",
        ("app_failure", "high_interest", "credit_report", "limit_cut"),
    ),
)
PRODUCTS_BY_KEY: dict[str, Product] = {p.key: p for p in PRODUCTS}

#: Raw channel texts, by channel key, as an institution's export would carry them.
CHANNEL_TEXTS: dict[str, tuple[str, ...]] = {
    "phone": ("客服热线", "95热线来电", "电话投诉", "400客服电话"),
    "online": ("手机APP在线客服", "微信公众号", "官网留言", "APP意见反馈"),
    "letter": ("信函", "来信", "挂号信"),
    "branch": ("营业网点", "柜面来访", "现场投诉"),
    "regulator": ("12378转办", "12378转办", "12378转办", "12363转办", "监管转送"),
    "consumer_body": ("12315", "消协转办", "12345市民热线转办"),
    "media": ("黑猫投诉（媒体）", "媒体曝光", "网络舆情"),
}


def _branch_name(inst: Institution, city: City, district: str, level: int) -> str:
    prov = province_short(city.province)
    if inst.key == "bank":
        if level == 0:
            return f"{inst.name}{city.short}分行"
        return f"{inst.name}{city.short}分行{district.removesuffix('区').removesuffix('市')}支行"
    if inst.key == "cf":
        return f"{inst.name}{city.short}合作门店" if level else f"{inst.name}线上业务中心"
    head = f"{inst.name}{prov}分公司" if city.province not in MUNICIPALITIES else f"{inst.name}{city.short}分公司"
    if level == 0 or city.province in MUNICIPALITIES:
        return head + ("" if level == 0 else f"{district}营销服务部")
    return f"{head}{city.short}中心支公司" + ("" if level == 1 else f"{district}营销服务部")


@lru_cache(maxsize=8)
def branches_of(inst_key: str) -> tuple[Branch, ...]:
    """Every branch of one institution, in a fixed order."""
    inst = INSTITUTIONS[inst_key]
    out: list[Branch] = []
    for city in CITIES:
        levels = (0, 1) if inst_key == "cf" else (0, 1, 2)
        for district in city.districts:
            for level in levels:
                name = _branch_name(inst, city, district.name, level)
                local = district.name if level else city.short
                if all(b.name != name for b in out):
                    out.append(Branch(inst_key, name, city, local))
    return tuple(out)


def pick_branch(rng: Random, inst_key: str, city: City | None = None) -> Branch:
    """A branch, usually in the complainant's city when there is one."""
    pool = branches_of(inst_key)
    if city is not None and rng.random() < 0.85:
        local, deep = _local_branches(inst_key, city)
        if local:
            options = deep if rng.random() < 0.8 else local
            return options[int(rng.random() * len(options))]
    return pool[int(rng.random() * len(pool))]


@lru_cache(maxsize=1024)
def _local_branches(inst_key: str, city: City) -> tuple[tuple[Branch, ...], tuple[Branch, ...]]:
    """Branches of one institution in one city, and those below city level (sub-branches, offices)."""
    local = tuple(b for b in branches_of(inst_key) if b.city is city)
    return local, tuple(b for b in local if b.local != city.short) or local


@lru_cache(maxsize=4096)
def staff_of(branch_name: str, seed: int) -> tuple[str, ...]:
    """A handful of salespeople / account managers of one branch (stable for a seed)."""
    rng = Random(f"{seed}/staff/{branch_name}")
    return tuple(person_name(rng) for _ in range(6))
