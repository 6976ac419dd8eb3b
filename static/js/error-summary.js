// When a form comes back with problems, move the focus to its error summary, so that a
// screen reader reads it out and a keyboard user starts from the list of links to each field
// (GOV.UK's pattern). A file of its own: the Content-Security-Policy allows no inline script.
(function () {
    function focusSummary() {
        var summary = document.querySelector(".error-summary");
        if (summary) {
            summary.focus();
        }
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", focusSummary);
    } else {
        focusSummary();
    }
})();
