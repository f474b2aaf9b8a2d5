"""links: addresses of web sites, shortened links, invitations to messaging apps and social media handles.

A link in a review is most often advertising, or a way to take a worker off the site to someone who charges them;
shortened links (which hide where they lead) and invitations to a chat score highest. E-mail addresses are left to
the personal_data check. Official sites (.gov, .go.id ...) score lowest, as citing one is usually help; but a
moderator still looks, since a look-alike of an official site is a known trick.
"""

import functools
import re

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from moderation.checks import Hit, check, quoted
from moderation.personal_data import excerpt

SHORTENER, INVITE, MESSAGING, LINK, DOMAIN, HANDLE, OFFICIAL, WORD_HANDLE = (
    "shortener", "invite", "messaging", "link", "domain", "handle", "official", "word_handle")
SCORES = {SHORTENER: 0.85, INVITE: 0.9, MESSAGING: 0.75, LINK: 0.7, DOMAIN: 0.6, HANDLE: 0.6, OFFICIAL: 0.5,
          WORD_HANDLE: 0.4}
REASONS = {
    SHORTENER: _("A shortened link, which hides where it leads: {examples}"),
    INVITE: _("A link that opens a chat on a messaging app: {examples}"),
    MESSAGING: _("Asks readers to contact someone on a messaging app: {examples}"),
    LINK: _("A link: {examples}"),
    DOMAIN: _("The address of a web site: {examples}"),
    HANDLE: _("A social media handle: {examples}"),
    OFFICIAL: _("A link to a government site: {examples}"),
    WORD_HANDLE: _("Perhaps a social media handle: {examples}"),
}
EXAMPLE_LENGTH = 30

SHORTENERS = {
    "bit.ly", "bitly.com", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "v.gd", "cutt.ly", "rb.gy", "t.ly",
    "shorturl.at", "shorturl.asia", "tiny.cc", "s.id", "rebrand.ly", "buff.ly", "short.link", "linktr.ee", "u.to",
}
INVITES = {
    "wa.me", "chat.whatsapp.com", "api.whatsapp.com", "wa.link", "t.me", "telegram.me", "line.me", "lin.ee", "m.me",
    "zalo.me", "invite.viber.com", "msng.link", "qr.kakao.com", "u.wechat.com",
}
# Top-level domains a bare "name.tld" is taken for an address with, written in lower case as addresses are ("the
# agency.Info was wrong" is a sentence typed without a space). Left out: those that are common words or
# abbreviations ("in", "is", "it", "me", "no", "to", "my", "am", "us").
_TLDS = (
    "com|net|org|info|biz|xyz|online|site|shop|store|top|club|link|app|page|live|asia|jobs|work|agency|co|io|ly|gl|"
    "cc|tk|ml|ga|cf|gq|ph|id|np|mm|kh|vn|th|hk|sg|qa|ae|sa|kr|jp|tw|la|uk|au|ca|de"
)
_COUNTRIES = "ph|my|sg|hk|th|vn|id|np|mm|kh|qa|ae|sa|kr|jp|tw|uk|au|in|nz|la"
_KNOWN = "|".join(re.escape(host) for host in sorted(SHORTENERS | INVITES, key=len, reverse=True))
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_PATH = r"(?:[/?#][^\s\"'<>()\[\]{}“”]*[^\s\"'<>()\[\]{}“”.,;:!?])?"
_ADDRESS = re.compile(
    r"(?<![\w@.\-/])"
    r"(?:(?P<scheme>https?://|hxxps?://|www\.)[^\s\"'<>()\[\]{}“”]*[^\s\"'<>()\[\]{}“”.,;:!?]"
    rf"|(?P<host>{_KNOWN}|(?:{_LABEL}\.)+(?-i:(?:com|co|net|org|gov|edu|ac|or|go)\.(?:{_COUNTRIES})|{_TLDS}))"
    rf"(?![\w@\-]|\.\w){_PATH})",
    re.IGNORECASE,
)
_HOST = re.compile(r"^(?:[a-z]+://)?(?:www\.)?([^/?#:]+)", re.IGNORECASE)
_OFFICIAL = re.compile(r"(?:^|\.)(?:(?:gov|go|gob|gouv|mil)\.[a-z]{2}|gov|mil)$", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@.])@(?P<name>[A-Za-z_][\w.]{1,29}\w)", re.ASCII)

# Messaging apps as people write them, and contact verbs around them, in the site's languages.
_APPS = (
    r"whats\s?app|viber|telegram|zalo|we\s?chat|imo|messenger|facebook|fb|instagram|ig|tiktok|signal|kakao(?:\s?talk)?|"
    r"line|wa|"
    r"ไลน์|เฟส(?:บุ๊[กค])?|วอทส์แอ[ปพ]|ဗိုင်ဘာ|ဖေ့စ်ဘုတ်|မက်ဆင်ဂျာ|တယ်လီဂရမ်|តេឡេក្រាម|ហ្វេសប៊ុក|វីប័រ|"
    r"भाइबर|ह्वाट्सएप|ह्वाट्सअप|इमो|फेसबुक|मेसेन्जर"
)
_CHAT_APPS = r"whats\s?app|viber|telegram|zalo|we\s?chat|kakao|ह्वाट्सएप|भाइबर"
_APPS_ALONE = r"whats\s?app|viber|telegram|zalo|we\s?chat|messenger|facebook|fb|kakao|wa|imo"  # not ordinary words
# Kept apart, each expression is searched far faster than all of them together.
_MESSAGING = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    # English: "add me on WhatsApp", "message us via Viber", "WhatsApp me", "Line ID: somchai99", "viber 0917 ..."
    rf"\b(?:add|contact|message|msg|pm|dm|text|chat|call|reach|find|follow|inbox)\s+(?:me|us)\s+"
    rf"(?:on|at|via|in|thru|through|using)\s+(?:{_APPS})\b",
    rf"\b(?:{_APPS_ALONE})\s+(?:me|us)\b",
    rf"\b(?:{_APPS})\s*(?:id|number|no\.?|num|account|acct?)\s*[:：#=]\s*[^\s,;]+",
    rf"\b(?:{_APPS_ALONE})\s*[:：]?\s*\+?\d[\d\s-]{{6,}}\d",
    # Filipino: "pm mo ako", "i-add nyo ako sa fb"; Indonesian: "hubungi saya di WA"
    r"\b(?:i-?)?(?:add|pm|chat|message|msg|kontak|contact)\s+(?:mo|nyo|niyo|nio|n'yo)\s+(?:ako|kami)\b",
    # "add" borrowed into any language, near a chat app: "Viber मा add गर्नुहोस्", "add ខ្ញុំនៅ WhatsApp"
    rf"(?<!\w)(?:add|एड)(?!\w)[^.!?\n]{{0,20}}?(?:{_CHAT_APPS})(?!\w)|(?:{_CHAT_APPS})[^.!?\n]{{0,12}}?(?<!\w)(?:add|एड)(?!\w)",
    rf"\b(?:hubungi|kontak|chat|inbox|dm|japri|wa)\s+(?:saya|kami|aku|sy)\s+(?:di|lewat|via|ke)\s+(?:{_APPS})\b",
    # Vietnamese: "kết bạn zalo", "liên hệ qua zalo"
    r"(?:kết bạn|nhắn tin|liên hệ|liên lạc|inbox|ib|add)\s+(?:qua\s+|với\s+|mình\s+|em\s+|tôi\s+)?"
    r"(?:zalo|facebook|fb|viber|telegram|messenger)\b",
    # Thai: "แอดไลน์", "ทักไลน์มา", "ติดต่อทางไลน์"
    r"(?:แอด|แอ้ด|ทัก|ติดต่อ|เพิ่มเพื่อน|สอบถาม)\s*(?:มา)?\s*(?:ที่|ทาง|ได้ที่)?\s*(?:ไลน์|line|เฟส|facebook|fb|ไอจี|ig|inbox)",
    r"(?:ไลน์|line)\s*(?:ไอดี|id)",
    # Nepali: "भाइबरमा सम्पर्क", "viber मा म्यासेज"; Burmese: "ဗိုင်ဘာကနေ ဆက်သွယ်"
    rf"(?:{_APPS})\s*(?:(?:मा|बाट)\s*(?:सम्पर्क|मेसेज|म्यासेज|कल)|(?:ကနေ|မှာ|နဲ့|ကို|ဖြင့်)?\s*(?:ဆက်သွယ်|မက်ဆေ့|စာပို့))",
    # Khmer: "ទាក់ទងតាមតេឡេក្រាម", "ឆាតមក telegram"
    rf"(?:ទាក់ទង|ឆាត|ផ្ញើសារ)(?:មក)?\s*(?:តាម|មក)?\s*(?:{_APPS})",
))


def _address_kind(match):
    host = _HOST.match(match.group()).group(1).lower()
    if host in SHORTENERS:
        return SHORTENER
    if host in INVITES or match.group().lower().startswith(("https://chat.whatsapp", "http://chat.whatsapp")):
        return INVITE
    if _OFFICIAL.search(host):
        return OFFICIAL
    return LINK if match.group("scheme") else DOMAIN


def _merged(spans):
    """The spans with those that overlap made one."""
    merged = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@functools.lru_cache(maxsize=64)  # the conflict check asks too
def links_found(text):
    """(kind, start, end) of every link, handle and invitation in `text`, none overlapping."""
    found = [(_address_kind(match), match.start(), match.end()) for match in _ADDRESS.finditer(text)]
    for span in _merged(match.span() for expression in _MESSAGING for match in expression.finditer(text)):
        if not any(start < span[1] and span[0] < end for _kind, start, end in found):
            found.append((MESSAGING, *span))
    for match in _HANDLE.finditer(text):
        if any(start < match.end() and match.start() < end for _kind, start, end in found):
            continue  # "https://example.com/@name" is a link already
        name = match.group("name")
        looks_made_up = any(char.isdigit() or char in "_." for char in name) or any(char.isupper() for char in name[1:])
        found.append((HANDLE if looks_made_up else WORD_HANDLE, match.start(), match.end()))
    return tuple(found)


@check("links", _("Links and contacts"))
def links(subject):
    by_kind = {}
    for kind, start, end in links_found(subject.text):
        by_kind.setdefault(kind, []).append((start, end))
    for kind, spans in sorted(by_kind.items(), key=lambda item: -SCORES[item[0]]):
        examples = quoted([excerpt(subject.text, start, end, EXAMPLE_LENGTH) for start, end in spans])
        yield Hit("links", SCORES[kind], format_lazy(REASONS[kind], examples=examples), tuple(spans))
