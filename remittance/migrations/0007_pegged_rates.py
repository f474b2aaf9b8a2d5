"""Currencies pegged by their central banks, kept as dated reference data (the ECB publishes none of them).

The Gulf currencies are fixed to the US dollar, the Nepalese rupee to the Indian rupee; each rate holds from
the day its peg began, so a lookup "on or before a date" finds it for any later day.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

PEGS = [
    ("USD", "AED", "3.6725", date(1997, 11, 2), "https://www.centralbank.ae/"),
    ("USD", "QAR", "3.64", date(2001, 7, 9), "https://www.qcb.gov.qa/"),
    ("USD", "SAR", "3.75", date(1986, 6, 1), "https://www.sama.gov.sa/"),
    ("INR", "NPR", "1.6", date(1993, 2, 12), "https://www.nrb.org.np/"),
]


def add_pegs(apps, schema_editor):
    ReferenceRate = apps.get_model("remittance", "ReferenceRate")
    for base, quote, rate, since, url in PEGS:
        ReferenceRate.objects.get_or_create(
            base_currency=base, quote_currency=quote, date=since, source="peg",
            defaults={"rate": Decimal(rate), "source_url": url},
        )


class Migration(migrations.Migration):
    dependencies = [("remittance", "0006_roles")]
    operations = [migrations.RunPython(add_pegs, migrations.RunPython.noop)]
