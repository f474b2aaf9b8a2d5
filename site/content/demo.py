"""Demo content: the home page with its four ways in and the page behind each, in every language; invented support
organisations, and sample rights guides in English (the other languages show the English guide with a notice).

Only what is missing is created, so loading twice changes nothing and editors' changes are kept.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from content.models import GuideIndexPage, GuidePage, GuideSource, SupportOrganisation, Topic
from content.models.checked import review_due

# The four ways in, in the order the home page shows them: slug, icon, and the page type behind it.
SECTIONS = [
    ("check-an-agency", "agency", "agencies.AgencyIndexPage"),
    ("compare-money-transfers", "money", "remittance.CompareTransfersPage"),
    ("know-your-rights", "rights", "content.GuideIndexPage"),
    ("get-help", "help", "content.SupportDirectoryPage"),
]
# The sections that hold only invented samples: their introduction says so.
SAMPLE_SECTIONS = {"know-your-rights", "get-help"}

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
    page.title, page.intro = texts[slug]
    if slug in SAMPLE_SECTIONS:
        page.intro = f"{page.intro} {texts['sample']}"
    page.draft_title = page.title
    page.show_in_menus = True


def _ways_in(texts, section_pages):
    return [
        ("way_in", {"icon": icon, "heading": texts[slug][0], "text": texts[slug][1], "page": section_pages[slug]})
        for slug, icon, _page_type in SECTIONS
    ]


def _translation(page, locale):
    return page.get_translations().filter(locale=locale).first()


# Invented organisations, marked as samples, for the destinations (HK, QA, MY, TH) and the countries of origin (PH,
# NP, ID, MM). Phone numbers are made up; e-mail and web addresses are under example.org, which is reserved for
# examples. `key` names their addresses.
ORGANISATIONS = [
    {"key": "hk-domestic-helpline", "name": "Sample Helpline for Domestic Workers (HK)", "kind": "ngo",
     "description": "Answers domestic workers' questions about contracts, wages, rest days and agency fees, and goes "
                    "with them to make a complaint.",
     "countries": ["HK", "PH", "ID"], "languages": ["en", "fil", "id", "yue"],
     "topics": ["domestic-work", "wages", "hours-rest", "recruitment-fees", "complaints"],
     "phone": "+852 2555 0101", "messaging": "WhatsApp: +852 2555 0101",
     "address": "Room 101, 1 Sample Street, Central, Hong Kong", "opening_hours": "Sundays 10:00–18:00; weekdays 19:00–22:00"},
    {"key": "hk-migrant-union", "name": "Sample Migrant Workers' Union (HK)", "kind": "union",
     "description": "A union of migrant workers in Hong Kong: members help each other claim unpaid wages and leave an "
                    "employer safely.",
     "countries": ["HK", "PH", "ID", "NP", "TH"], "languages": ["en", "fil", "id", "ne", "th"],
     "topics": ["wages", "hours-rest", "leaving-employer", "complaints", "contracts"],
     "phone": "+852 2555 0109", "messaging": "",
     "address": "2/F, 2 Example Road, Yau Ma Tei, Hong Kong", "opening_hours": "Sundays 11:00–17:00"},
    {"key": "ph-overseas-hotline", "name": "Sample Overseas Workers' Hotline (PH)", "kind": "hotline",
     "description": "A line for Filipino workers abroad and their families: reports of illegal recruitment and "
                    "help to come home.",
     "countries": ["PH", "HK", "QA", "MY"], "languages": ["fil", "en"],
     "topics": ["recruitment-fees", "complaints", "returning-home", "documents"],
     "phone": "+63 2 8555 0105", "messaging": "Viber: +63 917 555 0105",
     "address": "1 Example Avenue, Mandaluyong, Philippines", "opening_hours": "Every day, 24 hours"},
    {"key": "np-resource-centre", "name": "Sample Migrant Resource Centre (NP)", "kind": "ngo",
     "description": "Advice before you leave Nepal: checking an agency, reading a contract, what you may be charged. "
                    "Help for families, and for workers who come home.",
     "countries": ["NP", "QA", "MY"], "languages": ["ne", "en", "hi"],
     "topics": ["recruitment-fees", "contracts", "documents", "returning-home"],
     "phone": "+977 1-5550106", "messaging": "Viber: +977 980-5550106",
     "address": "1 Sample Marg, Kathmandu, Nepal", "opening_hours": "Sunday to Friday 10:00–17:00"},
    {"key": "qa-legal-aid", "name": "Sample Legal Aid Clinic for Migrant Workers (QA)", "kind": "legal_aid",
     "description": "Free advice on unpaid wages, recruitment fees and leaving an employer; helps workers file a "
                    "complaint.",
     "countries": ["QA", "NP", "PH"], "languages": ["en", "ne", "ar", "hi"],
     "topics": ["wages", "recruitment-fees", "leaving-employer", "complaints"],
     "phone": "+974 4455 0102", "messaging": "WhatsApp: +974 5555 0102",
     "address": "Building 1, Sample Street, Doha, Qatar", "opening_hours": "Fridays 14:00–20:00"},
    {"key": "id-advice-post", "name": "Sample Migrant Workers' Advice Post (ID)", "kind": "ngo",
     "description": "Helps Indonesian workers check a placement company, get their documents and complain about fees; "
                    "also helps those who come home.",
     "countries": ["ID", "MY", "HK"], "languages": ["id", "en", "ms"],
     "topics": ["recruitment-fees", "documents", "returning-home", "complaints"],
     "phone": "+62 21 5550107", "messaging": "WhatsApp: +62 812-5550-0107",
     "address": "Jalan Contoh 1, Jakarta, Indonesia", "opening_hours": "Monday to Friday 08:00–16:00"},
    {"key": "my-plantation-union", "name": "Sample Plantation Workers' Union (MY)", "kind": "union",
     "description": "A union for plantation workers in Malaysia: wages, hours, safety and health at work.",
     "countries": ["MY", "ID", "NP"], "languages": ["ms", "id", "en", "ne"],
     "topics": ["wages", "hours-rest", "health", "contracts"],
     "phone": "+60 3-5555 0103", "messaging": "",
     "address": "1 Jalan Contoh, Klang, Selangor, Malaysia", "opening_hours": "Saturdays and Sundays 09:00–17:00"},
    {"key": "my-womens-shelter", "name": "Sample Shelter for Migrant Women (MY)", "kind": "shelter",
     "description": "A safe place to stay for women who have left an abusive employer, with help to claim wages and "
                    "to go home.",
     "countries": ["MY", "ID", "MM", "PH"], "languages": ["ms", "id", "my", "fil", "en"],
     "topics": ["leaving-employer", "health", "documents", "returning-home", "domestic-work"],
     "phone": "+60 12-555 0110", "messaging": "",
     "address": "Given on the phone, to keep the residents safe.", "opening_hours": "Every day, 24 hours"},
    {"key": "th-fishers-centre", "name": "Sample Fishers' Rights Centre (TH)", "kind": "ngo",
     "description": "Helps fishers on Thai boats with unpaid wages, documents kept by the employer, and injuries at "
                    "sea.",
     "countries": ["TH", "MM", "KH"], "languages": ["my", "th", "km", "en"],
     "topics": ["wages", "documents", "health", "complaints"],
     "phone": "+66 2 555 0104", "messaging": "LINE: samplefishers",
     "address": "1 Sample Road, Samut Sakhon, Thailand", "opening_hours": "Monday to Saturday 09:00–18:00"},
    {"key": "th-factory-legal-aid", "name": "Sample Legal Aid for Factory Workers (TH)", "kind": "legal_aid",
     "description": "Free legal advice for migrant factory workers: contracts, wages and hours, and what to do before "
                    "you complain in public.",
     "countries": ["TH", "MM"], "languages": ["th", "my", "en"],
     "topics": ["contracts", "wages", "hours-rest", "complaints"],
     "phone": "+66 81 555 0111", "messaging": "",
     "address": "2 Example Soi, Mae Sot, Tak, Thailand", "opening_hours": "Monday to Friday 09:00–17:00"},
    {"key": "th-consulate-desk", "name": "Sample Consulate Help Desk for Myanmar Workers (TH)", "kind": "embassy",
     "description": "Passports, lost documents and help to go home for Myanmar workers in Thailand.",
     "countries": ["TH", "MM"], "languages": ["my", "th", "en"],
     "topics": ["documents", "returning-home"],
     "phone": "+66 2 555 0112", "messaging": "",
     "address": "3 Sample Road, Bangkok, Thailand", "opening_hours": "Monday to Friday 09:00–16:00"},
    {"key": "mm-migrant-network", "name": "Sample Myanmar Migrant Workers' Network (MM)", "kind": "ngo",
     "description": "Information before you leave Myanmar: checking an agency, what you may be charged, and help for "
                    "the families of workers abroad.",
     "countries": ["MM", "TH", "MY"], "languages": ["my", "en"],
     "topics": ["recruitment-fees", "documents", "returning-home"],
     "phone": "+95 9 555 0108", "messaging": "Viber: +95 9 555 0108",
     "address": "1 Sample Street, Yangon, Myanmar", "opening_hours": "Monday to Saturday 09:00–17:00"},
]

# Sources the guides rest on: official sites and laws, named as their publishers name them.
ILO_PRINCIPLES = ("General principles and operational guidelines for fair recruitment (2019)",
                  "International Labour Organization", "https://www.ilo.org/")
KEEP_YOUR_PASSPORT = ("warning", {
    "heading": "Keep your passport and your contract",
    "text": "<p>No agency or employer should keep your passport, your ID or your contract, and you are free to resign "
            "and go home. If someone keeps your documents, ask for them back and contact a support organisation.</p>",
})

# Sample guides in plain English, on facts from official sources; a contact block names an organisation above.
GUIDES = [
    {
        "slug": "sample-domestic-work-hong-kong-from-the-philippines",
        "title": "Domestic work in Hong Kong, from the Philippines: fees (sample guide)",
        "origin": "PH", "destination": "HK",
        "topics": ["domestic-work", "recruitment-fees", "documents", "complaints"],
        "summary": "A Philippine agency may not charge a domestic worker a placement fee. A Hong Kong agency may "
                   "charge you at most 10% of your first month's wages, and only after it has placed you.",
        "body": [
            ("text", "<h2>What you may be charged</h2><p>Two sets of rules apply: the Philippines' rules for the "
                     "agency that recruits you there, and Hong Kong's rules for the agency there.</p>"),
            ("key_facts", [
                "Philippine agency: no placement fee for domestic workers, and no deductions from your salary for it.",
                "Hong Kong agency: a commission of at most 10% of your first month's wages, after you are placed, "
                "and nothing else.",
            ]),
            ("citation", {"source": 1, "passage": ""}),
            ("citation", {"source": 2, "passage": ""}),
            ("steps", [
                "Before you sign anything, ask the agency to write down every amount it wants from you.",
                "Check that the Philippine agency is licensed: use Lantern's agency check, or the Department of "
                "Migrant Workers' list.",
                "Ask for a receipt for every payment. Keep copies of your contract and your receipts.",
                "If you paid more than the rules allow, write down what you paid, when and to whom, and contact a "
                "support organisation.",
            ]),
            KEEP_YOUR_PASSPORT,
            ("citation", {"source": 3, "passage": ""}),
            ("contact", "hk-domestic-helpline"),
            ("contact", "ph-overseas-hotline"),
        ],
        "sources": [
            ("Placement fees for domestic workers (POEA Governing Board Resolution No. 6, 2006)",
             "Department of Migrant Workers (formerly POEA), Philippines", "https://www.dmw.gov.ph/"),
            ("Employment Ordinance (Cap. 57), Part XII: employment agencies",
             "Department of Justice, Hong Kong (Hong Kong e-Legislation)", "https://www.elegislation.gov.hk/hk/cap57"),
            ILO_PRINCIPLES,
        ],
    },
    {
        "slug": "sample-construction-work-qatar-from-nepal",
        "title": "Construction work in Qatar, from Nepal: fees (sample guide)",
        "origin": "NP", "destination": "QA",
        "topics": ["recruitment-fees", "contracts", "documents", "complaints"],
        "summary": "In Qatar the employer pays the cost of recruiting you. In Nepal, an agency that sends you to Qatar "
                   "may charge a service fee of at most NPR 10,000: the \"free visa, free ticket\" rule.",
        "body": [
            ("text", "<h2>Who pays for your job</h2><p>Your employer in Qatar pays for your recruitment. Since 6 July "
                     "2015, Nepal's \"free visa, free ticket\" rule says you should not pay for your visa or your air "
                     "ticket, and the agency may charge you a service fee of at most NPR 10,000.</p>"),
            ("key_facts", [
                "Nepal: an agency's service charge for work in Qatar is at most NPR 10,000.",
                "Qatar: the employer bears the cost of recruitment (Labour Law No. 14 of 2004, Article 33).",
                "No worker should pay for a job.",
            ]),
            ("citation", {"source": 1, "passage": ""}),
            ("citation", {"source": 2, "passage": ""}),
            ("steps", [
                "Check that the Nepali agency is licensed by the Department of Foreign Employment.",
                "Read your contract before you leave Nepal, and keep a copy.",
                "Ask for a receipt for anything you pay.",
                "If you paid more than NPR 10,000, keep your receipts and contact a support organisation.",
            ]),
            KEEP_YOUR_PASSPORT,
            ("citation", {"source": 3, "passage": ""}),
            ("contact", "np-resource-centre"),
            ("contact", "qa-legal-aid"),
        ],
        "sources": [
            ("Foreign Employment Act 2007, and the \"free visa, free ticket\" decision (2015)",
             "Department of Foreign Employment, Nepal", "https://dofe.gov.np/"),
            ("Labour Law No. 14 of 2004", "Ministry of Labour, State of Qatar", "https://www.mol.gov.qa/"),
            ILO_PRINCIPLES,
        ],
    },
    {
        "slug": "sample-plantation-work-malaysia-from-indonesia",
        "title": "Plantation work in Malaysia, from Indonesia: fees (sample guide)",
        "origin": "ID", "destination": "MY",
        "topics": ["recruitment-fees", "documents", "complaints"],
        "summary": "Indonesian law says that farm and plantation workers going abroad pay nothing for their "
                   "placement. Lantern has not yet confirmed what Malaysian agencies may charge: ask for every cost "
                   "in writing.",
        "body": [
            ("text", "<h2>What you may be charged</h2><p>Since 2021, Indonesia's rules say that workers in ten jobs "
                     "pay nothing for their placement abroad. Farm and plantation work is one of them; the others "
                     "are housekeeper, baby-sitter, elderly carer, cook, family driver, gardener, child carer, "
                     "cleaner and fishing crew.</p>"),
            ("key_facts", [
                "Indonesia: zero placement cost for farm and plantation workers (Law 18/2017, Article 30; BP2MI "
                "Regulation 9/2020).",
                "Malaysia licenses private employment agencies in classes A, B and C under Act 246.",
                "Lantern has not confirmed the amounts Malaysian agencies may charge.",
            ]),
            ("citation", {"source": 1, "passage": ""}),
            ("citation", {"source": 2, "passage": ""}),
            ("steps", [
                "Check that the placement company is on BP2MI's list, and not on its list of sanctioned companies.",
                "If anyone asks you to pay for your placement, ask for a receipt and keep it.",
                "Contact a support organisation if you were charged.",
            ]),
            ("warning", {
                "heading": "A licence runs one year",
                "text": "<p>An Indonesian placement company's licence (SIP3MI) runs for one year and must be "
                        "renewed. Check that the company's licence is current.</p>",
            }),
            ("contact", "id-advice-post"),
            ("contact", "my-plantation-union"),
        ],
        "sources": [
            ("Law No. 18 of 2017 on the Protection of Indonesian Migrant Workers; BP2MI Regulation No. 9 of 2020",
             "BP2MI, Indonesian Migrant Workers Protection Agency", "https://bp2mi.go.id/"),
            ("Private Employment Agencies Act 1981 (Act 246)", "Department of Labour of Peninsular Malaysia (JTKSM)",
             "https://jtksm.mohr.gov.my/"),
        ],
    },
    {
        "slug": "sample-fishing-and-factory-work-thailand-from-myanmar",
        "title": "Fishing and factory work in Thailand, from Myanmar: fees and complaints (sample guide)",
        "origin": "MM", "destination": "TH",
        "topics": ["recruitment-fees", "documents", "complaints"],
        "summary": "If you go to Thailand under the MOU between Myanmar and Thailand, Thai agencies may charge you "
                   "nothing. Before you complain about an employer in public, talk to a legal aid organisation.",
        "body": [
            ("text", "<h2>What you may be charged</h2><p>Under the MOU, Myanmar's Ministry of Labour sets what you "
                     "pay on the Myanmar side: about USD 230 when Lantern last looked. Lantern has not confirmed the "
                     "details, so ask the Ministry or a support organisation for the current amount.</p>"),
            ("key_facts", [
                "Thai agencies may charge you nothing.",
                "Myanmar side: about USD 230, set by the Ministry of Labour (not yet confirmed by Lantern).",
                "No worker should pay for a job.",
            ]),
            ("citation", {"source": 1, "passage": ""}),
            ("citation", {"source": 2, "passage": ""}),
            ("steps", [
                "Ask for every cost in writing before you pay.",
                "Keep your receipts, your contract and a copy of your passport.",
                "If something is wrong, contact a support organisation in Thailand that speaks Burmese.",
            ]),
            ("warning", {
                "heading": "Complaining in public can bring a lawsuit",
                "text": "<p>A Thai poultry company once filed 39 lawsuits, most of them for criminal defamation, "
                        "against 23 people, 14 of them Myanmar workers who had complained about their working "
                        "conditions. Talk to a legal aid organisation before you post or speak about your employer "
                        "in public.</p>",
            }),
            ("contact", "th-fishers-centre"),
            ("contact", "th-factory-legal-aid"),
        ],
        "sources": [
            ("Employment of migrant workers under the MOU", "Department of Employment, Ministry of Labour, Thailand",
             "https://www.doe.go.th/"),
            ILO_PRINCIPLES,
        ],
    },
]
DEMO_VERIFIER = "Lantern demo"


def _organisations_load(today):
    """Creates the sample organisations that are missing; returns {key: organisation} and how many it created."""
    organisations, created = {}, 0
    for sample in ORGANISATIONS:
        fields = {name: value for name, value in sample.items() if name not in ("key", "topics")}
        organisation = SupportOrganisation.objects.filter(name=sample["name"], is_sample=True).first()
        if organisation is None:
            organisation = SupportOrganisation(
                **fields, email=f"help@{sample['key']}.example.org", website=f"https://{sample['key']}.example.org/",
                topics=Topic.objects.filter(slug__in=sample["topics"]), verified_on=today, is_sample=True,
            )
            organisation.full_clean()
            organisation.save()
            created += 1
        organisations[sample["key"]] = organisation
    return organisations, created


def _guides_load(index, organisations, today):
    """Publishes the sample guides missing under `index` as verified (the demo has no fact-checker); returns how many
    it created."""
    created = 0
    for sample in GUIDES:
        if GuidePage.objects.child_of(index).filter(slug=sample["slug"]).exists():
            continue
        guide = GuidePage(
            title=sample["title"], slug=sample["slug"], origin_country=sample["origin"],
            destination_country=sample["destination"], summary=sample["summary"], is_sample=True,
            body=[(kind, organisations[value] if kind == "contact" else value) for kind, value in sample["body"]],
            sources=[GuideSource(title=title, publisher=publisher, url=url, accessed_on=today)
                     for title, publisher, url in sample["sources"]],
            topics=Topic.objects.filter(slug__in=sample["topics"]), last_verified_on=today,
            last_verified_by_name=DEMO_VERIFIER,
        )
        guide.review_due_on = review_due(today, guide.review_interval_days)
        index.add_child(instance=guide)
        _publish(guide)
        created += 1
    return created


@transaction.atomic
def demo_content_load():
    """Creates what is missing of the demo content; returns how many pages and organisations it created or filled."""
    created = 0
    home = Site.objects.get(is_default_site=True).root_page.specific
    english = TEXTS[settings.LANGUAGE_CODE]

    section_pages = {}
    for slug, _icon, page_type in SECTIONS:
        page = Page.objects.child_of(home).filter(slug=slug).specific().first()  # of any type: editors' pages are kept
        if page is None:
            page = apps.get_model(page_type)(slug=slug)
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

    today = timezone.localdate()
    organisations, organisations_created = _organisations_load(today)
    created += organisations_created
    if isinstance(section_pages["know-your-rights"], GuideIndexPage):
        created += _guides_load(section_pages["know-your-rights"], organisations, today)
    return created
