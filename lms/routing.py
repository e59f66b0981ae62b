"""WebSocket routes of every app. The intervisie live rooms add theirs here."""

from intervisie.routing import websocket_urlpatterns as intervisie_routes

websocket_urlpatterns = [*intervisie_routes]
