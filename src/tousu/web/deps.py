"""Request dependencies: a database session per request and the caller's role."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.orm import Session

from tousu.config import ROLES


def get_session(request: Request) -> Iterator[Session]:
    session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


def get_role(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """The caller's role from a bearer token (TOUSU_API_TOKENS); without one, a viewer."""
    if not authorization:
        return "viewer"
    scheme, _, token = authorization.partition(" ")
    role = request.app.state.settings.api_tokens.get(token.strip()) if scheme.lower() == "bearer" else None
    if role is None:
        raise HTTPException(status_code=401, detail="令牌无效 / invalid token")
    return role


SessionDep = Annotated[Session, Depends(get_session)]
RoleDep = Annotated[str, Depends(get_role)]


def may_see_personal_data(role: str) -> bool:
    return ROLES.get(role, False)
