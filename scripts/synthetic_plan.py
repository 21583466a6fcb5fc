"""Copy data/ to a folder and append a synthetic city's plan to the copy's catalog.

CI runs the fast lane against the copy (``KPI_CATALOG=<folder>/catalog.toml``): a new
city's plan is an edit of the catalog only, so no test may pin the shipped catalog's
jurisdictions, plans, targets or their counts. The plan comes with its policy text, the
text's SHA-256 and a reporting agency, as a real one must; its targets use a new metric
and shipped ones, with a flow and a level, a range and an "about".

    python scripts/synthetic_plan.py /tmp/catalog-copy
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "zz-2025-2027-synthetic-plan.txt"

TEXT = """测试市合成生物制造产业发展行动方案（2025—2027年）
测试〔2025〕1号
（本文为持续集成用的虚构文本，不是真实政策。）
一、发展目标
到2027年，引育合成生物学领军团队不少于4个，布局3至5个概念验证平台，元件库库容约20万个，建设合成生物测试专用场地达到50亩。
"""

BLOCK = """
# ---- synthetic plan appended by scripts/synthetic_plan.py (CI only: not a real plan)
[[jurisdictions]]
code = "ZZ"
name_zh = "测试市"
name_en = "Testville"
level = "city"

[[plans]]
code = "ZZ-2025"
jurisdiction = "ZZ"
doc_number = "测试〔2025〕1号"
title_zh = "测试市合成生物制造产业发展行动方案（2025—2027年）"
title_en = "Testville Synthetic-Biology Manufacturing Action Plan (2025–2027)"
issued = 2025-03-01
start = 2025-01-01
end = 2027-12-31
source = "{source}"
source_sha256 = "{sha256}"
source_note = "Synthetic text for CI, not a real plan. 虚构文本。"
reporting_agency = "测试市科学技术局"
reporting_agency_en = "Testville Science and Technology Bureau"

[[metrics]]
code = "zz_test_field_area"
family = "clusters"
kind = "level"
name_zh = "合成生物测试专用场地"
name_en = "Synthetic-biology test grounds"
unit_zh = "亩"
unit_en = "mu"
count = false

[[targets]]
plan = "ZZ-2025"
metric = "leading_teams"
comparator = "at_least"
min = 4
text_zh = "引育合成生物学领军团队不少于4个"
text_en = "Attract and develop 4 or more leading synthetic-biology teams."
section = "一、发展目标"

[[targets]]
plan = "ZZ-2025"
metric = "poc_platforms"
comparator = "range"
min = 3
max = 5
text_zh = "布局3至5个概念验证平台"
text_en = "Set up 3 to 5 proof-of-concept platforms."
section = "一、发展目标"

[[targets]]
plan = "ZZ-2025"
metric = "parts_library_capacity"
comparator = "approx"
min = 200000
text_zh = "元件库库容约20万个"
text_en = "A parts library of about 200,000 parts."
section = "一、发展目标"

[[targets]]
plan = "ZZ-2025"
metric = "zz_test_field_area"
comparator = "at_least"
min = 50
text_zh = "建设合成生物测试专用场地达到50亩"
text_en = "Test grounds of 50 mu or more."
section = "一、发展目标"
"""


def write_copy(folder: Path) -> Path:
    """data/ copied into ``folder`` with the plan appended; the copy's catalog path."""
    shutil.copytree(ROOT / "data", folder, dirs_exist_ok=True)
    text = TEXT.encode("utf-8")
    (folder / "policy" / SOURCE).write_bytes(text)
    catalog = folder / "catalog.toml"
    block = BLOCK.format(source=SOURCE, sha256=hashlib.sha256(text).hexdigest())
    catalog.write_text(catalog.read_text(encoding="utf-8") + block, encoding="utf-8")
    return catalog


if __name__ == "__main__":
    print(write_copy(Path(sys.argv[1])))
