# AKLight images. One Dockerfile, three targets that share the restore layer:
#
#   docker build --target silo     -t aklight-silo:local .      # the broker (ASP.NET runtime: it serves HTTP)
#   docker build --target producer -t aklight-producer:local .  # container-metrics agent / `send` tool
#   docker build --target consumer -t aklight-consumer:local .  # monitoring consumer / kcat-like tool
#
# docker-compose.yml builds all three: `docker compose up --build`.
# The build context is the repository root; .dockerignore keeps bin/, obj/, tests and .git out of it.
# No `# syntax=` line on purpose: BuildKit would fetch that frontend image from a registry first, which
# fails on an engine without registry access; this file needs nothing beyond the built-in frontend.

# ---------------------------------------------------------------------------------------------------
# restore: only the MSBuild and project files, so the NuGet layer is reused until one of them changes.
# Every application project and everything they reference (directly or not) must be listed here and
# copied in its publish stage below; tests/AkLight.Pipeline.ProcessTests/DockerfileTests.cs checks both.
# ---------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS restore
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
COPY Storage/Storage.csproj Storage/
COPY Client/Client.csproj Client/
COPY Monitoring/Monitoring.csproj Monitoring/
COPY Silo/Silo.csproj Silo/
COPY CommandLine/CommandLine.csproj CommandLine/
COPY Producer/Producer.csproj Producer/
COPY Consumer/Consumer.csproj Consumer/
RUN dotnet restore Silo/Silo.csproj \
 && dotnet restore Producer/Producer.csproj \
 && dotnet restore Consumer/Consumer.csproj

# ---------------------------------------------------------------------------------------------------
# publish: one stage per application with only the sources it needs, so a change to the consumer does
# not rebuild the silo. Framework-dependent and portable (`dotnet X.dll`), so no apphost.
# ---------------------------------------------------------------------------------------------------
FROM restore AS publish-silo
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Storage/ Storage/
# Client: the HTTP API produces through the batching producer.
COPY Client/ Client/
COPY Silo/ Silo/
RUN dotnet publish Silo/Silo.csproj -c Release --no-restore -p:UseAppHost=false -o /out

# The two console tools share their libraries: the client, the command line, and Monitoring (the metric
# topic layout and payload the agent publishes; the alert rules, hysteresis and silence alarm the
# monitoring mode evaluates).
FROM restore AS tool-sources
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Client/ Client/
COPY Monitoring/ Monitoring/
COPY CommandLine/ CommandLine/

FROM tool-sources AS publish-producer
COPY Producer/ Producer/
RUN dotnet publish Producer/Producer.csproj -c Release --no-restore -p:UseAppHost=false -o /out

FROM tool-sources AS publish-consumer
COPY Consumer/ Consumer/
RUN dotnet publish Consumer/Consumer.csproj -c Release --no-restore -p:UseAppHost=false -o /out

# ---------------------------------------------------------------------------------------------------
# producer: the container-metrics agent by default; `docker run ... aklight-producer:local send --topic T ...`
# for the one-shot tool. Runs as the image's non-root user `app` (uid $APP_UID = 1654). The agent reads
# the Docker API through /var/run/docker.sock, which is owned by root and the host's `docker` group
# (mode 660): give the container that group with `group_add: [<gid of the socket>]`, or run it as root
# (docker-compose.yml explains the choice it makes). No HEALTHCHECK: the agent serves no port, and a
# broker outage is retried by the agent itself; compose restarts it if it exits.
# ---------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/runtime:10.0 AS producer
WORKDIR /app
COPY --from=publish-producer /out ./
USER $APP_UID
ENTRYPOINT ["dotnet", "AkLight.Producer.dll"]

# ---------------------------------------------------------------------------------------------------
# consumer: monitoring mode by default (a live table on a TTY, plain lines otherwise); with arguments the
# kcat-like tool (`--filter F --from earliest --json`). Non-root; needs nothing from the host but the
# rules file, mounted read-only. No HEALTHCHECK: it serves no port.
# ---------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/runtime:10.0 AS consumer
WORKDIR /app
COPY --from=publish-consumer /out ./
USER $APP_UID
ENTRYPOINT ["dotnet", "AkLight.Consumer.dll"]

# ---------------------------------------------------------------------------------------------------
# silo: the broker. ASP.NET runtime because it serves the Orleans dashboard, the HTTP API and the web
# console (Kestrel, one listener on AkLight:Dashboard:Port). Cluster mode needs
# AKLIGHT_POSTGRES and AkLight__Silo__AdvertisedAddress (see docker-compose.yml). Without AKLIGHT_POSTGRES
# it runs the embedded SQLite store in /app/data (mount a volume there), but the embedded mode listens on
# 127.0.0.1 only, so it is reachable from inside the container alone: use cluster mode in containers.
# Last stage, so a plain `docker build .` builds the broker.
# ---------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS silo
WORKDIR /app
COPY --from=publish-silo /out ./
COPY deploy/silo-healthcheck.sh /usr/local/bin/aklight-healthcheck
# /app/data: the only folder the silo writes (embedded mode); the binaries stay root-owned, read-only for
# `app`. The sed strips CRs in case the script was checked out with Windows line endings.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data \
 && sed -i 's/\r$//' /usr/local/bin/aklight-healthcheck
# The dashboard listens on every interface of the container (appsettings.json says 127.0.0.1, right for a
# developer machine, useless behind a port mapping). ASPNETCORE_HTTP_PORTS is emptied because the silo
# binds Kestrel itself (AkLight:Dashboard:Port); the base image's 8080 would only log an override warning.
# Server GC, as Orleans recommends for silos (it logs a note without it); .NET's DATAS keeps its heap
# sized to the load, so it does not take a heap per core up front.
ENV AkLight__Dashboard__Address=0.0.0.0 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_gcServer=1
# 11111 silo-to-silo, 30000 gateway (clients), 8080 HTTP (dashboard at /dashboard, API at /api, console at /).
EXPOSE 11111 30000 8080
USER $APP_UID
# Healthy once the silo is an active cluster member (see the script for how that is told from outside).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "/usr/local/bin/aklight-healthcheck"]
ENTRYPOINT ["dotnet", "AkLight.Silo.dll"]
