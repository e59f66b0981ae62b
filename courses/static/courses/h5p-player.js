/* Starts h5p-standalone inside the sandboxed player page and reports to the module page that frames it:
   xAPI statements (which the module page sends to the server) and the content's height. */
(function () {
  var container = document.getElementById("h5p-container");
  function send(message) { window.parent.postMessage(message, "*"); }  // the parent cannot be named from a sandbox
  new H5PStandalone.H5P(container, {
    h5pJsonPath: ".",
    contentJsonPath: "content",
    librariesPath: "libraries",
    frameJs: container.dataset.frameJs,
    frameCss: container.dataset.frameCss,
    embedType: "div"
  }).then(function () {
    H5P.externalDispatcher.on("xAPI", function (event) {
      send({ type: "h5p-xapi", statement: event.data.statement });
    });
    send({ type: "h5p-ready" });
  });
  var lastHeight = 0;
  function reportHeight() {
    var height = document.documentElement.scrollHeight;
    if (height !== lastHeight) { lastHeight = height; send({ type: "h5p-resize", height: height }); }
  }
  if (window.ResizeObserver) { new ResizeObserver(reportHeight).observe(document.body); }
  window.addEventListener("load", reportHeight);
})();
