"""Arabic right to left and Ukrainian on a phone and a wide screen (issue 18), a representative
subset: the volunteer's start page and opportunities in Arabic at 360 and 1366 px, one page in
Ukrainian; and whether this machine's system fonts cover Arabic, Persian and Cyrillic.

With LOTSE_SCREENS_DIR set the pages are saved as screenshots (docs/guide/img/<language>/).
"""

import re
from pathlib import Path

import pytest

from lotse.demo.seed import VOLUNTEER_LOGIN

from .conftest import PHONE, Visit

WIDE = {"width": 1366, "height": 900}
VOLUNTEER_PAGES = {"/start/": "rtl-start", "/volunteer/opportunities/": "rtl-opportunities"}
# Where the header's parts sit: the brand at the reading start, the menu button at its end.
HEADER_SIDES = """() => {
  const box = s => { const e = document.querySelector(s); return e && e.checkVisibility()
    ? e.getBoundingClientRect() : null; };
  return {brand: box(".brand"), menu: box(".menu > summary"), main: box("main h1"),
          width: document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("language", ["ar"])
def test_a_volunteer_reads_her_pages_right_to_left_on_a_phone_and_a_wide_screen(
    chromium, demo, language
):
    phone = Visit(chromium, demo.url, "ar", PHONE, "volunteer-ar")
    phone.login(VOLUNTEER_LOGIN)
    for path, shot in VOLUNTEER_PAGES.items():
        phone.goto(path)
        assert phone.page.locator("html").get_attribute("dir") == "rtl"
        phone.check(f"{shot}-360")
        sides = phone.page.evaluate(HEADER_SIDES)
        assert sides["brand"]["right"] > sides["menu"]["right"], "brand at the right, menu left"
        assert sides["main"]["right"] >= sides["width"] - 24, "headings start at the right edge"
    phone.page.set_viewport_size(WIDE)
    for path, shot in VOLUNTEER_PAGES.items():
        phone.goto(path)
        phone.check(f"{shot}-1366")
        sides = phone.page.evaluate(HEADER_SIDES)
        assert sides["menu"] is None, "no menu button on a wide screen"
        assert sides["brand"]["left"] > sides["width"] / 2, "the brand starts at the right"
    phone.close()

    ukrainian = Visit(chromium, demo.url, "uk", PHONE, "volunteer-uk")
    ukrainian.login(VOLUNTEER_LOGIN)
    ukrainian.goto("/volunteer/opportunities/")
    assert ukrainian.page.locator("html").get_attribute("dir") == "ltr"
    ukrainian.check("opportunities-360")
    ukrainian.close()


SAMPLES = {
    "ar": "إرشاد المتطوعين في مونستر",
    "fa": "داوطلب‌ها در مونستر کمک می‌کنند",
    "uk": "Волонтери допомагають у Мюнстері",
    "ru": "Волонтёры помогают в Мюнстере",
}
SITE_CSS = Path(__file__).resolve().parents[2] / "platform/lotse/static/lotse/site.css"
# The site's own font stack, read from its style sheet.
FONT_STACK = re.search(r"font-family:([^;]+);", SITE_CSS.read_text()).group(1).strip()
PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body { font-family: %s; } span { font-size: 40px; white-space: nowrap; }
</style></head><body>%s</body></html>"""
# A private-use character: no font has it, so it shows the "missing glyph" box.
TOFU = "\ue000"


def test_the_system_fonts_cover_arabic_persian_and_cyrillic(chromium):
    """Reports which installed font draws each script; a fallback font is served only if none."""
    page = chromium.new_page()
    spans = "".join(
        f'<p><span id="{lang}" lang="{lang}">{text}</span>'
        f'<span id="{lang}-tofu">{TOFU * len(text)}</span></p>'
        for lang, text in SAMPLES.items()
    )
    page.set_content(PAGE % (FONT_STACK, spans))
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    missing = {}
    for lang in SAMPLES:
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": f"#{lang}"})
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
        width = page.evaluate(f"document.getElementById('{lang}').getBoundingClientRect().width")
        tofu = page.evaluate(
            f"document.getElementById('{lang}-tofu').getBoundingClientRect().width"
        )
        print(f"{lang}: {[f['familyName'] for f in fonts]}")  # noqa: T201 (shown with -s)
        if not fonts or abs(width - tofu) < 1:
            missing[lang] = fonts
    page.close()
    assert not missing, f"no system font draws these scripts: {missing}"
