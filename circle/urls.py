from django.urls import path

from . import views

urlpatterns = [
    path("circle/", views.circle_home, name="circle_home"),
    path("circle/start/", views.start, name="circle_start"),
    path("circle/discussions/<int:pk>/", views.discussion, name="circle_discussion"),
    path("circle/discussions/<int:pk>/reply/", views.reply, name="circle_reply"),
    path("circle/findable/", views.findable, name="circle_findable"),
    path("circle/families/", views.directory, name="circle_directory"),
    path("circle/families/<int:pk>/ask/", views.ask, name="circle_ask"),
    path("circle/requests/", views.requests, name="circle_requests"),
    path("circle/requests/<int:pk>/accept/", views.accept, name="circle_accept"),
    path("circle/requests/<int:pk>/decline/", views.decline, name="circle_decline"),
]
