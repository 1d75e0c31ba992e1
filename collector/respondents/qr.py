"""QR codes of respondent links, as SVG (segno), sharp at any print size."""

import io

import segno


def qr_svg(url: str, title: str) -> bytes:
    """An SVG that scales to whatever size the page gives it (no fixed width).

    Error level Q still reads with a quarter of the code creased or smudged, as a leaflet
    on a notice board will be.
    """
    code = segno.make(url, error="q", boost_error=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        omitsize=True,
        border=4,  # the quiet zone the standard asks for; scanners need it
        dark="#000",
        light="#fff",
        title=title,
        svgclass=None,
        lineclass=None,
    )
    return out.getvalue()
