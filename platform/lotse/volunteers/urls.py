from django.urls import path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("volunteer/signup/", views.signup, name="signup"),
    path("volunteer/signup/<slug:step>/", views.signup_step, name="signup_step"),
    path("volunteer/profile/", views.profile, name="profile"),
    path("volunteer/profile/edit/", views.profile_edit, name="profile_edit"),
    path("volunteer/profile/pause/", views.pause, name="pause"),
    path(
        "volunteer/profile/consents/<slug:kind>/<slug:action>/",
        views.consent_change,
        name="consent_change",
    ),
    path("volunteer/texts/<slug:kind>/", views.consent_text, name="consent_text"),
    path("volunteers/", views.volunteer_list, name="list"),
    path("volunteers/<int:pk>/", views.volunteer_detail, name="detail"),
    path("volunteers/<int:pk>/certificate/", views.certificate_record, name="certificate_record"),
]
