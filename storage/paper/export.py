"""Writers for results that leave the program: CSV and plain text (JSON is the results dict)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from session.i18n import t
from session.local import percent_label


def results_json(data: dict[str, Any]) -> str:
    """The results JSON, pretty and UTF-8."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def results_csv(data: dict[str, Any]) -> str:
    """One row per person: counts and percentages of every level, then the band."""
    out = io.StringIO()
    keys = list(data["persons"][0]["counts"]) if data["persons"] else []
    writer = csv.writer(out, lineterminator="\n")
    # Several ballot forms: a first column names each person's form, and each row carries its form's denominator.
    forms = {f["id"]: f for f in data.get("forms", ())}
    lead = ["form"] if forms else []
    writer.writerow([*lead, "id", "name", "position", *keys, *(f"{k}_percent" for k in keys), "band", "denominator", "basis"])
    for p in data["persons"]:
        basis = forms[p["form"]]["denominator"] if forms else data["denominator"]
        writer.writerow([*([p["form"]] if forms else []), p["id"], p["name"], p["position"], *(p["counts"][k] for k in keys),
                         *(p["percent"][k] for k in keys), p["band"], basis["value"], basis["basis"]])
    return out.getvalue()


def results_text(data: dict[str, Any], levels: dict[str, str], lang: str = "vi") -> str:
    """A readable table: the books, then each person with counts, percentages and band."""
    lines = [
        t("results.head", lang, rules=data["rules"], citation=data["citation"]),
        t("results.books", lang, convened=data["convened"], present=data["present"], issued=data["issued"],
          returned=data["returned"], valid=data["valid"], invalid=data["invalid"]),
        t("results.basis", lang, basis=t(f"basis.{data['denominator']['basis']}", lang), value=data["denominator"]["value"]),
        "",
    ]
    for form in data.get("forms") or ({"persons": data["persons"]},):
        if "id" in form:  # several forms: each with its own books and basis
            lines += [t("results.form", lang, id=form["id"], title=form["title"]),
                      t("results.books", lang, convened=data["convened"], present=data["present"], issued=form["issued"],
                        returned=form["returned"], valid=form["valid"], invalid=form["invalid"]),
                      t("results.basis", lang, basis=t(f"basis.{form['denominator']['basis']}", lang),
                        value=form["denominator"]["value"])]
        for p in form["persons"]:
            lines.append(f"{p['name']} — {p['position']}")
            for key, count in p["counts"].items():
                label = levels.get(key, t("level.invalid", lang))
                lines.append(f"    {label:<18} {count:>5}  {percent_label(p['percent'][key], lang):>7}")
            lines.append(f"    {t('results.band', lang)}: {t('band.' + p['band'], lang)}  ({'; '.join(p['working'])})")
        if "id" in form:
            lines.append("")
    return "\n".join(lines) + "\n"
