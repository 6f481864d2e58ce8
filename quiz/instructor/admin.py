from django.contrib import admin

from .models import Assignment, AuditLog, Classroom, HandledIssue, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    # a row ticked here would go without a confirmation page, and the learner's attempts from the class's
    # results with it: end a membership with ``left_at`` (what "Remove" on the class page does)
    can_delete = False
    raw_id_fields = ["learner", "added_by"]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    raw_id_fields = ["quiz"]


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "join_code", "created_at"]
    list_filter = ["owner"]
    search_fields = ["name", "join_code", "owner__username"]
    list_select_related = ["owner"]
    inlines = [MembershipInline, AssignmentInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["learner", "classroom", "extra_minutes", "joined_at", "left_at", "added_by"]
    list_filter = ["classroom"]
    search_fields = ["learner__username", "learner__email", "classroom__name"]
    list_select_related = ["learner", "classroom", "added_by"]
    raw_id_fields = ["learner", "added_by"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["quiz", "classroom", "due_at", "review_opens", "created_at"]
    list_filter = ["review_opens", "classroom"]
    search_fields = ["quiz__title", "classroom__name"]
    list_select_related = ["quiz", "classroom"]


@admin.register(HandledIssue)
class HandledIssueAdmin(admin.ModelAdmin):
    list_display = ["identity", "handled_by", "handled_at"]
    search_fields = ["identity", "handled_by__username"]
    list_select_related = ["handled_by"]
    raw_id_fields = ["handled_by"]


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id", "object_label"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_label", "object_id", "actor__username"]
    list_select_related = ["actor"]
    date_hierarchy = "at"
    readonly_fields = ["actor", "action", "object_type", "object_id", "object_label", "at", "details"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
