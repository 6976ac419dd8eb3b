from django.urls import path

from . import views

urlpatterns = [
    path("boroughs/<slug:slug>/propose-a-gathering/", views.propose, name="gathering_propose"),
    path("boroughs/<slug:slug>/gatherings.ics", views.borough_calendar, name="borough_gatherings_calendar"),
    path("gatherings/<int:pk>/rsvp/", views.rsvp, name="gathering_rsvp"),
    path("gatherings/<int:pk>/leave/", views.leave, name="gathering_leave"),
    path("gatherings/<int:pk>/calendar.ics", views.gathering_ics, name="gathering_ics"),
    path("me/gatherings/", views.my_gatherings, name="my_gatherings"),
    path("me/gatherings/<int:pk>/", views.manage, name="gathering_manage"),
    path("me/gatherings/<int:pk>/cancel/", views.cancel, name="gathering_cancel"),
    path("me/gatherings/<int:pk>/afterwards/", views.afterwards, name="gathering_afterwards"),
]
