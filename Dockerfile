# Production image: gunicorn serving the WSGI app, whitenoise serving static files.
# The database is a managed PostgreSQL given by DATABASE_URL (the embedded one is for development).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=cuf_portal.settings

# gettext: msgfmt compiles the translation catalogues at build time.
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY cuf_portal cuf_portal
COPY atlas atlas
COPY events events
COPY groupes_pays groupes_pays
COPY fonds fonds
RUN pip install .
COPY . .

# Static files are collected at build time; no database is touched.
RUN DJANGO_SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput \
 && DJANGO_SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
    python manage.py compilemessages --ignore=tests \
 && useradd --system --uid 10001 --home /app cuf \
 && mkdir -p /app/var/media && chown -R cuf /app/var

USER cuf
EXPOSE 8000
CMD ["gunicorn", "cuf_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
