"""The reads and narrow writes every answer and exam navigation makes, as SQL written out once.

An answer POST or an exam item GET runs a handful of small indexed reads. Built
with the ORM, each costs about 0.2-0.5 ms of Python to construct and compile
(the item-with-its-attempt join alone about 0.5 ms) against 0.05 ms to run, and
that compile time was most of these requests' CPU. Here the same SELECTs are
written out once per thread and database connection (the text depends only on
the backend: nothing a second app server would need), and rows become model
instances through ``Model.from_db`` with the converters the ORM itself applies,
so callers get the same objects the querysets gave. ``update_row`` and
``insert_instance`` are ``QuerySet.update()`` and ``save(force_insert=True)`` the
same way, values prepared by their fields as the ORM prepares them.
``quiz/tests/test_fastreads.py`` checks each against its ORM equivalent.
"""

import threading
from datetime import datetime

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import ForeignKey, JSONField
from django.db.models import fields as model_fields
from django.utils import timezone

from studynotes import db

from .models import Attempt, AttemptItem, Mode


class _Loader:
    """Instances of ``model`` from the columns of table alias ``alias`` in a row, converted as the ORM does.
    With ``names``, only those fields (the others deferred, as ``.only()`` leaves them)."""

    def __init__(self, model, alias, connection, names=None):
        quote = connection.ops.quote_name
        self.model = model
        fields = model._meta.concrete_fields if names is None else [model._meta.get_field(n) for n in names]
        self.attnames = [field.attname for field in fields]
        self.columns = ", ".join(f"{alias}.{quote(field.column)}" for field in fields)
        self.width = len(fields)
        self.converters = []
        for index, field in enumerate(fields):
            col = field.get_col(alias)
            converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            if converters:
                self.converters.append((index, converters, col))

    def load(self, values, connection):
        return self.model.from_db(connection.alias, self.attnames, convert(values, self.converters, connection))


def convert(values, converters, connection):
    """``values`` (a row) as a list with ``converters`` (``[(index, [converter], col)]``) applied, as the ORM
    converts what the database returns."""
    values = list(values)
    for index, functions, col in converters:
        value = values[index]
        for function in functions:
            value = function(value, col, connection)
        values[index] = value
    return values


class _Reads:
    """The SQL and loaders for one database connection."""

    item_fields = None  # every field of an item; a subclass may name fewer (the others deferred)

    def __init__(self, connection):
        quote = connection.ops.quote_name
        self.connection = connection
        self.attempt = _Loader(Attempt, "a", connection)
        self.item = _Loader(AttemptItem, "i", connection, self.item_fields)
        attempts, items = quote(Attempt._meta.db_table), quote(AttemptItem._meta.db_table)
        attempt_id, position = quote("attempt_id"), quote("position")
        self.attempt_and_item_sql = (
            f"SELECT {self.attempt.columns}, {self.item.columns} FROM {items} i"
            f" INNER JOIN {attempts} a ON a.{quote('id')} = i.{attempt_id}"
            f" WHERE a.{quote('uid')} = %s AND a.{quote('user_id')} = %s AND i.{position} = %s"
        )
        self.item_sql = f"SELECT {self.item.columns} FROM {items} i WHERE i.{attempt_id} = %s AND i.{position} = %s"
        self.navigator_sql = (
            f"SELECT {position}, {quote('answered_at')} IS NOT NULL, {quote('flagged')},"
            f" {partial_sql(connection)} FROM {items} WHERE {attempt_id} = %s ORDER BY {position}"
        )
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        self.lock_sql = (
            f"SELECT a.{quote('state')}, a.{quote('deadline')} FROM {attempts} a WHERE a.{quote('id')} = %s{lock}"
        )
        deadline = Attempt._meta.get_field("deadline")
        col = deadline.get_col("a")
        self.deadline_converters = (
            connection.ops.get_db_converters(col) + col.get_db_converters(connection), col)
        self.uid_field = Attempt._meta.get_field("uid")
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        User = get_user_model()
        self.user = _Loader(User, "u", connection)
        membership, user_pk = User.groups.through._meta.db_table, quote(User._meta.pk.column)
        # the user's columns and whether it is in a group (its name the first parameter), of users alias u
        self.user_select = (
            f"{self.user.columns}, EXISTS(SELECT 1 FROM {quote(membership)} m"
            f" INNER JOIN {quote(Group._meta.db_table)} g ON g.{quote('id')} = m.{quote('group_id')}"
            f" WHERE m.{quote('user_id')} = u.{user_pk} AND g.{quote('name')} = %s)"
        )
        self.users_table, self.user_pk = quote(User._meta.db_table), user_pk
        from quiz.progress.models import LearnerSettings

        # ... and the learner's chosen time zone and offer answer (NULL: no settings), so every session of the
        # account follows a change made on another device with no query of its own (studynotes.timezones)
        self.user_select += f", ls.{quote('time_zone')}, ls.{quote('time_zone_offer_dismissed')}"
        self.user_joins = (f" LEFT JOIN {quote(LearnerSettings._meta.db_table)} ls"
                           f" ON ls.{quote('user_id')} = u.{user_pk}")
        self.user_sql = (f"SELECT {self.user_select} FROM {self.users_table} u{self.user_joins}"
                         f" WHERE u.{user_pk} = %s")
        from quiz.progress.models import ReviewCard

        from quiz.models import Question
        from studynotes.models import Topic

        self.card = _Loader(ReviewCard, "c", connection)
        # The question's topic and domain (a new card copies them) and the learner's card, if any: one read.
        self.card_sql = (
            f"SELECT q.{quote('topic_id')}, t.{quote('domain')}, {self.card.columns}"
            f" FROM {quote(Question._meta.db_table)} q"
            f" INNER JOIN {quote(Topic._meta.db_table)} t ON t.{quote('id')} = q.{quote('topic_id')}"
            f" LEFT JOIN {quote(ReviewCard._meta.db_table)} c"
            f" ON c.{quote('user_id')} = %s AND c.{quote('question_id')} = q.{quote('id')}"
            f" WHERE q.{quote('id')} = %s"
        )

        # A practice answer's read: the attempt and item, and what its review starts from (the question's topic
        # and domain, the learner's card for it): card_sql's read folded into attempt_and_item_sql's.
        # ... and its sources' sections the site still shows, "section:file:language,..." (what section_files reads)
        from studynotes.models import NoteFile, Section

        if connection.vendor == "postgresql":
            cited = (f"SELECT CASE WHEN jsonb_typeof(j.value -> 'section') = 'number'"
                     f" THEN (j.value ->> 'section')::bigint END FROM jsonb_array_elements(i.{quote('sources')}) j")
            aggregate = "string_agg"
        else:
            cited = f"SELECT json_extract(j.value, '$.section') FROM json_each(i.{quote('sources')}) j"
            aggregate = "group_concat"
        sections = (
            f"(SELECT {aggregate}(CAST(s.{quote('id')} AS TEXT) || ':' || CAST(s.{quote('note_file_id')} AS TEXT)"
            f" || ':' || s.{quote('language')}, ',')"
            f" FROM {quote(Section._meta.db_table)} s"
            f" INNER JOIN {quote(NoteFile._meta.db_table)} f ON f.{quote('id')} = s.{quote('note_file_id')}"
            f" WHERE s.{quote('id')} IN ({cited}) AND NOT s.{quote('retired')} AND NOT f.{quote('retired')})"
        )
        # ... and whether an exam of the learner in progress (not past its deadline; the parameter: now) asks the
        # question: its practice answer is refused until then (``attempts.prepare_practice_answer``).
        # The unary "+" keeps SQLite off the index on the question (every learner's answers to it, ever:
        # 2 ms at 2,000): the learner's attempts in progress first, then their items, as PostgreSQL plans it
        in_exam = (
            f"EXISTS(SELECT 1 FROM {items} e INNER JOIN {attempts} x ON x.{quote('id')} = e.{attempt_id}"
            f" WHERE +e.{quote('question_id')} = i.{quote('question_id')} AND x.{quote('user_id')} = a.{quote('user_id')}"
            f" AND x.{quote('mode')} = '{Mode.EXAM}' AND x.{quote('state')} = '{Attempt.State.IN_PROGRESS}'"
            f" AND (x.{quote('deadline')} IS NULL OR x.{quote('deadline')} > %s))"
        )
        self.practice_sql = (
            f"SELECT {self.attempt.columns}, {self.item.columns}, {in_exam}, {sections}, q.{quote('topic_id')},"
            f" t.{quote('domain')}, {self.card.columns} FROM {items} i"
            f" INNER JOIN {attempts} a ON a.{quote('id')} = i.{attempt_id}"
            f" INNER JOIN {quote(Question._meta.db_table)} q ON q.{quote('id')} = i.{quote('question_id')}"
            f" INNER JOIN {quote(Topic._meta.db_table)} t ON t.{quote('id')} = q.{quote('topic_id')}"
            f" LEFT JOIN {quote(ReviewCard._meta.db_table)} c"
            f" ON c.{quote('user_id')} = a.{quote('user_id')} AND c.{quote('question_id')} = i.{quote('question_id')}"
            f" WHERE a.{quote('uid')} = %s AND a.{quote('user_id')} = %s AND i.{position} = %s"
        )

    def fetch(self, sql, params):
        return db.run(self.connection, sql, params)

    def deadline(self, value):
        """An attempt's ``deadline`` column as read, converted as the ORM converts it."""
        converters, col = self.deadline_converters
        for converter in converters:
            value = converter(value, col, self.connection)
        return value


# Per thread, like Django's connections themselves: a _Reads holds its thread's connection (and converters
# bound to it), which another thread (the test server, a threaded worker) may not use.
_local = threading.local()


def per_thread(kind, using=DEFAULT_DB_ALIAS):
    """This thread's ``kind(connection)`` for the connection ``using`` (built again when Django replaced
    the connection): the statements a reads class writes out once, bound to the connection that runs them.
    Also used by ``quiz.progress.dashreads``."""
    connection = connections[using]
    built = getattr(_local, "built", None)
    if built is None:
        built = _local.built = {}
    found = built.get((kind, using))
    if found is None or found.connection is not connection:
        found = built[(kind, using)] = kind(connection)
    return found


def _for(using=DEFAULT_DB_ALIAS):
    return per_thread(_Reads, using)


def _attempt_item_and_rest(reads, sql, uid, user_id, position, leading=()):
    """``(attempt, item, the row's further columns)`` of a read selecting the attempt's and the item's columns
    first, or None. ``leading``: parameters the statement takes before the attempt's uid."""
    connection = reads.connection
    rows = reads.fetch(sql, [*leading, reads.uid_field.get_db_prep_value(uid, connection), user_id, position])
    if not rows:
        return None
    row, width = rows[0], reads.attempt.width
    end = width + reads.item.width
    attempt = reads.attempt.load(row[:width], connection)
    item = reads.item.load(row[width:end], connection)
    item.attempt = attempt
    return attempt, item, row[end:]


def _attempt_and_item(reads, uid, user_id, position):
    found = _attempt_item_and_rest(reads, reads.attempt_and_item_sql, uid, user_id, position)
    return found and found[:2]


def _item_at(reads, attempt, position):
    rows = reads.fetch(reads.item_sql, [attempt.pk, position])
    if not rows:
        return None
    item = reads.item.load(rows[0], reads.connection)
    item.attempt = attempt
    return item


def attempt_and_item(uid, user_id, position, using=DEFAULT_DB_ALIAS):
    """``(attempt, item)``: the attempt ``uid`` of ``user_id`` and its item at ``position``; None if either
    does not exist. ``item.attempt`` is that attempt (as with ``select_related("attempt")``)."""
    return _attempt_and_item(_for(using), uid, user_id, position)


def partial_sql(connection, alias=""):
    """SQL true for an item partly answered: some options chosen, fewer than it asks for (one of a "choose two").
    It is kept but counts as unanswered (``attempts.exam_answer_changes``); the navigator says so."""
    quote = connection.ops.quote_name
    length = "jsonb_array_length" if connection.vendor == "postgresql" else "json_array_length"
    return f"({alias}{quote('answered_at')} IS NULL AND {length}({alias}{quote('chosen')}) > 0)"


def navigator_rows(attempt_id, using=DEFAULT_DB_ALIAS):
    """``[(position, answered, flagged, partial)]`` of an attempt's items in order (booleans; ``partial``: some
    options chosen, not enough to count as answered)."""
    reads = _for(using)
    return [(position, bool(answered), bool(flagged), bool(partial))
            for position, answered, flagged, partial in reads.fetch(reads.navigator_sql, [attempt_id])]


def lock_state(attempt_id, using=DEFAULT_DB_ALIAS):
    """``(state, deadline)`` of the attempt, its row locked (``FOR UPDATE`` where the database has it;
    SQLite's IMMEDIATE transactions hold the write lock already). Call inside ``transaction.atomic()``."""
    reads = _for(using)
    rows = reads.fetch(reads.lock_sql, [attempt_id])
    if not rows:
        raise Attempt.DoesNotExist
    state, deadline = rows[0]
    return state, reads.deadline(deadline)


def practice_attempt_and_item(uid, user_id, position, using=DEFAULT_DB_ALIAS):
    """``attempt_and_item``, and what ``card_and_topic`` reads for the item's question, in one statement:
    ``(attempt, item, (card, topic_id, domain))``, or None. ``item.section_files`` is what ``section_files``
    gives for the item's sources."""
    reads = _for(using)
    now = reads.connection.ops.adapt_datetimefield_value(timezone.now())  # whose open exams hold the question
    found = _attempt_item_and_rest(reads, reads.practice_sql, uid, user_id, position, leading=[now])
    if found is None:
        return None
    attempt, item, (in_exam, shown, topic_id, domain, *card) = found
    item.in_open_exam = bool(in_exam)
    item.section_files = {int(section): (int(note_file), language) for section, note_file, language
                          in (triple.split(":") for triple in (shown or "").split(",") if triple)}
    card_id = card[reads.card.attnames.index("id")]
    card = reads.card.load(card, reads.connection) if card_id is not None else None
    return attempt, item, (card, topic_id, domain)


def card_and_topic(user_id, question_id, using=DEFAULT_DB_ALIAS):
    """``(card, topic_id, domain)``: the learner's ``ReviewCard`` for a question (progress app; not locked)
    or None, and the question's topic and that topic's domain. Raises ``Question.DoesNotExist``."""
    reads = _for(using)
    rows = reads.fetch(reads.card_sql, [user_id, question_id])
    if not rows:
        from quiz.models import Question

        raise Question.DoesNotExist
    topic_id, domain, *card = rows[0]
    card_id = card[reads.card.attnames.index("id")]
    return (reads.card.load(card, reads.connection) if card_id is not None else None), topic_id, domain


def _plain(field, value, connection):
    """A value these exact field classes store as it is (``get_db_prep_save`` returns it unchanged)."""
    return value


def _aware_datetime(field, value, connection):
    # DateTimeField.get_db_prep_save of an aware datetime: its get_prep_value returns it as it is (the
    # naive-datetime warning and string parsing do not apply), then the backend adapts it.
    return connection.ops.adapt_datetimefield_value(value)


def _integer(field, value, connection):
    # IntegerField.get_prep_value is int(value), then the backend adapts it (psycopg wraps it in its type).
    return connection.ops.adapt_integerfield_value(value, field.get_internal_type())


def _auto_pk(field, value, connection):
    # ForeignKey.get_db_prep_save -> its target AutoField's get_db_prep_value: int(value), then validated.
    return connection.ops.validate_autopk_value(value)


def _json(field, value, connection):
    # JSONField.get_db_prep_save of a list or dict: get_db_prep_value, i.e. the backend's JSON adaptation.
    return connection.ops.adapt_json_value(value, field.encoder)


# Exact field classes (not subclasses, which may override the preparation) and the value types for which
# ``field.get_db_prep_save(value, connection)`` is known without the calls: None stays None for each.
_SHORTCUTS = {
    model_fields.CharField: ((str,), _plain),
    model_fields.TextField: ((str,), _plain),
    model_fields.BooleanField: ((bool,), _plain),
    model_fields.FloatField: ((float,), _plain),
    model_fields.DateTimeField: ((datetime,), _aware_datetime),
    model_fields.IntegerField: ((int,), _integer),
    model_fields.PositiveIntegerField: ((int,), _integer),
    model_fields.PositiveSmallIntegerField: ((int,), _integer),
    model_fields.SmallIntegerField: ((int,), _integer),
    model_fields.BigIntegerField: ((int,), _integer),
    JSONField: ((list, dict), _json),
}


def _shortcut(field):
    cls = type(field)
    if cls is ForeignKey:  # to an auto-increment key: what its target field does
        return ((int,), _auto_pk) if type(field.target_field) in (
            model_fields.AutoField, model_fields.BigAutoField) else None
    return _SHORTCUTS.get(cls)


def prepare_for_save(fields, values, connection):
    """``[field.get_db_prep_save(value, connection) for field, value in zip(fields, values)]``, with the
    common cases (values of the exact types listed in ``_SHORTCUTS`` or None, for fields of those exact
    classes) prepared directly: a dozen calls less per value, 40 values per practice answer."""
    prepared = []
    for field, value in zip(fields, values):
        shortcut = _shortcut(field)
        if shortcut is not None:
            if value is None:
                prepared.append(None)
                continue
            kinds, prepare = shortcut
            if type(value) in kinds and (kinds[0] is not datetime or value.tzinfo is not None):
                prepared.append(prepare(field, value, connection))
                continue
        prepared.append(field.get_db_prep_save(value, connection))
    return prepared


_updates = {}


def update_row(model, pk, values, *, while_null=None, expect=None, using=DEFAULT_DB_ALIAS):
    """``model.objects.filter(pk=pk).update(**values)``: one UPDATE of the named fields; the number of rows.

    ``while_null``: a field name; the row is updated only while that field is still NULL
    (``.filter(pk=pk, <field>__isnull=True)``), e.g. an item not answered yet. ``expect``: ``{field: value}``
    the row must still hold (``.filter(pk=pk, **expect)``), e.g. the version a card was read at.
    """
    connection = connections[using]
    names, expected = tuple(values), tuple(expect or ())
    key = (using, connection.vendor, model, names, while_null, expected)
    if key not in _updates:
        quote = connection.ops.quote_name
        fields = [model._meta.get_field(name) for name in names]
        checks = [model._meta.get_field(name) for name in expected]
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
        condition = f" AND {quote(model._meta.get_field(while_null).column)} IS NULL" if while_null else ""
        condition += "".join(f" AND {quote(field.column)} = %s" for field in checks)
        _updates[key] = (
            f"UPDATE {quote(model._meta.db_table)} SET {assignments}"
            f" WHERE {quote(model._meta.pk.column)} = %s{condition}",
            fields, checks,
        )
    sql, fields, checks = _updates[key]
    params = prepare_for_save(fields, [values[field.name] for field in fields], connection)
    params.append(pk)
    params.extend(field.get_db_prep_value(expect[field.name], connection) for field in checks)
    return db.run(connection, sql, params, db.ROWCOUNT)


def _first_or_none(cursor):
    row = cursor.fetchone()
    return row[0] if row else None


def section_files(section_ids, using=DEFAULT_DB_ALIAS):
    """``{section id: (note file id, language)}`` of the given sections that the site still shows: a retired
    section, or one of a retired file, has no place on its file's page to link to (its anchor is gone)."""
    from studynotes.models import NoteFile, Section

    ids = sorted(set(section_ids))
    if not ids:
        return {}
    connection = connections[using]
    quote = connection.ops.quote_name
    sql = (f"SELECT s.{quote('id')}, s.{quote('note_file_id')}, s.{quote('language')}"
           f" FROM {quote(Section._meta.db_table)} s"
           f" INNER JOIN {quote(NoteFile._meta.db_table)} f ON f.{quote('id')} = s.{quote('note_file_id')}"
           f" WHERE s.{quote('id')} IN ({', '.join(['%s'] * len(ids))})"
           f" AND s.{quote('retired')} = %s AND f.{quote('retired')} = %s")
    return {section: (note_file, language) for section, note_file, language
            in db.run(connection, sql, [*ids, False, False])}


def user_in_group(user_id, group_name, using=DEFAULT_DB_ALIAS):
    """The user ``user_id`` with ``in_instructor_group`` (is it in the group ``group_name``?), or None: the
    request's user, loaded on every logged-in request by ``quiz.instructor.access.RoleAwareBackend``."""
    reads = _for(using)
    rows = reads.fetch(reads.user_sql, [group_name, user_id])
    if not rows:
        return None
    return _user_from(reads, rows[0])


def _user_from(reads, row):
    """The user of a row of ``user_select``, with ``in_instructor_group`` and ``account_time_zone``:
    ``(zone name, offer dismissed)``, ``("", False)`` for a learner without settings (the site's zone)."""
    *columns, in_group, zone_name, dismissed = row
    user = reads.user.load(columns, reads.connection)
    user.in_instructor_group = bool(in_group)
    user.account_time_zone = (zone_name or "", bool(dismissed))
    return user


_session_user = {}


def session_and_user(session_model, session_key, now, user_id, group_name, using=DEFAULT_DB_ALIAS):
    """``(session_data, user)``: the still valid session ``session_key`` (its stored string, or None) and, in
    the same statement, the user ``user_id`` as ``user_in_group`` loads it (None if there is no such user).
    ``studynotes.sessions`` runs this when it knows from an earlier request whose session this is."""
    reads = _for(using)
    connection = reads.connection
    sql = _session_user.get((using, connection.vendor))
    if sql is None:
        quote = connection.ops.quote_name
        sql = _session_user[(using, connection.vendor)] = (
            f"SELECT s.{quote('session_data')}, {reads.user_select} FROM {quote(session_model._meta.db_table)} s"
            f" LEFT JOIN {reads.users_table} u ON u.{reads.user_pk} = %s{reads.user_joins}"
            f" WHERE s.{quote('session_key')} = %s AND s.{quote('expire_date')} > %s"
        )
    rows = reads.fetch(sql, [group_name, user_id, session_key, connection.ops.adapt_datetimefield_value(now)])
    if not rows:
        return None, None
    data, *user_row = rows[0]
    if user_row[reads.user.attnames.index("id")] is None:
        return data, None
    return data, _user_from(reads, user_row)


# --- the exam panel's narrow reads ---------------------------------------------------------------
#
# An exam item view and answer need an item's stem, options, choice, flag and figure; not its sources (the
# quoted note lines, often the largest column), key, domain or topic names, whose JSON decoding was a third
# of reading the item. Items loaded here have those fields deferred (an access would cost a query; the exam
# query-count tests would show it).

EXAM_ITEM_FIELDS = ("id", "attempt_id", "position", "question_version", "stem", "options", "choose", "figure",
                    "chosen", "flagged", "answered_at")  # in the model's order (``Model.from_db`` needs it)


class _ExamReads(_Reads):
    """The reads with items of ``EXAM_ITEM_FIELDS`` only (the exam panel's statements); the attempt and item
    read also brings the navigator's rows (every item's answered and flagged state), as one string column."""

    item_fields = EXAM_ITEM_FIELDS

    def __init__(self, connection):
        super().__init__(connection)
        quote = connection.ops.quote_name
        items = quote(AttemptItem._meta.db_table)
        # every item's state (1 answered, 2 flagged, 3 both, 4 partly answered, 6 that and flagged): PostgreSQL
        # orders an aggregate, so there the states come as one digit per item in position order ("0130...");
        # SQLite 3.40 cannot, so there each comes as "position:state", in no particular order
        state = (f"CAST((CASE WHEN n.{quote('answered_at')} IS NOT NULL THEN 1 ELSE 0 END)"
                 f" + (CASE WHEN n.{quote('flagged')} THEN 2 ELSE 0 END)"
                 f" + (CASE WHEN {partial_sql(connection, 'n.')} THEN 4 ELSE 0 END) AS TEXT)")
        self.ordered_cells = connection.vendor == "postgresql"
        if self.ordered_cells:
            cells = f"string_agg({state}, '' ORDER BY n.{quote('position')})"
        else:
            cells = f"group_concat(CAST(n.{quote('position')} AS TEXT) || ':' || {state}, ',')"
        select, rest = self.attempt_and_item_sql.split(" FROM ", 1)
        self.attempt_and_item_sql = (
            f"{select}, (SELECT {cells} FROM {items} n WHERE n.{quote('attempt_id')} = a.{quote('id')}) FROM {rest}"
        )


def _navigator_rows(cells, ordered=False):
    """``[(position, answered, flagged, partial)]`` in order, from the read's string: one state digit per item in
    position order (``ordered``; an attempt's items are numbered 0 to n - 1 when it starts and never removed),
    else "position:state,..." in any order."""
    if ordered:
        return [(position, *_cell_state(int(state))) for position, state in enumerate(cells or "")]
    rows = []
    for cell in (cells or "").split(","):
        if cell:
            position, state = cell.split(":")
            rows.append((int(position), *_cell_state(int(state))))
    rows.sort()
    return rows


def _cell_state(state):
    return bool(state & 1), bool(state & 2), bool(state & 4)


def exam_attempt_and_item(uid, user_id, position, using=DEFAULT_DB_ALIAS):
    """``attempt_and_item`` with the item's ``EXAM_ITEM_FIELDS`` only (the others deferred); the attempt
    carries ``navigator`` (``navigator_rows``, read in the same statement)."""
    reads = per_thread(_ExamReads, using)
    found = _attempt_item_and_rest(reads, reads.attempt_and_item_sql, uid, user_id, position)
    if found is None:
        return None
    attempt, item, (cells,) = found
    attempt.navigator = _navigator_rows(cells, reads.ordered_cells)
    return attempt, item


def exam_item_at(attempt, position, using=DEFAULT_DB_ALIAS):
    """The item of ``attempt`` at ``position`` (its ``attempt`` set to it) with its ``EXAM_ITEM_FIELDS`` only
    (the others deferred), or None."""
    return _item_at(per_thread(_ExamReads, using), attempt, position)


_value_inserts = {}


def insert_values(model, values, *, skip_conflict=False, using=DEFAULT_DB_ALIAS):
    """One INSERT of ``values`` (``{attname: value}``, prepared by their fields as ``save`` prepares
    them) into ``model``'s table, no model instance needed; the new row's pk. ``skip_conflict``: a row
    that would break a unique constraint is not inserted (``ON CONFLICT DO NOTHING``, SQLite and
    PostgreSQL; other constraints still raise) and the result is None."""
    connection = connections[using]
    names = tuple(values)
    key = (using, connection.vendor, model, names, skip_conflict)
    if key not in _value_inserts:
        quote = connection.ops.quote_name
        fields = [model._meta.get_field(name) for name in names]
        returning = connection.features.can_return_columns_from_insert
        _value_inserts[key] = (
            f"INSERT INTO {quote(model._meta.db_table)}"
            f" ({', '.join(quote(field.column) for field in fields)}) VALUES ({', '.join(['%s'] * len(fields))})"
            + (" ON CONFLICT DO NOTHING" if skip_conflict else "")
            + (f" RETURNING {quote(model._meta.pk.column)}" if returning else ""),
            fields, returning,
        )
    sql, fields, returning = _value_inserts[key]
    params = prepare_for_save(fields, [values[field.attname] for field in fields], connection)
    return db.run(connection, sql, params, _first_or_none if returning else db.lastrowid_if_inserted)


_pre_save_fields = {}


def _pre_saves(model):
    """``[(field, custom)]``: the concrete fields but the pk, and whether the field's class has its own
    ``pre_save`` (``auto_now``/``auto_now_add`` dates, ...); ``Field.pre_save`` is ``getattr(obj, attname)``."""
    found = _pre_save_fields.get(model)
    if found is None:
        pk = model._meta.pk
        found = _pre_save_fields[model] = [
            (field, type(field).pre_save is not model_fields.Field.pre_save)
            for field in model._meta.concrete_fields if field is not pk]
    return found


def insert_instance(obj, *, skip_conflict=False, using=DEFAULT_DB_ALIAS):
    """``obj.save(force_insert=True)`` for a model without save() logic or signal receivers, with
    ``skip_conflict`` (see ``insert_values``): ``obj.pk`` set and returned, or None (and ``obj`` left unsaved)
    when a row with the same unique values exists."""
    model = type(obj)
    values = {field.attname: field.pre_save(obj, add=True) if custom else getattr(obj, field.attname)
              for field, custom in _pre_saves(model)}
    new_pk = insert_values(model, values, skip_conflict=skip_conflict, using=using)
    if new_pk is not None:
        obj.pk = new_pk
        obj._state.adding, obj._state.db = False, using
    return new_pk


def delete_row(model, pk, using=DEFAULT_DB_ALIAS):
    """``DELETE`` of one row by pk, without the ORM's collector (no cascades or signals: for a row this
    request has just inserted and nothing refers to yet). The number of rows deleted."""
    connection = connections[using]
    quote = connection.ops.quote_name
    table, pk_column = quote(model._meta.db_table), quote(model._meta.pk.column)
    return db.run(connection, f"DELETE FROM {table} WHERE {pk_column} = %s", [pk], db.ROWCOUNT)


_lock_counts = {}


def lock_state_counting(attempt_id, item_id, using=DEFAULT_DB_ALIAS):
    """``lock_state`` (the attempt's row locked) and, read under the same lock, how many of the attempt's
    items other than ``item_id`` are answered: ``(state, deadline, others_answered)``. An exam save adds
    its own item's state to show "n of N answered" without a query of its own, a practice answer finds out
    whether it is the set's last.

    SQLite: one statement (its write transactions run one at a time, so nothing commits in between). A
    database with row locks (PostgreSQL) counts in a second statement, after the lock is held: a statement's
    snapshot is taken when it starts, so a count in the locking statement would miss what the lock's previous
    holder committed while this one waited (two last answers of a set sent at once would each count the other
    as unanswered, and nobody would grade the set)."""
    reads = _for(using)
    connection = reads.connection
    key = (using, connection.vendor)
    sql = _lock_counts.get(key)
    if sql is None:
        quote = connection.ops.quote_name
        count = (f"(SELECT COUNT(*) FROM {quote(AttemptItem._meta.db_table)} i WHERE i.{quote('attempt_id')} = %s"
                 f" AND i.{quote('answered_at')} IS NOT NULL AND i.{quote('id')} <> %s)")
        if connection.features.has_select_for_update:
            sql = _lock_counts[key] = f"SELECT {count}"
        else:
            sql = _lock_counts[key] = (
                f"SELECT a.{quote('state')}, a.{quote('deadline')}, {count}"
                f" FROM {quote(Attempt._meta.db_table)} a WHERE a.{quote('id')} = %s"
            )
    if connection.features.has_select_for_update:
        state, deadline = lock_state(attempt_id, using)
        (others,) = reads.fetch(sql, [attempt_id, item_id])[0]
        return state, deadline, others
    rows = reads.fetch(sql, [attempt_id, item_id, attempt_id])
    if not rows:
        raise Attempt.DoesNotExist
    state, deadline, others = rows[0]
    return state, reads.deadline(deadline), others


_item_results = {}


def item_results(attempt_id, using=DEFAULT_DB_ALIAS):
    """``[(domain, correct)]`` of an attempt's items in position order (``correct`` True, False or None), as
    ``[(item.domain, item.correct) for item in attempt.items.all()]`` gives them: what grading a practice set
    reads."""
    connection = connections[using]
    key = (using, connection.vendor)
    sql = _item_results.get(key)
    if sql is None:
        quote = connection.ops.quote_name
        sql = _item_results[key] = (
            f"SELECT {quote('domain')}, {quote('correct')} FROM {quote(AttemptItem._meta.db_table)}"
            f" WHERE {quote('attempt_id')} = %s ORDER BY {quote('position')}"
        )
    return [(domain, None if correct is None else bool(correct)) for domain, correct in db.run(connection, sql, [attempt_id])]
