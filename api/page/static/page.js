/*
 * The lawyer's page: a form for everything AssessmentRequest accepts, checks that mirror
 * the API's, one call to this service's own POST /v1/assessments, and the answer drawn
 * for a reader. No library, no outside request. Every text is set with textContent.
 *
 * The page holds no law of its own. The law's names and standards, the citations and the
 * request's limits come from the page-data block the service writes into the HTML (the
 * GET /v1/rulesets answer as is, the core's citation of every provision, the app's OpenAPI
 * document); everything about a case comes from the answer: each ground's and next-tier
 * option's citation and the standard it was compared with, the proportional sum as a
 * multiple, the contested routes. The page halves, multiplies and compares no standard.
 */
"use strict";

(function () {
  const DATA = JSON.parse(document.getElementById("page-data").textContent);
  const LIMITS = DATA.limits;
  const MONEY = new RegExp(LIMITS.money_pattern);
  // The law as GET /v1/rulesets answers it: each parameter set nested as the law data holds it.
  const LAW = DATA.law;
  const CATEGORIES = LAW.categories;
  const CATEGORY = {};
  CATEGORIES.forEach(function (c) { CATEGORY[c.category] = c; });
  const PARAMETERS = {};
  LAW.rulesets.forEach(function (r) { PARAMETERS[r.id] = r.parameters; });
  const CURRENT = LAW.rulesets[LAW.rulesets.length - 1].parameters;
  const FIRST_CONDUCT_DATE = LAW.statutes[0].effective_from;

  // ---------------------------------------------------------------------------
  // Language: the HTML holds the Chinese; English texts are here.

  const EN = {
    doc_title: "Infringing citizens' personal information: is it serious?",
    title: "Infringing citizens' personal information: serious or not?",
    subtitle: "Under 法释〔2017〕10号 (the SPC/SPP Interpretation on infringing citizens' personal information), do the facts of illegally obtaining, selling or providing personal information reach 情节严重 (serious) or 情节特别严重 (especially serious) under the Criminal Law? Every ground is cited.",
    api_docs: "API docs",
    facts: "Facts of the case",
    conduct: "Conduct",
    conduct_date: "Conduct date (last act)",
    conduct_date_hint: "Selects the law in force (Amendments VII and IX) and the two-year window; empty: the rules in force today.",
    offender: "Offender",
    natural_person: "Natural person",
    unit: "Unit",
    records: "Personal information (one row per category)",
    category_help_title: "Which category?",
    help_1: "Phone location, GPS or vehicle-tracker records: whereabouts ({whereabouts}-record standard).",
    help_2: "The content of messages or chats is communication content ({communication_content}); call detail records are communication records ({communication_records}).",
    help_3: "Bank account data with balance, password or similar status or credentials: property information ({property}); a bare card number is contested.",
    help_4: "Hotel records are accommodation information ({accommodation}), medical records health information ({health}), shopping orders transaction information ({transaction}).",
    help_5: "Face data and resident-ID data with photo: other information that may affect personal or property safety ({other_safety}; SPC Guiding Cases 192 and 193).",
    help_6: "Ordinary data such as name plus mobile number: other personal information ({general}).",
    help_7: "Vehicle and owner data, house ownership, flight or ride-hailing records, courier waybills, ID number plus phone without photo: courts differ. Choose the likeliest category and tick the other possible ones; the result shows whether the tier depends on the choice.",
    add_row: "Add a row",
    gains: "Illegal gains (违法所得)",
    illegal_gains_cny: "Illegal gains (CNY)",
    illegal_gains_from_duty_cny: "Of which: from selling or providing information obtained in performing duties or providing services (CNY)",
    circumstances: "Circumstances (found by the court)",
    circumstances_hint: "The calculator cannot find these itself; ticking one states that it has been found.",
    c_5_1_1: "Whereabouts information sold or provided was used by others to commit a crime",
    c_5_1_2: "Sold or provided to someone known, or who should have been known, to use it for a crime",
    c_5_1_9_criminal: "A prior criminal punishment for infringing personal information",
    c_5_1_9_admin: "Decision date of a prior administrative penalty for infringing personal information (within two years)",
    c_5_1_10: "Other serious circumstances (a court's finding)",
    c_5_2_1: "Caused a victim's death, serious injury, mental disorder, kidnapping or similar severe consequences",
    c_5_2_2: "Caused major economic loss or a bad social impact",
    c_5_2_4: "Other especially serious circumstances (a court's finding)",
    art6: "Bought or received for a lawful business",
    business_purchase: "Illegally bought or received, for a lawful business, ordinary personal information (none of the kinds with a stricter record standard)",
    profit_cny: "Profit from using the information bought or received (CNY)",
    resold: "The information bought or received was sold or provided on (assessed as selling or providing)",
    art10: "Conditions for a minor case",
    first_offender: "First offence",
    full_restitution: "All illegal gains returned",
    remorse: "Genuine remorse shown",
    unknown: "Unknown",
    yes: "Yes",
    no: "No",
    submit: "Assess",
    clear: "Clear",
    result_print_title: "Infringing citizens' personal information: assessment",
    tier_label: "Result",
    grounds: "Grounds",
    chart: "Distance to each standard",
    next_tier: "To the next tier",
    open_questions: "Still for the court to decide",
    warnings: "Warnings",
    penalty: "Statutory range and fine",
    leniency: "Minor case",
    counting: "Counting",
    opinion: "Written opinion",
    copy: "Copy"
  };

  const MSG = {
    row: ["第 {n} 行", "Row {n}"],
    remove_row: ["删除此行", "Remove row"],
    category: ["信息类别", "Category"],
    count: ["条数", "Records"],
    count_hint: ["已剔除有证据证明不真实或者重复的信息", "After removing records proven false or duplicated"],
    recipients: ["分别出售、提供的不同单位或者个人数", "Distinct recipients"],
    recipients_hint: ["向不同单位或者个人分别出售、提供同一信息的，条数累计计算；0 = 未出售或者提供", "The same records sold or provided to several recipients add up; 0 = not passed on"],
    obtained_in_duty: ["在履行职责或者提供服务过程中获得，又出售或者提供", "Obtained in performing duties or providing services, then sold or provided"],
    alternatives: ["可能认定的其他类别（最多 {n} 项）", "Other categories a court might choose (at most {n})"],
    label: ["标注（如证据编号，可不填）", "Label (e.g. exhibit number, optional)"],
    group: ["{cite}（{n} 条）", "{cite} ({n} records)"],
    required: ["必须填写", "is required"],
    int_range: ["须为 {min} 至 {max} 之间的整数", "must be a whole number from {min} to {max}"],
    money: ["须为以元计的金额，非负，最多两位小数，不用逗号（如 1200 或 1200.50）", "must be an amount in yuan: non-negative, at most 2 decimal places, no commas (e.g. 1200 or 1200.50)"],
    duty_gt_total: ["不得超过违法所得总额：这是总额中的一部分", "must not exceed the illegal gains: it is part of the total"],
    too_many_alternatives: ["最多选择 {n} 项", "choose at most {n}"],
    label_long: ["最多 {n} 个字符", "at most {n} characters"],
    too_many_rows: ["最多 {n} 行", "at most {n} rows"],
    bad_date: ["日期不完整或无效", "the date is incomplete or invalid"],
    date_before: ["不得早于 {d}（{statute}施行之日，此前的行为不构成本罪）", "must be on or after {d}, when {statute} came into force: earlier conduct is no offence"],
    admin_needs_conduct: ["须同时填写行为日期：“二年内”从行为日期往前计算", "requires the conduct date: the two-year window counts back from it"],
    client_errors: ["请更正标出的项目。", "Please correct the marked fields."],
    server_errors: ["服务未接受请求（{status}{title}），原因标在相应项目旁：", "The service did not accept the request ({status}{title}); the reasons are beside the fields:"],
    server_failed: ["服务暂时无法回答（{status}），请稍后再试。", "The service could not answer ({status}); try again later."],
    network: ["无法连接本服务。", "Could not reach the service."],
    working: ["正在计算……", "Assessing…"],
    done: ["已完成。", "Done."],
    copied: ["已复制。", "Copied."],
    copy_failed: ["无法复制，请手动选择文字。", "Could not copy; select the text by hand."],
    tier_sub: ["{statute} · 依所述事实计算，不代替司法机关的认定", "{statute} · computed on the facts stated; not a court's decision"],
    sensitive: ["结论取决于信息归类：按最宽的归类为{lenient}，按最严的归类为{strict}（D5）。", "The tier depends on the classification: {lenient} with the most lenient categories, {strict} with the strictest (D5)."],
    no_grounds: ["没有任何一项标准达到。", "No standard is reached."],
    computed: ["计算得出", "computed"],
    caller_finding: ["依据所认定的事实", "on the stated finding"],
    insider_part: ["履职所得部分", "part obtained in duty"],
    d_records: ["计数 {counted} 条，标准 {standard} 条", "{counted} records counted; standard {standard}"],
    d_sum: ["按比例合计 {sum}，标准 {standard} 倍", "proportional sum {sum}; standard {standard} times"],
    times: ["{v} 倍", "{v} times"],
    about: ["约 ", "about "],
    route_single_category: ["", ""],
    route_gains: ["", ""],
    route_proportional_sum: ["经按比例合计", "through the proportional sum"],
    route_caller_finding: ["依已认定的情节", "through the stated finding"],
    contested: ["有争议，见待决问题", "contested: see the open question"],
    pending_question: ["{route}达到{tier}的途径，所依据的解释尚无定论；如据此达到，须由法院判断（问题 {code}）。", "Reaching {tier} {route} rests on a reading that is not settled; if it is reached that way, the court decides (question {code})."],
    d_gains: ["{amount} 元，标准 {standard} 元", "CNY {amount}; standard CNY {standard}"],
    d_profit: ["获利 {amount} 元，标准 {standard} 元", "profit CNY {amount}; standard CNY {standard}"],
    d_prior_criminal: ["曾受刑事处罚", "prior criminal punishment"],
    d_prior_admin: ["行政处罚 {date}，在 {start} 至 {end} 之内", "administrative penalty {date}, within {start} to {end}"],
    next_lead: ["以下任何一项单独即可达到{tier}（新增一行记录，非履职所得、未向他人提供；或非来自履职信息的违法所得）：", "Any one of these alone reaches {tier} (a new row of records, not from duty and not passed on; or gains not from duty):"],
    next_records: ["再增加 {n} 条{category}即达到{tier}", "{n} more records of {category} would reach {tier}"],
    next_gains: ["违法所得再增加 {amount} 元即达到{tier}", "CNY {amount} more in illegal gains would reach {tier}"],
    top_tier: ["已是最高档次（情节特别严重），没有下一档次。", "This is already the highest tier (especially serious)."],
    range: ["法定刑", "Statutory range"],
    heavier: ["从重处罚", "Heavier punishment"],
    heavier_text: ["将在履行职责或者提供服务过程中获得的公民个人信息出售或者提供给他人的，依照前款的规定从重处罚（{cite}）。", "Information obtained in duty or service and sold or provided: heavier punishment within the range ({cite})."],
    unit_note: ["单位犯罪", "Unit offender"],
    fine_guide: ["罚金", "Fine"],
    provision_text: ["条文", "Provision"],
    chart_lines: ["虚线：情节严重的标准；实线：情节特别严重的标准；均为结果中据以比较的标准。刻度分段，最后一条线以外压缩。", "Dashed line: the standard for serious; solid line: the standard for especially serious; each as the answer compared with it. Piecewise scale, compressed beyond the last line."],
    m_records: ["{category}（{cite}）", "{category} ({cite})"],
    m_insider: ["{category}：履职所得部分（{cite}，标准减半）", "{category}: part obtained in duty ({cite}, half standards)"],
    m_sum: ["按相应比例合计（{cite}）", "Proportional sum ({cite})"],
    m_insider_sum: ["履职所得部分按比例合计（{cite}，标准减半）", "Proportional sum of the part obtained in duty ({cite}, half standards)"],
    m_gains: ["违法所得（{cite}）", "Illegal gains ({cite})"],
    m_duty_gains: ["来自履职所得信息的违法所得（{cite}，标准减半）", "Illegal gains from information obtained in duty ({cite}, half standards)"],
    m_profit: ["利用购买、收受的信息获利（{cite}，无情节特别严重一档）", "Profit from using bought information ({cite}; no especially serious tier)"],
    m_art6_rows: ["作为购买、收受评价、不计入数量标准的记录：{n} 条", "Records assessed as bought or received, outside the quantity standards: {n}"],
    unit_records: ["{v} 条", "{v}"],
    unit_money: ["{v} 元", "CNY {v}"],
    t_index: ["行", "Row"],
    t_label: ["标注", "Label"],
    t_category: ["类别", "Category"],
    t_count: ["条数", "Records"],
    t_recipients: ["对象数", "Recipients"],
    t_counted: ["计数", "Counted"],
    t_provision: ["计数规则", "Counting rule"],
    t_path: ["适用", "Assessed under"],
    meta: ["参数集 {id}（{from} 起施行）· 引擎版本 {version} · 输入摘要 {digest}", "Ruleset {id} (in force from {from}) · engine {version} · input digest {digest}"],
    tier_not_serious: ["不构成情节严重", "Not serious"],
    tier_serious: ["情节严重", "Serious"],
    tier_especially_serious: ["情节特别严重", "Especially serious"]
  };

  let lang = "zh";
  try {
    if (window.localStorage.getItem("pi-page-lang") === "en") { lang = "en"; }
  } catch (e) { /* storage may be unavailable; Chinese stays the default */ }

  function msg(key, values) {
    const pair = MSG[key];
    let text = pair[lang === "en" ? 1 : 0];
    if (values) {
      Object.keys(values).forEach(function (k) { text = text.split("{" + k + "}").join(String(values[k])); });
    }
    return text;
  }

  function tierName(tier) { return msg("tier_" + tier); }

  // Within an English sentence: "especially serious (情节特别严重)".
  function tierInWords(tier) {
    return MSG["tier_" + tier][1].toLowerCase() + " (" + MSG["tier_" + tier][0] + ")";
  }

  // ---------------------------------------------------------------------------
  // Small helpers

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") { node.textContent = attrs[k]; }
        else if (k === "className") { node.className = attrs[k]; }
        else { node.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  // Citations are the core's (calculator.citation), written into the page data per
  // provision id; the answer carries its own grounds' and options' citations.
  function citeOf(provision) {
    const c = DATA.cites[provision];
    return c ? (lang === "en" ? c.en : c.zh) : provision;
  }

  // The citation of a provision after a label, in the page's language; nothing without an id.
  function citeAfter(provision) {
    if (!provision) { return ""; }
    return lang === "en" ? " (" + citeOf(provision) + ")" : "（" + citeOf(provision) + "）";
  }

  // "{whereabouts}" in a help text: that category's record standard, from the law data.
  function withStandards(text) {
    return text.replace(/\{([a-z_]+)\}/g, function (whole, category) {
      const s = CURRENT.record_standard.find(function (r) { return r.categories.indexOf(category) >= 0; });
      return s ? intText(s.records) : whole;
    });
  }

  function categoryName(value) {
    const c = CATEGORY[value];
    return c ? (lang === "en" ? c.en : c.zh) : value;
  }

  function grouped(digits) {
    return lang === "en" ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : digits;
  }

  function intText(n) { return grouped(String(n)); }

  function moneyText(s) {
    const parts = String(s).split(".");
    return grouped(parts[0]) + (parts[1] ? "." + parts[1] : "");
  }

  // ---------------------------------------------------------------------------
  // The form

  const rowsBox = $("#rows");

  function categorySelect() {
    const select = el("select", { "data-field": "category" });
    CURRENT.record_standard.forEach(function (s) {
      const group = el("optgroup", { "data-provision": s.provision, "data-records": String(s.records) });
      s.categories.forEach(function (c) { group.appendChild(el("option", { value: c, "data-category": c })); });
      select.appendChild(group);
    });
    return select;
  }

  function errorSlot(suffix) {
    return el("p", { className: "field-error", "data-error-suffix": suffix, hidden: "" });
  }

  let uid = 0;

  function field(labelKey, input, suffix, extraClass, hintKey) {
    uid += 1;
    input.id = "row-field-" + uid;
    const label = el("label", { "data-msg": labelKey, for: input.id });
    const hint = hintKey ? el("p", { className: "hint", "data-msg": hintKey, "data-cite": rowsBox.getAttribute("data-cite-" + suffix) || "" }) : null;
    return el("div", { className: "field" + (extraClass ? " " + extraClass : "") }, [label, input, hint, errorSlot(suffix)]);
  }

  function addRow(values) {
    values = values || {};
    const row = el("div", { className: "record-row", "data-row": "" });
    const title = el("div", { className: "row-title" }, [
      el("span", { "data-row-title": "" }),
      el("button", { type: "button", className: "link", "data-remove": "", "data-msg": "remove_row" })
    ]);
    const category = categorySelect();
    category.value = values.category || CATEGORIES[0].category;
    const count = el("input", { type: "text", inputmode: "numeric", "data-field": "count" });
    count.value = values.count === undefined ? "" : String(values.count);
    const recipients = el("input", { type: "text", inputmode: "numeric", "data-field": "recipients", placeholder: "0" });
    recipients.value = values.recipients ? String(values.recipients) : "";
    const duty = el("input", { type: "checkbox", "data-field": "obtained_in_duty" });
    duty.checked = Boolean(values.obtained_in_duty);
    const dutyLabel = el("label", { className: "check" }, [duty, el("span", { "data-msg": "obtained_in_duty", "data-cite": rowsBox.getAttribute("data-cite-obtained_in_duty") })]);
    const alternatives = el("details", { "data-field": "alternatives" });
    alternatives.appendChild(el("summary", { "data-msg": "alternatives" }));
    CATEGORIES.forEach(function (c) {
      const box = el("input", { type: "checkbox", value: c.category, "data-alternative": c.category });
      box.checked = (values.alternative_categories || []).indexOf(c.category) >= 0;
      alternatives.appendChild(el("label", { className: "check" }, [box, el("span", { "data-category": c.category })]));
    });
    if ((values.alternative_categories || []).length) { alternatives.open = true; }
    const label = el("input", { type: "text", "data-field": "label" });
    label.value = values.label || "";
    row.appendChild(title);
    row.appendChild(field("category", category, "category", "wide"));
    row.appendChild(field("count", count, "count", "", "count_hint"));
    row.appendChild(field("recipients", recipients, "recipients", "", "recipients_hint"));
    row.appendChild(el("div", { className: "field wide" }, [dutyLabel, errorSlot("obtained_in_duty")]));
    row.appendChild(el("div", { className: "field wide" }, [alternatives, errorSlot("alternative_categories")]));
    row.appendChild(field("label", label, "label", "wide"));
    row.appendChild(errorSlot(""));
    rowsBox.appendChild(row);
    renumberRows();
    applyLang(row);
    return row;
  }

  function renumberRows() {
    $all("[data-row]", rowsBox).forEach(function (row, i) {
      const base = "/records/" + i;
      row.setAttribute("data-index", String(i));
      $all("[data-error-suffix]", row).forEach(function (p) {
        const suffix = p.getAttribute("data-error-suffix");
        p.setAttribute("data-error-for", suffix ? base + "/" + suffix : base);
      });
      $all("[data-field]", row).forEach(function (input) {
        const name = input.getAttribute("data-field");
        input.setAttribute("data-pointer", base + "/" + (name === "alternatives" ? "alternative_categories" : name));
      });
      const titleNode = $("[data-row-title]", row);
      titleNode.textContent = msg("row", { n: i + 1 });
    });
  }

  rowsBox.addEventListener("click", function (ev) {
    const button = ev.target.closest("[data-remove]");
    if (!button) { return; }
    button.closest("[data-row]").remove();
    renumberRows();
  });
  $("#add-row").addEventListener("click", function () {
    const row = addRow();
    $("[data-field=count]", row).focus();
  });

  const businessBox = $("#business_purchase");
  function syncBusiness() { $("#business-fields").hidden = !businessBox.checked; }
  businessBox.addEventListener("change", syncBusiness);

  function resetForm() {
    $("#case-form").reset();
    rowsBox.textContent = "";
    addRow();
    syncBusiness();
    clearErrors();
  }
  $("#clear").addEventListener("click", function () {
    resetForm();
    $("#result").hidden = true;
    setStatus("");
  });

  // ---------------------------------------------------------------------------
  // Reading the form, with the API's own checks

  function tri(id) {
    const v = $("#" + id).value;
    return v === "" ? null : v === "true";
  }

  // A money string as whole cents written out, to compare two amounts as the API does.
  function cents(s) {
    const parts = s.split(".");
    return (parts[0].replace(/^0+(?=\d)/, "") + ((parts[1] || "") + "00").slice(0, 2)).replace(/^0+(?=\d)/, "");
  }
  function moreThan(a, b) { return a.length !== b.length ? a.length > b.length : a > b; }

  function collect() {
    const errors = [];
    function fail(pointer, key, values) { errors.push({ pointer: pointer, detail: msg(key, values) }); }

    function dateValue(id, pointer) {
      const input = $("#" + id);
      if (input.validity && input.validity.badInput) { fail(pointer, "bad_date"); return null; }
      return input.value || null;
    }

    function integer(input, pointer, min, max, required) {
      const raw = input.value.trim();
      if (raw === "") {
        if (required) { fail(pointer, "required"); }
        return min;
      }
      if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        fail(pointer, "int_range", { min: intText(min), max: intText(max) });
        return min;
      }
      return Number(raw);
    }

    function money(id, pointer) {
      const raw = $("#" + id).value.trim();
      if (raw === "") { return "0"; }
      if (!MONEY.test(raw)) { fail(pointer, "money"); return null; }
      return raw;
    }

    const request = {};
    request.conduct_date = dateValue("conduct_date", "/conduct_date");
    if (request.conduct_date && request.conduct_date < FIRST_CONDUCT_DATE) {
      fail("/conduct_date", "date_before", { d: FIRST_CONDUCT_DATE, statute: LAW.statutes[0].title });
    }
    request.offender = $("#offender").value;

    const rows = $all("[data-row]", rowsBox);
    if (rows.length > LIMITS.max_rows) { fail("/records", "too_many_rows", { n: LIMITS.max_rows }); }
    request.records = rows.map(function (row, i) {
      const base = "/records/" + i;
      const alternatives = $all("[data-alternative]", row).filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      if (alternatives.length > LIMITS.max_alternatives) {
        fail(base + "/alternative_categories", "too_many_alternatives", { n: LIMITS.max_alternatives });
      }
      const label = $("[data-field=label]", row).value;
      if (Array.from(label).length > LIMITS.max_label) { fail(base + "/label", "label_long", { n: LIMITS.max_label }); }
      return {
        category: $("[data-field=category]", row).value,
        count: integer($("[data-field=count]", row), base + "/count", LIMITS.count_min, LIMITS.count_max, true),
        recipients: integer($("[data-field=recipients]", row), base + "/recipients", LIMITS.recipients_min, LIMITS.recipients_max, false),
        obtained_in_duty: $("[data-field=obtained_in_duty]", row).checked,
        alternative_categories: alternatives,
        label: label === "" ? null : label
      };
    });

    const gains = money("illegal_gains_cny", "/illegal_gains_cny");
    const duty = money("illegal_gains_from_duty_cny", "/illegal_gains_from_duty_cny");
    if (gains !== null && duty !== null && moreThan(cents(duty), cents(gains))) {
      fail("/illegal_gains_from_duty_cny", "duty_gt_total");
    }
    request.illegal_gains_cny = gains;
    request.illegal_gains_from_duty_cny = duty;

    const admin = dateValue("prior_administrative_penalty_date", "/circumstances/prior_administrative_penalty_date");
    if (admin && !request.conduct_date) {
      fail("/circumstances/prior_administrative_penalty_date", "admin_needs_conduct");
    }
    request.circumstances = {
      whereabouts_used_in_crime: $("#whereabouts_used_in_crime").checked,
      knowingly_supplied_criminal_user: $("#knowingly_supplied_criminal_user").checked,
      prior_criminal_punishment: $("#prior_criminal_punishment").checked,
      prior_administrative_penalty_date: admin,
      other_serious_circumstances: $("#other_serious_circumstances").checked,
      severe_consequences: $("#severe_consequences").checked,
      major_loss_or_bad_social_impact: $("#major_loss_or_bad_social_impact").checked,
      other_especially_serious_circumstances: $("#other_especially_serious_circumstances").checked
    };
    request.business_purchase = null;
    if (businessBox.checked) {
      request.business_purchase = {
        profit_cny: money("profit_cny", "/business_purchase/profit_cny"),
        resold: $("#resold").checked
      };
    }
    request.leniency_facts = {
      first_offender: tri("first_offender"),
      full_restitution: tri("full_restitution"),
      remorse: tri("remorse")
    };
    return { request: request, errors: errors };
  }

  // ---------------------------------------------------------------------------
  // Errors beside their fields

  function clearErrors() {
    $all(".field-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    $all("[aria-invalid]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
    const box = $("#form-errors");
    box.hidden = true;
    box.textContent = "";
  }

  function slotFor(pointer) {
    let p = pointer;
    for (;;) {
      const slot = document.querySelector('[data-error-for="' + CSS.escape(p) + '"]');
      if (slot) { return slot; }
      if (p === "") { return null; }
      p = p.slice(0, p.lastIndexOf("/"));
    }
  }

  // A problem's texts: "message_zh" in Chinese, "message" in English (the service sends
  // both); the page's own checks carry "detail" already in the page's language.
  function errorText(e) {
    const text = lang === "en" ? e.message : e.message_zh;
    return typeof text === "string" && text ? text : (typeof e.detail === "string" ? e.detail : "");
  }

  let shown = null; // what the error box shows, to show it again in the other language

  function showErrors(errors, lead) {
    clearErrors();
    const box = $("#form-errors");
    const textLang = lang === "en" ? "en" : "zh-CN";
    box.setAttribute("lang", textLang);
    box.appendChild(el("p", { text: lead }));
    let first = null;
    errors.forEach(function (e) {
      const pointer = typeof e.pointer === "string" ? e.pointer : "";
      const text = errorText(e);
      const slot = slotFor(pointer);
      if (slot) {
        slot.textContent = slot.textContent ? slot.textContent + (lang === "en" ? "; " : "；") + text : text;
        slot.setAttribute("lang", textLang);
        slot.hidden = false;
      } else {
        box.appendChild(el("p", { text: (pointer || "/") + (lang === "en" ? ": " : "：") + text }));
      }
      const input = document.querySelector('[data-pointer="' + CSS.escape(pointer) + '"]');
      if (input) {
        input.setAttribute("aria-invalid", "true");
        if (!first) { first = input; }
      } else if (slot && !first) {
        first = slot;
      }
    });
    box.hidden = false;
    if (first && first.focus) {
      if (first.closest("details")) { first.closest("details").open = true; }
      first.focus({ preventScroll: true });
      first.scrollIntoView({ block: "center" });
    }
  }

  // askedIn: the page's language when the request was sent (the title came in it)
  function showProblem(body, status, askedIn) {
    shown = { source: "server", body: body, status: status, askedIn: askedIn };
    if (body && Array.isArray(body.errors) && body.errors.length) {
      // after a switch of language the title, which came in the other one, is left out
      const title = askedIn === lang && typeof body.title === "string" ? " " + body.title : "";
      showErrors(body.errors, msg("server_errors", { status: body.status || status, title: title }));
    } else {
      showErrors([{ pointer: "", message: body && body.message, message_zh: body && body.message_zh, detail: (body && body.detail) || "" }], msg("server_failed", { status: status }));
    }
  }

  function showAgain() {
    if (!shown || $("#form-errors").hidden) { return; }
    if (shown.source === "server") {
      showProblem(shown.body, shown.status, shown.askedIn);
    } else {
      const read = collect();
      if (read.errors.length) { showErrors(read.errors, msg("client_errors")); }
    }
  }

  function setStatus(text) { $("#status").textContent = text; }

  // ---------------------------------------------------------------------------
  // Submitting

  let last = null;

  $("#case-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    const read = collect();
    if (read.errors.length) {
      $("#result").hidden = true;
      showErrors(read.errors, msg("client_errors"));
      shown = { source: "client" };
      setStatus("");
      return;
    }
    clearErrors();
    shown = null;
    const askedIn = lang;
    setStatus(msg("working"));
    $("#submit").disabled = true;
    fetch("v1/assessments", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json, application/problem+json",
        "Accept-Language": lang === "en" ? "en" : "zh-CN"
      },
      body: JSON.stringify(read.request)
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (body) {
        if (response.ok && body) {
          last = { request: read.request, assessment: body };
          render();
          setStatus(msg("done"));
          $("#result").scrollIntoView({ block: "start" });
          return;
        }
        $("#result").hidden = true;
        setStatus("");
        showProblem(body, response.status, askedIn);
      });
    }).catch(function () {
      $("#result").hidden = true;
      setStatus("");
      showErrors([], msg("network"));
      shown = null;
    }).finally(function () {
      $("#submit").disabled = false;
    });
  });

  // ---------------------------------------------------------------------------
  // The answer

  function detailText(g, a) {
    const d = g.detail || {};
    const s = g.standard;
    const parts = [];
    if (s && s.halved) { parts.push(msg("insider_part")); }
    if (s && s.kind === "records") {
      parts.push(categoryName(d.category) + (lang === "en" ? ": " : "：") + msg("d_records", { counted: intText(d.counted), standard: recordsValue(s.value) }));
    } else if (s && s.kind === "proportional_sum") {
      const m = s.halved ? a.quantity.insider_proportional_sum_multiple : a.quantity.proportional_sum_multiple;
      parts.push(msg("d_sum", { sum: multipleText(m, d.proportional_sum), standard: s.value }));
    } else if (s && s.kind === "yuan") {
      const profit = d.profit_cny !== undefined;
      const amount = profit ? d.profit_cny : (d.illegal_gains_cny !== undefined ? d.illegal_gains_cny : d.illegal_gains_from_duty_cny);
      parts.push(msg(profit ? "d_profit" : "d_gains", { amount: moneyText(amount), standard: moneyText(s.value) }));
    }
    if (d.prior_criminal_punishment) { parts.push(msg("d_prior_criminal")); }
    if (d.prior_administrative_penalty_date) {
      parts.push(msg("d_prior_admin", { date: d.prior_administrative_penalty_date, start: d.window_start, end: d.window_end }));
    }
    return parts.join(lang === "en" ? "; " : "；");
  }

  // The answer's own citation of a ground or an option (calculator.citation).
  function answerCite(x) { return lang === "en" ? x.cite_en : x.cite_zh; }

  function renderGrounds(a) {
    const list = $("#grounds");
    list.textContent = "";
    a.grounds.forEach(function (g) {
      const head = el("div", { className: "ground-head" }, [
        el("span", { className: "prov", text: g.provision }),
        el("span", { className: "cite", text: answerCite(g) }),
        el("span", { className: "badge " + g.tier, text: tierName(g.tier) }),
        el("span", { className: "basis", text: msg(g.basis) })
      ]);
      const item = el("li", { "data-provision": g.provision, "data-tier": g.tier }, [
        head,
        el("blockquote", { className: "statute", lang: "zh-CN", text: g.text }),
        el("p", { className: "detail", text: detailText(g, a) })
      ]);
      list.appendChild(item);
    });
    const none = $("#no-grounds");
    none.hidden = a.grounds.length > 0;
    none.textContent = msg("no_grounds");
  }

  // A number of the answer as a position on the drawing only (never to decide anything):
  // an integer, a decimal string, "p/q" or yuan.
  function drawn(value) {
    const s = String(value);
    if (s.indexOf("/") >= 0) { const pq = s.split("/"); return Number(pq[0]) / Number(pq[1]); }
    return Number(s);
  }

  function rank(tier) { return ["below", "serious", "especially_serious"].indexOf(tier); }

  // One meter: a quantity of the answer against the standards the answer compared it with.
  // lines: [{value, text, kind: "line1" (serious) | "line10" (especially serious)}]; level:
  // the highest tier of the answer's grounds on this quantity, or "below".
  function meter(spec) {
    const anchors = [[0, 0]];
    const line1 = spec.lines.find(function (l) { return l.kind === "line1"; });
    const line10 = spec.lines.find(function (l) { return l.kind === "line10"; });
    if (line1) { anchors.push([drawn(line1.value), line10 ? 0.4 : 0.6]); }
    if (line10) { anchors.push([drawn(line10.value), 0.85]); }
    const v = drawn(spec.value);
    let position = 0;
    for (let i = 1; i < anchors.length && position === 0; i += 1) {
      if (v <= anchors[i][0]) {
        const lo = anchors[i - 1];
        const hi = anchors[i];
        position = hi[0] > lo[0] ? lo[1] + (hi[1] - lo[1]) * (v - lo[0]) / (hi[0] - lo[0]) : hi[1];
      }
    }
    const last = anchors[anchors.length - 1];
    if (v > last[0]) { position = last[1] + (1 - last[1]) * Math.min(1, (v - last[0]) / (9 * Math.max(last[0], 1))); }
    const track = el("div", { className: "meter-track" });
    const bar = el("div", { className: "meter-bar " + spec.level });
    bar.style.width = (Math.max(0, Math.min(1, position)) * 100).toFixed(2) + "%";
    track.appendChild(bar);
    const scale = el("div", { className: "meter-scale" });
    anchors.slice(1).forEach(function (anchor, i) {
      const l = [line1, line10].filter(Boolean)[i];
      const line = el("div", { className: "meter-line " + l.kind });
      line.style.left = (anchor[1] * 100) + "%";
      track.appendChild(line);
      const tick = el("span", { className: "meter-tick " + l.kind, text: l.text });
      tick.style.left = (anchor[1] * 100) + "%";
      scale.appendChild(tick);
    });
    return el("div", { className: "meter", "data-meter": spec.key, "data-level": spec.level }, [
      el("div", { className: "meter-head" }, [
        el("span", { className: "meter-label", text: spec.label }),
        el("span", { className: "meter-value " + spec.level, text: spec.valueText })
      ]),
      track,
      scale
    ]);
  }

  // "8.4 倍（42/5）": the answer's display multiple and, beside it, the exact fraction.
  function multipleText(m, fraction) {
    const whole = /\/1$/.test(fraction);
    const value = (m.exact ? "" : msg("about")) + msg("times", { v: m.value });
    return whole ? value : value + (lang === "en" ? " (" + fraction + ")" : "（" + fraction + "）");
  }

  function recordsValue(v) { return typeof v === "number" ? intText(v) : String(v); }

  function renderChart(a, request) {
    const figure = $("#chart");
    figure.textContent = "";
    const rs = PARAMETERS[a.ruleset.id] || CURRENT;
    const q = a.quantity;
    const records = function (v) { return msg("unit_records", { v: recordsValue(v) }); };
    const money = function (v) { return msg("unit_money", { v: moneyText(v) }); };
    const times = function (v) { return msg("times", { v: /\/1$/.test(v) ? v.slice(0, -2) : v }); };
    const standards = a.grounds.map(function (g) { return { standard: g.standard, tier: g.tier }; })
      .concat((a.next_tier ? a.next_tier.options : []).map(function (o) { return { standard: o.standard, tier: null }; }))
      .filter(function (x) { return x.standard; });
    const itemOf = function (cat) { return rs.record_standard.find(function (s) { return s.categories.indexOf(cat) >= 0; }); };

    // The lines and the level of a quantity, from every standard of the answer it was (a
    // ground) or would be (a next-tier option) compared with; the item's own standard is the
    // serious line of its tenfold standard.
    function drawnFrom(match, unit, own) {
      const lines = {};
      let level = "below";
      standards.forEach(function (x) {
        const s = x.standard;
        if (!match(s)) { return; }
        lines[s.tenfold ? "line10" : "line1"] = s.value;
        if (s.tenfold && !s.halved && lines.line1 === undefined) { lines.line1 = s.base; }
        if (x.tier && rank(x.tier) > rank(level)) { level = x.tier; }
      });
      if (lines.line1 === undefined && own !== undefined) { lines.line1 = own; }
      return {
        level: level,
        lines: Object.keys(lines).sort().map(function (k) { return { kind: k, value: lines[k], text: unit(lines[k]) }; })
      };
    }

    Object.keys(q.by_category).forEach(function (cat) {
      const item = itemOf(cat);
      const d = drawnFrom(function (s) { return s.kind === "records" && !s.halved && s.item === item.provision; }, records, item.records);
      figure.appendChild(meter({
        key: "records:" + cat, label: msg("m_records", { category: categoryName(cat), cite: citeOf(item.provision) }),
        value: q.by_category[cat], valueText: records(q.by_category[cat]), lines: d.lines, level: d.level
      }));
    });
    Object.keys(q.insider_by_category || {}).forEach(function (cat) {
      const item = itemOf(cat);
      const d = drawnFrom(function (s) { return s.kind === "records" && s.halved && s.item === item.provision; }, records);
      if (!d.lines.length) { return; } // the answer compared this part with no standard
      figure.appendChild(meter({
        key: "insider:" + cat, label: msg("m_insider", { category: categoryName(cat), cite: citeOf(rs.insider_share.provision) }),
        value: q.insider_by_category[cat], valueText: records(q.insider_by_category[cat]), lines: d.lines, level: d.level
      }));
    });
    function sumMeter(key, label, value, multiple, lines, halved) {
      const d = drawnFrom(function (s) { return s.kind === "proportional_sum" && s.halved === halved; }, times);
      figure.appendChild(meter({
        key: key, label: label, value: value, valueText: multipleText(multiple, value), level: d.level,
        lines: [{ kind: "line1", value: lines[0], text: times(lines[0]) }, { kind: "line10", value: lines[1], text: times(lines[1]) }]
      }));
    }
    if (Object.keys(q.by_category).length) {
      sumMeter("sum", msg("m_sum", { cite: citeOf(rs.proportional_standard.provision) }), q.proportional_sum,
        q.proportional_sum_multiple, q.proportional_sum_standards, false);
    }
    if (Object.keys(q.insider_by_category || {}).length) {
      sumMeter("insider-sum", msg("m_insider_sum", { cite: citeOf(rs.insider_share.provision) }), q.insider_proportional_sum,
        q.insider_proportional_sum_multiple, q.insider_proportional_sum_standards, true);
    }
    const gainsItem = rs.gains_standard.provision;
    const gains = drawnFrom(function (s) { return s.kind === "yuan" && !s.halved && s.item === gainsItem; }, money, rs.gains_standard.amount_cny);
    figure.appendChild(meter({
      key: "gains", label: msg("m_gains", { cite: citeOf(gainsItem) }),
      value: request.illegal_gains_cny, valueText: money(request.illegal_gains_cny), lines: gains.lines, level: gains.level
    }));
    const duty = drawnFrom(function (s) { return s.kind === "yuan" && s.halved && s.item === gainsItem; }, money);
    if (duty.lines.length && (drawn(request.illegal_gains_from_duty_cny) > 0 || Object.keys(q.insider_by_category || {}).length)) {
      figure.appendChild(meter({
        key: "duty-gains", label: msg("m_duty_gains", { cite: citeOf(rs.insider_share.provision) }),
        value: request.illegal_gains_from_duty_cny, valueText: money(request.illegal_gains_from_duty_cny), lines: duty.lines, level: duty.level
      }));
    }
    if (request.business_purchase && !request.business_purchase.resold) {
      const profitItem = rs.business_profit_standard.provision;
      const profit = drawnFrom(function (s) { return s.kind === "yuan" && s.item === profitItem; }, money, rs.business_profit_standard.amount_cny);
      figure.appendChild(meter({
        key: "profit", label: msg("m_profit", { cite: citeOf(profitItem) }),
        value: request.business_purchase.profit_cny, valueText: money(request.business_purchase.profit_cny), lines: profit.lines, level: profit.level
      }));
      if (q.business_purchase_counted) {
        figure.appendChild(el("p", { className: "muted", text: msg("m_art6_rows", { n: intText(q.business_purchase_counted) }) }));
      }
    }
    figure.appendChild(el("figcaption", { text: msg("chart_lines") }));
  }

  function questionId(code) { return "question-" + code; }

  function renderNextTier(a) {
    const list = $("#next-tier");
    list.textContent = "";
    const lead = $("#next-tier-lead");
    if (!a.next_tier) {
      lead.textContent = msg("top_tier");
      return;
    }
    const tier = lang === "en" ? tierInWords(a.next_tier.tier) : tierName(a.next_tier.tier);
    lead.textContent = msg("next_lead", { tier: tier });
    a.next_tier.options.forEach(function (o) {
      const sentence = o.category !== undefined && o.category !== null
        ? msg("next_records", { n: intText(o.additional_records), category: categoryName(o.category), tier: tier })
        : msg("next_gains", { amount: moneyText(o.additional_gains_cny), tier: tier });
      const route = msg("route_" + o.basis);
      const item = el("li", { "data-provision": o.provision, "data-basis": o.basis, "data-contested": String(o.contested) }, [
        el("span", { className: "next-sentence", text: sentence }),
        el("span", { className: "muted", text: (lang === "en" ? " (" : "（") + answerCite(o) + (route ? (lang === "en" ? "; " : "，") + route : "") + (lang === "en" ? ")" : "）") })
      ]);
      if (o.contested) {
        const mark = el("a", { className: "contested", href: "#" + questionId(o.open_question || "contested"), "data-question": o.open_question || "", text: msg("contested") });
        item.appendChild(document.createTextNode(" "));
        item.appendChild(mark);
      }
      list.appendChild(item);
    });
  }

  function renderNotes(a) {
    const questions = $("#open-questions");
    questions.textContent = "";
    a.open_questions.forEach(function (q) {
      questions.appendChild(el("li", { id: questionId(q.code), "data-code": q.code }, [
        el("strong", { text: citeOf(q.provision) + (lang === "en" ? ": " : "：") }),
        el("span", { text: lang === "en" ? q.text_en : q.text })
      ]));
    });
    // A contested next-tier route rests on a question the answer raises only once the tier
    // rests on it: its entry says so, and the option's mark links here.
    const raised = {};
    a.open_questions.forEach(function (q) { raised[q.code] = true; });
    (a.next_tier ? a.next_tier.options : []).forEach(function (o) {
      const code = o.open_question || "contested";
      if (!o.contested || raised[code]) { return; }
      raised[code] = true;
      const tier = lang === "en" ? tierInWords(a.next_tier.tier) : tierName(a.next_tier.tier);
      questions.appendChild(el("li", { id: questionId(code), "data-code": code, className: "pending" }, [
        el("strong", { text: answerCite(o) + (lang === "en" ? ": " : "：") }),
        el("span", { text: msg("pending_question", { tier: tier, route: msg("route_" + o.basis), code: code }) })
      ]));
    });
    $("#questions-block").hidden = questions.children.length === 0;
    const warnings = $("#warnings");
    warnings.textContent = "";
    a.warnings.forEach(function (w) {
      warnings.appendChild(el("li", { "data-code": w.code, text: lang === "en" ? w.text_en : w.text }));
    });
    $("#warnings-block").hidden = a.warnings.length === 0;
  }

  function renderPenalty(a) {
    const p = a.penalty;
    const dl = $("#penalty");
    dl.textContent = "";
    function pair(term, text) {
      if (!text) { return; }
      dl.appendChild(el("dt", { text: term }));
      dl.appendChild(el("dd", { text: text }));
    }
    pair(msg("range"), lang === "en" ? p.range_en : p.range_zh);
    if (p.heavier_for_insider) {
      pair(msg("heavier"), msg("heavier_text", { cite: citeOf(p.heavier_for_insider_provision) }));
    }
    if (p.unit_offender) { pair(msg("unit_note"), lang === "en" ? p.unit_note_en : p.unit_note_zh); }
    pair(msg("fine_guide"), lang === "en" ? p.fine_guide.note_en : p.fine_guide.note_zh);
    pair(msg("provision_text"), p.text);
    const le = a.leniency;
    $("#leniency").textContent = lang === "en" ? le.note_en : le.note_zh;
  }

  function renderRows(a, request) {
    const table = $("#rows-table");
    table.textContent = "";
    const rows = a.quantity.rows || [];
    table.hidden = rows.length === 0;
    if (!rows.length) { return; }
    const head = el("tr", null, ["t_index", "t_label", "t_category", "t_count", "t_recipients", "t_counted", "t_provision", "t_path"].map(function (k) {
      return el("th", { text: msg(k) });
    }));
    table.appendChild(el("thead", null, [head]));
    const body = el("tbody");
    rows.forEach(function (r, i) {
      const label = r.label !== undefined ? r.label : (request.records[i] || {}).label;
      body.appendChild(el("tr", null, [
        el("td", { className: "num", text: String(i + 1) }),
        el("td", { className: "label", text: label || "" }),
        el("td", { text: categoryName(r.category) }),
        el("td", { className: "num", text: intText(r.count) }),
        el("td", { className: "num", text: intText(r.recipients) }),
        el("td", { className: "num", text: intText(r.counted) }),
        el("td", { text: citeOf(r.provision) }),
        el("td", { text: citeOf(r.path.replace(/^art/, "")) })
      ]));
    });
    table.appendChild(body);
  }

  function render() {
    if (!last) { return; }
    const a = last.assessment;
    const request = last.request;
    const box = $("#tier-box");
    box.className = "tier-box t-" + a.tier;
    $("#tier").textContent = lang === "en" ? tierName(a.tier) : a.tier_zh;
    $("#tier").setAttribute("data-tier", a.tier);
    $("#tier-sub").textContent = (lang === "en" ? a.tier_zh + " · " : "") + msg("tier_sub", { statute: citeOf(a.penalty.provision) });
    const c = a.classification;
    const cls = $("#classification");
    cls.hidden = !c.sensitive;
    cls.textContent = c.sensitive ? msg("sensitive", { lenient: tierName(c.lenient_tier), strict: tierName(c.strict_tier) }) : "";
    renderGrounds(a);
    renderChart(a, request);
    renderNextTier(a);
    renderNotes(a);
    renderPenalty(a);
    renderRows(a, request);
    $("#opinion").textContent = lang === "en" ? a.opinion_en : a.opinion_zh;
    $("#opinion").setAttribute("lang", lang === "en" ? "en" : "zh-CN");
    $("#copy-status").textContent = "";
    $("#meta").textContent = msg("meta", {
      id: a.ruleset.id, from: a.ruleset.effective_from, version: a.engine_version, digest: a.input_digest || ""
    });
    $("#result").hidden = false;
  }

  // ---------------------------------------------------------------------------
  // Copying the opinion

  $("#copy-opinion").addEventListener("click", function () {
    const text = $("#opinion").textContent;
    const status = $("#copy-status");
    function fallback() {
      const area = el("textarea", { readonly: "", "aria-hidden": "true", className: "offscreen" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      status.textContent = msg(ok ? "copied" : "copy_failed");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { status.textContent = msg("copied"); }, fallback);
    } else {
      fallback();
    }
  });

  // ---------------------------------------------------------------------------
  // Switching language

  const ZH = {};
  $all("[data-i18n]").forEach(function (n) { ZH[n.getAttribute("data-i18n")] = n.textContent; });

  function applyLang(root) {
    const scope = root || document;
    if (!root) {
      document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
      $all("[data-i18n]").forEach(function (n) {
        const key = n.getAttribute("data-i18n");
        n.textContent = withStandards(lang === "en" ? (EN[key] || ZH[key]) : ZH[key]) + citeAfter(n.getAttribute("data-cite"));
      });
      const sw = $("#lang-switch");
      sw.textContent = lang === "en" ? "中文" : "English";
      sw.setAttribute("lang", lang === "en" ? "zh-CN" : "en");
    }
    $all("[data-msg]", scope).forEach(function (n) {
      n.textContent = msg(n.getAttribute("data-msg"), { n: LIMITS.max_alternatives }) + citeAfter(n.getAttribute("data-cite"));
    });
    $all("[data-category]", scope).forEach(function (n) { n.textContent = categoryName(n.getAttribute("data-category")); });
    $all("optgroup[data-provision]", scope).forEach(function (g) {
      g.label = msg("group", { cite: citeOf(g.getAttribute("data-provision")), n: intText(g.getAttribute("data-records")) });
    });
    if (!root) {
      renumberRows();
      if (last && !$("#result").hidden) { render(); }
      showAgain();
    }
  }

  $("#lang-switch").addEventListener("click", function () {
    lang = lang === "en" ? "zh" : "en";
    try { window.localStorage.setItem("pi-page-lang", lang); } catch (e) { /* not kept */ }
    applyLang();
  });

  resetForm();
  applyLang();
  // For ledger.js: it fills the form's rows from a count (POST /v1/ledgers).
  window.piPage = { addRow: addRow, resetForm: resetForm };
  document.documentElement.setAttribute("data-ready", "true");
}());
