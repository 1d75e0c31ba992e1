"""Two coordinators deciding on one item at the same moment: the first decision stands."""

import pytest
from sqlalchemy import select, update

from collector.auth.models import Role, User
from collector.extensions import db
from collector.intake.models import QuarantineItem, QuarantineStatus
from collector.review.operations import AlreadyResolved, Fixes, release_item
from tests.factories import submission
from tests.review.helpers import audit_events, item_row, kept, submissions


def test_a_release_racing_a_discard_made_elsewhere_stores_nothing(app, make_user, phone):
    item_id = kept(phone, submission(version=99))
    make_user("ilze", Role.COORDINATOR)
    with app.app_context():
        ilze = db.session.scalar(select(User).where(User.username == "ilze"))
        item = db.session.get(QuarantineItem, item_id)  # read while still open
        with db.engine.begin() as elsewhere:  # another coordinator's request, committed
            elsewhere.execute(
                update(QuarantineItem)
                .where(QuarantineItem.id == item_id)
                .values(status=QuarantineStatus.DISCARDED, resolution_note="a test")
            )
        assert item.status == QuarantineStatus.OPEN  # as this request still sees it
        with pytest.raises(AlreadyResolved):
            release_item(item, ilze, Fixes(version=1))
    assert submissions(app) == []
    assert item_row(app, item_id).status == "discarded"
    assert audit_events(app, "quarantine.release") == []
