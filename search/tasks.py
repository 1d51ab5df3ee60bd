from celery import shared_task


@shared_task
def rebuild_search_index():
    """Nightly, after the expiry of publications (which updates rows without signals)."""
    from search import index

    return index.rebuild()
