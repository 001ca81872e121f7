// Inline formsets: "Add another" clones the empty form of a formset.
// Without JavaScript the formset still offers its extra blank forms.
(function () {
  "use strict";
  document.querySelectorAll("fieldset.formset").forEach(function (fieldset) {
    var prefix = fieldset.dataset.formsetPrefix;
    var total = fieldset.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = fieldset.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    var template = fieldset.querySelector("template.formset-empty");
    var button = fieldset.querySelector("button.formset-add");
    var container = fieldset.querySelector(".formset-forms");
    if (!total || !template || !button || !container) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) {
        return;
      }
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var wrapper = document.createElement("div");
      wrapper.innerHTML = html.trim();
      var form = wrapper.firstElementChild;
      var title = form.querySelector(".formset-form-title strong");
      if (title) {
        title.textContent = title.textContent + " " + (index + 1);
      }
      container.appendChild(form);
      total.value = String(index + 1);
      var first = form.querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
    });
  });
})();
