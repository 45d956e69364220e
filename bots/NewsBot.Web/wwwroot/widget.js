/* NewsBot chat widget: plain JavaScript, no dependencies, no build step.
 * <script src="https://your-host/widget.js" data-title="NewsBot" data-accent="#6d28d9" async></script>
 * data-*: title, accent (#rgb/#rrggbb/#rrggbbaa), api (base URL; default: where this script is), open ("true").
 * Text from the server or the user only ever reaches the page as text nodes and safe attributes. */
(() => {
  "use strict";
  if (window.NewsBotWidget) return;
  const me = document.currentScript || document.querySelector('script[src*="widget.js"]');
  const ds = (me && me.dataset) || {};
  const TITLE = (ds.title || "").trim().slice(0, 60) || "NewsBot";
  const ACCENT = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(ds.accent || "") ? ds.accent : "#6d28d9";
  const API = (() => {
    try {
      const u = new URL(ds.api || ".", ds.api ? document.baseURI : me.src);
      u.search = u.hash = "";
      return u.href.replace(/\/?$/, "/");
    } catch (e) { return location.origin + "/"; }
  })();
  const MAX = 1000, KEEP = 20, KEY = "newsbot:v1:" + API, OPEN_KEY = "newsbot:v1:open:" + API;
  const EXAMPLES = ["What's new with Anthropic's Claude?", "What did OpenAI announce recently?", "Which AI chips made headlines lately?"];

  /* Colours: the accent as given for fills, plus variants readable as text and focus rings on each theme. */
  const rgb = (hex) => {
    let h = hex.slice(1);
    if (h.length === 3) h = h.replace(/./g, "$&$&");
    const a = h.length === 8 ? parseInt(h.slice(6), 16) / 255 : 1;
    return [0, 2, 4].map((i) => Math.round(parseInt(h.substr(i, 2), 16) * a + 255 * (1 - a)));
  };
  const lum = (c) => c.reduce((s, v, i) => (v /= 255, s + [0.2126, 0.7152, 0.0722][i] * (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)), 0);
  const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));
  const readable = (c, bg, min) => {
    const to = lum(bg) > 0.3 ? [0, 0, 0] : [255, 255, 255];
    for (let t = 0; t < 1; t += 0.05) if (contrast(mix(c, to, t), bg) >= min) return mix(c, to, t);
    return to;
  };
  const css = (c) => `rgb(${c})`;
  const FILL = rgb(ACCENT), WHITE = [255, 255, 255];
  const theme = (bg, bubble, m) => {
    const chip = mix(FILL, bg, m);
    return `--chip:${css(chip)};--at:${css(readable(readable(FILL, chip, 4.5), bubble, 4.5))};--ring:${css(readable(FILL, bg, 3))};`;
  };
  const CSS = `:host{all:initial!important}
.nb-launcher,.nb-panel{--ac:${css(FILL)};--on:${contrast(FILL, WHITE) >= 4.5 ? "#fff" : "#111"};${theme(WHITE, [243, 244, 246], 0.86)}
--bg:#fff;--fg:#111827;--mut:#4b5563;--bd:#e5e7eb;--bub:#f3f4f6;--sf:#f9fafb;--err:#b91c1c;--sh:0 16px 48px #0f172a33;
color-scheme:light;font:14px/1.5 system-ui,sans-serif;color:var(--fg)}
@media (prefers-color-scheme:dark){.nb-launcher,.nb-panel{${theme([22, 23, 27], [36, 38, 44], 0.74)}
--bg:#16171b;--fg:#e8eaed;--mut:#a3a9b5;--bd:#33363e;--bub:#24262c;--sf:#1c1e23;--err:#fca5a5;--sh:0 16px 48px #0009;color-scheme:dark}}
*,::before,::after{box-sizing:border-box}[hidden]{display:none!important}
button{font:inherit;color:inherit;cursor:pointer}:focus-visible{outline:2px solid var(--ring);outline-offset:2px}
svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;flex:none}
.nb-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;background:var(--ac);
color:var(--on);display:grid;place-items:center;box-shadow:0 6px 20px #0004;transition:transform .15s}
.nb-launcher:hover{transform:scale(1.06)}.nb-launcher svg+svg,[aria-expanded=true]>svg{display:none}[aria-expanded=true]>svg+svg{display:block}.nb-launcher svg{width:26px;height:26px}.nb-launcher:focus-visible{outline-width:3px;outline-offset:3px}
.nb-panel{position:fixed;right:20px;bottom:88px;z-index:2147483001;width:380px;height:600px;max-width:calc(100vw - 40px);max-height:calc(100vh - 108px);
display:flex;flex-direction:column;background:var(--bg);border:1px solid var(--bd);border-radius:16px;box-shadow:var(--sh);overflow:hidden;
transform-origin:bottom right;animation:nb-in .18s ease-out}
@keyframes nb-in{from{opacity:0;transform:translateY(10px) scale(.98)}}
@media (max-width:480px){.nb-panel{inset:0;width:100vw;height:100vh;height:100dvh;max-width:none;max-height:none;border:0;border-radius:0}
.nb-launcher[aria-expanded=true]{display:none}}
.nb-head{display:flex;align-items:center;gap:10px;padding:10px 8px 10px 14px;border-bottom:1px solid var(--bd);background:var(--sf)}
.nb-av{width:34px;height:34px;border-radius:10px;background:var(--ac);color:var(--on);display:grid;place-items:center;flex:none}
.nb-tt{flex:1;min-width:0}.nb-tt h2{margin:0;font-size:15px;font-weight:650;line-height:1.3;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.nb-tt p{margin:0;font-size:12px;color:var(--mut)}
.nb-icon{width:36px;height:36px;border:0;border-radius:8px;background:none;color:var(--mut);display:grid;place-items:center}
.nb-icon:hover,.nb-act:hover{background:var(--bub);color:var(--fg)}
.nb-log{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:16px 14px;display:flex;flex-direction:column;gap:16px}
.nb-log:focus-visible{outline-offset:-2px}
.nb-sr{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.nb-row{display:flex;flex-direction:column}
.nb-user{align-self:flex-end;max-width:85%;padding:9px 14px;border-radius:16px 16px 4px;background:var(--ac);color:var(--on);white-space:pre-wrap;overflow-wrap:anywhere}
.nb-bot{display:flex;flex-direction:column;gap:8px}
.nb-body{align-self:flex-start;max-width:100%;padding:10px 14px;border-radius:16px 16px 16px 4px;background:var(--bub);overflow-wrap:anywhere}
.nb-text p{margin:0 0 8px}.nb-text p:last-child{margin:0}.nb-text ul,.nb-text ol{margin:4px 0 8px;padding-left:20px}.nb-text strong{font-weight:650}
.nb-streaming>:last-child::after{content:"";display:inline-block;width:7px;height:1em;margin-left:2px;vertical-align:-2px;background:var(--mut);
animation:nb-blink 1s steps(2) infinite}@keyframes nb-blink{50%{opacity:0}}
.nb-status{display:flex;align-items:center;gap:8px;font-size:13px;font-style:italic;color:var(--mut)}
.nb-dots{display:flex;gap:4px;padding:6px 0}.nb-dots i{width:6px;height:6px;border-radius:50%;background:var(--mut);animation:nb-b 1.1s infinite}
.nb-dots i:nth-child(2){animation-delay:.15s}.nb-dots i:nth-child(3){animation-delay:.3s}
@keyframes nb-b{0%,80%,100%{opacity:.3}40%{opacity:1;transform:translateY(-3px)}}
.nb-chip{display:inline-flex;align-items:center;justify-content:center;min-width:20px;height:19px;margin:0 1px;padding:0 5px;border:0;border-radius:10px;
background:var(--chip);color:var(--at);font-size:11px;font-weight:700;line-height:1;vertical-align:2px}
.nb-chip:hover,.nb-chip[aria-describedby]{background:var(--ac);color:var(--on)}
.nb-preview{position:absolute;z-index:5;width:max-content;max-width:280px;padding:10px 12px;border-radius:10px;background:var(--fg);color:var(--bg);
font-size:12.5px;line-height:1.4;box-shadow:0 8px 24px #0000004d}
.nb-preview b{display:block;font-weight:650}.nb-preview span,.nb-preview q{display:block;margin-top:2px}.nb-preview q{margin-top:6px;font-style:italic}
.nb-src-h{margin:10px 0 2px;font-size:11px;font-weight:700;letter-spacing:.05em;text-transform:uppercase;color:var(--mut)}
.nb-sources{margin:0;padding-left:22px;font-size:12.5px;color:var(--mut)}.nb-sources li{margin:3px 0}
.nb-sources a{color:var(--at);font-weight:550;text-underline-offset:2px}.nb-st{color:var(--fg);font-weight:550}
.nb-fus{display:flex;flex-wrap:wrap;gap:6px}
.nb-followup{padding:6px 12px;border:1px solid var(--bd);border-radius:999px;background:var(--bg);font-size:13px;line-height:1.35;text-align:left}
.nb-followup:hover{border-color:var(--at);color:var(--at)}
.nb-acts{display:flex;flex-wrap:wrap;align-items:center;gap:2px;font-size:12px;color:var(--mut)}
.nb-act{height:30px;min-width:30px;padding:0 7px;border:0;border-radius:7px;background:none;color:var(--mut);display:inline-flex;align-items:center;gap:5px}
.nb-act svg{width:16px;height:16px}.nb-act[aria-pressed=true]{background:var(--chip);color:var(--at)}.nb-fb{margin-left:4px}
.nb-cm{display:flex;gap:6px;margin-top:4px}.nb-cm input{flex:1;min-width:0;padding:6px 10px;border:1px solid var(--bd);border-radius:8px;background:var(--bg);
color:var(--fg);font:inherit;font-size:13px}
.nb-btn{padding:6px 12px;border:0;border-radius:8px;background:var(--ac);color:var(--on);font-size:13px;font-weight:600}
.nb-err{margin:0 0 8px;color:var(--err)}
.nb-empty{margin:auto 0;padding:8px 6px;text-align:center}.nb-empty .nb-av{width:48px;height:48px;margin:0 auto 12px;border-radius:14px}
.nb-empty .nb-av svg{width:24px;height:24px}.nb-empty h3{margin:0 0 4px;font-size:17px;font-weight:650}.nb-empty p{margin:0 0 16px;color:var(--mut)}
.nb-empty .nb-fus{flex-direction:column}.nb-empty .nb-followup{padding:9px 14px;border-radius:12px}
.nb-form{display:flex;align-items:flex-end;gap:8px;padding:10px 12px 4px;border-top:1px solid var(--bd)}
.nb-field{flex:1;position:relative;display:flex;border:1px solid var(--bd);border-radius:12px;background:var(--sf)}
.nb-field:focus-within{border-color:var(--ring);box-shadow:0 0 0 1px var(--ring)}
.nb-input{flex:1;min-height:40px;max-height:128px;padding:9px 12px;border:0;outline:0;resize:none;background:none;color:var(--fg);font:inherit}
.nb-input::placeholder{color:var(--mut)}
.nb-count{position:absolute;right:10px;top:-9px;padding:0 4px;background:var(--bg);font-size:11px;line-height:16px;color:var(--mut)}
.nb-count.nb-full{color:var(--err);font-weight:600}
.nb-send{width:40px;height:40px;border:0;border-radius:12px;background:var(--ac);color:var(--on);display:grid;place-items:center;flex:none}
.nb-send:disabled{opacity:.45;cursor:not-allowed}
.nb-note{margin:0;padding:4px 12px 8px;font-size:11px;text-align:center;color:var(--mut)}
@media (forced-colors:active){.nb-chip,.nb-act,.nb-icon,.nb-body{border:1px solid}}
@media (prefers-reduced-motion:reduce){*,::before,::after{animation:none!important;transition:none!important}}`;

  /* DOM helpers: elements are built from text and safe attributes only. el("div.a.b", {attr: v}, children) */
  const el = (spec, attrs, kids) => {
    const [tag, ...cls] = spec.split(".");
    const e = document.createElement(tag);
    if (cls.length) e.className = cls.join(" ");
    for (const k in attrs || {}) if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    e.append(...[].concat(kids ?? []).filter((c) => c != null));
    return e;
  };
  const btn = (cls, label, kids, attrs) => el("button." + cls, { type: "button", "aria-label": label, ...attrs }, kids);
  const on = (node, type, fn) => node.addEventListener(type, fn);
  const PATHS = {
    chat: ["M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"],
    x: ["M18 6 6 18M6 6l12 12"],
    news: ["M4 22h16a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2H8a2 2 0 0 0-2 2v16a2 2 0 0 1-2 2Zm0 0a2 2 0 0 1-2-2v-9c0-1.1.9-2 2-2h2", "M18 14h-8M15 18h-5M10 6h8v4h-8z"],
    pen: ["M12 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2v-7", "M18.4 2.6a2.1 2.1 0 0 1 3 3L12 15l-4 1 1-4z"],
    send: ["M12 19V5M5 12l7-7 7 7"],
    up: ["M7 10v12", "M15 5.9 14 10h5.8a2 2 0 0 1 1.9 2.6l-2.3 8a2 2 0 0 1-1.9 1.4H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.8a2 2 0 0 0 1.8-1.1L12 2a3.1 3.1 0 0 1 3 3.9Z"],
    down: ["M17 14V2", "M9 18.1 10 14H4.2a2 2 0 0 1-1.9-2.6l2.3-8A2 2 0 0 1 6.5 2H20a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-2.8a2 2 0 0 0-1.8 1.1L12 22a3.1 3.1 0 0 1-3-3.9Z"],
    copy: ["M10 8h10a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H10a2 2 0 0 1-2-2V10a2 2 0 0 1 2-2z", "M4 16a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2"]
  };
  const icon = (name) => {
    const ns = "http://www.w3.org/2000/svg", s = document.createElementNS(ns, "svg");
    s.setAttribute("viewBox", "0 0 24 24");
    s.setAttribute("aria-hidden", "true");
    for (const d of PATHS[name]) s.appendChild(document.createElementNS(ns, "path")).setAttribute("d", d);
    return s;
  };
  const str = (x) => (typeof x === "string" ? x : x == null ? "" : String(x));
  const safeUrl = (u) => { try { const x = new URL(str(u)); return /^https?:$/.test(x.protocol) ? x.href : null; } catch (e) { return null; } };
  const fmtDate = (d) => {
    // "2025-12-02" is a calendar date: build it in local time so no timezone shifts the day
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(str(d));
    return m ? new Date(+m[1], m[2] - 1, +m[3]).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" }) : str(d);
  };
  const meta = (c) => [c.publication, fmtDate(c.date)].filter(Boolean).join(", ");

  /* Answers and storage */
  const normCites = (list) => (Array.isArray(list) ? list : []).filter((c) => c && +c.number > 0).map((c) => ({
    number: +c.number, storyId: str(c.storyId), passageId: str(c.passageId), title: str(c.title) || "Untitled story",
    publication: str(c.publication), date: c.date ? str(c.date) : null, url: c.url ? str(c.url) : null, quote: str(c.quote) }));
  const norm = (a, text, cites) => {
    a = a && typeof a === "object" ? a : {};
    const c = normCites(a.citations);
    return { answerId: str(a.answerId), conversationId: str(a.conversationId), text: typeof a.text === "string" ? a.text : text || "",
      citations: c.length ? c : normCites(cites), abstained: !!a.abstained,
      followUps: (Array.isArray(a.followUps) ? a.followUps : []).map(str).filter(Boolean).slice(0, 4) };
  };
  const storage = (kind) => { try { return window[kind]; } catch (e) { return null; } };
  const state = { cid: null, turns: [], busy: false, ctrl: null, open: false };
  const load = () => {
    try {
      const d = JSON.parse(storage("localStorage").getItem(KEY));
      state.cid = typeof d.conversationId === "string" ? d.conversationId : null;
      state.turns = d.turns.filter((t) => t && typeof t.question === "string" && t.answer).slice(-KEEP)
        .map((t) => ({ question: t.question, answer: norm(t.answer), rating: /^(up|down)$/.test(t.rating) ? t.rating : null }));
    } catch (e) { state.cid = null; state.turns = []; }
  };
  const save = () => {
    const ls = storage("localStorage");
    let turns = (state.turns = state.turns.slice(-KEEP));
    for (;;) {
      try {
        if (!state.cid && !turns.length) ls.removeItem(KEY);
        else ls.setItem(KEY, JSON.stringify({ conversationId: state.cid, turns }));
        return;
      } catch (e) { if (!turns.length) return; turns = turns.slice(1); } // full: drop the oldest turns
    }
  };

  /* Light markdown: paragraphs, line breaks, "- " bullets, "1. " lists, **bold**, and [n] / [n, m] citation chips. */
  const rich = (box, text, map) => {
    box.textContent = "";
    for (const block of str(text).replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
      let list = null, p = null;
      for (const ln of block.split("\n")) {
        const m = /^\s*(?:[-*\u2022]|(\d+)[.)])\s+(.*)$/.exec(ln);
        if (m) {
          const kind = m[1] ? "ol" : "ul";
          if (!list || list.localName !== kind) list = box.appendChild(el(kind, { start: m[1] }));
          p = null;
          inline(list.appendChild(el("li")), m[2], map);
        } else if (ln.trim()) {
          list = null;
          if (p) p.append(el("br")); else p = box.appendChild(el("p"));
          inline(p, ln, map);
        }
      }
    }
  };
  const inline = (node, t, map) => {
    const re = /\*\*(.+?)\*\*|\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;
    let last = 0, m;
    while ((m = re.exec(t))) {
      const nums = m[2] && m[2].split(/\s*,\s*/);
      if (nums && !(map && nums.every((n) => map[+n]))) continue; // unknown markers stay text
      node.append(t.slice(last, m.index));
      if (nums) nums.forEach((n) => node.append(chip(map[+n])));
      else inline(node.appendChild(el("strong")), m[1], map);
      last = re.lastIndex;
    }
    node.append(t.slice(last));
  };
  const citeMap = (cites) => Object.fromEntries(cites.map((c) => [c.number, c]));
  const chip = (c) => {
    const m = meta(c), b = btn("nb-chip", `Source ${c.number}: ${c.title}${m ? ` (${m})` : ""}`, String(c.number));
    b.nbCite = c;
    return b;
  };

  /* Server-Sent Events read from a fetch body; chunks may split anywhere. */
  const sse = (cb) => {
    let buf = "", ev = "", data = null;
    const line = (l) => {
      if (!l) { if (data !== null) cb(ev || "message", data); ev = ""; data = null; return; }
      if (l[0] === ":") return;
      const i = l.indexOf(":"), f = i < 0 ? l : l.slice(0, i);
      let v = i < 0 ? "" : l.slice(i + 1);
      if (v[0] === " ") v = v.slice(1);
      if (f === "event") ev = v;
      else if (f === "data") data = data === null ? v : data + "\n" + v;
    };
    const drain = (end) => {
      let m;
      while ((m = /\r\n|\r|\n/.exec(buf))) {
        if (m[0] === "\r" && m.index === buf.length - 1 && !end) break; // its "\n" may be in the next chunk
        line(buf.slice(0, m.index));
        buf = buf.slice(m.index + m[0].length);
      }
      if (end) { if (buf) line(buf); buf = ""; line(""); }
    };
    return { push: (t) => { buf += t; drain(false); }, end: () => drain(true) };
  };
  const post = (path, json, accept, signal) => fetch(API + path, { method: "POST", cache: "no-store", signal,
    headers: { "Content-Type": "application/json", Accept: accept }, body: JSON.stringify(json) });
  const problem = async (r, asking) => {
    const ra = (r.headers.get("Retry-After") || "").trim();
    let p = {};
    try { p = JSON.parse(await r.text()) || {}; } catch (e) { /* not problem JSON */ }
    if (r.status === 429 && asking) {
      const s = /^\d+$/.test(ra) ? +ra : Math.ceil((Date.parse(ra) - Date.now()) / 1000);
      return `Too many questions \u2014 try again ${s > 0 ? `in ${s} s` : "in a moment"}.`;
    }
    return str(p.detail) || str(p.title) || `Something went wrong (HTTP ${r.status}). Please try again.`;
  };

  /* UI */
  const S = {};
  let pvFor = null, pvPinned = false, pvTimer = 0, pvShownAt = 0;

  const build = (root) => {
    S.root = root;
    S.launcher = btn("nb-launcher", `Open ${TITLE} chat`, [icon("chat"), icon("x")], { "aria-expanded": "false", "aria-controls": "nb-panel" });
    const newBtn = btn("nb-icon.nb-new", "New conversation", icon("pen"), { title: "New conversation" });
    const closeBtn = btn("nb-icon.nb-close", "Close chat", icon("x"), { title: "Close" });
    S.log = el("div.nb-log", { role: "log", "aria-live": "polite", "aria-label": "Conversation", tabindex: "0" });
    S.input = el("textarea.nb-input", { "aria-label": "Your question", maxlength: MAX, rows: 1, placeholder: "Ask about AI news\u2026", "aria-describedby": "nb-left" });
    S.count = el("span.nb-count", { "aria-hidden": "true", hidden: "" });
    S.left = el("span.nb-sr", { id: "nb-left", "aria-live": "polite" });
    S.send = el("button.nb-send", { type: "submit", "aria-label": "Send", title: "Send" }, icon("send"));
    const form = el("form.nb-form", null, [el("div.nb-field", null, [S.input, S.count, S.left]), S.send]);
    S.pv = el("div.nb-preview", { role: "tooltip", id: "nb-preview", hidden: "" });
    S.panel = el("div.nb-panel", { id: "nb-panel", role: "dialog", "aria-label": TITLE, "aria-modal": "false", hidden: "" }, [
      el("div.nb-head", null, [el("div.nb-av", { "aria-hidden": "true" }, icon("news")),
        el("div.nb-tt", null, [el("h2", null, TITLE), el("p", null, "AI news, with sources")]), newBtn, closeBtn]),
      S.log, form, el("p.nb-note", null, "Answers can contain mistakes. Check the sources."),
      S.pv, el("span", { id: "nb-newtab", hidden: "" }, "Opens in a new tab")]);
    root.append(el("style", null, CSS), S.launcher, S.panel);

    on(S.launcher, "click", () => setOpen(!state.open, true));
    on(closeBtn, "click", () => setOpen(false, true));
    on(newBtn, "click", reset);
    on(root, "keydown", (e) => {
      if (e.key !== "Escape" || !state.open) return;
      if (pvFor) hidePv(); else setOpen(false, true); // first Escape dismisses a source preview
      e.stopPropagation();
    });
    on(form, "submit", (e) => { e.preventDefault(); submit(); });
    on(S.input, "keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); submit(); }
    });
    on(S.input, "input", typed);
    // citation chips: preview on hover or focus; click opens the story (or pins the preview when there is no link)
    const chipOf = (e) => e.target.closest && e.target.closest(".nb-chip");
    on(S.log, "mouseover", (e) => chipOf(e) && showPv(chipOf(e)));
    on(S.log, "mouseout", (e) => chipOf(e) && hideSoon());
    on(S.log, "focusin", (e) => chipOf(e) && showPv(chipOf(e)));
    on(S.log, "focusout", (e) => e.target === pvFor && hidePv());
    // the log scrolling away hides the preview, but not the scroll that brought the chip into view to show it
    on(S.log, "scroll", () => pvFor && Date.now() - pvShownAt > 300 && hidePv());
    on(S.log, "click", (e) => {
      const b = chipOf(e);
      if (!b) return;
      const url = safeUrl(b.nbCite.url);
      if (url) window.open(url, "_blank", "noopener");
      else if (pvFor === b && pvPinned) hidePv();
      else { showPv(b); pvPinned = true; }
    });
    on(S.pv, "mouseenter", () => clearTimeout(pvTimer));
    on(S.pv, "mouseleave", hideSoon);
  };

  const setOpen = (open, focus) => {
    const inside = S.root.activeElement;
    state.open = open;
    S.panel.hidden = !open;
    S.launcher.setAttribute("aria-expanded", open);
    S.launcher.setAttribute("aria-label", `${open ? "Close" : "Open"} ${TITLE} chat`);
    try { storage("sessionStorage").setItem(OPEN_KEY, open ? "1" : "0"); } catch (e) { /* unavailable */ }
    if (open) { toEnd(); if (focus) S.input.focus(); }
    else { hidePv(); if (focus || inside) S.launcher.focus(); }
  };

  const typed = () => {
    const t = S.input, n = t.value.length, left = MAX - n;
    t.style.height = "auto";
    t.style.height = Math.min(t.scrollHeight + 2, 128) + "px";
    S.count.hidden = n < MAX * 0.8;
    S.count.textContent = `${n} / ${MAX}`;
    S.count.classList.toggle("nb-full", left <= 0);
    const step = left <= 0 ? 0 : left <= 50 ? 50 : left <= 100 ? 100 : -1; // announce only when crossing a step
    if (step !== S.step) { S.step = step; S.left.textContent = step < 0 ? "" : `${left} characters left`; }
  };
  const submit = () => {
    const q = S.input.value.trim();
    if (!q || state.busy) return;
    S.input.value = "";
    typed();
    ask(q);
  };
  const setBusy = (b) => {
    state.busy = b;
    S.send.disabled = b;
    const f = S.root.activeElement; // keep focus in the widget when the focused button goes away
    if (b && state.open && (!f || f === S.send)) S.input.focus();
  };
  const nearEnd = () => S.log.scrollHeight - S.log.scrollTop - S.log.clientHeight < 60;
  const toEnd = () => { S.log.scrollTop = S.log.scrollHeight; };
  const sticky = (fn) => { const stick = nearEnd(); fn(); if (stick) toEnd(); };

  const followUp = (q) => { const b = el("button.nb-followup", { type: "button" }, q); on(b, "click", () => ask(q)); return b; };
  const greet = () => S.log.append(S.empty = el("div.nb-empty", null, [el("div.nb-av", { "aria-hidden": "true" }, icon("news")),
    el("h3", null, `Hi! I'm ${TITLE}.`), el("p", null, "Ask me about recent AI news. Every answer links to the stories it's based on."),
    el("div.nb-fus", null, EXAMPLES.map(followUp))]));
  const addUser = (q) => S.log.append(el("div.nb-row", null, [el("span.nb-sr", null, "You:"), el("div.nb-msg.nb-user", null, q)]));
  const addBot = () => {
    const m = { st: el("div.nb-status", { role: "status", "aria-live": "polite" }), text: el("div.nb-text") };
    m.body = el("div.nb-body", null, [m.st, m.text]);
    m.el = el("div.nb-msg.nb-bot", null, m.body);
    S.log.append(el("div.nb-row", null, [el("span.nb-sr", null, TITLE + ":"), m.el]));
    return m;
  };
  const status = (m, msg) => {
    m.st.textContent = "";
    m.st.hidden = msg == null;
    if (msg != null) m.st.append(el("span.nb-dots", { "aria-hidden": "true" }, [el("i"), el("i"), el("i")]), msg || "Thinking\u2026");
  };
  const clearBot = (m) => {
    m.text.textContent = "";
    m.text.className = "nb-text";
    m.body.replaceChildren(m.st, m.text);
    m.el.replaceChildren(m.body);
  };

  const ask = (q, m) => {
    q = str(q).trim().slice(0, MAX);
    if (!q || state.busy) return false;
    if (!state.open) setOpen(true, false);
    if (m) clearBot(m);
    else {
      if (S.empty) { S.empty.remove(); S.empty = null; }
      S.log.querySelectorAll(".nb-bot .nb-fus, .nb-retry").forEach((x) => x.remove()); // only the latest answer offers these
      addUser(q);
      m = addBot();
    }
    toEnd();
    run(q, m);
    return true;
  };

  const run = async (q, m) => {
    const ctrl = new AbortController();
    let acc = "", cites = null, finished = false, timer = 0, frame = 0, timedOut = false;
    state.ctrl = ctrl;
    setBusy(true);
    m.el.setAttribute("aria-busy", "true");
    status(m, "");
    const kick = () => { clearTimeout(timer); timer = setTimeout(() => { timedOut = true; ctrl.abort(); }, 90000); };
    const paint = () => {
      frame = frame || requestAnimationFrame(() => {
        frame = 0;
        if (!finished) sticky(() => { m.text.classList.add("nb-streaming"); rich(m.text, acc, cites && citeMap(normCites(cites))); });
      });
    };
    const fail = (msg) => {
      if (finished) return;
      finished = true;
      const again = el("button.nb-btn.nb-retry", { type: "button" }, "Try again");
      on(again, "click", () => ask(q, m) && S.input.focus());
      sticky(() => { clearBot(m); status(m, null); m.text.append(el("p.nb-err", null, msg), again); });
      m.el.removeAttribute("aria-busy");
    };
    const done = (d) => {
      if (finished) return;
      finished = true;
      const turn = { question: q, answer: norm(d, acc, cites), rating: null };
      if (turn.answer.conversationId) state.cid = turn.answer.conversationId;
      state.turns.push(turn);
      save();
      sticky(() => finalize(m, turn, true));
    };
    const onEvent = (name, raw) => {
      if (finished) return;
      let d = null;
      try { d = JSON.parse(raw); } catch (e) { /* tolerate bad data */ }
      d = d || {};
      if (name === "status") { if (!acc) status(m, str(d.message)); }
      else if (name === "delta") { acc += str(d.text); status(m, null); paint(); }
      else if (name === "reset") { acc = ""; cites = null; paint(); } // a generated answer withdrawn: the quoted one follows
      else if (name === "citations") { cites = d.citations; paint(); }
      else if (name === "done") done(d);
      else if (name === "error") fail(str(d.message) || "Something went wrong. Please try again.");
    };
    kick();
    try {
      const body = state.cid ? { question: q, conversationId: state.cid } : { question: q };
      const r = await post("api/ask/stream", body, "text/event-stream", ctrl.signal);
      if (!r.ok) fail(await problem(r, true));
      else if (/json/i.test(r.headers.get("Content-Type") || "")) done(await r.json()); // a server that does not stream
      else {
        const parser = sse(onEvent), reader = r.body.getReader(), dec = new TextDecoder();
        for (;;) {
          const { done: end, value } = await reader.read();
          kick();
          if (end) { parser.push(dec.decode()); parser.end(); break; }
          parser.push(dec.decode(value, { stream: true }));
          if (finished) { reader.cancel().catch(() => {}); break; }
        }
        fail("The answer was cut off. Please try again.");
      }
    } catch (e) {
      if (!ctrl.signal.aborted || timedOut) {
        fail(timedOut ? `${TITLE} took too long to answer. Please try again.` : `Couldn't reach ${TITLE}. Check your connection and try again.`);
      }
    }
    clearTimeout(timer);
    if (state.ctrl === ctrl) { state.ctrl = null; setBusy(false); }
  };

  const finalize = (m, turn, last) => {
    const a = turn.answer;
    m.el.removeAttribute("aria-busy");
    if (a.answerId) m.el.setAttribute("data-answer-id", a.answerId);
    m.el.classList.toggle("nb-abstained", a.abstained);
    status(m, null);
    m.text.className = "nb-text";
    rich(m.text, a.text, citeMap(a.citations));
    if (a.citations.length) {
      m.body.append(el("p.nb-src-h", { "aria-hidden": "true" }, "Sources"), el("ol.nb-sources", { "aria-label": "Sources" }, a.citations.map(source)));
    }
    if (last && a.followUps.length) m.el.append(el("div.nb-fus", { role: "group", "aria-label": "Suggested questions" }, a.followUps.map(followUp)));
    m.el.append(actions(turn));
  };
  const source = (c) => {
    const url = safeUrl(c.url), d = meta(c); // only http(s) links; anything else is shown as text
    return el("li", { value: c.number }, [url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", "aria-describedby": "nb-newtab" }, c.title)
      : el("span.nb-st", null, c.title), d ? " \u2014 " + d : null]);
  };

  const actions = (turn) => {
    const a = turn.answer, fb = el("span.nb-fb", { role: "status" }), copyLabel = el("span", null, "Copy");
    const up = btn("nb-act.nb-up", "Helpful", icon("up"), { title: "Helpful" });
    const down = btn("nb-act.nb-down", "Not helpful", icon("down"), { title: "Not helpful" });
    const cp = btn("nb-act.nb-copy", "Copy answer", [icon("copy"), copyLabel]);
    const note = el("input", { type: "text", maxlength: 500, "aria-label": "What was wrong? (optional)", placeholder: "What was wrong? (optional)" });
    const cm = el("form.nb-cm", { hidden: "" }, [note, el("button.nb-btn", { type: "submit" }, "Send")]);
    const press = (r) => { up.setAttribute("aria-pressed", r === "up"); down.setAttribute("aria-pressed", r === "down"); };
    const rate = async (rating, comment) => {
      press((turn.rating = rating));
      save();
      fb.textContent = "Sending\u2026";
      try {
        const r = await post("api/feedback", comment ? { answerId: a.answerId, rating, comment } : { answerId: a.answerId, rating }, "application/json");
        fb.textContent = r.ok ? "Thanks for the feedback" : await problem(r, false);
      } catch (e) { fb.textContent = "Couldn't send feedback. Please try again later."; }
    };
    press(turn.rating);
    on(up, "click", () => { if (turn.rating !== "up") rate("up"); cm.hidden = true; });
    // A thumbs-down is sent at once; the optional comment that it reveals follows as a second feedback for the same answer
    on(down, "click", () => { if (turn.rating !== "down") rate("down"); cm.hidden = false; note.focus(); });
    on(cm, "submit", (e) => {
      e.preventDefault();
      const c = note.value.trim();
      cm.hidden = true;
      down.focus();
      if (c) rate("down", c);
    });
    on(cp, "click", async () => {
      try {
        await copyText(plain(a));
        copyLabel.textContent = "Copied";
        fb.textContent = "Copied to clipboard";
        setTimeout(() => { copyLabel.textContent = "Copy"; }, 2000);
      } catch (e) { fb.textContent = "Couldn't copy. Select the text instead."; }
      cp.focus();
    });
    return el("div", null, [el("div.nb-acts", null, [a.answerId ? up : null, a.answerId ? down : null, cp, fb]), cm]);
  };
  const plain = (a) => a.text.replace(/\*\*(.+?)\*\*/g, "$1") + (a.citations.length ? "\n\nSources:\n" + a.citations.map((c) => {
    const d = meta(c), u = safeUrl(c.url);
    return `[${c.number}] ${c.title}${d ? " \u2014 " + d : ""}${u ? " " + u : ""}`;
  }).join("\n") : "");
  const copyText = async (t) => {
    try { await navigator.clipboard.writeText(t); } catch (e) {
      const ta = el("textarea.nb-sr", { "aria-hidden": "true", readonly: "" });
      ta.value = t;
      S.panel.append(ta);
      ta.select();
      let ok = false;
      try { ok = document.execCommand("copy"); } catch (e2) { /* unsupported */ }
      ta.remove();
      if (!ok) throw e;
    }
  };

  const showPv = (b) => {
    clearTimeout(pvTimer);
    if (pvFor === b) return;
    hidePv();
    const c = b.nbCite, pv = S.pv, d = meta(c), q = c.quote.length > 160 ? c.quote.slice(0, 157).trim() + "\u2026" : c.quote;
    pv.replaceChildren(el("b", null, c.title), d ? el("span", null, d) : "", q ? el("q", null, q) : "");
    pv.hidden = false;
    pvFor = b;
    pvShownAt = Date.now();
    b.setAttribute("aria-describedby", "nb-preview");
    const pr = S.panel.getBoundingClientRect(), r = b.getBoundingClientRect(), w = pv.offsetWidth;
    let top = r.top - pr.top - pv.offsetHeight - 8;
    if (top < 8) top = r.bottom - pr.top + 8; // no room above: show it below the chip
    pv.style.left = Math.max(8, Math.min(r.left - pr.left + r.width / 2 - w / 2, pr.width - w - 8)) + "px";
    pv.style.top = top + "px";
  };
  const hidePv = () => {
    clearTimeout(pvTimer);
    if (pvFor) pvFor.removeAttribute("aria-describedby");
    pvFor = null;
    pvPinned = false;
    S.pv.hidden = true;
  };
  const hideSoon = () => { clearTimeout(pvTimer); if (!pvPinned) pvTimer = setTimeout(hidePv, 200); };

  const reset = () => {
    if (state.ctrl) state.ctrl.abort();
    state.ctrl = null;
    setBusy(false);
    state.cid = null;
    state.turns = [];
    save();
    hidePv();
    S.log.textContent = "";
    greet();
    S.input.focus();
  };

  /* Mount, and the one global for embedders */
  let ready = false;
  const queue = [];
  const mount = () => {
    if (ready || document.getElementById("newsbot-widget")) return;
    const host = el("div", { id: "newsbot-widget" });
    build(host.attachShadow({ mode: "open" }));
    load();
    state.turns.forEach((t, i) => { addUser(t.question); finalize(addBot(), t, i === state.turns.length - 1); });
    if (!state.turns.length) greet();
    document.body.append(host);
    let wasOpen = null;
    try { wasOpen = storage("sessionStorage").getItem(OPEN_KEY); } catch (e) { /* unavailable */ }
    if (wasOpen === "1" || (wasOpen === null && ds.open === "true")) setOpen(true, false);
    ready = true;
    queue.splice(0).forEach((f) => f());
  };
  const whenReady = (f) => (x) => (ready ? f(x) : void queue.push(() => f(x)));
  window.NewsBotWidget = Object.freeze({
    open: whenReady(() => setOpen(true, true)),
    close: whenReady(() => setOpen(false, false)),
    ask: whenReady((q) => ask(q))
  });
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
