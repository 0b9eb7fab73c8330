"""How past demo cases ended: closed, paid out, escalated, review requested, sued, or still open.

The outcome follows from what the complaint says and who sent it: threats raise escalation and suits,
claims and fee disputes are often paid in part, agents' letters get a written, rule-bound answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

#: Share of cases the institution settles with money, by scenario (ordinary complaints).
PAY_RATE: dict[str, float] = {
    "hidden_fee": 0.65,
    "installment": 0.45,
    "high_interest": 0.35,
    "collection": 0.15,
    "credit_report": 0.2,
    "card_fraud": 0.3,
    "app_failure": 0.6,
    "counter_service": 0.05,
    "wealth_loss": 0.12,
    "account_frozen": 0.05,
    "claim_denied": 0.35,
    "claim_delayed": 0.75,
    "surrender": 0.4,
    "missell": 0.25,
    "policy_loan": 0.4,
    "auto_repair": 0.55,
    "renewal": 0.1,
    "limit_cut": 0.05,
    "marketing_calls": 0.0,
    "prepayment": 0.2,
}
_REGULATOR_WORDS = ("12378", "12363", "监管", "银保监", "人民银行")
_LAWSUIT_WORDS = ("起诉", "律师", "法院", "诉讼", "仲裁")


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str
    closed_at: datetime | None
    resolution: str | None
    escalated: bool
    paid: float | None


def decide_outcome(
    rng: Random,
    *,
    kind: str,
    scenario: str,
    text: str,
    channel: str,
    received_at: datetime,
    window_end: datetime,
    amount: float | None,
) -> Outcome:
    """The outcome of one past case, consistent with its kind, wording and channel."""
    threatens_regulator = any(w in text for w in _REGULATOR_WORDS)
    threatens_suit = any(w in text for w in _LAWSUIT_WORDS)
    from_regulator = channel == "regulator"
    handling = timedelta(days=rng.randint(1, 12) if kind != "campaign" else rng.randint(5, 28), hours=rng.randint(0, 8))
    if received_at + handling > window_end:
        status = "已受理" if rng.random() < 0.4 else "处理中"
        return Outcome(status, None, None, from_regulator, None)
    closed = received_at + handling
    if kind == "campaign":
        return _agent_outcome(rng, scenario, closed, from_regulator, amount)
    paid = None
    rate = PAY_RATE.get(scenario, 0.3) + (0.15 if kind == "group_event" else 0.0)
    if amount and rng.random() < rate:
        paid = round(amount * rng.choice((1.0, 1.0, 0.8, 0.5, 0.3)), 2)
        resolution = rng.choice(
            (
                f"经核实，同意{'赔付' if scenario.startswith(('claim', 'auto')) else '退还'}{paid:.2f}元，客户表示接受",
                f"协商一致，支付{paid:.2f}元，已办结",
                f"已按合同约定处理，到账{paid:.2f}元",
            )
        )
        return Outcome("已办结", closed, resolution, from_regulator, paid)
    if threatens_suit and rng.random() < 0.3:
        return Outcome("诉讼中", closed, "客户已向法院起诉，等待开庭", True, None)
    if (threatens_regulator or kind == "repeat") and not from_regulator and rng.random() < 0.35:
        return Outcome("已升级", closed, "客户不接受处理意见，已向监管部门投诉，监管转办中", True, None)
    if rng.random() < 0.12:
        return Outcome("核查中", closed, "客户对处理决定不服，已申请核查", from_regulator, None)
    resolution = rng.choice(
        (
            "已向客户解释说明，客户表示理解",
            "已书面答复，维持原处理意见，并告知可申请核查、调解或诉讼",
            "涉事员工已批评教育，已向客户致歉",
            "已协调业务部门处理，客户认可",
            "经核查不存在违规，已答复客户",
        )
    )
    return Outcome("已办结", closed, resolution, from_regulator or threatens_regulator and rng.random() < 0.2, None)


def _agent_outcome(rng: Random, kind: str, closed: datetime, from_regulator: bool, amount: float | None) -> Outcome:
    """Agents' letters: answered in writing by the rules; full refunds are the exception."""
    if kind == "代理退保" and amount and rng.random() < 0.35:
        paid = round(amount * rng.uniform(0.25, 0.7), 2)
        return Outcome("已办结", closed, f"按现金价值办理退保，退还{paid:.2f}元，不同意全额退保", from_regulator, paid)
    if kind in ("债务优化", "反催收") and rng.random() < 0.3:
        return Outcome("已办结", closed, "依规协商分期还款方案，罚息部分减免，征信按实际情况报送", from_regulator, None)
    if rng.random() < 0.25:
        return Outcome("已升级", closed, "投诉人不接受答复，监管督办中；疑似代理投诉已报告监管", True, None)
    return Outcome(
        "已办结",
        closed,
        rng.choice(
            (
                "经核实销售过程合规，不同意全额退还，已书面答复并告知核查途径",
                "已依法受理代理投诉，核验授权委托书后书面答复",
                "已书面答复；投诉人未提供有效授权材料，已提示风险",
            )
        ),
        from_regulator,
        None,
    )
