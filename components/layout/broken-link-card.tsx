import { Card } from "@/components/ui/card";

/**
 * The page a customer's link shows when it does not open (tracking or project link): one message for
 * every reason, nothing about any record, not indexed. `action` is an optional next step (book again).
 */
export function BrokenLinkCard({
  metaTitle,
  title,
  body,
  help,
  action,
}: {
  metaTitle: string;
  title: string;
  body: string;
  help: string;
  action?: React.ReactNode;
}) {
  return (
    <Card className="px-5 py-8 text-center">
      <title>{metaTitle}</title>
      <meta name="robots" content="noindex" />
      <span className="mx-auto flex size-14 items-center justify-center rounded-full bg-amber-50 text-amber-600 ring-1 ring-amber-200">
        <svg
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          className="size-7"
          aria-hidden="true"
        >
          <path d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1" strokeLinecap="round" />
          <path d="M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1" strokeLinecap="round" />
          <path d="M4 4l16 16" strokeLinecap="round" />
        </svg>
      </span>
      <h1 className="mt-4 text-xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-2 text-sm text-slate-600">{body}</p>
      <p className="mt-2 text-sm text-slate-600">{help}</p>
      {action}
    </Card>
  );
}
