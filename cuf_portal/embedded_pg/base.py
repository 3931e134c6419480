from django.db.backends.postgresql import base

from . import socket_dir


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        params["host"] = socket_dir(self.settings_dict["PGDATA"], self.settings_dict["NAME"])
        return params
