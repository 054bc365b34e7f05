import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "../setup/free-port";

export interface ReceivedMail {
  /** The envelope's recipients. */
  to: string[];
  /** The message as it came over the wire. */
  raw: string;
}

/** A real SMTP server in this process; `reject` refuses every recipient, as a server that is down for us would. */
export async function startSmtp(options: { reject?: boolean } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (options.reject) return callback(new Error("550 mailbox unavailable"));
      callback();
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A received mail as a mail program reads it: decoded subject and text, and its headers by lower-case name. */
export async function readMail(mail: ReceivedMail) {
  const parsed = await simpleParser(mail.raw);
  const header = (name: string) => {
    const value = parsed.headerLines.find((line) => line.key === name.toLowerCase())?.line;
    // Unfolded as RFC 5322 says: a line break before white space is no part of the value.
    return value === undefined
      ? undefined
      : value
          .slice(value.indexOf(":") + 1)
          .replace(/\r?\n(?=[ \t])/g, "")
          .trim();
  };
  return { to: mail.to, subject: parsed.subject ?? "", text: parsed.text ?? "", header };
}
