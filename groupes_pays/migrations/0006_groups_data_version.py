"""The home page's agenda and news card is cached under the "groupes" data version (atlas.figures), kept
like the others: these triggers set it to a new number with every statement writing to the tables the card
reads (groups, meetings, news), in the writer's transaction. A meeting or news item saved in the admin
shows at once on every worker and host."""

from django.db import migrations

GROUPS_TABLES = ("groupes_pays_group", "groupes_pays_meeting", "groupes_pays_newsitem", "groupes_pays_newsitem_groups")


def trigger_sql(table):
    return (f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_data_version('groupes');")


class Migration(migrations.Migration):

    dependencies = [
        ("groupes_pays", "0005_merge_0004_demo_flag_0004_name_translations"),
        ("atlas", "0008_data_version"),
    ]

    operations = [
        migrations.RunSQL([trigger_sql(table) for table in GROUPS_TABLES],
                          [f"DROP TRIGGER IF EXISTS {table}_data_version ON {table};" for table in GROUPS_TABLES]),
        migrations.RunSQL("INSERT INTO atlas_dataversion (scope, version) "
                          "VALUES ('groupes', nextval('atlas_dataversion_seq')) ON CONFLICT (scope) DO NOTHING;",
                          migrations.RunSQL.noop),
    ]
