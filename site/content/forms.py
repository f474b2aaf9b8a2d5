"""Admin forms for fact-checked pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

# The editor's buttons that send a page on its way to readers: submitting to the fact-check, or publishing.
GOING_LIVE = ("action-submit", "action-publish", "action-workflow-action")


class FactCheckedPageForm(WagtailAdminPageForm):
    """A draft may be saved with no source yet; a page cannot be sent to the fact-check or published without one,
    and a citation must point to a source that exists."""

    def _kept_sources(self):
        formset = self.formsets.get("sources")
        if formset is None:
            return 0
        return sum(1 for form in formset.forms
                   if form.has_changed() or form.instance.pk
                   if not (formset.can_delete and formset._should_delete_form(form)))

    def clean(self):
        cleaned_data = super().clean()
        sources = self._kept_sources()
        if sources == 0 and any(action in self.data for action in GOING_LIVE):
            self.add_error(None, _("Add at least one source (title, publisher, address and the date you read it) "
                                   "before this page is sent for fact-checking: it is checked against its sources."))
        body = cleaned_data.get("body")
        cited = [block.value["source"] for block in body or () if block.block_type == "citation"]
        missing = sorted({number for number in cited if number > sources})
        if missing:
            self.add_error("body", _("A citation points to source %(numbers)s, but the page lists %(count)d "
                                     "source(s).") % {"numbers": ", ".join(map(str, missing)), "count": sources})
        return cleaned_data
