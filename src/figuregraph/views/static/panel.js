"use strict";
// The network panel: the item's neighbourhood (vis-network); a click adds a node's neighbours,
// asked from /api/neighbours; a double-click opens the node's page. Node labels and tooltips are
// plain text (vis-network writes a string title as text), status lines are text nodes.
(function () {
  const holder = document.getElementById("panel");
  const source = document.getElementById("panel-data");
  if (!holder || !source || typeof vis === "undefined") { return; }
  const data = JSON.parse(source.textContent);
  const status = document.getElementById("panel-status");
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const state = {nodes: nodes, edges: edges, expanded: [], busy: 0, ready: false, errors: []};
  window.figuregraphPanel = state;
  const network = new vis.Network(holder, {nodes: nodes, edges: edges}, data.options);
  state.network = network;

  function say(text) { status.textContent = text; }
  function counts() { return nodes.length + " nodes, " + edges.length + " links"; }
  // once laid out: still, and every node inside the panel (physics spreads them past its sides). The
  // fit waits for a drawing: only then do the nodes' boxes hold their labels.
  function laidOut() {
    network.setOptions({physics: false});
    network.once("afterDrawing", () => { network.fit({animation: false}); state.ready = true; });
    network.redraw();
  }
  function settle() {
    network.once("stabilizationIterationsDone", laidOut);
    network.setOptions({physics: {enabled: true}});
    network.stabilize(200);
  }
  network.once("stabilizationIterationsDone", laidOut);
  if (!data.nodes.length) { state.ready = true; }
  say(counts() + (data.focus ? "" : " - click one to see what it links to"));

  async function expand(id) {
    state.busy += 1;
    state.ready = false;
    try {
      const response = await fetch("/api/neighbours?id=" + encodeURIComponent(id), {headers: {"Accept": "application/json"}});
      if (!response.ok) { throw new Error("the server answered " + response.status); }
      const more = await response.json();
      const centre = network.getPositions([id])[id] || {x: 0, y: 0};
      const fresh = more.nodes.filter((n) => nodes.get(n.id) === null);
      fresh.forEach((n, i) => {
        const angle = 2 * Math.PI * i / Math.max(1, fresh.length);
        n.x = centre.x + 160 * Math.cos(angle);
        n.y = centre.y + 160 * Math.sin(angle);
      });
      nodes.add(fresh);
      edges.add(more.edges.filter((e) => edges.get(e.id) === null));
      state.expanded.push(id);
      const left = more.more[id] || 0;
      say(counts() + (left ? " - " + left + " more neighbours of it: open its page to see them all" : ""));
      if (fresh.length) { settle(); } else { state.ready = true; }
    } catch (error) {
      state.errors.push(String(error));
      say("could not add its neighbours: " + error.message);
      state.ready = true;
    } finally {
      state.busy -= 1;
    }
  }
  state.expand = expand;
  network.on("click", (params) => { if (params.nodes.length) { expand(params.nodes[0]); } });
  network.on("doubleClick", (params) => {
    if (!params.nodes.length) { return; }
    const node = nodes.get(params.nodes[0]);
    if (node && node.url) { window.location.assign(node.url); }
  });
})();
