// The files console: plain browser JavaScript against the public API, nothing the service would
// not also accept from any other client. See docs/operations/console.md.
"use strict";

const CHUNK_BYTES = 1024 * 1024; // a multiple of 256 KiB, as GCS requires for all but the last
const MAX_CHUNK_FAILURES = 8;
const PROCESS_WAIT_MS = 120000;
const API_BASE = new URL("../", location.href);
const SESSION_KEY = "files.console.session";
const REMOVED_KEY = "files.console.removed";

const $ = (id) => document.getElementById(id);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let session = JSON.parse(sessionStorage.getItem(SESSION_KEY) || "null");
const view = { criteria: "uploadedAt", order: "DESC", page: 1, pages: 1 };
const thumbnails = new Map();

class ApiError extends Error {
  constructor(error) {
    super(`${error.code}: ${error.message}`);
    this.status = error.status;
    this.code = error.code;
  }
}

/** A failure that the same request may survive later: a dropped connection, a 5xx, a busy session. */
class Transient extends Error {}

async function api(action, body) {
  const headers = { "Content-Type": "application/json" };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  const path = "files/" + action.replace(/^files\./, "").replaceAll(".", "/");
  const res = await fetch(new URL(path, API_BASE), {
    method: "POST",
    headers,
    body: JSON.stringify({ username: session.user, ...body }),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(json.error || { status: res.status, code: "http", message: res.statusText });
  return json;
}

// ---- sign in ----

async function start() {
  const settings = await (await fetch("settings.json")).json();
  if (session) return showApp();
  $("sign-in").hidden = false;
  if (settings.authMode === "jwt") $("jwt-form").hidden = false;
  else if (settings.trustedSignIn) $("trusted-form").hidden = false;
  else $("no-sign-in").hidden = false;
}

function tokenSubject(token) {
  const payload = token.split(".")[1];
  if (!payload) throw new Error("not a JWT");
  const json = atob(payload.replaceAll("-", "+").replaceAll("_", "/"));
  const sub = JSON.parse(json).sub;
  if (!sub) throw new Error("the token has no sub");
  return sub;
}

function signIn(newSession) {
  session = newSession;
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  $("sign-in").hidden = true;
  showApp();
}

function showApp() {
  $("who").textContent = `signed in as ${session.user}`;
  $("sign-out").hidden = false;
  $("app").hidden = false;
  renderRemoved();
  refresh();
}

// ---- uploads ----

function uploadItem(file) {
  const li = document.createElement("li");
  li.dataset.name = file.name;
  li.dataset.state = "hashing";
  li.dataset.retries = "0";
  li.innerHTML = `<span class="name"></span><progress max="1" value="0"></progress><span class="state">hashing</span>`;
  li.querySelector(".name").textContent = file.name;
  $("uploads").append(li);
  return {
    state(state, text) {
      li.dataset.state = state;
      li.querySelector(".state").textContent = text || state;
    },
    progress(done, total) {
      li.querySelector("progress").value = total ? done / total : 1;
    },
    retried() {
      li.dataset.retries = String(Number(li.dataset.retries) + 1);
    },
    uploadId(id) {
      li.dataset.uploadId = id;
    },
  };
}

async function md5Hex(file, item) {
  const md5 = new Md5();
  for (let at = 0; at < file.size; at += CHUNK_BYTES) {
    md5.update(new Uint8Array(await file.slice(at, at + CHUNK_BYTES).arrayBuffer()));
    item.progress(at, file.size * 4); // hashing shows as the first quarter
  }
  return md5.hex();
}

async function upload(file) {
  const item = uploadItem(file);
  try {
    if (file.size === 0) throw new Error("empty files cannot be uploaded");
    const md5Hash = await md5Hex(file, item);
    item.state("starting");
    const record = await api("files.upload", {
      resumable: true,
      origin: location.origin,
      access: { setPublic: $("upload-public").checked },
      files: [{
        type: "original",
        contentType: file.type || "application/octet-stream",
        contentLength: file.size,
        md5Hash,
        originalName: file.name,
      }],
      meta: { name: file.name },
    });
    item.uploadId(record.uploadId);
    item.state("uploading");
    await sendResumable(record.files[0].location, file, item);
    item.state("processing");
    const done = await awaitProcessed(record.uploadId);
    item.state(done.status, done.status === "failed" ? `failed: ${done.error}` : "processed");
  } catch (e) {
    item.state("failed", `failed: ${e.message}`);
  }
  refresh();
}

/** One PUT of a resumable session: its status and Range header. */
function put(url, body, contentRange, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.setRequestHeader("Content-Range", contentRange);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => resolve({ status: xhr.status, range: xhr.getResponseHeader("Range"), text: xhr.responseText });
    xhr.onerror = () => reject(new Transient("connection failed"));
    xhr.ontimeout = () => reject(new Transient("timed out"));
    xhr.send(body);
  });
}

/** The offset after a 308's Range header (bytes=0-b), 0 without one. */
function nextOffset(range) {
  const m = /bytes=0-(\d+)/.exec(range || "");
  return m ? Number(m[1]) + 1 : 0;
}

/**
 * Sends the file in chunks with Content-Range. After a failure that may pass (dropped connection,
 * 5xx, 409 while the server still holds the broken request) it waits, asks the session how much it
 * stored (Content-Range: bytes * /N) and goes on from there.
 */
async function sendResumable(url, file, item) {
  const total = file.size;
  let offset = 0;
  let failures = 0;
  let resync = false;
  const show = (n) => item.progress(total / 4 + (3 * n) / 4, total);
  for (;;) {
    try {
      let res;
      if (resync) {
        res = await put(url, null, `bytes */${total}`, () => {});
      } else {
        const end = Math.min(offset + CHUNK_BYTES, total) - 1;
        res = await put(url, file.slice(offset, end + 1), `bytes ${offset}-${end}/${total}`, (n) => show(offset + n));
      }
      if (res.status === 200 || res.status === 201) {
        show(total);
        return;
      }
      if (res.status === 308) {
        offset = nextOffset(res.range);
        resync = false;
        failures = 0;
        show(offset);
        continue;
      }
      if (res.status >= 500 || res.status === 409 || res.status === 429) throw new Transient(`HTTP ${res.status}`);
      throw new Error(`storage refused the upload: HTTP ${res.status} ${res.text}`);
    } catch (e) {
      if (!(e instanceof Transient) || ++failures > MAX_CHUNK_FAILURES) throw e;
      item.retried();
      item.state("uploading", `retrying after ${e.message}`);
      resync = true;
      await sleep(Math.min(200 * 2 ** failures, 5000));
    }
  }
}

async function awaitProcessed(uploadId) {
  const until = Date.now() + PROCESS_WAIT_MS;
  while (Date.now() < until) {
    const { file } = await api("files.info", { uploadId });
    if (file.status === "processed" || file.status === "failed") return file;
    await sleep(250);
  }
  throw new Error("not processed in time");
}

// ---- the list ----

function listRequest() {
  const request = {
    owner: session.user,
    criteria: view.criteria,
    order: view.order,
    limit: Number($("f-limit").value),
  };
  request.offset = (view.page - 1) * request.limit;
  const name = $("f-name").value.trim();
  if (name) request.filter = { name };
  const tag = $("f-tag").value.trim().toLowerCase();
  if (tag) request.tags = [tag];
  if ($("f-status").value) request.status = $("f-status").value;
  return request;
}

async function refresh() {
  try {
    const page = await api("files.list", listRequest());
    view.pages = Math.max(1, page.pages || 1);
    $("page-info").textContent = `page ${view.page} of ${view.pages} · ${page.total} files`;
    $("prev").disabled = view.page <= 1;
    $("next").disabled = view.page >= view.pages;
    $("files").querySelector("tbody").replaceChildren(...page.files.map(row));
    document.querySelectorAll("button.sort").forEach((b) => {
      if (b.dataset.criteria === view.criteria) b.dataset.order = view.order;
      else delete b.dataset.order;
    });
    showError("");
  } catch (e) {
    showError(e.message);
  }
}

function cell(tr, className, text) {
  const td = document.createElement("td");
  td.className = className;
  if (text !== undefined) td.textContent = text;
  tr.append(td);
  return td;
}

function button(text, className, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.className = className;
  b.addEventListener("click", () => onClick().catch((e) => showError(e.message)));
  return b;
}

function row(file) {
  const tr = document.createElement("tr");
  tr.dataset.id = file.uploadId;
  tr.dataset.name = file.name;
  thumbnail(cell(tr, "thumb"), file);
  cell(tr, "name", file.name);
  cell(tr, "size", formatBytes(file.contentLength));
  cell(tr, "uploaded", file.uploadedAt ? new Date(file.uploadedAt).toLocaleString() : "");
  cell(tr, "status", file.status);
  const tags = cell(tr, "tags");
  for (const t of file.tags || []) {
    const span = document.createElement("span");
    span.textContent = t;
    tags.append(span);
  }
  const pub = document.createElement("input");
  pub.type = "checkbox";
  pub.className = "public";
  pub.checked = !!file.public;
  pub.addEventListener("change", () =>
    api("files.access", { uploadId: file.uploadId, setPublic: pub.checked }).then(refresh, (e) => showError(e.message)));
  cell(tr, "access").append(pub);

  const edit = cell(tr, "edit");
  const tagInput = Object.assign(document.createElement("input"), { className: "tag-input", placeholder: "tag" });
  const nameInput = Object.assign(document.createElement("input"), { className: "name-input", placeholder: "new name" });
  const link = Object.assign(document.createElement("a"), { className: "download-link", textContent: "" });
  edit.append(
    tagInput,
    button("Tag", "tag", () => api("files.tag.add", { uploadId: file.uploadId, tags: [tagInput.value.trim()] }).then(refresh)),
    nameInput,
    button("Rename", "rename", () => api("files.update", { uploadId: file.uploadId, meta: { name: nameInput.value.trim() } }).then(refresh)),
    button("Download", "download", async () => {
      const { urls } = await api("files.download", { uploadId: file.uploadId, rename: true });
      link.href = urls[0];
      link.textContent = "link";
      link.click();
    }),
    link,
    button("Remove", "remove", () => remove(file)),
  );
  return tr;
}

function thumbnail(td, file) {
  const part = (file.files || [])[0];
  const type = part && (part.detectedContentType || part.contentType);
  if (file.status !== "processed" || !type || !type.startsWith("image/")) return;
  const show = (url) => {
    const img = document.createElement("img");
    img.alt = "";
    img.src = url;
    td.append(img);
  };
  if (thumbnails.has(file.uploadId)) return show(thumbnails.get(file.uploadId));
  api("files.download", { uploadId: file.uploadId }).then(({ urls }) => {
    thumbnails.set(file.uploadId, urls[0]);
    show(urls[0]);
  }, () => {});
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let i = -1;
  do { n /= 1024; i++; } while (n >= 1024 && i < units.length - 1);
  return `${n.toFixed(1)} ${units[i]}`;
}

// ---- remove and restore ----

function removedList() {
  return JSON.parse(localStorage.getItem(`${REMOVED_KEY}.${session.user}`) || "[]");
}

function saveRemoved(list) {
  localStorage.setItem(`${REMOVED_KEY}.${session.user}`, JSON.stringify(list));
  renderRemoved();
}

async function remove(file) {
  await api("files.remove", { uploadId: file.uploadId, softDelete: true });
  saveRemoved([...removedList(), { uploadId: file.uploadId, name: file.name }]);
  await refresh();
}

function renderRemoved() {
  const list = removedList();
  $("removed-section").hidden = list.length === 0;
  $("removed").replaceChildren(...list.map((r) => {
    const li = document.createElement("li");
    li.dataset.id = r.uploadId;
    li.append(`${r.name} `, button("Restore", "restore", async () => {
      await api("files.restore", { uploadId: r.uploadId });
      saveRemoved(removedList().filter((x) => x.uploadId !== r.uploadId));
      await refresh();
    }));
    return li;
  }));
}

function showError(text) {
  $("error").textContent = text;
}

// ---- wiring ----

function wire() {
  $("trusted-form").addEventListener("submit", (e) => {
    e.preventDefault();
    signIn({ user: $("username").value.trim() });
  });
  $("jwt-form").addEventListener("submit", (e) => {
    e.preventDefault();
    try {
      const token = $("token").value.trim();
      signIn({ user: tokenSubject(token), token });
    } catch (err) {
      $("sign-in-error").textContent = err.message;
    }
  });
  $("sign-out").addEventListener("click", () => {
    sessionStorage.removeItem(SESSION_KEY);
    location.reload();
  });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    [...e.dataTransfer.files].forEach(upload);
  });
  $("picker").addEventListener("change", (e) => {
    [...e.target.files].forEach(upload);
    e.target.value = "";
  });
  $("filters").addEventListener("submit", (e) => {
    e.preventDefault();
    view.page = 1;
    refresh();
  });
  document.querySelectorAll("button.sort").forEach((b) =>
    b.addEventListener("click", () => {
      view.order = view.criteria === b.dataset.criteria && view.order === "DESC" ? "ASC" : "DESC";
      view.criteria = b.dataset.criteria;
      view.page = 1;
      refresh();
    }));
  $("prev").addEventListener("click", () => { view.page = Math.max(1, view.page - 1); refresh(); });
  $("next").addEventListener("click", () => { view.page = Math.min(view.pages, view.page + 1); refresh(); });
}

wire();
start().catch((e) => showError(e.message));
