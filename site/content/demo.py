"""Demo content: the home page with its four ways in and a sample page behind each, in every language.

Only what is missing is created, so loading twice changes nothing and editors' changes are kept.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Site

# The four ways in, in the order the home page shows them: slug, icon, and the page type behind it
# (a sample standard page until the section's own page type exists).
SECTIONS = [
    ("check-an-agency", "agency", "agencies.AgencyIndexPage"),
    ("compare-money-transfers", "money", "remittance.CompareTransfersPage"),
    ("know-your-rights", "rights", "content.StandardPage"),
    ("get-help", "help", "content.StandardPage"),
]

# Per language: the home page's lead, the sample note, and each section's heading and line of text.
TEXTS = {
    "en": {
        "lead": "Lantern helps migrant workers check recruitment agencies, compare money transfers and know their rights.",
        "sample": "Sample content for the demonstration site, written by Lantern's developers. It is not advice.",
        "check-an-agency": ("Check an agency", "Is it licensed? What happened to its licence? What do workers say about it?"),
        "compare-money-transfers": ("Compare money transfers", "See who delivers the most money home, with every fee and the exchange rate counted."),
        "know-your-rights": ("Know your rights", "Plain guides to fees, contracts, passports, wages and complaints, checked by a second person."),
        "get-help": ("Get help", "Unions, organisations, embassies and hotlines that help migrant workers, in your language."),
    },
    "fil": {
        "lead": "Tinutulungan ng Lantern ang mga migranteng manggagawa na suriin ang mga ahensya ng recruitment, ihambing ang pagpapadala ng pera at alamin ang kanilang mga karapatan.",
        "sample": "Halimbawang nilalaman para sa demo site, isinulat ng mga developer ng Lantern. Hindi ito payo.",
        "check-an-agency": ("Suriin ang ahensya", "May lisensya ba ito? Ano ang nangyari sa lisensya nito? Ano ang sinasabi ng mga manggagawa tungkol dito?"),
        "compare-money-transfers": ("Ihambing ang pagpapadala ng pera", "Tingnan kung sino ang nakapagpapadala ng pinakamalaking halaga, kasama ang bawat bayad at ang palitan."),
        "know-your-rights": ("Alamin ang iyong mga karapatan", "Simpleng gabay tungkol sa bayarin, kontrata, pasaporte, sahod at reklamo, sinuri ng ikalawang tao."),
        "get-help": ("Humingi ng tulong", "Mga unyon, organisasyon, embahada at hotline na tumutulong sa mga migranteng manggagawa, sa iyong wika."),
    },
    "id": {
        "lead": "Lantern membantu pekerja migran memeriksa agen perekrutan, membandingkan biaya kirim uang, dan mengetahui hak-hak mereka.",
        "sample": "Contoh konten untuk situs demo, ditulis oleh pengembang Lantern. Ini bukan nasihat.",
        "check-an-agency": ("Periksa agen", "Apakah berizin? Apa yang terjadi dengan izinnya? Apa kata pekerja tentang agen ini?"),
        "compare-money-transfers": ("Bandingkan kirim uang", "Lihat siapa yang mengirim uang paling banyak sampai ke rumah, dengan semua biaya dan kurs dihitung."),
        "know-your-rights": ("Ketahui hak Anda", "Panduan sederhana tentang biaya, kontrak, paspor, gaji, dan pengaduan, diperiksa oleh orang kedua."),
        "get-help": ("Cari bantuan", "Serikat pekerja, organisasi, kedutaan, dan layanan telepon yang membantu pekerja migran, dalam bahasa Anda."),
    },
    "ne": {
        "lead": "Lantern ले आप्रवासी कामदारलाई म्यानपावर कम्पनी जाँच्न, पैसा पठाउने खर्च तुलना गर्न र आफ्ना अधिकार जान्न मद्दत गर्छ।",
        "sample": "यो डेमो साइटका लागि Lantern का विकासकर्ताले लेखेको नमूना सामग्री हो। यो सल्लाह होइन।",
        "check-an-agency": ("कम्पनी जाँच्नुहोस्", "इजाजतपत्र छ कि छैन? इजाजतपत्रलाई के भयो? कामदारहरू यसबारे के भन्छन्?"),
        "compare-money-transfers": ("पैसा पठाउने खर्च तुलना गर्नुहोस्", "सबै शुल्क र विनिमय दर गनेर कसले घरमा सबैभन्दा बढी पैसा पुर्‍याउँछ हेर्नुहोस्।"),
        "know-your-rights": ("आफ्ना अधिकार जान्नुहोस्", "शुल्क, सम्झौता, राहदानी, तलब र उजुरीबारे सरल गाइड, अर्को व्यक्तिले जाँचेको।"),
        "get-help": ("सहायता पाउनुहोस्", "आप्रवासी कामदारलाई मद्दत गर्ने युनियन, संस्था, दूतावास र हटलाइन, तपाईंको भाषामा।"),
    },
    "my": {
        "lead": "Lantern သည် ရွှေ့ပြောင်းအလုပ်သမားများကို အေဂျင်စီများ စစ်ဆေးရန်၊ ငွေလွှဲခများ နှိုင်းယှဉ်ရန်နှင့် ၎င်းတို့၏ အခွင့်အရေးများကို သိရှိရန် ကူညီသည်။",
        "sample": "Lantern ၏ ဆော့ဖ်ဝဲရေးသားသူများ ရေးသားထားသော သရုပ်ပြဆိုက်အတွက် နမူနာအကြောင်းအရာ ဖြစ်သည်။ အကြံဉာဏ် မဟုတ်ပါ။",
        "check-an-agency": ("အေဂျင်စီကို စစ်ဆေးပါ", "လိုင်စင်ရှိပါသလား။ ၎င်း၏ လိုင်စင် ဘာဖြစ်ခဲ့သလဲ။ အလုပ်သမားများက ဘာပြောကြသလဲ။"),
        "compare-money-transfers": ("ငွေလွှဲခများ နှိုင်းယှဉ်ပါ", "အခကြေးငွေနှင့် ငွေလဲနှုန်းအားလုံး ထည့်တွက်၍ မည်သူက အိမ်သို့ ငွေအများဆုံး ရောက်စေသည်ကို ကြည့်ပါ။"),
        "know-your-rights": ("သင့်အခွင့်အရေးများကို သိပါ", "အခကြေးငွေ၊ စာချုပ်၊ နိုင်ငံကူးလက်မှတ်၊ လုပ်ခနှင့် တိုင်ကြားမှုဆိုင်ရာ ရိုးရှင်းသော လမ်းညွှန်များ၊ ဒုတိယလူတစ်ဦး စစ်ဆေးထားသည်။"),
        "get-help": ("အကူအညီ ရယူပါ", "ရွှေ့ပြောင်းအလုပ်သမားများကို ကူညီသော သမဂ္ဂများ၊ အဖွဲ့အစည်းများ၊ သံရုံးများနှင့် အရေးပေါ်ဖုန်းလိုင်းများ၊ သင့်ဘာသာစကားဖြင့်။"),
    },
    "km": {
        "lead": "Lantern ជួយពលករចំណាកស្រុកពិនិត្យភ្នាក់ងារជ្រើសរើសការងារ ប្រៀបធៀបការផ្ញើប្រាក់ និងស្គាល់សិទ្ធិរបស់ពួកគេ។",
        "sample": "ខ្លឹមសារគំរូសម្រាប់គេហទំព័របង្ហាញ សរសេរដោយអ្នកអភិវឌ្ឍន៍ Lantern។ នេះមិនមែនជាដំបូន្មានទេ។",
        "check-an-agency": ("ពិនិត្យភ្នាក់ងារ", "តើវាមានអាជ្ញាប័ណ្ណទេ? តើមានអ្វីកើតឡើងចំពោះអាជ្ញាប័ណ្ណរបស់វា? តើពលករនិយាយអ្វីខ្លះអំពីវា?"),
        "compare-money-transfers": ("ប្រៀបធៀបការផ្ញើប្រាក់", "មើលថាអ្នកណាធ្វើឱ្យប្រាក់ទៅដល់ផ្ទះច្រើនជាងគេ ដោយគិតថ្លៃសេវា និងអត្រាប្តូរប្រាក់ទាំងអស់។"),
        "know-your-rights": ("ស្គាល់សិទ្ធិរបស់អ្នក", "មគ្គុទ្ទេសក៍ងាយៗអំពីថ្លៃសេវា កិច្ចសន្យា លិខិតឆ្លងដែន ប្រាក់ឈ្នួល និងបណ្តឹង ដែលត្រូវបានពិនិត្យដោយមនុស្សទីពីរ។"),
        "get-help": ("ស្វែងរកជំនួយ", "សហជីព អង្គការ ស្ថានទូត និងខ្សែទូរស័ព្ទជំនួយ ដែលជួយពលករចំណាកស្រុក ជាភាសារបស់អ្នក។"),
    },
    "vi": {
        "lead": "Lantern giúp người lao động di cư kiểm tra công ty tuyển dụng, so sánh chi phí chuyển tiền và biết quyền của mình.",
        "sample": "Nội dung mẫu cho trang trình diễn, do các nhà phát triển Lantern viết. Đây không phải lời khuyên.",
        "check-an-agency": ("Kiểm tra công ty", "Công ty có giấy phép không? Giấy phép đã thay đổi ra sao? Người lao động nói gì về công ty?"),
        "compare-money-transfers": ("So sánh chuyển tiền", "Xem ai chuyển được nhiều tiền về nhà nhất, đã tính mọi khoản phí và tỷ giá."),
        "know-your-rights": ("Biết quyền của bạn", "Hướng dẫn dễ hiểu về phí, hợp đồng, hộ chiếu, tiền lương và khiếu nại, được người thứ hai kiểm tra."),
        "get-help": ("Tìm trợ giúp", "Công đoàn, tổ chức, đại sứ quán và đường dây nóng giúp người lao động di cư, bằng ngôn ngữ của bạn."),
    },
    "th": {
        "lead": "Lantern ช่วยแรงงานข้ามชาติตรวจสอบบริษัทจัดหางาน เปรียบเทียบค่าโอนเงิน และรู้สิทธิของตนเอง",
        "sample": "เนื้อหาตัวอย่างสำหรับเว็บไซต์สาธิต เขียนโดยทีมพัฒนา Lantern ไม่ใช่คำแนะนำ",
        "check-an-agency": ("ตรวจสอบบริษัทจัดหางาน", "ได้รับใบอนุญาตหรือไม่ ใบอนุญาตเป็นอย่างไรบ้าง แรงงานพูดถึงบริษัทนี้อย่างไร"),
        "compare-money-transfers": ("เปรียบเทียบการโอนเงิน", "ดูว่าใครส่งเงินถึงบ้านได้มากที่สุด โดยนับค่าธรรมเนียมและอัตราแลกเปลี่ยนทั้งหมด"),
        "know-your-rights": ("รู้สิทธิของคุณ", "คู่มือที่เข้าใจง่ายเรื่องค่าธรรมเนียม สัญญา หนังสือเดินทาง ค่าจ้าง และการร้องเรียน ตรวจทานโดยบุคคลที่สอง"),
        "get-help": ("ขอความช่วยเหลือ", "สหภาพแรงงาน องค์กร สถานทูต และสายด่วนที่ช่วยเหลือแรงงานข้ามชาติ ในภาษาของคุณ"),
    },
}


def _publish(page):
    page.save_revision(log_action=True).publish()


def _fill_section(page, texts, slug):
    page.title, text = texts[slug]
    page.draft_title = page.title
    page.show_in_menus = True
    if hasattr(page, "body"):
        page.summary = text
        page.body = [("paragraph", f"<p>{texts['sample']}</p>")]
    else:
        page.intro = text


def _ways_in(texts, section_pages):
    return [
        ("way_in", {"icon": icon, "heading": texts[slug][0], "text": texts[slug][1], "page": section_pages[slug]})
        for slug, icon, _page_type in SECTIONS
    ]


def _translation(page, locale):
    return page.get_translations().filter(locale=locale).first()


@transaction.atomic
def demo_content_load():
    """Creates what is missing of the demo content; returns how many pages it created or filled."""
    created = 0
    home = Site.objects.get(is_default_site=True).root_page.specific
    english = TEXTS[settings.LANGUAGE_CODE]

    section_pages = {}
    for slug, _icon, page_type in SECTIONS:
        page_class = apps.get_model(page_type)
        page = page_class.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = page_class(slug=slug)
            _fill_section(page, english, slug)
            home.add_child(instance=page)
            _publish(page)
            created += 1
        section_pages[slug] = page

    if not home.ways_in:
        home.lead = english["lead"]
        home.ways_in = _ways_in(english, section_pages)
        _publish(home)
        created += 1

    for code, texts in TEXTS.items():
        if code == settings.LANGUAGE_CODE:
            continue
        locale = Locale.objects.get(language_code=code)
        if _translation(home, locale) is None:
            translated_home = home.copy_for_translation(locale)
            translated_home.lead = texts["lead"]
            translated_home.ways_in = _ways_in(texts, section_pages)
            _publish(translated_home)
            created += 1
        for slug, page in section_pages.items():
            if _translation(page, locale) is None:
                translated_page = page.copy_for_translation(locale)
                _fill_section(translated_page, texts, slug)
                _publish(translated_page)
                created += 1
    return created
