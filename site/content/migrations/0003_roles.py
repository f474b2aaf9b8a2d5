"""Lantern's roles as groups, with the Wagtail and Django permissions each needs; later apps extend them.

Wagtail's first migrations create "Editors" and "Moderators" with page permissions and a
"Moderators approval" workflow. In Lantern, moderators look after reviews, not pages, and a
guide is published only once a fact-checker has approved it, so those defaults are replaced.
"""

from django.db import migrations

from config.permissions import ensure_permissions_exist

# Page permissions on the root page, so they hold for every page of every site and language.
PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page", "lock_page", "unlock_page"],
    "Fact-checkers": ["change_page", "publish_page", "lock_page", "unlock_page"],
    "Moderators": [],
    "Agency representatives": [],
    "Partner caseworkers": [],
}
# Image and document permissions on the root collection.
COLLECTION_PERMISSIONS = {
    "Editors": ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    "Fact-checkers": ["choose_image", "choose_document"],
}
# Admin access: the roles that work in the Wagtail admin. Agency representatives and partner
# caseworkers act on the public site (right of reply, referrals), not in the admin.
ADMIN_ROLES = ["Editors", "Fact-checkers", "Moderators"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    ensure_permissions_exist(apps)
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")

    groups = {}
    for name, page_codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.set([access_admin] if name in ADMIN_ROLES else [])
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in page_codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.create(group=group, page=root_page, permission=permission)
        GroupCollectionPermission.objects.filter(group=group).delete()
        for codename in COLLECTION_PERMISSIONS.get(name, []):
            app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.create(group=group, collection=root_collection, permission=permission)

    # Pages go live through a fact-check: the default approval task belongs to Fact-checkers.
    for task in GroupApprovalTask.objects.filter(groups=groups["Moderators"]):
        task.groups.set([groups["Fact-checkers"]])
        task.name = "Fact-check against sources"
        task.save(update_fields=["name"])
        Workflow.objects.filter(workflow_tasks__task=task).update(name="Fact-check")


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0002_locales_and_home_page"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
