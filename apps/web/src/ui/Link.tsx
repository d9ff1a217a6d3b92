import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { type Route, serializeRoute } from '../url/route';
import { navigate } from '../url/useRoute';

/** An ordinary link (open in new tab works) that navigates in-app on a plain click. */
export function Link({
  to,
  children,
  replace,
  ...rest
}: { to: Route | string; children: ReactNode; replace?: boolean } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const href = typeof to === 'string' ? to : serializeRoute(to);
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href, { replace });
  };
  return (
    <a {...rest} href={href} onClick={onClick}>
      {children}
    </a>
  );
}
