"""gunicorn settings read from the project folder (gunicorn's default ./gunicorn.conf.py): the Dockerfile's
command and `bench_atlas --http` run from there. Command-line options still take precedence."""


def post_worker_init(worker):
    """Before a new worker takes its first request, it serves a few pages to itself: templates compiled,
    URL resolver built, lazy imports done, database connection opened and the search form's reference lists
    cached. Without this the first visitor of each worker waited 0.6–1.7 s for /atlas/."""
    from atlas.warmup import warm_up

    warm_up(worker.wsgi, worker.log)
