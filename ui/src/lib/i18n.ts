import { addMessages, init, locale } from "svelte-i18n";
import type { Locale } from "./bindings/Locale";
import en from "../locales/en.json";
import ms from "../locales/ms.json";
import id from "../locales/id.json";
import zhCN from "../locales/zh-CN.json";
import zhTW from "../locales/zh-TW.json";
import domainEn from "../locales/domain/en.json";
import domainMs from "../locales/domain/ms.json";
import domainId from "../locales/domain/id.json";
import domainZhCN from "../locales/domain/zh-CN.json";
import domainZhTW from "../locales/domain/zh-TW.json";
import leadsEn from "../locales/leads/en.json";
import leadsMs from "../locales/leads/ms.json";
import leadsId from "../locales/leads/id.json";
import leadsZhCN from "../locales/leads/zh-CN.json";
import leadsZhTW from "../locales/leads/zh-TW.json";
import playbookEn from "../locales/playbook/en.json";
import playbookMs from "../locales/playbook/ms.json";
import playbookId from "../locales/playbook/id.json";
import playbookZhCN from "../locales/playbook/zh-CN.json";
import playbookZhTW from "../locales/playbook/zh-TW.json";
import inboxEn from "../locales/inbox/en.json";
import inboxMs from "../locales/inbox/ms.json";
import inboxId from "../locales/inbox/id.json";
import inboxZhCN from "../locales/inbox/zh-CN.json";
import inboxZhTW from "../locales/inbox/zh-TW.json";
import teamEn from "../locales/team/en.json";
import teamMs from "../locales/team/ms.json";
import teamId from "../locales/team/id.json";
import teamZhCN from "../locales/team/zh-CN.json";
import teamZhTW from "../locales/team/zh-TW.json";
import funnelEn from "../locales/funnel/en.json";
import funnelMs from "../locales/funnel/ms.json";
import funnelId from "../locales/funnel/id.json";
import funnelZhCN from "../locales/funnel/zh-CN.json";
import funnelZhTW from "../locales/funnel/zh-TW.json";
import dataEn from "../locales/data/en.json";
import dataMs from "../locales/data/ms.json";
import dataId from "../locales/data/id.json";
import dataZhCN from "../locales/data/zh-CN.json";
import dataZhTW from "../locales/data/zh-TW.json";
import workshopEn from "../locales/workshop/en.json";
import workshopMs from "../locales/workshop/ms.json";
import workshopId from "../locales/workshop/id.json";
import workshopZhCN from "../locales/workshop/zh-CN.json";
import workshopZhTW from "../locales/workshop/zh-TW.json";
import defaultsEn from "../locales/defaults/en.json";
import defaultsMs from "../locales/defaults/ms.json";
import defaultsId from "../locales/defaults/id.json";
import defaultsZhCN from "../locales/defaults/zh-CN.json";
import defaultsZhTW from "../locales/defaults/zh-TW.json";

/** Every language Laju ships, named in its own language for the switcher. */
export const LOCALES: readonly { tag: Locale; name: string }[] = [
  { tag: "en", name: "English" },
  { tag: "ms", name: "Bahasa Melayu" },
  { tag: "id", name: "Bahasa Indonesia" },
  { tag: "zh-CN", name: "简体中文" },
  { tag: "zh-TW", name: "繁體中文" },
];

/** One file per area and language (shell, domain words, leads, playbook, inbox, team, funnel,
 * data, workshop, and the shipped Playbook's default texts, see `defaultText.ts`), so each area's strings
 * can be edited without touching the others. Each area is its own top-level key. */
export const MESSAGES: Record<Locale, Record<string, unknown>> = {
  en: { ...en, domain: domainEn, leads: leadsEn, playbook: playbookEn, inbox: inboxEn, team: teamEn, funnel: funnelEn, data: dataEn, workshop: workshopEn, defaults: defaultsEn },
  ms: { ...ms, domain: domainMs, leads: leadsMs, playbook: playbookMs, inbox: inboxMs, team: teamMs, funnel: funnelMs, data: dataMs, workshop: workshopMs, defaults: defaultsMs },
  id: { ...id, domain: domainId, leads: leadsId, playbook: playbookId, inbox: inboxId, team: teamId, funnel: funnelId, data: dataId, workshop: workshopId, defaults: defaultsId },
  "zh-CN": { ...zhCN, domain: domainZhCN, leads: leadsZhCN, playbook: playbookZhCN, inbox: inboxZhCN, team: teamZhCN, funnel: funnelZhCN, data: dataZhCN, workshop: workshopZhCN, defaults: defaultsZhCN },
  "zh-TW": { ...zhTW, domain: domainZhTW, leads: leadsZhTW, playbook: playbookZhTW, inbox: inboxZhTW, team: teamZhTW, funnel: funnelZhTW, data: dataZhTW, workshop: workshopZhTW, defaults: defaultsZhTW },
};

/** The best shipped language for the OS's preference list (BCP 47 tags, best first). */
export function matchLocale(preferred: readonly string[]): Locale {
  for (const raw of preferred) {
    const tag = raw.toLowerCase();
    if (tag.startsWith("zh")) {
      const traditional = /-(tw|hk|mo|hant)\b/.test(tag);
      return traditional ? "zh-TW" : "zh-CN";
    }
    if (tag === "ms" || tag.startsWith("ms-")) return "ms";
    // "in" is the pre-1989 code some systems still report for Indonesian.
    if (tag === "id" || tag.startsWith("id-") || tag === "in" || tag.startsWith("in-")) return "id";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return "en";
}

export function setupI18n(): void {
  for (const { tag } of LOCALES) addMessages(tag, MESSAGES[tag] as Parameters<typeof addMessages>[1]);
  init({ fallbackLocale: "en", initialLocale: matchLocale(navigator.languages ?? []) });
}

/** Switch every translated string and the document language at once. */
export function applyLocale(tag: Locale): void {
  locale.set(tag);
  document.documentElement.lang = tag;
}
