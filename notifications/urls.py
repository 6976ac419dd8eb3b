from django.urls import path

from . import views

urlpatterns = [
    path("follow/", views.follow, name="follow"),
    path("unfollow/", views.unfollow, name="unfollow"),
    path("me/notifications/", views.notification_settings, name="notification_settings"),
    path("me/notifications/<int:pk>/remove/", views.remove_follow, name="remove_follow"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="notifications_unsubscribe"),
]
