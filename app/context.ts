/** What the HTTP server (server.ts) hands every loader and action, and Remix's typing switches. */
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Nonce for the inline scripts Remix renders, allowed by the Content-Security-Policy. */
    cspNonce: string;
    /** The client's IP address, for throttling sign-in attempts. */
    clientAddress: string;
  }
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
