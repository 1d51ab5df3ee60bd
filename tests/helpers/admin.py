"""Admin list actions as the project lead clicks them."""

import re


def publish_from_admin(client, changelist_url, pks):
    """The publish action: the review page, then the confirmation of the versions it showed."""
    review = client.post(changelist_url, {"action": "publish", "_selected_action": pks})
    assert review.status_code == 200, review.status_code
    versions = re.findall(r'name="version-(\d+)" value="([^"]*)"', review.content.decode())
    return client.post(
        changelist_url,
        {
            "action": "publish",
            "_selected_action": pks,
            "confirm_publish": "Publier",
            **{f"version-{pk}": version for pk, version in versions},
        },
    )
