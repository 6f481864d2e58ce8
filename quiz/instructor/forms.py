"""Forms of the instructor area. Validation lives here; views only save."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, normalize_newlines, slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import get_language, ngettext, pgettext

from quiz.attempts import question_count_now
from quiz.forms import TopicMultipleChoiceField
from quiz.models import Mode, Question, Quiz
from studynotes.models import Domain, Language, NoteImage, Topic
from studynotes.sizes import size_and_limit

from .access import is_instructor
from .bank import MAX_ROW_ID
from .models import Assignment, Classroom, Membership

MAX_UPLOAD_FILES = 50


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        """The uploaded files as they came: each is checked on its own (``upload_problem``), so one bad file
        is refused with its reason and the others are still imported."""
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


def upload_problem(upload):
    """Why the importer would not take ``upload`` (a type it does not read, empty, over its kind's size limit),
    checked before reading it; None when it may go on to the importer."""
    from studynotes.importer import _is_wanted, _max_read_bytes

    if not _is_wanted(upload.name):
        return ValidationError(
            _("%(name)s is not a note (.md, .txt), an image (PNG, JPEG, GIF, WebP) or a zip archive."),
            code="file_type", params={"name": upload.name})
    if not upload.size:
        return ValidationError(_("%(name)s is empty."), code="empty_file", params={"name": upload.name})
    limit = _max_read_bytes(upload.name)
    if upload.size > limit:
        return ValidationError(
            _("%(name)s is too large: %(size)s, the limit is %(limit)s."), code="too_large",
            params={"name": upload.name, **size_and_limit(upload.size, limit)})
    return None


def refuse_oversized(uploads):
    """Refuse an upload of a type the importer does not take, or over its kind's size limit, before reading it."""
    for upload in uploads:
        problem = upload_problem(upload)
        if problem is not None:
            raise problem


class NoteUploadForm(forms.Form):
    files = MultipleFileField(label=_("Note files"))

    def clean_files(self):
        """The files the importer may read; ``self.refused`` lists the others as ``(name, reason)``."""
        files = self.cleaned_data["files"]
        if not files:
            raise ValidationError(_("Choose at least one file."), code="empty")
        if len(files) > MAX_UPLOAD_FILES:
            raise ValidationError(
                _("At most %(n)d files at once."), code="too_many", params={"n": MAX_UPLOAD_FILES}
            )
        self.refused = []
        accepted = []
        for upload in files:
            problem = upload_problem(upload)
            if problem is None:
                accepted.append(upload)
            else:
                self.refused.append((upload.name, problem.messages[0]))
        return accepted


class ReimportForm(forms.Form):
    """A new version of ``note_file``, uploaded from its page. A browser sends a file's base name only, so a
    note imported from a folder or a zip subfolder (``sub/a.md``) comes back as ``a.md``: an upload with the
    note's base name is its new version, imported under the note's full name (``import_name``); another name
    is refused."""

    file = forms.FileField(label=_("New version of the file"))

    def __init__(self, *args, note_file, **kwargs):
        super().__init__(*args, **kwargs)
        from studynotes.importer import NoteImportError, base_name

        self.note_file = note_file
        self.import_name = None
        try:
            self.base_name = base_name(note_file.name)
        except NoteImportError:  # a name the importer never stores (typed in the admin): asked for as it is
            self.base_name = note_file.name
        if self.base_name != note_file.name:
            help_text = _("Choose the new version of this file, named %(name)s: it replaces %(path)s.")
        else:
            help_text = _("Choose the new version of this file, named %(name)s.")
        # help texts are rendered unescaped, and note names are untrusted input
        self.fields["file"].help_text = escape(help_text % {"name": self.base_name, "path": note_file.name})

    def clean_file(self):
        from studynotes.importer import reimport_name

        upload = self.cleaned_data["file"]
        self.import_name = reimport_name(self.note_file.name, upload.name)
        if self.import_name is None:
            raise ValidationError(_("Choose a file named %(name)s."), code="other_name",
                                  params={"name": self.base_name})
        refuse_oversized([upload])
        return upload


class TopicChoiceField(forms.ModelChoiceField):
    """A topic by its name in the interface language (as the topic pages show it)."""

    def label_from_instance(self, obj):
        return obj.display_name


class BankFilterForm(forms.Form):
    topic = TopicChoiceField(Topic.objects.all(), required=False, label=_("Topic"), to_field_name="slug",
                             empty_label=_("Any topic"))
    domain = forms.ChoiceField(choices=[("", _("Any domain"))] + Domain.choices, required=False, label=_("Domain"))
    language = forms.ChoiceField(choices=[("", _("Any language"))] + Language.choices, required=False,
                                 label=_("Language"))
    type = forms.ChoiceField(choices=[("", _("Any type"))] + Question.Type.choices, required=False, label=_("Type"))
    status = forms.ChoiceField(choices=[("", _("Any status"))] + Question.Status.choices, required=False,
                               label=_("Status"))
    flag = forms.ChoiceField(
        choices=[
            ("", _("Any")),
            ("locked", _("Edited by an instructor")),
            ("reported", _("Open learner reports")),
            ("no_sources", _("No source section")),
            ("lines_gone", _("A quoted line is no longer in the notes")),
            ("key_mismatch", _("Number of correct options differs from the number to choose")),
            ("too_few_distractors", _("Fewer than three wrong options")),
            ("duplicate_options", _("Duplicate or empty options")),
            ("missing_stem", _("Stem missing in a language")),
        ],
        required=False,
        label=_("Checks"),
    )
    q = forms.CharField(required=False, label=_("Text"), max_length=200)


def language_name(code):
    """A language's name in the interface language ("日本語"), not its code: labels read 「問題文（日本語）」."""
    return dict(Language.choices).get(code, code)


class QuestionEditForm(forms.Form):
    """Stem, options, keys and explanations of one question, one field per language and option."""

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.languages = list(question.languages or []) or list(question.stem) or ["en"]
        for lang in self.languages:
            self.fields[f"stem_{lang}"] = forms.CharField(
                label=_("Stem (%(lang)s)") % {"lang": language_name(lang)},
                widget=forms.Textarea(attrs={"rows": 4, "lang": lang}),
                initial=question.stem.get(lang, ""), max_length=4000,
            )
        # an option has one text for every language of the question, written in the stem's language: its lang is
        # the one the bank, the review queue and the preview give it (the stem shown in the interface language)
        text_lang = question.stem_lang((get_language() or "en")[:2])
        for option in question.options:
            key = option["key"]
            self.fields[f"text_{key}"] = forms.CharField(
                label=_("Option %(key)s") % {"key": key}, initial=option.get("text", ""), max_length=1000,
                widget=forms.TextInput(attrs={"lang": text_lang}),
            )
            self.fields[f"correct_{key}"] = forms.BooleanField(
                label=_("%(key)s is correct") % {"key": key}, required=False, initial=bool(option.get("correct"))
            )
            for lang in self.languages:
                self.fields[f"expl_{key}_{lang}"] = forms.CharField(
                    label=_("Explanation of %(key)s (%(lang)s)") % {"key": key, "lang": language_name(lang)},
                    initial=(option.get("explanation") or {}).get(lang, ""), required=False,
                    widget=forms.Textarea(attrs={"rows": 2, "lang": lang}), max_length=4000,
                )

        # No maxlength in the browser: it cuts a long paste silently; the server says how long is too long.
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)
        # the version the form was built from: a save over a newer one (another instructor's edit, a bank import,
        # regeneration) is refused by the view, under the row lock, instead of silently overwriting it
        # (read leniently: a value that is not a number, a page edited by hand, counts as an older version, which
        # says what to do, instead of an "Enter a whole number." nobody sees on a hidden field)
        self.fields["version"] = forms.CharField(widget=forms.HiddenInput, required=False, initial=question.version)
        self.fields["figure"] = FigureChoiceField(
            NoteImage.objects.filter(sections__questions=question).distinct().order_by("name", "id"),
            required=False, blank=True, initial=question.figure_id, widget=forms.RadioSelect,
            label=_("Picture shown with the stem"), empty_label=_("No picture"),
            error_messages={"invalid_choice": _("Choose a picture from this question's own source sections.")},
        )
        # offered once a save is refused for an explanation that kept its old status (``explanations_to_check``)
        self.fields["explanations_checked"] = forms.BooleanField(
            required=False, label=_("The explanations are still right as they are"))
        self.explanations_to_check = []

    def option_rows(self):
        """Bound fields grouped per option, for the template."""
        return [
            {
                "key": option["key"],
                "text": self[f"text_{option['key']}"],
                "correct": self[f"correct_{option['key']}"],
                "explanations": [self[f"expl_{option['key']}_{lang}"] for lang in self.languages],
            }
            for option in self.question.options
        ]

    def stem_fields(self):
        return [self[f"stem_{lang}"] for lang in self.languages]

    def clean(self):
        cleaned = super().clean()
        # a browser posts a textarea's line breaks as \r\n; generated text (and the bank's exports) use \n, and
        # an explanation re-posted unchanged must compare equal to its old text
        for name, value in cleaned.items():
            if name.startswith(("stem_", "text_", "expl_")) and isinstance(value, str):
                cleaned[name] = normalize_newlines(value)
        if self.errors:
            return cleaned
        keys = [o["key"] for o in self.question.options]
        correct = [key for key in keys if cleaned.get(f"correct_{key}")]
        if len(correct) != self.question.choose:
            raise ValidationError(
                ngettext("Mark exactly %(n)d correct option.", "Mark exactly %(n)d correct options.",
                         self.question.choose),
                code="key_count", params={"n": self.question.choose},
            )
        # the bank's own reading of option texts (width, case, spaces and invisible characters folded):
        # options a learner cannot tell apart leave the question without a checkable key
        from .bank import option_text_problem

        problem = option_text_problem([{"key": key, "text": cleaned[f"text_{key}"]} for key in keys])
        if problem and problem[0] == "empty":
            self.add_error(f"text_{problem[1]}", ValidationError(_("This option has no visible text."),
                                                                  code="empty_option"))
        elif problem:
            raise ValidationError(_("Two options have the same text."), code="duplicate_option")
        # learners read an option's explanation after answering: one that was written is rewritten, not erased
        # (an option that never had one, from a bank import, may stay without)
        for option in self.question.options:
            for lang in self.languages:
                name = f"expl_{option['key']}_{lang}"
                if str((option.get("explanation") or {}).get(lang) or "").strip() and not cleaned[name].strip():
                    self.add_error(name, ValidationError(
                        _("Write an explanation: learners read it after answering."), code="empty_explanation"))
        if not self.errors and self.built_from(self.question) and not cleaned.get("explanations_checked"):
            self._check_explanations()  # (a form built from an older version is refused as such by the view)
        return cleaned

    def _check_explanations(self):
        """An option made correct or wrong whose explanation is unchanged still explains its old status:
        refused on its explanation fields, unless the instructor ticks that the explanations still fit."""
        from .bank import unchanged_explanations

        _stem, options = self.apply()
        self.explanations_to_check = unchanged_explanations(self.question.options, options)
        for key in self.explanations_to_check:
            correct = self.cleaned_data[f"correct_{key}"]
            message = (_("Option %(key)s is now correct, but its explanation is unchanged and may still say why "
                         "it is wrong. Rewrite it, or tick “The explanations are still right as they are” below.")
                       if correct else
                       _("Option %(key)s is now wrong, but its explanation is unchanged and may still say why it "
                         "is right. Rewrite it, or tick “The explanations are still right as they are” below."))
            old = next(option for option in self.question.options if option["key"] == key)
            names = [f"expl_{key}_{lang}" for lang in self.languages]
            written = [name for name, lang in zip(names, self.languages)
                       if str((old.get("explanation") or {}).get(lang) or "").strip()]
            for name in written or names:
                self.add_error(name, ValidationError(message, code="explanation_unchanged", params={"key": key}))

    def apply(self):
        """The new stem and options (plain data) from the cleaned form."""
        cleaned = self.cleaned_data
        stem = dict(self.question.stem)
        for lang in self.languages:
            stem[lang] = cleaned[f"stem_{lang}"].strip()
        options = []
        for option in self.question.options:
            key = option["key"]
            explanation = dict(option.get("explanation") or {})
            for lang in self.languages:
                text = cleaned[f"expl_{key}_{lang}"].strip()
                if text:
                    explanation[lang] = text
                else:
                    explanation.pop(lang, None)
            options.append({**option, "text": cleaned[f"text_{key}"].strip(),
                            "correct": bool(cleaned[f"correct_{key}"]), "explanation": explanation})
        return stem, options

    def chosen_figure(self):
        """The chosen picture (a NoteImage of the question's own sections) or None."""
        return self.cleaned_data.get("figure")

    def clean_version(self):
        try:
            return int(self.cleaned_data.get("version"))
        except (TypeError, ValueError):
            return None

    def built_from(self, question):
        """Whether the posted form was built from ``question`` as it is now (its version; a post without one,
        from a page older than this field, counts as built from an older version)."""
        return self.cleaned_data.get("version") == question.version

    @classmethod
    def current(cls, question, error):
        """The form filled with ``question`` as it is now (its current version), showing ``error``: what a
        refused stale save re-renders, so the instructor sees the other edit before making theirs again."""
        blank = cls(question=question)
        data = {}
        for name, field in blank.fields.items():
            value = blank[name].initial
            if isinstance(field, forms.BooleanField):
                if value:
                    data[name] = "on"
            else:
                data[name] = "" if value is None else getattr(value, "pk", value)
        form = cls(data, question=question)
        form.is_valid()
        form.add_error(None, error)
        return form


class FigureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


BANK_MAX_BYTES = 20 * 1024 * 1024  # an export of the 100 seed questions is 0.6 MB


class BankImportForm(forms.Form):
    file = forms.FileField(label=_("Question bank (JSON)"))

    def clean_file(self):
        """Refuse a file over ``BANK_MAX_BYTES`` before reading it: the import reads and parses it whole."""
        upload = self.cleaned_data["file"]
        if upload.size > BANK_MAX_BYTES:
            raise ValidationError(
                _("%(name)s is too large: %(size)s, the limit is %(limit)s."), code="too_large",
                params={"name": upload.name, **size_and_limit(upload.size, BANK_MAX_BYTES)})
        return upload


class QuestionChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        """A number beyond the database's integers names no question: refused as an unknown id is. Django's check
        runs ``pk__in`` with it, which fails the query (a 500; Django guards the single-value lookups only)."""
        for pk in value:
            try:
                number = int(pk)
            except (TypeError, ValueError):
                continue  # not a number: Django's own check refuses it
            if abs(number) > MAX_ROW_ID:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                      params={"value": pk})
        return super()._check_values(value)

    def label_from_instance(self, obj):
        """The topic, and the stem marked with the language it is written in (a Japanese-only question in the
        Korean interface), as the bank lists it. A draft is tagged as one: with *approved questions only* on, the
        builder refuses drafts by their number, and this is how the instructor finds them in the list."""
        language = (get_language() or "en")[:2]
        status = ("" if obj.status == Question.Status.APPROVED
                  else format_html('<span class="tag">{}</span> ', obj.get_status_display()))
        question = format_html('{}<span lang="{}">{}</span>', status, obj.stem_lang(language),
                               Truncator(obj.stem_in(language)).chars(120))  # "…": cut, not a typo
        # the topic in the language's brackets: 「［AWS Lambda］下書き …」 in Japanese
        pattern = pgettext("a question in a list: its topic, then the question", "[%(topic)s] %(question)s")
        return mark_safe(escape(pattern) % {"topic": escape(obj.topic.display_name), "question": question})


class QuizForm(forms.ModelForm):
    """Quiz builder: a fixed list of questions, or random draws per domain and topic."""

    questions = QuestionChoiceField(
        Question.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Fixed questions (leave empty to draw at random)"),
    )
    topics = TopicMultipleChoiceField(
        Topic.objects.all(), required=False, to_field_name="slug", widget=forms.SelectMultiple(attrs={"size": 6}),
        label=_("Draw only from these topics"),
    )

    class Meta:
        model = Quiz
        fields = [
            "title", "description", "mode", "language", "question_count", "time_limit_minutes", "pass_mark",
            "attempts_allowed", "opens_at", "closes_at", "shuffle", "only_approved", "published", "questions",
        ]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "description": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "title": _("Title"), "description": _("Description"), "mode": _("Kind"), "language": _("Language"),
            "question_count": _("Number of questions"), "time_limit_minutes": _("Time limit (minutes)"),
            "pass_mark": _("Pass mark (100-1000)"), "attempts_allowed": _("Attempts allowed"),
            "opens_at": _("Opens"), "closes_at": _("Closes"), "shuffle": _("Shuffle"),
            "only_approved": _("Approved questions only"), "published": _("Published"),
        }
        help_texts = {  # the model's help texts are not translated: every one is set here
            "question_count": _(
                "Follows the fixed list or the per-domain and per-topic counts when you use them."
            ),
            "attempts_allowed": _("Blank: unlimited."),
            "pass_mark": _("Exams only: a practice set has no pass mark, its learners see the share they got right."),
            "shuffle": _("Shuffle question and option order per attempt."),
            "time_limit_minutes": _("Exams only: a practice set has no time limit."),
            "language": "", "only_approved": "", "published": "",
            "description": "", "opens_at": "", "closes_at": "", "title": "", "mode": "",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the ranges ``clean`` allows, on the inputs too; without the model's "at least 0" check, which said
        # "≥ 0" to a negative number and then refused 0 (or 99 for a pass mark) with the range's own message
        for name, low, high in (("time_limit_minutes", 1, 24 * 60), ("pass_mark", 100, 1000),
                                ("question_count", 1, 500), ("attempts_allowed", 1, None)):
            field = self.fields[name]
            field.validators = [v for v in field.validators if not isinstance(v, MinValueValidator)]
            field.widget.attrs.update(min=low, **({"max": high} if high else {}))
        # asked for exams only (``clean``): hidden for a practice set, a required field, or one with a range (50
        # typed before the kind was changed), would keep the browser from sending the form, saying nothing
        self.fields["pass_mark"].required = False
        for name in ("pass_mark", "time_limit_minutes"):
            for bound in ("min", "max"):
                self.fields[name].widget.attrs.pop(bound)
        self.fields["language"] = forms.ChoiceField(
            choices=[("", _("Learner's language"))] + Language.choices, required=False, label=_("Language")
        )
        # typed as wall-clock times, read in the instructor's zone: say which (as the class page's due dates do)
        in_zone = _("Times are in %(tz)s.") % {"tz": timezone.get_current_timezone_name()}
        self.fields["opens_at"].help_text = self.fields["closes_at"].help_text = in_zone
        pool = Question.objects.live().select_related("topic").order_by("topic__name", "id")
        self.fields["questions"].queryset = pool
        self.domain_names = []
        rules = (self.instance.rules or {}) if self.instance.pk else {}
        # {domain: (live, approved)}: what a domain count can draw from (one query)
        self.domain_sizes = {}
        for domain, status, n in (Question.objects.live().values_list("topic__domain", "status")
                                  .annotate(n=Count("pk")).order_by()):
            live, approved = self.domain_sizes.get(domain, (0, 0))
            self.domain_sizes[domain] = (live + n, approved + (n if status == Question.Status.APPROVED else 0))
        for value, label in Domain.choices:
            name = f"domain_{value}"
            live, approved = self.domain_sizes.get(value, (0, 0))
            self.fields[name] = forms.IntegerField(
                label=label, min_value=0, max_value=500, required=False,
                initial=(rules.get("domains") or {}).get(value),
                help_text=ngettext("%(approved)d of %(live)d question approved", "%(approved)d of %(live)d questions "
                                   "approved", live) % {"approved": approved, "live": live},
            )
            self.domain_names.append(name)
        if rules.get("topics"):
            self.initial.setdefault("topics", rules["topics"])
        self.topic_count_rows = []
        topic_counts = rules.get("topic_counts") or {}
        live = ~Q(questions__status=Question.Status.RETIRED)
        approved = Q(questions__status=Question.Status.APPROVED)
        with_questions = (Topic.objects.filter(pk__in=Question.objects.live().values("topic_id"))
                          .annotate(n_live=Count("questions", filter=live),
                                    n_approved=Count("questions", filter=approved))
                          .order_by("domain", "name", "pk"))
        for topic in with_questions:
            name = f"topic_count_{topic.slug}"
            quoted = {"topic": topic.display_name.replace("%", "%%")}
            self.fields[name] = forms.IntegerField(
                label=topic.display_name, min_value=0, max_value=500, required=False,
                initial=topic_counts.get(topic.slug),
                # as the domain counts say it: with "approved questions only" on, only those are drawn
                help_text=ngettext("%(approved)d of %(live)d question approved", "%(approved)d of %(live)d questions "
                                   "approved", topic.n_live) % {"approved": topic.n_approved, "live": topic.n_live},
                error_messages={
                    "invalid": _("Enter a whole number of questions for %(topic)s.") % quoted,
                    "min_value": _("The count for %(topic)s cannot be negative.") % quoted,
                    "max_value": _("At most 500 questions from %(topic)s.") % quoted,
                },
            )
            self.topic_count_rows.append((name, topic))

    def settings_fields(self):
        return [self[name] for name in self.Meta.fields if name != "questions"]

    def domain_fields(self):
        return [self[name] for name in self.domain_names]

    def topic_count_fields(self):
        """``(bound field, topic)`` per topic with live questions; ``topic.n_live`` is how many it has and
        ``topic.n_approved`` how many of them are approved (the field's help text says both)."""
        return [(self[name], topic) for name, topic in self.topic_count_rows]

    def chosen_topic_counts(self):
        """``{topic slug: n}`` of the per-topic counts above 0 (after cleaning)."""
        return {topic.slug: self.cleaned_data[name] for name, topic in self.topic_count_rows
                if self.cleaned_data.get(name)}

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", ValidationError(_("Closes must be after opens."), code="closes_before_opens"))
        pass_mark = cleaned.get("pass_mark")
        if cleaned.get("mode") == Mode.PRACTICE:
            # a practice set has none: its field is hidden (instructor.css), so what it holds is not checked
            # and the stored value is kept (it holds again if the quiz is made an exam)
            cleaned["pass_mark"] = self.instance.pass_mark
            # likewise (a practice set is untimed); a new one has none, not the model's exam default
            cleaned["time_limit_minutes"] = self.instance.time_limit_minutes if self.instance.pk else None
        elif pass_mark is None:
            if not self.has_error("pass_mark"):
                required = self.fields["pass_mark"].error_messages["required"]
                self.add_error("pass_mark", ValidationError(required, code="required"))
        elif not 100 <= pass_mark <= 1000:
            self.add_error("pass_mark", ValidationError(_("Use the 100-1000 scale."), code="pass_mark_range"))
        if cleaned.get("question_count") is not None and cleaned["question_count"] < 1:
            self.add_error("question_count", ValidationError(_("At least one question."), code="no_questions"))
        limit = cleaned.get("time_limit_minutes")
        if cleaned.get("mode") != Mode.PRACTICE and limit is not None and not 1 <= limit <= 24 * 60:
            self.add_error("time_limit_minutes", ValidationError(
                _("Between 1 and 1440 minutes (24 hours), or blank for no limit."), code="time_limit_range"))
        if cleaned.get("attempts_allowed") is not None and cleaned["attempts_allowed"] < 1:
            self.add_error("attempts_allowed", ValidationError(
                _("At least one attempt, or blank for unlimited."), code="no_attempts"))
        if (cleaned.get("question_count") or 0) > 500:
            self.add_error("question_count", ValidationError(_("At most 500 questions."), code="too_many_questions"))
        questions = cleaned.get("questions")
        count_names = self.domain_names + [name for name, _topic in self.topic_count_rows]
        entered = [cleaned[name] for name in count_names if cleaned.get(name) is not None]
        if not questions and entered and sum(entered) == 0 and not any(map(self.has_error, count_names)):
            self.add_error(None, ValidationError(
                _("The domain and topic counts add up to 0. Enter at least one count above 0, "
                  "or leave them all empty to spread the questions evenly over every domain."),
                code="counts_zero",
            ))
        if not questions and not any(entered) and self._fixed_list_all_retired():
            # the picker offers live questions only: with every listed question retired nothing is ticked, and
            # saving would turn the fixed list into random draws of its old count without the instructor asking
            self.add_error("questions", ValidationError(
                _("Every question of this quiz's fixed list is retired, so none is ticked: saving would turn it "
                  "into random draws. Tick the questions learners should get, restore retired ones from their "
                  "pages, or enter domain or topic counts to draw at random."),
                code="fixed_all_retired",
            ))
        if questions and cleaned.get("only_approved"):
            unapproved = [q for q in questions if q.status != Question.Status.APPROVED]
            if unapproved:
                self.add_error("questions", ValidationError(
                    ngettext(
                        "%(n)d chosen question is not approved; approve it or untick "
                        "'Approved questions only'.",
                        "%(n)d chosen questions are not approved; approve them or untick "
                        "'Approved questions only'.",
                        len(unapproved),
                    ),
                    code="unapproved", params={"n": len(unapproved)},
                ))
        return cleaned

    def _fixed_list_all_retired(self):
        """The quiz being edited has a fixed list and every question on it is retired (none can be ticked)."""
        if not self.instance.pk:
            return False
        statuses = set(self.instance.questions.values_list("status", flat=True).distinct())
        return statuses == {Question.Status.RETIRED}

    def save(self, commit=True):
        quiz = super().save(commit=False)
        domains = {
            name.removeprefix("domain_"): self.cleaned_data[name]
            for name in self.domain_names if self.cleaned_data.get(name)
        }
        rules = {key: value for key, value in (quiz.rules or {}).items()
                 if key not in ("domains", "topics", "topic_counts")}
        if domains:
            rules["domains"] = domains
        topic_counts = self.chosen_topic_counts()
        if topic_counts:
            rules["topic_counts"] = topic_counts
        topics = [topic.slug for topic in self.cleaned_data.get("topics") or []]
        if topics:
            rules["topics"] = topics
        quiz.rules = rules
        questions = self.cleaned_data.get("questions")
        if questions:
            quiz.question_count = len(questions)
        elif domains or topic_counts:  # topic counts are drawn first, the domain counts come on top
            quiz.question_count = sum(domains.values()) + sum(topic_counts.values())
        if not quiz.slug:
            quiz.slug = unique_slug(quiz.title)
        if commit:
            quiz.save()
            self.save_m2m()
            self.keep_fixed_order(quiz)
        return quiz

    def keep_fixed_order(self, quiz):
        """Store the fixed list in the order the builder lists it (topic, then question): a quiz that does not
        shuffle asks its list in the order the links were made (``attempts.start_exam``), and ``set()``, which
        ``save_m2m`` uses, makes them in no particular order. Links are remade only when that order differs."""
        through = Quiz.questions.through
        ordered = [question.pk for question in self.cleaned_data.get("questions") or []]
        links = through.objects.filter(quiz=quiz)
        if list(links.order_by("pk").values_list("question_id", flat=True)) != ordered:
            links.delete()
            through.objects.bulk_create([through(quiz=quiz, question_id=pk) for pk in ordered])


def unique_slug(title):
    import secrets

    # Hangul and kana kept ("aws-시험", not "aws"); slugs made before were ASCII and stay as they are
    base = slugify(title, allow_unicode=True)[:80]
    # a title of punctuation alone gives no slug: "quiz-<random>", not "/quiz/"
    slug = base or f"quiz-{secrets.token_hex(3)}"
    base = base or "quiz"
    while Quiz.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug


class ClassroomForm(forms.ModelForm):
    class Meta:
        model = Classroom
        fields = ["name"]
        labels = {"name": _("Class name")}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner

    def clean_name(self):
        """One name per class of an instructor: two "Evening class" rows (a create form sent twice) cannot be
        told apart on the class list or in the audit log, and learners would join either."""
        name = self.cleaned_data["name"]
        if self.name_taken(name):
            raise self.duplicate_name(name)
        return name

    def name_taken(self, name):
        """Another class of the owner has ``name``, case aside, as the database's constraint reads it."""
        return Classroom.objects.filter(owner=self.owner).named(name).exclude(pk=self.instance.pk).exists()

    @staticmethod
    def duplicate_name(name):
        return ValidationError(_("You already have a class named %(name)s."), code="duplicate_name",
                               params={"name": name})


class JoinForm(forms.Form):
    code = forms.CharField(label=_("Join code"), max_length=16)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_code(self):
        if self.user is not None and is_instructor(self.user):  # their attempts would count in class results
            raise ValidationError(
                _("Instructors cannot join a class as learners: their attempts would count in the class's "
                  "results. Use a learner account to take a class's quizzes."), code="instructor")
        code = self.cleaned_data["code"].strip().upper().replace(" ", "").replace("-", "")
        try:
            self.classroom = Classroom.objects.get(join_code=code)
        except Classroom.DoesNotExist:
            raise ValidationError(_("No class has this code. Check it with your instructor."), code="unknown_code")
        return code


class AddLearnerForm(forms.Form):
    """An instructor adds a learner to a class by user name (a learner without the join code at hand)."""

    username = forms.CharField(label=_("User name"), max_length=150)

    def clean_username(self):
        from django.contrib.auth import get_user_model

        name = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username__iexact=name, is_active=True).first()
        if user is None:
            raise ValidationError(_("No account has this user name."), code="unknown_user")
        if is_instructor(user):  # their attempts would count in the class's results
            raise ValidationError(
                _("%(name)s is an instructor: instructors cannot be added to a class as learners."),
                code="instructor", params={"name": user.get_username()})
        self.learner = user
        return user.get_username()


class HandOverForm(forms.Form):
    """The instructor a class or a quiz is handed over to, by user name: an active instructor other than
    ``owner``; for a class (``classroom``), one without a class of that name (``classroom_name_unique``)."""

    username = forms.CharField(label=_("New owner (user name)"), max_length=150)

    def __init__(self, *args, owner, classroom=None, **kwargs):
        kwargs.setdefault("auto_id", "hand_over_%s")  # the class page has another user name field
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.classroom = classroom

    def clean_username(self):
        from django.contrib.auth import get_user_model

        name = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username__iexact=name).first()
        if user is None:
            raise ValidationError(_("No account has this user name."), code="unknown_user")
        params = {"name": user.get_username()}
        if not user.is_active:
            raise ValidationError(_("The account %(name)s is deactivated."), code="inactive", params=params)
        if not is_instructor(user):
            raise ValidationError(_("%(name)s is not an instructor: only an instructor can take it over."),
                                  code="not_instructor", params=params)
        if self.owner is not None and user.pk == self.owner.pk:
            raise ValidationError(_("It belongs to %(name)s already."), code="same_owner", params=params)
        if self.classroom is not None and self.name_taken(user):
            raise self.duplicate_name(user)
        self.new_owner = user
        return user.get_username()

    def name_taken(self, user):
        return Classroom.objects.filter(owner=user).named(self.classroom.name).exists()

    def duplicate_name(self, user):
        return ValidationError(_("%(name)s already has a class named %(class)s."), code="duplicate_name",
                               params={"name": user.get_username(), "class": self.classroom.name})


class ExtraTimeForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["extra_minutes"]
        labels = {"extra_minutes": _("Extra minutes")}

    def clean_extra_minutes(self):
        value = self.cleaned_data["extra_minutes"]
        if value is not None and value > 600:
            raise ValidationError(_("At most 600 extra minutes."), code="too_much")
        return value


class QuizSelect(forms.Select):
    """The quiz list, each option with its quiz's kind (``data-mode``): the class page's CSS hides the review
    rule while a practice set is chosen (there is no script to do it under the CSP)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        quiz = getattr(value, "instance", None)  # None for "Choose a quiz"
        if quiz is not None:
            option["attrs"]["data-mode"] = quiz.mode
        return option


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["quiz", "due_at", "review_opens"]
        widgets = {"quiz": QuizSelect,
                   "due_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}
        labels = {"quiz": _("Quiz"), "due_at": _("Due"), "review_opens": _("Review opens")}
        help_texts = {"review_opens": _("Exams only: a practice set shows each answer's explanation as soon "
                                        "as it is answered.")}

    def __init__(self, *args, classroom, **kwargs):
        super().__init__(*args, **kwargs)
        self.classroom = classroom
        self.fields["quiz"].queryset = Quiz.objects.with_shared_titles().order_by("mode", "title", "created_at")
        # every quiz is offered (one just built is found where the instructor looks for it); an unpublished one
        # says so here and is refused below, as the quiz builder refuses unapproved questions
        # likewise a closed one: its closing date has passed (closing dates are the quiz's; an assignment has a due date)
        self.now = timezone.now()
        self.fields["quiz"].label_from_instance = self.quiz_label
        self.fields["quiz"].empty_label = _("Choose a quiz")  # not Django's "---------"

    def closed(self, quiz):
        return quiz.closes_at is not None and quiz.closes_at <= self.now

    def quiz_label(self, quiz):
        title = quiz.display_title
        if quiz.n_same_title > 1:  # told apart by what the quiz list shows of them (kind) and when each was built
            title = _("%(title)s (%(kind)s, created %(when)s)") % {
                "title": title, "kind": quiz.get_mode_display(),
                "when": date_format(timezone.localtime(quiz.created_at), "Y-m-d H:i")}
        if not quiz.published:
            return _("%(title)s (not published)") % {"title": title}
        if self.closed(quiz):
            return _("%(title)s (closed)") % {"title": title}
        return title

    def clean_quiz(self):
        quiz = self.cleaned_data["quiz"]
        if quiz is not None and not quiz.published:
            raise ValidationError(
                _("Learners cannot start a quiz that is not published: publish it in the quiz builder first."),
                code="unpublished",
            )
        if quiz is not None and self.closed(quiz):
            raise ValidationError(
                _("Learners cannot start a quiz that closed on %(when)s: move or clear its closing date in the quiz "
                  "builder first."),
                code="closed", params={"when": date_format(timezone.localtime(quiz.closes_at), "Y-m-d H:i")},
            )
        # the questions an attempt gets now (the class page warns when fewer than the quiz asks: ``drawn_now``)
        self.drawn_now = question_count_now(quiz)[0] if quiz is not None else None
        if self.drawn_now == 0:
            # learners would find an assignment they cannot start (fewer than asked is assigned, with a warning)
            raise ValidationError(
                _("Learners would get no questions from this quiz: the bank has none its rules can ask. Approve "
                  "questions of its topics or change its rules in the quiz builder first; its preview says which."),
                code="no_questions",
            )
        return quiz

    def clean(self):
        cleaned = super().clean()
        quiz = cleaned.get("quiz")
        if quiz and Assignment.objects.filter(classroom=self.classroom, quiz=quiz).exists():
            self.add_error("quiz", ValidationError(_("This quiz is already assigned to the class."), code="duplicate"))
        if quiz and quiz.mode == Mode.PRACTICE:
            # the rule a practice set has no use for (hidden while it is chosen, but posted): not checked, the
            # default stored, which holds if the quiz is made an exam later
            cleaned["review_opens"] = Assignment.ReviewOpens.IMMEDIATELY
            return cleaned
        # a due date typed but not understood has its own error: not "set a due date" as well
        if (cleaned.get("review_opens") == Assignment.ReviewOpens.AFTER_DUE and not cleaned.get("due_at")
                and not self.has_error("due_at")):
            self.add_error("due_at", ValidationError(_("Set a due date to open reviews after it."), code="no_due"))
        return cleaned


class AssignmentUpdateForm(forms.ModelForm):
    """Change the due date or when reviews open of an existing assignment; a practice set's, its due date only
    (it shows each answer's explanation as it is answered, whatever the rule; the stored rule is kept, but for
    "after the due date" once the due date is cleared)."""

    class Meta:
        model = Assignment
        fields = ["due_at", "review_opens"]
        widgets = {"due_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}
        labels = {"due_at": _("Due"), "review_opens": _("Review opens")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.quiz.mode == Mode.PRACTICE:
            del self.fields["review_opens"]

    def clean(self):
        cleaned = super().clean()
        if "review_opens" not in self.fields:
            # a practice set that was an exam may keep "after the due date": without a due date that rule would, were
            # the quiz made an exam again, open reviews at once while the class page says "After the due date"; the
            # default it is given instead (an exam's form has no such state: it refuses the pair)
            if (self.instance.review_opens == Assignment.ReviewOpens.AFTER_DUE and not cleaned.get("due_at")
                    and not self.has_error("due_at")):
                self.instance.review_opens = Assignment.ReviewOpens.IMMEDIATELY
            return cleaned
        # a due date typed but not understood has its own error: not "set a due date" as well
        if (cleaned.get("review_opens") == Assignment.ReviewOpens.AFTER_DUE and not cleaned.get("due_at")
                and not self.has_error("due_at")):
            self.add_error("due_at", ValidationError(_("Set a due date to open reviews after it."), code="no_due"))
        return cleaned
