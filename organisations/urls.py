from django.urls import path

from . import views

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/staff/", views.staff, name="organisation_staff"),
    path("organisations/<slug:slug>/staff/<int:pk>/remove/", views.remove_staff, name="organisation_remove_staff"),
    path("asks/<int:pk>/back/", views.back_ask, name="back_ask"),
    path("asks/<int:pk>/answer/", views.answer_ask, name="answer_ask"),
    path("what-changed/", views.what_changed, name="what_changed"),
    path("me/stories/<int:pk>/ask-an-organisation/", views.ask_about_testimony, name="ask_about_testimony"),
]
