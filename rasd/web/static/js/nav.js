// History: every entry the page makes is numbered (history.state.seq), so that the page knows what the
// previous entry was. "← Events" then goes back when the overview is the entry before (Back after it
// goes where the reader expects), and typing in a text box makes one entry, not one per pause.

const hashes = new Map(); // seq -> hash of the entry

export function currentSeq() {
  return (window.history.state && window.history.state.seq) || 0;
}

// Called on every route: an entry without a number is new, and comes right after the one we were on.
let last = 0;
export function numberEntry() {
  let seq = currentSeq();
  if (!seq) {
    seq = last + 1;
    window.history.replaceState({ ...(window.history.state || {}), seq }, "");
  }
  hashes.set(seq, window.location.hash || "#/");
  last = seq;
  return seq;
}

export function previousHash() {
  return hashes.get(currentSeq() - 1) || null;
}

// Go to a hash: a new entry, or (replace) in place of this one. The router hears both.
export function go(hash, { replace = false } = {}) {
  if (hash === window.location.hash) return;
  if (replace) {
    window.history.replaceState(window.history.state, "", hash);
    window.dispatchEvent(new Event("rasd:route"));
  } else {
    window.location.hash = hash;
  }
}

// Change the address without routing (the map's position): the view already shows it.
export function note(hash) {
  if (hash !== window.location.hash) window.history.replaceState(window.history.state, "", hash);
  hashes.set(currentSeq(), hash);
}
