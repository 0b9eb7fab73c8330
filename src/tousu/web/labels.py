"""What the web pages call things: every string in Simplified Chinese and in English (``?lang=en``)."""

from __future__ import annotations

from functools import partial
from typing import Any

from tousu.analysis.emotion.results import cue_parts

LANGUAGES = ("zh", "en")

#: Interface strings, by key, in each language.
TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "app": "Tousu 投诉风险分析平台",
        "complaints": "投诉列表",
        "complaint": "投诉详情",
        "search": "关键词",
        "channel": "渠道",
        "category": "类别",
        "emotion": "情绪",
        "all": "全部",
        "filter": "筛选",
        "reset": "清除",
        "received": "受理时间",
        "branch": "机构",
        "product": "产品",
        "excerpt": "摘要",
        "threats": "升级威胁",
        "demand": "诉求金额",
        "vulnerable": "弱势客户",
        "total": "共 {total} 条，第 {page}/{pages} 页",
        "previous": "上一页",
        "next": "下一页",
        "none": "无",
        "empty": "没有符合条件的投诉。",
        "masked": "个人信息已脱敏。查看原文需有权限的角色通过接口申请（unmasked=true）。",
        "basics": "基本信息",
        "content": "投诉内容",
        "title": "标题",
        "demand_text": "诉求",
        "analysis": "分析结果",
        "reasons": "分析依据",
        "confidence": "置信度",
        "intensity": "强度",
        "done": "已发生",
        "threatened": "扬言",
        "cues": "线索",
        "colon": "：",
        "list_separator": "、",
        "entities": "提取要素",
        "models": "模型版本",
        "not_analysed": "尚未分析：运行 tousu import 或 tousu analyze。",
        "campaign": "疑似黑产团伙",
        "group_event": "群体事件",
        "repeat": "重复投诉",
        "back": "返回列表",
        "api": "接口文档",
        "language": "English",
        "not_found": "找不到投诉 {id}",
        "status": "状态",
        "complainant": "投诉人",
        "phone": "电话",
        "campaigns": "团伙线索",
        "campaign_list": "疑似黑产团伙与群体事件",
        "suspicion": "标记仅为疑似线索，须人工核实，不暂停任何法定时限。",
        "type": "类型",
        "kind": "类别",
        "score": "可疑度",
        "members": "投诉数",
        "persons": "投诉人数",
        "period": "时间段",
        "signals": "信号",
        "why": "为何疑似",
        "points": "分值",
        "template": "共同模板",
        "shared": "共用身份信息",
        "shared_members": "涉及投诉",
        "markers": "代理话术",
        "timeline": "按周分布",
        "channels": "渠道",
        "products": "产品",
        "related": "相关团伙",
        "member_list": "成员投诉",
        "similarity": "与模板相似度",
        "decision": "核实结论",
        "no_groups": "尚无识别结果：运行 tousu campaigns detect。",
        "group_not_found": "找不到编号为 {code} 的疑似团伙或群体事件",
        "latest_run": "最近一次识别：{at}，{complaints} 条投诉",
    },
    "en": {
        "app": "Tousu complaint-risk platform",
        "complaints": "Complaints",
        "complaint": "Complaint",
        "search": "Words",
        "channel": "Channel",
        "category": "Category",
        "emotion": "Emotion",
        "all": "All",
        "filter": "Filter",
        "reset": "Clear",
        "received": "Received",
        "branch": "Branch",
        "product": "Product",
        "excerpt": "Excerpt",
        "threats": "Threats",
        "demand": "Demand",
        "vulnerable": "Vulnerable",
        "total": "{total} complaints, page {page} of {pages}",
        "previous": "Previous",
        "next": "Next",
        "none": "none",
        "empty": "No complaint matches.",
        "masked": "Personal data is masked. A role that may see it asks the API with unmasked=true.",
        "basics": "Details",
        "content": "Narrative",
        "title": "Title",
        "demand_text": "Demand",
        "analysis": "Analysis",
        "reasons": "Why",
        "confidence": "confidence",
        "intensity": "intensity",
        "done": "done",
        "threatened": "threatened",
        "cues": "cues",
        "colon": ": ",
        "list_separator": ", ",
        "entities": "Extracted",
        "models": "Model versions",
        "not_analysed": "Not analysed yet: run tousu import or tousu analyze.",
        "campaign": "Suspected campaign",
        "group_event": "Group event",
        "repeat": "Repeat complainant",
        "back": "Back to the list",
        "api": "API documentation",
        "language": "中文",
        "not_found": "No complaint with id {id}",
        "status": "Status",
        "complainant": "Complainant",
        "phone": "Phone",
        "campaigns": "Campaigns",
        "campaign_list": "Suspected campaigns and group events",
        "suspicion": "A flag is a suspicion to verify; it pauses no statutory deadline.",
        "type": "Type",
        "kind": "Kind",
        "score": "Score",
        "members": "Complaints",
        "persons": "Complainants",
        "period": "Period",
        "signals": "Signals",
        "why": "Why suspected",
        "points": "Points",
        "template": "Shared template",
        "shared": "Shared identifiers",
        "shared_members": "complaints",
        "markers": "Agent phrasing",
        "timeline": "By week",
        "channels": "Channels",
        "products": "Products",
        "related": "Related groups",
        "member_list": "Member complaints",
        "similarity": "similarity to the template",
        "decision": "Verdict",
        "no_groups": "Nothing detected yet: run tousu campaigns detect.",
        "group_not_found": "No campaign or group event has the code {code}",
        "latest_run": "Latest detection: {at}, {complaints} complaints",
    },
}

THREATS: dict[str, tuple[str, str]] = {
    "regulator": ("向监管投诉", "regulator"),
    "consumer_body": ("消协/12315", "consumer body"),
    "media": ("媒体曝光", "media"),
    "litigation": ("诉讼/仲裁", "litigation"),
    "police": ("报警", "police"),
    "petition": ("信访", "petition"),
    "group": ("集体维权", "group action"),
    "self_harm": ("极端言行", "self-harm"),
}

VULNERABLE: dict[str, tuple[str, str]] = {
    "elderly": ("老年人", "elderly"),
    "student": ("学生", "student"),
    "ill": ("患病", "ill"),
    "disabled": ("残障", "disabled"),
    "low_income": ("低收入", "low income"),
}

EMOTIONS: dict[str, tuple[str, str]] = {
    "anger": ("愤怒", "anger"),
    "anxiety": ("焦虑/恐惧", "anxiety"),
    "sadness": ("悲伤/绝望", "sadness"),
    "disappointment": ("失望", "disappointment"),
    "neutral": ("中性", "neutral"),
    "joy": ("喜悦", "joy"),
    "surprise": ("惊讶", "surprise"),
}

ENTITIES: dict[str, tuple[str, str]] = {
    "amounts": ("金额", "amounts"),
    "phones": ("电话", "phones"),
    "emails": ("电子邮箱", "e-mails"),
    "id_numbers": ("身份证号", "ID numbers"),
    "cards": ("银行卡号", "card numbers"),
    "policies": ("保单/合同号", "policy and contract numbers"),
    "dates": ("日期", "dates"),
    "laws": ("法规条款", "laws and rules"),
    "institutions": ("机构", "institutions"),
    "products": ("产品", "products"),
}

GROUP_TYPES: dict[str, tuple[str, str]] = {
    "campaign": ("疑似黑产团伙", "suspected campaign"),
    "group_event": ("群体事件", "group event"),
}

STATUSES: dict[str, tuple[str, str]] = {
    "suspected": ("待核实", "to verify"),
    "confirmed": ("已确认", "confirmed"),
    "dismissed": ("已排除", "dismissed"),
}

SIGNALS: dict[str, tuple[str, str]] = {
    "template": ("同一模板", "one template"),
    "shared_phone": ("共用电话", "shared phone"),
    "shared_email": ("共用邮箱", "shared e-mail"),
    "shared_address": ("共用地址", "shared address"),
    "shared_agent": ("同一代理人", "same agent"),
    "proxy_letter": ("委托代理", "proxy letter"),
    "phone_refusal": ("拒绝电话沟通", "refuses phone contact"),
    "agent_demand": ("代理式诉求", "agent-typical demand"),
    "law_citations": ("密集引用法条", "dense law citations"),
    "regulator_channel": ("经监管转办", "via the regulator"),
    "regulator_threats": ("扬言施压", "threatens escalation"),
    "burst": ("集中提交", "filed in a burst"),
}

IDENTIFIERS: dict[str, tuple[str, str]] = {
    "phone": ("电话", "phone"),
    "email": ("邮箱", "e-mail"),
    "address": ("地址", "address"),
    "agent": ("代理人", "agent"),
    "name": ("姓名", "name"),
    "id_number": ("身份证号", "ID number"),
    "account": ("账号", "account"),
}


SECTORS: dict[str, tuple[str, str]] = {
    "bank": ("银行", "bank"),
    "insurance": ("保险", "insurance"),
}

#: What an analysis cue's prefix says: the emotion a word signals, or what else the reader counted it as.
CUE_KINDS: dict[str, tuple[str, str]] = {
    **EMOTIONS,
    "insults": ("辱骂", "insult"),
    "accusations": ("指控", "accusation"),
    "intensifiers": ("加重语气", "intensifier"),
    "negated": ("已被否定，不计", "negated, not counted"),
    "others": ("他人的情绪，不计", "someone else's feeling, not counted"),
    "runner-up": ("次选", "runner-up"),
}


def cue_text(cue: str, lang: str) -> str:
    """One cue of an analysis as a person reads it in ``lang``.

    The readers record cues as ``kind:words`` (``insults:骗子``, ``exclamations:3``, ``emoticon:anger:[怒]``,
    ``sector:bank``, ``runner-up:营销宣传 0.21``) so that programs can count them; a page names the kind
    (``辱骂：骗子``, ``感叹号 ×3``, ``表情（愤怒）：[怒]``, ``行业：银行``, ``次选：营销宣传 0.21``). A cue with no
    known kind, such as a taxonomy's cue word, shows as it is.
    """
    index = LANGUAGES.index(lang)
    colon = TEXT[lang]["colon"]
    kind, emotion, words = cue_parts(cue)
    if not words:
        return cue
    if kind == "exclamations" and words.isdigit():
        return ("感叹号 ×", "exclamation marks ×")[index] + words
    if kind == "sector" and words in SECTORS:
        return ("行业", "sector")[index] + colon + SECTORS[words][index]
    if kind == "emoticon":
        named = EMOTIONS.get(emotion, (emotion, emotion))[index]
        return ("表情（{}）", "emoticon ({})")[index].format(named) + colon + words
    if kind not in CUE_KINDS:
        return cue
    if words == "!":
        words = ("感叹号", "exclamation marks")[index]
    return CUE_KINDS[kind][index] + colon + words


def language(requested: str | None) -> str:
    """The page language: English when asked for (``en``), Simplified Chinese otherwise."""
    return "en" if requested == "en" else "zh"


def vocabulary(lang: str) -> dict[str, Any]:
    """Everything a template needs to name things in ``lang``: interface strings and the names of threats,
    vulnerabilities and emotions (an unknown name, such as an institution's own emotion label, shows as is)."""
    index = LANGUAGES.index(lang)

    def naming(names: dict[str, tuple[str, str]]) -> dict[str, str]:
        return {key: pair[index] for key, pair in names.items()}

    return {
        "t": TEXT[lang],
        "threat_names": naming(THREATS),
        "vulnerable_names": naming(VULNERABLE),
        "emotion_names": naming(EMOTIONS),
        "entity_names": naming(ENTITIES),
        "group_type_names": naming(GROUP_TYPES),
        "status_names": naming(STATUSES),
        "signal_names": naming(SIGNALS),
        "identifier_names": naming(IDENTIFIERS),
        "cue_text": partial(cue_text, lang=lang),
    }
