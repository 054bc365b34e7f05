import type { NextFunction, Request, Response } from "express";

/**
 * The largest request body the portal reads. Its biggest form (a task's answer: 10 000 characters
 * of text, 20 000 of addresses and 50 dataset ids) is well under 100 kB and nothing is uploaded, so
 * this is no setting for operators: it only stops a client from making Remix hold a huge body in
 * memory while it parses a form.
 */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

// Plain text in both languages: the body is refused before the locale cookie matters.
const TOO_LARGE = "Förfrågan är för stor: ett formulär får vara högst 1 MB.\n" + "The request is too large: a form may be at most 1 MB.\n";

function refuse(res: Response) {
  if (res.headersSent) return;
  // The rest of the body is not read: close the connection rather than keep it alive for it.
  res.status(413).set("Connection", "close").type("text/plain; charset=utf-8").send(TOO_LARGE);
}

/**
 * Refuses a body over MAX_REQUEST_BODY_BYTES with 413 before Remix reads it: at once when its
 * Content-Length says so, and for a body sent without a length (chunked) as soon as the bytes
 * counted so far pass the limit.
 */
export function limitRequestBodies(req: Request, res: Response, next: NextFunction) {
  const length = req.get("content-length");
  if (length !== undefined) {
    if (Number(length) > MAX_REQUEST_BODY_BYTES) {
      refuse(res);
      return;
    }
    // Node's HTTP parser ends the body at Content-Length, so a declared length cannot be exceeded.
    next();
    return;
  }
  if (req.get("transfer-encoding") !== undefined) {
    let received = 0;
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= MAX_REQUEST_BODY_BYTES) return;
      req.off("data", count);
      res.locals.bodyTooLarge = true;
      refuse(res);
      // This listener runs before Remix's, which has not seen this chunk: the error makes Remix's
      // read of the form fail rather than end with a truncated body an action could act on. Remix's
      // answer to that failure then meets a sent response and is dropped by refusedBodyErrors.
      if (req.listenerCount("error") > 0) req.emit("error", new Error("request body over the limit"));
      res.on("finish", () => req.destroy());
    };
    // Paused first, so that listening does not start the flow before Remix listens too and no
    // chunk passes by Remix unseen.
    req.pause();
    req.on("data", count);
  }
  next();
}

/** After the Remix handler: a request already refused by limitRequestBodies needs no error page. */
export function refusedBodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction) {
  if (res.locals.bodyTooLarge === true) return;
  next(error);
}
