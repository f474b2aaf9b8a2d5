"""Finding what in a text could tell who someone is: phone numbers, e-mail addresses, passport or ID numbers, names.

A pure function, used twice: the review form warns the writer before anything is sent, and moderation's checks
flag what slipped through. It finds likely personal data, not all of it: a finding is a reason to look, never proof.
Digits of any script (Thai, Devanagari, Burmese, Khmer, full-width...) count as digits.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from django.utils.translation import gettext_lazy as _

from moderation.checks import any_of

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
_EMAIL = re.compile(rf"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+{_AT}[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}[A-Za-z]{{2,}}(?![A-Za-z0-9])",
                    re.IGNORECASE)
# Spelt out to get past filters: "maria dot santos at gmail dot com", Vietnamese "a còng ... chấm com", Thai
# "แอท ... ดอท com". The words for "at" and "dot" must stand alone, and the address end in letters.
# Indonesian "et"/"di" ... "titik", Filipino "at" ... "tuldok", Thai "แอ็ท" ... "จุด" (Thai words need no spaces
# around them, Thai runs words together). Since "at", "di" and "titik" are everyday words too, the address must end
# in a known top-level domain, and its domain not begin with "www" ("daftar di www.example.co.id" is a link).
_SPELT_DOT = r"(?:\s*\.\s*|\s+(?:dot|chấm|titik|tuldok|punto)\s+|\s*(?:ดอท|จุด)\s*)"
_SPELT_AT_WORD = r"(?:\s+(?:at|et|di|a còng)\s+|\s*(?:แอ็ท|แอท|แอ็ด)\s*)"
_TLDS = "com|net|org|edu|gov|info|biz|co|id|ph|th|vn|np|mm|kh|hk|sg|my|qa|ae|sa|kr|jp|tw|io|me|us|uk"
_SPELT_EMAIL = re.compile(
    rf"(?<![\w.])[A-Za-z0-9_%+-]+(?:{_SPELT_DOT}[A-Za-z0-9_%+-]+)*{_SPELT_AT_WORD}(?!www[.\s])[A-Za-z0-9-]+"
    rf"(?:{_SPELT_DOT}[A-Za-z0-9-]+)*{_SPELT_DOT}(?:{_TLDS})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Where to look for one (a long text is read faster).
_SPELT_AT = re.compile(r"\s(?:at|et|di|a còng)\s|แอ็?[ทด]", re.IGNORECASE)
_SPELT_REACH = 80  # characters on each side of the "at"
# Passport and ID shapes: P1234567A (Philippines), A1234567 (Indonesia, Vietnam), AA1234567 (Thailand), MA123456,
# A123456789 (a Taiwanese resident certificate)...
_ID_SHAPE = re.compile(r"(?<![^\W_])([A-Za-z]{1,2})(\d{6,9})[A-Za-z]?(?![^\W_])")
# The same written with spaces, a letter or two apart from the digits: "P 4821730 B", "X 2847391". Taken near a word
# for passport, or alone when a letter closes it too.
_SPACED_PASSPORT = re.compile(r"(?<![^\W_])([A-Z]{1,2}) (\d{7,8})(?: ([A-Z]))?(?![^\W_])")
_PASSPORT_WORD = re.compile(
    r"(?<![^\W\d_])(?:passports?|pasaporte|paspor|pasipot|pasaport)(?![^\W\d_])|पासपोर्ट|राहदानी|หนังสือเดินทาง|"
    r"hộ chiếu|ပတ်စ်ပို့|နိုင်ငံကူးလက်မှတ်|លិខិតឆ្លងដែន",
    re.IGNORECASE,
)
# Digits in groups split by spaces or dashes: an Indonesian NIK (3329 1054 0796 0002), a Thai ID (3 4102 01187 54 1)
# are taken alone; any other 12 to 16 digits in groups only near a word for an ID card.
_GROUPED_DIGITS = re.compile(r"(?<![\w-])\d{1,6}(?:[ \u00a0-]\d{1,6}){1,7}(?![\w-])")
_YEAR = re.compile(r"(?:19|20)\d\d")  # "2019 2020 2021 2022" are years
_GROUPED_SHAPES = ((4, 4, 4, 4), (1, 4, 5, 2, 1))
_GROUPED_DIGIT_COUNT = (12, 16)
_ID_WORD = re.compile(
    r"(?<![^\W\d_])(?:nik|ktp|e-ktp|id|ids|cccd|cmnd|căn cước|philsys|umid|nrc|sss|tin|nomor induk)(?![^\W\d_])|"
    r"บัตรประชาชน|เลขประจำตัว|नागरिकता|मतदाता|မှတ်ပုံတင်|អត្តសញ្ញាណ",
    re.IGNORECASE,
)
_WORD_REACH = 40  # characters before a number (and half of that after) in which a passport or ID word counts
# Contract and reference numbers: letters and digits joined by dashes or slashes ("HK-DH-2024-00731",
# "QTR/2081/0456"). The digits at their end are neither an ID nor a phone number.
_CODE_BEFORE = re.compile(r"(?<![\w.])[A-Z]{1,8}[-/](?:[A-Z0-9]{1,10}[-/])*$")
# Long runs of digits: passport numbers (Nepal: 8-9 digits) and national ID numbers (12 to 16 digits).
_DIGIT_RUN = re.compile(r"(?<![\w])\d{8,16}(?![\w])")
# The same in groups joined by dashes, with 11 to 17 digits in all: a Korean registration number (950314-6128374), a
# Thai ID (1-4599-00812-33-7), a Philippine PhilSys number (4817-2093-5561-0274), a Nepali citizenship certificate
# (27-01-75-04218). Licence numbers glue their groups to letters ("POEA-901-LB-...") and stay out.
_DASHED_ID = re.compile(r"(?<![\w-])\d{1,7}(?:-\d{1,7}){1,5}(?![\w-])")
_DASHED_DIGITS = (11, 17)
# A Myanmar national registration card: 12/MaYaKa(N)304817, 12/မရက(နိုင်)၃၀၄၈၁၇.
_NRC = re.compile(r"(?<!\d)\d{1,2}\s*/\s*[A-Za-z\u1000-\u109f]{2,12}\s*\(\s*[A-Za-z\u1000-\u109f]{1,6}\s*\)\s*\d{5,6}(?!\d)")
# Digits with what people put between them in a phone number; only these stretches go to the phone number matcher.
# A slash is not among them: "842/075/76" is a licence, "045/2023" a contract.
_PHONE_STRETCH = re.compile(r"[+(]?\d(?:[ \u00a0\-.()]{0,3}\d)+\)?")
# A date written with dots, dashes or spaces ("12.03.2024", "2024-03-12") has the digits of a phone number, not its use.
_DATE = re.compile(r"\d{1,2}([.\- ])\d{1,2}\1(?:19|20)\d\d|(?:19|20)\d\d([.\- ])\d{1,2}\2\d{1,2}")
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
# "named X", "my name is X", "I am X" and the same in Filipino, Indonesian and Vietnamese.
_NAMING = (
    "named", "name is", "name's", "nagngangalang", "pangalan ay", "pangalan ko ay", "pangalan niya ay", "bernama",
    "ako si", "ako po si", "ako ay si", "ako po ay si",
    "namanya", "nama saya", "nama dia", "tên là", "tên",
)
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr"}  # the only titles a full stop may follow
# Capitalised words that begin a sentence after "Sir" or "Boss" far more often than they are names.
_NOT_NAMES = {
    "the", "this", "that", "and", "but", "he", "she", "they", "we", "you", "it", "is", "was", "please", "thank",
    "thanks", "yes", "no", "ok", "okay", "po", "ang", "ng", "sa", "si", "yang", "dan", "di", "ini", "itu", "ya",
}
# Offices and roles a title goes before without naming anyone: "Bu RT", "Pak Kades" (the head of the village).
_ROLES = {
    "rt", "rw", "kades", "kadus", "lurah", "camat", "bupati", "kepala", "direktur", "manajer", "manager", "admin",
    "sponsor", "agen", "calo", "guru", "dokter", "bidan", "polisi", "satpam", "haji", "hajah", "ustad", "ustadz",
}
_LATIN_WORD = r"[^\W\d_][^\W\d_'’-]+"
_LATIN_NAME = re.compile(
    r"(?<![^\W\d_])(?P<term>" + any_of([[re.escape(char) for char in term] for term in _TITLES + _NAMING])
    + rf")\.?\s+(?P<name>{_LATIN_WORD}(?:\s+{_LATIN_WORD})?)",
    re.IGNORECASE,
)
# Filipino "si" (and Indonesian "si") before a name: a person only when two capitalised words follow, "si Maria Cruz".
_SI_NAME = re.compile(rf"(?<![^\W\d_])si\s+(?P<name>{_LATIN_WORD}\s+{_LATIN_WORD})", re.IGNORECASE)
# Scripts without capital letters: "my name is" and titles that are hardly anything else, before a word of the same
# script; titles that are ordinary words too only where what follows cannot be one of the words they make.
_DEVANAGARI, _THAI, _BURMESE, _KHMER = "[\u0900-\u097f]", "[\u0e01-\u0e4e]", "[\u1000-\u109f]", "[\u1780-\u17ff]"
# Words that follow a Nepali kinship title when it is no name: "दिदी धेरै सहयोगी" (the sister was very helpful).
_NEPALI_NOT_NAMES = (
    "ले|लाई|को|की|का|सँग|बाट|मा|हरू|र|पनि|नै|त|धेरै|एकदम|निकै|साह्रै|राम्रो|सधैं|सधैँ|भन्नुभयो|भनिन्|भन्छिन्|"
    "हुनुहुन्छ|हुनुहुन्थ्यो|थिइन्|छिन्|हो|होइन"
)
# What a Thai title makes with the word after it: quality, value, employer, broker, trainer, nurse, siblings...
_THAI_NOT_NAMES = (
    "ภาพ|ค่า|สมบัติ|ประโยชน์|ธรรม|จ้าง|หน้า|ทุน|ก|อำเภอ|ตำรวจ|สาว|พยาบาล|แบบ|ฝึก|สอน|ใหญ่|ประจำ|น้อง|เลี้ยง|ชาย|"
    "จะ|ไม่|ก็|ต้อง|ได้|ควร|อย่า|ที่|เป็น|มี|ไป|อยู่|เคย|ยัง|ทำ|ช่วย|คง|รู้|เขา|มาก|ค่ะ|ครับ|นะ|แม่|พ่อ|ๆ"
)
# Kept apart, the expressions are searched far faster than all of them together.
_NATIVE_NAMES = tuple(re.compile(pattern) for pattern in (
    rf"(?<!{_DEVANAGARI})(?:श्रीमती|श्रीमान|सुश्री|श्री)\s*{_DEVANAGARI}{{2,12}}",  # Nepali: Mrs, Mr, Ms
    rf"(?<!{_DEVANAGARI})(?:दिदी|दाइ|दाजु|बहिनी)\s+(?!(?:{_NEPALI_NOT_NAMES})(?!{_DEVANAGARI})){_DEVANAGARI}{{2,12}}",
    rf"(?:मेरो|उनको|उसको|तिनको)\s+नाम\s+{_DEVANAGARI}{{2,12}}(?:\s+(?!हो\b){_DEVANAGARI}{{2,12}})?",  # my name is
    rf"(?<!{_THAI})นางสาว\s*{_THAI}{{2,12}}",  # Thai: Miss
    rf"(?:ฉัน|ผม|ดิฉัน|หนู)ชื่อ\s*{_THAI}{{2,12}}",  # Thai: my name is
    # Thai: a title, a name, a surname; not the "คุณ" of "ขอบคุณ" (thank you) or "บุญคุณ" (kindness)
    rf"(?<!ขอบ)(?<!บุญ)(?:คุณ|นาง|นาย|ครู|พี่)(?!{_THAI_NOT_NAMES}){_THAI}{{2,10}} {_THAI}{{3,14}}",
    rf"ဒေါ်(?!လာ)\s*{_BURMESE}{{2,12}}",  # Burmese: Daw (Mrs), but not ဒေါ်လာ, the dollar
    rf"(?<!{_BURMESE})ဦး(?!စီး|ဆောင်|ခေါင်း|စား|တည်|နှောက်|ရေ|ထုပ်|ချ|ညွှန့်|ကင်း){_BURMESE}{{2,14}}",  # Burmese: U (Mr)
    rf"(?:ကျွန်တော့်|ကျွန်တော်|ကျွန်မ|ကျနော့်)\s*(?:နာမည်|အမည်)(?:က|မှာ)?\s+{_BURMESE}{{2,16}}",  # my name is
    rf"លោកស្រី\s*{_KHMER}{{2,12}}|(?:លោកគ្រូ|អ្នកគ្រូ|លោក)\s+{_KHMER}{{2,12}}",  # Khmer: Mrs; teacher, Mr (then a space)
    rf"ខ្ញុំ\s*ឈ្មោះ\s*{_KHMER}{{2,14}}",  # Khmer: my name is
))


@dataclass(frozen=True)
class Finding:
    kind: str
    excerpt: str
    start: int
    end: int

    @property
    def label(self):
        return KIND_LABELS[self.kind]


class _Folding(dict):
    """str.translate's table for _plain, filled in as characters are first met."""

    def __missing__(self, code):
        char = chr(code)
        if code > 127:
            folded = unicodedata.normalize("NFKC", char)
            char = folded if len(folded) == 1 else char
            if char.isdigit():
                char = str(unicodedata.digit(char))
        self[code] = char
        return char


_FOLDING = _Folding()


def _plain(text):
    """The text with every character that has a one-character compatibility form (full-width digits and letters,
    "＠", "＋") replaced by it, and digits of any script made ASCII; positions stay those of the original."""
    return text.translate(_FOLDING)


def _in_code(plain, start):
    """Whether the digits starting at `start` close a reference code glued to letters by dashes or slashes."""
    return bool(_CODE_BEFORE.search(plain[max(0, start - 40):start]))


def _near(expression, plain, start, end):
    return bool(expression.search(plain, max(0, start - _WORD_REACH), min(len(plain), end + _WORD_REACH // 2)))


def _is_money(plain, start, end):
    return bool(_CURRENCY_BEFORE.search(plain[max(0, start - 12):start]) or _CURRENCY_AFTER.search(plain[end:end + 12]))


def _phone_stretches(plain):
    """(start, end) of the stretches that could hold a phone number: the matcher of every region reads only these,
    never the whole text, which keeps a long text fast. A stretch keeps one character of context on each side, which
    the matcher looks at (a number glued to a letter is not a phone number)."""
    for match in _PHONE_STRETCH.finditer(plain):
        if sum(char.isdigit() for char in match.group()) >= MIN_PHONE_DIGITS:
            yield max(0, match.start() - 1), min(len(plain), match.end() + 1)


def _phones_in(stretch, regions):
    """(start, end) of the phone numbers the matcher finds in `stretch` for any of `regions`. The regions are tried
    until every digit of the stretch is in a number found; a number with its country code needs only one."""
    if stretch.lstrip(" (").startswith("+"):
        regions = regions[:1]
    digits = {index for index, char in enumerate(stretch) if char.isdigit()}
    found = []
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(stretch, region):
            if sum(char.isdigit() for char in match.raw_string) >= MIN_PHONE_DIGITS and not _DATE.fullmatch(match.raw_string):
                # "(0917 123 4567, ...)": the matcher takes the bracket that opens the aside as an area code's.
                start = match.start + 1 if match.raw_string.startswith("(") and ")" not in match.raw_string else match.start
                found.append((start, match.end))
                digits.difference_update(range(start, match.end))
        if not digits:
            break
    return found


def _phones(plain, regions):
    known = {}  # a number written many times (spam) is looked up once
    for offset, end in _phone_stretches(plain):
        stretch = plain[offset:end]
        if stretch not in known:
            known[stretch] = _phones_in(stretch, regions)
        for start, stop in known[stretch]:
            if not _is_money(plain, offset + start, offset + stop) and not _in_code(plain, offset + start):
                yield PHONE, offset + start, offset + stop


def _spelt_emails(plain):
    found = set()
    for at in _SPELT_AT.finditer(plain):
        for match in _SPELT_EMAIL.finditer(plain, max(0, at.start() - _SPELT_REACH), at.end() + _SPELT_REACH):
            found.add((EMAIL, match.start(), match.end()))
    return sorted(found)


def _grouped_id(plain, match):
    """The end of the ID number that begins `match` (digits in groups), or None: the groups of a known shape, else the
    most groups holding 12 to 16 digits when a word for an ID card is near."""
    groups = re.split(r"[ \u00a0-]", match.group())
    if all(_YEAR.fullmatch(group) for group in groups):
        return None
    if tuple(len(group) for group in groups[:len(_GROUPED_SHAPES[0])]) == _GROUPED_SHAPES[0]:
        groups = groups[:len(_GROUPED_SHAPES[0])]
    elif tuple(len(group) for group in groups[:len(_GROUPED_SHAPES[1])]) == _GROUPED_SHAPES[1]:
        groups = groups[:len(_GROUPED_SHAPES[1])]
    else:
        while groups and sum(map(len, groups)) > _GROUPED_DIGIT_COUNT[1]:
            groups.pop()
        if len(groups) < 2 or sum(map(len, groups)) < _GROUPED_DIGIT_COUNT[0]:
            return None
        if not _near(_ID_WORD, plain, match.start(), match.end()):
            return None
    return match.start() + len(" ".join(groups))


def _spaced_passports(plain):
    """Looked for before phone numbers: near a passport word, "EC 28473910" is a passport number, not a phone."""
    for match in _SPACED_PASSPORT.finditer(plain):
        if match.group(1).lower() in _CURRENCY_PREFIXES or _is_money(plain, match.start(), match.end()):
            continue
        if match.group(3) or _near(_PASSPORT_WORD, plain, match.start(), match.end()):
            yield ID_NUMBER, match.start(), match.end()


def _id_numbers(plain):
    for match in _NRC.finditer(plain):
        yield ID_NUMBER, match.start(), match.end()
    for match in _DASHED_ID.finditer(plain):
        if _DASHED_DIGITS[0] <= sum(char.isdigit() for char in match.group()) <= _DASHED_DIGITS[1]:
            yield ID_NUMBER, match.start(), match.end()
    for match in _GROUPED_DIGITS.finditer(plain):
        end = _grouped_id(plain, match)
        if end and not _is_money(plain, match.start(), end):
            yield ID_NUMBER, match.start(), end
    for match in _ID_SHAPE.finditer(plain):
        if match.group(1).lower() not in _CURRENCY_PREFIXES and not _is_money(plain, match.start(), match.end()):
            yield ID_NUMBER, match.start(), match.end()
    for match in _DIGIT_RUN.finditer(plain):
        digits = match.group()
        if digits.endswith("000") or _DATE_RUN.fullmatch(digits) or _is_money(plain, match.start(), match.end()) \
                or _in_code(plain, match.start()):
            continue
        yield ID_NUMBER, match.start(), match.end()


def _is_name_word(word):
    """Whether a word after a title could be a name: capitalised, not a common word, an office or an abbreviation."""
    return word[0].isupper() and word.lower() not in _NOT_NAMES and word.lower() not in _ROLES \
        and not (word.isupper() and len(word) <= 4)


def _names(plain):
    for match in _LATIN_NAME.finditer(plain):
        words = match.group("name").split()
        if not _is_name_word(words[0]):
            continue
        if "." in plain[match.end("term"):match.start("name")] and match.group("term").lower() not in _ABBREVIATIONS:
            continue
        end = match.start("name") + len(words[0])
        if len(words) > 1 and _is_name_word(words[1]):
            end = match.end("name")
        yield NAME, match.start(), end
    for match in _SI_NAME.finditer(plain):
        if all(_is_name_word(word) for word in match.group("name").split()):
            yield NAME, match.start(), match.end()
    for expression in _NATIVE_NAMES:
        for match in expression.finditer(plain):
            yield NAME, match.start(), match.end()


def find_personal_data(text, regions=REGIONS):
    """What in `text` looks like a phone number, an e-mail address, a passport or ID number, or a person's name.

    Returns Findings ordered by where they start; where two overlap, the first kind found wins, in the order
    e-mail, spaced passport number, phone, ID number, name.
    """
    if not text:
        return []
    plain = _plain(text)
    candidates = [(EMAIL, match.start(), match.end()) for match in _EMAIL.finditer(plain)]
    candidates += _spelt_emails(plain)
    candidates += _spaced_passports(plain)
    candidates += _phones(plain, regions)
    candidates += _id_numbers(plain)
    candidates += _names(plain)
    findings, starts, ends = [], [], []  # the spans taken so far, which never overlap, in order
    for kind, start, end in candidates:
        before = bisect.bisect_left(starts, end)  # the spans that start before this one ends
        if before and ends[before - 1] > start:
            continue
        starts.insert(before, start)
        ends.insert(before, end)
        findings.append(Finding(kind, excerpt(text, start, end), start, end))
    return sorted(findings, key=lambda finding: finding.start)


def excerpt(text, start, end, length=EXCERPT_LENGTH):
    """text[start:end] on one line, shortened to `length` characters with "…" where it is longer."""
    part = " ".join(text[start:end].split())
    return part[: length - 1] + "…" if len(part) > length else part
