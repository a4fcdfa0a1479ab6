"use strict";
// The SPARQL editor: YASGUI (vendored) on this server's guarded, read-only /query endpoint, with the
// query library as examples. Nothing is fetched from elsewhere: the autocompleters that ask remote
// services for prefixes, classes and properties are switched off, and no endpoint list is offered.
(function () {
  const holder = document.getElementById("yasgui");
  if (!holder || typeof Yasgui === "undefined") { return; }
  const endpoint = new URL(holder.dataset.endpoint || "/query", window.location.href).href;
  const examplesNode = document.getElementById("examples-data");
  const examples = examplesNode ? JSON.parse(examplesNode.textContent) : [];
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  const yasgui = new Yasgui(holder, {
    requestConfig: {endpoint: endpoint, method: "POST"},
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {getData: () => [{endpoint: endpoint}], keys: []},
    persistenceId: null,
    populateFromUrl: false,
    autofocus: false,
    tabName: "Query",
  });
  const state = {yasgui: yasgui, endpoint: endpoint, examples: examples};
  window.figuregraphSparql = state;
  state.load = function (name) {
    const example = examples.find((q) => q.name === name);
    if (!example) { return false; }
    const tab = yasgui.getTab();
    tab.setEndpoint(endpoint);
    tab.getYasqe().setValue(example.text);
    return true;
  };
  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", () => state.load(button.dataset.name));
  }
  if (examples.length) {
    state.load(examples[0].name);
  }
})();
