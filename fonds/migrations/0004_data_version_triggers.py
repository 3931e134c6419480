"""The e-APD figures (APD panels on the Atlas pages, statistics) are cached under the "eapd" data
version (atlas.figures): these triggers set it to a new number with every write to the tables they are
derived from, in the writer's transaction, like the Atlas tables (atlas migration 0008)."""

from django.db import migrations

EAPD_TABLES = ("fonds_campaign", "fonds_declaration", "fonds_declarationline", "fonds_referencefigure",
               "fonds_dacsector", "fonds_eligiblecountry")


def trigger_sql(table):
    return (f"CREATE TRIGGER {table}_data_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_data_version('eapd');")


class Migration(migrations.Migration):

    dependencies = [
        ("fonds", "0003_fund_slug_not_reserved"),
        ("atlas", "0008_data_version"),
    ]

    operations = [
        migrations.RunSQL([trigger_sql(table) for table in EAPD_TABLES],
                          [f"DROP TRIGGER IF EXISTS {table}_data_version ON {table};" for table in EAPD_TABLES]),
        migrations.RunSQL("INSERT INTO atlas_dataversion (scope, version) "
                          "VALUES ('eapd', nextval('atlas_dataversion_seq')) ON CONFLICT (scope) DO NOTHING;",
                          migrations.RunSQL.noop),
    ]
