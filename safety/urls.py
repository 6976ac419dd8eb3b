from django.urls import path

from . import transparency, views

urlpatterns = [
    path("report/<str:type_name>/<int:object_id>/", views.report, name="safety_report"),
    path("report/received/<str:reference>/", views.report_received, name="safety_report_received"),
    path("appeal/<str:token>/", views.appeal, name="safety_appeal"),
    path("complaints/", views.complaint, name="safety_complaint"),
    path("transparency/", transparency.transparency, name="safety_transparency"),
]
