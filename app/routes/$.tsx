import { GeneralErrorBoundary } from "../components/error-boundary";

// Any address no other route claims is the shared 404 page.
export async function loader() {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
