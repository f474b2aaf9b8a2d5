"""Pages that readers rely on for facts (rights guides, provider pages): their sources, who verified them and when,
when they are due for another check, and the fact-check task that no author can approve on their own work."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Orderable

DEFAULT_REVIEW_DAYS = 180


class FactCheckedPage(models.Model):
    """A mixin for page types that go live only after a fact-check. The verification fields are set by the workflow
    (content.services.fact_check_finish), never typed by an editor."""

    review_interval_days = models.PositiveSmallIntegerField(
        _("review interval (days)"), default=DEFAULT_REVIEW_DAYS,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
        help_text=_("How long after a fact-check readers can rely on this page before it is checked again."),
    )
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True, editable=False)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("last verified by"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    last_verified_by_name = models.CharField(_("verifier's name"), max_length=150, blank=True, editable=False)
    review_due_on = models.DateField(_("review due on"), null=True, blank=True, editable=False, db_index=True)
    reminded_on = models.DateField(_("reminder sent on"), null=True, blank=True, editable=False)
    translated_on = models.DateField(_("translated on"), null=True, blank=True, editable=False)
    translated_from = models.CharField(_("translated from"), max_length=10, blank=True, editable=False)

    class Meta:
        abstract = True

    def is_stale(self, today=None):
        return self.review_due_on is not None and self.review_due_on < (today or timezone.localdate())

    def is_reminded(self):
        """Whether the editors were reminded of the page since it fell due for another check."""
        return self.reminded_on is not None and self.review_due_on is not None and self.reminded_on >= self.review_due_on

    def admin_edit_url(self):
        """The full address of the page in the admin's editor, for e-mails and the command line."""
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[self.pk])


class AbstractSource(Orderable):
    """A source a page's facts were checked against."""

    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200)
    url = models.URLField(_("address (URL)"), max_length=500, validators=[URLValidator(schemes=["http", "https"])])
    accessed_on = models.DateField(_("date accessed"))

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.title


def is_author(obj, user, workflow_state=None):
    """Whether `user` wrote what is being checked: the page's owner, the author of its latest revision, or whoever
    submitted it to the workflow."""
    revision = obj.get_latest_revision() if hasattr(obj, "get_latest_revision") else None
    authors = {getattr(obj, "owner_id", None), revision.user_id if revision else None}
    if workflow_state is not None:
        authors.add(workflow_state.requested_by_id)
    return user.pk in authors


class FactCheckTask(AbstractGroupApprovalTask):
    """Approval by a member of the chosen groups (Fact-checkers) who is not the page's author."""

    def get_actions(self, obj, user):
        state = obj.current_workflow_state if hasattr(obj, "current_workflow_state") else None
        if is_author(obj, user, state):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """What the admin lists as "awaiting your review": not the pages the user submitted or last changed."""
        return super().get_task_states_user_can_moderate(user, **kwargs).exclude(
            models.Q(workflow_state__requested_by=user) | models.Q(revision__user=user))

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if is_author(obj, user, task_state.workflow_state):
            raise PermissionDenied(_("A fact-checker other than the author must check this page."))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve a page against its sources, unless they wrote it")

    class Meta:
        verbose_name = _("fact-check task")
        verbose_name_plural = _("fact-check tasks")


def review_due(verified_on, interval_days):
    return verified_on + datetime.timedelta(days=interval_days)
