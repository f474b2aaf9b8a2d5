"""What a price run imported: until now only the World Bank's RPW workbook, now also the pricing spiders' feeds."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("remittance", "0007_pegged_rates")]

    operations = [
        migrations.AddField(
            model_name="pricerun",
            name="kind",
            field=models.CharField(
                choices=[("rpw_workbook", "World Bank RPW workbook"), ("price_feed", "Price feed")],
                default="rpw_workbook", max_length=20, verbose_name="what was imported",
            ),
            preserve_default=False,
        ),
    ]
