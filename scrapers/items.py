"""The feed contracts: every line of a feed is one JSON object with exactly its contract's keys, in order.

FIELDS        the licence feed (registry spiders); the agencies app's importer reads these keys
RATE_FIELDS   the reference-rate feed (ecb_rates, nrb_rates, cbm_rates)
QUOTE_FIELDS  the provider-price feed (wise_compare, sbi_remit); the remittance app reads these keys

Change a contract only together with the code that reads it.
"""

FIELDS = (
    "source",          # spider name, e.g. "ph_dmw"
    "country",         # ISO 3166-1 alpha-2 code of the licensing regulator
    "licence_number",  # as the registry writes it, stripped and upper-cased
    "name",            # whitespace-collapsed, no markup
    "name_local",      # the name in the local script when the registry gives one, else ""
    "status",          # valid, suspended, cancelled, revoked, expired, or None when unknown
    "status_raw",      # the registry's own status string
    "status_date",     # ISO date of the status change, or None
    "valid_from",      # ISO date or None
    "valid_until",     # ISO date or None
    "address",
    "phone",
    "email",
    "website",
    "source_url",      # the URL the row was read from
    "fetched_at",      # ISO 8601 UTC time the row's response was received
)

TEXT_FIELDS = ("licence_number", "name", "name_local", "status_raw", "address", "phone", "email", "website")
DATE_FIELDS = ("status_date", "valid_from", "valid_until")
STATUSES = ("valid", "suspended", "cancelled", "revoked", "expired")


def blank_item():
    """An item with every key of the contract: empty strings for text, None for the rest."""
    item = dict.fromkeys(FIELDS)
    item.update(dict.fromkeys(TEXT_FIELDS, ""))
    item.update(source="", country="", source_url="", fetched_at="")
    return item


# The reference-rate feed: one object per currency pair and day, with exactly these keys in this order.
RATE_FIELDS = (
    "source",      # spider name, e.g. "ecb_rates"
    "base",        # ISO 4217 code of the currency priced: 1 unit of it...
    "quote",       # ...is worth `rate` units of this ISO 4217 currency
    "rate",        # a decimal string with the published digits (no float, no exponent)
    "date",        # YYYY-MM-DD, the day the rate applies to
    "source_url",  # the URL the rate was read from
    "fetched_at",  # ISO 8601 UTC time the response was received
)

# The provider-price feed: one object per provider, corridor, pay-in, pay-out and amount sent.
QUOTE_FIELDS = (
    "source",              # spider name, e.g. "wise_compare"
    "provider",            # the provider's name, as the source writes it
    "provider_type",       # one of PROVIDER_TYPES
    "sending_country",     # ISO 3166-1 alpha-2
    "sending_currency",    # ISO 4217
    "receiving_country",   # ISO 3166-1 alpha-2
    "receiving_currency",  # ISO 4217
    "pay_in",              # one of PAY_INS: how the sender pays
    "pay_out",             # one of PAY_OUTS: how the family receives the money
    "speed",               # one of SPEEDS, the bands of the World Bank's Remittance Prices Worldwide
    "amount_sent",         # decimal string, in the sending currency, without the fee
    "fee",                 # decimal string, in fee_currency (always the sending currency)
    "fee_currency",        # ISO 4217
    "fee_mode",            # one of FEE_MODES
    "offered_rate",        # decimal string: receiving currency per 1 sending currency; None when undisclosed
    "source_url",
    "fetched_at",
)

PROVIDER_TYPES = ("bank", "mto", "post", "mobile", "digital")
PAY_INS = ("cash", "bank", "card", "wallet")
PAY_OUTS = ("cash_pickup", "bank", "wallet", "home")
SPEEDS = ("under_hour", "same_day", "next_day", "two_days", "three_to_five_days", "over_five_days")
FEE_MODES = ("on_top", "deducted")
# The fields whose values a source words in its own way (scrapers/vocabulary.py maps them).
WORDED_FIELDS = {"provider_type": PROVIDER_TYPES, "pay_in": PAY_INS, "pay_out": PAY_OUTS, "speed": SPEEDS}


def blank_rate():
    return dict.fromkeys(RATE_FIELDS, "")


def blank_quote():
    item = dict.fromkeys(QUOTE_FIELDS, "")
    item["offered_rate"] = None
    return item
