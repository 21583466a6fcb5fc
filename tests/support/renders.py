"""kpi.present.render's Chromium (briefings as PNG and PDF): its processes, the fonts it
may find, and the words a briefing's figure writes."""

from __future__ import annotations

import os
from pathlib import Path

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")


def dejavu_only_fontconfig(tmp_path: Path) -> Path:
    """A fontconfig file that hides every CJK font (Chromium then draws tofu boxes).

    Set it as FONTCONFIG_FILE before a browser starts (render.shutdown() first).
    """
    assert DEJAVU_DIR.is_dir(), "install fonts-dejavu-core (bash scripts/setup.sh)"
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><dir>{DEJAVU_DIR}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
        "</fontconfig>\n"
    )
    return conf


def main_browser_processes() -> list[int]:
    """PIDs of Chromium browser processes descending from this process.

    The browser process gets --remote-debugging-pipe from choreographer; its
    children (zygote, renderer, GPU...) carry --type=. choreographer's Python
    wrapper also has the flag in its argv, so Python executables are skipped.
    """
    proc = Path("/proc")
    assert proc.is_dir(), "counting browser processes needs Linux's /proc"
    children: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))

    found = []
    stack = list(children.get(os.getpid(), []))
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            cmdline = (proc / str(pid) / "cmdline").read_bytes().decode(errors="replace")
            exe = os.readlink(proc / str(pid) / "exe")
        except OSError:
            continue
        args = cmdline.split("\0")
        if (
            "--remote-debugging-pipe" in args
            and "--type=" not in cmdline
            and "python" not in Path(exe).name
        ):
            found.append(pid)
    return found


def annotation_texts(fig) -> str:
    """Every text written on a figure (a briefing draws its words as annotations)."""
    return "\n".join(a.text for a in fig.layout.annotations)
