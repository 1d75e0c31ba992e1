// The interface strings the server translated for this page (ui_strings.py), and {name}
// placeholders filled in.

const element = document.getElementById("ui-strings");

export const ui = element ? JSON.parse(element.textContent) : {};

export function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => String(values[name] ?? whole));
}
