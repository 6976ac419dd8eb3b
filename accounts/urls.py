from django.urls import path

from . import views

urlpatterns = [
    path("me/", views.my_settings, name="my_settings"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/delete/", views.delete_account, name="delete_account"),
    path("me/terms/", views.terms_again, name="terms_again"),
    path("me/deleted/", views.account_deleted, name="account_deleted"),
]
