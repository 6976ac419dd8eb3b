"""The inbox's table: Wagtail's own `Table` and columns, one template per cell."""

from django.template.loader import get_template
from wagtail.admin.ui.tables import BaseColumn, DateColumn, Table


class TemplateColumn(BaseColumn):
    """A column whose cell is a template given the row's `InboxItem` as `item`."""

    def __init__(self, name, template, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = template

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(parent_context["table"].cell_context, item=instance)
        return context

    def render_cell_html(self, instance, parent_context):
        # An item from a registered source (inbox.SOURCES) brings its own cell templates.
        own = instance.extra.get("cells", {}).get(self.name)
        if own:
            return get_template(own).render(self.get_cell_context_data(instance, parent_context))
        return super().render_cell_html(instance, parent_context)


class InboxTable(Table):
    """Wagtail's table; `cell_context` (the tab, the ready-made reasons, the inbox's URL) reaches every cell."""

    def __init__(self, *args, cell_context=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cell_context = cell_context or {}

    def get_row_attrs(self, instance):
        return {"class": f"inbox-row inbox-row--{instance.kind}", "id": f"inbox-{instance.kind}-{instance.pk}"}


CELL = "moderation/admin/inbox/{}.html"


def inbox_columns():
    return [
        TemplateColumn("select", CELL.format("select_cell"), label="Select", classname="inbox-select"),
        TemplateColumn("kind", CELL.format("kind_cell"), label="Kind"),
        TemplateColumn("item", CELL.format("item_cell"), label="What is waiting"),
        TemplateColumn("why", CELL.format("why_cell"), label="Why it is here"),
        DateColumn("since", label="Waiting"),
        TemplateColumn("actions", CELL.format("actions_cell"), label="Actions", classname="inbox-actions"),
    ]
