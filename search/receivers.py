"""What changes the searchable data refreshes its search records (search.services.index_refresh).

Imports of agencies and recomputed ratings call index_refresh themselves, since they write in bulk without signals."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from agencies.models import Agency
from content.models import GuidePage, SupportOrganisation
from remittance.models import Provider
from remittance.pages import ProviderPage
from search.services import index_refresh

PAGE_KINDS = {GuidePage: "guide", ProviderPage: "provider"}


def agency_saved(sender, instance, **kwargs):
    index_refresh(kind="agency", object_ids=[instance.pk])


def page_changed(sender, instance, **kwargs):
    index_refresh(kind=PAGE_KINDS[sender], object_ids=[instance.pk])


def organisation_changed(sender, instance, **kwargs):
    # After the commit: an organisation's topics are saved after the organisation itself.
    pk = instance.pk
    transaction.on_commit(lambda: index_refresh(kind="organisation", object_ids=[pk]))


def provider_saved(sender, instance, **kwargs):
    index_refresh(kind="provider", object_ids=list(ProviderPage.objects.filter(provider=instance).values_list("pk", flat=True)))


def connect():
    post_save.connect(agency_saved, sender=Agency, dispatch_uid="search-agency")
    for model, kind in PAGE_KINDS.items():
        for name, signal in (("published", page_published), ("unpublished", page_unpublished), ("deleted", post_delete)):
            signal.connect(page_changed, sender=model, dispatch_uid=f"search-{kind}-{name}")
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(organisation_changed, sender=SupportOrganisation, dispatch_uid=f"search-organisation-{name}")
    post_save.connect(provider_saved, sender=Provider, dispatch_uid="search-provider")
