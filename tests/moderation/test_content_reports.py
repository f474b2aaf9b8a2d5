"""Readers' "Is something wrong here?": a reader reports an error in a content page, quoting the passage; editors and
fact-checkers see the report in the admin and move it on to a resolution. Hostile input gets a clear message or is
made plain text, never a 500, and nothing is stored when something is refused."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import translation

from content.models import StandardPage
from moderation.models import ContentReport
from moderation.services import content_report_file
from tests.support import section_page

pytestmark = pytest.mark.django_db
HOSTILE = "<script>alert('x')</script>"
ADMIN = "/admin/moderation_contentreport/"


@pytest.fixture
def rights(db):
    """A "Know your rights" page (a StandardPage) under the home page, in English and Filipino."""
    section_page(StandardPage(title="Know your rights", slug="know-your-rights",
                              summary="What a recruitment agency may charge, checked by a second person."),
                 translated_into="fil")


def rights_page(code):
    """The "Know your rights" page in the language `code`."""
    return StandardPage.objects.get(slug="know-your-rights", locale__language_code=code)


def report_url(page, code):
    return f"/{code}/moderation/report-error/{page.pk}/"


def said(message, code="en"):
    """`message` as a page in the language `code` shows it (escaped)."""
    with translation.override(code):
        return translation.gettext(message).replace("'", "&#x27;")


def refused(response, message, status=200, code="en"):
    html = response.content.decode()
    assert response.status_code == status, html[:3000]
    assert said(message, code) in html, html[html.find("<main"):][:3000]
    assert not ContentReport.objects.exists()
    return html


def member(group):
    user = User.objects.create_user(group.lower().replace(" ", "-"), password="a-long-test-password-42")
    user.groups.add(Group.objects.get(name=group))
    return user


def admin_client(group):
    client = Client()
    client.force_login(member(group))
    return client


def file_report(page, *, passage="checked by a second person", note="Only one person checked it. Source: the team."):
    return content_report_file(page=page, page_url=page.full_url, language=page.locale.language_code, passage=passage,
                               note=note)


# --- Readers -----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["en", "fil"])
def test_a_reader_reports_a_passage_of_a_page_in_its_language(client, rights, code):
    page = rights_page(code)
    html = client.get(f"/{code}/know-your-rights/").content.decode()
    assert said("Is something wrong here?", code) in html and f'href="{report_url(page, code)}"' in html

    form = client.get(report_url(page, code))
    assert form.status_code == 200
    assert page.title in form.content.decode() and f'href="/{code}/know-your-rights/"' in form.content.decode()
    sent = client.post(report_url(page, code), {
        "passage": "  checked by a\nsecond person ", "note": "Only one person checked it.\nSource: the team page.",
        "page_url": "https://elsewhere.example/", "language": "th",
    }, HTTP_REFERER="https://elsewhere.example/", REMOTE_ADDR="10.9.8.7")
    assert sent.status_code == 200
    assert said("Your report reached the editors. They will check the page against its sources, and correct it if it "
                "is wrong.", code) in sent.content.decode()
    assert f'href="/{code}/know-your-rights/"' in sent.content.decode()

    report = ContentReport.objects.get()
    assert (report.page_id, report.page_title, report.language, report.state) == (page.pk, page.title, code, "open")
    assert report.page_url == f"http://localhost/{code}/know-your-rights/"
    assert (report.passage, report.note) == ("checked by a second person", "Only one person checked it.\nSource: the team page.")
    assert "10.9.8.7" not in str(ContentReport.objects.values().get())


def test_only_a_live_page_can_be_reported(client, rights):
    page = rights_page("fil")
    page.unpublish()
    for response in (client.get(report_url(page, "fil")), client.post(report_url(page, "fil"), {"note": "Wrong"})):
        refused(response, "We could not find that page", status=404, code="fil")
    refused(client.post("/en/moderation/report-error/987654/", {"note": "Wrong"}), "We could not find that page", 404)
    refused(client.post("/en/moderation/report-error/1/", {"note": "Wrong"}), "We could not find that page", 404)  # the root


@pytest.mark.parametrize(("field", "value", "message"), [
    ("note", "", "Say what is wrong."),
    ("note", " \n\t ", "Say what is wrong."),
    ("note", "a" * (1024 * 1024), "Keep it to 2000 characters at most (it has 1048576)."),
    ("passage", "a" * 1001, "Keep it to 1000 characters at most (it has 1001)."),
    ("note", f"The fee is wrong {HOSTILE}", "Please remove the HTML tags"),
    ("note", 'Wrong <img src=x onerror="alert(1)">', "Please remove the HTML tags"),
    ("note", "Look \u202egnp.exe", "change the direction of the writing"),
    ("note", "bell \x07 rings", "control characters that cannot be shown"),
    ("note", "nul \x00 here", "control characters that cannot be shown"),
    ("passage", "bell \x07 rings", "control characters that cannot be shown"),
    ("passage", "nul \x00 here", "control characters that cannot be shown"),
])
def test_bad_input_is_refused_with_a_clear_message(client, rights, field, value, message):
    page = rights_page("en")
    refused(client.post(report_url(page, "en"), {"passage": "a passage", "note": "What is wrong", field: value}), message)


@pytest.mark.parametrize("body", [b"passage=ok&note=%FF%FEbad", b"passage=%C3%28&note=ok"])
def test_invalid_utf8_in_the_body_is_refused(client, rights, body):
    response = client.post(report_url(rights_page("en"), "en"), body, content_type="application/x-www-form-urlencoded")
    refused(response, "control characters that cannot be shown")


def test_raw_bytes_that_are_not_utf8_are_read_as_latin1_text_not_a_500(client, rights):
    """No browser sends a form body unencoded; when a client does, Django reads the whole body as Latin-1."""
    response = client.post(report_url(rights_page("en"), "en"), b"note=\xff\xfe <b>x</b>",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert said("Please remove the HTML tags") in response.content.decode() and not ContentReport.objects.exists()


def test_markup_in_a_quoted_passage_is_stored_as_plain_text_and_shown_escaped(client, rights):
    page = rights_page("en")
    client.post(report_url(page, "en"), {"passage": f"{HOSTILE} fees &lt;b&gt;under&lt;/b&gt; 500 & more",
                                         "note": "Fees < 500 & more is wrong"})
    report = ContentReport.objects.get()
    assert report.passage == "alert('x') fees <b>under</b> 500 & more"
    assert report.note == "Fees < 500 & more is wrong"
    html = admin_client("Editors").get(f"{ADMIN}inspect/{report.pk}/").content.decode()
    assert "<b>under</b>" not in html and "&lt;b&gt;under&lt;/b&gt; 500 &amp; more" in html
    assert "Fees &lt; 500 &amp; more is wrong" in html


def test_reports_are_limited_per_ip_and_nothing_is_stored_beyond(client, rights):
    url = report_url(rights_page("en"), "en")
    for _attempt in range(10):
        assert client.post(url, {"note": ""}).status_code == 200
    refused(client.post(url, {"note": "The fee is wrong"}), "Too many attempts from here in a short time.", status=429)
    assert client.post(url, {"note": "The fee is wrong"}, REMOTE_ADDR="10.0.0.9").status_code == 200
    assert ContentReport.objects.count() == 1


def test_a_report_without_its_csrf_token_gets_the_friendly_403(rights):
    strict = Client(enforce_csrf_checks=True)
    url = report_url(rights_page("fil"), "fil")
    assert strict.get(url).status_code == 200
    refused(strict.post(url, {"note": "The fee is wrong"}), "This form has expired", status=403, code="fil")


# --- Editors and fact-checkers -------------------------------------------------------------------------------------------

@pytest.fixture
def reported(rights):
    return file_report(rights_page("fil"), passage=f"sinuri ng ikalawang tao {HOSTILE}", note=f"Not true. {HOSTILE}")


@pytest.mark.parametrize("group", ["Editors", "Fact-checkers"])
def test_editors_and_fact_checkers_see_the_report_with_its_page_and_passage(reported, group):
    client = admin_client(group)
    listing = client.get(ADMIN).content.decode()
    assert reported.page_title in listing and f"{ADMIN}inspect/{reported.pk}/" in listing
    html = client.get(f"{ADMIN}inspect/{reported.pk}/").content.decode()
    assert 'href="http://localhost/fil/know-your-rights/"' in html
    assert f'href="/admin/pages/{reported.page_id}/edit/"' in html
    assert "sinuri ng ikalawang tao &lt;script&gt;" in html and "Not true. &lt;script&gt;" in html and HOSTILE not in html
    assert 'name="state" value="corrected"' in html
    assert "Content error reports" in client.get("/admin/").content.decode()


def test_a_fact_checker_moves_a_report_on_to_its_resolution(reported):
    fact_checker = member("Fact-checkers")
    client = Client()
    client.force_login(fact_checker)
    act = f"{ADMIN}resolve/{reported.pk}/"

    client.post(act, {"state": "checking"})
    reported.refresh_from_db()
    assert (reported.state, reported.resolved_by, reported.resolved_at) == ("checking", None, None)

    response = client.post(act, {"state": "corrected", "note": ""}, follow=True)
    assert "Say what was corrected, or why no change is needed." in response.content.decode()
    for state in ("open", "invented"):
        assert "Choose where the report moves on to." in client.post(act, {"state": state}, follow=True).content.decode()
    assert ContentReport.objects.get().state == "checking"

    response = client.post(act, {"state": "corrected", "note": f"Fixed the second check. {HOSTILE}" + "n" * 100_000},
                           follow=True)
    reported.refresh_from_db()
    assert (reported.state, reported.resolved_by) == ("corrected", fact_checker) and reported.resolved_at
    assert reported.resolution.startswith("Fixed the second check. alert('x')") and len(reported.resolution) <= 1000
    html = response.content.decode()
    assert "The report is now: Corrected." in html and "fact-checkers" in html and "Fixed the second check." in html


def test_a_moderator_who_is_not_an_editor_can_neither_see_nor_act(reported):
    client = admin_client("Moderators")
    assert client.get(ADMIN).status_code == 302 and client.get(f"{ADMIN}inspect/{reported.pk}/").status_code == 302
    response = client.post(f"{ADMIN}resolve/{reported.pk}/", {"state": "no_change", "note": "Fine as it is"})
    assert response.status_code == 403
    assert ContentReport.objects.get().state == "open"
    home = client.get("/admin/").content.decode()
    assert "Content error reports" not in home and ADMIN not in home


def test_the_act_url_takes_only_a_post_with_its_csrf_token(reported):
    client = admin_client("Editors")
    assert client.get(f"{ADMIN}resolve/{reported.pk}/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(User.objects.get(username="editors"))
    assert strict.post(f"{ADMIN}resolve/{reported.pk}/", {"state": "no_change", "note": "Fine"}).status_code == 403
    assert client.post(f"{ADMIN}resolve/987654/", {"state": "no_change", "note": "Fine"}, follow=True).status_code == 404
    assert ContentReport.objects.get().state == "open"


def test_nobody_adds_edits_or_deletes_a_report_in_the_admin(reported):
    client = Client()
    client.force_login(User.objects.create_superuser("admin", password="a-long-test-password-42"))
    listing = client.get(ADMIN).content.decode()
    assert f"{ADMIN}new/" not in listing and f"{ADMIN}edit/" not in listing and f"{ADMIN}delete/" not in listing
    for url in (f"{ADMIN}new/", f"{ADMIN}edit/{reported.pk}/", f"{ADMIN}delete/{reported.pk}/"):
        assert client.post(url, {"note": "changed", "state": "corrected"}, follow=True).status_code == 404
    assert ContentReport.objects.get().note == reported.note


def test_the_listing_shows_open_reports_first_and_filters_by_state_and_language(rights):
    english, filipino = rights_page("en"), rights_page("fil")
    corrected = file_report(english, note="Corrected one")
    ContentReport.objects.filter(pk=corrected.pk).update(state="corrected")
    checking = file_report(english, note="Being checked")
    ContentReport.objects.filter(pk=checking.pk).update(state="checking")
    older, newer = file_report(filipino, note="Older"), file_report(english, note="Newer")
    client = admin_client("Editors")

    def shown(query=""):
        html = client.get(f"{ADMIN}{query}").content.decode()
        links = [f"{ADMIN}inspect/{report.pk}/" for report in (older, newer, checking, corrected)]
        return sorted((report for report, link in zip((older, newer, checking, corrected), links) if link in html),
                      key=lambda report: html.find(f"{ADMIN}inspect/{report.pk}/"))

    assert shown() == [older, newer, checking, corrected]
    assert shown("?state=open") == [older, newer]
    assert shown("?language=fil") == [older]


def test_the_admin_home_page_says_how_many_reports_are_open(reported):
    home = admin_client("Editors").get("/admin/").content.decode()
    assert "1 report of an error in a page is open." in home and f'href="{ADMIN}?state=open"' in home
    ContentReport.objects.update(state="corrected")
    assert "No report of an error in a page is open." in admin_client("Fact-checkers").get("/admin/").content.decode()
