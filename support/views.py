"""`/support/`: the whole directory, filterable by borough and by kind of help."""

from django.template.response import TemplateResponse

from boroughs.models import Borough

from .models import CRISIS, SupportCategory, SupportService


def directory(request):
    borough = Borough.objects.filter(slug=request.GET.get("borough", "")).first()
    category = SupportCategory.objects.filter(slug=request.GET.get("category", "")).first()

    services = SupportService.objects.all()
    if borough:
        services = services.serving(borough)
    services = list(services.in_listing_order().prefetch_related("categories", "boroughs"))

    # Crisis lines are always shown first, whatever the filter; the filtered list below
    # does not repeat them unless someone asked for crisis lines themselves.
    crisis_lines = [s for s in services if s.is_crisis]
    if category and category.slug == CRISIS:
        results, crisis_lines = crisis_lines, []
    elif category:
        results = [s for s in services if not s.is_crisis and category in s.categories.all()]
    else:
        results = [s for s in services if not s.is_crisis]

    return TemplateResponse(
        request,
        "support/directory.html",
        {
            "crisis_lines": crisis_lines,
            "services": results,
            "boroughs": Borough.objects.all(),
            "categories": SupportCategory.objects.all(),
            "selected_borough": borough,
            "selected_category": category,
        },
    )
