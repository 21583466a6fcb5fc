"""Briefings for meetings and documents, per jurisdiction or for all of them.

Three formats: ``poster`` (one tall PNG), ``slides`` (1920 x 1080 pages: an overview
slide with every jurisdiction's one-sentence headline, then one slide per
jurisdiction; PNG files or one PDF) and ``a4`` (portrait A4 pages as one PDF). Every
bullet chart of one briefing shares one percentage axis, and the source line names
the reporting agency of each plan (catalog field ``reporting_agency``) and the preparer.

The modules, by job: ``data`` (what a briefing shows, read once for a view), ``canvas``
(page sizes, fonts, drawing at pixel positions), ``blocks`` (title band, headers, status
tiles, source line, footnote, watermark), ``plots`` (bullet chart, trajectories),
``layout`` (poster, slides and A4 pages: :func:`build_briefing`) and ``files`` (PNG and
PDF). Building the pages needs no browser; writing files does.
"""

from kpi.present.documents.canvas import A4_SIZE, DEFAULT_WIDTH, MAX_WIDTH, MIN_WIDTH, SLIDE_SIZE
from kpi.present.documents.data import BriefingError
from kpi.present.documents.files import (
    briefing_files,
    check_out,
    render_briefing,
    render_pdf,
    render_pngs,
)
from kpi.present.documents.layout import FORMATS, Briefing, Page, build_briefing

__all__ = [
    "A4_SIZE",
    "DEFAULT_WIDTH",
    "FORMATS",
    "MAX_WIDTH",
    "MIN_WIDTH",
    "SLIDE_SIZE",
    "Briefing",
    "BriefingError",
    "Page",
    "briefing_files",
    "build_briefing",
    "check_out",
    "render_briefing",
    "render_pdf",
    "render_pngs",
]
