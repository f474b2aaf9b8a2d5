"""Helpers for migrations that give Lantern's roles their permissions."""

from django.contrib.auth.management import create_permissions


def ensure_permissions_exist(apps):
    """Permissions are normally created after all migrations; a roles migration needs them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, group_name, app_label, codenames):
    """Adds model permissions of one app to a group (created if missing)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
