"""python manage.py bench_forms: the volunteer's profile form rendered through each form
renderer side by side in one process (docs/performance.md, "Form widgets without includes")."""

import os
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.forms.renderers import DjangoTemplates, Jinja2

from lotse.accounts.models import User
from lotse.core.renderers import FormRenderer
from lotse.demo.seed import VOLUNTEER_LOGIN
from lotse.volunteers import forms
from lotse.volunteers.selectors import volunteer_of

SECTIONS = (forms.AboutForm, forms.PlaceForm, forms.SkillsForm, forms.LanguagesForm,
            forms.AvailabilityForm)  # fmt: skip


def render_profile_form(renderer, initial: dict) -> str:
    """Every field of the profile edit page's sections, as the page renders them."""
    html = []
    for section in SECTIONS:
        form = section(initial=initial, renderer=renderer)
        html.extend(str(form[name].as_field_group()) for name in form.fields)
    return "".join(html)


class Command(BaseCommand):
    help = (
        "Print p50/min CPU of rendering the demo volunteer's profile form through Lotse's form "
        "renderer, Django's Jinja2 renderer and Django's template renderer, in turns."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=300, help="renders per renderer")

    def handle(self, *args, **opts):
        user = User.objects.filter(email=VOLUNTEER_LOGIN).first()
        volunteer = user and volunteer_of(user, with_details=True)
        if volunteer is None:
            raise CommandError(f"No demo volunteer {VOLUNTEER_LOGIN}: run seed_demo first.")
        initial = forms.profile_of(volunteer)
        renderers = {"Lotse (FormRenderer)": FormRenderer(), "Django Jinja2": Jinja2(),
                     "Django templates": DjangoTemplates()}  # fmt: skip
        outputs = {name: render_profile_form(r, initial) for name, r in renderers.items()}
        times: dict[str, list[float]] = {name: [] for name in renderers}
        for _ in range(opts["repeat"]):
            for name, renderer in renderers.items():
                started = time.thread_time()
                render_profile_form(renderer, initial)
                times[name].append((time.thread_time() - started) * 1000)
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        self.stdout.write(f"profile form, {opts['repeat']} renders each, load {load}")
        baseline = statistics.median(times["Django Jinja2"])
        for name, measured in times.items():
            p50 = statistics.median(measured)
            self.stdout.write(
                f"  {name:22} p50 {p50:6.2f} ms  min {min(measured):6.2f} ms  "
                f"{p50 / baseline:4.2f}× Django Jinja2  ({len(outputs[name]):,} characters)"
            )
