"""Money transfer data in the Wagtail admin: providers, corridors, products, quotes, reference rates, CSV upload,
and price import runs, where a held run is confirmed or rejected."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSetGroup

from config.run_admin import KeptViewSet, ReadOnlyViewSet, RunViewSet
from remittance.models import Corridor, PriceRun, Product, Provider, Quote, ReferenceRate
from remittance.services import price_run_confirm, price_run_reject
from remittance.uploads import price_upload_view


class ProviderViewSet(KeptViewSet):
    model = Provider
    icon = "site"
    menu_label = _("Providers")
    list_display = ["name", "type", "website"]
    search_fields = ["name"]
    form_fields = ["name", "slug", "type", "licence", "complaints", "website"]


class CorridorViewSet(KeptViewSet):
    model = Corridor
    icon = "arrow-right"
    menu_label = _("Corridors")
    list_display = ["code", "sending_country", "sending_currency", "receiving_country", "receiving_currency"]
    form_fields = ["sending_country", "sending_currency", "receiving_country", "receiving_currency"]


class ProductViewSet(KeptViewSet):
    model = Product
    icon = "list-ul"
    menu_label = _("Products")
    list_display = ["__str__", "speed", "transparent", "accessible"]
    list_filter = ["corridor", "pay_out", "speed", "transparent"]
    form_fields = ["provider", "corridor", "pay_in", "pay_out", "speed", "transparent", "accessible"]
    list_select_related = ["provider", "corridor"]  # a product's name is its provider's and its corridor's


# Quotes and reference rates are written by the imports and the CSV upload only, with their provenance.
class QuoteViewSet(ReadOnlyViewSet):
    model = Quote
    icon = "doc-full"
    menu_label = _("Quotes")
    list_display = ["__str__", "fee", "offered_rate", "total_cost", "source"]
    list_filter = ["source", "product__corridor"]
    list_select_related = ["product__provider", "product__corridor"]  # a quote's name is its product's


class ReferenceRateViewSet(ReadOnlyViewSet):
    model = ReferenceRate
    icon = "table"
    menu_label = _("Reference rates")
    list_display = ["__str__", "source"]
    list_filter = ["source", "base_currency", "quote_currency"]


def _run_sources():
    return [(source, source) for source in PriceRun.objects.order_by("source").values_list("source", flat=True).distinct()]


class PriceRunFilterSet(WagtailFilterSet):
    source = django_filters.ChoiceFilter(label=_("Source"), choices=_run_sources)  # the sources that have runs

    class Meta:
        model = PriceRun
        fields = ["state", "source"]


class PriceRunViewSet(RunViewSet):
    model = PriceRun
    menu_label = _("Price import runs")
    list_display = ["__str__", "state", "source", "rows", "added", "unchanged", "rejected", "started_at"]
    filterset_class = PriceRunFilterSet
    inspect_view_fields = ["source", "state", "reason", "started_at", "finished_at", "fetched_at", "rows", "added",
                           "unchanged", "rejected", "decided_by", "decided_at"]
    decide_permission = "remittance.decide_pricerun"
    confirm_service = staticmethod(price_run_confirm)
    reject_service = staticmethod(price_run_reject)
    applied_message = _("The run was applied: %(added)s quotes added, %(unchanged)s already stored, %(rejected)s rejected.")
    preview_columns = [(_("Row"), "row"), (_("Id at the source"), "id"), (_("Period"), "period"), (_("Corridor"), "corridor"),
                       (_("Firm"), "firm"), (_("Amount sent"), "amount"), (_("Fee"), "fee"),
                       (_("Offered rate"), "offered_rate"), (_("Total cost (%)"), "total_cost"), (_("Reason"), "reason")]


class TransfersGroup(ModelViewSetGroup):
    menu_label = _("Money transfers")
    menu_icon = "resubmit"
    items = (ProviderViewSet("remittance_provider"), CorridorViewSet("remittance_corridor"),
             ProductViewSet("remittance_product"), QuoteViewSet("remittance_quote"),
             ReferenceRateViewSet("remittance_referencerate"), PriceRunViewSet("remittance_pricerun"))


@hooks.register("register_admin_viewset")
def register_transfers():
    return TransfersGroup()


@hooks.register("register_admin_urls")
def register_upload_url():
    return [path("remittance/upload/", price_upload_view, name="remittance_price_upload")]


class UploadMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("remittance.add_quote")


@hooks.register("register_admin_menu_item")
def register_upload_menu_item():
    return UploadMenuItem(_("Upload prices (CSV)"), reverse("remittance_price_upload"), icon_name="upload", order=10000)
