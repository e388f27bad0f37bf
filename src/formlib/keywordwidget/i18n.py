"""The package's message factory."""
import zope.i18nmessageid


MessageFactory = zope.i18nmessageid.MessageFactory('formlib.keywordwidget')
