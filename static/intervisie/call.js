// Audio and video in the intervisie room: a mesh of RTCPeerConnections, one per other participant, signalled over
// the room's WebSocket (call.* in docs/websocket-protocol.md; room.js relays messages as "vpa:message" events and
// sends "vpa:send" events). Media goes directly between the browsers. Nothing is recorded or stored, ever.
(function () {
  "use strict";
  const root = document.getElementById("room");
  const box = document.getElementById("gesprek");
  if (!root || !box) return;
  const $ = (id) => document.getElementById(id);
  const LOW_RES_ABOVE = 4; // participants; with more, everyone sends low-resolution video
  const CAMERA = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { max: 24 } };
  const SPEAKING_LEVEL = 0.03; // audioLevel (0..1) above which a tile shows "spreekt"
  // A connection not negotiated this long after it was made offers by itself: Chromium was seen (five people joining
  // at once) to leave a new connection without its negotiationneeded event on both sides, so that neither offered.
  const NEGOTIATION_GRACE = 3000; // ms

  let people = {}; // user id -> name (from the room's state)
  let me = null;
  let myPeer = null; // this tab's peer id in the call, from call.welcome
  let iceServers = [];
  let local = null; // this tab's MediaStream while in the call
  let busy = false;
  let rejoin = false; // the socket reconnected: join the call again on the next state
  const peers = new Map(); // peer id -> {user, peer, pc, polite, makingOffer, ignoreOffer, queue, pending, timer, tile, media}
  const announced = new Map(); // peer id -> {audio, video} from call.media that came before the peer's offer

  function send(message) { root.dispatchEvent(new CustomEvent("vpa:send", { detail: message })); }
  function name(uid) { return people[String(uid)] || "Onbekend"; }
  function say(text) { $("gesprek-melding").textContent = text; }
  function status(text) { $("gesprek-status").textContent = text; }

  // Joining and leaving

  function mediaError(error, what) {
    if (error.name === "NotAllowedError" || error.name === "SecurityError") {
      return `Uw browser geeft deze pagina geen toegang tot ${what}. Sta toegang toe via het slotje of het ` +
        "camera-icoon naast het webadres en probeer het opnieuw.";
    }
    if (error.name === "NotFoundError" || error.name === "OverconstrainedError") {
      return `Er is geen ${what} gevonden. Sluit er een aan of kies een ander apparaat in uw browser.`;
    }
    if (error.name === "NotReadableError" || error.name === "AbortError") {
      return `De ${what} is in gebruik door een ander programma (bijvoorbeeld Teams of Zoom). Sluit dat en probeer het opnieuw.`;
    }
    return `Uw ${what} kon niet worden gestart. Probeer het opnieuw of gebruik een andere browser.`;
  }

  async function getMedia(withVideo) {
    if (!navigator.mediaDevices || !window.RTCPeerConnection) {
      say("Deze browser ondersteunt geen beeld en geluid op deze pagina. Gebruik een recente versie van Firefox, Chrome, Edge of Safari.");
      return null;
    }
    if (withVideo) {
      try {
        return await navigator.mediaDevices.getUserMedia({ audio: true, video: CAMERA });
      } catch (error) {
        try { // audio only, as a fallback
          const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
          say(mediaError(error, "uw camera") + " U doet nu alleen met geluid mee.");
          return stream;
        } catch (audioError) {
          say(mediaError(audioError, "camera en microfoon"));
          return null;
        }
      }
    }
    try {
      return await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      say(mediaError(error, "uw microfoon"));
      return null;
    }
  }

  async function join(withVideo) {
    if (busy || local) return;
    busy = true;
    say("");
    status("Camera en microfoon starten…");
    const stream = await getMedia(withVideo);
    busy = false;
    if (!stream) { status(""); return; }
    local = stream; // signalling that arrives from now on can be answered
    ownTile();
    render();
    status("Verbinden met het gesprek…");
    send({ type: "call.join", ...mediaState() });
  }

  function leave(tellServer = true) {
    if (!local) return;
    if (tellServer) send({ type: "call.leave" });
    for (const peer of [...peers.keys()]) drop(peer);
    announced.clear();
    local.getTracks().forEach((track) => track.stop());
    local = null;
    myPeer = null;
    $("gesprek-tegels").replaceChildren();
    status("U heeft het gesprek verlaten.");
    render();
  }

  function mediaState() {
    const audio = local.getAudioTracks()[0];
    return { audio: Boolean(audio && audio.enabled), video: local.getVideoTracks().length > 0 };
  }

  // Peer connections (the "perfect negotiation" pattern: either side may offer; the polite one yields)

  function connectTo(user, peer) {
    let p = peers.get(peer);
    if (p) return p;
    const pc = new RTCPeerConnection({ iceServers });
    p = { user, peer, pc, polite: myPeer < peer, makingOffer: false, ignoreOffer: false, queue: Promise.resolve(),
      pending: [], timer: null, tile: remoteTile(user, peer), remote: new MediaStream(),
      media: announced.get(peer) || { audio: true, video: true }, offeredAt: Date.now() };
    announced.delete(peer);
    peers.set(peer, p);
    for (const track of local.getTracks()) pc.addTrack(track, local);
    pc.onnegotiationneeded = () => offer(p);
    pc.onicecandidate = ({ candidate }) => {
      if (!candidate) return;
      p.pending.push(candidate.toJSON());
      if (!p.timer) p.timer = setTimeout(() => flushCandidates(p), 50); // a few per message
    };
    pc.ontrack = ({ track }) => {
      p.remote.addTrack(track);
      const video = p.tile.querySelector("video");
      if (video.srcObject !== p.remote) video.srcObject = p.remote;
    };
    pc.onconnectionstatechange = () => {
      p.tile.dataset.connection = pc.connectionState;
      if (pc.connectionState === "failed") pc.restartIce();
      renderTile(p);
    };
    renderTile(p);
    applyQuality();
    return p;
  }

  async function offer(p) {
    p.offeredAt = Date.now();
    try {
      p.makingOffer = true;
      await p.pc.setLocalDescription();
      sendDescription(p);
    } catch (error) {
      status("Er ging iets mis bij het verbinden; probeer het gesprek opnieuw.");
    } finally {
      p.makingOffer = false;
    }
  }

  function offerWhereStalled() {
    for (const p of peers.values()) {
      const neverNegotiated = p.pc.signalingState === "stable" && !p.pc.remoteDescription;
      if (neverNegotiated && !p.makingOffer && Date.now() - p.offeredAt > NEGOTIATION_GRACE) offer(p);
    }
  }

  function sendDescription(p) {
    const description = p.pc.localDescription;
    send({ type: "call." + description.type, to: p.user, peer: p.peer, sdp: description.sdp });
    applyQuality();
  }

  function flushCandidates(p) {
    p.timer = null;
    while (p.pending.length) send({ type: "call.ice", to: p.user, peer: p.peer, candidates: p.pending.splice(0, 20) });
  }

  async function onDescription(message, type) {
    const p = connectTo(message.from, message.from_peer);
    const pc = p.pc;
    const collision = type === "offer" && (p.makingOffer || pc.signalingState !== "stable");
    p.ignoreOffer = !p.polite && collision;
    if (p.ignoreOffer) return;
    await pc.setRemoteDescription({ type, sdp: message.sdp }); // rolls back our own offer when polite
    if (type === "offer") {
      await pc.setLocalDescription();
      sendDescription(p);
    }
  }

  async function onCandidates(message) {
    const p = peers.get(message.from_peer);
    if (!p) return;
    for (const candidate of message.candidates) {
      try {
        await p.pc.addIceCandidate(candidate);
      } catch (error) {
        if (!p.ignoreOffer) status("Een verbindingsvoorstel kon niet worden gebruikt; de verbinding probeert het verder.");
      }
    }
  }

  function drop(peer) {
    const p = peers.get(peer);
    if (!p) return;
    clearTimeout(p.timer);
    p.pc.close();
    p.tile.remove();
    peers.delete(peer);
    applyQuality();
  }

  // Beyond LOW_RES_ABOVE participants every sender halves its resolution and bitrate: a mesh sends one stream
  // per other participant.
  async function applyQuality() {
    const low = peers.size + 1 > LOW_RES_ABOVE;
    box.dataset.quality = low ? "laag" : "normaal";
    for (const p of peers.values()) {
      for (const transceiver of p.pc.getTransceivers()) {
        const sender = transceiver.sender;
        if (transceiver.receiver.track.kind !== "video" || transceiver.stopped) continue;
        const parameters = sender.getParameters();
        if (!parameters.encodings || !parameters.encodings.length) continue; // not negotiated yet
        const encoding = parameters.encodings[0];
        if ((encoding.scaleResolutionDownBy || 1) === (low ? 2 : 1)) continue;
        encoding.scaleResolutionDownBy = low ? 2 : 1;
        encoding.maxBitrate = low ? 150000 : 600000;
        try { await sender.setParameters(parameters); } catch (error) { /* renegotiating: applied next time */ }
      }
    }
  }

  // Camera and microphone

  function toggleMicrophone() {
    const track = local && local.getAudioTracks()[0];
    if (!track) return;
    track.enabled = !track.enabled;
    render();
    send({ type: "call.media", ...mediaState() });
  }

  function videoTransceiver(pc) {
    return pc.getTransceivers().find((t) => !t.stopped && t.receiver.track.kind === "video" &&
      (t.direction === "sendrecv" || t.direction === "sendonly"));
  }

  async function toggleCamera() {
    if (!local || busy) return;
    const current = local.getVideoTracks()[0];
    if (current) { // off: the camera light goes out, the others see a placeholder
      current.stop();
      local.removeTrack(current);
      for (const p of peers.values()) {
        const transceiver = videoTransceiver(p.pc);
        if (transceiver) await transceiver.sender.replaceTrack(null);
      }
    } else {
      busy = true;
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ video: CAMERA });
        const track = stream.getVideoTracks()[0];
        local.addTrack(track);
        for (const p of peers.values()) {
          const transceiver = videoTransceiver(p.pc);
          if (transceiver) await transceiver.sender.replaceTrack(track);
          else p.pc.addTrack(track, local); // joined with audio only: negotiates a video stream
        }
        say("");
      } catch (error) {
        say(mediaError(error, "uw camera") + " U doet alleen met geluid mee.");
      } finally {
        busy = false;
      }
    }
    ownTile();
    render();
    send({ type: "call.media", ...mediaState() });
  }

  // Tiles

  function tile(id, label) {
    const li = document.createElement("li");
    li.className = "vpa-call__tile";
    li.dataset.peer = id;
    const video = document.createElement("video");
    video.autoplay = true;
    video.playsInline = true;
    video.setAttribute("aria-label", label);
    const caption = document.createElement("p");
    caption.className = "vpa-call__name";
    li.append(video, caption);
    return li;
  }

  function ownTile() {
    let li = $("gesprek-tegels").querySelector("[data-peer='eigen']");
    if (!li) {
      li = tile("eigen", "Uw eigen camerabeeld");
      li.querySelector("video").muted = true; // no echo of one's own voice
      li.classList.add("vpa-call__tile--own");
      $("gesprek-tegels").prepend(li);
    }
    li.querySelector("video").srcObject = local;
    renderOwnTile();
  }

  function renderOwnTile() {
    const li = $("gesprek-tegels").querySelector("[data-peer='eigen']");
    if (!li || !local) return;
    const state = mediaState();
    li.querySelector(".vpa-call__name").textContent = `U (${name(me)})` + notes(state, li.dataset.speaking === "true");
    li.classList.toggle("vpa-call__tile--no-video", !state.video);
  }

  function remoteTile(user, peer) {
    const li = tile(peer, `Camerabeeld van ${name(user)}`);
    li.dataset.user = String(user);
    li.dataset.connection = "new";
    $("gesprek-tegels").append(li);
    return li;
  }

  function notes(media, speaking) {
    return (speaking && media.audio ? " – spreekt" : "") + (media.audio ? "" : " – microfoon uit") +
      (media.video ? "" : " – camera uit");
  }

  function renderTile(p) {
    const connection = { connected: "", new: " – verbinden…", connecting: " – verbinden…",
      disconnected: " – verbinding onderbroken", failed: " – geen verbinding", closed: "" }[p.pc.connectionState] || "";
    p.tile.querySelector(".vpa-call__name").textContent = name(p.user) + notes(p.media, p.tile.dataset.speaking === "true") + connection;
    p.tile.classList.toggle("vpa-call__tile--no-video", !p.media.video);
  }

  function render() {
    const inCall = Boolean(local);
    $("gesprek-start").hidden = inCall;
    $("gesprek-bediening").hidden = !inCall;
    if (!inCall) return;
    const audio = local.getAudioTracks()[0];
    $("gesprek-microfoon").setAttribute("aria-pressed", String(Boolean(audio && audio.enabled)));
    $("gesprek-microfoon").disabled = !audio;
    $("gesprek-camera").setAttribute("aria-pressed", String(local.getVideoTracks().length > 0));
    renderOwnTile();
    for (const p of peers.values()) renderTile(p);
    const count = peers.size + 1;
    box.dataset.participants = String(count);
  }

  // Speaker indication: the audio level of each incoming stream, and of our own outgoing one, from getStats.
  async function measureLevels() {
    let own = 0;
    for (const p of peers.values()) {
      if (p.pc.connectionState !== "connected") continue;
      let level = 0;
      (await p.pc.getStats()).forEach((report) => {
        if (report.type === "inbound-rtp" && report.kind === "audio") level = report.audioLevel || 0;
        if (report.type === "media-source" && report.kind === "audio") own = Math.max(own, report.audioLevel || 0);
      });
      const speaking = String(level > SPEAKING_LEVEL);
      if (p.tile.dataset.speaking !== speaking) { p.tile.dataset.speaking = speaking; renderTile(p); }
    }
    const li = $("gesprek-tegels").querySelector("[data-peer='eigen']");
    const speaking = String(own > SPEAKING_LEVEL);
    if (li && li.dataset.speaking !== speaking) { li.dataset.speaking = speaking; renderOwnTile(); }
  }

  // Messages from the room's socket

  function onMessage(message) {
    if (message.type === "state") {
      people = message.people;
      me = message.me;
      if (rejoin && local) { // a new connection: the server no longer knows our peer id
        for (const peer of [...peers.keys()]) drop(peer);
        announced.clear();
        myPeer = null;
        send({ type: "call.join", ...mediaState() });
      }
      rejoin = false;
      render();
      return;
    }
    if (!local) return;
    if (message.type === "call.welcome") {
      myPeer = message.peer;
      iceServers = message.ice_servers;
      status("U bent in het gesprek. Anderen verschijnen zodra zij deelnemen.");
      return;
    }
    if (!myPeer || !message.from_peer) return;
    const p = peers.get(message.from_peer);
    if (message.type === "call.joined") {
      connectTo(message.from, message.from_peer).media = { audio: message.audio, video: message.video };
      send({ type: "call.media", ...mediaState() }); // so that the newcomer sees our camera and microphone state
    } else if (message.type === "call.left") {
      announced.delete(message.from_peer);
      drop(message.from_peer);
    } else if (message.type === "call.media") {
      const media = { audio: message.audio, video: message.video };
      if (p) { p.media = media; renderTile(p); } else announced.set(message.from_peer, media);
    } else if (message.type === "call.offer" || message.type === "call.answer" || message.type === "call.ice") {
      const target = p || connectTo(message.from, message.from_peer);
      const handle = message.type === "call.ice" ? () => onCandidates(message)
        : () => onDescription(message, message.type.slice(5));
      target.queue = target.queue.then(handle).catch(() => status("Er ging iets mis bij het verbinden met " + name(message.from) + "."));
    }
  }

  root.addEventListener("vpa:message", (event) => onMessage(event.detail));
  root.addEventListener("vpa:open", () => { rejoin = true; });
  $("gesprek-deelnemen").addEventListener("click", () => join(true));
  $("gesprek-alleen-geluid").addEventListener("click", () => join(false));
  $("gesprek-microfoon").addEventListener("click", toggleMicrophone);
  $("gesprek-camera").addEventListener("click", toggleCamera);
  $("gesprek-verlaten").addEventListener("click", () => leave());
  root.addEventListener("vpa:close", (event) => { // closed for good (room closed, access gone): hang up
    if (event.detail >= 4400 && event.detail < 4500 && local) {
      leave(false);
      status("Het gesprek is beëindigd.");
    }
  });
  window.addEventListener("pagehide", () => { if (local) local.getTracks().forEach((track) => track.stop()); });
  setInterval(() => { if (local) { measureLevels(); offerWhereStalled(); } }, 400);
})();
