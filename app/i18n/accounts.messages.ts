/** Interface texts of sign-in throttling, sign-up, the account page, role guards and the mail outbox; merged in messages.ts. */
const sv = {
  "time.seconds": "{count} sekunder",
  "time.minutes": "{count} minuter",
  "errors.signInWait": "För många misslyckade inloggningsförsök härifrån. Vänta {wait} och försök igen.",
  "errors.passwordCommon":
    "Lösenordet är ett av de vanligaste lösenorden och gissas lätt. Välj ett annat – en mening av flera ord är lätt att minnas.",
  "errors.passwordRepeated": "Lösenordet får inte bestå av ett och samma tecken upprepat.",
  "errors.lastAdmin":
    "Det går inte att ta bort den sista administratörens roll. Ge först rollen administratör till någon annan.",
  "errors.lastCoordinator":
    "Det går inte att ta bort den sista samordnarens roll. Ge först rollen samordnare till någon annan.",

  "account.sessionsTitle": "Logga ut på andra enheter",
  "account.sessionsText":
    "Har du loggat in på en dator eller telefon som du inte längre har tillgång till? Logga ut överallt utom här.",
  "account.sessionsSubmit": "Logga ut på alla andra enheter",
  "account.sessionsEnded": "Du är utloggad på alla andra enheter.",

  "nav.mail": "Utgående e-post",
  "admin.mail.title": "Utgående e-post",
  "admin.mail.intro":
    "E-post som portalen skickar, senaste först. Brev som inte gick att skicka försöks igen automatiskt; de som gett upp kan du köa igen.",
  "admin.mail.smtpOff":
    "Ingen e-postserver är inställd (SMTP_URL saknas), så inget skickas: breven sparas här, där du kan läsa dem.",
  "admin.mail.none": "Ingen e-post ännu.",
  "admin.mail.table": "Brev",
  "admin.mail.created": "Skapat",
  "admin.mail.to": "Till",
  "admin.mail.subject": "Ämne",
  "admin.mail.status": "Status",
  "admin.mail.status.queued": "Väntar på att skickas",
  "admin.mail.status.sent": "Skickat",
  "admin.mail.status.failed": "Gick inte att skicka",
  "admin.mail.attempts": "Försök: {count}",
  "admin.mail.error": "Senaste fel: {error}",
  "admin.mail.show": "Visa brevet",
  "admin.mail.retry": "Skicka igen",
  "admin.mail.retried": "Brevet är köat för att skickas igen.",
  "admin.mail.link": "Utgående e-post",
  "errors.mailInvalid": "Brevet finns inte. Ladda om sidan och försök igen.",

  "mail.signUpExisting.subject": "Någon försökte skapa ett konto med din e-postadress",
  "mail.signUpExisting.text":
    "Hej {name}!\n\nNågon försökte just skapa ett konto i Fråga en gång med din e-postadress. Du har redan ett konto, så inget nytt skapades och ditt konto är oförändrat.\n\nVar det du? Logga in här: {loginUrl}\n\nVar det inte du behöver du inte göra något.\n\n– Fråga en gång",
};

const en: Record<keyof typeof sv, string> = {
  "time.seconds": "{count} seconds",
  "time.minutes": "{count} minutes",
  "errors.signInWait": "Too many failed sign-in attempts from here. Wait {wait} and try again.",
  "errors.passwordCommon":
    "That password is one of the most common ones and easy to guess. Choose another – a sentence of several words is easy to remember.",
  "errors.passwordRepeated": "The password must not be one and the same character repeated.",
  "errors.lastAdmin": "The last administrator's role cannot be removed. Make someone else an administrator first.",
  "errors.lastCoordinator": "The last coordinator's role cannot be removed. Make someone else a coordinator first.",

  "account.sessionsTitle": "Sign out on other devices",
  "account.sessionsText":
    "Signed in on a computer or phone you no longer have access to? Sign out everywhere except here.",
  "account.sessionsSubmit": "Sign out on all other devices",
  "account.sessionsEnded": "You are signed out on all other devices.",

  "nav.mail": "Outgoing e-mail",
  "admin.mail.title": "Outgoing e-mail",
  "admin.mail.intro":
    "E-mail the portal sends, newest first. Mail that could not be sent is retried automatically; mail that gave up can be queued again.",
  "admin.mail.smtpOff": "No mail server is set up (SMTP_URL is missing), so nothing is sent: the mail is kept here for you to read.",
  "admin.mail.none": "No e-mail yet.",
  "admin.mail.table": "Mail",
  "admin.mail.created": "Created",
  "admin.mail.to": "To",
  "admin.mail.subject": "Subject",
  "admin.mail.status": "Status",
  "admin.mail.status.queued": "Waiting to be sent",
  "admin.mail.status.sent": "Sent",
  "admin.mail.status.failed": "Could not be sent",
  "admin.mail.attempts": "Attempts: {count}",
  "admin.mail.error": "Last error: {error}",
  "admin.mail.show": "Show the mail",
  "admin.mail.retry": "Send again",
  "admin.mail.retried": "The mail is queued to be sent again.",
  "admin.mail.link": "Outgoing e-mail",
  "errors.mailInvalid": "The mail does not exist. Reload the page and try again.",

  "mail.signUpExisting.subject": "Someone tried to create an account with your e-mail address",
  "mail.signUpExisting.text":
    "Hello {name},\n\nSomeone just tried to create an account on Fråga en gång with your e-mail address. You already have an account, so no new one was created and yours is unchanged.\n\nWas it you? Sign in here: {loginUrl}\n\nIf it was not you, there is nothing you need to do.\n\n– Fråga en gång",
};

export const accountMessages = { sv, en };
