"""The newest quote of each product and amount, which the comparison reads, found from an index alone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("remittance", "0008_pricerun_kind")]

    operations = [
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(fields=["product", "amount_sent", "-fetched_at", "-id"], name="remittance_quote_newest"),
        ),
    ]
