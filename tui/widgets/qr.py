"""A QR code drawn with half-block characters: two modules per character cell."""

from __future__ import annotations

from textual.widgets import Static


def qr_text(data: str, border: int = 1) -> str:
    """``data`` as a QR code in text, dark modules as ink on the terminal's background."""
    import qrcode  # imported here: only a request for the QR needs it

    code = qrcode.QRCode(border=border, error_correction=qrcode.constants.ERROR_CORRECT_L)
    code.add_data(data)
    code.make(fit=True)
    rows = code.get_matrix()
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    # Light modules are drawn (█), dark ones left blank, so the code reads on a dark screen.
    glyph = {(False, False): "█", (False, True): "▀", (True, False): "▄", (True, True): " "}
    return "\n".join("".join(glyph[(top, bottom)] for top, bottom in zip(rows[i], rows[i + 1]))
                     for i in range(0, len(rows), 2))


class QrCode(Static):
    """Shows a QR code of some text."""

    DEFAULT_CSS = "QrCode { width: auto; height: auto; }"

    def __init__(self, data: str, **kwargs) -> None:
        super().__init__(qr_text(data), markup=False, **kwargs)
