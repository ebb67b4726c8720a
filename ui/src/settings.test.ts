import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { SettingView } from "./generated/SettingView";
import { setLang } from "./i18n";
import { defaultText, openSettings } from "./settings";

const about = { kk: "Мерзім өткеннен кейінгі күндер", ru: "Сколько дней после срока", en: "Days past a due date" };
const views = (late: string | null): SettingView[] => [
  { key: "alert_late_days", kind: "days", group: "alerts", default: "0", about, value: late },
  { key: "monitoring_period", kind: "period", group: "monitoring", default: "quarter", about, value: null },
];

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("the settings dialog", () => {
  it("shows each setting in its group with its default, saves a change and goes back to the default", async () => {
    setLang("ru");
    let late: string | null = null;
    const sent: [string, string | null][] = [];
    mockIPC((cmd, args) => {
      if (cmd === "settings") return views(late);
      if (cmd === "set_setting") {
        const { key, value } = args as { key: string; value: string | null };
        sent.push([key, value]);
        if (value === "400") throw { kind: "invalid", message: "", problems: [{ severity: "error", field: key, rule: "setting.days", message: "" }] };
        late = value;
        return views(late);
      }
      throw new Error(`unexpected ${cmd}`);
    });
    let changed = 0;
    await openSettings({ changed: () => changed++ });
    expect(document.querySelector("[data-group=alerts] h3")?.textContent).toBe("Сигналы: что считать просрочкой");
    const box = () => document.querySelector<HTMLInputElement>("[data-role=setting-alert_late_days]")!;
    expect(box().placeholder).toBe("по умолчанию: 0");
    expect(document.querySelector<HTMLSelectElement>("[data-role=setting-monitoring_period]")!.options[0].text).toBe("по умолчанию: квартал");
    // A value out of range is refused beside its box, in the user's words; nothing changes.
    box().value = "400";
    box().dispatchEvent(new Event("change"));
    await flush();
    expect(document.querySelector("[data-role=setting-problem-alert_late_days]")?.textContent).toBe("Должно быть целое число дней, от 0 до 366");
    expect(changed).toBe(0);
    box().value = "7";
    box().dispatchEvent(new Event("change"));
    await flush();
    expect(box().value).toBe("7");
    expect(changed).toBe(1);
    const reset = document.querySelector<HTMLButtonElement>("[data-role=setting-reset-alert_late_days]")!;
    expect(reset.hidden).toBe(false);
    reset.click();
    await flush();
    expect(sent).toEqual([["alert_late_days", "400"], ["alert_late_days", "7"], ["alert_late_days", null]]);
    expect(box().value).toBe("");
    expect(changed).toBe(2);
    expect(document.querySelector<HTMLButtonElement>("[data-role=setting-reset-alert_late_days]")!.hidden).toBe(true);
  });

  it("names a default in the window's words", () => {
    setLang("kk");
    expect(defaultText(views(null)[1])).toBe("тоқсан");
    expect(defaultText({ ...views(null)[0], default: "" })).toBe("жоқ");
  });
});
