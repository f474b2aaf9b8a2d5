"""Money transfer data in the Wagtail admin: providers, corridors, products, quotes, reference rates, and CSV upload."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from remittance.models import Corridor, Product, Provider, Quote, ReferenceRate
from remittance.uploads import price_upload_view


class ProviderViewSet(ModelViewSet):
    model = Provider
    icon = "site"
    menu_label = _("Providers")
    list_display = ["name", "type", "website"]
    search_fields = ["name"]
    form_fields = ["name", "slug", "type", "licence", "complaints", "website"]


class CorridorViewSet(ModelViewSet):
    model = Corridor
    icon = "arrow-right"
    menu_label = _("Corridors")
    list_display = ["code", "sending_country", "sending_currency", "receiving_country", "receiving_currency"]
    form_fields = ["sending_country", "sending_currency", "receiving_country", "receiving_currency"]


class ProductViewSet(ModelViewSet):
    model = Product
    icon = "list-ul"
    menu_label = _("Products")
    list_display = ["__str__", "speed", "transparent", "accessible"]
    list_filter = ["corridor", "pay_out", "speed", "transparent"]
    form_fields = ["provider", "corridor", "pay_in", "pay_out", "speed", "transparent", "accessible"]


class QuoteViewSet(ModelViewSet):
    model = Quote
    icon = "doc-full"
    menu_label = _("Quotes")
    list_display = ["__str__", "fee", "offered_rate", "total_cost", "source"]
    list_filter = ["source", "product__corridor"]
    form_fields = ["source"]
    inspect_view_enabled = True
    add_to_reference_index = False


class ReferenceRateViewSet(ModelViewSet):
    model = ReferenceRate
    icon = "table"
    menu_label = _("Reference rates")
    list_display = ["__str__", "source"]
    list_filter = ["source", "base_currency", "quote_currency"]
    form_fields = ["source"]
    add_to_reference_index = False


class TransfersGroup(ModelViewSetGroup):
    menu_label = _("Money transfers")
    menu_icon = "resubmit"
    items = (ProviderViewSet("remittance_provider"), CorridorViewSet("remittance_corridor"),
             ProductViewSet("remittance_product"), QuoteViewSet("remittance_quote"),
             ReferenceRateViewSet("remittance_referencerate"))


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
