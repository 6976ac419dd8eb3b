from django.urls import path

from . import views

urlpatterns = [
    path("boroughs/<slug:slug>/start-a-discussion/", views.start_thread, name="start_thread"),
    path("me/discussions/", views.my_threads, name="my_threads"),
    path("me/discussions/<int:pk>/edit/", views.edit_thread, name="edit_thread"),
]
