"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export interface NavItem {
  href: string;
  label: string;
}

const styles = {
  pills: {
    nav: "-mx-1 flex gap-1 overflow-x-auto",
    // 44 px tall: the header's links are thumb targets on a phone.
    link: "inline-flex min-h-11 items-center whitespace-nowrap rounded-md px-3 text-sm font-medium",
    active: "bg-brand-50 text-brand-700",
    idle: "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
  },
  tabs: {
    nav: "-mx-1 flex gap-1 overflow-x-auto border-b border-slate-200",
    link: "-mb-px inline-flex min-h-11 items-center whitespace-nowrap border-b-2 px-3 text-sm font-medium",
    active: "border-brand-600 text-brand-700",
    idle: "border-transparent text-slate-600 hover:text-slate-900",
  },
} as const;

/**
 * Links to sections, the current one marked for the eye and for screen readers (aria-current); scrolls
 * sideways on a phone instead of wrapping. `pills`: the top navigation; `tabs`: a page's own tabs
 * (the config center).
 */
export function AdminNav({
  items,
  label = "Main",
  variant = "pills",
}: {
  items: NavItem[];
  label?: string;
  variant?: keyof typeof styles;
}) {
  const pathname = usePathname();
  const s = styles[variant];
  return (
    <nav aria-label={label} className={s.nav}>
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn(s.link, active ? s.active : s.idle)}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
