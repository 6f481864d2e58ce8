from django.contrib import admin

from .models import (
    Attempt, AttemptItem, GenerationIssue, GenerationRun, ProblemReport, Question, QuestionVersion, Quiz,
)


class QuestionVersionInline(admin.TabularInline):
    model = QuestionVersion
    extra = 0
    fields = ("version", "edited_by", "created_at")
    readonly_fields = fields
    can_delete = False
    show_change_link = False


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("uid", "type", "topic", "status", "choose", "locked", "version", "updated_at")
    list_filter = ("status", "type", "topic__domain", "locked")
    search_fields = ("uid", "identity", "family", "topic__name", "topic__slug", "stem")
    list_select_related = ("topic",)
    raw_id_fields = ("topic",)
    filter_horizontal = ("sections",)
    readonly_fields = ("uid", "identity", "created_at", "updated_at")
    inlines = [QuestionVersionInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "topic" in form.changed_data:
            from quiz.progress.reviews import follow_topic_changes

            follow_topic_changes([obj.pk])  # mastery counts the learners' cards under the new topic


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "mode", "question_count", "time_limit_minutes", "pass_mark", "only_approved",
                    "published", "opens_at", "closes_at")
    list_filter = ("mode", "published", "only_approved")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ("created_by",)
    filter_horizontal = ("questions",)


class AttemptItemInline(admin.TabularInline):
    model = AttemptItem
    extra = 0
    fields = ("position", "question", "topic_name", "domain", "choose", "chosen", "correct_keys", "correct",
              "flagged", "answered_at")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ("uid", "user", "title", "mode", "state", "item_count", "raw_score", "scaled_score", "passed",
                    "started_at", "submitted_at")
    list_filter = ("mode", "state", "passed", "language")
    search_fields = ("uid", "user__username", "title")
    list_select_related = ("user", "quiz")
    date_hierarchy = "started_at"
    raw_id_fields = ("user", "quiz")
    readonly_fields = ("uid", "started_at", "submitted_at", "raw_score", "scaled_score", "passed")
    inlines = [AttemptItemInline]


@admin.register(AttemptItem)
class AttemptItemAdmin(admin.ModelAdmin):
    list_display = ("attempt", "position", "question", "domain", "topic_slug", "correct", "flagged", "answered_at")
    list_filter = ("correct", "flagged", "domain")
    search_fields = ("attempt__uid", "question__uid", "topic_slug")
    list_select_related = ("attempt", "question", "question__topic")
    raw_id_fields = ("attempt", "question")


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ("question", "user", "short_text", "created_at", "resolved", "resolved_by")
    list_filter = ("resolved",)
    search_fields = ("text", "question__uid", "user__username")
    list_select_related = ("question", "question__topic", "user", "resolved_by")
    raw_id_fields = ("user", "question", "item", "resolved_by")
    date_hierarchy = "created_at"

    @admin.display(description="text")
    def short_text(self, obj):
        return obj.text[:80]


@admin.register(QuestionVersion)
class QuestionVersionAdmin(admin.ModelAdmin):
    list_display = ("question", "version", "edited_by", "created_at")
    search_fields = ("question__uid", "question__identity")
    list_select_related = ("question__topic", "edited_by")
    raw_id_fields = ("question", "edited_by")


@admin.register(GenerationIssue)
class GenerationIssueAdmin(admin.ModelAdmin):
    list_display = ("kind", "family", "member", "attribute", "active", "updated_at")
    list_filter = ("kind", "active", "family")
    search_fields = ("key", "family", "member", "attribute")
    filter_horizontal = ("sections",)
    readonly_fields = ("key", "created_at", "updated_at")


@admin.register(GenerationRun)
class GenerationRunAdmin(admin.ModelAdmin):
    """Read-only: the generator versions that saved the bank (an older one refuses to save after a newer one)."""

    list_display = ("version", "finished_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
