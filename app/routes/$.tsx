import { GeneralErrorBoundary } from "../components/error-boundary";
import { notFound } from "../utils/http.server";

// Any address no other route claims is the shared 404 page.
export async function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
