/** A success message after a form was saved. */
export function SuccessNotice({ children }: { children: React.ReactNode }) {
  if (!children) return null;
  return (
    <div className="mb-8 border-l-8 border-go bg-white p-4" role="status">
      <p className="m-0 font-semibold">{children}</p>
    </div>
  );
}
