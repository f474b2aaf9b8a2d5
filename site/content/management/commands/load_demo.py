from django.core.management.base import BaseCommand

from agencies.demo import demo_agencies_load
from content.demo import demo_content_load
from remittance.demo import demo_transfers_load
from reviews.demo import demo_reviews_load


class Command(BaseCommand):
    help = "Fills the site with demo content. Creates only what is missing, so running it again changes nothing."

    # Each later app adds its own loader here: (what it loads, function returning how many records it created).
    loaders = [
        ("pages, sample guides and support organisations", demo_content_load),
        ("registry refresh runs", demo_agencies_load),
        ("money transfer quotes", demo_transfers_load),
        ("reviews, replies, reports and fee caps", demo_reviews_load),
    ]

    def handle(self, *args, **options):
        for label, load in self.loaders:
            self.stdout.write(f"Loading demo {label}...")
            created = load()
            self.stdout.write(f"  {created} {label} created" if created else f"  {label}: already loaded, nothing to do")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
