"""Partners' CSV upload: a row-by-row report first, nothing saved until they choose, hostile files refused."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, User

from remittance.models import Quote
from remittance.prices import COLUMNS

pytestmark = pytest.mark.django_db
URL = "/admin/remittance/upload/"
GOOD = {
    "provider": "Partner Listed Remit", "provider_type": "mto", "sending_country": "SG", "sending_currency": "SGD",
    "receiving_country": "PH", "receiving_currency": "PHP", "pay_in": "cash", "pay_out": "cash_pickup",
    "speed": "same_day", "amount_sent": "500", "fee": "4.50", "fee_currency": "SGD", "fee_mode": "on_top",
    "offered_rate": "43.80", "fetched_at": "2026-11-20", "source_url": "https://partner.example.org/prices",
}


def csv_bytes(rows, columns=COLUMNS, encoding="utf-8"):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.fixture
def editor(client):
    user = User.objects.create_user(username="editor", password="a-long-test-password")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def named_file(data):
    handle = io.BytesIO(data)
    handle.name = "prices.csv"
    return handle


def check(client, data):
    return client.post(URL, {"file": named_file(data), "source": "migrant-help-sg"}).content.decode()


def test_every_row_is_checked_and_nothing_saved_before_the_partner_chooses(client, editor):
    rows = [GOOD, {**GOOD, "fee_currency": "USD"}, {**GOOD, "amount_sent": "-5"}, {**GOOD, "offered_rate": "0"},
            {**GOOD, "speed": "by pigeon"}, {**GOOD, "provider": "<b>Bold</b> Remit", "amount_sent": "1000"}]
    html = check(client, csv_bytes(rows))
    assert "2 of 6 rows are valid" in html
    assert "the fee is in USD, not in the sending currency SGD" in html
    assert "amount_sent must be a positive number" in html and "offered_rate must be a positive number" in html
    assert "unknown speed" in html
    assert not Quote.objects.exists()

    token = html.split('name="token" value="')[1].split('"')[0]
    client.post(URL, {"token": token, "source": "migrant-help-sg"})
    assert Quote.objects.count() == 2
    assert set(Quote.objects.values_list("product__provider__name", flat=True)) == {"Partner Listed Remit", "Bold Remit"}
    assert set(Quote.objects.values_list("source", flat=True)) == {"migrant-help-sg"}


def test_saving_the_same_file_twice_adds_nothing_the_second_time(client, editor):
    for _ in range(2):
        html = check(client, csv_bytes([GOOD]))
        token = html.split('name="token" value="')[1].split('"')[0]
        client.post(URL, {"token": token, "source": "migrant-help-sg"})
    assert Quote.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (csv_bytes([GOOD], columns=[c for c in COLUMNS if c != "fee"]), "Columns missing: fee"),
        (csv_bytes([{**GOOD, "provider": "Peñafrancia Remit"}], encoding="latin-1"), "not UTF-8"),
        (b"", "The submitted file is empty"),
        (csv_bytes([]), "The file has no rows"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, "not UTF-8"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_saves_nothing(client, editor, data, message):
    html = check(client, data)
    assert message in html
    assert not Quote.objects.exists()


def test_a_forged_source_on_saving_is_refused_politely(client, editor):
    html = check(client, csv_bytes([GOOD]))
    token = html.split('name="token" value="')[1].split('"')[0]
    response = client.post(URL, {"token": token, "source": "<script>not a slug</script>"}, follow=True)
    assert response.status_code == 200 and "no longer here" in response.content.decode()
    assert not Quote.objects.exists()


def test_a_forged_token_saves_nothing(client, editor):
    response = client.post(URL, {"token": "../../etc/passwd", "source": "x"}, follow=True)
    assert "no longer here" in response.content.decode()
    assert not Quote.objects.exists()


def test_a_worker_without_the_permission_cannot_upload(client):
    user = User.objects.create_user(username="rep", password="a-long-test-password")
    user.groups.add(Group.objects.get(name="Agency representatives"))
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)


def test_a_partner_caseworker_may_upload_prices(client):
    user = User.objects.create_user(username="partner", password="a-long-test-password")
    user.groups.add(Group.objects.get(name="Partner caseworkers"))
    client.force_login(user)
    assert "Check the file" in client.get(URL).content.decode()
