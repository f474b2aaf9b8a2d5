"""What every import run shares (agency registry refreshes, price imports): its state, a person's
rejection of a held run, and the lines a command prints about it.

A run model has State (APPLIED, HELD, REJECTED), state, reason, feed (the held input), decided_by and decided_at.
"""

from django.utils import timezone


def held_run_reject(*, run, user, note=""):
    """A person rejects a held run: nothing from it is applied, and its held input is discarded."""
    if run.state != run.State.HELD:
        raise ValueError("Only a held run can be rejected.")
    run.state, run.decided_by, run.decided_at = run.State.REJECTED, user, timezone.now()
    if note:
        run.reason = f"{run.reason}\nRejected by a person: {note}".strip()
    run.feed.delete(save=False)
    run.save()
    return run


def run_state_report(command, run, held_hint):
    """Prints the run's state (coloured), its reason, and for a held run what a person must do."""
    style = {run.State.APPLIED: command.style.SUCCESS, run.State.HELD: command.style.WARNING}.get(
        run.state, command.style.ERROR
    )
    command.stdout.write(style(f"Run {run.pk}: {run.get_state_display()}."))
    if run.reason:
        command.stdout.write(run.reason)
    if run.state == run.State.HELD:
        command.stdout.write(held_hint)
