from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.privacy_notice, name="notice"),
    path("privacy/me/", views.my_data, name="my_data"),
    path("privacy/me/export/", views.export_page, name="export"),
    path("privacy/me/export.json", views.export_json, name="export_json"),
    path(
        "privacy/me/consents/<slug:kind>/withdraw/",
        views.consent_withdraw_page,
        name="consent_withdraw",
    ),
    path("privacy/me/delete/", views.account_delete, name="delete"),
    path("privacy/erased/", views.erased, name="erased"),
]

# Consent pages at the addresses and names they had in the volunteers app (bookmarks, links in
# e-mails): lotse/urls.py mounts them in the "volunteers" namespace.
volunteer_urlpatterns = [
    path(
        "volunteer/profile/consents/<slug:kind>/<slug:action>/",
        views.consent_change,
        name="consent_change",
    ),
    path("volunteer/texts/<slug:kind>/", views.consent_text, name="consent_text"),
]
