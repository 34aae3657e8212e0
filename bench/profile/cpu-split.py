"""Splits perf samples of the host by area (which pipeline a sample serves) and, within it, by the innermost
recognised frame. Input: `perf script -F comm,tid,ip,sym,dso` of a `perf record -g` run."""
import collections
import re
import sys

AREAS = [
    ("event log append writer", r"SqliteAppendWriter"),
    ("read side (projection runner, both stores)", r"ProjectionRunner|Orders\.Projections|SubscribeToAll"),
    ("HTTP request", r"Kestrel|HttpProtocol|Microsoft\.AspNetCore"),
]
PARTS = [
    ("telemetry", r"OpenTelemetry\.(Metrics|Trace|Instrumentation\.AspNetCore\.Implementation\.HttpIn)|System\.Diagnostics\.Metrics"
                  r"|System\.Diagnostics\.Activity|DiagnosticListener|HostingApplicationDiagnostics|Orders\.Host\.Telemetry"
                  r"|MemoryPoolMetrics|KestrelMetrics|ProjectionTracing"),
    ("search store", r"SqliteSearchStore|SearchText"),
    ("order document store", r"SqliteOrderDocument"),
    ("event codec", r"OrderEventCodec|Orders\.Decider\.Serialization"),
    ("log read", r"SqliteEventStore|SqliteEventSchema"),
    ("SQLite (Microsoft.Data.Sqlite and native)", r"Microsoft\.Data\.Sqlite|SQLitePCL|libe_sqlite3"),
    ("JSON", r"System\.Text\.Json"),
    ("load, decide, append", r"EventSourcedDecider|OrderCommandRunner|Orders\.Decider|OrderCommandHandler"),
    ("Wolverine", r"Wolverine"),
    ("Kestrel, routing, middleware", r"Kestrel|Microsoft\.AspNetCore|System\.IO\.Pipelines"),
    ("sockets", r"System\.Net\.Sockets|tcp_|sock_|inet_"),
    ("fsync, file I/O", r"fsync|ext4|jbd2|blk_|vfs_write|vfs_read|pwrite|pread"),
    ("scheduler: context switches, waits", r"finish_task_switch|sched_yield|futex|LowLevelLifoSemaphore|pthread_cond"),
    ("JIT", r"libclrjit"),
]

areas, parts, total = collections.Counter(), collections.Counter(), 0
for block in open(sys.argv[1]).read().split("\n\n"):
    lines = [line for line in block.split("\n") if line.strip()]
    if len(lines) < 2:
        continue
    total += 1
    thread, frames = lines[0], lines[1:]
    stack = "\n".join(frames)
    area = next((name for name, pattern in AREAS if re.search(pattern, stack)), None)
    if area is None:
        # SQLite and the kernel keep no frame pointers: a sample there loses its managed callers. The append writer
        # is the one long-running thread that writes; other SQLite work is the read side's.
        if "Long Runni" in thread and re.search(r"libe_sqlite3|fsync|ext4|jbd2", stack):
            area = AREAS[0][0]
        elif "libe_sqlite3" in frames[0]:
            area = AREAS[1][0]
        else:
            area = "elsewhere (runtime, GC, scheduler, sockets)"
    part = next((name for frame in frames for name, pattern in PARTS if re.search(pattern, frame)), "other")
    areas[area] += 1
    parts[(area, part)] += 1

for area, n in areas.most_common():
    print(f"{100 * n / total:5.1f}%  {area}")
    for (a, part), m in parts.most_common():
        if a == area and 100 * m / total >= 0.5:
            print(f"          {100 * m / total:5.1f}%  {part}")
print(f"{total} samples")
