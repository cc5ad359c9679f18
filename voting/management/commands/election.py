from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from voting import actions, electorate
from voting.models import ElectionPage


class Command(BaseCommand):
    help = (
        "Run an election from the command line: import its list of voters "
        "from a CSV file or a mentoring round's participants, invite them, "
        "remind those who have not voted, show turnout, close early or "
        "publish the results. Every action is recorded in the election's "
        "audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            choices=["import", "invite", "remind", "turnout", "close", "publish"],
        )
        parser.add_argument("election", help="The election page's id or slug.")
        parser.add_argument("--csv", help="For import: the CSV file (UTF-8).")
        parser.add_argument(
            "--round",
            type=int,
            help="For import: the id of the mentoring round whose participants vote.",
        )

    def handle(self, *args, action, election, csv=None, round=None, **options):
        lookup = Q(slug=election)
        if election.isdigit():
            lookup |= Q(pk=int(election))
        page = ElectionPage.objects.filter(lookup).order_by("pk").first()
        if page is None:
            raise CommandError(f"No election {election!r}.")
        page = page.source_page  # one election in every language
        if action == "import":
            if page.electorate != "closed":
                raise CommandError("Only a closed election has a list of voters.")
            if round is not None:
                report = self.import_round(page, round)
            elif csv:
                report = electorate.import_roll(page, self.read(csv))
            else:
                raise CommandError(
                    "Give the list of voters with --csv FILE or --round ID."
                )
            if not report.ok:
                raise CommandError(
                    "Nothing was imported:\n" + "\n".join(report.errors[:50])
                )
            self.stdout.write(
                f"{report.created} voters added, {report.existing} already listed."
            )
        elif action == "invite":
            self.stdout.write(f"{electorate.invite(page)} invitations queued.")
        elif action == "remind":
            self.stdout.write(f"{electorate.remind(page)} reminders queued.")
        elif action == "turnout":
            cast, size = electorate.turnout(page)
            self.stdout.write(f"{cast} ballots from {size} voters.")
        else:
            step = actions.close_early if action == "close" else actions.publish_results
            try:
                step(page)
            except actions.ActionRefused as error:
                raise CommandError(str(error)) from None
            self.stdout.write("Done.")

    def read(self, path):
        try:
            with open(path, encoding="utf-8-sig") as roll:
                return roll.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None

    def import_round(self, page, round_id):
        from program.participants import rounds

        round_page = rounds().filter(pk=round_id).first()
        if round_page is None:
            raise CommandError(f"No mentoring round with id {round_id}.")
        return electorate.import_round(page, round_page)
