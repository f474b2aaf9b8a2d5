"""Demo corridors, invented providers and their quotes, with demo reference rates.

Everything here is invented (every provider's name says so); it is loaded only while no corridor exists.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from remittance.method import fx_margin_percent, total_cost_percent
from remittance.models import Corridor, FeeMode, Product, Provider, Quote, ReferenceRate, Speed
from remittance.pages import CompareTransfersPage, ProviderPage
from remittance.money import round_to_currency
from remittance.selectors import months_before
from remittance.services import provider_slug

# Corridor: (sending country, sending currency, receiving country, receiving currency, mid rate,
#            amounts equal to USD 200 and USD 500 in the sending currency)
CORRIDORS = [
    ("SG", "SGD", "PH", "PHP", "44.10", ("270", "675")),
    ("HK", "HKD", "PH", "PHP", "7.52", ("1560", "3900")),
    ("MY", "MYR", "ID", "IDR", "3705", ("940", "2350")),
    ("QA", "QAR", "NP", "NPR", "37.21", ("730", "1820")),
    ("AE", "AED", "NP", "NPR", "36.88", ("735", "1835")),
    ("TH", "THB", "MM", "MMK", "61.90", ("7000", "17500")),
    ("KR", "KRW", "KH", "KHR", "2.91", ("280000", "700000")),
    ("JP", "JPY", "VN", "VND", "166.5", ("30000", "75000")),
]
# Provider: (name, type, pay-in, pay-out, speed, fee as a share of the USD 200 amount, FX margin %, transparent)
PROVIDERS = [
    ("Example Harbour Bank (demo)", Provider.Type.BANK, Product.PayIn.BANK_ACCOUNT, Product.PayOut.BANK_ACCOUNT,
     Speed.TWO_DAYS, "0.060", "2.10", True),
    ("Sample Money Express (demo)", Provider.Type.MONEY_TRANSFER_OPERATOR, Product.PayIn.CASH,
     Product.PayOut.CASH_PICKUP, Speed.LESS_THAN_ONE_HOUR, "0.025", "1.40", True),
    ("Invented Wallet Remit (demo)", Provider.Type.DIGITAL, Product.PayIn.CARD, Product.PayOut.MOBILE_WALLET,
     Speed.SAME_DAY, "0.010", "-0.15", True),
    ("Made-up Post Transfer (demo)", Provider.Type.POST_OFFICE, Product.PayIn.CASH, Product.PayOut.HOME_DELIVERY,
     Speed.THREE_TO_FIVE_DAYS, "0.015", "0.90", True),
    ("Fictional Quick Cash (demo)", Provider.Type.MONEY_TRANSFER_OPERATOR, Product.PayIn.CASH,
     Product.PayOut.CASH_PICKUP, Speed.SAME_DAY, "0.020", None, False),
]
SOURCE_URL = "https://lantern.example.org/demo-data"
HISTORY_MONTHS = 23  # and the current month: two years


@transaction.atomic
def demo_transfers_load():
    """Creates the demo corridors, providers (with pages), products, two years of quotes and reference rates.

    Returns how many quotes it made.
    """
    if Corridor.objects.exists():
        return 0
    now = timezone.now().replace(microsecond=0)
    providers = {
        name: Provider.objects.create(name=name, slug=provider_slug(name), type=type_, website="")
        for name, type_, *_rest in PROVIDERS
    }
    quotes = []
    for sending_country, sending, receiving_country, receiving, mid, amounts in CORRIDORS:
        corridor = Corridor.objects.create(sending_country=sending_country, sending_currency=sending,
                                           receiving_country=receiving_country, receiving_currency=receiving)
        ReferenceRate.objects.create(base_currency=sending, quote_currency=receiving, rate=Decimal(mid),
                                     date=now.date(), source="demo", source_url=SOURCE_URL)
        for name, _type, pay_in, pay_out, speed, fee_share, margin, transparent in PROVIDERS:
            product = Product.objects.create(provider=providers[name], corridor=corridor, pay_in=pay_in,
                                             pay_out=pay_out, speed=speed, transparent=transparent, accessible=True)
            fee = round_to_currency(Decimal(amounts[0]) * Decimal(fee_share), sending)
            rate = None if margin is None else Decimal(mid) * (1 - Decimal(margin) / 100)
            # Two years of monthly prices, a little dearer the further back, then today's.
            for months_ago in range(HISTORY_MONTHS, -1, -1):
                drift = Decimal(months_ago) / 40
                offered = None if rate is None else rate * (1 - drift / 100)
                fetched_at = max(now - timedelta(hours=6), now.replace(day=1, hour=0, minute=0, second=0))
                if months_ago:
                    fetched_at = months_before(fetched_at.replace(day=15), months_ago)
                quotes += [_quote(product, Decimal(amount), fee, offered, Decimal(mid), fetched_at) for amount in amounts]
    Quote.objects.bulk_create(quotes)
    _provider_pages(providers.values())
    return len(quotes)


def _quote(product, amount, fee, offered, mid, fetched_at):
    margin = fx_margin_percent(offered=offered, reference=mid)
    return Quote(
        product=product, amount_sent=amount, fee=fee, fee_mode=FeeMode.ON_TOP, offered_rate=offered, reference_rate=mid,
        total_cost=total_cost_percent(fee=fee, amount=amount, margin=margin), fetched_at=fetched_at, source="demo",
        source_url=SOURCE_URL,
    )


def _provider_pages(providers):
    """A page for each invented provider under the comparison page, when the site has one."""
    comparison = CompareTransfersPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if comparison is None:
        return
    for provider in providers:
        page = ProviderPage(title=provider.name, slug=provider.slug, provider=provider,
                            intro=f"{provider.name} is invented for the demonstration site.")
        comparison.add_child(instance=page)
        page.save_revision().publish()
