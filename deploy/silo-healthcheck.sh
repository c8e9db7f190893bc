#!/usr/bin/env bash
# HEALTHCHECK of the AKLight silo image (copied to /usr/local/bin/aklight-healthcheck; run as
# `bash /usr/local/bin/aklight-healthcheck`). Exit 0 = healthy.
#
# With the HTTP listener (the default: the dashboard, the HTTP API and the web console share it):
#   healthy once it answers HTTP, whatever the status. ASP.NET starts its server only after every
#   hosted service has started, the Orleans silo included, and the silo's start completes when it has
#   joined the cluster and is active. So an HTTP answer means "cluster member, gateway accepting clients".
# Without it (AkLight__Dashboard__Enabled=false and AkLight__Http__Enabled not true): healthy once the
#   gateway port accepts a TCP connection. Weaker: Orleans binds that port early in its start, before
#   joining the cluster.
#
# The aspnet image has neither curl nor wget: bash's /dev/tcp does the connecting. Both checks connect
# to 127.0.0.1, so the listener must be on 0.0.0.0 (the image's default) or 127.0.0.1.
set -u

dashboard="${AkLight__Dashboard__Enabled:-true}"
api="${AkLight__Http__Enabled:-}"
if [ "${dashboard,,}" = "false" ] && [ "${api,,}" != "true" ]; then
  exec 3<>"/dev/tcp/127.0.0.1/${AkLight__Silo__GatewayPort:-30000}" || exit 1
  exit 0
fi

exec 3<>"/dev/tcp/127.0.0.1/${AkLight__Dashboard__Port:-8080}" || exit 1
printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 2 status <&3 || exit 1
[[ "$status" == HTTP/* ]]
