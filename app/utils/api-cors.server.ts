import type { NextFunction, Request, Response } from "express";
import { apiMessage } from "../i18n/api-message";

/**
 * CORS for the public API (ADR 037): any site may read `/api/*` with GET or HEAD, and a browser's
 * preflight (OPTIONS) is answered here, before Remix, which has no OPTIONS. No credentials: the
 * API answers everyone alike. Nothing outside /api/* is opened.
 */
export const API_CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag, Retry-After",
} as const;

const PREFLIGHT_HEADERS = {
  ...API_CORS_HEADERS,
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since, Accept-Language",
  "Access-Control-Max-Age": "86400",
} as const;

export function openApiToOtherSites(req: Request, res: Response, next: NextFunction) {
  if (!req.path.startsWith("/api/")) {
    next();
    return;
  }
  // helmet's same-origin would keep other sites' no-cors reads out.
  res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
  if (req.method === "OPTIONS") {
    res
      .set({ ...PREFLIGHT_HEADERS, Allow: "GET, HEAD, OPTIONS" })
      .status(204)
      .end();
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    // Remix would answer a write to a route without an action with its own English 405.
    res
      .status(405)
      .set("Allow", "GET, HEAD, OPTIONS")
      .json({ error: apiMessage("api.readOnly") });
    return;
  }
  res.set(API_CORS_HEADERS);
  next();
}
