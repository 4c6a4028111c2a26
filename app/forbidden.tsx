export const metadata = { title: "Not allowed", robots: { index: false } };

/** The 403 page: signed in, but the role does not allow this. */
export default function Forbidden() {
  return (
    <main id="main" className="wrap main">
      <h1>Not allowed</h1>
      <p>Your role does not allow this page. Ask an admin if you need it.</p>
      <p>
        <a href="/admin">Back to the dashboard</a>
      </p>
    </main>
  );
}
