"""A bare Channels consumer that echoes every message to its room's group: the yardstick for room_fanout.py."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
django.setup()

from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path  # noqa: E402


class EchoToGroup(AsyncWebsocketConsumer):
    async def connect(self):
        self.group = f"bare.{self.scope['url_route']['kwargs']['room']}"
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        await self.channel_layer.group_send(self.group, {"type": "relay", "text": text_data})

    async def relay(self, message):
        await self.send(text_data=message["text"])


application = ProtocolTypeRouter({"websocket": URLRouter([path("bare/<int:room>/", EchoToGroup.as_asgi())])})
