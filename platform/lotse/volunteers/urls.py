from django.urls import path

from . import views

app_name = "volunteers"

# The consent pages of this namespace (consent_change, consent_text) are the privacy app's:
# lotse/urls.py adds them (privacy.urls.volunteer_urlpatterns).

urlpatterns = [
    path("volunteer/signup/", views.signup, name="signup"),
    path("volunteer/signup/<slug:step>/", views.signup_step, name="signup_step"),
    path("volunteer/profile/", views.profile, name="profile"),
    path("volunteer/profile/edit/", views.profile_edit, name="profile_edit"),
    path("volunteer/profile/pause/", views.pause, name="pause"),
    path("volunteers/", views.volunteer_list, name="list"),
    path("volunteers/<int:pk>/", views.volunteer_detail, name="detail"),
    path("volunteers/<int:pk>/certificate/", views.certificate_record, name="certificate_record"),
]
