import type { ReactNode } from "react";

/**
 * What an action just did ("Sparat", "Skickat"), said once by screen readers as a polite status
 * and shown in the notice style; failures go to the error summary instead.
 */
export function StatusNotice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}
