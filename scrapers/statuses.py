"""Every registry status string we know, per source, and what it means in Lantern's terms.

Keys are compared after normalise_label (case, punctuation, dashes and spacing do not matter).
A string that is not listed here is never guessed: the item keeps status None with its status_raw,
and the crawl report lists it so that a person decides before the import goes ahead.
"""

from scrapers.text import normalise_label

VALID, SUSPENDED, CANCELLED, REVOKED, EXPIRED = "valid", "suspended", "cancelled", "revoked", "expired"

STATUS_MAPS = {
    # Philippines, DMW (formerly POEA): the "Status" column of the licensed agencies list.
    "ph_dmw": {
        "Valid": VALID,
        "Valid - With Pending Case": VALID,
        "Valid - For Renewal": VALID,
        "Suspended - Lifted": VALID,
        "Suspension Lifted": VALID,
        "Preventive Suspension - Lifted": VALID,
        "Suspended": SUSPENDED,
        "Preventive Suspension": SUSPENDED,
        "Cancelled": CANCELLED,
        "Delisted": CANCELLED,
        "Voluntary Surrender": CANCELLED,
        "Voluntarily Surrendered": CANCELLED,
        "Closed": CANCELLED,
        "Revoked": REVOKED,
        "Forever Banned": REVOKED,
        "Revoked - Forever Banned": REVOKED,
        "Cancelled - Forever Banned": REVOKED,
        "Expired": EXPIRED,
        "Expired - For Renewal": EXPIRED,
        # Deliberately absent: "Inactive", "Denied", "Retired": their meaning for the licence is
        # not published, so they reach a person instead of being guessed.
    },
    # Indonesia, KP2MI (formerly BP2MI): companies on the P3MI list carry "Terdaftar" (listed);
    # a sanction on the separate sanctions list replaces it with the sanction's type.
    "id_p3mi": {
        "Terdaftar": VALID,
        "Aktif": VALID,
        "Pengakhiran Sanksi": VALID,  # the end of a sanction
        "Skorsing": SUSPENDED,
        "Penghentian Sementara": SUSPENDED,
        "Penghentian Sementara Kegiatan Usaha": SUSPENDED,
        "Penghentian Sementara Sebagian atau Seluruh Kegiatan Usaha": SUSPENDED,
        "Pencabutan SIP3MI": REVOKED,
        "Pencabutan Izin": REVOKED,
        "Pencabutan Izin Usaha": REVOKED,
    },
    # Hong Kong, Labour Department EAA: the search lists agencies holding a valid licence only.
    "hk_eaa": {
        "Valid licence": VALID,
    },
    # Nepal, DoFE: the published list names licensed foreign employment companies only.
    "np_dofe": {
        "Licensed": VALID,
    },
}

_NORMALISED = {
    source: {normalise_label(raw): status for raw, status in mapping.items()}
    for source, mapping in STATUS_MAPS.items()
}


def map_status(source, raw):
    """Lantern's status for a registry's status string, or None when the string is unknown."""
    return _NORMALISED.get(source, {}).get(normalise_label(raw))
