"""Creates a Wagtail locale for each of Lantern's languages and replaces Wagtail's welcome page with Lantern's home page."""

from django.conf import settings
from django.db import migrations

HOME_LEAD = "Lantern helps migrant workers check recruitment agencies, compare money transfers and know their rights."


def create_locales_and_home(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("content", "HomePage")

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if HomePage.objects.exists():
        return

    # Wagtail's first migration leaves a plain "Welcome" page at /home/; Lantern's home page takes its place.
    Page.objects.filter(depth=2, slug="home", content_type__model="page", content_type__app_label="wagtailcore").delete()
    root = Page.objects.get(depth=1)
    home_type, _ = ContentType.objects.get_or_create(app_label="content", model="homepage")
    home = HomePage.objects.create(
        title="Lantern",
        draft_title="Lantern",
        slug="home",
        content_type=home_type,
        path=root.path + "0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE),
        lead=HOME_LEAD,
        ways_in="[]",
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True, site_name="Lantern")
    else:
        site.root_page_id = home.pk
        site.site_name = "Lantern"
        site.save(update_fields=["root_page", "site_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales_and_home, migrations.RunPython.noop)]
