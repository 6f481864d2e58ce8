from django.contrib import admin

from .models import LearnerSettings, ReviewCard, ReviewLog


@admin.register(ReviewCard)
class ReviewCardAdmin(admin.ModelAdmin):
    list_display = ["user", "question", "topic", "domain", "due", "stability", "reps", "lapses"]
    list_filter = ["domain"]
    search_fields = ["user__username", "topic__name"]
    raw_id_fields = ["user", "question", "topic"]
    date_hierarchy = "due"


@admin.register(ReviewLog)
class ReviewLogAdmin(admin.ModelAdmin):
    list_display = ["user", "question", "mode", "rating", "correct", "was_due", "reviewed_at"]
    list_filter = ["mode", "rating", "correct"]
    search_fields = ["user__username"]
    raw_id_fields = ["user", "card", "question", "topic", "attempt_item"]
    date_hierarchy = "reviewed_at"


@admin.register(LearnerSettings)
class LearnerSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "daily_review_cap", "updated_at"]
    raw_id_fields = ["user"]
