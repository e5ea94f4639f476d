"""Feed and sitemap links (trafilatura's parsers, our link handling) and canonical URLs."""
import pytest

from quotegraph.fetch.discover import ListingError, canonical_url, feed_links, sitemap_links

BASE = "http://127.0.0.1:8000"


def test_rss_atom_and_json_feeds():
    rss = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><link>{BASE}/</link>"
           f"<item><link>{BASE}/news/1.html</link></item><item><link>/news/2.html</link></item></channel></rss>")
    assert feed_links(rss, BASE + "/feed.xml").pages == [BASE + "/news/1.html", BASE + "/news/2.html"]
    atom = (f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><link rel='self' href='{BASE}/atom'/>"
            f"<entry><link href='{BASE}/a/1.html'/></entry></feed>")
    assert feed_links(atom, BASE + "/atom").pages == [BASE + "/a/1.html"]
    json_feed = '{"version": "https://jsonfeed.org/version/1.1", "items": [{"url": "%s/j/1.html"}]}' % BASE
    assert feed_links(json_feed, BASE + "/feed.json").pages == [BASE + "/j/1.html"]


@pytest.mark.parametrize("body, reason", [
    ("", "empty feed"),
    ("<html><body>Our feeds moved</body></html>", "not a feed"),
    ("<rss><channel><item><title>no link</title></item></channel></rss>", "malformed feed"),
])
def test_bad_feeds_are_named(body, reason):
    with pytest.raises(ListingError, match=reason):
        feed_links(body, BASE + "/feed.xml")


def test_sitemap_and_sitemap_index():
    urlset = ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
              f"<url><loc>{BASE}/n/1.html</loc></url><url><loc>{BASE}/n/2.html</loc></url></urlset>")
    assert sitemap_links(urlset, BASE + "/sitemap.xml").pages == [BASE + "/n/1.html", BASE + "/n/2.html"]
    index = ("<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
             f"<sitemap><loc>{BASE}/sitemap-news.xml</loc></sitemap></sitemapindex>")
    found = sitemap_links(index, BASE + "/sitemap.xml")
    assert found.sitemaps == [BASE + "/sitemap-news.xml"] and found.pages == []
    with pytest.raises(ListingError, match="not a sitemap"):
        sitemap_links("<html>hello</html>", BASE + "/page.html")


def test_canonical_url_drops_tracking_and_fragment():
    assert canonical_url(f"HTTP://127.0.0.1:8000/n/1.html?utm_source=rss&utm_medium=x&id=3#top") == \
        f"http://127.0.0.1:8000/n/1.html?id=3"
    assert canonical_url("https://Example.org:443/a") == canonical_url("https://example.org/a")
