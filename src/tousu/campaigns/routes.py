"""JSON API for suspected campaigns and group events: list and detail (masked unless the role may see them)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from tousu.campaigns import service
from tousu.campaigns.schemas import GroupList, GroupRead
from tousu.web.deps import RoleDep, SessionDep, may_see_personal_data

router = APIRouter(prefix="/api/campaigns", tags=["campaigns"])


def _unmasked(role: str, requested: bool) -> bool:
    if requested and not may_see_personal_data(role):
        raise HTTPException(
            status_code=403, detail="当前角色无权查看未脱敏个人信息 / this role may not see personal data"
        )
    return requested


@router.get("", response_model=GroupList)
def list_campaigns(session: SessionDep, group_type: str | None = None, status: str | None = None) -> GroupList:
    return service.list_campaigns(session, group_type=group_type, status=status)


@router.get("/{code}", response_model=GroupRead)
def get_campaign(code: str, session: SessionDep, role: RoleDep, unmasked: bool = False) -> GroupRead:
    return service.get_campaign(session, code, unmasked=_unmasked(role, unmasked))
