"""Rendering charts to images with Chrome/Chromium."""

STRINGS: dict[str, tuple[str, str]] = {
    "render.bad_override": (
        "环境变量 {env}={path} 不是可执行文件。将图表导出为图片需要 Chrome/Chromium 浏览器："
        "请安装 Debian 的 chromium（apt-get install chromium），或将 {env} 设为浏览器程序的路径。",
        "{env}={path} is not an executable file. Rendering charts to PNG needs a "
        "Chrome/Chromium browser: install Debian's chromium (apt-get install chromium) or "
        "set {env} to the path of a Chrome/Chromium binary.",
    ),
    "render.no_chromium": (
        "在 {path} 和 PATH 中都没有找到 Chrome/Chromium 浏览器（查找了 {names}）。"
        "将图表导出为图片需要它：请安装 Debian 的 chromium（apt-get install chromium），"
        "或将环境变量 {env} 设为浏览器程序的路径。",
        "No Chrome/Chromium found at {path} or on PATH (looked for {names}). Rendering "
        "charts to PNG needs one: install Debian's chromium (apt-get install chromium) or "
        "set the environment variable {env} to the path of a Chrome/Chromium binary.",
    ),
}
