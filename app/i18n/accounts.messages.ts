/** Interface texts of sign-in throttling, sign-up, the account page, role guards and the mail outbox; merged in messages.ts. */
const sv = {
  "time.seconds.one": "{count} sekund",
  "time.seconds.other": "{count} sekunder",
  "time.minutes.one": "{count} minut",
  "time.minutes.other": "{count} minuter",
  "errors.signInWait": "För många misslyckade inloggningsförsök härifrån. Vänta {wait} och försök igen.",
  "errors.passwordCommon":
    "Lösenordet är ett av de vanligaste lösenorden och gissas lätt. Välj ett annat – en mening av flera ord är lätt att minnas.",
  "errors.passwordRepeated": "Lösenordet får inte bestå av ett och samma tecken upprepat.",
  "errors.lastAdmin": "Det går inte att ta bort den sista administratörens roll. Ge först rollen administratör till någon annan.",
  "errors.lastCoordinator": "Det går inte att ta bort den sista samordnarens roll. Ge först rollen samordnare till någon annan.",

  "account.sessionsTitle": "Logga ut på andra enheter",
  "account.sessionsText": "Har du loggat in på en dator eller telefon som du inte längre har tillgång till? Logga ut överallt utom här.",
  "account.sessionsSubmit": "Logga ut på alla andra enheter",
  "account.sessionsEnded": "Du är utloggad på alla andra enheter.",

  "nav.mail": "Utgående e-post",
  "admin.mail.title": "Utgående e-post",
  "admin.mail.intro":
    "E-post som portalen skickar, senaste först. Brev som inte gick att skicka försöks igen automatiskt; de som gett upp kan du köa igen.",
  "admin.mail.smtpOff": "Ingen e-postserver är inställd (SMTP_URL saknas), så inget skickas: breven sparas här, där du kan läsa dem.",
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

  "signup.checkEmail.title": "Titta i din e-post",
  "signup.checkEmail.text":
    "Vi har skickat ett brev till adressen du angav. Följ länken i brevet inom 24 timmar för att slutföra kontot. Har du redan ett konto med den adressen står det i brevet hur du loggar in.",
  "signup.checkEmail.noMail": "Inget brev? Titta i skräpposten, eller skapa kontot igen om en stund.",
  "signup.confirm.title": "Bekräfta ditt konto",
  "signup.confirm.text": "Skapa kontot för {email} och logga in.",
  "signup.confirm.submit": "Bekräfta och logga in",
  "errors.signUpLinkInvalid":
    "Länken är redan använd eller för gammal (den gäller i 24 timmar). Skapa kontot igen, eller logga in om det redan finns.",
  "mail.signUpConfirm.subject": "Bekräfta ditt konto i Fråga en gång",
  "mail.signUpConfirm.text":
    "Hej {name}!\n\nFölj länken för att skapa ditt konto i Fråga en gång och logga in:\n{confirmUrl}\n\nLänken gäller i 24 timmar och kan användas en gång. Var det inte du som skapade kontot behöver du inte göra något.\n\n– Fråga en gång",
  "mail.signUpConfirm.textNoLink":
    "Hej {name}!\n\nNågon skapade ett konto i Fråga en gång med din e-postadress, men portalen saknar sin publika adress (PUBLIC_URL) och kan inte skicka länken. Kontakta portalens förvaltare.\n\n– Fråga en gång",
  "mail.signUpExisting.textNoLink":
    "Hej {name}!\n\nNågon försökte just skapa ett konto i Fråga en gång med din e-postadress. Du har redan ett konto, så inget nytt skapades och ditt konto är oförändrat.\n\nVar det inte du behöver du inte göra något.\n\n– Fråga en gång",
};

const en: Record<keyof typeof sv, string> = {
  "time.seconds.one": "{count} second",
  "time.seconds.other": "{count} seconds",
  "time.minutes.one": "{count} minute",
  "time.minutes.other": "{count} minutes",
  "errors.signInWait": "Too many failed sign-in attempts from here. Wait {wait} and try again.",
  "errors.passwordCommon":
    "That password is one of the most common ones and easy to guess. Choose another – a sentence of several words is easy to remember.",
  "errors.passwordRepeated": "The password must not be one and the same character repeated.",
  "errors.lastAdmin": "The last administrator's role cannot be removed. Make someone else an administrator first.",
  "errors.lastCoordinator": "The last coordinator's role cannot be removed. Make someone else a coordinator first.",

  "account.sessionsTitle": "Sign out on other devices",
  "account.sessionsText": "Signed in on a computer or phone you no longer have access to? Sign out everywhere except here.",
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

  "signup.checkEmail.title": "Check your e-mail",
  "signup.checkEmail.text":
    "We have sent a message to the address you gave. Follow the link in it within 24 hours to finish your account. If you already have an account with that address, the message tells you how to sign in.",
  "signup.checkEmail.noMail": "No message? Look in your spam folder, or create the account again in a while.",
  "signup.confirm.title": "Confirm your account",
  "signup.confirm.text": "Create the account for {email} and sign in.",
  "signup.confirm.submit": "Confirm and sign in",
  "errors.signUpLinkInvalid":
    "The link has already been used or is too old (it is valid for 24 hours). Create the account again, or sign in if it exists.",
  "mail.signUpConfirm.subject": "Confirm your account on Fråga en gång",
  "mail.signUpConfirm.text":
    "Hello {name},\n\nFollow the link to create your account on Fråga en gång and sign in:\n{confirmUrl}\n\nThe link is valid for 24 hours and works once. If you did not create the account, there is nothing you need to do.\n\n– Fråga en gång",
  "mail.signUpConfirm.textNoLink":
    "Hello {name},\n\nSomeone created an account on Fråga en gång with your e-mail address, but the portal lacks its public address (PUBLIC_URL) and cannot send the link. Please contact the portal's operators.\n\n– Fråga en gång",
  "mail.signUpExisting.textNoLink":
    "Hello {name},\n\nSomeone just tried to create an account on Fråga en gång with your e-mail address. You already have an account, so no new one was created and yours is unchanged.\n\nIf it was not you, there is nothing you need to do.\n\n– Fråga en gång",
};

export const accountMessages = { sv, en };
