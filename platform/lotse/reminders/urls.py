from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("needs/<int:pk>/message/", views.need_message, name="need_message"),
]
