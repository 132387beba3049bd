from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .accounts.languages import set_language
from .api_urls import api_v1
from .privacy import urls as privacy_urls
from .volunteers import urls as volunteers_urls

# The admin logs in through allauth: its rate limits and MFA apply there too.
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)

# The volunteer's pages, with the consent pages the privacy app (a layer above) serves at their
# old names in the same namespace.
volunteer_pages = (
    volunteers_urls.urlpatterns + privacy_urls.volunteer_urlpatterns,
    volunteers_urls.app_name,
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("account/", include("lotse.accounts.urls")),  # the staff's API tokens
    # Our switcher first: Django's, plus the choice stored on the account.
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("", include("lotse.ops.urls")),  # /healthz, /readyz, /metrics
    path("", include("lotse.matchmaking.urls")),
    path("", include("lotse.safeguarding.urls")),
    path("", include("lotse.privacy.urls")),
    path("", include(volunteer_pages)),
    path("needs/", include("lotse.needs.urls")),
    path("data/", include("lotse.imports.urls")),
    path("", include("lotse.placements.urls")),
    path("notifications/", include("notifications.urls")),
    path("reminders/", include("lotse.reminders.urls")),
    path("", include("lotse.dashboard.urls")),  # /dashboard/, /transparency/
    path("", include("lotse.web.urls")),
]

# 404, 403 and 400 use Django's views with our templates; 500 must not need the database.
handler500 = "lotse.web.error_pages.server_error"
