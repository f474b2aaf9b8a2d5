"""The registries Lantern reads, one per spider."""

from django.db import migrations

SOURCES = [
    ("ph_dmw", "DMW list of licensed recruitment agencies", "Department of Migrant Workers", "PH",
     "https://dmw.gov.ph/", "json"),
    ("id_p3mi", "List of P3MI placement companies and sanctions", "Ministry for the Protection of Indonesian Migrant Workers (KP2MI)",
     "ID", "https://kp2mi.go.id/", "html"),
    ("hk_eaa", "Employment Agencies Administration search", "Labour Department, Hong Kong", "HK",
     "https://www.eaa.labour.gov.hk/", "form"),
    ("np_dofe", "List of licensed foreign employment companies", "Department of Foreign Employment, Nepal", "NP",
     "https://dofe.gov.np/", "pdf"),
]


def create_sources(apps, schema_editor):
    Source = apps.get_model("agencies", "Source")
    for key, name, registry, country, url, format_ in SOURCES:
        Source.objects.update_or_create(
            key=key, defaults={"name": name, "registry": registry, "country": country, "url": url, "format": format_}
        )


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial")]
    operations = [migrations.RunPython(create_sources, migrations.RunPython.noop)]
