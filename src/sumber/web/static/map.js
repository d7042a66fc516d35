// Map page: an offline world outline (no tile server), places and events from
// /api/map, grouped into clusters by pixel distance, redrawn on zoom.
// Popups are built with textContent, so names from articles are never parsed as HTML.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var status = document.getElementById("map-status");
  if (!box || typeof L === "undefined") {
    if (status) { status.textContent = "The map library did not load."; }
    return;
  }
  var GRID = 44;
  var map = L.map(box, {minZoom: 1, maxZoom: 12, worldCopyJump: true, zoomSnap: 1});
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  map.setView([15, 60], 2);
  var clusters = L.layerGroup().addTo(map);
  var points = [];

  function json(url) {
    return fetch(url, {credentials: "same-origin"}).then(function (r) {
      if (!r.ok) { return r.json().then(function (e) { throw new Error(e.error || r.statusText); }); }
      return r.json();
    });
  }

  json(box.getAttribute("data-world")).then(function (world) {
    L.geoJSON(world, {interactive: false, style: {color: "#8d9aa6", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1}})
      .addTo(map).bringToBack();
  }).catch(function () { /* points still show without the outline */ });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function link(href, text) {
    var a = el("a", null, text);
    a.setAttribute("href", href);
    return a;
  }

  function describe(p) {
    var d = el("div", "popup");
    if (p.kind === "place") {
      d.appendChild(el("strong", null, p.name));
      d.appendChild(el("div", "meta", [p.admin1, p.country, p.precision].filter(Boolean).join(" · ")));
      d.appendChild(el("div", null, p.mentions + " mention(s) in " + p.articles + " article(s)"));
      d.appendChild(link(p.href, "claims about " + p.name + " →"));
    } else {
      d.appendChild(el("strong", null, p.type + " (" + p.status + ")"));
      d.appendChild(el("div", null, "“" + p.trigger + "” " + [p.actor, p.target].filter(Boolean).join(" → ")));
      d.appendChild(el("div", "meta", [p.place, p.date, p.outlet].filter(Boolean).join(" · ")));
      d.appendChild(link(p.href, p.attribution ? "the claim →" : "the article →"));
    }
    return d;
  }

  function markerFor(pt) {
    var p = pt.props;
    var cls = p.kind === "place" ? "marker marker-place" : "marker marker-event marker-" + p.status;
    var r = p.kind === "place" ? Math.min(14, 5 + 2 * Math.log2(Math.max(1, p.mentions || 1))) : 6;
    return L.circleMarker(pt.latlng, {radius: r, className: cls, weight: 1.5, fillOpacity: 0.8})
      .bindPopup(describe(p));
  }

  function clusterFor(members) {
    var lat = 0, lng = 0;
    members.forEach(function (m) { lat += m.latlng.lat; lng += m.latlng.lng; });
    var center = L.latLng(lat / members.length, lng / members.length);
    var label = el("span", null, members.length);
    var size = members.length < 10 ? 28 : members.length < 100 ? 34 : 40;
    var icon = L.divIcon({html: label, className: "cluster", iconSize: [size, size]});
    var m = L.marker(center, {icon: icon, keyboard: true, title: members.length + " items"});
    m.on("click", function () {
      var bounds = L.latLngBounds(members.map(function (x) { return x.latlng; }));
      if (map.getZoom() < map.getMaxZoom() && bounds.getNorthEast().distanceTo(bounds.getSouthWest()) > 1) {
        map.fitBounds(bounds.pad(0.3));
      } else {
        var list = el("div", "popup");
        members.slice(0, 30).forEach(function (x) { list.appendChild(describe(x.props)); });
        L.popup().setLatLng(center).setContent(list).openOn(map);
      }
    });
    return m;
  }

  function redraw() {
    // Greedy clustering in screen pixels: a point joins the first cluster whose centre is
    // closer than GRID, else starts one; so clusters never overlap much at any zoom.
    clusters.clearLayers();
    var zoom = map.getZoom();
    box.setAttribute("data-zoom", String(zoom));
    var groups = [];
    points.forEach(function (pt) {
      var xy = map.project(pt.latlng, zoom);
      for (var i = 0; i < groups.length; i++) {
        var g = groups[i];
        if (Math.abs(g.x - xy.x) < GRID && Math.abs(g.y - xy.y) < GRID) {
          g.members.push(pt);
          g.x += (xy.x - g.x) / g.members.length;
          g.y += (xy.y - g.y) / g.members.length;
          return;
        }
      }
      groups.push({x: xy.x, y: xy.y, members: [pt]});
    });
    groups.forEach(function (g) {
      clusters.addLayer(g.members.length === 1 ? markerFor(g.members[0]) : clusterFor(g.members));
    });
  }
  map.on("zoomend", redraw);
  map.on("moveend", function () { box.setAttribute("data-settled", String(Date.now())); });

  json(box.getAttribute("data-src")).then(function (data) {
    var places = 0, events = 0;
    data.features.forEach(function (f) {
      var c = f.geometry && f.geometry.coordinates;
      if (!c) { return; }
      points.push({latlng: L.latLng(c[1], c[0]), props: f.properties});
      if (f.properties.kind === "place") { places++; } else { events++; }
    });
    if (points.length) {
      map.fitBounds(L.latLngBounds(points.map(function (p) { return p.latlng; })).pad(0.4), {maxZoom: 6, animate: false});
    }
    redraw();
    status.textContent = points.length ? places + " places and " + events + " events with coordinates."
                                       : "No places or events with coordinates match.";
    box.setAttribute("data-points", String(points.length));
  }).catch(function (err) {
    status.textContent = "Could not load the map data: " + err.message;
  });
})();
