"""A briefing as files: PNG per page or one PDF, rendered through :mod:`kpi.present.render`
(one shared browser per process, loaded only when a file is wanted)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kpi.present.documents.canvas import DEFAULT_WIDTH
from kpi.present.documents.data import BriefingError
from kpi.present.documents.layout import Briefing, build_briefing
from kpi.present.locale import ViewState
from kpi.storage.store import Store

#: File types each format can be written as.
SUFFIXES = {"poster": (".png",), "slides": (".pdf", ".png"), "a4": (".pdf",)}


def render_briefing(
    store: Store, view: ViewState, width: int = DEFAULT_WIDTH, **options: Any
) -> bytes:
    """The poster briefing of ``view`` as PNG bytes, ``width`` pixels wide; ``options``
    are :func:`build_briefing`'s ``now`` and ``prepared_by``.

    Raises:
        BriefingError: unknown jurisdiction or width out of range.
        kpi.present.render.ChromiumMissing: no browser to render with.
    """
    briefing = build_briefing(store, view, width, fmt="poster", **options)
    return render_pngs(briefing)[0]


def render_pngs(briefing: Briefing) -> list[bytes]:
    """One PNG per page of ``briefing``."""
    from kpi.present.render import figures_to_png  # the browser stack only when a PNG is wanted

    figs = [p.figure for p in briefing.pages]
    return figures_to_png(figs, briefing.width, [p.height for p in briefing.pages])


def render_pdf(briefing: Briefing) -> bytes:
    """Every page of ``briefing`` as one PDF (text as text, CJK font embedded)."""
    from kpi.present.render import figures_to_pdf

    figs = [p.figure for p in briefing.pages]
    return figures_to_pdf(figs, briefing.width, [p.height for p in briefing.pages])


def check_out(kind: str, out: Path) -> None:
    """Raise BriefingError when ``out`` is not a file type the format ``kind`` is written as."""
    allowed = SUFFIXES.get(kind, ())
    if out.suffix.lower() not in allowed:
        types = " / ".join(allowed)
        raise BriefingError("briefing.bad_file_type", format=kind, types=types, name=out.name)


def briefing_files(briefing: Briefing, out: Path) -> list[tuple[Path, bytes]]:
    """The files of ``briefing`` for ``out``: one PDF, or one PNG per page (several pages
    as ``name-01.png``, ``name-02.png`` ...: the overview slide first)."""
    check_out(briefing.format, out)
    if out.suffix.lower() == ".pdf":
        return [(out, render_pdf(briefing))]
    pngs = render_pngs(briefing)
    if len(pngs) == 1:
        return [(out, pngs[0])]
    return [
        (out.with_name(f"{out.stem}-{k:02d}{out.suffix}"), png)
        for k, png in enumerate(pngs, start=1)
    ]
