from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import mailbox, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("imprint/", views.imprint, name="imprint"),
    path("volunteer/", views.volunteer_home, name="volunteer_home"),
    path("staff/", views.staff_home, name="staff_home"),
    path("coordinator/", views.coordinator_home, name="coordinator_home"),
    path("facilities/<int:pk>/", views.facility_detail, name="facility_detail"),
    path("demo/mailbox/", mailbox.demo_mailbox, name="demo_mailbox"),
    path(
        "set-password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="web/set_password.html",
            success_url=reverse_lazy("account_login"),
        ),
        name="set_password",
    ),
]
