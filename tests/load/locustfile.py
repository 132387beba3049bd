"""Locust scenario of the load test: volunteers, social workers and coordinators at work.

Run by `python -m tests.load.run_load` (`make load`), which starts the servers and passes the
accounts of the load-test data set in a JSON file named by LOTSE_LOAD_ACCOUNTS. The mix:
- volunteers (weight 6) browse their ranked opportunities (page and API), look at and edit
  their profile;
- social workers (weight 3) list their needs, open candidates (API and page), propose the
  best candidate and approve the proposal, and look at their queue;
- coordinators (weight 1) open their dashboard, the stale decisions and the district demand
  (each probed first: a page that does not exist yet is left out and shows as a probe).
LOTSE_LOAD_SKIP=opportunities,writes leaves out the opportunities (also the volunteer start page,
which ranks them) and/or the writes (profile edits, proposals, approvals), to measure the rest.
This file imports only tests.load.forms, no project code: locust runs it under gevent.
"""

import base64
import hashlib
import hmac
import itertools
import json
import os
import random
import re
import struct
import time
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, between, events, task

from tests.load.forms import form_fields

ACCOUNTS = json.loads(open(os.environ["LOTSE_LOAD_ACCOUNTS"], encoding="utf-8").read())  # noqa: SIM115
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NEED_LINK = re.compile(r'href="/needs/(\d+)/"')
SKIP = set(filter(None, os.environ.get("LOTSE_LOAD_SKIP", "").split(",")))
# Seconds after the last user started before the figures count: every login is done by then.
WARMUP = float(os.environ.get("LOTSE_LOAD_WARMUP", "0"))
# Think time between a user's requests, "min,max" seconds (run_load --think).
THINK = tuple(float(x) for x in os.environ.get("LOTSE_LOAD_THINK", "1,3").split(","))
_next = {role: itertools.count() for role in ("volunteer", "social_worker", "coordinator")}


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 code (SHA-1, 6 digits, 30 s), as an authenticator app computes it."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int(at if at is not None else time.time()) // 30)
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@events.init.add_listener
def _count_after_warmup(environment, **kwargs):
    @events.spawning_complete.add_listener
    def _later(user_count, **kwargs):
        gevent.spawn_later(WARMUP, environment.stats.reset_all)


def account(role: str) -> str:
    emails = ACCOUNTS[role]
    return emails[next(_next[role]) % len(emails)]


class LotseUser(FastHttpUser):
    abstract = True
    wait_time = between(*THINK)
    role = ""

    def on_start(self):
        self.log_in(account(self.role))

    def log_in(self, email: str) -> None:
        page = self.client.get("/accounts/login/", name="login form")
        token = CSRF_INPUT.search(page.text).group(1)
        data = {"login": email, "password": ACCOUNTS["password"], "csrfmiddlewaretoken": token}
        # A volunteer lands on /volunteer/, which ranks opportunities: left out with the skip.
        follow = not (self.role == "volunteer" and "opportunities" in SKIP)
        done = self.post_form("/accounts/login/", data, name="login", allow_redirects=follow)
        if 'name="code"' in done.text:  # staff: the two-factor step follows
            token = CSRF_INPUT.search(done.text).group(1)
            code = totp(ACCOUNTS["totp_secret"])
            self.post_form(
                "/accounts/2fa/authenticate/",
                {"code": code, "csrfmiddlewaretoken": token},
                name="login: two-factor code",
            )

    def post_form(self, path: str, fields, **kwargs):
        """POST like a browser's form (locust's fast client sends only ready-made bodies)."""
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.client.post(path, data=urlencode(fields), headers=headers, **kwargs)

    def csrf_header(self) -> dict:
        token = next((c.value for c in self.client.cookiejar if c.name == "csrftoken"), "")
        return {"X-CSRFToken": token, "Referer": self.host + "/"}


class Volunteer(LotseUser):
    weight = 6
    role = "volunteer"

    @task(3)
    def opportunities_page(self):
        if "opportunities" in SKIP:
            return
        self.client.get("/volunteer/opportunities/", name="/volunteer/opportunities/")

    @task(2)
    def opportunities_api(self):
        if "opportunities" in SKIP:
            return
        self.client.get("/api/v1/volunteers/me/opportunities/", name="API opportunities")

    @task(2)
    def profile(self):
        self.client.get("/volunteer/profile/", name="/volunteer/profile/")

    @task(1)
    def edit_profile(self):
        if "writes" in SKIP:
            return
        page = self.client.get("/volunteer/profile/edit/", name="/volunteer/profile/edit/")
        fields = [
            (name, str(random.choice([5, 8, 10, 15])) if name.endswith("max_distance_km") else v)
            for name, v in form_fields(page.text)
        ]
        with self.post_form(
            "/volunteer/profile/edit/", fields, name="POST /volunteer/profile/edit/",
            allow_redirects=False, catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"profile not saved ({response.status_code})")


class SocialWorker(LotseUser):
    weight = 3
    role = "social_worker"

    def on_start(self):
        super().on_start()
        listing = self.client.get("/needs/?status=open", name="/needs/")
        self.need_ids = [int(n) for n in dict.fromkeys(NEED_LINK.findall(listing.text))]

    def _need(self) -> int | None:
        return random.choice(self.need_ids) if self.need_ids else None

    @task(1)
    def needs(self):
        self.client.get("/needs/?status=open", name="/needs/")

    @task(4)
    def candidates_api(self):
        if (need := self._need()) is not None:
            self.client.get(
                f"/api/v1/needs/{need}/candidates/?limit=20",
                name="API candidates /api/v1/needs/[id]/candidates/",
            )

    @task(2)
    def candidates_page(self):
        if (need := self._need()) is not None:
            self.client.get(f"/needs/{need}/candidates/", name="/needs/[id]/candidates/")

    @task(1)
    def queue(self):
        self.client.get("/placements/queue/", name="/placements/queue/")

    @task(1)
    def propose_and_approve(self):
        if "writes" in SKIP:
            return
        need = self._need()
        if need is None:
            return
        ranked = self.client.get(
            f"/api/v1/needs/{need}/candidates/?limit=5",
            name="API candidates /api/v1/needs/[id]/candidates/",
        ).json()
        if not ranked.get("results"):
            return
        volunteer = random.choice(ranked["results"])["volunteer"]["id"]
        with self.client.post(
            "/api/v1/placements/", json={"need": need, "volunteer": volunteer},
            headers=self.csrf_header(), name="API propose", catch_response=True,
        ) as proposed:  # fmt: skip
            if proposed.status_code == 409:  # already proposed or need full: a real outcome
                proposed.success()
                return
        if proposed.status_code == 201:
            self._approve(proposed.json()["id"])

    def _approve(self, placement: int) -> None:
        with self.client.post(
            f"/api/v1/placements/{placement}/approve/", json={},
            headers=self.csrf_header(), name="API approve", catch_response=True,
        ) as approved:  # fmt: skip
            if approved.status_code == 409:
                approved.success()


class Coordinator(LotseUser):
    weight = 1
    role = "coordinator"

    def on_start(self):
        super().on_start()
        self.has = {
            path: self._exists(path) for path in ("/dashboard/", "/api/v1/districts/demand/")
        }

    def _exists(self, path: str) -> bool:
        """Pages built later than this scenario are probed; a gap is noted in the figures."""
        with self.client.get(path, name=f"probe {path}", catch_response=True) as probe:
            probe.success()
            return probe.status_code == 200

    @task(3)
    def dashboard(self):
        if self.has["/dashboard/"]:
            self.client.get("/dashboard/", name="/dashboard/")
        else:
            self.client.get("/coordinator/", name="/coordinator/")

    @task(1)
    def demand(self):
        if self.has["/api/v1/districts/demand/"]:
            self.client.get("/api/v1/districts/demand/", name="API demand")

    @task(1)
    def stale_decisions(self):
        if self.has["/dashboard/"]:
            self.client.get("/dashboard/stale/", name="/dashboard/stale/")
