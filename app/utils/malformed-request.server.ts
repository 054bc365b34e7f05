import type { NextFunction, Request, Response } from "express";

/**
 * Requests no browser sends, refused before Remix, which fails on each of them with a bare 500:
 * a method the Fetch API has no Request for (TRACE, CONNECT), a Host header that is no host, a
 * path that is not UTF-8, and a path with a backslash, which the router reads as a URL it cannot
 * parse (and browsers as "//", another site).
 */
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

// Plain text in both languages: the request is refused before the locale cookie matters.
const MALFORMED = "Adressen är felaktig: förfrågan kan inte besvaras.\nThe address is malformed: the request cannot be answered.\n";
const METHOD = `Metoden stöds inte. Portalen tar emot ${METHODS.join(", ")}.\nThe method is not supported. The portal takes ${METHODS.join(", ")}.\n`;

export function refuseMalformedRequests(req: Request, res: Response, next: NextFunction) {
  if (!METHODS.includes(req.method)) {
    res.status(405).set("Allow", METHODS.join(", ")).type("text/plain; charset=utf-8").send(METHOD);
    return;
  }
  if (!wellFormed(req)) {
    res.status(400).type("text/plain; charset=utf-8").send(MALFORMED);
    return;
  }
  next();
}

function wellFormed(req: Request) {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return false;
  }
  if (path.includes("\\")) return false;
  // The address Remix's Express adapter builds, and the Request it makes of it.
  const portOf = (header: string) => /:(\d+)$/.exec(req.get(header) ?? "")?.[1];
  const port = portOf("X-Forwarded-Host") ?? portOf("host");
  try {
    new Request(new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`), { method: req.method });
    return Boolean(req.hostname);
  } catch {
    return false;
  }
}
