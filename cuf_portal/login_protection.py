def axes_username(request, credentials):
    """The login e-mail as django-axes counts failures: case does not give extra attempts."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()
