"""The home page's Rencontres card (and the coming edition on the home agenda) is cached under the "events"
data version (atlas.figures), kept like the others: this trigger sets it to a new number with every
statement writing to the editions, in the writer's transaction. Registrations and seats have no trigger:
the card does not show them, and a version bumped by every registration would serialise them."""

from django.db import migrations

EVENTS_TABLES = ("events_edition",)


def trigger_sql(table):
    return (f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_data_version('events');")


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0005_merge_20261202_0152"),
        ("atlas", "0008_data_version"),
    ]

    operations = [
        migrations.RunSQL([trigger_sql(table) for table in EVENTS_TABLES],
                          [f"DROP TRIGGER IF EXISTS {table}_data_version ON {table};" for table in EVENTS_TABLES]),
        migrations.RunSQL("INSERT INTO atlas_dataversion (scope, version) "
                          "VALUES ('events', nextval('atlas_dataversion_seq')) ON CONFLICT (scope) DO NOTHING;",
                          migrations.RunSQL.noop),
    ]
