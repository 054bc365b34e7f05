import type { MailDelivery, PreferenceMailKind } from "../domain/mail";

/**
 * E-mail's words (issue 9, ADR 021): the kinds a user chooses for and their choices (the account
 * page), the mails about new tasks, comments and merges, the daily digest, the unsubscribe line
 * every mail to a user ends with, and the unsubscribe page. Swedish first; merged in messages.ts.
 */
type KindLabels = Record<`mailKind.${PreferenceMailKind}` | `mailKind.${PreferenceMailKind}.hint` | `mailDelivery.${MailDelivery}`, string>;

const sv = {
  "mailKind.new_task": "Nya uppgifter till min organisation",
  "mailKind.new_task.hint":
    "För kommunens och regionens handläggare: en förfrågan har skickats till er, eller återkallats av den som ställde den.",
  "mailKind.task_change": "Svar och statusändringar",
  "mailKind.task_change.hint": "När en kommun svarar på eller ändrar status på en förfrågan som du ställt eller följer.",
  "mailKind.comment": "Kommentarer",
  "mailKind.comment.hint": "Nya kommentarer på förfrågningar som du ställt eller följer.",
  "mailKind.merge": "Sammanslagna förfrågningar",
  "mailKind.merge.hint": "När en förfrågan som du stöder eller följer slås ihop med en likadan.",
  "mailKind.task_reminder": "Påminnelser före svarsdatum",
  "mailKind.task_reminder.hint": "För handläggare: en uppgift ska snart vara besvarad.",
  "mailKind.task_overdue": "Försenade uppgifter",
  "mailKind.task_overdue.hint": "För handläggare: en uppgift har passerat sitt svarsdatum.",
  "mailKind.deadline_changed": "Ändrade svarsdatum",
  "mailKind.deadline_changed.hint": "För handläggare: samordnaren har flyttat svarsdatumet för en uppgift.",
  "mailDelivery.immediately": "Direkt",
  "mailDelivery.daily": "En sammanfattning per dag",
  "mailDelivery.never": "Aldrig",

  "account.mail.title": "E-post",
  "account.mail.intro":
    "Välj hur du vill få e-post om det som händer i portalen. E-post om ditt konto, till exempel länken när du skapar det, skickas alltid.",
  "account.mail.submit": "Spara e-postinställningar",
  "account.mail.saved": "Dina e-postinställningar är sparade.",

  "mail.footer.unsubscribe": "Vill du inte längre få e-post om ”{kind}”? Avregistrera dig: {url}",
  "mail.footer.digestUnsubscribe": "Vill du inte längre få den dagliga sammanfattningen? Avregistrera dig: {url}",
  "mail.footer.preferences": "Välj vilken e-post du får: {url}",
  "mail.footer.noLink": "Du kan välja vilken e-post du får under Mitt konto i Fråga en gång.",

  "mail.newTask.subject": "Ny uppgift för {organisation}: förfrågan {number}",
  "mail.newTask.text": "Hej {name}!\n\n{organisation} har fått en ny förfrågan att besvara: ”{title}”.\nSvara senast {date}.",

  "mail.comment.subject": "Ny kommentar på förfrågan {number}",
  "mail.comment.text": "Hej {name}!\n\n{author} har kommenterat förfrågan ”{title}”:",
  "mail.comment.link": "Läs och svara: {url}",

  "mail.merge.subject": "Förfrågan {number} har slagits ihop med förfrågan {original}",
  "mail.merge.text":
    "Hej {name}!\n\nFörfrågan ”{title}” frågade efter samma sak som förfrågan ”{originalTitle}” och har slagits ihop med den. Ditt stöd och din bevakning gäller nu den förfrågan, så du får svaret därifrån.",
  "mail.merge.link": "Följ förfrågan här: {url}",

  "mail.digest.subject": "Dagens sammanfattning från Fråga en gång ({count})",
  "mail.digest.intro": "Hej {name}!\n\nDet här har hänt sedan förra sammanfattningen:",

  "title.unsubscribe": "Avregistrera e-post",
  "unsubscribe.title": "Avregistrera e-post",
  "unsubscribe.confirm": "Vill du sluta få e-post om följande?",
  "unsubscribe.confirmDigest": "Vill du sluta få den dagliga sammanfattningen? Det gäller e-post om:",
  "unsubscribe.submit": "Ja, avregistrera mig",
  "unsubscribe.done": "Klart. Du får inte längre e-post om följande:",
  "unsubscribe.nothingLeft": "Du får redan ingen e-post av det här slaget.",
  "unsubscribe.preferences": "Du kan ändra dig när som helst under Mitt konto.",
  "errors.unsubscribeInvalid":
    "Länken för att avregistrera sig är inte giltig. Kontrollera att du har fått med hela länken från e-postmeddelandet, eller ändra dina e-postinställningar under Mitt konto.",
  "errors.unsubscribeExpired":
    "Länken för att avregistrera sig har gått ut (den gäller i 90 dagar). Använd länken i ett nyare e-postmeddelande, eller ändra dina e-postinställningar under Mitt konto.",
} satisfies KindLabels & Record<string, string>;

const en: Record<keyof typeof sv, string> = {
  "mailKind.new_task": "New tasks for my organisation",
  "mailKind.new_task.hint":
    "For the municipality's and the region's responders: a request has been sent to you, or withdrawn by its requester.",
  "mailKind.task_change": "Answers and status changes",
  "mailKind.task_change.hint": "When a municipality answers or changes the status of a request you asked or follow.",
  "mailKind.comment": "Comments",
  "mailKind.comment.hint": "New comments on requests you asked or follow.",
  "mailKind.merge": "Merged requests",
  "mailKind.merge.hint": "When a request you support or follow is merged with one that asks the same.",
  "mailKind.task_reminder": "Reminders before the due date",
  "mailKind.task_reminder.hint": "For responders: a task is due soon.",
  "mailKind.task_overdue": "Overdue tasks",
  "mailKind.task_overdue.hint": "For responders: a task is past its due date.",
  "mailKind.deadline_changed": "Changed due dates",
  "mailKind.deadline_changed.hint": "For responders: the coordinator has moved a task's due date.",
  "mailDelivery.immediately": "At once",
  "mailDelivery.daily": "One summary a day",
  "mailDelivery.never": "Never",

  "account.mail.title": "E-mail",
  "account.mail.intro":
    "Choose how you want e-mail about what happens in the portal. E-mail about your account, such as the link when you create it, is always sent.",
  "account.mail.submit": "Save e-mail settings",
  "account.mail.saved": "Your e-mail settings are saved.",

  "mail.footer.unsubscribe": "No longer want e-mail about “{kind}”? Unsubscribe: {url}",
  "mail.footer.digestUnsubscribe": "No longer want the daily summary? Unsubscribe: {url}",
  "mail.footer.preferences": "Choose which e-mail you get: {url}",
  "mail.footer.noLink": "You can choose which e-mail you get under My account on Fråga en gång.",

  "mail.newTask.subject": "New task for {organisation}: request {number}",
  "mail.newTask.text": "Hello {name},\n\n{organisation} has a new request to answer: “{title}”.\nPlease answer by {date}.",

  "mail.comment.subject": "New comment on request {number}",
  "mail.comment.text": "Hello {name},\n\n{author} has commented on the request “{title}”:",
  "mail.comment.link": "Read and reply: {url}",

  "mail.merge.subject": "Request {number} has been merged into request {original}",
  "mail.merge.text":
    "Hello {name},\n\nThe request “{title}” asked for the same as the request “{originalTitle}” and has been merged into it. Your support and your follow now count for that request, so you will get its answer.",
  "mail.merge.link": "Follow the request here: {url}",

  "mail.digest.subject": "Today's summary from Fråga en gång ({count})",
  "mail.digest.intro": "Hello {name},\n\nThis is what happened since the last summary:",

  "title.unsubscribe": "Unsubscribe from e-mail",
  "unsubscribe.title": "Unsubscribe from e-mail",
  "unsubscribe.confirm": "Do you want to stop getting e-mail about the following?",
  "unsubscribe.confirmDigest": "Do you want to stop getting the daily summary? It holds e-mail about:",
  "unsubscribe.submit": "Yes, unsubscribe me",
  "unsubscribe.done": "Done. You will no longer get e-mail about the following:",
  "unsubscribe.nothingLeft": "You already get no e-mail of this kind.",
  "unsubscribe.preferences": "You can change your mind at any time under My account.",
  "errors.unsubscribeInvalid":
    "The unsubscribe link is not valid. Check that you have the whole link from the e-mail, or change your e-mail settings under My account.",
  "errors.unsubscribeExpired":
    "The unsubscribe link has expired (it is valid for 90 days). Use the link in a more recent e-mail, or change your e-mail settings under My account.",
};

export const mailMessages = { sv, en };

/** The message key of a mail kind's label. */
export function mailKindLabel(kind: PreferenceMailKind) {
  return `mailKind.${kind}` as const;
}

export function mailDeliveryLabel(delivery: MailDelivery) {
  return `mailDelivery.${delivery}` as const;
}
