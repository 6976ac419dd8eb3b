from django.urls import path

from . import views

urlpatterns = [
    path("support/", views.directory, name="support"),
    path("support/bleed-kits/", views.bleed_kits, name="bleed_kits"),
    path("support/bleed-kits/<slug:slug>/", views.borough_bleed_kits, name="borough_bleed_kits"),
]
