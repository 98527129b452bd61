"""The browser warns before a page is left while something typed is not saved yet.

A text field hands its text to the server when it is left (Tab) or on Ctrl+Enter; the autosave stores it in the
run that follows. A page closed or reloaded in between would lose that text, and a text over its limit is kept
in the field but not stored (ui/fields.py). So the browser asks before leaving ("Wijzigingen die u heeft
aangebracht, worden mogelijk niet opgeslagen") while:

- something was typed and no run of the app has finished since it left the browser, or
- a field says its text is too long and is not saved yet.

app.py renders `SCRIPT` once per page (with ui/dutch.py); it installs itself once per browser tab.
"""

from __future__ import annotations

SCRIPT = """<script>
(() => {
  if (window.__zsUnsaved) { return; }
  window.__zsUnsaved = true;
  const typing = 'textarea, input[type="text"], input:not([type])';
  let dirty = false;
  let sawRunning = false;
  const app = () => document.querySelector('[data-testid="stApp"]');
  const typingNow = () => document.activeElement && document.activeElement.matches(typing);
  document.addEventListener('input', (event) => {
    if (event.target && event.target.matches && event.target.matches(typing)) { dirty = true; }
  }, true);
  const watch = () => {
    const root = app();
    if (!root) { setTimeout(watch, 200); return; }
    new MutationObserver(() => {
      const state = root.getAttribute('data-test-script-state');
      if (state === 'running') { sawRunning = true; }
      else if (sawRunning && state === 'notRunning') {
        sawRunning = false;
        if (!typingNow()) { dirty = false; }  // the run that followed the text has stored it
      }
    }).observe(root, {attributes: true, attributeFilter: ['data-test-script-state']});
  };
  watch();
  const tooLong = () => Array.from(document.querySelectorAll('[data-testid="stAlert"]'))
    .some((alert) => alert.textContent.includes('is nog niet bewaard'));
  window.addEventListener('beforeunload', (event) => {
    if (dirty || tooLong()) { event.preventDefault(); event.returnValue = ''; }
  });
})();
</script>"""
