"""Partners and editors upload prices as CSV: every row is checked and reported before anything is saved."""

import csv
import io
import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remittance.prices import COLUMNS, PriceRowError, parse_price_row
from remittance.services import price_rows_store

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
UPLOADS = "uploads/prices"


class UploadError(ValueError):
    pass


class PriceUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file (UTF-8, one price a row)"))
    source = forms.SlugField(label=gettext_lazy("Source"), max_length=40,
                             help_text=gettext_lazy("Who the prices come from, e.g. a partner's short name: migrant-help-sg"))


def read_upload(data):
    """Every row of the CSV with its verdict: [(row number, PriceRow or None, problem or "")]; UploadError for the file."""
    if len(data) > MAX_BYTES:
        raise UploadError(_("The file is larger than 2 MB; split it."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadError(_("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise UploadError(_("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)})
    report = []
    try:
        for number, record in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                raise UploadError(_("More than %(rows)s rows; split the file.") % {"rows": MAX_ROWS})
            try:
                report.append((number, parse_price_row(record), ""))
            except PriceRowError as error:
                report.append((number, None, str(error)))
    except csv.Error as error:
        raise UploadError(_("The file is not valid CSV: %(error)s") % {"error": error}) from None
    if not report:
        raise UploadError(_("The file has no rows."))
    return report


def price_upload_view(request):
    if not request.user.has_perm("remittance.add_quote"):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("token"):
        return _save(request)
    form = PriceUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": COLUMNS}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read(MAX_BYTES + 1)
        try:
            report = read_upload(data)
        except UploadError as error:
            form.add_error("file", str(error))
        else:
            valid = sum(1 for _number, row, _problem in report if row)
            token = ""
            if valid:
                token = uuid.uuid4().hex
                default_storage.save(f"{UPLOADS}/{token}.csv", ContentFile(data))
            context.update(report=report, valid=valid, token=token, source=form.cleaned_data["source"])
    return TemplateResponse(request, "remittance/admin/price_upload.html", context)


def _save(request):
    token, source = request.POST["token"], request.POST.get("source", "")
    name = f"{UPLOADS}/{token}.csv"
    valid_source = PriceUploadForm.base_fields["source"]
    try:
        valid_source.clean(source)
    except forms.ValidationError:
        source = ""
    if not (token.isalnum() and default_storage.exists(name)) or not source:
        messages.error(request, _("That upload is no longer here; upload the file again."))
        return redirect("remittance_price_upload")
    with default_storage.open(name, "rb") as stored:
        report = read_upload(stored.read())
    added, unchanged = price_rows_store(rows=[row for _number, row, _problem in report if row], source=source)
    default_storage.delete(name)
    messages.success(request, _("Saved: %(added)s new prices, %(unchanged)s already known.") % {
        "added": added, "unchanged": unchanged})
    return redirect("remittance_price_upload")
