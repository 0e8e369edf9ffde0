// The portal's own script on the example host page: listens to <kiem-so> and calls check().
import { check } from './kiemso-api.mjs';

const log = /** @type {HTMLElement} */ (document.getElementById('event-log'));
document.addEventListener('kiemso-result', (event) => {
  const { summary, forms } = /** @type {CustomEvent} */ (event).detail;
  log.textContent = `Cổng đã nhận kết quả từ thẻ <kiem-so>: ${forms.length} bảng, ${summary.fail} lỗi, ${summary.warn} cảnh báo, ${summary.pass} đạt.`;
});

const output = /** @type {HTMLOutputElement} */ (document.getElementById('api-output'));
document.getElementById('api-run')?.addEventListener('click', async () => {
  output.textContent = 'Đang kiểm tra…';
  try {
    const text = await (await fetch(new URL('./examples/khanh-hoa-q3-2024.txt', import.meta.url))).text();
    const result = await check(text);
    const { fail, warn, pass, na } = result.summary;
    output.textContent = `check() trả về: ${result.forms.length} bảng; ${fail} lỗi, ${warn} cảnh báo, ${pass} đạt, ${na} không tính được.`;
  } catch (e) {
    output.textContent = `check() báo lỗi: ${e instanceof Error ? e.message : e}`;
  }
});
