"""Tests for kpi.present.render: PNG export through kaleido and a local Chromium (no network)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import plotly.graph_objects as go
import pytest
from PIL import Image, ImageChops

from kpi.present import render
from tests.support.renders import DEJAVU_DIR, dejavu_only_fontconfig, main_browser_processes

pytestmark = pytest.mark.usefixtures("render_browser_per_module")

needs_chromium = pytest.mark.usefixtures("chromium_required")

TITLE_SIZE = 40
CJK_A = "合成生物制造目标"
CJK_B = "北京市上海天津重"  # same length as CJK_A, different characters


def _png(data: bytes) -> Image.Image:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG"
    return img


def _sample_figure() -> go.Figure:
    fig = go.Figure()
    fig.add_bar(x=["北京", "上海", "深圳", "天津"], y=[3, 5, 2, 4], name="目标")
    fig.add_scatter(x=["北京", "上海", "深圳", "天津"], y=[2, 4, 3, 5], name="完成")
    fig.update_layout(title_text="合成生物制造目标 北京市")
    return fig


def _title_only(text: str) -> go.Figure:
    """Black title text centred on a white page, with nothing else drawn."""
    fig = go.Figure()
    fig.update_layout(
        title={
            "text": text,
            "x": 0.5,
            "xanchor": "center",
            "y": 0.5,
            "yanchor": "middle",
            "font": {"size": TITLE_SIZE, "color": "black"},
        },
        xaxis_visible=False,
        yaxis_visible=False,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
    )
    return fig


def _ink(img: Image.Image) -> Image.Image:
    """Binary mask (0/255) of the dark pixels of an image on a white page."""
    return ImageChops.invert(img.convert("L")).point(lambda v: 255 if v > 64 else 0)


def _count(mask: Image.Image) -> int:
    return mask.histogram()[255]


def _differing_pixels(a: Image.Image, b: Image.Image) -> int:
    return _count(ImageChops.difference(_ink(a), _ink(b)))


# --- find_chromium -----------------------------------------------------------------


def test_find_chromium_rejects_missing_override(monkeypatch):
    monkeypatch.setenv("KPI_CHROMIUM", "/nonexistent")
    with pytest.raises(render.ChromiumMissing) as excinfo:
        render.find_chromium()
    message = str(excinfo.value)
    assert "/nonexistent" in message
    assert "apt-get install chromium" in message
    assert "KPI_CHROMIUM" in message


def test_find_chromium_rejects_non_executable_override(monkeypatch, tmp_path):
    not_exe = tmp_path / "chrome"
    not_exe.write_text("")
    not_exe.chmod(0o644)
    monkeypatch.setenv("KPI_CHROMIUM", str(not_exe))
    with pytest.raises(render.ChromiumMissing, match="not an executable"):
        render.find_chromium()


def test_find_chromium_honours_override(monkeypatch, tmp_path):
    exe = tmp_path / "my-chrome"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    monkeypatch.setenv("KPI_CHROMIUM", str(exe))
    assert render.find_chromium() == str(exe)


def test_find_chromium_prefers_debian_chromium(monkeypatch):
    assert os.access("/usr/bin/chromium", os.X_OK), "no Debian chromium: run scripts/setup.sh"
    monkeypatch.delenv("KPI_CHROMIUM", raising=False)
    assert render.find_chromium() == "/usr/bin/chromium"


def test_missing_browser_fails_before_rendering(monkeypatch):
    monkeypatch.setenv("KPI_CHROMIUM", "/nonexistent")
    with pytest.raises(render.ChromiumMissing):
        render.figure_to_png(_sample_figure(), 300, 200)


def test_argument_validation_needs_no_browser(monkeypatch):
    monkeypatch.setenv("KPI_CHROMIUM", "/nonexistent")  # would raise if a browser were used
    assert render.figures_to_png([], 300, 200) == []
    with pytest.raises(ValueError, match="heights"):
        render.figures_to_png([_sample_figure()], 300, [200, 300])
    with pytest.raises(ValueError, match="positive"):
        render.figures_to_png([_sample_figure()], 0, 200)


# --- rendering ---------------------------------------------------------------------


def test_png_has_requested_size_and_content():
    img = _png(render.figure_to_png(_sample_figure(), 640, 360)).convert("RGB")
    assert img.size == (640, 360)
    colours = img.getcolors(maxcolors=640 * 360)
    assert colours is not None
    assert len(colours) > 50, "image looks blank: too few distinct colours"
    most_common = max(count for count, _ in colours)
    assert most_common < 0.9 * 640 * 360, "image is (almost) a single colour"


def test_scale_and_per_figure_heights():
    figs = [_sample_figure(), _sample_figure()]
    sizes = [_png(b).size for b in render.figures_to_png(figs, 300, [200, 250], scale=2)]
    assert sizes == [(600, 400), (600, 500)]


@needs_chromium
def test_stacked_png_puts_charts_one_below_the_other():
    red = go.Figure(go.Bar(x=[1], y=[1], marker_color="#ff0000"))
    red.update_layout(plot_bgcolor="#ff0000", paper_bgcolor="#ff0000")
    blue = go.Figure(go.Bar(x=[1], y=[1], marker_color="#0000ff"))
    blue.update_layout(plot_bgcolor="#0000ff", paper_bgcolor="#0000ff")
    img = _png(render.stacked_png([red, blue], 300, [100, 150])).convert("RGB")
    assert img.size == (300, 250)
    assert img.getpixel((5, 5)) == (255, 0, 0)  # the first chart on top
    assert img.getpixel((5, 245)) == (0, 0, 255)  # the second below it


@needs_chromium
def test_input_figure_is_not_modified():
    fig = _sample_figure()
    before = fig.to_dict()
    render.figure_to_png(fig, 300, 200)
    assert fig.to_dict() == before
    assert fig.layout.font.family is None


def test_several_figures_start_exactly_one_browser(monkeypatch):
    render.shutdown()  # start from a process without a render browser
    assert main_browser_processes() == []

    launches: list[list[str]] = []
    real_popen = subprocess.Popen

    class SpyPopen(real_popen):  # records browser launches, then really launches
        def __init__(self, args, *a, **kw):
            if "--remote-debugging-pipe" in list(args):
                launches.append([str(arg) for arg in args])
            super().__init__(args, *a, **kw)

    monkeypatch.setattr(subprocess, "Popen", SpyPopen)

    figs = [_sample_figure() for _ in range(4)]
    first = render.figures_to_png(figs, 400, 300)
    second = render.figures_to_png(figs[:2], 400, [300, 200])
    third = render.figure_to_png(figs[0], 400, 300)

    assert [_png(b).size for b in [*first, *second, third]] == [(400, 300)] * 5 + [
        (400, 200),
        (400, 300),
    ]
    assert len(launches) == 1, f"expected one browser launch, got {len(launches)}"
    cli = launches[0]
    assert render.find_chromium() in cli
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"):
        assert flag in cli
    # And the OS agrees: exactly one Chromium browser process (not counting its
    # renderer/GPU/zygote children) descends from this test process.
    assert len(main_browser_processes()) == 1


# --- Chinese text ------------------------------------------------------------------


def test_cjk_font_is_installed():
    fc_list = shutil.which("fc-list")
    assert fc_list is not None, "install fontconfig (bash scripts/setup.sh)"
    families = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=True
    ).stdout
    assert "Noto Sans CJK SC" in families, "install fonts-noto-cjk"


def test_chinese_title_renders_real_glyphs():
    a, b, a_again = (
        _png(data)
        for data in render.figures_to_png(
            [_title_only(CJK_A), _title_only(CJK_B), _title_only(CJK_A)], 600, 120
        )
    )
    # Rendering is deterministic, so any difference below comes from the glyphs.
    assert _differing_pixels(a, a_again) == 0
    ink_a = _ink(a)
    # Tofu draws the same box for every missing character, so two different strings
    # of equal length would render identically; real glyphs make them differ.
    assert _differing_pixels(a, b) > 0.3 * _count(ink_a)
    # CJK glyphs are full width: 8 characters span about 8 em.
    left, top, right, bottom = ink_a.getbbox()
    assert 0.9 * 8 * TITLE_SIZE <= right - left <= 8 * TITLE_SIZE + 2
    assert bottom - top >= 0.7 * TITLE_SIZE


def test_chinese_title_differs_from_tofu_rendering(monkeypatch, tmp_path):
    """Negative control: hide every CJK font from Chromium and compare."""
    assert DEJAVU_DIR.is_dir(), "DejaVu fonts missing: run bash scripts/setup.sh"
    real = [_png(d) for d in render.figures_to_png([_title_only(CJK_A)], 600, 120)]

    render.shutdown()
    monkeypatch.setenv("FONTCONFIG_FILE", str(dejavu_only_fontconfig(tmp_path)))
    try:
        tofu_a, tofu_b = (
            _png(d)
            for d in render.figures_to_png([_title_only(CJK_A), _title_only(CJK_B)], 600, 120)
        )
    finally:
        render.shutdown()  # don't leave a CJK-less browser behind for other tests

    # Without CJK fonts both strings are the same row of boxes: the check in
    # test_chinese_title_renders_real_glyphs would catch it.
    assert _differing_pixels(tofu_a, tofu_b) == 0
    left, _, right, _ = _ink(tofu_a).getbbox()
    assert right - left < 0.9 * 8 * TITLE_SIZE
    # And the real rendering is substantially different from the tofu one.
    assert _differing_pixels(real[0], tofu_a) > 0.3 * _count(_ink(real[0]))
