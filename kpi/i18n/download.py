"""Download buttons and their failures."""

STRINGS: dict[str, tuple[str, str]] = {
    "download.xlsx": ("下载 Excel", "Download Excel"),
    "download.csv": ("下载 CSV", "Download CSV"),
    "download.png": ("下载图片（PNG）", "Download image (PNG)"),
    "download.no_browser": (
        "服务器无法导出图片：{detail}",
        "Images cannot be exported on this server: {detail}",
    ),
}
