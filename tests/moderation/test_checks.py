"""The automated checks: what each one flags, in the scripts of the site's languages, what it leaves alone (prices,
years, licence and contract numbers, dates, fair criticism), how fast, and the registry they are in; the abuse word
lists moderators keep, their starter list and their cache."""

import importlib
import time
from datetime import timedelta

import pytest
from django.apps import apps as installed_apps
from django.core.cache import cache

from moderation.checks import (
    FLAGGED_AT, REGISTRY, Hit, Subject, any_of, check, check_labels, combined_risk, quoted, run_checks,
)
from moderation.checks.bursts import BURST_THRESHOLDS, BURST_WINDOW
from moderation.checks.duplicates import SIMILAR_AT
from moderation.models import AbuseTerm
from moderation.wordlists import CACHE_KEY, abuse_terms_load

seed = importlib.import_module("moderation.migrations.0004_abuse_terms_seed")
TERMS = tuple(seed.TERMS)
CODES = ("personal_data", "links", "abuse", "duplicates", "bursts", "conflict", "extremes")


def hits(code, text, **subject):
    return run_checks(Subject(text=text, **subject), only={code})


def flagged(code, text, **subject):
    """Whether the check flags the text (a hit scoring FLAGGED_AT or more)."""
    return any(hit.score >= FLAGGED_AT for hit in hits(code, text, **subject))


def found(code, text, **subject):
    """The parts of the text the check's hits point at."""
    return [text[start:end] for hit in hits(code, text, **subject) for start, end in hit.spans]


# --- The registry and the combined risk ---------------------------------------------------------------------------

def test_every_check_is_registered_with_a_label():
    labels = dict(check_labels())
    assert set(labels) == set(CODES)
    assert all(str(label) for label in labels.values())


@pytest.fixture
def extra_check():
    @check("shouting", "Shouting")
    def shouting(subject):
        if subject.text.isupper():
            yield Hit("shouting", 0.7, "All in capitals", ((0, len(subject.text)),))
    yield
    del REGISTRY["shouting"]


def test_a_new_check_registered_runs_with_the_others(extra_check):
    found_hits = run_checks(Subject(text="CALL ME ON +63 917 123 4567"))
    assert {"shouting", "personal_data"} <= {hit.check for hit in found_hits}
    assert "shouting" not in {hit.check for hit in run_checks(Subject(text="a quiet review"))}
    assert [hit.check for hit in run_checks(Subject(text="LOUD"), only={"shouting"})] == ["shouting"]


def test_combined_risk_takes_each_checks_best_score_as_independent_chances():
    assert combined_risk([]) == 0
    assert combined_risk([Hit("links", 0.9, "")]) == 0.9
    assert combined_risk([Hit("links", 0.5, ""), Hit("abuse", 0.5, "")]) == 0.75
    assert combined_risk([Hit("links", 0.6, ""), Hit("links", 0.2, "")]) == 0.6  # one check counts once
    assert combined_risk([Hit("links", 1.4, ""), Hit("abuse", -2, "")]) == 1.0  # out-of-range scores are clipped


def test_quoted_shows_the_first_few_and_counts_the_rest():
    assert quoted(["a"]) == "“a”"
    assert quoted(["a", "b", "c", "d", "e"]) == "“a”, “b”, “c” (+2)"


def test_any_of_matches_the_longest_of_many_sequences():
    import re

    pattern = re.compile(any_of([list("cat"), list("category"), list("dog")]))
    assert [match.group() for match in pattern.finditer("a category, a cat, a dog")] == ["category", "cat", "dog"]


# --- personal_data ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "part"), [
    ("Text me, 0917 482 3916.", "0917 482 3916"),  # Philippines
    ("WA saya +62 812-3456-7890 ya", "+62 812-3456-7890"),  # Indonesia
    ("फोन ९८४१२३४५६७ मा गर्नुहोस्", "९८४१२३४५६७"),  # Nepal, Devanagari digits
    ("ဖုန်း ၀၉၇၈၁၂၃၄၅၆၇ ကို ဆက်ပါ", "၀၉၇၈၁၂၃၄၅၆၇"),  # Myanmar, Burmese digits
    ("លេខ ០១២ ៣៤៥ ៦៧៨ ", "០១២ ៣៤៥ ៦៧៨"),  # Cambodia, Khmer digits
    ("gọi 0912.345.678 nhé", "0912.345.678"),  # Vietnam
    ("โทร ๐๘๑-๒๓๔-๕๖๗๘ ได้เลย", "๐๘๑-๒๓๔-๕๖๗๘"),  # Thailand, Thai digits
    ("in Doha call +974 5512 3456", "+974 5512 3456"),  # a destination
    ("rosie dot placeholder at yahoo dot com", "rosie dot placeholder at yahoo dot com"),  # spelt out
    ("viết cho tôi ở thu.giadinh a còng gmail chấm com", "thu.giadinh a còng gmail chấm com"),
    ("ถามได้ที่ malee.sommut แอท gmail ดอท com", "malee.sommut แอท gmail ดอท com"),
    ("my alien registration number 950314-6128374", "950314-6128374"),  # Korea
    ("เลขบัตรประชาชน 1-4599-00812-33-7 ของฉัน", "1-4599-00812-33-7"),  # Thai ID
    ("PhilSys 4817-2093-5561-0274 kinopya", "4817-2093-5561-0274"),
    ("नागरिकता नम्बर २७-०१-७५-०४२१८ लियो", "२७-०१-७५-०४२१८"),  # Nepali citizenship
    ("မှတ်ပုံတင် ၁၂/မရက(နိုင်)၃၀၄၈၁၇ ကို", "၁၂/မရက(နိုင်)၃၀၄၈၁၇"),  # Myanmar NRC
    ("Taiwan ARC A912648305 kept", "A912648305"),
    ("मेरो नाम राम बहादुर उदाहरण हो", "मेरो नाम राम बहादुर"),
    ("तालिमकी दिदी कमला नमुना राम्रो", "दिदी कमला"),
    ("ฉันชื่อมาลี ทำงานที่เกาหลี", "ฉันชื่อมาลี"),
    ("ครูนิภา ตัวอย่างดี สอนเก่ง", "ครูนิภา ตัวอย่างดี"),
    ("ဦးအတုမောင် ရဲ့ ဖုန်း", "ဦးအတုမောင်"),
    ("ខ្ញុំឈ្មោះ សាកល្បង ធ្វើការនៅថៃ", "ខ្ញុំឈ្មោះ សាកល្បង"),
    ("Anh Hoàng Văn Bịa ở công ty", "Anh Hoàng Văn"),
])
def test_personal_data_is_flagged_in_any_script(text, part):
    assert flagged("personal_data", text)
    assert part in found("personal_data", text)


@pytest.mark.parametrize("text", [
    "Licence POEA-901-LB-010125-R is on their wall, valid until 2027.",
    "Contract no. 2024-0481 says 8 hours a day.",
    "Perjanjian kerja No. 118/PK/2023 bilang 8 jam sehari.",
    "उनीहरूको इजाजत नम्बर ८४२/०७५/७६ कार्यालयमा टाँसिएको छ।",
    "သူတို့ရဲ့ လိုင်စင်အမှတ် ၀၈၄၇/၂၀၁၉ ကို ရုံးမှာ ကပ်ထားတယ်",
    "We flew on PR 658 on 14 March 2024, deployed 2024-03-14, contract signed 12.03.2024.",
    "Paid PHP 45,000 in 2023; salary HKD 4,630; Rp 15.000.000 potongan.",
    "Gaji RM1234567? No, RM 1,500 a month.",
    "The agency says it has sent 12000 workers to Taiwan since 1998.",
    "ที่เกาหลีได้เงินเดือนประมาณ 2,100,000 วอน",
    "Ma'am at the front desk was kind. Sir said wait two weeks.",
    "काउन्टरकी दिदी धेरै सहयोगी हुनुहुन्थ्यो।",
    "บริษัทนี้มีคุณภาพ ดีมาก นายจ้างใจดี",  # "quality", "employer": not titles
    "ขอบคุณมาก ครับ ถ้าคุณจะไปไต้หวัน ระวัง",  # "thank you", "if you go": not titles
    "លោកគ្រូប្រាប់ឱ្យរង់ចាំពីរសប្តាហ៍",  # "the teacher said", no name
    "I looked at the contract twice.",
])
def test_prices_years_licences_contracts_and_titles_alone_are_not_personal_data(text):
    assert not flagged("personal_data", text)


def test_a_personal_data_reason_quotes_only_the_beginning_of_what_it_found():
    text = "Call the broker on +63 917 123 4567 or write to maria.santos@gmail.com"
    by_reason = {str(hit.reason): hit for hit in hits("personal_data", text)}
    assert set(by_reason) == {"Looks like a phone number: “+63 917 …”", "Looks like an e-mail address: “maria.sa…”"}
    assert all(hit.score >= 0.85 for hit in by_reason.values())
    assert not any("4567" in reason or "gmail" in reason for reason in by_reason)


def test_a_name_scores_lower_than_a_number():
    [name] = hits("personal_data", "Kuya Jun ang nag-process ng papeles")
    [phone] = hits("personal_data", "tawag kayo sa 0917 123 4567")
    assert FLAGGED_AT <= name.score < phone.score


# --- links --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "part"), [
    ("Check https://cek-p3mi.example.go.id before paying", "https://cek-p3mi.example.go.id"),
    ("see www.sunrise-manpower-demo.ph now", "www.sunrise-manpower-demo.ph"),
    ("Bisitahin ang bagong-pagasa-demo.com.ph ngayon", "bagong-pagasa-demo.com.ph"),
    ("apply via bit.ly/korea-job-free", "bit.ly/korea-job-free"),
    ("join wa.me/639285503871", "wa.me/639285503871"),
    ("ចូលក្រុម t.me/khmer_workers_demo ឬ", "t.me/khmer_workers_demo"),
    ("เข้ากลุ่มได้ที่ line.me/ti/g/demo_sia_hai หรือ", "line.me/ti/g/demo_sia_hai"),
    ("Add me on WhatsApp for the list", "Add me on WhatsApp"),
    ("pm mo ako para sa detalye", "pm mo ako"),
    ("Kết bạn Zalo với tôi nhé", "Kết bạn Zalo"),
    ("แอดไลน์มาได้เลย", "แอดไลน์"),
    ("मलाई Viber मा add गर्नुहोस्", "Viber मा add"),
    ("សូម add ខ្ញុំនៅ WhatsApp", "add ខ្ញុំនៅ WhatsApp"),
    ("follow @kuya_jun99 for updates", "@kuya_jun99"),
])
def test_links_and_chat_invitations_are_flagged(text, part):
    assert flagged("links", text)
    assert part in found("links", text)


@pytest.mark.parametrize("text", [
    "write to maria.santos@gmail.com",  # personal data, not a link
    "I saw the ad on Facebook, then applied at the office.",
    "Arrived in Dubai last May.Salary was late.",
    "the agency.Info was wrong, e.g. 45.000 at 9 a.m. with Mr.Santos",
    "They messaged me on Facebook about the job.",
    "Kung may tanong kayo, i-text niyo ako.",
    "we met @ the office at 5",
])
def test_ordinary_sentences_are_not_links(text):
    assert not flagged("links", text)


def test_shorteners_and_chat_invitations_score_higher_than_a_plain_link():
    plain = max(hit.score for hit in hits("links", "see https://example.org/jobs"))
    assert max(hit.score for hit in hits("links", "see https://bit.ly/x1")) > plain
    assert max(hit.score for hit in hits("links", "see wa.me/6281234567")) > plain
    assert "hides where it leads" in str(hits("links", "bit.ly/x1")[0].reason)


# --- abuse --------------------------------------------------------------------------------------------------------

def abusive(text, language, terms=TERMS):
    return flagged("abuse", text, language=language, abuse_terms=terms)


@pytest.mark.parametrize(("text", "language"), [
    ("You idiots lost my documents twice.", "en"),
    ("What an I.d.i.o.t manager", "en"),
    ("what an idiooooot", "en"),
    ("the boss is a 1d10t", "en"),
    ("Gago kayong lahat!", "fil"),
    ("Putangina nila", "fil"),  # "putang ina" written as one word
    ("Dasar bangsat kalian", "id"),
    ("हरामीहरू, पैसा फिर्ता गर", "ne"),  # with the plural ending
    ("ခွေးမသား တွေ", "my"),
    ("ពួកអាឆ្កែ សងលុយមកវិញ", "km"),
    ("Lũ đồ ngu, làm mất hồ sơ", "vi"),
    ("บริษัทควาย!", "th"),  # Thai has no spaces: found inside the run of letters
])
def test_abuse_is_found_in_every_language_and_through_disguises(text, language):
    assert abusive(text, language)


@pytest.mark.parametrize(("text", "language"), [
    ("They cheated us. Thieves who kept our passports.", "en"),
    ("I put a note in my class assignment.", "en"),  # "puta" and "ass" are not whole words here
    ("Công ty đó cho tôi đi Nhật", "vi"),  # "đó cho" is not "đồ chó": diacritics count
    ("ผู้จัดการโหดเหี้ยมมาก", "th"),  # "เหี้ยม" (cruel) holds a swear word, which is not on the list
    ("Mga magnanakaw na hinawakan ang passport namin.", "fil"),
])
def test_fair_criticism_and_lookalike_words_are_not_abuse(text, language):
    assert not abusive(text, language)


def test_slurs_and_threats_score_higher_than_insults():
    [threat] = hits("abuse", "I will kill you", language="en", abuse_terms=TERMS)
    [insult] = hits("abuse", "you moron", language="en", abuse_terms=TERMS)
    assert threat.score > insult.score >= FLAGGED_AT
    assert str(insult.reason) == "Abusive words: “moron”"
    assert "threat" in str(threat.reason)


def test_words_of_another_language_are_not_used_unless_the_language_is_unknown_or_the_word_is_for_all():
    terms = (("fil", "gago", False), ("", "scumbag", True))
    assert not flagged("abuse", "Gago", language="en", abuse_terms=terms)
    assert flagged("abuse", "Gago", language="fil-PH", abuse_terms=terms)
    assert flagged("abuse", "Gago", language="", abuse_terms=terms)
    assert flagged("abuse", "total scumbag", language="th", abuse_terms=terms)


def test_without_words_the_abuse_check_finds_nothing():
    assert hits("abuse", "you moron", language="en") == []


# --- The abuse word lists in the database ---------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_starter_list_has_insults_and_severe_words_in_every_language(settings):
    for code, _name in settings.LANGUAGES:
        words = AbuseTerm.objects.filter(language=code)
        assert words.filter(severe=False).exists() and words.filter(severe=True).exists(), code


@pytest.mark.django_db
def test_undoing_the_starter_list_removes_its_words_only():
    AbuseTerm.objects.create(language="en", term="nitwit")
    seed.remove_terms(installed_apps, None)
    assert list(AbuseTerm.objects.values_list("term", flat=True)) == ["nitwit"]
    seed.add_terms(installed_apps, None)
    assert AbuseTerm.objects.count() == len(TERMS) + 1


@pytest.mark.django_db
def test_word_lists_are_read_once_and_reread_after_a_moderator_changes_them(django_capture_on_commit_callbacks,
                                                                              django_assert_num_queries):
    with django_assert_num_queries(1):
        first = abuse_terms_load()
        assert abuse_terms_load() == first
    assert ("en", "idiot", False) in first
    with django_capture_on_commit_callbacks(execute=True):
        term = AbuseTerm.objects.create(language="en", term="nitwit", severe=True)
    assert cache.get(CACHE_KEY) is None
    assert ("en", "nitwit", True) in abuse_terms_load()
    with django_capture_on_commit_callbacks(execute=True):
        term.delete()
    assert ("en", "nitwit", True) not in abuse_terms_load()


# --- duplicates ---------------------------------------------------------------------------------------------------

ORIGINAL = ("The agency in Manila kept my passport for three months and asked for another PHP 20,000 before the "
            "flight. Nobody answered my messages.")


@pytest.mark.parametrize("copy", [
    ORIGINAL,
    ORIGINAL.replace("three months", "four months").replace("Nobody", "No one"),
    ORIGINAL + " Do not apply there. The training centre in Pasig was crowded, the food was bad, and when I complained "
               "the staff told me to go home if I did not like it.",  # the copy is in a longer text
])
def test_a_near_copy_of_an_earlier_text_is_a_duplicate(copy):
    [hit] = hits("duplicates", copy, neighbours=("Fair agency, no fees.", ORIGINAL))
    assert hit.score >= SIMILAR_AT and hit.spans == ()
    assert "the same as another recent text: “The agency in Manila" in str(hit.reason)


def test_a_near_copy_in_thai_is_a_duplicate():
    original = "บริษัทยึดพาสปอร์ตไว้สามเดือน และเรียกเงินเพิ่มอีกสามหมื่นบาทก่อนบิน ไม่มีใครตอบข้อความเลย"
    assert flagged("duplicates", original.replace("สามเดือน", "สี่เดือน"), neighbours=(original,))


@pytest.mark.parametrize("text", [
    "The agency in Cebu was fair: no passport kept, the fee was as the rules say and the flight was on time.",
    "Good agency.",  # a short common phrase that a longer text holds is no copy of it
])
def test_texts_on_the_same_topic_are_not_duplicates(text):
    assert not flagged("duplicates", text, neighbours=(ORIGINAL, "Good agency. They helped me when I was sick."))


def test_a_thousand_neighbours_are_compared_quickly():
    neighbours = tuple(f"Review {number}: the agency charged {number} pesos and kept passport {number * 7}."
                       for number in range(1000))
    started = time.perf_counter()
    assert hits("duplicates", "Review 500: the agency charged 500 pesos and kept passport 3500.", neighbours=neighbours)
    assert time.perf_counter() - started < 1.0


# --- bursts -------------------------------------------------------------------------------------------------------

def test_bursts_count_in_a_window_with_thresholds_the_caller_can_read():
    assert isinstance(BURST_WINDOW, timedelta) and BURST_WINDOW.total_seconds() > 0
    assert set(BURST_THRESHOLDS) == {"agency", "network", "contact"}


@pytest.mark.parametrize("source", ["agency", "network", "contact"])
def test_a_burst_is_flagged_from_its_threshold_and_scores_more_the_bigger_it_is(source):
    threshold = BURST_THRESHOLDS[source]
    assert hits("bursts", "text", recent={source: threshold - 1}) == []
    [at_threshold] = hits("bursts", "text", recent={source: threshold})
    [bigger] = hits("bursts", "text", recent={source: threshold * 3})
    assert FLAGGED_AT <= at_threshold.score < bigger.score <= 0.9
    assert str(threshold * 3) in str(bigger.reason) and f"{int(BURST_WINDOW.total_seconds() // 60)} minutes" in str(
        bigger.reason)


def test_nothing_recent_is_no_burst():
    assert hits("bursts", "text") == [] and hits("bursts", "text", recent={"agency": None}) == []


# --- conflict -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "We deploy 500 caregivers to Japan every year. Apply today at our office!",
    "Kami memberangkatkan ratusan PMI. Daftar sekarang di kantor kami!",
    "Công ty chúng tôi có giấy phép. Đăng ký ngay hôm nay!",
    "บริษัทของเราดีที่สุด สมัครเลยวันนี้!",
    "हाम्रो म्यानपावर उत्कृष्ट छ! आजै आवेदन दिनुहोस्!",
    "ក្រុមហ៊ុនយើងល្អបំផុត! ដាក់ពាក្យថ្ងៃនេះ!",
    "ကျွန်ုပ်တို့ အေဂျင်စီ ရုံးမှာ ယနေ့ပဲ လျှောက်ထားပါ!",
    "Kami ang pinakamagaling na agency! Mag-apply na sa aming opisina!",
])
def test_advertising_in_the_agencys_voice_is_flagged(text):
    assert flagged("conflict", text, rating=5)


@pytest.mark.parametrize("text", [
    "Our agency kept our passports and we paid PHP 20,000 more. Avoid them.",
    "They promised no placement fee, but I paid.",
    "Best agency ever, they helped me when I was sick in Hong Kong.",
])
def test_a_workers_own_story_is_not_the_agencys_voice(text):
    assert not flagged("conflict", text, rating=5)


def test_the_agencys_name_and_five_stars_make_the_advertising_likelier():
    text = "Contact us at Bright Star for Japan jobs."
    plain = max(hit.score for hit in hits("conflict", text, rating=3))
    named = max(hit.score for hit in hits("conflict", text, rating=3, agency_name="Bright Star Manpower Inc."))
    starred = max(hit.score for hit in hits("conflict", text, rating=5, agency_name="Bright Star Manpower Inc."))
    assert plain < FLAGGED_AT <= named < starred
    [hit] = hits("conflict", text, rating=5, agency_name="Bright Star Manpower Inc.")
    assert "Bright Star" in [text[start:end] for start, end in hit.spans]


def test_the_agencys_reply_is_not_checked_for_its_voice():
    assert hits("conflict", "We deploy caregivers. Apply now at our office!", kind="reply") == []


# --- extremes -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "rating"), [
    ("Scam!!", 1), ("Best agency ever", 5), ("โกง!!", 1), ("सबैभन्दा राम्रो म्यानपावर", 5), ("កុំទៅ។", 1), ("", 5),
])
def test_a_very_short_text_with_an_extreme_rating_is_flagged(text, rating):
    [hit] = hits("extremes", text, rating=rating)
    assert hit.score >= FLAGGED_AT and f"{rating} of 5" in str(hit.reason)


@pytest.mark.parametrize(("text", "rating"), [
    ("Scam!!", 3), ("Good agency", 4), ("Scam!!", None),
    ("They kept my passport for two years and charged a training fee.", 1),
    ("ผู้จัดการตะคอกใส่ผู้สมัครผู้หญิงทุกวัน ไม่ให้วันหยุดเลย", 1),
])
def test_a_longer_text_or_a_middle_rating_is_not_extreme(text, rating):
    assert hits("extremes", text, rating=rating) == []


def test_replies_have_no_rating_to_be_extreme():
    assert hits("extremes", "Thanks", rating=5, kind="reply") == []


# --- Every check: spans, reasons, speed ---------------------------------------------------------------------------

LONG = {
    "en": "They kept my passport, charged PHP 45,000 and said call 0917 123 4567 or visit bit.ly/x. Idiots! ",
    "fil": "Kinuha nila ang passport ko, ₱45,000 ang bayad. Tawag sa 0917-123-4567. Gago talaga sila. ",
    "id": "Paspor saya ditahan, bayar Rp 15.000.000. Hubungi 0812-3456-7890 atau wa.me/6281234. Bangsat! ",
    "ne": "राहदानी राखे, रु ५०,००० लिए। फोन ९८४१२३४५६७ मा गर्नुहोस्। हरामीहरू! ",
    "my": "ပတ်စပို့ကို သိမ်းထားတယ်၊ ကျပ် ၁၅ သိန်း ပေးရတယ်။ ဖုန်း ၀၉၇၈၁၂၃၄၅၆၇ ။ ခွေးမသား ",
    "km": "គេយកលិខិតឆ្លងដែន បង់ ៥០០ ដុល្លារ។ លេខ ០១២ ៣៤៥ ៦៧៨ ។ អាឆ្កែ ",
    "vi": "Công ty giữ hộ chiếu, thu 45 triệu đồng. Gọi 0912 345 678 hoặc zalo.me/g/abc. Đồ ngu! ",
    "th": "บริษัทยึดพาสปอร์ต เก็บเงิน 30,000 บาท โทร ๐๘๑-๒๓๔-๕๖๗๘ แอดไลน์ ไอ้ควาย ",
}


@pytest.mark.parametrize("language", sorted(LONG))
def test_a_long_text_in_any_script_goes_through_every_check_quickly_with_spans_inside_it(language):
    text = (LONG[language] * 100)[:5000]
    subject = Subject(text=text, language=language, rating=5, abuse_terms=TERMS, neighbours=tuple(LONG.values()) * 125,
                      agency_name="Bright Star Manpower", recent={"agency": 9})
    run_checks(subject)  # warm: the expressions are built on first use
    started = time.perf_counter()
    found_hits = run_checks(subject)
    assert time.perf_counter() - started < 0.5  # well under 50 ms on a quiet machine; this only catches a blow-up
    assert {"personal_data", "abuse", "bursts"} <= {hit.check for hit in found_hits}
    for hit in found_hits:
        assert 0 <= hit.score <= 1 and 0 < len(str(hit.reason)) <= 300
        assert all(0 <= start < end <= len(text) for start, end in hit.spans)
