"""The moderators' queue in the Wagtail admin: waiting reviews and replies, reported ones and appealed decisions in
one list ordered by risk, with filters; each item's text with the flagged parts marked, and the actions on it
(publish, reject, hide a part, ask the reviewer to edit, decide an appeal), and rejecting a whole burst at once.

Views stay thin: reviews.services changes the items (and writes the audit log through moderation.services);
moderation.selectors and reviews.selectors read. Every action is a POST with a CSRF token and needs the permission
to moderate; a moderator who speaks for the item's agency sees the item but cannot act on it.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from agencies.selectors import agency_names
from config.run_admin import NOTE_LENGTH, NoteForm
from moderation import selectors
from moderation.checks import check_labels
from moderation.models import Flag, Reason, Stage
from reviews import selectors as review_selectors
from reviews import services as review_services

MODERATE = "reviews.moderate_review"
PAGE_SIZE = 50
EXCERPT = 280  # characters of each item's text in the list
PASSAGE_LENGTH = 500

ACTIONS = {
    Stage.NEW: ("publish", "reject", "redact", "edit"),
    Stage.REPORTED: ("publish", "reject", "redact"),
    Stage.APPEAL: ("uphold", "overturn"),
}
ACTION_LABELS = {
    "publish": gettext_lazy("Publish"), "reject": gettext_lazy("Reject"), "redact": gettext_lazy("Hide the parts chosen"),
    "edit": gettext_lazy("Ask the reviewer to edit"), "uphold": gettext_lazy("Uphold the decision"),
    "overturn": gettext_lazy("Overturn the decision"),
}
REPORTED_LABELS = {"publish": gettext_lazy("Keep it (dismiss the reports)"),
                   "reject": gettext_lazy("Remove it (uphold the reports)")}


def _check_names():
    """(code, label) of every check, and of the flag that sums up visitors' reports."""
    return [*check_labels(), (Flag.REPORTED, _("Reported by visitors"))]


def _body(item):
    return f"{item.title}\n\n{item.text}" if hasattr(item, "title") else item.text


class QueueFilterForm(forms.Form):
    check = forms.ChoiceField(label=gettext_lazy("Reason"), required=False)
    agency = forms.TypedChoiceField(label=gettext_lazy("Agency"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    age = forms.TypedChoiceField(label=gettext_lazy("Waiting"), required=False, coerce=int, empty_value=None)
    stage = forms.ChoiceField(label=gettext_lazy("Why it is here"), required=False, choices=[("", "—"), *Stage.choices])
    burst = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, data, *, languages, agencies):
        super().__init__(data)
        self.fields["check"].choices = [("", "—"), *_check_names()]
        self.fields["agency"].choices = [("", "—"), *sorted(agencies.items(), key=lambda pair: pair[1])]
        self.fields["language"].choices = [("", "—"), *((code, code) for code in languages)]
        self.fields["age"].choices = [("", "—"), *((days, _("more than %(days)d days") % {"days": days})
                                                   for days in selectors.QUEUE_AGES)]

    def filters(self):
        """The valid filters; a bad value of one is dropped, the others kept."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        return {"check": data.get("check") or "", "agency_id": data.get("agency"), "language": data.get("language") or "",
                "older_than_days": data.get("age"), "stage": data.get("stage") or "", "burst": data.get("burst") or ""}


class ActionForm(NoteForm):
    """A moderator's action on one item; the note is cleaned as on an import run's decision."""

    action = forms.ChoiceField(choices=list(ACTION_LABELS.items()),
                               error_messages={"required": gettext_lazy("Choose what to do."),
                                               "invalid_choice": gettext_lazy("Choose what to do.")})
    reason = forms.ChoiceField(required=False, choices=[("", "—"), *Reason.choices])
    parts = forms.MultipleChoiceField(required=False)
    passage = forms.CharField(required=False, max_length=PASSAGE_LENGTH, strip=False)

    def __init__(self, data=None, *, spans=()):
        super().__init__(data)
        self.fields["parts"].choices = [(f"{start}:{end}", f"{start}:{end}") for start, end in spans]

    def clean(self):
        data = super().clean()
        if data.get("action") in ("reject", "redact", "edit") and not data.get("reason"):
            raise ValidationError(_("Choose the reason from the list."))
        return data

    def spans(self, body):
        """The parts to hide: the flagged parts ticked, and every place the typed words occur."""
        spans = [tuple(int(number) for number in part.split(":")) for part in self.cleaned_data["parts"]]
        passage = self.cleaned_data["passage"].strip()
        if passage:
            start = body.find(passage)
            if start < 0:
                raise ValidationError(_("The words to hide are not in the text. Copy them exactly."))
            while start >= 0:
                spans.append((start, start + len(passage)))
                start = body.find(passage, start + 1)
        return spans


def _forbidden():
    return HttpResponseForbidden(_("You may not moderate reviews."), content_type="text/plain")


def _row(queued, item, agency_name):
    body = _body(item)
    flags = list(queued.flags.all())
    return {
        "queued": queued, "item": item, "agency": agency_name, "flags": flags,
        "pieces": selectors.highlighted(body[:EXCERPT], flags), "cut": len(body) > EXCERPT,
        "url": reverse("moderation_queue:item", args=[queued.pk]),
    }


def queue_index(request):
    if not request.user.has_perm(MODERATE):
        return _forbidden()
    languages, agency_ids = selectors.queue_filter_choices()
    agencies = agency_names(ids=agency_ids)
    form = QueueFilterForm(request.GET or None, languages=languages, agencies=agencies)
    filters = form.filters() if request.GET else {}
    page = Paginator(selectors.queue_items(**filters).prefetch_related("flags"), PAGE_SIZE).get_page(request.GET.get("p"))
    items = review_selectors.moderated_items(keys=[(queued.item_kind, queued.item_id) for queued in page])
    rows = [_row(queued, items[(queued.item_kind, queued.item_id)], agencies.get(queued.agency_id, ""))
            for queued in page if (queued.item_kind, queued.item_id) in items]
    query = request.GET.copy()
    query.pop("p", None)
    return render(request, "moderation/admin/queue_index.html", {
        "rows": rows, "page": page, "form": form, "query": query.urlencode(), "burst": filters.get("burst", ""),
        "reasons": Reason.choices, "note_length": NOTE_LENGTH, "now": timezone.now(),
    })


def _open_item(pk):
    queued = selectors.queue_item(pk=pk)
    item = queued and review_selectors.moderated_item(kind=queued.item_kind, pk=queued.item_id)
    if item is None:
        raise Http404
    return queued, item


def queue_item(request, pk):
    if not request.user.has_perm(MODERATE):
        return _forbidden()
    queued, item = _open_item(pk)
    review = getattr(item, "review", item)
    flags = list(queued.flags.all())
    appeal = selectors.appeal_waiting(item=item) if queued.stage == Stage.APPEAL else None
    linked = review.agency_id in review_selectors.represented_agency_ids(user=request.user)
    actions = ACTIONS[queued.stage] if queued.is_open and not linked else ()
    if "edit" in actions and (item is not review or not review.notify):
        actions = tuple(action for action in actions if action != "edit")
    labels = {**ACTION_LABELS, **(REPORTED_LABELS if queued.stage == Stage.REPORTED else {})}
    names = dict(_check_names())
    return render(request, "moderation/admin/queue_item.html", {
        "queued": queued, "item": item, "review": review,
        "found": [(names.get(flag.check_code, flag.check_code), flag) for flag in flags],
        "pieces": selectors.highlighted(_body(item), flags),
        "parts": [(f"{start}:{end}", _body(item)[start:end], flag.reason) for flag in flags for start, end in flag.spans],
        "reports": selectors.reports_open(item=item), "appeal": appeal, "history": selectors.item_history(item=item),
        "linked": linked, "can_redact": "redact" in actions, "own_decision": appeal is not None and appeal.appealed_actor_id == request.user.pk,
        "actions": [(action, labels[action]) for action in actions], "reasons": Reason.choices,
        "note_length": NOTE_LENGTH, "passage_length": PASSAGE_LENGTH,
    })


def _act(request, queued, item, form):
    """Carries out the chosen action through reviews.services; returns the message for the moderator."""
    action, reason, note = form.cleaned_data["action"], form.cleaned_data["reason"], form.cleaned_data["note"]
    if not queued.is_open:
        raise review_services.ReviewError(_("This was already decided."))
    if action not in ACTIONS[queued.stage]:
        raise review_services.ReviewError(_("This action does not apply to this item."))
    decision = {"moderator": request.user, "note": note}
    if action in ("publish", "reject"):
        review_services.item_decide(item=item, publish=action == "publish", reason=reason, **decision)
        return _("Published.") if action == "publish" else _("Rejected.")
    if action == "redact":
        review_services.item_redact(item=item, spans=form.spans(_body(item)), reason=reason, **decision)
        return _("The parts were hidden.")
    if action == "edit":
        review_services.review_edit_ask(review=item, reason=reason, **decision)
        return _("The reviewer was asked to edit their review.")
    review_services.appeal_decide(item=item, overturn=action == "overturn", reason=reason, **decision)
    return _("The decision was overturned.") if action == "overturn" else _("The decision was upheld.")


@require_POST
def queue_act(request, pk):
    if not request.user.has_perm(MODERATE):
        return _forbidden()
    queued, item = _open_item(pk)
    form = ActionForm(request.POST, spans=[span for flag in queued.flags.all() for span in flag.spans])
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("moderation_queue:item", pk)
    try:
        done = _act(request, queued, item, form)
    except (review_services.ReviewError, ValidationError) as error:
        messages.error(request, getattr(error, "message", None) or " ".join(error.messages))
        return redirect("moderation_queue:item", pk)
    messages.success(request, done)
    if queued.stage == Stage.NEW and form.cleaned_data["action"] == "redact":
        return redirect("moderation_queue:item", pk)  # hidden: now publish it
    return redirect("moderation_queue:index")


class BurstForm(NoteForm):
    burst = forms.CharField(max_length=64)
    reason = forms.ChoiceField(choices=Reason.choices, error_messages={
        "required": gettext_lazy("Choose the reason from the list."),
        "invalid_choice": gettext_lazy("Choose the reason from the list.")})


@require_POST
def queue_burst(request):
    """Rejects every waiting review of one burst (those of agencies the moderator speaks for are left)."""
    if not request.user.has_perm(MODERATE):
        return _forbidden()
    form = BurstForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("moderation_queue:index")
    rejected, left = review_services.burst_reject(burst=form.cleaned_data["burst"], moderator=request.user,
                                                  reason=form.cleaned_data["reason"], note=form.cleaned_data["note"])
    messages.success(request, _("%(rejected)d reviews of the burst were rejected; %(left)d left for another moderator.")
                     % {"rejected": rejected, "left": left})
    return redirect("moderation_queue:index")


urlpatterns = [
    path("", queue_index, name="index"),
    path("<int:pk>/", queue_item, name="item"),
    path("<int:pk>/act/", queue_act, name="act"),
    path("burst/", queue_burst, name="burst"),
]
