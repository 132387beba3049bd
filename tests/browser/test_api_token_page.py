"""A social worker creates an API token for the city's case-management system, copies its key
(shown once), the key reads but may not write, and she revokes it — at a desk and on a phone."""

import re

from lotse.accounts.models import ApiToken
from lotse.demo.seed import DEMO_TOTP

from .conftest import PHONE

SOCIAL_WORKER = "sozialarbeit@demo.lotse.local"


def test_a_social_worker_creates_uses_and_revokes_a_read_only_token(visit, demo):
    you = visit("social worker")
    page, t = you.page, you.t
    you.login(SOCIAL_WORKER, totp_secret=DEMO_TOTP[SOCIAL_WORKER])
    menu = page.locator("header a[href='/account/api-tokens/']")
    assert menu.count() == 1 and menu.text_content().strip() == t("API tokens"), "in the menu"
    you.goto("/account/api-tokens/")
    empty = t(
        "You have no API tokens. You need one only when another system should use the "
        "interface of Lotse in your name: create it below and give its key to the people who "
        "run that system."
    )
    assert page.get_by_text(empty).is_visible(), "the empty list says why and what to do"
    you.check("sw-api-tokens")

    page.get_by_label(t("Name")).fill("Fachverfahren Sozialamt")
    page.get_by_label(t("Read only: the token may read data (GET), never change it")).check()
    page.get_by_role("button", name=t("Create token")).click()
    page.wait_for_url("**/account/api-tokens/")
    key = page.locator("#new-token-key").input_value()
    assert len(key) >= 40 and key.startswith(ApiToken.objects.get().prefix)
    you.check("sw-api-token-created")

    bearer = {"Authorization": f"Bearer {key}", "Accept-Language": you.language}
    read = page.request.get(f"{demo.url}/api/v1/needs/", headers=bearer)
    assert read.status == 200
    write = page.request.post(f"{demo.url}/api/v1/needs/", headers=bearer, data={})
    assert (write.status, write.json()["code"]) == (403, "token-read-only")

    page.reload()
    assert page.locator("#new-token-key").count() == 0, "the key is shown only once"
    row = page.locator("tbody tr", has_text="Fachverfahren Sozialamt")
    assert t("read only") in row.inner_text()
    row.get_by_role("link", name=re.compile(t("Revoke"))).click()
    you.check("sw-api-token-revoke")
    page.get_by_role("button", name=t("Revoke this token now")).click()
    page.wait_for_url("**/account/api-tokens/")
    gone = page.request.get(f"{demo.url}/api/v1/needs/", headers=bearer)
    assert (gone.status, gone.json()["code"]) == (401, "token-revoked")


def test_the_token_page_fits_a_phone(visit):
    you = visit("social worker on a phone", viewport=PHONE)
    you.login(SOCIAL_WORKER, totp_secret=DEMO_TOTP[SOCIAL_WORKER])
    you.goto("/account/api-tokens/")
    you.page.get_by_label(you.t("Name")).fill("Berichte")
    you.page.get_by_role("button", name=you.t("Create token")).click()
    you.page.wait_for_url("**/account/api-tokens/")
    you.check("sw-api-tokens-phone")  # the table, the key and the form: nothing scrolls sideways
