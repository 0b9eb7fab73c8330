"""The web pages: the complaint list with each complaint's analysis, one complaint with the reasons behind it,
and the suspected campaigns and group events with their dossiers.

Pages are for people at a browser and show what a viewer may see: personal data is always masked here (a role
that may see it asks the JSON API). Routes only parse the request and render; the reading is the cases and
campaigns services'.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from importlib.resources import files
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tousu.analysis.records import CHANNELS
from tousu.campaigns import service as campaigns
from tousu.cases import service
from tousu.errors import BadInput, NotFound
from tousu.web.deps import SessionDep
from tousu.web.labels import language, vocabulary

PAGE_SIZE = 50

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(files("tousu.web") / "templates"))


@router.get("/", response_class=HTMLResponse)
def complaint_list(
    request: Request,
    session: SessionDep,
    page: int = 1,
    q: Annotated[str | None, Query(max_length=100)] = None,
    channel: str | None = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
    emotion: Annotated[str | None, Query(max_length=32)] = None,
    lang: str | None = None,
) -> HTMLResponse:
    lang = language(lang)
    filters = {"q": q or None, "channel": channel or None, "category": category or None, "emotion": emotion or None}
    error, listing = None, None
    try:
        listing = service.list_complaints(
            session,
            page=page,
            size=PAGE_SIZE,
            channel=filters["channel"],
            search=filters["q"],
            category=filters["category"],
            emotion=filters["emotion"],
        )
    except ValueError as problem:
        error = str(problem)
    pages = max(1, math.ceil(listing.total / PAGE_SIZE)) if listing else 1
    kept = _kept(filters, lang)
    return templates.TemplateResponse(
        request,
        "complaints.html",
        {
            **_context(lang, "/", {**kept, "page": page}),
            "listing": listing,
            "error": error,
            "filters": filters,
            "pages": pages,
            "facets": service.analysis_facets(session),
            "page_link": lambda number: "/?" + urlencode({**kept, "page": number}),
        },
        status_code=400 if error else 200,
    )


@router.get("/complaints/{complaint_id}", response_class=HTMLResponse)
def complaint_page(request: Request, complaint_id: str, session: SessionDep, lang: str | None = None) -> HTMLResponse:
    context = _context(language(lang), f"/complaints/{complaint_id}")
    return _detail_page(
        request,
        {**context, "heading": context["t"]["complaint"], "list_link": "/" + context["detail_query"]},
        lambda: {"c": service.get_complaint(session, complaint_id)},
        "complaint.html",
        missing=context["t"]["not_found"].format(id=complaint_id),
    )


@router.get("/campaigns", response_class=HTMLResponse)
def campaign_list(
    request: Request,
    session: SessionDep,
    group_type: str | None = None,
    status: str | None = None,
    lang: str | None = None,
) -> HTMLResponse:
    lang = language(lang)
    filters = {"group_type": group_type or None, "status": status or None}
    error, listing = None, None
    try:
        listing = campaigns.list_campaigns(session, **filters)
    except BadInput as problem:
        error = problem.message
    return templates.TemplateResponse(
        request,
        "campaigns.html",
        {**_context(lang, "/campaigns", _kept(filters, lang)), "listing": listing, "error": error, "filters": filters},
        status_code=400 if error else 200,
    )


@router.get("/campaigns/{code}", response_class=HTMLResponse)
def campaign_page(request: Request, code: str, session: SessionDep, lang: str | None = None) -> HTMLResponse:
    context = _context(language(lang), f"/campaigns/{code}")
    return _detail_page(
        request,
        {**context, "heading": context["t"]["campaigns"], "list_link": "/campaigns" + context["detail_query"]},
        lambda: {"g": campaigns.get_campaign(session, code)},
        "campaign.html",
        missing=context["t"]["group_not_found"].format(code=code),
    )


def _detail_page(
    request: Request, context: dict[str, Any], read: Callable[[], dict[str, Any]], template: str, *, missing: str
) -> HTMLResponse:
    """One record's page: ``template`` with what ``read`` found, or a 404 page saying ``missing`` when it found
    nothing."""
    try:
        found = read()
    except NotFound:
        return templates.TemplateResponse(request, "missing.html", {**context, "missing": missing}, status_code=404)
    return templates.TemplateResponse(request, template, {**context, **found})


def _context(lang: str, path: str, kept: dict[str, Any] | None = None) -> dict[str, Any]:
    """What every page needs: the words of its language, the channels' names, the same page in the other
    language (with what the request narrowed kept), and the query that keeps the language on links to a detail
    page."""
    other = "zh" if lang == "en" else "en"
    return {
        **vocabulary(lang),
        "channels": CHANNELS,
        "lang": lang,
        "other_language": f"{path}?" + urlencode({**(kept or {}), "lang": other}),
        "detail_query": "?lang=en" if lang == "en" else "",
    }


def _kept(filters: dict[str, str | None], lang: str) -> dict[str, str]:
    """The filters a request set, and the language when it is not the default: what links from the page keep."""
    return {key: value for key, value in {**filters, "lang": lang if lang == "en" else None}.items() if value}
