"""The fact-check, through the admin's own views: a guide needs a source before it is sent; a fact-checker other than
its author approves it or sends it back with a comment; approval publishes it with "last verified" and the next review
date; no editor or fact-checker publishes on their own; a translation is checked too."""

import datetime
import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.models import GuidePage, GuideSource, Topic
from tests.content.conftest import guide_publish, page_translate, staff_member

pytestmark = pytest.mark.django_db

SOURCE = {"title": "Employment Ordinance, Part XII", "publisher": "Labour Department",
          "url": "https://www.labour.gov.hk/eng/legislat/content2.htm", "accessed_on": "2026-01-15"}
NO_SOURCE = ("Add at least one source (title, publisher, address and the date you read it) before this page is sent "
             "for fact-checking: it is checked against its sources.")
NO_PERMISSION = "Sorry, you do not have permission to access this area."


def guide_form(action, *, sources=(SOURCE,), initial_sources=0, body=None, **fields):
    """The editor's form for a guide as the browser posts it, with the button `action` pressed (None: "Save draft");
    `body` is a list of (block type, value)."""
    values = {"title": "Fees in Hong Kong", "slug": "fees-in-hong-kong", "origin_country": "PH",
              "destination_country": "HK", "review_interval_days": "90",
              "summary": "The agency may charge at most one month's wage. Keep every receipt.", **fields}
    body = body or [("text", rich_text("<p>Ask for a receipt for every fee.</p>"))]
    data = nested_form_data({**values, "body": streamfield(body),
                             "sources": inline_formset(list(sources), initial=initial_sources),
                             "comments": inline_formset([])})
    data["topics"] = [str(Topic.objects.get(slug="recruitment-fees").pk)]
    if action:
        data[action] = "1"
    return data


def edit_form(page, action, **fields):
    """The editor's form for an existing guide, its sources kept."""
    sources = [{**SOURCE, "id": str(source.pk)} for source in page.sources.all()]
    return guide_form(action, sources=sources, initial_sources=len(sources), title=page.title, slug=page.slug,
                      **fields)


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("content", "guidepage", index.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def action_url(page, action):
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, page.current_workflow_task_state.pk))


def guide(pk):
    return GuidePage.objects.get(pk=pk)


def submitted(client, index, editor, **fields):
    client.force_login(editor)
    response = client.post(add_url(index), guide_form("action-submit", **fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    return GuidePage.objects.get(slug=fields.get("slug", "fees-in-hong-kong"))


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


@pytest.fixture
def editor(db):
    """An editor who is also a fact-checker: they still cannot approve their own guide."""
    return staff_member("editor", "Editors", "Fact-checkers")


@pytest.fixture
def checker(db):
    return staff_member("checker", "Fact-checkers")


def test_a_guide_without_a_source_is_not_sent_for_fact_checking(client, guide_index, editor):
    client.force_login(editor)
    response = client.post(add_url(guide_index), guide_form("action-submit", sources=()))
    assert response.status_code == 200
    assert NO_SOURCE in response.content.decode()
    assert not GuidePage.objects.exists() and not WorkflowState.objects.exists()

    # A draft may wait for its sources; it goes nowhere.
    assert client.post(add_url(guide_index), guide_form(None, sources=())).status_code == 302
    draft = GuidePage.objects.get()
    assert not draft.live and not draft.workflow_in_progress
    # Nor does it go once its only source is deleted in the same form.
    client.post(edit_url(draft), guide_form(None))
    assert guide(draft.pk).sources.count() == 1
    response = client.post(edit_url(draft), edit_form(draft, "action-submit") | {"sources-0-DELETE": "1"})
    assert NO_SOURCE in response.content.decode()
    assert not guide(draft.pk).workflow_in_progress


def test_a_guide_goes_live_once_another_fact_checker_approves_it(client, guide_index, editor, checker):
    page = submitted(client, guide_index, editor)
    assert not page.live and page.workflow_in_progress
    assert page.current_workflow_task.name == "Fact-check against sources"

    # The author, though a fact-checker, is not asked to review it, is offered no approval, and one posted anyway is
    # refused.
    assert 'id="awaiting-review' not in client.get("/admin/").content.decode()
    assert page.current_workflow_task.get_actions(page, editor) == []
    assert b"Approve" not in client.get(edit_url(page)).content
    response = client.post(action_url(page, "approve"))
    assert NO_PERMISSION in messages_of(response)
    client.post(edit_url(page), edit_form(page, "action-workflow-action") | {"workflow-action-name": "approve"})
    assert not guide(page.pk).live and guide(page.pk).workflow_in_progress

    # Another fact-checker sends it back with a comment, which the editor reads in the editor.
    client.force_login(checker)
    assert 'id="awaiting-review' in client.get("/admin/").content.decode()
    assert b"Approve" in client.get(edit_url(page)).content
    client.post(action_url(page, "reject"), {"comment": "The fee cap is in section 57, not 32: check it."})
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    client.force_login(editor)
    assert "The fee cap is in section 57, not 32: check it." in client.get(edit_url(page)).content.decode()

    # The editor corrects it and submits it again; the fact-checker approves: it is live, verified today.
    client.post(edit_url(page), edit_form(page, "action-submit", summary="The agency may charge at most one "
                                          "month's wage (section 57). Keep every receipt."))
    assert guide(page.pk).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not guide(page.pk).live
    client.force_login(checker)
    client.post(action_url(page, "approve"), {"comment": ""})
    today = timezone.localdate()
    live = guide(page.pk)
    assert live.live and not live.workflow_in_progress
    assert "(section 57)" in live.summary
    assert (live.last_verified_on, live.last_verified_by, live.last_verified_by_name) == (today, checker, "Checker Test")
    assert live.review_due_on == today + datetime.timedelta(days=90)
    assert "Checker Test" in client.get(live.url).content.decode()

    # A later draft keeps the verification until the next fact-check.
    client.force_login(editor)
    client.post(edit_url(live), edit_form(live, None, summary="A new draft."))
    draft = guide(page.pk).get_latest_revision_as_object()
    assert draft.summary == "A new draft." and guide(page.pk).summary != "A new draft."
    assert (draft.last_verified_on, draft.last_verified_by_name, draft.review_due_on) == (
        today, "Checker Test", today + datetime.timedelta(days=90))


@pytest.mark.parametrize("role", ["Editors", "Fact-checkers"])
def test_no_editor_or_fact_checker_publishes_directly(client, guide_index, role):
    client.force_login(staff_member("someone", role, "Editors"))
    client.post(add_url(guide_index), guide_form("action-publish"))
    assert GuidePage.objects.get().live is False  # saved as a draft

    live = guide_publish(guide_index, title="Passports")
    client.post(edit_url(live), edit_form(live, "action-publish", summary="Hand your passport to the employer."))
    assert guide(live.pk).summary != "Hand your passport to the employer."


@pytest.mark.parametrize("roles", [("Editors",), ("Moderators",), ()])
def test_only_a_fact_checker_approves(client, guide_index, roles):
    page = submitted(client, guide_index, staff_member("writer", "Editors"))
    client.force_login(staff_member("someone", *roles))
    response = client.post(action_url(page, "approve"))
    assert response.status_code in (302, 403)
    assert not guide(page.pk).live and guide(page.pk).workflow_in_progress
    client.logout()
    assert client.post(action_url(page, "approve")).status_code == 302  # to the sign-in page
    assert not guide(page.pk).live


def test_a_fact_checker_who_changes_the_guide_leaves_the_approval_to_another(client, guide_index, editor, checker):
    page = submitted(client, guide_index, editor)
    client.force_login(checker)
    response = client.post(edit_url(page), edit_form(page, "action-workflow-action", summary="Rewritten by the checker.")
                           | {"workflow-action-name": "approve"})
    assert NO_PERMISSION in messages_of(response)
    assert not guide(page.pk).live  # the change waits as a draft, still in the fact-check
    assert guide(page.pk).get_latest_revision_as_object().summary == "Rewritten by the checker."

    second = staff_member("second", "Fact-checkers")
    client.force_login(second)
    client.post(action_url(page, "approve"))
    assert guide(page.pk).live and guide(page.pk).summary == "Rewritten by the checker."
    assert guide(page.pk).last_verified_by_name == "Second Test"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "not a url", "ftp://example.org/ordinance.pdf",
                                 "https://" + "a" * 600 + ".org/", "http://"])
def test_a_source_with_a_broken_address_is_refused(client, guide_index, editor, url):
    client.force_login(editor)
    response = client.post(add_url(guide_index), guide_form("action-submit", sources=[{**SOURCE, "url": url}]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Enter a valid URL." in text or "Ensure this value has at most 500 characters" in text
    assert not GuidePage.objects.exists() and not GuideSource.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("title", ""), ("summary", "x" * 601), ("review_interval_days", "0"),
                                              ("review_interval_days", "ninety"), ("origin_country", "XX")])
def test_bad_values_are_refused_with_the_field_marked(client, guide_index, editor, field, value):
    client.force_login(editor)
    response = client.post(add_url(guide_index), guide_form("action-submit", **{field: value}))
    assert response.status_code == 200
    assert "The page could not be created due to validation errors" in response.content.decode()
    assert not GuidePage.objects.exists()


def test_rich_text_passes_through_wagtails_whitelist(client, guide_index, editor, checker):
    text = "Call us <script>alert(1)</script> now, free."
    hostile = {  # what a browser could post in place of the rich text editor's own JSON
        "blocks": [
            {"key": "a1", "type": "unstyled", "text": text, "depth": 0, "data": {},
             "inlineStyleRanges": [{"offset": text.index("free"), "length": 4, "style": "BOLD"}],
             "entityRanges": [{"offset": text.index("now"), "length": 3, "key": 0}]},
            {"key": "a2", "type": "atomic", "text": " ", "depth": 0, "data": {}, "inlineStyleRanges": [],
             "entityRanges": [{"offset": 0, "length": 1, "key": 1}]},
            {"key": "a3", "type": "header-one", "text": "Not a feature", "depth": 0, "data": {},
             "inlineStyleRanges": [], "entityRanges": []},
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(2)"}},
            "1": {"type": "IMAGE", "mutability": "IMMUTABLE", "data": {"src": "x", "onerror": "alert(3)"}},
        },
    }
    page = submitted(client, guide_index, editor, body=[("text", json.dumps(hostile))])
    client.force_login(checker)
    client.post(action_url(page, "approve"))
    stored = str(guide(page.pk).body.raw_data)
    html = client.get(guide(page.pk).url).content.decode()
    for trace in ("<script>alert", "javascript:", "onerror", "<img", "<h1>Not"):
        assert trace not in stored
        assert trace not in html
    assert "Call us &lt;script&gt;alert(1)&lt;/script&gt;" in html and "<b>free</b>" in html


def test_a_translation_is_marked_and_fact_checked_before_it_goes_live(client, guide_index, editor, checker):
    original = guide_publish(guide_index, title="Fees in Hong Kong", verified_on=datetime.date(2026, 9, 1))
    page_translate(guide_index, "km")
    khmer = Locale.objects.get(language_code="km")
    client.force_login(editor)
    response = client.post(reverse("simple_translation:submit_page_translation", args=(original.pk,)),
                           {"locales": [khmer.pk]})
    translation = GuidePage.objects.get(locale=khmer, translation_key=original.translation_key)
    assert response.status_code == 302 and response["Location"] == edit_url(translation)

    today = timezone.localdate()
    assert (translation.translated_on, translation.translated_from) == (today, "en")
    assert not translation.live
    assert (translation.last_verified_on, translation.last_verified_by_name, translation.review_due_on) == (None, "", None)
    assert translation.get_latest_revision_as_object().last_verified_on is None

    client.post(edit_url(translation), edit_form(translation, "action-submit", summary="ភ្នាក់ងារអាចគិតថ្លៃបានច្រើនបំផុតមួយខែ។"))
    assert not guide(translation.pk).live and guide(translation.pk).workflow_in_progress
    client.force_login(checker)
    client.post(action_url(translation, "approve"))
    checked = guide(translation.pk)
    assert checked.live and (checked.last_verified_on, checked.last_verified_by_name) == (today, "Checker Test")
    assert (checked.translated_on, checked.translated_from) == (today, "en")
    assert guide(original.pk).last_verified_on == datetime.date(2026, 9, 1)  # the English guide is its own


def test_a_translation_made_in_code_starts_unverified_too(guide_index, editor):
    from wagtail.actions.copy_for_translation import CopyPageForTranslationAction

    original = guide_publish(guide_index, title="Fees in Hong Kong")
    page_translate(guide_index, "th")
    copy = CopyPageForTranslationAction(page=original, locale=Locale.objects.get(language_code="th"), user=editor).execute()
    translation = guide(copy.pk)
    assert not translation.live and translation.last_verified_on is None and translation.translated_from == "en"


def test_a_citation_must_point_to_a_listed_source(client, guide_index, editor):
    from remittance.models import Provider
    from remittance.pages import CompareTransfersPage, ProviderPage

    client.force_login(editor)
    data = guide_form("action-submit", body=[("citation", {"source": "2", "passage": "Every fee has a receipt."})])
    response = client.post(add_url(guide_index), data)
    assert "A citation points to source 2, but the page lists 1 source(s)." in response.content.decode()
    assert not GuidePage.objects.exists()

    comparison = CompareTransfersPage(title="Compare money transfers", slug="compare-money-transfers")
    guide_index.get_parent().add_child(instance=comparison)
    provider = Provider.objects.create(name="Sample Remit", slug="sample-remit", type=Provider.Type.MONEY_TRANSFER_OPERATOR)
    data = nested_form_data({
        "title": "Sample Remit", "slug": "sample-remit", "provider": str(provider.pk), "intro": "",
        "review_interval_days": "180", "comments": inline_formset([]), "sources": inline_formset([SOURCE]),
        "what_to_check": streamfield([("citation", {"source": "3", "passage": "Every operator is licensed."})]),
    }) | {"action-submit": "1"}
    response = client.post(reverse("wagtailadmin_pages:add", args=("remittance", "providerpage", comparison.pk)), data)
    assert "A citation points to source 3, but the page lists 1 source(s)." in response.content.decode()
    assert not ProviderPage.objects.exists()
