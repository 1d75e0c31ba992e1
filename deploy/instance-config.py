# /srv/collector/instance/config.py: Collector's settings for this installation
# (docs/deploy.md, step 4). Every default is in collector/config.py. Owner collector, mode 0600.
# Do not set SQLALCHEMY_DATABASE_URI here: DATABASE_URL in /etc/collector/collector.env is
# the one place for the database, so the backup commands use the same one.

# Signs logins and respondent links. Left out, the app makes one in this folder (the file
# secret_key): right for one server. With several app servers, set the SAME value on all:
# make one with  python3 -c 'import secrets; print(secrets.token_hex(32))'  and remove the #.
# Changing it logs everybody out and makes printed respondent links unreadable.
# SECRET_KEY = "paste the value here"

# The address people open: used for respondent links, QR codes and leaflets.
PUBLIC_BASE_URL = "https://collector.example.lv"

# One nginx in front of the app: trust its X-Forwarded-For (the respondent's address, for
# rate limits) and X-Forwarded-Proto (https). Two proxies in a row (a load balancer, then
# nginx): 2. No proxy at all: 0.
PROXY_FIX_X_FOR = 1
PROXY_FIX_X_PROTO = 1

# Where rate limits (respondent links, logins) are counted. The default memory:// counts in
# each gunicorn worker apart: fine for one server. With several app servers use one Redis,
# so a limit is one limit for all (docs/deploy.md).
# RATELIMIT_STORAGE_URI = "redis://127.0.0.1:6379/0"

# Finished large exports. With several app servers: a folder they all share (NFS).
EXPORT_FOLDER = "/srv/collector/exports"

# Days in Progress and times in workbooks are local to the fieldwork.
TIMEZONE = "Europe/Riga"
