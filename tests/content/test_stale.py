"""Stale content: a fact-checked page past its review date is listed by `manage.py stale_content`, the editors are
reminded of it once by e-mail (through the task interface), and it is on the editors' panel in the admin until it is
checked again."""

import datetime
from io import StringIO

import pytest
from babel.dates import format_date
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Site
from wagtail.users.models import UserProfile

from content.models import GuidePage
from content.selectors import stale_pages
from content.services import stale_reminders_send
from content.wagtail_hooks import StaleContentPanel
from remittance.models import Provider
from remittance.pages import CompareTransfersPage, ProviderPage, ProviderPageSource
from tests.content.conftest import guide_publish, page_translate, page_verify, staff_member

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
PANEL_HEADING = "Pages due for review"


@pytest.fixture
def clock(monkeypatch):
    """Moves the site's clock to `days` after today (for the command, the panel and the verification)."""

    def move(days):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY + datetime.timedelta(days=days))
        return TODAY + datetime.timedelta(days=days)

    return move


@pytest.fixture
def editors(db):
    """Two editors with an address, one without, one who has left; a fact-checker and a moderator, who get nothing."""
    people = [staff_member("ana", "Editors"), staff_member("budi", "Editors", "Fact-checkers"),
              staff_member("chan", "Editors", email=False), staff_member("dara", "Editors", is_active=False)]
    staff_member("eka", "Fact-checkers")
    staff_member("farid", "Moderators")
    return people


def command(*args):
    out = StringIO()
    call_command("stale_content", *args, stdout=out)
    return out.getvalue()


def provider_page(*, verified_on):
    comparison = CompareTransfersPage(title="Compare money transfers", slug="compare-money-transfers")
    Site.objects.get(is_default_site=True).root_page.add_child(instance=comparison)
    provider = Provider.objects.create(name="Sample Remit", slug="sample-remit", type=Provider.Type.MONEY_TRANSFER_OPERATOR)
    page = ProviderPage(title="Sample Remit", slug="sample-remit", provider=provider)
    page.sources = [ProviderPageSource(title="Register of money service operators", publisher="Customs and Excise",
                                       url="https://eservices.customs.gov.hk/MSOS/", accessed_on=verified_on)]
    comparison.add_child(instance=page)
    return page_verify(page, on=verified_on)


def test_a_guide_is_stale_once_its_review_date_has_passed(guide_index, clock):
    guide = guide_publish(guide_index, title="Fees in Hong Kong", review_interval_days=30)
    assert guide.review_due_on == TODAY + 30 * DAY
    assert stale_pages(today=TODAY + 30 * DAY) == []
    assert stale_pages(today=TODAY + 31 * DAY) == [guide]
    clock(31)
    assert "Fees in Hong Kong" in command()


def test_only_live_fact_checked_pages_are_listed_the_longest_overdue_first(guide_index):
    newer = guide_publish(guide_index, title="Wages", verified_on=TODAY - 200 * DAY)
    older = guide_publish(guide_index, title="Contracts", verified_on=TODAY - 300 * DAY)
    provider = provider_page(verified_on=TODAY - 250 * DAY)
    guide_publish(guide_index, title="Checked last month", verified_on=TODAY - 30 * DAY)
    guide_publish(guide_index, title="Taken down", verified_on=TODAY - 300 * DAY).unpublish()
    draft = GuidePage(title="Never published", slug="never-published", summary="A draft.", body=[],
                      review_due_on=TODAY - 100 * DAY)
    guide_index.add_child(instance=draft)
    draft.unpublish()
    assert [page.title for page in stale_pages(today=TODAY)] == [older.title, provider.title, newer.title]


def test_the_command_lists_each_stale_page_with_its_address_in_the_admin(guide_index, settings):
    guide = guide_publish(guide_index, title="Fees in Hong Kong", verified_on=TODAY - 200 * DAY)
    khmer = page_translate(guide, "km")
    page_verify(khmer, on=TODAY - 190 * DAY)
    out = command()
    lines = out.splitlines()
    assert lines[1] == (f"  due {TODAY - 20 * DAY}  20 days overdue  en  Fees in Hong Kong  "
                        f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{guide.pk}/edit/")
    assert f"due {TODAY - 10 * DAY}  10 days overdue  km  Fees in Hong Kong" in lines[2]
    assert lines[-1] == "2 pages due for review; --remind e-mails the editors about them."
    assert not mail.outbox


def test_nothing_due_says_so(guide_index, editors):
    guide_publish(guide_index, title="Fees in Hong Kong")
    assert command("--remind") == f"Nothing is due for review on {TODAY}.\n"
    assert not mail.outbox


def test_editors_are_reminded_once_and_again_after_the_next_review_date(guide_index, editors, clock, settings):
    guide = guide_publish(guide_index, title="Fees in Hong Kong", verified_on=TODAY - 181 * DAY)
    guide.owner = staff_member("owner", "Fact-checkers")
    guide.save(update_fields=["owner"])
    out = command("--remind")
    assert out.splitlines()[-1] == ("1 page due for review; reminders: 1 sent, 0 failed (tried again at the next run), "
                                    "0 queued for a worker, 0 with no one to e-mail, 0 reminded already.")
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "ana@example.org", "budi@example.org", "owner@example.org"]
    message = mail.outbox[0]
    assert message.subject == "Due for another fact-check: Fees in Hong Kong"
    assert message.content_subtype == "plain" and "<" not in message.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{guide.pk}/edit/" in message.body
    assert format_date(TODAY - DAY, format="long", locale="en_GB") in message.body
    assert "Maria Santos" in message.body
    assert GuidePage.objects.get(pk=guide.pk).reminded_on == TODAY

    # A second run the same day, or the next, sends none.
    mail.outbox.clear()
    assert command("--remind").splitlines()[-1].endswith("0 sent, 0 failed (tried again at the next run), "
                                                         "0 queued for a worker, 0 with no one to e-mail, 1 reminded already.")
    clock(1)
    command("--remind")
    assert not mail.outbox

    # Checked again, it is no longer due; past its next review date, the editors are reminded again.
    page_verify(GuidePage.objects.get(pk=guide.pk), on=TODAY + DAY)
    assert command("--remind") == f"Nothing is due for review on {TODAY + DAY}.\n"
    clock(182)
    command("--remind")
    assert len(mail.outbox) == 3


def test_a_reminder_in_the_editors_admin_language(guide_index, editors):
    UserProfile.objects.create(user=editors[0], preferred_language="th")
    guide_publish(guide_index, title="Fees in Hong Kong", verified_on=TODAY - 200 * DAY)
    stale_reminders_send(today=TODAY)
    thai = next(message for message in mail.outbox if message.to == ["ana@example.org"])
    assert format_date(TODAY - 20 * DAY, format="long", locale="th") in thai.body


class FailingBackend(EmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is away")


def test_a_reminder_that_fails_is_sent_at_the_next_run(guide_index, editors, settings, caplog):
    guide = guide_publish(guide_index, title="Fees in Hong Kong", verified_on=TODAY - 200 * DAY)
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with pytest.raises(CommandError, match="0 sent, 1 failed"):
        command("--remind")
    assert GuidePage.objects.get(pk=guide.pk).reminded_on is None
    assert "example.org" not in caplog.text and "ConnectionRefusedError" in caplog.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "1 sent, 0 failed" in command("--remind")
    assert len(mail.outbox) == 2


def test_with_a_worker_the_reminders_are_queued(guide_index, editors, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    guide = guide_publish(guide_index, title="Fees in Hong Kong", verified_on=TODAY - 200 * DAY)
    assert stale_reminders_send(today=TODAY)["queued"] == 1
    assert not mail.outbox and GuidePage.objects.get(pk=guide.pk).reminded_on is None


def test_no_one_to_remind_and_a_hostile_title(guide_index):
    guide = guide_publish(guide_index, title="Fees", verified_on=TODAY - 200 * DAY)
    assert "1 with no one to e-mail" in command("--remind")
    assert GuidePage.objects.get(pk=guide.pk).reminded_on is None

    staff_member("ana", "Editors")
    GuidePage.objects.filter(pk=guide.pk).update(title="Fees\r\nBcc: everyone@example.net <script>")
    assert "  en  Fees Bcc: everyone@example.net <script>  http" in command("--remind")
    (message,) = mail.outbox
    assert message.subject == "Due for another fact-check: Fees Bcc: everyone@example.net <script>"
    assert message.recipients() == ["ana@example.org"]


def panel_of(html):
    start = html.index('id="stale-content-section"')
    return html[start:html.index("</section>", start)]


def test_the_panel_lists_stale_pages_for_those_who_edit_them(client, guide_index, clock, monkeypatch):
    guide = guide_publish(guide_index, title="Fees <b>in</b> Hong Kong", review_interval_days=30)
    editor = staff_member("ana", "Editors")
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert PANEL_HEADING in html and "No guide or provider page is due for review." in html

    clock(45)
    for person in (editor, staff_member("eka", "Fact-checkers"), User.objects.create_superuser("root")):
        client.force_login(person)
        panel = panel_of(client.get("/admin/").content.decode())
        assert PANEL_HEADING in panel
        assert f'<a href="/admin/pages/{guide.pk}/edit/">Fees &lt;b&gt;in&lt;/b&gt; Hong Kong</a>' in panel
        assert "15 days overdue" in panel

    monkeypatch.setattr(StaleContentPanel, "shown", 1)
    guide_publish(guide_index, title="Overtime pay", review_interval_days=40, verified_on=TODAY)
    panel = panel_of(client.get("/admin/").content.decode())
    assert "Fees &lt;b&gt;in&lt;/b&gt; Hong Kong" in panel and "Overtime pay" not in panel and "And 1 more." in panel

    client.force_login(staff_member("farid", "Moderators"))
    response = client.get("/admin/")
    assert response.status_code == 200 and PANEL_HEADING not in response.content.decode()


def test_a_fact_check_takes_a_stale_guide_off_the_list(client, guide_index, editors, clock):
    guide = guide_publish(guide_index, title="Fees in Hong Kong", verified_on=TODAY)
    clock(200)
    command("--remind")
    assert GuidePage.objects.get(pk=guide.pk).reminded_on == TODAY + 200 * DAY

    guide.get_workflow().start(guide, editors[0])
    guide = GuidePage.objects.get(pk=guide.pk)
    checker = staff_member("eko", "Fact-checkers")
    guide.current_workflow_task.on_action(guide.current_workflow_task_state, checker, "approve")
    checked = GuidePage.objects.get(pk=guide.pk)
    assert (checked.last_verified_on, checked.review_due_on) == (TODAY + 200 * DAY, TODAY + 380 * DAY)
    assert checked.reminded_on is None
    assert command() == f"Nothing is due for review on {TODAY + 200 * DAY}.\n"
    client.force_login(editors[0])
    assert "No guide or provider page is due for review." in panel_of(client.get("/admin/").content.decode())
