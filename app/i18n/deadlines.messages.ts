/** Deadlines (issue 9, ADR 022): the coordinators' defaults, changing a request's due date, reminders and overdue notices. */
const sv = {
  "title.adminDeadlines": "Svarstider och påminnelser",
  "deadlines.title": "Svarstider och påminnelser",
  "deadlines.intro":
    "Svarstiden som föreslås när en förfrågan skickas till kommunerna, och när kommunerna påminns. Allt räknas i svenska arbetsdagar: helger och helgdagar räknas inte.",
  "deadlines.defaultWorkingDays": "Svarstid i arbetsdagar",
  "deadlines.defaultWorkingDaysHint": "Från 1 till 120. 20 arbetsdagar är ungefär en månad. Gäller förfrågningar som skickas härefter.",
  "deadlines.reminderWorkingDays": "Påminn så många arbetsdagar före sista svarsdag",
  "deadlines.reminderWorkingDaysHint":
    "Från 0 till 60; 0 påminner på sista svarsdagen. Den som har uppgiften, annars alla som svarar för organisationen, får påminnelsen.",
  "deadlines.submit": "Spara",
  "deadlines.saved": "Inställningarna är sparade.",
  "deadlines.updated": "Senast ändrad {date}.",
  "deadlines.link": "Svarstider och påminnelser",

  "triage.deadlineTitle": "Ändra sista svarsdag",
  "triage.deadlineCurrent":
    "Sista svarsdag nu: {date}. Ändringen gäller uppgifter som inte är besvarade, och de som svarar för dem får besked.",
  "triage.deadlineDate": "Ny sista svarsdag",
  "triage.deadlineDateHint": "Ett datum som är en arbetsdag. Eller fyll i arbetsdagar nedan i stället.",
  "triage.deadlineWorkingDays": "Eller: arbetsdagar från i dag",
  "triage.deadlineReason": "Varför ändras sista svarsdag?",
  "triage.deadlineSubmit": "Ändra sista svarsdag",
  "triage.deadlineChanged.one": "Sista svarsdag är ändrad till {date} för {count} uppgift.",
  "triage.deadlineChanged.other": "Sista svarsdag är ändrad till {date} för {count} uppgifter.",

  "errors.defaultWorkingDaysInvalid": "Skriv ett helt antal arbetsdagar från 1 till 120.",
  "errors.reminderWorkingDaysInvalid": "Skriv ett helt antal arbetsdagar från 0 till 60.",
  "errors.deadlineForbidden": "Bara samordnare kan ändra sista svarsdag.",
  "errors.deadlineReasonRequired": "Skriv varför sista svarsdag ändras.",
  "errors.deadlineChoiceRequired": "Ange ett nytt datum eller ett antal arbetsdagar, inte båda.",
  "errors.deadlineDateInvalid": "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-01-29.",
  "errors.deadlineInPast": "Sista svarsdag kan inte vara före i dag.",
  "errors.deadlineTooFar": "Sista svarsdag kan vara högst 120 arbetsdagar fram, ungefär ett halvår. Kontrollera årtalet.",
  "errors.deadlineNotWorkingDay": "Välj en arbetsdag: datumet är en helg eller helgdag.",
  "errors.deadlineUnchanged": "Förfrågan har redan den sista svarsdagen.",
  "errors.deadlineNotRouted": "Förfrågan har inga öppna uppgifter vars sista svarsdag kan ändras.",

  "mail.deadlineChanged.subject": "Ny sista svarsdag för förfrågan {number}",
  "mail.deadlineChanged.text":
    "Hej {name}!\n\nSista svarsdag för {organisation} på förfrågan ”{title}” är ändrad från {from} till {to}.\n\nSkäl: {reason}",
  "mail.taskReminder.subject": "Påminnelse: förfrågan {number} ska besvaras senast {date}",
  "mail.taskReminder.text.one":
    "Hej {name}!\n\n{organisation} har fått förfrågan ”{title}”, som ska besvaras senast {date} ({count} arbetsdag kvar).",
  "mail.taskReminder.text.other":
    "Hej {name}!\n\n{organisation} har fått förfrågan ”{title}”, som ska besvaras senast {date} ({count} arbetsdagar kvar).",
  "mail.taskOverdue.subject": "Försenad: förfrågan {number} skulle ha besvarats senast {date}",
  "mail.taskOverdue.text":
    "Hej {name}!\n\n{organisation} skulle ha besvarat förfrågan ”{title}” senast {date}. Svara, eller tala om varför uppgifterna inte finns eller avböj med ett skäl.",
  "mail.task.link": "Öppna uppgiften: {url}",
};

const en: Record<keyof typeof sv, string> = {
  "title.adminDeadlines": "Answer times and reminders",
  "deadlines.title": "Answer times and reminders",
  "deadlines.intro":
    "The answer time proposed when a request is routed to the municipalities, and when the municipalities are reminded. Everything counts Swedish working days: weekends and public holidays do not count.",
  "deadlines.defaultWorkingDays": "Answer time in working days",
  "deadlines.defaultWorkingDaysHint": "From 1 to 120. 20 working days is about a month. Applies to requests routed from now on.",
  "deadlines.reminderWorkingDays": "Remind this many working days before the due date",
  "deadlines.reminderWorkingDaysHint":
    "From 0 to 60; 0 reminds on the due date itself. The task's assignee, or else everyone who responds for the organisation, gets the reminder.",
  "deadlines.submit": "Save",
  "deadlines.saved": "The settings are saved.",
  "deadlines.updated": "Last changed {date}.",
  "deadlines.link": "Answer times and reminders",

  "triage.deadlineTitle": "Change the due date",
  "triage.deadlineCurrent": "Due date now: {date}. The change applies to tasks not yet answered, and those who respond for them are told.",
  "triage.deadlineDate": "New due date",
  "triage.deadlineDateHint": "A date that is a working day. Or fill in working days below instead.",
  "triage.deadlineWorkingDays": "Or: working days from today",
  "triage.deadlineReason": "Why does the due date change?",
  "triage.deadlineSubmit": "Change the due date",
  "triage.deadlineChanged.one": "The due date is changed to {date} for {count} task.",
  "triage.deadlineChanged.other": "The due date is changed to {date} for {count} tasks.",

  "errors.defaultWorkingDaysInvalid": "Enter a whole number of working days from 1 to 120.",
  "errors.reminderWorkingDaysInvalid": "Enter a whole number of working days from 0 to 60.",
  "errors.deadlineForbidden": "Only coordinators can change the due date.",
  "errors.deadlineReasonRequired": "Write why the due date changes.",
  "errors.deadlineChoiceRequired": "Give a new date or a number of working days, not both.",
  "errors.deadlineDateInvalid": "Write the date as YYYY-MM-DD, for example 2027-01-29.",
  "errors.deadlineInPast": "The due date cannot be before today.",
  "errors.deadlineTooFar": "The due date can be at most 120 working days ahead, about six months. Check the year.",
  "errors.deadlineNotWorkingDay": "Choose a working day: the date is a weekend or a public holiday.",
  "errors.deadlineUnchanged": "The request already has that due date.",
  "errors.deadlineNotRouted": "The request has no open tasks whose due date can change.",

  "mail.deadlineChanged.subject": "New due date for request {number}",
  "mail.deadlineChanged.text":
    "Hello {name},\n\nThe due date for {organisation} on the request “{title}” has changed from {from} to {to}.\n\nReason: {reason}",
  "mail.taskReminder.subject": "Reminder: request {number} is due by {date}",
  "mail.taskReminder.text.one":
    "Hello {name},\n\n{organisation} has received the request “{title}”, due by {date} ({count} working day left).",
  "mail.taskReminder.text.other":
    "Hello {name},\n\n{organisation} has received the request “{title}”, due by {date} ({count} working days left).",
  "mail.taskOverdue.subject": "Overdue: request {number} was due by {date}",
  "mail.taskOverdue.text":
    "Hello {name},\n\n{organisation} was to answer the request “{title}” by {date}. Answer it, or say that the information is not held, or decline with a reason.",
  "mail.task.link": "Open the task: {url}",
};

export const deadlineMessages = { sv, en };
