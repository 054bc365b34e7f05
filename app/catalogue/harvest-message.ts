import type { Locale } from "../../db/schema";
import { isMessageKey, translate, type CountKey, type MessageKey } from "../i18n/translate";

/**
 * What a harvest tells the coordinator, kept as a catalogue key and its parameters (never as a
 * sentence in one language): stored so in the run, told in the admin's language, printed in
 * Swedish by the command line.
 */
export type HarvestMessage = { key: MessageKey | CountKey; params: Record<string, string | number> };

export function harvestMessage(key: MessageKey | CountKey, params: Record<string, string | number> = {}): HarvestMessage {
  return { key, params };
}

/** A dataset's error or note in a run: the Swedish text (for the command line, and runs before keys), its key and parameters. */
export interface HarvestNote {
  identity: string;
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}

export function harvestNote(identity: string, message: HarvestMessage): HarvestNote {
  return { identity, message: renderHarvestMessage("sv", message), key: message.key, params: message.params };
}

export function renderHarvestMessage(locale: Locale, message: HarvestMessage) {
  return translate(locale, message.key, message.params);
}

/**
 * Runs stored before these messages' counts took plural forms (issue 13) named the count otherwise:
 * a key of its own for "1 minute", or the count under another parameter. Told as today's key would.
 */
const earlierCounts: Record<string, (params: Record<string, string | number>) => HarvestMessage> = {
  "harvest.error.tookTooLong.minute": () => harvestMessage("harvest.error.tookTooLong.minutes", { count: 1 }),
  "harvest.error.tookTooLong.second": () => harvestMessage("harvest.error.tookTooLong.seconds", { count: 1 }),
  "harvest.error.timeout": (params) => harvestMessage("harvest.error.timeout", { count: params.seconds, ...params }),
  "harvest.error.noneReadable": (params) => harvestMessage("harvest.error.noneReadable", { count: params.failed, ...params }),
};

/** A key of the catalogue: a text of its own, or a pair of plural forms (`key.one` / `key.other`). */
function isTold(key: string): key is MessageKey | CountKey {
  return isMessageKey(key) || isMessageKey(`${key}.other`);
}

/**
 * A stored message as the reader's language says it: its key when the row has one (and the key
 * still exists), else the text the row was written with (runs from before keys were stored).
 */
export function storedHarvestText(
  locale: Locale,
  stored: { key?: string | null; params?: Record<string, string | number> | null; text?: string | null },
) {
  if (!stored.key) return stored.text ?? "";
  const params = stored.params ?? {};
  const message = stored.key in earlierCounts && !("count" in params) ? earlierCounts[stored.key](params) : { key: stored.key, params };
  if (isTold(message.key)) return translate(locale, message.key, message.params);
  return stored.text ?? "";
}
