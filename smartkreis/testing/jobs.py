"""Documents written by background jobs, fetched in tests as their users fetch them: started with
a POST, followed to the job's page, downloaded from its link."""

import re


def download_by_job(client, start_url, django_capture_on_commit_callbacks):
    """The download of the document job a POST to `start_url` starts. The job runs (in the
    process) once the request's transaction committed, as a worker would run it."""
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(start_url)
    assert started.status_code == 302, started
    page = client.get(started.url).content.decode()
    link = re.search(r'href="([^"]+/datei/)"', page)
    assert link, page
    return client.get(link.group(1))
