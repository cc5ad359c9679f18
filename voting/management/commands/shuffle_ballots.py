from django.core.management.base import BaseCommand

from voting.secrecy import shuffle_ballot_boxes


class Command(BaseCommand):
    help = (
        "Shuffle every ballot box holding ballots that wait for their shuffle "
        "(a process died between a cast and its shuffle). Run it every minute: "
        "see voting/THREAT_MODEL.md."
    )

    def handle(self, *args, **options):
        waiting = shuffle_ballot_boxes()
        if waiting:
            self.stdout.write(f"{waiting} ballots shuffled into their boxes.")
