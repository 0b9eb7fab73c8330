"""JSON API for complaints: list and fetch (personal data masked unless the role may see it)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from tousu.cases import service
from tousu.cases.schemas import ComplaintPage, ComplaintRead
from tousu.web.deps import RoleDep, SessionDep, may_see_personal_data

router = APIRouter(prefix="/api/complaints", tags=["complaints"])


def _unmasked(role: str, requested: bool) -> bool:
    if requested and not may_see_personal_data(role):
        raise HTTPException(
            status_code=403, detail="当前角色无权查看未脱敏个人信息 / this role may not see personal data"
        )
    return requested


@router.get("", response_model=ComplaintPage)
def list_complaints(
    session: SessionDep,
    role: RoleDep,
    page: Annotated[int, Query(ge=1)] = 1,
    size: Annotated[int, Query(ge=1, le=service.MAX_PAGE_SIZE)] = 50,
    channel: str | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    category: Annotated[str | None, Query(max_length=200, description="分析所得类别 / category as analysed")] = None,
    emotion: Annotated[str | None, Query(max_length=32, description="分析所得情绪 / emotion as analysed")] = None,
    unmasked: bool = False,
) -> ComplaintPage:
    return service.list_complaints(
        session,
        page=page,
        size=size,
        channel=channel,
        search=q,
        category=category,
        emotion=emotion,
        unmasked=_unmasked(role, unmasked),
    )


@router.get("/{complaint_id}", response_model=ComplaintRead)
def get_complaint(complaint_id: str, session: SessionDep, role: RoleDep, unmasked: bool = False) -> ComplaintRead:
    return service.get_complaint(session, complaint_id, unmasked=_unmasked(role, unmasked))
