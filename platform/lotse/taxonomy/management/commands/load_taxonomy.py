from django.core.management.base import BaseCommand

from lotse.taxonomy.loader import load_taxonomy


class Command(BaseCommand):
    help = "Load the skills taxonomy and the languages from fixtures/."

    def handle(self, *args, **opts):
        skills, languages = load_taxonomy()
        self.stdout.write(f"loaded {skills} skills and {languages} languages")
