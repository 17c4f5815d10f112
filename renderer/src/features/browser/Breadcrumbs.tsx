import type { Crumb } from './selectors';
import type { Location } from './browser-store';

export function Breadcrumbs({ crumbs, onNavigate }: { readonly crumbs: readonly Crumb[]; readonly onNavigate: (location: Location) => void }) {
  return (
    <nav className="breadcrumbs" aria-label="Path" data-testid="breadcrumbs">
      {crumbs.map((crumb, i) => {
        const last = i === crumbs.length - 1;
        return (
          <span key={`${crumb.location.bucket ?? ''}/${crumb.location.prefix}`} className="crumb-wrap">
            {i > 0 ? <span className="crumb-sep" aria-hidden="true">›</span> : null}
            <button
              type="button"
              className="crumb"
              data-testid="crumb"
              aria-current={last ? 'location' : undefined}
              disabled={last}
              onClick={() => onNavigate(crumb.location)}
            >
              {crumb.label}
            </button>
          </span>
        );
      })}
    </nav>
  );
}
