"""An example application: articles with keyword fields, and their forms."""
import zope.annotation
import zope.component
import zope.interface
import zope.schema
from zope.annotation.interfaces import IAttributeAnnotatable
from zope.formlib import form
from zope.formlib.interfaces import DISPLAY_UNWRITEABLE
from zope.formlib.itemswidgets import MultiCheckBoxWidget
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

from formlib.keywordwidget import IHaveSelectableKeywords
from formlib.keywordwidget import set_create_permission
from formlib.keywordwidget import set_edit_permission
from formlib.keywordwidget import set_keyword_url
from formlib.keywordwidget.settings import open_keywords


# Tests change this list to play a vocabulary that changes over time.
KEYWORDS = ['Python', 'Zope', 'Plone', 'Pyramid', 'Django']


def keywords_vocabulary(context):
    return SimpleVocabulary.fromValues(KEYWORDS)


CATEGORIES = SimpleVocabulary([
    SimpleTerm('news', 'news', 'News'),
    SimpleTerm('howto', 'howto', 'How-to'),
    SimpleTerm('release', 'release', 'Release'),
])


@zope.interface.provider(IContextSourceBinder)
def audiences(context):
    return SimpleVocabulary([
        SimpleTerm('dev', 'dev', 'Developers'),
        SimpleTerm('admin', 'admin', 'Administrators'),
    ])


class IArticle(zope.interface.Interface):

    title = zope.schema.TextLine(title='Title', required=False)

    keywords = zope.schema.List(
        title='Keywords', required=False,
        value_type=zope.schema.Choice(
            vocabulary='formlib.keywordwidget.tests.keywords'))

    categories = zope.schema.Set(
        title='Categories', required=False,
        value_type=zope.schema.Choice(vocabulary=CATEGORIES))

    audiences = zope.schema.List(
        title='Audiences', required=False,
        value_type=zope.schema.Choice(source=audiences))

    archived_keywords = zope.schema.List(
        title='Archived keywords', required=False, readonly=True,
        value_type=zope.schema.Choice(
            vocabulary='formlib.keywordwidget.tests.keywords'))

    colours = zope.schema.List(
        title='Colours', required=False,
        value_type=zope.schema.Choice(values=['red', 'green']))


for name in ('keywords', 'categories', 'audiences', 'archived_keywords'):
    zope.interface.alsoProvides(IArticle[name], IHaveSelectableKeywords)


class IGuardedArticle(zope.interface.Interface):
    """Title and keywords of an article; editing the keywords needs a
    permission."""

    title = zope.schema.TextLine(title='Title', required=False)

    keywords = zope.schema.List(
        title='Keywords', required=False,
        value_type=zope.schema.Choice(
            vocabulary='formlib.keywordwidget.tests.keywords'))


zope.interface.alsoProvides(
    IGuardedArticle['keywords'], IHaveSelectableKeywords)
set_edit_permission(
    IGuardedArticle['keywords'], 'formlib.keywordwidget.tests.Edit')


# A vocabulary far above the large-mode threshold, built once so that its
# search index is built once too.
SUBJECTS = SimpleVocabulary(
    [SimpleTerm(title, 'special-%d' % number, title)
     for number, title in enumerate([
         'Python', 'Python packaging', 'CPython', 'IronPython', 'Zope',
         'Z\u00fcrich', 'Smith, John', '<b>Bold</b> & "quoted"'])]
    + [SimpleTerm('Subject %05d' % number, 'subject-%d' % number)
       for number in range(20000)])


class ITagging(zope.interface.Interface):
    """Open and large keyword fields, kept apart from IArticle's."""

    tags = zope.schema.List(
        title='Tags', required=False, max_length=4,
        value_type=zope.schema.TextLine(min_length=2, max_length=20))

    subjects = zope.schema.List(
        title='Subjects', required=False,
        value_type=zope.schema.Choice(vocabulary=SUBJECTS))

    labels = zope.schema.Set(
        title='Labels', required=False,
        value_type=zope.schema.TextLine(max_length=40))

    restricted_labels = zope.schema.List(
        title='Restricted labels', required=False,
        value_type=zope.schema.TextLine())


zope.interface.alsoProvides(ITagging['subjects'], IHaveSelectableKeywords)
open_keywords(ITagging['tags'], 'formlib.keywordwidget.tests.keywords')
open_keywords(ITagging['labels'], SUBJECTS)
open_keywords(ITagging['restricted_labels'], SUBJECTS)


class INotes(zope.interface.Interface):
    """Labels kept in an annotation: adapting the article writes to it."""

    note_labels = zope.schema.List(
        title='Note labels', required=False,
        value_type=zope.schema.TextLine())


open_keywords(INotes['note_labels'], SUBJECTS)
set_edit_permission(INotes['note_labels'], 'formlib.keywordwidget.tests.Edit')


@zope.component.adapter(IArticle)
@zope.interface.implementer(INotes)
class Notes:
    """The article's notes, created on first adaptation."""

    note_labels = ()


notes = zope.annotation.factory(Notes, 'formlib.keywordwidget.tests.notes')


class IReview(zope.interface.Interface):
    """Reviewers of the article, through a plain adapter."""

    reviewers = zope.schema.List(
        title='Reviewers', required=False,
        value_type=zope.schema.Choice(
            vocabulary='formlib.keywordwidget.tests.keywords'))


zope.interface.alsoProvides(IReview['reviewers'], IHaveSelectableKeywords)
set_edit_permission(IReview['reviewers'], 'formlib.keywordwidget.tests.Edit')


@zope.component.adapter(IArticle)
@zope.interface.implementer(IReview)
class Review:
    """Keeps the reviewers on the article; knows it as its `context` only,
    as adapters written for formlib usually do."""

    def __init__(self, context):
        self.context = context

    @property
    def reviewers(self):
        return self.context.reviewers

    @reviewers.setter
    def reviewers(self, value):
        self.context.reviewers = value


class ICuratedTags(zope.interface.Interface):
    """Open tags that only editors may add new ones to; each links to a
    page about it."""

    curated_tags = zope.schema.List(
        title='Curated tags', required=False,
        value_type=zope.schema.TextLine(max_length=40))


open_keywords(ICuratedTags['curated_tags'],
              'formlib.keywordwidget.tests.keywords')
set_create_permission(ICuratedTags['curated_tags'],
                      'formlib.keywordwidget.tests.Edit')
set_keyword_url(ICuratedTags['curated_tags'], '/tags/{keyword}')


@zope.interface.implementer(
    IArticle, IGuardedArticle, ITagging, ICuratedTags, IAttributeAnnotatable)
class Article:
    """An article; attribute defaults so that every field can be read."""

    title = ''
    keywords = ()
    categories = frozenset()
    audiences = ()
    archived_keywords = ()
    colours = ()
    tags = ()
    subjects = ()
    labels = frozenset()
    restricted_labels = ()
    reviewers = ()
    curated_tags = ()


class EditForm(form.EditForm):
    form_fields = form.Fields(IArticle)


class DisplayForm(form.DisplayForm):
    form_fields = form.Fields(IArticle)


class UnwriteableEditForm(form.EditForm):
    """Shows the fields the user may not write for display."""
    form_fields = form.Fields(IArticle, render_context=DISPLAY_UNWRITEABLE)


def checkboxes(field, request):
    return MultiCheckBoxWidget(field, field.value_type.vocabulary, request)


class CustomWidgetForm(form.EditForm):
    form_fields = form.Fields(IArticle).select('title', 'keywords')
    form_fields['keywords'].custom_widget = checkboxes


class GuardedEditForm(form.EditForm):
    form_fields = form.Fields(IGuardedArticle)


class TaggingForm(form.EditForm):
    form_fields = form.Fields(ITagging).omit('restricted_labels')


class AdaptedForm(form.EditForm):
    """Fields of schemas the article does not provide: formlib binds them
    to its adapters."""
    form_fields = form.Fields(INotes, IReview)


class CuratedForm(form.EditForm):
    form_fields = form.Fields(ICuratedTags)


class CuratedDisplayForm(form.DisplayForm):
    form_fields = form.Fields(ICuratedTags)


class AddTaggingForm(form.AddForm):
    """Large fields where nothing is edited yet: there is no search."""
    form_fields = form.Fields(ITagging).select('subjects', 'labels')

    def createAndAdd(self, data):
        self.context.added = data

    def nextURL(self):
        return self.request.URL
