"""Django admin for the notes: a power tool beside the instructor screens."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .forms import AdminLoginForm
from .models import NoteCorrection, NoteFile, NoteImage, RateCounter, Section, SectionTopic, Topic, TopicAlias
from .pagecache import bump_content_stamp

admin.site.login_form = AdminLoginForm  # guesses count as on the site's login form (studynotes.forms.LoginForm)


class OneAddressUserChangeForm(UserChangeForm):
    """Django's, refusing an address another account uses (case aside): the database's unique index on it
    (migration studynotes.0009) would otherwise end the save in an error page."""

    def clean_email(self):
        email = self.cleaned_data.get("email") or ""
        if email and get_user_model().objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("An account with this email already exists."), code="email_taken")
        return email


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class OneAddressUserAdmin(UserAdmin):
    form = OneAddressUserChangeForm


class NotesAdmin(admin.ModelAdmin):
    """Edits here change what cached topic pages and search results show: they go stale with the commit."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        bump_content_stamp()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        bump_content_stamp()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump_content_stamp()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        bump_content_stamp()


@admin.register(NoteFile)
class NoteFileAdmin(NotesAdmin):
    list_display = ["name", "encoding", "byte_size", "imported_at", "importer_version", "retired"]
    list_filter = ["retired", "encoding", "importer_version"]
    search_fields = ["name", "sha256"]
    date_hierarchy = "imported_at"
    readonly_fields = ["sha256", "imported_at"]


class SectionTopicInline(admin.TabularInline):
    model = SectionTopic
    extra = 0
    autocomplete_fields = ["topic"]


@admin.register(Section)
class SectionAdmin(NotesAdmin):
    list_display = ["heading_path", "note_file", "language", "level", "order", "line_start", "line_end", "retired"]
    list_filter = ["language", "retired", "level", "note_file"]
    search_fields = ["heading_path", "text", "note_file__name"]
    list_select_related = ["note_file"]
    raw_id_fields = ["note_file"]
    inlines = [SectionTopicInline]


class TopicAliasInline(admin.TabularInline):
    model = TopicAlias
    extra = 1


@admin.register(Topic)
class TopicAdmin(NotesAdmin):
    list_display = ["name", "slug", "domain"]
    list_filter = ["domain"]
    search_fields = ["name", "slug", "aliases__text"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TopicAliasInline]


@admin.register(TopicAlias)
class TopicAliasAdmin(NotesAdmin):
    list_display = ["text", "language", "topic"]
    list_filter = ["language", "topic__domain"]
    search_fields = ["text", "topic__name"]
    list_select_related = ["topic"]


@admin.register(SectionTopic)
class SectionTopicAdmin(NotesAdmin):
    list_display = ["section", "topic", "via"]
    list_filter = ["via", "topic__domain"]
    search_fields = ["section__heading_path", "topic__name"]
    list_select_related = ["section__note_file", "topic"]
    raw_id_fields = ["section", "topic"]


@admin.register(NoteCorrection)
class NoteCorrectionAdmin(NotesAdmin):
    list_display = ["claim", "section", "reference_title", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["claim", "reference_title", "reference_url", "section__heading_path"]
    list_select_related = ["section__note_file"]
    raw_id_fields = ["section"]


@admin.register(NoteImage)
class NoteImageAdmin(admin.ModelAdmin):
    list_display = ["name", "format", "width", "height", "byte_size", "created_at"]
    list_filter = ["format"]
    search_fields = ["name", "sha256"]
    filter_horizontal = ["sections"]


@admin.register(RateCounter)
class RateCounterAdmin(admin.ModelAdmin):
    """Rate-limit counters (studynotes/ratelimit.py): delete one to let a locked-out client in again."""

    list_display = ["key", "window_start", "hits"]
    search_fields = ["key"]
