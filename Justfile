# Everyday recipes. `just` is optional: each recipe is one plain command.

# The service on its embedded profile (SQLite), nothing else to start.
run:
    dotnet run --project src/Orders.Host

test:
    dotnet test

# Every SPEC §8 figure against its target, written to bench/RESULTS.md: publishes the host ReadyToRun as users deploy
# it, then loads it with wrk (`apt-get install -y wrk`; without it, a slower .NET generator stands in). About 8 minutes
# on a quiet machine, plus about 3 for the first publish; `-- --quick` for a smoke run, `-- --published DIR` to
# measure an existing publish.
bench:
    dotnet run -c Release --project bench/Orders.Bench

# Micro-benchmarks of the decider and the event codec (BenchmarkDotNet, short runs, about a minute and a half).
bench-micro:
    dotnet run -c Release --project bench/Orders.Bench.Micro -- --filter '*'

# The production profile: the stores, Jaeger, Prometheus, Grafana and the service, from docker-compose.yml.
up:
    docker compose up -d --build

down:
    docker compose down

logs:
    docker compose logs -f orders

ci:
    bash .ci/run
