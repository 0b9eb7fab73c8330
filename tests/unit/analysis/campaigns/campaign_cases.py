"""Hand-written complaints for the campaign tests: one agent letter, its look-alikes, and ordinary complaints."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tousu.analysis.campaigns import CampaignInput
from tousu.analysis.records import ComplaintRecord

SECRET = b"test-institution-link-secret-32b!"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超"]

#: The master letter of a surrender agent (代理退保); ``{}`` slots take each member's own facts.
AGENT_LETTER = [
    "投诉人：{name}，身份证号：{id}，联系地址：{addr}",
    "本人于{year}年经贵公司业务员{sales}介绍投保了鸿泰金福年金保险，保单号{policy}，每年缴费{premium}元",
    "业务员在销售过程中承诺该产品是存款，随时可以全额取出，隐瞒了退保损失",
    "业务员没有履行明确说明义务，违反了《保险法》第十六条和第十七条的规定",
    "贵公司存在销售误导的违法违规行为，根据《民法典》第一百四十八条，本人有权撤销合同",
    "此保单没有依法进行双录，电话回访也是业务员冒名代答",
    "本人因工作繁忙，特委托代理人张建国全权处理本次投诉，授权委托书附后",
    "本人拒绝电话沟通，请以书面形式答复至代理人",
    "要求全额退保，退还所有已交保费{total}元",
    "如贵公司不予解决，本人将向金融监管总局继续投诉并向媒体曝光",
]

AGENT_PHONE = "177 2451 5444"

#: Swaps a member makes when rewording the letter (each is a synonym class of campaign_synonyms.toml).
SWAPS = [("贵公司", "贵司"), ("要求", "请求"), ("业务员", "销售人员"), ("隐瞒", "隐瞒"), ("告知", "说明")]

#: Ordinary complaints: own words, many about refunds, sharing only stock phrases such as 要求全额退款.
ORDINARY = [
    "我在你们APP上买的会员自动续费了，我根本没有同意过续费，要求全额退款。",
    "信用卡年费说好了首年免年费，结果第二年直接扣了680元，客服说没办法，要求全额退款。",
    "网点柜员态度很差，我排队一个多小时，办个挂失还被训了一顿，希望好好培训一下员工。",
    "上个月的分期手续费比合同写的多收了三百多，打电话问了三次都说在核实，要求全额退款。",
    "车险理赔拖了两个月还没赔，定损员一直不接电话，车还在修理厂放着。",
    "手机银行转账显示成功但对方没收到钱，已经过去五天了，客服让我等。",
    "贷款已经提前还清了，征信上还显示有未结清，影响我买房办房贷，请尽快更新。",
    "催收人员天天给我单位打电话，同事都知道了，我只是逾期三天，这样的催收方式太过分了。",
    "买的理财产品说是保本的，现在亏了百分之八，当时理财经理根本没说有风险。",
    "ATM机吞卡了，卡里还有工资，去网点说要等一周才能取回，太不方便了。",
    "我妈七十多岁了，被银行工作人员拉着买了一份分红险，她以为是存款，现在想取钱取不出来。",
    "医疗险报销材料交了三次，每次都说缺东西，一次性说清楚很难吗。",
    "快捷支付被人盗刷了两笔共四千多，我已经报警，银行说要等调查结果。",
    "房贷利率一直没有按照新的LPR下调，问了客户经理也说不清楚。",
    "办的ETC卡扣费重复了，一次过路费扣了两次，要求全额退款。",
    "积分兑换的礼品一直没有发货，客服只会说已经催了。",
    "信用卡被降额了，我从来没有逾期过，也没有人提前通知我。",
    "网贷平台的实际年化利率超过了24%，和借款时页面展示的完全不一样。",
    "在柜台存钱被推销了一张保险单，说是送的，后来才发现每年要交钱，要求全额退款。",
    "外币兑换的汇率比官网公布的差了很多，没有任何说明。",
    "身份证更新以后手机银行登录不了，去网点也办不好，跑了三趟。",
    "我取消了自动扣款授权，可是这个月还是被扣了，要求全额退款。",
    "客服电话永远占线，转人工要等半个小时，问题一个都解决不了。",
    "开户时被强制搭售了理财，不买就不给办，这是违规的吧。",
]


def name_of(k: int) -> str:
    """A distinct Chinese name for person ``k``."""
    return SURNAMES[k % len(SURNAMES)] + GIVEN[(k // len(SURNAMES) + k) % len(GIVEN)]


def id_of(k: int) -> str:
    """A distinct 18-character resident ID number for person ``k``."""
    return f"44010319{70 + k % 30:02d}{1 + k % 12:02d}{10 + k % 18:02d}{k % 1000:03d}{k % 10}"


def phone_of(k: int) -> str:
    """A distinct mobile number for person ``k``."""
    return f"139{(k * 7919 + 1234567) % 100_000_000:08d}"


def agent_member(k: int, *, paraphrase: int = 0) -> tuple[str, dict[str, str]]:
    """Letter ``k`` of the agent campaign and its member's identifiers.

    ``paraphrase`` 0 is a slot-filled copy; 1 also swaps synonyms; 2 also drops one optional
    sentence and moves the demand to the front.
    """
    person = 100 + k
    facts = {
        "name": name_of(person),
        "id": id_of(person),
        "addr": f"广东省广州市天河区体育西路{10 + k}号{k % 9 + 1}栋{k % 30 + 1}01室",
        "year": str(2015 + k % 8),
        "sales": "韦浩",
        "policy": f"HTRS{5708412573 + k * 131}",
        "premium": str(3000 + 517 * k),
        "total": str(15000 + 2587 * k),
    }
    sentences = [s.format(**facts) for s in AGENT_LETTER]
    if paraphrase >= 1:
        for old, new in SWAPS[: 1 + k % len(SWAPS)]:
            sentences = [s.replace(old, new) for s in sentences]
    if paraphrase >= 2:
        del sentences[5 - k % 2]
        sentences.insert(1, sentences.pop(-2))
    return "。".join(sentences) + "。", {"name": facts["name"], "id_number": facts["id"], "address": facts["addr"]}


def record(
    cid: str,
    content: str,
    *,
    day: float = 0.0,
    name: str | None = None,
    id_number: str | None = None,
    phone: str | None = None,
    address: str | None = None,
    representative: str | None = None,
    representative_phone: str | None = None,
    product: str | None = None,
    channel: str = "regulator",
    email: str | None = None,
) -> ComplaintRecord:
    """A complaint record as the importer would make it."""
    return ComplaintRecord(
        complaint_id=cid,
        received_at=START + timedelta(days=day),
        content=content,
        channel=channel,
        product=product,
        complainant_name=name,
        id_number=id_number,
        phone=phone,
        email=email,
        address=address,
        representative=representative,
        representative_phone=representative_phone,
    )


def agent_campaign(size: int = 8, *, paraphrase: int = 1, first_day: float = 200.0) -> list[ComplaintRecord]:
    """``size`` letters of the agent campaign, filed within two weeks, half naming the agent and his phone."""
    out = []
    for k in range(size):
        text, who = agent_member(k, paraphrase=paraphrase)
        out.append(
            record(
                f"C-{k:03d}",
                text,
                day=first_day + k * 1.5,
                name=who["name"],
                id_number=who["id_number"],
                phone=AGENT_PHONE if k % 2 else phone_of(100 + k),
                address=who["address"],
                representative="张建国" if k % 2 == 0 else None,
                representative_phone=AGENT_PHONE if k % 2 == 0 else None,
                product="鸿泰金福年金保险",
            )
        )
    return out


def ordinary_background(count: int = len(ORDINARY), *, days: float = 330.0) -> list[ComplaintRecord]:
    """Ordinary complaints from different people, spread over the year, through mixed channels."""
    if count > len(ORDINARY):
        raise ValueError(f"at most {len(ORDINARY)} distinct ordinary complaints, got {count}")
    channels = ("phone", "online", "branch", "regulator", "letter")
    products = ("信用卡", "手机银行APP", "个人贷款", "鸿泰金福年金保险", "理财产品", "车险")
    return [
        record(
            f"O-{k:03d}",
            ORDINARY[k],
            day=(k * 37) % days,
            name=name_of(1000 + k),
            id_number=id_of(1000 + k),
            phone=phone_of(1000 + k),
            product=products[k % len(products)],
            channel=channels[k % len(channels)],
        )
        for k in range(count)
    ]


#: A real incident (the mobile banking app down on one day), each customer in their own words.
OUTAGE = [
    "3月15号一整天手机银行都登不上去，我的房贷自动还款没扣成功，第二天就收到逾期短信。",
    "昨天APP崩了，转账一直显示交易处理中，钱扣了对方没收到，打客服根本打不进去。",
    "你们系统升级也不提前通知，我等着付货款，APP转不了账，损失谁来负责。",
    "手机银行提示网络异常请稍后再试，试了一下午都不行，耽误了我交学费的截止时间。",
    "信用卡还款日正好赶上你们APP故障，现在说我逾期要收罚息，这不合理吧。",
    "15号那天用APP买基金，页面卡住了，钱被冻结了两天才退回来。",
    "APP登录时人脸识别一直失败，后来才知道是你们服务异常，白白浪费我半天时间。",
    "网上好多人都在说你们手机银行瘫痪的事，我的工资理财赎回也没到账，要求给个说法。",
    "系统故障导致我的定投扣款失败，错过了低点，你们应该补偿。",
    "那天在超市付款用不了手机银行，排了半天队很尴尬，这种大面积故障必须给客户一个解释。",
    "转账失败以后再试一次结果扣了两次钱，客服说要等七个工作日才能退回。",
    "你们发公告说是核心系统切换，可对我们造成的损失有人管吗。",
    "短信验证码一直收不到，APP操作不了，我着急给医院交押金，只能跑去网点。",
    "故障当天我的还款没成功，现在征信上多了一条逾期记录，请立刻撤销。",
    "一整天打不开APP也没有任何提示，客服热线排队到晚上都没接通，太让人失望了。",
]


def outage_event(first_day: float = 120.0) -> list[ComplaintRecord]:
    """Fifteen different customers complaining within three days about one app outage."""
    return [
        record(
            f"E-{k:03d}",
            text,
            day=first_day + (k % 3) + k * 0.05,
            name=name_of(500 + k),
            id_number=id_of(500 + k),
            phone=phone_of(500 + k),
            product="手机银行APP",
            channel=("phone", "online", "regulator")[k % 3],
        )
        for k, text in enumerate(OUTAGE)
    ]


def persistent_complainant(times: int = 5) -> list[ComplaintRecord]:
    """One person complaining again and again about the same annual fee, in nearly the same words."""
    base = (
        "信用卡年费{n}，说好的首年免年费，第二年直接扣了680元，我已经是第{k}次投诉了，"
        "要求退还年费并赔礼道歉，否则向金融监管总局投诉。"
    )
    return [
        record(
            f"P-{k:03d}",
            base.format(n="问题" if k % 2 else "的事", k=k + 1),
            day=20.0 + 30 * k,
            name="欧阳建华",
            id_number="110101196503071234",
            phone="13811112222" if k % 2 else "138 1111 2222",
            product="信用卡",
            channel=("phone", "regulator")[k % 2],
        )
        for k in range(times)
    ]


def inputs(records: list[ComplaintRecord]) -> list[CampaignInput]:
    """Campaign inputs of records under the test secret."""
    return [CampaignInput.from_record(r, SECRET) for r in records]
