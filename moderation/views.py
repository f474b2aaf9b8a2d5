"""Moderation's public pages. Views stay thin: forms check what visitors send, moderation.services writes,
moderation.selectors reads."""

import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_ratelimit.decorators import ratelimit

from moderation import selectors
from moderation.forms import ContentReportForm
from moderation.models import Reason
from moderation.services import content_report_file
from reviews.views import REPORTS_PER_IP, limited_form


@require_safe
def transparency(request):
    """How Lantern moderates, month by month: counts from the audit log as a page, or as JSON (?format=json) or CSV
    (?format=csv) for researchers; ?months= asks for more or fewer months. Nothing about any person, agency or item."""
    asked = request.GET.get("months", "")
    months = int(asked) if asked.isdecimal() and len(asked) <= 3 else selectors.TRANSPARENCY_MONTHS
    figures = selectors.transparency_months(months=months)
    rows, zone = [month.as_data() for month in figures], timezone.get_default_timezone_name()
    if request.GET.get("format") == "json":
        return JsonResponse({"time_zone": zone, "reasons": {code: str(label) for code, label in Reason.choices},
                             "months": rows})
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8",
                                headers={"Content-Disposition": 'attachment; filename="lantern-moderation-figures.csv"'})
        writer = csv.DictWriter(response, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        return response
    return render(request, "moderation/transparency.html",
                  {"months": figures, "months_max": selectors.TRANSPARENCY_MONTHS_MAX, "time_zone": zone})


@ratelimit(group="moderation:content-report-ip", key="ip", rate=REPORTS_PER_IP, method="POST", block=False)
def content_report(request, page_id):
    """A reader's "Is something wrong here?" on a live page: the passage quoted and what is wrong reach the editors
    and fact-checkers in the admin. The page's address is the page's own, never one the browser sends; nothing
    about the reader is kept."""
    page = selectors.content_page_reportable(pk=page_id)
    if page is None:
        raise Http404
    form, status = limited_form(request, ContentReportForm)
    if request.method == "POST" and form.is_valid():
        content_report_file(page=page, page_url=page.full_url, language=page.locale.language_code,
                            passage=form.cleaned_data["passage"], note=form.cleaned_data["note"])
        return render(request, "moderation/content_report_sent.html", {"page": page})
    return render(request, "moderation/content_report.html", {"page": page, "form": form}, status=status)
