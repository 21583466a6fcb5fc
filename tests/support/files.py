"""The bytes of files users upload: quarterly reports as CSV or XLSX, a plan's text."""

from __future__ import annotations

import io

import openpyxl

#: The columns of a quarterly report, as the template writes them in English.
HEADER = ("jurisdiction", "metric", "period", "value")


def csv_text(rows: list[tuple], header: tuple[str, ...] = HEADER) -> str:
    lines = [",".join(header)] + [",".join(str(c) for c in row) for row in rows]
    return "\n".join(lines) + "\n"


def csv_bytes(
    rows: list[tuple], header: tuple[str, ...] = HEADER, encoding: str = "utf-8"
) -> bytes:
    return csv_text(rows, header).encode(encoding)


def xlsx_bytes(rows: list[tuple], header: tuple[str, ...] = HEADER) -> bytes:
    """A workbook whose first sheet holds ``header`` and ``rows`` (cells as given)."""
    book = openpyxl.Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


#: A new city's plan to draft targets from.
NEW_CITY = """成都市加快合成生物制造产业发展行动方案（2025—2027年）
穗府办〔2025〕7号
成都市人民政府办公厅
2025年3月1日
一、发展目标
到2027年，引育不少于8个合成生物学领军团队，新增3至5家合成生物制造上市企业，建设2个左右<中试>基地。
二、政策措施
（一）支持平台。对新建平台给予最高不超过1000万元支持。
"""
