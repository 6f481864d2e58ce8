from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import NoteFile, Topic


@require_GET
def home(request):
    topics = Topic.objects.order_by("domain", "name")
    return render(request, "studynotes/home.html", {"topics": topics})


@require_GET
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    sections = topic.sections.active().select_related("note_file")
    return render(request, "studynotes/topic.html", {"topic": topic, "sections": sections})


@require_GET
def file_detail(request, pk):
    note_file = get_object_or_404(NoteFile, pk=pk)
    sections = note_file.sections.filter(retired=False)
    return render(request, "studynotes/file.html", {"note_file": note_file, "sections": sections})
