"""Streamlit's own fixed English strings, in Dutch: one small translation layer for every page.

Streamlit 1.67 writes some texts and screen-reader labels in English that no parameter reaches:
the skip link, "Link to heading" anchors, the sidebar button, the file uploader's texts, select
placeholders, the date picker's labels, "Remove <option>" on multiselect chips, the "Page not
found" dialog and the element toolbar. app.py renders `SCRIPT` once per page; it translates what
is there and, through a MutationObserver, everything Streamlit draws later. The heading anchors
are hidden and taken out of the Tab order: they add a Tab stop before every heading and say
nothing a person needs.
Where Streamlit has a parameter (placeholder=, format=, anchor=False, label=) the pages use it;
this layer is for what they cannot reach.
"""

from __future__ import annotations

import json

# Whole strings (text or attribute), exactly as Streamlit writes them.
EXACT = {
    "Skip to main content": "Naar de inhoud",
    "Collapse sidebar": "Menu inklappen",
    "Expand sidebar": "Menu uitklappen",
    "Sidebar": "Menu",
    "App pages": "Pagina's",
    "Main menu": "Hoofdmenu",
    "Clear value": "Wissen",
    "Show password": "Code tonen",
    "Hide password": "Code verbergen",
    "Close": "Sluiten",
    "Open": "Openen",
    "Clear all": "Alles wissen",
    "Selected values": "Gekozen",
    "Select all": "Alles kiezen",
    "Clear": "Wissen",
    "Choose an option": "Kies een optie",
    "Choose options": "Kies opties",
    "Choose date": "Kies een datum",
    "Choose date range": "Kies een periode",
    "No results": "Geen resultaten",
    "Increment": "Hoger",
    "Decrement": "Lager",
    "Upload": "Kies bestand",
    "upload": "upload",  # an icon's name; aria-hidden, kept as it is
    "Browse files": "Kies bestanden",
    "Drag and drop file here": "Sleep een bestand hierheen",
    "Drag and drop files here": "Sleep bestanden hierheen",
    "file upload": "bestand kiezen",
    "Delete": "Verwijderen",
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Exit fullscreen": "Volledig scherm sluiten",
    "Page not found": "Deze pagina bestaat niet",
    "The page that you have requested does not seem to exist. Running the app's main page.": (
        "De pagina die u zocht, bestaat niet. U ziet nu de eerste pagina."
    ),
    "Download plot as a PNG": "Grafiek downloaden als afbeelding",
    "Zoom": "Inzoomen",
    "Pan": "Verschuiven",
    "Reset axes": "Assen herstellen",
    "Autoscale": "Automatisch schalen",
    "Zoom in": "Inzoomen",
    "Zoom out": "Uitzoomen",
    "Dismiss": "Sluiten",
    "YYYY/MM/DD": "JJJJ/MM/DD",
    "DD-MM-YYYY": "DD-MM-JJJJ",
    "dd-mm-yyyy": "dd-mm-jjjj",
    "yyyy": "jjjj",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.": (
        "Kies een dag met de pijltjestoetsen, bevestig met Enter, sluit met Escape."
    ),
}
MONTHS = [
    ("January", "januari"), ("February", "februari"), ("March", "maart"), ("April", "april"), ("May", "mei"),
    ("June", "juni"), ("July", "juli"), ("August", "augustus"), ("September", "september"),
    ("October", "oktober"), ("November", "november"), ("December", "december"),
]  # fmt: skip
DAYS = [
    ("Monday", "maandag"), ("Tuesday", "dinsdag"), ("Wednesday", "woensdag"), ("Thursday", "donderdag"),
    ("Friday", "vrijdag"), ("Saturday", "zaterdag"), ("Sunday", "zondag"),
]  # fmt: skip
# Patterns, tried in order on what EXACT does not cover ($1 etc. as in JavaScript's replace).
PATTERNS = [
    (r"^Remove (.+)$", "$1 verwijderen"),
    (r"^(\d+(?:\.\d+)?)\s*([KMG]B) per file(.*)$", "Hoogstens $1 $2 per bestand$3"),
    (r"^Limit (\d+(?:\.\d+)?)\s*([KMG]B) per file(.*)$", "Hoogstens $1 $2 per bestand$3"),
    # A period's two fields (st.date_input with two dates): "<label> start date", also after "day, " and so on.
    (r"^day, (.*) start date$", "dag, $1, begindatum"),
    (r"^day, (.*) end date$", "dag, $1, einddatum"),
    (r"^month, (.*) start date$", "maand, $1, begindatum"),
    (r"^month, (.*) end date$", "maand, $1, einddatum"),
    (r"^year, (.*) start date$", "jaar, $1, begindatum"),
    (r"^year, (.*) end date$", "jaar, $1, einddatum"),
    (r"^(.*) start date$", "$1, begindatum"),
    (r"^(.*) end date$", "$1, einddatum"),
    (r"^month, (.*)$", "maand, $1"),
    (r"^year, (.*)$", "jaar, $1"),
    (r"^day, (.*)$", "dag, $1"),
    (r"^Selected Date: (.*)$", "Gekozen datum: $1"),
    (r"^Selected date range: (.*)$", "Gekozen periode: $1"),
    (r"^Choose date, (.*)$", "Kies een datum, $1"),
    (r"^Choose (.*)\. It's available\.$", "Kies $1"),
    (r"^Choose (.*)\. It's not available\.$", "$1 (niet te kiezen)"),
    (r"^Choose (.*)$", "Kies $1"),
    (r"^Selected (.*)\. It's available\.$", "Gekozen: $1"),
    (r"^Next month\.?$", "Volgende maand"),
    (r"^Previous month\.?$", "Vorige maand"),
    (r"^Next year\.?$", "Volgend jaar"),
    (r"^Previous year\.?$", "Vorig jaar"),
    (r"^Calendar\.?$", "Kalender"),
    (r"^Month year\.?$", "Maand en jaar"),
]
ATTRIBUTES = [
    "aria-label", "title", "placeholder", "alt", "aria-roledescription", "aria-valuetext", "data-title",
]  # fmt: skip  # data-title: the chart toolbar's button names

SCRIPT = """<script>(() => {
  if (window.__zelfscanDutch) return;
  window.__zelfscanDutch = true;
  const EXACT = __EXACT__, PATTERNS = __PATTERNS__.map(([p, r]) => [new RegExp(p), r]);
  const MONTHS = __MONTHS__, DAYS = __DAYS__, ATTRIBUTES = __ATTRIBUTES__;
  const words = (s) => {
    for (const [en, nl] of MONTHS.concat(DAYS)) s = s.replace(new RegExp('\\\\b' + en + '\\\\b', 'g'), nl);
    s = s.replace(/(\\d+)(st|nd|rd|th)\\b/g, '$1');
    const month = MONTHS.map(([, nl]) => nl).join('|');
    return s.replace(new RegExp('\\\\b(' + month + ') (\\\\d{1,2}),? (\\\\d{4})', 'g'), '$2 $1 $3');
  };
  const dutch = (s) => {
    const t = s.trim();
    if (!t || !/[A-Za-z]/.test(t)) return null;
    if (Object.prototype.hasOwnProperty.call(EXACT, t)) return EXACT[t] === t ? null : s.replace(t, EXACT[t]);
    for (const [re, to] of PATTERNS) if (re.test(t)) return s.replace(t, words(t.replace(re, to)));
    const named = words(t);  // e.g. "11 – November" on the date picker's month field
    return named !== t ? s.replace(t, named) : null;
  };
  const fix = (root) => {
    if (root.nodeType === Node.TEXT_NODE) {
      const p = root.parentElement;
      if (p && !['STYLE', 'SCRIPT', 'TEXTAREA'].includes(p.tagName) && !p.closest('[contenteditable]')) {
        const nl = dutch(root.textContent); if (nl !== null && nl !== root.textContent) root.textContent = nl;
      }
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const elements = [root, ...root.querySelectorAll('*')];
    for (const e of elements) {
      if (e.matches('[data-testid="stHeaderActionElements"] a, a[aria-label="Link to heading"]')) {
        e.setAttribute('tabindex', '-1'); e.setAttribute('aria-hidden', 'true'); e.removeAttribute('aria-label');
        e.style.display = 'none'; continue;
      }
      for (const a of ATTRIBUTES) {
        const v = e.getAttribute(a); if (!v) continue;
        const nl = dutch(v); if (nl !== null && nl !== v) e.setAttribute(a, nl);
      }
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts = []; while (walker.nextNode()) texts.push(walker.currentNode);
    texts.forEach(fix);
  };
  fix(document.body);
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.type === 'characterData') fix(c.target);
      else if (c.type === 'attributes') fix(c.target);
      else c.addedNodes.forEach(fix);
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                             attributeFilter: ATTRIBUTES});
})();</script>"""
SCRIPT = (
    SCRIPT.replace("__EXACT__", json.dumps(EXACT))
    .replace("__PATTERNS__", json.dumps(PATTERNS))
    .replace("__MONTHS__", json.dumps(MONTHS))
    .replace("__DAYS__", json.dumps(DAYS))
    .replace("__ATTRIBUTES__", json.dumps(ATTRIBUTES))
)
