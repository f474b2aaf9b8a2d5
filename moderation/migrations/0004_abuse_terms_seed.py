"""A starter list of abuse words for each of the site's languages: common insults, slurs and threats (severe).

It is a starting point, kept short and plain on purpose: moderators extend and correct it in the admin (Reviews >
Abuse words). Words that are fair criticism ("thief": a review may say
truthfully that an agency stole), part of ordinary words, or what reviewers say of themselves ("stupid"; Thai "เหี้ย"
is in "เหี้ยม", cruel) are left out or kept only in the phrases that make them an insult. A few ordinary words are
kept because they are the commonest insults of their language (Indonesian "anjing" and Nepali "कुकुर", dog; Thai
"ควาย", buffalo); they are not severe, so a moderator sees the text and decides. Undoing this migration deletes the
terms of this list, and nothing else.
"""

from django.db import migrations

# (language, term, severe)
TERMS = [
    # English
    ("en", "idiot", False), ("en", "moron", False), ("en", "dumbass", False), ("en", "jackass", False),
    ("en", "bastard", False), ("en", "bitch", False), ("en", "asshole", False), ("en", "fuck", False),
    ("en", "fucking", False), ("en", "fuck you", False), ("en", "son of a bitch", False),
    ("en", "whore", True), ("en", "slut", True), ("en", "nigger", True), ("en", "faggot", True), ("en", "retard", True),
    ("en", "i will kill you", True), ("en", "we will kill you", True), ("en", "you will die", True),
    ("en", "i will find you", True), ("en", "hope you die", True), ("en", "burn your office", True),
    ("en", "your office burns", True), ("en", "i will burn", True), ("en", "stupid pig", False), ("en", "you pig", False),
    # Filipino
    ("fil", "putang ina", False), ("fil", "tangina", False), ("fil", "gago", False), ("fil", "gaga", False),
    ("fil", "bobo", False), ("fil", "tanga", False), ("fil", "ulol", False), ("fil", "tarantado", False),
    ("fil", "hayop ka", False), ("fil", "pakyu", False), ("fil", "punyeta", False),
    ("fil", "puta", True), ("fil", "malandi", True), ("fil", "bayot", True),
    ("fil", "mga hayop", False), ("fil", "hayop kayo", False), ("fil", "papatayin kita", True),
    ("fil", "papatayin ko kayo", True), ("fil", "humanda ka", True), ("fil", "humanda kayo", True),
    ("fil", "babalikan ko kayo", True),
    # Indonesian
    ("id", "bangsat", False), ("id", "bajingan", False), ("id", "kampret", False), ("id", "goblok", False),
    ("id", "tolol", False), ("id", "brengsek", False), ("id", "keparat", False), ("id", "dasar anjing", False),
    ("id", "dasar babi", False), ("id", "anjing lu", False), ("id", "kontol", True), ("id", "pelacur", True),
    ("id", "anjing", False), ("id", "lonte", True), ("id", "aku bunuh kau", True), ("id", "kubunuh kau", True),
    ("id", "saya bunuh", True), ("id", "awas kau", True), ("id", "awas kalian", True),
    # Nepali
    ("ne", "मुजी", False), ("ne", "गधा", False), ("ne", "हरामी", False), ("ne", "मुर्ख", False), ("ne", "कुकुर", False),
    ("ne", "कुकुरको छोरा", False), ("ne", "muji", False), ("ne", "harami", False), ("ne", "machikne", True),
    ("ne", "रण्डी", True), ("ne", "randi", True), ("ne", "मारिदिन्छु", True), ("ne", "मार्छु तँलाई", True),
    ("ne", "आगो लगाइदिन्छु", True),
    # Burmese
    ("my", "ခွေးမသား", False), ("my", "ခွေးကောင်", False), ("my", "ငမိုက်သား", False), ("my", "ငတုံး", False),
    ("my", "စောက်ရူး", False), ("my", "စောက်ပေါ", False), ("my", "ခွေးလို", False), ("my", "လူယုတ်မာ", False),
    ("my", "ဖာသည်မ", True), ("my", "သတ်ပစ်မယ်", True), ("my", "မီးရှို့ပစ်မယ်", True),
    # Khmer
    ("km", "អាឆ្កែ", False), ("km", "អាល្ងង់", False), ("km", "អាចោលម្សៀត", False), ("km", "អាឆ្កួត", False),
    ("km", "មីឆ្កែ", False), ("km", "ល្ងង់", False), ("km", "ថោកទាប", False), ("km", "ស្រីពេស្យា", True),
    ("km", "សម្លាប់ឯង", True), ("km", "អញនឹងសម្លាប់", True), ("km", "អញនឹងដុត", True), ("km", "ដុតការិយាល័យ", True),
    # Vietnamese
    ("vi", "đồ ngu", False), ("vi", "ngu như bò", False), ("vi", "đồ chó", False), ("vi", "thằng chó", False),
    ("vi", "khốn nạn", False), ("vi", "mất dạy", False), ("vi", "đéo", False), ("vi", "địt", False),
    ("vi", "đụ má", False), ("vi", "lũ chó", False), ("vi", "con đĩ", True), ("vi", "tao giết", True),
    ("vi", "giết mày", True), ("vi", "tao sẽ đốt", True),
    # Thai
    ("th", "ควาย", False), ("th", "ไอ้เหี้ย", False), ("th", "ไอ้สัตว์", False), ("th", "พวกเลว", False),
    ("th", "ระยำ", False), ("th", "ชาติหมา", False), ("th", "ไอ้โง่", False), ("th", "ควย", False),
    ("th", "อีดอก", True), ("th", "อีตัว", True), ("th", "กูจะฆ่ามึง", True), ("th", "ฆ่ามึง", True),
    ("th", "เผาออฟฟิศ", True), ("th", "เผาบริษัท", True),
]


def add_terms(apps, schema_editor):
    AbuseTerm = apps.get_model("moderation", "AbuseTerm")
    AbuseTerm.objects.bulk_create([AbuseTerm(language=language, term=term, severe=severe)
                                   for language, term, severe in TERMS], ignore_conflicts=True)


def remove_terms(apps, schema_editor):
    AbuseTerm = apps.get_model("moderation", "AbuseTerm")
    for language, term, _severe in TERMS:
        AbuseTerm.objects.filter(language=language, term=term).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_roles")]
    operations = [migrations.RunPython(add_terms, remove_terms)]
