from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Site content")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale, Page, Site
        from wagtail.signals import copy_for_translation_done, page_published, page_unpublished, post_page_move

        from content.menus import menu_generation_bump
        from content.models import SupportOrganisation
        from content.services import translation_mark

        copy_for_translation_done.connect(translation_mark, dispatch_uid="content-translation-mark")

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(menu_generation_bump, dispatch_uid=f"content-menu-{signal}")
        post_delete.connect(menu_generation_bump, sender=Page, dispatch_uid="content-menu-delete")
        # A site's root page, host name or port, or a locale's language code, changes the menu and every page's URL;
        # an organisation's contacts change the cached guides whose contact cards show it.
        for model in (Site, Locale, SupportOrganisation):
            for signal in (post_save, post_delete):
                signal.connect(menu_generation_bump, sender=model, dispatch_uid=f"content-menu-{model.__name__}-{signal}")
