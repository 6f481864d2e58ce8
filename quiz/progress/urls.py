app_name = "progress"

urlpatterns = []
