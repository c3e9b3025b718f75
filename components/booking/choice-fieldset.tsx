/**
 * The frame both booking pickers (day, slot) share: a required legend, a live status line (loading,
 * "choose the district first", which center serves it) and the field's error, tied to the group for
 * screen readers.
 */
export function ChoiceFieldset({
  legend,
  status,
  error,
  errorId,
  busy,
  children,
}: {
  legend: string;
  status: React.ReactNode;
  error?: string;
  errorId: string;
  busy?: boolean;
  children: React.ReactNode;
}) {
  return (
    <fieldset
      aria-describedby={error ? errorId : undefined}
      aria-busy={busy || undefined}
      data-invalid={error ? true : undefined}
    >
      <legend className="mb-1 block text-sm font-medium text-slate-700">
        {legend}
        <span className="ml-0.5 text-red-600" aria-hidden="true">
          *
        </span>
      </legend>
      <div aria-live="polite" className="mb-2 empty:hidden">
        {status}
      </div>
      {children}
      {error && (
        <p id={errorId} className="mt-2 text-sm text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
