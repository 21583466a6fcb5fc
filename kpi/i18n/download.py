"""Download buttons and their failures."""

STRINGS: dict[str, tuple[str, str]] = {
    "download.xlsx": ("下载 Excel", "Download Excel"),
    "download.csv": ("下载 CSV", "Download CSV"),
    "download.png": ("下载图片（PNG）", "Download image (PNG)"),
    "download.xlsx_cut": (
        "表中有 {count} 处文字超过 Excel 单元格的上限（{limit} 字），"
        "在 Excel 下载中已截断并注明原长度；CSV 下载保留全文",
        "{count} texts of this table are longer than an Excel cell holds ({limit} characters): "
        "the Excel download cuts them and says so in the cell; the CSV download keeps them whole",
    ),
    "download.no_browser": (
        "服务器无法导出图片：{detail}",
        "Images cannot be exported on this server: {detail}",
    ),
}
