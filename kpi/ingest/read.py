"""Quarterly reports (CSV or XLSX) in, validated rows or row-level problems out.

Everything is checked before anything is written: a file with any problem
changes nothing, and every problem names its row (as a spreadsheet numbers it,
the header being row 1) and its column (as headed in the file).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from kpi.domain.catalog import Catalog
from kpi.domain.errors import UserError
from kpi.domain.periods import (
    MAX_YEAR,
    MIN_YEAR,
    last_closed_quarter_end,
    parse_periods,
    quarter_label,
    years_out_of_range,
)
from kpi.domain.problems import Problem, sort_problems
from kpi.domain.upload_result import UploadResult
from kpi.ingest.cell_finder import Cell, long_cell, undecodable_cell
from kpi.ingest.hidden_cells import HiddenLines, hidden_lines, hidden_warnings
from kpi.ingest.workbook_cells import long_text_cell
from kpi.ingest.workbook_guard import WorkbookRefused, check_workbook

#: Upload size limit; the dashboard's server limit is set to the same figure.
MAX_UPLOAD_MB = 20

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "jurisdiction": ("jurisdiction", "地区"),
    "metric": ("metric", "指标"),
    "period": ("period", "期间"),
    "value": ("value", "数值"),
    "source": ("source", "来源"),
    "note": ("note", "备注"),
    "reason": ("reason", "原因分析"),
    "next_steps": ("next_steps", "下一步措施", "next steps"),
}
#: The most characters of a reason or of next steps: a paragraph, not a report.
MAX_REASON_CHARS = 500
REQUIRED_COLUMNS = ("jurisdiction", "metric", "period", "value")
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # a password-protected .xlsx, or an old .xls
_ARROW_MAX_COLUMNS = 256


# ---- reading ----------------------------------------------------------------------
def decode_text(data: bytes) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.

    GBK and GB2312 are read as GB18030, their superset, as Excel on Chinese Windows
    writes them. Anything else (Latin-1, Big5, Shift-JIS ...) raises ``Refused``: such
    bytes often decode as GB18030 without error, but into nonsense characters.
    """
    return _decode(data)[0]


#: A whole-file refusal's message when one cell is to blame (it names the column's letters).
_AT_A_CELL = {"bad_encoding": "bad_encoding_cell", "cell_too_long": "cell_too_long_cell"}


class Refused(UserError):
    """The file cannot be used at all; ``problem`` says why (problem.<code>) and, when
    one cell is the cause, where: the first such cell (``at``)."""

    def __init__(self, code: str, at: Cell | None = None, **params: object):
        if at is None:
            self.problem = Problem(None, None, code, params)
        else:
            column = at.heading or at.letters
            params = {**params, "letters": at.letters}
            self.problem = Problem(at.row, column, _AT_A_CELL[code], params)
        super().__init__(self.problem.key, **self.problem.params)


def _decode(data: bytes) -> tuple[str, memoryview | None]:
    """decode_text's text, and the UTF-8 bytes of the text when the file is UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        utf8 = memoryview(data)[len(codecs.BOM_UTF8) :]
        try:
            return str(utf8, "utf-8"), utf8
        except UnicodeDecodeError:  # a cell in another encoding
            raise Refused("bad_encoding", undecodable_cell(data, _accepted_encoding)) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), None
    with contextlib.suppress(UnicodeDecodeError):
        return data.decode("utf-8"), memoryview(data)
    return _decode_chinese(data), None


def _accepted_encoding(cell: bytes) -> str | None:
    """The accepted encoding a cell's bytes are in: "utf-8", "gb18030" (plausibly
    Chinese in it), or None."""
    with contextlib.suppress(UnicodeDecodeError):
        cell.decode("utf-8")
        return "utf-8"
    with contextlib.suppress(UnicodeDecodeError):
        if _plausibly_chinese(cell.decode("gb18030")):
            return "gb18030"
    return None


#: What a GB18030 decode of real Chinese office text holds outside ASCII: common
#: characters (GB2312) other than the kana, Greek, Cyrillic and box drawing that
#: GB2312 also has and that Big5 or Shift-JIS bytes turn into.
_FOREIGN_BLOCKS = re.compile("[\u0370-\u04ff\u2500-\u257f\u3040-\u30ff]")
_PLAUSIBLE_SHARE = 0.75  # Big5 read as GB18030 scores about 0.25, real GBK 0.9+
_SAMPLE_CHARS = 200_000


def _decode_chinese(data: bytes) -> str:
    """GB18030 text when the bytes are plausibly Chinese in that encoding, else Refused."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausibly_chinese(text[:_SAMPLE_CHARS]):
        return text
    # the first cell to blame: in no accepted encoding, or not in the file's
    raise Refused("bad_encoding", undecodable_cell(data, _accepted_encoding))


def _plausibly_chinese(text: str) -> bool:
    """True when nearly all non-ASCII characters are common Chinese ones (GB2312)."""
    foreign = Counter(c for c in text if ord(c) > 127)
    common = 0
    for char, count in foreign.items():
        with contextlib.suppress(UnicodeEncodeError):
            char.encode("gb2312")
            common += count * (not _FOREIGN_BLOCKS.match(char))
    return common >= _PLAUSIBLE_SHARE * foreign.total()


def _read_grid(data: bytes, file_name: str) -> pd.DataFrame:
    """All cells as strings, no header interpretation; raises on unreadable input."""
    suffix = Path(file_name).suffix.lower()
    if data.startswith((_XLSX_MAGIC, _OLE_MAGIC)) or suffix in (".xlsx", ".xlsm"):
        try:
            check_workbook(data, MAX_CELL_CHARS)
        except WorkbookRefused as refused:
            at = None
            if refused.code == "cell_too_long":  # name the cell, as other refusals do
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    at = long_text_cell(archive, 4 * MAX_CELL_CHARS)  # as the guard counts
            raise Refused(refused.code, at, **refused.params) from None
        grid = pd.read_excel(
            io.BytesIO(data),
            sheet_name=0,
            header=None,
            dtype=str,
            engine="openpyxl",
            keep_default_na=False,  # "NA", "n/a" are text to report, not blanks
        )
        grid.attrs["hidden"] = hidden_lines(data)  # warned of by read_warnings
        return grid
    text, utf8 = _decode(data)
    first_line = text[: text.find("\n")] if "\n" in text else text  # no copy of the rest
    if suffix == ".txt" or ("," not in first_line and "\t" in first_line):
        delimiter = "\t" if "\t" in first_line else ","  # Excel's "Unicode text" uses tabs
    else:
        delimiter = ","
    grid = _read_csv_arrow(text, delimiter, utf8)
    if grid is None:
        grid = _read_csv_module(text, delimiter)
    grid.attrs["delimited"] = True
    return grid


def _read_csv_module(text: str, delimiter: str) -> pd.DataFrame:
    # The csv module keeps ragged rows (an unquoted 1,234 makes one), so that they are
    # reported by row instead of failing the whole file.
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:  # a cell longer than the csv module's field limit (128 KiB)
        at = long_cell(text, delimiter, MAX_CELL_CHARS)
        raise Refused("cell_too_long", at, limit=MAX_CELL_CHARS) from None
    width = max(map(len, rows), default=0)
    grid = pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=object)
    grid.attrs["row_cells"] = tuple(map(len, rows))  # a tuple: pandas compares attrs
    return grid


def _read_csv_arrow(
    text: str, delimiter: str = ",", utf8: memoryview | None = None
) -> pd.DataFrame | None:
    """The grid of _read_csv_module, read by Arrow's parser: several times faster.

    Arrow reads every rectangular file cell for cell as the csv module does; where it
    gives up (ragged rows, more than _ARROW_MAX_COLUMNS columns) this returns None and
    the csv module reads the file, so that ragged rows are reported row by row.
    ``utf8``, the text's UTF-8 bytes when the file has them, saves encoding it again.
    """
    names = [f"f{i}" for i in range(_ARROW_MAX_COLUMNS)]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(text.encode("utf-8") if utf8 is None else utf8),
            read_options=pacsv.ReadOptions(autogenerate_column_names=True),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),  # pandas' own str
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowException:
        return None
    if not all(pa.types.is_large_string(column.type) for column in table.schema):
        return None  # a column beyond _ARROW_MAX_COLUMNS got a guessed type
    grid = table.to_pandas()
    grid.columns = range(grid.shape[1])
    return grid


def read_upload(data: bytes, file_name: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read the file into a frame with canonical column names and a ``row_no`` column.

    With a frame, the problems are row-level ones found while reading (to be reported
    along with validation's); without, the file cannot be used at all.
    """
    grid, problems = read_grid(data, file_name)
    return (None, problems) if grid is None else _apply_header(grid)


def read_warnings(grid: pd.DataFrame) -> list[Problem]:
    """What a person should confirm about a grid as read: rows and columns hidden in a
    workbook that hold data."""
    return hidden_warnings(grid, grid.attrs.get("hidden", HiddenLines()))


def read_grid(data: bytes, file_name: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Every cell of a CSV/XLSX file as text, header row included, after the checks of
    size, type and workbook safety that every report passes; or the problem why not."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx", ".xlsm", ""):
        return None, [Problem(None, None, "unsupported_type", {"name": file_name})]
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        size = f"{len(data) / 1024 / 1024:.1f}"
        return None, [Problem(None, None, "too_large", {"size": size, "limit": MAX_UPLOAD_MB})]
    if not data or data.isspace():  # as `not data.strip()`, without copying a big file
        return None, [Problem(None, None, "empty_file")]
    try:
        return _read_grid(data, file_name), []
    except Refused as refused:
        return None, [refused.problem]
    except Exception:
        return None, [Problem(None, None, "unreadable")]


def _apply_header(grid: pd.DataFrame) -> tuple[pd.DataFrame | None, list[Problem]]:
    if grid.empty:
        return None, [Problem(None, None, "empty_file")]
    header = [str(h).strip().lstrip("\ufeff") if pd.notna(h) else "" for h in grid.iloc[0]]
    lookup = {
        alias.lower(): canon for canon, aliases in COLUMN_ALIASES.items() for alias in aliases
    }
    problems: list[Problem] = []
    chosen: dict[str, int] = {}
    for position, name in enumerate(header):
        canon = lookup.get(name.lower())
        if canon is None:
            continue
        if canon in chosen:
            problems.append(Problem(1, name, "duplicate_column", {"column": name}))
        else:
            chosen[canon] = position
    for canon in REQUIRED_COLUMNS:
        if canon not in chosen:
            shown = " / ".join(COLUMN_ALIASES[canon])
            problems.append(Problem(1, shown, "missing_column", {"column": shown}))
    if problems:
        return None, problems
    # In a CSV, cells beyond the header come from a stray separator; in a workbook they
    # are side notes, which we ignore.
    extra = (
        _extra_fields(grid, header) + _split_numbers(grid, chosen["value"], header)
        if grid.attrs.get("delimited")
        else []
    )
    body = grid.iloc[1:, list(chosen.values())]
    body.columns = list(chosen)
    body = body.fillna("").astype(str).apply(lambda col: col.str.strip())
    filled = (body != "").any(axis=1)
    if not filled.all():  # blank lines are not rows (the copy is skipped when there are none)
        body = body[filled]
    if body.empty:
        return None, [Problem(None, None, "empty_file")]
    body = body.assign(row_no=body.index.to_numpy() + 1)  # grid index 0 is the header
    body.attrs["headers"] = {canon: header[pos] for canon, pos in chosen.items()}
    return body, extra


def _extra_fields(grid: pd.DataFrame, header: list[str]) -> list[Problem]:
    """Rows with filled cells beyond the last headed column, or more cells than the header.

    Either comes from an unquoted separator (``912,000``) that shifted the cells after it.
    """
    width = max((i + 1 for i, name in enumerate(header) if name), default=0)
    beyond = grid.iloc[1:, width:].fillna("").astype(str).apply(lambda col: col.str.strip())
    counts = (beyond != "").sum(axis=1)
    problems = [
        Problem(int(idx) + 1, None, "extra_fields", {"count": int(n), "width": width})
        for idx, n in counts[counts > 0].items()
    ]
    if "row_cells" in grid.attrs:  # only the csv module reads ragged rows
        cells = np.asarray(grid.attrs["row_cells"])
        longer = np.flatnonzero(cells[1:] > cells[0]) + 1
        problems += [
            Problem(
                int(i) + 1, None, "more_cells", {"cells": int(cells[i]), "width": int(cells[0])}
            )
            for i in longer
            if counts.get(i, 0) == 0
        ]
    return problems


_SPLIT_HEAD = r"[+-]?\d{1,3}"
_SPLIT_TAIL = r"\d{3}(?:\.\d*)?"


def _split_numbers(grid: pd.DataFrame, value_at: int, header: list[str]) -> list[Problem]:
    """Rows whose value and the next cell read as one number split at a thousands separator.

    ``...,912,000,...`` under a header puts 912 in value and 000 in the next column; a
    next cell without a header is reported as an extra field instead.
    """
    if value_at + 1 >= len(header) or not header[value_at + 1]:
        return []
    value = grid.iloc[1:, value_at].fillna("").astype(str).str.strip()
    after = grid.iloc[1:, value_at + 1].fillna("").astype(str).str.strip()
    split = value.str.fullmatch(_SPLIT_HEAD) & after.str.fullmatch(_SPLIT_TAIL)
    return [
        Problem(int(i) + 1, header[value_at], "split_number", {"value": value[i], "next": after[i]})
        for i in split[split].index
    ]


# ---- validating -------------------------------------------------------------------
def _lookup_jurisdictions(catalog: Catalog) -> dict[str, str]:
    out: dict[str, str] = {}
    for j in catalog.jurisdictions:
        out.update({j.code.lower(): j.code, j.name_zh.lower(): j.code, j.name_en.lower(): j.code})
    return out


def _lookup_metrics(catalog: Catalog) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in catalog.metrics:
        out.update({m.code.lower(): m.code, m.name_zh.lower(): m.code})
    return out


# Thousands separators and spaces users type in numbers: ",", "，", "_" and every
# character Python's ``\s`` matches (str.isspace), written out because RE2's ``\s`` (the
# regex engine of pyarrow.compute) is ASCII only. A test checks every code point.
_NUMBER_SEPARATORS = (
    "[,，_\\x{9}-\\x{d}\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}"
    "\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}]"
)


#: A number in decimal digits once separators are gone: 0x10, 0b1 or "inf" are not read.
_DECIMAL = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"


def _parse_values(texts: pd.Series) -> pd.Series:
    # Separators are stripped by Arrow's regex engine: Python's is slow on big files.
    cleaned = pc.replace_substring_regex(pa.array(texts.array), _NUMBER_SEPARATORS, "")
    decimal = pc.match_substring_regex(cleaned, _DECIMAL)
    if not pc.all(decimal).as_py():
        cleaned = pc.if_else(decimal, cleaned, pa.scalar(None, cleaned.type))
    numbers = _to_numeric(cleaned, texts)
    return numbers.where(np.isfinite(numbers))  # "inf" is not a count


def _to_numeric(cleaned: pa.ChunkedArray | pa.Array, texts: pd.Series) -> pd.Series:
    """``pd.to_numeric`` of the cleaned texts (errors coerced), by Arrow's cast when all parse.

    Integers first, as pandas gives int64 when every text is an integer.
    """
    for dtype in (pa.int64(), pa.float64()):
        with contextlib.suppress(pa.ArrowInvalid):
            return pd.Series(pc.cast(cleaned, dtype).to_numpy(), texts.index, name=texts.name)
    as_text = pd.Series(cleaned.to_numpy(zero_copy_only=False), texts.index, dtype=texts.dtype)
    return pd.to_numeric(as_text, errors="coerce")


@dataclass
class _Converted:
    """A column converted per distinct text, with each row's code for its converted value."""

    values: pd.Series
    codes: np.ndarray  # the position in ``distinct``; -1 where the value is missing
    distinct: np.ndarray
    text_codes: np.ndarray  # each row's position in ``texts``
    texts: pd.Series  # the distinct texts

    def per_row(self, test: Callable[[pd.Series], pd.Series]) -> np.ndarray:
        """``test(texts)`` for each row, computed once per distinct text."""
        return np.asarray(test(self.texts), dtype=bool)[self.text_codes]


def _per_distinct(texts: pd.Series, convert: Callable[[pd.Series], pd.Series]) -> _Converted:
    """``convert(texts)``, computed once per distinct text: reports repeat a few codes."""
    text_code, uniques = pd.factorize(texts, use_na_sentinel=False)
    distinct_texts = pd.Series(uniques, dtype=texts.dtype)
    converted = convert(distinct_texts)
    value_code, distinct_values = pd.factorize(converted)  # e.g. "BJ" and "北京市" alike
    values = converted.iloc[text_code].set_axis(texts.index).rename(texts.name)
    return _Converted(
        values,
        value_code[text_code],
        np.asarray(distinct_values, dtype=object),
        text_code,
        distinct_texts,
    )


def _pair_codes(
    jurisdiction: _Converted, metric: _Converted
) -> tuple[np.ndarray, list[tuple[str | None, str | None]]]:
    """Each row's (jurisdiction, metric) pair as an integer code, and the pair of each code.

    Rows without both share one code, whose pair is (None, None).
    """
    known = (jurisdiction.codes >= 0) & (metric.codes >= 0)
    n_metrics = len(metric.distinct)
    combined = np.where(known, jurisdiction.codes * n_metrics + metric.codes, -1)
    pair, combined_uniques = pd.factorize(combined)
    valid = combined_uniques >= 0
    j_of, m_of = np.full((2, len(combined_uniques)), None, dtype=object)
    j_of[valid] = jurisdiction.distinct[combined_uniques[valid] // max(n_metrics, 1)]
    m_of[valid] = metric.distinct[combined_uniques[valid] % max(n_metrics, 1)]
    return pair, list(zip(j_of.tolist(), m_of.tolist(), strict=True))


def validate_rows(
    body: pd.DataFrame, catalog: Catalog, today: date, file_name: str = "", sha256: str = ""
) -> UploadResult:
    """Check every row; vectorised so that large files stay fast."""
    headers = body.attrs.get("headers", {c: c for c in body.columns})
    problems: list[Problem] = []

    def report(mask: pd.Series, column: str, code: str, **params: object) -> None:
        """A problem for each row in ``mask``; a Series param gives each row its own value."""
        for idx in mask[mask].index:
            values = {k: v.at[idx] if isinstance(v, pd.Series) else v for k, v in params.items()}
            problems.append(Problem(int(body.at[idx, "row_no"]), headers[column], code, values))

    jurisdictions, metrics = _lookup_jurisdictions(catalog), _lookup_metrics(catalog)
    jurisdiction_ = _per_distinct(body["jurisdiction"], lambda s: s.str.lower().map(jurisdictions))
    metric_ = _per_distinct(body["metric"], lambda s: s.str.lower().map(metrics))
    period_ = _per_distinct(body["period"], parse_periods)
    jurisdiction, metric, period = jurisdiction_.values, metric_.values, period_.values
    value = _parse_values(body["value"])
    plan_jurisdiction = {p.code: p.jurisdiction for p in catalog.plans}
    targeted = {(plan_jurisdiction[t_.plan], t_.metric) for t_ in catalog.targets}
    last_closed = pd.Timestamp(last_closed_quarter_end(today))

    report(jurisdiction.isna(), "jurisdiction", "unknown_jurisdiction", value=body["jurisdiction"])
    report(metric.isna(), "metric", "unknown_metric", value=body["metric"])
    known = jurisdiction.notna() & metric.notna()
    pair, pairs = _pair_codes(jurisdiction_, metric_)
    pair_targeted = np.array([p in targeted for p in pairs], dtype=bool)
    not_targeted = known & ~pair_targeted[pair]
    report(
        not_targeted,
        "metric",
        "not_targeted",
        jurisdiction=body["jurisdiction"],
        metric=body["metric"],
    )
    out_of_range = period.isna() & period_.per_row(years_out_of_range)
    report(
        out_of_range,
        "period",
        "period_out_of_range",
        value=body["period"],
        first=MIN_YEAR,
        last=MAX_YEAR,
    )
    report(period.isna() & ~out_of_range, "period", "bad_period", value=body["period"])
    report(
        period > last_closed,
        "period",
        "future_period",
        value=body["period"],
        last=quarter_label(last_closed),
    )
    empty = body["value"] == ""
    report(empty, "value", "missing_value")
    report(value.isna() & ~empty, "value", "non_numeric", value=body["value"])
    report(value < 0, "value", "negative", value=body["value"])
    for column in ("source", "note"):
        if column in body:
            _check_text(body[column], column, report)
    for column in ("reason", "next_steps"):
        if column in body:
            _check_text(body[column], column, report, MAX_REASON_CHARS)

    # Duplicates by (jurisdiction, metric, quarter) as one integer per row: fast to hash.
    complete = known & (period_.codes >= 0)
    key = pd.Series(pair * len(period_.distinct) + period_.codes, body.index)[complete]
    dup = key.duplicated(keep="first")
    if dup.any():  # the grouping is costly on big files and rarely needed
        first_row = body["row_no"][complete].groupby(key).transform("first").astype(int)
        report(dup, "period", "duplicate_row", first=first_row)

    problems = sort_problems(problems)
    rows = pd.DataFrame(
        {
            "row_no": body["row_no"].astype("int64"),
            "jurisdiction": jurisdiction,
            "metric": metric,
            # datetime.date values, held by Arrow: no Python objects on the way to DuckDB
            "quarter_end": period.astype(pd.ArrowDtype(pa.date32())),
            "value": value,
            "source": _optional(body, "source"),
            "note": _optional(body, "note"),
            "reason": _optional(body, "reason"),
            "next_steps": _optional(body, "next_steps"),
        }
    )
    return UploadResult(file_name, sha256, rows if not problems else rows.iloc[0:0], problems)


#: Characters a spreadsheet cannot hold and a terminal or page may choke on: C0 and C1
#: controls other than tab and line breaks, and the non-characters U+FFFE, U+FFFF.
CONTROL_CHARACTERS = "[\\x{0}-\\x{8}\\x{b}\\x{c}\\x{e}-\\x{1f}\\x{7f}-\\x{9f}\\x{fffe}\\x{ffff}]"
#: The most characters an Excel cell holds; longer texts are refused, never cut quietly.
MAX_CELL_CHARS = 32_767


def _check_text(
    texts: pd.Series, column: str, report: Callable[..., None], limit: int = MAX_CELL_CHARS
) -> None:
    """Control characters and texts over ``limit`` characters in a free-text column."""
    array = pa.array(texts.array)
    control = pc.match_substring_regex(array, CONTROL_CHARACTERS).to_numpy(zero_copy_only=False)
    report(pd.Series(control, texts.index), column, "control_characters")
    lengths = pd.Series(pc.utf8_length(array).to_numpy(zero_copy_only=False), texts.index)
    key = "text_too_long" if limit == MAX_CELL_CHARS else "reason_too_long"
    report(lengths > limit, column, key, length=lengths, limit=limit)


def _optional(body: pd.DataFrame, column: str) -> pd.Series:
    if column not in body:
        return pd.Series(None, index=body.index, dtype=object)
    return body[column].where(body[column] != "", None)


# ---- the whole path ---------------------------------------------------------------
def parse_upload(
    data: bytes,
    file_name: str,
    catalog: Catalog,
    today: date | None = None,
    grid: pd.DataFrame | None = None,
) -> UploadResult:
    """Read and validate a file (or its ``grid``, when already read); nothing is written."""
    name = Path(file_name).name
    # hashlib releases the GIL on big inputs: the file is hashed while it is read.
    with ThreadPoolExecutor(max_workers=1) as pool:
        sha = pool.submit(lambda: hashlib.sha256(data).hexdigest())
        body, problems = read_upload(data, name) if grid is None else _apply_header(grid)
    if body is None:
        return UploadResult(name, sha.result(), problems=problems)
    parsed = validate_rows(body, catalog, today or date.today(), name, sha.result())
    if problems:  # found while reading: reported with validation's, in reading order
        found = sort_problems(problems + parsed.problems)
        return replace(parsed, rows=parsed.rows.iloc[0:0], problems=found)
    return parsed


def read_limited(path: Path | str) -> bytes | None:
    """The file's bytes, or None once it is over MAX_UPLOAD_MB: read in chunks, never whole.

    A size from ``stat`` is not trusted (a pipe or a growing file has none).
    """
    limit = MAX_UPLOAD_MB * 1024 * 1024
    chunks, size = [], 0
    with Path(path).open("rb") as file:
        while chunk := file.read(min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                return None
    return b"".join(chunks)
