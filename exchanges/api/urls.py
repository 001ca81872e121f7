from .views import (
    ApplicationDocumentViewSet,
    ApplicationViewSet,
    ExchangeProgramViewSet,
    ParticipantViewSet,
)

routes = [
    ("exchange-programs", ExchangeProgramViewSet, "exchange-program"),
    ("applications", ApplicationViewSet, "application"),
    ("application-documents", ApplicationDocumentViewSet, "application-document"),
    ("participants", ParticipantViewSet, "participant"),
]
