"""`/search/`: find published stories by words, borough and kind."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from boroughs.models import Borough
from stories.models import MemorialPage, StoryPage, TestimonyPage

MAX_QUERY_LENGTH = 200
KIND_MODELS = {"memorial": MemorialPage, "testimony": TestimonyPage}


def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    borough = Borough.objects.filter(slug=request.GET.get("borough", "")).first()
    kind = request.GET.get("kind", "")
    if kind not in KIND_MODELS:
        kind = ""

    results = None
    cards = []
    if query:
        model = KIND_MODELS.get(kind, StoryPage)
        pages = model.objects.live().public()
        if borough:
            pages = pages.filter(borough=borough)
        results = Paginator(pages.search(query), 10).get_page(request.GET.get("page"))
        cards = StoryPage.cards(results.object_list)

    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query,
            "results": results,
            "result_cards": cards,
            "boroughs": Borough.objects.all(),
            "selected_borough": borough,
            "selected_kind": kind,
        },
    )
