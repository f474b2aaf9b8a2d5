"""The HTTP SMS gateway adapter against a real HTTP server on loopback."""

import json
import logging
import re
import socket

import pytest

from reviews import messaging
from reviews.messaging import SmsError
from reviews.models import Reviewer
from tests.reviews.conftest import GATEWAY_TOKEN as TOKEN
from tests.reviews.steps import PHONE, ask_code, url, write_url


def test_a_message_is_posted_as_json_with_the_bearer_token(gateway):
    messaging.sms_send("+639182345678", "Your Lantern code is 123456.")
    [request] = gateway.requests
    assert (request.method, request.path) == ("POST", "/v1/messages")
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.body) == {"to": "+639182345678", "from": "Lantern", "text": "Your Lantern code is 123456."}


@pytest.mark.parametrize("status", [400, 401, 500, 503])
def test_a_gateway_that_does_not_take_the_message_raises_sms_error(gateway, status):
    gateway.fail("/v1/messages", status, method="POST")
    with pytest.raises(SmsError, match=str(status)) as raised:
        messaging.sms_send("+639182345678", "Your Lantern code is 123456.")
    assert "639182345678" not in str(raised.value)


def test_a_gateway_that_cannot_be_reached_raises_sms_error(settings):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.SMS_BACKEND, settings.SMS_GATEWAY_URL, settings.SMS_GATEWAY_TOKEN, settings.SMS_SENDER = (
        "http", f"http://127.0.0.1:{port}/v1/messages", TOKEN, "Lantern")
    with pytest.raises(SmsError, match="cannot be reached"):
        messaging.sms_send("+639182345678", "Your Lantern code is 123456.")


@pytest.mark.django_db
def test_a_worker_gets_the_code_through_the_gateway(client, capsys, gateway, listed_agency):
    start = write_url(listed_agency, language="id")
    client.get(start)
    assert ask_code(client, start, PHONE).status_code == 302
    [request] = gateway.requests
    message = json.loads(request.body)
    assert message["to"] == "+639182345678"
    code = re.search(r"\d{6}", message["text"]).group()
    assert "639182345678" not in capsys.readouterr().out, "nothing printed when the gateway sends"
    response = client.post(url("code", language="id"), {"code": code})
    assert response.status_code == 302 and response["Location"] == start
    assert Reviewer.objects.count() == 1


@pytest.mark.django_db
def test_a_gateway_failure_does_not_break_the_page_nor_log_the_number(client, caplog, gateway, listed_agency):
    caplog.set_level(logging.DEBUG)
    gateway.fail("/v1/messages", 500, method="POST")
    start = write_url(listed_agency)
    client.get(start)
    response = ask_code(client, start, PHONE)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Ask for a new code" in page and "639182345678" not in page
    assert "639182345678" not in caplog.text and "918 234 5678" not in caplog.text
