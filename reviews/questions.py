"""The fair-recruitment questions a review answers, after the ILO General Principles for Fair Recruitment.

Each question is rated 1 to 5; its one-line explanation says what a worker should think of, and its icon is one of
the inline SVG icons in templates/includes/icons/.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Question:
    field: str
    label: Promise
    explanation: Promise
    icon: str


QUESTIONS = (
    Question("fees_rating", _("Fees"),
             _("Did you pay the agency or anyone else to get this job? Under fair recruitment, the employer pays."),
             "coins"),
    Question("contract_rating", _("Contract"),
             _("Was there a written contract, in a language you understand, before you left, and was it the same at work?"),
             "document"),
    Question("job_rating", _("Job as promised"),
             _("Were the wage, the type of work and the employer what the agency promised?"), "briefcase"),
    Question("documents_rating", _("Documents"),
             _("Could you keep your passport and papers yourself, or did someone take them?"), "passport"),
    Question("freedom_rating", _("Freedom"),
             _("Could you keep your phone, leave the job, or complain without being punished?"), "door"),
    Question("respect_rating", _("Respect and safety"),
             _("Did the agency treat you with respect and keep you safe, before and after you left?"), "shield"),
)
QUESTION_FIELDS = tuple(question.field for question in QUESTIONS)
