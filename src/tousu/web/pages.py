"""The web pages: the complaint list with each complaint's analysis, and one complaint with the reasons behind it.

Pages are for people at a browser and show what a viewer may see: personal data is always masked here (a role
that may see it asks the JSON API). Routes only parse the request and render; the reading is the cases
service's.
"""

from __future__ import annotations

import math
from importlib.resources import files
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tousu.analysis.records import CHANNELS
from tousu.cases import service
from tousu.errors import NotFound
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
    kept = {key: value for key, value in {**filters, "lang": lang if lang == "en" else None}.items() if value}
    return templates.TemplateResponse(
        request,
        "complaints.html",
        {
            **vocabulary(lang),
            "lang": lang,
            "listing": listing,
            "error": error,
            "filters": filters,
            "pages": pages,
            "channels": CHANNELS,
            "facets": service.analysis_facets(session),
            "page_link": lambda number: "/?" + urlencode({**kept, "page": number}),
            "other_language": "/?" + urlencode({**kept, "page": page, "lang": "zh" if lang == "en" else "en"}),
            "detail_query": "?lang=en" if lang == "en" else "",
        },
        status_code=400 if error else 200,
    )


@router.get("/complaints/{complaint_id}", response_class=HTMLResponse)
def complaint_page(request: Request, complaint_id: str, session: SessionDep, lang: str | None = None) -> HTMLResponse:
    lang = language(lang)
    context = {**vocabulary(lang), "lang": lang, "complaint_id": complaint_id}
    context["other_language"] = f"/complaints/{complaint_id}?lang={'zh' if lang == 'en' else 'en'}"
    context["list_link"] = "/?lang=en" if lang == "en" else "/"
    try:
        complaint = service.get_complaint(session, complaint_id)
    except NotFound:
        return templates.TemplateResponse(request, "missing.html", context, status_code=404)
    return templates.TemplateResponse(request, "complaint.html", {**context, "c": complaint})
