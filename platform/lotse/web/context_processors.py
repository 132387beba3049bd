from django.conf import settings


def city(request):
    return {"city_name": settings.LOTSE_CITY_NAME, "city_logo": settings.LOTSE_CITY_LOGO}
