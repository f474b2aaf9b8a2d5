"""Pages of reviews: proving a contact, writing a review, one's own reviews, reports, and the agencies' replies.

Views stay thin: forms check what visitors send, reviews.services writes, reviews.selectors reads. A visitor proves
a contact with a one-time code; the session then holds only the reviewer's id and until when the proof holds
(30 minutes), never the contact. Rate limits (django-ratelimit, counted in the cache) answer 429 with a message in
the visitor's language, as does every other refusal: nothing is stored when something is refused.
"""

import time

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from agencies import selectors as agency_selectors
from moderation.models import Reason
from moderation.services import report_file
from reviews import contacts, selectors, services
from reviews.forms import AppealForm, CodeForm, ContactForm, ReplyForm, ReportForm, ReviewForm, review_initial
from reviews.models import REPRESENTATIVES_GROUP

SESSION_CHALLENGE = "reviews:challenge"
SESSION_CHANNEL = "reviews:channel"
SESSION_NEXT = "reviews:next"
SESSION_REVIEWER = "reviews:reviewer"
SESSION_VERIFIED_UNTIL = "reviews:verified_until"
PENDING_KEYS = (SESSION_CHALLENGE, SESSION_CHANNEL, SESSION_NEXT)
VERIFIED_FOR = 30 * 60  # seconds

CODE_REQUESTS_PER_IP = "10/h"
CODE_REQUESTS_PER_CONTACT = f"{services.CODES_PER_CONTACT_PER_HOUR}/h"
CODE_ATTEMPTS_PER_IP = "20/h"
SUBMISSIONS_PER_IP = "20/h"
SUBMISSIONS_PER_REVIEWER = "10/h"
REPORTS_PER_IP = "10/h"
APPEALS_PER_IP = "10/h"
LOGINS_PER_IP = "10/15m"

# Django's error reports (mail to ADMINS, debug pages) show these as stars.
hide_contact = sensitive_post_parameters("contact", "code")

TOO_MANY = _("Too many attempts from here in a short time. Please wait a while (up to an hour), then try again.")
PROOF_EXPIRED = _("For your safety, a proof of your contact holds for 30 minutes. Please prove it again: nothing "
                  "you sent was stored.")


# --- Rate-limit keys and rates -----------------------------------------------------------------

def _contact_posted(request):
    return request.method == "POST" and "contact" in request.POST


def _contact_digest(request):
    """The keyed hash of the contact in the request (never the contact itself), or "" when there is none."""
    if not hasattr(request, "_reviews_contact_digest"):
        digest = ""
        if _contact_posted(request):
            try:
                digest = contacts.contact_hash(contacts.contact_canonical(request.POST["contact"])[1])
            except ValidationError:
                pass
        request._reviews_contact_digest = digest
    return request._reviews_contact_digest


def _code_requests_per_ip(group, request):
    return CODE_REQUESTS_PER_IP if _contact_posted(request) else None


def _code_requests_per_contact(group, request):
    return CODE_REQUESTS_PER_CONTACT if _contact_digest(request) else None


def _contact_key(group, request):
    return _contact_digest(request)


def _reviewer_key(group, request):
    return f"reviewer:{request.session.get(SESSION_REVIEWER)}"


def _limited(form):
    """The form shown again with the rate limit's message; it is never valid."""
    form.is_valid()
    form.add_error(None, TOO_MANY)
    return form


def limited_form(request, form_class, **kwargs):
    """(the form, the status to answer with) on a page whose POST is rate-limited (block=False): unbound on GET; on
    POST bound to what was sent, and over the limit shown again with the limit's message and 429. A form over the
    limit is never valid, so `request.method == "POST" and form.is_valid()` is the one test before acting on it."""
    if request.method != "POST":
        return form_class(**kwargs), 200
    form = form_class(request.POST, **kwargs)
    return (_limited(form), 429) if request.limited else (form, 200)


# --- The session's proof of a contact --------------------------------------------------------

def _forget(request):
    for key in (SESSION_REVIEWER, SESSION_VERIFIED_UNTIL):
        request.session.pop(key, None)


def _session_reviewer(request):
    """(the reviewer this session proved, whether a proof expired): (None, True) once the 30 minutes are over."""
    reviewer_id = request.session.get(SESSION_REVIEWER)
    if reviewer_id is None:
        return None, False
    if request.session.get(SESSION_VERIFIED_UNTIL, 0) < time.time():
        _forget(request)
        return None, True
    reviewer = selectors.reviewer_by_id(pk=reviewer_id)
    if reviewer is None:
        _forget(request)
    return reviewer, False


def _proof(request, *, offer_notify=False, **context):
    """(the reviewer this session proved, None), or (None, the contact step's page) while there is no proof."""
    reviewer, expired = _session_reviewer(request)
    if reviewer is not None:
        return reviewer, None
    expired = expired or (request.method == "POST" and not _contact_posted(request))
    return None, _contact_step(request, next_url=request.path, offer_notify=offer_notify,
                               context={**context, "notice": PROOF_EXPIRED if expired else ""})


def _next_url(request):
    url = request.session.get(SESSION_NEXT) or ""
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                                               require_https=request.is_secure()):
        return url
    return reverse("reviews:mine")


@ratelimit(group="reviews:code-request-ip", key="ip", rate=_code_requests_per_ip, method="POST", block=False)
@ratelimit(group="reviews:code-request-contact", key=_contact_key, rate=_code_requests_per_contact, method="POST",
           block=False)
def _contact_step(request, *, next_url, offer_notify, context):
    """Asks for a phone number or e-mail address and sends a code there; then the code page, then `next_url`."""
    posted = _contact_posted(request)
    form = ContactForm(request.POST if posted else None, offer_notify=offer_notify)
    status = 200
    if posted and request.limited:
        form, status = _limited(form), 429
    elif posted and form.is_valid():
        try:
            token = services.code_request(contact=form.cleaned_data["contact"],
                                          notify=form.cleaned_data.get("notify", False), language=get_language())
        except services.ReviewError as error:
            form.add_error(None, error.message)
            status = 429
        else:
            request.session[SESSION_CHALLENGE] = token
            request.session[SESSION_CHANNEL] = form.cleaned_data["contact"][0]
            request.session[SESSION_NEXT] = next_url
            return redirect("reviews:code")
    return render(request, "reviews/contact.html", {**context, "form": form}, status=status)


# --- Writing a review ---------------------------------------------------------------------------

@hide_contact
def write(request, agency_id):
    """The contact step while the session has no proof; then the review form (the earlier review, if any, in it)."""
    agency = agency_selectors.agency_by_id(pk=agency_id)
    if agency is None:
        raise Http404
    reviewer, contact_step = _proof(request, offer_notify=True, agency=agency)
    if contact_step:
        return contact_step
    if _contact_posted(request):
        return redirect(request.path)
    return _review_step(request, agency=agency, reviewer=reviewer)


@ratelimit(group="reviews:submit-ip", key="ip", rate=SUBMISSIONS_PER_IP, method="POST", block=False)
@ratelimit(group="reviews:submit-reviewer", key=_reviewer_key, rate=SUBMISSIONS_PER_REVIEWER, method="POST",
           block=False)
def _review_step(request, *, agency, reviewer):
    earlier = selectors.review_of(reviewer=reviewer, agency=agency)
    form, status = limited_form(request, ReviewForm, initial=review_initial(earlier) if earlier else None)
    if request.method == "POST" and form.is_valid():
        try:
            _review, created = services.review_submit(
                reviewer=reviewer, agency=agency, data=form.review_data(),
                network=contacts.network_hash(request.META.get("REMOTE_ADDR")))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Thank you. Your review waits for a moderator, who usually reads it within a "
                                        "few days.") if created else
                             _("Your review was replaced by what you just sent. It waits for a moderator again."))
            return redirect("reviews:mine")
    return render(request, "reviews/write.html", {
        "agency": agency, "agency_url": agency_selectors.agency_url_maker(request=request)(agency), "form": form, "earlier": earlier,
        "reviewer": reviewer,
    }, status=status)


@ratelimit(group="reviews:code-attempt-ip", key="ip", rate=CODE_ATTEMPTS_PER_IP, method="POST", block=False)
@hide_contact
def code(request):
    """The one-time code; once it is right the session holds the reviewer (a new session key), then on we go."""
    token = request.session.get(SESSION_CHALLENGE)
    form, status = limited_form(request, CodeForm)
    if request.method == "POST" and form.is_valid():
        try:
            reviewer = services.code_verify(token=token, code=form.cleaned_data["code"])
        except services.ReviewError as error:
            form.add_error(None, error.message)
        else:
            next_url = _next_url(request)
            request.session.cycle_key()
            for key in PENDING_KEYS:
                request.session.pop(key, None)
            request.session[SESSION_REVIEWER] = reviewer.pk
            request.session[SESSION_VERIFIED_UNTIL] = int(time.time()) + VERIFIED_FOR
            return redirect(next_url)
    return render(request, "reviews/code.html", {
        "form": form, "pending": bool(token), "channel": request.session.get(SESSION_CHANNEL),
        "again_url": _next_url(request),
    }, status=status)


# --- One's own reviews --------------------------------------------------------------------------

@hide_contact
def mine(request):
    """The reviewer's reviews with their state, to edit or erase; the contact step first."""
    reviewer, contact_step = _proof(request)
    if contact_step:
        return contact_step
    if request.method == "POST":
        return redirect(request.path)
    agency_url = agency_selectors.agency_url_maker(request=request)
    reviews = list(selectors.reviewer_reviews(reviewer=reviewer))
    for review in reviews:
        review.agency_url = agency_url(review.agency)
        review.reason_label = Reason(review.reason).label if review.reason in Reason.values else ""
    return render(request, "reviews/mine.html", {"reviewer": reviewer, "reviews": reviews})


@hide_contact
def erase(request, review_id):
    """Asks to be sure, then erases one of the reviewer's reviews (POST only)."""
    reviewer, contact_step = _proof(request)
    if contact_step:
        return contact_step
    review = selectors.reviewer_reviews(reviewer=reviewer).filter(pk=review_id).first()
    if review is None:
        raise Http404
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        services.review_erase(reviewer=reviewer, review=review)
        messages.success(request, _("Your review was erased. Nothing of its text is kept."))
        return redirect("reviews:mine")
    return render(request, "reviews/erase.html", {"review": review})


@require_POST
def forget(request):
    """Ends the proof on this device (a shared phone, say) before its 30 minutes are over."""
    _forget(request)
    request.session.cycle_key()
    return redirect(f"/{get_language()}/")


# --- Reports and replies ---------------------------------------------------------------------------

def _reportable(kind, pk):
    """(the published review or reply, its agency), or (None, None)."""
    if kind == "review":
        review = selectors.published_review(pk=pk)
        return (review, review.agency) if review else (None, None)
    if kind == "reply":
        reply = selectors.published_reply(pk=pk)
        return (reply, reply.review.agency) if reply else (None, None)
    return None, None


@ratelimit(group="reviews:report-ip", key="ip", rate=REPORTS_PER_IP, method="POST", block=False)
def report(request, kind, pk):
    """Anyone may report a published review or reply, with a reason; the report joins the moderators' queue."""
    item, agency = _reportable(kind, pk)
    if item is None:
        raise Http404
    form, status = limited_form(request, ReportForm)
    if request.method == "POST" and form.is_valid():
        report_file(item=item, agency_id=agency.pk, reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"], language=get_language())
        return render(request, "reviews/report_sent.html", {
            "agency": agency, "agency_url": agency_selectors.agency_url_maker(request=request)(agency)})
    return render(request, "reviews/report.html", {"item": item, "kind": kind, "agency": agency, "form": form},
                  status=status)


@login_required(login_url=reverse_lazy("reviews:login"))
def reply(request, review_id):
    """A verified representative of the review's agency replies, once; a moderator reads the reply first."""
    review = selectors.published_review(pk=review_id)
    if review is None:
        raise Http404
    if (review.agency_id not in selectors.represented_agency_ids(user=request.user)
            or not request.user.groups.filter(name=REPRESENTATIVES_GROUP).exists()):
        return render(request, "reviews/forbidden.html", status=403)
    existing = selectors.reply_standing(review=review)
    form, status = ReplyForm(request.POST if request.method == "POST" else None), 200
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_submit(user=request.user, review=review, text=form.cleaned_data["text"])
        except services.ReviewError as error:
            form.add_error(None, error.message)
            status = 409
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return render(request, "reviews/reply_sent.html", {
                "agency": review.agency, "agency_url": agency_selectors.agency_url_maker(request=request)(review.agency)})
    return render(request, "reviews/reply.html", {"review": review, "existing": existing, "form": form}, status=status)


# --- Appeals -----------------------------------------------------------------------------------------------------

def _appeal_step(request, *, item, appeal, context):
    """The appeal form for one decision; once sent, `appeal` files it (ReviewError when it cannot be)."""
    form, status = limited_form(request, AppealForm)
    if request.method == "POST" and form.is_valid():
        try:
            appeal(form.cleaned_data["text"])
        except services.ReviewError as error:
            form.add_error(None, error.message)
            status = 409
        else:
            return None
    return render(request, "reviews/appeal.html", {**context, "item": item, "form": form}, status=status)


@ratelimit(group="reviews:appeal-ip", key="ip", rate=APPEALS_PER_IP, method="POST", block=False)
@hide_contact
def appeal(request, review_id):
    """The reviewer, with their contact proved again, appeals the decision on their review, once."""
    reviewer, contact_step = _proof(request)
    if contact_step:
        return contact_step
    if _contact_posted(request):
        return redirect(request.path)
    review = selectors.reviewer_reviews(reviewer=reviewer).filter(pk=review_id).first()
    if review is None:
        raise Http404
    page = _appeal_step(request, item=review, appeal=lambda text: services.appeal_by_reviewer(
        reviewer=reviewer, review=review, text=text), context={"review": review})
    if page:
        return page
    messages.success(request, _("Your appeal was sent. A different moderator will read it and decide."))
    return redirect("reviews:mine")


@ratelimit(group="reviews:appeal-ip", key="ip", rate=APPEALS_PER_IP, method="POST", block=False)
@login_required(login_url=reverse_lazy("reviews:login"))
def agency_appeal(request, kind, pk):
    """A verified representative appeals the decision on a review of their agency, or on the agency's reply, once."""
    item = selectors.appealable_item(kind=kind, pk=pk)
    if item is None:
        raise Http404
    review = getattr(item, "review", item)
    if review.agency_id not in selectors.represented_agency_ids(user=request.user):
        return render(request, "reviews/forbidden.html", status=403)
    page = _appeal_step(request, item=item, appeal=lambda text: services.appeal_by_agency(
        user=request.user, item=item, text=text), context={"review": review, "kind": kind})
    if page:
        return page
    return render(request, "reviews/appeal_sent.html", {
        "agency": review.agency, "agency_url": agency_selectors.agency_url_maker(request=request)(review.agency)})


# --- Sign-in for agency representatives --------------------------------------------------------------

class LoginView(auth_views.LoginView):
    template_name = "reviews/login.html"

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            # Refused before the password is even looked at.
            return self.render_to_response(
                self.get_context_data(form=AuthenticationForm(request), limited=TOO_MANY), status=429)
        return super().post(request, *args, **kwargs)

    def get_default_redirect_url(self):
        return f"/{get_language()}/"


class LogoutView(auth_views.LogoutView):
    template_name = "reviews/logged_out.html"


login = ratelimit(group="reviews:login-ip", key="ip", rate=LOGINS_PER_IP, method="POST", block=False)(
    LoginView.as_view())
logout = LogoutView.as_view()
