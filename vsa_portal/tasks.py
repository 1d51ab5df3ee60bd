from celery import shared_task


@shared_task(ignore_result=False)
def ping():
    """Round trip through the broker and a worker, used by the integration tests."""
    return "pong"


@shared_task
def expire_publications():
    """Whatever partners post (every kind they may post) leaves the public pages for good the
    day after its expiry date (status "expired"); returns how many, per kind."""
    from vsa_portal import kinds

    return {kind.key: kind.model.objects.expire() for kind in kinds.postable()}
