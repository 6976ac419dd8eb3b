"""`/support/`: the whole directory, filterable by borough and by kind of help."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from boroughs.models import Borough

from .models import CRISIS, SupportCategory, SupportService


def directory(request):
    borough = Borough.objects.filter(slug=request.GET.get("borough", "")).first()
    category = SupportCategory.objects.filter(slug=request.GET.get("category", "")).first()
    young = request.GET.get("young") == "1"

    services = SupportService.objects.all()
    if young:
        # Crisis lines stay, whatever the filter: a young person in danger needs them most.
        services = services.filter(Q(for_young_people=True) | Q(categories__slug=CRISIS)).distinct()
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
            "young": young,
        },
    )


def bleed_kits(request):
    """Every borough that has a public kit, with how many."""
    boroughs = Borough.objects.annotate(kits=Count("bleed_kits")).filter(kits__gt=0).order_by("name")
    return TemplateResponse(request, "support/bleed_kits_index.html", {"boroughs": boroughs})


def borough_bleed_kits(request, slug):
    borough = get_object_or_404(Borough, slug=slug)
    kits = borough.bleed_kits.select_related("in_memory_of").order_by("venue")
    return TemplateResponse(request, "support/bleed_kits.html", {"borough": borough, "kits": kits})
