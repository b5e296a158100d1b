"""The one bilingual descriptions table of the ``/v1`` document: one line per model and field.

A key is a model's name (``"Ground"``), or a model's name and a field's (``"Ground.provision"``);
the value is the Chinese and the English text. The OpenAPI document takes every model's and
every field's description from here (``api.v1.schemas``), so a field added to a result needs
one line here, and a test fails when a documented field has no line or a line no field.
"""

from __future__ import annotations

__all__ = ["DESCRIPTIONS", "description"]

# fmt: off
DESCRIPTIONS: dict[str, tuple[str, str]] = {
    # AdministrativePenaltyWindow
    "AdministrativePenaltyWindow": ("行政处罚的计算期间（第五条第一款第九项，D17）。", "The window for a prior administrative penalty (5.1.9, D17)."),
    "AdministrativePenaltyWindow.edge_days": ("期间起点前后多少日内提出待决问题。", "Days around the window's start that raise an open question."),
    "AdministrativePenaltyWindow.provision": ("条文编号。", "Provision id."),
    "AdministrativePenaltyWindow.window_years": ("期间（年）。", "Window (years)."),
    # AmountStandard
    "AmountStandard": ("以金额表示的标准。", "A standard in yuan."),
    "AmountStandard.amount_cny": ("金额（元）。", "The amount (yuan)."),
    "AmountStandard.provision": ("条文编号。", "Provision id."),
    # Assessment
    "Assessment": ("一个案件的评估结果：档次、全部成立的依据及其理由。", "The whole answer for one case: the tier, every ground that holds, the counts, the\ndistance to the next tier, the consequences and what a court must still decide."),
    "Assessment.classification": ("类别争议下的档次（D5）。", "Tier under contested classification (D5)."),
    "Assessment.engine_version": ("计算器版本。", "The calculator's version."),
    "Assessment.grounds": ("全部成立的依据（不只第一项）。", "Every ground that holds, not only the first."),
    "Assessment.input_digest": ("经校验（含默认值）的请求的规范 JSON（键排序、紧凑分隔符、UTF-8）的 SHA-256，用于复现结果。", "sha256 of the canonical JSON of the validated request, defaults included (sorted keys, separators ',' and ':', UTF-8, non-ASCII unescaped), so a result can be reproduced."),
    "Assessment.leniency": ("第十条的适用条件。", "Art. 10 eligibility."),
    "Assessment.next_tier": ("到下一档次的距离；已为情节特别严重时为空。", "The distance to the next tier; null when already especially serious."),
    "Assessment.open_questions": ("法院仍须判断的问题。", "Points a court must still decide."),
    "Assessment.opinion_en": ("以英文写成的结论意见。", "The conclusion as a short reasoned opinion, in English."),
    "Assessment.opinion_zh": ("以中文写成的结论意见，逐项说明依据。", "The conclusion as a short reasoned opinion, in Chinese."),
    "Assessment.penalty": ("法定刑与罚金参考。", "Statutory range and fine guide."),
    "Assessment.provisions_applied": ("依据之外所适用的条文。", "Provisions applied beyond the grounds."),
    "Assessment.quantity": ("计数与按比例合计。", "Counts and proportional sums."),
    "Assessment.ruleset": ("所适用的参数集。", "The parameter set applied."),
    "Assessment.tier": ("结论档次。", "The tier reached."),
    "Assessment.tier_zh": ("档次的法定用语。", "The statute's term for the tier."),
    "Assessment.warnings": ("适用法律的提示。", "Warnings on how the law was applied."),
    # AssessmentRequest
    "AssessmentRequest": ("一个案件的事实：依法释〔2017〕10号判断是否达到情节严重或情节特别严重。\n字段之间须满足 illegal_gains_from_duty_cny ≤ illegal_gains_cny（履职部分不得超过违法所得总额）。", "The facts of one case, to be assessed under 法释〔2017〕10号 for 情节严重 or\n情节特别严重. Unknown fields are rejected; money is a decimal string, never a JSON\nnumber. Across fields: illegal_gains_from_duty_cny ≤ illegal_gains_cny."),
    "AssessmentRequest.business_purchase": ("为合法经营活动而购买、收受（第六条，D18 – D20）；为空表示不属于此种情形。", "Bought or received for a lawful business (Art. 6, D18 – D20); null when not."),
    "AssessmentRequest.circumstances": ("由调用方认定的情节（D15 – D17），默认全部为否。", "Findings the calculator cannot make itself (D15 – D17); all false by default."),
    "AssessmentRequest.conduct_date": ("行为日期（最后一次行为，YYYY-MM-DD），决定适用的法律（D22）及第五条第一款第九项的期间（D17）；不得早于 2009-02-28，不得晚于今天（北京时间）。为空时适用现行规定。", "When the conduct took place (last act, YYYY-MM-DD); selects the law in force (D22) and the 5.1.9 window (D17). Not before 2009-02-28, not after today (China Standard Time). Null: the rules in force today apply."),
    "AssessmentRequest.illegal_gains_cny": ("违法所得总额（元，十进制字符串，最多两位小数，D10）。须满足 illegal_gains_from_duty_cny ≤ illegal_gains_cny：履职部分不得超过总额。", "违法所得, illegal gains in total: yuan as a decimal string with at most 2 places (D10). Must hold: illegal_gains_from_duty_cny ≤ illegal_gains_cny (the duty part is part of this total)."),
    "AssessmentRequest.illegal_gains_from_duty_cny": ("违法所得中来自履职或提供服务过程中获得的信息的部分（D11）；不得超过总额：illegal_gains_from_duty_cny ≤ illegal_gains_cny，否则为 422（invalid-facts）。", "The part of the total that came from information obtained in duty or service (D11); must not exceed illegal_gains_cny: illegal_gains_from_duty_cny ≤ illegal_gains_cny, or the answer is a 422 (invalid-facts)."),
    "AssessmentRequest.leniency_facts": ("第十条所需事实（D25），默认全部未知。", "Art. 10 facts (D25); all unknown by default."),
    "AssessmentRequest.offender": ("自然人或单位（第七条，D26）。", "Natural person or unit (Art. 7, D26)."),
    "AssessmentRequest.records": ("非法获取、出售或者提供的信息，按行列出，最多 100 行。", "The information obtained, sold or provided, row by row; at most 100 rows."),
    # Basis
    "Basis": ("依据的来源：由计算得出，或依据调用方（法院）的认定（D15、D16）。", "Whether a ground was `computed` from the facts or rests on the caller's (a court's)\nfinding, `caller_finding` (D15, D16)."),
    # BatchAssessed
    "BatchAssessed": ("批量中成功评估的一项。", "One item of a batch that was assessed."),
    "BatchAssessed.assessment": ("评估结果。", "The assessment."),
    "BatchAssessed.index": ("该项在请求中的位置（从 0 开始）。", "Position of the item in the request (from 0)."),
    "BatchAssessed.status": ("200：已评估。", "200: assessed."),
    # BatchFailed
    "BatchFailed": ("批量中无法评估的一项及其问题说明，指针以 /items/<i> 开头。", "One item of a batch that could not be assessed, with its problem; pointers start with\n/items/<i>."),
    "BatchFailed.index": ("该项在请求中的位置（从 0 开始）。", "Position of the item in the request (from 0)."),
    "BatchFailed.problem": ("问题说明。", "The problem."),
    "BatchFailed.status": ("422：该项无效。", "422: the item is invalid."),
    # BatchRequest
    "BatchRequest": ("批量评估：1 至 1000 个案件，每个案件的格式与单件评估相同。", "Many cases in one call: 1 to 1000 items, each an `AssessmentRequest`. An item that is\nan object but not a valid request gets its own problem entry in the results; the other\nitems are still assessed."),
    "BatchRequest.items": ("待评估的案件，1 至 1000 个，每个为一个 AssessmentRequest 对象；格式错误的对象单独返回问题说明，其余照常评估。", "The cases to assess, 1 to 1000, each an AssessmentRequest object; an object that is not a valid request gets its own problem entry and the others are still assessed."),
    # BatchResponse
    "BatchResponse": ("批量结果：每个请求项恰好一项，顺序相同。", "Exactly one result per item, in the same order."),
    "BatchResponse.results": ("逐项结果。", "The results, one per item, in order."),
    # BusinessPurchase
    "BusinessPurchase": ("为合法经营活动而购买、收受信息（第六条，D18 – D20）；出现即表示属于此种情形。", "Present when the information was bought or received for a lawful business (Art. 6,\nD18 – D20)."),
    "BusinessPurchase.profit_cny": ("利用非法购买、收受的信息获利（元，十进制字符串，最多两位小数；第六条第一款第一项）。", "Profit from using the information bought or received, yuan as a decimal string with at most 2 places (6.1.1)."),
    "BusinessPurchase.resold": ("是否又将购买、收受的信息出售或者提供；是则全案适用第五条（第六条第二款，D19）。", "The information bought was sold or provided on; the whole case is then assessed under Art. 5 (6.2, D19)."),
    # Category
    "Category": ("记录所属类别，决定适用第五条第一款第三、四、五项的哪一数量标准（D4）。", "Which quantity standard of Art. 5 para 1 a record falls under (D4): 50 records for\n`whereabouts` 行踪轨迹信息, `communication_content` 通信内容, `credit` 征信信息,\n`property` 财产信息 (5.1.3); 500 for `accommodation` 住宿信息, `communication_records`\n通信记录, `health` 健康生理信息, `transaction` 交易信息, `other_safety`\n其他可能影响人身、财产安全的公民个人信息 (5.1.4); 5000 for `general` (5.1.5)."),
    # CategoryName
    "CategoryName": ("类别的法定名称。", "A category's name in the statute's words, with an English gloss."),
    "CategoryName.category": ("类别。", "The category."),
    "CategoryName.en": ("英文释义。", "English gloss."),
    "CategoryName.zh": ("法定名称。", "The statute's name."),
    # Circumstances
    "Circumstances": ("计算器无法自行认定、由调用方（法院）认定的情节（D15 – D17）。", "Findings the calculator cannot make itself; the caller (a court) asserts them\n(D15 – D17)."),
    "Circumstances.knowingly_supplied_criminal_user": ("知道或者应当知道他人利用公民个人信息实施犯罪，向其出售或者提供（第五条第一款第二项）。", "Sold or provided to someone known, or who should have been known, to use it for a crime (5.1.2)."),
    "Circumstances.major_loss_or_bad_social_impact": ("造成重大经济损失或者恶劣社会影响（第五条第二款第二项）。", "Caused major economic loss or a bad social impact (5.2.2)."),
    "Circumstances.other_especially_serious_circumstances": ("法院认定的其他情节特别严重的情形（第五条第二款第四项，D16）。", "A court's finding of other especially serious circumstances (5.2.4, D16)."),
    "Circumstances.other_serious_circumstances": ("法院认定的其他情节严重的情形（第五条第一款第十项，D16）。", "A court's finding of other serious circumstances (5.1.10, D16)."),
    "Circumstances.prior_administrative_penalty_date": ("因侵犯公民个人信息受行政处罚的决定日期（YYYY-MM-DD）；在行为日之前二年内的计入（第五条第一款第九项，D17）。填写此项必须同时填写 conduct_date。", "Decision date (YYYY-MM-DD) of a prior administrative penalty for infringing personal information; it counts within two years before the conduct date (5.1.9, D17). Requires conduct_date."),
    "Circumstances.prior_criminal_punishment": ("曾因侵犯公民个人信息受过刑事处罚，不受时间限制（第五条第一款第九项，D17）。", "A prior criminal punishment for infringing personal information, with no time limit (5.1.9, D17)."),
    "Circumstances.severe_consequences": ("造成被害人死亡、重伤、精神失常或者被绑架等严重后果（第五条第二款第一项）。", "Caused the victim's death, serious injury, mental disorder, kidnapping or similar severe consequences (5.2.1)."),
    "Circumstances.whereabouts_used_in_crime": ("出售或者提供行踪轨迹信息，被他人用于犯罪（第五条第一款第一项）。", "Whereabouts information sold or provided was used by others to commit a crime (5.1.1)."),
    # Classification
    "Classification": ("类别有争议时的档次：全部按最宽与最严的候选类别计算（D5）。", "The tier with every row in its most lenient and in its strictest candidate category\n(D5); `sensitive` when they differ."),
    "Classification.lenient_tier": ("从宽归类下的档次。", "Tier under the most lenient classification."),
    "Classification.sensitive": ("档次是否取决于类别的选择。", "Whether the tier depends on the choice of category."),
    "Classification.strict_tier": ("从严归类下的档次。", "Tier under the strictest classification."),
    # FineGuide
    "FineGuide": ("罚金参考（第十二条，D24）：一般为违法所得的一倍以上五倍以下。", "Fine guide (Art. 12, D24): normally one to five times the gains, both ends included."),
    "FineGuide.applies": ("是否有违法所得可据以计算。", "Whether there are gains to apply it to."),
    "FineGuide.max_cny": ("上限（元）。", "Upper end (yuan)."),
    "FineGuide.min_cny": ("下限（元）。", "Lower end (yuan)."),
    "FineGuide.note_en": ("英文说明。", "Note in English."),
    "FineGuide.note_zh": ("中文说明。", "Note in Chinese."),
    "FineGuide.provision": ("条文编号。", "Provision id."),
    "FineGuide.text": ("条文原文。", "Verbatim text."),
    # FineMultiples
    "FineMultiples": ("罚金参考倍数（第十二条，D24）。", "The fine guide's multiples of the gains (Art. 12, D24)."),
    "FineMultiples.max_multiple": ("上限倍数。", "Upper multiple."),
    "FineMultiples.min_multiple": ("下限倍数。", "Lower multiple."),
    "FineMultiples.provision": ("条文编号。", "Provision id."),
    # FractionStandard
    "FractionStandard": ("以分数表示的标准或比例。", "A standard or share written as an exact fraction."),
    "FractionStandard.provision": ("条文编号。", "Provision id."),
    "FractionStandard.value": ("数值（p/q）。", "The value (p/q)."),
    # GainsAddition
    "GainsAddition": ("单独增加的最少违法所得（非履职）即可达到下一档次。", "The least illegal gains (not from duty) that alone reach the next tier; ¥0.01 less\nwould not."),
    "GainsAddition.additional_gains_cny": ("最少增加金额（元）。", "The least amount to add (yuan)."),
    "GainsAddition.provision": ("将成立的依据。", "The ground that would then hold."),
    # Ground
    "Ground": ("成立的一项依据：条文编号、支持的档次、条文原文、来源与所用数字。", "One ground that holds: the provision, the tier it supports, the verbatim text, whether\nit was computed or rests on the caller's finding, and the numbers used."),
    "Ground.basis": ("计算得出或调用方认定。", "Computed, or the caller's finding."),
    "Ground.detail": ("所用数字：计数、标准、比例合计、金额等（分数写作 p/q，金额为字符串）。", "The numbers used: counted quantity, standard, sum, amounts (fractions as p/q, money as strings)."),
    "Ground.provision": ("条文编号（如 5.1.3、5.2.3、6.1.1）。", "Provision id (e.g. 5.1.3, 5.2.3, 6.1.1)."),
    "Ground.text": ("条文原文。", "The provision's verbatim text."),
    "Ground.tier": ("该依据支持的档次。", "The tier this ground supports."),
    # Leniency
    "Leniency": ("第十条（情节轻微、从宽）的适用条件是否具备（D25），从不作出决定。", "Art. 10 eligibility (D25), never a decision."),
    "Leniency.missing_facts": ("尚未查明的事实。", "The Art. 10 facts still unknown."),
    "Leniency.note_en": ("英文说明。", "Note in English."),
    "Leniency.note_zh": ("中文说明。", "Note in Chinese."),
    "Leniency.provision": ("条文编号。", "Provision id."),
    "Leniency.status": ("适用情况。", "Eligibility."),
    "Leniency.text": ("条文原文。", "Verbatim text."),
    # LeniencyFacts
    "LeniencyFacts": ("第十条所需事实；null 表示未知（D25）。", "The facts Art. 10 needs; null means unknown (D25)."),
    "LeniencyFacts.first_offender": ("是否初犯。", "First offence."),
    "LeniencyFacts.full_restitution": ("是否全部退赃。", "All illegal gains returned."),
    "LeniencyFacts.remorse": ("是否确有悔罪表现。", "Genuine remorse shown."),
    # LeniencyStatus
    "LeniencyStatus": ("第十条的适用情况（D25）：仅为是否符合条件，从不作出决定。", "Art. 10 eligibility (D25), never a decision: `eligible`, `not_eligible`,\n`facts_missing`, `excluded_especially_serious`, `no_offence`."),
    # NextTier
    "NextTier": ("下一档次，以及单独即可达到该档次的每一种最少增加量。", "The next tier and every single least addition that reaches it."),
    "NextTier.options": ("每一类别与违法所得各自的最少增加量。", "Each category's and the gains' least addition."),
    "NextTier.tier": ("下一档次。", "The next tier."),
    # Offender
    "Offender": ("行为人：自然人或单位（第七条，D26）。", "The offender: a natural person or a unit (单位, Art. 7, D26)."),
    # OpenQuestion
    "OpenQuestion": ("法院仍须判断的问题（D8、D9、D12、D17、D18、D20）。", "A point a court must still decide (D8, D9, D12, D17, D18, D20)."),
    "OpenQuestion.code": ("问题代码。", "Stable code of the question."),
    "OpenQuestion.provision": ("相关条文编号。", "The provision concerned."),
    "OpenQuestion.text": ("问题说明（中文）。", "The question in Chinese."),
    "OpenQuestion.text_en": ("问题说明（英文）。", "The question in English."),
    # Penalty
    "Penalty": ("该档次在行为时法律下的法定刑（D22、D23）、罚金参考（D24）、从重（D14）与单位说明（D26）。", "The statutory range for the tier and conduct date (D22, D23), the fine guide (D24),\nheavier punishment for insiders (D14) and the unit note (D26)."),
    "Penalty.criminal_detention_available": ("可否判处拘役。", "Whether criminal detention is available."),
    "Penalty.fine": ("罚金：plus_or_only 并处或者单处，plus 并处，none 不适用。", "Fine: plus_or_only (in addition or alone), plus (in addition), none."),
    "Penalty.fine_guide": ("罚金参考（第十二条）。", "Fine guide (Art. 12)."),
    "Penalty.heavier_for_insider": ("是否依刑法第二百五十三条之一第二款从重处罚（D14）。", "Whether CL253-1.2 requires heavier punishment within the range (D14)."),
    "Penalty.heavier_for_insider_provision": ("从重的条文编号。", "Provision requiring heavier punishment."),
    "Penalty.imprisonment_max_months": ("有期徒刑上限（月）。", "Maximum fixed-term imprisonment (months)."),
    "Penalty.imprisonment_min_months": ("有期徒刑下限（月）。", "Minimum fixed-term imprisonment (months)."),
    "Penalty.offence": ("依这些事实是否构成本罪。", "Whether these facts make an offence under CL253-1."),
    "Penalty.provision": ("条文编号。", "Provision id."),
    "Penalty.range_en": ("法定刑（英文）。", "Statutory range in English."),
    "Penalty.range_zh": ("法定刑（中文）。", "Statutory range in Chinese."),
    "Penalty.statute_version": ("适用的刑法文本（修正案七或九）。", "The text of CL253-1 applied (Amendment VII or IX)."),
    "Penalty.text": ("条文原文。", "Verbatim text."),
    "Penalty.unit_note_en": ("单位犯罪说明（英文）。", "Unit note in English."),
    "Penalty.unit_note_zh": ("单位犯罪说明（中文）。", "Unit note in Chinese."),
    "Penalty.unit_offender": ("是否为单位犯罪。", "Whether the offender is a unit."),
    # Provision
    "Provision": ("计算器引用的一条条文，原文照录。", "A provision the calculator cites, with its verbatim text."),
    "Provision.id": ("条文编号（见 LAW.md）。", "Provision id (as in LAW.md)."),
    "Provision.reason": ("不计算的理由。", "Why it is not computed."),
    "Provision.source": ("出处。", "The instrument it comes from."),
    "Provision.status": ("用途：rule 已计算；definition、other_offence、not_calculable 不计算（附理由）。", "How it is used: rule (applied), or definition / other_offence / not_calculable (not computed, with the reason)."),
    "Provision.text": ("条文原文。", "Verbatim text."),
    "Provision.title": ("条文名称。", "Title."),
    # ProvisionList
    "ProvisionList": ("计算器引用的全部条文。", "Every provision the calculator cites."),
    "ProvisionList.provisions": ("全部条文。", "The provisions."),
    # ProvisionRef
    "ProvisionRef": ("依据之外所适用的条文（计数、第六条第二款、刑法第九十九条等）。", "A provision applied beyond the grounds (counting, Art. 6 para 2, CL99 …)."),
    "ProvisionRef.provision": ("条文编号。", "Provision id."),
    "ProvisionRef.role": ("该条文的作用。", "What the provision did here."),
    "ProvisionRef.text": ("条文原文。", "Verbatim text."),
    # Quantity
    "Quantity": ("计数与按比例合计（D6、D7、D12、D18），分数以最简 p/q 表示。", "Counted quantities and the proportional sums (D6, D7, D12, D18); fractions are exact,\nwritten p/q in lowest terms."),
    "Quantity.business_purchase_counted": ("适用第六条的行的计入条数合计（D18）。", "Counted total of the rows on the Art. 6 path (D18)."),
    "Quantity.by_category": ("按类别合计的计入条数（适用第五条的行）。", "Counted totals by category (rows under Art. 5), keyed by category."),
    "Quantity.insider_by_category": ("履职中获得的信息按类别合计（D12）。", "Counted totals of the duty rows by category (D12)."),
    "Quantity.insider_proportional_sum": ("仅履职信息行的按比例合计，与 1/2 和 5 比较（D12、D13）。", "The same sum over the duty rows only, compared with 1/2 and 5 (D12, D13)."),
    "Quantity.insider_proportional_sum_standards": ("履职部分按比例合计的两个标准。", "The two standards for the insider proportional sum."),
    "Quantity.proportional_sum": ("Σ 计入条数 / T(c)（第五条的行），与 1 和 10 比较（第五条第一款第六项，D7、D8）。", "Σ counted/T(c) over the Art. 5 rows, compared with 1 and 10 (5.1.6, D7, D8)."),
    "Quantity.proportional_sum_standards": ("按比例合计的两个标准：情节严重、情节特别严重。", "The two standards for the proportional sum: serious, especially serious."),
    "Quantity.rows": ("每一输入行的计数。", "Per input row: the counted quantity."),
    # RecordRow
    "RecordRow": ("一行记录：同一类别的公民个人信息条数，已依第十一条第三款剔除查证不实或重复的信息（D3）。", "One row of records of one category, counted after Art. 11 para 3: records proven\nfalse or duplicated are already removed (D3)."),
    "RecordRow.alternative_categories": ("法院可能认定的其他类别，最多 3 个；结果同时报告从宽与从严归类下的档次（D5）。", "Other categories a court might choose, at most 3; the result reports the tier under the most lenient and the strictest choice (D5)."),
    "RecordRow.category": ("信息类别（D4）。", "Which standard the records fall under (D4)."),
    "RecordRow.count": ("条数：剔除查证不实或重复的信息之后的数量（第十一条第三款，D3），0 至 10^9。", "Records after removing proven duplicates and false records (11.3, D3); 0 to 10^9."),
    "RecordRow.label": ("调用方自己的名称（如证据编号），最多 200 字符；原样返回，从不记录到日志。", "The caller's own name for the row (e.g. an exhibit number), at most 200 characters; echoed back, never logged."),
    "RecordRow.obtained_in_duty": ("是否为在履行职责或者提供服务过程中获得、又出售或者提供的信息（第五条第一款第八项，D11）。", "Obtained in performing duties or providing services, then sold or provided (5.1.8, D11)."),
    "RecordRow.recipients": ("同一批信息出售或者提供给的不同对象数；计数为 count × max(1, recipients)（第十一条第一、二款，D21）。0 表示仅获取、未提供，0 至 10^4。", "Distinct recipients the same records went to; counted quantity = count × max(1, recipients) (11.1, 11.2, D21). 0 means obtained, not passed on; 0 to 10^4."),
    # RecordStandard
    "RecordStandard": ("第五条第一款第三至五项的一项数量标准。", "A record standard of 5.1.3 – 5.1.5."),
    "RecordStandard.categories": ("适用的类别。", "The categories it covers."),
    "RecordStandard.provision": ("条文编号。", "Provision id."),
    "RecordStandard.records": ("标准条数 T(c)。", "The standard T(c) in records."),
    # RecordsAddition
    "RecordsAddition": ("单独增加某一类别的最少条数即可达到下一档次（新增行：非履职，recipients 为 0）。", "The least number of records of one category that alone reaches the next tier (a new\nrow, not from duty, recipients 0); one record fewer would not."),
    "RecordsAddition.additional_records": ("最少增加条数。", "The least number of records to add."),
    "RecordsAddition.category": ("增加的类别。", "The category added."),
    "RecordsAddition.provision": ("将成立的依据。", "The ground that would then hold."),
    # RowCount
    "RowCount": ("一行输入的计数结果（第十一条，D21），与请求中的行一一对应、顺序相同。", "The counted quantity of one input row (Art. 11, D21), in the request's order."),
    "RowCount.category": ("适用的类别。", "The category applied."),
    "RowCount.count": ("输入的条数。", "The count as given."),
    "RowCount.counted": ("计入的条数：count × max(1, recipients)。", "Counted quantity: count × max(1, recipients)."),
    "RowCount.index": ("该行在请求中的位置（从 0 开始）。", "Position of the row in the request (from 0)."),
    "RowCount.label": ("调用方的行名称，原样返回。", "The caller's label for the row, echoed."),
    "RowCount.obtained_in_duty": ("请求中该行是否为履职中获得的信息（D11）。", "The row's obtained_in_duty, as given (D11)."),
    "RowCount.path": ("该行适用第五条还是第六条（D18）。", "Whether the row is assessed under Art. 5 or Art. 6 (D18)."),
    "RowCount.provision": ("适用的第十一条条款（11.1、11.2 或 11.3）。", "The Art. 11 provision applied (11.1, 11.2 or 11.3)."),
    "RowCount.recipients": ("输入的提供对象数。", "The recipients as given."),
    # Ruleset
    "Ruleset": ("一个参数集：施行日期及其数量、金额、倍数标准，每项注明条文。", "One parameter set with its effective date: thresholds, factors and amounts, each with\nthe provision that fixes it."),
    "Ruleset.business_profit_standard": ("第六条获利标准（D18）。", "Art. 6 profit standard (D18)."),
    "Ruleset.catch_all_hint": ("提示兜底条款的比例（D9）。", "Share that raises the catch-all question (D9)."),
    "Ruleset.effective_from": ("施行日期。", "Effective date."),
    "Ruleset.effective_from_provision": ("规定施行日期的条文。", "The provision fixing the date."),
    "Ruleset.fine_guide": ("罚金参考（D24）。", "Fine guide (D24)."),
    "Ruleset.gains_standard": ("违法所得标准（D10）。", "Illegal gains standard (D10)."),
    "Ruleset.id": ("参数集编号。", "Ruleset id."),
    "Ruleset.insider_share": ("履职信息的标准比例（D12）。", "Insider share of every standard (D12)."),
    "Ruleset.prior_administrative_penalty": ("行政处罚期间（D17）。", "Administrative penalty window (D17)."),
    "Ruleset.proportional_standard": ("按比例合计标准（D7）。", "Proportional sum standard (D7)."),
    "Ruleset.record_standards": ("数量标准（D4）。", "Record standards (D4)."),
    "Ruleset.tenfold": ("十倍标准（D8）。", "Ten times (D8)."),
    "Ruleset.title": ("名称。", "Title."),
    # RulesetList
    "RulesetList": ("全部参数集、刑法文本与类别名称。", "Every parameter set, every text of CL253-1, and the categories' names."),
    "RulesetList.categories": ("类别名称。", "Category names."),
    "RulesetList.rulesets": ("参数集，按施行日期排序。", "Parameter sets, oldest first."),
    "RulesetList.statutes": ("刑法文本，按施行日期排序。", "Statute texts, oldest first."),
    # RulesetRef
    "RulesetRef": ("所适用的参数集及其选择理由（D22）。", "The parameter set applied and why it was chosen (D22)."),
    "RulesetRef.effective_from": ("施行日期。", "Effective date."),
    "RulesetRef.id": ("参数集编号。", "Ruleset id."),
    "RulesetRef.selected_by": ("依行为日期选择，或因无行为日期而适用现行规定。", "Chosen by the conduct date, or the rules in force today for want of one."),
    # Statute
    "Statute": ("某日起施行的刑法第二百五十三条之一文本（D22、D23）。", "The text of CL253-1 in force from a date (D22, D23)."),
    "Statute.effective_from": ("施行日期。", "Effective date."),
    "Statute.especially_serious_fine": ("情节特别严重的罚金方式。", "Fine for especially serious."),
    "Statute.especially_serious_max_months": ("情节特别严重的刑期上限（月）。", "Maximum term for especially serious (months)."),
    "Statute.especially_serious_min_months": ("情节特别严重的刑期下限（月）。", "Minimum term for especially serious (months)."),
    "Statute.especially_serious_range": ("是否设有情节特别严重一档。", "Whether especially serious has its own range."),
    "Statute.especially_serious_range_en": ("情节特别严重的法定刑（英文）。", "Range for especially serious, in English."),
    "Statute.especially_serious_range_zh": ("情节特别严重的法定刑（中文）。", "Range for especially serious, in Chinese."),
    "Statute.id": ("文本编号。", "Statute version id."),
    "Statute.provision": ("条文编号。", "Provision id."),
    "Statute.serious_fine": ("情节严重的罚金方式。", "Fine for serious."),
    "Statute.serious_max_months": ("情节严重的刑期上限（月）。", "Maximum term for serious (months)."),
    "Statute.serious_range_en": ("情节严重的法定刑（英文）。", "Range for serious, in English."),
    "Statute.serious_range_zh": ("情节严重的法定刑（中文）。", "Range for serious, in Chinese."),
    "Statute.title": ("名称。", "Title."),
    # TenfoldStandard
    "TenfoldStandard": ("情节特别严重的倍数（第五条第二款第三项）。", "The multiple for 情节特别严重 (5.2.3)."),
    "TenfoldStandard.factor": ("倍数。", "The factor."),
    "TenfoldStandard.provision": ("条文编号。", "Provision id."),
    # Tier
    "Tier": ("结论档次：不构成情节严重、情节严重、情节特别严重。", "The outcome: `not_serious` 不构成情节严重, `serious` 情节严重, `especially_serious`\n情节特别严重."),
    # Warning
    "Warning": ("关于如何适用法律的提示（D18、D22 等）。", "Something the reader must know about how the law was applied (D18, D22 and similar)."),
    "Warning.code": ("提示代码。", "Stable code of the warning."),
    "Warning.text": ("提示（中文）。", "The warning in Chinese."),
    "Warning.text_en": ("提示（英文）。", "The warning in English."),
}
# fmt: on


def description(key: str) -> str:
    """The Chinese and the English text of ``key``, as the document shows them."""
    zh, en = DESCRIPTIONS[key]
    return f"{zh}\n\n{en}"
