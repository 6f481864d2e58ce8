"""The health endpoint: the framework floor for the load benchmark and the load balancer's probe.

Plain ``HttpResponse``, no template, no database, no session: what one request
costs when the app does nothing.
"""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
