"""
The CDN purges, run by the tasks worker (`manage.py db_worker`): a purge is a request to the CDN's
API, which no reader's or editor's request waits for (purge.py queues them once changes commit).
"""

from django_tasks import task
from wagtail.contrib.frontend_cache.utils import PurgeBatch


@task()
def purge_urls(urls):
    """Ask each configured CDN to drop `urls`: one purge request per CDN."""
    PurgeBatch(urls).purge()
