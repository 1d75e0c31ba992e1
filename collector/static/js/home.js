// The interviewer's home: unfinished interviews (continue or delete) and finished ones not
// yet sent, those the server refused with its reason. Redrawn whenever any tab changes them.

import { deleteDraft, listDrafts } from "./drafts.js";
import { list, onChange } from "./outbox.js";
import { ui } from "./ui-strings.js";

export function setUpHome() {
  onChange(render);
  render();
}

async function render() {
  const [drafts, items] = await Promise.all([listDrafts(), list()]);
  fillList("drafts-list", drafts.map(draftEntry), ui.drafts_empty);
  fillList("outbox-list", items.map(outboxEntry), ui.outbox_empty);
}

function draftEntry(draft) {
  const resume = element("a", ui.continue, "button");
  // The fragment names this draft (the page resumes the newest one otherwise).
  resume.href = `${draft.pageUrl}#draft=${draft.uuid}`;
  const remove = element("button", ui.delete, "button");
  remove.type = "button";
  remove.addEventListener("click", () => {
    if (confirm(ui.confirm_delete)) deleteDraft(draft.uuid);
  });
  const title = titleOf(draft.form, draft.campaign);
  const text = `${title} · ${ui.started} ${shortTime(draft.startedAt)}`;
  return entry(draft.uuid, [element("span", text), resume, remove]);
}

function outboxEntry(item) {
  const { form, campaign, completed_at: completedAt } = item.payload;
  const parts = [element("span", `${titleOf(form, campaign)} · ${shortTime(completedAt)}`)];
  if (item.state === "attention") {
    const reasons = Object.entries(item.errors ?? {}).map(([key, texts]) => `${key}: ${texts}`);
    const text = [`${ui.attention}: ${item.message}`, ...reasons].join(" ");
    parts.push(element("span", text, "attention"));
  } else {
    parts.push(element("span", ui.waiting));
  }
  return entry(item.uuid, parts);
}

/** The form's title as the list of forms on this page shows it, else its id. */
function titleOf(form, campaign) {
  for (const link of document.querySelectorAll(".form-list a")) {
    const url = new URL(link.href);
    const sameCampaign = (url.searchParams.get("campaign") ?? "") === (campaign ?? "");
    if (url.pathname === `/f/${form}` && sameCampaign) {
      return link.textContent.replace(/\s+/g, " ").trim();
    }
  }
  return form;
}

function shortTime(iso) {
  const options = { dateStyle: "short", timeStyle: "short" };
  return iso ? new Date(iso).toLocaleString(document.documentElement.lang, options) : "";
}

function fillList(id, entries, emptyText) {
  const empty = element("li", emptyText, "empty");
  document.getElementById(id).replaceChildren(...(entries.length ? entries : [empty]));
}

function entry(uuid, children) {
  const li = document.createElement("li");
  li.dataset.uuid = uuid;
  li.append(...children);
  return li;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}
