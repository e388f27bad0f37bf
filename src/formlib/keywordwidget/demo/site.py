"""The demo's articles and its catalog, which counts their keywords."""
import itertools
import random

from Acquisition import aq_get
from OFS.Folder import Folder
from Products.ZCatalog.ZCatalog import ZCatalog

from formlib.keywordwidget.demo.content import Article
from formlib.keywordwidget.demo.interfaces import CATALOG
from formlib.keywordwidget.demo.interfaces import KEYWORDS_INDEX
from formlib.keywordwidget.demo.vocabularies import TECHNOLOGIES
from formlib.keywordwidget.demo.vocabularies import keyword_values
from formlib.keywordwidget.zcatalog import KeywordUsageIndex


ARTICLES = 2000
# The n-th most used keyword is used about 1 / n ** SKEW as often as the
# first: a few on hundreds of articles, a long tail used once.
SKEW = 0.8
KEYWORDS_PER_ARTICLE = (3, 12)
# As on real sites, some editors spell keywords their own way: every
# DRIFT_EVERY-th use of these keywords is one of their other spellings,
# which the keyword manager (@@manage-keywords) points out.
DRIFT = {
    'Python': ['Pyhton', 'python'],
    'JavaScript': ['Javascript', 'Java Script'],
    'PostgreSQL': ['Postgresql', 'PostgresSQL'],
    'Kubernetes': ['Kubernets'],
    'Elasticsearch': ['ElasticSearch'],
}
DRIFT_EVERY = 12


def keyword_pool(seed=2026):
    """Every keyword the articles may use, the most used first."""
    values = keyword_values()
    technologies = values[:len(TECHNOLOGIES)]
    combinations = values[len(TECHNOLOGIES):]
    random.Random(seed).shuffle(combinations)
    return technologies + combinations


def article_keywords(count, seed=2026):
    """The keywords of `count` articles, the same on every start."""
    pool = keyword_pool(seed)
    weights = list(itertools.accumulate(
        1 / rank ** SKEW for rank in range(1, len(pool) + 1)))
    rng = random.Random(seed)
    articles = []
    for _article in range(count):
        wanted = rng.randint(*KEYWORDS_PER_ARTICLE)
        chosen = {}
        while len(chosen) < wanted:
            for keyword in rng.choices(
                    pool, cum_weights=weights, k=wanted - len(chosen)):
                chosen[keyword] = True
        articles.append(list(chosen))
    return drifted(articles)


def drifted(articles):
    """`articles` with some keywords spelled as some editors do."""
    uses = dict.fromkeys(DRIFT, 0)
    for keywords in articles:
        for position, keyword in enumerate(keywords):
            if keyword in DRIFT:
                uses[keyword] += 1
                if uses[keyword] % DRIFT_EVERY == 0:
                    spellings = DRIFT[keyword]
                    keywords[position] = spellings[
                        uses[keyword] // DRIFT_EVERY % len(spellings)]
    return articles


def set_up_catalog(app):
    """The catalog in the root, with an index that counts keywords."""
    if CATALOG not in app.objectIds():
        catalog = ZCatalog(CATALOG)
        catalog.addIndex(KEYWORDS_INDEX, KeywordUsageIndex(KEYWORDS_INDEX))
        catalog.addColumn('title')
        app._setObject(CATALOG, catalog)


def set_up_articles(app, count=ARTICLES):
    """``/articles`` with `count` articles, cataloged as they are added."""
    if 'articles' in app.objectIds():
        return
    app._setObject('articles', Folder('articles'))
    folder = app.articles
    for number, keywords in enumerate(article_keywords(count), 1):
        name = 'article-%04d' % number
        folder._setObject(name, Article(
            name, title='Article %d' % number, keywords=keywords))


def path_of(article):
    return '/'.join(article.getPhysicalPath())


def catalog_article(article, event):
    """(Re)catalog an article that was added or edited."""
    aq_get(article, CATALOG).catalog_object(article, path_of(article))


def uncatalog_article(article, event):
    aq_get(article, CATALOG).uncatalog_object(path_of(article))
