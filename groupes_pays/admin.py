from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from . import services
from .models import Document, Group, GroupMembership, JoinRequest, Meeting, NewsItem, Partner, TimelineEntry


class PreviewMixin:
    """A "voir sur le site" link on the change form; drafts are shown to staff only."""

    @admin.display(description="aperçu")
    def preview_link(self, obj):
        if not obj or not obj.pk:
            return "Enregistrez d'abord pour prévisualiser."
        return format_html('<a href="{}" target="_blank" rel="noopener">Voir sur le site</a>', obj.get_absolute_url())


class TimelineEntryInline(admin.TabularInline):
    model = TimelineEntry
    extra = 1
    fields = ["position", "date", "date_label", "text"]


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 1
    autocomplete_fields = ["collectivity"]
    fields = ["collectivity", "joined_on", "left_on"]


# The name is edited in French and English side by side (translation.py).
@admin.register(Group)
class GroupAdmin(PreviewMixin, TranslationAdmin):
    list_display = ["name", "kind", "country", "president_name", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "zone", "president_name", "referent_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["president_collectivity"]
    readonly_fields = ["preview_link"]
    inlines = [TimelineEntryInline, GroupMembershipInline]
    fieldsets = [
        (None, {"fields": ["kind", "name", "slug", "country", "zone", "is_active", "created_year", "summary",
                           "preview_link"]}),
        ("Présentation", {"fields": ["creation_text", "missions_text", "perspectives_text"]}),
        ("Présidence et référent·e", {"fields": ["president_name", "president_title", "president_function",
                                                 "president_collectivity", "referent_name", "referent_contact"]}),
    ]


@admin.register(Meeting)
class MeetingAdmin(PreviewMixin, admin.ModelAdmin):
    list_display = ["title", "group", "starts_at", "is_online", "visibility", "is_demo"]
    list_filter = ["visibility", "is_online", "group", "is_demo"]
    search_fields = ["title", "place"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["preview_link"]
    fieldsets = [
        (None, {"fields": ["group", "title", "slug", "visibility", "preview_link"]}),
        ("Date et lieu (heure de Paris)", {"fields": ["starts_at", "ends_at", "place", "is_online", "online_url",
                                                      "contact"]}),
        ("Contenu", {"fields": ["summary", "agenda"]}),
        ("Après la réunion", {"fields": ["minutes", "minutes_file"]}),
    ]


@admin.register(NewsItem)
class NewsItemAdmin(PreviewMixin, admin.ModelAdmin):
    list_display = ["title", "published_on", "status", "visibility", "concerns_solidarity_funds", "is_demo"]
    list_filter = ["status", "visibility", "concerns_solidarity_funds", "groups", "is_demo"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["groups"]
    readonly_fields = ["preview_link"]
    actions = ["publish", "unpublish"]
    fields = ["title", "slug", "published_on", "status", "visibility", "preview_link", "lead", "body", "image",
              "image_alt", "groups", "concerns_solidarity_funds", "fund_slug"]

    @admin.action(description="Publier les actualités sélectionnées")
    def publish(self, request, queryset):
        count = queryset.update(status=NewsItem.Status.PUBLISHED)
        self.message_user(request, ngettext("{n} actualité publiée.", "{n} actualités publiées.", count).format(
            n=count), messages.SUCCESS)

    @admin.action(description="Repasser en brouillon")
    def unpublish(self, request, queryset):
        count = queryset.update(status=NewsItem.Status.DRAFT)
        self.message_user(request, ngettext("{n} actualité repassée en brouillon.",
                                            "{n} actualités repassées en brouillon.", count).format(n=count),
                          messages.SUCCESS)


@admin.register(Document)
class DocumentAdmin(PreviewMixin, admin.ModelAdmin):
    list_display = ["title", "group", "date", "visibility"]
    list_filter = ["visibility", "group"]
    search_fields = ["title", "description"]
    readonly_fields = ["preview_link"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["collectivity", "group", "status", "created", "requested_by", "decided_at"]
    list_filter = ["status", "group"]
    search_fields = ["collectivity__name", "group__name", "requested_by__email"]
    readonly_fields = ["group", "collectivity", "requested_by", "message", "status", "created", "decided_at",
                       "decided_by"]
    actions = ["approve", "decline"]

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, service, done_message):
        done = 0
        for join_request in queryset:
            try:
                service(join_request, request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.WARNING)
        if done:
            singular, plural = done_message
            self.message_user(request, ngettext(singular, plural, done).format(n=done), messages.SUCCESS)

    @admin.action(description="Accepter les demandes sélectionnées (la collectivité devient membre)")
    def approve(self, request, queryset):
        self._decide(request, queryset, services.approve_join_request,
                     ("{n} demande acceptée.", "{n} demandes acceptées."))

    @admin.action(description="Refuser les demandes sélectionnées")
    def decline(self, request, queryset):
        self._decide(request, queryset, services.decline_join_request,
                     ("{n} demande refusée.", "{n} demandes refusées."))


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "website", "position"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym", "text"]
    prepopulated_fields = {"slug": ["name"]}
