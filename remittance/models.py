"""Money transfer providers, the corridors they serve, their products, quotes and the reference rates to judge them.

Every quote and reference rate keeps its provenance: where it was read (source, source_url) and when.
"""

import pycountry
from babel.numbers import get_territory_currencies
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from remittance.money import currency_known

RATE = {"max_digits": 20, "decimal_places": 8}
MONEY = {"max_digits": 18, "decimal_places": 4}


def validate_country(value):
    if len(value) != 2 or not value.isupper() or pycountry.countries.get(alpha_2=value) is None:
        raise ValidationError(_("%(value)s is not an ISO 3166 country code, such as SG."), params={"value": value})


def validate_currency(value):
    if not currency_known(value):
        raise ValidationError(_("%(value)s is not an ISO 4217 currency code, such as SGD."), params={"value": value})


class Speed(models.TextChoices):
    """How soon the money can be collected, in the bands of the World Bank's Remittance Prices Worldwide."""

    LESS_THAN_ONE_HOUR = "less_than_1_hour", _("Less than one hour")
    SAME_DAY = "same_day", _("Same day")
    NEXT_DAY = "next_day", _("Next day")
    TWO_DAYS = "2_days", _("2 days")
    THREE_TO_FIVE_DAYS = "3_5_days", _("3 to 5 days")
    MORE_THAN_FIVE_DAYS = "more_than_5_days", _("More than 5 days")


class FeeMode(models.TextChoices):
    ON_TOP = "on_top", _("Added on top of the amount")
    DEDUCTED = "deducted", _("Taken from the amount")


class Provider(models.Model):
    """A bank, money transfer operator or other service that sends money abroad."""

    class Type(models.TextChoices):
        BANK = "bank", _("Bank")
        MONEY_TRANSFER_OPERATOR = "mto", _("Money transfer operator")
        POST_OFFICE = "post_office", _("Post office")
        MOBILE_OPERATOR = "mobile_operator", _("Mobile operator")
        DIGITAL = "digital", _("Digital service")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    licence = models.CharField(
        _("licence in the sending country"), max_length=300, blank=True,
        help_text=_("The licence that allows it to send money, and who issued it."),
    )
    complaints = models.TextField(
        _("complaints channel"), blank=True, help_text=_("Where a customer can complain, beyond the provider itself."),
    )
    website = models.CharField(_("website"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("provider")
        ordering = ["name"]

    def __str__(self):
        return self.name


def corridor_code(*, sending_country, sending_currency, receiving_country, receiving_currency):
    """The corridor's code: "sg-ph" when each side uses its country's own currency, "th-thb-kh-usd" otherwise.

    The short form names the currencies by the countries (Babel's first currency of each), so no two corridors
    can share a code.
    """
    sides = ((sending_country, sending_currency), (receiving_country, receiving_currency))
    if all(get_territory_currencies(country)[:1] == [currency] for country, currency in sides):
        return f"{sending_country}-{receiving_country}".lower()
    return "-".join(part for side in sides for part in side).lower()


class Corridor(models.Model):
    """Sending money from one country and currency to another."""

    sending_country = models.CharField(_("sending country"), max_length=2, validators=[validate_country])
    sending_currency = models.CharField(_("sending currency"), max_length=3, validators=[validate_currency])
    receiving_country = models.CharField(_("receiving country"), max_length=2, validators=[validate_country])
    receiving_currency = models.CharField(_("receiving currency"), max_length=3, validators=[validate_currency])
    code = models.SlugField(_("code"), max_length=20, unique=True, editable=False)

    class Meta:
        verbose_name = _("corridor")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["sending_country", "sending_currency", "receiving_country", "receiving_currency"],
                name="remittance_corridor_unique",
            ),
        ]

    def __str__(self):
        return f"{self.sending_country} {self.sending_currency} → {self.receiving_country} {self.receiving_currency}"

    def save(self, *args, **kwargs):
        self.code = corridor_code(
            sending_country=self.sending_country, sending_currency=self.sending_currency,
            receiving_country=self.receiving_country, receiving_currency=self.receiving_currency,
        )
        super().save(*args, **kwargs)


class Product(models.Model):
    """One way a provider sends money in a corridor: how the sender pays, how the family receives it, how soon."""

    class PayIn(models.TextChoices):
        CASH = "cash", _("Cash")
        BANK_ACCOUNT = "bank_account", _("Bank account")
        CARD = "card", _("Card")
        MOBILE_WALLET = "mobile_wallet", _("Mobile wallet")

    class PayOut(models.TextChoices):
        CASH_PICKUP = "cash_pickup", _("Cash pick-up")
        BANK_ACCOUNT = "bank_account", _("Bank account")
        MOBILE_WALLET = "mobile_wallet", _("Mobile wallet")
        HOME_DELIVERY = "home_delivery", _("Home delivery")

    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="products"
    )
    corridor = models.ForeignKey(
        Corridor, verbose_name=_("corridor"), on_delete=models.PROTECT, related_name="products"
    )
    pay_in = models.CharField(_("how the sender pays"), max_length=20, choices=PayIn.choices)
    pay_out = models.CharField(_("how the money is received"), max_length=20, choices=PayOut.choices)
    speed = models.CharField(_("speed"), max_length=20, choices=Speed.choices)
    transparent = models.BooleanField(
        _("transparent"), default=False, help_text=_("The provider tells the sender its exchange rate and fee."),
    )
    accessible = models.BooleanField(
        _("accessible"), default=False,
        help_text=_("A worker can use it without a bank account of their own, a large minimum or a long wait."),
    )

    class Meta:
        verbose_name = _("product")
        ordering = ["provider_id", "corridor_id", "pay_in", "pay_out"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "corridor", "pay_in", "pay_out"], name="remittance_product_unique"
            ),
        ]

    def __str__(self):
        return f"{self.provider} {self.corridor.code} ({self.get_pay_in_display()} → {self.get_pay_out_display()})"


class Quote(models.Model):
    """What a product cost to send one amount, as its source showed it at one moment."""

    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="quotes")
    amount_sent = models.DecimalField(
        _("amount sent"), **MONEY, help_text=_("In the corridor's sending currency, without the fee."),
    )
    fee = models.DecimalField(_("fee"), **MONEY, help_text=_("In the corridor's sending currency."))
    fee_mode = models.CharField(_("fee charged"), max_length=10, choices=FeeMode.choices)
    offered_rate = models.DecimalField(
        _("offered rate"), **RATE, null=True, blank=True,
        help_text=_("Receiving currency per unit of the sending currency; empty when the provider does not say."),
    )
    reference_rate = models.DecimalField(
        _("reference rate"), **RATE, null=True, blank=True,
        help_text=_("The mid-market rate this quote is judged against, when its source gives one (RPW's inter-bank rate)."),
    )
    total_cost = models.DecimalField(
        _("total cost %"), max_digits=12, decimal_places=6, null=True, blank=True, editable=False,
        help_text=_("Worked out when the quote is stored, at its own amount; empty when the rate is not disclosed."),
    )
    fetched_at = models.DateTimeField(_("fetched"))
    source = models.CharField(_("source"), max_length=40, help_text=_("The spider or person that read it."))
    source_url = models.URLField(_("source URL"), max_length=1000)

    class Meta:
        verbose_name = _("quote")
        ordering = ["-fetched_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_sent__gt=0), name="remittance_quote_amount_positive"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="remittance_quote_fee_not_negative"),
            models.CheckConstraint(
                condition=Q(offered_rate__isnull=True) | Q(offered_rate__gt=0), name="remittance_quote_rate_positive",
            ),
        ]
        # The latest quotes of a corridor: its few products, then each product's quotes newest first; and the newest
        # quote of each product and amount (the comparison), read from the index alone.
        indexes = [
            models.Index(fields=["product", "-fetched_at"], name="remittance_quote_latest"),
            models.Index(fields=["product", "amount_sent", "-fetched_at", "-id"], name="remittance_quote_newest"),
        ]

    def __str__(self):
        return f"{self.product} {self.amount_sent} {self.fetched_at:%Y-%m-%d %H:%M}"


class ReferenceRate(models.Model):
    """A mid-market exchange rate of a currency pair on a day: quote currency per unit of the base currency."""

    base_currency = models.CharField(_("base currency"), max_length=3, validators=[validate_currency])
    quote_currency = models.CharField(_("quote currency"), max_length=3, validators=[validate_currency])
    rate = models.DecimalField(_("rate"), **RATE)
    date = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=40)
    source_url = models.URLField(_("source URL"), max_length=1000)

    class Meta:
        verbose_name = _("reference rate")
        ordering = ["-date", "base_currency", "quote_currency"]
        # The unique index also finds the rate of a pair on or before a date (base, quote, then date backwards).
        constraints = [
            models.UniqueConstraint(
                fields=["base_currency", "quote_currency", "date", "source"], name="remittance_reference_rate_unique",
            ),
            models.CheckConstraint(condition=Q(rate__gt=0), name="remittance_reference_rate_positive"),
        ]

    def __str__(self):
        return f"{self.base_currency}/{self.quote_currency} {self.rate} {self.date} ({self.source})"


# The Wagtail page type that shows the comparison lives in pages.py, beside its routes.
from remittance.pages import CompareTransfersPage  # noqa: E402,F401


class PriceRun(models.Model):
    """One import of a price source (the World Bank's RPW workbook, or a pricing spider's feed): what it found, and
    whether it was applied, held for a person or rejected. Counts are of quotes (price points), except `rows`: the
    input's usable rows (a workbook's sheet rows, a feed's lines)."""

    class State(models.TextChoices):
        APPLIED = "applied", _("Applied")
        HELD = "held", _("Held for a person")
        REJECTED = "rejected", _("Rejected")

    class Kind(models.TextChoices):
        RPW_WORKBOOK = "rpw_workbook", _("World Bank RPW workbook")
        PRICE_FEED = "price_feed", _("Price feed")

    source = models.CharField(_("source"), max_length=40, help_text=_("The price source's key, e.g. rpw."))
    kind = models.CharField(_("what was imported"), max_length=20, choices=Kind.choices)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    fetched_at = models.DateTimeField(
        _("fetched"), null=True, blank=True, help_text=_("The latest date of the prices read."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    reason = models.TextField(_("reason"), blank=True)
    rows = models.PositiveIntegerField(_("usable rows"), default=0)
    added = models.PositiveIntegerField(_("quotes added"), default=0)
    unchanged = models.PositiveIntegerField(_("quotes already stored"), default=0)
    rejected = models.PositiveIntegerField(_("rejected rows or price points"), default=0)
    preview = models.JSONField(_("first rows of each kind"), default=list, blank=True)
    feed = models.FileField(_("held file"), upload_to="price-runs/", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("price import run")
        ordering = ["-started_at"]
        permissions = [("decide_pricerun", _("Can confirm or reject a held price import run"))]

    def __str__(self):
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M} ({self.get_state_display()})"
