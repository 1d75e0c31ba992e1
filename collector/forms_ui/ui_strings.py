"""Interface strings the JavaScript shows, translated on the server like every other."""

from flask_babel import gettext as _


def ui_strings(respondent: bool = False) -> dict[str, str]:
    """`respondent`: the page of a respondent link, where a person answers for themselves."""
    strings = {
        "never": _("never"),
        "sending": _("Sending…"),
        "sent": _("All interviews are sent."),
        "offline": _("No connection. Interviews are kept on this phone and sent later."),
        "server_error": _("The server did not answer. Trying again later."),
        "login_needed": _("Your login has expired. Log in again to send; nothing is lost."),
        "log_in": _("Log in"),
        "attention": _("Needs attention"),
        "storage_unavailable": _("Answers cannot be kept on this phone."),
        "finished_elsewhere": _(
            "This interview was finished in another tab. A new, empty one is open now."
        ),
        "saved": _("Saved. It will be sent when there is a connection."),
        "draft_resumed": _("Your unfinished answers are back."),
        "step_of": _("Step {n} of {total}"),
        "question_of": _("{n} of {total}"),  # plain-language mode: questions, not steps
        "read_aloud": _("Read aloud"),
        "required": _("This question needs an answer."),
        "whole_number": _("Write a whole number, like 3."),
        "number": _("Write a number, like 2,5."),
        "date": _("Write a date like 2026-05-12."),
        "too_small": _("The answer must be {min} or more."),
        "too_large": _("The answer must be {max} or less."),
        "constraint": _("This answer does not fit. Check it, please."),
        "fix_errors": _("Some answers need a look. They are marked in red."),
        "drafts_empty": _("No unfinished interviews."),
        "outbox_empty": _("Nothing waiting to be sent."),
        "continue": _("Continue"),
        "delete": _("Delete"),
        "confirm_delete": _("Delete this unfinished interview? Its answers will be lost."),
        "started": _("Started"),
        "waiting": _("Waiting"),
        "too_large_to_send": _(
            "This interview is too large to send. It stays on this phone; ask your coordinator."
        ),
    }
    if respondent:
        strings |= {
            "saved": _(
                "Thank you! Your answers are saved on this phone and will be sent when there "
                "is a connection."
            ),
            # Also shown when a fresh page finds nothing to send: no thanks for nothing.
            "sent": _("Nothing waiting to be sent."),
            "draft_resumed": _("Your answers from before are back. You can go on."),
        }
    return strings
