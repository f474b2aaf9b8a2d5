"""The feed contract: one JSON object per licence, with exactly these keys in this order.

The agencies app's importer reads these keys; change them only together with it.
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
