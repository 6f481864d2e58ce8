"""Path converters.

``id``: a row id or item number in a URL, at most 18 digits. Django's ``int`` converter takes any number of
digits; a value beyond the database's 64-bit integers then reached the written-out SQL of the hot paths
(``quiz.fastreads``) as an ``OverflowError``: a 500 for a URL that names nothing. Such a path now does not
match, so it answers 404 like any other unknown URL.

``uslug``: a slug in any script (``slugify(allow_unicode=True)``: a quiz titled in Korean or Japanese), and the
ASCII slugs made before. Django's ``slug`` converter takes ASCII only.
"""


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


class UnicodeSlugConverter:
    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
