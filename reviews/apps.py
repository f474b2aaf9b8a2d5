from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from reviews.models import FeeCap
        from reviews.selectors import fee_caps_changed

        post_save.connect(fee_caps_changed, sender=FeeCap, dispatch_uid="reviews-feecap-saved")
        post_delete.connect(fee_caps_changed, sender=FeeCap, dispatch_uid="reviews-feecap-deleted")
