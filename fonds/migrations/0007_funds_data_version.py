"""The funds' totals (the home page's open funds, with their progress) are cached under the "fonds" data
version (atlas.figures), kept like the "atlas" and "eapd" ones: these triggers set it to a new number with
every statement writing to the tables the totals are derived from, in the writer's transaction."""

from django.db import migrations

FONDS_TABLES = ("fonds_fund", "fonds_contribution", "fonds_allocation", "fonds_ledgerentry")


def trigger_sql(table):
    return (f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_data_version('fonds');")


class Migration(migrations.Migration):

    dependencies = [
        ("fonds", "0006_merge_0004_protect_history_0005_name_translations"),
        ("atlas", "0008_data_version"),
    ]

    operations = [
        migrations.RunSQL([trigger_sql(table) for table in FONDS_TABLES],
                          [f"DROP TRIGGER IF EXISTS {table}_data_version ON {table};" for table in FONDS_TABLES]),
        migrations.RunSQL("INSERT INTO atlas_dataversion (scope, version) "
                          "VALUES ('fonds', nextval('atlas_dataversion_seq')) ON CONFLICT (scope) DO NOTHING;",
                          migrations.RunSQL.noop),
    ]
