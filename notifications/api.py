"""The caller's own inbox and preferences under /api/v1/notifications/ (default permissions)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # a malformed id is a 404 too, not a 500
from rest_framework.response import Response
from rest_framework.views import APIView

from .channels import CHOOSABLE
from .events import all_events
from .models import DigestFrequency, Notification
from .selectors import inbox_entries, inbox_for, preference_for, unread_count
from .services import notification_mark_read, notifications_mark_all_read, preference_save


class NotificationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    event = serializers.CharField()
    label = serializers.CharField()
    subject = serializers.CharField()
    text = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


def _output(user, notifications) -> list[dict]:
    return [
        {
            "id": n.pk,
            "event": n.event,
            "label": n.label,
            "subject": message.subject,
            "text": message.short,
            "url": n.context.get("url") or "",
            "created_at": n.inbox_at,
            "read_at": n.read_at,
        }
        for n, message in inbox_entries(user, notifications)
    ]


class UnreadOutput(serializers.Serializer):
    unread = serializers.IntegerField()


class NotificationViewSet(viewsets.GenericViewSet):
    """My inbox, newest first; reading marks nothing, `read` does."""

    serializer_class = NotificationOutput
    queryset = Notification.objects.none()
    # `created_at` is when it reached the inbox (as the output names it).
    ordering_fields = ["id", "created_at"]
    ordering_aliases = {"created_at": "inbox_at"}
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return inbox_for(self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(_output(request.user, page))

    @extend_schema(request=None, responses=NotificationOutput)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = get_object_or_404(self.get_queryset(), pk=pk)
        notification_mark_read(notification=notification, user=request.user)
        return Response(_output(request.user, [notification])[0])

    @extend_schema(request=None, responses=UnreadOutput)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        notifications_mark_all_read(user=request.user)
        return Response({"unread": unread_count(request.user)})

    @extend_schema(responses=UnreadOutput)
    @action(detail=False, methods=["get"], url_path="unread")
    def unread(self, request):
        return Response({"unread": unread_count(request.user)})


class PreferencesApi(APIView):
    class Body(serializers.Serializer):
        channels = serializers.DictField(
            child=serializers.ListField(child=serializers.ChoiceField(CHOOSABLE)), required=False
        )
        digest = serializers.ChoiceField(DigestFrequency.choices, required=False)
        language = serializers.ChoiceField(["", "de", "en"], required=False)
        sms_number = serializers.CharField(allow_blank=True, max_length=30, required=False)

    def _show(self, preference) -> dict:
        role = getattr(self.request.user, "role", None)
        channels = {e.kind: preference.channels_for(e.kind) for e in all_events() if e.is_for(role)}
        return {
            "channels": channels,
            "digest": preference.digest,
            "language": preference.language,
            "sms_number": preference.sms_number,
        }

    class PreferencesOutput(Body):
        """The body's fields, every one always sent (the schema marks them required)."""

        def get_fields(self):
            fields = super().get_fields()
            for field in fields.values():
                field.required = True
            return fields

    @extend_schema(responses=PreferencesOutput)
    def get(self, request):
        return Response(self._show(preference_for(request.user)))

    @extend_schema(request=Body, responses=PreferencesOutput)
    def patch(self, request):
        body = self.Body(data=request.data)
        body.is_valid(raise_exception=True)
        preference = preference_save(user=request.user, **body.validated_data)
        return Response(self._show(preference))
