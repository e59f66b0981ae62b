"""WebSocket routes of every app. The intervisie live rooms add theirs here."""

websocket_urlpatterns = []
