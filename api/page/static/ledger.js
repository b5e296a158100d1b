/*
 * The page's counting ledger: upload a mapping (TOML) and the files it lists to this
 * service's own POST /v1/ledgers, show the three counting variants side by side (counted
 * quantity per category, the tier of each, whether the tier depends on the counting, the
 * funnel), and carry the headline request's rows into the assessment form above, whose
 * rows they replace; the lawyer then presses 计算 / Assess.
 *
 * Built after page.js (both deferred, in that order): it uses window.piPage.addRow and
 * follows the page's language through the lang attribute page.js sets on <html>. Every
 * text is set with textContent; no library, no outside request.
 */
"use strict";

(function () {
  const section = document.getElementById("ledger");
  const page = window.piPage;
  if (!section || !page) { return; }
  const DATA = JSON.parse(document.getElementById("page-data").textContent);
  // The categories in statute order, as GET /v1/rulesets answers them (the page data's law).
  const CATEGORIES = DATA.law.categories;
  const CATEGORY = {};
  CATEGORIES.forEach(function (c) { CATEGORY[c.category] = c; });

  const T = {
    title: ["从查获数据计数（第十一条）", "Count from seized data (Art. 11)"],
    lead: ["上传映射文件（TOML，写明各文件的标识列、类别和接收方）及其列出的数据文件（CSV、TSV、JSON Lines、Parquet、XLSX），按《解释》第十一条去重计数。适用于小规模证据（上传合计默认不超过 16 MiB）；更大的证据请用命令行 python -m ledger count。文件只用于本次计数，作答后即删除。",
      "Upload a mapping (TOML: each file's identifier columns, category and recipients) and the data files it lists (CSV, TSV, JSON Lines, Parquet, XLSX) to count them under Art. 11. For small evidence sets (16 MiB in all by default); count larger evidence with the command line, python -m ledger count. The files are used for this count only and deleted once it is answered."],
    mapping: ["映射文件（.toml）", "Mapping (.toml)"],
    files: ["数据文件（可多选，文件名须与映射中的 path 一致）", "Data files (several; names as the mapping's paths end)"],
    conduct_date: ["行为日期（决定适用的法律和身份证出生日期的上限；可不填）", "Conduct date (selects the law and bounds ID birth dates; optional)"],
    count: ["计数", "Count"],
    working: ["正在计数……", "Counting…"],
    done: ["计数完成。", "Counted."],
    need_mapping: ["请选择映射文件。", "Choose the mapping file."],
    need_files: ["请选择映射列出的数据文件。", "Choose the data files the mapping lists."],
    refused: ["服务未能计数（{status}{title}）：", "The service could not count ({status}{title}):"],
    network: ["无法连接本服务。", "Could not reach the service."],
    variants: ["三种计数口径", "The three ways of counting"],
    category: ["类别", "Category"],
    as_seized: ["查获即计（每行一条）", "As seized (every line)"],
    exact_duplicates_removed: ["剔除完全重复的行", "Exact duplicates removed"],
    persons: ["按人计（主结论）", "Persons (the headline)"],
    tier: ["档次", "Tier"],
    depends: ["档次取决于计数口径：各口径得出的档次不同，计数方法是本案的争点。", "The tier depends on the counting: the variants reach different tiers, so the counting method is in issue."],
    same: ["三种计数口径的档次相同。", "All three ways of counting reach the same tier."],
    funnel: ["去重过程（按人计）", "From lines to records (persons)"],
    f_lines: ["读入行数", "Lines read"],
    f_invalid: ["剔除无效", "Invalid removed"],
    f_merged: ["合并重复", "Duplicates merged"],
    f_records: ["记录（人）", "Records (persons)"],
    f_counted: ["计数（乘以接收方）", "Counted (× recipients)"],
    rows: ["带入评估的行（主结论）", "Rows for the assessment (the headline)"],
    r_count: ["条数", "Records"],
    r_recipients: ["接收方数", "Recipients"],
    r_duty: ["履职所得", "Obtained in duty"],
    yes: ["是", "yes"],
    no: ["否", "no"],
    inputs: ["输入文件", "Input files"],
    i_lines: ["{n} 行", "{n} lines"],
    carry: ["带入评估表（替换现有各行）", "Carry into the assessment form (replacing its rows)"],
    carried: ["已带入 {n} 行。请核对后按“计算”。", "{n} row(s) carried. Check them, then press Assess."],
    tier_not_serious: ["不构成情节严重", "Not serious"],
    tier_serious: ["情节严重", "Serious"],
    tier_especially_serious: ["情节特别严重", "Especially serious"]
  };
  const VARIANTS = ["as_seized", "exact_duplicates_removed", "persons"];

  function lang() { return document.documentElement.lang === "en" ? "en" : "zh"; }

  function t(key, values) {
    let text = T[key][lang() === "en" ? 1 : 0];
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(String(values[k])); });
    return text;
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; }
      else if (k === "className") { node.className = attrs[k]; }
      else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function categoryName(value) {
    const c = CATEGORY[value];
    return c ? (lang() === "en" ? c.en : c.zh) : value;
  }

  function num(n) { return lang() === "en" ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",") : String(n); }

  // ---------------------------------------------------------------------------
  // The section's form (texts set by render(), so the language switch redraws them)

  const title = el("h2", { id: "ledger-title", "data-t": "title" });
  const lead = el("p", { className: "hint", "data-t": "lead" });
  const mapping = el("input", { type: "file", id: "ledger-mapping", accept: ".toml,text/plain,application/toml" });
  const files = el("input", { type: "file", id: "ledger-files", multiple: "" });
  const date = el("input", { type: "date", id: "ledger-conduct-date" });
  const button = el("button", { type: "button", id: "ledger-count", "data-t": "count" });
  const status = el("span", { className: "status", id: "ledger-status", role: "status" });
  const errors = el("div", { className: "form-error", id: "ledger-errors", role: "alert", hidden: "" });
  const result = el("div", { id: "ledger-result", hidden: "" });

  function field(key, input) {
    return el("div", { className: "field" }, [el("label", { for: input.id, "data-t": key }), input]);
  }

  section.appendChild(el("details", { id: "ledger-panel" }, [
    el("summary", null, [title]),
    lead,
    el("div", { className: "ledger-inputs" }, [field("mapping", mapping), field("files", files), field("conduct_date", date)]),
    el("div", { className: "actions" }, [button, status]),
    errors,
    result
  ]));

  let answer = null;   // the last count (POST /v1/ledgers 200)
  let problem = null;  // the last refusal: {status, body}
  let statusKey = null;
  let statusValues = null;

  function setStatus(key, values) { statusKey = key; statusValues = values; status.textContent = key ? t(key, values) : ""; }

  // ---------------------------------------------------------------------------
  // Drawing the answer

  function cell(tag, text, cls) { return el(tag, cls ? { className: cls, text: text } : { text: text }); }

  function variantsTable(a) {
    const cats = [];
    VARIANTS.forEach(function (v) {
      Object.keys(a.variants[v].by_category).forEach(function (c) { if (cats.indexOf(c) < 0) { cats.push(c); } });
    });
    cats.sort(function (x, y) {
      return CATEGORIES.findIndex(function (c) { return c.category === x; }) - CATEGORIES.findIndex(function (c) { return c.category === y; });
    });
    const head = el("tr", null, [cell("th", t("category"))].concat(VARIANTS.map(function (v) {
      return el("th", { "data-variant": v, className: v === "persons" ? "headline" : "", text: t(v) });
    })));
    const body = el("tbody");
    cats.forEach(function (c) {
      body.appendChild(el("tr", { "data-category": c }, [cell("th", categoryName(c))].concat(VARIANTS.map(function (v) {
        return el("td", { className: "num" + (v === "persons" ? " headline" : ""), "data-variant": v, text: num(a.variants[v].by_category[c] || 0) });
      }))));
    });
    body.appendChild(el("tr", { className: "tiers" }, [cell("th", t("tier"))].concat(VARIANTS.map(function (v) {
      const tier = a.variants[v].tier;
      return el("td", { "data-variant": v, "data-tier": tier, className: v === "persons" ? "headline" : "" }, [
        el("span", { className: "badge " + tier, text: t("tier_" + tier) })
      ]);
    }))));
    return el("div", { className: "table-wrap" }, [el("table", { id: "ledger-variants" }, [el("thead", null, [head]), body])]);
  }

  function funnelTable(a) {
    const byCat = ((a.report || {}).funnel || {}).by_category || {};
    const keys = ["f_lines", "f_invalid", "f_merged", "f_records", "f_counted"];
    const head = el("tr", null, [cell("th", t("category"))].concat(keys.map(function (k) { return cell("th", t(k)); })));
    const body = el("tbody");
    Object.keys(byCat).forEach(function (c) {
      const f = byCat[c];
      const values = [f.lines_read, (f.invalid_removed || {}).count, (f.duplicates_merged || {}).count, f.records, f.counted];
      body.appendChild(el("tr", { "data-category": c }, [cell("th", categoryName(c))].concat(values.map(function (v) {
        return cell("td", v === undefined || v === null ? "" : num(v), "num");
      }))));
    });
    return el("div", { className: "table-wrap" }, [el("table", { id: "ledger-funnel" }, [el("thead", null, [head]), body])]);
  }

  function rowsTable(a) {
    const head = el("tr", null, ["category", "r_count", "r_recipients", "r_duty"].map(function (k) { return cell("th", t(k)); }));
    const body = el("tbody");
    a.request.records.forEach(function (r) {
      body.appendChild(el("tr", null, [
        cell("td", categoryName(r.category)),
        cell("td", num(r.count), "num"),
        cell("td", num(r.recipients), "num"),
        cell("td", t(r.obtained_in_duty ? "yes" : "no"))
      ]));
    });
    return el("div", { className: "table-wrap" }, [el("table", { id: "ledger-rows" }, [el("thead", null, [head]), body])]);
  }

  function inputsList(a) {
    const list = el("ul", { className: "ledger-files" });
    ((a.report || {}).inputs || []).forEach(function (f) {
      list.appendChild(el("li", null, [
        el("span", { text: f.name }),
        el("span", { className: "muted", text: " · " + t("i_lines", { n: num(f.lines) }) + " · sha256 " + String(f.sha256 || "").slice(0, 12) + "…" })
      ]));
    });
    return list;
  }

  function drawAnswer() {
    result.textContent = "";
    if (!answer) { result.hidden = true; return; }
    const a = answer;
    result.appendChild(el("h3", { text: t("variants") }));
    result.appendChild(variantsTable(a));
    result.appendChild(el("p", {
      id: "ledger-depends",
      className: a.tier_depends_on_counting ? "ledger-flag depends" : "ledger-flag",
      "data-depends": String(Boolean(a.tier_depends_on_counting)),
      text: t(a.tier_depends_on_counting ? "depends" : "same")
    }));
    result.appendChild(el("h3", { text: t("funnel") }));
    result.appendChild(funnelTable(a));
    result.appendChild(el("h3", { text: t("rows") }));
    result.appendChild(rowsTable(a));
    result.appendChild(el("button", { type: "button", id: "ledger-carry", text: t("carry") }));
    result.appendChild(el("h3", { text: t("inputs") }));
    result.appendChild(inputsList(a));
    result.hidden = false;
  }

  function drawProblem() {
    errors.textContent = "";
    if (!problem) { errors.hidden = true; return; }
    const en = lang() === "en";
    errors.setAttribute("lang", en ? "en" : "zh-CN");
    if (problem.network) {
      errors.appendChild(el("p", { text: t("network") }));
      errors.hidden = false;
      return;
    }
    const body = problem.body || {};
    const titleText = body.title ? " " + body.title : "";
    errors.appendChild(el("p", { text: t("refused", { status: problem.status, title: titleText }) }));
    const list = el("ul");
    const entries = Array.isArray(body.errors) && body.errors.length ? body.errors : [body];
    entries.forEach(function (e) {
      const text = en ? (e.message || e.detail) : (e.message_zh || e.detail);
      const where = e.pointer ? e.pointer + (en ? ": " : "：") : "";
      list.appendChild(el("li", { "data-pointer": e.pointer || "", text: where + (text || "") }));
    });
    errors.appendChild(list);
    errors.hidden = false;
  }

  function render() {
    section.querySelectorAll("[data-t]").forEach(function (n) { n.textContent = t(n.getAttribute("data-t")); });
    setStatus(statusKey, statusValues);
    drawAnswer();
    drawProblem();
  }

  // ---------------------------------------------------------------------------
  // Counting, and carrying the rows

  button.addEventListener("click", function () {
    problem = null;
    if (!mapping.files.length) { problem = { status: "", body: { message: T.need_mapping[1], message_zh: T.need_mapping[0] } }; }
    else if (!files.files.length) { problem = { status: "", body: { message: T.need_files[1], message_zh: T.need_files[0] } }; }
    if (problem) { drawProblem(); return; }
    const form = new FormData();
    form.append("mapping", mapping.files[0], mapping.files[0].name);
    Array.prototype.forEach.call(files.files, function (f) { form.append("files", f, f.name); });
    if (date.value) { form.append("conduct_date", date.value); }
    answer = null;
    drawAnswer();
    drawProblem();
    button.disabled = true;
    setStatus("working");
    fetch("v1/ledgers", {
      method: "POST",
      body: form,
      headers: { "Accept": "application/json", "Accept-Language": lang() === "en" ? "en" : "zh-CN" }
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; }, function () {
        return { status: response.status, body: {} };
      });
    }).then(function (got) {
      if (got.status === 200) {
        answer = got.body;
        setStatus("done");
      } else {
        problem = got;
        setStatus(null);
      }
      render();
    }, function () {
      problem = { network: true };
      setStatus(null);
      render();
    }).then(function () { button.disabled = false; });
  });

  result.addEventListener("click", function (ev) {
    if (!ev.target.closest("#ledger-carry") || !answer) { return; }
    const request = answer.request;
    document.querySelectorAll("#rows [data-row]").forEach(function (row) { row.remove(); });
    request.records.forEach(function (r) {
      page.addRow({
        category: r.category,
        count: r.count,
        recipients: r.recipients,
        obtained_in_duty: r.obtained_in_duty,
        label: r.label
      });
    });
    if (!request.records.length) { page.addRow(); }
    const conduct = document.getElementById("conduct_date");
    if (request.conduct_date && conduct) { conduct.value = request.conduct_date; }
    setStatus("carried", { n: request.records.length });
    document.getElementById("case-form").scrollIntoView({ behavior: "smooth", block: "start" });
  });

  new MutationObserver(render).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  render();
}());
