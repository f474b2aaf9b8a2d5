"""Compare money transfers: a Wagtail page with the comparison for a corridor and amount, and the same as JSON."""

from django.db import models
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from config.locales import babel_locale
from content.blocks import GuideBodyBlock
from content.forms import FactCheckedPageForm
from content.models.checked import AbstractSource, FactCheckedPage
from remittance import selectors
from remittance.charts import cost_chart
from remittance.forms import CompareForm
from remittance.models import Speed


def _comparison(request):
    version = selectors.prices_version()  # asked once for both cached reads
    form = CompareForm(request.GET or None, corridors=selectors.corridors_with_products(version=version))
    if not form.is_valid() or "money" not in form.cleaned_data:
        return form, None
    data = form.cleaned_data
    comparison = selectors.corridor_comparison(
        corridor=data["corridor_object"], amount=data["money"], pay_out=data["pay_out"] or None, include_stale=data["older"],
        version=version,
    )
    return form, comparison


def _with(request, **params):
    """The request's query string with some parameters set, for links that keep the visitor's choices."""
    query = request.GET.copy()
    query.update(params)
    return query.urlencode()


SHOWN_FIRST = 20  # rows shown before "show all": the page stays light on a slow connection
SPEED_ORDER = {speed: position for position, speed in enumerate(Speed.values)}
# How the table can be ordered, besides the ranking by total cost ("cost"). Sorts are stable: rows that tie keep
# their ranking order, cheapest first. Every ranked row has a disclosed rate, so what it delivers is known.
SORTS = {
    "received": lambda row: -row.received,
    "speed": lambda row: SPEED_ORDER[row.product.speed],
}


def _sorted_rows(comparison, form):
    """The ranked rows in the order the visitor chose (what arrives by default), and whether some are left out."""
    rows = list(comparison.ranking.ranked)
    sort = SORTS.get(form.cleaned_data["sort"])
    if sort:
        rows.sort(key=sort)
    if form.cleaned_data.get("all") or len(rows) <= SHOWN_FIRST:
        return rows, 0
    return rows[:SHOWN_FIRST], len(rows) - SHOWN_FIRST


def _json_row(row):
    product, quote = row.product, row.quote
    return {
        "provider": product.provider.name, "provider_type": product.provider.type,
        "pay_in": product.pay_in, "pay_out": product.pay_out, "speed": product.speed,
        "fee": str(quote.fee), "fee_mode": quote.fee_mode, "fee_quoted_for": str(quote.amount_sent),
        "offered_rate": None if quote.offered_rate is None else str(quote.offered_rate),
        "fx_margin_percent": None if row.margin is None else str(round(row.margin, 4)),
        "total_cost_percent": None if row.total_cost is None else str(round(row.total_cost, 4)),
        "amount_received": None if row.received is None else str(row.received),
        "cheapest": row.cheapest, "above_sdg_target": row.above_target,
        "as_of": quote.fetched_at.isoformat(), "source": quote.source, "source_url": quote.source_url,
    }


class CompareTransfersPage(RoutablePageMixin, Page):
    """Compare money transfers: who delivers the most, what each really costs, how fast, and how fresh the figures are."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True,
                             help_text=_("A sentence or two above the comparison form."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["remittance.ProviderPage"]

    class Meta:
        verbose_name = _("money transfer comparison")

    @path("")
    def comparison(self, request):
        form, comparison = _comparison(request)
        context = {"form": form, "comparison": comparison}
        if comparison and comparison.ranking:
            rows, more = _sorted_rows(comparison, form)
            shown = rows + list(comparison.ranking.undisclosed)
            context.update(rows=rows, more=more, show_all_query=_with(request, all="1"), provider_pages=selectors.provider_pages(
                providers=[row.product.provider_id for row in shown]
            ))
        return self.render(request, context_overrides=context)

    @path("how-we-compare/")
    def how_we_compare(self, request):
        return render(request, "remittance/how_we_compare.html", {"page": self})

    @path("corridor/<slug:code>/")
    def corridor(self, request, code):
        corridor = selectors.corridor_get(code=code)
        if corridor is None:
            raise Http404
        version = selectors.prices_version()
        chart = cost_chart(selectors.corridor_monthly_costs(corridor=corridor, version=version), locale=babel_locale())
        return render(request, "remittance/corridor.html", {
            "page": self, "corridor": corridor, "chart": chart,
            "cheapest": selectors.corridor_cheapest(corridor=corridor, version=version),
        })

    @path("json/")
    def comparison_json(self, request):
        """The comparison for partners, as JSON: the same parameters as the page (corridor, amount, pay_out, older)."""
        form, comparison = _comparison(request)
        if comparison is None:
            return JsonResponse({"errors": {field: [str(e) for e in errors] for field, errors in form.errors.items()}},
                                status=400)
        reference = comparison.reference
        ranking = comparison.ranking
        return JsonResponse({
            "corridor": comparison.corridor.code,
            "sending_currency": comparison.corridor.sending_currency,
            "receiving_currency": comparison.corridor.receiving_currency,
            "amount": str(form.cleaned_data["money"].amount),
            "reference_rate": None if reference is None else
            {"rate": str(reference.rate), "date": reference.date.isoformat(), "sources": list(reference.sources)},
            "services": [_json_row(row) for row in ranking.ranked] if ranking else [],
            "rate_not_disclosed": [_json_row(row) for row in ranking.undisclosed] if ranking else [],
            "smart_remitter_target_percent": None if comparison.smart_remitter_target is None
            else str(round(comparison.smart_remitter_target, 4)),
            "corridor_average_percent": None if comparison.average is None else str(round(comparison.average, 4)),
            "older_prices_hidden": comparison.hidden_stale,
        })


class ProviderPage(FactCheckedPage, Page):
    """A money transfer provider: its licence, how to complain, what to check, and what it charges in each corridor.
    Like a rights guide, it is fact-checked against its sources before it goes live."""

    provider = models.ForeignKey("remittance.Provider", verbose_name=_("provider"), on_delete=models.PROTECT,
                                 related_name="pages")
    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    what_to_check = StreamField(GuideBodyBlock(), verbose_name=_("what to check"), blank=True,
                                help_text=_("What a sender should check before using this provider."))

    content_panels = Page.content_panels + [
        FieldPanel("provider"), FieldPanel("intro"), FieldPanel("what_to_check"),
        InlinePanel("sources", label=_("Source"), heading=_("Sources")),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("review_interval_days")]
    base_form_class = FactCheckedPageForm
    parent_page_types = ["remittance.CompareTransfersPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("money transfer provider page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = selectors.provider_products(provider=self.provider)
        context["comparison_page"] = self.get_parent().specific
        return context


class ProviderPageSource(AbstractSource):
    page = ParentalKey(ProviderPage, on_delete=models.CASCADE, related_name="sources")

    class Meta(AbstractSource.Meta):
        verbose_name = _("source")
