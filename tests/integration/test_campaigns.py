"""Campaign detection on the stored register, on SQLite and on PostgreSQL: store, re-detect, incremental, evidence."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from tousu.analysis.records import ComplaintRecord
from tousu.campaigns import service
from tousu.campaigns.evidence import write_evidence_pack
from tousu.campaigns.incremental import campaign_hook
from tousu.campaigns.models import CampaignRun, GroupMember, SuspectedGroup
from tousu.campaigns.routes import router
from tousu.cases.imports import import_records
from tousu.cases.models import Complaint
from tousu.config import Settings
from tousu.demo import DemoConfig, DemoDataset, generate_demo
from tousu.errors import NotFound
from tousu.web.app import create_app

FIRST = 500
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@lru_cache(maxsize=1)
def demo() -> DemoDataset:
    """A small register: ordinary complaints, repeats, one real product incident and several organised campaigns."""
    return generate_demo(
        DemoConfig(complaints=600, seed=3, months=3, campaign_share=0.2, group_event_share=0.1, repeat_share=0.05)
    )


def truth_kind(complaint_id: str) -> str:
    return next(row.kind for row in demo().truth if row.complaint_id == complaint_id)


def load_register(sessions: sessionmaker[Session], records: list[ComplaintRecord]) -> None:
    import_records(sessions, records, source_name="demo")


def stored(sessions: sessionmaker[Session], group_type: str) -> list[SuspectedGroup]:
    with sessions() as session:
        return list(session.scalars(select(SuspectedGroup).where(SuspectedGroup.group_type == group_type)))


def member_ids(sessions: sessionmaker[Session], code: str) -> list[str]:
    with sessions() as session:
        return list(
            session.scalars(
                select(Complaint.complaint_id)
                .join(GroupMember, GroupMember.complaint_pk == Complaint.id)
                .join(SuspectedGroup, SuspectedGroup.id == GroupMember.group_id)
                .where(SuspectedGroup.code == code)
            )
        )


def test_detection_stores_campaigns_and_group_events_that_match_the_known_truth(
    sessions: sessionmaker[Session],
) -> None:
    load_register(sessions, demo().records[:FIRST])
    with sessions() as session:
        before = dict(session.execute(select(Complaint.complaint_id, Complaint.updated_at)).all())

    summary = service.detect_in_register(sessions)

    campaigns, events = stored(sessions, "campaign"), stored(sessions, "group_event")
    assert summary.complaints == FIRST
    assert len(campaigns) == summary.campaigns >= 2
    assert len(events) == summary.group_events >= 1
    assert sorted(g.code for g in campaigns) == [f"CMP-{n}" for n in range(1, len(campaigns) + 1)]
    for group in campaigns:
        members = member_ids(sessions, group.code)
        assert len(members) == group.member_count >= 3
        assert group.status == "suspected" and group.dossier["id"] == group.code
        assert sum(truth_kind(m) == "campaign" for m in members) / len(members) >= 0.8
        assert group.dossier["reasons"] and group.score is not None and group.score >= 0.6
    for event in events:
        assert all(truth_kind(m) != "campaign" for m in member_ids(sessions, event.code))
    with sessions() as session:
        run = session.scalars(select(CampaignRun)).one()
        after = dict(session.execute(select(Complaint.complaint_id, Complaint.updated_at)).all())
    assert run.complaints == FIRST and run.parameters["num_perm"] > 0 and run.duration_seconds is not None
    assert after == before  # a flag never changes a complaint (and so never its deadline)


def test_redetection_keeps_every_code_and_a_persons_dismissal(sessions: sessionmaker[Session]) -> None:
    load_register(sessions, demo().records[:FIRST])
    first = service.detect_in_register(sessions)
    service.decide(sessions, "cmp-1", "dismissed", by="风控部 李敏", reason="核实为真实委托，非代理黑产")

    second = service.detect_in_register(sessions)

    assert sorted(second.kept_codes) == sorted(first.new_codes)
    assert second.new_codes == [] and second.dropped_codes == []
    (dismissed,) = [g for g in stored(sessions, "campaign") if g.code == "CMP-1"]
    assert dismissed.status == "dismissed"
    assert dismissed.decided_by == "风控部 李敏" and dismissed.decision_reason == "核实为真实委托，非代理黑产"
    assert dismissed.run_id == second.run_id


def test_a_new_templated_complaint_joins_its_campaign_at_import_without_a_rerun(
    sessions: sessionmaker[Session],
) -> None:
    load_register(sessions, demo().records[:FIRST])
    service.detect_in_register(sessions)
    target = max(stored(sessions, "campaign"), key=lambda g: g.member_count)
    template_source = next(r for r in demo().records if r.complaint_id == member_ids(sessions, target.code)[0])
    newcomer = replace(
        template_source,
        complaint_id="NEW-2026-0001",
        complainant_name="邓晓梅",
        id_number=None,
        phone="13700002222",
        email=None,
        address=None,
        account_no=None,
        received_at=template_source.received_at + timedelta(days=3),
    )
    ordinary = next(r for r in demo().records[FIRST:] if truth_kind(r.complaint_id) == "ordinary")
    hook = campaign_hook()

    import_records(sessions, [newcomer, ordinary], source_name="new letters", after_chunk=hook)

    joined = {j.complaint_id: j for j in hook.joined}
    assert set(joined) == {"NEW-2026-0001"}
    assert joined["NEW-2026-0001"].code == target.code and "template" in joined["NEW-2026-0001"].via
    assert "NEW-2026-0001" in member_ids(sessions, target.code)
    with sessions() as session:
        how = session.scalars(
            select(GroupMember.how)
            .join(Complaint, Complaint.id == GroupMember.complaint_pk)
            .where(Complaint.complaint_id == "NEW-2026-0001")
        ).one()
        runs = session.scalar(select(func.count()).select_from(CampaignRun))
        grown = session.scalars(select(SuspectedGroup).where(SuspectedGroup.code == target.code)).one()
    assert how == "incremental" and runs == 1
    assert grown.member_count == target.member_count + 1


def test_the_import_check_flags_later_members_of_known_campaigns_and_no_ordinary_complaint(
    sessions: sessionmaker[Session],
) -> None:
    load_register(sessions, demo().records[:FIRST])
    service.detect_in_register(sessions)
    hook = campaign_hook()

    import_records(sessions, demo().records[FIRST:], source_name="later", after_chunk=hook)

    assert hook.joined, "the later letters of a running campaign should be recognised"
    assert all(truth_kind(j.complaint_id) == "campaign" for j in hook.joined)


def test_a_dismissed_campaign_gathers_no_new_complaints(sessions: sessionmaker[Session]) -> None:
    load_register(sessions, demo().records[:FIRST])
    service.detect_in_register(sessions)
    target = max(stored(sessions, "campaign"), key=lambda g: g.member_count)
    service.decide(sessions, target.code, "dismissed", by="合规 王强", reason="同一律所的正当委托")
    service.detect_in_register(sessions)
    source = next(r for r in demo().records if r.complaint_id == member_ids(sessions, target.code)[0])
    hook = campaign_hook()

    import_records(
        sessions, [replace(source, complaint_id="NEW-X", phone="13611112222")], source_name="x", after_chunk=hook
    )

    assert all(j.code != target.code for j in hook.joined)
    assert "NEW-X" not in member_ids(sessions, target.code)


def test_the_evidence_pack_holds_every_member_and_no_clear_phone_number(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    records = demo().records[:FIRST]
    load_register(sessions, records)
    service.detect_in_register(sessions)
    target = max(stored(sessions, "campaign"), key=lambda g: g.member_count)
    members = member_ids(sessions, target.code)
    phones = {p for r in records for p in (r.phone, r.representative_phone) if p} | {
        m for r in records for m in MOBILE.findall(r.content)
    }
    names = {r.complainant_name for r in records if r.complainant_name and len(r.complainant_name) >= 2}

    with sessions() as session:
        pack = write_evidence_pack(session, target.code, tmp_path / "pack")

    book = load_workbook(pack.workbook, read_only=True)
    assert {"概要", "成员", "模板", "共享标识", "时间线", "代理特征", "理由"} <= set(book.sheetnames)
    cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
    markdown = pack.markdown.read_text("utf-8")
    page = pack.html.read_text("utf-8")
    assert set(members) <= set(cells) and all(m in markdown and m in page for m in members)
    assert "须经人工核实" in markdown and "verified by a person" in page
    assert f"#{target.run_id}" in markdown
    dossier_text = json.dumps(target.dossier, ensure_ascii=False)
    for text in (" ".join(cells), markdown, page, dossier_text):
        assert not phones & set(MOBILE.findall(text))
        assert not [name for name in names if len(name) == 3 and name in text]
    assert "<script" not in page and "<link" not in page and "http" not in page


def test_members_are_masked_unless_asked_and_an_unknown_code_is_one_sentence(sessions: sessionmaker[Session]) -> None:
    records = demo().records[:FIRST]
    load_register(sessions, records)
    service.detect_in_register(sessions)
    name_of = {r.complaint_id: r.complainant_name for r in records}

    with sessions() as session:
        masked = service.get_campaign(session, "CMP-1")
        clear = service.get_campaign(session, "CMP-1", unmasked=True)
        with pytest.raises(NotFound, match="CMP-404"):
            service.get_campaign(session, "CMP-404")

    assert [m.complainant for m in clear.members] == [name_of[m.complaint_id] for m in clear.members]
    assert all(m.complainant and "*" in m.complainant for m in masked.members)
    assert masked.masked and not clear.masked


def test_the_api_lists_campaigns_and_shows_a_dossier_masked_for_a_viewer(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    load_register(sessions, demo().records[:FIRST])
    service.detect_in_register(sessions)
    app = create_app(Settings(database_url=engine.url.render_as_string(hide_password=False)), engine=engine)
    app.include_router(router)
    client = TestClient(app)

    listing = client.get("/api/campaigns").json()
    detail = client.get("/api/campaigns/CMP-1")
    refused = client.get("/api/campaigns/CMP-1", params={"unmasked": "true"})
    missing = client.get("/api/campaigns/CMP-999")

    assert listing["total"] == len(listing["items"]) >= 3
    assert {i["group_type"] for i in listing["items"]} == {"campaign", "group_event"}
    assert detail.status_code == 200 and detail.json()["masked"] is True
    assert detail.json()["dossier"]["reasons"]
    assert refused.status_code == 403
    assert missing.status_code == 404 and "CMP-999" in missing.json()["detail"]


def test_a_campaign_members_complaint_shows_its_campaign_in_its_stored_analysis(
    sessions: sessionmaker[Session],
) -> None:
    from tousu.analysis.pipeline import ComplaintReader
    from tousu.cases.analyses import analysis_hook
    from tousu.cases.service import get_complaint

    records = demo().records[:FIRST]
    import_records(sessions, records, source_name="demo", after_chunk=analysis_hook(ComplaintReader()))
    service.detect_in_register(sessions)
    (campaign, *_) = stored(sessions, "campaign")
    member = member_ids(sessions, campaign.code)[0]
    ordinary = next(r.complaint_id for r in records if truth_kind(r.complaint_id) == "ordinary")

    with sessions() as session:
        flagged = get_complaint(session, member).analysis
        plain = get_complaint(session, ordinary).analysis

    assert flagged is not None and flagged["campaign"]["id"] == campaign.code
    assert flagged["campaign"]["signals"]
    assert plain is not None and plain["campaign"] is None
