"""axe-core (the npm package, pinned in package.json) run inside a page of the browser tests.

The pages forbid inline script by their Content-Security-Policy, so axe is not added as a
<script> tag: its source is evaluated through DevTools (Playwright's `page.evaluate`),
which the page's policy does not govern and which logs no refusal.
"""

from functools import cache
from pathlib import Path

import pytest

from tests.conftest import REQUIRE_ALL

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = ("serious", "critical")

RUN_AXE = """async (tags) => {
  const results = await window.axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}"""


@cache
def axe_source() -> str:
    if not AXE_JS.exists():
        reason = f"axe-core is not installed ({AXE_JS} is missing): run `npm ci`"
        if REQUIRE_ALL:
            pytest.fail(f"the accessibility check is required here: {reason}")
        pytest.skip(reason)
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """The serious and critical WCAG 2 A/AA violations on the page as it is shown now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source() + "\n;undefined")
    found = page.evaluate(RUN_AXE, WCAG_TAGS)
    return [v for v in found if v["impact"] in FAILING_IMPACTS]


def describe(where: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{where}: {v['id']} ({v['impact']}): {v['help']}")
        for node in v["targets"]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}  -- {summary}")
    return "\n".join(lines)


class AxeReport:
    """Checks many pages, then fails once, naming every violation on every page."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.checked: list[str] = []

    def check(self, page, where: str | None = None) -> None:
        where = where or page.url
        self.checked.append(where)
        violations = axe_violations(page)
        if violations:
            self.problems.append(describe(where, violations))

    def check_focus(self, page, where: str | None = None) -> None:
        where = where or page.url
        self.problems.extend(f"{where}: {problem}" for problem in focus_problems(page))

    def check_errors(self, page, where: str | None = None) -> None:
        where = where or page.url
        self.problems.extend(f"{where}: error {p}" for p in unannounced_errors(page))

    def assert_clean(self) -> None:
        assert self.checked, "no page was checked"
        assert not self.problems, "accessibility violations:\n" + "\n".join(self.problems)


# What axe cannot see. For the element that has keyboard focus: a focus ring (an outline
# at least 2 px wide) whose colour has 3:1 against the page's white (WCAG 2.4.7, 1.4.11).
FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rgb = (style.outlineColor.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const lum = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
  const id = el.id ? '#' + el.id : '';
  const name = el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '';
  return {
    element: el.tagName.toLowerCase() + id + name + ' ' + el.textContent.trim().slice(0, 30),
    style: style.outlineStyle, width: parseFloat(style.outlineWidth), contrast: 1.05 / (lum + 0.05),
  };
}"""


def focus_problems(page, presses: int = 12) -> list[str]:
    """Tab through the first elements of the page; each must show a visible focus ring."""
    problems = []
    page.locator("body").focus()
    for _ in range(presses):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring is None:
            continue
        if ring["style"] == "none" or ring["width"] < 2 or ring["contrast"] < 3:
            problems.append(f"no visible focus ring on {ring['element']}: {ring}")
    return problems


# Every question shown with an error: its message is in a live region and not empty, and
# each of its inputs is marked aria-invalid="true" and described by that message.
UNANNOUNCED_ERRORS = """() => {
  const problems = [];
  const boxes = [...document.querySelectorAll('[data-question].has-error')];
  if (boxes.length === 0) problems.push('no question is marked as having an error');
  for (const box of boxes) {
    const q = box.dataset.question;
    const message = document.getElementById('error-' + q);
    if (!message || !message.textContent.trim()) { problems.push(q + ': no error text'); continue; }
    const live = message.closest('[aria-live], [role=alert], [role=status]');
    if (!live) problems.push(q + ': not live');
    for (const input of box.querySelectorAll('input[name], textarea[name], select[name]')) {
      if (input.type === 'hidden' || input.closest('.hidden-by-condition')) continue;
      if (input.getAttribute('aria-invalid') !== 'true') problems.push(q + ': not aria-invalid');
      const described = [input, input.closest('fieldset')].filter(Boolean)
        .flatMap((el) => (el.getAttribute('aria-describedby') || '').split(/\\s+/));
      if (!described.includes(message.id)) problems.push(q + ': not described by its error');
    }
  }
  return [...new Set(problems)];
}"""


def unannounced_errors(page) -> list[str]:
    return page.evaluate(UNANNOUNCED_ERRORS)
