"""Render plotly figures to PNG bytes with kaleido 1.x and a local Chrome/Chromium.

One headless browser is started lazily per process and reused for every call, so a
dashboard exporting many charts pays the browser start-up cost once. The browser is
driven by a :class:`kaleido.Kaleido` instance that lives on a private asyncio event
loop running in a daemon thread; calls from any thread (Streamlit runs each session
in its own thread) are serialised with a lock. The browser is closed at interpreter
exit, or explicitly with :func:`shutdown`.

Nothing is fetched from the network: MathJax is disabled, plotly.js is loaded from
the copy shipped with plotly.py, and Chromium runs with background networking off.
"""

from __future__ import annotations

import asyncio
import atexit
import copy
import io
import logging
import os
import shutil
import threading
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Any, TypeVar

import kaleido
import plotly.graph_objects as go
from choreographer.browsers import Chromium
from pypdf import PdfReader, PdfWriter

from kpi.domain.errors import UserError
from kpi.present.pdf_text import fix_text_layer
from kpi.present.theme import FONT_FAMILY

__all__ = [
    "ChromiumMissing",
    "figure_to_png",
    "figures_to_pdf",
    "figures_to_png",
    "find_chromium",
    "shutdown",
]

_logger = logging.getLogger(__name__)
_T = TypeVar("_T")

ENV_CHROMIUM = "KPI_CHROMIUM"
DEBIAN_CHROMIUM = "/usr/bin/chromium"
_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")

# Seconds allowed for the browser to start, and for a single figure to render.
START_TIMEOUT_S = 60.0
RENDER_TIMEOUT_S = 60.0
CLOSE_TIMEOUT_S = 15.0

# Flags we insist on, whatever choreographer's defaults are. choreographer already
# passes --headless/--no-sandbox/--disable-gpu with its default options (we also
# set those options explicitly); the rest keep an offline, headless Chromium from
# phoning home (Debian's /usr/bin/chromium wrapper adds --enable-remote-extensions,
# which makes it skip its own --disable-background-networking).
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-sync",
    "--no-pings",
    "--no-first-run",
    "--mute-audio",
    "--hide-scrollbars",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
)


class ChromiumMissing(UserError, RuntimeError):
    """No usable Chrome/Chromium binary was found for rendering figures; the message
    (both languages) says how to install one or point KPI_CHROMIUM at one."""


def _is_executable_file(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_chromium() -> str:
    """Return the path of the Chrome/Chromium binary to render with.

    Order: ``$KPI_CHROMIUM`` (must be an executable file), ``/usr/bin/chromium``,
    then ``chromium``, ``chromium-browser`` or ``google-chrome`` on ``PATH``.
    An empty ``KPI_CHROMIUM`` counts as unset.

    Raises:
        ChromiumMissing: if ``KPI_CHROMIUM`` is invalid or no browser is found.
    """
    override = os.environ.get(ENV_CHROMIUM, "").strip()
    if override:
        path = str(Path(override).expanduser())
        if not _is_executable_file(path):
            raise ChromiumMissing("render.bad_override", env=ENV_CHROMIUM, path=override)
        return path
    if _is_executable_file(DEBIAN_CHROMIUM):
        return DEBIAN_CHROMIUM
    for name in _CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ChromiumMissing(
        "render.no_chromium",
        env=ENV_CHROMIUM,
        path=DEBIAN_CHROMIUM,
        names=", ".join(_CHROMIUM_NAMES),
    )


class _KpiChromium(Chromium):
    """choreographer's Chromium launcher plus the flags in :data:`CHROMIUM_FLAGS`."""

    def get_cli(self) -> list[str]:
        cli = list(super().get_cli())
        cli.extend(flag for flag in CHROMIUM_FLAGS if flag not in cli)
        return cli


class _Renderer:
    """A kaleido browser owned by a private event loop running in a daemon thread."""

    def __init__(self, browser_path: str) -> None:
        self.browser_path = browser_path
        self.owner_pid = os.getpid()
        self._kaleido: kaleido.Kaleido | None = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="kpi-render-loop", daemon=True
        )
        self._thread.start()
        try:
            self._kaleido = self._run(self._open(), START_TIMEOUT_S)
        except BaseException:
            self.close()
            raise

    async def _open(self) -> kaleido.Kaleido:
        # Built inside the loop so kaleido's asyncio primitives bind to it.
        k = kaleido.Kaleido(
            path=self.browser_path,  # explicit path: BROWSER_PATH and downloads are ignored
            browser_cls=_KpiChromium,
            mathjax=False,  # never fetch MathJax from its CDN
            n=1,  # one tab; renders are serialised anyway
            timeout=RENDER_TIMEOUT_S,
            headless=True,
            enable_gpu=False,
            enable_sandbox=False,
            enable_extensions=False,
        )
        try:
            await k.open()
        except BaseException:
            await k.close()
            raise
        return k

    def _run(self, coro: Coroutine[Any, Any, _T], timeout: float) -> _T:
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise

    def is_alive(self) -> bool:
        """True if the loop thread and the browser process are both running."""
        k = self._kaleido
        return (
            k is not None
            and self._thread.is_alive()
            and hasattr(k, "subprocess")
            and k.subprocess.poll() is None
        )

    def render(self, jobs: Sequence[tuple[dict[str, Any], dict[str, Any]]]) -> list[bytes]:
        """Render ``(figure_dict, kaleido_opts)`` pairs, returning PNG bytes in order."""
        k = self._kaleido
        if k is None:
            raise RuntimeError("renderer is not open")

        async def render_all() -> list[bytes]:
            results = await asyncio.gather(
                *(k.calc_fig(fig, opts=opts) for fig, opts in jobs),
                return_exceptions=True,
            )
            for result in results:
                if isinstance(result, BaseException):
                    raise result
            return list(results)  # type: ignore[arg-type]

        return self._run(render_all(), RENDER_TIMEOUT_S * len(jobs) + 5)

    @staticmethod
    async def _cancel_leftover_tasks() -> None:
        # e.g. choreographer's watchdog, still sleeping after a browser crash
        current = asyncio.current_task()
        leftovers = [t for t in asyncio.all_tasks() if t is not current]
        for task in leftovers:
            task.cancel()
        await asyncio.gather(*leftovers, return_exceptions=True)

    def close(self) -> None:
        """Close the browser and stop the loop thread (best effort, idempotent)."""
        k, self._kaleido = self._kaleido, None
        try:
            if k is not None and self._thread.is_alive():
                self._run(k.close(), CLOSE_TIMEOUT_S)
            if self._thread.is_alive():
                self._run(self._cancel_leftover_tasks(), CLOSE_TIMEOUT_S)
        except Exception:
            _logger.warning("Closing the render browser failed", exc_info=True)
        finally:
            if self._thread.is_alive():
                self._loop.call_soon_threadsafe(self._loop.stop)
                self._thread.join(CLOSE_TIMEOUT_S)
            if not self._thread.is_alive() and not self._loop.is_closed():
                self._loop.close()


_lock = threading.Lock()
_renderer: _Renderer | None = None
_atexit_registered = False


def _shared_renderer() -> _Renderer:
    """Return the process-wide renderer, (re)starting it if needed. Hold ``_lock``."""
    global _renderer, _atexit_registered
    browser_path = find_chromium()
    if _renderer is not None and _renderer.owner_pid != os.getpid():
        _renderer = None  # forked child: that browser belongs to the parent process
    if _renderer is not None and (
        _renderer.browser_path != browser_path or not _renderer.is_alive()
    ):
        _renderer.close()
        _renderer = None
    if _renderer is None:
        _renderer = _Renderer(browser_path)
        if not _atexit_registered:
            atexit.register(shutdown)
            _atexit_registered = True
    return _renderer


def shutdown() -> None:
    """Close the shared browser, if any. The next render starts a new one."""
    global _renderer
    with _lock:
        renderer, _renderer = _renderer, None
        if renderer is not None and renderer.owner_pid == os.getpid():
            renderer.close()


def _figure_dict(fig: go.Figure) -> dict[str, Any]:
    """Copy ``fig`` as a dict, defaulting its font family to :data:`FONT_FAMILY`.

    The family is only set when neither the layout nor its template chooses one.
    """
    spec = fig.to_dict() if hasattr(fig, "to_dict") else copy.deepcopy(dict(fig))
    layout = spec.setdefault("layout", {})
    font = layout.get("font") or {}
    template_font = (layout.get("template") or {}).get("layout", {}).get("font") or {}
    if not font.get("family") and not template_font.get("family"):
        layout["font"] = {**font, "family": FONT_FAMILY}
    return spec


def figures_to_png(
    figs: Sequence[go.Figure],
    width: int,
    height: int | Sequence[int],
    scale: float = 1,
) -> list[bytes]:
    """PNG bytes of each figure, rendered by one shared headless browser (see _render)."""
    return _render(figs, width, height, scale, "png")


def figures_to_pdf(figs: Sequence[go.Figure], width: int, height: int | Sequence[int]) -> bytes:
    """One PDF with a page per figure, each ``width`` x height CSS pixels (96 per inch:
    794 x 1123 is A4 portrait). Text stays text, with the CJK font embedded, and its
    text layer names the characters shown (:func:`kpi.present.pdf_text.fix_text_layer`)."""
    writer = PdfWriter()
    for page in _render(figs, width, height, 1, "pdf"):
        writer.append(PdfReader(io.BytesIO(page)))
    fix_text_layer(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _render(
    figs: Sequence[go.Figure],
    width: int,
    height: int | Sequence[int],
    scale: float,
    fmt: str,
) -> list[bytes]:
    """Render ``figs`` to PNG (or PDF) bytes using one shared headless browser.

    Args:
        figs: plotly figures; they are not modified.
        width: width in CSS pixels of every image.
        height: height of every image, or one height per figure.
        scale: pixel ratio; the PNG is ``width*scale`` x ``height*scale`` pixels.

    Returns:
        One PNG (bytes) per figure, in order.

    Raises:
        ChromiumMissing: if no browser binary is available.
        ValueError: on bad sizes or a height list of the wrong length.
    """
    figs = list(figs)
    heights = list(height) if isinstance(height, Sequence) else [height] * len(figs)
    if len(heights) != len(figs):
        raise ValueError(f"got {len(heights)} heights for {len(figs)} figures")
    if width <= 0 or scale <= 0 or any(h <= 0 for h in heights):
        raise ValueError("width, height and scale must be positive")
    jobs = [
        (_figure_dict(fig), {"format": fmt, "width": width, "height": h, "scale": scale})
        for fig, h in zip(figs, heights, strict=True)
    ]
    if not jobs:
        return []

    global _renderer
    with _lock:
        renderer = _shared_renderer()
        try:
            return renderer.render(jobs)
        except Exception:
            if renderer.is_alive():
                raise  # e.g. an invalid figure or a render timeout: keep the browser
            # The browser died under us: drop it and retry once with a fresh one.
            _logger.warning("Render browser died; restarting it", exc_info=True)
            renderer.close()
            _renderer = None
            return _shared_renderer().render(jobs)


def figure_to_png(fig: go.Figure, width: int, height: int, scale: float = 1) -> bytes:
    """Render a single figure to PNG bytes (see :func:`figures_to_png`)."""
    return figures_to_png([fig], width, height, scale)[0]


def stacked_png(figs: Sequence[go.Figure], width: int, heights: Sequence[int]) -> bytes:
    """One PNG of ``figs`` drawn one below the other (a chart card as one download)."""
    from PIL import Image  # only the downloads need it

    images = [Image.open(io.BytesIO(png)) for png in figures_to_png(figs, width, heights)]
    sheet = Image.new("RGB", (max(i.width for i in images), sum(i.height for i in images)), "white")
    top = 0
    for image in images:
        sheet.paste(image, (0, top))
        top += image.height
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=True)
    return out.getvalue()
