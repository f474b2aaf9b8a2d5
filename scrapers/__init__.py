"""The Scrapy project. It never imports Django: spiders yield items into feeds that the apps import."""
