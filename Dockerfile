# The Orders host. Build: docker build -t orders . ; the compose file builds and runs it with the production profile.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so that the restore layer is reused until a dependency changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Orders.Decider/Orders.Decider.csproj src/Orders.Decider/
COPY src/Orders.EventStore/Orders.EventStore.csproj src/Orders.EventStore/
COPY src/Orders.Projections/Orders.Projections.csproj src/Orders.Projections/
COPY src/Orders.Host/Orders.Host.csproj src/Orders.Host/
RUN dotnet restore src/Orders.Host/Orders.Host.csproj -r linux-x64
COPY src/ src/
# ReadyToRun (precompiled) for linux-x64, without the Roslyn compiler: the build the benchmark measures.
RUN dotnet publish src/Orders.Host/Orders.Host.csproj -c Release -r linux-x64 -p:PublishReadyToRun=true -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The embedded SQLite files (and, on the production profile, anything still kept locally) live in a volume the
# non-root user owns; the image's working directory stays read-only to it.
RUN mkdir /data && chown "$APP_UID" /data
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    Orders__Storage__Path=/data/orders.db
USER $APP_UID
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Orders.Host.dll"]
