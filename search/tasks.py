"""Elasticsearch kept in step with the data, through the task interface (in process by default, a worker at scale)."""

from django_tasks import task


@task()
def search_index_refresh(*, kind, object_ids):
    from search.services import elastic_refresh

    elastic_refresh(kind=kind, object_ids=object_ids)
