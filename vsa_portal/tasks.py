from celery import shared_task


@shared_task(ignore_result=False)
def ping():
    """Round trip through the broker and a worker, used by the integration tests."""
    return "pong"
