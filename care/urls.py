from django.urls import path

from . import views

urlpatterns = [
    path("me/stories/<int:pk>/quiet/", views.quiet_period, name="quiet_period"),
    path("me/stories/<int:pk>/quiet/end/", views.end_quiet_period, name="end_quiet_period"),
]
