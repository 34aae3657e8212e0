// The operator page: polls the admin API with the key the operator typed (sent as X-Admin-Key, kept for this tab
// only) and renders where each projection stands and what is parked. No framework: the DOM is built with
// textContent only, so nothing read from the log is ever parsed as HTML.
"use strict";

const keyStorage = "orders.adminKey";
const refreshMs = 1000;
const numbers = new Intl.NumberFormat("en");

const $ = (id) => document.getElementById(id);
let key = sessionStorage.getItem(keyStorage);
let timer = null;
let pending = null; // the projection whose rebuild waits for a confirmation
let lastParked = [];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

class Unauthorized extends Error {}

async function api(path, method = "GET") {
  const response = await fetch(path, { method, headers: { "X-Admin-Key": key }, cache: "no-store" });
  if (response.status === 401) throw new Unauthorized();
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) throw new Error(body?.detail ?? `${method} ${path} answered ${response.status}`);
  return body;
}

// ---- formatting ----------------------------------------------------------------------------------------------

function position(p) {
  if (!p) return "—";
  return p.commit === p.prepare ? numbers.format(p.commit) : `${numbers.format(p.commit)} / ${numbers.format(p.prepare)}`;
}

function duration(seconds) {
  if (seconds < 1) return seconds === 0 ? "0 s" : `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

function ago(iso) {
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  return seconds < 1 ? "just now" : `${duration(seconds)} ago`;
}

function clock(iso) {
  return new Date(iso).toLocaleTimeString("en-GB", { hour12: false });
}

function firstLine(text) {
  return (text ?? "").split("\n")[0];
}

function payload(base64) {
  try {
    const text = new TextDecoder().decode(Uint8Array.from(atob(base64 ?? ""), (c) => c.charCodeAt(0)));
    if (!text) return "(empty)";
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
  } catch {
    return "(not readable)";
  }
}

// ---- projections ---------------------------------------------------------------------------------------------

function projectionState(p) {
  if (p.rebuild && !p.rebuild.finishedAt) return ["Rebuilding", "info"];
  if (p.parkedCount > 0) return ["Events parked", "bad"];
  if (p.eventsBehind > 0) return ["Catching up", "warn"];
  return ["Caught up", "ok"];
}

function figure(label, field) {
  return el("div", {}, el("dt", { text: label }), el("dd", { "data-field": field }));
}

function projectionCard(name) {
  const card = el("article", { class: "card projection", "data-projection": name },
    el("header", {}, el("h3", { text: name }), el("span", { class: "pill", "data-field": "state" })),
    el("dl", { class: "figures" },
      figure("Position", "position"),
      figure("Events behind", "events-behind"),
      figure("Time behind", "seconds-behind"),
      figure("Parked", "parked"),
      figure("Applied by", "applied-by")),
    el("div", { class: "rebuild", hidden: true },
      el("div", { class: "bar", role: "progressbar", "aria-label": `Rebuild of ${name}`, "aria-valuemin": "0", "aria-valuemax": "100" },
        el("span")),
      el("p", { "data-field": "rebuild-text" })),
    el("footer"));
  renderRebuildControls(card, name);
  return card;
}

function renderRebuildControls(card, name) {
  const footer = card.querySelector("footer");
  footer.replaceChildren();
  if (card.dataset.rebuilding === "true") {
    footer.append(el("span", { class: "question", text: "Queries on this projection may miss orders until it is done." }));
  } else if (pending === name) {
    footer.append(
      el("span", { class: "question", text: `Forget everything ${name} holds and replay the whole log into it?` }),
      el("button", { class: "danger", type: "button", "data-action": "confirm-rebuild", onclick: () => rebuild(name, card) }, "Rebuild now"),
      el("button", { class: "quiet", type: "button", onclick: () => { pending = null; renderRebuildControls(card, name); } }, "Cancel"));
  } else {
    footer.append(el("button", { class: "quiet", type: "button", "data-action": "rebuild",
      onclick: () => { pending = name; renderRebuildControls(card, name); } }, "Rebuild…"));
  }
}

async function rebuild(name, card) {
  pending = null;
  card.querySelectorAll("footer button").forEach((b) => { b.disabled = true; });
  try {
    await api(`projections/${encodeURIComponent(name)}/rebuild`, "POST");
    toast(`${name} is rebuilding from the start of the log.`);
  } catch (error) {
    failed(error);
  }
  renderRebuildControls(card, name);
  refresh();
}

function renderProjections(status) {
  const container = $("projections");
  for (const p of status.projections) {
    let card = container.querySelector(`[data-projection="${CSS.escape(p.name)}"]`);
    if (!card) container.append(card = projectionCard(p.name));
    const set = (field, text) => { card.querySelector(`[data-field="${field}"]`).textContent = text; };
    const [state, tone] = projectionState(p);
    const pill = card.querySelector('[data-field="state"]');
    pill.textContent = state;
    pill.className = `pill ${tone}`;
    set("position", position(p.checkpoint));
    set("events-behind", `${p.eventsBehindIsAtLeast ? "≥ " : ""}${numbers.format(p.eventsBehind)}`);
    set("seconds-behind", duration(p.secondsBehind));
    set("parked", numbers.format(p.parkedCount));
    card.querySelector('[data-field="events-behind"]').classList.toggle("lagging", p.eventsBehind > 0);
    card.querySelector('[data-field="seconds-behind"]').classList.toggle("lagging", p.secondsBehind >= 5);
    card.querySelector('[data-field="parked"]').classList.toggle("bad", p.parkedCount > 0);
    card.querySelector('[data-field="events-behind"]').title = "Order events in the log after the checkpoint";
    card.querySelector('[data-field="seconds-behind"]').title = "How long the oldest of them has waited";
    card.querySelector('[data-field="parked"]').title = "Parked events and the events held behind them";
    // With shared read models (mode Lease), the instance holding the projection's lease applies it.
    set("applied-by", !p.lease ? "this instance" : p.appliedHere ? `this instance (${p.lease.holder})` : p.lease.holder);
    card.querySelector('[data-field="applied-by"]').title = p.lease
      ? `Lease held until ${clock(p.lease.expires)}; this instance is ${status.instance}`
      : `Every projection is applied here (${status.instance})`;
    renderRebuild(card, p.rebuild);
  }
  const seen = status.lastEventSeen;
  $("last-seen").textContent = seen
    ? `Last event applied: ${seen.streamId} v${seen.streamVersion}, written ${ago(seen.created)}`
    : "No event applied since the host started.";
  const banner = $("runner-error");
  banner.hidden = !status.lastError;
  banner.textContent = status.lastError ? `The projections are recovering from a failure: ${status.lastError}` : "";
}

function renderRebuild(card, rebuild) {
  const rebuilding = String(Boolean(rebuild && !rebuild.finishedAt));
  if (card.dataset.rebuilding !== rebuilding) {
    card.dataset.rebuilding = rebuilding;
    renderRebuildControls(card, card.dataset.projection);
  }
  const box = card.querySelector(".rebuild");
  box.hidden = !rebuild;
  if (!rebuild) return;
  const percent = Math.floor(rebuild.fraction * 100);
  const bar = box.querySelector(".bar");
  bar.setAttribute("aria-valuenow", String(percent));
  bar.classList.toggle("done", Boolean(rebuild.finishedAt));
  bar.querySelector("span").style.width = `${percent}%`;
  box.querySelector('[data-field="rebuild-text"]').textContent = rebuild.finishedAt
    ? `Rebuilt in ${duration((Date.parse(rebuild.finishedAt) - Date.parse(rebuild.startedAt)) / 1000)}, finished at ${clock(rebuild.finishedAt)}`
    : `Rebuilding: ${percent}% of the log, started ${ago(rebuild.startedAt)}`;
}

// ---- parked events -------------------------------------------------------------------------------------------

function groups(parked) {
  const byStream = new Map();
  for (const p of parked) {
    const id = `${p.projection}\n${p.event.streamId}`;
    if (!byStream.has(id)) byStream.set(id, []);
    byStream.get(id).push(p);
  }
  return [...byStream.entries()].map(([id, events]) => {
    events.sort((a, b) => a.event.streamVersion - b.event.streamVersion);
    const head = events.find((e) => e.heldBehind === null || e.heldBehind === undefined) ?? events[0];
    return { id, head, held: events.filter((e) => e !== head) };
  });
}

function parkedCard(group) {
  const { head, held } = group;
  const e = head.event;
  return el("article", { class: "card parked", "data-projection": head.projection, "data-stream": e.streamId },
    el("header", {},
      el("h3", { text: e.streamId }),
      el("span", { class: "tag", text: head.projection })),
    el("p", { class: "event-line" },
      el("span", { class: "version", text: `v${e.streamVersion}` }),
      el("span", { class: "event-type", text: e.type }),
      el("span", { class: "meta", text: `position ${position(e.position)} · parked ${ago(head.parkedAt)} after ${head.attempts} attempts` })),
    el("pre", { class: "error", "data-field": "error", text: firstLine(head.error) }),
    el("details", {},
      el("summary", { text: "Full error and the event's data" }),
      el("pre", { text: head.error }),
      el("pre", { text: payload(e.data) })),
    held.length === 0 ? null : el("div", { class: "held" },
      el("h4", { text: `Held behind it (${held.length})` }),
      el("ol", {}, held.map((h) => el("li", { "data-version": String(h.event.streamVersion) },
        el("span", { class: "version", text: `v${h.event.streamVersion}` }),
        el("span", { class: "event-type", text: h.event.type }),
        el("span", { class: "meta", text: `written ${ago(h.event.created)}` }))))),
    el("footer", {},
      el("button", { type: "button", "data-action": "replay", onclick: (ev) => release(ev.target, head, "replay") }, "Replay"),
      el("button", { class: "quiet", type: "button", "data-action": "skip", onclick: (ev) => release(ev.target, head, "skip") },
        `Skip v${e.streamVersion}`)));
}

async function release(button, head, how) {
  const stream = head.event.streamId;
  const base = `projections/${encodeURIComponent(head.projection)}/streams/${encodeURIComponent(stream)}`;
  button.closest("footer").querySelectorAll("button").forEach((b) => { b.disabled = true; });
  try {
    const outcome = await api(how === "skip" ? `${base}/skip/${head.event.streamVersion}` : `${base}/replay`, "POST");
    const still = outcome.stillParked;
    toast(still
      ? `${stream}: ${outcome.released} released; v${still.event.streamVersion} is still parked: ${firstLine(still.error)}`
      : `${stream}: ${outcome.released} event${outcome.released === 1 ? "" : "s"} released; nothing of it is parked now.`,
      Boolean(still));
  } catch (error) {
    failed(error);
  }
  await refresh();
}

function renderParked(parked) {
  lastParked = parked;
  const filter = $("filter").value.trim().toLowerCase();
  const all = groups(parked);
  const shown = all.filter((g) => !filter || g.id.toLowerCase().includes(filter));
  const container = $("parked");
  const signature = JSON.stringify(shown.map((g) => [g.id, g.head, g.held.map((h) => h.event.streamVersion)]));
  if (container.dataset.signature !== signature) {
    const open = new Set([...container.querySelectorAll("details[open]")].map((d) => d.closest("article").dataset.stream));
    container.replaceChildren(...shown.map(parkedCard));
    container.querySelectorAll("article").forEach((a) => { if (open.has(a.dataset.stream)) a.querySelector("details").open = true; });
    container.dataset.signature = signature;
  }
  const count = $("parked-count");
  count.textContent = numbers.format(all.length);
  count.classList.toggle("nonzero", all.length > 0);
  const empty = $("no-parked");
  empty.hidden = shown.length > 0;
  empty.textContent = all.length > 0 ? `No parked event belongs to a stream matching “${filter}”.` : "Nothing is parked: every event has been applied.";
}

// ---- the loop ------------------------------------------------------------------------------------------------

let toastTimer = null;
function toast(message, bad = false) {
  const box = $("toast");
  box.textContent = message;
  box.className = bad ? "toast bad" : "toast";
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, 6000);
}

function failed(error) {
  if (error instanceof Unauthorized) signOut("The key was not accepted.");
  else toast(error.message, true);
}

function live(state, text) {
  $("live").dataset.state = state;
  $("live-text").textContent = text;
}

async function refresh() {
  clearTimeout(timer);
  if (!key) return;
  try {
    const [status, parked] = await Promise.all([api("projections"), api("projections/parked")]);
    $("key-form").hidden = true;
    $("dashboard").hidden = false;
    $("sign-out").hidden = false;
    renderProjections(status);
    renderParked(parked);
    live("on", `Live · updated ${clock(new Date().toISOString())}`);
  } catch (error) {
    if (error instanceof Unauthorized) return signOut("The key was not accepted.");
    live("lost", "Connection lost, retrying…");
  }
  timer = setTimeout(refresh, refreshMs);
}

function signOut(message = "") {
  clearTimeout(timer);
  key = null;
  sessionStorage.removeItem(keyStorage);
  $("dashboard").hidden = true;
  $("sign-out").hidden = true;
  $("key-form").hidden = false;
  $("key-error").textContent = message;
  live("off", "Not connected");
  $("key").focus();
}

$("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  key = $("key").value;
  $("key").value = "";
  $("key-error").textContent = "";
  sessionStorage.setItem(keyStorage, key);
  refresh();
});
$("sign-out").addEventListener("click", () => signOut());
$("filter").addEventListener("input", () => renderParked(lastParked));

if (key) refresh();
else $("key").focus();
