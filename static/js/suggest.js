// Suggestions for a search box (vsa_portal.widgets.SuggestInput): as the visitor types, the
// box's <datalist> is filled from its data-suggest-url. Without this script the box still
// works: the server finds what was typed.
(function () {
  "use strict";

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2 || text === asked) {
        return;
      }
      timer = window.setTimeout(function () {
        asked = text;
        var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(text);
        fetch(url, { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            var options = data.results.map(function (label) {
              var option = document.createElement("option");
              option.value = label;
              return option;
            });
            list.replaceChildren.apply(list, options);
          })
          .catch(function () { /* no suggestions: the box still works */ });
      }, 200);
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(attach);
})();
