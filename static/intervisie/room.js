// The live intervisie room: a thin client of docs/websocket-protocol.md. The server holds all state; this page
// shows it, counts down from the phase's absolute end time, and asks for a resync when it misses an event.
(function () {
  "use strict";
  const root = document.getElementById("room");
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const FINAL_CODES = { 4401: "U bent niet ingelogd.", 4403: "U heeft geen toegang tot deze ruimte.",
    4409: "De ruimte is nog niet open.", 4410: "De bijeenkomst is afgerond." };
  const KIND_LABELS = { person: "persoon", org: "organisatie", place: "plaats", address: "adres", postcode: "postcode",
    date: "datum", age: "leeftijd", phone: "telefoonnummer", email: "e-mailadres", url: "webadres", bsn: "BSN",
    iban: "rekeningnummer", plate: "kenteken", id: "nummer", custom: "eigen term" };
  const ROLE_LABELS = { inbrenger: "inbrenger", gespreksleider: "gespreksleider", tijdbewaker: "tijdbewaker",
    deelnemer: "deelnemer" };

  let socket = null;
  let state = null;
  let lastSeq = 0;
  let clockOffset = 0; // server time minus local time, seconds
  let retry = 0;
  let findings = []; // [{start, end, kind, text, suggestion, decision: null|"replace"|"keep", replacement}]
  let scannedText = null;

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + root.dataset.wsPath);
    $("verbinding").textContent = "Verbinden…";
    socket.onopen = () => root.dispatchEvent(new CustomEvent("vpa:open"));
    socket.onmessage = (event) => receive(JSON.parse(event.data));
    socket.onclose = (event) => {
      root.dispatchEvent(new CustomEvent("vpa:close", { detail: event.code })); // for call.js
      if (FINAL_CODES[event.code]) {
        $("verbinding").textContent = FINAL_CODES[event.code];
        root.dataset.closed = String(event.code);
        return;
      }
      $("verbinding").textContent = "Verbinding verbroken; opnieuw verbinden…";
      retry = Math.min(retry + 1, 5);
      setTimeout(connect, 500 * retry);
    };
  }

  function receive(message) {
    root.dispatchEvent(new CustomEvent("vpa:message", { detail: message })); // for call.js
    if (typeof message.server_time === "number") clockOffset = message.server_time - Date.now() / 1000;
    if (message.type === "state") {
      state = message;
      lastSeq = message.seq;
      retry = 0;
      $("verbinding").textContent = "Verbonden";
      root.dataset.connected = "true";
      renderAll();
      return;
    }
    if (message.type === "error") return showError(message.message);
    if (message.type === "case.findings") return showFindings(message.findings);
    if (message.type === "closed") return;
    if (message.type === "chat") return addChat(message); // relayed, not part of the state: no seq
    if (typeof message.seq !== "number" || !state) return;
    if (message.seq <= lastSeq) return; // already seen
    if (message.seq > lastSeq + 1) { send({ type: "resync" }); return; } // missed something: ask for everything
    lastSeq = message.seq;
    state.seq = message.seq;
    for (const key of ["phase", "roles", "hands", "presence", "case"]) {
      if (key in message) state[key] = message[key];
    }
    renderAll();
  }

  function showError(text) {
    $("foutmelding").textContent = text;
    setTimeout(() => { if ($("foutmelding").textContent === text) $("foutmelding").textContent = ""; }, 8000);
  }

  function name(uid) { return state.people[String(uid)] || "Onbekend"; }

  function renderAll() {
    renderPhase();
    renderPeople();
    renderCase();
  }

  function renderPhase() {
    const phase = state.phase;
    $("methode").textContent = state.method + (phase.index !== null ? ` – fase ${phase.index + 1} van ${state.phases.length}` : "");
    if (phase.status === "waiting") {
      $("fase-naam").textContent = "Nog niet begonnen";
      $("fase-instructie").textContent = "De gespreksleider start de eerste fase.";
      $("fase-rollen").textContent = "";
    } else if (phase.status === "ended") {
      $("fase-naam").textContent = "Alle fasen zijn doorlopen";
      $("fase-instructie").textContent = "De gespreksleider rondt de bijeenkomst af.";
      $("fase-rollen").textContent = "";
    } else {
      $("fase-naam").textContent = phase.name + (phase.status === "paused" ? " (gepauzeerd)" : "");
      $("fase-instructie").textContent = phase.instruction;
      $("fase-rollen").textContent = "Aan het woord: " + phase.roles.map((r) => ROLE_LABELS[r] || r).join(", ");
    }
    tick();
  }

  function tick() {
    if (!state) return;
    const phase = state.phase;
    let seconds = null;
    if (phase.status === "running") seconds = phase.ends_at - (Date.now() / 1000 + clockOffset);
    else if (phase.status === "paused") seconds = phase.remaining;
    const timer = $("timer");
    if (seconds === null) { timer.textContent = "--:--"; timer.classList.remove("vpa-room__timer--over"); return; }
    const over = seconds < 0;
    const abs = Math.abs(Math.round(seconds));
    timer.textContent = (over ? "+" : "") + String(Math.floor(abs / 60)).padStart(2, "0") + ":" + String(abs % 60).padStart(2, "0");
    timer.classList.toggle("vpa-room__timer--over", over);
    timer.setAttribute("aria-label", over ? `Tijd ${Math.floor(abs / 60)} minuten over` : `Nog ${Math.floor(abs / 60)} minuten en ${abs % 60} seconden`);
  }

  function renderPeople() {
    const list = $("aanwezigen");
    list.replaceChildren();
    for (const uid of Object.keys(state.people)) {
      const li = document.createElement("li");
      const present = state.presence[uid];
      const online = present && present.online;
      li.className = online ? "online" : "offline";
      const role = state.roles[uid] || "deelnemer";
      let text = `${name(uid)} – ${ROLE_LABELS[role] || role}` + (online ? "" : " (niet in de ruimte)");
      if (state.hands.includes(Number(uid))) text += " ✋ hand opgestoken";
      li.append(text);
      if (state.is_facilitator) {
        const select = document.createElement("select");
        select.setAttribute("aria-label", `Rol van ${name(uid)}`);
        for (const [value, label] of Object.entries(ROLE_LABELS)) {
          const option = new Option(label, value, false, value === role);
          select.add(option);
        }
        select.addEventListener("change", () => send({ type: "role.assign", user: Number(uid), role: select.value }));
        li.append(" ", select);
      }
      list.append(li);
    }
    const raised = state.hands.includes(state.me);
    $("hand").setAttribute("aria-pressed", String(raised));
    $("hand").textContent = raised ? "Hand laten zakken" : "Hand opsteken";
    const suggested = state.suggested_inbrenger;
    $("rotatie").textContent = suggested ? `Voorgestelde inbrenger volgens de rotatie: ${name(suggested)}.` : "";
  }

  function renderCase() {
    const shared = $("gedeelde-casus");
    shared.replaceChildren();
    if (state.case) {
      const p = document.createElement("p");
      p.className = "utrecht-paragraph vpa-case";
      p.id = "casus-gedeeld";
      p.textContent = state.case.text;
      shared.append(p);
    } else {
      const p = document.createElement("p");
      p.className = "utrecht-paragraph vpa-muted";
      p.textContent = "Nog geen casus gedeeld.";
      shared.append(p);
    }
    $("casus-form").hidden = state.roles[String(state.me)] !== "inbrenger";
  }

  function terms() {
    return $("casus-termen").value.split(",").map((t) => t.trim()).filter((t) => t.length > 1).slice(0, 20);
  }

  function showFindings(list) {
    scannedText = $("casus-tekst").value;
    findings = list.map((f) => ({ ...f, decision: null, replacement: f.suggestion }));
    renderFindings();
  }

  function renderFindings() {
    const box = $("bevindingen");
    box.replaceChildren();
    const share = $("casus-delen");
    share.hidden = scannedText === null;
    if (scannedText === null) return;
    const heading = document.createElement("p");
    heading.className = "utrecht-paragraph";
    heading.textContent = findings.length
      ? `${findings.length} mogelijk herleidbare passage(s). Beoordeel ze allemaal voordat u deelt.`
      : "Geen herleidbare gegevens gevonden. Lees uw tekst nog één keer na en deel hem.";
    box.append(heading);
    findings.forEach((f, index) => {
      const item = document.createElement("div");
      item.className = "vpa-finding" + (f.decision ? " vpa-finding--done" : "");
      const context = document.createElement("p");
      const mark = document.createElement("mark");
      mark.textContent = f.text;
      context.append(scannedText.slice(Math.max(0, f.start - 30), f.start), mark,
        scannedText.slice(f.end, f.end + 30), ` (${KIND_LABELS[f.kind] || f.kind})`);
      const label = document.createElement("label");
      label.htmlFor = `vervanging-${index}`;
      label.textContent = "Vervangen door ";
      const input = document.createElement("input");
      input.id = `vervanging-${index}`;
      input.className = "utrecht-textbox";
      input.value = f.replacement;
      input.addEventListener("input", () => { f.replacement = input.value; });
      const replace = document.createElement("button");
      replace.type = "button";
      replace.className = "utrecht-button utrecht-button--secondary-action";
      replace.textContent = "Vervangen";
      replace.setAttribute("aria-pressed", String(f.decision === "replace"));
      replace.addEventListener("click", () => { f.decision = "replace"; renderFindings(); });
      const keep = document.createElement("button");
      keep.type = "button";
      keep.className = "utrecht-button utrecht-button--secondary-action";
      keep.textContent = "Laten staan";
      keep.setAttribute("aria-pressed", String(f.decision === "keep"));
      keep.addEventListener("click", () => { f.decision = "keep"; renderFindings(); });
      const status = document.createElement("span");
      status.textContent = f.decision === "replace" ? ` Wordt: “${f.replacement}”` : f.decision === "keep" ? " Blijft staan." : " Nog beoordelen.";
      item.append(context, label, input, " ", replace, " ", keep, status);
      box.append(item);
    });
    share.disabled = findings.some((f) => !f.decision);
  }

  function finalText() {
    let text = scannedText;
    for (const f of [...findings].sort((a, b) => b.start - a.start)) {
      if (f.decision === "replace") text = text.slice(0, f.start) + f.replacement + text.slice(f.end);
    }
    return text;
  }

  function addChat(message) {
    const li = document.createElement("li");
    const time = new Date(message.server_time * 1000).toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" });
    li.textContent = `${time} ${name(message.from)}: ${message.text}`;
    $("chat").append(li);
    $("chat").scrollTop = $("chat").scrollHeight;
  }

  root.querySelectorAll("[data-send]").forEach((button) => {
    button.addEventListener("click", () => {
      const message = { type: button.dataset.send };
      if (button.dataset.minutes) message.minutes = Number(button.dataset.minutes);
      send(message);
    });
  });
  $("hand").addEventListener("click", () => send({ type: "hand", raised: !state.hands.includes(state.me) }));
  $("chat-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("chat-tekst").value.trim();
    if (text) send({ type: "chat", text });
    $("chat-tekst").value = "";
  });
  $("casus-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("casus-tekst").value;
    if (!text.trim()) return showError("Schrijf eerst uw casus.");
    send({ type: "case.scan", text, terms: terms() });
  });
  $("casus-tekst").addEventListener("input", () => {
    if (scannedText !== null) { scannedText = null; findings = []; renderFindings(); }
  });
  $("casus-delen").addEventListener("click", () => {
    const dismissed = findings.filter((f) => f.decision === "keep").map((f) => f.text);
    const text = finalText();
    send({ type: "case.share", text, dismissed, terms: terms() });
    $("casus-tekst").value = text;
    scannedText = null;
    findings = [];
    renderFindings();
  });

  root.addEventListener("vpa:send", (event) => send(event.detail)); // from call.js
  setInterval(tick, 250);
  connect();
})();
