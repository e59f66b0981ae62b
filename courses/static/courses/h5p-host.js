/* On the module page: receive xAPI statements from the sandboxed H5P players and send them to the server (not in a
   trainer's preview, whose players have no data-xapi-url).
   A player is identified by its window (its origin is "null"); each statement gets an id once, so a retry
   of the same statement is stored only once. */
(function () {
  var frames = Array.prototype.slice.call(document.querySelectorAll("iframe[data-h5p-block]"));
  if (!frames.length) { return; }
  var csrf = document.querySelector("[name=csrfmiddlewaretoken]");
  function uuid4() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  var queue = Promise.resolve();
  function post(frame, statement, attempt) {
    return fetch(frame.dataset.xapiUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
      body: JSON.stringify({ statement: statement })
    }).then(function (response) {
      var status = document.getElementById("h5p-status-" + frame.dataset.h5pBlock);
      if (response.ok) { return response.status === 204 ? null : response.json(); }
      return response.json().then(function (data) { if (status) { status.textContent = data.error || ""; } });
    }).then(function (data) {
      var status = document.getElementById("h5p-status-" + frame.dataset.h5pBlock);
      if (data && data.message && status) { status.textContent = data.message; }
    }).catch(function () {
      if (attempt < 3) { return new Promise(function (r) { setTimeout(r, 1000 * attempt); }).then(function () { return post(frame, statement, attempt + 1); }); }
    });
  }
  window.addEventListener("message", function (event) {
    var frame = frames.filter(function (f) { return f.contentWindow === event.source; })[0];
    var data = event.data;
    if (!frame || !data || typeof data !== "object") { return; }
    if (data.type === "h5p-resize" && typeof data.height === "number") {
      frame.style.height = Math.min(Math.max(data.height, 200), 5000) + "px";
    } else if (data.type === "h5p-ready") {
      frame.setAttribute("data-h5p-ready", "true");
    } else if (data.type === "h5p-xapi" && frame.dataset.xapiUrl && data.statement && typeof data.statement === "object") {
      var statement = data.statement;
      if (!statement.id) { statement.id = uuid4(); }
      queue = queue.then(function () { return post(frame, statement, 1); });  // in order: a set after its questions
    }
  });
})();
