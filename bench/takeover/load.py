#!/usr/bin/env python3
"""Writers through the load balancer while the instance holding the projections' leases is killed.

Each writer creates an order, then reads it back with ?minVersion (read-your-writes), over and over. A watcher asks
the surviving instance's /admin/projections every 50 ms whether it applies the projections and how far behind they
are. At --kill-at seconds the lease holder is killed with SIGKILL. Prints what happened as JSON.
"""
import argparse, http.client, json, os, signal, threading, time, urllib.parse

ORDER = json.dumps({
    "shopItems": [{"id": "sku-1", "title": "Blue shirt", "description": "Cotton", "quantity": 1, "price": 19.99}],
    "accountEmail": "alice@example.com",
    "deliveryAddress": "1 Main St",
}).encode()


def request(base, method, path, body=None, headers=None, timeout=30):
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        connection.request(method, path, body, {"Content-Type": "application/json", **(headers or {})})
        answer = connection.getresponse()
        return answer.status, answer.read()
    except OSError as error:
        return 0, str(error).encode()
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lb", required=True)
    parser.add_argument("--survivor", required=True)
    parser.add_argument("--victim-pid", type=int, required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--duration", type=float, default=40)
    parser.add_argument("--kill-at", type=float, default=10)
    args = parser.parse_args()

    start = time.monotonic()
    now = lambda: time.monotonic() - start
    commands, reads, watched = [], [], []
    lock = threading.Lock()
    stop = threading.Event()

    def writer():
        while not stop.is_set():
            sent = now()
            status, body = request(args.lb, "POST", "/api/v1/orders", ORDER)
            with lock:
                commands.append((sent, now() - sent, status))
            if status != 201:
                continue
            answer = json.loads(body)
            sent = now()
            status, _ = request(args.lb, "GET", f"/api/v1/orders/{answer['orderId']}?minVersion={answer['version']}")
            with lock:
                reads.append((sent, now() - sent, status))

    def watcher():
        while not stop.is_set():
            status, body = request(args.survivor, "GET", "/admin/projections", headers={"X-Admin-Key": args.key}, timeout=5)
            if status == 200:
                projections = json.loads(body)["projections"]
                watched.append((now(), all(p["appliedHere"] for p in projections), max(p["secondsBehind"] for p in projections)))
            time.sleep(0.05)

    threads = [threading.Thread(target=writer) for _ in range(args.writers)] + [threading.Thread(target=watcher)]
    for thread in threads:
        thread.start()
    time.sleep(args.kill_at)
    killed = now()
    os.kill(args.victim_pid, signal.SIGKILL)
    time.sleep(max(0, args.duration - args.kill_at))
    stop.set()
    for thread in threads:
        thread.join()

    def by_status(rows):
        counts = {}
        for _, _, status in rows:
            counts[str(status)] = counts.get(str(status), 0) + 1
        return counts

    applies = next((t for t, here, _ in watched if t > killed and here), None)
    # Caught up: the oldest event the projections have not applied is under a second old (writers never stop).
    caught_up = next((t for t, here, behind in watched if applies and t >= applies and here and behind < 1), None)
    ok_again = min((r[0] + r[1] for r in reads if r[0] > killed and r[2] == 200 and r[1] < 1), default=None)
    after = [c for c in commands if c[0] > killed]
    failed_reads = [r for r in reads if r[2] != 200]
    print(json.dumps({
        "writers": args.writers,
        "commands": {"total": len(commands), "by_status": by_status(commands),
                     "longest_ms": round(max(c[1] for c in commands) * 1000),
                     "first_accepted_after_kill_ms": round((min(c[0] + c[1] for c in after if c[2] == 201) - killed) * 1000) if after else None},
        "reads_with_min_version": {"total": len(reads), "by_status": by_status(reads),
                                   "longest_ms": round(max(r[1] for r in reads) * 1000),
                                   "not_200_between_s": [round(min(r[0] for r in failed_reads) - killed, 2), round(max(r[0] + r[1] for r in failed_reads) - killed, 2)] if failed_reads else None},
        "survivor_applies_after_kill_s": round(applies - killed, 2) if applies else None,
        "survivor_caught_up_after_kill_s": round(caught_up - killed, 2) if caught_up else None,
        "first_prompt_read_after_kill_s": round(ok_again - killed, 2) if ok_again else None,
    }, indent=2))


if __name__ == "__main__":
    main()
