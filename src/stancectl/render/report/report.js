(() => {
  "use strict";
  const form = document.getElementById("filters");
  const status = document.getElementById("status");
  const tooltip = document.getElementById("tooltip");
  const data = JSON.parse(document.getElementById("report-data").textContent);

  // The command line's folding for --search: accents dropped ("ł" as "l"), case, quotation
  // marks, apostrophes and dashes folded, runs of whitespace as one space.
  const TYPOGRAPHY = [
    [/[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e]/g, '"'],
    [/[\u2018\u2019\u201a\u201b\u2039\u203a\u2032\u0060\u00b4]/g, "'"],
    [/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, "-"],
    [/\u2026/g, "..."],
    [/[\u00ad\u200b\ufeff]/g, ""],
  ];
  const fold = (text) => {
    let folded = text.replace(/\u0142/g, "l").replace(/\u0141/g, "L").normalize("NFKD")
      .replace(/[\p{Mn}\p{Me}]/gu, "").normalize("NFKC");
    for (const [pattern, plain] of TYPOGRAPHY) folded = folded.replace(pattern, plain);
    // toLowerCase, plus what Python's casefold does beyond it for common letters
    folded = folded.toLowerCase().replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3");
    return folded.split(/\s+/).filter(Boolean).join(" ");
  };
  window.stancectlFold = fold; // the one piece of the page a test compares with the CLI

  // --- the statements, their rows and marks, the charts' lanes --------------------------------
  const statements = data.statements.map((values) => {
    const s = Object.fromEntries(data.fields.map((name, index) => [name, values[index]]));
    return {
      ...s, laneKey: s.lane, lane: null, row: document.getElementById("st-" + s.id),
      mark: null, changes: [], visible: true, haystack: null,
    };
  });
  const byId = new Map(statements.map((s) => [s.id, s]));
  const charts = [...document.querySelectorAll("div.timeline")].map((chart) => {
    const lanes = [...chart.querySelectorAll("svg.lane")].map((svg) => {
      const count = svg.querySelector("tspan.count");
      return {
        svg, key: svg.dataset.lane, count, all: Number(count.textContent.slice(1, -1)), shown: 0,
      };
    });
    for (const lane of lanes) {
      for (const mark of lane.svg.querySelectorAll("a.mark")) {
        const s = byId.get(mark.dataset.id);
        if (s) { s.mark = mark; s.lane = lane; }
      }
      for (const change of lane.svg.querySelectorAll("g.change")) {
        const s = byId.get(change.dataset.id);
        if (s) s.changes.push(change);
      }
    }
    return { lanes, none: chart.closest("section").querySelector("p.none") };
  });

  const haystack = (s) => {
    if (s.haystack === null) {
      const words = [s.row.textContent, s.text, data.words[s.actor] || "", data.words[s.government] || ""];
      s.haystack = fold(words.join(" | "));
    }
    return s.haystack;
  };

  // --- reading and writing the filters -------------------------------------------------------
  const boxes = (name) => [...form.querySelectorAll(`input[name="${name}"]`)];
  const checkedSet = (name) => {
    const all = boxes(name);
    const on = all.filter((box) => box.checked).map((box) => box.value);
    return on.length === all.length ? null : new Set(on);
  };
  const isDay = (value) => /^\d{4}-\d{2}-\d{2}$/.test(value || "");
  const readForm = () => ({
    entities: checkedSet("entity"),
    stances: checkedSet("stance"),
    since: isDay(form.elements.since.value) ? form.elements.since.value : "",
    until: isDay(form.elements.until.value) ? form.elements.until.value : "",
    q: form.elements.q.value.trim(),
  });

  const encode = (value) => encodeURIComponent(value).replace(/%3A/g, ":");
  const decode = (value) => {
    try { return decodeURIComponent(value); } catch { return ""; }
  };
  const writeHash = (state) => {
    const parts = [];
    if (state.entities) parts.push("entity=" + [...state.entities].map(encode).join(","));
    if (state.stances) parts.push("stance=" + [...state.stances].map(encode).join(","));
    if (state.since) parts.push("since=" + state.since);
    if (state.until) parts.push("until=" + state.until);
    if (state.q) parts.push("q=" + encode(state.q));
    const hash = parts.length ? "#" + parts.join("&") : "";
    if (location.hash === hash || (!hash && !location.hash.includes("="))) return;
    history.replaceState(null, "", hash || location.pathname + location.search);
  };
  const readHash = () => {
    const hash = location.hash.slice(1);
    if (!hash.includes("=")) return false; // an anchor such as #st-ID, not a filter
    const params = new Map();
    for (const part of hash.split("&")) {
      const at = part.indexOf("=");
      if (at > 0) params.set(part.slice(0, at), part.slice(at + 1));
    }
    for (const name of ["entity", "stance"]) {
      const value = params.get(name);
      const wanted = value === undefined ? null : new Set(value.split(",").map(decode));
      for (const box of boxes(name)) box.checked = wanted === null || wanted.has(box.value);
    }
    for (const name of ["since", "until"]) {
      const value = params.get(name) || "";
      form.elements[name].value = isDay(value) ? value : "";
    }
    form.elements.q.value = decode(params.get("q") || "");
    return true;
  };

  // --- applying them -------------------------------------------------------------------------
  const keep = (s, state, needle) => {
    if (state.entities && !state.entities.has(s.laneKey)) return false;
    if (state.stances && !state.stances.has(s.stance)) return false;
    if (state.since || state.until) {
      // a vague date matches if any day it may stand for is inside the range
      if (s.first === null) return false;
      if (state.since && s.last < state.since) return false;
      if (state.until && s.first > state.until) return false;
    }
    return !needle || haystack(s).includes(needle);
  };

  // Each lane is its own drawing: hiding one, or marks in one, lays out that lane alone. A
  // lane leaves the chart only when the government filter leaves it out; other filters empty
  // it ("0 of 3") and keep it in place, which is cheaper to undo and shows where matches are.
  const layOut = (chart, state) => {
    let shown = 0;
    for (const lane of chart.lanes) {
      shown += lane.shown;
      const count = lane.shown === lane.all ? `(${lane.all})` : `(${lane.shown} of ${lane.all})`;
      if (lane.count.textContent !== count) lane.count.textContent = count;
      const display = state.entities && !state.entities.has(lane.key) ? "none" : "";
      if (lane.svg.style.display !== display) lane.svg.style.display = display;
    }
    chart.none.hidden = shown > 0;
  };

  const apply = (updateHash) => {
    const state = readForm();
    const needle = state.q ? fold(state.q) : "";
    for (const chart of charts) for (const lane of chart.lanes) lane.shown = 0;
    let shown = 0;
    for (const s of statements) {
      const visible = keep(s, state, needle);
      if (visible !== s.visible) {
        s.visible = visible;
        s.row.hidden = !visible;
        // hidden, not removed: the chart keeps its layout objects, so showing is cheap again
        for (const drawn of [s.mark, ...s.changes]) {
          if (!drawn) continue;
          if (visible) drawn.removeAttribute("visibility");
          else drawn.setAttribute("visibility", "hidden");
        }
      }
      if (visible) {
        shown += 1;
        if (s.lane) s.lane.shown += 1;
      }
    }
    for (const chart of charts) layOut(chart, state);
    status.textContent = shown === statements.length
      ? `Showing all ${shown} statements.`
      : `Showing ${shown} of ${statements.length} statements.`;
    if (updateHash) writeHash(state);
  };

  // --- marks: a tooltip on hover or focus, a click jumps to the statement's row --------------
  const line = (tag, className, text) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = text;
    return element;
  };
  const markOf = (target) => (target instanceof Element ? target.closest("a.mark") : null);
  const statementOf = (mark) => byId.get(mark.dataset.id);
  const ownText = (cell) => [...cell.childNodes]
    .filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join("").trim();
  const showTip = (mark) => {
    const s = statementOf(mark);
    if (!s) return;
    const [date, entity, actor, stance] = s.row.cells;
    const role = actor.querySelector("small");
    const change = stance.querySelector(".change");
    const quote = s.row.querySelector("td q");
    const verdict = s.row.querySelector("td b");
    const who = [role ? role.textContent : "", entity.textContent, date.textContent];
    tooltip.replaceChildren(
      line("strong", "", ownText(actor) || entity.textContent),
      line("span", "", who.filter(Boolean).join(" · ")),
      line("span", "", stance.firstElementChild.textContent + " " + ownText(stance)),
      line("span", "change", change ? change.textContent : ""),
      // quotes are verbatim article text, with the article's own quotation marks
      line("span", "q", quote ? `${quote.textContent} (${verdict.textContent})` : ""),
    );
    tooltip.hidden = false;
    const box = mark.getBoundingClientRect();
    const width = tooltip.offsetWidth;
    const left = Math.min(Math.max(8, box.left + box.width / 2 - width / 2),
      document.documentElement.clientWidth - width - 8);
    let top = box.top - tooltip.offsetHeight - 10;
    if (top < 8) top = box.bottom + 10;
    tooltip.style.left = `${left + window.scrollX}px`;
    tooltip.style.top = `${top + window.scrollY}px`;
  };
  const hideTip = () => { tooltip.hidden = true; };
  const jumpTo = (s) => {
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    s.row.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    s.row.tabIndex = -1;
    s.row.focus({ preventScroll: true });
    s.row.classList.remove("flash");
    void s.row.offsetWidth; // restart the highlight
    s.row.classList.add("flash");
  };

  document.addEventListener("mouseover", (event) => {
    const mark = markOf(event.target);
    if (mark) showTip(mark);
  });
  document.addEventListener("mouseout", (event) => {
    if (markOf(event.target)) hideTip();
  });
  document.addEventListener("focusin", (event) => {
    const mark = markOf(event.target);
    if (mark) showTip(mark); else hideTip();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideTip();
  });
  document.addEventListener("click", (event) => {
    const mark = markOf(event.target);
    if (!mark) return;
    event.preventDefault();
    const s = statementOf(mark);
    hideTip();
    if (s) jumpTo(s);
  });

  // --- wiring ----------------------------------------------------------------------------------
  form.addEventListener("input", () => apply(true));
  form.addEventListener("change", () => apply(true));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(() => apply(true), 0));
  form.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button[data-all], button[data-none]") : null;
    if (!button) return;
    const name = button.dataset.all || button.dataset.none;
    for (const box of boxes(name)) box.checked = Boolean(button.dataset.all);
    apply(true);
  });
  // print every report of a statement, not only those shown unfolded
  let folded = [];
  window.addEventListener("beforeprint", () => {
    folded = [...document.querySelectorAll("table.statements details:not([open])")];
    for (const details of folded) details.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const details of folded) details.open = false;
  });
  window.addEventListener("hashchange", () => {
    if (readHash()) apply(false);
  });

  if (readHash()) apply(false);
  else if (location.hash.startsWith("#st-")) {
    const s = byId.get(decode(location.hash.slice(4)));
    if (s) jumpTo(s);
  }
})();
