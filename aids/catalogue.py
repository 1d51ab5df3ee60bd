"""Load the aids catalogue's reference content (aids.yaml of the territory folder) idempotently.

An aid missing from the database is created; an existing aid is updated only when the file's
``last_checked`` is later than the database's, so that what the project lead edited in the
admin since is kept. Its conditions are then replaced by the file's.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import yaml
from django.conf import settings
from django.db import transaction

from aids.models import Aid, Condition


def territory_catalogue():
    """The territory folder's aids.yaml, or None when the folder has no catalogue."""
    return settings.TERRITORY["files"].get("aids.yaml")


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    kept: int = 0
    slugs: list = field(default_factory=list)

    @property
    def total(self):
        return self.created + self.updated + self.kept

    def as_text(self):
        return (
            f"Aids: {self.created} created, {self.updated} updated, "
            f"{self.kept} kept as edited in the admin or unchanged."
        )


def decimal(value):
    return None if value is None else Decimal(str(value))


def aid_values(entry):
    amount = entry["amount"]
    return {
        "title": entry["title"],
        "summary": entry["summary"].strip(),
        "funder": entry["funder"],
        "level": entry["level"],
        "kind": entry["kind"],
        "amount_kind": amount["kind"],
        "amount_value": decimal(amount.get("value")),
        "amount_max": decimal(amount.get("max")),
        "amount_text": amount["text"],
        "duration_months": entry.get("duration_months"),
        "commitment": (entry.get("commitment") or "").strip(),
        "cumulation": (entry.get("cumulation") or "").strip(),
        "how_to_apply": entry["how_to_apply"].strip(),
        "source_url": entry["source"]["url"],
        "source_label": entry["source"]["label"],
        "last_checked": entry["last_checked"],
        "status": entry["status"],
        "closed_since": entry.get("closed_since"),
        "position": entry.get("position", 100),
        "is_demo": False,
    }


def condition_rows(aid, entry):
    return [
        Condition(
            aid=aid,
            type=item["type"],
            values=[str(value) for value in item.get("values", [])],
            number=decimal(item.get("number")),
            label=item.get("label", ""),
            legal_source=item["source"],
            source_url=item.get("source_url", ""),
            valid_from=item.get("since"),
            position=position,
        )
        for position, item in enumerate(entry.get("conditions", []))
    ]


def read_catalogue(path=None):
    path = path or territory_catalogue()
    if path is None:
        return []
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or []


def load_catalogue(path=None):
    report = LoadReport()
    entries = read_catalogue(path)
    existing = {aid.slug: aid for aid in Aid.objects.filter(slug__in=[e["slug"] for e in entries])}
    with transaction.atomic():
        for entry in entries:
            values = aid_values(entry)
            aid = existing.get(entry["slug"])
            report.slugs.append(entry["slug"])
            if aid is None:
                aid = Aid.objects.create(slug=entry["slug"], **values)
                report.created += 1
            elif (
                isinstance(values["last_checked"], date)
                and values["last_checked"] > aid.last_checked
            ):
                for name, value in values.items():
                    setattr(aid, name, value)
                aid.save()
                aid.conditions.all().delete()
                report.updated += 1
            else:
                report.kept += 1
                continue
            for condition in condition_rows(aid, entry):
                condition.full_clean(exclude=["aid"])
            Condition.objects.bulk_create(condition_rows(aid, entry))
    return report
