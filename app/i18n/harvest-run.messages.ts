/**
 * What a harvest run reports: its error and its per-dataset notes, stored as a key and parameters
 * in the run (harvest_runs.error_key / error_params, and `key`/`params` in each warning), and told
 * in the reader's language. Swedish first; merged in messages.ts.
 */
const UNCHANGED_SV = "Inget ändrades; tidigare skördade datamängder är kvar.";
const UNCHANGED_EN = "Nothing changed; the datasets harvested before are kept.";

const sv = {
  "harvest.error.parse": "Katalogen kunde inte läsas som {format}: {reasonSv}",
  "harvest.error.parseAtLine": "Katalogen kunde inte läsas som {format} på rad {line}: {reasonSv}",
  "harvest.error.parseAtLineColumn": "Katalogen kunde inte läsas som {format} på rad {line}, kolumn {column}: {reasonSv}",
  "harvest.error.tooLarge": "Katalogen är större än gränsen på {size} och skördades inte.",
  "harvest.error.fileMissing": "Filen {location} finns inte eller kan inte läsas.",
  "harvest.error.unreachable": "Katalogen på {location} kunde inte hämtas: adressen gick inte att nå eller är inte tillåten som katalogkälla.",
  "harvest.error.httpStatus": "Katalogen på {location} svarade med HTTP {status}.",
  "harvest.error.timeout": "Katalogen på {location} svarade inte inom {seconds} sekunder.",
  "harvest.error.timeoutUnknown": "Katalogen svarade inte i tid.",
  "harvest.error.ckanNotJson": "CKAN-API:t på {location} svarade inte med JSON.",
  "harvest.error.ckanShape": "CKAN-API:t på {location} svarade inte som package_search gör.",
  "harvest.error.noneReadable": "Ingen datamängd i katalogen kunde läsas ({failed} fel). Tidigare skördade datamängder är kvar.",
  "harvest.error.empty": "Katalogen innehåller inga datamängder. Tidigare skördade datamängder är kvar.",
  "harvest.error.unstorableCharacters": `Katalogen innehåller tecken som databasen inte kan lagra (till exempel NUL-tecken). ${UNCHANGED_SV}`,
  "harvest.error.database": `Skördningen stoppades av ett databasfel (kod {code}). ${UNCHANGED_SV}`,
  "harvest.error.unexpected": `Skördningen stoppades av ett oväntat fel. ${UNCHANGED_SV} Felet finns i serverns logg.`,
  "harvest.error.processStopped": "Skördningen avbröts (processen stoppades).",
  "harvest.error.serverStopped": "Skördningen avbröts när servern stoppades.",
  "harvest.error.replaced": "Ersatt av en senare skördning; inget togs bort.",
  "harvest.error.tookTooLong.minute": `Skördningen avbröts: den tog längre än 1 minut och stoppades. ${UNCHANGED_SV}`,
  "harvest.error.tookTooLong.minutes": `Skördningen avbröts: den tog längre än {count} minuter och stoppades. ${UNCHANGED_SV}`,
  "harvest.error.tookTooLong.second": `Skördningen avbröts: den tog längre än 1 sekund och stoppades. ${UNCHANGED_SV}`,
  "harvest.error.tookTooLong.seconds": `Skördningen avbröts: den tog längre än {count} sekunder och stoppades. ${UNCHANGED_SV}`,
  "harvest.error.childStoppedByServer": `Skördningen avbröts: processen som skördade stoppades när servern avslutade den. ${UNCHANGED_SV}`,
  "harvest.error.childDied.signal": `Skördningen avbröts: processen som skördade stoppades ({signal}), kanske av för lite minne (gräns {heapMb} MB). ${UNCHANGED_SV}`,
  "harvest.error.childDied.code": `Skördningen avbröts: processen som skördade stoppades (kod {code}), kanske av för lite minne (gräns {heapMb} MB). ${UNCHANGED_SV}`,
  "harvest.error.noResult": `Skördningen avbröts utan resultat. ${UNCHANGED_SV}`,
  "harvest.warning.nulRemoved": "Katalogen innehöll NUL-tecken; de togs bort.",
  "harvest.warning.ownedElsewhere": "Datamängden finns redan i källan ”{source}”, som behåller den.",
  "harvest.failure.repeated": "Datamängden förekommer flera gånger i katalogen; den första används.",
};

const en: Record<keyof typeof sv, string> = {
  "harvest.error.parse": "The catalogue could not be read as {format}: {reason}",
  "harvest.error.parseAtLine": "The catalogue could not be read as {format} at line {line}: {reason}",
  "harvest.error.parseAtLineColumn": "The catalogue could not be read as {format} at line {line}, column {column}: {reason}",
  "harvest.error.tooLarge": "The catalogue is larger than the limit of {size} and was not harvested.",
  "harvest.error.fileMissing": "The file {location} does not exist or cannot be read.",
  "harvest.error.unreachable": "The catalogue at {location} could not be fetched: the address could not be reached or is not allowed as a catalogue source.",
  "harvest.error.httpStatus": "The catalogue at {location} answered with HTTP {status}.",
  "harvest.error.timeout": "The catalogue at {location} did not answer within {seconds} seconds.",
  "harvest.error.timeoutUnknown": "The catalogue did not answer in time.",
  "harvest.error.ckanNotJson": "The CKAN API at {location} did not answer with JSON.",
  "harvest.error.ckanShape": "The CKAN API at {location} did not answer as package_search does.",
  "harvest.error.noneReadable": "No dataset in the catalogue could be read ({failed} errors). The datasets harvested before are kept.",
  "harvest.error.empty": "The catalogue holds no datasets. The datasets harvested before are kept.",
  "harvest.error.unstorableCharacters": `The catalogue holds characters the database cannot store (such as NUL). ${UNCHANGED_EN}`,
  "harvest.error.database": `The harvest was stopped by a database error (code {code}). ${UNCHANGED_EN}`,
  "harvest.error.unexpected": `The harvest was stopped by an unexpected error. ${UNCHANGED_EN} The error is in the server's log.`,
  "harvest.error.processStopped": "The harvest was interrupted (its process stopped).",
  "harvest.error.serverStopped": "The harvest was interrupted when the server stopped.",
  "harvest.error.replaced": "Replaced by a later harvest; nothing was removed.",
  "harvest.error.tookTooLong.minute": `The harvest was interrupted: it took longer than 1 minute and was stopped. ${UNCHANGED_EN}`,
  "harvest.error.tookTooLong.minutes": `The harvest was interrupted: it took longer than {count} minutes and was stopped. ${UNCHANGED_EN}`,
  "harvest.error.tookTooLong.second": `The harvest was interrupted: it took longer than 1 second and was stopped. ${UNCHANGED_EN}`,
  "harvest.error.tookTooLong.seconds": `The harvest was interrupted: it took longer than {count} seconds and was stopped. ${UNCHANGED_EN}`,
  "harvest.error.childStoppedByServer": `The harvest was interrupted: its process was stopped when the server shut it down. ${UNCHANGED_EN}`,
  "harvest.error.childDied.signal": `The harvest was interrupted: its process stopped ({signal}), perhaps for lack of memory (limit {heapMb} MB). ${UNCHANGED_EN}`,
  "harvest.error.childDied.code": `The harvest was interrupted: its process stopped (code {code}), perhaps for lack of memory (limit {heapMb} MB). ${UNCHANGED_EN}`,
  "harvest.error.noResult": `The harvest was interrupted without a result. ${UNCHANGED_EN}`,
  "harvest.warning.nulRemoved": "The catalogue held NUL characters; they were removed.",
  "harvest.warning.ownedElsewhere": "The dataset is already in the source “{source}”, which keeps it.",
  "harvest.failure.repeated": "The dataset appears more than once in the catalogue; the first is used.",
};

export const harvestRunMessages = { sv, en };
