"""Evidence pack of a suspected campaign for legal review and police referral: a workbook and a readable report.

The pack states that the group is a suspicion to be verified, when it was generated and by which
detection run. Identifiers appear only masked (with a keyed-hash prefix to match them across packs);
complainants are masked unless the caller explicitly asks for them in the clear.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tousu.analysis.records import CHANNELS
from tousu.campaigns.schemas import GroupRead
from tousu.campaigns.service import get_campaign
from tousu.config import DISPLAY_TIMEZONE

SIGNAL_LABELS: dict[str, str] = {
    "template": "模板雷同 / same template",
    "shared_phone": "共用电话 / shared phone",
    "shared_agent": "同一代理人 / same agent",
    "shared_email": "共用邮箱 / shared e-mail",
    "shared_address": "共用地址 / shared address",
    "proxy_letter": "授权委托或只联系代理人 / power of attorney, agent-only contact",
    "phone_refusal": "拒绝电话沟通 / refuses phone contact",
    "agent_demand": "代理式诉求 / agent-style demands",
    "law_citations": "密集引用法条 / dense law citations",
    "regulator_threats": "施压威胁 / threats of regulator, media, courts",
    "burst": "集中爆发 / burst in time",
    "regulator_channel": "集中经监管转办 / regulator transfers",
}
IDENTIFIER_LABELS = {
    "phone": "电话 / phone",
    "agent": "代理人 / agent",
    "email": "邮箱 / e-mail",
    "address": "地址 / address",
    "account": "账号 / account",
    "id_number": "证件号 / ID number",
    "name": "姓名 / name",
}
STATUS_LABELS = {
    "suspected": "待核实 / suspected, to be verified",
    "confirmed": "已确认 / confirmed",
    "dismissed": "已排除 / dismissed",
}
DISCLAIMER = (
    "本材料为系统识别的疑似线索，须经人工核实，不构成对任何投诉人或代理人的定性结论；"
    "被标记的投诉仍须依法按时受理和答复，标记不暂停任何法定时限。真实的委托投诉依法应予受理（《银行保险机构消费投诉"
    "处理管理办法》第十四条）。",
    "This material is a suspicion found by software and must be verified by a person; it is not a finding "
    "against any complainant or agent. Flagged complaints must still be accepted and answered on time: a flag "
    "never pauses a statutory deadline, and genuine delegated complaints must be accepted (Art 14).",
)


@dataclass(frozen=True)
class EvidencePack:
    """The files written for one group."""

    code: str
    workbook: Path
    markdown: Path
    html: Path


def write_evidence_pack(session: Session, code: str, out_dir: Path, *, unmasked: bool = False) -> EvidencePack:
    """Write ``CODE-evidence.xlsx``, ``CODE-report.md`` and ``CODE-report.html`` into ``out_dir``.

    Args:
        session: a session on the register.
        code: the group's code (CMP-n or EVT-n).
        out_dir: the folder (made when missing).
        unmasked: complainant names in the clear (only for roles that may see personal data).

    Returns:
        The paths written.
    """
    group = get_campaign(session, code, unmasked=unmasked)
    generated = datetime.now(UTC).astimezone(DISPLAY_TIMEZONE)
    out_dir.mkdir(parents=True, exist_ok=True)
    sections = _sections(group, generated)
    pack = EvidencePack(
        group.code,
        out_dir / f"{group.code}-evidence.xlsx",
        out_dir / f"{group.code}-report.md",
        out_dir / f"{group.code}-report.html",
    )
    _write_workbook(pack.workbook, group, sections)
    pack.markdown.write_text(_markdown(group, sections), encoding="utf-8")
    pack.html.write_text(_html(group, sections), encoding="utf-8")
    return pack


@dataclass(frozen=True)
class _Section:
    """One part of the pack: a bilingual title, a line of explanation and a table (header, rows)."""

    sheet: str
    title: str
    note: str
    header: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def _when(moment: datetime | None) -> str:
    return moment.astimezone(DISPLAY_TIMEZONE).strftime("%Y-%m-%d %H:%M") if moment else ""


def _title(group: GroupRead) -> str:
    if group.group_type == "campaign":
        return f"疑似黑产投诉团伙线索报告 {group.code} / Suspected organised complaint campaign {group.code}"
    return f"群体事件报告 {group.code} / Group event {group.code}"


def _sections(group: GroupRead, generated: datetime) -> list[_Section]:
    d = group.dossier
    run = group.run
    products = "; ".join(f"{k or '-'}: {v}" for k, v in d.get("products", {}).items()) or d.get("product") or ""
    summary = [
        ("编号 / code", group.code),
        ("类型 / type", "疑似黑产团伙 / campaign" if group.group_type == "campaign" else "群体事件 / group event"),
        ("团伙类别 / kind", group.kind),
        ("可疑分值 / score", "" if group.score is None else f"{group.score:.2f}"),
        ("状态 / status", STATUS_LABELS.get(group.status, group.status)),
        ("决定人 / decided by", group.decided_by or ""),
        ("决定理由 / reason", group.decision_reason or ""),
        ("成员投诉数 / member complaints", group.member_count),
        ("不同投诉人 / different complainants", d.get("persons", "")),
        ("首次受理 / first received", _when(group.first_received)),
        ("最近受理 / last received", _when(group.last_received)),
        ("产品 / products", products),
        ("渠道 / channels", "; ".join(f"{CHANNELS.get(k, k)}: {v}" for k, v in d.get("channels", {}).items())),
        ("关联团伙 / related campaigns", ", ".join(d.get("related", []))),
        ("生成时间 / generated", _when(generated)),
        ("识别批次 / detection run", f"#{run.id}, {_when(run.started_at)}, {run.complaints:,} 件 complaints"),
        ("识别耗时 / run duration", f"{run.duration_seconds or 0:.1f} s"),
        ("个人信息 / personal data", "已脱敏 / masked" if group.masked else "未脱敏，请依法保管 / in the clear"),
        ("声明 / notice", f"{DISCLAIMER[0]} {DISCLAIMER[1]}"),
    ]
    if group.group_type == "campaign":
        reasons = [
            (SIGNAL_LABELS.get(r["signal"], r["signal"]), r["points"], r["explanation_zh"], r["explanation_en"])
            for r in d.get("reasons", [])
            if r.get("points", 0) > 0
        ]
    else:
        zh, en = (list(d.get("reasons", [])) + ["", ""])[:2]
        reasons = [("群体事件：同一产品集中投诉 / group event: one product, many complainants", "", zh, en)]
    members = [
        (m.complaint_id, _when(m.received_at), m.channel_label, m.product or "", m.branch or "")
        + (m.complainant or "", m.how, "" if m.score is None else m.score)
        for m in group.members
    ]
    template = [(i + 1, s) for i, s in enumerate(d.get("template", []))]
    differences = [
        (x["complaint_id"], x["similarity"], x["common_missing"], " | ".join(x["own_sentences"]))
        for x in d.get("differences", [])
    ]
    shared = [
        (IDENTIFIER_LABELS.get(s["kind"], s["kind"]), s["masked"], s["hash_prefix"], s["members"], s["persons"])
        for s in d.get("shared_identifiers", [])
    ]
    return [
        _Section("概要", "概要 / Summary", "", ("项目 / item", "内容 / value"), summary),
        _Section(
            "理由",
            "识别理由与分值 / Why it was flagged",
            "分值为 0-100 的贡献，合计即可疑分值（噪声或）/ points on a 0-100 scale; together they make the score",
            ("信号 / signal", "分值 / points", "说明", "explanation"),
            reasons,
        ),
        _Section(
            "成员",
            "成员投诉 / Member complaints",
            "加入方式：detection 全量识别，incremental 导入时比对 / how: full detection or incremental check",
            ("投诉编号 / id", "受理时间 / received", "渠道 / channel", "产品 / product", "机构 / branch")
            + ("投诉人 / complainant", "加入方式 / how", "相似度 / similarity"),
            members,
        ),
        _Section(
            "模板",
            "共同模板语句 / Template sentences",
            "至少半数成员写有的句子（数字记为 #，姓名记为 某）/ sentences at least half the members write",
            ("序号 / no.", "语句 / sentence"),
            template,
        ),
        _Section(
            "模板",
            "各成员与模板的差异 / Each member's differences",
            "缺少的模板句数与自有语句（前几句）/ template sentences missing and the member's own sentences",
            ("投诉编号 / id", "相似度 / similarity", "缺少模板句 / missing", "自有语句 / own sentences"),
            differences,
        ),
        _Section(
            "共享标识",
            "共享标识 / Shared identifiers",
            "仅显示脱敏形式与密钥哈希前缀 / masked form and keyed-hash prefix only",
            ("类别 / kind", "脱敏值 / masked", "哈希前缀 / hash", "投诉数 / complaints", "投诉人数 / persons"),
            shared,
        ),
        _Section(
            "时间线",
            "时间线（按周）/ Timeline by ISO week",
            "",
            ("周 / week", "投诉数 / complaints"),
            list(d.get("timeline", {}).items()),
        ),
        _Section(
            "代理特征",
            "代理特征词 / Agent markers",
            "成员文本中出现的代理、施压与引用特征 / agent, pressure and citation cues in the letters",
            ("特征 / marker", "出现次数 / count"),
            list(d.get("markers", {}).items()),
        ),
    ]


def _write_workbook(path: Path, group: GroupRead, sections: list[_Section]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    head = book.add_format({"bold": True, "font_size": 13})
    sheets: dict[str, Any] = {}
    next_row: dict[str, int] = {}
    for section in sections:
        if section.sheet not in sheets:
            sheets[section.sheet] = book.add_worksheet(section.sheet)
            next_row[section.sheet] = 0
        sheet, top = sheets[section.sheet], next_row[section.sheet]
        sheet.write(top, 0, section.title, head)
        sheet.write(top + 1, 0, section.note or _title(group))
        for col, name in enumerate(section.header):
            sheet.write(top + 3, col, name, bold)
            sheet.set_column(col, col, 60 if col == len(section.header) - 1 else 22)
        for r, row in enumerate(section.rows, start=top + 4):
            for col, value in enumerate(row):
                sheet.write(r, col, value, wrap)
        if not section.rows:
            sheet.write(top + 4, 0, "（无 / none）")
        if top == 0:
            sheet.freeze_panes(4, 0)
        next_row[section.sheet] = top + 6 + max(len(section.rows), 1)
    book.close()


def _cell_md(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _markdown(group: GroupRead, sections: list[_Section]) -> str:
    lines = [f"# {_title(group)}", "", f"> **{DISCLAIMER[0]}**", ">", f"> {DISCLAIMER[1]}", ""]
    for number, section in enumerate(sections, start=1):
        lines += [f"## {number}. {section.title}", ""]
        if section.note:
            lines += [section.note, ""]
        if not section.rows:
            lines += ["（无 / none）", ""]
            continue
        lines.append("| " + " | ".join(section.header) + " |")
        lines.append("|" + "---|" * len(section.header))
        lines += ["| " + " | ".join(_cell_md(v) for v in row) + " |" for row in section.rows]
        lines.append("")
    return "\n".join(lines)


_STYLE = (
    "body{font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;margin:2em auto;max-width:1100px;"
    "color:#222;line-height:1.5}table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}"
    "th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top;font-size:13px}th{background:#ddebf7}"
    ".notice{border-left:4px solid #c0392b;background:#fdf2f0;padding:.6em 1em}.note{color:#555}"
    "@media print{body{margin:0}}"
)


def _html(group: GroupRead, sections: list[_Section]) -> str:
    e = html.escape
    parts = [
        "<!doctype html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{e(_title(group))}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(_title(group))}</h1>",
        f'<div class="notice"><p><strong>{e(DISCLAIMER[0])}</strong></p><p lang="en">{e(DISCLAIMER[1])}</p></div>',
    ]
    for number, section in enumerate(sections, start=1):
        parts.append(f"<h2>{number}. {e(section.title)}</h2>")
        if section.note:
            parts.append(f'<p class="note">{e(section.note)}</p>')
        if not section.rows:
            parts.append("<p>（无 / none）</p>")
            continue
        parts.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in section.header) + "</tr></thead>")
        body = "".join("<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in row) + "</tr>" for row in section.rows)
        parts.append(f"<tbody>{body}</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts)
