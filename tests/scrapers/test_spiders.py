"""The registry spiders: names, countries, real addresses, and the base_url argument.
(The money spiders are checked in test_pricing_spiders.py.)"""

from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from scrapers import settings as project_settings
from scrapers.spiders.hk_eaa import HkEaaSpider
from scrapers.spiders.id_p3mi import IdP3miSpider
from scrapers.spiders.np_dofe import NpDofeSpider
from scrapers.spiders.ph_dmw import PhDmwSpider


def test_the_project_has_the_four_registry_spiders_and_the_five_money_spiders():
    settings = Settings()
    settings.setmodule(project_settings)
    assert sorted(SpiderLoader.from_settings(settings).list()) == [
        "cbm_rates", "ecb_rates", "hk_eaa", "id_p3mi", "np_dofe", "nrb_rates", "ph_dmw", "sbi_remit", "wise_compare",
    ]


def test_each_spider_names_its_regulator_and_real_site():
    expected = {
        PhDmwSpider: ("ph_dmw", "PH", "https://dmw.gov.ph"),
        IdP3miSpider: ("id_p3mi", "ID", "https://kp2mi.go.id"),
        HkEaaSpider: ("hk_eaa", "HK", "https://www.eaa.labour.gov.hk"),
        NpDofeSpider: ("np_dofe", "NP", "https://dofe.gov.np"),
    }
    for spider, (name, country, url) in expected.items():
        assert (spider.name, spider.country, spider.default_base_url) == (name, country, url)
        assert spider().base_url == url


def test_base_url_points_a_spider_elsewhere():
    spider = PhDmwSpider(base_url="http://127.0.0.1:8123/")
    assert spider.url("/api/licensed-agencies?page=1") == "http://127.0.0.1:8123/api/licensed-agencies?page=1"
