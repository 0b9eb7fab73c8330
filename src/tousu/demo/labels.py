"""Short columns an intake clerk fills in: the institution's category, a title, the demand in brief."""

from __future__ import annotations

from random import Random

#: Scenario -> the institution's own category label (bank causes per JR/T 0169, insurer dispute kinds).
CATEGORIES: dict[str, str] = {
    "hidden_fee": "收费定价",
    "installment": "合同条款",
    "high_interest": "收费定价",
    "collection": "债务催收",
    "credit_report": "个人金融信息",
    "card_fraud": "消费者资金安全",
    "app_failure": "服务设施/设备/业务系统",
    "counter_service": "服务态度及服务质量",
    "wealth_loss": "营销方式",
    "account_frozen": "管理制度/业务规则与流程",
    "claim_denied": "理赔纠纷",
    "claim_delayed": "理赔纠纷",
    "surrender": "退保纠纷",
    "missell": "销售纠纷",
    "policy_loan": "保全纠纷",
    "auto_repair": "理赔纠纷",
    "renewal": "承保纠纷",
    "limit_cut": "管理制度/业务规则与流程",
    "marketing_calls": "消费者信息安全",
    "prepayment": "合同条款",
}
TITLES: dict[str, tuple[str, ...]] = {
    "hidden_fee": ("乱收费", "莫名扣费", "未经同意扣费", "强制搭售会员", "收费不透明", "要求退还费用"),
    "installment": ("分期手续费过高", "分期费率误导", "提前还款收全额手续费", "商家跑路分期还要还"),
    "high_interest": ("利息过高", "综合年化超标", "砍头息", "变相高利贷", "息费不合理"),
    "collection": ("暴力催收", "催收骚扰家人", "爆通讯录", "催收辱骂威胁", "频繁催收电话"),
    "credit_report": ("征信错误", "征信逾期记录有误", "要求更正征信", "被冒名贷款上征信"),
    "card_fraud": ("银行卡被盗刷", "盗刷不赔", "电信诈骗资金损失", "异地盗刷"),
    "app_failure": ("APP故障", "转账失败钱没退", "系统故障导致逾期", "登录不了手机银行"),
    "counter_service": ("服务态度差", "柜员态度恶劣", "排队太久", "办业务来回跑"),
    "wealth_loss": ("理财亏损", "理财误导销售", "保本理财亏本", "基金亏损要求赔偿"),
    "account_frozen": ("账户被冻结", "卡被限额", "无故冻结银行卡", "非柜面限额"),
    "claim_denied": ("理赔被拒", "拒赔", "保险不赔", "以既往症拒赔", "理赔不合理"),
    "claim_delayed": ("理赔拖延", "理赔慢", "迟迟不赔", "理赔反复要材料"),
    "surrender": ("退保难", "退保损失大", "不给退保", "退保被拖"),
    "missell": ("销售误导", "存款变保险", "虚假宣传", "业务员欺骗投保"),
    "policy_loan": ("保单贷款利息高", "保单借款问题", "还款后保单未恢复"),
    "auto_repair": ("车险定损低", "定损不合理", "修车理赔慢", "不给换原厂件"),
    "renewal": ("拒绝续保", "续保涨价", "停售不让续保"),
    "limit_cut": ("无故降额", "信用卡被封", "额度被砍", "无理由止付"),
    "marketing_calls": ("营销电话骚扰", "个人信息泄露", "退订无效", "推销短信轰炸"),
    "prepayment": ("提前还款难", "提前还贷收违约金", "提前还款要排队"),
}
DEMANDS: dict[str, tuple[str, ...]] = {
    "hidden_fee": ("退还费用", "退费并关闭服务"),
    "installment": ("退还手续费", "减免手续费"),
    "high_interest": ("退还超额利息", "按合法利率重算"),
    "collection": ("停止催收", "停止骚扰并道歉", "协商还款"),
    "credit_report": ("更正征信", "删除不良记录"),
    "card_fraud": ("赔偿盗刷损失", "追回资金"),
    "app_failure": ("退还扣款", "消除逾期记录", "修复系统"),
    "counter_service": ("道歉", "整改服务"),
    "wealth_loss": ("赔偿本金损失", "调取双录"),
    "account_frozen": ("解除冻结", "说明原因"),
    "claim_denied": ("足额理赔", "重新审核理赔"),
    "claim_delayed": ("尽快赔付", "支付延迟利息"),
    "surrender": ("全额退保", "尽快办理退保"),
    "missell": ("撤销合同退还保费", "追责业务员"),
    "policy_loan": ("退还多收利息", "恢复保单"),
    "auto_repair": ("按实际费用赔付", "重新定损"),
    "renewal": ("按原条件续保", "书面说明"),
    "limit_cut": ("恢复额度", "解除止付"),
    "marketing_calls": ("停止营销电话", "删除个人信息"),
    "prepayment": ("办理提前还款", "免收违约金"),
}


def title_for(rng: Random, scenario: str, product_name: str) -> str | None:
    """A title as complainants or clerks write them; absent a fifth of the time."""
    if rng.random() < 0.2:
        return None
    base = rng.choice(TITLES[scenario])
    x = rng.random()
    if x < 0.3:
        return f"{product_name}{base}"
    if x < 0.45:
        return f"投诉：{base}"
    return base


def category_for(rng: Random, scenario: str) -> str | None:
    return None if rng.random() < 0.1 else CATEGORIES[scenario]


def demand_for(rng: Random, scenario: str) -> str | None:
    return None if rng.random() < 0.15 else rng.choice(DEMANDS[scenario])
