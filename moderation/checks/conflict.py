"""conflict: a review that reads as written by the agency or for it: the business voice of an advertisement
("we deploy", "apply now", "contact our office", "licensed and trusted") rather than a worker's story.

Each phrase found adds its weight (the chance that it alone gives the agency away, combined like independent
signs); a worker may well write "our agency" about the one that sent them, so that phrase weighs little, while
"apply now" weighs a lot. The agency's own name, a link or a chat invitation, and a 5-star rating strengthen what
the phrases found, never replace them. Phrases are looked for in every language at once, since reviews mix languages. Replies are the
agency's by right and are not checked.
"""

import re

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from moderation.checks import Hit, any_of, check, quoted
from moderation.checks.links import links_found
from moderation.personal_data import excerpt

STRONG, MEDIUM, WEAK = 0.55, 0.35, 0.2
NAME_BONUS, LINK_BONUS, FIVE_STARS_BONUS, SCORE_AT_MOST = 0.15, 0.1, 0.1, 0.95
REPORTED_FROM = 0.3  # below this the sign is too faint to show a moderator
EXAMPLE_LENGTH = 30

# (weight, phrases), by language. In the phrases a space stands for white space or a comma ("resmi, terpercaya"); in
# Thai, Burmese and Khmer, which need no spaces between words, for none or some.
PHRASES = (
    (STRONG, (
        # English
        "apply now", "apply today", "we are hiring", "we're hiring", "now hiring", "hiring now", "urgent hiring",
        "urgently hiring", "contact us now", "contact us today", "please contact us", "call us now", "call us today",
        "visit our office", "visit us", "inquire now", "for inquiries", "walk-in applicants", "limited slots",
        "join our team", "we deploy", "we guarantee", "licensed and trusted", "trusted and licensed", "100% legit",
        "most trusted agency", "our clients", "our applicants", "ready to serve you", "satisfied workers",
        # Filipino
        "mag-apply na", "mag-apply ngayon", "apply na po", "apply na kayo", "hiring po kami", "naghahanap kami ng",
        "naghahanap po kami", "tumatanggap kami", "tumatanggap po kami", "bisitahin ang aming opisina",
        "sinisiguro namin", "sinisiguro naming", "handa kaming maglingkod", "lisensyado at pinagkakatiwalaan",
        # Indonesian
        "daftar sekarang", "segera daftar", "kami merekrut", "kami membuka lowongan", "hubungi kami", "kuota terbatas",
        "kami memberangkatkan", "kami menjamin", "siap melayani anda", "resmi dan terpercaya", "resmi terpercaya",
        "terpercaya dan resmi",
        # Vietnamese
        "ứng tuyển ngay", "đăng ký ngay", "liên hệ với chúng tôi", "liên hệ chúng tôi", "chúng tôi tuyển",
        "chúng tôi cam kết", "chúng tôi đưa", "phục vụ quý khách", "số lượng có hạn", "hãy đến văn phòng",
        # Thai
        "สมัครเลย", "สมัครด่วน", "สมัครได้แล้ว", "ติดต่อเรา", "ติดต่อสอบถาม", "จำนวนจำกัด", "เรารับประกัน", "เราส่งแรงงาน",
        "พร้อมให้บริการ",
        # Nepali
        "हामीलाई सम्पर्क गर्नुहोस्", "आवेदन दिनुहोस्", "माग खुलेको", "सीमित सिट", "ग्यारेन्टी गर्छौं", "ग्यारेन्टी गर्छौँ",
        "पठाउँछौं", "पठाउँछौँ", "तपाईंको सेवामा", "इजाजतप्राप्त र विश्वसनीय",
        # Burmese
        "ကျွန်ုပ်တို့ထံ ဆက်သွယ်", "ဆက်သွယ်စုံစမ်းနိုင်ပါသည်", "လျှောက်ထားနိုင်ပါပြီ", "လျှောက်ထားပါ", "အခုပဲ လျှောက်",
        "အာမခံပါတယ်", "အာမခံပါသည်", "ယုံကြည်စိတ်ချရပါတယ်",
        # Khmer
        "ទាក់ទងមកយើងខ្ញុំ", "ដាក់ពាក្យឥឡូវ", "ដាក់ពាក្យថ្ងៃនេះ", "ចំនួនមានកំណត់", "យើងធានា", "យើងបញ្ជូន", "បម្រើលោកអ្នក",
        "គួរឱ្យទុកចិត្ត",
    )),
    (MEDIUM, (
        "our office", "our company", "our workers", "our recruits", "our staff", "no placement fee",
        "zero placement fee", "contact us", "call us", "message us", "we offer", "we provide", "we process",
        "leading agency", "legit agency", "hotline", "requirements:", "poea licensed", "dmw licensed",
        "licensed agency", "fast deployment", "fast processing", "trusted agency", "100%",
        "aming ahensya", "aming opisina", "aming mga", "nangungunang", "para sa mga interesado", "walang placement fee",
        "kantor kami", "agensi kami", "perusahaan kami", "staf kami", "terkemuka", "info lebih lanjut",
        "lowongan kerja", "tanpa biaya",
        "công ty chúng tôi", "văn phòng chúng tôi", "đội ngũ của chúng tôi", "hàng đầu", "tuyển dụng",
        "xuất cảnh nhanh",
        "บริษัทของเรา", "สำนักงานของเรา", "ทีมงานของเรา", "ชั้นนำ", "รับสมัคร", "เปิดรับ", "น่าเชื่อถือ",
        "हाम्रो कम्पनी", "हाम्रो एजेन्सी", "हाम्रो म्यानपावर", "हाम्रो कार्यालय", "हाम्रा कर्मचारी", "अग्रणी", "१००%",
        "ကျွန်ုပ်တို့ ကုမ္ပဏီ", "ကျွန်ုပ်တို့ အေဂျင်စီ", "ကျွန်ုပ်တို့ ရုံး", "ကျွန်ုပ်တို့ ဝန်ထမ်း", "ထိပ်တန်း",
        "ဝန်ထမ်းခေါ်ယူ", "တရားဝင်လိုင်စင်ရ", "၁၀၀%",
        "ក្រុមហ៊ុនយើង", "ការិយាល័យយើង", "បុគ្គលិករបស់យើង", "ឈានមុខ", "ជ្រើសរើសបុគ្គលិក", "១០០%",
    )),
    (WEAK, (
        "our agency", "free training", "free medical", "highly recommended", "the best in", "libreng training",
        "pinakamagaling na agency", "terbaik di", "uy tín", "tốt nhất", "miễn phí", "ไม่มีค่าใช้จ่าย", "ดีที่สุด",
        "उत्कृष्ट", "အကောင်းဆုံး", "ល្អបំផុត",
    )),
)
# Legal forms left out when the agency's name is looked for: "Bright Star Manpower Inc." is written "Bright Star".
_LEGAL_FORMS = re.compile(
    r"[\s,.]+(?:inc|corp|corporation|co|company|ltd|limited|llc|pt|cv|pvt|plc|jsc|services?|international|intl|"
    r"manpower|agency|recruitment|overseas|employment)\.?$", re.IGNORECASE)
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
_EDGE = r"[^\W_]|[\u0300-\u036f\u0900-\u0963\u0966-\u097f]"  # what continues a word


def _key(text):
    """A phrase, or what matched it, as looked up: in lower case, commas and white space made single spaces (none in
    Thai, Burmese, Khmer)."""
    return ("" if _UNSPACED.search(text) else " ").join(text.lower().replace(",", " ").split())


_WEIGHTS = {_key(phrase): weight for weight, phrases in PHRASES for phrase in phrases}


def _expressions(phrases):
    """Two expressions for the phrases: whole words where the script has spaces, anywhere in scripts without (kept
    apart, each is searched far faster than the two together)."""
    spaced, unspaced = [], []
    for phrase in phrases:
        into, space = (unspaced, r"\s*") if _UNSPACED.search(phrase) else (spaced, r"[\s,]+")
        into.append([space if char == " " else re.escape(char) for char in phrase])
    return (re.compile(f"(?<!{_EDGE}){any_of(spaced)}(?!{_EDGE})", re.IGNORECASE),
            re.compile(any_of(unspaced), re.IGNORECASE))


_EXPRESSIONS = _expressions([" ".join(phrase.split()).lower() for _weight, phrases in PHRASES for phrase in phrases])


def _names(agency_name):
    """The agency's name as written in full and without its legal form, if that leaves a distinctive name."""
    names = {" ".join(agency_name.split())}
    short = agency_name
    while _LEGAL_FORMS.search(short):
        short = _LEGAL_FORMS.sub("", short)
    if len(short.strip()) >= 4:
        names.add(" ".join(short.split()))
    return [name for name in names if name]


def _name_spans(text, agency_name):
    spans = []
    for name in _names(agency_name):
        pattern = r"\s+".join(re.escape(word) for word in name.split())
        spans += [match.span() for match in re.finditer(rf"(?<!{_EDGE}){pattern}(?!{_EDGE})", text, re.IGNORECASE)]
    return spans


@check("conflict", _("Written by the agency"))
def conflict(subject):
    if subject.kind != "review":
        return
    found = {}  # phrase -> spans
    for expression in _EXPRESSIONS:
        for match in expression.finditer(subject.text):
            if _key(match.group()) in _WEIGHTS:
                found.setdefault(_key(match.group()), []).append(match.span())
    if not found:
        return
    remaining = 1.0
    for phrase in found:
        remaining *= 1.0 - _WEIGHTS[phrase]
    score = 1.0 - remaining
    name_spans = _name_spans(subject.text, subject.agency_name) if subject.agency_name else []
    score += NAME_BONUS if name_spans else 0.0
    score += LINK_BONUS if links_found(subject.text) else 0.0
    score += FIVE_STARS_BONUS if subject.rating == 5 else 0.0
    score = min(score, SCORE_AT_MOST)
    if score < REPORTED_FROM:
        return
    spans = sorted(span for spans in found.values() for span in spans)
    examples = quoted([excerpt(subject.text, start, end, EXAMPLE_LENGTH) for start, end in spans])
    reason = (_("Reads like the agency's own advertising, and names it: {examples}") if name_spans
              else _("Reads like the agency's own advertising: {examples}"))
    yield Hit("conflict", round(score, 2), format_lazy(reason, examples=examples), tuple(spans + sorted(name_spans)))
