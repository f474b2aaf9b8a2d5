from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Site content")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from content.menus import menu_generation_bump

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(menu_generation_bump, dispatch_uid=f"content-menu-{signal}")
        post_delete.connect(menu_generation_bump, sender=Page, dispatch_uid="content-menu-delete")
