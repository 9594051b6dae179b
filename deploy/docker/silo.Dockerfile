# syntax=docker/dockerfile:1
# OrleansProxy silo. Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t orleans-proxy-silo .
# Ports: 8080 HTTP (/healthz, /readyz; PORT), 11111 silo-to-silo (ORLEANS_SILO_PORT), 30000 client gateway
# (ORLEANS_GATEWAY_PORT). See deploy/README.md.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so source edits do not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Grains.Interfaces/Grains.Interfaces.csproj src/Grains.Interfaces/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Silo/Silo.csproj src/Silo/
RUN dotnet restore src/Silo/Silo.csproj
COPY src/Grains.Interfaces/ src/Grains.Interfaces/
COPY src/Grains/ src/Grains/
COPY src/Silo/ src/Silo/
RUN dotnet publish src/Silo/Silo.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY --chmod=0755 deploy/docker/silo-entrypoint.sh /usr/local/bin/silo-entrypoint.sh
# PORT decides the HTTP port (the app binds 0.0.0.0:$PORT); the base image's ASPNETCORE_HTTP_PORTS would only clash.
ENV PORT=8080 \
    ASPNETCORE_HTTP_PORTS= \
    ORLEANS_SILO_PORT=11111 \
    ORLEANS_GATEWAY_PORT=30000
EXPOSE 8080 11111 30000
# The base image's unprivileged "app" user.
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8080} && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/usr/local/bin/silo-entrypoint.sh"]
