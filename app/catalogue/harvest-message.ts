import type { Locale } from "../../db/schema";
import { isMessageKey, translate, type MessageKey } from "../i18n/translate";

/**
 * What a harvest tells the coordinator, kept as a catalogue key and its parameters (never as a
 * sentence in one language): stored so in the run, told in the admin's language, printed in
 * Swedish by the command line.
 */
export type HarvestMessage = { key: MessageKey; params: Record<string, string | number> };

export function harvestMessage(key: MessageKey, params: Record<string, string | number> = {}): HarvestMessage {
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
 * A stored message as the reader's language says it: its key when the row has one (and the key
 * still exists), else the text the row was written with (runs from before keys were stored).
 */
export function storedHarvestText(
  locale: Locale,
  stored: { key?: string | null; params?: Record<string, string | number> | null; text?: string | null },
) {
  if (stored.key && isMessageKey(stored.key)) return translate(locale, stored.key, stored.params ?? {});
  return stored.text ?? "";
}
