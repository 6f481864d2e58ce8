app_name = "instructor"

urlpatterns = []
