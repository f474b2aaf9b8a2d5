"""Finding what in a text could tell who someone is: phone numbers, e-mail addresses, passport or ID numbers, names.

A pure function, used twice: the review form warns the writer before anything is sent, and moderation's checks
flag what slipped through. It finds likely personal data, not all of it: a finding is a reason to look, never proof.
Digits of any script (Thai, Devanagari, Burmese, Khmer, full-width...) count as digits.
"""

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from django.utils.translation import gettext_lazy as _

# Where Lantern's reviewers come from, and where they work: a phone number is looked for as each would write it.
REGIONS = ("PH", "ID", "NP", "MM", "KH", "VN", "TH", "HK", "SG", "MY", "QA", "AE", "SA", "KR", "JP", "TW")

PHONE, EMAIL, ID_NUMBER, NAME = "phone", "email", "id_number", "name"
KIND_LABELS = {
    PHONE: _("a phone number"),
    EMAIL: _("an e-mail address"),
    ID_NUMBER: _("a passport or ID number"),
    NAME: _("a person's name"),
}
EXCERPT_LENGTH = 40
MIN_PHONE_DIGITS = 8  # shorter "numbers" are prices and years far more often than phones

_AT, _DOT = r"(?:@|\s*[(\[]at[)\]]\s*)", r"(?:\.|\s*[(\[]dot[)\]]\s*)"
_EMAIL = re.compile(rf"[A-Za-z0-9._%+-]+{_AT}[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}[A-Za-z]{{2,}}(?![A-Za-z0-9])",
                    re.IGNORECASE)
# Passport and ID shapes: P1234567A (Philippines), A1234567 (Indonesia, Vietnam), AA1234567 (Thailand), MA123456...
_ID_SHAPE = re.compile(r"(?<![^\W_])([A-Za-z]{1,2})(\d{6,8})[A-Za-z]?(?![^\W_])")
# Long runs of digits: passport numbers (Nepal: 8-9 digits) and national ID numbers (12 to 16 digits).
_DIGIT_RUN = re.compile(r"(?<![\w])\d{8,16}(?![\w])")
_DATE_RUN = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
# Money is not personal data: amounts next to a currency are left alone.
_CURRENCY = (
    r"php|idr|npr|mmk|khr|vnd|thb|lak|hkd|sgd|myr|qar|aed|sar|krw|jpy|twd|usd|inr|rp|rs|rm|nt\$|hk\$|s\$|\$|₱|₹|₫|฿|¥|₩|"
    r"peso|pesos|rupiah|rupee|rupees|dong|đồng|baht|kyat|kyats|riel|ringgit|dollar|dollars|dirham|dirhams|riyal|riyals|"
    r"yen|won|juta|ribu|triệu|nghìn|lakh|lakhs|रु|रुपैयाँ|บาท|ကျပ်|រៀល"
)
_CURRENCY_BEFORE = re.compile(rf"(?:{_CURRENCY})\s*[.:]?\s*$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(rf"^\s*(?:{_CURRENCY})(?![^\W\d_])", re.IGNORECASE)
_CURRENCY_PREFIXES = {"rp", "rs", "rm"}

# Honorifics and terms of address in the site's languages, written in Latin letters, before a capitalised word:
# English, Filipino, Indonesian, Nepali, Thai, Vietnamese, Khmer as people write them in chats.
_TITLES = (
    "mr", "mrs", "ms", "miss", "madam", "madame", "ma'am", "maam", "mam", "sir", "boss", "bossing", "dr",
    "ate", "kuya", "tita", "tito", "manong", "manang", "mang", "aling",
    "pak", "bu", "ibu", "bapak", "mbak", "mas", "bang", "kak", "om", "tante",
    "didi", "dai", "daju", "bahini", "bhai", "sahu", "sahuji",
    "khun", "anh", "chị", "chi", "ông", "bà", "cô", "chú", "cậu", "lok", "bong",
)
# "named X", "my name is X" and the same in Filipino, Indonesian and Vietnamese.
_NAMING = (
    "named", "name is", "name's", "nagngangalang", "pangalan ay", "pangalan ko ay", "pangalan niya ay", "bernama",
    "namanya", "nama saya", "nama dia", "tên là", "tên",
)
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr"}  # the only titles a full stop may follow
# Capitalised words that begin a sentence after "Sir" or "Boss" far more often than they are names.
_NOT_NAMES = {
    "the", "this", "that", "and", "but", "he", "she", "they", "we", "you", "it", "is", "was", "please", "thank",
    "thanks", "yes", "no", "ok", "okay", "po", "ang", "ng", "sa", "si", "yang", "dan", "di", "ini", "itu", "ya",
}
_LATIN_WORD = r"[^\W\d_][^\W\d_'’-]+"
_LATIN_NAME = re.compile(
    r"(?<![^\W\d_])(?P<term>" + "|".join(re.escape(term) for term in sorted(_TITLES + _NAMING, key=len, reverse=True))
    + rf")\.?\s+(?P<name>{_LATIN_WORD}(?:\s+{_LATIN_WORD})?)",
    re.IGNORECASE,
)
# Scripts without capital letters: only titles that are hardly anything else, before a word of the same script.
_NATIVE_NAME = re.compile(
    r"(?<![\u0900-\u097f])(?:श्रीमती|श्रीमान|सुश्री|श्री)\s*[\u0900-\u097f]{2,12}"  # Nepali: Mrs, Mr, Ms
    r"|(?<![\u0e00-\u0e7f])นางสาว\s*[\u0e00-\u0e7f]{2,12}"  # Thai: Miss
    r"|ဒေါ်(?!လာ)\s*[\u1000-\u109f]{2,12}"  # Burmese: Daw (Mrs), but not ဒေါ်လာ, the dollar
    r"|លោកស្រី\s*[\u1780-\u17ff]{2,12}"  # Khmer: Lok Srey (Mrs)
)


@dataclass(frozen=True)
class Finding:
    kind: str
    excerpt: str
    start: int
    end: int

    @property
    def label(self):
        return KIND_LABELS[self.kind]


def _plain(text):
    """The text with every character that has a one-character compatibility form (full-width digits and letters,
    "＠", "＋") replaced by it, and digits of any script made ASCII; positions stay those of the original."""
    chars = []
    for char in text:
        if ord(char) > 127:
            folded = unicodedata.normalize("NFKC", char)
            char = folded if len(folded) == 1 else char
            if char.isdigit():
                char = str(unicodedata.digit(char))
        chars.append(char)
    return "".join(chars)


def _is_money(plain, start, end):
    return bool(_CURRENCY_BEFORE.search(plain[max(0, start - 12):start]) or _CURRENCY_AFTER.search(plain[end:end + 12]))


def _phones(plain, regions):
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(plain, region):
            if sum(char.isdigit() for char in match.raw_string) < MIN_PHONE_DIGITS:
                continue
            if _is_money(plain, match.start, match.end):
                continue
            # "(0917 123 4567, ...)": the matcher takes the bracket that opens the aside as an area code's.
            start = match.start + 1 if match.raw_string.startswith("(") and ")" not in match.raw_string else match.start
            yield PHONE, start, match.end


def _id_numbers(plain):
    for match in _ID_SHAPE.finditer(plain):
        if match.group(1).lower() not in _CURRENCY_PREFIXES and not _is_money(plain, match.start(), match.end()):
            yield ID_NUMBER, match.start(), match.end()
    for match in _DIGIT_RUN.finditer(plain):
        digits = match.group()
        if digits.endswith("000") or _DATE_RUN.fullmatch(digits) or _is_money(plain, match.start(), match.end()):
            continue
        yield ID_NUMBER, match.start(), match.end()


def _names(plain):
    for match in _LATIN_NAME.finditer(plain):
        words = match.group("name").split()
        if not words[0][0].isupper() or words[0].lower() in _NOT_NAMES:
            continue
        if "." in plain[match.end("term"):match.start("name")] and match.group("term").lower() not in _ABBREVIATIONS:
            continue
        end = match.start("name") + len(words[0])
        if len(words) > 1 and words[1][0].isupper() and words[1].lower() not in _NOT_NAMES:
            end = match.end("name")
        yield NAME, match.start(), end
    for match in _NATIVE_NAME.finditer(plain):
        yield NAME, match.start(), match.end()


def find_personal_data(text, regions=REGIONS):
    """What in `text` looks like a phone number, an e-mail address, a passport or ID number, or a person's name.

    Returns Findings ordered by where they start; where two overlap, the first kind found wins, in the order
    e-mail, phone, ID number, name.
    """
    if not text:
        return []
    plain = _plain(text)
    candidates = [(EMAIL, match.start(), match.end()) for match in _EMAIL.finditer(plain)]
    candidates += _phones(plain, regions)
    candidates += _id_numbers(plain)
    candidates += _names(plain)
    findings, taken = [], []
    for kind, start, end in candidates:
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        excerpt = " ".join(text[start:end].split())
        if len(excerpt) > EXCERPT_LENGTH:
            excerpt = excerpt[: EXCERPT_LENGTH - 1] + "…"
        findings.append(Finding(kind, excerpt, start, end))
    return sorted(findings, key=lambda finding: finding.start)
