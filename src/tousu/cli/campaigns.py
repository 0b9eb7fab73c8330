"""`tousu campaigns`: list, detect, show, export and decide suspected black-industry campaigns and group events."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.panel import Panel
from rich.table import Table

from tousu.campaigns.schemas import GroupRead
from tousu.cli.common import console, friendly_errors, runtime
from tousu.db import session_scope

campaigns_app = typer.Typer(
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="疑似黑产团伙与群体事件 / suspected black-industry campaigns and group events",
)

CodeArgument = Annotated[str, typer.Argument(help="编号，如 CMP-3 或 EVT-1 / the code, e.g. CMP-3 or EVT-1")]
ByOption = Annotated[str, typer.Option("--by", help="决定人 / who decides")]
ReasonOption = Annotated[str, typer.Option("--reason", help="理由 / why")]
JsonOption = Annotated[bool, typer.Option("--json", help="输出 JSON / print JSON")]
UnmaskedOption = Annotated[
    bool, typer.Option("--unmasked", help="显示未脱敏的投诉人姓名 / complainant names in the clear")
]
STATUS_ZH = {"suspected": "待核实", "confirmed": "已确认", "dismissed": "已排除"}
SHOWN_MEMBERS = 30
SHOWN_DIFFERENCES = 10


def register(app: typer.Typer) -> None:
    """Add ``tousu campaigns ...`` to the root command."""
    app.add_typer(campaigns_app, name="campaigns")


@campaigns_app.callback(invoke_without_command=True)
@friendly_errors
def campaigns(
    ctx: typer.Context,
    group_type: Annotated[
        str | None, typer.Option("--type", help="campaign 或 group_event / only campaigns or only group events")
    ] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="suspected / confirmed / dismissed（只看此状态 / only this status）")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """列出疑似团伙与群体事件 / list suspected campaigns and group events."""
    if ctx.invoked_subcommand is not None:
        return
    from tousu.campaigns.service import list_campaigns

    with session_scope(runtime(ctx).sessions()) as session:
        found = list_campaigns(session, group_type=group_type, status=status)
    if as_json:
        typer.echo(found.model_dump_json())
        return
    if found.latest_run is None:
        console.print("尚未运行团伙识别，请运行 `tousu campaigns detect` / no detection has run yet")
        return
    run = found.latest_run
    table = Table(title=f"疑似团伙与群体事件 / campaigns and group events（{found.total}）")
    for name, justify in (
        ("编号 code", "left"),
        ("类别 kind", "left"),
        ("分值 score", "right"),
        ("件数 n", "right"),
        ("时间 period", "left"),
        ("状态 status", "left"),
        ("主要信号 signals", "left"),
    ):
        table.add_column(name, justify="right" if justify == "right" else "left")
    for item in found.items:
        period = f"{item.first_received:%Y-%m-%d} ~ {item.last_received:%Y-%m-%d}"
        status_text = f"{STATUS_ZH.get(item.status, item.status)} {item.status}"
        if not item.in_latest_run:
            status_text += "（最近一次未再识别 / not found again）"
        score = "" if item.score is None else f"{item.score:.2f}"
        table.add_row(
            item.code, item.kind, score, str(item.member_count), period, status_text, ", ".join(item.signals[:4])
        )
    console.print(table)
    console.print(
        f"最近识别 / latest run #{run.id}: {run.started_at:%Y-%m-%d %H:%M}，{run.complaints:,} 件 complaints，"
        f"{run.duration_seconds or 0:.1f} s"
    )


@campaigns_app.command("detect")
@friendly_errors
def detect(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """对全部投诉重新识别团伙与群体事件（保留人工决定）/ run detection over the register, keeping decisions."""
    from tousu.campaigns.service import detect_in_register

    state = runtime(ctx)
    with console.status("正在识别团伙 / detecting campaigns …", spinner="dots"):
        summary = detect_in_register(state.sessions(), state.settings.secret_key)
    if as_json:
        typer.echo(json.dumps(summary.__dict__, ensure_ascii=False))
        return
    table = Table(title=f"团伙识别 / detection run #{summary.run_id}")
    table.add_column("项目 / item")
    table.add_column("结果 / result", justify="right")
    table.add_row("投诉 / complaints", f"{summary.complaints:,}")
    table.add_row("疑似团伙 / campaigns", str(summary.campaigns))
    table.add_row("群体事件 / group events", str(summary.group_events))
    table.add_row("重复投诉人 / repeat complainants", str(summary.repeats))
    table.add_row("新编号 / new codes", ", ".join(summary.new_codes) or "-")
    table.add_row("沿用编号 / codes kept", ", ".join(summary.kept_codes) or "-")
    table.add_row("不再成立 / no longer found", ", ".join(summary.dropped_codes) or "-")
    table.add_row("耗时 / seconds", f"{summary.duration_seconds:.1f}")
    console.print(table)
    console.print("提示：标记仅为疑似线索，须人工核实，不暂停任何法定时限 / a flag is a suspicion to verify")


@campaigns_app.command("show")
@friendly_errors
def show(ctx: typer.Context, code: CodeArgument, unmasked: UnmaskedOption = False, as_json: JsonOption = False) -> None:
    """查看团伙档案：理由、成员、模板、共享标识、时间线、代理特征 / show the dossier."""
    from tousu.campaigns.service import get_campaign

    with session_scope(runtime(ctx).sessions()) as session:
        group = get_campaign(session, code, unmasked=unmasked)
    if as_json:
        typer.echo(group.model_dump_json())
        return
    d = group.dossier
    score = "" if group.score is None else f"，分值 score {group.score:.2f}"
    head = (
        f"{group.kind}{score}，{group.member_count} 件 complaints，"
        f"{group.first_received:%Y-%m-%d} ~ {group.last_received:%Y-%m-%d}\n"
        f"状态 status: {STATUS_ZH.get(group.status, group.status)} {group.status}"
    )
    if group.decided_by:
        head += f"（{group.decided_by}：{group.decision_reason}）"
    head += "\n疑似线索，须人工核实 / a suspicion to be verified"
    console.print(Panel(head, title=group.code, expand=False))
    _reasons(d, group.group_type)
    _members(group)
    if group.group_type == "campaign":
        _template(d)
        _shared(d)
    _pairs("时间线 / timeline (ISO week)", "周 week", d.get("timeline", {}))
    if d.get("markers"):
        _pairs("代理特征 / agent markers", "特征 marker", d["markers"])
    if d.get("related"):
        console.print(f"关联团伙 / related campaigns: {', '.join(d['related'])}")


def _reasons(d: dict[str, Any], group_type: str) -> None:
    if group_type != "campaign":
        for line in d.get("reasons", []):
            console.print(f"• {line}")
        return
    table = Table(title="识别理由 / why it was flagged")
    table.add_column("信号 signal")
    table.add_column("分值 points", justify="right")
    table.add_column("说明 explanation")
    for r in d.get("reasons", []):
        if r["points"] > 0:
            table.add_row(r["signal"], f"{r['points']:.1f}", f"{r['explanation_zh']}\n{r['explanation_en']}")
    console.print(table)


def _members(group: GroupRead) -> None:
    members = group.members
    table = Table(title=f"成员 / members（{len(members)}）")
    for name in ("投诉编号 id", "受理 received", "渠道 channel", "产品 product", "投诉人 complainant", "加入 how"):
        table.add_column(name)
    for m in members[:SHOWN_MEMBERS]:
        table.add_row(
            m.complaint_id, f"{m.received_at:%Y-%m-%d}", m.channel_label, m.product or "", m.complainant or "", m.how
        )
    console.print(table)
    if len(members) > SHOWN_MEMBERS:
        console.print(f"…另有 {len(members) - SHOWN_MEMBERS} 件，完整清单见 export / more in `export`")


def _template(d: dict[str, Any]) -> None:
    template = d.get("template") or []
    console.print("[bold]模板语句 / template sentences[/]")
    if not template:
        console.print("  （无半数成员共有的原句：改写过的同源信件 / no sentence shared verbatim by half the members）")
    for i, sentence in enumerate(template, start=1):
        console.print(f"  {i}. {sentence}", highlight=False)
    table = Table(title="各成员差异 / differences from the template")
    for name in ("投诉编号 id", "相似度 similarity", "缺模板句 missing", "自有语句 own sentences"):
        table.add_column(name)
    differences = d.get("differences") or []
    for x in differences[:SHOWN_DIFFERENCES]:
        table.add_row(
            x["complaint_id"], f"{x['similarity']:.2f}", str(x["common_missing"]), "；".join(x["own_sentences"][:2])
        )
    console.print(table)


def _shared(d: dict[str, Any]) -> None:
    table = Table(title="共享标识 / shared identifiers (masked)")
    for name in ("类别 kind", "脱敏值 masked", "哈希 hash", "投诉数 complaints", "人数 persons"):
        table.add_column(name)
    for s in d.get("shared_identifiers", []):
        table.add_row(s["kind"], s["masked"], s["hash_prefix"], str(s["members"]), str(s["persons"]))
    console.print(table)


def _pairs(title: str, label: str, values: dict[str, int]) -> None:
    table = Table(title=title)
    table.add_column(label)
    table.add_column("件数 n", justify="right")
    for key, value in values.items():
        table.add_row(str(key), str(value))
    console.print(table)


@campaigns_app.command("export")
@friendly_errors
def export(
    ctx: typer.Context,
    code: CodeArgument,
    out: Annotated[Path, typer.Option("--out", "-o", help="输出目录 / output folder")],
    unmasked: UnmaskedOption = False,
) -> None:
    """导出证据包（XLSX、Markdown、HTML）供法务与报案 / write the evidence pack for legal and police referral."""
    from tousu.campaigns.evidence import write_evidence_pack

    with session_scope(runtime(ctx).sessions()) as session:
        pack = write_evidence_pack(session, code, out, unmasked=unmasked)
    console.print(f"证据包已写入 / evidence pack written{'' if unmasked else '（已脱敏 / masked）'}:")
    for path in (pack.workbook, pack.markdown, pack.html):
        console.print(f"  {path}", highlight=False)


@campaigns_app.command("confirm")
@friendly_errors
def confirm(ctx: typer.Context, code: CodeArgument, by: ByOption, reason: ReasonOption) -> None:
    """确认为黑产团伙（记录决定人与理由）/ confirm a campaign, recording who and why."""
    _decide(ctx, code, "confirmed", by, reason)


@campaigns_app.command("dismiss")
@friendly_errors
def dismiss(ctx: typer.Context, code: CodeArgument, by: ByOption, reason: ReasonOption) -> None:
    """排除（非黑产，记录决定人与理由）/ dismiss a suspicion, recording who and why."""
    _decide(ctx, code, "dismissed", by, reason)


def _decide(ctx: typer.Context, code: str, status: str, by: str, reason: str) -> None:
    from tousu.campaigns.service import decide

    item = decide(runtime(ctx).sessions(), code, status, by=by, reason=reason)
    console.print(
        f"{item.code} 已标记为 {STATUS_ZH[item.status]} / now {item.status}"
        f"（{item.decided_by}：{item.decision_reason}），重新识别时保留此决定 / kept across re-detection"
    )
