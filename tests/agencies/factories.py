"""Writing registry feeds for tests, in the shape the spiders write them."""

import json

from agencies.models import Source

FETCHED_AT = "2026-11-20T03:00:00+00:00"


def feed_row(number, **fields):
    """A valid Philippine registry row; `number` makes the licence number and name unique."""
    row = {
        "source": "ph_dmw", "country": "PH", "licence_number": f"POEA-{number:03d}-LB-010125-R",
        "name": f"Agency Number {number} Manpower", "name_local": "", "status": "valid", "status_raw": "Valid",
        "status_date": None, "valid_from": "2025-01-01", "valid_until": "2027-01-01",
        "address": f"{number} Test Street, Manila", "phone": "+63 2 0000 0000", "email": "", "website": "",
        "source_url": "https://dmw.gov.ph/licensed", "fetched_at": FETCHED_AT,
    }
    row.update(fields)
    return row


def write_feed(path, rows, *, encoding="utf-8"):
    """Writes rows (dicts, or raw lines as str/bytes) as JSON lines; returns the path."""
    with open(path, "wb") as feed:
        for row in rows:
            if isinstance(row, bytes):
                feed.write(row)
            elif isinstance(row, str):
                feed.write(row.encode(encoding))
            else:
                feed.write((json.dumps(row, ensure_ascii=False) + "\n").encode(encoding))
    return path


def philippines():
    return Source.objects.get(key="ph_dmw")
