"""How typed keywords are cleaned up, compared and searched."""
import unicodedata


def normalize(text):
    """Trimmed, inner whitespace collapsed to one space, Unicode NFC."""
    return ' '.join(unicodedata.normalize('NFC', text).split())


def fold(text):
    """Key under which two spellings of a keyword are the same keyword."""
    return normalize(text).casefold()


def search_key(text):
    """Key for searching: case-, accent- and whitespace-insensitive."""
    folded = ' '.join(text.casefold().split())
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize('NFKD', folded)
    return ''.join(
        char for char in decomposed if not unicodedata.combining(char))
