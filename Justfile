# Everyday recipes. `just` is optional: each recipe is one plain command.

# The service on its embedded profile (SQLite), nothing else to start.
run:
    dotnet run --project src/Orders.Host

test:
    dotnet test

# Every SPEC §8 figure against its target, written to bench/RESULTS.md (a few minutes; `-- --quick` for a smoke run).
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
