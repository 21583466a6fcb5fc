"""The evaluation report officials write: 中期评估报告 / 年度实施情况报告.

Six sections as these reports have them (一、总体进展 … 六、下一步工作建议), built from the
same views as the pages and briefings (kpi.assess.verdicts.compute_status through
kpi.present.tables and kpi.present.headline), so every number agrees with the dashboard
and ``kpi status`` to the digit; with the briefings' source line, the as-of / known-at
statement and the sample-data warning.

:func:`build_report` gives the content as blocks (no browser, no files);
:func:`report_docx` writes it as an editable Word document (python-docx: real headings,
real tables), :func:`report_pdf` the same document as PDF through LibreOffice (``soffice
--headless --convert-to pdf``), with a searchable text layer (kpi.present.pdf_text).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from kpi.domain.errors import UserError
from kpi.domain.periods import last_closed_quarter_end, quarter_label
from kpi.present import fmt, support_tables
from kpi.present.documents import task_report
from kpi.present.documents.blocks import source_line
from kpi.present.documents.data import load
from kpi.present.headline import headline, worst_first
from kpi.present.locale import Locale, ViewState
from kpi.present.pdf_text import searchable
from kpi.present.tables import goal_text, status_view, whole
from kpi.present.task_tables import headline as task_headline
from kpi.present.task_tables import no_unit_notes
from kpi.present.theme import FONT_FAMILY, STATUS_ORDER, status_color
from kpi.present.views import BEHIND_STATUSES
from kpi.storage.store import Store

FORMATS = ("docx", "pdf")
SOFFICE_TIMEOUT_S = 180
#: The table of section 一 (canonical columns of kpi.present.tables.status_view).
TABLE_COLUMNS = ("target", "status", "goal", "value", "attainment", "pace")


class ReportError(UserError, ValueError):
    """The report cannot be made or written as asked."""


@dataclass(frozen=True)
class Block:
    """One piece of the document: a heading (level 0 title, 1 section, 2 item), a
    paragraph, a table (header + rows of text) or a picture (PNG bytes)."""

    kind: str  # "heading", "paragraph", "table", "picture", "note"
    text: str = ""
    level: int = 1
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    png: bytes = b""


@dataclass(frozen=True)
class Report:
    title: str
    blocks: list[Block] = field(default_factory=list)
    has_sample: bool = False

    def headings(self, level: int = 1) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "heading" and b.level == level]


def _percent(value: Any) -> str:
    return fmt.percent(value, 0)


def _scope(store: Store, view: ViewState, plan: str | None) -> tuple[ViewState, str | None]:
    catalog = store.catalog()
    if plan is None:
        return view, None
    codes = {p.code.lower(): p.code for p in catalog.plans}
    code = codes.get(plan.strip().lower())
    if code is None:
        raise ReportError(
            "evaluation.unknown_plan", code=plan, known=", ".join(p.code for p in catalog.plans)
        )
    return replace(view, jurisdiction=catalog.plan(code).jurisdiction), code


def _title(store: Store, view: ViewState, plan: str | None) -> str:
    loc, catalog = view.locale, store.catalog()
    if plan is not None:
        return loc.t("evaluation.title_plan", plan=loc.name(catalog.plan(plan)))
    if view.jurisdiction is not None:
        return loc.t(
            "evaluation.title_place", place=loc.name(catalog.jurisdiction(view.jurisdiction))
        )
    return loc.t("evaluation.title_all")


def _chart(status: pd.DataFrame, data: Any, loc: Locale) -> go.Figure:
    """Targets by status per jurisdiction, as stacked horizontal bars."""
    places = [loc.name(data.catalog.jurisdiction(c)) for c in data.codes]
    fig = go.Figure()
    for s in STATUS_ORDER:
        counts = [
            int((status[status["jurisdiction"] == c]["status"] == s).sum()) for c in data.codes
        ]
        if any(counts):
            fig.add_bar(
                y=places,
                x=counts,
                name=loc.status(s),
                orientation="h",
                marker_color=status_color(s),
                text=counts,
            )
    fig.update_layout(
        barmode="stack",
        template="plotly_white",
        font={"family": FONT_FAMILY, "size": 14},
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        legend={"orientation": "h", "y": -0.15},
        yaxis={"autorange": "reversed"},
        xaxis={"dtick": 1},
    )
    return fig


def _reported(r: dict, loc: Locale) -> str:
    quarter, who = r.get("reason_quarter"), r.get("reported_by")
    if not isinstance(who, str) or quarter is None or pd.isna(quarter):
        return ""
    return loc.t("evaluation.reported_by", quarter=quarter_label(pd.Timestamp(quarter)), who=who)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def build_report(
    store: Store,
    view: ViewState,
    *,
    plan: str | None = None,
    prepared_by: str = "",
    now: datetime | None = None,
    with_chart: bool = True,
) -> Report:
    """The report for the view's jurisdiction (None: all) or for one ``plan``, at the
    view's as-of date and as known at its known-at moment, in its language."""
    view, plan = _scope(store, view, plan)
    loc = view.locale
    now = now or datetime.now().replace(microsecond=0)
    data = load(store, view)
    status = data.status if plan is None else data.status[data.status["plan"] == plan]
    codes = [c for c in data.codes if c in set(status["jurisdiction"])]
    data = replace(data, codes=codes, status=status)
    catalog = data.catalog
    has_sample = bool(data.batches["is_sample"].any())
    units = {m.code: loc.unit(m) for m in catalog.metrics}
    blocks: list[Block] = []

    def heading(text: str, level: int = 1) -> None:
        blocks.append(Block("heading", text, level))

    def para(text: str) -> None:
        blocks.append(Block("paragraph", text))

    # the statement of what the report counts, and the warning
    statement = loc.t("evaluation.as_of", as_of=view.as_of.isoformat())
    statement += "；" if loc.lang == "zh" else "; "
    statement += (
        loc.t("evaluation.known_at", day=fmt.when(view.known_at))
        if view.known_at is not None
        else loc.t("evaluation.known_now")
    )
    blocks.append(Block("note", statement))
    if has_sample:
        blocks.append(Block("note", loc.t("evaluation.sample_warning")))

    # 一、总体进展
    heading(loc.t("evaluation.s1"))
    for code in codes:
        para(headline(status, catalog, code, loc))
    ordered = worst_first(status)
    shown = status_view(ordered, catalog, loc)
    rows = []
    for _, s in shown.iterrows():
        rows.append(
            (
                s["target"],
                s["status"],
                s["goal"],
                whole(s["value"], loc),
                _percent(s["attainment"]),
                _percent(s["pace"]),
            )
        )
    heading(loc.t("evaluation.targets_table"), 2)
    header = tuple(loc.header(c, percent_points=False) for c in TABLE_COLUMNS)
    blocks.append(Block("table", header=header, rows=tuple(rows)))
    if with_chart and codes:
        try:
            from kpi.present.render import figure_to_png

            png = figure_to_png(_chart(status, data, loc), 900, 120 + 60 * len(codes), scale=2)
            blocks.append(Block("picture", loc.t("evaluation.chart_caption"), png=png))
        except UserError:  # no Chromium here: the report without its chart
            para(loc.t("evaluation.no_chart"))

    # 二、目标完成情况
    heading(loc.t("evaluation.s2"))
    records = ordered.to_dict(orient="records")
    for k, (r, (_, s)) in enumerate(zip(records, shown.iterrows(), strict=True), start=1):
        heading(f"{k}. {s['target']}", 2)
        para(
            loc.t(
                "evaluation.target_line",
                goal=goal_text(r, units[r["metric"]], loc),
                value=whole(r["value"], loc),
                attainment=_percent(r["attainment"]),
                pace=_percent(r["pace"]),
                status=s["status"],
            )
        )
        if reason := _text(r.get("reason")):
            para(loc.t("evaluation.reason", text=reason) + _reported(r, loc))

    # 三、重点任务推进情况: the task ledger as the Tasks page has it
    tasks = data.tasks if plan is None else data.tasks[data.tasks["plan"] == plan]
    places = len(set(tasks["jurisdiction"])) > 1 if not tasks.empty else False
    heading(loc.t("evaluation.s3"))
    blocks.extend(_task_blocks(tasks, data, places))

    # 四、政策兑现情况: per measure its totals, as the Support page has them (no names)
    heading(loc.t("evaluation.s4"))
    blocks.extend(_support_blocks(data, plan))

    # 五、存在的问题
    heading(loc.t("evaluation.s5"))
    behind = [
        (r, s)
        for r, (_, s) in zip(records, shown.iterrows(), strict=True)
        if r["status"] in BEHIND_STATUSES
    ]
    if not behind:
        para(loc.t("evaluation.no_problems"))
    else:
        para(loc.t("evaluation.problems_intro", n=len(behind)))
        for k, (r, s) in enumerate(behind, start=1):
            reason = _text(r.get("reason")) or loc.t("upload.explanation_missing")
            said = loc.t("evaluation.reason", text=reason)
            if loc.lang == "zh":
                para(f"{k}. {s['target']}（{s['status']}）：{said}")
            else:
                para(f"{k}. {s['target']} ({s['status']}): {said}")

    problems = task_report.problem_lines(tasks, catalog, loc, places) if not tasks.empty else []
    if problems:
        para(loc.t("evaluation.tasks_problems_intro", n=len(problems)))
        for k, line in enumerate(problems, start=1):
            para(f"{k}. {line}")

    # 六、下一步工作建议: the targets' next steps, then the tasks'
    heading(loc.t("evaluation.s6"))
    steps = [
        (r, s)
        for r, (_, s) in zip(records, shown.iterrows(), strict=True)
        if _text(r.get("next_steps"))
    ]
    task_steps = task_report.next_step_lines(tasks, catalog, loc, places) if not tasks.empty else []
    if not steps and not task_steps:
        para(loc.t("evaluation.no_next_steps"))
    sep = "：" if loc.lang == "zh" else ": "
    lines = [f"{s['target']}{sep}{r['next_steps']}{_reported(r, loc)}" for r, s in steps]
    for k, line in enumerate([*lines, *task_steps], start=1):
        para(f"{k}. {line}")

    # the source line, as in briefings
    blocks.append(Block("note", source_line(data, prepared_by)))
    blocks.append(Block("note", loc.t("evaluation.generated", time=fmt.moment(now))))
    return Report(_title(store, view, plan), blocks, has_sample)


def _task_blocks(tasks: pd.DataFrame, data: Any, places: bool) -> list[Block]:
    """Section 三: per plan its task headline, then the tasks by responsible unit and the
    delayed and not-reported tasks with their progress (tables)."""
    loc, catalog = data.loc, data.catalog
    if tasks.empty:
        return [Block("paragraph", loc.t("evaluation.no_tasks"))]
    quarter = quarter_label(last_closed_quarter_end(data.as_of))
    out = [Block("paragraph", loc.t("evaluation.tasks_intro", quarter=quarter))]
    for plan in dict.fromkeys(tasks["plan"]):
        mine = tasks[tasks["plan"] == plan]
        out.append(Block("paragraph", task_headline(mine, loc.name(catalog.plan(plan)), loc)))
    out += [Block("paragraph", note) for note in no_unit_notes(tasks, catalog, loc)]
    header, rows = task_report.unit_table(tasks, catalog, loc, places)
    if rows:
        out.append(Block("heading", loc.t("evaluation.tasks_by_unit"), 2))
        out.append(Block("table", header=header, rows=rows))
    out.append(Block("heading", loc.t("evaluation.tasks_attention"), 2))
    header, rows = task_report.attention_table(tasks, catalog, loc, places)
    if not rows:
        out.append(Block("paragraph", loc.t("evaluation.tasks_attention_none")))
    else:
        out.append(Block("table", header=header, rows=rows))
    return out


def _support_blocks(data: Any, plan: str | None) -> list[Block]:
    """Section 四: the totals, then a table of the measures: grants, beneficiaries,
    approved and paid amounts, the largest grant and the rule. Totals and counts only."""
    loc, catalog = data.loc, data.catalog
    codes = support_tables.measures_in_view(catalog, data.view.jurisdiction, plan)
    if not codes:
        return [Block("paragraph", loc.t("evaluation.no_measures"))]
    out = [
        Block("paragraph", support_tables.totals_line(catalog, data.grants, codes, loc)),
        Block("paragraph", loc.t("support.as_of", as_of=data.as_of.isoformat())),
    ]
    several = len({catalog.plan(catalog.measure(c).plan).jurisdiction for c in codes}) > 1
    table = support_tables.measure_table(catalog, data.grants, codes, loc, several)
    header = tuple(loc.header(c) for c in table.columns)
    money = {"grants", "beneficiaries", "approved", "paid", "largest"}
    rows = tuple(
        tuple(fmt.count(r[c]) if c in money else str(r[c]) for c in table.columns)
        for r in table.to_dict(orient="records")
    )
    out.append(Block("heading", loc.t("evaluation.measures_table"), 2))
    out.append(Block("table", header=header, rows=rows))
    return out


# ---- Word ------------------------------------------------------------------------------
_BODY_FONT, _HEADING_FONT = "宋体", "黑体"


def _east_asian(run_or_style: Any, font: str) -> None:
    from docx.oxml.ns import qn

    r_pr = run_or_style.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def report_docx(report: Report) -> bytes:
    """The report as an editable .docx: Word headings, Word tables, the chart as a picture."""
    from docx import Document
    from docx.shared import Inches, Pt, RGBColor

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    _east_asian(normal, _BODY_FONT)
    for name in ("Title", "Heading 1", "Heading 2"):
        _east_asian(doc.styles[name], _HEADING_FONT)
    doc.core_properties.title = report.title
    doc.add_heading(report.title, level=0)
    for block in report.blocks:
        if block.kind == "heading":
            doc.add_heading(block.text, level=block.level)
        elif block.kind == "paragraph":
            doc.add_paragraph(block.text)
        elif block.kind == "note":
            run = doc.add_paragraph().add_run(block.text)
            run.font.size = Pt(10.5)
            run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        elif block.kind == "table":
            table = doc.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
        elif block.kind == "picture":
            doc.add_picture(io.BytesIO(block.png), width=Inches(6))
            doc.add_paragraph(block.text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---- PDF -------------------------------------------------------------------------------
def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    """A .docx converted by LibreOffice (headless, a profile of its own per call)."""
    soffice = find_soffice()
    if soffice is None:
        raise ReportError("evaluation.no_soffice")
    with tempfile.TemporaryDirectory(prefix="kpi-report-") as tmp:
        work = Path(tmp)
        (work / "report.docx").write_bytes(docx)
        try:
            done = subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{work / 'profile'}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(work / "report.docx"),
                ],
                capture_output=True,
                text=True,
                timeout=SOFFICE_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise ReportError("evaluation.convert_failed", detail="timeout") from exc
        pdf = work / "report.pdf"
        if done.returncode != 0 or not pdf.exists():
            detail = (done.stderr or done.stdout).strip()[-300:] or f"exit {done.returncode}"
            raise ReportError("evaluation.convert_failed", detail=detail)
        return pdf.read_bytes()


def report_pdf(report: Report) -> bytes:
    """The report as PDF: the Word document as LibreOffice prints it, text searchable."""
    return searchable(docx_to_pdf(report_docx(report)))


def report_file(report: Report, out: Path, kind: str) -> bytes:
    """The bytes of ``report`` as ``kind`` (docx or pdf) for the file ``out``."""
    if out.suffix.lower() != f".{kind}":
        raise ReportError("evaluation.bad_file_type", format=kind, suffix=f".{kind}", name=out.name)
    return report_docx(report) if kind == "docx" else report_pdf(report)
