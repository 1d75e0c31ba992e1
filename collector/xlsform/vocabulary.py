"""The words of XLSForm that the import reads: types, metadata, and which columns are used,
refused (they change what is asked) or left out with a warning (how things look)."""

from flask_babel import lazy_gettext as _l

# A select_one over this list is our yes_no question; any other yes/no list stays a
# select_one, so a form brought from elsewhere keeps exactly its own choices and labels.
YES_NO_LIST = "collector_yes_no"
YES_NO_VALUES = ("yes", "no")
SIMPLE_TYPES = {
    "text": "text",
    "string": "text",
    "integer": "integer",
    "int": "integer",
    "decimal": "decimal",
    "date": "date",
    "note": "note",
    "acknowledge": "consent",
    "trigger": "consent",
}
SELECT_TYPES = {
    "select_one": "select_one",
    "select one": "select_one",
    "select_multiple": "select_multiple",
    "select multiple": "select_multiple",
}
# Recorded by every device; Collector submissions carry started_at and completed_at.
RECORDED_ANYWAY = {"start", "end"}
METADATA = {
    "today",
    "deviceid",
    "imei",
    "subscriberid",
    "simserial",
    "phonenumber",
    "phone_number",
    "username",
    "email",
    "audit",
    "start-geopoint",
    "background-geopoint",
    "background-audio",
    "uri:email",
    "uri:phonenumber",
    "uri:username",
    "uri:deviceid",
    "uri:subscriberid",
    "uri:simserial",
}
UNSUPPORTED_TYPES = {
    "begin repeat": "repeats",
    "calculate": "calculated fields",
    "hidden": "hidden fields",
    "select_one_from_file": "choices from an external file",
    "select_multiple_from_file": "choices from an external file",
    "select_one_external": "external choices",
    "xml-external": "external data",
    "csv-external": "external data",
    "geopoint": "locations",
    "geotrace": "locations",
    "geoshape": "locations",
    "image": "photos",
    "audio": "recordings",
    "video": "videos",
    "file": "files",
    "barcode": "barcodes",
    "time": "times of day",
    "datetime": "dates with times",
    "range": "range sliders",
    "rank": "ranking",
}
# Columns that change what is asked or stored: without them the form would mean something
# else, so they fail the import rather than being dropped.
REFUSED_COLUMNS = {
    "calculation": _l("calculations are not supported"),
    "choice_filter": _l("choice filters are not supported"),
    "repeat_count": _l("repeats are not supported"),
    "trigger": _l("triggers (recalculating on another answer) are not supported"),
}
# Columns about how a question looks or sounds: left out with a warning.
DROPPED_COLUMNS = {
    "image",
    "audio",
    "video",
    "media::image",
    "media::audio",
    "media::video",
    "big-image",
    "guidance_hint",
    "required_message",
    "read_only",
    "autoplay",
    "parameters",
}
USED_COLUMNS = {
    "type",
    "name",
    "label",
    "hint",
    "required",
    "relevant",
    "constraint",
    "constraint_message",
    "appearance",
    "default",
    "collector::tags",
    "collector::sensitive",
    "collector::renamed_from",
    "collector::min",
    "collector::max",
    "collector::style",
}
TRUE_WORDS = {"yes", "true", "true()", "1"}
FALSE_WORDS = {"no", "false", "false()", "0"}
DEFAULT_SECTION = "questions"
