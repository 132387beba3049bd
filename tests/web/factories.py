import factory
from allauth.account.models import EmailAddress

from lotse.accounts.mfa import totp_activate_with_secret
from lotse.accounts.models import Role, User
from lotse.places.models import District, Facility, Organisation, Postcode
from lotse.volunteers.services import volunteer_profile_save

PASSWORD = "a-long-test-passphrase"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Träger {n}")
    kind = "independent"


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Unterkunft {n}")
    street = factory.Sequence(lambda n: f"Teststraße {n}")
    postcode = "48143"
    lat = factory.LazyAttribute(lambda o: Postcode.objects.get(code=o.postcode).lat)
    lon = factory.LazyAttribute(lambda o: Postcode.objects.get(code=o.postcode).lon)
    consultation_hours = "mon 09:00-12:00"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    role = Role.VOLUNTEER
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class StaffFactory(UserFactory):
    """A staff user with TOTP already set up (pass mfa=False to leave it out)."""

    role = Role.SOCIAL_WORKER

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            totp_activate_with_secret(user=obj, secret=TOTP_SECRET)

    @factory.post_generation
    def districts(obj, create, extracted, **kwargs):
        """Names of the districts a coordinator is assigned to: districts=("Nord",)."""
        if create and extracted:
            obj.districts.add(*(District.objects.get(name=name) for name in extracted))


class VolunteerFactory(factory.Factory):
    """A volunteer profile saved through the real service (same rules as the wizard)."""

    class Meta:
        model = dict

    user = factory.SubFactory(UserFactory)
    postcode = "48143"
    max_distance_km = 10
    availability = "tue 16:00-19:00; sat 10:00-14:00"
    skills = ("accompaniment", "german_practice")
    languages = factory.LazyFunction(lambda: {"de": 4, "ar": 4})

    @classmethod
    def _create(cls, model_class, **kwargs):
        return volunteer_profile_save(**kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        return cls._create(model_class, **kwargs)


def deactivated_elsewhere(volunteer) -> None:
    """What a write in another web process leaves behind for this one: the volunteer's account
    deactivated, their row stamped and the pool's version stamp published (not counted as this
    process's own move, so the sync interval applies)."""
    from django.utils import timezone

    from lotse.core import stamps
    from lotse.matchmaking.pool_cache import VERSION_KEY
    from lotse.volunteers.models import Volunteer

    User.objects.filter(pk=volunteer.user_id).update(is_active=False)
    Volunteer.objects.filter(pk=volunteer.pk).update(updated_at=timezone.now())
    stamps._publish(VERSION_KEY)
