# Everyday recipes. `just` is optional: each recipe is one plain command.

run:
    dotnet run --project src/Orders.Host

test:
    dotnet test

ci:
    bash .ci/run
