// The search box suggests agency names as the visitor types. Without JavaScript the box is a plain form.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest]");
  if (!input || !window.fetch) return;
  var list = document.createElement("datalist");
  list.id = "site-search-names";
  input.setAttribute("list", list.id);
  input.parentNode.appendChild(list);
  var timer = null, asked = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var words = input.value.trim();
      if (words.length < 2 || words === asked) return;
      asked = words;
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(words), {headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (names) {
          list.textContent = "";
          names.forEach(function (name) {
            var option = document.createElement("option");
            option.value = name;
            list.appendChild(option);
          });
        })
        .catch(function () { /* no suggestions: the form still works */ });
    }, 200);
  });
})();
