"""Writes to Lantern's content that the editors' forms do not make: verification by the fact-check workflow, and the
marks a translation carries."""

from django.db import transaction
from django.utils import timezone

# Wagtail imports WAGTAIL_FINISH_WORKFLOW_ACTION while it defines its own models, before any app's models can be
# imported: this module reaches Lantern's models inside its functions only.


def _verifier_name(user):
    return (user.get_full_name() or user.get_username())[:150] if user else ""


@transaction.atomic
def fact_check_finish(workflow_state, user=None):
    """Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION: the last approval publishes the latest revision. For a fact-checked
    page, the approver and the day are written into that revision first, so that the published page and every later
    draft carry them. Publishing is the workflow's to do: editors and fact-checkers have no "publish" permission of
    their own, so no page goes live without a fact-check."""
    from content.models.checked import FactCheckedPage, review_due

    revision = workflow_state.content_object.get_latest_revision()
    page = revision.as_object()
    if isinstance(page, FactCheckedPage):
        today = timezone.localdate()
        revision.content.update({
            "last_verified_on": today.isoformat(),
            "last_verified_by": user.pk if user else None,
            "last_verified_by_name": _verifier_name(user),
            "review_due_on": review_due(today, page.review_interval_days).isoformat(),
            "reminded_on": None,
        })
        revision.save(update_fields=["content"])
    revision.publish(user=user, skip_permission_checks=True)


def translation_mark(sender, source_obj, target_obj, **kwargs):
    """A receiver of Wagtail's copy_for_translation_done: the new translation records its source language and day,
    and starts unverified: it is fact-checked on its own before it goes live."""
    from content.models.checked import FactCheckedPage

    target = target_obj.specific if hasattr(target_obj, "specific") else target_obj
    if not isinstance(target, FactCheckedPage):
        return
    fields = {
        "translated_on": timezone.localdate(), "translated_from": source_obj.locale.language_code,
        "last_verified_on": None, "last_verified_by": None, "last_verified_by_name": "", "review_due_on": None,
        "reminded_on": None,
    }
    type(target).objects.filter(pk=target.pk).update(**fields)
    revision = target.get_latest_revision()
    if revision is not None:
        revision.content.update({key: value.isoformat() if hasattr(value, "isoformat") else value
                                 for key, value in fields.items()})
        revision.save(update_fields=["content"])
