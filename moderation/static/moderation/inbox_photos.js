// Photos in the moderator inbox are blurred until the moderator asks to see them: the button (or a
// click on the photo) shows it, and the button blurs it again; its label says which it will do.
document.addEventListener("click", (event) => {
  const box = event.target.closest("[data-inbox-photo]");
  if (!box) return;
  const button = box.querySelector("[data-inbox-photo-toggle]");
  const onImage = event.target.closest("[data-inbox-photo-image]");
  if (!onImage && !event.target.closest("[data-inbox-photo-toggle]")) return;
  const shown = onImage ? true : !box.classList.contains("is-shown");
  box.classList.toggle("is-shown", shown);
  button.querySelector("[data-inbox-photo-label]").textContent = shown
    ? button.dataset.hideLabel
    : button.dataset.showLabel;
});
