"""The dossier's admin form as the project lead's browser would post it back."""


def admin_post_data(client, url, **changes):
    """The change form's current values, every inline empty, with ``changes`` applied."""
    form = client.get(url).context["adminform"].form
    data = {
        name: form[name].value() or "" for name in form.fields if name not in ("communes", "labels")
    }
    data.update(communes=[], labels=[])
    for prefix in ("needs", "messages", "notes", "referrals", "documents"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return {
        key: ("on" if value is True else value) for key, value in data.items() if value is not False
    }
