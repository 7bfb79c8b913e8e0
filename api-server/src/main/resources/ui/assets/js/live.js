// Live pages: poll the API while the page is shown and the tab visible, and touch the page only when the answer
// changed, so nothing flickers and the reader's focus, sort and filters stay where they were.
import {h} from './dom.js';

/** Seconds between polls while answers arrive; a failing poll doubles the wait up to MAX_WAIT_MS. */
export const EVERY_MS = 5000;
const MAX_WAIT_MS = 60000;

/**
 * Polls load() every EVERY_MS and calls apply(answer) when the answer differs from the last one (compared as JSON).
 * Stops for good when signal aborts (the app left the page); pauses while document.hidden and polls at once when
 * the tab shows again. Returns a small status line for the page that says whether updates are live.
 */
export function live({signal, load, apply, initial}) {
  const state = h('p', {class: 'live-state muted', 'data-live': 'on'}, `Updates live (every ${EVERY_MS / 1000} s).`);
  let last = JSON.stringify(initial);
  let wait = EVERY_MS;
  let timer = null;
  let running = false;

  const say = (mode, text) => {
    if (state.textContent !== text) {
      state.setAttribute('data-live', mode);
      state.replaceChildren(text);
    }
  };

  const schedule = (ms) => {
    clearTimeout(timer);
    if (!signal.aborted && !document.hidden) {
      timer = setTimeout(tick, ms);
    }
  };

  async function tick() {
    if (running || signal.aborted || document.hidden) {
      return;
    }
    running = true;
    try {
      const answer = await load();
      if (signal.aborted) {
        return;
      }
      const text = JSON.stringify(answer);
      if (text !== last) {
        last = text;
        keepingFocus(() => apply(answer));
      }
      wait = EVERY_MS;
      say('on', `Updates live (every ${EVERY_MS / 1000} s).`);
    } catch (e) {
      wait = Math.min(MAX_WAIT_MS, wait * 2);
      say('retrying', `Live updates failed (${e.message || e}); trying again in ${Math.round(wait / 1000)} s.`);
    } finally {
      running = false;
      schedule(wait);
    }
  }

  const onVisibility = () => {
    if (document.hidden) {
      clearTimeout(timer);
    } else {
      tick();
    }
  };
  document.addEventListener('visibilitychange', onVisibility);
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  }, {once: true});
  schedule(wait);
  return state;
}

// Replacing nodes drops the focus of a control inside them: controls that must keep it carry data-focus-key, and the
// control with the same key in the new nodes takes the focus back.
function keepingFocus(change) {
  const active = document.activeElement;
  const key = active && active.getAttribute ? active.getAttribute('data-focus-key') : null;
  change();
  if (key && !document.contains(active)) {
    const again = document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (again) {
      again.focus({preventScroll: true});
    }
  }
}
