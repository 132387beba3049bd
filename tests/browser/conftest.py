"""Browser tests: Playwright drives Debian's Chromium against a live server with the demo data.

No browser is downloaded: Playwright launches `/usr/bin/chromium` (or $LOTSE_CHROMIUM). Without it
the tests skip with a reason, and fail instead when LOTSE_REQUIRE_SERVICES=1 (CI installs it).

Every page a journey visits goes through `Visit.check()`: axe-core (vendored from the npm package,
tests/browser/assets/axe.min.js) must find no serious or critical WCAG 2.1 A/AA violation, and with
LOTSE_SCREENS_DIR set (`make docs-screens`) the page is saved as a screenshot for the user guide.
"""

import os
import shutil
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from lotse.accounts.mfa import totp_current_code
from lotse.demo.seed import DEMO_PASSWORD, DEMO_TOTP
from tests.conftest import service_missing

from .snapshot import DemoSnapshot

ASSETS = Path(__file__).parent / "assets"
FAILURES = Path(__file__).resolve().parents[2] / "var" / "browser-failures"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
PHONE = {"width": 360, "height": 740}
SHOT_MAX_HEIGHT = 1800
DESK = {"width": 1280, "height": 900}
WIDER_THAN_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  return Array.from(document.querySelectorAll("body *"))
    .filter(e => e.getBoundingClientRect().right > width + 1)
    .slice(0, 8).map(e => `${e.tagName.toLowerCase()}.${e.className}#${e.id}`);
}"""
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
    "--password-store=basic",
]


def chromium_path() -> str | None:
    candidate = os.environ.get("LOTSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if Path(candidate).exists() else None


ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Playwright's sync API runs an event loop in this thread; the tests' ORM calls (fixtures'
    set-up and teardown included) are sync. Only for these tests: the variable must not reach
    other tests' subprocesses (the deploy check refuses it)."""
    if Path(__file__).parent not in Path(item.path).parents:  # pytest calls this for every test
        return (yield)
    before = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        return (yield)
    finally:
        if before is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = before


@pytest.fixture
def chromium():
    """A browser per test: Playwright's sync API keeps an event loop on this thread while it
    runs, which would make every later test's ORM call refuse (pytest-django runs transactional
    tests of other folders after these)."""
    path = chromium_path()
    if path is None:
        service_missing("needs Debian's Chromium: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        service_missing("needs the playwright package: pip install -e '.[dev]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


_demo_snapshot = DemoSnapshot()


@pytest.fixture
def demo(transactional_db, live_server):
    """The Münster demo in the live server's database, with empty caches and outbox: seeded by
    the run's first browser test, put back from its copy for every later one (snapshot.py)."""
    cache.clear()  # also allauth's record of used TOTP codes (the live server shares it)
    _used_codes.clear()  # so no test waits up to 30 s for a code another test used
    if _demo_snapshot.fresh():
        _demo_snapshot.restore()
    else:
        call_command("seed_demo", verbosity=0)
        _demo_snapshot.take()
    cache.clear()  # what seeding or restoring stamped
    mail.outbox.clear()
    yield live_server
    cache.clear()


def tr(language: str, text: str) -> str:
    """`text` as the page shows it in `language` (the test speaks the page's language)."""
    with translation.override(language):
        return translation.gettext(text)


class Visit:
    """One person at one browser: a context with its own cookies, language and viewport."""

    def __init__(
        self, browser, base_url, language: str, viewport: dict, name: str, javascript=True
    ):
        self.base_url, self.language, self.name = base_url, language, name
        self.javascript = javascript
        self.context = browser.new_context(
            java_script_enabled=javascript,
            viewport=viewport,
            locale="de-DE" if language == "de" else "en-GB",
            base_url=base_url,
            # Only so that axe-core can be injected; the pages' own CSP stays as it is.
            bypass_csp=True,
        )
        self.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.checked: list[str] = []

    def t(self, text: str) -> str:
        return tr(self.language, text)

    def goto(self, path: str):
        response = self.page.goto(path)
        assert response is not None and response.status < 400, (
            f"{path}: {response and response.status}"
        )
        return response

    def check(self, shot: str | None = None) -> None:
        """axe-core on the page as it is now; a screenshot for the guide when asked."""
        page = self.page
        assert page.locator("html").get_attribute("lang") == self.language
        if not self.javascript:  # axe-core is a script: the JavaScript-on runs check the page
            return
        page.add_script_tag(path=str(ASSETS / "axe.min.js"))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        blocking = [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]
        report = "\n".join(
            f"{v['impact']}: {v['id']} – {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in blocking
        )
        assert not blocking, f"axe on {page.url}:\n{report}"
        assert not self.errors, f"JavaScript errors on {page.url}: {self.errors}"
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, (
            f"{page.url} is {overflow} px wider than the screen (WCAG 1.4.10): "
            f"{page.evaluate(WIDER_THAN_SCREEN)}"
        )
        self.checked.append(page.url)
        if shot:
            save_screenshot(page, self.language, shot)

    def login(self, email: str, *, totp_secret: str | None = None) -> None:
        page = self.page
        self.goto("/accounts/login/")
        page.locator("main input[name=login]").fill(email)
        page.locator("main input[name=password]").fill(DEMO_PASSWORD)
        page.locator("main form [type=submit]").first.click()
        if totp_secret:
            page.wait_for_url("**/accounts/2fa/authenticate/**")
            page.locator("input[name=code]").fill(fresh_code(totp_secret))
            page.locator("main form [type=submit]").first.click()
        page.wait_for_load_state()
        assert "/accounts/login/" not in page.url, f"login of {email} failed"
        assert "/2fa/authenticate/" not in page.url, f"TOTP code of {email} refused"

    def close(self) -> None:
        self.context.close()


_used_codes: set[tuple[str, str]] = set()  # in this test (see `demo`)


def fresh_code(secret: str) -> str:
    """A TOTP code not used before: allauth refuses a code twice, so wait for the next one."""
    for _attempt in range(3):
        if time.time() % 30 > 26:  # about to expire: the server may see the next window
            time.sleep(30 - time.time() % 30 + 0.5)
        code = totp_current_code(secret)
        if (secret, code) not in _used_codes:
            _used_codes.add((secret, code))
            return code
        time.sleep(30 - time.time() % 30 + 0.5)
    raise AssertionError("no fresh TOTP code")


def save_screenshot(page, language: str, name: str) -> None:
    """The page for the user guide: JPEG and at most SHOT_MAX_HEIGHT tall, to keep git small."""
    folder = os.environ.get("LOTSE_SCREENS_DIR")
    if not folder:
        return
    target = Path(folder) / language / f"{name}.jpg"
    target.parent.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    height = min(page.evaluate("() => document.documentElement.scrollHeight"), SHOT_MAX_HEIGHT)
    clip = {"x": 0, "y": 0, "width": width, "height": height}
    page.screenshot(path=str(target), type="jpeg", quality=70, full_page=True, clip=clip)


@pytest.fixture(params=["de", "en"])
def language(request) -> str:
    return request.param


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def visit(request, chromium, demo, language):
    """`visit(name, viewport=PHONE)` opens a browser context in the test's language."""
    opened: list[Visit] = []

    def open_visit(name: str, viewport: dict = DESK) -> Visit:
        opened.append(Visit(chromium, demo.url, language, viewport, name))
        return opened[-1]

    yield open_visit
    failed = getattr(request.node, "report_call", None) and request.node.report_call.failed
    for one in opened:
        if failed:  # what each person saw when it went wrong, for the CI log's reader
            folder = FAILURES / request.node.name
            folder.mkdir(parents=True, exist_ok=True)
            one.page.screenshot(path=str(folder / f"{one.name}.png"), full_page=True)
            (folder / f"{one.name}.html").write_text(one.page.content())
        one.close()


__all__ = ["DEMO_TOTP", "DESK", "PHONE", "tr"]
