"""Moderation's public pages. Views stay thin: forms check what visitors send, moderation.services writes,
moderation.selectors reads."""

from django.http import Http404


def transparency(request):  # placeholder until the transparency helper replaces it with the real view
    raise Http404


def content_report(request, page_id):  # placeholder until the content-report helper replaces it with the real view
    raise Http404
