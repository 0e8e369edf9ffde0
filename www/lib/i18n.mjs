// Every word of the user interface, in Vietnamese (here) and in English (i18n-en.mjs, loaded
// only when asked for): the page (`?lang=en`, or
// `<html lang="en">`), the results view and the embeddable element (`<kiem-so lang="en">`). The
// explanations of the checks come from the checking core and are always Vietnamese: they are the
// report's content, like its indicators' names.

/** @typedef {'pass' | 'fail' | 'warn' | 'na'} Status */

/**
 * A count with its thousands grouped: `12.500` (Vietnamese), `12,500` (English).
 * @param {number} n
 * @param {string} sep
 */
export const grouped = (n, sep) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

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
    // ——— the likely culprit, advice, what an edit changes (issue 12) ———
    verdictAdviceOnly: (/** @type {number} */ a) => `Không có lỗi; số liệu và lời văn khớp nhau. Có ${a} lưu ý về cách ghi số.`,
    verdictCulprits: (/** @type {string[]} */ cells) => cells.length === 1
      ? `Nhiều khả năng chỉ do ô ${cells[0]} bị gõ nhầm.`
      : `Nhiều khả năng do ${cells.length} ô bị gõ nhầm: ${cells.join(', ')}.`,
    verdictCulpritsTied: (/** @type {string[]} */ cells) => `Có thể ô ${cells.slice(0, -1).join(', ')} hoặc ${cells[cells.length - 1]} bị gõ nhầm.`,
    culpritStatus: 'Nghi gõ nhầm',
    suspectTag: (/** @type {string} */ v) => `Nghi gõ nhầm, có lẽ là ${v}`,
    culpritTie: 'Có cách giải thích khác cho cùng các kiểm tra này (mục bên cạnh); lời giải thích nói điều gì đã quyết định.',
    culpritChecks: (/** @type {number} */ n) => `${n} kiểm tra khác cùng do ô này`,
    adviceTitle: (/** @type {number} */ n) => `Lưu ý (${n}): không phải lỗi, nên xem cách ghi`,
    adviceOnlyTitle: 'Không có lỗi cần sửa',
    dependsOn: 'Khi sửa ô này',
    dependsRatio: (/** @type {string} */ stt, /** @type {string} */ v) => `→ tỷ lệ ${stt}: ${v}%`,
    dependsSum: (/** @type {string} */ stt, /** @type {string} */ v) => `→ tổng ${stt}: ${v}`,
    dependsAgree: 'khớp số ghi',
    dependsPrinted: (/** @type {string} */ v) => `bảng ghi ${v}`,
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
    // ——— the page (index.html and page.mjs); `[Ctrl]` is shown as a key ———
    locale: 'vi-VN',
    pageTitle: 'Kiểm số — kiểm tra số liệu báo cáo cải cách hành chính',
    skipLink: 'Chuyển đến kết quả kiểm tra',
    tagline: 'Kiểm tra số liệu các biểu mẫu báo cáo cải cách hành chính. Chạy ngay trên máy này: số liệu không được gửi đi đâu.',
    inputProblemsTitle: 'Có vấn đề với dữ liệu nhập',
    inputNoticeTitle: 'Lưu ý về dữ liệu nhập',
    inputTitle: 'Dữ liệu cần kiểm tra',
    hintDesk: 'Chọn bảng số liệu (hoặc cả báo cáo) trong Word hay Excel, sao chép ([Ctrl]+[C]), rồi nhấn [Ctrl]+[V] ở bất kỳ chỗ nào trên trang này. Kết quả hiện ngay bên dưới.',
    openFile: 'Mở tệp Word, Excel, CSV…',
    openFolder: 'Mở cả thư mục báo cáo…',
    annotatedFile: (/** @type {string} */ ext) => `Tải tệp gốc có đánh dấu (.${ext})`,
    useExample: 'Dùng báo cáo mẫu',
    eraseAll: 'Xoá dữ liệu đã nhập trên máy này',
    removeFile: 'Bỏ tệp này',
    removeContent: 'Bỏ nội dung này',
    inputLabel: 'Nội dung báo cáo hoặc bảng (có thể gõ, sửa trực tiếp)',
    inputPlaceholder: 'Dán bảng số liệu hoặc toàn bộ báo cáo vào đây…',
    undo: 'Hoàn tác',
    keepThisTab: 'Lưu nội dung của thẻ này',
    takeChanged: 'Dùng nội dung của thẻ kia',
    takeErased: 'Để trống như thẻ kia',
    storageSaved: 'Nội dung bạn nhập và các số liệu thử sửa được lưu ngay trên máy này (không gửi đi đâu) để không mất khi tải lại trang.',
    storageFileUrl: 'Trang đang mở từ một tệp trên máy (file://) nên không lưu nội dung bạn nhập: mọi trang mở từ ổ đĩa của máy này đều đọc được bộ nhớ đó. Đóng hoặc tải lại trang là mất nội dung đang kiểm tra (tệp báo cáo gốc không bị ảnh hưởng).',
    storageConflict: 'Nội dung của thẻ này chưa được lưu: một thẻ khác của Kiểm số vừa lưu nội dung khác trên máy này. Hãy chọn ở khung phía trên.',
    storageFailed: 'Không lưu được trên máy này (bộ nhớ của trình duyệt bị tắt hoặc đã đầy): nội dung sẽ mất khi tải lại trang.',
    storageTooBig: 'Tệp quá lớn để lưu trên máy: sau khi tải lại trang, hãy mở lại tệp. Các số liệu thử sửa vẫn được lưu.',
    catalogueTitle: 'Bộ quy tắc kiểm tra',
    catalogueDownload: 'Tải bộ quy tắc có sẵn (JSON)',
    catalogueOther: 'Dùng bộ quy tắc khác…',
    catalogueReset: 'Trở về bộ có sẵn',
    catalogueFromFile: (/** @type {string} */ name) => `Đang dùng bộ quy tắc từ tệp «${name}».`,
    catalogueBuiltin: 'Đang dùng bộ quy tắc có sẵn: 7 biểu mẫu báo cáo cải cách hành chính của Bộ Nội vụ. Khi Bộ thay đổi biểu mẫu, có thể dùng tệp quy tắc mới mà không cần cập nhật Kiểm số.',
    emptyDesk: 'Chưa có gì để kiểm tra. Dán bảng số liệu ([Ctrl]+[V]), mở tệp, hoặc bấm «Dùng báo cáo mẫu» để xem thử.',
    staleNote: 'Kết quả bên dưới là của lần kiểm tra trước, chưa ứng với nội dung hiện tại.',
    onlyProblems: 'Chỉ hiện dòng có lỗi hoặc cảnh báo (kèm các dòng dùng để tính)',
    exportGroup: 'Xuất kết quả',
    print: 'In hoặc lưu PDF',
    copySummary: 'Chép tóm tắt',
    docx: 'Phiếu rà soát (.docx)',
    xlsx: 'Bảng có đánh dấu (.xlsx)',
    csv: 'Tải CSV',
    csvAll: 'CSV mọi kiểm tra',
    json: 'Tải JSON',
    editsHelp: 'Sửa trực tiếp ô «Số liệu» trong bảng để thử; báo cáo gốc không thay đổi.',
    resetEdits: 'Bỏ mọi sửa đổi',
    editHintDesk: 'Mẹo: có thể sửa trực tiếp các ô «Số liệu» để thử (ví dụ trong cuộc họp); mọi phép kiểm tra chạy lại ngay. [Esc] trả lại số gốc.',
    footer: 'Kiểm số chạy hoàn toàn trong trình duyệt, kể cả khi không có mạng. Không có dữ liệu nào được gửi ra khỏi máy.',
    offlineLink: 'Tải bản dùng không cần mạng',
    offlineText: ': một tệp HTML duy nhất, chép vào USB hay gửi cho người khác, mở bằng trình duyệt là dùng được, không cần cài đặt hay kết nối mạng.',
    copyTitle: 'Tóm tắt kết quả',
    copyHelp: 'Trình duyệt không cho chép tự động. Nội dung đã được chọn sẵn: nhấn [Ctrl]+[C] để chép.',
    close: 'Đóng',
    dropHere: 'Thả tệp vào đây để kiểm tra',
    downloadingModule: 'Đang tải phần đọc tệp Word/Excel và kiểm tra lời văn (chỉ cần tải một lần; mạng chậm có thể mất một lúc)…',
    crashed: 'Bộ kiểm tra gặp sự cố với dữ liệu này (lỗi của chương trình, không phải của bạn) và đã được khởi động lại. Hãy thử sửa hoặc dán lại dữ liệu; nếu vẫn lỗi, xin báo cho người phụ trách Kiểm số.',
    timedOut: 'Việc kiểm tra chạy quá lâu nên đã được dừng; bộ kiểm tra đã khởi động lại. Dữ liệu có thể quá lớn: hãy thử kiểm tra từng phần.',
    engineFailed: (/** @type {string} */ why, /** @type {string} */ detail) => `Không chạy được bộ kiểm tra trên trình duyệt này. ${why}${detail ? ` (${detail})` : ''}`,
    checking: 'Đang kiểm tra…',
    sourceFile: (/** @type {string} */ name) => `tệp ${name}`,
    sourcePasted: (/** @type {number} */ lines) => `văn bản dán vào (${lines} dòng)`,
    pastedText: 'văn bản dán vào',
    counted: (/** @type {number} */ fail, /** @type {number} */ warn, /** @type {number} */ pass, /** @type {number} */ na) =>
      `${fail} lỗi, ${warn} cảnh báo, ${pass} đạt, ${na} không tính được`,
    checkedPending: (/** @type {number} */ forms, /** @type {string} */ counted) =>
      `${forms ? `Đã kiểm tra ${forms} bảng: ${counted}` : 'Không tìm thấy bảng số liệu nào'}; đang tải phần kiểm tra lời văn (chỉ cần tải một lần)…`,
    checked: (/** @type {number} */ forms, /** @type {boolean} */ words, /** @type {string} */ counted) =>
      `Đã kiểm tra ${forms} bảng${words ? ' và phần lời văn' : ''}: ${counted}.`,
    checkedTextOnly: (/** @type {string} */ counted) => `Không tìm thấy bảng số liệu nào; đã kiểm tra phần lời văn: ${counted}.`,
    noTableFound: 'Không tìm thấy bảng số liệu nào trong nội dung này.',
    notChecked: 'Chưa kiểm tra được: xem thông báo ở đầu trang.',
    unsupportedFile: (/** @type {string} */ ext, /** @type {string} */ name) =>
      `Phiên bản Kiểm số này chưa đọc được tệp ${ext || 'này'} (${name}). Trong khi chờ: mở tệp bằng Word hoặc Excel, chọn bảng số liệu, nhấn Ctrl+C rồi dán vào trang này (Ctrl+V).`,
    linePrefix: (/** @type {number} */ line) => `Dòng ${line}: `,
    errorPrefix: 'Lỗi: ',
    conflictErased: 'Dữ liệu đã lưu trên máy này vừa được xoá ở một thẻ (tab) khác của Kiểm số. Thẻ này tạm ngừng tự lưu để không ghi lại điều đã xoá.',
    conflictChanged: 'Một thẻ (tab) khác của Kiểm số vừa lưu nội dung khác trên máy này. Thẻ này tạm ngừng tự lưu để không ghi đè lên nội dung đó.',
    keptThisTab: 'Đã lưu nội dung của thẻ này trên máy.',
    tookOtherTab: 'Đã dùng nội dung đã lưu từ thẻ khác.',
    restored: 'Đã khôi phục nội dung trước đó.',
    replacedByPaste: 'Đã thay nội dung bằng dữ liệu vừa dán.',
    pastedTable: 'Đã dán bảng từ Word/Excel.',
    pasted: 'Đã dán nội dung.',
    fileTooBig: (/** @type {string} */ name, /** @type {string} */ size, /** @type {string} */ limit) => `Tệp ${name} quá lớn (${size}; giới hạn ${limit}).`,
    fileUnreadable: (/** @type {string} */ name) => `Không đọc được tệp ${name}.`,
    replacedByFile: (/** @type {string} */ name) => `Đã thay nội dung bằng tệp ${name}.`,
    switchedToFile: (/** @type {string} */ name) => `Đã chuyển sang kiểm tra tệp ${name}.`,
    chipFile: 'Đang kiểm tra tệp ',
    chipFileRest: (/** @type {string} */ size) => ` (${size}). Gõ hoặc dán vào ô bên dưới để kiểm tra văn bản thay cho tệp.`,
    chipLong: 'Đang kiểm tra nội dung đã dán ',
    chipLongSize: (/** @type {string} */ lines, /** @type {string} */ size) => `(${lines} dòng, ${size})`,
    chipLongRest: ': quá dài để hiện trong ô nhập mà không làm treo trình duyệt, nên chỉ hiện kết quả. Gõ hoặc dán vào ô bên dưới để kiểm tra văn bản khác thay cho nội dung này.',
    removedFile: 'Đã bỏ tệp.',
    removedPaste: 'Đã bỏ nội dung đã dán.',
    openingExample: 'Đang mở báo cáo mẫu…',
    replacedByExample: 'Đã thay nội dung bằng báo cáo mẫu.',
    openedExample: 'Đã mở báo cáo mẫu (Khánh Hòa, quý III/2024).',
    exampleFailed: 'Không mở được báo cáo mẫu.',
    erasedUndo: 'Đã xoá nội dung và các số liệu thử sửa khỏi máy này.',
    erased: 'Đã xoá dữ liệu đã nhập khỏi máy này.',
    targetTextOnly: 'Chỉ tính được với số liệu dán hoặc gõ vào ô văn bản, chưa tính được trên tệp đã mở.',
    superseded: 'Yêu cầu đã bị thay bằng yêu cầu mới hơn.',
    nothingToCompare: 'Chưa có dữ liệu để so sánh.',
    editsCount: (/** @type {number} */ n) => `Đang thử với ${n} số liệu đã sửa.`,
    editsReset: 'Đã bỏ mọi sửa đổi, trở về số liệu gốc.',
    copied: 'Đã chép tóm tắt. Dán (Ctrl+V) vào tin nhắn hoặc thư.',
    csvMade: 'Đã tạo tệp CSV kết quả.',
    jsonMade: 'Đã tạo tệp JSON kết quả.',
    makingFile: 'Đang tạo tệp…',
    docxMade: 'Đã tạo Phiếu rà soát số liệu (.docx).',
    xlsxMade: 'Đã tạo bảng số liệu có đánh dấu (.xlsx).',
    exportFailed: (/** @type {string} */ why) => `Không tạo được tệp: ${why}`,
    annotating: 'Đang đánh dấu tệp gốc…',
    annotateOnlyFiles: 'Chỉ đánh dấu được tệp Excel (.xlsx) hoặc Word (.docx) đã mở.',
    noAnnotateWriter: 'Bản Kiểm số này chưa có phần đánh dấu tệp gốc.',
    annotated: (/** @type {string} */ name, /** @type {number} */ cells, /** @type {number} */ paragraphs, /** @type {number} */ unplaced) =>
      `Đã tạo bản sao của ${name}: ${cells} ô được tô màu và ghi chú${paragraphs ? `, ${paragraphs} đoạn lời văn có ghi chú` : ''}.`
      + (unplaced ? ` ${unplaced} vấn đề không gắn được vào ô nào của tệp: xem Phiếu rà soát (.docx).` : ''),
    openedFromInbox: (/** @type {string} */ name) => `Đã mở ${name} từ hộp báo cáo.`,
    severalReports: (/** @type {string[]} */ forms) => `Văn bản dán vào có vẻ gồm nhiều báo cáo: ${forms.length > 1 ? 'các bảng' : 'bảng'} ${forms.join(', ')} xuất hiện nhiều lần, nên các ô trùng mã và chỉ bảng đầu được dùng cho quy tắc liên biểu.`,
    splitReports: 'Tách thành từng báo cáo trong hộp báo cáo',
    pastedFileName: 'van-ban-dan-vao.txt',
    noWriter: 'không có bộ ghi tệp',
    noExportWriter: 'Bản Kiểm số này chưa có phần ghi tệp Word/Excel.',
    nothingToExport: 'Chưa có dữ liệu để xuất.',
    apiNoTarget: 'Phiên bản Kiểm số này chưa tính được «Cần bao nhiêu để đạt».',
    apiNoFiles: 'Phiên bản Kiểm số này chưa đọc được tệp Word/Excel/CSV.',
    failure: /** @type {Record<import('./bridge.mjs').FailureCode, string>} */ ({
      'no-checker': 'Không khởi động được bộ kiểm tra.',
      load: 'Không tải được bộ kiểm tra.',
      'page-crash': 'Bộ kiểm tra gặp sự cố và không tự khởi động lại được ở chế độ này. Hãy tải lại trang.',
      crashes: 'Bộ kiểm tra gặp sự cố nhiều lần liên tiếp. Hãy tải lại trang.',
      restart: 'Không khởi động lại được bộ kiểm tra. Hãy tải lại trang.',
      stopped: 'Bộ kiểm tra đã dừng.',
    }),
    // ——— what the first module left for the complete one (engine.mjs), and what a result covers (print.mjs) ———
    leftNarrative: 'lời văn của báo cáo',
    leftGrids: 'các bảng nhiều cột số liệu',
    leftSuggestions: 'các gợi ý sửa số liệu',
    listAnd: (/** @type {string[]} */ parts) => (parts.length > 1 ? `${parts.slice(0, -1).join(', ')} và ${parts.at(-1)}` : (parts[0] ?? '')),
    offlineSome: (/** @type {string} */ left) => `Chưa kiểm tra được ${left}: phần kiểm tra này cần tải thêm một lần khi có mạng. Các bảng còn lại đã được kiểm tra đầy đủ.`,
    offlineNarrative: 'Chưa kiểm tra được lời văn của báo cáo: phần kiểm tra này cần tải thêm một lần khi có mạng. Các bảng số liệu đã được kiểm tra đầy đủ.',
    pendingSome: (/** @type {string} */ left) => `Đang tải phần kiểm tra ${left} (chỉ cần tải một lần). Các bảng khác đã được kiểm tra; phần còn lại sẽ được kiểm tra ngay khi tải xong.`,
    pendingNarrative: 'Đang tải phần kiểm tra lời văn của báo cáo (chỉ cần tải một lần). Các bảng số liệu đã được kiểm tra; lời văn sẽ được kiểm tra ngay khi tải xong.',
    coveragePending: (/** @type {string} */ left) => `Chưa kiểm tra xong: ${left} đang chờ phần kiểm tra tải về và sẽ được kiểm tra ngay khi tải xong.`,
    coverageOffline: (/** @type {string} */ left) => `Chưa kiểm tra: ${left} (phần kiểm tra này cần tải thêm một lần khi có mạng). Các phần khác đã được kiểm tra.`,
    coverageNa: (/** @type {number} */ na) => ` ${na} phép kiểm tra không tính được (thiếu số liệu để tính).`,
    coverageAll: (/** @type {boolean} */ words) => `Đã kiểm tra mọi bảng số liệu nhận ra được${words ? ' và lời văn của báo cáo' : ''}.`,
    printHead: (/** @type {string} */ when, /** @type {string} */ subject) => `Kiểm số — kết quả kiểm tra lúc ${when}. Dữ liệu: ${subject}.`,
    printWhen: (/** @type {string} */ when) => `Kiểm tra lúc ${when}`,
    // ——— the summary to paste and the CSV (exports.mjs) ———
    empty: '(trống)',
    yes: 'có',
    rowOf: (/** @type {string} */ form, /** @type {string} */ stt) => `${form}, dòng ${stt}`,
    likelyIs: (/** @type {string} */ reported, /** @type {string} */ suggested) => `ghi ${reported}, nhiều khả năng là ${suggested}`,
    likelyElsewhere: (/** @type {string} */ reported, /** @type {string} */ place, /** @type {string} */ current, /** @type {string} */ suggested) =>
      `ghi ${reported}; nhiều khả năng sai ở ${place}: ${current} → ${suggested}`,
    found: (/** @type {string} */ kind, /** @type {string} */ reported, /** @type {string} */ expected) =>
      `ghi ${reported}, ${kind === 'sum' ? 'cộng các phần được' : kind === 'ratio' ? 'tính lại được' : 'theo kiểm tra là'} ${expected}`,
    summaryTitle: (/** @type {string} */ when) => `Kiểm số — kết quả kiểm tra số liệu (${when})`,
    summaryUnit: (/** @type {string} */ unit) => `Đơn vị báo cáo: ${unit}`,
    summaryPeriod: (/** @type {string} */ period) => `Kỳ báo cáo: ${period}`,
    summarySource: (/** @type {boolean} */ file, /** @type {string} */ source) => `${file ? 'Tệp' : 'Dữ liệu'}: ${source}`,
    summaryCounts: (/** @type {number} */ forms, /** @type {number} */ checks, /** @type {number} */ words, /** @type {import('./model.mjs').Summary} */ n) =>
      `${forms} bảng, ${checks} phép kiểm tra` +
      `${words ? ` (${checks - words} trên bảng, ${words} trong lời văn)` : ''}: ${n.fail} lỗi, ${n.warn} cảnh báo, ` +
      `${n.pass} đạt, ${n.na} không tính được.`,
    summaryEdits: (/** @type {number} */ n, /** @type {string} */ list) => `Lưu ý: đã thử sửa ${n} số liệu (${list}).`,
    summaryMore: (/** @type {number} */ n) => `- … và ${n} mục khác (xem tệp CSV).`,
    summaryClean: 'Không phát hiện lỗi hay cảnh báo nào.',
    summaryFooter: 'Kiểm tra bằng Kiểm số, ngay trên máy, dữ liệu không gửi đi đâu.',
    csvHeader: ['Biểu mẫu', 'Ô', 'STT', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu', 'Kết quả', 'Loại kiểm tra',
      'Phép tính', 'Số ghi', 'Số đúng', 'Chênh lệch', 'Giải thích', 'Các ô liên quan', 'Quy tắc suy ra',
      'Câu trong lời văn', 'Dòng', 'Số liệu gốc (in trong báo cáo)', 'Thử sửa'],
    // ——— the embeddable element's own labels (kiem-so.mjs) ———
    element: {
      label: 'Dán bảng số liệu hoặc cả báo cáo (Ctrl+V), hoặc gõ vào đây',
      placeholder: 'Dán từ Word hoặc Excel…',
      checking: 'Đang kiểm tra…',
      done: (/** @type {number} */ f, /** @type {number} */ w) => `Đã kiểm tra: ${f} lỗi, ${w} cảnh báo.`,
      restarted: 'Bộ kiểm tra gặp sự cố và đã được khởi động lại.',
      badCatalogue: 'Không dùng được bộ quy tắc: địa chỉ phải cùng nguồn với trang.',
      catalogueFailed: 'Không tải được bộ quy tắc',
      catalogueHttp: (/** @type {number} */ status) => `máy chủ trả lời HTTP ${status}`,
      catalogueNetwork: 'lỗi mạng, hoặc địa chỉ chuyển hướng sang nơi khác (không được phép)',
      catalogueMoved: 'địa chỉ chuyển hướng sang nguồn khác (không được phép)',
      notChecked: 'Chưa kiểm tra: không dùng bộ quy tắc có sẵn thay cho bộ quy tắc trang này chỉ định.',
      privacy: 'Kiểm tra ngay trên máy, không gửi dữ liệu đi đâu.',
      open: 'Mở tệp Word, Excel, CSV…',
      drop: 'Thả tệp vào đây để kiểm tra',
      checkingFile: (/** @type {string} */ name, /** @type {string} */ size) => `Đang kiểm tra tệp ${name} (${size}). Gõ hoặc dán vào ô để kiểm tra văn bản thay cho tệp.`,
      tooBig: (/** @type {string} */ name, /** @type {string} */ size, /** @type {string} */ max) => `Tệp ${name} quá lớn (${size}; giới hạn ${max}).`,
      unreadable: (/** @type {string} */ name) => `Không đọc được tệp ${name}.`,
    },
  },
};

/** @typedef {typeof STRINGS.vi} Strings */

/**
 * Languages other than Vietnamese, once loaded ([`loadStrings`]) or given ([`useStrings`]).
 * @type {Map<string, Strings>}
 */
const OTHERS = new Map();

/**
 * Makes `strings` the words of `lang` for [`stringsFor`]: the embeddable element, which must
 * answer any element's `lang` at once, gives English when it loads.
 * @param {string} lang
 * @param {Strings} strings
 */
export function useStrings(lang, strings) {
  OTHERS.set(lang, strings);
}

/**
 * The strings for a language tag, loading them first: English is a module of its own
 * (i18n-en.mjs), fetched only by a page in English, so that it costs the Vietnamese page's
 * first load nothing.
 * @param {string | null | undefined} lang
 * @returns {Promise<Strings>}
 */
export async function loadStrings(lang) {
  if (isEnglish(lang) && !OTHERS.has('en')) useStrings('en', (await import('./i18n-en.mjs')).en);
  return stringsFor(lang);
}

/** @param {string | null | undefined} lang */
const isEnglish = (lang) => Boolean(lang && lang.toLowerCase().startsWith('en'));

/**
 * The strings for a language tag (`vi`, `en`, `en-GB`…); Vietnamese by default.
 * @param {string | null | undefined} lang
 * @returns {Strings}
 */
export function stringsFor(lang) {
  return (isEnglish(lang) && OTHERS.get('en')) || STRINGS.vi;
}

// The inbox's words (many reports at once) are in i18n-inbox.mjs, loaded with the inbox: not with
// every page (the first-load budget, docs/benchmarks.md).
