"""Request ids on every response and in every log line; JSON logs in production."""

import io
import json
import logging
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from celery.signals import before_task_publish, task_postrun, task_prerun
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.ops import requestid
from lotse.ops.logs import PLAIN_FORMAT, JsonFormatter, RequestIdFilter, logging_config


@pytest.fixture
def request_log():
    """What the request logger writes, through the same filter and formatter as production."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("lotse.request")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def test_it_gives_every_response_a_fresh_request_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_it_keeps_the_request_id_of_the_proxy(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-4711.a")
    assert response["X-Request-ID"] == "proxy-4711.a"


@pytest.mark.parametrize("given", ["has space", "x" * 129, "new\nline", "<script>"])
def test_it_replaces_a_request_id_it_cannot_trust(client, given):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=given)
    assert response["X-Request-ID"] != given
    assert len(response["X-Request-ID"]) == 32


def test_it_logs_each_request_as_one_json_line_with_its_id(client, request_log):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-1")
    [line] = [entry for entry in request_log() if entry["path"] == "/no-such-page/"]
    assert line["request_id"] == "req-1" == response["X-Request-ID"]
    assert line["status"] == 404
    assert line["view"] == "unmatched"
    assert line["level"] == "INFO" and line["logger"] == "lotse.request"
    assert line["duration_ms"] >= 0


def test_it_puts_the_request_id_on_djangos_own_lines_too(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-404")
    [record] = [r for r in caplog.records if r.name == "django.request"]
    RequestIdFilter().filter(record)
    assert record.request_id == "req-404"
    assert requestid.current_request_id() == "-"  # and forgotten once the response is done


def test_it_logs_probes_only_at_debug_level(client, request_log):
    client.get("/healthz")
    [line] = request_log()
    assert line["level"] == "DEBUG" and line["view"] == "ops:healthz"


def test_it_names_the_logged_in_user_by_id_only(client, victor, request_log):
    client.force_login(victor)
    client.get("/volunteer/")
    [line] = [entry for entry in request_log() if entry["path"] == "/volunteer/"]
    assert line["user_id"] == victor.pk
    assert victor.email not in json.dumps(line)


def test_it_marks_lines_outside_a_request_with_a_dash():
    record = logging.LogRecord("lotse", logging.INFO, __file__, 1, "hello %s", ("you",), None)
    RequestIdFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["request_id"] == "-" and entry["message"] == "hello you"


def test_it_writes_the_exception_into_the_json_line():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: boom" in entry["exception"]


def test_it_writes_plain_lines_with_the_request_id_in_development():
    config = logging_config(fmt="plain", level="INFO")
    assert config["formatters"]["plain"]["format"] == PLAIN_FORMAT
    assert "[%(request_id)s]" in PLAIN_FORMAT
    assert config["handlers"]["console"]["filters"] == ["request_id"]


def test_it_refuses_an_unknown_log_format():
    with pytest.raises(ValueError, match="LOTSE_LOG_FORMAT"):
        logging_config(fmt="xml", level="INFO")


def test_it_logs_json_with_production_settings(settings):
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            [str(settings.BASE_DIR / "platform"), str(settings.BASE_DIR)]
        ),
        "DJANGO_SETTINGS_MODULE": "lotse.settings.prod",
        "DJANGO_SECRET_KEY": "test-only-secret-key-that-is-long-enough-0123456789",
        "DJANGO_ALLOWED_HOSTS": "lotse.example.org",
    }
    env.pop("LOTSE_LOG_FORMAT", None)
    code = (
        "import django; django.setup(); import logging; "
        "logging.getLogger('lotse.x').warning('from prod')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["message"] == "from prod" and entry["request_id"] == "-"


class FakeTask:
    """What a worker hands to task_prerun: a task whose request holds the message headers."""


def test_it_carries_the_request_id_into_a_queued_task():
    token = requestid.bind("req-42")
    headers = {}
    try:
        before_task_publish.send(sender="some.task", headers=headers, body=None)
    finally:
        requestid.unbind(token)
    assert headers[requestid.TASK_HEADER] == "req-42"
    task = FakeTask()
    task.request = SimpleNamespace(**headers)
    task_prerun.send(sender=task, task_id="t1", task=task, args=(), kwargs={})
    assert requestid.current_request_id() == "req-42"
    task_postrun.send(sender=task, task_id="t1", task=task, args=(), kwargs={})
    assert requestid.current_request_id() == "-"


@pytest.mark.django_db
def test_it_logs_the_cpu_time_and_the_queries_of_each_request(client, request_log, victor):
    client.force_login(victor)
    client.get("/volunteer/profile/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/volunteer/profile/")
    line = [entry for entry in request_log() if entry["path"] == "/volunteer/profile/"][-1]
    assert line["queries"] == len(queries) > 0
    assert 0 < line["cpu_ms"] <= line["duration_ms"] + 1
