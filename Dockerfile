# The portal's production image: one image for the web (gunicorn), the Celery worker
# and Celery beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (the report's PDF) needs Pango and HarfBuzz; the Noto CJK fonts print the
# names of partner cities in Chinese, Japanese and Korean.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# Hashed, compressed static files, built once into the image (no secret is needed for it).
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput

RUN useradd --system --uid 1000 --home /app portal \
    && mkdir -p /app/media \
    && chown -R portal /app/media
USER portal

EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "intl_relations.wsgi"]
