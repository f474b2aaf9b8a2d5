"""Demo registry: invented agencies in every licence state, imported through the real feed import.

Each demo source is imported only while it has no refresh run yet, so loading twice changes nothing.
"""

import json
import tempfile

from django.db import transaction

from agencies.models import Source
from agencies.services import agency_feed_import

FETCHED_AT = "2026-11-20T03:00:00+00:00"

# (licence number, name, status, status date, valid until) per source; every name says it is invented.
AGENCIES = {
    "ph_dmw": [
        ("POEA-901-LB-010125-R", "Bright Horizon Manpower Services (demo)", "valid", None, "2027-03-12"),
        ("POEA-902-LB-020224-R", "Golden Bridge Placement Agency (demo)", "valid", None, "2025-02-01"),
        ("DMW-903-LB-03152023-R", "Sampaguita Overseas Recruitment (demo)", "suspended", "2026-06-03", "2027-01-31"),
        ("DMW-904-SB-04012022-R", "Blue Anchor Seafarers Agency (demo)", "cancelled", "2025-05-03", None),
        ("POEA-905-LB-050521-R", "Island Star Employment (demo)", "revoked", "2024-09-17", None),
        ("POEA-906-LB-060620-R", "Pearl Coast Manpower (demo)", "expired", "2026-01-10", "2026-01-10"),
    ],
    "id_p3mi": [
        ("KEP.901/DEMO/2025", "PT Contoh Bintang Jaya (demo)", "valid", None, "2027-05-30"),
        ("KEP.902/DEMO/2024", "PT Contoh Sinar Harapan (demo)", "suspended", "2026-08-12", "2026-12-31"),
    ],
    "hk_eaa": [
        ("90101", "Example Harbour Employment Centre (demo)", "valid", None, "2027-08-31"),
        ("90102", "Example Lion Rock Agency (demo)", "revoked", "2025-11-02", None),
    ],
    "np_dofe": [
        ("9001/075/76", "Example Himal Overseas (demo)", "valid", None, "2027-07-15"),
    ],
}
# An earlier read of the Philippine registry, when one licence was suspended, so that its page has a history.
PH_EARLIER = {"POEA-901-LB-010125-R": ("suspended", "2025-10-01")}
LOCAL_NAMES = {"90101": "示例海港僱傭中心（示範）", "90102": "示例獅子山僱傭公司（示範）",
               "9001/075/76": "उदाहरण हिमाल ओभरसिज (नमूना)"}


def _row(source, licence, name, status, status_date, valid_until):
    return {
        "source": source.key, "country": source.country, "licence_number": licence, "name": name,
        "name_local": LOCAL_NAMES.get(licence, ""), "status": status, "status_raw": status.title(),
        "status_date": status_date, "valid_from": None, "valid_until": valid_until,
        "address": "1 Example Street, Demo City", "phone": "+00 0000 0000", "email": "", "website": "",
        "source_url": source.url, "fetched_at": FETCHED_AT,
    }


def _import(source, rows):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as feed:
        feed.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        feed.flush()
        return agency_feed_import(source=source, feed_path=feed.name)


@transaction.atomic
def demo_agencies_load():
    """Imports the demo registries that have never been imported; returns how many runs it made."""
    runs = 0
    for key, agencies in AGENCIES.items():
        source = Source.objects.get(key=key)
        if source.runs.exists():
            continue
        if key == "ph_dmw":
            earlier = [
                _row(source, licence, name, *PH_EARLIER.get(licence, (status, status_date)), until)
                for licence, name, status, status_date, until in agencies
            ]
            _import(source, earlier)
            runs += 1
        _import(source, [_row(source, *agency) for agency in agencies])
        runs += 1
        if key == "ph_dmw":
            # A registry page that lost most of its rows: held for a person to confirm or reject.
            _import(source, [_row(source, *agency) for agency in agencies[:2]])
            runs += 1
    return runs
