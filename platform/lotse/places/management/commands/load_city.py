from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lotse.places.city_loader import load_city


class Command(BaseCommand):
    help = (
        "Load a city's districts, neighbourhoods, postcodes and optional district boundaries "
        "from a folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default=settings.LOTSE_CITY_DIR)

    def handle(self, *args, folder, **opts):
        try:
            result = load_city(Path(folder))
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"loaded {result.districts} districts, {result.neighbourhoods} neighbourhoods, "
            f"{result.postcodes} postcodes, {result.nearby_postcodes} nearby postcodes, "
            f"{result.boundaries} district boundaries "
            f"from {folder}"
        )
