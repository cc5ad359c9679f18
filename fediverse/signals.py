"""A block saved anywhere (the admin's Blocks, or code) removes what that
server or account sent."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Block
from .moderation import apply_block


@receiver(post_save, sender=Block)
def block_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        transaction.on_commit(lambda: apply_block(instance))
