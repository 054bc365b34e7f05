/** The municipalities' workflow (issue 9): the inbox, the task page, their errors and mails. */
const sv = {
  "errors.taskStale":
    "Någon annan har sparat uppgiften sedan du öppnade sidan. Ingenting är ändrat: din text finns kvar nedan. Läs den nya versionen och spara igen.",
  "errors.taskRequestClosed": "Förfrågan är stängd och tar inte emot fler svar.",
  "errors.taskAssigneeNotMember": "Den du valde är inte med i uppgiftens organisation.",
  "errors.taskAnswerEmpty": "Skriv ett svar eller länka minst en datamängd.",
  "errors.taskPublishedNeedsDataset": "Länka den publicerade datamängden.",
  "errors.taskNotHeldNeedsText": "Förklara varför uppgifterna inte finns.",
  "errors.declineReasonRequired": "Välj ett skäl till att ni avböjer.",
  "errors.taskReopenNeedsReason": "Skriv varför uppgiften öppnas igen.",
  "errors.datasetUrlInvalid": "Skriv en fullständig adress till datamängden, som börjar med https://.",

  "mail.taskChange.subject": "{organisation} har svarat på förfrågan {number}",
  "mail.taskChange.text": "Hej {name}!\n\n{organisation} har arbetat med förfrågan ”{title}”. Status: {status}.",
  "mail.taskChange.requestStatus": "Förfrågan har nu status: {status}.",
  "mail.taskChange.link": "Läs mer: {url}",
  "mail.requestClosed.subject": "Förfrågan {number} är avslutad",
  "mail.requestClosed.text": "Hej {name}!\n\nFörfrågan ”{title}” är avslutad och tar inte emot fler svar.",
};

const en: Record<keyof typeof sv, string> = {
  "errors.taskStale":
    "Someone else saved the task after you opened the page. Nothing has changed: your text is kept below. Read the new version and save again.",
  "errors.taskRequestClosed": "The request is closed and takes no more answers.",
  "errors.taskAssigneeNotMember": "The person you chose is not a member of the task's organisation.",
  "errors.taskAnswerEmpty": "Write an answer or link at least one dataset.",
  "errors.taskPublishedNeedsDataset": "Link the published dataset.",
  "errors.taskNotHeldNeedsText": "Explain why the information is not held.",
  "errors.declineReasonRequired": "Choose a reason for declining.",
  "errors.taskReopenNeedsReason": "Write why the task is reopened.",
  "errors.datasetUrlInvalid": "Write the dataset's full address, starting with https://.",

  "mail.taskChange.subject": "{organisation} has answered request {number}",
  "mail.taskChange.text": "Hello {name},\n\n{organisation} has worked on the request “{title}”. Status: {status}.",
  "mail.taskChange.requestStatus": "The request's status is now: {status}.",
  "mail.taskChange.link": "Read more: {url}",
  "mail.requestClosed.subject": "Request {number} is closed",
  "mail.requestClosed.text": "Hello {name},\n\nThe request “{title}” is closed and takes no more answers.",
};

export const taskMessages = { sv, en };
