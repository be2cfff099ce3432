#!/usr/bin/env python3
"""Record the web page's screenshots in docs/screenshots/ (site.png, site-phone.png) in headless Chromium.

The page is built from the bundled catalogue and opened from disk, as a reader would; the views
are set through the address, as a shared link would. Chinese needs a CJK font on the machine
(Debian: fonts-wqy-microhei or fonts-noto-cjk).

    python scripts/page_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sora_refs import Catalogue  # noqa: E402
from sora_refs.site import build_page  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SHOTS = [
    # (file, viewport, colour scheme, address fragment)
    ("site.png", (1280, 860), "light", "q=difusion%20transfomer&open=peebles2023scalable"),
    ("site-phone.png", (390, 844), "light", "lang=zh&category=diffusion"),
]


def main() -> None:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("SORA_REFS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as driver:
        page_file = Path(folder) / "sora.html"
        page_file.write_text(build_page(Catalogue.load()), encoding="utf-8")
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--hide-scrollbars"])
        for name, (width, height), scheme, fragment in SHOTS:
            page = browser.new_page(
                viewport={"width": width, "height": height}, color_scheme=scheme, device_scale_factor=1
            )
            page.goto(page_file.as_uri() + "#" + fragment)
            page.wait_for_selector("html[data-ready=true]", state="attached")
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(OUT / name))
            print(f"wrote docs/screenshots/{name}")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
