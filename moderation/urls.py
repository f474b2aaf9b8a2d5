"""Moderation's public pages, under each language: the transparency figures, and readers' reports of errors."""

from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("transparency/", views.transparency, name="transparency"),
    path("report-error/<int:page_id>/", views.content_report, name="content_report"),
]
