"""Licensed agencies, the history of their licences, the registries they come from and each refresh run."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")
    NOT_LISTED = "not_listed", _("Not in the latest list")


class Source(models.Model):
    """A government registry that Lantern reads, with the thresholds that hold a suspicious refresh."""

    class Format(models.TextChoices):
        JSON = "json", _("JSON endpoint of a web application")
        HTML = "html", _("HTML pages")
        FORM = "form", _("Search form")
        PDF = "pdf", _("PDF document")
        CSV = "csv", _("CSV download")

    key = models.SlugField(_("key"), max_length=40, unique=True, help_text=_("The spider's name, e.g. ph_dmw."))
    name = models.CharField(_("name"), max_length=200)
    registry = models.CharField(_("regulator"), max_length=200)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code of the licensing country."))
    url = models.URLField(_("public URL"), help_text=_("Where a worker can see the registry for themselves."))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    max_change_share = models.DecimalField(
        _("largest share of agencies a run may change"), max_digits=3, decimal_places=2, default=0.25,
        help_text=_("A run that would change or drop more than this share of the agencies is held for a person."),
    )
    min_row_share = models.DecimalField(
        _("smallest share of the last run's rows"), max_digits=3, decimal_places=2, default=0.70,
        help_text=_("A run with fewer rows than this share of the last applied run is held for a person."),
    )

    class Meta:
        verbose_name = _("registry source")
        ordering = ["country", "key"]

    def __str__(self):
        return self.name


class RefreshRun(models.Model):
    """One import of a registry feed: what it found, and whether it was applied, held or rejected."""

    class State(models.TextChoices):
        APPLIED = "applied", _("Applied")
        HELD = "held", _("Held for a person")
        REJECTED = "rejected", _("Rejected")

    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="runs")
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    fetched_at = models.DateTimeField(_("fetched"), null=True, blank=True, help_text=_("When the registry was read."))
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    reason = models.TextField(_("reason"), blank=True)
    rows = models.PositiveIntegerField(_("rows in the feed"), default=0)
    added = models.PositiveIntegerField(_("added"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    missing = models.PositiveIntegerField(_("missing"), default=0)
    rejected = models.PositiveIntegerField(_("rejected rows"), default=0)
    preview = models.JSONField(_("what would change"), default=list, blank=True)
    feed = models.FileField(_("held feed"), upload_to="feeds/", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("refresh run")
        ordering = ["-started_at"]
        permissions = [("decide_refreshrun", _("Can confirm or reject a held refresh run"))]

    def __str__(self):
        return f"{self.source.key} {self.started_at:%Y-%m-%d %H:%M} ({self.get_state_display()})"


class Agency(models.Model):
    """A recruitment agency as its licensing registry lists it."""

    country = models.CharField(_("country"), max_length=2)
    licence_number = models.CharField(_("licence number"), max_length=100)
    licence_key = models.CharField(_("licence number for matching"), max_length=100, db_index=True, editable=False)
    name = models.CharField(_("name"), max_length=300)
    name_local = models.CharField(_("name in the local script"), max_length=300, blank=True)
    normalised_name = models.CharField(_("normalised name"), max_length=300, db_index=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=AgencyStatus.choices)
    status_changed_on = models.DateField(_("status since"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    website = models.CharField(_("website"), max_length=300, blank=True)
    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="agencies")
    source_url = models.URLField(_("source URL"), max_length=1000)
    fetched_at = models.DateTimeField(_("fetched"))

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["normalised_name"]
        constraints = [models.UniqueConstraint(fields=["country", "licence_number"], name="agency_licence_unique")]
        indexes = [models.Index(fields=["country", "status", "normalised_name"])]

    def __str__(self):
        return f"{self.name} ({self.licence_number})"


class LicenceEvent(models.Model):
    """A change to an agency's licence as a refresh run saw it: added, changed, or gone from the list."""

    class Kind(models.TextChoices):
        ADDED = "added", _("First listed")
        CHANGED = "changed", _("Changed")
        MISSING = "missing", _("Gone from the list")

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="events")
    run = models.ForeignKey(RefreshRun, verbose_name=_("run"), null=True, blank=True, on_delete=models.SET_NULL)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    occurred_on = models.DateField(_("date"))
    status_before = models.CharField(_("status before"), max_length=12, choices=AgencyStatus.choices, blank=True)
    status_after = models.CharField(_("status after"), max_length=12, choices=AgencyStatus.choices)
    changes = models.JSONField(_("what changed"), default=dict, blank=True)
    source_url = models.URLField(_("source URL"), max_length=1000)
    fetched_at = models.DateTimeField(_("fetched"))

    class Meta:
        verbose_name = _("licence event")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self):
        return f"{self.agency} {self.get_kind_display()} {self.occurred_on}"


# The Wagtail page type that shows agencies lives in pages.py, beside its routes.
from agencies.pages import AgencyIndexPage  # noqa: E402,F401
