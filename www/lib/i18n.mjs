// The words of the results view. The page speaks Vietnamese; the embeddable element can also show
// its own labels in English (`<kiem-so lang="en">`). The explanations of the checks come from the
// checking core and are always Vietnamese.

/** @typedef {'pass' | 'fail' | 'warn' | 'na'} Status */

/**
 * A count with its thousands grouped: `12.500` (Vietnamese), `12,500` (English).
 * @param {number} n
 * @param {string} sep
 */
const grouped = (n, sep) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

export const STRINGS = {
  vi: {
    status: /** @type {Record<Status, string>} */ ({
      fail: 'Lỗi',
      warn: 'Cảnh báo',
      pass: 'Đạt',
      na: 'Không tính được',
    }),
    countWord: /** @type {Record<Status, string>} */ ({
      fail: 'lỗi',
      warn: 'cảnh báo',
      pass: 'đạt',
      na: 'không tính được',
    }),
    kind: /** @type {Record<string, string>} */ ({
      ratio: 'Tỷ lệ',
      sum: 'Tổng các phần',
      part: 'Phần không vượt tổng',
      code: 'Mã trả lời',
      range: 'Giới hạn giá trị',
      count: 'Số đếm',
      parse: 'Đọc số liệu',
      narrative: 'Số liệu trong lời văn',
    }),
    columns: ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu', 'Ghi chú'],
    resultsTitle: 'Kết quả kiểm tra',
    verdictNone: 'Không tìm thấy bảng số liệu nào để kiểm tra.',
    verdictClean: 'Không có lỗi, không có cảnh báo.',
    verdictWarnOnly: (/** @type {number} */ w) => `Không có lỗi. Có ${w} cảnh báo cần xem lại.`,
    verdictDisagree: (/** @type {number} */ d, /** @type {number} */ w) =>
      `Các bảng không có lỗi tính toán, nhưng lời văn có ${d} chỗ không khớp với số liệu. Có ${w} cảnh báo cần xem lại.`,
    verdictFail: (/** @type {number} */ f, /** @type {number} */ w) =>
      w ? `Có ${f} lỗi cần sửa và ${w} cảnh báo cần xem lại.` : `Có ${f} lỗi cần sửa.`,
    meta: (/** @type {number} */ forms, /** @type {number} */ checks) =>
      `${forms} bảng · ${checks} phép kiểm tra`,
    problemsTitle: 'Cần xem lại',
    problemsMore: (/** @type {number} */ n) => `Xem thêm ${grouped(n, '.')} mục`,
    problemsRest: (/** @type {number} */ n) => `… và ${grouped(n, '.')} mục khác (xem tệp CSV).`,
    formName: (/** @type {string} */ id) => {
      const m = /^B(\d{2})$/.exec(id);
      return m ? `Biểu mẫu số ${m[1]}` : `Bảng ${id}`;
    },
    unknownForm: 'Bảng không có trong danh mục biểu mẫu: các quy tắc được suy ra từ cấu trúc bảng.',
    byIndicators: 'Nhận ra biểu mẫu qua tên các chỉ tiêu (không thấy dòng tiêu đề «Biểu mẫu số …»).',
    formMeta: (/** @type {number} */ rows, /** @type {number} */ line) => `${rows} dòng · bắt đầu ở dòng ${line} của dữ liệu`,
    formClean: 'Không có lỗi hay cảnh báo trong bảng này.',
    rowLabel: (/** @type {string} */ stt) => `Số liệu dòng ${stt}`,
    cellLabel: (/** @type {string} */ row, /** @type {string} */ column) => `${column} — ${row}`,
    edited: 'đã sửa',
    rowsNotShown: (/** @type {number} */ n) => `${grouped(n, '.')} dòng chưa hiện.`,
    showMoreRows: (/** @type {number} */ n) => `Hiện thêm ${grouped(n, '.')} dòng`,
    detailTitle: 'Chi tiết ô',
    detailEmpty: 'Chọn một ô số liệu trong bảng để xem các phép kiểm tra của ô đó.',
    detailNoChecks: 'Không có phép kiểm tra nào về ô này.',
    checksAbout: 'Kiểm tra về ô này',
    checksUsing: 'Ô này cũng được dùng để kiểm tra',
    goalTitle: 'Cần bao nhiêu để đạt …?',
    goalLabel: 'Giá trị cần đạt',
    goalAsk: 'Tính',
    goalBusy: 'Đang tính…',
    goalApply: 'Áp dụng thử',
    goalApplied: 'Đã áp dụng thử; bảng đang được kiểm tra lại.',
    formula: 'Phép tính',
    reported: 'Số ghi trong báo cáo',
    expected: 'Số đúng',
    imbalance: 'Chênh lệch',
    quote: 'Câu trong báo cáo',
    related: 'Các ô liên quan',
    inferred: 'Quy tắc suy ra từ cấu trúc bảng, không có trong danh mục.',
    original: (/** @type {string} */ v) => `Số gốc trong báo cáo: ${v || '(trống)'}`,
    suggestionTitle: 'Gợi ý sửa',
    apply: 'Áp dụng',
    applyLabel: (/** @type {string} */ v) => `Áp dụng: sửa ô này thành ${v} và kiểm tra lại`,
    valueOf: (/** @type {string} */ v, /** @type {string} */ unit) => `Số liệu: ${v || '(trống)'}${unit ? ` (${unit})` : ''}`,
    lineRef: (/** @type {number} */ n) => `dòng ${n} của dữ liệu`,
    otherChecks: 'Kiểm tra khác',
    filterEmpty: 'Không có dòng nào có lỗi hay cảnh báo.',
    goToCell: (/** @type {string} */ name) => `Đến ô ${name}`,
    // ——— the report's words (narrative checks) ———
    narrativeTitle: 'Lời văn của báo cáo',
    narrativeIntro: 'Các con số nêu trong phần lời văn được tính lại và đối chiếu với các bảng. Chọn một mục để xem ô liên quan trong bảng và câu đó trong nội dung nhập.',
    narrativeIntroFile: 'Các con số nêu trong phần lời văn được tính lại và đối chiếu với các bảng. Chọn một mục để xem ô liên quan trong bảng.',
    narrativeProblems: (/** @type {number} */ n) => `Chỗ lời văn chưa khớp (${n})`,
    narrativeNoProblem: 'Không thấy chỗ nào trong lời văn mâu thuẫn với số liệu.',
    narrativeAgree: (/** @type {number} */ n) => `${n} câu có số liệu khớp`,
    narrativeAgreeNa: (/** @type {number} */ n, /** @type {number} */ na) => `${n} câu có số liệu khớp, ${na} câu không tính được`,
    narrativeMeta: (/** @type {number} */ bad, /** @type {number} */ good) =>
      bad ? `Lời văn: ${bad} chỗ cần xem lại, ${good} câu có số liệu khớp` : `Lời văn: ${good} câu có số liệu khớp`,
    inText: 'Lời văn',
    textVsTable: 'Lời văn so với bảng',
    textArithmetic: 'Phép tính trong lời văn',
    comparedWith: 'so với',
    inSentence: 'phép tính trong câu',
    lineWord: 'dòng',
    paragraphWord: 'đoạn',
    toldTag: 'Lời văn nói khác',
    toldTitle: 'Lời văn nói khác',
    toldAgree: 'Lời văn nhắc đến ô này',
    textSays: 'Lời văn ghi',
    tableSays: 'Theo bảng',
    showLine: (/** @type {string} */ place) => `Chọn ${place} trong nội dung nhập`,
    showFinding: 'Xem ở phần «Lời văn của báo cáo»',
    metaNarrative: (/** @type {number} */ forms, /** @type {number} */ checks, /** @type {number} */ words) =>
      `${forms} bảng · ${checks} phép kiểm tra trên bảng · ${words} phép kiểm tra trong lời văn`,
    // ——— phone, projector, catalogue targets, scenarios (issue 18) ———
    foldTable: (/** @type {number} */ n) => `Bảng số liệu (${grouped(n, '.')} dòng)`,
    sheetClose: 'Đóng',
    sheetCloseLabel: 'Đóng chi tiết ô (hoặc vuốt xuống, hoặc nhấn Esc)',
    sheetEdit: 'Sửa',
    sheetEditLabel: (/** @type {string} */ cell) => `Sửa số liệu ô ${cell} để thử`,
    targetShort: (/** @type {string} */ gap, /** @type {string} */ target) => `còn thiếu ${gap} để đạt ${target}`,
    targetOver: (/** @type {string} */ gap, /** @type {string} */ target) => `còn vượt ${gap} so với ${target}`,
    percentPoints: ' điểm %',
    targetTitle: 'Ngưỡng trong danh mục',
    targetApply: 'Áp dụng thử để đạt ngưỡng',
    hintTouch: 'Chạm giữ để sao chép bảng số liệu trong Word, Excel hay tin nhắn, rồi chạm giữ vào ô bên dưới và chọn «Dán»; hoặc bấm «Mở tệp». Chạm vào một số liệu để xem các phép kiểm tra của nó.',
    hintShare: ' Gửi kết quả qua nút «Chia sẻ».',
    foldFindings: (/** @type {number} */ n) => `Xem ${n} câu`,
    emptyTouch: 'Chưa có gì để kiểm tra. Chạm giữ vào ô nhập và chọn «Dán», mở tệp, hoặc bấm «Dùng báo cáo mẫu» để xem thử.',
    editHintTouch: 'Mẹo: chạm vào một số liệu để xem các phép kiểm tra; bấm «Sửa» trong khung chi tiết để thử số khác (báo cáo gốc không thay đổi).',
    share: 'Chia sẻ',
    shared: 'Đã mở khung chia sẻ của máy.',
    projector: 'Trình chiếu',
    projectorLabel: 'Trình chiếu kết quả (mỗi lần một vấn đề; phím ← → để chuyển, Esc để thoát)',
    projectorTitle: 'Trình chiếu kết quả kiểm tra',
    projectorPrev: 'Trước',
    projectorNext: 'Tiếp',
    projectorExit: 'Thoát',
    projectorOf: (/** @type {number} */ i, /** @type {number} */ n) => `${i} / ${n}`,
    projectorProblem: (/** @type {number} */ i, /** @type {number} */ n) => `Vấn đề ${i} trên ${n}`,
    projectorNone: 'Không có vấn đề nào cần xem lại.',
    projectorHelp: 'Phím → hoặc Space: tiếp · ←: trước · Esc: thoát',
    projectorMore: (/** @type {number} */ n) => `… và ${n} vấn đề khác (mỗi vấn đề có một trang riêng ở trên).`,
    scenarioSave: 'Lưu thành kịch bản',
    scenarioName: (/** @type {number} */ i) => `Kịch bản ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) + 1 : ''}`,
    scenarioSaved: (/** @type {string} */ name, /** @type {number} */ n) => `Đã lưu ${n} số liệu sửa thành «${name}».`,
    scenariosTitle: 'Kịch bản đã lưu',
    scenarioCompare: 'So sánh với báo cáo',
    scenarioUse: 'Thử lại kịch bản này',
    scenarioDelete: 'Xoá',
    scenarioEdits: (/** @type {number} */ n) => `${n} số liệu sửa`,
    scenarioReport: 'Báo cáo',
    scenarioChanged: 'Số liệu thay đổi',
    scenarioStatusChanged: 'Phép kiểm tra đổi kết quả',
    scenarioNoStatusChange: 'Không phép kiểm tra nào đổi kết quả.',
    scenarioCell: 'Ô',
    scenarioCheck: 'Phép kiểm tra',
    scenarioSummary: 'Tổng hợp',
    scenarioPrint: 'In so sánh (một trang)',
    scenarioClose: 'Đóng so sánh',
    scenarioBusy: 'Đang tính so sánh…',
    scenarioHeading: (/** @type {string} */ name) => `So sánh: Báo cáo và ${name}`,
  },
  en: {
    status: /** @type {Record<Status, string>} */ ({ fail: 'Error', warn: 'Warning', pass: 'Pass', na: 'Not computable' }),
    countWord: /** @type {Record<Status, string>} */ ({ fail: 'errors', warn: 'warnings', pass: 'passed', na: 'not computable' }),
    kind: /** @type {Record<string, string>} */ ({
      ratio: 'Ratio', sum: 'Sum of parts', part: 'Part within whole', code: 'Coded answer',
      range: 'Value range', count: 'Count', parse: 'Reading the figure', narrative: 'Figure in the text',
    }),
    columns: ['No.', 'Indicator', 'Unit', 'Figure', 'Note'],
    resultsTitle: 'Results',
    verdictNone: 'No statistical table was found to check.',
    verdictClean: 'No errors, no warnings.',
    verdictWarnOnly: (/** @type {number} */ w) => `No errors. ${w} warning(s) to review.`,
    verdictDisagree: (/** @type {number} */ d, /** @type {number} */ w) =>
      `No arithmetic errors in the tables, but the text disagrees with the figures in ${d} place(s). ${w} warning(s) to review.`,
    verdictFail: (/** @type {number} */ f, /** @type {number} */ w) =>
      w ? `${f} error(s) to fix and ${w} warning(s) to review.` : `${f} error(s) to fix.`,
    meta: (/** @type {number} */ forms, /** @type {number} */ checks) => `${forms} tables · ${checks} checks`,
    problemsTitle: 'To review',
    problemsMore: (/** @type {number} */ n) => `Show ${grouped(n, ',')} more`,
    problemsRest: (/** @type {number} */ n) => `… and ${grouped(n, ',')} more (see the CSV file).`,
    formName: (/** @type {string} */ id) => {
      const m = /^B(\d{2})$/.exec(id);
      return m ? `Form ${m[1]}` : `Table ${id}`;
    },
    unknownForm: 'Not a form of the catalogue: the rules are inferred from the table.',
    byIndicators: 'Form recognised by its indicators (no “Biểu mẫu số …” title found).',
    formMeta: (/** @type {number} */ rows, /** @type {number} */ line) => `${rows} rows · starts at line ${line} of the input`,
    formClean: 'No errors or warnings in this table.',
    rowLabel: (/** @type {string} */ stt) => `Figure of row ${stt}`,
    cellLabel: (/** @type {string} */ row, /** @type {string} */ column) => `${column} — ${row}`,
    edited: 'edited',
    rowsNotShown: (/** @type {number} */ n) => `${grouped(n, ',')} rows not shown.`,
    showMoreRows: (/** @type {number} */ n) => `Show ${grouped(n, ',')} more rows`,
    detailTitle: 'Cell details',
    detailEmpty: 'Select a figure in a table to see its checks.',
    detailNoChecks: 'No check is about this cell.',
    checksAbout: 'Checks about this cell',
    checksUsing: 'This cell is also used by',
    goalTitle: 'What would it take to reach …?',
    goalLabel: 'Target value',
    goalAsk: 'Compute',
    goalBusy: 'Computing…',
    goalApply: 'Try it',
    goalApplied: 'Applied as a what-if; the tables are being checked again.',
    formula: 'Computation',
    reported: 'Printed',
    expected: 'Expected',
    imbalance: 'Difference',
    quote: 'Sentence in the report',
    related: 'Related cells',
    inferred: 'Rule inferred from the table, not from the catalogue.',
    original: (/** @type {string} */ v) => `Original figure: ${v || '(empty)'}`,
    suggestionTitle: 'Suggested fix',
    apply: 'Apply',
    applyLabel: (/** @type {string} */ v) => `Apply: set this cell to ${v} and check again`,
    valueOf: (/** @type {string} */ v, /** @type {string} */ unit) => `Figure: ${v || '(empty)'}${unit ? ` (${unit})` : ''}`,
    lineRef: (/** @type {number} */ n) => `line ${n} of the input`,
    otherChecks: 'Other checks',
    filterEmpty: 'No row has an error or a warning.',
    goToCell: (/** @type {string} */ name) => `Go to cell ${name}`,
    narrativeMeta: (/** @type {number} */ bad, /** @type {number} */ good) =>
      bad ? `Text: ${bad} to review, ${good} agree` : `Text: ${good} sentence(s) whose figures agree`,
    inText: 'Text',
    comparedWith: 'against',
    lineWord: 'line',
    paragraphWord: 'paragraph',
    toldTag: 'The text differs',
    toldTitle: 'The text differs',
    toldAgree: 'The text mentions this cell',
    textSays: 'The text says',
    tableSays: 'The table gives',
    showLine: (/** @type {string} */ place) => `Select ${place} in the input`,
    foldTable: (/** @type {number} */ n) => `Table (${grouped(n, ',')} rows)`,
    foldFindings: (/** @type {number} */ n) => `Show ${n} sentence(s)`,
    sheetClose: 'Close',
    sheetCloseLabel: 'Close the cell details (or swipe down, or press Esc)',
    sheetEdit: 'Edit',
    sheetEditLabel: (/** @type {string} */ cell) => `Edit the figure of ${cell} as a what-if`,
    targetShort: (/** @type {string} */ gap, /** @type {string} */ target) => `${gap} short of ${target}`,
    targetOver: (/** @type {string} */ gap, /** @type {string} */ target) => `${gap} over ${target}`,
    percentPoints: ' percentage points',
    targetTitle: 'Threshold of the catalogue',
    targetApply: 'Try the change that reaches it',
    metaNarrative: (/** @type {number} */ forms, /** @type {number} */ checks, /** @type {number} */ words) =>
      `${forms} tables · ${checks} table checks · ${words} checks of the text`,
  },
};

/** @typedef {typeof STRINGS.vi} Strings */

/**
 * The strings for a language tag (`vi`, `en`, `en-GB`…); Vietnamese by default. English has the
 * labels the element shows; any other (the page's own sections) falls back to Vietnamese.
 * @param {string | null | undefined} lang
 * @returns {Strings}
 */
export function stringsFor(lang) {
  return lang && lang.toLowerCase().startsWith('en') ? { ...STRINGS.vi, ...STRINGS.en } : STRINGS.vi;
}

// The inbox's words (many reports at once) are in i18n-inbox.mjs, loaded with the inbox: not with
// every page (the first-load budget, docs/benchmarks.md).
