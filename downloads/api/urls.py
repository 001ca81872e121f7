from .views import DownloadViewSet

routes = [
    ("downloads", DownloadViewSet, "download"),
]
