"""The shared search corpus: records (search.documents.record's fields) and the top result each query must give,
whichever engine answers (tests/search/test_database_engine.py; test_elastic_live.py where a server is set)."""

from search.documents import kinds
from search.services import search_query

AGENCY = "agency"


def ask(engine, text="", **choices):
    """The engine's results for a visitor's words and choices, among the kinds those choices allow."""
    query = search_query(text=text, **choices)
    every = kinds()
    return engine.search(query, {name: every[name] for name in query.kinds_searched(every)})


def top(results):
    return (results.hits[0].kind, results.hits[0].object_id) if results.hits else None


def ids(results, kind="agency"):
    return [hit.object_id for group in results.groups if group.kind == kind for hit in group.hits]


def agency(pk, name, licence, country, status="valid", rating=None, local=""):
    return {"kind": AGENCY, "object_id": pk, "language": "", "group": "", "title": name, "alt_title": local,
            "licence": licence, "text": f"{name} head office", "countries": [country], "status": status,
            "rating": rating, "topics": [], "languages": []}


def page(kind, pk, title, language, group, text, countries, topics=()):
    return {"kind": kind, "object_id": pk, "language": language, "group": group, "title": title, "alt_title": "",
            "licence": "", "text": text, "countries": list(countries), "status": "", "rating": None,
            "topics": list(topics), "languages": [language]}


RECORDS = [
    agency(1, "Manpower Nepal Pvt. Ltd.", "DOFE 1234/075/76", "NP", rating=4.2, local="मानपावर नेपाल"),
    agency(2, "Himalayan Manpower Services", "DOFE 2211/070/71", "NP", rating=3.1),
    agency(3, "Bright Horizon Manpower Services Inc.", "POEA-901-LB-010125-R", "PH", rating=4.8),
    agency(4, "Bright Star Recruitment Agency", "POEA-077-LB-020224-R", "PH", status="suspended", rating=1.5),
    agency(5, "PT Bintang Jaya Abadi", "KEP.123/PPTKIS/2020", "ID"),
    agency(6, "PT Sumber Rejeki Manpower", "KEP.456/PPTKIS/2021", "ID", status="cancelled"),
    agency(7, "Harbour Employment Centre", "HK-EA-1122", "HK", local="海港僱傭中心"),
    agency(8, "Lion Rock Agency", "HK-EA-3344", "HK"),
    agency(9, "Siam Labour Supply Co., Ltd.", "TH-0101/2563", "TH", local="สยามแรงงานซัพพลาย"),
    agency(10, "Golden Lotus Manpower", "MM-LIC-778", "MM"),
    agency(11, "Everest Overseas Employment", "DOFE 3344/076/77", "NP"),
    agency(12, "Manila Pacific Placement", "POEA-155-LB-121223-R", "PH", status="expired"),
    page("guide", 101, "Recruitment fees in Hong Kong", "en", "g-fees-hk",
         "An agency in Hong Kong may charge at most 10 per cent of the first month's wages.", ["PH", "HK"],
         ["recruitment-fees"]),
    page("guide", 102, "ថ្លៃសេវាជ្រើសរើសនៅហុងកុង", "km", "g-fees-hk",
         "ភ្នាក់ងារអាចគិតថ្លៃបានតែ ១០ ភាគរយនៃប្រាក់ខែដំបូង។", ["PH", "HK"], ["recruitment-fees"]),
    page("guide", 103, "Your passport belongs to you", "en", "g-passport",
         "Nobody may keep your passport: not the employer, not the agency.", ["NP", "QA"], ["documents"]),
    page("provider", 201, "Lotus Remit", "en", "p-lotus", "Licensed by the central bank. Complaints: the ombudsman.",
         ["SG", "PH"]),
    {"kind": "organisation", "object_id": 301, "language": "", "group": "", "title": "Migrant Workers Helpline",
     "alt_title": "", "licence": "", "text": "Free advice on passports, wages and complaints.", "countries": ["HK"],
     "status": "", "rating": None, "topics": ["complaints"], "languages": ["en", "fil", "id"]},
    {"kind": "organisation", "object_id": 302, "language": "", "group": "", "title": "Tenaganita Shelter",
     "alt_title": "", "licence": "", "text": "A shelter and legal aid for women workers in Malaysia.", "countries": ["MY"],
     "status": "", "rating": None, "topics": ["shelter"], "languages": ["en", "ms"]},
    # Added at the end, so that the records above keep their places (tests take RECORDS[n] as a model).
    agency(13, "Công ty Cổ phần Nhân lực Sao Việt", "VN-0317/LĐTBXH-GPXKLĐ", "VN", rating=3.6),
    agency(14, "Gulf Crescent Recruiting W.L.L.", "QA-RL-0042", "QA", rating=2.0),
    agency(15, "Kuala Lumpur Harmony Recruitment Sdn. Bhd.", "JTK-1187/2019", "MY"),
]

# (words typed, filters, the (kind, object_id) that must come first)
CASES = [
    ("Manpower Nepal Pvt. Ltd.", {}, (AGENCY, 1)),  # the exact name
    ("manpower nepal", {}, (AGENCY, 1)),  # without the legal form, in lower case
    ("POEA-901-LB-010125-R", {}, (AGENCY, 3)),  # the licence number
    ("poea 901 lb 010125 r", {}, (AGENCY, 3)),  # the licence number, spaced and in lower case
    ("Manpowr Nepal", {}, (AGENCY, 1)),  # one typo
    ("Manpowr Nepl", {}, (AGENCY, 1)),  # two typos
    ("Brigt Horizn", {}, (AGENCY, 3)),
    ("मानपावर नेपाल", {}, (AGENCY, 1)),  # the name in Devanagari
    ("สยามแรงงานซัพพลาย", {}, (AGENCY, 9)),  # the name in Thai
    ("海港僱傭中心", {}, (AGENCY, 7)),  # the name in Chinese
    ("Himalyan Manpower", {"country": "NP"}, (AGENCY, 2)),
    ("Bintang Jaya", {}, (AGENCY, 5)),
    ("sao viet", {}, (AGENCY, 13)),  # without the Vietnamese accents
    ("passport", {"kinds": ("guide",)}, ("guide", 103)),
]
