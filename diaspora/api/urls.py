from .views import ConsulateViewSet, DiasporaGroupViewSet

routes = [
    ("consulates", ConsulateViewSet, "consulate"),
    ("diaspora-groups", DiasporaGroupViewSet, "diaspora-group"),
]
