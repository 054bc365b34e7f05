/** Interface texts of held harvest runs and run warnings in the sources admin, Swedish first; merged in messages.ts. */
const sv = {
  "sources.run.held": "Väntar på bekräftelse",
  "sources.run.discarded": "Avfärdad",
  "sources.heldTitle": "Skördningen väntar på bekräftelse",
  "sources.heldIntro":
    "Den senaste skördningen skulle ta bort {count} av källans datamängder, fler än {percent} %. Inget är borttaget. Kontrollera listan: en avbruten nedladdning eller en trasig export ser ut så här.",
  "sources.heldMore": "… och {count} till.",
  "sources.confirmRemovals.one": "Bekräfta: ta bort {count} datamängd",
  "sources.confirmRemovals.other": "Bekräfta: ta bort {count} datamängder",
  "sources.discardRemovals": "Avfärda: ta inte bort något",
  "sources.removalsConfirmed.one": "{count} datamängd är markerad som borttagen.",
  "sources.removalsConfirmed.other": "{count} datamängder är markerade som borttagna.",
  "sources.removalsDiscarded": "Skördningen är avfärdad; inget togs bort.",
  "sources.runNotHeld":
    "Skördningen väntar inte längre på bekräftelse (en senare skördning har ersatt den, eller så har någon redan bekräftat den).",
  "sources.threshold": "Största andel som en skördning får ta bort utan bekräftelse (%)",
  "sources.thresholdHint": "En skördning som skulle ta bort fler av källans datamängder väntar på att en samordnare bekräftar.",
  "sources.thresholdSubmit": "Spara gränsen",
  "sources.thresholdSaved": "Gränsen är sparad.",
  "sources.runWarnings": "Anmärkningar",
  "errors.thresholdInvalid": "Ange en andel mellan 0 och 100 procent.",
};

const en: Record<keyof typeof sv, string> = {
  "sources.run.held": "Awaiting confirmation",
  "sources.run.discarded": "Discarded",
  "sources.heldTitle": "The harvest awaits confirmation",
  "sources.heldIntro":
    "The latest harvest would remove {count} of the source's datasets, more than {percent} %. Nothing has been removed. Check the list: an interrupted download or a broken export looks like this.",
  "sources.heldMore": "… and {count} more.",
  "sources.confirmRemovals.one": "Confirm: remove {count} dataset",
  "sources.confirmRemovals.other": "Confirm: remove {count} datasets",
  "sources.discardRemovals": "Discard: remove nothing",
  "sources.removalsConfirmed.one": "{count} dataset is marked removed.",
  "sources.removalsConfirmed.other": "{count} datasets are marked removed.",
  "sources.removalsDiscarded": "The harvest is discarded; nothing was removed.",
  "sources.runNotHeld": "The harvest no longer awaits confirmation (a later harvest replaced it, or someone already confirmed it).",
  "sources.threshold": "Largest share a harvest may remove without confirmation (%)",
  "sources.thresholdHint": "A harvest that would remove more of the source's datasets waits for a coordinator to confirm.",
  "sources.thresholdSubmit": "Save the limit",
  "sources.thresholdSaved": "The limit is saved.",
  "sources.runWarnings": "Notes",
  "errors.thresholdInvalid": "Give a share between 0 and 100 per cent.",
};

export const harvestMessages = { sv, en };
