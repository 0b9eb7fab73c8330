"""The web application factory."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine, func, select

from tousu import __version__
from tousu.campaigns.routes import router as campaigns_router
from tousu.cases.models import Complaint
from tousu.cases.routes import router as complaints_router
from tousu.config import Settings
from tousu.db import current_revision, make_engine, make_sessionmaker, require_schema
from tousu.errors import DatabaseNotReady, NotFound, TousuError
from tousu.web.pages import router as pages_router


def create_app(settings: Settings, *, engine: Engine | None = None) -> FastAPI:
    """A Tousu web app on ``settings``' database (the schema must be current)."""
    engine = engine or make_engine(settings.database_url)
    require_schema(engine)
    app = FastAPI(title="Tousu 投诉风险分析平台", version=__version__)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = make_sessionmaker(engine)
    app.include_router(complaints_router)
    app.include_router(campaigns_router)

    @app.exception_handler(NotFound)
    def _not_found(_request: Request, error: NotFound) -> JSONResponse:
        return JSONResponse(status_code=404, content={"detail": error.message})

    @app.exception_handler(DatabaseNotReady)
    def _not_ready(_request: Request, error: DatabaseNotReady) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": error.message})

    @app.exception_handler(TousuError)
    def _domain_error(_request: Request, error: TousuError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": error.message})

    @app.exception_handler(ValueError)
    def _bad_value(_request: Request, error: ValueError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(error)})

    @app.get("/health", tags=["health"])
    def health() -> dict[str, object]:
        with app.state.sessions() as session:
            complaints = session.scalar(select(func.count(Complaint.id))) or 0
        return {
            "status": "ok",
            "version": __version__,
            "database": engine.dialect.name,
            "schema": current_revision(engine),
            "complaints": complaints,
        }

    app.include_router(pages_router)
    return app
