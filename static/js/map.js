/* The portal's map component: Leaflet (served by django-leaflet) + GeoJSON layers fetched by
 * bounding box. Configuration comes from a json_script element; the layer switches are plain
 * checkboxes in the page, so the legend and the controls are readable without the map. */
(function () {
  "use strict";

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function popupHtml(properties, config) {
    var html = "<strong>" + escapeHtml(properties.name) + "</strong>";
    if (properties.label) html += "<br>" + escapeHtml(properties.label);
    if (properties.commune) html += "<br>" + escapeHtml(properties.commune);
    if (properties.approximate) html += "<br><em>" + escapeHtml(config.labels.approximate) + "</em>";
    if (properties.demo) html += ' <span class="demo-badge">' + escapeHtml(config.labels.demo) + "</span>";
    if (properties.url) {
      html += '<br><a href="' + encodeURI(properties.url) + '">' + escapeHtml(properties.link || config.labels.seeCommune) + "</a>";
    }
    return html;
  }

  function colourOf(key) {
    return getComputedStyle(document.documentElement).getPropertyValue("--layer-" + key).trim();
  }

  function clusterMarker(feature, latlng, map, config) {
    var count = feature.properties.count;
    var size = count < 10 ? 30 : count < 100 ? 36 : 44;
    var label = config.labels.cluster.replace("%(count)s", count);
    var marker = L.marker(latlng, {
      title: label,
      alt: label,
      icon: L.divIcon({
        className: "map-cluster",
        html: "<span>" + escapeHtml(count) + "</span>",
        iconSize: [size, size],
      }),
    });
    marker.on("click keypress", function () {
      map.setView(latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
    });
    return marker;
  }

  function buildLayer(layer, data, map, config) {
    if (layer.type === "points") {
      return L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          if (feature.properties.cluster) return clusterMarker(feature, latlng, map, config);
          return L.circleMarker(latlng, {
            radius: 7,
            color: "#ffffff",
            weight: 2,
            fillColor: layer.colour || colourOf(layer.id),
            fillOpacity: 0.95,
          }).bindPopup(popupHtml(feature.properties, config));
        },
      });
    }
    return L.geoJSON(data, {
      style: function (feature) {
        if (layer.type === "choropleth") {
          return {
            color: "#5f5866",
            weight: 1,
            fillColor: feature.properties.zone ? colourOf("zone-" + feature.properties.zone) : "#ffffff",
            fillOpacity: feature.properties.zone ? 0.55 : 0.1,
          };
        }
        return { color: colourOf(layer.id), weight: 3, fillOpacity: 0.08 };
      },
      onEachFeature: function (feature, leafletLayer) {
        leafletLayer.bindPopup(popupHtml(feature.properties, config));
      },
    });
  }

  // The box asked for is the view widened to a grid of one map tile at this zoom, so that
  // panning within it asks the same URL again, which the server and the browser have cached.
  function bboxOf(map) {
    var bounds = map.getBounds();
    var step = 360 / Math.pow(2, map.getZoom());
    var west = Math.floor(bounds.getWest() / step) * step;
    var south = Math.floor(bounds.getSouth() / step) * step;
    var east = Math.ceil(bounds.getEast() / step) * step;
    var north = Math.ceil(bounds.getNorth() / step) * step;
    return [
      Math.max(-180, west), Math.max(-90, south), Math.min(180, east), Math.min(90, north)
    ].map(function (value) { return value.toFixed(5); }).join(",");
  }

  function initMap(container) {
    var config = JSON.parse(document.getElementById(container.dataset.config).textContent);
    var status = document.getElementById(container.id + "-status");
    var map = L.map(container, { scrollWheelZoom: false });
    // The commune outlines sit in a pane under the tiles (tilePane is at z-index 200): hidden by
    // the tiles when they load, they are the map when no tile server answers.
    map.createPane("communes-base").style.zIndex = 150;
    var base = config.base ? L.layerGroup().addTo(map) : null;
    if (config.base && map.attributionControl) map.attributionControl.addAttribution(escapeHtml(config.base.attribution));
    L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: 18 }).addTo(map);
    if (config.bounds) {
      var b = config.bounds;
      map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
    } else {
      map.setView(config.center, config.zoom);
    }

    var state = {};
    config.layers.forEach(function (layer) {
      state[layer.id] = { layer: layer, group: L.layerGroup(), request: null };
      if (layer.checked) state[layer.id].group.addTo(map);
    });

    function refresh(id) {
      var entry = state[id];
      if (!map.hasLayer(entry.group)) return;
      if (entry.request) entry.request.abort();
      entry.request = new AbortController();
      var separator = entry.layer.url.indexOf("?") === -1 ? "?" : "&";
      var url = entry.layer.url + separator + "bbox=" + bboxOf(map) + "&zoom=" + map.getZoom();
      fetch(url, { signal: entry.request.signal, headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          entry.group.clearLayers();
          entry.group.addLayer(buildLayer(entry.layer, data, map, config));
          container.dataset.loaded = (parseInt(container.dataset.loaded || "0", 10) + 1).toString();
        })
        .catch(function (error) {
          if (error.name === "AbortError") return;
          if (status) status.textContent = config.labels.error.replace("%(layer)s", entry.layer.label);
        });
    }

    var baseRequest = null;
    function refreshBase() {
      if (!base) return;
      if (baseRequest) baseRequest.abort();
      baseRequest = new AbortController();
      var separator = config.base.url.indexOf("?") === -1 ? "?" : "&";
      fetch(config.base.url + separator + "bbox=" + bboxOf(map) + "&zoom=" + map.getZoom(), {
        signal: baseRequest.signal,
        headers: { Accept: "application/geo+json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          base.clearLayers();
          base.addLayer(L.geoJSON(data, {
            pane: "communes-base",
            interactive: false,
            style: { color: colourOf("commune-outline") || "#8a8290", weight: 1, fillColor: colourOf("commune-fill") || "#fbfaf7", fillOpacity: 1 },
          }));
          container.dataset.baseLoaded = "true";
        })
        .catch(function () { /* the outlines are a fallback: their absence is not an error */ });
    }

    function refreshAll() {
      refreshBase();
      Object.keys(state).forEach(refresh);
    }

    var controls = document.querySelector('[data-map-controls="' + container.id + '"]');
    if (controls) {
      controls.hidden = false;
      controls.querySelectorAll("input[type=checkbox]").forEach(function (input) {
        input.addEventListener("change", function () {
          var entry = state[input.value];
          if (input.checked) {
            entry.group.addTo(map);
            refresh(input.value);
          } else {
            map.removeLayer(entry.group);
          }
        });
      });
    }
    map.on("moveend", refreshAll);
    refreshAll();
  }

  document.querySelectorAll("[data-map]").forEach(initMap);
})();
